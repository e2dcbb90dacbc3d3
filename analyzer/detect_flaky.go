package analyzer

import (
	"cmp"
	"slices"

	"github.com/errpat/errpat/parsers"
)

// FlakyTest is a test that passed in some runs and failed in others.
// Runs in which at least half the requests failed are set aside: an
// outage or a broken setup fails every test, flaky or not. A test that
// failed and then passed on a retry inside one run (Playwright's flaky,
// Surefire's flakyFailure, a passed record with Retries) is flaky too:
// its failed attempts count as one failed run beside the passed one, and
// as failures of unknown status, even in a run otherwise set aside.
type FlakyTest struct {
	Test                   string
	PassedRuns, FailedRuns int
	Passed, Failed         int     // its requests in the runs counted
	Statuses               []Tally // its failures by status, most frequent first
}

// flakyDetector finds the flaky tests in the runs followed: it has no
// state of its own.
type flakyDetector struct{}

func (flakyDetector) add(*observation)                        {}
func (flakyDetector) addMinute(*minuteBatch)                  {}
func (flakyDetector) merge(failureDetector, func(int64) bool) {}
func (flakyDetector) find(e *evidence, f *Findings)           { f.Flaky = e.runs.flaky(e.mask, e.folds...) }

// Tally counts one HTTP status (0: no response).
type Tally struct{ Status, Count int }

// flaky finds the flaky tests in the folded runs; mask hides secrets in
// their names (names that differ only in a secret add up).
func (s *runSet) flaky(mask func(string) string, folds ...*runFold) []FlakyTest {
	byTest := map[string]*FlakyTest{}
	statuses := map[string]map[int]int{}
	for _, f := range folds {
		for id := range f.tests {
			tf := &f.tests[id]
			if tf.passedRuns+tf.failedRuns == 0 {
				continue
			}
			name := mask(s.names[id])
			ft := byTest[name]
			if ft == nil {
				ft = &FlakyTest{Test: name}
				byTest[name], statuses[name] = ft, map[int]int{}
			}
			ft.PassedRuns += tf.passedRuns
			ft.FailedRuns += tf.failedRuns
			ft.Passed += tf.passed
			ft.Failed += tf.failed
			for _, t := range tf.statuses {
				statuses[name][t.Status] += t.Count
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

// addRetried folds, of a run set aside (half its requests or more
// failed), the tests that passed on a retry: the tool saw them fail and
// pass in the same conditions, which no outage explains.
func (f *runFold) addRetried(rs *runSignal) {
	for i := range rs.tests {
		tr := &rs.tests[i]
		if tr.failed == 0 && tr.retried > 0 {
			tf := f.test(tr.name)
			tf.passed += tr.passed
			tf.passedRuns++
			tf.addRetried(tr.retried)
		}
	}
}

// addRetried counts the failed attempts of a test that passed in the
// end, in one run.
func (tf *testFold) addRetried(n int) {
	if n <= 0 {
		return
	}
	tf.failedRuns++
	tf.failed += n
	tf.statuses = addTally(tf.statuses, parsers.StatusUnknown, n)
}

func tallies(m map[int]int) []Tally {
	out := make([]Tally, 0, len(m))
	for st, n := range m {
		out = append(out, Tally{st, n})
	}
	slices.SortFunc(out, func(x, y Tally) int { return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Status, y.Status)) })
	return out
}
