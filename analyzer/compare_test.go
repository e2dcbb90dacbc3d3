package analyzer

import (
	"reflect"
	"testing"
)

func TestCompare(t *testing.T) {
	then := Snapshot{Requests: 1000, Failed: 60,
		Patterns: []PatternCount{
			{Pattern: "Unexpected error", Class: ClassServer, Count: 20},
			{Pattern: "Validation failed", Class: ClassValidation, Count: 10},
			{Pattern: "Rate limited", Class: ClassRateLimit, Count: 20},
			{Pattern: "Trunk exists", Class: ClassConflict, Count: 10},
		},
		Endpoints: []EndpointCount{
			{Method: "POST", Endpoint: "/trunks", Requests: 500, Failed: 25, ErrorRate: 5, P95: 1.0, Timed: 500},
			{Method: "GET", Endpoint: "/trunks/{id}", Requests: 500, Failed: 35, ErrorRate: 7, P95: 1.0, Timed: 500},
			{Method: "GET", Endpoint: "/gone", Requests: 10, Failed: 0, Timed: 10},
		},
	}
	now := Snapshot{Requests: 500, Failed: 60,
		Patterns: []PatternCount{
			{Pattern: "Unexpected error", Class: ClassServer, Count: 30},     // grew by count and share
			{Pattern: "Validation failed", Class: ClassValidation, Count: 8}, // 1.6% vs 1%: share, 3 more than predicted
			{Pattern: "Rate limited", Class: ClassRateLimit, Count: 10},      // 2% as before
			{Pattern: "Invalid API credentials", Class: ClassAuth, Count: 12},
		},
		Endpoints: []EndpointCount{
			{Method: "POST", Endpoint: "/trunks", Requests: 250, Failed: 30, ErrorRate: 12, P95: 1.05, Timed: 250},     // error rate up
			{Method: "GET", Endpoint: "/trunks/{id}", Requests: 250, Failed: 18, ErrorRate: 7.2, P95: 2.5, Timed: 250}, // p95 up
			{Method: "GET", Endpoint: "/new", Requests: 5, Failed: 5, ErrorRate: 100, Timed: 5},                        // not seen then
		},
	}
	c := Compare(now, then)
	if c.ErrorRateNow != 12 || c.ErrorRateThen != 6 {
		t.Errorf("error rates: got %g, %g, want 12, 6", c.ErrorRateNow, c.ErrorRateThen)
	}
	names := func(ps []PatternChange) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Pattern)
		}
		return out
	}
	for _, tt := range []struct {
		list string
		got  []PatternChange
		want []string
	}{
		{"new", c.New, []string{"Invalid API credentials"}},
		{"grown", c.Grown, []string{"Unexpected error", "Validation failed"}},
		{"gone", c.Gone, []string{"Trunk exists"}},
	} {
		if got := names(tt.got); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.list, got, tt.want)
		}
	}
	want := PatternChange{Pattern: "Unexpected error", Class: ClassServer, CountNow: 30, CountThen: 20, ShareNow: 6, ShareThen: 2,
		ByCount: true, ByShare: true}
	if c.Grown[0] != want {
		t.Errorf("grown: got %+v, want %+v", c.Grown[0], want)
	}
	if g := c.Grown[1]; g.ByCount || !g.ByShare {
		t.Errorf("validation failed: got %+v, want grown by share only", g)
	}
	if len(c.Worse) != 2 || !c.Worse[0].ErrorRateUp || c.Worse[0].Endpoint != "/trunks" || !c.Worse[1].P95Up || c.Worse[1].ErrorRateUp {
		t.Errorf("worse: got %+v, want POST /trunks (error rate) then GET /trunks/{id} (p95)", c.Worse)
	}
}

func TestCompareQuietOnNoise(t *testing.T) {
	then := Snapshot{Requests: 400, Failed: 4,
		Patterns:  []PatternCount{{Pattern: "Feature not enabled", Count: 1}, {Pattern: "Unexpected error", Count: 3}},
		Endpoints: []EndpointCount{{Method: "GET", Endpoint: "/a", Requests: 20, Failed: 2, ErrorRate: 10, P95: 1, Timed: 20}}}
	now := Snapshot{Requests: 200, Failed: 4,
		// the same one failure is a larger share of fewer requests: not news
		Patterns: []PatternCount{{Pattern: "Feature not enabled", Count: 1}, {Pattern: "Unexpected error", Count: 3}},
		// 1 of 5 against 10%: half a failure over the rate; p95 over 5 timed requests is not compared
		Endpoints: []EndpointCount{{Method: "GET", Endpoint: "/a", Requests: 5, Failed: 1, ErrorRate: 20, P95: 9, Timed: 5}}}
	c := Compare(now, then)
	if len(c.New)+len(c.Grown)+len(c.Gone) != 1 || c.Grown[0].Pattern != "Unexpected error" {
		t.Errorf("patterns: got new %v grown %v gone %v, want only Unexpected error grown (3 against 1.5 predicted)", c.New, c.Grown, c.Gone)
	}
	if len(c.Worse) != 0 {
		t.Errorf("worse: got %+v, want none (0.5 failures over the rate, p95 on 5 requests)", c.Worse)
	}
}
