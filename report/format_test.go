package report

import "testing"

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
