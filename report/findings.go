package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"

	"github.com/errpat/errpat/analyzer"
)

// finding is one detector's part of the report: the name its Detected
// carries in the JSON, its title and its phrase for people, the JSON key
// of its evidence, what its count counts, the builder of its Detected
// from the analysis (nil when it found nothing), and its evidence table
// (nil when a sentence says it all). A new detector is one entry of
// findingList; the text, Markdown and HTML reports, the "none of the
// known patterns" sentence and the README's list follow from it.
type finding struct {
	name, title, phrase, evidence, unit string
	build                               func(analyzer.Findings, *time.Location) *Detected
	table                               func(Detected) (table.Writer, string)
}

// findingList lists the findings in the order they show.
func findingList() []finding {
	return []finding{
		{"intermittent_server_errors", "Intermittent server errors", "intermittent server errors", "intermittent", "request",
			intermittentFinding, nil},
		{"peak_hour_degradation", "Peak-hour degradation", "peak-hour degradation", "peak", "request", peakFinding, nil},
		{"timeout_bursts", "Timeout bursts", "timeout bursts", "bursts", "request", burstFinding, burstTable},
		{"rate_limiting", "Rate limiting", "rate limiting", "rate_limit", "request", rateLimitFinding, nil},
		{"auth_outage", "Auth outage", "auth outages", "auth_outages", "request", authFinding, authTable},
		{"flaky_tests", "Flaky tests", "flaky tests", "flaky_tests", "test", flakyFinding, flakyTable},
		{"crashed_runs", "Crashed runs", "crashed runs", "crashed_runs", "run", crashedFinding, nil},
	}
}

// findingNamed is the finding of a Detected's name; the zero finding,
// titled after the name, for a name no entry has.
func findingNamed(name string) finding {
	for _, f := range findingList() {
		if f.name == name {
			return f
		}
	}
	return finding{name: name, title: sectionTitle(name), unit: "request"}
}

func detected(res *analyzer.Result) []Detected {
	out := []Detected{}
	for _, f := range findingList() {
		if d := f.build(res.Detected, res.Location); d != nil {
			out = append(out, *d)
		}
	}
	return out
}

// noneKnown is the sentence of a report in which no detector found
// anything: it names what was looked for.
func noneKnown() string {
	var phrases []string
	for _, f := range findingList() {
		phrases = append(phrases, f.phrase)
	}
	return "None of the known patterns: " + strings.Join(phrases, ", ") + "."
}

// FindingsDoc lists the detected patterns' names and evidence keys as
// the README's description of the JSON's "detected" does.
func FindingsDoc() string {
	var parts []string
	for _, f := range findingList() {
		parts = append(parts, fmt.Sprintf("`%s` (`%s`)", f.name, f.evidence))
	}
	return strings.Join(parts, ", ")
}

// evidenceTable lists the evidence that does not fit a sentence, and
// says how many rows it leaves out.
func evidenceTable(d Detected) (table.Writer, string) {
	if f := findingNamed(d.Name); f.table != nil {
		return f.table(d)
	}
	return nil, ""
}

func burstTable(f Detected) (table.Writer, string) {
	if len(f.Bursts) == 0 {
		return nil, ""
	}
	t := newTable("Start", "End", "No response", "Timeouts", "Requests")
	for _, b := range f.Bursts[:listed(len(f.Bursts))] {
		t.AppendRow([]any{orDash(b.Start), orDash(b.End), b.NoResponse, b.Timeouts, b.Requests})
	}
	return t, more(len(f.Bursts)+f.LeftOut, len(f.Bursts))
}

func authTable(f Detected) (table.Writer, string) {
	if len(f.AuthOutages) == 0 {
		return nil, ""
	}
	t := newTable("Start", "End", "Requests", "401", "403", "Runs")
	for _, o := range f.AuthOutages[:listed(len(f.AuthOutages))] {
		t.AppendRow([]any{orDash(o.Start), orDash(o.End), o.Requests, o.Unauthorized, o.Forbidden, strings.Join(o.Runs, " ")})
	}
	return t, more(len(f.AuthOutages)+f.LeftOut, len(f.AuthOutages))
}

func flakyTable(f Detected) (table.Writer, string) {
	if len(f.FlakyTests) == 0 {
		return nil, ""
	}
	t := newTable("Test", "Passed runs", "Failed runs", "Passed", "Failed", "Failures by status")
	for _, ft := range f.FlakyTests {
		var st []string
		for _, s := range ft.Statuses {
			st = append(st, fmt.Sprintf("%s ×%d", failureLabel(s.Status), s.Count))
		}
		t.AppendRow([]any{ft.Test, ft.PassedRuns, ft.FailedRuns, ft.Passed, ft.Failed, strings.Join(st, ", ")})
	}
	return t, ""
}
