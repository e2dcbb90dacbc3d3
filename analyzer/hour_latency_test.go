package analyzer

import (
	"math"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// TestHourLatency: each hour keeps its own percentiles, the same whether
// its records were added to one aggregate or to two merged, and an hour
// without response times has none.
func TestHourLatency(t *testing.T) {
	nine := time.Date(2025, 1, 13, 9, 0, 0, 0, time.UTC)
	var recs []parsers.Record
	// 09:00: 1 s to 100 s, one each: p50 50 s, p95 95 s, p99 99 s.
	for i := 1; i <= 100; i++ {
		recs = append(recs, parsers.Record{Time: nine.Add(time.Duration(i) * time.Second), Seconds: float64(i), HasSeconds: true, Status: 200})
	}
	// 10:00: two requests, 0.2 s and 0.4 s: p50 0.2 s, p95 and p99 0.4 s.
	recs = append(recs, parsers.Record{Time: nine.Add(time.Hour), Seconds: 0.2, HasSeconds: true, Status: 200},
		parsers.Record{Time: nine.Add(time.Hour + time.Minute), Seconds: 0.4, HasSeconds: true, Status: 500, Failed: true})
	// 11:00: no response time.
	recs = append(recs, parsers.Record{Time: nine.Add(2 * time.Hour), Status: 200})
	cfg := &Config{Location: time.UTC}
	one, a, b := New(cfg), New(cfg), New(cfg)
	for i := range recs {
		one.Add(&recs[i])
		if i%2 == 0 {
			a.Add(&recs[i])
		} else {
			b.Add(&recs[i])
		}
	}
	a.Merge(b)
	want := [][4]float64{{100, 50, 95, 99}, {2, 0.2, 0.4, 0.4}, {0, 0, 0, 0}}
	for name, agg := range map[string]*Aggregate{"one aggregate": one, "two merged": a} {
		hours := agg.Result().ByHour
		if len(hours) != 3 {
			t.Fatalf("%s: got %d hours, want 3", name, len(hours))
		}
		for i, h := range hours {
			w := want[i]
			if h.Timed != int(w[0]) || !within1(h.P50, w[1]) || !within1(h.P95, w[2]) || !within1(h.P99, w[3]) {
				t.Errorf("%s, %s: got %d timed, p50 %g, p95 %g, p99 %g; want %v (within 1%%)", name, h.Hour.Format("15:04"),
					h.Timed, h.P50, h.P95, h.P99, w)
			}
		}
	}
}

func within1(got, want float64) bool { return math.Abs(got-want) <= 0.01*want }
