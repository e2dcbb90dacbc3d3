package parsers

import (
	"testing"
	"time"
)

func TestParseTestNG(t *testing.T) {
	const trunk, nums = "com.example.trunkapi.TrunkApiTest.", "com.example.trunkapi.NumbersTest."
	// surefire-reports/testng-results.xml, by hand from its 11
	// test-method elements: setUp is a configuration that passed (no
	// test); createTrunk, mapNumber (after a retried attempt, which is no
	// record) and listTrunks twice passed; getTrunk and totals failed;
	// deleteTrunk and searchNumbers skipped; the configuration seed
	// failed, a failed record. 9 records: 3 failed, 2 skipped, 1 flaky.
	recs := checkReportSample(t, parseTestNG, "testng/surefire-reports/testng-results.xml", tally{tests: 9, failed: 3, skipped: 2, flaky: 1}, []wantRec{
		{test: trunk + "getTrunk", line: 21, failed: true, status: 404, message: "java.lang.AssertionError: 1 expectation failed."},
		{test: trunk + "totals", line: 40, failed: true, status: StatusUnknown, message: "java.lang.AssertionError: expected [1440] but found [480]"},
		{test: trunk + "mapNumber", line: 70, retries: 1, status: StatusUnknown},
		{test: trunk + "deleteTrunk", line: 74, skipped: true, status: StatusUnknown},
		{test: nums + "seed (configuration)", line: 102, failed: true, status: 0,
			message: "java.net.ConnectException: Connection refused (Connection refused)"},
	})
	keys := map[string]bool{}
	for _, r := range recs {
		keys[r.Key] = true
	}
	for _, k := range []string{"test:com.example.trunkapi.TrunkApiTest#listTrunks#0", "test:com.example.trunkapi.TrunkApiTest#listTrunks#1",
		"test:com.example.trunkapi.TrunkApiTest#mapNumber#0", "test:com.example.trunkapi.NumbersTest#searchNumbers#0"} {
		if !keys[k] {
			t.Errorf("no record with key %s", k)
		}
	}
	if want := time.Date(2026, 11, 28, 3, 40, 1, 840e6, time.UTC); !recs[1].Time.Equal(want) || recs[1].Seconds != 0.095 {
		t.Errorf("getTrunk: got %v, %v s, want %v, 0.095 s", recs[1].Time, recs[1].Seconds, want)
	}
	// passing/testng-results.xml: 3 passed tests; its two configurations
	// passed and are no tests, its attributes and reporter output no
	// status.
	checkReportSample(t, parseTestNG, "testng/passing/testng-results.xml", tally{tests: 3}, nil)
}

func TestParseTestNGProblems(t *testing.T) {
	recs, probs := parseWith(t, parseTestNG, "<testsuite/>", Options{})
	sameProblems(t, probs, []string{"in: not a TestNG report (root <testsuite>)"})
	if len(recs) != 0 {
		t.Errorf("got %d records, want 0", len(recs))
	}
	in := "<testng-results>\n<suite><test><class name=\"A\">\n<test-method name=\"a\" status=\"PASS\"/>\n<test-method name=\"b\" status=\"FAIL\"><exception class=\"E\">"
	recs, probs = parseWith(t, parseTestNG, in, Options{})
	if len(recs) != 1 || len(probs) != 1 || probs[0].Line != 4 {
		t.Errorf("got %d records and problems %v, want 1 record and a problem at line 4", len(recs), probs)
	}
}

func TestSniffTestNG(t *testing.T) {
	if !sniffTestNG([]byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testng-results ignored=\"0\" total=\"1\">")) {
		t.Error("sniffTestNG(testng-results): got false, want true")
	}
	if sniffTestNG([]byte(`<testsuite name="TestSuite">`)) {
		t.Error("sniffTestNG(testsuite): got true, want false")
	}
}

func FuzzTestNG(f *testing.F) {
	f.Add(`<?xml version="1.0" encoding="UTF-8"?>
<testng-results total="2"><suite name="S"><test name="T"><class name="c.A">
<test-method is-config="true" status="FAIL" name="setUp" duration-ms="3" started-at="2026-11-28T03:40:01.000 Z"><exception class="java.net.ConnectException"><message><![CDATA[Connection refused]]></message></exception></test-method>
<test-method status="SKIP" retried="true" name="m"/><test-method status="PASS" name="m"/>
<test-method status="FAIL" name="g"><exception class="E"><message><![CDATA[Expected status code <200> but was <503>.]]></message><full-stacktrace>x</full-stacktrace></exception></test-method>
</class></test></suite></testng-results>`)
	f.Add("<testng-results>\n<suite><test><class name=\"A\">\n<test-method name=\"b\" status=\"FAIL\"><exception")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parseTestNG, in, Options{})
	})
}
