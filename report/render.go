package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// Formats lists the output formats, for flag help and validation.
var Formats = []string{"text", "markdown", "json", "html", "csv"}

// Render writes the report in a format. color adds ANSI colour to text.
// csv writes DefaultCSVSection; RenderCSV writes any section.
func Render(w io.Writer, r *Report, format string, color bool) error {
	switch format {
	case "json":
		return RenderJSON(w, r)
	case "markdown":
		return renderDoc(w, r, markdownDoc{})
	case "text":
		return renderDoc(w, r, textDoc{color: color})
	case "html":
		return RenderHTML(w, r)
	case "csv":
		return RenderCSV(w, r, DefaultCSVSection)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// RenderJSON writes the report as indented JSON, the documented contract,
// a piece at a time.
func RenderJSON(w io.Writer, r *Report) error {
	return streamJSON(w, r)
}

// doc is what differs between the text and Markdown renderings; the
// sections and their order are shared.
type doc interface {
	heading(w io.Writer, title string)
	para(w io.Writer, s string)
	table(w io.Writer, t table.Writer)
	alert(w io.Writer, s string)
	bar(failed, ok int) string
}

func renderDoc(w io.Writer, r *Report, d doc) error {
	ew := &errWriter{w: w}
	for _, section := range []func(io.Writer, *Report, doc){
		summarySection, changesSection, detectedSection, inputsSection, statusSection, categorySection,
		hourSection, hourOfDaySection, endpointSection, messageSection, slowSection, statedSection, runSection,
	} {
		section(ew, r, d)
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

func newTable(header ...any) table.Writer {
	t := table.NewWriter()
	t.AppendHeader(table.Row(header))
	t.SetStyle(table.StyleLight)
	return t
}

func summarySection(w io.Writer, r *Report, d doc) {
	s := r.Summary
	d.heading(w, "errpat report")
	window := "all records"
	if r.Window.Since != nil || r.Window.Until != nil {
		window = "from " + orDash(r.Window.Since) + " until " + orDash(r.Window.Until)
	}
	skipped := ""
	if s.Skipped > 0 {
		skipped = fmt.Sprintf(", %d tests skipped", s.Skipped)
	}
	d.para(w, fmt.Sprintf("%d requests, %d failed (%.2f%%)%s, in %d runs (%d incomplete); %s to %s; time zone %s; %s.",
		s.Requests, s.Failed, s.ErrorRate, skipped, s.Runs, s.IncompleteRuns, orDash(s.First), orDash(s.Last), r.TimeZone, window))
	if a := r.Alert; a.Threshold != nil {
		if a.Breached {
			d.alert(w, fmt.Sprintf("ALERT: error rate %.2f%% is above the threshold of %.2f%%.", a.ErrorRate, *a.Threshold))
		} else {
			d.para(w, fmt.Sprintf("Error rate %.2f%% is within the threshold of %.2f%%.", a.ErrorRate, *a.Threshold))
		}
	}
}

func inputsSection(w io.Writer, r *Report, d doc) {
	in := r.Inputs
	d.heading(w, "Inputs")
	uncharted := ""
	if in.Uncharted > 0 {
		uncharted = fmt.Sprintf(", %d requests counted but not charted (their hours are past the 30,000 charted)", in.Uncharted)
	}
	d.para(w, fmt.Sprintf("%d files (%d skipped), %d records, %d duplicates counted once, %d outside the window, %d lines skipped, %d problems%s.",
		in.Files, in.SkippedFiles, in.Records, in.Duplicates, in.OutsideWindow, in.SkippedLines, in.ProblemCount, uncharted))
	if s := sourcesText(in); s != "" {
		d.para(w, s)
	}
	if in.NotLogs > 0 {
		d.para(w, notLogsLine(in.NotLogs))
	}
	if len(in.Problems) == 0 {
		return
	}
	t := newTable("File", "Line", "Problem")
	for _, p := range in.Problems {
		t.AppendRow(table.Row{p.File, lineOrDash(p.Line), p.Error})
	}
	if in.ProblemCount > len(in.Problems) {
		t.AppendFooter(table.Row{fmt.Sprintf("… and %d more", in.ProblemCount-len(in.Problems)), "", ""})
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
		parts = append(parts, fmt.Sprintf("%s (%s) %d files, %d records", s.Format, side, s.Files, s.Records))
	}
	text := ""
	if len(parts) > 0 {
		text = "Sources: " + strings.Join(parts, "; ") + "."
	}
	if in.Side != "" {
		text = strings.TrimSpace(text + fmt.Sprintf(" Only %s-side sources counted: %d records of other sides left out.", in.Side, in.OtherSide))
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

func hourSection(w io.Writer, r *Report, d doc) {
	rows, per, note := timeline(r.ByHour)
	d.heading(w, "By "+per+" ("+r.TimeZone+")")
	if len(rows) == 0 {
		d.para(w, "No timestamped requests.")
		return
	}
	t := newTable(sectionTitle(per), "Requests", "Failed", "Error rate", "Failed / ok")
	for _, h := range rows {
		t.AppendRow(table.Row{hourLabel(h.Hour), h.Requests, h.Failed, percent(h.Failed, h.Requests), d.bar(h.Failed, h.Requests-h.Failed)})
	}
	d.table(w, t)
	if note != "" {
		d.para(w, note)
	}
}

func endpointSection(w io.Writer, r *Report, d doc) {
	d.heading(w, "By endpoint")
	if len(r.ByEndpoint) == 0 {
		d.para(w, "No requests.")
		return
	}
	t := newTable("Method", "Endpoint", "Requests", "Failed", "Error rate", "p50 s", "p95 s")
	for _, e := range r.ByEndpoint[:listed(len(r.ByEndpoint))] {
		t.AppendRow(table.Row{orDash(&e.Method), orDash(&e.Endpoint), e.Requests, e.Failed,
			fmt.Sprintf("%.1f%%", e.ErrorRate), seconds(e.P50Seconds), seconds(e.P95Seconds)})
	}
	d.table(w, t)
	if note := more(len(r.ByEndpoint), len(r.ByEndpoint)); note != "" {
		d.para(w, note)
	}
}

func messageSection(w io.Writer, r *Report, d doc) {
	d.heading(w, "Top error messages")
	if len(r.TopMessages) == 0 {
		d.para(w, "No failures.")
		return
	}
	t := newTable("Count", "Status", "Pattern", "Endpoints", "First seen", "Last seen", "Example")
	for _, m := range r.TopMessages {
		t.AppendRow(table.Row{m.Count, joinInts(m.Statuses), clip(m.Pattern, 80), clip(strings.Join(m.Endpoints, " "), 60),
			orDash(m.FirstSeen), orDash(m.LastSeen), clip(m.Example, 60) + " (" + m.Source + ")"})
	}
	d.table(w, t)
}

func slowSection(w io.Writer, r *Report, d doc) {
	s := r.Slow
	d.heading(w, "Response times")
	if s.Timed == 0 {
		d.para(w, "No response times in the input.")
		return
	}
	d.para(w, fmt.Sprintf("%d of %d timed requests over %gs; p50 %.3fs, p95 %.3fs, p99 %.3fs, max %.3fs.",
		s.Count, s.Timed, s.ThresholdSeconds, s.P50Seconds, s.P95Seconds, s.P99Seconds, s.MaxSeconds))
	t := newTable("Time", "Method", "Endpoint", "Seconds", "Source")
	for _, e := range s.Slowest {
		t.AppendRow(table.Row{orDash(e.Time), orDash(&e.Method), e.Endpoint, fmt.Sprintf("%.3f", e.Seconds), e.Source})
	}
	d.table(w, t)
}

func runSection(w io.Writer, r *Report, d doc) {
	d.heading(w, "Incomplete runs")
	if len(r.IncompleteRun) == 0 {
		d.para(w, "None: every run wrote its summary.")
		return
	}
	t := newTable("Run", "Started", "Last entry", "Requests", "Last request")
	for _, run := range r.IncompleteRun[:listed(len(r.IncompleteRun))] {
		t.AppendRow(table.Row{run.File, orDash(run.Start), orDash(run.End), run.Requests, run.LastRequest})
	}
	d.table(w, t)
	if note := more(r.Summary.IncompleteRuns, len(r.IncompleteRun)); note != "" {
		d.para(w, note)
	}
}

// textDoc renders for a terminal or a plain-text mail.
type textDoc struct{ color bool }

func (t textDoc) heading(w io.Writer, title string) {
	title = VisibleLine(title)
	if t.color {
		title = text.Colors{text.Bold, text.FgCyan}.Sprint(title)
	}
	fmt.Fprintf(w, "\n%s\n", title)
}

func (textDoc) para(w io.Writer, s string) { fmt.Fprintln(w, Visible(s)) }

// table wraps long cells (messages, hints, paths) so that a report stays
// readable in a terminal and in the text part of a mail, and makes their
// control characters visible.
func (t textDoc) table(w io.Writer, tw table.Writer) {
	cell := func(v any) string { return textCell(v, t.color) }
	configs := make([]table.ColumnConfig, maxColumns)
	for i := range configs {
		configs[i] = table.ColumnConfig{Number: i + 1, WidthMax: maxCellWidth, WidthMaxEnforcer: text.WrapSoft,
			Transformer: cell, TransformerHeader: cell, TransformerFooter: cell}
	}
	tw.SetColumnConfigs(configs)
	fmt.Fprintln(w, tw.Render())
}

// maxColumns covers the widest table; maxCellWidth is where text cells wrap.
const (
	maxColumns   = 16
	maxCellWidth = 40
)

func (t textDoc) alert(w io.Writer, s string) {
	s = Visible(s)
	if t.color {
		s = text.Colors{text.Bold, text.FgRed}.Sprint(s)
	}
	fmt.Fprintln(w, s)
}

func (t textDoc) bar(failed, ok int) string {
	f, o := barWidths(failed, ok)
	fail, good := strings.Repeat("#", f), strings.Repeat("=", o)
	if t.color {
		fail, good = text.FgRed.Sprint(strings.Repeat("█", f)), text.FgGreen.Sprint(strings.Repeat("█", o))
	}
	return fail + good
}

// markdownDoc renders GitHub-flavoured Markdown.
type markdownDoc struct{}

func (markdownDoc) heading(w io.Writer, title string) {
	if title == "errpat report" {
		fmt.Fprintf(w, "# %s\n\n", title)
		return
	}
	fmt.Fprintf(w, "## %s\n\n", MarkdownText(title))
}

func (markdownDoc) para(w io.Writer, s string) { fmt.Fprintf(w, "%s\n\n", MarkdownText(s)) }

// table escapes every cell (see markdownCell): angle brackets, which
// GitHub would take for HTML tags ("<urlopen error …>" would vanish),
// pipes, code, links and newlines.
func (markdownDoc) table(w io.Writer, tw table.Writer) {
	configs := make([]table.ColumnConfig, maxColumns)
	for i := range configs {
		configs[i] = table.ColumnConfig{Number: i + 1, Transformer: markdownCell, TransformerHeader: markdownCell, TransformerFooter: markdownCell}
	}
	tw.SetColumnConfigs(configs)
	fmt.Fprintf(w, "%s\n\n", tw.RenderMarkdown())
}

func (markdownDoc) alert(w io.Writer, s string) {
	fmt.Fprintf(w, "> [!WARNING]\n> **%s**\n\n", MarkdownText(s))
}

func (markdownDoc) bar(failed, ok int) string {
	f, o := barWidths(failed, ok)
	return "`" + strings.Repeat("#", f) + strings.Repeat("=", o) + "`"
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

// markdownCell is a cell of a Markdown table, escaped; a bar (a code
// span of # and =) is kept.
func markdownCell(v any) string {
	s := fmt.Sprint(v)
	if len(s) >= 2 && s[0] == '`' && s[len(s)-1] == '`' && isBar(s[1:len(s)-1]) {
		return s
	}
	return MarkdownText(s)
}

// isBar tells a bar drawn by a doc's bar method.
func isBar(s string) bool { return strings.Trim(s, "#=█") == "" }

// barWidths scales a failed/ok split to a bar of at most 30 cells, where
// any failure shows as at least one cell.
func barWidths(failed, ok int) (int, int) {
	const width = 30
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

// notLogsLine says in one line how many files were not logs or reports.
func notLogsLine(n int) string {
	if n == 1 {
		return "Skipped 1 file that is not a log or report."
	}
	return fmt.Sprintf("Skipped %d files that are not logs or reports.", n)
}
