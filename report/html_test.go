package report

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func renderHTML(t *testing.T, r *Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, "html", false); err != nil {
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
	if err := Render(&md, r, "markdown", false); err != nil {
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
	for _, bad := range []string{"<script", "javascript:", " src=", " href=", "url(", "@import", "<link", "<style", "http://", "https://"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q: want no script and nothing loaded from elsewhere", bad)
		}
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

func TestHourBars(t *testing.T) {
	tests := []struct {
		name         string
		hours        []Hour
		failed, okPx []int
	}{
		{"busiest hour gets the full width", []Hour{{Requests: 10, Failed: 5}, {Requests: 5}}, []int{50, 0}, []int{50, 50}},
		{"one failure always shows", []Hour{{Requests: 1000, Failed: 1}}, []int{1}, []int{99}},
		{"all failed", []Hour{{Requests: 4, Failed: 4}}, []int{100}, []int{0}},
		{"an hour without requests has no bar", []Hour{{Requests: 0}, {Requests: 3}}, []int{0, 0}, []int{0, 100}},
		{"a tiny hour keeps a sliver", []Hour{{Requests: 1}, {Requests: 1000}}, []int{0, 0}, []int{1, 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bars := hourBars(tt.hours, 100)
			for i, b := range bars {
				if b.FailedPx != tt.failed[i] || b.OKPx != tt.okPx[i] {
					t.Errorf("hour %d: got %d failed + %d ok px, want %d + %d", i, b.FailedPx, b.OKPx, tt.failed[i], tt.okPx[i])
				}
			}
		})
	}
}

// TestGenericSection is how a section added to the model later shows
// before the page template learns it.
func TestGenericSection(t *testing.T) {
	type burst struct {
		Kind  string   `json:"kind"`
		Count int      `json:"count"`
		Rate  *float64 `json:"rate"`
		Codes []int    `json:"codes"`
	}
	rate := 12.5
	s := genericSection("detected_patterns", reflect.ValueOf([]burst{{"timeout_burst", 3, &rate, []int{0, 504}}, {"peak", 1, nil, nil}}))
	if s.Title != "Detected patterns" || !slices.Equal(s.Columns, []string{"Kind", "Count", "Rate", "Codes"}) {
		t.Fatalf("got title %q columns %q", s.Title, s.Columns)
	}
	want := [][]string{{"timeout_burst", "3", "12.5", "0, 504"}, {"peak", "1", "-", ""}}
	if !reflect.DeepEqual(s.Rows, want) {
		t.Errorf("rows: got %q, want %q", s.Rows, want)
	}
	rec := genericSection("compare", reflect.ValueOf(&burst{Kind: "x", Count: 2}))
	if len(rec.Rows) != 4 || !slices.Equal(rec.Rows[1], []string{"Count", "2"}) {
		t.Errorf("record: got %q, want a row per field", rec.Rows)
	}
	if txt := genericSection("note", reflect.ValueOf("hello")); txt.Text != "hello" || txt.Columns != nil {
		t.Errorf("scalar: got %+v, want its text", txt)
	}
	if none := genericSection("later", reflect.ValueOf((*burst)(nil))); none.Text != "-" {
		t.Errorf("nil: got %+v, want -", none)
	}
}

// TestExtraSectionsCoverTheModel fails when the model has a field that is
// neither rendered by name nor shown as a generic section.
func TestExtraSectionsCoverTheModel(t *testing.T) {
	extra := extraSections(sample(t))
	typ := reflect.TypeFor[Report]()
	named := 0
	for i := range typ.NumField() {
		if knownSection(typ.Field(i).Name) {
			named++
		}
	}
	if named+len(extra) != typ.NumField() {
		t.Errorf("got %d named + %d generic sections, want %d (one per Report field)", named, len(extra), typ.NumField())
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
		"<b>Timeout bursts</b>: 1 burst of timeouts.", ">No response</th>", ">2025-01-13T10:12:00Z</td>",
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
