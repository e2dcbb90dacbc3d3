package parsers

import "testing"

func TestParsePlaywright(t *testing.T) {
	// failing.json, by hand: trunks.spec.ts has 5 tests (lists: passed;
	// creates: unexpected after a retry; rejects: flaky; deletes: skipped;
	// known bug: test.fail() that failed, so expected), numbers.spec.ts 2
	// (times out: unexpected; maps: passed), and one global error (the
	// auth spec does not load): 8 records, 3 failed, 1 skipped, 1 flaky.
	checkReportSample(t, parsePlaywright, "playwright/failing.json", tally{tests: 8, failed: 3, skipped: 1, flaky: 1}, []wantRec{
		{test: "[api] › trunks.spec.ts › lists trunks", line: 71, status: StatusUnknown},
		{test: "[api] › trunks.spec.ts › create › creates a trunk", line: 113, failed: true, retries: 1, status: 500,
			message: "Error: expected status 201, got 500"},
		{test: "[api] › trunks.spec.ts › create › rejects a bad alias", line: 190, retries: 1, status: StatusUnknown},
		{test: "[api] › trunks.spec.ts › create › deletes a trunk", line: 252, skipped: true, status: StatusUnknown},
		{test: "[api] › trunks.spec.ts › create › known bug: alias with spaces", line: 291, status: StatusUnknown},
		{test: "[api] › numbers.spec.ts › times out on the slow search", line: 354, failed: true, retries: 1, status: StatusUnknown,
			message: "Test timeout of 30000ms exceeded."},
		{test: "/home/ci/api-tests/tests/auth.spec.ts", line: 439, failed: true, status: StatusUnknown,
			message: "Error: Cannot find module './helpers/auth'"},
	})
	// passing.json: 4 tests, all expected (spec lines: the line of each
	// spec's opening brace, the one before its title).
	// passing.json: 4 tests, all expected.
	checkReportSample(t, parsePlaywright, "playwright/passing.json", tally{tests: 4}, nil)
}

func TestSniffPlaywright(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`{"config": {"rootDir": "/t", "projects": [{"name": "api"}]}, "suites": [], "errors": []}`, true},
		{`{"config": {}, "suites": [{"specs": [{"tests": [{"expectedStatus": "passed"}]}]}]}`, true},
		{`{"suites": [{"specs": []}], "stats": {}}`, false},
		{`{"results": {"tool": {"name": "playwright"}, "tests": []}}`, false},
		{`[{"config": 1}]`, false},
	}
	for _, tt := range tests {
		if got := sniffPlaywright([]byte(tt.in)); got != tt.want {
			t.Errorf("sniffPlaywright(%s): got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzPlaywright(f *testing.F) {
	f.Add(`{"config":{"rootDir":"/t","projects":[]},"suites":[{"title":"a.spec.ts","specs":[{"title":"t","tests":[{"projectName":"p","status":"flaky","results":[{"status":"failed","duration":1,"error":{"message":"HTTP 503"}},{"status":"passed","startTime":"2026-11-28T03:40:01.120Z"}]}]}],"suites":[{"title":"d","specs":[{"title":"u","tests":[{"status":"skipped","results":[]}]}]}]}],"errors":[{"message":"x"}]}`)
	f.Add("{\"suites\":[{\"specs\":[{\"tests\":[{\"status\":\"unexpected\",\"results\":[{\"status\":\"timedOut\"}]}]}]}\n,{\"title\":")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parsePlaywright, in, Options{})
	})
}
