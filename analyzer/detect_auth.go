package analyzer

import (
	"cmp"
	"maps"
	"slices"
	"sort"
	"time"
)

// AuthOutage is a spell of hours, or a run, in which every request failed
// with 401 or 403.
type AuthOutage struct {
	Start, End   time.Time // the first and last request
	Requests     int
	Unauthorized int // 401s; the rest are 403s
	Runs         []RunRef
}

// RunRef names a run: its input and its id there.
type RunRef struct{ Source, Run string }

// minAuthOutage is the fewest requests that make an outage.
const minAuthOutage = 3

// maxAuthRuns bounds the runs failed whole with 401 or 403 that are
// listed: the first by input and id; the rest are counted. Such runs are
// not that rare (a key expires: some 2% of the runs in the bench corpora,
// 8,652 in a 1 GiB log); like the incomplete runs, a report lists as many
// for a day of logs as for a month.
const maxAuthRuns = MaxRunsListed

// authDetector counts the requests of each charted hour and their auth
// failures; the runs failed whole come from the runs followed.
type authDetector struct {
	hours   map[int64]*authHour // by the Unix second the hour starts at
	lastKey int64               // the hour of the last record…
	last    *authHour           // …and its counts, or nil
}

// authHour counts one hour.
type authHour struct {
	requests     int
	auth         int // 401 and 403 failures
	unauthorized int // of them, 401s
	first, last  time.Time
}

func (d *authDetector) add(o *observation) {
	if !o.charted {
		return
	}
	hs := d.hour(o.hour, o.Time)
	hs.requests++
	hs.first, hs.last = minTime(hs.first, o.Time), maxTime(hs.last, o.Time)
	if o.Failed && isAuthStatus(o.Status) {
		hs.auth++
		if o.Status == 401 {
			hs.unauthorized++
		}
	}
}

// addMinute counts a minute's requests in its hour.
func (d *authDetector) addMinute(m *minuteBatch) {
	hs := d.hour(m.hour, m.first)
	hs.requests += m.requests
	hs.first, hs.last = minTime(hs.first, m.first), maxTime(hs.last, m.last)
}

// hour returns the counts of hour h, opened at time t if new.
func (d *authDetector) hour(h int64, t time.Time) *authHour {
	if d.last != nil && d.lastKey == h {
		return d.last
	}
	hs := d.hours[h]
	if hs == nil {
		hs = &authHour{first: t, last: t}
		d.hours[h] = hs
	}
	d.lastKey, d.last = h, hs
	return hs
}

func (d *authDetector) merge(od failureDetector, charted func(int64) bool) {
	for k, hs := range od.(*authDetector).hours {
		if !charted(k) {
			continue
		}
		mine := d.hours[k]
		if mine == nil {
			d.hours[k] = hs
			continue
		}
		mine.requests += hs.requests
		mine.auth += hs.auth
		mine.unauthorized += hs.unauthorized
		mine.first, mine.last = minTime(mine.first, hs.first), maxTime(mine.last, hs.last)
	}
}

func (d *authDetector) find(e *evidence, f *Findings) {
	f.AuthOutages, f.AuthRunsLeftOut = d.outages(e.folds...)
}

// outages merges whole hours of auth failures into spells, then adds
// the runs that failed whole: to the spell they fall in, or on their own.
// It also returns how many such runs go unnamed (beyond maxAuthRuns).
func (d *authDetector) outages(folds ...*runFold) ([]AuthOutage, int) {
	var out []AuthOutage
	var cur *AuthOutage
	var last int64
	flush := func() {
		if cur != nil && cur.Requests >= minAuthOutage {
			out = append(out, *cur)
		}
		cur = nil
	}
	for _, k := range slices.Sorted(maps.Keys(d.hours)) {
		hs := d.hours[k]
		if hs.auth < hs.requests {
			flush()
			continue
		}
		if cur != nil && k-last > 3600 {
			flush()
		}
		if cur == nil {
			cur = &AuthOutage{Start: hs.first}
		}
		cur.End, cur.Requests, cur.Unauthorized, last = hs.last, cur.Requests+hs.requests, cur.Unauthorized+hs.unauthorized, k
	}
	flush()
	named, anon := wholeOf(folds)
	n := len(named)
	for _, a := range anon {
		n += len(a)
	}
	out = slices.Grow(out, n)
	out = addOutageRuns(out, named, anon)
	slices.SortStableFunc(out, func(x, y AuthOutage) int { return x.Start.Compare(y.Start) })
	return out, n - len(named)
}

// wholeOf gathers the runs of the folds that failed whole: the first
// maxAuthRuns by input and id, and the others as two lists, each sorted
// by time. The fold with the most such runs (the closed runs' of a month
// of logs hold thousands) has its nameless ones sorted where they are
// rather than copied: their order is all that changes, and it is never
// read.
func wholeOf(folds []*runFold) (named []wholeRun, anon [2][]anonRun) {
	big, extra := -1, 0
	for i, f := range folds {
		named = append(named, f.whole.runs...)
		if big < 0 || len(f.whole.anon) > len(folds[big].whole.anon) {
			big = i
		}
		extra += len(f.whole.anon)
	}
	var whole wholeRuns
	if big >= 0 {
		extra -= len(folds[big].whole.anon)
	}
	whole.runs = named
	whole.anon = make([]anonRun, 0, extra+max(len(named)-maxAuthRuns, 0))
	for i, f := range folds {
		if i != big {
			whole.anon = append(whole.anon, f.whole.anon...)
		}
	}
	whole.trim()
	slices.SortFunc(whole.anon, anonRun.compare)
	anon[0] = whole.anon
	if big >= 0 {
		slices.SortFunc(folds[big].whole.anon, anonRun.compare)
		anon[1] = folds[big].whole.anon
	}
	return whole.runs, anon
}

// addOutageRuns adds each run to the spell it falls in (the first such),
// else to a spell of its own: the named runs, then the others in time
// order (the two lists of anon merged). The spells from whole hours come
// in time order without overlaps, so a binary search finds the one a run
// could fall in; a run's own spell is indexed by the minutes it covers,
// so a later run finds it without a scan of all of them.
func addOutageRuns(out []AuthOutage, named []wholeRun, anon [2][]anonRun) []AuthOutage {
	spells := len(out)
	within := func(w wholeRun, o AuthOutage) bool {
		return !w.first.IsZero() && !w.first.Before(o.Start) && !w.last.After(o.End)
	}
	var idx minuteIndex // a minute → the runs' spells covering it
	var long []int      // runs' spells longer than an hour
	add := func(w wholeRun) {
		i := -1
		// The last spell that starts at or before the run.
		if j := sort.Search(spells, func(j int) bool { return out[j].Start.After(w.first) }) - 1; j >= 0 && within(w, out[j]) {
			i = j
		} else if !w.first.IsZero() {
			i = idx.first(w.first.Unix()/60, func(j int) bool { return within(w, out[j]) })
			for _, j := range long {
				if (i < 0 || j < i) && within(w, out[j]) {
					i = j
					break
				}
			}
		}
		if i < 0 {
			out = append(out, AuthOutage{Start: w.first, End: w.last, Requests: w.requests, Unauthorized: w.unauthorized})
			i = len(out) - 1
			if from, to := w.first.Unix()/60, w.last.Unix()/60; w.first.IsZero() || to < from {
				// matched by no run: within needs a start
			} else if to-from > 60 {
				long = append(long, i)
			} else {
				for m := from; m <= to; m++ {
					idx.add(m, i)
				}
			}
		}
		if w.key != (runKey{}) {
			out[i].Runs = append(out[i].Runs, RunRef{w.key.source, w.key.run})
		}
	}
	for _, w := range named {
		add(w)
	}
	a, b := anon[0], anon[1]
	for len(a) > 0 || len(b) > 0 {
		if len(b) == 0 || len(a) > 0 && a[0].compare(b[0]) < 0 {
			add(a[0].whole())
			a = a[1:]
		} else {
			add(b[0].whole())
			b = b[1:]
		}
	}
	return out
}

// minuteIndex lists, for each minute, the spells that cover it, in the
// order they were added: a map to the last entry of the minute's list,
// linked back through one slice, rather than a slice per minute (a month
// of logs has thousands of runs failed whole, each a spell of its own).
type minuteIndex struct {
	last    map[int64]int32 // a minute → its last entry + 1
	entries []struct{ spell, prev int32 }
}

func (x *minuteIndex) add(minute int64, spell int) {
	if x.last == nil {
		x.last = map[int64]int32{}
	}
	x.entries = append(x.entries, struct{ spell, prev int32 }{int32(spell), x.last[minute] - 1})
	x.last[minute] = int32(len(x.entries))
}

// first returns the first spell added for minute that ok accepts, or -1.
func (x *minuteIndex) first(minute int64, ok func(int) bool) int {
	found := -1
	for e := x.last[minute] - 1; e >= 0; e = x.entries[e].prev {
		if j := int(x.entries[e].spell); ok(j) {
			found = j // an earlier one, added before
		}
	}
	return found
}

// wholeRuns keeps the runs in which every request failed with 401 or 403
// (a bad or expired key fails a whole run): the first maxAuthRuns by input
// and id with their names, whatever the order they came in, and the rest
// without (their times and counts still make or join outages).
type wholeRuns struct {
	runs []wholeRun
	anon []anonRun
	n    int
}

// anonRun is a run failed whole past the named ones: without its name,
// its times as Unix seconds and nanoseconds, 40 bytes rather than 56 (a
// month of logs holds thousands, all kept until the hours are merged).
// Its times come back in UTC: outages are compared, and shown in the
// report's zone.
type anonRun struct {
	first, last            int64 // Unix seconds
	firstNs, lastNs        int32
	requests, unauthorized int
}

func anonOf(r wholeRun) anonRun {
	return anonRun{r.first.Unix(), r.last.Unix(), int32(r.first.Nanosecond()), int32(r.last.Nanosecond()), r.requests, r.unauthorized}
}

func (r anonRun) whole() wholeRun {
	return wholeRun{runKey{}, unixTime(r.first, r.firstNs), unixTime(r.last, r.lastNs), r.requests, r.unauthorized}
}

// unixTime is the time of Unix second sec and nanosecond ns, in UTC; the
// zero time for the zero time's second.
func unixTime(sec int64, ns int32) time.Time {
	return time.Unix(sec, int64(ns)).UTC()
}

// compare orders nameless runs by time, then counts.
func (r anonRun) compare(o anonRun) int {
	return cmp.Or(cmp.Compare(r.first, o.first), cmp.Compare(r.firstNs, o.firstNs), cmp.Compare(r.last, o.last),
		cmp.Compare(r.lastNs, o.lastNs), cmp.Compare(r.requests, o.requests), cmp.Compare(r.unauthorized, o.unauthorized))
}

type wholeRun struct {
	key                    runKey
	first, last            time.Time
	requests, unauthorized int
}

func (w *wholeRuns) add(r wholeRun) {
	w.n++
	w.runs = append(w.runs, r)
	if len(w.runs) >= maxAuthRuns+runSlack {
		w.trim()
	}
}

func (w *wholeRuns) merge(o *wholeRuns) {
	w.n += o.n
	w.anon = append(w.anon, o.anon...)
	for _, r := range o.runs {
		w.runs = append(w.runs, r)
		if len(w.runs) >= maxAuthRuns+runSlack {
			w.trim()
		}
	}
}

// trim sorts the runs and keeps the names of the first maxAuthRuns.
func (w *wholeRuns) trim() {
	slices.SortFunc(w.runs, func(x, y wholeRun) int {
		return cmp.Or(cmp.Compare(x.key.source, y.key.source), cmp.Compare(x.key.run, y.key.run),
			x.first.Compare(y.first), cmp.Compare(x.requests, y.requests),
			x.last.Compare(y.last), cmp.Compare(x.unauthorized, y.unauthorized))
	})
	if len(w.runs) <= maxAuthRuns {
		return
	}
	for _, r := range w.runs[maxAuthRuns:] {
		w.anon = append(w.anon, anonOf(r))
	}
	clear(w.runs[maxAuthRuns:]) // the storage is kept for the next runs, no names past the end
	w.runs = w.runs[:maxAuthRuns]
}
