package analyzer

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/errpat/errpat/parsers"
)

// Occurrences are what a bug report tells of a failure pattern beyond
// the report's counts: the occurrence that tells the most, and the tests,
// calls and files it hit. The aggregate gathers them beside each
// pattern's counts only when Config.Occurrences is set: masking the test
// name of every failure is not free.
type Occurrences struct {
	// Example is the first occurrence with both a request payload and a
	// response body, else the first with one, else the first.
	Example Occurrence
	// Tests are the masked test names ("" for none), commonest first.
	Tests []NamedCount
	// Calls are the method and endpoint pattern ("POST /trunks/{id}"),
	// commonest first.
	Calls []NamedCount
	// Files is the number of files it occurred in, at most MaxListed.
	Files int
}

// NamedCount is a text and how often it occurred.
type NamedCount struct {
	Key   string
	Count int
}

// Occurrence is one real occurrence of a failure, its texts masked.
type Occurrence struct {
	Time   time.Time
	Source string
	Line   int
	// Run is the name of the run, when its file's name is not it.
	Run      string
	Test     string
	Method   string
	Endpoint string // as written
	Folded   string // the endpoint's pattern, ids as {id}
	Status   int
	// ErrorCode, Message, Payload and Response are "" when the input has
	// none.
	ErrorCode, Message, Payload, Response string
	// Account tells how the occurrence names an account, read before any
	// masking.
	Account Account
}

// MaxListed bounds the tests, calls and files kept per pattern: past
// it, new ones are not counted (the first ones met keep counting).
const MaxListed = 50

// occurrenceStats gathers the Occurrences of one pattern key.
type occurrenceStats struct {
	example Occurrence
	score   int // of the example (see bodyScore); -1: none yet
	tests   map[string]int
	calls   map[string]int
	files   map[string]int
}

func newOccurrenceStats() *occurrenceStats {
	return &occurrenceStats{score: -1, tests: map[string]int{}, calls: map[string]int{}, files: map[string]int{}}
}

// add counts a failure in the occurrences o; endpoint is
// the masked pattern of its endpoint.
func (o *occurrenceStats) add(mask func(string) string, r *parsers.Record, endpoint string) {
	if s := bodyScore(r); s > o.score {
		o.example, o.score = occurrence(mask, r), s
	}
	countBounded(o.tests, mask(r.Test), 1)
	countBounded(o.calls, strings.TrimSpace(r.Method+" "+endpoint), 1)
	countBounded(o.files, r.Source, 1)
}

// occurrence keeps r, masked.
func occurrence(mask func(string) string, r *parsers.Record) Occurrence {
	run := ""
	if r.Run != filepath.Base(r.Source) {
		run = mask(r.Run)
	}
	return Occurrence{Time: r.Time, Source: r.Source, Line: r.Line, Run: run, Test: mask(r.Test), Method: r.Method,
		Endpoint: mask(r.Endpoint), Folded: mask(FoldEndpoint(r.Endpoint)), Status: r.Status,
		ErrorCode: mask(r.ErrorCode), Message: mask(r.Message), Payload: mask(r.Payload), Response: mask(r.Response),
		Account: AccountIn(r.Endpoint, r.Payload, r.Response)}
}

// bodyScore is how many of the bodies a record holds: a bug report is
// most useful with the request and the response.
func bodyScore(r *parsers.Record) int {
	s := 0
	if strings.TrimSpace(r.Payload) != "" {
		s++
	}
	if strings.TrimSpace(r.Response) != "" {
		s++
	}
	return s
}

// merge adds p's occurrences, met after o's, to o (nil: none gathered).
func (o *occurrenceStats) merge(p *occurrenceStats) {
	if o == nil || p == nil {
		return
	}
	if p.score > o.score {
		o.example, o.score = p.example, p.score
	}
	for _, m := range []struct{ to, from map[string]int }{{o.tests, p.tests}, {o.calls, p.calls}, {o.files, p.files}} {
		for _, k := range mergeOrder(m.from, MaxListed-len(m.to)) {
			countBounded(m.to, k, m.from[k])
		}
	}
}

// countBounded adds n to m[k] when k is counted already or m has room.
func countBounded(m map[string]int, k string, n int) {
	if _, ok := m[k]; ok || len(m) < MaxListed {
		m[k] += n
	}
}

// result sorts the occurrences gathered.
func (o *occurrenceStats) result() *Occurrences {
	if o == nil {
		return nil
	}
	return &Occurrences{Example: o.example, Tests: namedCounts(o.tests), Calls: namedCounts(o.calls), Files: len(o.files)}
}

// namedCounts sorts m, commonest first, then by text.
func namedCounts(m map[string]int) []NamedCount {
	out := make([]NamedCount, 0, len(m))
	for k, n := range m {
		out = append(out, NamedCount{k, n})
	}
	slices.SortFunc(out, func(x, y NamedCount) int { return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(x.Key, y.Key)) })
	return out
}
