package analyzer

import "github.com/errpat/errpat/parsers"

// inputTally counts what the inputs held beside requests: files, records
// and where those not counted went, problems with file and line, tests
// that did not run, and test runs, the incomplete ones listed.
type inputTally struct {
	files         int
	records       int
	skippedLines  int
	skippedFiles  int
	notLogs       int      // skipped files that are plainly not logs or reports
	notLogFiles   []string // the first MaxRunsListed of them
	duplicates    int
	outsideWindow int
	otherSide     int // records left out by Config.Side
	skipped       int // test cases that did not run: no requests
	sources       sourceTally

	maxProblems   int
	problemCount  int
	problems      []parsers.Problem
	inputProblems int // the problems of the current input kept

	runs       int
	incomplete runList
}

// addProblem counts a problem; the first maxProblems of each input (see
// startInput) are kept with file and line.
func (t *inputTally) addProblem(p parsers.Problem, mask func(string) string) {
	t.problemCount++
	t.skippedLines += p.Lines
	if t.inputProblems < t.maxProblems {
		t.inputProblems++
		p.Err = mask(p.Err)
		t.problems = append(t.problems, p)
	}
}

// addNotLog counts an input that is plainly not a log or report.
func (t *inputTally) addNotLog(name string) {
	t.skippedFiles++
	t.notLogs++
	t.notLogFiles = appendBounded(t.notLogFiles, name)
}

// addRun counts a run in the window; those that did not finish are
// listed.
func (t *inputTally) addRun(run parsers.Run, mask func(string) string) {
	t.runs++
	if !run.Complete {
		run.LastRequest = mask(run.LastRequest)
		t.incomplete.add(run)
	}
}

// appendBounded appends names to list up to MaxRunsListed in all.
func appendBounded(list []string, names ...string) []string {
	return append(list, names[:min(len(names), max(MaxRunsListed-len(list), 0))]...)
}

func (t *inputTally) merge(o *inputTally) {
	t.files += o.files
	t.records += o.records
	t.skippedLines += o.skippedLines
	t.skippedFiles += o.skippedFiles
	t.notLogs += o.notLogs
	t.notLogFiles = appendBounded(t.notLogFiles, o.notLogFiles...)
	t.duplicates += o.duplicates
	t.outsideWindow += o.outsideWindow
	t.otherSide += o.otherSide
	t.skipped += o.skipped
	t.sources.merge(&o.sources)
	t.problemCount += o.problemCount
	for _, p := range o.problems {
		if len(t.problems) < t.maxProblems {
			t.problems = append(t.problems, p)
		}
	}
	t.runs += o.runs
	t.incomplete.merge(&o.incomplete)
}

// shiftLines adds base to the line numbers of a part of a split file (see
// fileResult.shiftLines).
func (t *inputTally) shiftLines(base int) {
	for i := range t.problems {
		if t.problems[i].Line > 0 {
			t.problems[i].Line += base
		}
	}
	for i := range t.incomplete.runs {
		t.incomplete.runs[i].LastLine += base
	}
}

func (t *inputTally) result(r *Result) {
	r.Files, r.Records, r.SkippedLines, r.SkippedFiles = t.files, t.records, t.skippedLines, t.skippedFiles
	r.NotLogs, r.NotLogFiles, r.Duplicates, r.OutsideWindow = t.notLogs, t.notLogFiles, t.duplicates, t.outsideWindow
	r.OtherSide, r.Skipped, r.Sources = t.otherSide, t.skipped, t.sources.result()
	r.ProblemCount, r.Problems = t.problemCount, t.problems
	r.Runs, r.IncompleteRuns, r.Incomplete, r.IncompleteLast = t.runs, t.incomplete.n, t.incomplete.listed(), t.incomplete.lastEnd
}
