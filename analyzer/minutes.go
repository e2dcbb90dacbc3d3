package analyzer

import (
	"maps"
	"slices"
	"time"
)

// minuteLog is what the burst detector needs of every minute: how many
// requests it had, kept densely in blocks of an hour (a month of logs is
// 720 small blocks, a year under 9,000), and, for the few minutes in which
// a request got no response, how many did and how many of them timed out.
type minuteLog struct {
	hours  map[int64]*minuteBlock // by Unix hour (Unix seconds / 3600)
	failed map[int64]*minuteFail  // by Unix minute start, in seconds

	lastKey int64 // the block of the last record: records mostly come in order
	last    *minuteBlock
}

// minuteBlock counts the requests of each minute of an hour.
type minuteBlock [60]uint32

type minuteFail struct{ noResponse, timeouts int }

// add counts a request in the minute starting at Unix second m.
func (l *minuteLog) add(m int64, noResponse, timeout bool) {
	h, i := floorDiv(m, 3600), floorMod(m, 3600)/60
	b := l.last
	if b == nil || l.lastKey != h {
		if l.hours == nil {
			l.hours, l.failed = map[int64]*minuteBlock{}, map[int64]*minuteFail{}
		}
		if b = l.hours[h]; b == nil {
			b = &minuteBlock{}
			l.hours[h] = b
		}
		l.lastKey, l.last = h, b
	}
	b[i]++
	if noResponse {
		f := l.failed[m]
		if f == nil {
			f = &minuteFail{}
			l.failed[m] = f
		}
		f.noResponse++
		if timeout {
			f.timeouts++
		}
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
		l.hours, l.failed = map[int64]*minuteBlock{}, map[int64]*minuteFail{}
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
		if f := l.failed[m]; f != nil {
			f.noResponse += of.noResponse
			f.timeouts += of.timeouts
		} else {
			l.failed[m] = of
		}
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
