package parsers

import (
	"strings"
	"testing"
	"time"
)

// collect parses input with fn and returns what the sink received.
func collect(t *testing.T, fn ParseFunc, input string) ([]Record, []Run, []Problem) {
	t.Helper()
	var recs []Record
	var runs []Run
	var probs []Problem
	err := fn(strings.NewReader(input), "in.log", Options{Location: time.UTC}, Sink{
		Record:  func(r *Record) { recs = append(recs, *r) },
		Run:     func(r Run) { runs = append(runs, r) },
		Problem: func(p Problem) { probs = append(probs, p) },
	})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return recs, runs, probs
}

func TestParsePyLog(t *testing.T) {
	const start = "2026-11-28 03:21:12,727 - INFO - Starting API tests - Log file: /x/logs/api_test_1.log\n"
	const end = "2026-11-28 03:21:20,502 - INFO - 📊 Test Summary: 0/1 passed (0.0%)\n" +
		"2026-11-28 03:21:20,502 - INFO - 📁 Detailed results saved to: /x/logs/test_results_20261128_032120.json\n"
	tests := []struct {
		name     string
		in       string
		want     []Record // compared on the fields set here
		complete bool
		results  string
		problems int
	}{
		{
			name: "success with status",
			in: start + "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n" +
				"2026-11-28 03:21:12,791 - INFO - ✅ Create Trunk - Status: 201\n" + end,
			want:     []Record{{Test: "Create Trunk", Method: "POST", Endpoint: "/trunks", Status: 201, Line: 2, Seconds: 0.063}},
			complete: true, results: "test_results_20261128_032120.json",
		},
		{
			name: "HTTP error with multi-line JSON body",
			in: start + "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n" +
				"2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 400: Bad Request\n" +
				"2026-11-28 03:21:12,791 - ERROR - Error details: {\n" +
				"  \"error\": \"API Error\",\n  \"message\": \"Invalid trunk name\",\n  \"code\": \"VALIDATION_ERROR\"\n}\n",
			want: []Record{{Test: "Create Trunk", Method: "POST", Endpoint: "/trunks", Status: 400, Failed: true,
				Message: "Invalid trunk name", ErrorCode: "VALIDATION_ERROR", Line: 2, Seconds: 0.063}},
		},
		{
			name: "GET with HTML error page keeps the reason",
			in: "2026-11-28 03:21:11,308 - INFO - Testing GET Destination URIs: /trunks/TR7/destination-uris\n" +
				"2026-11-28 03:21:11,366 - ERROR - ❌ GET Destination URIs - HTTP 501: Unsupported method ('GET')\n" +
				"2026-11-28 03:21:11,367 - ERROR - Error response: <!DOCTYPE HTML>\n<html>\n</html>\n",
			want: []Record{{Test: "GET Destination URIs", Method: "GET", Endpoint: "/trunks/TR7/destination-uris",
				Status: 501, Failed: true, Message: "Unsupported method ('GET')", Line: 1, Seconds: 0.058}},
		},
		{
			name: "network error and exception have no HTTP status",
			in: "2026-11-28 03:21:20,186 - INFO - Testing Map DID: /trunks/TRD0WN/phone-numbers\n" +
				"2026-11-28 03:21:20,219 - ERROR - ❌ Map DID - Network error: [Errno 111] Connection refused\n" +
				"2026-11-28 03:21:20,219 - WARNING - Using fallback TRUNK_SID: TRD0WN\n" +
				"2026-11-28 03:21:20,366 - INFO - Testing GET Credentials: /trunks/TRD0WN/credentials\n" +
				"2026-11-28 03:21:20,413 - ERROR - ❌ GET Credentials - Exception: <urlopen error timed out>\n",
			want: []Record{
				{Test: "Map DID", Method: "POST", Endpoint: "/trunks/TRD0WN/phone-numbers", Failed: true, Message: "[Errno 111] Connection refused", Line: 1, Seconds: 0.033},
				{Test: "GET Credentials", Method: "GET", Endpoint: "/trunks/TRD0WN/credentials", Failed: true, Message: "timed out", Line: 4, Seconds: 0.047},
			},
		},
		{
			name: "notes are not requests",
			in: "2026-11-28 03:21:20,186 - INFO - Testing GET Phone Numbers: /trunks/T1/phone-numbers\n" +
				"2026-11-28 03:21:20,200 - INFO - ✅ GET Phone Numbers - Status: 200\n" +
				"2026-11-28 03:21:20,201 - INFO - ✅ Retrieved 3 phone number(s)\n" +
				"2026-11-28 03:21:20,202 - ERROR - ❌ TRUNK_SID required for GET phone numbers test\n",
			want: []Record{{Test: "GET Phone Numbers", Method: "GET", Endpoint: "/trunks/T1/phone-numbers", Status: 200, Line: 1, Seconds: 0.014}},
		},
		{
			name: "integration test markers and the step's own failure note",
			in: "2026-11-28 03:37:04,278 - INFO - Starting integration test - Log file: x.log\n" +
				"2026-11-28 03:37:04,326 - INFO - 🔄 Create Trunk: /trunks\n" +
				"2026-11-28 03:37:04,388 - ERROR - ❌ Create Trunk - Error: <urlopen error [Errno -2] Name or service not known>\n" +
				"2026-11-28 03:37:04,390 - ERROR - ❌ Trunk creation failed: <urlopen error [Errno -2] Name or service not known>\n" +
				"2026-11-28 03:37:04,391 - INFO - ✅ Cleanup completed\n" +
				"2026-11-28 03:37:04,391 - INFO - 📁 Test results saved to: /x/integration_test_results_1.json\n",
			want: []Record{{Test: "Create Trunk", Method: "POST", Endpoint: "/trunks", Failed: true,
				Message: "[Errno -2] Name or service not known", Line: 2, Seconds: 0.062}},
			complete: true, results: "integration_test_results_1.json",
		},
		{
			name: "logger name field and structured API_REQUEST records",
			in:   "2025-01-13 10:30:00,100 - api - INFO - API_REQUEST: {\"endpoint\": \"/trunks\", \"status_code\": 500, \"duration_ms\": 1500.0, \"success\": false, \"error_details\": \"boom\"}\n",
			want: []Record{{Endpoint: "/trunks", Status: 500, Failed: true, Message: "boom", Line: 1, Seconds: 1.5}},
		},
		{
			name:     "lines before the first timestamp are skipped and counted",
			in:       "garbage\nmore garbage\n2026-11-28 03:21:20,186 - INFO - Testing A: /a\n2026-11-28 03:21:20,286 - INFO - ✅ A - Status: 200\n",
			want:     []Record{{Test: "A", Method: "POST", Endpoint: "/a", Status: 200, Line: 3, Seconds: 0.1}},
			problems: 1,
		},
		{
			name: "CRLF line endings and ANSI colour",
			in:   "\x1b[32m2026-11-28 03:21:20,186 - INFO - Testing A: /a\x1b[0m\r\n2026-11-28 03:21:20,286 - INFO - ✅ A - Status: 204\r\n",
			want: []Record{{Test: "A", Method: "POST", Endpoint: "/a", Status: 204, Line: 1, Seconds: 0.1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, runs, probs := collect(t, ParsePyLog, tt.in)
			if len(recs) != len(tt.want) {
				t.Fatalf("got %d records %+v, want %d", len(recs), recs, len(tt.want))
			}
			for i, w := range tt.want {
				g := recs[i]
				if g.Test != w.Test || g.Method != w.Method || g.Endpoint != w.Endpoint || g.Status != w.Status ||
					g.Failed != w.Failed || g.Message != w.Message || g.ErrorCode != w.ErrorCode || g.Line != w.Line {
					t.Errorf("record %d: got %+v, want %+v", i, g, w)
				}
				if !g.HasSeconds || g.Seconds < w.Seconds-0.0005 || g.Seconds > w.Seconds+0.0005 {
					t.Errorf("record %d: got %v s, want %v s", i, g.Seconds, w.Seconds)
				}
			}
			if len(probs) != tt.problems {
				t.Errorf("got problems %v, want %d", probs, tt.problems)
			}
			if tt.complete {
				if len(runs) != 1 || !runs[0].Complete || runs[0].ResultsFile != tt.results {
					t.Errorf("got runs %+v, want one complete run naming %s", runs, tt.results)
				}
			}
		})
	}
}

func TestParsePyLogCrashedRun(t *testing.T) {
	in := "2025-01-13 15:37:15,694 - INFO - Starting API tests - Log file: x\n" +
		"2025-01-13 15:37:17,370 - INFO - Testing Add TCP Destination: /trunks/TRB1/destination-uris\n" +
		"2025-01-13 15:37:17,607 - INFO - ✅ Add TCP Destination - Status: 201\n" +
		"Traceback (most recent call last):\n  File \"t.py\", line 315, in make_get_request\n" +
		"json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n"
	recs, runs, probs := collect(t, ParsePyLog, in)
	if len(recs) != 1 || len(probs) != 0 {
		t.Fatalf("got %d records and problems %v, want 1 record and no problem", len(recs), probs)
	}
	if len(runs) != 1 || runs[0].Complete || runs[0].Requests != 1 || runs[0].LastRequest != "POST /trunks/TRB1/destination-uris" {
		t.Errorf("got runs %+v, want one incomplete run with its last request", runs)
	}
}

func TestParsePyLogServerLogHasNoRuns(t *testing.T) {
	in := "2026-11-28 03:21:10,963 - INFO - 📨 Request: POST /v2/accounts/acme1/trunks\n" +
		"2026-11-28 03:21:10,963 - INFO - 127.0.0.1 - \"POST /v2/accounts/acme1/trunks HTTP/1.1\" 201 -\n" +
		"2026-11-28 03:21:10,963 - INFO - ✅ Sent 201 response: {\n  \"sid\": \"TR7C02CC0F\"\n"
	recs, runs, probs := collect(t, ParsePyLog, in)
	if len(recs)+len(runs)+len(probs) != 0 {
		t.Errorf("got %d records, runs %v, problems %v; want none from a server's own log", len(recs), runs, probs)
	}
}

func TestParsePyLogLongLine(t *testing.T) {
	long := strings.Repeat("x", 3000)
	in := "2026-11-28 03:21:20,186 - INFO - Testing A: /a\n2026-11-28 03:21:20,190 - INFO - note " + long + "\n" +
		"2026-11-28 03:21:20,286 - INFO - ✅ A - Status: 200\n"
	var probs []Problem
	n := 0
	err := ParsePyLog(strings.NewReader(in), "in.log", Options{MaxLine: 1024}, Sink{
		Record: func(*Record) { n++ }, Problem: func(p Problem) { probs = append(probs, p) },
	})
	if err != nil || n != 1 {
		t.Fatalf("got %d records, err %v; want 1, nil", n, err)
	}
	if len(probs) != 1 || probs[0].Line != 2 || !strings.Contains(probs[0].Err, "cut") {
		t.Errorf("got problems %v, want one cut at line 2", probs)
	}
}

func FuzzPyLog(f *testing.F) {
	f.Add("2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 400: Bad Request\n2026-11-28 03:21:12,791 - ERROR - Error details: {\n \"message\": \"x\"\n}\n")
	f.Add("junk\n2026-11-28 03:21:20,502 - INFO - 📊 Test Summary: 0/10 passed (0.0%)\n")
	f.Add("2025-01-13 10:30:00,100 - api - INFO - API_REQUEST: {\"endpoint\": 1}\n")
	f.Add("2026-11-28 03:21:12,728 - INFO - Testing GET A: /a\n2026-11-28 03:21:12,729 - INFO - ✅ GET A - Status: 200\n2026-11-28 03:21:12,730 - ERROR - ❌ GET A - Exception: Expecting value: line 1 column 1 (char 0)\n")
	f.Add("2026-11-28 03:21:12,728 - INFO - Testing B: /b\n2026-11-28 03:21:42,729 - ERROR - ❌ B - Unexpected error: HTTPSConnectionPool(host='h', port=443): Max retries exceeded with url: /b (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))\n")
	f.Add("2026-11-28 03:21:12,728 - ERROR - ❌ C - Network error: <urlopen error ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))>\n")
	f.Add("DEBUG:urllib3.connectionpool:https://h:443 \"POST /v2/trunks HTTP/1.1\" 201 512\nINFO:root:POST https://h/v2/trunks - Status: 201\n")
	f.Add("2026-11-28 03:21:12,728 [INFO] httpx: HTTP Request: GET https://h/v2/a \"HTTP/1.1 429 Too Many Requests\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		lines := strings.Count(in, "\n") + 1
		check := func(line int) {
			if line < 0 || line > lines {
				t.Fatalf("line %d outside 1..%d", line, lines)
			}
		}
		err := ParsePyLog(strings.NewReader(in), "f", Options{MaxLine: 256}, Sink{
			Record:  func(r *Record) { check(r.Line) },
			Run:     func(r Run) { check(r.LastLine) },
			Problem: func(p Problem) { check(p.Line) },
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// A log excerpt without the client's opening line cannot be known to
// have crashed: its run is not reported incomplete.
func TestParsePyLogExcerptIsNotACrash(t *testing.T) {
	in := "2026-11-28 03:21:12,728 - INFO - Testing A: /a\n2026-11-28 03:21:12,791 - INFO - ✅ A - Status: 201\n"
	_, runs, _ := collect(t, ParsePyLog, in)
	if len(runs) != 1 || !runs[0].Complete || runs[0].Requests != 1 {
		t.Errorf("got runs %+v, want one run, not incomplete", runs)
	}
}
