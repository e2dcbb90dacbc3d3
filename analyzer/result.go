package analyzer

import (
	"time"

	"github.com/errpat/errpat/parsers"
)

// Result is what an aggregate found, as sorted slices: count descending,
// then key, so that output built from it is byte-stable.
type Result struct {
	Location      *time.Location
	Files         int
	Records       int
	SkippedLines  int
	SkippedFiles  int
	NotLogs       int      // skipped files that are plainly not logs or reports
	NotLogFiles   []string // the first MaxRunsListed of them, in input order
	Duplicates    int
	OutsideWindow int
	// NotRead counts the files last modified before NotReadBefore, left
	// unread because they cannot hold a record of the window (see
	// parsers.WrittenBefore); the command line sets both.
	NotRead       int
	NotReadBefore time.Time
	NotReadRest   int           // files in time order whose rest, after the first run or record later than NotReadAfter, was not read (readstop.go)
	NotReadAfter  time.Time     // the window's end plus parsers.SortSlack
	OtherSide     int           // records of formats of another side than Side
	Side          parsers.Side  // the side counted ("": all)
	Sources       []SourceCount // by format
	NoTime        int
	Uncharted     int // requests with a time whose hour found no room (maxHours)
	ProblemCount  int
	Problems      []parsers.Problem
	// Stated is the latency summary files state, in input order, at most
	// MaxStated; StatedLeftOut counts the others.
	Stated        []parsers.Stated
	StatedLeftOut int

	Requests  int
	Failed    int
	Skipped   int     // test cases that did not run, not among the requests
	ErrorRate float64 // percent
	First     time.Time
	Last      time.Time
	Since     time.Time
	Until     time.Time

	Runs           int
	IncompleteRuns int           // runs that ended without their summary
	Incomplete     []parsers.Run // the first MaxRunsListed of them, by start time
	IncompleteLast time.Time     // the latest end of any of them

	ByStatus   []StatusCount
	Categories []ClassCount
	ErrorCodes []CodeCount
	ByHour     []HourCount
	ByEndpoint []EndpointCount
	Patterns   []PatternCount
	Slow       SlowSummary

	// ByHourOfDay is the day's profile: 24 hours, or none when no
	// request had a time.
	ByHourOfDay []HourOfDay
	// Detected are the failure patterns found (detect.go).
	Detected Findings
	// Previous is the analysis of Config.Previous, the window compared
	// with; nil without one.
	Previous *Result
}

// StatusCount counts requests by HTTP status (0: no HTTP response) and class.
type StatusCount struct {
	Status int
	Class  Class
	Count  int
}

// ClassCount counts failures of a class.
type ClassCount struct {
	Class Class
	Count int
	Hint  string
}

// CodeCount counts an API error code.
type CodeCount struct {
	Code  string
	Count int
}

// HourCount counts requests in one hour of the report's zone.
type HourCount struct {
	Hour          time.Time
	Requests      int
	Failed        int
	Timed         int // requests with a response time
	P50, P95, P99 float64
}

// EndpointCount sums up one method and endpoint pattern.
type EndpointCount struct {
	Method, Endpoint string
	Requests, Failed int
	ErrorRate        float64
	P50, P95         float64
	Timed            int // requests with a response time
}

// PatternCount is one group of failure messages.
type PatternCount struct {
	// Pattern is the template: the variable parts marked <n>, <id>,
	// <ip>, <time> (seen in each message) or <*> (learned over them).
	Pattern string
	// ID is stable for a template (see Template.ID).
	ID string
	// Keys are the message keys grouped (see Pattern), most frequent
	// first.
	Keys      []string
	Class     Class
	Count     int
	Statuses  []int
	Endpoints []string
	Example   Example
	FirstSeen time.Time
	LastSeen  time.Time
	// Occurrences are nil unless Config.Occurrences is set.
	Occurrences *Occurrences
}

// SlowSummary describes response times.
type SlowSummary struct {
	Threshold          float64
	Count              int
	Timed              int
	P50, P95, P99, Max float64
	Slowest            []SlowRequest
}

// SlowRequest is one of the slowest requests.
type SlowRequest struct {
	Time     time.Time
	Method   string
	Endpoint string
	Seconds  float64
	Source   string
	Line     int
	Test     string
}

// Result sorts what the aggregate found.
func (a *Aggregate) Result() *Result { return a.result(a.templates()) }

// result is Result with the message templates learned over this window
// and the one compared with, so that both name a message the same.
func (a *Aggregate) result(g *Grouping) *Result {
	r := &Result{Location: a.cfg.loc(), Side: a.cfg.Side, Since: a.cfg.Since, Until: a.cfg.Until}
	a.inputs.result(r)
	a.status.result(r, a.mask)
	a.hours.result(r)
	a.endpoints.result(r, a.cfg.Routes)
	a.patterns.result(r, g)
	a.latency.result(r)
	r.Stated, r.StatedLeftOut = a.stated.list, a.stated.leftOut
	r.Detected = a.detect(r)
	if a.prev != nil {
		r.Previous = a.prev.result(g)
	}
	return r
}

// templates learns the message templates over the keys of a and of the
// window compared with.
func (a *Aggregate) templates() *Grouping {
	counts := map[string]int{}
	a.patterns.countKeys(counts)
	if a.prev != nil {
		a.prev.patterns.countKeys(counts)
	}
	return LearnTemplates(counts)
}

func rate(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) * 100 / float64(whole)
}
