package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
)

// statedResult is a result with the latency two files state, one of
// them with a hostile name.
func statedResult() *analyzer.Result {
	res := &analyzer.Result{Stated: []parsers.Stated{
		{Source: "run_stats.csv", Format: "locust-stats", Endpoint: "GET /v2/trunks", Requests: 120,
			Values: []parsers.StatedValue{{Name: "median", Ms: 33}, {Name: "p95", Ms: 95}, {Name: "p99.9", Ms: 1200}}},
		{Source: "run_stats.csv", Format: "locust-stats", Requests: 230,
			Values: []parsers.StatedValue{{Name: "median", Ms: 35}, {Name: "p95", Ms: 140}, {Name: "p100", Ms: 1200}}},
		{Source: "x<script>|\x1b[31m.json", Format: "artillery", Requests: -1,
			Values: []parsers.StatedValue{{Name: "p99", Ms: 702.3}}},
	}}
	return res
}

// TestStatedLatencyJSON checks the documented JSON: per file and
// endpoint, "ms" keyed by statistic, requests null where unknown.
func TestStatedLatencyJSON(t *testing.T) {
	var report struct {
		Stated json.RawMessage `json:"stated_latency"`
	}
	if err := json.Unmarshal([]byte(render(t, New(statedResult(), Options{}), "json")), &report); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, report.Stated); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	want := `[{"source":"run_stats.csv","format":"locust-stats","endpoint":"GET /v2/trunks","requests":120,"ms":{"median":33,"p95":95,"p99.9":1200}},` +
		`{"source":"run_stats.csv","format":"locust-stats","endpoint":"","requests":230,"ms":{"median":35,"p100":1200,"p95":140}},` +
		`{"source":"x<script>|\u001b[31m.json","format":"artillery","endpoint":"","requests":null,"ms":{"p99":702.3}}]`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
}

// TestStatedLatencySections checks the tables of text, Markdown and
// HTML: one per file, the statistics in the file's order (in one cell
// in text), the input's text escaped for each.
func TestStatedLatencySections(t *testing.T) {
	r := &Report{StatedLatency: statedLatency(statedResult())}
	var text, md bytes.Buffer
	statedSection(&text, r, textDoc{})
	statedSection(&md, r, markdownDoc{})
	for _, want := range []string{"Latency as stated by locust-stats\nrun_stats.csv: In milliseconds", "│ ENDPOINT       │ REQUESTS │ STATED, MS",
		"│ GET /v2/trunks │ 120      │ median 33 · p95 95 · p99.9 1200 │", "│ (whole run)    │ 230      │ median 35 · p95 140 · p100 1200 │",
		"│ (whole run) │ -        │ p99 702.3  │"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text: got\n%s\nwant it to hold %q", text.String(), want)
		}
	}
	if strings.Contains(text.String(), "\x1b") {
		t.Errorf("text: got an escape sequence in\n%q", text.String())
	}
	if !strings.Contains(md.String(), "## Latency as stated by locust-stats") || strings.Contains(md.String(), "<script>") ||
		strings.Contains(md.String(), "x<script>|") {
		t.Errorf("markdown: got\n%s\nwant escaped headings and cells", md.String())
	}
	page := render(t, New(statedResult(), Options{}), "html")
	if !strings.Contains(page, "Latency as stated by locust-stats") || !strings.Contains(page, "run_stats.csv: In milliseconds") || strings.Contains(page, "x<script>") {
		t.Errorf("html: want the stated tables, escaped")
	}
	if strings.Contains(page, "Stated Latency") {
		t.Errorf("html: got the generic section of stated_latency too")
	}
}
