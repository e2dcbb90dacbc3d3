package parsers

import (
	"os"
	"strings"
	"testing"
)

func TestK6Samples(t *testing.T) {
	tests := []struct {
		file string
		want loadTally
	}{
		// run.json (k6 0.40+ layout, "metric" first): 8 http_reqs points, each
		// followed by its 7 http_req_* timing points and its http_req_failed
		// point. Failed (http_req_failed 1): the 404, the request timeout, the
		// refused connection, the unknown host and the 503. Ends: four in hour
		// 12 (12:00:01 twice, 12:20:02, 12:59:03), four in hour 13. 17 points
		// of other metrics (vus 2, vus_max 1, checks 2, and data_sent,
		// data_received, iteration_duration, iterations 3 each): one note.
		{"run.json", loadTally{requests: 8, failed: 5,
			status:   map[int]int{200: 2, 201: 1, 404: 1, 503: 1, 0: 3},
			hours:    map[string]int{"2026-11-28T12": 4, "2026-11-28T13": 4},
			problems: 1}},
		// old_k6.json (k6 before 0.31: "metric" last, no http_req_failed, no
		// expected_response): 4 requests at 15:00+01:00, so hour 14 UTC; k6's
		// default verdict fails the 500 and the status 0.
		{"old_k6.json", loadTally{requests: 4, failed: 2,
			status: map[int]int{200: 2, 500: 1, 0: 1},
			hours:  map[string]int{"2026-11-28T14": 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs, probs := parseFile(t, parseK6, "../testdata/load/k6/"+tt.file)
			checkTally(t, tallyOf(recs, probs), tt.want)
		})
	}
}

func TestK6Records(t *testing.T) {
	recs, probs := parseFile(t, parseK6, "../testdata/load/k6/run.json")
	want := []struct {
		line     int
		method   string
		endpoint string
		status   int
		msg      string
		ms       float64
	}{
		{6, "GET", "https://api.example.test/v2/trunks", 200, "", 45.1},
		{25, "POST", "https://api.example.test/v2/trunks", 201, "", 120.5},
		{42, "GET", "https://api.example.test/v2/trunks/TR0404", 404, "", 30.2},
		{52, "POST", "https://api.example.test/v2/trunks", 0, "request timeout", 60000.8},
		{65, "GET", "https://api.example.test/v2/trunks/TR0001", 0, "dial tcp 127.0.0.1:8443: connect: connection refused", 0.6},
		{74, "GET", "https://api.example.invalid/v2/trunks", 0, "lookup api.example.invalid: no such host", 10},
		{84, "GET", "https://api.example.test/v2/trunks", 503, "", 12.3},
		{93, "GET", "https://api.example.test/v2/trunks/${}", 200, "", 50}, // the name tag the script set
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d", len(recs), len(want))
	}
	for i, w := range want {
		r := recs[i]
		if r.Line != w.line || r.Method != w.method || r.Endpoint != w.endpoint || r.Status != w.status || r.Message != w.msg ||
			!r.HasSeconds || r.Seconds*1000 < w.ms-1e-9 || r.Seconds*1000 > w.ms+1e-9 {
			t.Errorf("record %d: got %d %s %q %d %q %vs, want %d %s %q %d %q %vms", i,
				r.Line, r.Method, r.Endpoint, r.Status, r.Message, r.Seconds, w.line, w.method, w.endpoint, w.status, w.msg, w.ms)
		}
	}
	const note = "in: not requests, not counted: 17 points of other metrics (data_received 3, data_sent 3, iteration_duration 3, iterations 3, checks 2, 2 more)"
	if len(probs) != 1 || probs[0].Error() != note || probs[0].Lines != 0 {
		t.Errorf("got problems %q, want %q", probs, note)
	}
}

func TestK6Lines(t *testing.T) {
	const reqTags = `"tags":{"method":"GET","name":"http://h/a","status":"200","url":"http://h/a"}`
	tests := []struct {
		name     string
		in       string
		requests int
		failed   int
		seconds  float64
		problems []string
	}{
		{
			name: "a damaged line between requests is reported in line order",
			in: `{"metric":"http_reqs","type":"Point","data":{"time":"2026-11-28T12:00:00Z","value":1,` + reqTags + `}}` + "\n" +
				`{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-28T12:00:00Z","value":20,` + reqTags + `}}` + "\n" +
				"{not json\n",
			requests: 1, seconds: 0.020,
			problems: []string{"in:3: not a k6 JSON output line"},
		},
		{
			name: "http_req_failed 1 on a 200 (a response callback that expects 201)",
			in: `{"metric":"http_reqs","type":"Point","data":{"time":"2026-11-28T12:00:00Z","value":1,` + reqTags + `}}` + "\n" +
				`{"metric":"http_req_failed","type":"Point","data":{"time":"2026-11-28T12:00:00Z","value":1,` + reqTags + `}}` + "\n",
			requests: 1, failed: 1,
		},
		{
			name: "metadata beside the tags, and an orphan timing point",
			in: `{"metric":"http_reqs","type":"Point","data":{"time":"2026-11-28T12:00:00Z","value":1,` + reqTags + `,"metadata":{"vu":"1","iter":"0"}}}` + "\n" +
				`{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-28T12:00:00Z","value":7,` + reqTags + `,"metadata":{"vu":"1","iter":"0"}}}` + "\n" +
				`{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-28T12:00:09Z","value":7,` + reqTags + `}}` + "\n",
			requests: 1, seconds: 0.007,
			problems: []string{"in: 1 http_req_* points without their http_reqs point"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs := parseWith(t, parseK6, tt.in, Options{})
			failed := 0
			for _, r := range recs {
				if r.Failed {
					failed++
				}
			}
			if len(recs) != tt.requests || failed != tt.failed {
				t.Fatalf("got %d requests, %d failed, want %d, %d", len(recs), failed, tt.requests, tt.failed)
			}
			if tt.seconds > 0 && recs[0].Seconds != tt.seconds {
				t.Errorf("got %v s, want %v", recs[0].Seconds, tt.seconds)
			}
			problemsStart(t, probs, tt.problems)
		})
	}
}

func TestK6CodeText(t *testing.T) {
	for code, want := range map[string]string{
		"1050": "k6 error_code 1050: request timeout",
		"1101": "k6 error_code 1101: DNS name resolution failed",
		"1212": "k6 error_code 1212: dial: connection refused",
		"1310": "k6 error_code 1310: TLS error",
		"":     "",
	} {
		if got := k6CodeText(code); got != want {
			t.Errorf("k6CodeText(%q): got %q, want %q", code, got, want)
		}
	}
}

func TestSniffK6(t *testing.T) {
	for text, want := range map[string]bool{
		`{"type":"Metric","data":{"name":"vus","type":"gauge"},"metric":"vus"}`:                      true,
		`{"metric":"vus","type":"Point","data":{"time":"2026-11-28T12:00:00Z","value":1,"tags":{}}}`: true,
		`{"type":"Point","data":{"time":"2017-05-09T14:34:45Z","value":1,"tags":{}},"metric":"vus"}`: true,
		`{"timestamp":"2026-11-28T12:00:00Z","endpoint":"/a","status":200}`:                          false,
		`{"metrics":{"http_reqs":{"type":"counter"}}}`:                                               false,
	} {
		if got := sniffK6([]byte(text)); got != want {
			t.Errorf("sniffK6(%s): got %v, want %v", text, got, want)
		}
	}
}

func TestNextK6Request(t *testing.T) {
	data, err := os.ReadFile("../testdata/load/k6/run.json")
	if err != nil {
		t.Fatal(err)
	}
	at := nextK6Request(data[1:])
	if at < 0 || !strings.HasPrefix(string(data[1+at:]), `{"metric":"http_reqs","type":"Point"`) {
		t.Fatalf("nextK6Request: got %d, want the first http_reqs point", at)
	}
}

func FuzzK6(f *testing.F) {
	// The samples' first requests: whole files make each run slow.
	data, _ := os.ReadFile("../testdata/load/k6/run.json")
	f.Add(string(data[:min(len(data), 6<<10)]))
	old, _ := os.ReadFile("../testdata/load/k6/old_k6.json")
	f.Add(string(old[:min(len(old), 4<<10)]))
	f.Add(`{"metric":"http_reqs","type":"Point","data":{"time":"x","value":1,"tags":{"status":"0","error_code":"1050"}}}` + "\n{\"metric\":\"a\\\"\"}")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parseK6, in, Options{MaxLine: 512})
	})
}
