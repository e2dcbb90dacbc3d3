package parsers

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"
)

func TestParseJSONDocuments(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     []Record
		problems []string // substrings, one per problem
	}{
		{
			name: "client results file",
			in: `{"total_tests": 2, "test_results": [
  {"test_name": "create_trunk", "endpoint": "/trunks", "method": "POST", "success": true,
   "result": {"status_code": 201}, "timestamp": "2026-11-28T03:21:20.219148"},
  {"test_name": "map_did", "endpoint": "/trunks/T1/phone-numbers", "method": "POST", "success": false,
   "result": {"status_code": 404, "error": "Not Found", "details": "{\"message\": \"Trunk with SID 'T1' not found\", \"code\": \"RESOURCE_NOT_FOUND\"}"},
   "timestamp": "2026-11-28T03:21:20.5"},
  {"test_name": "whitelist_ip", "endpoint": "/trunks/T1/whitelisted-ips", "method": "POST", "success": false,
   "result": {"error": "Network error", "details": "[Errno 111] Connection refused"}, "timestamp": "2026-11-28T03:21:21"}
]}`,
			want: []Record{
				{Format: FormatResults, Test: "create_trunk", Method: "POST", Endpoint: "/trunks", Status: 201, Line: 2},
				{Format: FormatResults, Test: "map_did", Method: "POST", Endpoint: "/trunks/T1/phone-numbers", Status: 404, Failed: true,
					Message: "Trunk with SID 'T1' not found", ErrorCode: "RESOURCE_NOT_FOUND", Line: 4},
				{Format: FormatResults, Test: "whitelist_ip", Method: "POST", Endpoint: "/trunks/T1/whitelisted-ips", Failed: true,
					Message: "[Errno 111] Connection refused", Line: 7},
			},
		},
		{
			name: "results file: a GET's error body is in response; an exception with no text is named by its class",
			in: `{"test_results": [
  {"test_name": "get_credentials", "endpoint": "/trunks/T1/credentials", "method": "GET", "success": false,
   "result": {"status_code": 404, "error": "Not Found", "response": {"message": "Trunk not found", "code": "RESOURCE_NOT_FOUND"}}},
  {"test_name": "get_phone_numbers", "endpoint": "/trunks/T1/phone-numbers", "method": "GET", "success": false,
   "result": {"error": "", "type": "TimeoutError"}},
  {"test_name": "get_ips", "endpoint": "/trunks/T1/whitelisted-ips", "method": "GET", "success": false,
   "result": {"error": "<urlopen error [Errno 111] Connection refused>", "type": "URLError"}},
  {"test_name": "map_did", "endpoint": "/trunks/T1/phone-numbers", "method": "POST", "success": false,
   "result": {"error": "Unexpected error", "details": "The read operation timed out"}}
]}`,
			want: []Record{
				{Format: FormatResults, Test: "get_credentials", Method: "GET", Endpoint: "/trunks/T1/credentials", Status: 404, Failed: true,
					Message: "Trunk not found", ErrorCode: "RESOURCE_NOT_FOUND", Line: 2},
				{Format: FormatResults, Test: "get_phone_numbers", Method: "GET", Endpoint: "/trunks/T1/phone-numbers", Failed: true,
					Message: "TimeoutError", Line: 4},
				{Format: FormatResults, Test: "get_ips", Method: "GET", Endpoint: "/trunks/T1/whitelisted-ips", Failed: true,
					Message: "[Errno 111] Connection refused", Line: 6},
				{Format: FormatResults, Test: "map_did", Method: "POST", Endpoint: "/trunks/T1/phone-numbers", Failed: true,
					Message: "The read operation timed out", Line: 8},
			},
		},
		{
			name: "load tester results, analysis.errors not counted again",
			in: `{"test_config": {}, "results": [
{"endpoint": "/trunks", "method": "POST", "status_code": 429, "response_time": 0.5, "success": false,
 "error_message": "{\"message\": \"Maximum 100 requests per minute exceeded\", \"retry_after\": 60}", "timestamp": "2025-01-13T22:19:00.000000"},
{"endpoint": "/trunks", "method": "POST", "status_code": 0, "response_time": 30.0, "success": false, "error_message": "Cannot connect to host", "timestamp": "2025-01-13T22:19:01"}
], "analysis": {"errors": [{"endpoint": "/trunks", "status_code": 429}]}}`,
			want: []Record{
				{Format: FormatLoad, Method: "POST", Endpoint: "/trunks", Status: 429, Failed: true, Message: "Maximum 100 requests per minute exceeded", Line: 2},
				{Format: FormatLoad, Method: "POST", Endpoint: "/trunks", Status: 0, Failed: true, Message: "Cannot connect to host", Line: 4},
			},
		},
		{
			name: "load tester entries: the first of a repeated key counts, an entry without a request's fields is not one",
			in: `{"results": [
{"endpoint": "/a", "status_code": 503, "endpoint": "/b", "status_code": 200, "method": "get", "method": "put"},
7,
{"endpoint": "/c"},
{"status_code": 200}
]}`,
			want: []Record{
				{Format: FormatLoad, Method: "GET", Endpoint: "/a", Status: 503, Failed: true, Line: 2},
			},
			problems: []string{"not a request object", "not a request object", "not a request object"},
		},
		{
			name: "array of request objects",
			in:   `[{"url": "https://h/v2/x?y=1", "statusCode": 503, "responseTime": 120}]`,
			want: []Record{{Format: FormatJSONArray, Endpoint: "https://h/v2/x?y=1", Status: 503, Failed: true, Line: 1}},
		},
		{
			name:     "truncated file keeps what came before",
			in:       "{\"test_results\": [\n{\"test_name\": \"a\", \"endpoint\": \"/a\", \"method\": \"GET\", \"success\": true, \"result\": {\"status_code\": 200}},\n{\"test_name\": \"b\", \"endp",
			want:     []Record{{Format: FormatResults, Test: "a", Method: "GET", Endpoint: "/a", Status: 200, Line: 2}},
			problems: []string{"invalid JSON"},
		},
		{
			name:     "object without records",
			in:       `{"hello": "world"}`,
			problems: []string{"holds no request records"},
		},
		{
			name:     "scalar document",
			in:       `42`,
			problems: []string{"not an object or an array"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, probs := collect(t, ParseJSON, tt.in)
			checkRecords(t, recs, tt.want)
			if len(probs) != len(tt.problems) {
				t.Fatalf("got problems %v, want %d", probs, len(tt.problems))
			}
			for i, p := range probs {
				if !strings.Contains(p.Err, tt.problems[i]) || p.Source != "in.log" {
					t.Errorf("problem %d: got %v, want %q", i, p, tt.problems[i])
				}
			}
		})
	}
}

func checkRecords(t *testing.T, recs, want []Record) {
	t.Helper()
	if len(recs) != len(want) {
		t.Fatalf("got %d records %+v, want %d", len(recs), recs, len(want))
	}
	for i, w := range want {
		g := recs[i]
		if g.Format != w.Format || g.Test != w.Test || g.Method != w.Method || g.Endpoint != w.Endpoint ||
			g.Status != w.Status || g.Failed != w.Failed || g.Message != w.Message || g.ErrorCode != w.ErrorCode || g.Line != w.Line {
			t.Errorf("record %d:\ngot  %+v\nwant %+v", i, g, w)
		}
	}
}

func TestParseJSONLoadTimesAreUTC(t *testing.T) {
	in := `{"results": [{"endpoint": "/a", "status_code": 201, "success": true, "timestamp": "2025-01-13T22:19:00"}]}`
	var got time.Time
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	ParseJSON(strings.NewReader(in), "l.json", Options{Location: kolkata}, Sink{Record: func(r *Record) { got = r.Time }})
	if want := time.Date(2025, 1, 13, 22, 19, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestParseJSONLines(t *testing.T) {
	in := `{"timestamp": "2025-01-14T23:56:30Z", "endpoint": "/trunks/TR0C/whitelisted-ips", "response_time": 2.65, "status_code": 201}
{"time": 1736899200000, "path": "/a", "statusCode": "500", "duration_ms": 1500}

not json
{"endpoint": "/b", "status": 404, "responseTime": 12, "error": {"message": "gone", "code": "RESOURCE_NOT_FOUND"}}
["an", "array"]
`
	recs, _, probs := collect(t, ParseJSONLines, in)
	checkRecords(t, recs, []Record{
		{Format: FormatJSONLines, Endpoint: "/trunks/TR0C/whitelisted-ips", Status: 201, Line: 1},
		{Format: FormatJSONLines, Endpoint: "/a", Status: 500, Failed: true, Line: 2},
		{Format: FormatJSONLines, Endpoint: "/b", Status: 404, Failed: true, Message: "gone", ErrorCode: "RESOURCE_NOT_FOUND", Line: 5},
	})
	secs := []float64{2.65, 1.5, 0.012}
	for i, r := range recs {
		if !r.HasSeconds || r.Seconds != secs[i] {
			t.Errorf("record %d: got %v s, want %v s", i, r.Seconds, secs[i])
		}
	}
	if !recs[1].Time.Equal(time.UnixMilli(1736899200000)) {
		t.Errorf("epoch milliseconds: got %v", recs[1].Time)
	}
	if len(probs) != 2 || probs[0].Line != 4 || probs[1].Line != 6 {
		t.Errorf("got problems %v, want lines 4 and 6", probs)
	}
}

func TestParseNewman(t *testing.T) {
	in := `{"run": {"timings": {"started": 1795836555233}, "executions": [
 {"item": {"id": "i1", "name": "Create"}, "request": {"method": "POST", "url": {"path": ["v2", "trunks"]}},
  "response": {"code": 201, "responseTime": 45}, "assertions": [{"assertion": "ok"}]},
 {"item": {"id": "i2", "name": "Get"}, "request": {"method": "GET", "url": "https://h/v2/trunks/T1?api_key=x"},
  "response": {"code": 501, "responseTime": 10}, "assertions": [{"error": {"message": "expected response code to be 2XX but found 501"}}]},
 {"item": {"id": "i3", "name": "Down"}, "request": {"method": "GET", "url": {"path": ["x"]}},
  "requestError": {"code": "ECONNREFUSED", "message": "connect ECONNREFUSED 127.0.0.1:1"}}
]}}`
	recs, runs, _ := collect(t, ParseJSON, in)
	checkRecords(t, recs, []Record{
		{Format: FormatNewman, Test: "Create", Method: "POST", Endpoint: "/v2/trunks", Status: 201, Line: 2},
		{Format: FormatNewman, Test: "Get", Method: "GET", Endpoint: "https://h/v2/trunks/T1?api_key=x", Status: 501, Failed: true,
			Message: "expected response code to be 2XX but found 501", Line: 4},
		{Format: FormatNewman, Test: "Down", Method: "GET", Endpoint: "/x", Status: 0, Failed: true,
			Message: "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1", Line: 6},
	})
	if recs[0].Key != "newman:i1@1795836555233" || recs[0].Seconds != 0.045 {
		t.Errorf("got key %q, %v s; want newman:i1@1795836555233, 0.045 s", recs[0].Key, recs[0].Seconds)
	}
	if len(runs) != 1 || runs[0].Requests != 3 {
		t.Errorf("got runs %+v, want one run of 3 requests", runs)
	}
}

func FuzzJSON(f *testing.F) {
	f.Add(`{"test_results": [{"test_name": "a", "result": {"status_code": 200}}]}`)
	f.Add(`{"results": [{"endpoint": "/a"}], "analysis": {}}`)
	f.Add(`{"run": {"timings": {"started": 1}, "executions": [{"item": {"id": "x"}}]}}`)
	f.Add(`[{"url": "/a", "status": 500}, 3]`)
	f.Fuzz(func(t *testing.T, in string) {
		lines := strings.Count(in, "\n") + 1
		// Read as is, and as a results file whose requests are counted
		// already: the same records by key and format, the same runs and
		// problems, in both CountResults' count when it gives one.
		type read struct {
			keys     []string
			runs     int
			problems []Problem
		}
		var reads [2]read
		for i, counted := range []bool{false, true} {
			rd := &reads[i]
			opt := Options{Counted: func(string) bool { return counted }}
			err := ParseJSON(strings.NewReader(in), "f", opt, Sink{
				Record: func(r *Record) {
					if r.Line < 1 || r.Line > lines {
						t.Fatalf("record line %d outside 1..%d", r.Line, lines)
					}
					rd.keys = append(rd.keys, string(r.Format)+" "+r.Key)
				},
				Run: func(Run) { rd.runs++ },
				Problem: func(p Problem) {
					if p.Source != "f" || p.Line < 0 || p.Line > lines {
						t.Fatalf("bad problem %+v", p)
					}
					rd.problems = append(rd.problems, p)
				},
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if !reflect.DeepEqual(reads[0].keys, reads[1].keys) || reads[0].runs != reads[1].runs || !reflect.DeepEqual(reads[0].problems, reads[1].problems) {
			t.Fatalf("counted read differs: %+v\nfull read: %+v", reads[1], reads[0])
		}
		if d, ok := CountResults(strings.NewReader(in)); ok && (d.N != len(reads[0].keys) || len(reads[0].problems) > 0) {
			t.Fatalf("CountResults gave %d, the full read %d records and problems %v", d.N, len(reads[0].keys), reads[0].problems)
		}
	})
}

// jsonLinesByGJSON reads JSON lines as ParseJSONLines did before its
// fast paths: each line copied, checked by gjson.Valid, its members read
// by ForEach, its time parsed whole.
func jsonLinesByGJSON(in string, opt Options) (recs []Record, probs []Problem) {
	problem := func(n int, why string) { probs = append(probs, Problem{Source: "f", Line: n, Lines: 1, Err: why}) }
	eachJSONLine(strings.NewReader(in), "f", opt, problem, func(line []byte, n int) {
		s := string(line)
		if !gjson.Valid(s) || nesting(s) > maxDepth {
			problem(n, "invalid JSON line")
			return
		}
		rec := Record{Source: "f", Line: n, Format: FormatJSONLines}
		if obj := gjson.Parse(s); !obj.IsObject() || !objectRecord(obj, opt.Location, &rec) {
			problem(n, "JSON line is "+notRequest)
			return
		}
		recs = append(recs, rec)
	})
	return recs, probs
}

func FuzzJSONLines(f *testing.F) {
	f.Add("{\"endpoint\": \"/a\", \"status\": 200}\n{bad\n")
	f.Add("{\"timestamp\": \"2025-01-14T23:56:30Z\", \"status_code\": \"x\"}")
	f.Add(`{"timestamp": "2025-01-13T00:00:01Z", "endpoint": "/trunks/TRB65ED5A6/settings", "response_time": 0.274, "status_code": 500, "error": "Internal Server Error"}
{"timestamp": "2025-01-13T00:59:59.5Z", "endpoint": "/trunks", "response_time": 1.103, "status_code": 503, "error": "Internal Server Error"}
{"timestamp": "2025-01-13T01:00:00Z", "endpoint": "/trunks", "method": "post", "responseTime": 12, "status": "429", "error": {"message": "slow \u00e9", "retry_after": 3}}
{"endpoint": "/a\/b", "status_code": 2e2, "endpoint": "/c", "status": 404, "x": [1, {"y": null}], "request": {"method": "GET"}}`)
	f.Fuzz(func(t *testing.T, in string) {
		// The same records and problems as the reading by gjson, kept
		// past the end of the reading (no string left in the reader's
		// buffer).
		opt := Options{Location: time.UTC, MaxLine: 1 << 12}
		var recs []Record
		var probs []Problem
		if err := ParseJSONLines(strings.NewReader(in), "f", opt, Sink{
			Record:  func(r *Record) { recs = append(recs, *r) },
			Problem: func(p Problem) { probs = append(probs, p) },
		}); err != nil {
			t.Fatal(err)
		}
		wantRecs, wantProbs := jsonLinesByGJSON(in, opt)
		if !reflect.DeepEqual(recs, wantRecs) || !reflect.DeepEqual(probs, wantProbs) {
			t.Fatalf("got %+v, %+v\nwant %+v, %+v", recs, probs, wantRecs, wantProbs)
		}

		lines := strings.Count(in, "\n") + 1
		last := 0
		err := ParseJSONLines(strings.NewReader(in), "f", Options{MaxLine: 128}, Sink{
			Record: func(r *Record) {
				if r.Line <= last || r.Line > lines {
					t.Fatalf("record line %d after %d, of %d", r.Line, last, lines)
				}
				last = r.Line
			},
			Problem: func(p Problem) {
				if p.Line < 1 || p.Line > lines {
					t.Fatalf("problem line %d of %d", p.Line, lines)
				}
			},
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestSmallAndStreamedJSONAgree keeps the two ways of reading a document
// in step: whole (small files) and streamed (large ones).
func TestSmallAndStreamedJSONAgree(t *testing.T) {
	for _, name := range []string{"../testdata/newman/newman_run1.json", "../testdata/real-client/test_results_20261128_032120.json",
		"../testdata/generated/logs/load_test_results_20250113_221900.json", "../testdata/generated/logs/test_results_20250113_043455.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		read := func(fn ParseFunc) ([]Record, []Run) {
			var recs []Record
			var runs []Run
			fn(bytes.NewReader(data), name, Options{Location: time.UTC}, Sink{
				Record: func(r *Record) { recs = append(recs, *r) },
				Run:    func(r Run) { runs = append(runs, r) },
			})
			return recs, runs
		}
		small, smallRuns := read(ParseJSON)
		streamed, streamedRuns := read(parseStreamJSON)
		if len(small) == 0 || !reflect.DeepEqual(small, streamed) || !reflect.DeepEqual(smallRuns, streamedRuns) {
			t.Errorf("%s: whole and streamed reads differ (%d and %d records)", name, len(small), len(streamed))
		}
	}
}

func TestResponseTimeForms(t *testing.T) {
	tests := []struct {
		line string
		want float64
	}{
		{`{"path": "/a", "status": 200, "response_time": 1.5}`, 1.5},
		{`{"path": "/a", "status": 200, "duration_ms": 250}`, 0.25},
		{`{"path": "/a", "status": 200, "responseTime": 12}`, 0.012},
		{`{"path": "/a", "status": 200, "duration": "350ms"}`, 0.35},
		{`{"path": "/a", "status": 200, "latency": 2500000000}`, 2.5},
		{`{"path": "/a", "status": 200, "duration": "bogus", "duration_ms": 40}`, 0.04},
	}
	for _, tt := range tests {
		recs, _, _ := collect(t, ParseJSONLines, tt.line)
		if len(recs) != 1 || !recs[0].HasSeconds || recs[0].Seconds != tt.want {
			t.Errorf("%s: got %+v, want %v s", tt.line, recs, tt.want)
		}
	}
}

func TestResultsWithoutSuccessField(t *testing.T) {
	in := `{"test_results": [{"test_name": "a", "endpoint": "/a", "result": {"status_code": 201}}, {"test_name": "b", "endpoint": "/b", "result": {"status_code": 503}}]}`
	recs, _, _ := collect(t, ParseJSON, in)
	if len(recs) != 2 || recs[0].Failed || !recs[1].Failed {
		t.Errorf("got %+v, want 201 passed and 503 failed", recs)
	}
}

// TestInvalidDocumentCountsTheRest checks that when a JSON document goes
// wrong, the lines from the fault to the end are counted as skipped.
func TestInvalidDocumentCountsTheRest(t *testing.T) {
	for _, tt := range []struct {
		name, doc  string
		line, rest int
	}{
		{"fault, then 3 more lines", "{\"test_results\": [\n{\"endpoint\": \"/a\", \"status_code\": 200},\n{\"endpoint\": x},\n{\"endpoint\": \"/b\"},\n{},\n]}\n", 3, 4},
		{"no final newline", "{\"test_results\": [\n{\"endpoint\": x},\n{}]}", 2, 2},
		{"truncated", "{\"test_results\": [\n{\"endpoint\": \"/a\", \"status_code\": 200},\n{\"endpo", 3, 1},
		{"fault in the first line", "{\"test_results\": x}\n\n", 1, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var probs []Problem
			recs := 0
			err := parseStreamJSON(strings.NewReader(tt.doc), "bad.json", Options{}, Sink{
				Record:  func(*Record) { recs++ },
				Problem: func(p Problem) { probs = append(probs, p) },
			})
			if err != nil || len(probs) != 1 {
				t.Fatalf("err %v, problems %+v; want one problem", err, probs)
			}
			if p := probs[0]; p.Line != tt.line || p.Lines != tt.rest {
				t.Errorf("problem at line %d, %d lines skipped (%s); want line %d, %d lines", p.Line, p.Lines, p.Err, tt.line, tt.rest)
			}
		})
	}
}

// TestCountedResultsAreOnlyCounted reads a results file whose requests
// are counted already: each entry is still handed on, with its key only,
// read whole and streamed; a file that is not counted is read in full.
func TestCountedResultsAreOnlyCounted(t *testing.T) {
	name := "../testdata/real-client/test_results_20261128_032120.json"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	read := func(fn ParseFunc, counted bool) ([]Record, int) {
		var recs []Record
		runs := 0
		opt := Options{Location: time.UTC, Counted: func(key string) bool {
			return counted && key == "results:test_results_20261128_032120.json"
		}}
		fn(bytes.NewReader(data), name, opt, Sink{
			Record: func(r *Record) { recs = append(recs, *r) },
			Run:    func(Run) { runs++ },
		})
		return recs, runs
	}
	full, _ := read(ParseJSON, false)
	if len(full) != 10 || full[0].Endpoint == "" {
		t.Fatalf("read in full: %d records, first %+v; want 10 with their endpoints", len(full), full[0])
	}
	for _, fn := range []ParseFunc{ParseJSON, parseStreamJSON} {
		recs, runs := read(fn, true)
		if len(recs) != len(full) || runs != 1 {
			t.Fatalf("counted: %d records and %d runs, want %d and 1", len(recs), runs, len(full))
		}
		for i, r := range recs {
			if r.Key != full[i].Key || r.Format != FormatResults || r.Endpoint != "" || r.Status != 0 {
				t.Errorf("counted record %d is %+v, want its key %q only", i, r, full[i].Key)
			}
		}
	}
}

// TestCutBodyLeavesNoPartOfASecret: a body longer than maxBody is cut
// where no token is split, wherever the secret sits against the cut.
func TestCutBodyLeavesNoPartOfASecret(t *testing.T) {
	const secret = "Zq9xW2mK7vB4nR8tYp3L"
	for shift := range len(secret) + 2 {
		for _, shape := range []string{`"password": "%s"`, "Authorization: Basic %s", "https://user:%s@h.example.com/x", "token=%s&"} {
			head := strings.Repeat("a ", (maxBody-len(shape)+shift)/2)
			body := head + strings.Replace(shape, "%s", secret, 1) + strings.Repeat(" z", 100)
			got := cutBody(body, maxBody)
			if len(got) > maxBody {
				t.Fatalf("got %d bytes, want at most %d", len(got), maxBody)
			}
			for n := 4; n <= len(secret); n++ {
				if strings.HasSuffix(got, secret[:n]) || strings.Contains(got, secret[:n]) && !strings.Contains(got, secret) {
					t.Errorf("shape %q shift %d: the cut leaves %q of the secret", shape, shift, secret[:n])
					break
				}
			}
		}
	}
	if got := cutBody(strings.Repeat("x", maxBody+1), maxBody); got != "" {
		t.Errorf("a body without a place to cut: got %d bytes, want none", len(got))
	}
}
