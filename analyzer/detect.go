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
	Crashed         []parsers.Run // runs that ended without their summary
}

// signals holds what the detectors need beyond the aggregate's counts.
// Like the aggregate it takes one record at a time and merges exactly, in
// input order. Its maps grow with the hours, minutes, statuses and tests
// of the window, not with the records or runs: the minutes are bounded by
// the time span (a year is half a million small entries), and a run is
// kept only while it is open (detect_runs.go).
type signals struct {
	day      dayProfile
	dayFails map[hourStatus]int     // failures by hour of the day and status
	hours    map[int64]*hourSignal  // by absolute hour (Unix seconds of its start)
	minutes  map[int64]*minuteCount // by absolute minute (Unix seconds of its start)
	server   map[int]*span          // 5xx by status
	limits   rateLimits
	runs     runSet
	recent   recent // the last record's hour and minute
}

type hourStatus struct{ hour, status int }

// hourSignal counts one hour for the auth-outage and intermittent-error
// detectors.
type hourSignal struct {
	requests     int
	auth         int         // 401 and 403 failures
	unauthorized int         // of them, 401s
	server       map[int]int // 5xx by status
	first, last  time.Time
}

type minuteCount struct{ requests, noResponse, timeouts int }

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
	s.minutes = map[int64]*minuteCount{}
	s.server = map[int]*span{}
	s.limits = rateLimits{retryAfter: map[float64]int{}}
	s.runs = newRunSet()
}

// addSignals feeds one counted record to the detectors; endpoint is its
// masked pattern.
func (a *Aggregate) addSignals(r *parsers.Record, class Class, endpoint string) {
	a.initSignals()
	s := &a.sig
	rs := s.runs.run(r)
	rs.add(r, s.runs.test(rs, r, endpoint))
	s.limits.add(rs, r)
	if r.Time.IsZero() {
		return
	}
	start, hourOfDay := s.recent.localHour(r.Time, a.cfg.loc())
	s.day.add(hourOfDay, r.Status, r.Failed)
	if r.Failed {
		s.dayFails[hourStatus{hourOfDay, r.Status}]++
	}
	s.addHour(start, r)
	s.addMinute(r.Time.Truncate(time.Minute).Unix(), class, r.Status, r.Failed)
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
		if hs.server == nil {
			hs.server = map[int]int{}
		}
		hs.server[r.Status]++
	}
}

// hour returns the counts of hour h, opened at time t if new.
func (s *signals) hour(h int64, t time.Time) *hourSignal {
	if c := &s.recent; c.hour != nil && c.hourKey == h {
		return c.hour
	}
	hs := s.hours[h]
	if hs == nil {
		hs = &hourSignal{first: t, last: t}
		s.hours[h] = hs
	}
	s.recent.hourKey, s.recent.hour = h, hs
	return hs
}

func (s *signals) addMinute(m int64, class Class, status int, failed bool) {
	mc := s.minute(m)
	mc.requests++
	if failed && status == 0 {
		mc.noResponse++
		if class == ClassTimeout {
			mc.timeouts++
		}
	}
}

// minute returns the counts of minute m.
func (s *signals) minute(m int64) *minuteCount {
	if c := &s.recent; c.minute != nil && c.minuteKey == m {
		return c.minute
	}
	mc := s.minutes[m]
	if mc == nil {
		mc = &minuteCount{}
		s.minutes[m] = mc
	}
	s.recent.minuteKey, s.recent.minute = m, mc
	return mc
}

func isAuthStatus(status int) bool { return status == 401 || status == 403 }

// mergeSignals adds b's detector signals to a's.
func (a *Aggregate) mergeSignals(b *Aggregate) {
	if b.sig.hours == nil {
		return
	}
	a.initSignals()
	s, o := &a.sig, &b.sig
	s.day.merge(&o.day)
	for k, n := range o.dayFails {
		s.dayFails[k] += n
	}
	for k, hs := range o.hours {
		s.mergeHour(k, hs)
	}
	for k, mc := range o.minutes {
		if mine := s.minutes[k]; mine != nil {
			mine.requests += mc.requests
			mine.noResponse += mc.noResponse
			mine.timeouts += mc.timeouts
		} else {
			s.minutes[k] = mc
		}
	}
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
	for st, n := range hs.server {
		if mine.server == nil {
			mine.server = map[int]int{}
		}
		mine.server[st] += n
	}
	mine.first, mine.last = minTime(mine.first, hs.first), maxTime(mine.last, hs.last)
}

// detect runs every detector over the signals; res holds the aggregate's
// sorted results, which some detectors read.
func (a *Aggregate) detect(res *Result) Findings {
	s := &a.sig
	f := Findings{Crashed: res.Incomplete}
	if s.hours == nil {
		return f
	}
	f.Intermittent = s.intermittent(res)
	f.Peak = s.peak(a.cfg.Peak)
	f.Bursts = s.bursts()
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
