package analyzer

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/errpat/errpat/parsers"
)

// patternTally groups the failures by message pattern (see Pattern), each
// with its class, statuses, endpoints, first and last time and one
// example.
type patternTally struct {
	mask        func(string) string
	occurrences bool // gather each pattern's Occurrences (Config.Occurrences)
	patterns    map[string]*patternStats
	cache       map[string]maskedPattern // by raw message
}

func newPatternTally(mask func(string) string, occurrences bool) patternTally {
	return patternTally{mask: mask, occurrences: occurrences, patterns: map[string]*patternStats{}}
}

// patternStats groups failures whose messages share a pattern.
type patternStats struct {
	count     int
	class     Class
	statuses  map[int]int
	endpoints map[string]int
	example   Example
	first     time.Time
	last      time.Time
	occ       *occurrenceStats // nil unless Config.Occurrences
}

// Example is one real occurrence of a pattern, kept for the report (a
// bug report picks its own: Occurrences.Example).
type Example struct {
	Message   string
	Time      time.Time
	Source    string
	Line      int
	Test      string
	Method    string
	Endpoint  string // raw path, secrets masked
	Status    int
	ErrorCode string
	Payload   string
	Response  string
}

// maxPatternEndpoints bounds the endpoints kept per pattern.
const maxPatternEndpoints = 50

// maskedPattern is a failure message with its secrets masked, and its
// pattern.
type maskedPattern struct{ msg, key string }

// maxPatternCache bounds the messages whose pattern is remembered: the
// same few messages come again and again, and masking is not cheap.
const maxPatternCache = 4096

func (t *patternTally) pattern(raw string) maskedPattern {
	if mp, ok := t.cache[raw]; ok {
		return mp
	}
	msg := raw
	if msg == "" {
		msg = noMessage
	}
	msg = t.mask(msg)
	mp := maskedPattern{msg, Pattern(msg)}
	switch {
	case t.cache == nil:
		t.cache = make(map[string]maskedPattern)
	case len(t.cache) >= maxPatternCache:
		clear(t.cache) // its room kept: messages that never repeat (ids in them) fill it again and again
	}
	t.cache[raw] = mp
	return mp
}

// add counts a failure of a class; endpoint is its masked pattern.
func (t *patternTally) add(r *parsers.Record, class Class, endpoint string) {
	mp := t.pattern(r.Message)
	msg, key := mp.msg, mp.key
	ps := t.patterns[key]
	if ps == nil && len(t.patterns) >= maxGroups {
		key = OtherMessages
		ps = t.patterns[key]
	}
	if ps == nil {
		ps = &patternStats{class: class, statuses: map[int]int{}, endpoints: map[string]int{},
			example: Example{Message: msg, Time: r.Time, Source: r.Source, Line: r.Line, Test: t.mask(r.Test),
				Method: r.Method, Endpoint: t.mask(r.Endpoint), Status: r.Status, ErrorCode: t.mask(r.ErrorCode),
				Payload: t.mask(r.Payload), Response: t.mask(r.Response)},
			first: r.Time, last: r.Time, occ: t.newOccurrences()}
		t.patterns[key] = ps
	}
	if ps.occ != nil {
		ps.occ.add(t.mask, r, endpoint)
	}
	ps.count++
	ps.statuses[r.Status]++
	if _, ok := ps.endpoints[endpoint]; ok || len(ps.endpoints) < maxPatternEndpoints {
		ps.endpoints[endpoint]++
	}
	if !r.Time.IsZero() {
		if ps.first.IsZero() || r.Time.Before(ps.first) {
			ps.first = r.Time
		}
		if r.Time.After(ps.last) {
			ps.last = r.Time
		}
	}
}

// otherPattern returns the group of messages past maxGroups, opened with
// o's class and example if new.
func (t *patternTally) otherPattern(o *patternStats) *patternStats {
	ps := t.patterns[OtherMessages]
	if ps == nil {
		ps = &patternStats{class: o.class, statuses: map[int]int{}, endpoints: map[string]int{}, example: o.example,
			occ: t.newOccurrences()}
		t.patterns[OtherMessages] = ps
	}
	return ps
}

// merge adds o's patterns; past maxGroups, o's new ones join the other
// messages.
func (t *patternTally) merge(o *patternTally) {
	for _, k := range mergeOrder(o.patterns, maxGroups-len(t.patterns)) {
		ps := o.patterns[k]
		mine := t.patterns[k]
		if mine == nil && len(t.patterns) >= maxGroups {
			mine = t.otherPattern(ps)
		}
		if mine == nil {
			t.patterns[k] = ps
			continue
		}
		mine.merge(ps)
	}
}

// shiftLines adds base to the examples' line numbers (see
// fileResult.shiftLines).
func (t *patternTally) shiftLines(base int) {
	for _, ps := range t.patterns {
		ps.example.Line += base
		if ps.occ != nil {
			ps.occ.example.Line += base
		}
	}
}

func (p *patternStats) merge(o *patternStats) {
	p.count += o.count
	for k, n := range o.statuses {
		p.statuses[k] += n
	}
	for k, n := range o.endpoints {
		if _, ok := p.endpoints[k]; ok || len(p.endpoints) < maxPatternEndpoints {
			p.endpoints[k] += n
		}
	}
	if !o.first.IsZero() && (p.first.IsZero() || o.first.Before(p.first)) {
		p.first = o.first
	}
	if o.last.After(p.last) {
		p.last = o.last
	}
	p.occ.merge(o.occ)
}

// newOccurrences returns the occurrences of a new pattern, or nil when
// none are gathered.
func (t *patternTally) newOccurrences() *occurrenceStats {
	if !t.occurrences {
		return nil
	}
	return newOccurrenceStats()
}

// countKeys adds the count of each key to counts, over which the
// templates are learned.
func (t *patternTally) countKeys(counts map[string]int) {
	for k, ps := range t.patterns {
		if k != OtherMessages {
			counts[k] += ps.count
		}
	}
}

// result merges the keys of each template: the example is the most
// frequent key's, so that it does not depend on the order of keys.
func (t *patternTally) result(r *Result, g *Grouping) {
	byTemplate := map[string][]string{}
	for key := range t.patterns {
		id := OtherMessages
		if t := g.Of(key); t != nil && key != OtherMessages {
			id = t.ID
		}
		byTemplate[id] = append(byTemplate[id], key)
	}
	out := make([]PatternCount, 0, len(byTemplate))
	for id, keys := range byTemplate {
		slices.SortFunc(keys, func(x, y string) int {
			return cmp.Or(cmp.Compare(t.patterns[y].count, t.patterns[x].count), cmp.Compare(x, y))
		})
		pc := t.patternCount(keys)
		if id != OtherMessages {
			pc.Pattern, pc.ID = g.Of(keys[0]).Pattern, id
		}
		out = append(out, pc)
	}
	slices.SortFunc(out, func(x, y PatternCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Pattern, y.Pattern), cmp.Compare(x.ID, y.ID))
	})
	r.Patterns = out
}

// patternCount sums the stats of keys, the first one's example kept.
func (t *patternTally) patternCount(keys []string) PatternCount {
	first := t.patterns[keys[0]]
	ps := &patternStats{class: first.class, statuses: map[int]int{}, endpoints: map[string]int{}, example: first.example,
		first: first.first, last: first.last, occ: t.newOccurrences()}
	for _, k := range keys {
		ps.merge(t.patterns[k])
	}
	pc := PatternCount{Pattern: keys[0], Keys: keys, Class: ps.class, Count: ps.count, Example: ps.example,
		FirstSeen: ps.first, LastSeen: ps.last, Occurrences: ps.occ.result()}
	for s := range ps.statuses {
		pc.Statuses = append(pc.Statuses, s)
	}
	slices.Sort(pc.Statuses)
	pc.Endpoints = sortedByCount(ps.endpoints)
	return pc
}

func sortedByCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int { return cmp.Or(cmp.Compare(m[y], m[x]), strings.Compare(x, y)) })
	return keys
}
