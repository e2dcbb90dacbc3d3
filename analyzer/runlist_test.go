package analyzer

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// TestRunListHeldBounded checks that a list of incomplete runs never holds
// more than MaxRunsListed+runSlack runs while they come, one by one or
// merged, and that the list a result gets holds the runs listed alone.
func TestRunListHeldBounded(t *testing.T) {
	base := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	var all runList
	most := 0
	for p, perm := 0, rand.New(rand.NewPCG(7, 8)).Perm(6000); p < len(perm); p += 150 { // parts of 150 runs
		var part runList
		for _, i := range perm[p : p+150] {
			part.add(parsers.Run{Source: "a.log", ID: fmt.Sprintf("run%05d", i), Start: base.Add(time.Duration(i) * time.Second)})
			most = max(most, cap(part.runs))
		}
		all.merge(&part)
		most = max(most, cap(all.runs))
	}
	if limit := MaxRunsListed + runSlack; most > limit+limit/4 { // append's growth past the limit
		t.Errorf("a list held room for %d runs, want about %d at most", most, limit)
	}
	listed := all.listed()
	if all.n != 6000 || len(listed) != MaxRunsListed || cap(listed) >= MaxRunsListed+runSlack {
		t.Fatalf("got %d listed (room for %d) of %d, want %d of 6000", len(listed), cap(listed), all.n, MaxRunsListed)
	}
	for i, run := range listed {
		if want := fmt.Sprintf("run%05d", i); run.ID != want {
			t.Fatalf("listed run %d is %s, want %s", i, run.ID, want)
		}
	}
}

// TestRunListTiesInOneOrder checks that runs alike in start, input and id
// (a log that reuses a run id) are listed in one order, whatever the
// order they came in and however often the list was trimmed.
func TestRunListTiesInOneOrder(t *testing.T) {
	at := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	var runs []parsers.Run
	for i := range MaxRunsListed + 2*runSlack {
		runs = append(runs, parsers.Run{Source: "a.log", ID: "run1", Start: at, End: at.Add(time.Duration(i%97) * time.Second),
			LastLine: i})
	}
	var first []parsers.Run
	for seed := range uint64(4) {
		var l runList
		for _, i := range rand.New(rand.NewPCG(seed, 1)).Perm(len(runs)) {
			l.add(runs[i])
		}
		got := l.listed()
		for i := 1; i < len(got); i++ {
			if compareRuns(got[i-1], got[i]) > 0 {
				t.Fatalf("seed %d: run %d (%+v) listed before %+v", seed, i-1, got[i-1], got[i])
			}
		}
		if first == nil {
			first = got
		} else if !reflect.DeepEqual(got, first) {
			t.Errorf("seed %d: got another list of the same runs", seed)
		}
	}
	// Ends of 0 to 96 s in 1,500 runs: those under 45 s come 16 times
	// (720 runs), the others 15, so the first 1,000 end at 0 to 63 s
	// (720 + 15 × 19 = 1,005).
	if first[0].End != at || first[len(first)-1].End != at.Add(63*time.Second) {
		t.Errorf("got ends %v to %v, want 0 s to 63 s after the start", first[0].End, first[len(first)-1].End)
	}
}
