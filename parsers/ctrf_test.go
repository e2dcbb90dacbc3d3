package parsers

import "testing"

func TestParseCTRF(t *testing.T) {
	// failing.json, by hand: 8 tests. lists: passed; creates: failed
	// after a retry; rejects: passed on a retry (flaky); deletes: skipped;
	// imports: pending (skipped); times out: other, rawStatus timedOut
	// (failed); cancelled: other, interrupted (failed); never scheduled:
	// other, unknown (skipped). 3 failed, 3 skipped, 1 flaky.
	checkReportSample(t, parseCTRF, "ctrf/failing.json", tally{tests: 8, failed: 3, skipped: 3, flaky: 1}, []wantRec{
		{test: "trunks.spec.ts > trunks › creates a trunk", line: 39, failed: true, retries: 1, status: 500,
			message: "Error: expected status 201, got 500"},
		{test: "trunks.spec.ts > trunks › rejects a bad alias", line: 53, retries: 1, status: StatusUnknown},
		{test: "numbers.spec.ts › times out on the slow search", line: 85, failed: true, status: StatusUnknown,
			message: "Test timeout of 30000ms exceeded."},
		{test: "numbers.spec.ts › was never scheduled", line: 105, skipped: true, status: StatusUnknown},
	})
	// passing.json: 3 passed tests; the environment's extra status, code
	// and success are metadata, no request.
	checkReportSample(t, parseCTRF, "ctrf/passing.json", tally{tests: 3}, nil)
}

func TestSniffCTRF(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`{"reportFormat": "CTRF", "specVersion": "0.0.0", "results": {}}`, true},
		{`{"results": {"tool": {"name": "jest"}, "summary": {"tests": 0}, "tests": []}}`, true},
		{`{"results": [{"endpoint": "/a", "status_code": 200}], "analysis": {"tool": 1, "summary": 2}}`, false},
		{`{"test_results": [], "tool": "x", "summary": {}}`, false},
	}
	for _, tt := range tests {
		if got := sniffCTRF([]byte(tt.in)); got != tt.want {
			t.Errorf("sniffCTRF(%s): got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzCTRF(f *testing.F) {
	f.Add(`{"results":{"tool":{"name":"x"},"summary":{},"tests":[{"name":"a","status":"failed","message":"HTTP 503","retries":2},{"name":"b","status":"passed","flaky":true,"start":1764301201120,"duration":3},{"name":"c","status":"other","rawStatus":"timedOut"}]}}`)
	f.Add("{\"results\":{\"tests\":[{\"name\":\"a\",\"status\":\"passed\"},\n{\"name\":")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parseCTRF, in, Options{})
	})
}
