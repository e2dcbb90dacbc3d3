package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// OutputFormat is one format errpat writes its report in: its name, the
// file names that ask for it, and how it writes the report and the
// templates of 'errpat patterns'. The formats are the rows of one list
// (outputFormats); --format's values, its help and its completion, and
// the format an --output file asks for, are all read from it.
type OutputFormat struct {
	// Name is the value of --format.
	Name string
	// Extensions are the endings of an --output file that ask for the
	// format when --format is not given (-o report.html: html).
	Extensions []string
	// Sections are the tables the format writes one of, picked by
	// RenderOptions.Section (csv's); nil when it writes the whole report.
	Sections []string

	render   func(w io.Writer, r *Report, o RenderOptions) error
	patterns func(w io.Writer, p *Patterns) error
}

// outputFormats lists the formats in the order --help names them.
var outputFormats = []OutputFormat{
	{Name: "text", Extensions: []string{".txt"}, render: renderText, patterns: textPatterns},
	{Name: "markdown", Extensions: []string{".md", ".markdown"}, render: renderMarkdown, patterns: markdownPatterns},
	{Name: "json", Extensions: []string{".json"}, render: func(w io.Writer, r *Report, _ RenderOptions) error { return RenderJSON(w, r) },
		patterns: jsonPatterns},
	{Name: "html", Extensions: []string{".html", ".htm"}, render: func(w io.Writer, r *Report, _ RenderOptions) error { return RenderHTML(w, r) },
		patterns: htmlPatterns},
	{Name: "csv", Extensions: []string{".csv"}, Sections: CSVSections,
		render: func(w io.Writer, r *Report, o RenderOptions) error { return RenderCSV(w, r, o.Section) }, patterns: patternsCSV},
}

// RenderOptions shape a rendering: the layout of text and Markdown, and
// the table of a format with Sections.
type RenderOptions struct {
	Layout
	Section string // one of the format's Sections; "" is DefaultCSVSection
}

// FormatNames are the names of the output formats, for flag help,
// completion and validation.
func FormatNames() []string {
	names := make([]string, len(outputFormats))
	for i, f := range outputFormats {
		names[i] = f.Name
	}
	return names
}

// FormatNamed is the output format of a name, ok false when there is none.
func FormatNamed(name string) (OutputFormat, bool) {
	for _, f := range outputFormats {
		if f.Name == name {
			return f, true
		}
	}
	return OutputFormat{}, false
}

// FormatOfFile is the format that a file's name asks for (-o
// report.html: html), "" when its extension names none.
func FormatOfFile(name string) string {
	lower := strings.ToLower(name)
	for _, f := range outputFormats {
		for _, ext := range f.Extensions {
			if strings.HasSuffix(lower, ext) {
				return f.Name
			}
		}
	}
	return ""
}

// Render writes the report in one of the output formats.
func Render(w io.Writer, r *Report, format string, o RenderOptions) error {
	f, ok := FormatNamed(format)
	if !ok {
		return unknownFormat(format)
	}
	return f.render(w, r, o)
}

// RenderPatterns writes the templates of 'errpat patterns' in one of the
// output formats.
func RenderPatterns(w io.Writer, p *Patterns, format string) error {
	f, ok := FormatNamed(format)
	if !ok {
		return unknownFormat(format)
	}
	return f.patterns(w, p)
}

func unknownFormat(format string) error {
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(FormatNames(), ", "))
}

// RenderJSON writes the report as indented JSON, the documented contract.
// The model is bounded (lists keep their first rows, at most 30,000
// hours are charted), so it is encoded whole.
func RenderJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

func renderText(w io.Writer, r *Report, o RenderOptions) error {
	width := o.Width
	if width <= 0 {
		width = DefaultWidth
	}
	return renderDoc(w, r, textDoc{width: width, color: o.Color, detail: o.level(), base: r.commonFolder()}, o.Terminal)
}

func renderMarkdown(w io.Writer, r *Report, o RenderOptions) error {
	return renderDoc(w, r, markdownDoc{detail: o.level()}, false)
}
