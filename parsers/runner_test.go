package parsers

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// colourTag writes a tag the way test_runner.sh colours it.
func colourTag(colour, name string) string { return "\x1b[" + colour + "m[" + name + "]\x1b[0m" }

var (
	infoTag    = colourTag("0;34", "INFO")
	successTag = colourTag("0;32", "SUCCESS")
	warningTag = colourTag("1;33", "WARNING")
	errorTag   = colourTag("0;31", "ERROR")
)

// runnerLog is a test_runner.sh log as tee writes it.
var runnerLog = strings.Join([]string{
	infoTag + " 🚀 Starting Exotel vSIP API Test Suite",
	infoTag + " Timestamp: 20261128_032110",
	infoTag + " Checking environment setup...",
	successTag + " Environment setup complete",
	infoTag + " Testing cURL implementations...",
	infoTag + " Running curl test: create_trunk",
	successTag + " curl - create_trunk: PASSED",
	infoTag + " Running curl test: map_did",
	errorTag + " curl - map_did: FAILED (exit code: 1)",
	errorTag + " Last 5 lines of error log:",
	errorTag + "   HTTP Error 401: Unauthorized",
	errorTag + `   {"error": "Authentication failed", "code": "AUTH_FAILED"}`,
	warningTag + " Skipping other cURL tests due to trunk creation failure",
	errorTag + " python3 not found. Skipping Python tests.",
	errorTag + " go - create_trunk: FAILED (exit code: 1)",
	errorTag + " Last 5 lines of error log:",
	errorTag + `   Error: Post "https://h/v2/accounts/a/trunks": dial tcp 127.0.0.1:8443: connect: connection refused`,
	errorTag + " java - create_trunk: FAILED (exit code: 124)",
	successTag + " Test report generated: /x/logs/test_results/test_report_20261128_032110.html",
	infoTag + " 📊 Test Suite Complete",
	successTag + " Passed: 1/4 tests",
	errorTag + " Failed: 3 tests",
	"",
}, "\n")

func runnerRec(test string, line int) Record {
	return Record{Format: FormatRunner, Test: test, Line: line, Status: StatusUnknown}
}

func runnerFail(test string, line int, msg string, status int) Record {
	r := runnerRec(test, line)
	r.Failed, r.Message, r.Status = true, msg, status
	return r
}

func TestParseRunner(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	at := func(r Record) Record {
		r.Time, r.Run = time.Date(2026, 11, 28, 3, 21, 10, 0, ist), "20261128_032110"
		return r
	}
	tests := []struct {
		name  string
		in    string
		opt   Options
		want  []Record
		probs []string
	}{
		{
			name: "test_runner.sh",
			in:   runnerLog,
			opt:  Options{Location: ist},
			want: []Record{
				at(runnerRec("curl - create_trunk", 7)),
				at(runnerFail("curl - map_did", 9, "curl - map_did: FAILED (exit code: 1)", 401)),
				at(runnerFail("go - create_trunk", 15, "go - create_trunk: FAILED (exit code: 1)", 0)),
				at(runnerFail("java - create_trunk", 18, "java - create_trunk: FAILED (exit code: 124)", StatusUnknown)),
			},
		},
		{
			name: "suite verdicts between the tests' own output",
			in: infoTag + " Running Python tests...\n" +
				"============================= test session starts ==============================\n" +
				"tests/test_api.py ..F                                                     [100%]\n" +
				"FAILED tests/test_api.py::test_get - assert 404 == 200\n" +
				errorTag + " Python tests failed\n" +
				infoTag + " Running Go tests...\n" +
				"--- FAIL: TestX (0.00s)\n" +
				successTag + " Go tests passed ✅\n" +
				warningTag + " Node tests failed to start\n" +
				"[FAIL] Node smoke\n" +
				"[PASS] Java smoke: passed\n" +
				"[SUCCESS] All tests passed! 🎉\n",
			want: []Record{
				runnerFail("Python tests", 5, "Python tests failed", StatusUnknown),
				runnerRec("Go tests", 8),
				runnerFail("Node smoke", 10, "Node smoke", StatusUnknown),
				runnerRec("Java smoke", 11),
			},
		},
		{
			name: "quoted output is no verdict",
			in:   "[ERROR]   upload tests failed\n[ERROR] Last 5 lines of error log:\n[ERROR] Go tests failed\n[ERROR]   status 503\n",
			want: []Record{runnerFail("Go tests", 3, "Go tests failed", 503)},
		},
		{
			name: "other output ends a failure's tail",
			in:   "[ERROR] Go tests failed\nexit status 1\n[ERROR]   HTTP 500\n",
			want: []Record{runnerFail("Go tests", 1, "Go tests failed", StatusUnknown)},
		},
		{
			name: "CRLF, a byte order mark, other colours and a window title",
			in:   "\ufeff\x1b]0;runner\x07\x1b[1;32m[SUCCESS]\x1b[0m PHP tests passed\r\n\x1b[31;1m[ERROR]\x1b[m Ruby tests FAILED\r\n",
			want: []Record{runnerRec("PHP tests", 1), runnerFail("Ruby tests", 2, "Ruby tests FAILED", StatusUnknown)},
		},
		{
			name: "nothing to read",
			in:   "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs := parseWith(t, ParseRunner, tt.in, tt.opt)
			sameRecords(t, recs, tt.want)
			sameProblems(t, probs, tt.probs)
		})
	}
}

func TestParseRunnerLongLine(t *testing.T) {
	in := "[INFO] start\n[ERROR] " + strings.Repeat("x", 40) + " tests failed\n[SUCCESS] Go tests passed\n"
	recs, probs := parseWith(t, ParseRunner, in, Options{MaxLine: 32})
	// The cut leaves no verdict on line 2.
	sameRecords(t, recs, []Record{runnerRec("Go tests", 3)})
	if len(probs) != 1 || probs[0].Line != 2 || !strings.Contains(probs[0].Err, "longer than 32 bytes") {
		t.Errorf("got problems %q, want one about line 2 being longer than 32 bytes", probs)
	}
}

func TestStripANSI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\x1b[0;34m[INFO]\x1b[0m Running Python tests...", "[INFO] Running Python tests..."},
		{"\x1b[38;2;255;0;0mred\x1b[m \x1b[2K\x1b[1Gdone", "red done"},
		{"\x1b]0;title\x07text", "text"},
		{"\x1b]8;;https://h/x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"\x1bPq#0;2;0;0;0\x1b\\sixel", "sixel"},
		{"\x1b(Bplain\x1b=", "plain"},
		{"\x1bcreset", "reset"},
		{"abc\x1b", "abc"},
		{"a\x1b\x1b[0mb", "ab"},
		{"\x1b[12\nnext", "\nnext"},
		{"\x1b]0;no end\nnext", "\nnext"},
		{"\x1b[31mé\x1b[0m", "é"},
	}
	for _, tt := range tests {
		if got := string(StripANSI([]byte(tt.in))); got != tt.want {
			t.Errorf("StripANSI(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripANSIKeepsPlainText(t *testing.T) {
	b := []byte("[INFO] Running Go tests...")
	if got := StripANSI(b); &got[0] != &b[0] || len(got) != len(b) {
		t.Errorf("got a copy %q, want b itself", got)
	}
	if n := testing.AllocsPerRun(100, func() { StripANSI(b) }); n != 0 {
		t.Errorf("got %v allocations, want 0", n)
	}
}

func TestSniffRunner(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"coloured", infoTag + " 🚀 Starting Exotel vSIP API Test Suite\n", true},
		{"plain", "[WARNING] .env file not found.\n", true},
		{"after other output", "make: entering directory\n\nsomething\n" + successTag + " Go tests passed", true},
		{"byte order mark", "\ufeff[ERROR] Go tests failed", true},
		{"cut short", "[INFO] Running", true},
		{"other tags", "[DEBUG] x\n[PASS] y\n", false},
		{"python log", "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n", false},
		{"lower case", "[info] x\n", false},
		{"too late", strings.Repeat("output\n", 20) + "[INFO] x\n", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SniffRunner([]byte(tt.head)); got != tt.want {
				t.Errorf("SniffRunner(%q): got %v, want %v", tt.head, got, tt.want)
			}
		})
	}
}

func FuzzRunner(f *testing.F) {
	f.Add(runnerLog)
	f.Add("[ERROR] Go tests failed\r\n[ERROR]   HTTP 503\n\x1b]0;x\x07[FAIL] y (exit 1)")
	f.Add("\ufeff[SUCCESS] " + strings.Repeat("long ", 30) + "tests passed\n[ERROR]\x1b[")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, ParseRunner, in, Options{MaxLine: 64})
		if out := StripANSI([]byte(in)); bytes.IndexByte(out, 0x1b) >= 0 {
			t.Fatalf("StripANSI(%q) left an ESC: %q", in, out)
		}
	})
}
