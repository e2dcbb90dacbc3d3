package analyzer

import (
	"time"

	"github.com/errpat/errpat/parsers"
)

// Config says how records are grouped.
type Config struct {
	// Location is the zone of the hourly buckets (nil means UTC).
	Location *time.Location
	// Slow is the response time above which a request is slow.
	Slow time.Duration
	// Top bounds the slowest-requests list (patterns are all kept; the
	// report cuts them).
	Top int
	// Since and Until bound the window of records counted (zero: open).
	Since, Until time.Time
	// MaxProblems bounds the problems kept with file and line; all are
	// counted.
	MaxProblems int
	// Mask hides secrets in every text the aggregate keeps.
	Mask func(string) string
	// Peak is the band of hours the peak-hour detector compares with
	// the rest of the day (zero: no band).
	Peak Band
	// Routes are the API's endpoint templates ("/trunks/{trunk_sid}"):
	// endpoints that match one are named by it.
	Routes []string
	// Previous, when set, is the window compared with: records that
	// fall in it, outside Since and Until, are aggregated apart into
	// Result.Previous, in the same pass (standard input is read once).
	Previous *Config
	// Side, when set, restricts the count to the records of formats of
	// that side; the others are counted in OtherSide.
	Side parsers.Side
	// Occurrences, when set, gathers each failure pattern's Occurrences,
	// for a bug report.
	Occurrences bool
}

func (c *Config) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// Aggregate accumulates records into small tallies, one per dimension
// (tally_*.go), and feeds the detectors (detect*.go). Add one record at a
// time, or Merge another aggregate; merging per-file aggregates in input
// order gives the same result whatever the number of workers.
type Aggregate struct {
	cfg  *Config
	open bool // neither Since nor Until: every record is in the window

	inputs    inputTally
	status    statusTally
	hours     hourTally
	endpoints endpointTally
	patterns  patternTally
	latency   latencyTally
	stated    statedList   // stated.go
	buckets   *bucketCache // the sketch buckets of recent response times

	runs      runSet            // the runs followed for the detectors
	detectors []failureDetector // see newDetectors
	observed  bool              // a record reached the detectors
	obs       observation       // the record the detectors are fed
	minute    minuteBatch       // the records the detectors are fed by the minute
	prev      *Aggregate        // the window compared with, or nil

	// The current input's format (see startFormat).
	format     *parsers.Format
	concurrent bool // its requests are sent at once
	offSide    bool // its side is not Config.Side
}

// New returns an empty aggregate.
func New(cfg *Config) *Aggregate {
	a := &Aggregate{
		cfg:     cfg,
		inputs:  inputTally{maxProblems: cfg.MaxProblems},
		status:  newStatusTally(),
		hours:   newHourTally(cfg.loc()),
		latency: newLatencyTally(cfg.Slow, cfg.Top),
		runs:    newRunSet(),
		prev:    newPrevious(cfg),
	}
	a.open = cfg.Since.IsZero() && cfg.Until.IsZero()
	a.detectors = newDetectors(cfg)
	a.endpoints = newEndpointTally(a.mask)
	a.patterns = newPatternTally(a.mask, a.cfg.Occurrences)
	return a
}

// InWindow tells whether a record's time falls in the configured window.
// Records without a time are kept: the window cannot place them.
func (a *Aggregate) InWindow(t time.Time) bool {
	if a.open || t.IsZero() {
		return true
	}
	return (a.cfg.Since.IsZero() || !t.Before(a.cfg.Since)) && (a.cfg.Until.IsZero() || t.Before(a.cfg.Until))
}

// Add counts one record.
func (a *Aggregate) Add(r *parsers.Record) {
	a.inputs.records++
	if a.offSide {
		a.inputs.otherSide++
		return
	}
	if a.format != nil {
		a.inputs.sources.add(a.format, r.Source)
	}
	if !a.InWindow(r.Time) {
		a.inputs.outsideWindow++
		a.addPrevious(r)
		return
	}
	if r.Skipped {
		a.inputs.skipped++
		return
	}
	class := Classify(r)
	a.status.add(statusKey{r.Status, class}, r.Failed, r.ErrorCode, 1)
	charted, hour, hourOfDay := a.hours.add(r.Time, r.Failed)
	id := a.endpoints.id(r.Method, r.Endpoint)
	endpoint := a.endpoints.name(id)
	a.endpoints.add(id, r.Failed)
	if r.Failed {
		a.patterns.add(r, class, endpoint)
	}
	a.addSignals(r, class, id, endpoint, charted, hour, hourOfDay)
	if r.HasSeconds {
		if a.buckets == nil {
			a.buckets = &bucketCache{}
		}
		bucket := a.buckets.index(r.Seconds) // one bucket for the three sketches
		a.endpoints.addLatency(id, r.Seconds, bucket)
		a.latency.add(r, endpoint, bucket)
		if charted {
			a.hours.addLatency(r.Seconds, bucket)
		}
	}
}

func (a *Aggregate) mask(s string) string {
	if a.cfg.Mask == nil {
		return s
	}
	return a.cfg.Mask(s)
}

// AddRun counts a test run; runs that did not finish are listed.
func (a *Aggregate) AddRun(run parsers.Run) {
	if a.offSide {
		return
	}
	a.endRun(run) // its records are all in
	if !run.End.IsZero() && !a.InWindow(run.End) {
		if a.prev != nil {
			a.prev.AddRun(run)
		}
		return
	}
	a.inputs.addRun(run, a.mask)
}

// AddProblem counts input that could not be used; the first few of each
// input (see startInput) are kept with file and line.
func (a *Aggregate) AddProblem(p parsers.Problem) { a.inputs.addProblem(p, a.mask) }

// startInput tells that the next problems are another input's: an
// aggregate that reads several keeps the first few of each.
func (a *Aggregate) startInput() { a.inputs.inputProblems = 0 }

// startFormat tells the format of the records that follow, until the
// next input.
func (a *Aggregate) startFormat(f *parsers.Format) {
	a.concurrent, a.format = f.Concurrent, f
	a.offSide = a.cfg.Side != "" && f.Side != a.cfg.Side
}

// Merge adds b's counts to a. b must have been filled after a's inputs
// (input order decides which example of a pattern is kept); it is not
// used afterwards.
func (a *Aggregate) Merge(b *Aggregate) {
	a.inputs.merge(&b.inputs)
	a.status.merge(&b.status)
	a.hours.merge(&b.hours) // before the detectors: they keep the charted hours
	a.endpoints.merge(&b.endpoints)
	a.patterns.merge(&b.patterns)
	a.latency.merge(&b.latency)
	a.stated.merge(b.stated)
	a.mergeSignals(b)
	if a.prev != nil && b.prev != nil {
		a.prev.Merge(b.prev)
	}
}

// readDone drops what only speeds up Add: an aggregate read to the end
// waits for its turn to be merged beside others (a large file's parts,
// read ahead), and its caches, a few thousand messages each, would be
// held for nothing.
func (a *Aggregate) readDone() {
	a.patterns.cache = nil
	a.buckets = nil
	a.endpoints.recent = nil
	if a.prev != nil {
		a.prev.readDone()
	}
}

// shiftLines turns the line numbers of a part of a split file, which
// count from the part's start, into the file's.
func (a *Aggregate) shiftLines(base int) {
	a.inputs.shiftLines(base)
	a.patterns.shiftLines(base)
	a.latency.shiftLines(base)
}
