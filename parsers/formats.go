package parsers

import (
	"bytes"
	"io"
	"time"
)

// Format is one input format errpat reads: how it is recognised, how it
// is read, and the few properties the rest of errpat needs to know of it.
// The formats are the values of one list, in the order they are tried
// (see Formats); nothing outside this package names a format.
type Format struct {
	// Name is the format's short name, as records and reports give it.
	Name string
	// Doc says in one line what the format is and who writes it.
	Doc string
	// Side is the side of the traffic the format's records saw.
	Side Side
	// Sniff tells whether an input is in the format, from its first bytes
	// (at most 64 KiB, byte order mark and leading blanks removed, never
	// empty). It looks for the format's own signature: the keys and
	// structure its tool writes, never the file's name.
	Sniff func(text []byte) bool
	// Parse streams an input of the format.
	Parse ParseFunc
	// Next, when set, finds where a large file of the format may be cut
	// into parts read in parallel: the offset in buf of the first point
	// at or after buf's start where a part may begin, or -1. Parts of a
	// file must not share anything a parser carries from one line to the
	// next (a run, a multi-line entry).
	Next func(buf []byte) int
	// NextOf, when set, makes a file's Next from its first line (a CSV
	// header says where the columns are); nil when it cannot.
	NextOf func(head []byte) func(buf []byte) int
	// Header is set when a file's first line says how to read the rest
	// (a CSV header): each part of a split file is given it (Options.Head).
	Header bool
	// Quote, when set, is the byte that quotes fields which may hold line
	// breaks (CSV): a file is cut only where the quotes before the cut
	// are even in number, outside any quoted field.
	Quote byte
	// Later formats are read after all the others: their records are
	// twins of records that other inputs may hold (a run's results file
	// beside its log), and are dropped when those were read (their Key is
	// claimed).
	Later bool
	// Count, when set, digests the records of an input of a Later format
	// in one cheap pass (ok false when it cannot), so that a file whose
	// twins were all read need not be read again.
	Count func(r io.Reader) (d Requests, ok bool)
	// Claims is set when the format's records claim their Key: a record of
	// a Later format with the same key is a twin, counted once.
	Claims bool
	// Summary formats hold the outcome of a run, not its requests: a file
	// of one without requests is no problem.
	Summary bool
	// Concurrent is set when the requests of one run are sent at once
	// rather than one after the other, so that the time between two of
	// them says nothing of how long the client waited.
	Concurrent bool
	// Sorted, when set, reads the time of one line of a file of the
	// format: false when the line holds no record or entry, the zero
	// time for one without a time. It is set for formats whose writer
	// appends records in time order, within SortSlack, so that a file
	// need not be read past the end of a window (see SortedAfter).
	Sorted func(line []byte, loc *time.Location) (time.Time, bool)
	// Aggregate formats hold counts, not requests (a load tester's
	// end-of-test summary): their records stand for the requests counted,
	// without response time, and without time unless the file counts by
	// period (Artillery), and reports mark their sources.
	Aggregate bool
}

// Side is the side of an HTTP exchange that an input saw.
type Side string

// The sides of an exchange.
const (
	SideClient Side = "client" // a test client or test runner
	SideLoad   Side = "load"   // a load tester
	SideServer Side = "server" // the API's server
)

// formats lists the formats in the order Sniff tries them: a format whose
// signature is a special case of another's comes first.
var formats = []*Format{
	testngFormat,
	junitFormat,
	// the test client's results files first: a folder holds thousands,
	// and no other format has their key
	resultsFormat,
	jtlXMLFormat,
	k6Format,
	harFormat,
	caddyFormat,
	traefikJSONFormat,
	envoyFormat,
	gcpFormat,
	cloudflareFormat,
	nginxJSONFormat,
	envoyTextFormat, // its lines start with '[', as a JSON array does
	gcpArrayFormat,
	// test reports in JSON, each by its tool's own keys, before the JSON
	// of the test clients (one-line reports would pass for JSON lines)
	goTestFormat,
	k6SummaryFormat,
	artilleryFormat,
	playwrightFormat,
	ctrfFormat,
	mochawesomeFormat,
	pytestJSONFormat,
	allureFormat,
	allureContainerFormat,
	cucumberFormat,
	jsonLinesFormat,
	jsonArrayFormat,
	newmanFormat,
	integrationFormat,
	loadFormat,
	locustStatsFormat,
	locustFailuresFormat,
	locustHistoryFormat,
	locustExceptionsFormat,
	jtlCSVFormat,
	gatlingFormat,
	accessLogFormat,
	albFormat,
	pyLogFormat,
	runnerFormat,
}

// Formats returns the formats errpat reads, in sniffing order.
func Formats() []*Format { return append([]*Format(nil), formats...) }

// sniffFormat returns the first of list whose signature text has.
func sniffFormat(list []*Format, text []byte) *Format {
	for _, f := range list {
		if f.Sniff(text) {
			return f
		}
	}
	return nil
}

// objectWith returns a Sniff test for a JSON object whose first bytes
// hold one of keys (each a quoted key, as written).
func objectWith(keys ...string) func([]byte) bool {
	return func(text []byte) bool {
		if text[0] != '{' {
			return false
		}
		for _, k := range keys {
			if bytes.Contains(text, []byte(k)) {
				return true
			}
		}
		return false
	}
}
