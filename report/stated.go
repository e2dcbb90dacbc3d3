package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/errpat/errpat/analyzer"
)

// StatedLatency is the latency one summary file states for an endpoint,
// or for the whole run (Endpoint ""), as its tool computed it: k6's
// p(95), Locust's 50%…100%, Artillery's p99. The values are in
// milliseconds under the names "min", "avg", "median", "max" and "pN"
// ("p50", "p99.9", "p100"). They are never mixed into errpat's own
// percentiles, which come from the records' response times.
type StatedLatency struct {
	Source   string `json:"source"`
	Format   string `json:"format"`
	Endpoint string `json:"endpoint"`
	// Requests is how many requests the values are of; nil when the
	// file does not say.
	Requests *int64             `json:"requests"`
	Ms       map[string]float64 `json:"ms"`
	// Order is the keys of Ms in the file's order, for the tables.
	Order []string `json:"-"`
}

// statedLatency is the report's stated latency, from the result's.
func statedLatency(res *analyzer.Result) []StatedLatency {
	var out []StatedLatency
	for _, st := range res.Stated {
		s := StatedLatency{Source: st.Source, Format: st.Format, Endpoint: st.Endpoint, Ms: map[string]float64{}}
		if st.Requests >= 0 {
			n := st.Requests
			s.Requests = &n
		}
		for _, v := range st.Values {
			if _, ok := s.Ms[v.Name]; !ok {
				s.Order = append(s.Order, v.Name)
			}
			s.Ms[v.Name] = v.Ms
		}
		out = append(out, s)
	}
	return out
}

// statedTable is the stated latency of one source: a table of its
// endpoints by the statistics it states.
type statedTable struct {
	Source, Format string
	Columns        []string
	Rows           [][]string
}

// statedTables groups the stated latency by source, in input order.
func statedTables(list []StatedLatency) []statedTable {
	var out []statedTable
	for i := 0; i < len(list); {
		j := i
		for j < len(list) && list[j].Source == list[i].Source {
			j++
		}
		out = append(out, statedTableOf(list[i:j]))
		i = j
	}
	return out
}

func statedTableOf(list []StatedLatency) statedTable {
	t := statedTable{Source: list[0].Source, Format: list[0].Format}
	seen := map[string]bool{}
	var names []string
	for _, s := range list {
		for _, n := range s.Order {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	t.Columns = append([]string{"Endpoint", "Requests"}, names...)
	for _, s := range list {
		row := []string{s.Endpoint, "-"}
		if s.Endpoint == "" {
			row[0] = "(whole run)"
		}
		if s.Requests != nil {
			row[1] = strconv.FormatInt(*s.Requests, 10)
		}
		for _, n := range names {
			v, ok := s.Ms[n]
			if !ok {
				row = append(row, "-")
				continue
			}
			row = append(row, strconv.FormatFloat(v, 'f', -1, 64))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

const statedNote = "In milliseconds, as the file states them: the tool's own figures, not errpat's percentiles (the file gives no response time of a request)."

// title names the tool, which is short: a heading fits any width; the
// file is named in the note, which wraps.
func (t statedTable) title() string { return "Latency as stated by " + t.Format }

func (t statedTable) note() string { return t.Source + ": " + statedNote }

// statedSection writes, for each source that states latency, a table
// of it, in text and Markdown: an endpoint a row, its statistics in one
// cell ("median 95 · p95 240"), which wraps to the width where a column
// each would not.
func statedSection(w io.Writer, r *Report, d doc) {
	for _, st := range statedTables(r.StatedLatency) {
		d.heading(w, st.title())
		d.para(w, st.note())
		t := newTable("Endpoint", "Requests", "Stated, ms")
		for _, row := range st.Rows {
			var stats []string
			for i, c := range row[2:] {
				if c != "-" {
					stats = append(stats, st.Columns[i+2]+" "+c)
				}
			}
			t.AppendRow([]any{row[0], row[1], strings.Join(stats, " · ")})
		}
		d.table(w, t)
	}
	if r.StatedLeftOut > 0 {
		d.para(w, fmt.Sprintf("%d more stated latencies are not shown (the JSON report lists the first %d).", r.StatedLeftOut, analyzer.MaxStated))
	}
}

// htmlStated is one file's stated latency on the HTML page.
type htmlStated struct {
	Title, Note string
	Columns     []string
	Rows        [][]string
}

// statedSections is the stated latency as sections of the HTML page.
func statedSections(r *Report) []htmlStated {
	var out []htmlStated
	for _, st := range statedTables(r.StatedLatency) {
		out = append(out, htmlStated{Title: st.title(), Columns: st.Columns, Rows: st.Rows, Note: st.note()})
	}
	return out
}
