package report

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
)

var (
	jan13 = time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	jan14 = jan13.AddDate(0, 0, 1)
	jan15 = jan13.AddDate(0, 0, 2)
)

// analyzeDaily analyzes a file of testdata/daily in UTC over
// [since, until), and over the day before when previous is set.
func analyzeDaily(t *testing.T, file string, since, until time.Time, previous bool) *analyzer.Result {
	t.Helper()
	inputs, probs := parsers.Discover([]string{"../testdata/daily/" + file})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	cfg := analyzer.Config{Location: time.UTC, Top: 5, Since: since, Until: until, Peak: analyzer.Band{From: 9, To: 18}}
	if previous {
		prev := cfg
		prev.Since, prev.Until = analyzer.PreviousWindow(since, until, time.UTC)
		cfg.Previous = &prev
	}
	return analyzer.Analyze(inputs, nil, analyzer.Options{Config: cfg, Parse: parsers.Options{Location: time.UTC}})
}

func render(t *testing.T, r *Report, format string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, format, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// renderDetail renders a report with a level of detail.
func renderDetail(t *testing.T, r *Report, format, detail string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r, format, RenderOptions{Layout: Layout{Detail: detail}}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestChangesLead checks that the comparison is the first section after
// the headline and the top messages, in text and Markdown, and the same
// in JSON.
func TestChangesLead(t *testing.T) {
	r := New(analyzeDaily(t, "two_days.log", jan14, jan15, true), Options{Top: 5})
	c := r.Changes
	if c == nil || c.Baseline.Source != "previous window" || c.Baseline.Requests != 8 || c.ErrorRateThen != 12.5 || c.ErrorRateNow != 75 {
		t.Fatalf("changes: got %+v, want the previous day: 8 requests, 12.5%% then, 75%% now", c)
	}
	if len(c.NewPatterns) != 2 || c.NewPatterns[0].Pattern != "Invalid API credentials" || c.NewPatterns[0].CountNow != 4 {
		t.Errorf("new patterns: got %+v, want Invalid API credentials ×4 first", c.NewPatterns)
	}
	if len(c.GonePatterns) != 0 || len(c.GrownPatterns) != 0 {
		t.Errorf("got grown %+v, gone %+v; want none (one 500 each day)", c.GrownPatterns, c.GonePatterns)
	}
	if len(c.WorseEndpoints) == 0 || c.WorseEndpoints[0].Endpoint != "/trunks/{id}/phone-numbers" {
		t.Errorf("worse endpoints: got %+v, want /trunks/{id}/phone-numbers first", c.WorseEndpoints)
	}
	for _, tt := range []struct{ format, heading string }{
		{"text", `(?m)^\n([A-Z].*)$`}, {"markdown", `(?m)^## (.*)$`},
	} {
		out := render(t, r, tt.format)
		headings := regexp.MustCompile(tt.heading).FindAllStringSubmatch(out, 4)
		if len(headings) < 3 || headings[0][1] != "Top error messages" || headings[1][1] != "Changes since the previous window" ||
			headings[2][1] != "Detected patterns" {
			t.Errorf("%s: got headings %v, want Top error messages, Changes since the previous window, then Detected patterns", tt.format, headings)
		}
		for _, want := range []string{"12.50% then", "Invalid API credentials"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: lacks %q", tt.format, want)
			}
		}
	}
	if r := New(analyzeDaily(t, "two_days.log", jan14, jan15, false), Options{}); r.Changes != nil || strings.Contains(render(t, r, "text"), "Changes since") {
		t.Errorf("without a comparison: got %+v, want no changes", r.Changes)
	}
}

// TestBaselineFile checks that a report saved as JSON compares like the
// previous window it was made of.
func TestBaselineFile(t *testing.T) {
	saved := New(analyzeDaily(t, "two_days.log", jan13, jan14, false), Options{Top: 5})
	back, err := ReadJSON(strings.NewReader(render(t, saved, "json")))
	if err != nil {
		t.Fatal(err)
	}
	if render(t, back, "json") != render(t, saved, "json") {
		t.Error("the report read back does not render as written")
	}
	now := analyzeDaily(t, "two_days.log", jan14, jan15, false)
	fromFile := New(now, Options{Top: 5, Baseline: back, BaselineName: "logs/monday.json"}).Changes
	fromPrevious := New(analyzeDaily(t, "two_days.log", jan14, jan15, true), Options{Top: 5}).Changes
	if fromFile.Baseline.Source != "logs/monday.json" {
		t.Errorf("source: got %q, want logs/monday.json", fromFile.Baseline.Source)
	}
	fromFile.Baseline.Source = fromPrevious.Baseline.Source
	a, _ := json.Marshal(fromFile)
	b, _ := json.Marshal(fromPrevious)
	if !bytes.Equal(a, b) {
		t.Errorf("baseline file: got\n%s\nwant, as with the previous window,\n%s", a, b)
	}
}

func TestBaselinePartial(t *testing.T) {
	saved := New(analyzeDaily(t, "two_days.log", jan13, jan15, false), Options{Top: 1})
	if s := saved.Snapshot(); !s.PartialPatterns || len(s.Patterns) != 1 || !s.Since.Equal(jan13) || !s.Until.Equal(jan15) {
		t.Errorf("got %+v, want one pattern of several, partial, over the window", s)
	}
	if s := New(analyzeDaily(t, "two_days.log", jan13, jan15, false), Options{}).Snapshot(); s.PartialPatterns {
		t.Errorf("all patterns listed: got partial")
	}
}

func TestReadJSONRejects(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"not JSON", "errpat report\n", "not an errpat JSON report: invalid character"},
		{"another JSON", `{"requests": 3}`, "no schema_version"},
		{"a newer errpat", `{"schema_version": 99}`, "written by a newer errpat (schema_version 99"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// TestDetectedInEveryFormat checks that a detected pattern shows in text,
// Markdown and JSON alike, and that a quiet input says so.
func TestDetectedInEveryFormat(t *testing.T) {
	r := New(analyzeDaily(t, "timeouts.log", time.Time{}, time.Time{}, false), Options{})
	if len(r.Detected) != 1 || r.Detected[0].Name != "timeout_bursts" || len(r.Detected[0].Bursts) != 1 {
		t.Fatalf("got %+v, want one timeout burst", r.Detected)
	}
	b := r.Detected[0].Bursts[0]
	if *b.Start != "2025-01-13T06:38:00Z" || *b.End != "2025-01-13T06:52:00Z" || b.NoResponse != 26 || b.Timeouts != 26 {
		t.Errorf("burst: got %+v, want 26 timeouts 06:38 to 06:52", b)
	}
	for _, format := range []string{"text", "markdown"} {
		out := renderDetail(t, r, format, "high")
		if !strings.Contains(out, "Timeout bursts: Requests got no response") || !strings.Contains(out, "2025-01-13 06:38:00") {
			t.Errorf("%s lacks the burst:\n%s", format, out)
		}
	}
	if !strings.Contains(render(t, r, "json"), `"name": "timeout_bursts"`) {
		t.Error("JSON lacks the burst")
	}
	quiet := New(analyzeDaily(t, "timeouts.log", jan13.Add(7*time.Hour), jan13.Add(8*time.Hour), false), Options{})
	if len(quiet.Detected) != 0 || !strings.Contains(render(t, quiet, "text"), "None of the known patterns") {
		t.Errorf("got %+v, want nothing detected in a healthy hour", quiet.Detected)
	}
}

func TestHourOfDayInEveryFormat(t *testing.T) {
	r := New(analyzeDaily(t, "two_days.log", time.Time{}, time.Time{}, false), Options{})
	if len(r.ByHourOfDay) != 24 || r.ByHourOfDay[10].Requests != 8 || *r.ByHourOfDay[10].SuccessRate != 62.5 || r.ByHourOfDay[3].SuccessRate != nil {
		t.Fatalf("got %+v, want 24 hours, 10:00 with 8 requests at 62.5%%", r.ByHourOfDay)
	}
	for _, format := range []string{"text", "markdown"} {
		if out := render(t, r, format); !strings.Contains(out, "By hour of day (UTC)") || !strings.Contains(out, "62.5%") {
			t.Errorf("%s lacks the hour-of-day profile", format)
		}
	}
}

// TestJSONDocListsEveryFinding keeps the JSON contract's list of
// detected patterns (docs/json.md), and their evidence keys, the same as
// the report's.
func TestJSONDocListsEveryFinding(t *testing.T) {
	readme, err := os.ReadFile("../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := "`name` one of " + FindingsDoc() + "."; !strings.Contains(string(readme), want) {
		t.Errorf("docs/json.md's description of \"detected\" differs from the report's list of findings; want it to say:\n%s", want)
	}
}

// TestNoneKnownNamesEveryFinding: the sentence of a quiet report names
// what each detector looks for, in the list's order.
func TestNoneKnownNamesEveryFinding(t *testing.T) {
	got := noneKnown()
	want := "None of the known patterns: intermittent server errors, peak-hour degradation, timeout bursts, " +
		"rate limiting, auth outages, flaky tests, crashed runs."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, f := range findingList() {
		if findingNamed(f.name).title != f.title || f.build == nil {
			t.Errorf("finding %s: got title %q, want %q and a builder", f.name, findingNamed(f.name).title, f.title)
		}
	}
}
