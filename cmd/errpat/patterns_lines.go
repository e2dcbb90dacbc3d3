package main

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/report"
)

// lineCollector counts the lines of 'errpat patterns' by message key.
type lineCollector struct {
	mask      func(string) string
	loc       *time.Location
	sources   []string
	byKey     map[string]int
	keys      []keyStats
	lines     []lineRef // every line, in input order, for --assign
	nLines    int
	nMessages int
}

// keyStats is what is kept of the lines of one key.
type keyStats struct {
	key          string
	count        int
	example      string
	source, line int
	first, last  time.Time
}

type lineRef struct {
	source, line, key int // key -1: a blank line
}

// maxLineKeys bounds the distinct keys kept; the lines of new keys past
// it are counted together (analyzer.OtherMessages).
const maxLineKeys = 20000

func newLineCollector(mask func(string) string, loc *time.Location) *lineCollector {
	return &lineCollector{mask: mask, loc: loc, byKey: map[string]int{}}
}

func (lc *lineCollector) add(raw, source string, n int) {
	if len(lc.sources) == 0 || lc.sources[len(lc.sources)-1] != source {
		lc.sources = append(lc.sources, source)
	}
	lc.nLines++
	ref := lineRef{source: len(lc.sources) - 1, line: n, key: -1}
	t, msg := splitPrefix(strings.TrimSpace(raw), lc.loc)
	if msg != "" {
		lc.nMessages++
		msg = lc.mask(msg)
		ref.key = lc.count(analyzer.Pattern(msg), msg, ref, t)
	}
	lc.lines = append(lc.lines, ref)
}

// count adds a line to its key's stats and returns the key's index.
func (lc *lineCollector) count(key, msg string, ref lineRef, t time.Time) int {
	i, ok := lc.byKey[key]
	if !ok && len(lc.keys) >= maxLineKeys {
		key = analyzer.OtherMessages
		i, ok = lc.byKey[key]
	}
	if !ok {
		i = len(lc.keys)
		lc.byKey[key] = i
		lc.keys = append(lc.keys, keyStats{key: key, example: msg, source: ref.source, line: ref.line})
	}
	ks := &lc.keys[i]
	ks.count++
	if !t.IsZero() {
		if ks.first.IsZero() || t.Before(ks.first) {
			ks.first = t
		}
		if t.After(ks.last) {
			ks.last = t
		}
	}
	return i
}

func (lc *lineCollector) counts() map[string]int {
	m := make(map[string]int, len(lc.keys))
	for _, ks := range lc.keys {
		if ks.key != analyzer.OtherMessages {
			m[ks.key] = ks.count
		}
	}
	return m
}

// result sums each template's keys; the example is its most frequent
// key's first line.
func (lc *lineCollector) result(g *analyzer.Grouping, top int) *report.Patterns {
	p := &report.Patterns{Lines: lc.nLines, Messages: lc.nMessages, Templates: []report.LineTemplate{}}
	for _, t := range g.Templates {
		var sum keyStats
		var best *keyStats
		for _, k := range t.Keys {
			ks := &lc.keys[lc.byKey[k]]
			if best == nil || ks.count > best.count {
				best = ks
			}
			sum.merge(ks)
		}
		p.Templates = append(p.Templates, lc.template(t.ID, t.Pattern, &sum, best))
	}
	if i, ok := lc.byKey[analyzer.OtherMessages]; ok {
		ks := &lc.keys[i]
		p.Templates = append(p.Templates, lc.template("", ks.key, ks, ks))
	}
	if top > 0 && len(p.Templates) > top {
		p.Templates = p.Templates[:top]
	}
	return p
}

func (s *keyStats) merge(o *keyStats) {
	s.count += o.count
	if !o.first.IsZero() && (s.first.IsZero() || o.first.Before(s.first)) {
		s.first = o.first
	}
	if o.last.After(s.last) {
		s.last = o.last
	}
}

func (lc *lineCollector) template(id, pattern string, sum, ex *keyStats) report.LineTemplate {
	return report.LineTemplate{ID: id, Pattern: pattern, Count: sum.count, Example: ex.example,
		Source: lc.sources[ex.source] + ":" + strconv.Itoa(ex.line), FirstSeen: lc.stamp(sum.first), LastSeen: lc.stamp(sum.last)}
}

func (lc *lineCollector) stamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(lc.loc).Format("2006-01-02T15:04:05.999Z07:00")
	return &s
}

var (
	// reISOStamp is a timestamp with a date first: 2026-11-28 03:21:12,727,
	// 2026-11-28T03:21:12.727Z, in brackets or not.
	reISOStamp = regexp.MustCompile(`^\[?(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:[.,](\d{1,9}))?(Z|[+-]\d\d:?\d\d)?\]?`)
	// reSyslogStamp is a syslog timestamp (no year), and the host and
	// program after it: "Jun 17 07:07:00 combo sshd[1234]:".
	reSyslogStamp = regexp.MustCompile(`^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d(?: \S+ [^\s:\[]+(?:\[\d+\])?:)?`)
	// reLevel is a level after a timestamp, any case, with the
	// separators around it.
	reLevel = regexp.MustCompile(`^[\s\-|,:]*(?:\[(?i:trace|debug|info|notice|warn|warning|error|err|severe|fatal|critical|crit)\]|(?i:trace|debug|info|notice|warn|warning|error|err|severe|fatal|critical|crit))(?:[\s\-|:]+|$)`)
	// reUpperLevel is a level at the start of a line without a
	// timestamp: upper case only ("Error: …" is a message).
	reUpperLevel = regexp.MustCompile(`^\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|SEVERE|FATAL|CRITICAL)\]?(?:[\s\-|:]+|$)`)
)

// splitPrefix sets aside the timestamp and level that start a line, and
// returns the time (zero when there is none, or it has no year) and the
// message.
func splitPrefix(line string, loc *time.Location) (time.Time, string) {
	var t time.Time
	stamped := false
	if m := reISOStamp.FindStringSubmatch(line); m != nil {
		t, stamped = isoTime(m, loc), true
		line = line[len(m[0]):]
	} else if m := reSyslogStamp.FindString(line); m != "" {
		stamped = true
		line = line[len(m):]
	}
	if stamped {
		if m := reLevel.FindString(line); m != "" {
			line = line[len(m):]
		}
	} else if m := reUpperLevel.FindString(line); m != "" {
		line = line[len(m):]
	}
	return t, strings.TrimLeft(line, " \t-|:")
}

func isoTime(m []string, loc *time.Location) time.Time {
	s := m[1] + "T" + m[2]
	if m[3] != "" {
		s += "." + m[3]
	}
	zone := m[4]
	if len(zone) == 5 {
		zone = zone[:3] + ":" + zone[3:]
	}
	if zone != "" {
		t, _ := time.Parse("2006-01-02T15:04:05.999999999Z07:00", s+zone)
		return t
	}
	t, _ := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, loc)
	return t
}
