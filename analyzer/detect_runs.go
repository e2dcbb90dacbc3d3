package analyzer

import (
	"time"

	"github.com/errpat/errpat/parsers"
)

// runSet follows the runs for the auth-outage, flaky-test and rate-limit
// detectors. A run is open from its first record until its Run comes
// (Aggregate.AddRun, right after its last record) or, for records that
// no Run closes (JSON lines, Run ""), until an aggregate that does not go
// on with it is merged. Then it is folded into per-test counts and
// forgotten: memory grows with the tests, not with the runs.
type runSet struct {
	open    map[runKey]*runSignal
	lastKey runKey     // the run of the last record added…
	last    *runSignal // …and its counts, while its records follow one another
	spare   *runSignal // a closed run's storage, for the next run

	names   []string       // raw test names, by number
	nameIDs map[string]int // the numbers of the names
	nameBuf []byte         // the record's test name, built without allocating
	// byEndpoint holds, by endpoint number, 1 + the number of the name of
	// the tests without a name of their own (method and endpoint), or 0:
	// those records cost no map lookup.
	byEndpoint []int

	done   runFold   // the closed runs
	server runSignal // the run of every record of a server's log: none
}

// runKey names a run: its input and its id there (a file without runs
// is one run).
type runKey struct{ source, run string }

// runSignal counts one open run.
type runSignal struct {
	requests, failed   int
	unauthorized, auth int // 401 failures; 401 and 403 failures
	first, last        time.Time
	tests              []testRun
	// index finds a test by name number in tests, once the run has more
	// than smallRun of them; below, a scan of tests costs less.
	index map[int]int
	// pending is the run's last 429 until its next request. Runs do not
	// cross inputs, so it is never merged.
	pending *pending429
}

// testRun counts one test's requests in one run.
type testRun struct {
	name           int // its number in runSet.names
	passed, failed int
	retried        int     // failed attempts of its passed records (see FlakyTest)
	statuses       []Tally // failures by status
}

// smallRun is the most tests of a run found by a scan.
const smallRun = 16

// maxSpareTests bounds the tests of a run whose storage is reused:
// clearing a huge index for every later run would cost more than it saves.
const maxSpareTests = 256

func newRunSet() runSet {
	return runSet{open: map[runKey]*runSignal{}, nameIDs: map[string]int{}}
}

// run returns the record's open run, opening it at its first record.
func (s *runSet) run(r *parsers.Record) *runSignal {
	if s.last != nil && s.lastKey.source == r.Source && s.lastKey.run == r.Run {
		return s.last
	}
	rk := runKey{r.Source, r.Run}
	rs := s.open[rk]
	if rs == nil {
		rs = s.newRun()
		s.open[rk] = rs
	}
	s.lastKey, s.last = rk, rs
	return rs
}

func (s *runSet) newRun() *runSignal {
	if rs := s.spare; rs != nil {
		s.spare = nil
		return rs
	}
	return &runSignal{}
}

// test returns the run's counts of the record's test; endpoint is the
// record's masked pattern, number endpointID.
func (s *runSet) test(rs *runSignal, r *parsers.Record, endpointID int, endpoint string) *testRun {
	id := s.testID(r, endpointID, endpoint)
	if tr := rs.find(id); tr != nil {
		return tr
	}
	return rs.addTest(id)
}

// testID returns the number of the record's test name.
func (s *runSet) testID(r *parsers.Record, endpointID int, endpoint string) int {
	if r.Test != "" {
		if id, ok := s.nameIDs[r.Test]; ok {
			return id
		}
		return s.nameID(r.Test) // a name never seen: its one allocation
	}
	if endpointID < len(s.byEndpoint) && s.byEndpoint[endpointID] > 0 {
		return s.byEndpoint[endpointID] - 1
	}
	s.nameBuf = appendTestName(s.nameBuf[:0], r, endpoint)
	id := s.nameID(string(s.nameBuf))
	for len(s.byEndpoint) <= endpointID {
		s.byEndpoint = append(s.byEndpoint, 0)
	}
	s.byEndpoint[endpointID] = id + 1
	return id
}

// appendTestName appends the name a test goes by across runs: its own,
// else the request's method and endpoint pattern. It is masked when
// results are made, not for each record.
func appendTestName(b []byte, r *parsers.Record, endpoint string) []byte {
	switch {
	case r.Test != "":
		return append(b, r.Test...)
	case r.Method == "":
		return append(b, endpoint...)
	}
	return append(append(append(b, r.Method...), ' '), endpoint...)
}

// nameID returns the number of a test name, numbering it if new.
func (s *runSet) nameID(name string) int {
	if id, ok := s.nameIDs[name]; ok {
		return id
	}
	if len(s.names) >= maxGroups {
		if id, ok := s.nameIDs[OtherTests]; ok {
			return id
		}
		name = OtherTests
	}
	s.names = append(s.names, name)
	s.nameIDs[name] = len(s.names) - 1
	return len(s.names) - 1
}

// find returns the run's counts of test number id, or nil.
func (rs *runSignal) find(id int) *testRun {
	if rs.index != nil {
		if i, ok := rs.index[id]; ok {
			return &rs.tests[i]
		}
		return nil
	}
	for i := range rs.tests {
		if rs.tests[i].name == id {
			return &rs.tests[i]
		}
	}
	return nil
}

// addTest adds test number id to the run, reusing the storage of a
// closed run's.
func (rs *runSignal) addTest(id int) *testRun {
	n := len(rs.tests)
	if n < cap(rs.tests) {
		rs.tests = rs.tests[:n+1]
		rs.tests[n] = testRun{name: id, statuses: rs.tests[n].statuses[:0]}
	} else {
		rs.tests = append(rs.tests, testRun{name: id})
	}
	switch {
	case rs.index != nil:
		rs.index[id] = n
	case n+1 > smallRun:
		rs.index = make(map[int]int, 2*smallRun)
		for i := range rs.tests {
			rs.index[rs.tests[i].name] = i
		}
	}
	return &rs.tests[n]
}

func (rs *runSignal) add(r *parsers.Record, tr *testRun) {
	rs.requests++
	rs.first, rs.last = minTime(rs.first, r.Time), maxTime(rs.last, r.Time)
	if !r.Failed {
		tr.passed++
		tr.retried += r.Retries
		return
	}
	tr.failed++
	tr.statuses = addTally(tr.statuses, r.Status, 1)
	rs.failed++
	if isAuthStatus(r.Status) {
		rs.auth++
		if r.Status == 401 {
			rs.unauthorized++
		}
	}
}

// addTally counts n failures of status; a test fails with few statuses.
func addTally(ts []Tally, status, n int) []Tally {
	for i := range ts {
		if ts[i].Status == status {
			ts[i].Count += n
			return ts
		}
	}
	return append(ts, Tally{status, n})
}

// close folds a run whose records are all in, and forgets it.
func (s *runSet) close(k runKey) {
	rs := s.open[k]
	if rs == nil {
		return
	}
	delete(s.open, k)
	if s.last == rs {
		s.last = nil
	}
	s.done.add(k, rs)
	if len(rs.tests) <= maxSpareTests {
		clear(rs.index)
		*rs = runSignal{index: rs.index, tests: rs.tests[:0]}
		s.spare = rs
	}
}

// endRun closes a run in both windows (its records may fall in either)
// once its Run has come.
func (a *Aggregate) endRun(run parsers.Run) {
	k := runKey{run.Source, run.ID}
	a.runs.close(k)
	if a.prev != nil {
		a.prev.runs.close(k)
	}
}

// merge adds o's runs, o being filled after s. A run still open in both
// goes on in o (a file read in parts, whose records no Run closes); the
// other runs open in s are over.
func (s *runSet) merge(o *runSet) {
	for k := range s.open {
		if o.open[k] == nil {
			s.close(k)
		}
	}
	for id := range o.done.tests {
		if tf := &o.done.tests[id]; tf.passedRuns+tf.failedRuns > 0 {
			s.done.test(s.nameID(o.names[id])).merge(tf)
		}
	}
	s.done.whole.merge(&o.done.whole)
	for k, rs := range o.open {
		s.adopt(k, rs, o.names)
	}
}

// adopt takes over a run still open in another aggregate, whose test
// numbers are names.
func (s *runSet) adopt(k runKey, o *runSignal, names []string) {
	rs := s.open[k]
	if rs == nil {
		rs = s.newRun()
		s.open[k] = rs
	}
	rs.requests += o.requests
	rs.failed += o.failed
	rs.unauthorized += o.unauthorized
	rs.auth += o.auth
	rs.first, rs.last = minTime(rs.first, o.first), maxTime(rs.last, o.last)
	for i := range o.tests {
		ot := &o.tests[i]
		id := s.nameID(names[ot.name])
		tr := rs.addTestOnce(id)
		tr.passed += ot.passed
		tr.failed += ot.failed
		tr.retried += ot.retried
		for _, t := range ot.statuses {
			tr.statuses = addTally(tr.statuses, t.Status, t.Count)
		}
	}
}

func (rs *runSignal) addTestOnce(id int) *testRun {
	if tr := rs.find(id); tr != nil {
		return tr
	}
	return rs.addTest(id)
}

// foldOpen folds the runs still open apart, leaving them open.
func (s *runSet) foldOpen() *runFold {
	f := &runFold{}
	for k, rs := range s.open {
		f.add(k, rs)
	}
	return f
}

// runFold is what closed runs leave for the flaky-test and auth-outage
// detectors. It adds up in any order.
type runFold struct {
	tests []testFold // by test number
	whole wholeRuns
}

// testFold counts one test over the runs in which fewer than half of the
// requests failed.
type testFold struct {
	passedRuns, failedRuns int
	passed, failed         int
	statuses               []Tally
}

func (f *runFold) add(k runKey, rs *runSignal) {
	if rs.requests >= minAuthOutage && rs.auth == rs.requests {
		f.whole.add(wholeRun{k, rs.first, rs.last, rs.requests, rs.unauthorized})
	}
	if 2*rs.failed >= rs.requests {
		f.addRetried(rs)
		return
	}
	for i := range rs.tests {
		tr := &rs.tests[i]
		tf := f.test(tr.name)
		tf.passed += tr.passed
		tf.failed += tr.failed
		if tr.failed == 0 {
			tf.passedRuns++
			tf.addRetried(tr.retried)
			continue
		}
		tf.failedRuns++
		for _, t := range tr.statuses {
			tf.statuses = addTally(tf.statuses, t.Status, t.Count)
		}
	}
}

func (f *runFold) test(id int) *testFold {
	for len(f.tests) <= id {
		f.tests = append(f.tests, testFold{})
	}
	return &f.tests[id]
}

func (tf *testFold) merge(o *testFold) {
	tf.passedRuns += o.passedRuns
	tf.failedRuns += o.failedRuns
	tf.passed += o.passed
	tf.failed += o.failed
	for _, t := range o.statuses {
		tf.statuses = addTally(tf.statuses, t.Status, t.Count)
	}
}
