package analyzer

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/errpat/errpat/parsers"
)

// runSignal counts one run for the auth-outage, flaky-test and
// rate-limit detectors.
type runSignal struct {
	requests, failed   int
	unauthorized, auth int // 401 failures; 401 and 403 failures
	first, last        time.Time
	tests              map[string]*testRun // by raw test name
	// pending is the run's last 429 until its next request. Runs do not
	// cross inputs, so it is never merged.
	pending *pending429
}

// testRun counts one test's requests in one run.
type testRun struct {
	passed, failed int
	statuses       map[int]int // failures by status
}

// run returns the record's run, remembering the last one: a run's
// records come one after the other.
func (s *signals) run(r *parsers.Record) *runSignal {
	if s.last != nil && s.lastKey.source == r.Source && s.lastKey.run == r.Run {
		return s.last
	}
	rk := runKey{r.Source, r.Run}
	rs := s.runs[rk]
	if rs == nil {
		rs = &runSignal{tests: map[string]*testRun{}}
		s.runs[rk] = rs
	}
	s.lastKey, s.last = rk, rs
	return rs
}

func (rs *runSignal) add(r *parsers.Record, test string) {
	rs.requests++
	rs.first, rs.last = minTime(rs.first, r.Time), maxTime(rs.last, r.Time)
	tr := rs.tests[test]
	if tr == nil {
		tr = &testRun{}
		rs.tests[test] = tr
	}
	tr.add(r)
	if !r.Failed {
		return
	}
	rs.failed++
	if isAuthStatus(r.Status) {
		rs.auth++
		if r.Status == 401 {
			rs.unauthorized++
		}
	}
}

func (tr *testRun) add(r *parsers.Record) {
	if !r.Failed {
		tr.passed++
		return
	}
	tr.failed++
	if tr.statuses == nil {
		tr.statuses = map[int]int{}
	}
	tr.statuses[r.Status]++
}

func (s *signals) mergeRuns(o *signals) {
	for k, rs := range o.runs {
		mine := s.runs[k]
		if mine == nil {
			s.runs[k] = rs
			continue
		}
		mine.requests += rs.requests
		mine.failed += rs.failed
		mine.unauthorized += rs.unauthorized
		mine.auth += rs.auth
		mine.first, mine.last = minTime(mine.first, rs.first), maxTime(mine.last, rs.last)
		for name, tr := range rs.tests {
			if t := mine.tests[name]; t != nil {
				t.merge(tr)
			} else {
				mine.tests[name] = tr
			}
		}
	}
}

func (tr *testRun) merge(o *testRun) {
	tr.passed += o.passed
	tr.failed += o.failed
	for st, n := range o.statuses {
		if tr.statuses == nil {
			tr.statuses = map[int]int{}
		}
		tr.statuses[st] += n
	}
}

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

// authOutages merges whole hours of auth failures into spells, then adds
// the runs that failed whole: to the spell they fall in, or on their own.
func (s *signals) authOutages() []AuthOutage {
	var out []AuthOutage
	var cur *AuthOutage
	var last int64
	flush := func() {
		if cur != nil && cur.Requests >= minAuthOutage {
			out = append(out, *cur)
		}
		cur = nil
	}
	for _, k := range slices.Sorted(maps.Keys(s.hours)) {
		hs := s.hours[k]
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
	out = s.addOutageRuns(out)
	slices.SortStableFunc(out, func(x, y AuthOutage) int { return x.Start.Compare(y.Start) })
	return out
}

func (s *signals) addOutageRuns(out []AuthOutage) []AuthOutage {
	var whole []runKey // runs in which every request failed with 401 or 403
	for k, rs := range s.runs {
		if rs.requests >= minAuthOutage && rs.auth == rs.requests {
			whole = append(whole, k)
		}
	}
	slices.SortFunc(whole, func(x, y runKey) int { return cmp.Or(cmp.Compare(x.source, y.source), cmp.Compare(x.run, y.run)) })
	for _, k := range whole {
		rs := s.runs[k]
		i := slices.IndexFunc(out, func(o AuthOutage) bool {
			return !rs.first.IsZero() && !rs.first.Before(o.Start) && !rs.last.After(o.End)
		})
		if i < 0 {
			out = append(out, AuthOutage{Start: rs.first, End: rs.last, Requests: rs.requests, Unauthorized: rs.unauthorized})
			i = len(out) - 1
		}
		out[i].Runs = append(out[i].Runs, RunRef{k.source, k.run})
	}
	return out
}

// FlakyTest is a test that passed in some runs and failed in others.
// Runs in which at least half the requests failed are set aside: an
// outage or a broken setup fails every test, flaky or not.
type FlakyTest struct {
	Test                   string
	PassedRuns, FailedRuns int
	Passed, Failed         int     // its requests in the runs counted
	Statuses               []Tally // its failures by status, most frequent first
}

// Tally counts one HTTP status (0: no response).
type Tally struct{ Status, Count int }

// flaky finds the flaky tests; mask hides secrets in their names.
func (s *signals) flaky(mask func(string) string) []FlakyTest {
	byTest := map[string]*FlakyTest{}
	statuses := map[string]map[int]int{}
	for _, rs := range s.runs {
		if 2*rs.failed >= rs.requests {
			continue
		}
		for raw, tr := range rs.tests {
			name := mask(raw)
			ft := byTest[name]
			if ft == nil {
				ft = &FlakyTest{Test: name}
				byTest[name], statuses[name] = ft, map[int]int{}
			}
			ft.Passed += tr.passed
			ft.Failed += tr.failed
			if tr.failed == 0 {
				ft.PassedRuns++
				continue
			}
			ft.FailedRuns++
			for st, n := range tr.statuses {
				statuses[name][st] += n
			}
		}
	}
	var out []FlakyTest
	for name, ft := range byTest {
		if ft.PassedRuns > 0 && ft.FailedRuns > 0 {
			ft.Statuses = tallies(statuses[name])
			out = append(out, *ft)
		}
	}
	slices.SortFunc(out, func(x, y FlakyTest) int {
		return cmp.Or(cmp.Compare(y.FailedRuns, x.FailedRuns), cmp.Compare(y.Failed, x.Failed), cmp.Compare(x.Test, y.Test))
	})
	return out
}

func tallies(m map[int]int) []Tally {
	out := make([]Tally, 0, len(m))
	for st, n := range m {
		out = append(out, Tally{st, n})
	}
	slices.SortFunc(out, func(x, y Tally) int { return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Status, y.Status)) })
	return out
}
