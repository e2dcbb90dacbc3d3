package analyzer

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/errpat/errpat/parsers"
)

// RateLimiting describes the 429 responses: the Retry-After the server
// asked for, and how long the clients waited before their next request.
type RateLimiting struct {
	Count        int
	First, Last  time.Time
	RetryAfter   []RetryAfterCount // by value, ascending
	NoRetryAfter int               // 429s that did not say
	Waits        Waits
}

// RetryAfterCount counts the 429s that asked for one Retry-After.
type RetryAfterCount struct {
	Seconds float64
	Count   int
}

// Waits sums up the time from a 429 to the start of the next request of
// the same run. Only sequential clients count: the load tester's next
// request says nothing about waiting.
type Waits struct {
	Count            int
	Min, Median, Max float64 // seconds
	// Early counts the waits shorter than the Retry-After asked for.
	Early int
}

// rateLimits is the rate-limit detector: it accumulates the 429s.
type rateLimits struct {
	span       span
	retryAfter map[float64]int
	none       int
	waits      Sketch
	minWait    float64
	early      int
}

type pending429 struct {
	at         time.Time
	retryAfter float64
}

// maxRetryValues bounds the distinct Retry-After values kept.
const maxRetryValues = 20

func (l *rateLimits) add(o *observation) { l.count(o.run, o.Record, o.concurrent) }

// addMinute has nothing to count: a record after a 429 comes on its own.
func (l *rateLimits) addMinute(*minuteBatch) {}

// count counts a 429, and measures the wait when r follows one in its run
// (unless the run's requests are concurrent).
func (l *rateLimits) count(rs *runSignal, r *parsers.Record, concurrent bool) {
	if p := rs.pending; p != nil {
		rs.pending = nil
		l.addWait(*p, r)
	}
	if !r.Failed || r.Status != 429 {
		return
	}
	l.span.add(r.Time)
	switch _, seen := l.retryAfter[r.RetryAfter]; {
	case r.RetryAfter <= 0:
		l.none++
	case seen || len(l.retryAfter) < maxRetryValues:
		l.retryAfter[r.RetryAfter]++
	}
	if r.Run != "" && !concurrent && !r.Time.IsZero() {
		rs.pending = &pending429{r.Time, r.RetryAfter}
	}
}

// joinRetryAfter gives a 429 counted without Retry-After the value its
// twin gave (see logPairs.joinsRetryAfter).
func (l *rateLimits) joinRetryAfter(v float64) {
	if _, seen := l.retryAfter[v]; seen || len(l.retryAfter) < maxRetryValues {
		l.none--
		l.retryAfter[v]++
	}
}

// addWait measures from the 429's time to the start of the next request
// (its time less its response time, where known).
func (l *rateLimits) addWait(p pending429, next *parsers.Record) {
	start := next.Time
	if start.IsZero() {
		return
	}
	if next.HasSeconds {
		start = start.Add(-time.Duration(next.Seconds * float64(time.Second)))
	}
	wait := max(start.Sub(p.at).Seconds(), 0)
	if l.waits.Count() == 0 || wait < l.minWait {
		l.minWait = wait
	}
	l.waits.Add(wait)
	if p.retryAfter > 0 && wait < p.retryAfter {
		l.early++
	}
}

func (l *rateLimits) merge(od failureDetector, _ func(int64) bool) {
	o := od.(*rateLimits)
	l.span.merge(&o.span)
	for v, n := range o.retryAfter {
		if _, seen := l.retryAfter[v]; seen || len(l.retryAfter) < maxRetryValues {
			l.retryAfter[v] += n
		}
	}
	l.none += o.none
	if o.waits.Count() > 0 && (l.waits.Count() == 0 || o.minWait < l.minWait) {
		l.minWait = o.minWait
	}
	l.waits.Merge(&o.waits)
	l.early += o.early
}

func (l *rateLimits) find(_ *evidence, f *Findings) { f.RateLimit = l.result() }

func (l *rateLimits) result() *RateLimiting {
	if l.span.count == 0 {
		return nil
	}
	rl := &RateLimiting{Count: l.span.count, First: l.span.first, Last: l.span.last, NoRetryAfter: l.none}
	for v, n := range l.retryAfter {
		rl.RetryAfter = append(rl.RetryAfter, RetryAfterCount{v, n})
	}
	slices.SortFunc(rl.RetryAfter, func(x, y RetryAfterCount) int { return cmp.Compare(x.Seconds, y.Seconds) })
	if n := l.waits.Count(); n > 0 {
		rl.Waits = Waits{Count: int(n), Min: l.minWait, Median: l.waits.Quantile(0.5), Max: l.waits.Max(), Early: l.early}
		rl.Waits.Median = math.Max(rl.Waits.Median, rl.Waits.Min)
	}
	return rl
}
