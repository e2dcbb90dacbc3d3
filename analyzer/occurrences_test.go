package analyzer

import (
	"reflect"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// occurrenceRecords are four failures of one pattern: the second has a
// payload, the third both bodies, the fourth both too (but later).
func occurrenceRecords() []parsers.Record {
	at := time.Date(2026, 11, 28, 3, 21, 0, 0, time.UTC)
	fail := func(i int, test, endpoint, source, payload, response string) parsers.Record {
		return parsers.Record{Time: at.Add(time.Duration(i) * time.Second), Source: source, Line: i + 1, Test: test,
			Method: "POST", Endpoint: endpoint, Status: 400, Failed: true, Message: "Invalid trunk name",
			Payload: payload, Response: response, Run: source}
	}
	return []parsers.Record{
		fail(0, "Create Trunk", "/trunks/TR1", "a.log", "", ""),
		fail(1, "Create Trunk", "/trunks/TR2", "a.log", `{"name": "x"}`, ""),
		fail(2, "Rename Trunk", "/v2/accounts/ACdeadbeef0123/trunks", "b.log", `{"name": "y"}`, `{"error": "bad"}`),
		fail(3, "", "/trunks/TR3", "c.log", `{"name": "z"}`, `{"error": "bad"}`),
	}
}

func TestOccurrences(t *testing.T) {
	cfg := &Config{Occurrences: true, Top: 5}
	a := New(cfg)
	recs := occurrenceRecords()
	for i := range recs {
		a.Add(&recs[i])
	}
	res := a.Result()
	if len(res.Patterns) != 1 || res.Patterns[0].Occurrences == nil {
		t.Fatalf("got %d patterns (%+v), want 1 with its occurrences", len(res.Patterns), res.Patterns)
	}
	occ := res.Patterns[0].Occurrences
	ex := occ.Example
	if ex.Line != 3 || ex.Test != "Rename Trunk" || ex.Folded != "/v2/accounts/{id}/trunks" || ex.Account != AccountSID || ex.Run != "" {
		t.Errorf("got example %+v, want the third record (the first with both bodies), its run named by its file", ex)
	}
	wantTests := []NamedCount{{"Create Trunk", 2}, {"", 1}, {"Rename Trunk", 1}}
	if !reflect.DeepEqual(occ.Tests, wantTests) {
		t.Errorf("got tests %v, want %v", occ.Tests, wantTests)
	}
	wantCalls := []NamedCount{{"POST /trunks/{id}", 3}, {"POST /v2/accounts/{id}/trunks", 1}}
	if !reflect.DeepEqual(occ.Calls, wantCalls) {
		t.Errorf("got calls %v, want %v", occ.Calls, wantCalls)
	}
	if occ.Files != 3 {
		t.Errorf("got %d files, want 3", occ.Files)
	}

	// Split anywhere, merged in order: the same occurrences.
	for cut := range recs {
		x, y := New(cfg), New(cfg)
		for i := range recs {
			if i < cut {
				x.Add(&recs[i])
			} else {
				y.Add(&recs[i])
			}
		}
		x.Merge(y)
		if got := x.Result().Patterns[0].Occurrences; !reflect.DeepEqual(got, occ) {
			t.Errorf("cut at %d: got %+v, want %+v", cut, got, occ)
		}
	}
}

func TestNoOccurrencesUnlessAsked(t *testing.T) {
	a := New(&Config{})
	recs := occurrenceRecords()
	a.Add(&recs[0])
	if occ := a.Result().Patterns[0].Occurrences; occ != nil {
		t.Errorf("got occurrences %+v, want none without Config.Occurrences", occ)
	}
}
