package parsers

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// FormatPlaywright is the Playwright JSON reporter's report.
const FormatPlaywright = "playwright"

// parsePlaywright reads the report of Playwright's JSON reporter: suites
// (a file, then its describe blocks) hold specs, a spec holds one test per
// project, and a test holds one result per attempt. Each test is a Record,
// its outcome the test's: "expected" passed (a test.fail() that failed as
// it should included), "unexpected" failed, "flaky" passed after failed
// attempts (Record.Retries), "skipped" skipped. The report's errors that
// belong to no test (a spec file that does not load) are failed records
// too: the run failed on them.
func parsePlaywright(r io.Reader, source string, opt Options, sink Sink) error {
	return playwrightReport(source, opt, sink).read(r)
}

func playwrightReport(source string, opt Options, sink Sink) *jsonReport {
	jr := &jsonReport{source: source, sink: sink, wrongRoot: "Playwright report is not a JSON object"}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	jr.arrays = map[string]func(gjson.Result, int){
		"suites": func(v gjson.Result, line int) {
			p := &pwSuite{jr: jr, loc: loc, lines: newElemLines(v, line)}
			p.suite(v, nil)
		},
		"errors": func(v gjson.Result, line int) {
			rec := testRecord(source, line, FormatPlaywright, "global error")
			if f := v.Get("location.file").String(); f != "" {
				rec.Test = f
			}
			rec.fail(v.Get("message").String(), v.Get("stack").String())
			jr.emit(&rec)
		},
	}
	return jr
}

type pwSuite struct {
	jr    *jsonReport
	loc   *time.Location
	lines *elemLines
}

// suite reads a suite's specs and nested suites in document order, titles
// being the titles of the suites around it.
func (p *pwSuite) suite(s gjson.Result, titles []string) {
	if t := s.Get("title").String(); t != "" {
		titles = append(titles[:len(titles):len(titles)], t)
	}
	s.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "specs":
			v.ForEach(func(_, spec gjson.Result) bool {
				p.spec(spec, titles)
				return true
			})
		case "suites":
			v.ForEach(func(_, sub gjson.Result) bool {
				p.suite(sub, titles)
				return true
			})
		}
		return true
	})
}

func (p *pwSuite) spec(spec gjson.Result, titles []string) {
	line := p.lines.at(spec)
	name := strings.Join(append(titles[:len(titles):len(titles)], spec.Get("title").String()), " › ")
	spec.Get("tests").ForEach(func(_, t gjson.Result) bool {
		rec := testRecord(p.jr.source, line, FormatPlaywright, name)
		if project := t.Get("projectName").String(); project != "" {
			rec.Test = "[" + project + "] › " + name
		}
		p.outcome(&rec, t)
		p.jr.emit(&rec)
		return true
	})
}

// outcome fills the record from the test's status and its results.
func (p *pwSuite) outcome(rec *Record, t gjson.Result) {
	results := t.Get("results").Array()
	failedAttempts := 0
	var lastFail gjson.Result
	for i, res := range results {
		if i == 0 {
			rec.Time = timeValue(res.Get("startTime"), p.loc)
		}
		if d := res.Get("duration"); d.Type == gjson.Number && d.Float() >= 0 {
			rec.Seconds, rec.HasSeconds = d.Float()/1000, true
		}
		switch res.Get("status").String() {
		case "failed", "timedOut", "interrupted":
			failedAttempts++
			lastFail = res
		}
	}
	switch t.Get("status").String() {
	case "unexpected":
		if !lastFail.Exists() && len(results) > 0 {
			lastFail = results[len(results)-1]
		}
		msg, detail := pwError(lastFail, t.Get("timeout").Int())
		if msg == "" {
			msg = "unexpected outcome (expected " + t.Get("expectedStatus").String() + ")"
		}
		rec.fail(msg, detail)
		rec.Retries = max(len(results)-1, 0)
	case "flaky":
		rec.Retries = max(failedAttempts, 1)
	case "skipped":
		rec.Skipped = true
	}
}

// pwError returns the message of a result's error and its stack; a
// result that timed out without one gets Playwright's own words, which
// say nothing of the network: the test, not a request, ran out of time.
func pwError(res gjson.Result, timeout int64) (msg, detail string) {
	e := res.Get("error")
	if !e.Exists() {
		e = res.Get("errors.0")
	}
	if e.Get("message").String() == "" && res.Get("status").String() == "timedOut" {
		return "Test timeout of " + strconv.FormatInt(timeout, 10) + "ms exceeded.", ""
	}
	return e.Get("message").String(), e.Get("stack").String()
}

// sniffPlaywright tells a Playwright JSON report by the keys its reporter
// writes: a top-level config with Playwright's rootDir or projects, and
// suites whose specs hold tests with an expectedStatus (or, in a report
// of no tests, its stats of expected and unexpected tests).
func sniffPlaywright(text []byte) bool {
	if len(text) == 0 || text[0] != '{' || !bytes.Contains(text, []byte(`"suites"`)) || !bytes.Contains(text, []byte(`"config"`)) {
		return false
	}
	return bytes.Contains(text, []byte(`"specs"`)) && bytes.Contains(text, []byte(`"expectedStatus"`)) ||
		bytes.Contains(text, []byte(`"rootDir"`)) && bytes.Contains(text, []byte(`"projects"`))
}

var playwrightFormat = &Format{
	Name:  FormatPlaywright,
	Doc:   `Playwright JSON reporter reports (suites, specs, tests, results)`,
	Side:  SideClient,
	Sniff: sniffPlaywright,
	Parse: parsePlaywright,
}
