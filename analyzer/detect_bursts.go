package analyzer

import (
	"maps"
	"math"
	"slices"
	"time"
)

// burstDetector counts the requests of every charted minute, and those
// that got no response.
type burstDetector struct{ minutes minuteLog }

func (d *burstDetector) add(o *observation) {
	if !o.charted {
		return
	}
	noResponse := o.Failed && o.Status == 0
	// The minute's start, as o.Time.Truncate(time.Minute).Unix() gives
	// it (Unix seconds count whole minutes from the zero time), without
	// the division of a Duration.
	d.minutes.add(floorDiv(o.Time.Unix(), 60)*60, 1, noResponse, noResponse && o.class == ClassTimeout)
}

// addMinute counts a minute's requests, all answered.
func (d *burstDetector) addMinute(m *minuteBatch) {
	d.minutes.add(m.minute, uint32(m.requests), false, false)
}

// merge keeps twice maxHours hours: they are UTC hours, and zones half an
// hour off chart each hour over two.
func (d *burstDetector) merge(o failureDetector, _ func(int64) bool) {
	d.minutes.merge(&o.(*burstDetector).minutes, 2*maxHours)
}

func (d *burstDetector) find(_ *evidence, f *Findings) { f.Bursts = d.minutes.bursts() }

// minuteLog is what the burst detector needs of every minute: how many
// requests it had, kept densely in blocks of an hour (a month of logs is
// 720 small blocks, a year under 9,000), and, for the few minutes in which
// a request got no response, how many did and how many of them timed out.
type minuteLog struct {
	hours  map[int64]*minuteBlock // by Unix hour (Unix seconds / 3600)
	failed map[int64]minuteFail   // by Unix minute start, in seconds: values, no allocation each

	lastKey int64 // the block of the last record: records mostly come in order
	last    *minuteBlock
}

// minuteBlock counts the requests of each minute of an hour.
type minuteBlock [60]uint32

type minuteFail struct{ noResponse, timeouts int }

// add counts n requests in the minute starting at Unix second m; with
// noResponse, one that got no response.
func (l *minuteLog) add(m int64, n uint32, noResponse, timeout bool) {
	h, i := floorDiv(m, 3600), floorMod(m, 3600)/60
	b := l.last
	if b == nil || l.lastKey != h {
		if l.hours == nil {
			l.hours, l.failed = map[int64]*minuteBlock{}, map[int64]minuteFail{}
		}
		if b = l.hours[h]; b == nil {
			b = &minuteBlock{}
			l.hours[h] = b
		}
		l.lastKey, l.last = h, b
	}
	b[i] += n
	if noResponse {
		f := l.failed[m]
		f.noResponse++
		if timeout {
			f.timeouts++
		}
		l.failed[m] = f
	}
}

// requests returns the requests of the minute starting at Unix second m.
func (l *minuteLog) requests(m int64) int {
	if b := l.hours[floorDiv(m, 3600)]; b != nil {
		return int(b[floorMod(m, 3600)/60])
	}
	return 0
}

// merge adds o's counts, keeping at most maxBlocks hours; o is not used
// afterwards.
func (l *minuteLog) merge(o *minuteLog, maxBlocks int) {
	if o.hours == nil {
		return
	}
	if l.hours == nil {
		l.hours, l.failed = map[int64]*minuteBlock{}, map[int64]minuteFail{}
	}
	for _, h := range mergeOrder(o.hours, maxBlocks-len(l.hours)) {
		ob := o.hours[h]
		b := l.hours[h]
		if b == nil {
			if len(l.hours) < maxBlocks {
				l.hours[h] = ob
			}
			continue
		}
		for i := range b {
			b[i] += ob[i]
		}
	}
	for m, of := range o.failed {
		f := l.failed[m]
		f.noResponse += of.noResponse
		f.timeouts += of.timeouts
		l.failed[m] = f
	}
	l.last = nil
}

// bursts merges the minutes with requests that got no response into
// spells, and keeps those that stand out (see burstDays.isBurst). Two
// minutes without such a failure end a spell; answered requests do not,
// or a burst in a busy hour would be cut into pieces too small to see.
func (l *minuteLog) bursts() []Burst {
	var out []Burst
	var cur *Burst
	var prev int64
	days := l.days()
	flush := func() {
		if cur != nil && days.isBurst(cur) {
			out = append(out, *cur)
		}
		cur = nil
	}
	for _, m := range slices.Sorted(maps.Keys(l.failed)) {
		if cur != nil && m-prev >= 60+int64(maxBurstGap/time.Second) {
			flush()
		}
		if cur != nil && m-prev == 120 {
			cur.Requests += l.requests(prev + 60) // an answered minute inside the spell
		}
		f := l.failed[m]
		start := time.Unix(m, 0).UTC()
		if cur == nil {
			cur = &Burst{Start: start}
		}
		cur.End = start.Add(time.Minute)
		cur.Count += f.noResponse
		cur.Timeouts += f.timeouts
		cur.Requests += l.requests(m)
		prev = m
	}
	flush()
	return out
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 {
	if m := a % b; m < 0 {
		return m + b
	}
	return a % b
}

// Burst is a spell of minutes in which requests got no response (status
// 0: timeouts and network errors) far more often than the day's rate, or
// in which most requests got none.
type Burst struct {
	Start, End time.Time // End is the end of the last minute with a failure
	Count      int       // requests without a response
	Timeouts   int       // of them, timeouts
	Requests   int       // all requests in those minutes
}

// The burst detector's bounds. A spell is a burst when at least minBurst
// of its requests, and most of them, got no response (an outage); or when
// at least minStandOut did and, at the day's rate of such failures per
// request, that many among its requests would come with a probability
// under burstSignificance (a Poisson tail), whatever the traffic beside
// them. The day's rate counts the spell itself, so a steady rate does not
// stand out; per request rather than per minute, so a busy hour's share of
// a steady rate does not either. A day holds thousands of spells to test:
// the significance is small and the count not too small, so that chance
// alone gives a false burst in fewer than one day in a hundred.
const (
	minBurst          = 3               // requests without a response, most of the spell's
	minStandOut       = 5               // requests without a response, beyond the day's rate
	maxBurstGap       = 2 * time.Minute // one minute without any failure does not end a burst
	burstSignificance = 1e-5
)

// burstDays holds the requests and the no-response failures of each day
// (Unix day, UTC), the background the bursts of that day stand out from.
type burstDays map[int64]*struct{ requests, failed int }

func (l *minuteLog) days() burstDays {
	d := burstDays{}
	day := func(unixSec int64) *struct{ requests, failed int } {
		k := floorDiv(unixSec, 86400)
		if d[k] == nil {
			d[k] = &struct{ requests, failed int }{}
		}
		return d[k]
	}
	for h, b := range l.hours {
		c := day(h * 3600)
		for _, n := range b {
			c.requests += int(n)
		}
	}
	for m, f := range l.failed {
		day(m).failed += f.noResponse
	}
	return d
}

// isBurst tells whether a spell of failures stands out.
func (d burstDays) isBurst(b *Burst) bool {
	if b.Count >= minBurst && 2*b.Count >= b.Requests {
		return true
	}
	c := d[floorDiv(b.Start.Unix(), 86400)]
	if b.Count < minStandOut || c == nil {
		return false
	}
	// A minute whose hour was not kept (see maxBlocks) has failures but no
	// requests: the day has at least as many requests as failures.
	expected := float64(c.failed) / float64(max(c.requests, c.failed)) * float64(max(b.Requests, b.Count))
	return poissonTail(b.Count, expected) < burstSignificance
}

// poissonTail is the probability that a Poisson variable of mean mu is at
// least k.
func poissonTail(k int, mu float64) float64 {
	if k <= 0 {
		return 1
	}
	if mu <= 0 {
		return 0
	}
	lg, _ := math.Lgamma(float64(k) + 1)
	term := math.Exp(-mu + float64(k)*math.Log(mu) - lg)
	sum := 0.0
	for i := k; term > sum*1e-15 && i < k+100000; i++ {
		sum += term
		term *= mu / float64(i+1)
	}
	return min(sum, 1)
}
