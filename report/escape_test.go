package report

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
)

// hostileTexts hold what an attacker puts in a response body or a file
// name for a terminal, a spreadsheet or a Markdown page.
var hostileTexts = []string{
	"\x1b[2J\x1b[H cleared",                                 // clear screen, cursor home
	"\x1b]52;c;ZWNobyBwd25lZA==\x07",                        // OSC 52: write the clipboard
	"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", // OSC 8: a hidden link
	"bell\x07 back\x08\x08 del\x7f nul\x00 cr\rover",
	"c1 \u009b31m csi \u0085 nel",
	"bidi \u202eexe.txt",
	"bad utf-8 \xff\xfe \x9b",
	"=HYPERLINK(\"https://evil.example\",\"x\")",
	"+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "＝1+1",
	"x\n# Heading\n![img](https://evil.example/p.png) [link](https://evil.example)\n```\nopen fence",
	"a | b || c \\| d", "`code` ``` ```` <b>bold</b> <script>x</script> &amp; &#124;",
	"- item", "1. item", "---", "===", "> quote", "~~strike~~ **bold** _em_",
}

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"\x1b[2J", `\x1b[2J`},
		{"\x1b]52;c;eA==\x07", `\x1b]52;c;eA==\x07`},
		{"a\x08b\x7fc\x00", `a\x08b\x7fc\x00`},
		{"line\r\nnext\rover", "line\nnext\\x0dover"},
		{"tab\tnewline\n", "tab\tnewline\n"},
		{"\u009b31m", `\u009b31m`},
		{"\u202eabc", `\u202eabc`},
		{"caf\xe9", `caf\xe9`},
		{"café ✓", "café ✓"},
	}
	for _, tt := range tests {
		if got := Visible(tt.in); got != tt.want {
			t.Errorf("Visible(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCSVCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"}, {"+cmd", "'+cmd"}, {"-2+3", "'-2+3"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"}, {"\r=1", `'\x0d=1`}, {"＝1", "'＝1"},
		{"-1", "-1"}, {"-0.25", "-0.25"}, {"12", "12"}, {"-", "'-"}, {"-1e5", "'-1e5"}, {"-Inf", "'-Inf"},
		{"GET", "GET"}, {"a=b", "a=b"}, {"\x1b[2J", `\x1b[2J`},
	}
	for _, tt := range tests {
		if got := CSVCell(tt.in); got != tt.want {
			t.Errorf("CSVCell(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Trunk not found", "Trunk not found"},
		{"a|b", "a&#124;b"},
		{"x\n# h", `x \# h`},
		{"![i](u)", `\!\[i\](u)`},
		{"<b>", "&lt;b&gt;"},
		{"`x`", "\\`x\\`"},
		{"- item", `\- item`},
		{"1. item", `1\. item`},
		{"0.081", "0.081"},
		{"---", `\---`},
	}
	for _, tt := range tests {
		if got := MarkdownText(tt.in); got != tt.want {
			t.Errorf("MarkdownText(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownCodeAndFence(t *testing.T) {
	if got := MarkdownCode("a `b` c"); got != "``a `b` c``" {
		t.Errorf("got %q, want a fence of two backticks", got)
	}
	if got := MarkdownCode("`x"); got != "`` `x ``" {
		t.Errorf("got %q, want a padded span", got)
	}
	if got := MarkdownFence("a\n````\nb", "text"); !strings.HasPrefix(got, "`````text\n") || !strings.HasSuffix(got, "\n`````\n") {
		t.Errorf("got %q, want a fence of five backticks", got)
	}
}

// checkNoControl fails when s holds a character a terminal acts on.
func checkNoControl(t *testing.T, what, in, s string) {
	t.Helper()
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") || r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f || isBidiControl(r) {
			t.Fatalf("%s(%q) = %q holds %U at %d", what, in, s, r, i)
		}
	}
}

// checkMarkdownLine fails when a one-line Markdown text could open or
// close a block, a span, a link or a tag.
func checkMarkdownLine(t *testing.T, what, in, s string) {
	t.Helper()
	checkNoControl(t, what, in, s)
	s = strings.NewReplacer("&#124;", "", "&amp;", "", "&lt;", "", "&gt;", "").Replace(s)
	if strings.ContainsAny(s, "\n\r|<>&") {
		t.Fatalf("%s(%q) = %q holds a newline, pipe or angle bracket", what, in, s)
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte("`*_[]!#~", s[i]) >= 0 && (i == 0 || s[i-1] != '\\' || backslashes(s[:i])%2 == 0) {
			t.Fatalf("%s(%q) = %q holds an unescaped %q at %d", what, in, s, s[i], i)
		}
	}
}

// backslashes counts the backslashes that end s.
func backslashes(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	return n
}

func TestHostileTextsInEveryEscaper(t *testing.T) {
	for _, in := range hostileTexts {
		checkNoControl(t, "Visible", in, Visible(in))
		checkNoControl(t, "CSVCell", in, CSVCell(in))
		checkMarkdownLine(t, "MarkdownText", in, MarkdownText(in))
		checkCode(t, in)
		checkFence(t, in)
	}
}

// checkCode fails when a code span is not one span on one line.
func checkCode(t *testing.T, in string) {
	t.Helper()
	s := MarkdownCode(in)
	checkNoControl(t, "MarkdownCode", in, s)
	if s == "" {
		return
	}
	n := 0
	for n < len(s) && s[n] == '`' {
		n++
	}
	fence := s[:n]
	inner := strings.TrimSuffix(s[n:], fence)
	if strings.Contains(s, "\n") || len(inner) == len(s)-n || strings.Contains(inner, fence) && longestRun(inner, '`') >= n {
		t.Fatalf("MarkdownCode(%q) = %q: not one closed span", in, s)
	}
}

// checkFence fails when a line of the body could close the fence.
func checkFence(t *testing.T, in string) {
	t.Helper()
	s := MarkdownFence(in, "text")
	checkNoControl(t, "MarkdownFence", in, s)
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	fence := strings.TrimSuffix(lines[0], "text")
	for _, l := range lines[1 : len(lines)-1] {
		if strings.HasPrefix(strings.TrimLeft(l, " "), fence) {
			t.Fatalf("MarkdownFence(%q): line %q closes the fence %q", in, l, fence)
		}
	}
	if lines[len(lines)-1] != fence {
		t.Fatalf("MarkdownFence(%q) = %q: not closed", in, s)
	}
}

func FuzzVisible(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkNoControl(t, "Visible", in, Visible(in))
		checkNoControl(t, "VisibleLine", in, VisibleLine(in))
		if strings.Contains(VisibleLine(in), "\n") {
			t.Fatalf("VisibleLine(%q) holds a newline", in)
		}
	})
}

func FuzzCSVCell(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := CSVCell(in)
		checkNoControl(t, "CSVCell", in, out)
		if out != "" && startsFormula(out) && !isPlainNumber(out) {
			t.Fatalf("CSVCell(%q) = %q starts a formula", in, out)
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write([]string{out, "x"})
		w.Flush()
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil || len(rows) != 1 || rows[0][0] != out && !strings.ContainsRune(out, '\r') {
			t.Fatalf("CSVCell(%q) = %q does not read back as one cell: %v %q", in, out, err, rows)
		}
	})
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkMarkdownLine(t, "MarkdownText", in, MarkdownText(in))
		checkCode(t, in)
		checkFence(t, in)
	})
}

// FuzzRender writes every text of a real report as the fuzzer's text and
// renders it in every format: text and CSV hold no control character,
// CSV no formula, Markdown no heading, fence or tag of the input, HTML
// no tag of the input.
func FuzzRender(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s)
	}
	inputs, _ := parsers.Discover([]string{"../testdata/real-client/api_test_20261128_032120.log", "../testdata/integration"})
	res := analyzer.Analyze(inputs, nil, analyzer.Options{
		Config: analyzer.Config{Location: time.UTC, Slow: 50 * time.Millisecond, Top: 5, MaxProblems: 20},
		Parse:  parsers.Options{Location: time.UTC},
	})
	threshold := 25.0
	r := New(res, Options{Top: 5, Threshold: &threshold})
	f.Fuzz(func(t *testing.T, in string) {
		setStrings(reflect.ValueOf(r).Elem(), in)
		var buf bytes.Buffer
		for _, format := range []string{"text", "markdown", "html"} {
			buf.Reset()
			if err := Render(&buf, r, format, RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			switch format {
			case "text":
				checkNoControl(t, "text", in, out)
			case "markdown":
				checkNoControl(t, "markdown", in, out)
				for _, line := range strings.Split(out, "\n") {
					if strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "# errpat report") && !strings.HasPrefix(line, "## ") ||
						strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~") || strings.ContainsAny(line, "<") {
						t.Fatalf("markdown of %q holds the line %q", in, line)
					}
				}
			case "html":
				if strings.Contains(in, "<") && strings.Contains(out, in) {
					t.Fatalf("HTML holds the input %q as markup", in)
				}
			}
		}
		for _, section := range CSVSections {
			buf.Reset()
			if err := RenderCSV(&buf, r, section); err != nil {
				t.Fatal(err)
			}
			checkNoControl(t, "csv", in, strings.ReplaceAll(buf.String(), "\r", ""))
			rows, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatalf("csv %s of %q does not read back: %v", section, in, err)
			}
			for _, row := range rows[1:] {
				for _, cell := range row {
					if cell != "" && startsFormula(cell) && !isPlainNumber(cell) {
						t.Fatalf("csv %s of %q: cell %q is a formula", section, in, cell)
					}
				}
			}
		}
	})
}

// setStrings sets every exported string of v to s.
func setStrings(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(s)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			setStrings(v.Elem(), s)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				setStrings(v.Field(i), s)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			setStrings(v.Index(i), s)
		}
	}
}
