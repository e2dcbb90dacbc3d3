package analyzer

import (
	"fmt"
	"testing"
)

// BenchmarkPatternPass measures the report-time pass over 2,000 distinct
// keys, the most an aggregate keeps (maxGroups).
func BenchmarkPatternPass(b *testing.B) {
	counts := map[string]int{}
	words := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}
	for i := 0; len(counts) < 2000; i++ {
		m := patternBenchMessages[i%len(patternBenchMessages)]
		counts[Pattern(fmt.Sprintf("%s %s %s-%d", m, words[i%len(words)], words[(i/8)%len(words)], i/64))] += 1 + i%7
		counts[Pattern(fmt.Sprintf("%s on node %s%s", words[i%len(words)], words[(i/8)%len(words)], words[(i/64)%len(words)]))] += 1
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		LearnTemplates(counts)
	}
}
