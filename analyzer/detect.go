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

// signals holds what the detectors need beyond the aggregate's counts.
// Like the aggregate it takes one record at a time and merges exactly, in
// input order. Its maps grow with the hours, statuses and tests of the
// window, not with the records or runs: minutes are counted in blocks of
// an hour (minutes.go), and a run is kept only while it is open
// (detect_runs.go).
type signals struct {
	dayFails  map[hourStatus]int    // failures by hour of the day and status
	hours     map[int64]*hourSignal // by absolute hour (Unix seconds of its start)
	minutes   minuteLog             // requests by minute, for the bursts
	server    map[int]*span         // 5xx by status
	serverRun runSignal             // the run of every record of a server's log: none
	limits    rateLimits
	runs      runSet
	hourKey   int64       // the last record's hour…
	lastHour  *hourSignal // …and its counts, or nil
}

type hourStatus struct{ hour, status int }

// hourSignal counts one hour for the auth-outage and intermittent-error
// detectors.
type hourSignal struct {
	requests     int
	auth         int          // 401 and 403 failures
	unauthorized int          // of them, 401s
	server       statusCounts // 5xx by status
	first, last  time.Time
}

// statusCounts counts by status: the few 5xx statuses of an hour, in a
// slice rather than a map per hour.
type statusCounts []statusCount

type statusCount struct{ status, n int }

func (c *statusCounts) add(status, n int) {
	for i := range *c {
		if (*c)[i].status == status {
			(*c)[i].n += n
			return
		}
	}
	*c = append(*c, statusCount{status, n})
}

func (c statusCounts) get(status int) int {
	for _, sc := range c {
		if sc.status == status {
			return sc.n
		}
	}
	return 0
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

func (a *Aggregate) initSignals() {
	s := &a.sig
	if s.hours != nil {
		return
	}
	s.dayFails = map[hourStatus]int{}
	s.hours = map[int64]*hourSignal{}
	s.server = map[int]*span{}
	s.limits = rateLimits{retryAfter: map[float64]int{}}
	s.runs = newRunSet()
}

// addSignals feeds one counted record to the detectors; endpoint is its
// masked pattern, charted whether its hour is charted (the time-based
// detectors see only those), hour the Unix second that hour starts at
// and hourOfDay its hour of the day.
func (a *Aggregate) addSignals(r *parsers.Record, class Class, endpoint string, charted bool, hour int64, hourOfDay int) {
	a.initSignals()
	s := &a.sig
	if a.format != nil && a.format.Side == parsers.SideServer {
		// A server's log holds the requests of many clients: no run,
		// no test, and no wait after a 429 to measure.
		s.limits.add(&s.serverRun, r, true)
	} else {
		rs := s.runs.run(r)
		rs.add(r, s.runs.test(rs, r, endpoint))
		s.limits.add(rs, r, a.concurrent)
	}
	if !charted {
		return
	}
	if r.Failed {
		s.dayFails[hourStatus{hourOfDay, r.Status}]++
	}
	s.addHour(hour, r)
	noResponse := r.Failed && r.Status == 0
	s.minutes.add(r.Time.Truncate(time.Minute).Unix(), noResponse, noResponse && class == ClassTimeout)
	if r.Failed && r.Status >= 500 {
		sp := s.server[r.Status]
		if sp == nil {
			sp = &span{}
			s.server[r.Status] = sp
		}
		sp.add(r.Time)
	}
}

func (s *signals) addHour(h int64, r *parsers.Record) {
	hs := s.hour(h, r.Time)
	hs.requests++
	hs.first, hs.last = minTime(hs.first, r.Time), maxTime(hs.last, r.Time)
	switch {
	case !r.Failed:
	case isAuthStatus(r.Status):
		hs.auth++
		if r.Status == 401 {
			hs.unauthorized++
		}
	case r.Status >= 500:
		hs.server.add(r.Status, 1)
	}
}

// hour returns the counts of hour h, opened at time t if new.
func (s *signals) hour(h int64, t time.Time) *hourSignal {
	if s.lastHour != nil && s.hourKey == h {
		return s.lastHour
	}
	hs := s.hours[h]
	if hs == nil {
		hs = &hourSignal{first: t, last: t}
		s.hours[h] = hs
	}
	s.hourKey, s.lastHour = h, hs
	return hs
}

func isAuthStatus(status int) bool { return status == 401 || status == 403 }

// mergeSignals adds b's detector signals to a's.
func (a *Aggregate) mergeSignals(b *Aggregate) {
	if b.sig.hours == nil {
		return
	}
	a.initSignals()
	s, o := &a.sig, &b.sig
	for k, n := range o.dayFails {
		s.dayFails[k] += n
	}
	for k, hs := range o.hours {
		if a.hours.charted(k) { // the hours past maxHours are not charted
			s.mergeHour(k, hs)
		}
	}
	s.minutes.merge(&o.minutes, 2*maxHours) // UTC hours: twice, for zones half an hour off
	for k, sp := range o.server {
		if mine := s.server[k]; mine != nil {
			mine.merge(sp)
		} else {
			s.server[k] = sp
		}
	}
	s.limits.merge(&o.limits)
	s.runs.merge(&o.runs)
}

func (s *signals) mergeHour(k int64, hs *hourSignal) {
	mine := s.hours[k]
	if mine == nil {
		s.hours[k] = hs
		return
	}
	mine.requests += hs.requests
	mine.auth += hs.auth
	mine.unauthorized += hs.unauthorized
	for _, sc := range hs.server {
		mine.server.add(sc.status, sc.n)
	}
	mine.first, mine.last = minTime(mine.first, hs.first), maxTime(mine.last, hs.last)
}

// detect runs every detector over the signals; res holds the aggregate's
// sorted results, which some detectors read.
func (a *Aggregate) detect(res *Result) Findings {
	s := &a.sig
	f := Findings{Crashed: res.Incomplete, CrashedCount: res.IncompleteRuns, CrashedLast: res.IncompleteLast}
	if s.hours == nil {
		return f
	}
	f.Intermittent = s.intermittent(res)
	f.Peak = s.peak(a.cfg.Peak, res.ByHourOfDay)
	f.Bursts = s.minutes.bursts()
	f.RateLimit = s.limits.result()
	open := s.runs.foldOpen() // runs that no Run closed, and no merge
	f.AuthOutages, f.AuthRunsLeftOut = s.authOutages(&s.runs.done, open)
	f.Flaky = s.runs.flaky(a.mask, &s.runs.done, open)
	return f
}

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

// joinRetryAfter gives a 429 counted earlier without Retry-After, in
// another aggregate, the value its twin gave: the counts of both
// aggregates add up once merged.
func (a *Aggregate) joinRetryAfter(v float64) {
	a.initSignals()
	a.sig.limits.joinRetryAfter(v)
}
