package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
)

// markdownDoc renders GitHub-flavoured Markdown.
type markdownDoc struct{ detail int }

func (m markdownDoc) level() int { return m.detail }

func (markdownDoc) heading(w io.Writer, title string) {
	if title == "errpat report" {
		fmt.Fprintf(w, "# %s\n\n", title)
		return
	}
	fmt.Fprintf(w, "## %s\n\n", MarkdownText(title))
}

func (markdownDoc) para(w io.Writer, s string) { fmt.Fprintf(w, "%s\n\n", MarkdownText(s)) }

// item writes a line of a list; the list ends at the next paragraph.
func (markdownDoc) item(w io.Writer, s string) { fmt.Fprintf(w, "- %s\n", MarkdownText(s)) }

// table escapes every cell (see markdownCell): angle brackets, which
// GitHub would take for HTML tags ("<urlopen error …>" would vanish),
// pipes, code, links and newlines. A table of more than foldRows rows is
// folded in <details>, its summary saying how many.
func (markdownDoc) table(w io.Writer, tb *tab) {
	tw := tb.writer()
	configs := make([]table.ColumnConfig, maxColumns)
	for i := range configs {
		configs[i] = table.ColumnConfig{Number: i + 1, Transformer: markdownCell, TransformerHeader: markdownCell, TransformerFooter: markdownCell}
	}
	tw.SetColumnConfigs(configs)
	if len(tb.rows) <= foldRows {
		fmt.Fprintf(w, "%s\n\n", tw.RenderMarkdown())
		return
	}
	fmt.Fprintf(w, "<details><summary>%s</summary>\n\n%s\n\n</details>\n\n", counted(len(tb.rows), "row"), tw.RenderMarkdown())
}

// foldRows is the longest table Markdown shows unfolded.
const foldRows = 10

func (markdownDoc) alert(w io.Writer, s string) {
	fmt.Fprintf(w, "> [!WARNING]\n> **%s**\n\n", MarkdownText(s))
}

func (markdownDoc) bar(failed, ok int) string {
	f, o := barWidths(failed, ok, 30)
	return "`" + strings.Repeat("#", f) + strings.Repeat("=", o) + "`"
}

// markdownCell is a cell of a Markdown table, escaped; a bar (a code
// span of # and =) is kept, a count gets thousands separators.
func markdownCell(v any) string {
	if n, ok := v.(int); ok {
		return num(n)
	}
	s := fmt.Sprint(v)
	if len(s) >= 2 && s[0] == '`' && s[len(s)-1] == '`' && isBar(s[1:len(s)-1]) {
		return s
	}
	return MarkdownText(s)
}
