package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
)

// longReport spans ten days of hours, with 60 incomplete runs and 60
// timeout bursts: more than a readable report lists.
func longReport() *Report {
	r := &Report{SchemaVersion: SchemaVersion, TimeZone: "UTC"}
	for i := range 10 * 24 {
		h := jan13.Add(time.Duration(i) * time.Hour)
		r.ByHour = append(r.ByHour, Hour{Hour: h.Format(time.RFC3339), Requests: 10, Failed: i % 2})
		r.Summary.Requests += 10
		r.Summary.Failed += i % 2
	}
	d := Detected{Name: "timeout_bursts", Summary: "bursts"}
	for i := range 60 {
		start := stamp(jan13.Add(time.Duration(i)*time.Hour), time.UTC)
		r.IncompleteRun = append(r.IncompleteRun, Incomplete{Run: fmt.Sprintf("run-%02d", i), File: fmt.Sprintf("logs/run-%02d.log", i), Start: start})
		d.Bursts = append(d.Bursts, Burst{Start: start, End: start, NoResponse: 5, Requests: 5})
	}
	r.Detected = []Detected{d}
	r.Summary.IncompleteRuns = len(r.IncompleteRun)
	for i := range 60 {
		r.ByEndpoint = append(r.ByEndpoint, Endpoint{Method: "GET", Endpoint: fmt.Sprintf("/endpoint-%02d", i), Requests: 1})
	}
	return r
}

func TestLongReportsStayReadable(t *testing.T) {
	r := longReport()
	for _, format := range []string{"text", "markdown", "html"} {
		t.Run(format, func(t *testing.T) {
			var out string
			if format == "html" {
				out = renderHTML(t, r)
			} else {
				out = renderDetail(t, r, format, "high")
			}
			if !strings.Contains(out, "By day (UTC)") || strings.Contains(out, "By hour (UTC)") {
				t.Errorf("240 hours: want the chart by day, not by hour")
			}
			// 2025-01-22 is the tenth day: 24 hours of 10 requests, 12 failed.
			if !strings.Contains(out, "2025-01-22") || strings.Contains(out, "2025-01-22 23:00") || !strings.Contains(out, "240") {
				t.Errorf("the last day should be one row of 240 requests")
			}
			// The page lists fewer rows than the text, to fit in a mail.
			shown, note := maxListed, "and 10 more (the JSON report lists all)"
			if format == "html" {
				shown, note = htmlListed, "and 50 more (the JSON report lists all)"
			}
			if n := strings.Count(out, note); n != 3 {
				t.Errorf("got %d notes %q, want 3 (incomplete runs, bursts, endpoints)", n, note)
			}
			if format != "text" && (!strings.Contains(out, fmt.Sprintf("/endpoint-%02d", shown-1)) || strings.Contains(out, fmt.Sprintf("/endpoint-%02d", shown))) {
				t.Errorf("want the first %d endpoints listed, and no more", shown)
			}
			if !strings.Contains(out, fmt.Sprintf("run-%02d.log", shown-1)) || strings.Contains(out, fmt.Sprintf("run-%02d.log", shown)) {
				t.Errorf("want the first %d incomplete runs listed, and no more", shown)
			}
		})
	}
	js := render(t, r, "json")
	if !strings.Contains(js, "logs/run-59.log") || strings.Count(js, `"hour": "2025-01-`) != 240 {
		t.Errorf("the JSON report should keep every run and every hour")
	}
}

// TestListedRunsSayWhatJSONHas checks the note under a run list that the
// analyzer cut: the JSON report has only the first runs too.
func TestListedRunsSayWhatJSONHas(t *testing.T) {
	r := longReport()
	r.Summary.IncompleteRuns = 1500
	if out := renderDetail(t, r, "text", "high"); !strings.Contains(out, "… and 1450 more (the JSON report lists the first 60).") {
		t.Errorf("1500 incomplete runs, 60 listed: want a note of 1450 more, the first 60 in JSON")
	}
	if out := render(t, r, "text"); !strings.Contains(out, "… and 1485 more (--detail high lists 50, the JSON report the first 60).") {
		t.Errorf("at medium detail, 15 of 1500 runs listed: want a note of 1485 more and what high and JSON list")
	}
}

func TestShortSpansStayHourly(t *testing.T) {
	r := longReport()
	r.ByHour = r.ByHour[:maxHourRows]
	out := render(t, r, "text")
	if !strings.Contains(out, "By hour (UTC)") || !strings.Contains(out, "2025-01-19 23:00") {
		t.Errorf("a week of hours should be charted by hour")
	}
}

func TestSummariesNameTheLargest(t *testing.T) {
	var f analyzer.Findings
	for i, n := range []int{1, 9, 2, 8, 7} {
		start := jan13.Add(time.Duration(i) * time.Hour)
		f.Bursts = append(f.Bursts, analyzer.Burst{Start: start, End: start.Add(time.Minute), Count: n, Requests: n})
		f.AuthOutages = append(f.AuthOutages, analyzer.AuthOutage{Start: start, End: start, Requests: n, Unauthorized: n})
	}
	b := burstFinding(f, time.UTC)
	if len(b.Bursts) != 5 || b.Count != 27 {
		t.Fatalf("got %d bursts of %d requests, want all 5 of 27", len(b.Bursts), b.Count)
	}
	want := "in 5 bursts: the largest: 2025-01-13 01:00 to 01:01 (9 of 9 requests, 0 timeouts); " +
		"2025-01-13 03:00 to 03:01 (8 of 8 requests, 0 timeouts); 2025-01-13 04:00 to 04:01 (7 of 7 requests, 0 timeouts); and 2 more."
	if !strings.HasSuffix(b.Summary, want) {
		t.Errorf("bursts summary:\n got %q\nwant it to end %q", b.Summary, want)
	}
	a := authFinding(f, time.UTC)
	if len(a.AuthOutages) != 5 || !strings.HasSuffix(a.Summary, "in 5 spells: the largest: 2025-01-13 01:00, 9 requests; 2025-01-13 03:00, 8 requests; 2025-01-13 04:00, 7 requests; and 2 more.") {
		t.Errorf("auth summary: got %q (%d spells)", a.Summary, len(a.AuthOutages))
	}
}

// TestEvidenceListsBounded checks that evidence beyond the first
// MaxRunsListed rows is counted, not listed, and that count, first and
// last still cover every row.
func TestEvidenceListsBounded(t *testing.T) {
	var f analyzer.Findings
	n := analyzer.MaxRunsListed + 5
	for i := range n {
		start := jan13.Add(time.Duration(i) * time.Hour)
		f.Bursts = append(f.Bursts, analyzer.Burst{Start: start, End: start.Add(time.Minute), Count: 4, Requests: 5})
	}
	b := burstFinding(f, time.UTC)
	if len(b.Bursts) != analyzer.MaxRunsListed || b.LeftOut != 5 || b.Count != 4*n ||
		*b.Last != *stamp(f.Bursts[n-1].End, time.UTC) {
		t.Errorf("got %d listed, %d left out, count %d, last %s; want %d, 5, %d, the last burst's end",
			len(b.Bursts), b.LeftOut, b.Count, *b.Last, analyzer.MaxRunsListed, 4*n)
	}
	if _, note := evidenceTable(*b); note != fmt.Sprintf("… and %d more (the JSON report lists the first %d).", n-maxListed, analyzer.MaxRunsListed) {
		t.Errorf("evidence note: %q", note)
	}

	f.Crashed = []parsers.Run{{Source: "a.log", ID: "a.log", Start: jan13, End: jan13}}
	f.CrashedCount, f.CrashedLast = 1500, jan15
	c := crashedFinding(f, time.UTC)
	if c.Count != 1500 || c.LeftOut != 1499 || *c.Last != *stamp(jan15, time.UTC) || !strings.Contains(c.Summary, "1500 runs ended") {
		t.Errorf("crashed: count %d, left out %d, last %s, summary %q; want 1500, 1499, %s", c.Count, c.LeftOut, *c.Last, c.Summary, jan15)
	}
}

func TestLongSpansChartedByMonth(t *testing.T) {
	var hours []Hour
	for i := range 200 * 24 {
		hours = append(hours, Hour{Hour: jan13.Add(time.Duration(i) * time.Hour).Format(time.RFC3339), Requests: 2, Failed: 1})
	}
	rows, per, _ := timeline(hours)
	// 2025-01-13 plus 200 days ends on 2025-07-31: January to July.
	if per != "month" || len(rows) != 7 || rows[0].Hour != "2025-01" || rows[0].Requests != 19*24*2 || rows[6].Hour != "2025-07" {
		t.Errorf("got %d rows by %s, first %+v; want 7 months from 2025-01 (912 requests)", len(rows), per, rows[0])
	}
	if rows, per, _ := timeline(hours[:60*24]); per != "day" || len(rows) != 60 {
		t.Errorf("60 days: got %d rows by %s, want 60 by day", len(rows), per)
	}
	// Garbage timestamps: a request in each of 300 years.
	var sparse []Hour
	for y := 1700; y < 2000; y++ {
		sparse = append(sparse, Hour{Hour: fmt.Sprintf("%04d-06-01T00:00:00Z", y), Requests: 1})
	}
	if rows, per, note := timeline(sparse); per != "year" || len(rows) != maxMonthRows || rows[0].Hour != "1700" ||
		note != "… and 180 more years (the JSON report lists every hour)." {
		t.Errorf("300 years: got %d rows by %s from %s, note %q; want %d years from 1700 and a note of 180 more", len(rows), per, rows[0].Hour, note, maxMonthRows)
	}
}
