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
type sourceTally map[string]*sourceStats

type sourceStats struct {
	side    parsers.Side
	agg     bool
	files   map[string]bool
	records int
}

func (t *sourceTally) add(f *parsers.Format, source string) {
	if *t == nil {
		*t = sourceTally{}
	}
	s := (*t)[f.Name]
	if s == nil {
		s = &sourceStats{side: f.Side, agg: f.Aggregate, files: map[string]bool{}}
		(*t)[f.Name] = s
	}
	s.records++
	s.files[source] = true // the parts of a split file are one file
}

func (t *sourceTally) merge(b sourceTally) {
	if *t == nil {
		*t = sourceTally{}
	}
	for name, bs := range b {
		s := (*t)[name]
		if s == nil {
			s = &sourceStats{side: bs.side, agg: bs.agg, files: map[string]bool{}}
			(*t)[name] = s
		}
		s.records += bs.records
		for f := range bs.files {
			s.files[f] = true
		}
	}
}

// result lists the formats by side, then records (most first), then name.
func (t sourceTally) result() []SourceCount {
	out := make([]SourceCount, 0, len(t))
	for name, s := range t {
		out = append(out, SourceCount{Format: name, Side: s.side, Files: len(s.files), Records: s.records, Aggregate: s.agg})
	}
	slices.SortFunc(out, func(x, y SourceCount) int {
		return cmp.Or(cmp.Compare(x.Side, y.Side), cmp.Compare(y.Records, x.Records), cmp.Compare(x.Format, y.Format))
	})
	return out
}
