package report

import (
	"fmt"
	"path"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// tab is a table of the text and Markdown reports, kept as cells until
// a doc lays it out: the text doc sizes it to the terminal's width.
type tab struct {
	header []any
	rows   [][]any
	footer []any
	paths  map[int]bool // columns of file names: shortened, never broken
}

func newTable(header ...any) *tab { return &tab{header: header} }

// AppendRow adds a row of cells.
func (t *tab) AppendRow(row []any) { t.rows = append(t.rows, row) }

// AppendFooter sets the row under the table.
func (t *tab) AppendFooter(row []any) { t.footer = row }

// pathColumns marks the columns that hold file names.
func (t *tab) pathColumns(cols ...int) *tab {
	t.paths = map[int]bool{}
	for _, c := range cols {
		t.paths[c] = true
	}
	return t
}

// writer is the table as go-pretty draws it.
func (t *tab) writer() table.Writer {
	w := table.NewWriter()
	w.AppendHeader(table.Row(t.header))
	for _, r := range t.rows {
		w.AppendRow(table.Row(r))
	}
	if t.footer != nil {
		w.AppendFooter(table.Row(t.footer))
	}
	w.SetStyle(table.StyleLight)
	return w
}

// fitWidths gives each column of a table a width so that the table, its
// borders included, fits in width columns: the columns narrower than
// their share keep their width, the others share the rest evenly. A
// column of file names keeps room for its longest base name.
func fitWidths(natural, floor []int, width int) []int {
	n := len(natural)
	avail := width - 3*n - 1
	out := make([]int, n)
	copy(out, natural)
	total := 0
	for _, w := range natural {
		total += w
	}
	if total <= avail {
		return out
	}
	open := make([]bool, n)
	left, count := avail, n
	for i := range open {
		open[i] = true
	}
	// fix sets the columns that meet a test, one at a time, as the share
	// of the others changes.
	fix := func(test func(i, share int) (int, bool)) {
		for changed := true; changed && count > 0; {
			changed = false
			for i := range open {
				if w, ok := test(i, left/count); open[i] && ok {
					out[i], open[i], changed = w, false, true
					left -= w
					count--
					break
				}
			}
		}
	}
	fix(func(i, share int) (int, bool) { return natural[i], natural[i] <= max(share, floor[i]) })
	fix(func(i, share int) (int, bool) { return floor[i], floor[i] > share })
	for i := range natural {
		if open[i] {
			out[i] = max(floor[i], left/count)
		}
	}
	shrink(out, avail)
	return out
}

// shrink narrows the widest columns, a column at a time, until they fit
// in avail: the last resort when even the floors do not fit.
func shrink(widths []int, avail int) {
	total := 0
	for _, w := range widths {
		total += w
	}
	for ; total > avail; total-- {
		widest := 0
		for i, w := range widths {
			if w > widths[widest] {
				widest = i
			}
		}
		if widths[widest] <= 3 {
			return
		}
		widths[widest]--
	}
}

// DisplayWidth is the number of terminal columns of the widest line of
// s: wide characters count two, escape sequences none.
func DisplayWidth(s string) int { return cellWidth(s) }

// cellWidth is the display width of the widest line of a cell.
func cellWidth(s string) int {
	w := 0
	for _, line := range strings.Split(s, "\n") {
		w = max(w, text.StringWidthWithoutEscSequences(line))
	}
	return w
}

// shortPath fits a file name (with an optional ":line") into width
// columns by keeping its base name: "…/api_test_1.log:42".
func shortPath(p string, width int) string {
	if cellWidth(p) <= width || !strings.Contains(p, "/") {
		return p
	}
	open, close := "", ""
	if strings.HasPrefix(p, "(") {
		open, p = "(", p[1:]
	}
	if strings.HasSuffix(p, ")") {
		close, p = ")", p[:len(p)-1]
	}
	return open + "…/" + path.Base(p) + close
}

// baseWidth is the width a shortened file name needs.
func baseWidth(p string) int {
	if !strings.Contains(p, "/") {
		return cellWidth(p)
	}
	return cellWidth(shortPath(p, 0))
}

// commonFolder is the folder that every file name in names starts
// with ("testdata/"), "" when they share none.
func commonFolder(names []string) string {
	prefix, first := "", true
	for _, n := range names {
		if n == "" || n == "-" {
			continue
		}
		dir := n[:strings.LastIndex(n, "/")+1]
		if first {
			prefix, first = dir, false
			continue
		}
		for !strings.HasPrefix(dir, prefix) {
			i := strings.LastIndex(strings.TrimSuffix(prefix, "/"), "/")
			prefix = prefix[:i+1]
		}
	}
	return prefix
}

// num writes a count with thousands separators: 12,345.
func num(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// counted writes a count and its noun, agreeing: "1 request", "1,819 requests".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return num(n) + " " + noun + "s"
}

// commonFolder is the folder of the report's file names, which the text
// report leaves out of them.
func (r *Report) commonFolder() string {
	var names []string
	for _, p := range r.Inputs.Problems {
		names = append(names, p.File)
	}
	for _, run := range r.IncompleteRun {
		names = append(names, run.File)
	}
	for _, m := range r.TopMessages {
		names = append(names, m.Source)
	}
	for _, s := range r.Slow.Slowest {
		names = append(names, s.Source)
	}
	return commonFolder(names)
}
