package analyzer

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"
)

// Lines counts the lines of any log by message key, for 'errpat
// patterns': a timestamp and a level that start a line are set aside,
// the message is masked and keyed by Pattern. It keeps every line's key
// in input order, for Assign.
type Lines struct {
	mask      func(string) string
	loc       *time.Location
	sources   []string
	byKey     map[string]int
	keys      []keyStats
	lines     []lineRef // every line, in input order, for Assign
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
// it are counted together (OtherMessages).
const maxLineKeys = 20000

// maxLineRead bounds the bytes of a line read for its message.
const maxLineRead = 64 << 10

// NewLines returns an empty count of lines whose messages mask masks,
// their times without an offset read in loc.
func NewLines(mask func(string) string, loc *time.Location) *Lines {
	return &Lines{mask: mask, loc: loc, byKey: map[string]int{}}
}

// Read counts the lines of one input, named source. A line longer than
// maxLineRead is read in full, its message cut there.
func (lc *Lines) Read(r io.Reader, source string) error {
	br := bufio.NewReaderSize(r, maxLineRead)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			line = append([]byte(nil), line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
		}
		if len(line) > 0 {
			lc.add(string(line), source, n)
		}
		switch {
		case err == io.EOF:
			return nil
		case err != nil:
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
}

// ReadFiles counts the lines of the files at paths in order, standard
// input for "-". A file that cannot be read is told to problem and left
// out; read is how many were read.
func (lc *Lines) ReadFiles(paths []string, stdin io.Reader, problem func(error)) (read int) {
	for _, path := range paths {
		if err := lc.readFile(path, stdin); err != nil {
			problem(err)
			continue
		}
		read++
	}
	return read
}

func (lc *Lines) readFile(path string, stdin io.Reader) error {
	if path == "-" {
		return lc.Read(stdin, "-")
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := lc.Read(f, path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func (lc *Lines) add(raw, source string, n int) {
	if len(lc.sources) == 0 || lc.sources[len(lc.sources)-1] != source {
		lc.sources = append(lc.sources, source)
	}
	lc.nLines++
	ref := lineRef{source: len(lc.sources) - 1, line: n, key: -1}
	t, msg := splitPrefix(strings.TrimSpace(raw), lc.loc)
	if msg != "" {
		lc.nMessages++
		msg = lc.mask(msg)
		ref.key = lc.count(Pattern(msg), msg, ref, t)
	}
	lc.lines = append(lc.lines, ref)
}

// count adds a line to its key's stats and returns the key's index.
func (lc *Lines) count(key, msg string, ref lineRef, t time.Time) int {
	i, ok := lc.byKey[key]
	if !ok && len(lc.keys) >= maxLineKeys {
		key = OtherMessages
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

// Counts returns the lines of each key, to learn templates from (the
// lines past maxLineKeys left out).
func (lc *Lines) Counts() map[string]int {
	m := make(map[string]int, len(lc.keys))
	for _, ks := range lc.keys {
		if ks.key != OtherMessages {
			m[ks.key] = ks.count
		}
	}
	return m
}

// LineCounts is what Result tells of the lines.
type LineCounts struct {
	Lines     int // lines read
	Messages  int // lines with a message (not blank)
	Templates []LineTemplate
}

// LineTemplate sums up the lines of one template: its example is the
// first line of its most frequent key, at Source:Line; First and Last
// are zero without a dated line.
type LineTemplate struct {
	ID, Pattern string
	Count       int
	Example     string
	Source      string
	Line        int
	First, Last time.Time
}

// Result sums each template of g over its keys, in g's order, the lines
// past maxLineKeys last.
func (lc *Lines) Result(g *Grouping) LineCounts {
	c := LineCounts{Lines: lc.nLines, Messages: lc.nMessages}
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
		c.Templates = append(c.Templates, lc.template(t.ID, t.Pattern, &sum, best))
	}
	if i, ok := lc.byKey[OtherMessages]; ok {
		ks := &lc.keys[i]
		c.Templates = append(c.Templates, lc.template("", ks.key, ks, ks))
	}
	return c
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

func (lc *Lines) template(id, pattern string, sum, ex *keyStats) LineTemplate {
	return LineTemplate{ID: id, Pattern: pattern, Count: sum.count, Example: ex.example,
		Source: lc.sources[ex.source], Line: ex.line, First: sum.first, Last: sum.last}
}

// Assign calls visit with every line, in input order, and its template
// in g: id and pattern are empty for a blank line, and a line past
// maxLineKeys has the pattern OtherMessages and no id.
func (lc *Lines) Assign(g *Grouping, visit func(source string, line int, id, pattern string) error) error {
	for _, l := range lc.lines {
		var id, pattern string
		if l.key >= 0 {
			if t := g.Of(lc.keys[l.key].key); t != nil {
				id, pattern = t.ID, t.Pattern
			} else {
				pattern = lc.keys[l.key].key // past maxLineKeys
			}
		}
		if err := visit(lc.sources[l.source], l.line, id, pattern); err != nil {
			return err
		}
	}
	return nil
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
