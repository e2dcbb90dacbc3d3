package analyzer

import (
	"cmp"
	"slices"

	"github.com/errpat/errpat/parsers"
)

// SourceCount is what the inputs of one format gave: the side of the
// traffic they saw, how many files gave records, and the records.
type SourceCount struct {
	Format  string
	Side    parsers.Side
	Files   int
	Records int
	// Aggregate is set for a format of counts, not requests.
	Aggregate bool
}

// sourceTally counts records by format and the files that gave them.
// Records come file by file: the last format and file are remembered, so
// that most records cost no map lookup.
type sourceTally struct {
	byFormat   map[string]*sourceStats
	lastFormat *parsers.Format
	lastSource string
	last       *sourceStats // the stats of lastFormat, which lists lastSource
}

type sourceStats struct {
	side    parsers.Side
	agg     bool
	files   map[string]bool
	records int
}

func (t *sourceTally) add(f *parsers.Format, source string) {
	if t.last != nil && t.lastFormat == f && t.lastSource == source {
		t.last.records++
		return
	}
	s := t.stats(f.Name, f.Side, f.Aggregate)
	s.records++
	s.files[source] = true // the parts of a split file are one file
	t.lastFormat, t.lastSource, t.last = f, source, s
}

// stats returns the stats of a format, opened if new.
func (t *sourceTally) stats(name string, side parsers.Side, agg bool) *sourceStats {
	if t.byFormat == nil {
		t.byFormat = map[string]*sourceStats{}
	}
	s := t.byFormat[name]
	if s == nil {
		s = &sourceStats{side: side, agg: agg, files: map[string]bool{}}
		t.byFormat[name] = s
	}
	return s
}

func (t *sourceTally) merge(b *sourceTally) {
	for name, bs := range b.byFormat {
		s := t.stats(name, bs.side, bs.agg)
		s.records += bs.records
		for f := range bs.files {
			s.files[f] = true
		}
	}
}

// result lists the formats by side, then records (most first), then name.
func (t *sourceTally) result() []SourceCount {
	out := make([]SourceCount, 0, len(t.byFormat))
	for name, s := range t.byFormat {
		out = append(out, SourceCount{Format: name, Side: s.side, Files: len(s.files), Records: s.records, Aggregate: s.agg})
	}
	slices.SortFunc(out, func(x, y SourceCount) int {
		return cmp.Or(cmp.Compare(x.Side, y.Side), cmp.Compare(y.Records, x.Records), cmp.Compare(x.Format, y.Format))
	})
	return out
}
