package analyzer

import (
	"fmt"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// BenchmarkAggregateAdd measures the aggregator alone on records shaped
// like the client's: 11 endpoints, one failure in ten, runs of 11.
func BenchmarkAggregateAdd(b *testing.B) {
	recs := make([]parsers.Record, 11000)
	t0 := time.Date(2025, 1, 13, 4, 0, 0, 0, time.UTC)
	for i := range recs {
		r := &recs[i]
		*r = parsers.Record{Time: t0.Add(time.Duration(i) * 300 * time.Millisecond), Source: "a.log", Line: i * 2,
			Run: fmt.Sprintf("a.log@%d", i/11), Test: fmt.Sprintf("Test %d", i%11), Method: "POST",
			Endpoint: fmt.Sprintf("/trunks/TR%08X/ep%d", i/11, i%11), Status: 201, Seconds: float64(i%97) / 50, HasSeconds: true}
		if i%10 == 3 {
			r.Status, r.Failed, r.Message = 404, true, fmt.Sprintf("Trunk with SID 'TR%08X' not found", i/11)
		}
	}
	cfg := &Config{Location: time.UTC, Slow: 2 * time.Second, Top: 10, MaxProblems: 20, Mask: NewMasker().Mask}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		a := New(cfg)
		for i := range recs {
			a.Add(&recs[i])
			if i%11 == 10 {
				a.AddRun(parsers.Run{Source: "a.log", ID: recs[i].Run, Complete: true, End: recs[i].Time})
			}
		}
		a.Result()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(recs)), "ns/record")
}
