package analyzer

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Snapshot is what a comparison reads of one window's analysis: totals,
// failure patterns and endpoints. A Result gives one; so does a report
// saved earlier as JSON, so that a baseline file compares like the
// previous window.
type Snapshot struct {
	Since, Until     time.Time
	Requests, Failed int
	Patterns         []PatternCount  // Pattern, Class and Count are read
	Endpoints        []EndpointCount // Timed counts the requests with a time, behind P95
	// PartialPatterns is set when Patterns lists only the most frequent
	// (a saved report keeps its top --top).
	PartialPatterns bool
}

// Snapshot returns what a comparison needs of r. The window's open ends
// are closed by the first and last request.
func (r *Result) Snapshot() Snapshot {
	s := Snapshot{Since: r.Since, Until: r.Until, Requests: r.Requests, Failed: r.Failed,
		Patterns: r.Patterns, Endpoints: r.ByEndpoint}
	if s.Since.IsZero() {
		s.Since = r.First
	}
	if s.Until.IsZero() {
		s.Until = r.Last
	}
	return s
}

// Changes compares a window (now) with an earlier one (then).
type Changes struct {
	Then                        Snapshot // its Patterns and Endpoints are not needed by readers
	ErrorRateNow, ErrorRateThen float64  // percent
	// New patterns were not seen then; Grown ones grew by count or by
	// share of the requests; Gone ones were seen then and not now.
	New, Grown, Gone []PatternChange
	// Worse are the endpoints seen in both windows whose error rate or
	// p95 response time went up.
	Worse []EndpointChange
}

// PatternChange puts a pattern's counts in the two windows side by side.
type PatternChange struct {
	Pattern             string
	Class               Class
	CountNow, CountThen int
	ShareNow, ShareThen float64 // percent of the window's requests
	ByCount, ByShare    bool    // how a grown pattern grew
}

// EndpointChange puts an endpoint's numbers in the two windows side by side.
type EndpointChange struct {
	Method, Endpoint            string
	RequestsNow, RequestsThen   int
	ErrorRateNow, ErrorRateThen float64
	P95Now, P95Then             float64 // seconds; valid when Timed
	Timed                       bool    // both windows have response times
	ErrorRateUp, P95Up          bool
}

// How much a pattern must grow, or an endpoint get worse, to be listed:
// a day's counts are small, and one failure more is not news.
const (
	minExcess       = 1.0  // failures beyond what the earlier rate predicts
	minRateRise     = 1.0  // percentage points of error rate
	minP95Rise      = 0.2  // p95 up by a fifth…
	minP95RiseAbove = 0.05 // …and by 50 ms at least…
	minP95Timed     = 10   // …over at least this many timed requests in each window
)

// Compare lists what changed from then to now. The lists are sorted:
// the biggest change first, then by name.
func Compare(now, then Snapshot) *Changes {
	c := &Changes{Then: then, ErrorRateNow: rate(now.Failed, now.Requests), ErrorRateThen: rate(then.Failed, then.Requests)}
	c.Then.Patterns, c.Then.Endpoints = nil, nil
	c.comparePatterns(now, then)
	c.compareEndpoints(now, then)
	return c
}

func (c *Changes) comparePatterns(now, then Snapshot) {
	before := map[string]PatternCount{}
	for _, p := range then.Patterns {
		before[p.Pattern] = p
	}
	for _, p := range now.Patterns {
		old, seen := before[p.Pattern]
		delete(before, p.Pattern)
		pc := PatternChange{Pattern: p.Pattern, Class: p.Class, CountNow: p.Count, CountThen: old.Count,
			ShareNow: share(p.Count, now.Requests), ShareThen: share(old.Count, then.Requests)}
		pc.ByCount = pc.CountNow > pc.CountThen
		pc.ByShare = pc.ShareNow > pc.ShareThen && excess(p.Count, now.Requests, pc.ShareThen) >= minExcess
		switch {
		case !seen:
			c.New = append(c.New, pc)
		case pc.ByCount || pc.ByShare:
			c.Grown = append(c.Grown, pc)
		}
	}
	for _, p := range before {
		c.Gone = append(c.Gone, PatternChange{Pattern: p.Pattern, Class: p.Class, CountThen: p.Count,
			ShareThen: share(p.Count, then.Requests)})
	}
	byDelta := func(x, y PatternChange) int {
		return cmp.Or(cmp.Compare(y.CountNow-y.CountThen, x.CountNow-x.CountThen),
			cmp.Compare(y.ShareNow-y.ShareThen, x.ShareNow-x.ShareThen), cmp.Compare(x.Pattern, y.Pattern))
	}
	slices.SortFunc(c.New, byDelta)
	slices.SortFunc(c.Grown, byDelta)
	slices.SortFunc(c.Gone, func(x, y PatternChange) int {
		return cmp.Or(cmp.Compare(y.CountThen, x.CountThen), cmp.Compare(x.Pattern, y.Pattern))
	})
}

// excess is how many more of count there are in n than a share
// (percent) predicts.
func excess(count, n int, share float64) float64 { return float64(count) - share*float64(n)/100 }

// share is a percent rounded to 2 places, so that equal shares compare
// equal whatever the float noise.
func share(part, whole int) float64 { return math.Round(rate(part, whole)*100) / 100 }

type endpointKey struct{ method, endpoint string }

func (c *Changes) compareEndpoints(now, then Snapshot) {
	before := map[endpointKey]EndpointCount{}
	for _, e := range then.Endpoints {
		before[endpointKey{e.Method, e.Endpoint}] = e
	}
	for _, e := range now.Endpoints {
		old, seen := before[endpointKey{e.Method, e.Endpoint}]
		if !seen || e.Requests == 0 || old.Requests == 0 {
			continue
		}
		ec := EndpointChange{Method: e.Method, Endpoint: e.Endpoint, RequestsNow: e.Requests, RequestsThen: old.Requests,
			ErrorRateNow: e.ErrorRate, ErrorRateThen: old.ErrorRate, P95Now: e.P95, P95Then: old.P95,
			Timed: e.Timed > 0 && old.Timed > 0}
		ec.ErrorRateUp = ec.ErrorRateNow >= ec.ErrorRateThen+minRateRise && excess(e.Failed, e.Requests, old.ErrorRate) >= minExcess
		ec.P95Up = e.Timed >= minP95Timed && old.Timed >= minP95Timed &&
			ec.P95Now >= ec.P95Then*(1+minP95Rise) && ec.P95Now >= ec.P95Then+minP95RiseAbove
		if ec.ErrorRateUp || ec.P95Up {
			c.Worse = append(c.Worse, ec)
		}
	}
	slices.SortFunc(c.Worse, func(x, y EndpointChange) int {
		return cmp.Or(cmp.Compare(y.ErrorRateNow-y.ErrorRateThen, x.ErrorRateNow-x.ErrorRateThen),
			cmp.Compare(y.P95Now-y.P95Then, x.P95Now-x.P95Then),
			cmp.Compare(x.Endpoint, y.Endpoint), cmp.Compare(x.Method, y.Method))
	})
}
