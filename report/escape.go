package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escaping at the edge: input text is data in every output. Visible is
// for text that reaches a terminal or a plain-text mail, CSVCell for a
// spreadsheet, MarkdownText, MarkdownCode and MarkdownFence for Markdown
// (GitHub, CI job summaries). HTML goes through html/template and JSON
// through encoding/json, which escape for their readers.

// Visible returns s with every character that a terminal would act on
// made visible, so that input cannot clear the screen, write the
// clipboard (OSC 52), hide a link (OSC 8), ring, move the cursor or
// reorder text: C0 controls but tab and newline, DEL and invalid UTF-8
// bytes as \x1b, C1 controls (U+0080-U+009F, which 8-bit terminals take
// for ESC sequences) and bidirectional overrides as \u009b. A JSON
// "\u001b" decoded by a parser is the same ESC byte, made visible too.
func Visible(s string) string {
	if !needsVisible(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// the end of a CRLF line: the newline is shown
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20 && r != '\t' && r != '\n' || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r <= 0x9f || isBidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsVisible is the fast path of Visible: most text is plain.
func needsVisible(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			return true
		}
		if c >= 0x80 {
			return needsVisibleRunes(s[i:])
		}
	}
	return false
}

func needsVisibleRunes(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f || isBidiControl(r) {
			return true
		}
		i += size
	}
	return false
}

// isBidiControl tells the characters that reorder text on screen
// (embeddings, overrides and isolates; "Trojan Source").
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// VisibleLine is Visible on one line: newlines and tabs become spaces,
// for a cell or a line on standard error.
func VisibleLine(s string) string {
	return Visible(strings.NewReplacer("\r\n", " ", "\n", " ", "\t", " ").Replace(s))
}

// CSVCell neutralises a cell that a spreadsheet would run as a formula,
// as OWASP advises: a cell that starts with =, +, -, @, tab or carriage
// return (or their full-width forms) gets a leading apostrophe, which
// spreadsheets show as text. A plain decimal number such as -1 or -0.5
// is left as it is: it cannot be a formula, and errpat writes its own
// counts, shares and seconds that way. Control characters are made
// visible as in Visible.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	if startsFormula(s) && !isPlainNumber(s) {
		s = "'" + s
	}
	return Visible(s)
}

func startsFormula(s string) bool {
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r == '＝' || r == '＋' || r == '－' || r == '＠'
}

// isPlainNumber tells -12 or -0.25: an optional minus, digits, and an
// optional fraction.
func isPlainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	return allDigits(whole) && (!dot || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// markdownEscaper escapes what Markdown would read as markup: emphasis,
// code, links and images, headings, tables, strike-through, HTML tags and
// entities. The pipe is written as an entity, since a table renderer
// that escapes it as \| would turn a \| already there into \\|, which
// ends the cell.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "!", `\!`, "#", `\#`, "~", `\~`,
	"&", "&amp;", "<", "&lt;", ">", "&gt;", "|", "&#124;",
)

// MarkdownText escapes s for a Markdown paragraph, list item or table
// cell, on one line: a newline cannot start a heading, a quote or a
// fence, and a list marker or a numbered item at the start is escaped.
func MarkdownText(s string) string {
	s = markdownEscaper.Replace(VisibleLine(s))
	switch {
	case strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "+ "):
		return `\` + s // a list item
	case strings.Count(s, "-") >= 3 && strings.Trim(s, "- ") == "" || strings.Trim(s, "=") == "" && s != "":
		return `\` + s // a rule, or a heading's underline
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (s[i] == '.' || s[i] == ')') &&
		(i+1 == len(s) || s[i+1] == ' ') {
		return s[:i] + `\` + s[i:] // a numbered item
	}
	return s
}

// MarkdownCode writes s as a code span on one line, with a fence longer
// than any run of backticks inside it, so that it cannot close early
// nor leave a fence open ("" stays "").
func MarkdownCode(s string) string {
	s = strings.TrimSpace(VisibleLine(s))
	if s == "" {
		return ""
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if s[0] == '`' || s[len(s)-1] == '`' {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// MarkdownFence writes body as a fenced code block whose fence is longer
// than any run of backticks in it (at least three), so that no line of
// the body can close it and every later section stays visible.
func MarkdownFence(body, lang string) string {
	body = strings.TrimRight(Visible(body), "\n")
	fence := strings.Repeat("`", max(3, longestRun(body, '`')+1))
	return fence + lang + "\n" + body + "\n" + fence + "\n"
}

func longestRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}
