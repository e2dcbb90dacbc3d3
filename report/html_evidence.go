package report

import (
	"fmt"
	"strings"
)

// The sections of the page built from the model's fields one by one:
// each detected pattern's evidence, the hours of the day. A field the
// page leaves out is left out on purpose (TestHTMLRendersTheModel keeps
// the list).

// changesTitle heads the comparison, as in the text report.
func changesTitle(c *Changes) string {
	if c.Baseline.Source == previousWindow {
		return "Changes since the " + previousWindow
	}
	return "Changes since " + c.Baseline.Source
}

// hoursOfDay are the hours of the day that had requests.
func hoursOfDay(hours []HourOfDay) []Hour {
	var hs []Hour
	for _, h := range hours {
		if h.Requests > 0 {
			hs = append(hs, Hour{Hour: fmt.Sprintf("%02d:00", h.Hour), Requests: h.Requests, Failed: h.Failed})
		}
	}
	return hs
}

// detectedView is a detected pattern: its title, its sentence, and its
// evidence as a table.
type detectedView struct {
	Title, Summary string
	Evidence       *evidence
}

// evidence is a table of strings with the line under it.
type evidence struct {
	Columns []string
	Rows    [][]string
	Note    string // the rows left out
}

// detectedViews lays out the detected patterns. The evidence tables are
// the text report's, cell for cell, cut to htmlListed rows; the peak
// band and the rate limiting are whole in their sentences, the crashed
// runs are listed under Incomplete runs.
func detectedViews(ds []Detected) []detectedView {
	out := make([]detectedView, 0, len(ds))
	for _, d := range ds {
		out = append(out, detectedView{Title: findingNamed(d.Name).title, Summary: d.Summary, Evidence: evidenceOf(d)})
	}
	return out
}

func evidenceOf(d Detected) *evidence {
	switch {
	case len(d.Intermittent) > 0:
		return intermittentEvidence(d)
	case len(d.Bursts) > 0:
		return burstEvidence(d)
	case len(d.AuthOutages) > 0:
		return authEvidence(d)
	case len(d.FlakyTests) > 0:
		return flakyEvidence(d)
	}
	return nil
}

func intermittentEvidence(d Detected) *evidence {
	e := &evidence{Columns: []string{"Status", "Count", "Share", "Hours", "Max in one hour", "First", "Last"}}
	for _, s := range d.Intermittent {
		e.Rows = append(e.Rows, []string{statusText(s.Status), itoa(s.Count), fmt.Sprintf("%.2f%%", s.Rate),
			fmt.Sprintf("%d of %d", s.Hours, s.ActiveHours), itoa(s.MaxInHour), when(s.First), when(s.Last)})
	}
	return e
}

func burstEvidence(d Detected) *evidence {
	e := &evidence{Columns: []string{"Start", "End", "No response", "Timeouts", "Requests"}}
	shown := min(len(d.Bursts), htmlListed)
	for _, b := range d.Bursts[:shown] {
		e.Rows = append(e.Rows, []string{when(b.Start), when(b.End), itoa(b.NoResponse), itoa(b.Timeouts), itoa(b.Requests)})
	}
	e.Note = htmlMore(len(d.Bursts)+d.LeftOut, len(d.Bursts), shown)
	return e
}

func authEvidence(d Detected) *evidence {
	e := &evidence{Columns: []string{"Start", "End", "Requests", "401", "403", "Runs"}}
	shown := min(len(d.AuthOutages), htmlListed)
	for _, o := range d.AuthOutages[:shown] {
		e.Rows = append(e.Rows, []string{when(o.Start), when(o.End), itoa(o.Requests), itoa(o.Unauthorized),
			itoa(o.Forbidden), someRuns(o.Runs)})
	}
	e.Note = htmlMore(len(d.AuthOutages)+d.LeftOut, len(d.AuthOutages), shown)
	return e
}

func flakyEvidence(d Detected) *evidence {
	e := &evidence{Columns: []string{"Test", "Passed runs", "Failed runs", "Passed", "Failed", "Failures by status"}}
	shown := min(len(d.FlakyTests), htmlListed)
	for _, ft := range d.FlakyTests[:shown] {
		e.Rows = append(e.Rows, []string{clip(ft.Test, 200), itoa(ft.PassedRuns), itoa(ft.FailedRuns), itoa(ft.Passed), itoa(ft.Failed),
			statusTallies(ft.Statuses)})
	}
	e.Note = htmlMore(len(d.FlakyTests), len(d.FlakyTests), shown)
	return e
}

// maxRunsInCell bounds the runs an auth outage's cell names: a spell
// can hold hundreds.
const maxRunsInCell = 5

// someRuns names the first runs of a spell and counts the rest: the text
// report lists them all, the page has to fit in a mail.
func someRuns(runs []string) string {
	if len(runs) <= maxRunsInCell {
		return strings.Join(runs, " ")
	}
	return strings.Join(runs[:maxRunsInCell], " ") + fmt.Sprintf(" … and %d more", len(runs)-maxRunsInCell)
}

// statusTallies writes a test's failures by status as the text report
// does: "500 ×11, no response ×3".
func statusTallies(ts []StatusTally) string {
	parts := make([]string, len(ts))
	for i, s := range ts {
		parts[i] = fmt.Sprintf("%s ×%d", failureLabel(s.Status), s.Count)
	}
	return strings.Join(parts, ", ")
}

// sectionTitle turns a JSON key into a heading: "detected_patterns"
// becomes "Detected patterns".
func sectionTitle(key string) string {
	s := strings.ReplaceAll(key, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
