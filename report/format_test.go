package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestFormatOfFile(t *testing.T) {
	for name, want := range map[string]string{
		"out/report.html": "html", "R.HTM": "html", "a.md": "markdown", "a.markdown": "markdown",
		"a.json": "json", "a.csv": "csv", "a.txt": "text", "a.log": "", "html": "", "": "",
	} {
		if got := FormatOfFile(name); got != want {
			t.Errorf("FormatOfFile(%q): got %q, want %q", name, got, want)
		}
	}
}

// TestFormatTable checks that every output format writes both the report
// and the templates, and that its extensions ask for it.
func TestFormatTable(t *testing.T) {
	r := sample(t)
	p := &Patterns{Templates: []LineTemplate{{Count: 2, Pattern: "timeout after <*>", Example: "timeout after 5s", Source: "a.log"}}}
	for _, f := range outputFormats {
		var rep, pat bytes.Buffer
		if err := Render(&rep, r, f.Name, RenderOptions{}); err != nil || rep.Len() == 0 {
			t.Errorf("Render %s: got %d bytes, error %v; want a report", f.Name, rep.Len(), err)
		}
		if err := RenderPatterns(&pat, p, f.Name); err != nil || !strings.Contains(pat.String(), "timeout after") {
			t.Errorf("RenderPatterns %s: got %q, error %v; want the template", f.Name, pat.String(), err)
		}
		for _, ext := range f.Extensions {
			if got := FormatOfFile("report" + strings.ToUpper(ext)); got != f.Name {
				t.Errorf("FormatOfFile(report%s): got %q, want %q", ext, got, f.Name)
			}
		}
	}
	if got, want := strings.Join(FormatNames(), ","), "text,markdown,json,html,csv"; got != want {
		t.Errorf("FormatNames: got %s, want %s", got, want)
	}
}
