package parsers

import "testing"

func TestParseGoTest(t *testing.T) {
	const trunks, numbers = "example.com/trunkapi/trunks ", "example.com/trunkapi/numbers "
	// failing.jsonl, by hand from its pass/fail/skip lines (5, 11, 16,
	// 21, 27, 32, 34, 57): 8 tests, 5 failed (TestCreateTrunk, TestTotals,
	// TestAlias/with_space, TestAlias, TestMapDID), 1 skipped. The two
	// package verdicts (lines 37, 59) repeat their tests' failures.
	checkReportSample(t, parseGoTest, "gotest/failing.jsonl", tally{tests: 8, failed: 5, skipped: 1}, []wantRec{
		{test: trunks + "TestListTrunks", line: 5, status: StatusUnknown},
		// the t.Errorf after the t.Log; a method and path: a status
		{test: trunks + "TestCreateTrunk", line: 11, failed: true, status: 429,
			message: "trunks_test.go:12: POST /v2/accounts/acc_test/trunks: got 429, want 201"},
		{test: trunks + "TestTotals", line: 16, failed: true, status: StatusUnknown,
			message: "trunks_test.go:18: total minutes: got 480, want 1440"},
		{test: trunks + "TestDeleteTrunk", line: 21, skipped: true, status: StatusUnknown},
		{test: trunks + "TestAlias/with_space", line: 32, failed: true, status: 422, message: "trunks_test.go:28: status = 422, want 201"},
		{test: trunks + "TestAlias", line: 34, failed: true, status: StatusUnknown, message: "FAIL " + trunks + "TestAlias"},
		{test: numbers + "TestMapDID", line: 57, failed: true, status: StatusUnknown,
			message: "panic: assignment to entry in nil map [recovered, repanicked]"},
	})
	// passing.jsonl: TestHealth, TestVersion and its 2 subtests.
	checkReportSample(t, parseGoTest, "gotest/passing.jsonl", tally{tests: 4}, nil)
	// buildfail.jsonl: the broken package, which did not build, and the 4
	// tests of health.
	checkReportSample(t, parseGoTest, "gotest/buildfail.jsonl", tally{tests: 5, failed: 1}, []wantRec{
		{test: "example.com/trunkapi/broken", line: 6, failed: true, status: StatusUnknown,
			message: "broken/broken_test.go:5:28: undefined: undefined"},
	})
}

func TestParseGoTestProblems(t *testing.T) {
	in := `{"Action":"run","Package":"p","Test":"T"}
not json
{"Package":"p"}

{"Action":"fail","Package":"p","Test":"T","Elapsed":0.5}
`
	recs, probs := parseWith(t, parseGoTest, in, Options{})
	sameProblems(t, probs, []string{"in:2: not a go test -json event (invalid JSON)", "in:3: not a go test -json event (no Action)"})
	if len(recs) != 1 || !recs[0].Failed || recs[0].Line != 5 || recs[0].Seconds != 0.5 || recs[0].Message != "FAIL p T" {
		t.Errorf("got %+v, want one failed record of T at line 5", recs)
	}
}

func TestSniffGoTest(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`{"Time":"2026-12-01T11:07:59.3Z","Action":"start","Package":"example.com/p"}` + "\n", true},
		{`{"ImportPath":"p [p.test]","Action":"build-output","Output":"# p\n"}`, true},
		{`{"action":"start","package":"p"}`, false},
		{`{"Action":"login","Package":"p"}`, false},
	}
	for _, tt := range tests {
		if got := sniffGoTest([]byte(tt.in)); got != tt.want {
			t.Errorf("sniffGoTest(%s): got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzGoTest(f *testing.F) {
	f.Add("{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"T\"}\n{\"Action\":\"output\",\"Package\":\"p\",\"Test\":\"T\",\"Output\":\"    a_test.go:3: HTTP 503\\n\"}\n{\"Action\":\"fail\",\"Package\":\"p\",\"Test\":\"T\",\"Elapsed\":0.1}\n{\"Action\":\"fail\",\"Package\":\"q\",\"FailedBuild\":\"q\"}\n")
	f.Add("{\"Action\":\"skip\",\"Package\":\"p\",\"Test\":\"S\"}\nx\n")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parseGoTest, in, Options{})
	})
}
