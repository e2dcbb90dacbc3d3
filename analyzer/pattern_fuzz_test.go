package analyzer

import (
	"testing"
)

// FuzzPattern checks that the key never panics, is the same for the same
// message, and that its template is found and stable.
func FuzzPattern(f *testing.F) {
	for _, m := range patternBenchMessages {
		f.Add(m)
	}
	f.Add("")
	f.Add("<n> <id> <*> -- :: == ''")
	f.Fuzz(func(t *testing.T, msg string) {
		k := Pattern(msg)
		if k2 := Pattern(msg); k2 != k {
			t.Fatalf("Pattern(%q): got %q then %q", msg, k, k2)
		}
		g := LearnTemplates(map[string]int{k: 1})
		if g.Of(k) == nil {
			t.Fatalf("key %q has no template", k)
		}
		if g2 := LearnTemplates(map[string]int{k: 1}); g2.Of(k).ID != g.Of(k).ID {
			t.Fatalf("key %q: template ids differ", k)
		}
	})
}
