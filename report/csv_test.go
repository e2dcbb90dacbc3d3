package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

func readCSV(t *testing.T, r *Report, section string) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderCSV(&buf, r, section); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("%s: not CSV: %v", section, err)
	}
	return rows
}

func TestRenderCSV(t *testing.T) {
	r := sample(t)
	ep := r.ByEndpoint[0]
	msg := r.TopMessages[0]
	tests := []struct {
		section string
		header  []string
		rows    int
		first   []string // the first data row, "" cells not compared
	}{
		{"status", []string{"status", "class", "count", "share"}, len(r.ByStatus),
			[]string{itoa(r.ByStatus[0].Status), r.ByStatus[0].Class, itoa(r.ByStatus[0].Count), ""}},
		{"hour", []string{"hour", "requests", "failed", "error_rate"}, len(r.ByHour),
			[]string{r.ByHour[0].Hour, itoa(r.ByHour[0].Requests), itoa(r.ByHour[0].Failed), ""}},
		{"endpoint", []string{"method", "endpoint", "requests", "failed", "error_rate", "p50_seconds", "p95_seconds"},
			len(r.ByEndpoint), []string{ep.Method, ep.Endpoint, itoa(ep.Requests), itoa(ep.Failed), ftoa(ep.ErrorRate), "", ""}},
		{"messages", []string{"count", "class", "statuses", "pattern", "endpoints", "first_seen", "last_seen", "example", "source"},
			len(r.TopMessages), []string{itoa(msg.Count), msg.Class, "", msg.Pattern, "", *msg.FirstSeen, *msg.LastSeen, msg.Example, msg.Source}},
		{"slow", []string{"time", "method", "endpoint", "seconds", "source"}, len(r.Slow.Slowest),
			[]string{*r.Slow.Slowest[0].Time, r.Slow.Slowest[0].Method, r.Slow.Slowest[0].Endpoint, "", r.Slow.Slowest[0].Source}},
		{"categories", []string{"class", "count", "hint"}, len(r.Categories),
			[]string{r.Categories[0].Class, itoa(r.Categories[0].Count), r.Categories[0].Hint}},
		{"runs", []string{"run", "file", "start", "end", "requests", "last_request", "last_line"}, len(r.IncompleteRun),
			[]string{r.IncompleteRun[0].Run, r.IncompleteRun[0].File, "", "", itoa(r.IncompleteRun[0].Requests), r.IncompleteRun[0].LastRequest, ""}},
	}
	if len(tests) != len(CSVSections) {
		t.Fatalf("testing %d sections, want all %d", len(tests), len(CSVSections))
	}
	for _, tt := range tests {
		t.Run(tt.section, func(t *testing.T) {
			rows := readCSV(t, r, tt.section)
			if !slices.Equal(rows[0], tt.header) {
				t.Errorf("header: got %q, want %q", rows[0], tt.header)
			}
			if len(rows)-1 != tt.rows || tt.rows == 0 {
				t.Fatalf("got %d data rows, want %d (and the sample must have some)", len(rows)-1, tt.rows)
			}
			for i, want := range tt.first {
				if want != "" && rows[1][i] != want {
					t.Errorf("column %s: got %q, want %q", tt.header[i], rows[1][i], want)
				}
			}
		})
	}
}

func TestCSVDefaultsToEndpoint(t *testing.T) {
	r := sample(t)
	var viaRender, direct bytes.Buffer
	if err := Render(&viaRender, r, "csv", RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := RenderCSV(&direct, r, ""); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(viaRender.Bytes(), direct.Bytes()) || !strings.HasPrefix(direct.String(), "method,endpoint,") {
		t.Errorf("got %.60q and %.60q, want the endpoint table from both", viaRender.String(), direct.String())
	}
}

func TestCSVQuotesAndUnknowns(t *testing.T) {
	r := &Report{TopMessages: []Message{{Count: 2, Class: "validation", Statuses: []int{400, 422},
		Pattern: "Invalid \"name\", too long", Example: "line one\nline two", Source: "a.log:3"}},
		ByEndpoint: []Endpoint{{Method: "GET", Endpoint: "/trunks", Requests: 1}}}
	rows := readCSV(t, r, "messages")
	got := rows[1]
	if got[2] != "400 422" || got[3] != `Invalid "name", too long` || got[7] != "line one\nline two" || got[5] != "" {
		t.Errorf("got %q: want statuses space-separated, quotes and newlines kept, unknown times empty", got)
	}
	if ep := readCSV(t, r, "endpoint")[1]; ep[5] != "" || ep[6] != "" {
		t.Errorf("untimed endpoint: got p50 %q p95 %q, want empty cells", ep[5], ep[6])
	}
}

func TestCSVUnknownSection(t *testing.T) {
	err := RenderCSV(&bytes.Buffer{}, sample(t), "bogus")
	if err == nil || !strings.Contains(err.Error(), `"bogus"`) || !strings.Contains(err.Error(), "categories") {
		t.Errorf("got %v, want an error naming the section and the valid ones", err)
	}
}
