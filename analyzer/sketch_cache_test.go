package analyzer

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The cache must give sketchIndex's bucket for every value, those that
// share a slot and those that are not recorded included.
func TestBucketCacheAgrees(t *testing.T) {
	var c bucketCache
	vals := []float64{0, -0.5, 1e-6, 1e-7, math.NaN(), math.Float64frombits(math.MaxUint64), math.Inf(1), math.Inf(-1), 0.274, 2}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		vals = append(vals, float64(rng.IntN(5000))/1000, rng.ExpFloat64())
	}
	for round := range 2 { // the second round finds most in the cache
		for _, v := range vals {
			if got, want := c.index(v), sketchIndex(v); got != want {
				t.Fatalf("round %d: index(%v): got %d, want %d", round, v, got, want)
			}
		}
	}
}

// A bucket past 16 bits widens the counts, by Add and by Merge, and
// loses none.
func TestSketchWideCounts(t *testing.T) {
	var one, a, b Sketch
	for i := range 150000 {
		v := 0.5
		if i%1000 == 0 {
			v = 2 + float64(i)/1e6
		}
		one.Add(v)
		if i%2 == 0 {
			a.Add(v)
		} else {
			b.Add(v)
		}
	}
	a.Merge(&b)
	for _, s := range []*Sketch{&one, &a} {
		if s.wide == nil || s.counts != nil {
			t.Fatalf("got narrow counts, want wide ones")
		}
		if s.Count() != 150000 {
			t.Errorf("got %d values, want 150000", s.Count())
		}
		for _, q := range []float64{0.5, 0.998, 0.9995, 1} {
			if got, want := s.Quantile(q), one.Quantile(q); got != want {
				t.Errorf("quantile %v: got %v, want %v", q, got, want)
			}
		}
	}
	if got := one.Quantile(0.5); math.Abs(got-0.5) > 0.005 {
		t.Errorf("median: got %v, want 0.5 within 1%%", got)
	}
	if got := one.Quantile(0.9995); got < 2 || got > 2.2 {
		t.Errorf("quantile 0.9995: got %v, want about 2.1", got)
	}
}
