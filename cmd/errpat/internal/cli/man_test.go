package cli

import "testing"

func TestRoffEscapes(t *testing.T) {
	for in, want := range map[string]string{
		`.start`:   `\&.start`,
		`'quote`:   `\&'quote`,
		`a\b`:      `a\eb`,
		`--tz`:     `\-\-tz`,
		"a…":       "a...",
		"Zürich":   `Z\[u00FC]rich`,
		"…leading": `\&...leading`,
	} {
		if got := roff(in); got != want {
			t.Errorf("roff(%q): got %q, want %q", in, got, want)
		}
	}
}
