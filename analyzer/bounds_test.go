package analyzer

import (
	"fmt"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// distinct is n failed requests, each with its own endpoint (no digits,
// so nothing folds), message, error code and test name.
func distinct(n, from int) []parsers.Record {
	letters := func(i int) string {
		b := []byte("aaaaaa")
		for j := len(b) - 1; i > 0; j-- {
			b[j] = byte('a' + i%26)
			i /= 26
		}
		return string(b)
	}
	out := make([]parsers.Record, n)
	for i := range out {
		w := letters(from + i)
		out[i] = parsers.Record{Source: "a.jsonl", Line: i + 1, Format: parsers.FormatJSONLines,
			Time:   time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second),
			Method: "GET", Endpoint: "/x/" + w, Status: 500, Failed: true, Message: "broken " + w,
			ErrorCode: "E_" + w, Test: "test " + w}
	}
	return out
}

// TestGroupsBounded checks that endpoints, patterns, error codes and
// test names past maxGroups are counted in one "other" group each, in one
// aggregate and across merges, whatever the order of the merged maps.
func TestGroupsBounded(t *testing.T) {
	n := maxGroups + 500
	check := func(t *testing.T, res *Result) {
		t.Helper()
		if res.Requests != n {
			t.Fatalf("%d requests, want %d", res.Requests, n)
		}
		if len(res.ByEndpoint) > maxGroups+1 || len(res.Patterns) > maxGroups+1 || len(res.ErrorCodes) > maxGroups+1 {
			t.Errorf("groups: %d endpoints, %d patterns, %d codes; want at most %d each",
				len(res.ByEndpoint), len(res.Patterns), len(res.ErrorCodes), maxGroups+1)
		}
		sum := func(name string, counts map[string]int) {
			total, other := 0, 0
			for k, c := range counts {
				total += c
				if k == OtherEndpoints || k == OtherMessages || k == OtherCodes {
					other = c
				}
			}
			if total != n || other < 500 {
				t.Errorf("%s: %d counted, %d in the other group; want %d, at least 500", name, total, other, n)
			}
		}
		eps, pats, codes := map[string]int{}, map[string]int{}, map[string]int{}
		for _, e := range res.ByEndpoint {
			eps[e.Endpoint] += e.Requests
		}
		for _, p := range res.Patterns {
			pats[p.Pattern] += p.Count
		}
		for _, c := range res.ErrorCodes {
			codes[c.Code] += c.Count
		}
		sum("endpoints", eps)
		sum("patterns", pats)
		sum("codes", codes)
	}
	cfg := &Config{Location: time.UTC, Top: 5}
	t.Run("one aggregate", func(t *testing.T) {
		a := New(cfg)
		for _, r := range distinct(n, 0) {
			a.Add(&r)
		}
		check(t, a.Result())
	})
	t.Run("merged", func(t *testing.T) {
		results := make([]*Result, 3)
		for i := range results {
			a, b := New(cfg), New(cfg)
			for _, r := range distinct(n/2, 0) {
				a.Add(&r)
			}
			for _, r := range distinct(n-n/2, n/2) {
				b.Add(&r)
			}
			total := New(cfg)
			total.Merge(a)
			total.Merge(b)
			results[i] = total.Result()
			check(t, results[i])
		}
		for i := 1; i < len(results); i++ {
			if fmt.Sprint(results[i].ByEndpoint) != fmt.Sprint(results[0].ByEndpoint) {
				t.Fatal("the endpoints kept differ from one merge to the next")
			}
		}
	})
}

// TestHoursBounded checks that requests past maxHours distinct hours are
// counted, not charted, alone and across a merge, and that the detectors
// see only the charted hours.
func TestHoursBounded(t *testing.T) {
	cfg := &Config{Location: time.UTC, Top: 5}
	base := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	add := func(a *Aggregate, from, n int) {
		for i := from; i < from+n; i++ {
			r := parsers.Record{Source: "a.jsonl", Line: i + 1, Format: parsers.FormatJSONLines, Endpoint: "/a",
				Time: base.Add(time.Duration(i) * time.Hour), Status: 0, Failed: true, Message: "timeout"}
			a.Add(&r)
		}
	}
	n := maxHours + 300
	one := New(cfg)
	add(one, 0, n)
	a, b := New(cfg), New(cfg)
	add(a, 0, n/2)
	add(b, n/2, n-n/2)
	merged := New(cfg)
	merged.Merge(a)
	merged.Merge(b)
	for name, agg := range map[string]*Aggregate{"one": one, "merged": merged} {
		res := agg.Result()
		charted := 0
		for _, h := range res.ByHour {
			charted += h.Requests
		}
		if res.Requests != n || len(res.ByHour) != maxHours || charted+res.Uncharted != n || res.Uncharted != 300 {
			t.Errorf("%s: %d requests, %d hours charted holding %d, %d uncharted; want %d, %d, %d, 300",
				name, res.Requests, len(res.ByHour), charted, res.Uncharted, n, maxHours, n-300)
		}
		for _, d := range agg.detectors {
			if n := heldHours(d); n > maxHours {
				t.Errorf("%s: the %T holds %d hours, more than %d", name, d, n, maxHours)
			}
		}
	}
}

// heldHours is the number of hours a detector keeps apart.
func heldHours(d failureDetector) int {
	switch d := d.(type) {
	case *authDetector:
		return len(d.hours)
	case *intermittentDetector:
		return len(d.hours)
	}
	return 0
}
