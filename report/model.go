package report

import (
	"math"
	"time"

	"github.com/errpat/errpat/analyzer"
)

// SchemaVersion is the version of the JSON contract. It changes only when
// a key changes meaning or goes away; new keys may be added within it.
const SchemaVersion = 1

// Report is the report model and the JSON contract (see README.md).
type Report struct {
	SchemaVersion int          `json:"schema_version"`
	TimeZone      string       `json:"time_zone"`
	Window        Window       `json:"window"`
	Inputs        Inputs       `json:"inputs"`
	Summary       Summary      `json:"summary"`
	Changes       *Changes     `json:"changes"`  // changes.go
	Detected      []Detected   `json:"detected"` // detected.go
	ByStatus      []Status     `json:"by_status"`
	ByHour        []Hour       `json:"by_hour"`
	ByHourOfDay   []HourOfDay  `json:"by_hour_of_day"` // changes.go
	ByEndpoint    []Endpoint   `json:"by_endpoint"`
	TopMessages   []Message    `json:"top_messages"`
	Slow          Slow         `json:"slow"`
	Categories    []Category   `json:"categories"`
	ErrorCodes    []ErrorCode  `json:"error_codes"`
	IncompleteRun []Incomplete `json:"incomplete_runs"`
	Alert         Alert        `json:"alert"`

	// StatedLatency is the latency summary files state (stated.go).
	StatedLatency []StatedLatency `json:"stated_latency,omitempty"`
	StatedLeftOut int             `json:"stated_latency_left_out,omitempty"`
}

// ClassSkipped is the class of the by-status row of skipped tests.
const ClassSkipped = "skipped"

// Window is the time window of the report; null ends are open.
type Window struct {
	Since *string `json:"since"`
	Until *string `json:"until"`
}

// Inputs says what was read and what could not be used.
type Inputs struct {
	Files         int `json:"files"`
	SkippedFiles  int `json:"skipped_files"`
	NotLogs       int `json:"not_logs"` // skipped files that are plainly not logs or reports (source, documents, images)
	Records       int `json:"records"`
	SkippedLines  int `json:"skipped_lines"`
	Duplicates    int `json:"duplicates"`
	OutsideWindow int `json:"outside_window"`
	// NotRead counts the files last modified before NotReadBefore, which
	// cannot hold a record of the window and were not read.
	NotRead       int       `json:"not_read,omitempty"`
	NotReadBefore *string   `json:"not_read_before,omitempty"`
	NotReadRest   int       `json:"not_read_rest,omitempty"` // files in time order not read past their first run or record later than NotReadAfter (the window's end plus an hour)
	NotReadAfter  *string   `json:"not_read_after,omitempty"`
	Uncharted     int       `json:"uncharted"` // requests counted but not charted by hour: past 30,000 distinct hours
	ProblemCount  int       `json:"problem_count"`
	Problems      []Problem `json:"problems"`
	// Side is the side counted (--side), "" for all; OtherSide counts the
	// records of the other sides, left out.
	Side      string   `json:"side"`
	OtherSide int      `json:"other_side"`
	Sources   []Source `json:"sources"`
}

// Source is what the inputs of one format gave, and which side of the
// traffic they saw (client, load, server): a server's log and a client's
// log of the same run are two views, their requests not paired.
type Source struct {
	Format  string `json:"format"`
	Side    string `json:"side"`
	Files   int    `json:"files"`
	Records int    `json:"records"`
	// Aggregate marks a source of counts, not requests (a load tester's
	// summary): its records have no time and no response time.
	Aggregate bool `json:"aggregate,omitempty"`
}

// Problem is one input problem, with file and line (0: the whole file).
type Problem struct {
	File  string `json:"file"`
	Line  int    `json:"line"`
	Error string `json:"error"`
}

// Summary holds the totals.
type Summary struct {
	Requests       int     `json:"requests"`
	Failed         int     `json:"failed"`
	Skipped        int     `json:"skipped"` // test cases that did not run: no requests
	ErrorRate      float64 `json:"error_rate"`
	Runs           int     `json:"runs"`
	IncompleteRuns int     `json:"incomplete_runs"`
	First          *string `json:"first"`
	Last           *string `json:"last"`
}

// Status counts requests by HTTP status; 0 means no HTTP response, -1
// that the input does not say. The last row, of class ClassSkipped,
// counts the skipped test cases, which are no requests.
type Status struct {
	Status int    `json:"status"`
	Class  string `json:"class"`
	Count  int    `json:"count"`
}

// Hour counts requests in one hour, named by its start in the report's zone.
type Hour struct {
	Hour     string `json:"hour"`
	Requests int    `json:"requests"`
	Failed   int    `json:"failed"`
	// The hour's latency percentiles, nil without timed requests, for
	// the HTML chart. Not in the JSON contract yet: adding them is a
	// contract change of its own.
	P50Seconds *float64 `json:"-"`
	P95Seconds *float64 `json:"-"`
	P99Seconds *float64 `json:"-"`
}

// Endpoint sums up one method and endpoint pattern.
type Endpoint struct {
	Method     string   `json:"method"`
	Endpoint   string   `json:"endpoint"`
	Requests   int      `json:"requests"`
	Failed     int      `json:"failed"`
	ErrorRate  float64  `json:"error_rate"`
	P50Seconds *float64 `json:"p50_seconds"`
	P95Seconds *float64 `json:"p95_seconds"`
}

// Message is a group of failure messages that share a pattern.
type Message struct {
	Pattern   string   `json:"pattern"`
	Class     string   `json:"class"`
	Count     int      `json:"count"`
	Statuses  []int    `json:"statuses"`
	Endpoints []string `json:"endpoints"`
	Example   string   `json:"example"`
	Source    string   `json:"source"`
	FirstSeen *string  `json:"first_seen"`
	LastSeen  *string  `json:"last_seen"`
}

// Slow describes response times; percentiles come from a sketch with 1%
// relative error, max is exact.
type Slow struct {
	ThresholdSeconds float64       `json:"threshold_seconds"`
	Count            int           `json:"count"`
	Timed            int           `json:"timed"`
	P50Seconds       float64       `json:"p50_seconds"`
	P95Seconds       float64       `json:"p95_seconds"`
	P99Seconds       float64       `json:"p99_seconds"`
	MaxSeconds       float64       `json:"max_seconds"`
	Slowest          []SlowRequest `json:"slowest"`
}

// SlowRequest is one of the slowest requests.
type SlowRequest struct {
	Time     *string `json:"time"`
	Method   string  `json:"method"`
	Endpoint string  `json:"endpoint"`
	Seconds  float64 `json:"seconds"`
	Source   string  `json:"source"`
}

// Category counts the failures of a class, with its resolution hint.
type Category struct {
	Class string `json:"class"`
	Count int    `json:"count"`
	Hint  string `json:"hint"`
}

// ErrorCode counts an API error code found in response bodies.
type ErrorCode struct {
	Code  string `json:"code"`
	Count int    `json:"count"`
}

// Incomplete is a run that ended without its summary: it crashed or was
// killed.
type Incomplete struct {
	Run         string  `json:"run"`
	File        string  `json:"file"`
	Start       *string `json:"start"`
	End         *string `json:"end"`
	Requests    int     `json:"requests"`
	LastRequest string  `json:"last_request"`
	LastLine    int     `json:"last_line"`
}

// Alert compares the error rate with --threshold (null when not set).
type Alert struct {
	Threshold *float64 `json:"threshold"`
	ErrorRate float64  `json:"error_rate"`
	Breached  bool     `json:"breached"`
}

// Options shape a report.
type Options struct {
	Top       int      // rows of top messages and slowest requests
	Threshold *float64 // error-rate alert threshold in percent
	// Baseline, when set, is a report saved earlier to compare with
	// (unless the analysis has its own previous window); BaselineName
	// names it in the report.
	Baseline     *Report
	BaselineName string
}

// New builds the report model from an analysis.
func New(res *analyzer.Result, opt Options) *Report {
	loc := res.Location
	r := &Report{
		SchemaVersion: SchemaVersion,
		TimeZone:      zoneName(loc, res.First),
		Window:        Window{Since: stamp(res.Since, loc), Until: stamp(res.Until, loc)},
		Inputs: Inputs{Files: res.Files, SkippedFiles: res.SkippedFiles, NotLogs: res.NotLogs, Records: res.Records,
			SkippedLines: res.SkippedLines, Duplicates: res.Duplicates, OutsideWindow: res.OutsideWindow, Uncharted: res.Uncharted,
			NotRead: res.NotRead, NotReadBefore: stamp(res.NotReadBefore, loc),
			NotReadRest: res.NotReadRest, NotReadAfter: stamp(res.NotReadAfter, loc),
			ProblemCount: res.ProblemCount, Problems: []Problem{},
			Side: string(res.Side), OtherSide: res.OtherSide, Sources: []Source{}},
		Summary: Summary{Requests: res.Requests, Failed: res.Failed, Skipped: res.Skipped, ErrorRate: round(res.ErrorRate, 2),
			Runs: res.Runs, IncompleteRuns: res.IncompleteRuns, First: stamp(res.First, loc), Last: stamp(res.Last, loc)},
		ByStatus: []Status{}, ByHour: []Hour{}, ByEndpoint: []Endpoint{}, TopMessages: []Message{},
		Categories: []Category{}, ErrorCodes: []ErrorCode{}, IncompleteRun: []Incomplete{},
		StatedLatency: statedLatency(res), StatedLeftOut: res.StatedLeftOut,
	}
	for _, s := range res.Sources {
		r.Inputs.Sources = append(r.Inputs.Sources, Source{s.Format, string(s.Side), s.Files, s.Records, s.Aggregate})
	}
	for _, p := range res.Problems {
		r.Inputs.Problems = append(r.Inputs.Problems, Problem{File: p.Source, Line: p.Line, Error: p.Err})
	}
	for _, s := range res.ByStatus {
		r.ByStatus = append(r.ByStatus, Status{s.Status, string(s.Class), s.Count})
	}
	if res.Skipped > 0 {
		r.ByStatus = append(r.ByStatus, Status{-1, ClassSkipped, res.Skipped})
	}
	for _, h := range res.ByHour {
		hour := Hour{Hour: h.Hour.In(loc).Format(time.RFC3339), Requests: h.Requests, Failed: h.Failed}
		if h.Timed > 0 {
			hour.P50Seconds, hour.P95Seconds, hour.P99Seconds = ptr(round(h.P50, 3)), ptr(round(h.P95, 3)), ptr(round(h.P99, 3))
		}
		r.ByHour = append(r.ByHour, hour)
	}
	for _, e := range res.ByEndpoint {
		ep := Endpoint{Method: e.Method, Endpoint: e.Endpoint, Requests: e.Requests, Failed: e.Failed,
			ErrorRate: round(e.ErrorRate, 2)}
		if e.Timed > 0 {
			ep.P50Seconds, ep.P95Seconds = ptr(round(e.P50, 3)), ptr(round(e.P95, 3))
		}
		r.ByEndpoint = append(r.ByEndpoint, ep)
	}
	r.TopMessages = messages(res.Patterns, opt.Top, loc)
	r.Slow = slow(res.Slow, loc)
	for _, c := range res.Categories {
		r.Categories = append(r.Categories, Category{string(c.Class), c.Count, c.Hint})
	}
	for _, c := range res.ErrorCodes {
		r.ErrorCodes = append(r.ErrorCodes, ErrorCode{c.Code, c.Count})
	}
	for _, run := range res.Incomplete {
		r.IncompleteRun = append(r.IncompleteRun, Incomplete{Run: run.ID, File: run.Source,
			Start: stamp(run.Start, loc), End: stamp(run.End, loc), Requests: run.Requests,
			LastRequest: run.LastRequest, LastLine: run.LastLine})
	}
	r.Alert = Alert{Threshold: opt.Threshold, ErrorRate: r.Summary.ErrorRate,
		Breached: opt.Threshold != nil && res.ErrorRate > *opt.Threshold}
	r.addDaily(res, opt)
	return r
}

func messages(ps []analyzer.PatternCount, top int, loc *time.Location) []Message {
	out := []Message{}
	for i, p := range ps {
		if top > 0 && i >= top {
			break
		}
		src := p.Example.Source
		if p.Example.Line > 0 {
			src += ":" + itoa(p.Example.Line)
		}
		out = append(out, Message{Pattern: p.Pattern, Class: string(p.Class), Count: p.Count,
			Statuses: p.Statuses, Endpoints: p.Endpoints, Example: p.Example.Message, Source: src,
			FirstSeen: stamp(p.FirstSeen, loc), LastSeen: stamp(p.LastSeen, loc)})
	}
	return out
}

func slow(s analyzer.SlowSummary, loc *time.Location) Slow {
	out := Slow{ThresholdSeconds: s.Threshold, Count: s.Count, Timed: s.Timed,
		P50Seconds: round(s.P50, 3), P95Seconds: round(s.P95, 3), P99Seconds: round(s.P99, 3),
		MaxSeconds: round(s.Max, 3), Slowest: []SlowRequest{}}
	for _, e := range s.Slowest {
		src := e.Source
		if e.Line > 0 {
			src += ":" + itoa(e.Line)
		}
		out.Slowest = append(out.Slowest, SlowRequest{Time: stamp(e.Time, loc), Method: e.Method,
			Endpoint: e.Endpoint, Seconds: round(e.Seconds, 3), Source: src})
	}
	return out
}

// zoneName names the report's zone: its IANA name, or for a zone known
// only as "Local" its offset at the first record (or now), "UTC+02:00".
func zoneName(loc *time.Location, at time.Time) string {
	if name := loc.String(); name != "Local" {
		return name
	}
	if at.IsZero() {
		at = time.Now()
	}
	return "UTC" + at.In(loc).Format("-07:00")
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

func ptr[T any](v T) *T { return &v }
