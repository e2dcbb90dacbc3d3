package report

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"time"

	"github.com/errpat/errpat/analyzer"
)

// Patterns is what `errpat patterns` writes: the templates of the lines
// of any log, most frequent first. Like the report's JSON it is a
// contract: keys are only added, never renamed.
type Patterns struct {
	Lines     int            `json:"lines"`     // lines read
	Messages  int            `json:"messages"`  // lines with a message (not blank)
	Templates []LineTemplate `json:"templates"` // most frequent first, then by pattern
}

// LineTemplate is one template of log lines.
type LineTemplate struct {
	ID        string  `json:"id"`      // stable for a template: join on it
	Pattern   string  `json:"pattern"` // variables marked <n>, <id>, <ip>, <time> or <*>
	Count     int     `json:"count"`
	Example   string  `json:"example"` // one real message, secrets masked
	Source    string  `json:"source"`  // the example's file:line
	FirstSeen *string `json:"first_seen"`
	LastSeen  *string `json:"last_seen"`
}

// NewPatterns builds what 'errpat patterns' writes from the counted
// lines, their times in loc, keeping the top templates (0: all).
func NewPatterns(c analyzer.LineCounts, loc *time.Location, top int) *Patterns {
	p := &Patterns{Lines: c.Lines, Messages: c.Messages, Templates: []LineTemplate{}}
	for _, t := range c.Templates {
		p.Templates = append(p.Templates, LineTemplate{ID: t.ID, Pattern: t.Pattern, Count: t.Count, Example: t.Example,
			Source: t.Source + ":" + strconv.Itoa(t.Line), FirstSeen: stamp(t.First, loc), LastSeen: stamp(t.Last, loc)})
	}
	if top > 0 && len(p.Templates) > top {
		p.Templates = p.Templates[:top]
	}
	return p
}

// assignment is one line of 'errpat patterns --assign'.
type assignment struct {
	Source    string `json:"source"`
	Line      int    `json:"line"`
	PatternID string `json:"pattern_id"`
	Pattern   string `json:"pattern"`
}

// WriteAssignments writes each line's template in g as JSON lines, in
// input order ('errpat patterns --assign').
func WriteAssignments(w io.Writer, lines *analyzer.Lines, g *analyzer.Grouping) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := lines.Assign(g, func(source string, line int, id, pattern string) error {
		return enc.Encode(assignment{Source: source, Line: line, PatternID: id, Pattern: pattern})
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

func jsonPatterns(w io.Writer, p *Patterns) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}

func textPatterns(w io.Writer, p *Patterns) error {
	ew := &errWriter{w: w}
	patternsDoc(ew, p, false)
	return ew.err
}

func htmlPatterns(w io.Writer, p *Patterns) error { return patternsHTML.Execute(w, p) }

func markdownPatterns(w io.Writer, p *Patterns) error {
	ew := &errWriter{w: w}
	patternsDoc(ew, p, true)
	return ew.err
}

func patternsDoc(w io.Writer, p *Patterns, markdown bool) {
	// The doc escapes every cell and paragraph for its reader.
	var d doc = textDoc{}
	if markdown {
		d = markdownDoc{}
	}
	d.heading(w, "Message patterns")
	d.para(w, fmt.Sprintf("%d templates in %d messages (%d lines read).", len(p.Templates), p.Messages, p.Lines))
	t := newTable("Count", "Pattern", "First seen", "Last seen", "Example")
	for _, lt := range p.Templates {
		t.AppendRow([]any{lt.Count, clip(lt.Pattern, 120), orDash(lt.FirstSeen), orDash(lt.LastSeen),
			clip(lt.Example, 120) + " (" + lt.Source + ")"})
	}
	d.table(w, t)
}

func patternsCSV(w io.Writer, p *Patterns) error {
	rows := [][]string{{"id", "pattern", "count", "example", "source", "first_seen", "last_seen"}}
	for _, lt := range p.Templates {
		rows = append(rows, []string{lt.ID, cell(lt.Pattern), itoa(lt.Count), cell(lt.Example), cell(lt.Source),
			optString(lt.FirstSeen), optString(lt.LastSeen)})
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// cell neutralises a cell a spreadsheet would take for a formula.
func cell(s string) string { return CSVCell(s) }

var patternsHTML = template.Must(template.New("patterns").Funcs(template.FuncMap{"orDash": orDash}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>errpat: message patterns</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}
td,th{border:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}
td.n{text-align:right}code{font-family:Consolas,Menlo,monospace;font-size:12px;word-break:break-word}</style>
</head><body>
<h1>Message patterns</h1>
<p>{{len .Templates}} templates in {{.Messages}} messages ({{.Lines}} lines read).</p>
<table><tr><th>Count</th><th>Pattern</th><th>First seen</th><th>Last seen</th><th>Example</th></tr>
{{range .Templates}}<tr><td class="n">{{.Count}}</td><td><code>{{.Pattern}}</code></td><td>{{orDash .FirstSeen}}</td><td>{{orDash .LastSeen}}</td><td><code>{{.Example}}</code><br><small>{{.Source}}</small></td></tr>
{{end}}</table>
</body></html>
`))
