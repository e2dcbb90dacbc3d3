package analyzer

import (
	"sort"
	"time"

	"github.com/errpat/errpat/parsers"
)

// latencyTally sums up the response times: their quantiles, the requests
// slower than the threshold, and the slowest few.
type latencyTally struct {
	slow      float64 // seconds: slower is slow
	all       Sketch
	slowCount int
	slowest   slowList
}

func newLatencyTally(slow time.Duration, top int) latencyTally {
	return latencyTally{slow: slow.Seconds(), slowest: slowList{max: top}}
}

// add counts the response time of a request, in its sketch bucket;
// endpoint is its masked pattern, for the slowest list.
func (t *latencyTally) add(r *parsers.Record, endpoint string, bucket int) {
	t.all.addAt(r.Seconds, bucket)
	if r.Seconds > t.slow {
		t.slowCount++
	}
	if l := &t.slowest; l.max <= 0 || len(l.items) == l.max && r.Seconds < l.items[len(l.items)-1].seconds {
		return // faster than the slowest kept, as most are: no entry to build
	}
	t.slowest.add(slowEntry{time: r.Time, seconds: r.Seconds, method: r.Method, endpoint: endpoint,
		source: r.Source, line: r.Line, test: r.Test})
}

func (t *latencyTally) merge(o *latencyTally) {
	t.all.Merge(&o.all)
	t.slowCount += o.slowCount
	for _, e := range o.slowest.items {
		t.slowest.add(e)
	}
}

// shiftLines adds base to the slowest requests' line numbers (see
// fileResult.shiftLines).
func (t *latencyTally) shiftLines(base int) {
	for i := range t.slowest.items {
		t.slowest.items[i].line += base
	}
}

func (t *latencyTally) result(r *Result) {
	s := SlowSummary{
		Threshold: t.slow, Count: t.slowCount, Timed: int(t.all.Count()),
		P50: t.all.Quantile(0.5), P95: t.all.Quantile(0.95), P99: t.all.Quantile(0.99), Max: t.all.Max(),
	}
	for _, e := range t.slowest.items {
		s.Slowest = append(s.Slowest, SlowRequest{Time: e.time, Method: e.method, Endpoint: e.endpoint,
			Seconds: e.seconds, Source: e.source, Line: e.line, Test: e.test})
	}
	r.Slow = s
}

// slowEntry is one request in the slowest list.
type slowEntry struct {
	time     time.Time
	seconds  float64
	method   string
	endpoint string
	source   string
	line     int
	test     string
}

// before orders slow entries: slowest first, then by time, file and line,
// so that the list does not depend on the order records arrive in.
func (e slowEntry) before(o slowEntry) bool {
	if e.seconds != o.seconds {
		return e.seconds > o.seconds
	}
	if !e.time.Equal(o.time) {
		return e.time.Before(o.time)
	}
	if e.source != o.source {
		return e.source < o.source
	}
	return e.line < o.line
}

// slowList keeps the max slowest entries, sorted.
type slowList struct {
	max   int
	items []slowEntry
}

func (l *slowList) add(e slowEntry) {
	if l.max <= 0 {
		return
	}
	if len(l.items) == l.max && !e.before(l.items[len(l.items)-1]) {
		return
	}
	i := sort.Search(len(l.items), func(i int) bool { return e.before(l.items[i]) })
	if len(l.items) < l.max {
		l.items = append(l.items, slowEntry{})
	}
	copy(l.items[i+1:], l.items[i:])
	l.items[i] = e
}
