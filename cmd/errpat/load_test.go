package main

import (
	"encoding/json"
	"math"
	"testing"
)

// loadReport is the part of the JSON report the load-test cases check.
type loadReport struct {
	Summary struct {
		Requests int `json:"requests"`
		Failed   int `json:"failed"`
	} `json:"summary"`
	ByStatus []struct {
		Status int    `json:"status"`
		Class  string `json:"class"`
		Count  int    `json:"count"`
	} `json:"by_status"`
	ByHour []struct {
		Hour     string `json:"hour"`
		Requests int    `json:"requests"`
	} `json:"by_hour"`
	ByEndpoint []struct {
		Method   string `json:"method"`
		Endpoint string `json:"endpoint"`
		Requests int    `json:"requests"`
		Failed   int    `json:"failed"`
	} `json:"by_endpoint"`
	Slow struct {
		P50 float64 `json:"p50_seconds"`
		P95 float64 `json:"p95_seconds"`
	} `json:"slow"`
	Inputs struct {
		Files        int `json:"files"`
		SkippedFiles int `json:"skipped_files"`
	} `json:"inputs"`
}

// TestCLILoadTesters reads the load testers' samples through the CLI and
// checks the counts worked out by hand in parsers/*_test.go and here.
func TestCLILoadTesters(t *testing.T) {
	type ep struct{ requests, failed int }
	tests := []struct {
		name      string
		files     []string
		requests  int
		failed    int
		status    map[int]int
		classes   map[string]int // failures by class, where the case says
		hours     map[string]int
		endpoints map[string]ep // "METHOD endpoint"
		p50, p95  float64       // nearest rank, seconds; 0: not checked
	}{
		{
			// 12 requests; elapsed sorted: 3 12 30 45 88 95 120 150 210 250
			// 340 30001 ms: p50 is rank 6 (95 ms), p95 rank 12 (30001 ms).
			name: "JMeter CSV", files: []string{"testdata/load/jmeter/api_run.jtl"},
			requests: 12, failed: 8,
			status:    map[int]int{200: 3, 201: 1, 404: 1, 422: 1, 500: 1, 0: 5},
			classes:   map[string]int{"timeout": 1, "dns": 1, "tls": 1, "network": 2},
			hours:     map[string]int{"2026-11-28T09:00:00Z": 6, "2026-11-28T10:00:00Z": 6},
			endpoints: map[string]ep{" /v2/trunks/{id}": {7, 5}, " /v2/trunks": {3, 2}, " /": {1, 0}, " /v2/login": {1, 1}},
			p50:       0.095, p95: 30.001,
		},
		{
			// 8 requests; durations sorted: 0.6 10 12.3 30.2 45.1 50 120.5
			// 60000.8 ms: p50 is rank 4 (30.2 ms).
			name: "k6", files: []string{"testdata/load/k6/run.json"},
			requests: 8, failed: 5,
			status:  map[int]int{200: 2, 201: 1, 404: 1, 503: 1, 0: 3},
			classes: map[string]int{"timeout": 1, "dns": 1, "network": 1},
			hours:   map[string]int{"2026-11-28T12:00:00Z": 4, "2026-11-28T13:00:00Z": 4},
			// GET /v2/trunks: requests 1, 6 (another host) and 7 (503).
			// GET /v2/trunks/{id}: 3 (404), 5 (timeout) and 8, which k6
			// names by its URL template (/v2/trunks/${}): an id by position.
			endpoints: map[string]ep{"GET /v2/trunks": {3, 2}, "POST /v2/trunks": {2, 1}, "GET /v2/trunks/{id}": {3, 2}},
			p50:       0.0302,
		},
		{
			// 9 requests; durations sorted: 5 10 30 45 50 120 150 250 60000
			// ms: p50 is rank 5 (50 ms), p95 rank 9.
			name: "Gatling", files: []string{"testdata/load/gatling/simulation.log"},
			requests: 9, failed: 7,
			status:    map[int]int{-1: 3, 404: 1, 500: 1, 0: 4},
			hours:     map[string]int{"2026-11-28T14:00:00Z": 9},
			endpoints: map[string]ep{" Create Trunk": {1, 0}, " Get Trunk": {3, 2}, " Delete Trunk": {2, 2}, " Login": {3, 3}},
			p50:       0.050, p95: 60.000,
		},
		{
			// Every sample at once: 330 JMeter requests (12 + 5 + 255 + 7 +
			// 51), 12 k6 (8 + 4), 19 Gatling (9 + 2 + 8); failed 29 + 7 + 8.
			name: "all samples",
			files: []string{"testdata/load/jmeter/api_run.jtl", "testdata/load/jmeter/default_columns.csv",
				"testdata/load/jmeter/HTMLReportTestFile.csv", "testdata/load/jmeter/api_run.xml", "testdata/load/jmeter/Bug56811.xml",
				"testdata/load/k6/run.json", "testdata/load/k6/old_k6.json", "testdata/load/gatling/simulation.log",
				"testdata/load/gatling/simulation_3.3.log", "testdata/load/gatling/simulation_with_known_stats.log"},
			requests: 361, failed: 44,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append([]string{"--tz", "UTC", "--format", "json"}, tt.files...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var rep loadReport
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Inputs.Files != len(tt.files) || rep.Inputs.SkippedFiles != 0 {
				t.Errorf("got %d files, %d skipped; want %d read", rep.Inputs.Files, rep.Inputs.SkippedFiles, len(tt.files))
			}
			if rep.Summary.Requests != tt.requests || rep.Summary.Failed != tt.failed {
				t.Errorf("got %d requests, %d failed; want %d, %d", rep.Summary.Requests, rep.Summary.Failed, tt.requests, tt.failed)
			}
			status, classes := map[int]int{}, map[string]int{}
			for _, s := range rep.ByStatus {
				status[s.Status] += s.Count
				classes[s.Class] += s.Count
			}
			wantCounts(t, "status", status, tt.status)
			for c, n := range tt.classes {
				if classes[c] != n {
					t.Errorf("class %s: got %d, want %d", c, classes[c], n)
				}
			}
			hours := map[string]int{}
			for _, h := range rep.ByHour {
				hours[h.Hour] += h.Requests
			}
			wantCounts(t, "hour", hours, tt.hours)
			eps := map[string]ep{}
			for _, e := range rep.ByEndpoint {
				eps[e.Method+" "+e.Endpoint] = ep{e.Requests, e.Failed}
			}
			for k, w := range tt.endpoints {
				if eps[k] != w {
					t.Errorf("endpoint %q: got %+v, want %+v (all: %v)", k, eps[k], w, eps)
				}
			}
			within(t, "p50", rep.Slow.P50, tt.p50)
			within(t, "p95", rep.Slow.P95, tt.p95)
		})
	}
}

// wantCounts checks got against want, both ways; a nil want is not checked.
func wantCounts[K comparable](t *testing.T, what string, got, want map[K]int) {
	t.Helper()
	if want == nil {
		return
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s %v: got %d, want %d", what, k, got[k], n)
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s %v: got %d, want none", what, k, n)
		}
	}
}

// within checks a quantile against the value at its rank, to the
// sketch's 1% relative bound plus the report's rounding to milliseconds.
func within(t *testing.T, what string, got, want float64) {
	t.Helper()
	if want != 0 && math.Abs(got-want) > 0.01*want+0.0005 {
		t.Errorf("%s: got %v s, want %v s within 1%% (and 0.5 ms of rounding)", what, got, want)
	}
}
