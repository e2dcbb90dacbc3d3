package analyzer

import (
	"cmp"
	"slices"
	"time"

	"github.com/errpat/errpat/parsers"
)

// MaxRunsListed bounds the incomplete runs a result lists: the first by
// start time (then input and id), whatever order they came in. They are
// all counted; the list keeps memory and reports the same size for a day
// of logs and a month.
const MaxRunsListed = 1000

// runList keeps the first MaxRunsListed incomplete runs, and counts all.
type runList struct {
	runs    []parsers.Run
	n       int
	lastEnd time.Time // the latest end of any of them
}

func (l *runList) add(r parsers.Run) {
	l.n++
	l.lastEnd = maxTime(l.lastEnd, r.End)
	l.runs = append(l.runs, r)
	if len(l.runs) >= 2*MaxRunsListed {
		l.trim()
	}
}

func (l *runList) merge(o *runList) {
	l.n += o.n
	l.lastEnd = maxTime(l.lastEnd, o.lastEnd)
	l.runs = append(l.runs, o.runs...)
	if len(l.runs) >= 2*MaxRunsListed {
		l.trim()
	}
}

// trim sorts the runs and keeps the first MaxRunsListed. The storage is
// kept: the aggregate of a large file takes the runs of each part in
// turn, which then need no new list each.
func (l *runList) trim() {
	slices.SortFunc(l.runs, func(x, y parsers.Run) int {
		return cmp.Or(x.Start.Compare(y.Start), cmp.Compare(x.Source, y.Source), cmp.Compare(x.ID, y.ID))
	})
	n := min(len(l.runs), MaxRunsListed)
	clear(l.runs[n:]) // no strings held past the end
	l.runs = l.runs[:n]
}
