package report

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// Layout shapes the text and Markdown reports.
type Layout struct {
	Width    int    // columns of the text report; 0 means DefaultWidth
	Detail   string // one of Details; "" means medium
	Color    bool   // ANSI colour in the text report
	Terminal bool   // the text goes to a terminal: its last line repeats the headline
}

// DefaultWidth is the width of a text report that goes to no terminal.
const DefaultWidth = 100

// Details are the levels of detail, least first: low is the headline,
// the top failure patterns and the findings; medium adds the tables;
// high adds every finding's evidence.
var Details = []string{"low", "medium", "high"}

// Levels of detail, as sections test them.
const (
	detailLow = iota
	detailMedium
	detailHigh
)

func (l Layout) level() int {
	switch l.Detail {
	case "low":
		return detailLow
	case "high":
		return detailHigh
	}
	return detailMedium
}

// textDoc renders for a terminal or a plain-text mail, width columns
// wide; file names are written relative to base, the inputs' common
// folder. A zero width keeps cells to maxCellWidth, for the patterns'
// report.
type textDoc struct {
	width  int
	color  bool
	detail int
	base   string
}

func (t textDoc) level() int { return t.detail }

func (t textDoc) heading(w io.Writer, title string) {
	title = VisibleLine(title)
	if t.color {
		title = text.Colors{text.Bold, text.FgCyan}.Sprint(title)
	}
	fmt.Fprintf(w, "\n%s\n", title)
}

func (t textDoc) para(w io.Writer, s string) { fmt.Fprintln(w, t.wrap(Visible(s), "")) }

// item is a line of a list: wrapped, its next lines indented.
func (t textDoc) item(w io.Writer, s string) { fmt.Fprintln(w, t.wrap("• "+Visible(s), "  ")) }

// wrap breaks s at spaces to the doc's width, file names relative to its
// base; a word wider than the line is cut only when it is no file name.
func (t textDoc) wrap(s, indent string) string {
	if t.width == 0 {
		return s
	}
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			word = t.relative(word)
			for cellWidth(word) > t.width-len(indent) && !strings.Contains(word, "/") {
				cut := len(text.Trim(word, t.width-len(indent)))
				if strings.TrimSpace(line) != "" {
					lines = append(lines, line)
				}
				lines = append(lines, word[:cut])
				line, word = indent, word[cut:]
			}
			switch {
			case line == "" || line == indent:
				line += word
			case cellWidth(line)+1+cellWidth(word) <= t.width:
				line += " " + word
			default:
				lines = append(lines, line)
				line = indent + word
			}
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// table draws a table sized to the doc's width: each column as wide as
// its cells, the wide ones sharing what is left and wrapped at words;
// file names shortened rather than broken, numbers right-aligned with
// thousands separators, control characters made visible.
func (t textDoc) table(w io.Writer, tb *tab) {
	if t.width == 0 {
		t.legacyTable(w, tb)
		return
	}
	cells := t.cells(tb)
	natural, floor := columnWidths(cells, tb)
	widths := fitWidths(natural, floor, t.width)
	tw := table.NewWriter()
	tw.SetStyle(table.StyleLight)
	configs := make([]table.ColumnConfig, len(tb.header))
	for i := range configs {
		configs[i] = table.ColumnConfig{Number: i + 1, WidthMax: widths[i], WidthMaxEnforcer: wrapLines,
			Align: alignOf(tb.rows, i)}
		for _, row := range cells {
			row[i] = shortFiles(row[i].(string), widths[i], tb.paths[i])
		}
	}
	tw.SetColumnConfigs(configs)
	for i, row := range cells {
		switch {
		case i == 0:
			tw.AppendHeader(row)
		case i == len(cells)-1 && tb.footer != nil:
			tw.AppendFooter(row)
		default:
			tw.AppendRow(row)
		}
	}
	fmt.Fprintln(w, tw.Render())
}

// cells writes the header, the rows and the footer of a table as the
// text doc shows them.
func (t textDoc) cells(tb *tab) []table.Row {
	cols := len(tb.header)
	out := make([]table.Row, 0, len(tb.rows)+2)
	for _, r := range append(append([][]any{tb.header}, tb.rows...), tb.footer) {
		if r == nil {
			continue
		}
		row := make(table.Row, cols)
		for i := range cols {
			row[i] = ""
			if i < len(r) {
				row[i] = t.cell(r[i], tb.paths[i])
			}
		}
		out = append(out, row)
	}
	return out
}

// columnWidths measures each column: the width of its widest cell, and
// the floor it keeps: its file names' base names, its times whole, and
// minColumn for words.
func columnWidths(cells []table.Row, tb *tab) (natural, floor []int) {
	cols := len(tb.header)
	natural, floor = make([]int, cols), make([]int, cols)
	for i := range cols {
		for _, row := range cells {
			s := row[i].(string)
			natural[i] = max(natural[i], cellWidth(s))
			floor[i] = max(floor[i], fileFloor(s, tb.paths[i]))
			if timestamp.MatchString(s) {
				floor[i] = max(floor[i], cellWidth(s))
			}
		}
		floor[i] = max(floor[i], min(natural[i], minColumn))
	}
	return natural, floor
}

// relative writes a file name relative to the doc's base.
func (t textDoc) relative(word string) string {
	if t.base == "" {
		return word
	}
	return strings.ReplaceAll(word, t.base, "")
}

// fileName tells a word that names a file: a path ending in a name with
// an extension, maybe a line number, maybe in parentheses.
var fileName = regexp.MustCompile(`^\(?[^\s()]*/[^\s/()]+\.[A-Za-z0-9]{1,8}([:#@][^\s/()]*)?\)?[,;.]?$`)

// fileFloor is the width a cell's file names need once shortened to
// their base names.
func fileFloor(cell string, isPath bool) int {
	w := 0
	for _, word := range strings.Fields(cell) {
		if isPath || fileName.MatchString(word) {
			w = max(w, baseWidth(word))
		}
	}
	return w
}

// shortFiles shortens the file names of a cell that are wider than its
// column to their base names, so that no wrap breaks one.
func shortFiles(cell string, width int, isPath bool) string {
	lines := strings.Split(cell, "\n")
	for i, line := range lines {
		words := strings.Split(line, " ")
		for j, word := range words {
			if (isPath || fileName.MatchString(word)) && cellWidth(word) > width {
				words[j] = shortPath(word, width)
			}
		}
		lines[i] = strings.Join(words, " ")
	}
	return strings.Join(lines, "\n")
}

// wrapLines wraps each line of a cell at words; go-pretty's WrapSoft
// keeps only blank-line breaks.
// A word wider than the column, such as an endpoint, breaks before a
// slash where it can.
func wrapLines(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = text.WrapSoft(breakAtSlashes(l, width), width)
	}
	return strings.Join(lines, "\n")
}

// breakAtSlashes puts a space before the slashes of a word wider than
// width, where a line would end, so that the word wraps between parts of
// a path.
func breakAtSlashes(line string, width int) string {
	words := strings.Split(line, " ")
	for i, w := range words {
		if cellWidth(w) <= width || !strings.Contains(w[1:], "/") || fileName.MatchString(w) {
			continue
		}
		var b strings.Builder
		run := 0
		for j, part := range strings.SplitAfter(w, "/") {
			if j > 0 && run+cellWidth(part) > width && run > 0 {
				b.WriteString(" ")
				run = 0
			}
			b.WriteString(part)
			run += cellWidth(part)
		}
		words[i] = b.String()
	}
	return strings.Join(words, " ")
}

// minColumn is the narrowest a column of words gets.
const minColumn = 10

// cell is a cell as the text doc writes it: numbers with thousands
// separators, times in readers' format, file names relative to the base.
func (t textDoc) cell(v any, isPath bool) string {
	switch x := v.(type) {
	case int:
		return num(x)
	case string:
		if t.base != "" {
			x = strings.ReplaceAll(x, t.base, "")
		}
		return textCell(x, t.color)
	}
	return textCell(v, t.color)
}

// numeric tells a cell that reads as a number: "12", "24.7%", "0.123", "-".
var numeric = regexp.MustCompile(`^(-|[-+]?[0-9][0-9,]*(\.[0-9]+)?%?)$`)

// timestamp tells a cell that holds a time, which is never wrapped.
var timestamp = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$`)

// alignOf right-aligns a column of numbers.
func alignOf(rows [][]any, col int) text.Align {
	seen := false
	for _, r := range rows {
		if col >= len(r) {
			continue
		}
		switch x := r[col].(type) {
		case int, float64:
			seen = true
		case string:
			if x != "" && !numeric.MatchString(x) {
				return text.AlignLeft
			}
			seen = seen || x != "-"
		default:
			return text.AlignLeft
		}
	}
	if seen {
		return text.AlignRight
	}
	return text.AlignLeft
}

// legacyTable wraps long cells at maxCellWidth, for reports of no width.
func (t textDoc) legacyTable(w io.Writer, tb *tab) {
	tw := tb.writer()
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
	s = t.wrap(Visible(s), "")
	if t.color {
		s = text.Colors{text.Bold, text.FgRed}.Sprint(s)
	}
	fmt.Fprintln(w, s)
}

// bar draws a failed/ok split: failed as #, ok as =, or in colour as
// red █ and green ░, told apart by glyph as well as colour.
func (t textDoc) bar(failed, ok int) string {
	f, o := barWidths(failed, ok, t.barCells())
	fail, good := strings.Repeat("#", f), strings.Repeat("=", o)
	if t.color {
		fail, good = text.FgRed.Sprint(strings.Repeat("█", f)), text.FgGreen.Sprint(strings.Repeat("░", o))
	}
	return fail + good
}

// barCells is the longest bar that leaves room for the chart's numbers.
func (t textDoc) barCells() int {
	switch {
	case t.width == 0 || t.width >= 100:
		return 30
	case t.width >= 80:
		return 20
	}
	return 10
}
