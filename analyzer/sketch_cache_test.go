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
