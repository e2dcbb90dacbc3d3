package parsers

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// parseWith runs a parser over input and returns what its sink received.
func parseWith(t testing.TB, fn ParseFunc, input string, opt Options) ([]Record, []Problem) {
	t.Helper()
	var recs []Record
	var probs []Problem
	err := fn(strings.NewReader(input), "in", opt, Sink{
		Record:  func(r *Record) { recs = append(recs, *r) },
		Problem: func(p Problem) { probs = append(probs, p) },
	})
	if err != nil {
		t.Fatalf("parse: got error %v, want nil", err)
	}
	return recs, probs
}

// sameRecords compares the fields the JUnit and runner parsers fill. The
// keys of test cases with a class name (test:...) are compared only
// where the wanted record has a key: TestJUnitTestKeys checks them.
func sameRecords(t *testing.T, got, want []Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d records %+v, want %d %+v", len(got), got, len(want), want)
	}
	for i, w := range want {
		g := got[i]
		key := g.Key
		if w.Key == "" && strings.HasPrefix(key, "test:") {
			key = ""
		}
		if g.Source != "in" || g.Format != w.Format || g.Test != w.Test || g.Line != w.Line || g.Failed != w.Failed ||
			g.Message != w.Message || g.Status != w.Status || g.Seconds != w.Seconds || g.HasSeconds != w.HasSeconds ||
			!g.Time.Equal(w.Time) || key != w.Key || g.Run != w.Run || g.Skipped != w.Skipped || g.Retries != w.Retries {
			t.Errorf("record %d:\ngot  %+v\nwant %+v", i, g, w)
		}
	}
}

func sameProblems(t *testing.T, got []Problem, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got problems %q, want %q", got, want)
	}
	for i := range want {
		if got[i].Source != "in" || got[i].Error() != want[i] {
			t.Errorf("problem %d: got %q (source %q), want %q", i, got[i].Error(), got[i].Source, want[i])
		}
	}
}

func skippedRec(r Record) Record { r.Skipped = true; return r }

func retried(r Record, n int) Record { r.Retries = n; return r }

// TestJUnitTestKeys checks the keys that pair a test case with its
// TestNG twins: by class and name, numbered by appearance.
func TestJUnitTestKeys(t *testing.T) {
	in := `<testsuite><testcase classname="com.x.ApiTest" name="get"/><testcase classname="com.x.ApiTest" name="get"><failure message="m"/></testcase>
<testcase classname="com.x.Other" name="get"/><testcase name="plain"/></testsuite>`
	recs, _ := parseWith(t, ParseJUnit, in, Options{})
	want := []string{"test:com.x.ApiTest#get#0", "test:com.x.ApiTest#get#1", "test:com.x.Other#get#0", ""}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d", len(recs), len(want))
	}
	for i, w := range want {
		if recs[i].Key != w {
			t.Errorf("record %d: got key %q, want %q", i, recs[i].Key, w)
		}
	}
}

// caseRec is a passed test case; failedRec and timedRec add to a record.
func caseRec(name string, line int) Record {
	return Record{Format: FormatJUnit, Test: name, Line: line, Status: StatusUnknown}
}

func failedRec(r Record, msg string, status int) Record {
	r.Failed, r.Message, r.Status = true, msg, status
	return r
}

func timedRec(r Record, seconds float64, at time.Time) Record {
	r.Seconds, r.HasSeconds, r.Time = seconds, true, at
	return r
}

func TestParseJUnit(t *testing.T) {
	at := time.Date(2026, 11, 28, 3, 29, 15, 233e6, time.UTC)
	ist := time.FixedZone("IST", 5*3600+1800)
	tests := []struct {
		name  string
		in    string
		opt   Options
		want  []Record
		probs []string
	}{
		{
			name: "bare testsuite root",
			in: `<?xml version="1.0"?>
<testsuite name="s" timestamp="2026-11-28T03:29:15.233Z" time="1.5">
  <testcase name="a" classname="pkg.A" time="0.25"/>
</testsuite>`,
			want: []Record{timedRec(caseRec("a", 3), 0.25, at)},
		},
		{
			name: "nested suites inherit the timestamp",
			in: `<testsuites>
<testsuite name="outer" timestamp="2026-11-28T03:29:15.233Z">
 <testsuite name="inner">
  <testcase name="a"/>
 </testsuite>
 <testsuite name="other" timestamp="2026-11-28T09:00:00+05:30">
  <testcase name="b"/>
 </testsuite>
</testsuite>
</testsuites>`,
			want: []Record{
				{Format: FormatJUnit, Test: "a", Line: 4, Status: StatusUnknown, Time: at},
				{Format: FormatJUnit, Test: "b", Line: 7, Status: StatusUnknown, Time: time.Date(2026, 11, 28, 3, 30, 0, 0, time.UTC)},
			},
		},
		{
			name: "naive timestamps are read in opt.Location",
			in:   `<testsuite timestamp="2026-11-28T09:00:00.5"><testcase name="a"/></testsuite>`,
			opt:  Options{Location: ist},
			want: []Record{{Format: FormatJUnit, Test: "a", Line: 1, Status: StatusUnknown, Time: time.Date(2026, 11, 28, 9, 0, 0, 5e8, ist)}},
		},
		{
			name: "naive timestamps are UTC without a location",
			in:   `<testsuite timestamp="2026-11-28 09:00:00"><testcase name="a"/></testsuite>`,
			want: []Record{{Format: FormatJUnit, Test: "a", Line: 1, Status: StatusUnknown, Time: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)}},
		},
		{
			name: "several failures and errors: the first message, the first status",
			in: `<testsuite><testcase name="a">
<failure message="expected 3 items but got 2"/>
<error message="HTTP 503 from upstream"/>
<failure message="status code 200 but got 404"/>
</testcase></testsuite>`,
			want: []Record{failedRec(caseRec("a", 1), "expected 3 items but got 2", 503)},
		},
		{
			name: "a message spread over lines is joined",
			in:   `<testsuite><testcase name="a"><failure message="1 expectation failed.&#10;Expected status code &lt;201&gt; but was &lt;422&gt;.&#10;"/></testcase></testsuite>`,
			want: []Record{failedRec(caseRec("a", 1), "1 expectation failed. Expected status code <201> but was <422>.", 422)},
		},
		{
			name: "without a message attribute the text's first line is the message",
			in: `<testsuite><testcase name="a"><failure type="AssertionError">

   AssertionError: trunk not created
   at line 2
</failure></testcase></testsuite>`,
			want: []Record{failedRec(caseRec("a", 1), "AssertionError: trunk not created", StatusUnknown)},
		},
		{
			name: "a generic message gives way to the text",
			in:   `<testsuite><testcase name="a"><failure message="Failed"><![CDATA[    x_test.go:48: status = 503, want 200]]></failure></testcase></testsuite>`,
			want: []Record{failedRec(caseRec("a", 1), "x_test.go:48: status = 503, want 200", 503)},
		},
		{
			name: "the type when there is nothing else",
			in:   `<testsuite><testcase name="a"><error type="java.lang.NullPointerException"/></testcase></testsuite>`,
			want: []Record{failedRec(caseRec("a", 1), "java.lang.NullPointerException", StatusUnknown)},
		},
		{
			name: "status from the text when the message has none",
			in:   `<testsuite><testcase name="a"><failure message="AssertionError">E  where 404 = &lt;Response [404]&gt;.status_code</failure></testcase></testsuite>`,
			want: []Record{failedRec(caseRec("a", 1), "AssertionError", 404)},
		},
		{
			name: "a network error is status 0",
			in:   `<testsuite><testcase name="a"><error message="java.net.ConnectException: Connection refused"/></testcase></testsuite>`,
			want: []Record{failedRec(caseRec("a", 1), "java.net.ConnectException: Connection refused", 0)},
		},
		{
			name: "skipped test cases are skipped records",
			in:   `<testsuite><testcase name="a"><skipped/></testcase><testcase name="b"><skipped message="later">why</skipped></testcase><testcase name="c"/></testsuite>`,
			want: []Record{skippedRec(caseRec("a", 1)), skippedRec(caseRec("b", 1)), caseRec("c", 1)},
		},
		{
			name: "a failed test case that says skipped failed",
			in:   `<testsuite><testcase name="a"><error message="setup failed"/><skipped/></testcase></testsuite>`,
			want: []Record{failedRec(caseRec("a", 1), "setup failed", StatusUnknown)},
		},
		{
			// each flaky or rerun element is an attempt that failed
			name: "a test that passed on a rerun passed, and is flaky",
			in: `<testsuite>
<testcase name="flaky"><flakyFailure message="but was &lt;503&gt;"><stackTrace>x</stackTrace></flakyFailure><flakyError message="Read timed out"/></testcase>
<testcase name="broken"><failure message="status 500"/><rerunFailure message="status 502"/><rerunError message="x"/></testcase>
</testsuite>`,
			want: []Record{retried(caseRec("flaky", 2), 2), retried(failedRec(caseRec("broken", 3), "status 500", 500), 2)},
		},
		{
			name: "a test case that appears twice counts twice",
			in: `<testsuite>
<testcase classname="c" name="a"><failure message="HTTP 503"/></testcase>
<testcase classname="c" name="a"/>
</testsuite>`,
			want: []Record{failedRec(caseRec("a", 2), "HTTP 503", 503), caseRec("a", 3)},
		},
		{
			name: "a failure of the suite itself",
			in: `<testsuite name="s">
<testcase name="a"/>
<error message="setup failed: connect ECONNREFUSED 127.0.0.1:8443"/>
</testsuite>`,
			want: []Record{caseRec("a", 2), failedRec(caseRec("s", 3), "setup failed: connect ECONNREFUSED 127.0.0.1:8443", 0)},
		},
		{
			name: "time in seconds, with a grouping comma",
			in:   `<testsuite><testcase name="a" time="1,204.5"/><testcase name="b" time="fast"/><testcase name="c" time="-1"/></testsuite>`,
			want: []Record{
				{Format: FormatJUnit, Test: "a", Line: 1, Status: StatusUnknown, Seconds: 1204.5, HasSeconds: true},
				caseRec("b", 1), caseRec("c", 1),
			},
		},
		{
			name: "newman: one record per request",
			in: `<testsuites name="C" tests="2">
  <testsuite name="F / Sub / Get Trunk" id="8a5f4bf6-e36e" timestamp="2026-11-28T03:29:15.233Z" tests="2" failures="1" errors="0" time="0.012">
    <testcase name="responds within 2000 ms" time="0.012" classname="FSubGetTrunk"><failure type="AssertionFailure" message="expected response to have responseTime below 2000"/></testcase>
    <testcase name="status is 2xx" time="0.012" classname="FSubGetTrunk"><failure type="AssertionFailure" message="expected response code to be 2XX but found 501"/></testcase>
  </testsuite>
  <testsuite name="Create" id="0c57bbdd" timestamp="2026-11-28T03:29:15.233Z" tests="1" failures="0" errors="0" time="0.045">
    <testcase name="status is 2xx" time="0.045" classname="Create"/>
  </testsuite>
</testsuites>`,
			want: []Record{
				timedRec(failedRec(Record{Format: FormatJUnit, Test: "Get Trunk", Line: 2, Key: "newman:8a5f4bf6-e36e@1795836555233"},
					"expected response to have responseTime below 2000", 501), 0.012, at),
				timedRec(Record{Format: FormatJUnit, Test: "Create", Line: 6, Status: StatusUnknown, Key: "newman:0c57bbdd@1795836555233"}, 0.045, at),
			},
		},
		{
			name: "newman: a request error is in system-err",
			in: `<testsuites>
<testsuite name="Down" id="i3" timestamp="2026-11-28T03:29:15.233Z" tests="0" failures="0" errors="1" time="0.000">
<system-err><![CDATA[Iteration: 0
RequestError: Error: connect ECONNREFUSED 127.0.0.1:3000
    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)

---
]]></system-err>
</testsuite>
</testsuites>`,
			want: []Record{timedRec(failedRec(Record{Format: FormatJUnit, Test: "Down", Line: 2, Key: "newman:i3@1795836555233"},
				"Error: connect ECONNREFUSED 127.0.0.1:3000", 0), 0, at)},
		},
		{
			name: "newman before version 5 named the class after the suite",
			in:   `<testsuites><testsuite name="1. Setup / Create" id="ab-12"><testcase name="ok" classname="1. Setup / Create"/><testcase name="fast" classname="1. Setup / Create"/></testsuite></testsuites>`,
			want: []Record{{Format: FormatJUnit, Test: "Create", Line: 1, Status: StatusUnknown}},
		},
		{
			name: "newman: errors the report does not explain",
			in:   `<testsuites><testsuite name="X" id="i9" errors="1"><testcase name="t" classname="X"/></testsuite></testsuites>`,
			want: []Record{failedRec(caseRec("X", 1), "request or script error", StatusUnknown)},
		},
		{
			name: "a bare testsuite root is no newman request",
			in:   `<testsuite name="s" id="abc"><testcase name="a" classname="A"/><testcase name="b" classname="A"/></testsuite>`,
			want: []Record{caseRec("a", 1), caseRec("b", 1)},
		},
		{
			name: "numbered suites are not newman requests",
			in:   `<testsuites><testsuite name="mod" id="0" timestamp="2026-11-28T03:29:15.233Z"><testcase name="TestA" classname="mod"/><testcase name="TestB" classname="mod"/></testsuite></testsuites>`,
			want: []Record{{Format: FormatJUnit, Test: "TestA", Line: 1, Status: StatusUnknown, Time: at}, {Format: FormatJUnit, Test: "TestB", Line: 1, Status: StatusUnknown, Time: at}},
		},
		{
			name: "a suite with an id and dotted or differing class names is not newman",
			in: `<testsuites>
<testsuite name="s1" id="x1"><testcase name="a" classname="pkg.A"/><testcase name="b" classname="pkg.A"/></testsuite>
<testsuite name="s2" id="x2"><testcase name="c" classname="A"><failure message="HTTP 500"/></testcase><testcase name="d" classname="B"/><testcase name="e" classname="A"/></testsuite>
<testsuite name="s3" id="x3"><testcase name="f" classname="A"/><testsuite name="inner"><testcase name="g" classname="A"/></testsuite></testsuite>
</testsuites>`,
			want: []Record{caseRec("a", 2), caseRec("b", 2), failedRec(caseRec("c", 3), "HTTP 500", 500), caseRec("d", 3), caseRec("e", 3), caseRec("f", 4), caseRec("g", 4)},
		},
		{
			name: "a truncated file keeps what was read",
			in: `<testsuites>
<testsuite name="s">
<testcase name="a"/>
<testcase name="b"><failure message="HTTP 502">trace
`,
			want:  []Record{caseRec("a", 3), failedRec(caseRec("b", 4), "HTTP 502", 502)},
			probs: []string{"in:5: invalid XML: unexpected EOF"},
		},
		{
			name: "a truncated newman suite is still a request",
			in: `<testsuites><testsuite name="Get" id="i1" timestamp="2026-11-28T03:29:15.233Z">
<testcase name="status is 2xx" classname="Get"><failure message="expected response code to be 2XX but found 503"/></testcase>
<testcase name="fa`,
			want: []Record{{Format: FormatJUnit, Test: "Get", Line: 1, Failed: true, Message: "expected response code to be 2XX but found 503",
				Status: 503, Time: at, Key: "newman:i1@1795836555233"}},
			probs: []string{"in:3: invalid XML: unexpected EOF"},
		},
		{
			name: "a bad token",
			in: `<testsuite>
<testcase name="a"/>
<testcase name="b">&nbsp;</testcase>
<testcase name="c"/>
</testsuite>`,
			want:  []Record{caseRec("a", 2), caseRec("b", 3)},
			probs: []string{"in:3: invalid XML: invalid character entity &nbsp;"},
		},
		{
			name: "mismatched tags",
			in:   "<testsuite>\n<testcase name=\"a\">\n</testsuite>",
			want: []Record{caseRec("a", 2)},
			probs: []string{
				"in:3: invalid XML: element <testcase> closed by </testsuite>",
			},
		},
		{
			name:  "XML that is not JUnit",
			in:    `<?xml version="1.0"?><html><body/></html>`,
			probs: []string{"in: not a JUnit report (root <html>)"},
		},
		{
			name:  "no XML at all",
			in:    "",
			probs: []string{"in: not a JUnit report (no root element)"},
		},
		{
			name: "what follows the root is ignored",
			in:   "<testsuite><testcase name=\"a\"/></testsuite>\n<<garbage",
			want: []Record{caseRec("a", 1)},
		},
		{
			name: "Latin-1 reports",
			in:   "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><testsuite><testcase name=\"caf\xe9\"/></testsuite>",
			want: []Record{caseRec("café", 1)},
		},
		{
			name:  "other encodings are a problem",
			in:    "<?xml version=\"1.0\" encoding=\"EBCDIC\"?>\n<testsuite/>",
			probs: []string{`in:1: invalid XML: opening charset "EBCDIC": unsupported encoding "EBCDIC" (convert the report to UTF-8)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs := parseWith(t, ParseJUnit, tt.in, tt.opt)
			sameRecords(t, recs, tt.want)
			sameProblems(t, probs, tt.probs)
		})
	}
}

// TestParseJUnitNewmanTwin checks the JUnit report of a real newman run
// against its JSON report (testdata/junit/newman_run1_executions.json keeps
// the executions and failures of that report, without the request headers
// that carry the test credentials).
func TestParseJUnitNewmanTwin(t *testing.T) {
	var twin struct {
		Run struct {
			Timings    struct{ Started int64 }
			Executions []struct {
				Item struct{ ID, Name string }
			}
			Failures []json.RawMessage
		}
	}
	data, err := os.ReadFile(filepath.Join("..", "testdata", "junit", "newman_run1_executions.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &twin); err != nil {
		t.Fatal(err)
	}
	recs := readJUnitSample(t, "newman_run1.xml")
	if len(recs) != 13 || len(recs) != len(twin.Run.Executions) {
		t.Fatalf("got %d records, want 13 (%d executions)", len(recs), len(twin.Run.Executions))
	}
	fails := 0
	for i, r := range recs {
		item := twin.Run.Executions[i].Item
		if r.Test != item.Name {
			t.Errorf("record %d: got name %q, want %q", i, r.Test, item.Name)
		}
		if want := fmt.Sprintf("newman:%s@%d", item.ID, twin.Run.Timings.Started); r.Key != want {
			t.Errorf("record %d: got key %q, want %q", i, r.Key, want)
		}
		if r.Failed {
			fails++
			if r.Status != 501 || r.Message != "expected response code to be 2XX but found 501" {
				t.Errorf("record %d: got status %d, message %q; want 501, the assertion's message", i, r.Status, r.Message)
			}
		}
	}
	if fails != 5 || fails != len(twin.Run.Failures) {
		t.Errorf("got %d failed, want 5 (%d failures)", fails, len(twin.Run.Failures))
	}
}

func readJUnitSample(t *testing.T, name string) []Record {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "junit", name))
	if err != nil {
		t.Fatal(err)
	}
	recs, probs := parseWith(t, ParseJUnit, string(data), Options{})
	if len(probs) > 0 {
		t.Errorf("%s: got problems %q, want none", name, probs)
	}
	return recs
}

func TestParseJUnitSamples(t *testing.T) {
	type want struct {
		test   string
		line   int
		failed bool
		status int
	}
	tests := []struct {
		file string
		want []want
	}{
		{"pytest.xml", []want{
			{"test_create_trunk", 1, false, StatusUnknown},
			{"test_get_trunk", 1, true, 404},
			{"test_whitelist_ip", 10, true, 422},
			{"test_set_alias", 12, false, StatusUnknown}, // skipped
			{"test_map_did", 12, true, 0},
			{"test_list_numbers", 18, false, StatusUnknown},
			{"test_delete_trunk", 19, false, StatusUnknown},
		}},
		{"surefire.xml", []want{
			{"createTrunk", 8, false, StatusUnknown},
			{"mapPhoneNumber", 9, false, StatusUnknown},
			{"whitelistIp", 20, true, 422},
			{"getDestinationUris", 39, true, 0},
			{"setTrunkAlias", 45, false, StatusUnknown},
			{"deleteTrunk", 55, false, StatusUnknown}, // skipped
		}},
		{"go-junit-report.xml", []want{
			{"TestCreateTrunk", 7, false, StatusUnknown},
			{"TestGetTrunk", 8, true, 503},
			{"TestGetTrunk/not_found", 12, false, StatusUnknown},
			{"TestDeleteTrunk", 13, false, StatusUnknown}, // skipped
			{"TestRateLimit", 18, true, 429},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs := readJUnitSample(t, tt.file)
			if len(recs) != len(tt.want) {
				t.Fatalf("got %d records %+v, want %d", len(recs), recs, len(tt.want))
			}
			for i, w := range tt.want {
				r := recs[i]
				if got := (want{r.Test, r.Line, r.Failed, r.Status}); got != w {
					t.Errorf("record %d: got %+v, want %+v", i, got, w)
				}
				if r.Skipped != (strings.HasSuffix(r.Test, "alias") || strings.HasPrefix(r.Test, "deleteTrunk") || r.Test == "TestDeleteTrunk") {
					t.Errorf("record %d: got skipped %v", i, r.Skipped)
				}
				if r.Failed == (r.Message == "") {
					t.Errorf("record %d: got message %q with failed %v", i, r.Message, r.Failed)
				}
			}
		})
	}
}

// suiteReader serves a report of n test cases without holding it, and
// counts what it served.
type suiteReader struct {
	n, i   int
	buf    []byte
	served int
}

func (s *suiteReader) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		switch {
		case s.i == 0:
			s.buf = []byte("<testsuites><testsuite name=\"big\" id=\"u-1\">\n")
		case s.i <= s.n:
			s.buf = fmt.Appendf(nil, "<testcase classname=\"Big\" name=\"t%d\" time=\"0.001\"><failure message=\"HTTP 500\">%s</failure></testcase>\n", s.i, strings.Repeat("x", 200))
		case s.i == s.n+1:
			s.buf = []byte("</testsuite></testsuites>\n")
		default:
			return 0, io.EOF
		}
		s.i++
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	s.served += n
	return n, nil
}

func TestParseJUnitStreams(t *testing.T) {
	// One suite of more test cases than a newman request holds: records
	// must flow while the suite is still being read.
	in := &suiteReader{n: 3 * maxNewmanCases}
	count, servedAtFirst := 0, -1
	err := ParseJUnit(in, "big.xml", Options{}, Sink{Record: func(r *Record) {
		if count == 0 {
			servedAtFirst = in.served
		}
		count++
	}})
	if err != nil {
		t.Fatal(err)
	}
	if count != in.n {
		t.Errorf("got %d records, want %d", count, in.n)
	}
	if servedAtFirst > in.served/2 {
		t.Errorf("got the first record after %d of %d bytes, want it within the first half", servedAtFirst, in.served)
	}
}

type brokenReader struct{ r io.Reader }

func (f brokenReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, io.ErrClosedPipe
	}
	return n, err
}

func TestParseJUnitReadError(t *testing.T) {
	var recs []Record
	err := ParseJUnit(brokenReader{strings.NewReader(`<testsuite><testcase name="a"/><testcase name="b">`)}, "in", Options{},
		Sink{Record: func(r *Record) { recs = append(recs, *r) }})
	if err == nil || !strings.Contains(err.Error(), io.ErrClosedPipe.Error()) {
		t.Errorf("got error %v, want the reader's", err)
	}
	if len(recs) != 2 {
		t.Errorf("got %d records, want the 2 read before the error", len(recs))
	}
}

func TestSniffJUnit(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{`<?xml version="1.0" encoding="UTF-8"?>` + "\n<testsuites name=\"x\">", true},
		{"\ufeff  <testsuite name=\"x\" tests=\"1\">", true},
		{"<!-- generated by go-junit-report -->\n<!DOCTYPE x>\n<testsuites>", true},
		{"<testsuite/>", true},
		{"<testsuite", true},
		{"<testsuitex>", false},
		{"<html><testsuite>", false},
		{"<?xml version=\"1.0\"?><!-- unterminated", false},
		{"{\"run\": {}}", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := SniffJUnit([]byte(tt.head)); got != tt.want {
			t.Errorf("SniffJUnit(%q): got %v, want %v", tt.head, got, tt.want)
		}
	}
}

func FuzzJUnit(f *testing.F) {
	// Small seeds, one per writer: the fuzzer minimises each input it finds
	// interesting, which takes minutes for inputs of the samples' size.
	f.Add(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="C" tests="2" time="0.171">
  <testsuite name="F / Get" id="8a5f4bf6" timestamp="2026-11-28T03:29:15.233Z" tests="2" failures="1" errors="0" time="0.010">
    <testcase name="status is 2xx" time="0.010" classname="FGet">
      <failure type="AssertionFailure" message="expected response code to be 2XX but found 501"><![CDATA[Failed 1 times.]]></failure>
    </testcase>
    <testcase name="responds within 2000 ms" time="0.010" classname="FGet"/>
  </testsuite>
  <testsuite name="Down" id="i3" timestamp="2026-11-28T03:29:15.233Z" errors="1"><system-err><![CDATA[Iteration: 0
RequestError: Error: connect ECONNREFUSED 127.0.0.1:3000]]></system-err></testsuite>
</testsuites>`)
	f.Add(`<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" timestamp="2026-11-28T03:35:10.48" hostname="h"><testcase classname="t.T" name="a" time="0.045"><failure message="AssertionError: assert 404 == 200&#10; +  where">E  &lt;Response [404]&gt;
</failure></testcase><testcase classname="t" name="b"><skipped type="pytest.skip" message="x">why</skipped></testcase></testsuite></testsuites>`)
	f.Add(`<testsuite name="com.x.T" time="1,204.2"><properties><property name="a" value="b"/></properties>
<testcase name="m" classname="com.x.T" time="1.1"><flakyFailure message="but was &lt;503&gt;"><stackTrace>x</stackTrace></flakyFailure></testcase>
<testcase name="w" classname="com.x.T"><failure message="Expected status code &lt;201&gt; but was &lt;422&gt;.">t</failure><rerunFailure message="r"/></testcase>
<testcase name="e" classname="com.x.T"><error type="java.net.ConnectException">Connection refused</error></testcase></testsuite>`)
	f.Add(`<testsuites><testsuite name="m/c" id="0" time="0.4" timestamp="2026-11-28T03:40:02Z"><testcase name="TestA" classname="m/c"><failure message="Failed"><![CDATA[    a_test.go:48: status = 503, want 200]]></failure></testcase></testsuite></testsuites>`)
	f.Add("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><testsuite><testcase name=\"caf\xe9\"/></testsuite>")
	f.Add("<testsuite>\n<testcase name=\"a\"><error>text</error><skipped/></testcase>\n<testcase")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, ParseJUnit, in, Options{})
	})
}

// checkStream parses in and checks what any input must give: no panic, a
// source on every problem, lines in order and within the input.
func checkStream(t *testing.T, fn ParseFunc, in string, opt Options) {
	lines := strings.Count(in, "\n") + 1
	last := 0
	check := func(kind string, line int, zeroOK bool) {
		if line == 0 && zeroOK {
			return
		}
		if line < 1 || line > lines || line < last {
			t.Fatalf("%s line %d after line %d, in %d lines", kind, line, last, lines)
		}
		last = line
	}
	err := fn(strings.NewReader(in), "f", opt, Sink{
		Record: func(r *Record) {
			if r.Source != "f" {
				t.Fatalf("got record source %q, want f", r.Source)
			}
			check("record", r.Line, false)
		},
		Problem: func(p Problem) {
			if p.Source != "f" {
				t.Fatalf("got problem source %q, want f", p.Source)
			}
			check("problem", p.Line, true)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
}
