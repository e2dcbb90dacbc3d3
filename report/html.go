package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
)

// RenderHTML writes the report as one self-contained HTML page for a
// browser or a mail client. It is built to be mailed: one style block of
// a few classes (mail clients keep it, and the page stays small enough
// that Gmail does not clip it), what failed first, long lists cut to
// their first rows with a count of the rest, and charts as inline SVG
// beside tables of the same numbers (for clients that drop SVG). No
// script, nothing loaded from elsewhere; html/template escapes every
// string from the input.
func RenderHTML(w io.Writer, r *Report) error {
	t, err := template.New("page").Funcs(htmlFuncs()).Parse(htmlPage)
	if err != nil {
		return fmt.Errorf("html template: %w", err)
	}
	if err := t.Execute(w, newHTMLView(r)); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

// htmlPage is the page template.
//
//go:embed html.tmpl
var htmlPage string

// htmlListed bounds the rows of a list on the page, lower than in the
// text report: a mail over about 100 KB is clipped by Gmail.
const htmlListed = 10

// htmlView is what the page template reads: the report, and what the
// page lays out in its own way.
type htmlView struct {
	R             *Report
	Per           string // what a row of Hours is: "hour", "day", "month" or "year"
	Hours         []Hour
	MoreHours     string // how many rows are not in Hours
	HoursOfDay    []Hour // the hours of the day with requests, labelled 00:00 to 23:00
	Traffic       *barChart
	Latency       *lineChart
	Messages      []Message
	MoreMessages  string
	Runs          []Incomplete
	MoreRuns      string
	Endpoints     []Endpoint
	MoreEndpoints string
	Slowest       []SlowRequest
	MoreSlowest   string
	Problems      []Problem
	MoreProblems  string
	Detected      []detectedView
	Stated        []htmlStated // stated.go
}

func newHTMLView(r *Report) htmlView {
	rows, per, note := timeline(r.ByHour)
	v := htmlView{R: r, Per: per, Hours: rows, MoreHours: note, HoursOfDay: hoursOfDay(r.ByHourOfDay),
		Traffic: trafficChart(rows, per), Latency: latencyChart(r.ByHour, r.Slow.Timed),
		Detected: detectedViews(r.Detected), Stated: statedSections(r)}
	v.Messages, v.MoreMessages = cut(r.TopMessages, len(r.TopMessages))
	v.Runs, v.MoreRuns = cut(r.IncompleteRun, r.Summary.IncompleteRuns)
	v.Endpoints, v.MoreEndpoints = cut(r.ByEndpoint, len(r.ByEndpoint))
	v.Slowest, v.MoreSlowest = cut(r.Slow.Slowest, len(r.Slow.Slowest))
	v.Problems, v.MoreProblems = cut(r.Inputs.Problems, r.Inputs.ProblemCount)
	return v
}

// cut keeps the first htmlListed rows of a list of total rows (the JSON
// report holding len(rows) of them) and says how many are left out.
func cut[T any](rows []T, total int) ([]T, string) {
	n := min(len(rows), htmlListed)
	return rows[:n], htmlMore(total, len(rows), n)
}

// htmlMore is the line under a list cut to shown rows: of total rows,
// inJSON are in the JSON report. Empty when none were cut.
func htmlMore(total, inJSON, shown int) string {
	switch {
	case total <= shown:
		return ""
	case inJSON >= total:
		return fmt.Sprintf("… and %d more (the JSON report lists all).", total-shown)
	case inJSON > shown:
		return fmt.Sprintf("… and %d more (the JSON report lists the first %d).", total-shown, inJSON)
	}
	return fmt.Sprintf("… and %d more.", total-shown)
}

// htmlFuncs are the helpers of the page template. They return plain
// strings, which the template escapes.
func htmlFuncs() template.FuncMap {
	return template.FuncMap{
		"notLogs":   notLogsLine,
		"noneKnown": noneKnown,
		"notRead":   notReadLine,
		"notRest":   notReadRestLine,
		"sources":   sourcesText,
		"badge":     badgeClass,
		"status":    statusText,
		"statuses":  joinInts,
		"percent":   percent,
		"rate":      func(v float64) string { return fmt.Sprintf("%.1f%%", v) },
		"rate2":     func(v float64) string { return fmt.Sprintf("%.2f%%", v) },
		"seconds":   seconds,
		"sec3":      func(v float64) string { return fmt.Sprintf("%.3f", v) },
		"dash":      orDash,
		"when":      when,
		"text":      func(s string) string { return orDash(&s) },
		"line":      lineOrDash,
		"hour":      hourLabel,
		"clip":      clip,
		"sub":       func(a, b int) int { return a - b },
		"add":       func(a, b int) int { return a + b },
		"mul":       func(a, b int) int { return a * b },
		"delta":     func(now, then float64) string { return fmt.Sprintf("%+.2f points", now-then) },
		"changes":   changesTitle,
		"title":     sectionTitle,
	}
}

// badgeClass is the class of a failure class's label: red for failures
// of the service or the network, purple for limits and credentials,
// amber for the client's own mistakes.
func badgeClass(class string) string {
	switch class {
	case "ok":
		return "b ok"
	case "server", "network", "timeout", "tls", "dns":
		return "b sv"
	case "rate_limit", "auth", "permission":
		return "b lm"
	}
	return "b cl"
}
