package analyzer

import "strings"

// MatchPattern returns the index in ps of the first pattern whose
// template or example message contains text, in any case, or -1: with
// ps in the result's order, the commonest such pattern.
func MatchPattern(ps []PatternCount, text string) int {
	m := strings.ToLower(text)
	for i, p := range ps {
		if strings.Contains(strings.ToLower(p.Pattern), m) || strings.Contains(strings.ToLower(p.Example.Message), m) {
			return i
		}
	}
	return -1
}
