package analyzer

import (
	"slices"
	"time"
)

// hourTally counts the requests by clock hour of the report's zone, and
// by hour of the day (the day's profile), and spans the window's first
// and last request. At most maxHours hours are charted; the requests of
// the others are counted in uncharted.
type hourTally struct {
	loc         *time.Location
	first, last time.Time
	noTime      int // requests without a time
	uncharted   int
	hours       map[int64]*hourCount // by the Unix second the hour starts at
	day         dayProfile

	// Records mostly come in time order, and converting zones is slow:
	// the hour last seen is remembered.
	hourFrom  int64 // the hour last seen, for hourOf
	hourOfDay int
	hourSet   bool
	lastHour  *hourCount // the counts of the hour last seen, or nil
	lastKey   int64      // that hour
	clock     recent     // the clock hour of the last record, for the detectors
}

// hourCount counts an hour's requests; its sketch holds the response
// times of those that have one (empty buckets cost nothing).
type hourCount struct {
	requests, failed int
	latency          Sketch
}

func newHourTally(loc *time.Location) hourTally {
	return hourTally{loc: loc, hours: map[int64]*hourCount{}}
}

// add counts a request at t. It tells whether its hour is charted (not
// when t is zero, or its hour found no room), and then the Unix second at
// which its hour starts and the hour of the day, which the time-based
// detectors are fed.
func (t *hourTally) add(at time.Time, failed bool) (charted bool, hour int64, hourOfDay int) {
	if at.IsZero() {
		t.noTime++
		return false, 0, 0
	}
	if t.first.IsZero() || at.Before(t.first) {
		t.first = at
	}
	if at.After(t.last) {
		t.last = at
	}
	hc := t.hourCount(at)
	if hc == nil {
		t.uncharted++
		return false, 0, 0
	}
	hc.requests++
	if failed {
		hc.failed++
	}
	hour, hourOfDay = t.clock.localHour(at, t.loc)
	t.day.add(hourOfDay, failed)
	return true, hour, hourOfDay
}

// addLatency adds the response time of the request add counted last, when
// its hour is charted.
func (t *hourTally) addLatency(seconds float64, bucket int) {
	if t.lastHour != nil {
		t.lastHour.latency.addAt(seconds, bucket)
	}
}

// hourCount returns the counts of t's hour, or nil when it is new and
// there is no room; the last is remembered.
func (t *hourTally) hourCount(at time.Time) *hourCount {
	h, _ := t.hourOf(at)
	if t.lastHour != nil && t.lastKey == h {
		return t.lastHour
	}
	hc := t.hours[h]
	if hc == nil {
		if len(t.hours) >= maxHours {
			return nil
		}
		hc = &hourCount{}
		t.hours[h] = hc
	}
	t.lastHour, t.lastKey = hc, h
	return hc
}

// hourOf returns the Unix second at which t's hour starts in the report's
// zone, and that hour of the day.
func (t *hourTally) hourOf(at time.Time) (int64, int) {
	u := at.Unix()
	if u >= t.hourFrom && u < t.hourFrom+3600 && t.hourSet {
		return t.hourFrom, t.hourOfDay
	}
	hs := hourStart(at, t.loc)
	t.hourFrom, t.hourOfDay, t.hourSet = hs.Unix(), hs.Hour(), true
	return t.hourFrom, t.hourOfDay
}

// charted tells whether hour h (the Unix second it starts at) is charted.
func (t *hourTally) charted(h int64) bool { return t.hours[h] != nil }

// recent remembers the clock hour of the last record. Records mostly
// come in time order, so most records then cost no zone conversion,
// which was most of the detectors' time on large logs.
type recent struct {
	from, to  int64 // Unix seconds over which start and hourOfDay hold
	start     int64 // the Unix second at which the hour starts
	hourOfDay int
	set       bool
}

// localHour returns the Unix second at which t's hour starts in loc, and
// that hour of the day, exactly as hourStart and t.In(loc).Hour() do. They
// hold from the hour's start until its end or the zone's next change,
// whichever comes first, so loc is consulted once per hour.
func (c *recent) localHour(t time.Time, loc *time.Location) (int64, int) {
	u := t.Unix()
	if c.set && u >= c.from && u < c.to {
		return c.start, c.hourOfDay
	}
	lt := t.In(loc)
	c.start, c.hourOfDay, c.set = hourStart(t, loc).Unix(), lt.Hour(), true
	c.from, c.to = c.start, c.start+3600
	zoneStart, zoneEnd := lt.ZoneBounds() // zero: the zone never changes that way
	if !zoneStart.IsZero() {
		c.from = max(c.from, zoneStart.Unix())
	}
	if !zoneEnd.IsZero() {
		c.to = min(c.to, zoneEnd.Unix())
	}
	return c.start, c.hourOfDay
}

// hourStart is the start of t's hour on the clock of loc; zones offset by
// half hours and daylight-saving changes keep their own hours.
func hourStart(t time.Time, loc *time.Location) time.Time {
	lt := t.In(loc)
	return t.Add(-time.Duration(lt.Minute())*time.Minute - time.Duration(lt.Second())*time.Second -
		time.Duration(lt.Nanosecond())).In(loc)
}

func (t *hourTally) merge(o *hourTally) {
	if !o.first.IsZero() && (t.first.IsZero() || o.first.Before(t.first)) {
		t.first = o.first
	}
	if o.last.After(t.last) {
		t.last = o.last
	}
	t.noTime += o.noTime
	t.uncharted += o.uncharted
	for _, k := range mergeOrder(o.hours, maxHours-len(t.hours)) {
		hc := o.hours[k]
		mine := t.hours[k]
		switch {
		case mine != nil:
			mine.requests += hc.requests
			mine.failed += hc.failed
			mine.latency.Merge(&hc.latency)
		case len(t.hours) < maxHours:
			t.hours[k] = hc
		default:
			t.uncharted += hc.requests
		}
	}
	t.day.merge(&o.day)
}

func (t *hourTally) result(r *Result) {
	r.First, r.Last, r.NoTime, r.Uncharted = t.first, t.last, t.noTime, t.uncharted
	r.ByHour = make([]HourCount, 0, len(t.hours))
	for h, hc := range t.hours {
		r.ByHour = append(r.ByHour, HourCount{Hour: time.Unix(h, 0).In(t.loc), Requests: hc.requests, Failed: hc.failed,
			Timed: int(hc.latency.Count()), P50: hc.latency.Quantile(0.5), P95: hc.latency.Quantile(0.95), P99: hc.latency.Quantile(0.99)})
	}
	slices.SortFunc(r.ByHour, func(x, y HourCount) int { return x.Hour.Compare(y.Hour) })
	r.ByHourOfDay = t.day.result()
}

// HourOfDay counts the requests of one hour of the day (0-23, in the
// report's zone) across the whole window: the day's profile. On the day
// daylight saving ends, the repeated hour counts twice in its bucket.
type HourOfDay struct {
	Hour     int
	Requests int
	Failed   int
}

// dayProfile counts by hour of the day in fixed arrays, which merge by
// addition in any order.
type dayProfile struct {
	requests [24]int
	failed   [24]int
}

func (p *dayProfile) add(hour int, failed bool) {
	p.requests[hour]++
	if failed {
		p.failed[hour]++
	}
}

func (p *dayProfile) merge(o *dayProfile) {
	for h := range 24 {
		p.requests[h] += o.requests[h]
		p.failed[h] += o.failed[h]
	}
}

// result lists all 24 hours, or none when no request had a time.
func (p *dayProfile) result() []HourOfDay {
	total := 0
	for _, n := range p.requests {
		total += n
	}
	if total == 0 {
		return nil
	}
	out := make([]HourOfDay, 24)
	for h := range out {
		out[h] = HourOfDay{Hour: h, Requests: p.requests[h], Failed: p.failed[h]}
	}
	return out
}
