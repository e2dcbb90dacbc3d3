package analyzer

import "testing"

func TestMatchPattern(t *testing.T) {
	ps := []PatternCount{
		{Pattern: "Timeout after <n> ms", Example: Example{Message: "Timeout after 30000 ms"}},
		{Pattern: "Invalid <*> field", Example: Example{Message: "Invalid Email field"}},
		{Pattern: "timeout on <ip>", Example: Example{Message: "timeout on 10.0.0.1"}},
	}
	for _, tt := range []struct {
		text string
		want int
	}{
		{"TIMEOUT", 0},    // the first of two, in any case
		{"email", 1},      // the example, not the template
		{"10.0.0.1", 2},   // the example only
		{"<*> field", 1},  // the template
		{"not there", -1}, // none
	} {
		if got := MatchPattern(ps, tt.text); got != tt.want {
			t.Errorf("MatchPattern(%q): got %d, want %d", tt.text, got, tt.want)
		}
	}
}
