package report

import (
	"fmt"
	"io"
	"strings"
)

// What the text and Markdown reports lead with: the headline (and the
// alert), the top failure patterns; the findings follow (findings.go).

func summarySection(w io.Writer, r *Report, d doc) {
	s := r.Summary
	d.heading(w, "errpat report")
	if a := r.Alert; a.Threshold != nil && a.Breached {
		d.alert(w, fmt.Sprintf("ALERT: error rate %.2f%% is above the threshold of %.2f%%.", a.ErrorRate, *a.Threshold))
	}
	d.para(w, headline(r)+".")
	skipped := ""
	if s.Skipped > 0 {
		skipped = ", " + counted(s.Skipped, "test") + " skipped"
	}
	window := "all records"
	if r.Window.Since != nil || r.Window.Until != nil {
		window = "records from " + when(s.First) + " to " + when(s.Last)
	}
	d.para(w, fmt.Sprintf("%s (%s incomplete)%s; %s.", counted(s.Runs, "run"), num(s.IncompleteRuns), skipped, window))
	if a := r.Alert; a.Threshold != nil && !a.Breached {
		d.para(w, fmt.Sprintf("Error rate %.2f%% is within the threshold of %.2f%%.", a.ErrorRate, *a.Threshold))
	}
	if td, ok := d.(textDoc); ok && td.base != "" {
		fmt.Fprintln(w, Visible("File names are relative to "+td.base+"."))
	}
}

// headline is the report in a line: requests, failed, rate, window and
// zone.
func headline(r *Report) string {
	s := r.Summary
	from, to := when(s.First), when(s.Last)
	if r.Window.Since != nil || r.Window.Until != nil {
		from, to = when(r.Window.Since), when(r.Window.Until)
	}
	return fmt.Sprintf("%s, %s failed (%.2f%%), %s to %s %s", counted(s.Requests, "request"), num(s.Failed), s.ErrorRate,
		from, to, r.TimeZone)
}

// doneLine repeats the headline in one line of the terminal, as
// gotestsum's DONE line does: without the window when it does not fit.
func doneLine(r *Report, width int) string {
	if line := "DONE " + headline(r); cellWidth(line) <= width {
		return line
	}
	s := r.Summary
	return fmt.Sprintf("DONE %s, %s failed (%.2f%%)", counted(s.Requests, "request"), num(s.Failed), s.ErrorRate)
}

func messageSection(w io.Writer, r *Report, d doc) {
	d.heading(w, "Top error messages")
	if len(r.TopMessages) == 0 {
		d.para(w, "No failures.")
		return
	}
	td, isText := d.(textDoc)
	switch {
	case isText && d.level() == detailLow:
		t := newTable("Count", "Status", "Pattern")
		for _, m := range r.TopMessages {
			t.AppendRow([]any{m.Count, statusList(m.Statuses), clip(m.Pattern, max(20, td.width-40))})
		}
		d.table(w, t)
	case isText && td.width < wideText:
		t := newTable("Count", "Status", "Pattern, an example and where it was seen last")
		for _, m := range r.TopMessages {
			example := "\ne.g. " + clip(m.Example, 200)
			if m.Example == m.Pattern {
				example = "" // a message without variables is its own example
			}
			t.AppendRow([]any{m.Count, statusList(m.Statuses), clip(m.Pattern, 200) + example + "\n" + m.Source + ", last " + when(m.LastSeen)})
		}
		d.table(w, t)
	default:
		t := newTable("Count", "Status", "Pattern", "Endpoints", "First seen", "Last seen", "Example")
		for _, m := range r.TopMessages {
			t.AppendRow([]any{m.Count, statusList(m.Statuses), clip(m.Pattern, 80), clip(strings.Join(m.Endpoints, " "), 60),
				when(m.FirstSeen), when(m.LastSeen), clip(m.Example, 60) + " (" + m.Source + ")"})
		}
		d.table(w, t)
	}
}

// wideText is the width from which the text report's top patterns show
// their endpoints and first and last seen in columns: narrower, those
// columns leave the pattern and its example too little room.
const wideText = 160

// statusList writes the statuses of a pattern, breakable at spaces.
// Past maxStatuses it says how many more.
func statusList(xs []int) string {
	if len(xs) > maxStatuses {
		return strings.ReplaceAll(joinInts(xs[:maxStatuses]), ",", ", ") + fmt.Sprintf(" +%d", len(xs)-maxStatuses)
	}
	return strings.ReplaceAll(joinInts(xs), ",", ", ")
}

// maxStatuses bounds the statuses a top pattern lists in text.
const maxStatuses = 3
