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
// It holds at most runSlack more between trims: a month of logs has
// thousands of them, and the list is kept whole while the rest is read.
type runList struct {
	runs    []parsers.Run
	n       int
	lastEnd time.Time // the latest end of any of them
}

func (l *runList) add(r parsers.Run) {
	l.n++
	l.lastEnd = maxTime(l.lastEnd, r.End)
	l.runs = append(l.runs, r)
	if len(l.runs) >= MaxRunsListed+runSlack {
		l.trim()
	}
}

// runSlack is how many runs past MaxRunsListed a list takes before it is
// trimmed again: a sort of MaxRunsListed+runSlack runs every runSlack
// runs at most.
const runSlack = MaxRunsListed / 4

func (l *runList) merge(o *runList) {
	l.n += o.n
	l.lastEnd = maxTime(l.lastEnd, o.lastEnd)
	for _, r := range o.runs {
		l.runs = append(l.runs, r)
		if len(l.runs) >= MaxRunsListed+runSlack {
			l.trim()
		}
	}
}

// trim sorts the runs and keeps the first MaxRunsListed. The storage is
// kept: the aggregate of a large file takes the runs of each part in
// turn, which then need no new list each.
func (l *runList) trim() {
	slices.SortFunc(l.runs, compareRuns)
	n := min(len(l.runs), MaxRunsListed)
	clear(l.runs[n:]) // no strings held past the end
	l.runs = l.runs[:n]
}

// listed returns the runs listed, sorted, in a list of their own: the
// storage for the runs trimmed is not kept with the result.
func (l *runList) listed() []parsers.Run {
	l.trim()
	return slices.Clone(l.runs)
}

// compareRuns orders runs by start, input and id, then by the rest: a
// total order, so that which runs are listed, and in what order, does not
// depend on when the list was trimmed.
func compareRuns(x, y parsers.Run) int {
	return cmp.Or(x.Start.Compare(y.Start), cmp.Compare(x.Source, y.Source), cmp.Compare(x.ID, y.ID),
		x.End.Compare(y.End), cmp.Compare(x.LastLine, y.LastLine), cmp.Compare(x.Requests, y.Requests),
		cmp.Compare(x.LastRequest, y.LastRequest), cmp.Compare(x.ResultsFile, y.ResultsFile),
		cmp.Compare(x.Format, y.Format))
}
