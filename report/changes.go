package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/errpat/errpat/analyzer"
)

// HourOfDay counts the requests of one hour of the day (0-23, in the
// report's zone) across the window.
type HourOfDay struct {
	Hour        int      `json:"hour"`
	Requests    int      `json:"requests"`
	Failed      int      `json:"failed"`
	SuccessRate *float64 `json:"success_rate"` // percent; null for an hour without requests
}

// Changes compares the window with an earlier one: the previous window of
// the same length (--compare previous) or a report saved earlier
// (--baseline). Null when there is no comparison.
type Changes struct {
	Baseline       Baseline         `json:"baseline"`
	ErrorRateNow   float64          `json:"error_rate_now"`
	ErrorRateThen  float64          `json:"error_rate_then"`
	NewPatterns    []PatternChange  `json:"new_patterns"`
	GrownPatterns  []PatternChange  `json:"grown_patterns"`
	GonePatterns   []PatternChange  `json:"gone_patterns"`
	WorseEndpoints []EndpointChange `json:"worse_endpoints"`
}

// Baseline is the window compared with.
type Baseline struct {
	Source    string  `json:"source"` // "previous window", or the saved report's file
	Since     *string `json:"since"`
	Until     *string `json:"until"`
	Requests  int     `json:"requests"`
	Failed    int     `json:"failed"`
	ErrorRate float64 `json:"error_rate"`
	// PartialPatterns is set when the baseline lists only its top
	// messages: a "new" pattern may have been there, below its top.
	PartialPatterns bool `json:"partial_patterns"`
}

// PatternChange puts a failure pattern's counts side by side; shares are
// percent of each window's requests. GrownBy says how a grown pattern
// grew: "count", "share" or both.
type PatternChange struct {
	Pattern   string   `json:"pattern"`
	Class     string   `json:"class"`
	CountNow  int      `json:"count_now"`
	CountThen int      `json:"count_then"`
	ShareNow  float64  `json:"share_now"`
	ShareThen float64  `json:"share_then"`
	GrownBy   []string `json:"grown_by"`
}

// EndpointChange puts an endpoint's numbers side by side; Worse says
// what got worse: "error_rate", "p95" or both.
type EndpointChange struct {
	Method         string   `json:"method"`
	Endpoint       string   `json:"endpoint"`
	RequestsNow    int      `json:"requests_now"`
	RequestsThen   int      `json:"requests_then"`
	ErrorRateNow   float64  `json:"error_rate_now"`
	ErrorRateThen  float64  `json:"error_rate_then"`
	P95SecondsNow  *float64 `json:"p95_seconds_now"`
	P95SecondsThen *float64 `json:"p95_seconds_then"`
	Worse          []string `json:"worse"`
}

// ReadJSON reads a report written by errpat --format json, to compare
// with as a baseline.
func ReadJSON(rd io.Reader) (*Report, error) {
	var r Report
	if err := json.NewDecoder(rd).Decode(&r); err != nil {
		return nil, fmt.Errorf("not an errpat JSON report: %w", err)
	}
	switch {
	case r.SchemaVersion == 0:
		return nil, errors.New("not an errpat JSON report (no schema_version): write one with errpat --format json")
	case r.SchemaVersion > SchemaVersion:
		return nil, fmt.Errorf("written by a newer errpat (schema_version %d; this one reads up to %d)", r.SchemaVersion, SchemaVersion)
	}
	return &r, nil
}

// Snapshot returns what a comparison needs of a saved report. Its
// patterns are its top messages: partial when they do not add up to its
// failures.
func (r *Report) Snapshot() analyzer.Snapshot {
	s := analyzer.Snapshot{Since: parseStamp(r.Window.Since, r.Summary.First),
		Until: parseStamp(r.Window.Until, r.Summary.Last), Requests: r.Summary.Requests, Failed: r.Summary.Failed}
	listed := 0
	for _, m := range r.TopMessages {
		s.Patterns = append(s.Patterns, analyzer.PatternCount{Pattern: m.Pattern, Class: analyzer.Class(m.Class), Count: m.Count})
		listed += m.Count
	}
	s.PartialPatterns = listed < r.Summary.Failed
	for _, e := range r.ByEndpoint {
		ec := analyzer.EndpointCount{Method: e.Method, Endpoint: e.Endpoint, Requests: e.Requests, Failed: e.Failed,
			ErrorRate: e.ErrorRate}
		if e.P95Seconds != nil {
			ec.P95, ec.Timed = *e.P95Seconds, e.Requests // the report does not say how many were timed
		}
		s.Endpoints = append(s.Endpoints, ec)
	}
	return s
}

// previousWindow is the baseline's source with --compare previous.
const previousWindow = "previous window"

// addDaily fills the daily report's parts: the day's profile, the
// detected patterns and the comparison.
func (r *Report) addDaily(res *analyzer.Result, opt Options) {
	r.ByHourOfDay = []HourOfDay{}
	for _, h := range res.ByHourOfDay {
		hd := HourOfDay{Hour: h.Hour, Requests: h.Requests, Failed: h.Failed}
		if h.Requests > 0 {
			hd.SuccessRate = ptr(round(100-float64(h.Failed)*100/float64(h.Requests), 2))
		}
		r.ByHourOfDay = append(r.ByHourOfDay, hd)
	}
	r.Detected = detected(res)
	switch {
	case res.Previous != nil:
		r.Changes = changes(analyzer.Compare(res.Snapshot(), res.Previous.Snapshot()), previousWindow, res.Location)
	case opt.Baseline != nil:
		r.Changes = changes(analyzer.Compare(res.Snapshot(), opt.Baseline.Snapshot()), opt.BaselineName, res.Location)
	}
}

func changes(c *analyzer.Changes, source string, loc *time.Location) *Changes {
	t := c.Then
	out := &Changes{
		Baseline: Baseline{Source: source, Since: stamp(t.Since, loc), Until: stamp(t.Until, loc), Requests: t.Requests,
			Failed: t.Failed, ErrorRate: round(c.ErrorRateThen, 2), PartialPatterns: t.PartialPatterns},
		ErrorRateNow: round(c.ErrorRateNow, 2), ErrorRateThen: round(c.ErrorRateThen, 2),
		NewPatterns: patternChanges(c.New), GrownPatterns: patternChanges(c.Grown), GonePatterns: patternChanges(c.Gone),
		WorseEndpoints: []EndpointChange{},
	}
	for _, e := range c.Worse {
		ec := EndpointChange{Method: e.Method, Endpoint: e.Endpoint, RequestsNow: e.RequestsNow, RequestsThen: e.RequestsThen,
			ErrorRateNow: round(e.ErrorRateNow, 2), ErrorRateThen: round(e.ErrorRateThen, 2),
			Worse: flags(e.ErrorRateUp, "error_rate", e.P95Up, "p95")}
		if e.Timed {
			ec.P95SecondsNow, ec.P95SecondsThen = ptr(round(e.P95Now, 3)), ptr(round(e.P95Then, 3))
		}
		out.WorseEndpoints = append(out.WorseEndpoints, ec)
	}
	return out
}

func patternChanges(ps []analyzer.PatternChange) []PatternChange {
	out := []PatternChange{}
	for _, p := range ps {
		out = append(out, PatternChange{Pattern: p.Pattern, Class: string(p.Class), CountNow: p.CountNow,
			CountThen: p.CountThen, ShareNow: p.ShareNow, ShareThen: p.ShareThen,
			GrownBy: flags(p.ByCount && p.CountThen > 0, "count", p.ByShare && p.CountThen > 0, "share")})
	}
	return out
}

// flags names the conditions that hold, in order; never nil.
func flags(a bool, aName string, b bool, bName string) []string {
	out := []string{}
	if a {
		out = append(out, aName)
	}
	if b {
		out = append(out, bName)
	}
	return out
}

func hourOfDaySection(w io.Writer, r *Report, d doc) {
	d.heading(w, "By hour of day ("+r.TimeZone+")")
	t := newTable("Hour", "Requests", "Failed", "Success rate", "Failed / ok")
	rows, first, last := 0, -1, -1
	for i, h := range r.ByHourOfDay {
		if h.Requests > 0 && first < 0 {
			first = i
		}
		if h.Requests > 0 {
			last = i
		}
	}
	for i, h := range r.ByHourOfDay {
		switch {
		case first < 0 || i < first || i > last:
			continue
		case h.Requests == 0: // an empty hour between busy ones is news
			t.AppendRow([]any{fmt.Sprintf("%02d:00", h.Hour), 0, 0, "-", ""})
		default:
			t.AppendRow([]any{fmt.Sprintf("%02d:00", h.Hour), h.Requests, h.Failed,
				fmt.Sprintf("%.1f%%", *h.SuccessRate), d.bar(h.Failed, h.Requests-h.Failed)})
			rows++
		}
	}
	if rows == 0 {
		d.para(w, "No timestamped requests.")
		return
	}
	d.table(w, t)
}

func changesSection(w io.Writer, r *Report, d doc) {
	c := r.Changes
	if c == nil {
		return
	}
	b := c.Baseline
	title := "Changes since " + b.Source
	if b.Source == previousWindow {
		title = "Changes since the " + previousWindow
	}
	d.heading(w, title)
	d.para(w, fmt.Sprintf("Error rate %.2f%% now, %.2f%% then (%+.2f points); %d requests now, %d then (%s to %s).",
		c.ErrorRateNow, c.ErrorRateThen, c.ErrorRateNow-c.ErrorRateThen, r.Summary.Requests, b.Requests, when(b.Since), when(b.Until)))
	if b.PartialPatterns {
		d.para(w, "The baseline lists only its top messages: a pattern new here may have been there, below its top.")
	}
	patternTable(w, d, "New patterns", c.NewPatterns, "Count", "Share", "Class", "Pattern")
	patternTable(w, d, "Grown patterns", c.GrownPatterns, "Now", "Then", "Share now", "Share then", "Grown by", "Pattern")
	patternTable(w, d, "Gone patterns", c.GonePatterns, "Then", "Share then", "Class", "Pattern")
	if len(c.WorseEndpoints) == 0 {
		d.para(w, "Worse endpoints: none.")
		return
	}
	d.para(w, "Worse endpoints (error rate or p95 up):")
	t := newTable("Method", "Endpoint", "Requests now", "then", "Error rate now", "then", "p95 s now", "then")
	for _, e := range c.WorseEndpoints {
		t.AppendRow([]any{orDash(&e.Method), e.Endpoint, e.RequestsNow, e.RequestsThen, fmt.Sprintf("%.1f%%", e.ErrorRateNow),
			fmt.Sprintf("%.1f%%", e.ErrorRateThen), seconds(e.P95SecondsNow), seconds(e.P95SecondsThen)})
	}
	d.table(w, t)
}

// patternTable lists pattern changes under a label; the header says
// which columns.
func patternTable(w io.Writer, d doc, label string, ps []PatternChange, header ...any) {
	if len(ps) == 0 {
		d.para(w, label+": none.")
		return
	}
	d.para(w, label+":")
	t := newTable(header...)
	for _, p := range ps {
		pat := clip(p.Pattern, 80)
		switch label {
		case "New patterns":
			t.AppendRow([]any{p.CountNow, fmt.Sprintf("%.2f%%", p.ShareNow), p.Class, pat})
		case "Grown patterns":
			t.AppendRow([]any{p.CountNow, p.CountThen, fmt.Sprintf("%.2f%%", p.ShareNow), fmt.Sprintf("%.2f%%", p.ShareThen),
				strings.Join(p.GrownBy, ", "), pat})
		default:
			t.AppendRow([]any{p.CountThen, fmt.Sprintf("%.2f%%", p.ShareThen), p.Class, pat})
		}
	}
	d.table(w, t)
}
