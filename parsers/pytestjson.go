package parsers

import (
	"bytes"
	"io"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// FormatPytestJSON is the report of the pytest-json-report plugin.
const FormatPytestJSON = "pytest-json"

// parsePytestJSON reads a pytest-json-report report: {"created",
// "summary", "collectors", "tests": [...]}, one Record per test, its
// nodeid the name. Outcomes: "passed", "xfailed" and "xpassed" (an
// expected failure, and a non-strict one that passed) passed; "failed"
// and "error" (in setup or teardown) failed; "skipped" skipped. A
// collector that failed (a test module that does not import) is a failed
// record: its tests never ran.
func parsePytestJSON(r io.Reader, source string, opt Options, sink Sink) error {
	return pytestReport(source, opt, sink).read(r)
}

func pytestReport(source string, opt Options, sink Sink) *jsonReport {
	jr := &jsonReport{source: source, sink: sink, wrongRoot: "pytest-json-report report is not a JSON object"}
	var created time.Time
	jr.member = func(key string, v gjson.Result) {
		if key == "created" {
			created = timeValue(v, time.UTC)
		}
	}
	jr.arrays = map[string]func(gjson.Result, int){
		"collectors": func(v gjson.Result, line int) {
			if v.Get("outcome").String() != "failed" {
				return
			}
			rec := testRecord(source, line, FormatPytestJSON, v.Get("nodeid").String())
			if rec.Test == "" {
				rec.Test = "collection"
			}
			rec.Time = created
			rec.fail(lastLine(v.Get("longrepr").String()), v.Get("longrepr").String())
			jr.emit(&rec)
		},
		"tests": func(v gjson.Result, line int) {
			rec := testRecord(source, line, FormatPytestJSON, v.Get("nodeid").String())
			rec.Time = created
			for _, stage := range []string{"setup", "call", "teardown"} {
				if d := v.Get(stage + ".duration"); d.Type == gjson.Number && d.Float() >= 0 {
					rec.Seconds += d.Float()
					rec.HasSeconds = true
				}
			}
			switch v.Get("outcome").String() {
			case "failed", "error":
				rec.fail(pytestFailure(v))
			case "skipped":
				rec.Skipped = true
			}
			jr.emit(&rec)
		},
	}
	return jr
}

// pytestFailure returns the message of the stage that failed (its crash
// message, else the last line of its longrepr) and its longrepr.
func pytestFailure(v gjson.Result) (msg, detail string) {
	for _, stage := range []string{"setup", "call", "teardown"} {
		s := v.Get(stage)
		if s.Get("outcome").String() != "failed" {
			continue
		}
		detail = s.Get("longrepr").String()
		if msg = s.Get("crash.message").String(); msg == "" {
			msg = lastLine(detail)
		}
		return msg, detail
	}
	return "failed", ""
}

// lastLine is the last line of a traceback, which names the error.
func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

// sniffPytestJSON tells a pytest-json-report report by the keys the
// plugin writes first: created, duration, exitcode, root, and then its
// summary and tests (or collectors).
func sniffPytestJSON(text []byte) bool {
	if len(text) == 0 || text[0] != '{' {
		return false
	}
	return bytes.Contains(text, []byte(`"exitcode"`)) && bytes.Contains(text, []byte(`"root"`)) &&
		bytes.Contains(text, []byte(`"created"`)) && bytes.Contains(text, []byte(`"summary"`))
}

var pytestJSONFormat = &Format{
	Name:  FormatPytestJSON,
	Doc:   `pytest-json-report reports`,
	Side:  SideClient,
	Sniff: sniffPytestJSON,
	Parse: parsePytestJSON,
}
