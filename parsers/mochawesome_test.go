package parsers

import "testing"

func TestParseMochawesome(t *testing.T) {
	// failing.json, by hand: Trunks API has 4 tests (lists: passed;
	// creates, gets a missing trunk: failed; deletes: pending), Numbers API
	// 1 (maps a DID: skipped after its "before all" hook failed) and the
	// failed hook itself: 6 records, 3 failed, 2 skipped.
	checkReportSample(t, parseMochawesome, "mochawesome/failing.json", tally{tests: 6, failed: 3, skipped: 2}, []wantRec{
		// chai's "expected 500 to equal 200" speaks of no status
		{test: "Trunks API creates a trunk", line: 55, failed: true, status: StatusUnknown, message: "AssertionError: expected 500 to equal 200"},
		// supertest's does, with the reason phrases
		{test: "Trunks API gets a missing trunk", line: 77, failed: true, status: 404, message: `Error: expected 200 "OK", got 404 "Not Found"`},
		{test: "Trunks API deletes a trunk", line: 99, skipped: true, status: StatusUnknown},
		{test: `Numbers API "before all" hook: seed the database`, line: 141, failed: true, status: 0, message: "Error: connect ECONNREFUSED 127.0.0.1:5432"},
	})
	// passing.json: 3 passed tests in nested suites; its passed hook is
	// no test.
	checkReportSample(t, parseMochawesome, "mochawesome/passing.json", tally{tests: 3}, nil)
}

func TestSniffMochawesome(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`{"stats": {"suites": 1, "passPercent": 100}, "results": []}`, true},
		{`{"results": [], "meta": {"mochawesome": {"version": "7.1.3"}}}`, true},
		{`{"stats": {"requests": 3}, "results": [{"status_code": 200}]}`, false},
	}
	for _, tt := range tests {
		if got := sniffMochawesome([]byte(tt.in)); got != tt.want {
			t.Errorf("sniffMochawesome(%s): got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzMochawesome(f *testing.F) {
	f.Add(`{"stats":{"start":"2026-11-28T03:41:00.100Z","passPercent":1},"results":[{"tests":[],"suites":[{"beforeHooks":[{"fullTitle":"h","state":"failed","err":{"message":"HTTP 502"}}],"tests":[{"fullTitle":"a","state":"passed","duration":3},{"title":"b","pending":true}],"suites":[]}]}]}`)
	f.Add("{\"results\":[{\"tests\":[{\"state\":\"failed\"}]},\n{\"suites\":[")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parseMochawesome, in, Options{})
	})
}
