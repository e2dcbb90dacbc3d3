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
		j := i / len(patternBenchMessages)
		counts[Pattern(fmt.Sprintf("%s %s %s %s", m, words[j%8], words[j/8%8], words[j/64%8]))] += 1 + i%7
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		LearnTemplates(counts)
	}
}
