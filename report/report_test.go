package report

import (
	"bytes"
	"encoding/json"
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report/golden"
)

// sample is the report of the real client runs and the integration test.
func sample(t *testing.T) *Report {
	t.Helper()
	inputs, probs := parsers.Discover([]string{"../testdata/real-client", "../testdata/integration"})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	res := analyzer.Analyze(inputs, nil, analyzer.Options{
		Config: analyzer.Config{Location: time.UTC, Slow: 50 * time.Millisecond, Top: 5, MaxProblems: 20,
			Mask: analyzer.NewMasker().Mask},
		Parse: parsers.Options{Location: time.UTC},
	})
	threshold := 25.0
	return New(res, Options{Top: 5, Threshold: &threshold})
}

// goldenFile compares got with testdata/golden/name.
func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("..", "testdata", "golden", name), got)
}

func TestRenderGolden(t *testing.T) {
	r := sample(t)
	for _, tt := range []struct{ format, file string }{
		{"text", "report.txt"}, {"markdown", "report.md"}, {"json", "report.json"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, r, tt.format, RenderOptions{}); err != nil {
				t.Fatal(err)
			}
			goldenFile(t, tt.file, buf.Bytes())
		})
	}
	for _, tt := range []struct {
		file   string
		layout Layout
	}{
		{"report_80.txt", Layout{Width: 80}}, {"report_120.txt", Layout{Width: 120}},
		{"report_80_low.txt", Layout{Width: 80, Detail: "low", Terminal: true}},
		{"report_120_high.txt", Layout{Width: 120, Detail: "high"}},
		{"report_high.md", Layout{Detail: "high"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, r, map[string]string{".txt": "text", ".md": "markdown"}[filepath.Ext(tt.file)], RenderOptions{Layout: tt.layout}); err != nil {
				t.Fatal(err)
			}
			goldenFile(t, tt.file, buf.Bytes())
		})
	}
}

// TestSectionsInEveryFormat keeps the formats from drifting apart: each
// section's data shows in text and Markdown as it does in JSON.
func TestSectionsInEveryFormat(t *testing.T) {
	r := sample(t)
	var js bytes.Buffer
	if err := RenderJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatalf("JSON does not read back: %v", err)
	}
	if back.Summary != r.Summary && back.Summary.Requests != r.Summary.Requests {
		t.Errorf("summary: got %+v, want %+v", back.Summary, r.Summary)
	}
	want := []string{
		"Inputs", "By HTTP status", "Failures by class", "By hour", "By endpoint", "Top error messages",
		"Response times", "Incomplete runs", r.TopMessages[0].Pattern, r.ByEndpoint[0].Endpoint,
		r.IncompleteRun[0].File, r.Categories[0].Hint, "ALERT",
	}
	for _, format := range []string{"text", "markdown"} {
		var buf bytes.Buffer
		if err := Render(&buf, r, format, RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		out := html.UnescapeString(regexp.MustCompile(`\\([[:punct:]])`).ReplaceAllString(buf.String(), "$1"))
		// Text tables wrap long cells: compare without borders and breaks.
		flat := strings.Join(strings.Fields(strings.ReplaceAll(out, "│", " ")), " ")
		for _, w := range want {
			if format == "text" {
				w = strings.ReplaceAll(w, r.commonFolder(), "") // file names relative to the inputs' folder
			}
			if !strings.Contains(out, w) && !strings.Contains(flat, w) {
				t.Errorf("%s output lacks %q", format, w)
			}
		}
	}
}

func TestRenderUnknownFormat(t *testing.T) {
	err := Render(&bytes.Buffer{}, sample(t), "xml", RenderOptions{})
	if err == nil || !strings.Contains(err.Error(), `"xml"`) || !strings.Contains(err.Error(), "json") {
		t.Errorf("got %v, want an error naming the format and the valid ones", err)
	}
}

func TestColourOnlyWhenAsked(t *testing.T) {
	r := sample(t)
	var plain, colour bytes.Buffer
	Render(&plain, r, "text", RenderOptions{})
	Render(&colour, r, "text", RenderOptions{Layout: Layout{Color: true}})
	if bytes.Contains(plain.Bytes(), []byte("\x1b[")) {
		t.Error("plain text holds ANSI escapes")
	}
	if !bytes.Contains(colour.Bytes(), []byte("\x1b[")) {
		t.Error("colour text holds no ANSI escapes")
	}
	// failed and ok told apart by glyph as well as colour
	if !bytes.Contains(colour.Bytes(), []byte("█")) || !bytes.Contains(colour.Bytes(), []byte("░")) {
		t.Error("colour bars: want █ for failed and ░ for ok")
	}
}
