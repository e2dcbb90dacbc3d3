package analyzer

import (
	"reflect"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// TestSkippedAndRetriedTests checks how test cases of test reports count:
// a skipped one is neither a request nor a failure, and one that passed
// after failed attempts is a flaky test.
func TestSkippedAndRetriedTests(t *testing.T) {
	a := New(&Config{Location: time.UTC, Top: 5})
	rec := func(test string, failed, skipped bool, retries int) *parsers.Record {
		return &parsers.Record{Source: "report.json", Format: "playwright", Test: test, Status: parsers.StatusUnknown,
			Failed: failed, Skipped: skipped, Retries: retries}
	}
	a.startFormat(&parsers.Format{})
	for _, r := range []*parsers.Record{
		rec("lists", false, false, 0),
		rec("creates", true, false, 1), // failed on its retry too: not flaky
		rec("renames", false, false, 2),
		rec("deletes", false, true, 0),
		rec("maps", false, false, 0),
		rec("searches", false, false, 0),
	} {
		a.Add(r)
	}
	res := a.Result()
	// 6 records: 5 requests (1 failed), 1 skipped.
	if res.Records != 6 || res.Requests != 5 || res.Failed != 1 || res.Skipped != 1 {
		t.Errorf("got %d records, %d requests, %d failed, %d skipped; want 6, 5, 1, 1", res.Records, res.Requests, res.Failed, res.Skipped)
	}
	want := []FlakyTest{{Test: "renames", PassedRuns: 1, FailedRuns: 1, Passed: 1, Failed: 2,
		Statuses: []Tally{{parsers.StatusUnknown, 2}}}}
	if got := res.Detected.Flaky; !reflect.DeepEqual(got, want) {
		t.Errorf("got flaky %+v, want %+v", got, want)
	}
	// In a run where most tests failed, a test that passed on a retry is
	// still flaky; the others' failures say nothing of flakiness.
	c := New(&Config{Location: time.UTC})
	for _, r := range []*parsers.Record{rec("a", true, false, 0), rec("b", true, false, 0), rec("c", false, false, 1)} {
		c.Add(r)
	}
	if got := c.Result().Detected.Flaky; len(got) != 1 || got[0].Test != "c" || got[0].FailedRuns != 1 || got[0].PassedRuns != 1 {
		t.Errorf("got flaky %+v, want c, failed in 1 of 2 runs", got)
	}
	// Merged aggregates add their skipped tests up.
	b := New(&Config{Location: time.UTC})
	b.Add(rec("x", false, true, 0))
	a.Merge(b)
	if got := a.Result().Skipped; got != 2 {
		t.Errorf("got %d skipped after a merge, want 2", got)
	}
}
