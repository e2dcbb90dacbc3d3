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
}

func (c *Config) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// Aggregate accumulates records. Add one record at a time, or Merge
// another aggregate; merging per-file aggregates in input order gives the
// same result whatever the number of workers.
type Aggregate struct {
	cfg *Config

	Files         int
	Records       int
	SkippedLines  int
	SkippedFiles  int
	NotLogs       int      // skipped files that are plainly not logs or reports
	NotLogFiles   []string // the first MaxRunsListed of them
	Duplicates    int
	OutsideWindow int
	NoTime        int
	Uncharted     int // requests with a time past the maxHours hours charted
	ProblemCount  int
	Problems      []parsers.Problem
	inputProblems int  // the problems of the current input kept
	concurrent    bool // the current input's requests are sent at once (see startFormat)
	format        *parsers.Format
	offSide       bool // the current input's side is not Config.Side
	OtherSide     int  // records left out by Config.Side
	sources       sourceTally
	stated        statedList // stated.go

	Requests int
	Failed   int
	Skipped  int // test cases that did not run: no requests
	First    time.Time
	Last     time.Time

	status    map[statusKey]*int
	lastState statusKey // the status and class last counted, and its count
	lastCount *int
	codes     map[string]int
	hours     map[int64]*hourCount
	endpoints map[string]*endpointStats // by method, NUL, endpoint pattern
	keyBuf    []byte                    // reused to look endpoints up without allocating

	patternCache map[string]maskedPattern // by raw message

	hourFrom  int64 // the hour last seen, for hourOf
	hourOfDay int
	hourSet   bool
	lastHour  *hourCount // the counts of the hour last seen, or nil
	lastKey   int64      // that hour
	patterns  map[string]*patternStats
	latency   Sketch
	slowCount int
	slowest   slowList

	Runs       int
	incomplete runList

	sig  signals    // what the pattern detectors need (detect.go)
	prev *Aggregate // the window compared with, or nil
}

type statusKey struct {
	status int
	class  Class
}

type hourCount struct{ requests, failed int }

type endpointKey struct{ method, endpoint string }

type endpointStats struct {
	method, endpoint string
	requests, failed int
	latency          Sketch
}

// countCode adds n requests with an API error code.
func (a *Aggregate) countCode(code string, n int) {
	if _, ok := a.codes[code]; !ok && len(a.codes) >= maxGroups {
		code = OtherCodes
	}
	a.codes[code] += n
}

// countStatus adds n requests of a status and class. Most requests have
// the status of the one before, which then costs no map lookup.
func (a *Aggregate) countStatus(k statusKey, n int) {
	if a.lastCount == nil || a.lastState != k {
		p := a.status[k]
		if p == nil {
			p = new(int)
			a.status[k] = p
		}
		a.lastState, a.lastCount = k, p
	}
	*a.lastCount += n
}

// New returns an empty aggregate.
func New(cfg *Config) *Aggregate {
	return &Aggregate{
		cfg:       cfg,
		status:    map[statusKey]*int{},
		codes:     map[string]int{},
		hours:     map[int64]*hourCount{},
		endpoints: map[string]*endpointStats{},
		patterns:  map[string]*patternStats{},
		slowest:   slowList{max: cfg.Top},
		prev:      newPrevious(cfg),
	}
}

// InWindow tells whether a record's time falls in the configured window.
// Records without a time are kept: the window cannot place them.
func (a *Aggregate) InWindow(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	return (a.cfg.Since.IsZero() || !t.Before(a.cfg.Since)) && (a.cfg.Until.IsZero() || t.Before(a.cfg.Until))
}

// Add counts one record.
func (a *Aggregate) Add(r *parsers.Record) {
	a.Records++
	if a.offSide {
		a.OtherSide++
		return
	}
	if a.format != nil {
		a.sources.add(a.format, r.Source)
	}
	if !a.InWindow(r.Time) {
		a.OutsideWindow++
		a.addPrevious(r)
		return
	}
	if r.Skipped {
		a.Skipped++
		return
	}
	a.Requests++
	class := Classify(r)
	if r.Failed {
		a.Failed++
	}
	a.countStatus(statusKey{r.Status, class}, 1)
	if r.ErrorCode != "" {
		a.countCode(r.ErrorCode, 1)
	}
	charted := a.addTime(r)
	es := a.endpoint(r)
	es.requests++
	if r.Failed {
		es.failed++
		a.addPattern(r, class, es.endpoint)
	}
	a.addSignals(r, class, es.endpoint, charted)
	if r.HasSeconds {
		es.latency.Add(r.Seconds)
		a.latency.Add(r.Seconds)
		if r.Seconds > a.cfg.Slow.Seconds() {
			a.slowCount++
		}
		a.slowest.add(slowEntry{time: r.Time, seconds: r.Seconds, method: r.Method, endpoint: es.endpoint,
			source: r.Source, line: r.Line, test: r.Test})
	}
}

// endpoint returns the stats of the record's method and endpoint pattern.
// The pattern is built in a reused buffer, and strings are made (and
// masked) only for a pattern not seen before.
func (a *Aggregate) endpoint(r *parsers.Record) *endpointStats {
	a.keyBuf = append(append(a.keyBuf[:0], r.Method...), 0)
	a.keyBuf = appendFolded(a.keyBuf, r.Endpoint)
	if es := a.endpoints[string(a.keyBuf)]; es != nil {
		return es
	}
	if len(a.endpoints) >= maxGroups {
		return a.otherEndpoint(r.Method)
	}
	key := string(a.keyBuf)
	es := &endpointStats{method: r.Method, endpoint: a.mask(key[len(r.Method)+1:])}
	a.endpoints[key] = es
	return es
}

// otherEndpoint returns the group of method's endpoints past maxGroups.
func (a *Aggregate) otherEndpoint(method string) *endpointStats {
	key := method + "\x00" + OtherEndpoints
	es := a.endpoints[key]
	if es == nil {
		es = &endpointStats{method: method, endpoint: OtherEndpoints}
		a.endpoints[key] = es
	}
	return es
}

// addTime counts r in its hour, and tells whether it was: not when it
// has no time, or its hour found no room.
func (a *Aggregate) addTime(r *parsers.Record) bool {
	if r.Time.IsZero() {
		a.NoTime++
		return false
	}
	if a.First.IsZero() || r.Time.Before(a.First) {
		a.First = r.Time
	}
	if r.Time.After(a.Last) {
		a.Last = r.Time
	}
	hc := a.hourCount(r.Time)
	if hc == nil {
		a.Uncharted++
		return false
	}
	hc.requests++
	if r.Failed {
		hc.failed++
	}
	return true
}

// hourCount returns the counts of t's hour, or nil when it is new and
// there is no room; the last is remembered.
func (a *Aggregate) hourCount(t time.Time) *hourCount {
	h, _ := a.hourOf(t)
	if a.lastHour != nil && a.lastKey == h {
		return a.lastHour
	}
	hc := a.hours[h]
	if hc == nil {
		if len(a.hours) >= maxHours {
			return nil
		}
		hc = &hourCount{}
		a.hours[h] = hc
	}
	a.lastHour, a.lastKey = hc, h
	return hc
}

// hourOf returns the Unix second at which t's hour starts in the report's
// zone, and that hour of the day. The last hour is remembered: records
// mostly come in time order, and converting zones is slow.
func (a *Aggregate) hourOf(t time.Time) (int64, int) {
	u := t.Unix()
	if u >= a.hourFrom && u < a.hourFrom+3600 && a.hourSet {
		return a.hourFrom, a.hourOfDay
	}
	hs := hourStart(t, a.cfg.loc())
	a.hourFrom, a.hourOfDay, a.hourSet = hs.Unix(), hs.Hour(), true
	return a.hourFrom, a.hourOfDay
}

// hourStart is the start of t's hour on the clock of loc; zones offset by
// half hours and daylight-saving changes keep their own hours.
func hourStart(t time.Time, loc *time.Location) time.Time {
	lt := t.In(loc)
	return t.Add(-time.Duration(lt.Minute())*time.Minute - time.Duration(lt.Second())*time.Second -
		time.Duration(lt.Nanosecond())).In(loc)
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
	a.Runs++
	if !run.Complete {
		run.LastRequest = a.mask(run.LastRequest)
		a.incomplete.add(run)
	}
}

// AddProblem counts input that could not be used; the first few of each
// input (see startInput) are kept with file and line.
func (a *Aggregate) AddProblem(p parsers.Problem) {
	a.ProblemCount++
	a.SkippedLines += p.Lines
	if a.inputProblems < a.cfg.MaxProblems {
		a.inputProblems++
		p.Err = a.mask(p.Err)
		a.Problems = append(a.Problems, p)
	}
}

// addNotLog counts an input that is plainly not a log or report.
func (a *Aggregate) addNotLog(name string) {
	a.SkippedFiles++
	a.NotLogs++
	a.NotLogFiles = appendBounded(a.NotLogFiles, name)
}

// appendBounded appends names to list up to MaxRunsListed in all.
func appendBounded(list []string, names ...string) []string {
	return append(list, names[:min(len(names), max(MaxRunsListed-len(list), 0))]...)
}

// startInput tells that the next problems are another input's: an
// aggregate that reads several keeps the first few of each.
func (a *Aggregate) startInput() { a.inputProblems = 0 }

// startFormat tells the format of the records that follow, until the
// next input.
func (a *Aggregate) startFormat(f *parsers.Format) {
	a.concurrent, a.format = f.Concurrent, f
	a.offSide = a.cfg.Side != "" && f.Side != a.cfg.Side
}

// Merge adds b's counts to a. b must have been filled after a's inputs
// (input order decides which example of a pattern is kept).
func (a *Aggregate) Merge(b *Aggregate) {
	a.Files += b.Files
	a.stated.merge(b.stated)
	a.Records += b.Records
	a.SkippedLines += b.SkippedLines
	a.SkippedFiles += b.SkippedFiles
	a.NotLogs += b.NotLogs
	a.NotLogFiles = appendBounded(a.NotLogFiles, b.NotLogFiles...)
	a.Duplicates += b.Duplicates
	a.Skipped += b.Skipped
	a.OutsideWindow += b.OutsideWindow
	a.OtherSide += b.OtherSide
	a.sources.merge(b.sources)
	a.NoTime += b.NoTime
	a.ProblemCount += b.ProblemCount
	for _, p := range b.Problems {
		if len(a.Problems) < a.cfg.MaxProblems {
			a.Problems = append(a.Problems, p)
		}
	}
	a.Requests += b.Requests
	a.Failed += b.Failed
	if !b.First.IsZero() && (a.First.IsZero() || b.First.Before(a.First)) {
		a.First = b.First
	}
	if b.Last.After(a.Last) {
		a.Last = b.Last
	}
	for k, n := range b.status {
		a.countStatus(k, *n)
	}
	for _, k := range mergeOrder(b.codes, maxGroups-len(a.codes)) {
		a.countCode(k, b.codes[k])
	}
	a.Uncharted += b.Uncharted
	for _, k := range mergeOrder(b.hours, maxHours-len(a.hours)) {
		hc := b.hours[k]
		mine := a.hours[k]
		switch {
		case mine != nil:
			mine.requests += hc.requests
			mine.failed += hc.failed
		case len(a.hours) < maxHours:
			a.hours[k] = hc
		default:
			a.Uncharted += hc.requests
		}
	}
	for _, k := range mergeOrder(b.endpoints, maxGroups-len(a.endpoints)) {
		es := b.endpoints[k]
		mine := a.endpoints[k]
		if mine == nil && len(a.endpoints) >= maxGroups {
			mine = a.otherEndpoint(es.method)
		}
		if mine == nil {
			a.endpoints[k] = es
			continue
		}
		mine.requests += es.requests
		mine.failed += es.failed
		mine.latency.Merge(&es.latency)
	}
	for _, k := range mergeOrder(b.patterns, maxGroups-len(a.patterns)) {
		ps := b.patterns[k]
		mine := a.patterns[k]
		if mine == nil && len(a.patterns) >= maxGroups {
			mine = a.otherPattern(ps)
		}
		if mine == nil {
			a.patterns[k] = ps
			continue
		}
		mine.merge(ps)
	}
	a.latency.Merge(&b.latency)
	a.slowCount += b.slowCount
	for _, e := range b.slowest.items {
		a.slowest.add(e)
	}
	a.Runs += b.Runs
	a.incomplete.merge(&b.incomplete)
	a.mergeSignals(b)
	if a.prev != nil && b.prev != nil {
		a.prev.Merge(b.prev)
	}
}
