package parsers

import (
	"bytes"
	"io"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// FormatCucumber is Cucumber's JSON report (cucumber-js, cucumber-jvm,
// cucumber-ruby).
const FormatCucumber = "cucumber"

// parseCucumber reads a Cucumber JSON report: an array of features, each
// with its elements, backgrounds and scenarios. Each scenario is a
// Record; a background is no test, but its steps run before the scenario
// that follows it and count for it. A scenario fails when one of its
// steps or hooks does not pass (failed, ambiguous, undefined, pending:
// Cucumber fails the run on each); it is skipped when its steps were all
// skipped, and passed otherwise. Durations are nanoseconds.
func parseCucumber(r io.Reader, source string, opt Options, sink Sink) error {
	return cucumberReport(source, opt, sink).read(r)
}

func cucumberReport(source string, opt Options, sink Sink) *jsonReport {
	jr := &jsonReport{source: source, sink: sink, wrongRoot: "Cucumber report is not a JSON array of features"}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	jr.arrays = map[string]func(gjson.Result, int){"": func(feature gjson.Result, line int) {
		lines := newElemLines(feature, line)
		var background *cukeOutcome
		feature.Get("elements").ForEach(func(_, el gjson.Result) bool {
			if el.Get("type").String() == "background" || el.Get("keyword").String() == "Background" {
				o := cukeSteps(el)
				background = &o
				return true
			}
			rec := testRecord(source, lines.at(el), FormatCucumber, cukeName(feature, el))
			rec.Time = timeValue(el.Get("start_timestamp"), loc)
			o := cukeSteps(el)
			if background != nil {
				o = background.then(o)
				background = nil
			}
			if o.hasTime {
				rec.Seconds, rec.HasSeconds = o.seconds, true
			}
			switch {
			case o.failed:
				rec.fail(o.message, o.detail)
			case o.steps > 0 && o.skipped == o.steps:
				rec.Skipped = true
			}
			jr.emit(&rec)
			return true
		})
	}}
	return jr
}

func cukeName(feature, el gjson.Result) string {
	name := el.Get("name").String()
	if f := feature.Get("name").String(); f != "" {
		name = f + " › " + name
	}
	return name
}

// cukeOutcome is what the steps and hooks of a scenario (or background)
// add up to.
type cukeOutcome struct {
	steps, skipped  int
	failed          bool
	message, detail string
	seconds         float64
	hasTime         bool
}

// then joins a background's outcome with the scenario's that follows it.
func (b cukeOutcome) then(o cukeOutcome) cukeOutcome {
	if b.failed && !o.failed {
		o.failed, o.message, o.detail = true, b.message, b.detail
	}
	o.steps += b.steps
	o.skipped += b.skipped
	o.seconds += b.seconds
	o.hasTime = o.hasTime || b.hasTime
	return o
}

func cukeSteps(el gjson.Result) cukeOutcome {
	var o cukeOutcome
	add := func(step gjson.Result, isStep bool) {
		res := step.Get("result")
		if d := res.Get("duration"); d.Type == gjson.Number && d.Float() >= 0 {
			o.seconds += d.Float() / 1e9
			o.hasTime = true
		}
		st := res.Get("status").String()
		if isStep {
			o.steps++
			if st == "skipped" {
				o.skipped++
			}
		}
		if o.failed || st == "passed" || st == "skipped" || st == "" && !isStep {
			return
		}
		o.failed = true
		where := strings.TrimSpace(step.Get("keyword").String() + step.Get("name").String())
		switch msg := res.Get("error_message").String(); {
		case msg != "":
			o.message, o.detail = msg, msg
		case where != "":
			o.message = "step " + st + ": " + where
		default:
			o.message = "hook " + st
		}
	}
	el.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "before", "after":
			v.ForEach(func(_, h gjson.Result) bool { add(h, false); return true })
		case "steps":
			v.ForEach(func(_, s gjson.Result) bool {
				s.Get("before").ForEach(func(_, h gjson.Result) bool { add(h, false); return true })
				add(s, true)
				s.Get("after").ForEach(func(_, h gjson.Result) bool { add(h, false); return true })
				return true
			})
		}
		return true
	})
	return o
}

// sniffCucumber tells a Cucumber JSON report: an array of features whose
// elements hold keyworded steps.
func sniffCucumber(text []byte) bool {
	if len(text) == 0 || text[0] != '[' {
		return false
	}
	return bytes.Contains(text, []byte(`"elements"`)) && bytes.Contains(text, []byte(`"keyword"`)) &&
		(bytes.Contains(text, []byte(`"uri"`)) || bytes.Contains(text, []byte(`"steps"`)))
}

var cucumberFormat = &Format{
	Name:  FormatCucumber,
	Doc:   `Cucumber JSON reports (features, scenarios, steps)`,
	Side:  SideClient,
	Sniff: sniffCucumber,
	Parse: parseCucumber,
}
