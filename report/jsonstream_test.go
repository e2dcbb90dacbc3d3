package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

type streamInner struct {
	Name  string         `json:"name"`
	Tags  []string       `json:"tags,omitempty"`
	Count int            `json:"count,omitempty"`
	Attrs map[string]int `json:"attrs"`
}

type streamEmbedded struct{ A int }

type streamOuter struct {
	Title    string         `json:"title"`
	HTML     string         `json:"html"`
	Nil      []streamInner  `json:"nil"`
	Empty    []streamInner  `json:"empty"`
	Items    []streamInner  `json:"items"`
	Ptr      *streamInner   `json:"ptr"`
	NilPtr   *streamInner   `json:"nil_ptr"`
	Omitted  *streamInner   `json:"omitted,omitempty"`
	Nested   [][]int        `json:"nested"`
	Bytes    []byte         `json:"bytes"`
	When     time.Time      `json:"when"`
	Any      any            `json:"any"`
	Embedded streamEmbedded `json:"embedded"`
	Quoted   int            `json:"quoted,string"`
	Skipped  int            `json:"-"`
	NoTag    []int
	Float    float64  `json:"float"`
	NoFields struct{} `json:"no_fields"`
	hidden   int
}

// TestStreamJSONMatchesEncoder checks that the streamed JSON report is
// byte for byte what encoding/json writes, on the shapes the report model
// uses and on the ones it leaves to encoding/json.
func TestStreamJSONMatchesEncoder(t *testing.T) {
	outer := streamOuter{
		Title: "errpat", HTML: `<a href="x">&</a> é \u2028`, Empty: []streamInner{},
		Items:  []streamInner{{Name: "a", Tags: []string{"x", "y"}, Attrs: map[string]int{"b": 2, "a": 1}}, {Name: "b"}},
		Ptr:    &streamInner{Name: "p", Count: 3},
		Nested: [][]int{{1, 2}, {}, nil}, Bytes: []byte("hi"), When: time.Date(2025, 1, 13, 9, 0, 0, 5, time.UTC),
		Any: map[string]any{"k": []int{1}}, Embedded: streamEmbedded{A: 1}, Quoted: 7, Skipped: 9,
		NoTag: []int{4}, Float: 0.1 + 0.2, hidden: 1,
	}
	for name, v := range map[string]any{
		"struct":   outer,
		"pointer":  &outer,
		"slice":    []streamOuter{outer, {}},
		"sample":   sample(t),
		"long":     longReport(),
		"scalar":   42,
		"nil":      nil,
		"empty":    []int{},
		"strings":  []string{"<", "\x00", "\xff"},
		"map only": map[string][]int{"z": {1}, "a": nil},
	} {
		t.Run(name, func(t *testing.T) {
			var want, got bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			if err := streamJSON(&got, v); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("streamed:\n%s\nencoding/json:\n%s", got.Bytes(), want.Bytes())
			}
		})
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return 0, errShort
	}
	f.n -= len(p)
	return len(p), nil
}

var errShort = &json.UnsupportedValueError{Str: "short write"}

func TestStreamJSONReportsWriteErrors(t *testing.T) {
	if err := streamJSON(&failWriter{n: 100}, longReport()); err == nil {
		t.Error("a failing writer: got no error")
	}
}
