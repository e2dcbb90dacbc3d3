package analyzer

import (
	"cmp"
	"slices"
	"strings"
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
	Hour     time.Time
	Requests int
	Failed   int
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
	r := &Result{
		Location: a.cfg.loc(), Files: a.Files, Records: a.Records, SkippedLines: a.SkippedLines,
		SkippedFiles: a.SkippedFiles, NotLogs: a.NotLogs, NotLogFiles: a.NotLogFiles, Duplicates: a.Duplicates, OutsideWindow: a.OutsideWindow,
		OtherSide: a.OtherSide, Side: a.cfg.Side, Sources: a.sources.result(),
		NoTime: a.NoTime, Uncharted: a.Uncharted, ProblemCount: a.ProblemCount, Problems: a.Problems,
		Requests: a.Requests, Failed: a.Failed, Skipped: a.Skipped, ErrorRate: rate(a.Failed, a.Requests),
		First: a.First, Last: a.Last, Since: a.cfg.Since, Until: a.cfg.Until,
		Runs: a.Runs, IncompleteRuns: a.incomplete.n, IncompleteLast: a.incomplete.lastEnd,
	}
	r.Stated, r.StatedLeftOut = a.stated.list, a.stated.leftOut
	r.ByStatus, r.Categories = a.statusResult()
	for code, n := range a.codes {
		r.ErrorCodes = append(r.ErrorCodes, CodeCount{a.mask(code), n}) // the API's code is input text too
	}
	slices.SortFunc(r.ErrorCodes, func(x, y CodeCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Code, y.Code))
	})
	r.ByHour = a.hourResult()
	r.ByEndpoint = a.endpointResult()
	r.Patterns = a.patternResult(g)
	r.Slow = a.slowResult()
	a.incomplete.trim()
	r.Incomplete = a.incomplete.runs
	r.ByHourOfDay = a.sig.day.result()
	r.Detected = a.detect(r)
	if a.prev != nil {
		r.Previous = a.prev.result(g)
	}
	return r
}

func rate(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) * 100 / float64(whole)
}

func (a *Aggregate) statusResult() ([]StatusCount, []ClassCount) {
	var out []StatusCount
	classes := map[Class]int{}
	for k, n := range a.status {
		out = append(out, StatusCount{k.status, k.class, *n})
		if k.class != ClassOK {
			classes[k.class] += *n
		}
	}
	slices.SortFunc(out, func(x, y StatusCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Status, y.Status), cmp.Compare(x.Class, y.Class))
	})
	var cats []ClassCount
	for c, n := range classes {
		cats = append(cats, ClassCount{c, n, Hint(c)})
	}
	slices.SortFunc(cats, func(x, y ClassCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Class, y.Class))
	})
	return out, cats
}

func (a *Aggregate) hourResult() []HourCount {
	out := make([]HourCount, 0, len(a.hours))
	for h, hc := range a.hours {
		out = append(out, HourCount{time.Unix(h, 0).In(a.cfg.loc()), hc.requests, hc.failed})
	}
	slices.SortFunc(out, func(x, y HourCount) int { return x.Hour.Compare(y.Hour) })
	return out
}

func (a *Aggregate) endpointResult() []EndpointCount {
	out := make([]EndpointCount, 0, len(a.endpoints))
	for _, es := range a.namedEndpoints() {
		out = append(out, EndpointCount{
			Method: es.method, Endpoint: es.endpoint, Requests: es.requests, Failed: es.failed,
			ErrorRate: rate(es.failed, es.requests), P50: es.latency.Quantile(0.5), P95: es.latency.Quantile(0.95),
			Timed: int(es.latency.Count()),
		})
	}
	slices.SortFunc(out, func(x, y EndpointCount) int {
		return cmp.Or(cmp.Compare(y.Requests, x.Requests), cmp.Compare(x.Endpoint, y.Endpoint), cmp.Compare(x.Method, y.Method))
	})
	return out
}

func sortedByCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int { return cmp.Or(cmp.Compare(m[y], m[x]), strings.Compare(x, y)) })
	return keys
}

func (a *Aggregate) slowResult() SlowSummary {
	s := SlowSummary{
		Threshold: a.cfg.Slow.Seconds(), Count: a.slowCount, Timed: int(a.latency.Count()),
		P50: a.latency.Quantile(0.5), P95: a.latency.Quantile(0.95), P99: a.latency.Quantile(0.99), Max: a.latency.Max(),
	}
	for _, e := range a.slowest.items {
		s.Slowest = append(s.Slowest, SlowRequest{Time: e.time, Method: e.method, Endpoint: e.endpoint,
			Seconds: e.seconds, Source: e.source, Line: e.line, Test: e.test})
	}
	return s
}
