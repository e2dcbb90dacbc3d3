package report

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSourcesMarkAggregate checks that a source of counts is marked
// "aggregate" in the text and in JSON, and others are not.
func TestSourcesMarkAggregate(t *testing.T) {
	in := Inputs{Sources: []Source{
		{Format: "k6-summary", Side: "load", Files: 1, Records: 12, Aggregate: true},
		{Format: "k6", Side: "load", Files: 2, Records: 5},
	}}
	text := sourcesText(in)
	want := "Sources: k6-summary (load side, aggregate) 1 file, 12 records; k6 (load side) 2 files, 5 records."
	if text != want {
		t.Errorf("got %q, want %q", text, want)
	}
	b, err := json.Marshal(in.Sources)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(b), `"aggregate":true`); got != 1 || strings.Contains(string(b), `"aggregate":false`) {
		t.Errorf("got JSON %s, want one \"aggregate\":true and no false", b)
	}
}
