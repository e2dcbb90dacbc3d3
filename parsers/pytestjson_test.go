package parsers

import "testing"

func TestParsePytestJSON(t *testing.T) {
	// failing.json, one line as the plugin writes it, by hand: 7 tests
	// (list: passed; totals, create: failed; db: error in setup; delete:
	// skipped; alias: xfailed and rate: xpassed, both passed) and the
	// collector of test_numbers.py, which failed to import: 8 records, 4
	// failed, 1 skipped.
	checkReportSample(t, parsePytestJSON, "pytest-json/failing.json", tally{tests: 8, failed: 4, skipped: 1}, []wantRec{
		// the assertion's numbers are no status
		{test: "tests/test_trunks.py::test_totals", line: 1, failed: true, status: StatusUnknown, message: "AssertionError: assert 480 == 1440"},
		{test: "tests/test_trunks.py::test_create_trunk", line: 1, failed: true, status: 500, message: "AssertionError: assert 500 == 201"},
		{test: "tests/test_trunks.py::test_db", line: 1, failed: true, status: 0, message: "psycopg.OperationalError: connection refused"},
		{test: "tests/test_numbers.py", line: 1, failed: true, status: StatusUnknown, message: "E   ModuleNotFoundError: No module named 'client.numbers'"},
		{test: "tests/test_trunks.py::test_alias_spaces", line: 1, status: StatusUnknown},
	})
	// passing.json, indented: 3 passed tests.
	checkReportSample(t, parsePytestJSON, "pytest-json/passing.json", tally{tests: 3}, nil)
}

func TestSniffPytestJSON(t *testing.T) {
	if !sniffPytestJSON([]byte(`{"created": 1.5, "duration": 0.1, "exitcode": 0, "root": "/ci", "environment": {}, "summary": {}}`)) {
		t.Error("sniffPytestJSON(report): got false, want true")
	}
	if sniffPytestJSON([]byte(`{"created": 1.5, "summary": {}, "tests": []}`)) {
		t.Error("sniffPytestJSON(other object): got true, want false")
	}
}

func FuzzPytestJSON(f *testing.F) {
	f.Add(`{"created":1764301300.79,"exitcode":1,"root":"/","summary":{},"collectors":[{"nodeid":"a.py","outcome":"failed","longrepr":"E x"}],"tests":[{"nodeid":"a::b","outcome":"failed","call":{"duration":0.1,"outcome":"failed","crash":{"message":"HTTP 500"}}},{"nodeid":"a::c","outcome":"skipped"}]}`)
	f.Add("{\"tests\":[{\"nodeid\":\"a\",\"outcome\":\"passed\"},\n{\"nodeid\":")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parsePytestJSON, in, Options{})
	})
}
