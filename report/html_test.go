package report

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func renderHTML(t *testing.T, r *Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, "html", RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestRenderHTMLGolden(t *testing.T) {
	goldenFile(t, "report.html", []byte(renderHTML(t, sample(t))))
}

// TestHTMLHasTheMarkdownSections keeps HTML from drifting from the other
// formats: every heading of the Markdown report is a heading of the page.
func TestHTMLHasTheMarkdownSections(t *testing.T) {
	r := sample(t)
	var md bytes.Buffer
	if err := Render(&md, r, "markdown", RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	page := renderHTML(t, r)
	headings := regexp.MustCompile(`(?m)^#{1,2} (.+)$`).FindAllStringSubmatch(md.String(), -1)
	if len(headings) < 9 {
		t.Fatalf("got %d Markdown headings, want at least 9", len(headings))
	}
	for _, h := range headings {
		if !strings.Contains(page, ">"+h[1]+"</h") {
			t.Errorf("the HTML report lacks the section %q of the Markdown report", h[1])
		}
	}
	for _, w := range []string{r.TopMessages[0].Pattern, r.ByEndpoint[0].Endpoint, r.IncompleteRun[0].File, r.Categories[0].Hint} {
		if !strings.Contains(page, htmlEscaper.Replace(w)) {
			t.Errorf("the HTML report lacks %q", w)
		}
	}
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

func TestHTMLIsSelfContained(t *testing.T) {
	page := strings.ToLower(renderHTML(t, sample(t)))
	for _, bad := range []string{"<script", "javascript:", " src=", " href=", "url(", "@import", "<link", "http://", "https://", "<foreignobject"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q: want no script and nothing loaded from elsewhere", bad)
		}
	}
	if n := strings.Count(page, "<style"); n != 1 {
		t.Errorf("got %d style blocks, want 1 (mail clients keep one in the head)", n)
	}
	if !strings.HasPrefix(page, "<!doctype html>") || !strings.HasSuffix(page, "</html>\n") {
		t.Errorf("not one whole page: starts %.20q, ends %q", page, page[max(0, len(page)-20):])
	}
}

func TestHTMLAlertBanner(t *testing.T) {
	r := sample(t)
	banner := fmt.Sprintf("ALERT: error rate %.2f%% is above the threshold of %.2f%%.", r.Alert.ErrorRate, *r.Alert.Threshold)
	if !r.Alert.Breached || !strings.Contains(renderHTML(t, r), banner) {
		t.Error("breached threshold: no alert banner")
	}
	r.Alert.Breached = false
	page := renderHTML(t, r)
	if strings.Contains(page, "ALERT") || !strings.Contains(page, fmt.Sprintf("is within the threshold of %.2f%%", *r.Alert.Threshold)) {
		t.Error("threshold kept: want no banner and the within-threshold note")
	}
	r.Alert.Threshold = nil
	if page := renderHTML(t, r); strings.Contains(page, "threshold") {
		t.Error("no threshold: want no word of it")
	}
}

// TestHTMLEscapesInput feeds markup through every kind of field that
// comes from the input.
func TestHTMLEscapesInput(t *testing.T) {
	const evil = `<script>alert(1)</script><img src=x onerror="alert(2)">`
	s := evil
	r := &Report{
		TimeZone:   evil,
		Summary:    Summary{Requests: 1, Failed: 1, First: &s},
		Inputs:     Inputs{Files: 1, ProblemCount: 1, Problems: []Problem{{File: evil, Line: 3, Error: evil}}},
		ByStatus:   []Status{{Status: 500, Class: evil, Count: 1}},
		ByHour:     []Hour{{Hour: evil, Requests: 1, Failed: 1}},
		ByEndpoint: []Endpoint{{Method: evil, Endpoint: evil, Requests: 1, Failed: 1}},
		TopMessages: []Message{{Pattern: evil, Class: evil, Count: 1, Endpoints: []string{evil},
			Example: evil, Source: evil, FirstSeen: &s}},
		Categories:    []Category{{Class: evil, Count: 1, Hint: evil}},
		ErrorCodes:    []ErrorCode{{Code: evil, Count: 1}},
		Slow:          Slow{Timed: 1, Slowest: []SlowRequest{{Time: &s, Method: evil, Endpoint: evil, Source: evil}}},
		IncompleteRun: []Incomplete{{File: evil, Start: &s, LastRequest: evil}},
	}
	page := renderHTML(t, r)
	if strings.Contains(page, "<script") || strings.Contains(page, "<img") {
		t.Fatalf("input markup reached the page unescaped:\n%s", page)
	}
	if n := strings.Count(page, "&lt;script&gt;"); n < 15 {
		t.Errorf("got %d escaped copies of the input, want one per field (15 or more)", n)
	}
}

// TestHTMLWindowSections renders the sections that come with time
// windows: the comparison, the detected patterns with their evidence, and
// the hours of the day.
func TestHTMLWindowSections(t *testing.T) {
	r := sample(t)
	start, end := "2025-01-13T10:00:00Z", "2025-01-13T10:12:00Z"
	rate := 80.0
	r.Changes = &Changes{Baseline: Baseline{Source: previousWindow, Requests: 40}, ErrorRateNow: 12.5, ErrorRateThen: 2.25,
		NewPatterns:    []PatternChange{{Pattern: "Gateway <Timeout>", Class: "server", CountNow: 7, ShareNow: 3.5}},
		WorseEndpoints: []EndpointChange{{Method: "GET", Endpoint: "/trunks/{id}", RequestsNow: 9, RequestsThen: 8, ErrorRateNow: 50}}}
	r.Detected = []Detected{{Name: "timeout_bursts", Summary: "1 burst of timeouts.", Count: 12,
		Bursts:      []Burst{{Start: &start, End: &end, NoResponse: 12, Timeouts: 11, Requests: 13}},
		CrashedRuns: []Incomplete{{File: "crashed.log"}}}}
	r.ByHourOfDay = []HourOfDay{{Hour: 9, Requests: 10, Failed: 2, SuccessRate: &rate}, {Hour: 10}}
	page := renderHTML(t, r)
	for _, want := range []string{
		">Changes since the previous window</h2>", "Error rate 12.50% now, 2.25% then (&#43;10.25 points)",
		"Gateway &lt;Timeout&gt;", "<b>Grown patterns</b>: none.", "/trunks/{id}", "50.0% / 0.0%",
		"<b>Timeout bursts</b>: 1 burst of timeouts.", ">No response</th>", ">2025-01-13 10:12:00</td>",
		">By hour of day (UTC)</h2>", ">09:00</td>", "80.0%",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(page, ">10:00</td>") || strings.Count(page, "crashed.log") != 0 {
		t.Error("want no row for an hour without requests and no crashed runs repeated as evidence")
	}
}

// htmlLeavesOut are the fields of the model the page does not show, and
// why. Every other field is shown. TestHTMLRendersTheModel fails when the
// model gains a field that is in neither list, so a new section or
// column cannot go missing from the page unnoticed.
var htmlLeavesOut = map[string]string{
	"Incomplete.Run":           "the file names the run",
	"Incomplete.LastLine":      "a line number: the file and time find it",
	"Detected.Peak":            "whole in the summary sentence",
	"Detected.RateLimit":       "whole in the summary sentence",
	"Peak.*":                   "in the summary sentence",
	"BandStats.*":              "in the summary sentence",
	"PeakCause.*":              "in the summary sentence",
	"RateLimit.*":              "in the summary sentence",
	"RetryAfter.*":             "in the summary sentence",
	"Waits.*":                  "in the summary sentence",
	"Detected.CrashedRuns":     "listed under Incomplete runs",
	"Detected.First":           "in the summary sentence",
	"Detected.Last":            "in the summary sentence",
	"Hour.P50Seconds":          "in the latency chart",
	"Hour.P95Seconds":          "in the latency chart",
	"Hour.P99Seconds":          "in the latency chart",
	"HourOfDay.SuccessRate":    "worked out from requests and failed",
	"Baseline.Failed":          "in the baseline's error rate",
	"Baseline.ErrorRate":       "as error rate then",
	"EndpointChange.Worse":     "the table lists the endpoints that got worse",
	"Alert.Breached":           "as the banner",
	"Detected.LeftOut":         "in the line under the evidence",
	"Detected.RunsLeftOut":     "in the summary sentence",
	"Baseline.PartialPatterns": "as the note on the baseline",
	"Source.Aggregate":         "in the sources line",
	"Detected.Count":           "in the summary sentence",
}

// TestHTMLRendersTheModel gives every string and number of the model
// a value of its own (strings their field's name, numbers from 90001 up)
// and checks that the page shows each one not left out above: a field
// the model gains shows, or fails this test until htmlLeavesOut says why
// not.
func TestHTMLRendersTheModel(t *testing.T) {
	var r Report
	values := map[string][]string{}
	next := 90000
	fillModel(reflect.ValueOf(&r).Elem(), values, &next)
	// A detection carries one kind of evidence: one detection per kind.
	full := r.Detected[0]
	r.Detected = nil
	for _, kind := range []string{"Intermittent", "Bursts", "AuthOutages", "FlakyTests"} {
		d := Detected{Name: full.Name, Summary: full.Summary}
		reflect.ValueOf(&d).Elem().FieldByName(kind).Set(reflect.ValueOf(full).FieldByName(kind))
		r.Detected = append(r.Detected, d)
	}
	page := stdhtml.UnescapeString(renderHTML(t, &r))
	types := map[string]bool{}
	for name, wants := range values {
		typ, _, _ := strings.Cut(name, ".")
		types[typ+".*"] = true
		shown := slices.ContainsFunc(wants, func(w string) bool {
			n, err := strconv.Atoi(w)
			return w != "" && (strings.Contains(page, w) || err == nil && strings.Contains(page, num(n)))
		})
		if shown && htmlLeavesOut[name] != "" {
			t.Errorf("htmlLeavesOut lists %s, which the page shows (%q): take it off the list", name, wants)
		}
		if htmlLeavesOut[name] != "" || htmlLeavesOut[typ+".*"] != "" || shown || slices.Contains(wants, "") {
			continue // a record's or list's own fields are checked
		}
		t.Errorf("the page does not show %s (%q): render it, or say in htmlLeavesOut why not", name, wants)
	}
	for name := range htmlLeavesOut {
		if _, ok := values[name]; !ok && !types[name] {
			t.Errorf("htmlLeavesOut names %s, which the model does not have", name)
		}
	}
}

// fillModel sets every string in v to "<Type.Field>" and every number to
// the next of *next, makes every list one long and every pointer point,
// and records the values of each field (a type may be in several places).
func fillModel(v reflect.Value, values map[string][]string, next *int) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillModel(v.Elem(), values, next)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fillModel(v.Index(0), values, next)
	case reflect.Struct:
		for i := range v.NumField() {
			name := v.Type().Name() + "." + v.Type().Field(i).Name
			fv := v.Field(i)
			if fv.Kind() == reflect.Pointer && fv.Type().Elem().Kind() == reflect.String {
				s := "<" + name + ">"
				fv.Set(reflect.ValueOf(&s))
				values[name] = append(values[name], s)
				continue
			}
			values[name] = append(values[name], fillValue(fv, name, values, next))
		}
	}
}

// fillValue fills one field and returns what the page shows of it ("" for
// a record or a list of records, whose own fields are checked).
func fillValue(v reflect.Value, name string, values map[string][]string, next *int) string {
	switch k := v.Kind(); {
	case k == reflect.String:
		v.SetString("<" + name + ">")
		return v.String()
	case k == reflect.Int:
		*next++
		v.SetInt(int64(*next))
		return strconv.Itoa(*next)
	case k == reflect.Float64:
		*next++
		v.SetFloat(float64(*next))
		return strconv.Itoa(*next)
	case k == reflect.Pointer && v.Type().Elem().Kind() == reflect.Float64:
		*next++
		f := float64(*next)
		v.Set(reflect.ValueOf(&f))
		return strconv.Itoa(*next)
	case k == reflect.Slice && v.Type().Elem().Kind() != reflect.Struct:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		return fillValue(v.Index(0), name, values, next)
	case k == reflect.Bool:
		return "" // a condition, not a value: htmlLeavesOut says how it shows
	}
	fillModel(v, values, next)
	return ""
}

// TestHTMLEvidenceCellsAgreeWithText: a flaky test's failures by status
// read the same on the page as in the text report, never as a record
// dump.
func TestHTMLEvidenceCellsAgreeWithText(t *testing.T) {
	r := sample(t)
	r.Detected = []Detected{{Name: "flaky_tests", Summary: "1 test passed in some runs and failed in others.", Count: 1,
		FlakyTests: []FlakyTest{{Test: "Map DID", PassedRuns: 420, FailedRuns: 37, Passed: 420, Failed: 37,
			Statuses: []StatusTally{{500, 11}, {0, 3}}}}}}
	const cell = "500 ×11, no response ×3"
	if text := renderDetail(t, r, "text", "high"); !strings.Contains(text, cell) {
		t.Fatalf("the text report lacks %q", cell)
	}
	page := renderHTML(t, r)
	if !strings.Contains(page, "<td>"+cell+"</td>") {
		t.Errorf("the page lacks the cell %q", cell)
	}
	if strings.Contains(page, "status:") || strings.Contains(page, "{500") {
		t.Error("the page shows a record dump")
	}
}

func TestTrafficChart(t *testing.T) {
	c := trafficChart([]Hour{{Hour: "2025-01-13T09:00:00Z", Requests: 1000, Failed: 1}, {Hour: "2025-01-13T10:00:00Z", Requests: 500, Failed: 500}, {Hour: "2025-01-13T11:00:00Z"}}, "hour")
	if c.Max != 1000 || len(c.Bars) != 3 {
		t.Fatalf("got max %d and %d bars, want 1000 and 3", c.Max, len(c.Bars))
	}
	busy, failed, empty := c.Bars[0], c.Bars[1], c.Bars[2]
	if busy.OKH+busy.FailH != plotH || busy.FailH != 1 {
		t.Errorf("the busiest hour: got %v ok + %v failed px, want %d in all and 1 failed (any failure shows)", busy.OKH, busy.FailH, plotH)
	}
	if failed.OKH != 0 || failed.FailH != plotH/2 || failed.FailY != plotBottom-plotH/2 {
		t.Errorf("all failed at half the busiest: got ok %v, failed %v at %v", failed.OKH, failed.FailH, failed.FailY)
	}
	if empty.OKH != 0 || empty.FailH != 0 {
		t.Errorf("an hour without requests: got %v + %v px, want no bar", empty.OKH, empty.FailH)
	}
	if busy.Title != "2025-01-13 09:00: 1000 requests, 1 failed" {
		t.Errorf("title: got %q", busy.Title)
	}
	if trafficChart(nil, "hour") != nil {
		t.Error("no hours: want no chart")
	}
}

func TestLatencyChart(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	hours := []Hour{
		{Hour: "2025-01-13T09:00:00Z", P50Seconds: f(0.05), P95Seconds: f(0.4), P99Seconds: f(2)},
		{Hour: "2025-01-13T10:00:00Z"}, // no timed requests: no point
		{Hour: "2025-01-13T11:00:00Z", P50Seconds: f(0.1), P95Seconds: f(1), P99Seconds: f(10)},
	}
	c := latencyChart(hours, 3)
	if c == nil || len(c.Series) != 3 {
		t.Fatalf("got %+v, want three series", c)
	}
	// The axis runs from 10ms (below the lowest p50) to 10s, three decades
	// over plotH pixels.
	var labels []string
	for _, l := range c.YLabels {
		labels = append(labels, l.Text)
	}
	if !slices.Equal(labels, []string{"10ms", "100ms", "1s", "10s"}) {
		t.Errorf("y labels: got %q", labels)
	}
	decade := float64(plotH) / 3
	want := fmt.Sprintf("%s,%s %s,%s", svgNum(round(plotLeft+plotW/4.0, 1)), svgNum(round(plotBottom-decade*math.Log10(5), 1)),
		svgNum(round(plotLeft+plotW*3/4.0, 1)), svgNum(round(plotBottom-decade, 1)))
	if c.Series[0].Name != "p50" || c.Series[0].Points != want {
		t.Errorf("p50: got %s %q, want %q", c.Series[0].Name, c.Series[0].Points, want)
	}
	if latencyChart(hours[:1], 1) != nil {
		t.Error("one hour: want no chart")
	}
}

// TestTrafficChartShowsGaps: hours (or days) without requests inside the
// window are empty places on the axis, not left out.
func TestTrafficChartShowsGaps(t *testing.T) {
	hours := trafficChart([]Hour{{Hour: "2025-01-13T09:00:00+05:30", Requests: 4}, {Hour: "2025-01-13T12:00:00+05:30", Requests: 2}}, "hour")
	var titles []string
	for _, b := range hours.Bars {
		titles = append(titles, b.Title)
	}
	want := []string{"2025-01-13 09:00: 4 requests, 0 failed", "2025-01-13 10:00: 0 requests, 0 failed",
		"2025-01-13 11:00: 0 requests, 0 failed", "2025-01-13 12:00: 2 requests, 0 failed"}
	if !slices.Equal(titles, want) {
		t.Errorf("got bars %q, want %q", titles, want)
	}
	if days := trafficChart([]Hour{{Hour: "2025-02-27", Requests: 1}, {Hour: "2025-03-02", Requests: 1}}, "day"); len(days.Bars) != 4 {
		t.Errorf("2025-02-27 to 03-02: got %d bars, want 4", len(days.Bars))
	}
	if far := trafficChart([]Hour{{Hour: "2025-01-13T09:00:00Z", Requests: 1}, {Hour: "2026-01-13T09:00:00Z", Requests: 1}}, "hour"); len(far.Bars) != 2 {
		t.Errorf("a year between two hours: got %d bars, want the 2 rows (more than %d would not fit)", len(far.Bars), maxBars)
	}
}

func TestSomeRuns(t *testing.T) {
	runs := []string{"a.log", "b.log", "c.log", "d.log", "e.log", "f.log", "g.log"}
	if got, want := someRuns(runs), "a.log b.log c.log d.log e.log … and 2 more"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := someRuns(runs[:2]); got != "a.log b.log" {
		t.Errorf("two runs: got %q, want both", got)
	}
}
