package parsers

import (
	"io"
	"strconv"
	"time"
)

// Record is one request as an input file describes it. Parsers fill what
// their format carries and leave the rest zero.
type Record struct {
	// Time is when the request finished (or started, where only that is
	// known). Naive timestamps are read in Options.Location, except where
	// the format says what zone they are in. Zero when unknown.
	Time time.Time
	// Source is the input's display name and Line the 1-based line where
	// the record starts (0 where the format has no lines, e.g. XML).
	Source string
	Line   int
	// Format is the Name of the input's format.
	Format string
	// Run identifies the test run inside the source (a log file can hold
	// several runs); empty for formats without runs.
	Run string
	// Test is the test's name ("Create Trunk", "status is 2xx").
	Test string
	// Method is the HTTP method, upper case; empty when unknown.
	Method string
	// Endpoint is the path or URL as written in the input (raw, ids kept).
	Endpoint string
	// Status is the HTTP status code; 0 means no HTTP response arrived,
	// StatusUnknown (-1) that the input does not say.
	Status int
	// Failed is the client's own verdict on the request.
	Failed bool
	// Skipped is a test case that did not run (skipped, pending, ignored):
	// counted and shown as skipped, no request and no failure.
	Skipped bool
	// Retries is how many attempts of a test failed before this one, its
	// last: a test that passed with Retries > 0 is flaky.
	Retries int
	// ErrorCode is the API's error code from the response body
	// ("AUTH_FAILED", "VALIDATION_ERROR"), when the body had one.
	ErrorCode string
	// Message is the failure message: the API's "message" field when the
	// body had one, else the client's error text. Empty for successes.
	Message string
	// Seconds is the response time; valid only when HasSeconds is set.
	Seconds    float64
	HasSeconds bool
	// RetryAfter is a 429's Retry-After / retry_after value in seconds (0 = none).
	RetryAfter float64
	// Key identifies the request across formats that report the same run
	// twice (newman's JSON and JUnit reports), for de-duplication; empty
	// when the format has no such twin.
	Key string
	// Payload and Response are the request and response bodies as written
	// in the input, for bug reports; they may be empty or cut short.
	Payload  string
	Response string
}

// Run describes one execution of a test client, as far as its input shows.
type Run struct {
	Source string
	ID     string
	Format string
	Start  time.Time
	End    time.Time
	// Requests is how many records the run emitted.
	Requests int
	// Complete is set when the run wrote its closing summary; a run
	// without one crashed or was killed.
	Complete bool
	// ResultsFile is the base name of the results file the run says it
	// wrote ("test_results_20261128_032120.json"), if any.
	ResultsFile string
	// LastRequest is the last request the run logged ("GET /trunks/{id}").
	LastRequest string
	// LastLine is the run's last line number in Source.
	LastLine int
}

// Problem is input errpat could not use: a line it skipped, a file it could
// not read. Line is 0 when the problem concerns the whole file.
type Problem struct {
	Source string
	Line   int
	Err    string
	// Lines is how many input lines the problem made errpat skip.
	Lines int
	// NotLog is set when the input is plainly not a log or report (source
	// code, documents, images, archives): it is skipped without a word.
	NotLog bool
}

func (p Problem) Error() string {
	if p.Line > 0 {
		return p.Source + ":" + strconv.Itoa(p.Line) + ": " + p.Err
	}
	return p.Source + ": " + p.Err
}

// Sink receives what a parser finds. Any nil func drops that kind.
type Sink struct {
	// Record is handed each record; the *Record is the parser's to reuse
	// once Record returns (a sink copies what it keeps), so that a record
	// a line costs no allocation.
	Record  func(*Record)
	Run     func(Run)
	Problem func(Problem)
	// Stated receives the latency a summary file states (see Stated).
	Stated func(Stated)
}

// Options tell parsers how to read what the input leaves open.
type Options struct {
	// Location is the zone of naive timestamps (nil means UTC).
	Location *time.Location
	// MaxLine is the longest line kept whole, in bytes; longer lines are
	// cut, and the cut is reported as a Problem. 0 means DefaultMaxLine.
	MaxLine int
	// Part is the part number of a split file (see Split); 0 for a whole
	// file. Parsers use it to keep run ids independent of the split.
	Part int
	// Head is the first line of the whole file, for a part of a split
	// file whose format reads a header line (Format.Header); nil else.
	Head []byte
	// Formats are the user's formats, tried before errpat's own.
	Formats []*Format
	// Counted, when set, tells whether the records of a Record.Key are
	// counted already, from another input: a parser still hands each of
	// them to the sink, but need not read more of them than their key.
	Counted func(key string) bool
}

// DefaultMaxLine is the longest line a parser keeps whole.
const DefaultMaxLine = 1 << 20

// ParseFunc streams one input: it reads r to the end, calls sink for each
// record, run and problem, and returns an error only when it had to stop
// reading early (the input's own faults are Problems, not errors).
type ParseFunc func(r io.Reader, source string, opt Options, sink Sink) error
