package analyzer

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// TestAuthOutagesOfManyRuns checks the spells of more runs failed whole
// than are named, each in an hour that also had a success (so each is a
// spell of its own), read in two aggregates merged and in one: every run
// is a spell with its own times and counts, and only the first
// maxAuthRuns by input and id are named. The counts are worked out from
// how the runs are made, not from the detector.
func TestAuthOutagesOfManyRuns(t *testing.T) {
	const n = 2*maxAuthRuns + 300
	zone := time.FixedZone("UTC+2", 2*3600) // the times as a log gives them
	start := day.In(zone)
	type run struct {
		source, id  string
		first, last time.Time
	}
	var runs []run
	var recs []*parsers.Record
	ids := rand.New(rand.NewPCG(5, 6)).Perm(n)
	for k := range n {
		at := start.Add(time.Duration(k) * 7 * time.Minute)
		r := run{source: []string{"logs/a.log", "logs/b.log"}[k%2], id: fmt.Sprintf("run%05d", ids[k]), first: at,
			last: at.Add(2 * time.Second)}
		runs = append(runs, r)
		// A success in the run's hour, from a run of its own.
		recs = append(recs, &parsers.Record{Time: at.Add(-time.Second), Source: r.source, Run: fmt.Sprintf("ok%05d", k),
			Test: "ok", Method: "GET", Endpoint: "/trunks", Status: 200})
		for i, status := range []int{401, 403, 401} {
			recs = append(recs, &parsers.Record{Time: at.Add(time.Duration(i) * time.Second), Source: r.source, Run: r.id,
				Test: fmt.Sprint("test", i), Method: "GET", Endpoint: "/trunks", Status: status, Failed: true})
		}
	}
	read := func(recs []*parsers.Record) *Aggregate {
		a := New(&Config{Location: time.UTC})
		a.startFormat(&parsers.Format{})
		for _, r := range recs {
			a.Add(r)
			if r.Status == 401 && r.Test == "test2" || r.Status == 200 { // the run's last record
				a.AddRun(parsers.Run{Source: r.Source, ID: r.Run, Complete: true, Start: r.Time, End: r.Time})
			}
		}
		return a
	}
	whole := read(recs).Result().Detected
	half := read(recs[:len(recs)/2])
	half.Merge(read(recs[len(recs)/2:]))
	merged := half.Result().Detected

	named := map[run]bool{}
	byName := slices.Clone(runs)
	slices.SortFunc(byName, func(x, y run) int { return cmp.Or(cmp.Compare(x.source, y.source), cmp.Compare(x.id, y.id)) })
	for _, r := range byName[:maxAuthRuns] {
		named[r] = true
	}
	for name, f := range map[string]Findings{"one aggregate": whole, "two merged": merged} {
		if len(f.AuthOutages) != n || f.AuthRunsLeftOut != n-maxAuthRuns {
			t.Fatalf("%s: got %d spells, %d runs left out; want %d, %d", name, len(f.AuthOutages), f.AuthRunsLeftOut, n, n-maxAuthRuns)
		}
		requests, unauthorized, listed := 0, 0, 0
		for i, o := range f.AuthOutages {
			r := runs[i] // the spells come in time order, as the runs were made
			requests += o.Requests
			unauthorized += o.Unauthorized
			if !o.Start.Equal(r.first) || !o.End.Equal(r.last) {
				t.Fatalf("%s: spell %d from %v to %v, want %v to %v", name, i, o.Start, o.End, r.first, r.last)
			}
			switch {
			case named[r] && (len(o.Runs) != 1 || o.Runs[0] != RunRef{r.source, r.id}):
				t.Fatalf("%s: spell %d names %v, want %s %s", name, i, o.Runs, r.source, r.id)
			case !named[r] && len(o.Runs) != 0:
				t.Fatalf("%s: spell %d names %v, want none (past the first %d by name)", name, i, o.Runs, maxAuthRuns)
			}
			listed += len(o.Runs)
		}
		if requests != 3*n || unauthorized != 2*n || listed != maxAuthRuns {
			t.Errorf("%s: got %d requests, %d 401s, %d runs named; want %d, %d, %d", name, requests, unauthorized, listed,
				3*n, 2*n, maxAuthRuns)
		}
	}
}

// TestAnonRunKeepsItsTimes checks that a run kept without its name keeps
// its times to the nanosecond, the zero time and far years too.
func TestAnonRunKeepsItsTimes(t *testing.T) {
	zone := time.FixedZone("", -5*3600)
	for _, w := range []wholeRun{
		{first: time.Date(2025, 1, 13, 22, 24, 0, 123456789, zone), last: time.Date(2025, 1, 13, 23, 0, 0, 999999999, zone), requests: 3, unauthorized: 2},
		{requests: 4}, // no times
		{first: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), last: time.Date(9999, 12, 31, 23, 59, 59, 999999999, zone), requests: 1 << 40, unauthorized: 1 << 33},
	} {
		got := anonOf(w).whole()
		if !got.first.Equal(w.first) || !got.last.Equal(w.last) || got.first.IsZero() != w.first.IsZero() ||
			got.requests != w.requests || got.unauthorized != w.unauthorized || got.key != (runKey{}) {
			t.Errorf("got %+v, want %+v without its name", got, w)
		}
	}
}
