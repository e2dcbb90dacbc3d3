package report

import (
	"fmt"
	"io"
	"strings"
	"time"

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
	table                               func(Detected) (*tab, string)
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
func evidenceTable(d Detected) (*tab, string) {
	if f := findingNamed(d.Name); f.table != nil {
		return f.table(d)
	}
	return nil, ""
}

func burstTable(f Detected) (*tab, string) {
	if len(f.Bursts) == 0 {
		return nil, ""
	}
	t := newTable("Start", "End", "No response", "Timeouts", "Requests")
	for _, b := range f.Bursts[:listed(len(f.Bursts))] {
		t.AppendRow([]any{when(b.Start), when(b.End), b.NoResponse, b.Timeouts, b.Requests})
	}
	return t, more(len(f.Bursts)+f.LeftOut, len(f.Bursts))
}

func authTable(f Detected) (*tab, string) {
	if len(f.AuthOutages) == 0 {
		return nil, ""
	}
	t := newTable("Start", "End", "Requests", "401", "403", "Runs").pathColumns(5)
	for _, o := range f.AuthOutages[:listed(len(f.AuthOutages))] {
		t.AppendRow([]any{when(o.Start), when(o.End), o.Requests, o.Unauthorized, o.Forbidden, strings.Join(o.Runs, " ")})
	}
	return t, more(len(f.AuthOutages)+f.LeftOut, len(f.AuthOutages))
}

func flakyTable(f Detected) (*tab, string) {
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

// findingsSection lists the detected patterns one line each: what each
// counts, and when.
func findingsSection(w io.Writer, r *Report, d doc) {
	if len(r.Detected) == 0 {
		d.para(w, noneKnown())
		return
	}
	d.para(w, "Detected:")
	for _, f := range r.Detected {
		fd := findingNamed(f.Name)
		line := fd.title + ": " + counted(f.Count, fd.unit)
		if f.First != nil {
			line += ", " + whenRange(f.First, f.Last)
		}
		d.item(w, line)
	}
	if _, ok := d.(markdownDoc); ok {
		fmt.Fprintln(w)
	}
}

// whenRange writes a span without repeating its day.
func whenRange(from, to *string) string {
	a, b := when(from), when(to)
	switch {
	case a == b || to == nil:
		return a
	case len(a) == len(b) && len(a) > 10 && a[:10] == b[:10]:
		return a + " to " + b[11:]
	}
	return a + " to " + b
}

// detectedSection says what each finding rests on, and with --detail
// high lists its evidence.
func detectedSection(w io.Writer, r *Report, d doc) {
	if len(r.Detected) == 0 {
		return
	}
	d.heading(w, "Detected patterns")
	for _, f := range r.Detected {
		d.para(w, findingNamed(f.Name).title+": "+f.Summary)
		if d.level() < detailHigh {
			continue
		}
		if t, note := evidenceTable(f); t != nil {
			d.table(w, t)
			if note != "" {
				d.para(w, note)
			}
		}
	}
	if d.level() < detailHigh {
		d.para(w, "Each finding's evidence: --detail high.")
	}
}
