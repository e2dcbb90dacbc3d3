package analyzer

import (
	"math"
	"slices"
)

// Sketch estimates latency quantiles in bounded memory: values fall in
// logarithmic buckets whose bounds are within sketchAccuracy of each
// other, so any quantile it returns is within 1% (relative) of a value
// of the data at that rank. Sketches merge exactly, in any order.
type Sketch struct {
	// counts[i] holds the values of bucket offset+i, that is those in
	// (minSketchValue·γ^(offset+i-1), minSketchValue·γ^(offset+i)]; only the
	// range of buckets in use is stored, so small sketches stay small.
	// Counts are 16 bits wide until one does not fit; then wide holds them
	// all and counts is nil. A month of logs keeps a sketch per hour and
	// endpoint, some 400 buckets each: mostly small counts.
	counts []uint16
	wide   []uint64
	offset int
	zeros  uint64 // values at or below minSketchValue
	n      uint64
	max    float64
	sum    float64
}

const (
	sketchAccuracy = 0.01
	minSketchValue = 1e-6 // seconds: one microsecond
	maxSketchIndex = 3000 // gamma^3000 ≈ 8.7e25 × 1µs: far beyond any latency
)

var (
	sketchGamma    = (1 + sketchAccuracy) / (1 - sketchAccuracy)
	sketchLogGamma = math.Log(sketchGamma)
)

// Add records one value in seconds.
func (s *Sketch) Add(v float64) { s.addAt(v, sketchIndex(v)) }

// sketchIndex is the bucket of v: -1 for the zeros, and for values that
// are not recorded (NaN, negative). Several sketches of one value share
// it, so the logarithm is taken once.
func sketchIndex(v float64) int {
	if math.IsNaN(v) || v <= minSketchValue {
		return -1
	}
	i := int(math.Ceil(math.Log(v/minSketchValue) / sketchLogGamma))
	return min(max(i, 0), maxSketchIndex)
}

// addAt records v, whose bucket sketchIndex gave.
func (s *Sketch) addAt(v float64, i int) {
	if math.IsNaN(v) || v < 0 {
		return
	}
	s.n++
	s.sum += v
	if v > s.max {
		s.max = v
	}
	if i < 0 {
		s.zeros++
		return
	}
	s.bucket(i, 1)
}

// bucket adds n to bucket i, widening the stored range to hold it, and
// the counts to 64 bits when it does not fit in 16.
func (s *Sketch) bucket(i int, n uint64) {
	if s.wide != nil {
		s.wide, s.offset = holdBucket(s.wide, s.offset, i)
		s.wide[i-s.offset] += n
		return
	}
	s.counts, s.offset = holdBucket(s.counts, s.offset, i)
	if c := uint64(s.counts[i-s.offset]) + n; c <= math.MaxUint16 {
		s.counts[i-s.offset] = uint16(c)
		return
	}
	s.wide = make([]uint64, len(s.counts))
	for j, c := range s.counts {
		s.wide[j] = uint64(c)
	}
	s.counts = nil
	s.wide[i-s.offset] += n
}

// holdBucket widens counts, which hold the buckets from offset on, to
// hold bucket i; it returns them and their new offset.
func holdBucket[T uint16 | uint64](counts []T, offset, i int) ([]T, int) {
	switch {
	case len(counts) == 0:
		return append(counts, 0), i
	case i < offset:
		grown := make([]T, len(counts)+offset-i, cap(counts)+offset-i)
		copy(grown[offset-i:], counts)
		return grown, i
	case i >= offset+len(counts):
		return slices.Grow(counts, i+1-offset-len(counts))[:i+1-offset], offset
	}
	return counts, offset
}

// buckets returns how many buckets are stored, and the count of the j-th.
func (s *Sketch) buckets() int { return len(s.counts) + len(s.wide) }

func (s *Sketch) at(j int) uint64 {
	if s.wide != nil {
		return s.wide[j]
	}
	return uint64(s.counts[j])
}

// Merge adds other's values to s.
func (s *Sketch) Merge(other *Sketch) {
	for j := range other.buckets() {
		if c := other.at(j); c > 0 {
			s.bucket(other.offset+j, c)
		}
	}
	s.zeros += other.zeros
	s.n += other.n
	s.sum += other.sum
	s.max = max(s.max, other.max)
}

// Count is the number of values added.
func (s *Sketch) Count() uint64 { return s.n }

// Max is the largest value added, exactly.
func (s *Sketch) Max() float64 { return s.max }

// Quantile returns the q-quantile (0 ≤ q ≤ 1), within 1% of a value of the
// data at that rank (nearest-rank definition); 0 for an empty sketch.
func (s *Sketch) Quantile(q float64) float64 {
	if s.n == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(s.n)))
	rank = max(rank, 1)
	seen := s.zeros
	if seen >= rank {
		return 0
	}
	for i := range s.buckets() {
		seen += s.at(i)
		if seen >= rank {
			// the bucket's midpoint in relative terms: within accuracy of
			// every value in the bucket
			v := minSketchValue * math.Pow(sketchGamma, float64(s.offset+i)) * 2 / (1 + sketchGamma)
			return min(v, s.max)
		}
	}
	return s.max
}

// bucketCache remembers the buckets of recent values: response times are
// written to the millisecond or so, a few thousand values at most, so
// most requests find their bucket here rather than by a logarithm. It is
// direct-mapped: a value evicts the one in its slot.
type bucketCache struct {
	slots [1024]struct {
		bits uint64 // the value's bits
		tag  int32  // its bucket + 2; 0: the slot is empty
	}
}

// index returns sketchIndex(v).
func (c *bucketCache) index(v float64) int {
	bits := math.Float64bits(v)
	slot := &c.slots[(bits*0x9e3779b97f4a7c15)>>54]
	if slot.bits == bits && slot.tag != 0 {
		return int(slot.tag) - 2
	}
	i := sketchIndex(v)
	slot.bits, slot.tag = bits, int32(i+2)
	return i
}
