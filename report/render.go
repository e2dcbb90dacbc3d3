package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// doc is what differs between the text and Markdown renderings; the
// sections and their order are shared.
type doc interface {
	heading(w io.Writer, title string)
	para(w io.Writer, s string)
	item(w io.Writer, s string)
	table(w io.Writer, t *tab)
	alert(w io.Writer, s string)
	bar(failed, ok int) string
	level() int
}

// renderDoc writes the sections: the headline, the top failure patterns
// and the findings first, then the tables; last, on a terminal, the
// headline again.
func renderDoc(w io.Writer, r *Report, d doc, terminal bool) error {
	ew := &errWriter{w: w}
	sections := []func(io.Writer, *Report, doc){summarySection, messageSection, findingsSection}
	if d.level() > detailLow {
		sections = append(sections, changesSection, detectedSection, inputsSection, statusSection, categorySection,
			hourSection, hourOfDaySection, endpointSection, slowSection, statedSection, runSection)
	}
	for _, section := range sections {
		section(ew, r, d)
	}
	if d.level() == detailLow {
		d.para(ew, "More in --detail medium (the tables) and high (every finding's evidence).")
	}
	if td, ok := d.(textDoc); ok && terminal {
		fmt.Fprintf(ew, "\n%s\n", Visible(doneLine(r, td.width)))
	}
	return ew.err
}

// errWriter keeps the first write error, so sections need not check each.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, nil
}

func inputsSection(w io.Writer, r *Report, d doc) {
	in := r.Inputs
	d.heading(w, "Inputs")
	uncharted := ""
	if in.Uncharted > 0 {
		uncharted = fmt.Sprintf(", %s counted but not charted (their hours are past the 30,000 charted)", counted(in.Uncharted, "request"))
	}
	d.para(w, fmt.Sprintf("%s (%s skipped), %s, %s counted once, %s outside the window, %s skipped, %s%s.",
		counted(in.Files, "file"), num(in.SkippedFiles), counted(in.Records, "record"), counted(in.Duplicates, "duplicate"),
		num(in.OutsideWindow), counted(in.SkippedLines, "line"), counted(in.ProblemCount, "problem"), uncharted))
	if s := sourcesText(in); s != "" {
		d.para(w, s)
	}
	if in.NotLogs > 0 {
		d.para(w, notLogsLine(in.NotLogs))
	}
	if in.NotRead > 0 {
		d.para(w, notReadLine(in))
	}
	if in.NotReadRest > 0 {
		d.para(w, notReadRestLine(in))
	}
	if len(in.Problems) == 0 {
		return
	}
	t := newTable("File", "Line", "Problem").pathColumns(0)
	shown := len(in.Problems)
	if d.level() < detailHigh {
		shown = min(shown, mediumRows)
	}
	for _, p := range in.Problems[:shown] {
		t.AppendRow(table.Row{p.File, lineOrDash(p.Line), p.Error})
	}
	if in.ProblemCount > shown {
		t.AppendFooter(table.Row{fmt.Sprintf("… and %d more", in.ProblemCount-shown), "", ""})
	}
	d.table(w, t)
}

// sourcesText says which formats and sides the records came from, and
// what --side left out.
func sourcesText(in Inputs) string {
	var parts []string
	for _, s := range in.Sources {
		side := s.Side + " side"
		if s.Aggregate {
			side += ", aggregate"
		}
		parts = append(parts, fmt.Sprintf("%s (%s) %s, %s", s.Format, side, counted(s.Files, "file"), counted(s.Records, "record")))
	}
	text := ""
	if len(parts) > 0 {
		text = "Sources: " + strings.Join(parts, "; ") + "."
	}
	if in.Side != "" {
		text = strings.TrimSpace(text + fmt.Sprintf(" Only %s-side sources counted: %s of other sides left out.", in.Side, counted(in.OtherSide, "record")))
	}
	return text
}

func statusSection(w io.Writer, r *Report, d doc) {
	d.heading(w, "By HTTP status")
	if len(r.ByStatus) == 0 {
		d.para(w, "No requests.")
		return
	}
	t := newTable("Status", "Class", "Requests", "Share")
	for _, s := range r.ByStatus {
		status, share := statusText(s.Status), percent(s.Count, r.Summary.Requests)
		if s.Class == ClassSkipped {
			status, share = "-", "-" // tests that did not run: no requests
		}
		t.AppendRow(table.Row{status, s.Class, s.Count, share})
	}
	d.table(w, t)
}

func categorySection(w io.Writer, r *Report, d doc) {
	d.heading(w, "Failures by class")
	if len(r.Categories) == 0 {
		d.para(w, "No failures.")
		return
	}
	t := newTable("Class", "Failures", "What to do")
	for _, c := range r.Categories {
		t.AppendRow(table.Row{c.Class, c.Count, c.Hint})
	}
	d.table(w, t)
	if len(r.ErrorCodes) > 0 {
		codes := make([]string, 0, len(r.ErrorCodes))
		for _, c := range r.ErrorCodes {
			codes = append(codes, fmt.Sprintf("%s %d", c.Code, c.Count))
		}
		d.para(w, "API error codes: "+strings.Join(codes, ", ")+".")
	}
}

func endpointSection(w io.Writer, r *Report, d doc) {
	d.heading(w, "By endpoint")
	if len(r.ByEndpoint) == 0 {
		d.para(w, "No requests.")
		return
	}
	t := newTable("Endpoint", "Requests", "Failed", "Rate", "p50 s", "p95 s")
	shown := listedAt(d, len(r.ByEndpoint))
	for _, e := range r.ByEndpoint[:shown] {
		t.AppendRow(table.Row{strings.TrimPrefix(e.Method+" "+orDash(&e.Endpoint), " "), e.Requests, e.Failed,
			fmt.Sprintf("%.1f%%", e.ErrorRate), seconds(e.P50Seconds), seconds(e.P95Seconds)})
	}
	d.table(w, t)
	if note := moreAt(d, len(r.ByEndpoint), len(r.ByEndpoint), shown); note != "" {
		d.para(w, note)
	}
}

func slowSection(w io.Writer, r *Report, d doc) {
	s := r.Slow
	d.heading(w, "Response times")
	if s.Timed == 0 {
		d.para(w, "No response times in the input.")
		return
	}
	d.para(w, fmt.Sprintf("%s of %s over %gs; p50 %.3fs, p95 %.3fs, p99 %.3fs, max %.3fs.",
		num(s.Count), counted(s.Timed, "timed request"), s.ThresholdSeconds, s.P50Seconds, s.P95Seconds, s.P99Seconds, s.MaxSeconds))
	t := newTable("Seconds", "Time", "Endpoint and source")
	for _, e := range s.Slowest {
		t.AppendRow(table.Row{fmt.Sprintf("%.3f", e.Seconds), when(e.Time), strings.TrimSpace(e.Method+" "+e.Endpoint) + "\n" + e.Source})
	}
	d.table(w, t)
}

func runSection(w io.Writer, r *Report, d doc) {
	d.heading(w, "Incomplete runs")
	if len(r.IncompleteRun) == 0 {
		d.para(w, "None: every run wrote its summary.")
		return
	}
	t := newTable("Run and its last request", "Started to last entry", "Requests")
	shown := listedAt(d, len(r.IncompleteRun))
	for _, run := range r.IncompleteRun[:shown] {
		t.AppendRow(table.Row{run.File + "\n" + run.LastRequest, whenRange(run.Start, run.End), run.Requests})
	}
	d.table(w, t)
	if note := moreAt(d, r.Summary.IncompleteRuns, len(r.IncompleteRun), shown); note != "" {
		d.para(w, note)
	}
}

// textCell is a cell of a text table, its control characters made
// visible; a bar is kept as drawn (coloured when color is set).
func textCell(v any, color bool) string {
	s := fmt.Sprint(v)
	if color && isBar(text.StripEscape(s)) {
		return s
	}
	return Visible(s)
}

// isBar tells a bar drawn by a doc's bar method.
func isBar(s string) bool { return strings.Trim(s, "#=█░") == "" }

// barWidths scales a failed/ok split to a bar of at most width cells,
// where any failure shows as at least one cell.
func barWidths(failed, ok, width int) (int, int) {
	total := failed + ok
	if total == 0 {
		return 0, 0
	}
	cells := min(total, width)
	f := failed * cells / total
	if failed > 0 && f == 0 {
		f = 1
	}
	return f, cells - f
}

func statusText(s int) string {
	switch s {
	case 0:
		return "none"
	case -1:
		return "unknown"
	}
	return strconv.Itoa(s)
}

func percent(part, whole int) string {
	if whole == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", float64(part)*100/float64(whole))
}

func seconds(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.3f", *v)
}

func orDash(s *string) string {
	if s == nil || *s == "" {
		return "-"
	}
	return *s
}

func lineOrDash(n int) string {
	if n == 0 {
		return "-"
	}
	return strconv.Itoa(n)
}

func hourLabel(rfc string) string {
	if len(rfc) >= 16 {
		return rfc[:10] + " " + rfc[11:16]
	}
	return rfc
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = statusText(x)
	}
	return strings.Join(s, ",")
}

// clip shortens s to n runes, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

// notReadLine says how many files were left unread, last written before
// the window.
func notReadLine(in Inputs) string {
	files := "files"
	if in.NotRead == 1 {
		files = "file"
	}
	before := ""
	if in.NotReadBefore != nil {
		before = " " + *in.NotReadBefore
	}
	return fmt.Sprintf("Not read: %d %s last written before%s (the window's start, less a margin for naive timestamps and clock skew), which hold no record of the window.",
		in.NotRead, files, before)
}

// notReadRestLine says how many files in time order were not read to
// their end, and past when.
func notReadRestLine(in Inputs) string {
	files := "files"
	if in.NotReadRest == 1 {
		files = "file"
	}
	after := ""
	if in.NotReadAfter != nil {
		after = " " + *in.NotReadAfter
	}
	return fmt.Sprintf("Not read: the rest of %d %s in time order after%s (the window's end, plus an hour for records written out of order), which holds no record of the window.",
		in.NotReadRest, files, after)
}

// notLogsLine says in one line how many files were not logs or reports.
func notLogsLine(n int) string {
	if n == 1 {
		return "Skipped 1 file that is not a log or report."
	}
	return fmt.Sprintf("Skipped %d files that are not logs or reports.", n)
}
