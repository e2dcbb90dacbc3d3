package analyzer

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"github.com/errpat/errpat/parsers"
)

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

func (a *Aggregate) pattern(raw string) maskedPattern {
	if mp, ok := a.patternCache[raw]; ok {
		return mp
	}
	msg := raw
	if msg == "" {
		msg = noMessage
	}
	msg = a.mask(msg)
	mp := maskedPattern{msg, Pattern(msg)}
	if a.patternCache == nil || len(a.patternCache) >= maxPatternCache {
		a.patternCache = make(map[string]maskedPattern)
	}
	a.patternCache[raw] = mp
	return mp
}

func (a *Aggregate) addPattern(r *parsers.Record, class Class, endpoint string) {
	mp := a.pattern(r.Message)
	msg, key := mp.msg, mp.key
	ps := a.patterns[key]
	if ps == nil && len(a.patterns) >= maxGroups {
		key = OtherMessages
		ps = a.patterns[key]
	}
	if ps == nil {
		ps = &patternStats{class: class, statuses: map[int]int{}, endpoints: map[string]int{},
			example: Example{Message: msg, Time: r.Time, Source: r.Source, Line: r.Line, Test: a.mask(r.Test),
				Method: r.Method, Endpoint: a.mask(r.Endpoint), Status: r.Status, ErrorCode: a.mask(r.ErrorCode),
				Payload: a.mask(r.Payload), Response: a.mask(r.Response)},
			first: r.Time, last: r.Time, occ: a.newOccurrences()}
		a.patterns[key] = ps
	}
	if ps.occ != nil {
		a.addOccurrence(ps.occ, r, endpoint)
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
func (a *Aggregate) otherPattern(o *patternStats) *patternStats {
	ps := a.patterns[OtherMessages]
	if ps == nil {
		ps = &patternStats{class: o.class, statuses: map[int]int{}, endpoints: map[string]int{}, example: o.example,
			occ: a.newOccurrences()}
		a.patterns[OtherMessages] = ps
	}
	return ps
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
func (a *Aggregate) newOccurrences() *occurrenceStats {
	if !a.cfg.Occurrences {
		return nil
	}
	return newOccurrenceStats()
}

// templates learns the message templates over the keys of a and of the
// window compared with.
func (a *Aggregate) templates() *Grouping {
	counts := map[string]int{}
	for _, agg := range []*Aggregate{a, a.prev} {
		if agg == nil {
			continue
		}
		for k, ps := range agg.patterns {
			if k != OtherMessages {
				counts[k] += ps.count
			}
		}
	}
	return LearnTemplates(counts)
}

// patternResult merges the keys of each template: the example is the
// most frequent key's, so that it does not depend on the order of keys.
func (a *Aggregate) patternResult(g *Grouping) []PatternCount {
	byTemplate := map[string][]string{}
	for key := range a.patterns {
		id := OtherMessages
		if t := g.Of(key); t != nil && key != OtherMessages {
			id = t.ID
		}
		byTemplate[id] = append(byTemplate[id], key)
	}
	out := make([]PatternCount, 0, len(byTemplate))
	for id, keys := range byTemplate {
		slices.SortFunc(keys, func(x, y string) int {
			return cmp.Or(cmp.Compare(a.patterns[y].count, a.patterns[x].count), cmp.Compare(x, y))
		})
		pc := a.patternCount(keys)
		if id != OtherMessages {
			pc.Pattern, pc.ID = g.Of(keys[0]).Pattern, id
		}
		out = append(out, pc)
	}
	slices.SortFunc(out, func(x, y PatternCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Pattern, y.Pattern), cmp.Compare(x.ID, y.ID))
	})
	return out
}

// patternCount sums the stats of keys, the first one's example kept.
func (a *Aggregate) patternCount(keys []string) PatternCount {
	first := a.patterns[keys[0]]
	ps := &patternStats{class: first.class, statuses: map[int]int{}, endpoints: map[string]int{}, example: first.example,
		first: first.first, last: first.last, occ: a.newOccurrences()}
	for _, k := range keys {
		ps.merge(a.patterns[k])
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

// slowEntry is one request in the slowest list.
type slowEntry struct {
	time     time.Time
	seconds  float64
	method   string
	endpoint string
	source   string
	line     int
	test     string
}

// before orders slow entries: slowest first, then by time, file and line,
// so that the list does not depend on the order records arrive in.
func (e slowEntry) before(o slowEntry) bool {
	if e.seconds != o.seconds {
		return e.seconds > o.seconds
	}
	if !e.time.Equal(o.time) {
		return e.time.Before(o.time)
	}
	if e.source != o.source {
		return e.source < o.source
	}
	return e.line < o.line
}

// slowList keeps the max slowest entries, sorted.
type slowList struct {
	max   int
	items []slowEntry
}

func (l *slowList) add(e slowEntry) {
	if l.max <= 0 {
		return
	}
	if len(l.items) == l.max && !e.before(l.items[len(l.items)-1]) {
		return
	}
	i := sort.Search(len(l.items), func(i int) bool { return e.before(l.items[i]) })
	if len(l.items) < l.max {
		l.items = append(l.items, slowEntry{})
	}
	copy(l.items[i+1:], l.items[i:])
	l.items[i] = e
}
