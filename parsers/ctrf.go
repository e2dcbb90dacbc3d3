package parsers

import (
	"bytes"
	"io"
	"regexp"
	"time"

	"github.com/tidwall/gjson"
)

// FormatCTRF is a Common Test Report Format (CTRF) JSON report.
const FormatCTRF = "ctrf"

// parseCTRF reads a CTRF report: {"results": {"tool", "summary",
// "tests": [...]}}, one Record per test. CTRF's outcomes: "passed";
// "failed"; "skipped" and "pending", which did not run; "other", whose
// rawStatus tells more: a test that timed out, was interrupted or broke
// failed, any other is counted as skipped, for CTRF says no more. A test
// that passed with retries (or flaky set) is flaky.
func parseCTRF(r io.Reader, source string, opt Options, sink Sink) error {
	return ctrfReport(source, opt, sink).read(r)
}

func ctrfReport(source string, opt Options, sink Sink) *jsonReport {
	jr := &jsonReport{source: source, sink: sink, wrongRoot: "CTRF report is not a JSON object"}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	jr.arrays = map[string]func(gjson.Result, int){"results.tests": func(v gjson.Result, line int) {
		rec := testRecord(source, line, FormatCTRF, v.Get("name").String())
		if suite := v.Get("suite"); suite.Type == gjson.String && suite.Str != "" {
			rec.Test = suite.Str + " › " + rec.Test
		}
		rec.Time = timeValue(v.Get("start"), loc)
		if d := v.Get("duration"); d.Type == gjson.Number && d.Float() >= 0 {
			rec.Seconds, rec.HasSeconds = d.Float()/1000, true
		}
		retries := int(max(v.Get("retries").Int(), v.Get("retry").Int(), 0))
		switch st := v.Get("status").String(); {
		case st == "failed" || st == "other" && ctrfFailed.MatchString(v.Get("rawStatus").String()):
			rec.fail(v.Get("message").String(), v.Get("trace").String())
			rec.Retries = retries
		case st == "passed":
			if retries == 0 && (v.Get("flaky").Bool() || v.Get("flake").Bool()) {
				retries = 1
			}
			rec.Retries = retries
		default: // skipped, pending, other
			rec.Skipped = true
		}
		jr.emit(&rec)
	}}
	return jr
}

// ctrfFailed tells the raw statuses of "other" tests that failed.
var ctrfFailed = regexp.MustCompile(`(?i)^(?:timed ?out|interrupted|broken|error(?:ed)?|fail(?:ed|ure)?)$`)

// ctrfResults is CTRF's results object, which the load tester's results
// array is not.
var ctrfResults = regexp.MustCompile(`"results"\s*:\s*\{`)

// sniffCTRF tells a CTRF report: its reportFormat, or a results object
// with CTRF's tool and summary.
func sniffCTRF(text []byte) bool {
	if len(text) == 0 || text[0] != '{' {
		return false
	}
	if bytes.Contains(text, []byte(`"reportFormat"`)) && bytes.Contains(text, []byte(`"CTRF"`)) {
		return true
	}
	return ctrfResults.Match(text) && bytes.Contains(text, []byte(`"tool"`)) &&
		(bytes.Contains(text, []byte(`"summary"`)) || bytes.Contains(text, []byte(`"totals"`)))
}

var ctrfFormat = &Format{
	Name:  FormatCTRF,
	Doc:   `CTRF JSON test reports ({"results": {"tool", "summary", "tests"}})`,
	Side:  SideClient,
	Sniff: sniffCTRF,
	Parse: parseCTRF,
}
