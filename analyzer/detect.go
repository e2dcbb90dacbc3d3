package analyzer

import (
	"time"

	"github.com/errpat/errpat/parsers"
)

// Findings are the failure patterns of the guide's "Error Analysis
// Patterns" that the detectors found, each with its evidence. A nil or
// empty field is a pattern that was not found.
type Findings struct {
	Intermittent []IntermittentErrors // one per 5xx status
	Peak         *PeakDegradation
	Bursts       []Burst
	RateLimit    *RateLimiting
	AuthOutages  []AuthOutage
	// AuthRunsLeftOut counts the runs failed whole with 401 or 403
	// beyond the maxAuthRuns listed in AuthOutages.
	AuthRunsLeftOut int
	Flaky           []FlakyTest
	Crashed         []parsers.Run // runs that ended without their summary: the first MaxRunsListed
	CrashedCount    int           // all of them
	CrashedLast     time.Time     // the latest end of any of them
}

// failureDetector is the detector of one failure pattern: its state takes
// the counted records one at a time, merges exactly in input order like
// the aggregate, and finds the pattern once all are in. Its state grows
// with the hours, statuses and tests of the window, not with the records
// or runs.
type failureDetector interface {
	// add takes a record on its own: one that failed, or follows a 429
	// in its run.
	add(o *observation)
	// addMinute takes the other records of a charted minute, counted.
	addMinute(m *minuteBatch)
	// merge adds o, a detector of the same kind filled after this one;
	// charted tells which hours the merged aggregate charts (the
	// time-based detectors see only those).
	merge(o failureDetector, charted func(hour int64) bool)
	find(e *evidence, f *Findings)
}

// newDetectors returns the detectors, one of each, in the order they
// find.
func newDetectors(cfg *Config) []failureDetector {
	return []failureDetector{
		&intermittentDetector{hours: map[int64]*statusCounts{}, server: map[int]*span{}},
		&peakDetector{band: cfg.Peak, fails: map[hourStatus]int{}},
		&burstDetector{},
		&rateLimits{retryAfter: map[float64]int{}},
		&authDetector{hours: map[int64]*authHour{}},
		&flakyDetector{},
	}
}

// observation is one counted record as the detectors see it.
type observation struct {
	*parsers.Record
	class      Class
	run        *runSignal // its run's counts (a server's log: a run of its own)
	concurrent bool       // its run's requests are sent at once
	// charted tells whether its hour is charted; then hour is the Unix
	// second that hour starts at, hourOfDay its hour of the day.
	charted   bool
	hour      int64
	hourOfDay int
}

// minuteBatch counts the records of a charted minute that the detectors
// need not see one by one: requests that did not fail and do not follow
// a 429 in their run (most of them). The detectors get them minute by
// minute, which costs a comparison per record instead of a call to each.
type minuteBatch struct {
	minute      int64 // the Unix second the minute starts at
	hour        int64 // the Unix second its charted hour starts at
	requests    int
	first, last time.Time
}

// addMinute counts a record at t, in charted hour, in the minute batch;
// a record of another minute or hour hands the batch to the detectors
// first.
func (a *Aggregate) addMinute(t time.Time, hour int64) {
	m := floorDiv(t.Unix(), 60) * 60
	b := &a.minute
	if b.requests > 0 && (b.minute != m || b.hour != hour) {
		a.flushMinute()
	}
	if b.requests == 0 {
		*b = minuteBatch{minute: m, hour: hour, first: t, last: t}
	}
	b.requests++
	if t.Before(b.first) {
		b.first = t
	}
	if t.After(b.last) {
		b.last = t
	}
}

// flushMinute hands the minute batch to the detectors; their state is
// complete only after it (merge and detect call it).
func (a *Aggregate) flushMinute() {
	if a.minute.requests == 0 {
		return
	}
	for _, d := range a.detectors {
		d.addMinute(&a.minute)
	}
	a.minute.requests = 0
}

// evidence is what the detectors find from beside their own state.
type evidence struct {
	res   *Result    // the aggregate's sorted results
	runs  *runSet    // the runs followed
	folds []*runFold // the closed runs and those still open, folded
	mask  func(string) string
}

// addSignals feeds one counted record to the runs and the detectors;
// endpoint is its masked pattern, number endpointID.
func (a *Aggregate) addSignals(r *parsers.Record, class Class, endpointID int, endpoint string, charted bool, hour int64, hourOfDay int) {
	a.observed = true
	run, concurrent := &a.runs.server, true
	if a.format == nil || a.format.Side != parsers.SideServer {
		// A server's log holds the requests of many clients: no run,
		// no test, and no wait after a 429 to measure.
		run, concurrent = a.runs.run(r), a.concurrent
		run.add(r, a.runs.test(run, r, endpointID, endpoint))
	}
	if !r.Failed && run.pending == nil {
		if charted {
			a.addMinute(r.Time, hour)
		} // else no detector counts it
		return
	}
	o := &a.obs // in the aggregate: handed to the detectors' interface, a local would escape
	*o = observation{Record: r, class: class, run: run, concurrent: concurrent, charted: charted, hour: hour, hourOfDay: hourOfDay}
	for _, d := range a.detectors {
		d.add(o)
	}
}

// mergeSignals adds b's runs and detectors to a's. An aggregate that saw
// no record leaves a's runs open.
func (a *Aggregate) mergeSignals(b *Aggregate) {
	if !b.observed {
		return
	}
	a.flushMinute()
	b.flushMinute()
	a.observed = true
	for i, d := range a.detectors {
		d.merge(b.detectors[i], a.hours.charted)
	}
	a.runs.merge(&b.runs)
}

// detect runs every detector; res holds the aggregate's sorted results,
// which some detectors read.
func (a *Aggregate) detect(res *Result) Findings {
	f := Findings{Crashed: res.Incomplete, CrashedCount: res.IncompleteRuns, CrashedLast: res.IncompleteLast}
	if !a.observed {
		return f
	}
	a.flushMinute()
	open := a.runs.foldOpen() // runs that no Run closed, and no merge
	e := &evidence{res: res, runs: &a.runs, folds: []*runFold{&a.runs.done, open}, mask: a.mask}
	for _, d := range a.detectors {
		d.find(e, &f)
	}
	return f
}

// joinRetryAfter gives a 429 counted earlier without Retry-After, in
// another aggregate, the value its twin gave: the counts of both
// aggregates add up once merged.
func (a *Aggregate) joinRetryAfter(v float64) {
	a.observed = true
	for _, d := range a.detectors {
		if l, ok := d.(*rateLimits); ok {
			l.joinRetryAfter(v)
		}
	}
}

// span counts events and when they came.
type span struct {
	count       int
	first, last time.Time
}

func (s *span) add(t time.Time) {
	s.count++
	s.first, s.last = minTime(s.first, t), maxTime(s.last, t)
}

func (s *span) merge(o *span) {
	s.count += o.count
	s.first, s.last = minTime(s.first, o.first), maxTime(s.last, o.last)
}

func isAuthStatus(status int) bool { return status == 401 || status == 403 }

func minTime(a, b time.Time) time.Time {
	if a.IsZero() || !b.IsZero() && b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
