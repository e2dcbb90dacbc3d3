package parsers

import (
	"bytes"
	"io"
	"time"

	"github.com/tidwall/gjson"
)

// FormatAllure is one file of an Allure results folder.
const FormatAllure = "allure"

// parseAllure reads one file of an Allure results folder: a
// *-result.json holds one test, a Record; a *-container.json groups
// fixtures around tests and holds none, so it gives nothing, and is no
// problem. Outcomes: "passed"; "failed" (an assertion) and "broken" (an
// error) failed; "skipped", and "unknown" or none (a test that never
// reported), are counted as skipped. statusDetails gives the message and
// trace, and flags a flaky test.
func parseAllure(r io.Reader, source string, opt Options, sink Sink) error {
	return allureReport(source, opt, sink).read(r)
}

func allureReport(source string, opt Options, sink Sink) *jsonReport {
	jr := &jsonReport{source: source, sink: sink, wrongRoot: "Allure result is not a JSON object"}
	var name, fullName, status, message, trace string
	var start, stop gjson.Result
	var flaky, result bool
	jr.member = func(key string, v gjson.Result) {
		switch key {
		case "name":
			name = v.String()
		case "fullName":
			fullName = v.String()
		case "status":
			status, result = v.String(), true
		case "stage", "historyId", "testCaseId":
			result = true
		case "statusDetails":
			message, trace = v.Get("message").String(), v.Get("trace").String()
			flaky = v.Get("flaky").Bool()
		case "start":
			start = v
		case "stop":
			stop = v
		}
	}
	jr.done = func(ok bool) {
		if !result || !ok {
			return // a container, or a result cut short: its problem counts it
		}
		rec := testRecord(source, 1, FormatAllure, fullName)
		if rec.Test == "" {
			rec.Test = name
		}
		rec.Time = timeValue(start, time.UTC)
		if start.Type == gjson.Number && stop.Type == gjson.Number && stop.Float() >= start.Float() {
			rec.Seconds, rec.HasSeconds = (stop.Float()-start.Float())/1000, true
		}
		switch status {
		case "failed", "broken":
			if message == "" {
				message = status
			}
			rec.fail(message, trace)
		case "passed":
			if flaky {
				rec.Retries = 1
			}
		default:
			rec.Skipped = true
		}
		jr.emit(&rec)
	}
	return jr
}

// sniffAllure tells an Allure result: a uuid with a status, stage or
// history id.
func sniffAllure(text []byte) bool {
	has := allureKeys(text)
	return has != nil && (has("historyId") || has("testCaseId") || has("status") && has("stage"))
}

// sniffAllureContainer tells an Allure container: a uuid with children
// and fixtures.
func sniffAllureContainer(text []byte) bool {
	has := allureKeys(text)
	return has != nil && has("children") && (has("befores") || has("afters"))
}

// allureKeys returns a test of the keys of an object with a uuid, or nil
// when text is not one.
func allureKeys(text []byte) func(string) bool {
	if len(text) == 0 || text[0] != '{' || !bytes.Contains(text, []byte(`"uuid"`)) {
		return nil
	}
	return func(k string) bool { return bytes.Contains(text, []byte(`"`+k+`"`)) }
}

// A container holds fixtures around tests and no test of its own: read,
// it gives nothing, and is no problem.
var allureContainerFormat = &Format{
	Name:    "allure-container",
	Doc:     `Allure results folders' *-container.json (fixtures around tests, no test of its own)`,
	Side:    SideClient,
	Sniff:   sniffAllureContainer,
	Parse:   parseAllure,
	Summary: true,
}

var allureFormat = &Format{
	Name:  FormatAllure,
	Doc:   `Allure results files (*-result.json, one test each; containers hold none)`,
	Side:  SideClient,
	Sniff: sniffAllure,
	Parse: parseAllure,
}
