package parsers

import (
	"bytes"
	"io"
	"time"

	"github.com/tidwall/gjson"
)

// FormatMochawesome is a Mochawesome JSON report (mocha, Cypress).
const FormatMochawesome = "mochawesome"

// parseMochawesome reads a Mochawesome report: {"stats", "results": [root
// suites], "meta"}, suites nesting suites, each with its tests and its
// hooks. Each test is a Record: passed, failed (with err.message), or
// skipped when pending (it.skip) or skipped (not run after a failed
// hook). A hook that failed is a failed record too, as mocha counts it;
// hooks that passed are no tests.
func parseMochawesome(r io.Reader, source string, opt Options, sink Sink) error {
	return mochawesomeReport(source, opt, sink).read(r)
}

func mochawesomeReport(source string, opt Options, sink Sink) *jsonReport {
	jr := &jsonReport{source: source, sink: sink, wrongRoot: "Mochawesome report is not a JSON object"}
	var start time.Time
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	jr.member = func(key string, v gjson.Result) {
		if key == "stats" {
			start = timeValue(v.Get("start"), loc)
		}
	}
	jr.arrays = map[string]func(gjson.Result, int){"results": func(v gjson.Result, line int) {
		m := &mochaSuite{jr: jr, start: start, lines: newElemLines(v, line)}
		m.suite(v)
	}}
	return jr
}

type mochaSuite struct {
	jr    *jsonReport
	start time.Time
	lines *elemLines
}

// suite reads a suite's hooks, tests and nested suites in document order.
func (m *mochaSuite) suite(s gjson.Result) {
	s.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "beforeHooks", "afterHooks":
			v.ForEach(func(_, h gjson.Result) bool {
				if h.Get("state").String() == "failed" {
					m.test(h)
				}
				return true
			})
		case "tests":
			v.ForEach(func(_, t gjson.Result) bool {
				m.test(t)
				return true
			})
		case "suites":
			v.ForEach(func(_, sub gjson.Result) bool {
				m.suite(sub)
				return true
			})
		}
		return true
	})
}

func (m *mochaSuite) test(t gjson.Result) {
	name := t.Get("fullTitle").String()
	if name == "" {
		name = t.Get("title").String()
	}
	rec := testRecord(m.jr.source, m.lines.at(t), FormatMochawesome, name)
	rec.Time = m.start
	if d := t.Get("duration"); d.Type == gjson.Number && d.Float() >= 0 && t.Get("state").String() != "" {
		rec.Seconds, rec.HasSeconds = d.Float()/1000, true
	}
	switch {
	case t.Get("state").String() == "failed" || t.Get("fail").Bool():
		msg := t.Get("err.message").String()
		if msg == "" && t.Get("timedOut").Bool() {
			msg = "Timeout exceeded"
		}
		rec.fail(msg, t.Get("err.estack").String())
	case t.Get("state").String() == "passed" || t.Get("pass").Bool():
	default: // pending, skipped, or never run
		rec.Skipped = true
	}
	m.jr.emit(&rec)
}

// sniffMochawesome tells a Mochawesome report by its stats, which only
// Mochawesome writes with passPercent, or its meta naming mochawesome.
func sniffMochawesome(text []byte) bool {
	if len(text) == 0 || text[0] != '{' || !bytes.Contains(text, []byte(`"results"`)) {
		return false
	}
	return bytes.Contains(text, []byte(`"stats"`)) && bytes.Contains(text, []byte(`"passPercent"`)) ||
		bytes.Contains(text, []byte(`"mochawesome"`)) && bytes.Contains(text, []byte(`"meta"`))
}

var mochawesomeFormat = &Format{
	Name:  FormatMochawesome,
	Doc:   `Mochawesome JSON reports (mocha, Cypress)`,
	Side:  SideClient,
	Sniff: sniffMochawesome,
	Parse: parseMochawesome,
}
