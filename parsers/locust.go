package parsers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The names of Locust's CSV files (locust --csv PREFIX): PREFIX_stats.csv,
// PREFIX_failures.csv, PREFIX_stats_history.csv, PREFIX_exceptions.csv.
const (
	FormatLocustStats      = "locust-stats"
	FormatLocustFailures   = "locust-failures"
	FormatLocustHistory    = "locust-history"
	FormatLocustExceptions = "locust-exceptions"
)

// Locust's _failures.csv gives the messages of failures its _stats.csv
// counts already. Each failure of either file has a key, the run's file
// prefix, the endpoint and the failure's number within the endpoint: the
// failures file claims its keys, and the stats file, read later, drops
// the failures claimed, so that each failure is counted once, with its
// message where the failures file gives one.
var (
	locustStatsFormat = &Format{
		Name: FormatLocustStats, Side: SideLoad, Sniff: sniffLocust(locustStats), Parse: parseLocust(locustStats),
		Doc:   "Locust's --csv PREFIX_stats.csv: requests and failures by endpoint, counts only",
		Later: true, Summary: true, Aggregate: true, Concurrent: true,
	}
	locustFailuresFormat = &Format{
		Name: FormatLocustFailures, Side: SideLoad, Sniff: sniffLocust(locustFailures), Parse: parseLocust(locustFailures),
		Doc:    "Locust's --csv PREFIX_failures.csv: failures by endpoint and message, counts only",
		Claims: true, Summary: true, Aggregate: true, Concurrent: true,
	}
	locustHistoryFormat = &Format{
		Name: FormatLocustHistory, Side: SideLoad, Sniff: sniffLocust(locustHistory), Parse: parseLocust(locustHistory),
		Doc:     "Locust's --csv PREFIX_stats_history.csv: cumulative counts over time, told once, not counted",
		Summary: true, Aggregate: true,
	}
	locustExceptionsFormat = &Format{
		Name: FormatLocustExceptions, Side: SideLoad, Sniff: sniffLocust(locustExceptions), Parse: parseLocust(locustExceptions),
		Doc:     "Locust's --csv PREFIX_exceptions.csv: exceptions of the test's own code, told once, not counted",
		Summary: true, Aggregate: true,
	}
)

type locustKind int

const (
	locustNone locustKind = iota
	locustStats
	locustFailures
	locustHistory
	locustExceptions
)

// locustHeader is where a Locust CSV file's columns are.
type locustHeader struct {
	kind                             locustKind
	fields                           int
	method, name, requests, failures int
	errText, occurrences             int
	stated                           []locustStat
}

// locustStat is a column of latency the stats file states.
type locustStat struct {
	col  int
	name string
}

// locustHeaderOf reads a header line. Locust has written these names:
// before 0.13.3 "Method","Name","# requests","# failures",…; 0.13.3 to
// 0.14 "Type" for "Method"; since 1.0 "Request Count", "Failure Count"
// (1.0 wrote "Average response Time"); percentiles "50%"…"100%", as
// many as PERCENTILES_TO_REPORT asks ("99.999" once without "%"). The
// failures file is Method,Name,Error,Occurrences (since 2.x with First
// Seen, Last Seen); the history file has a Timestamp column; the
// exceptions file is Count,Message,Traceback,Nodes. Names are quoted up
// to 1.3 and not since; one 0.13 development header left a quote open,
// so names are split on commas, never read as quoted fields.
func locustHeaderOf(line []byte) locustHeader {
	h := locustHeader{method: -1, name: -1, requests: -1, failures: -1, errText: -1, occurrences: -1}
	names := strings.Split(string(bytes.TrimRight(line, "\r")), ",")
	h.fields = len(names)
	seen := map[string]bool{}
	for i, n := range names {
		n = strings.ToLower(strings.TrimSpace(strings.Trim(strings.TrimSpace(n), `"`)))
		seen[n] = true
		switch n {
		case "type", "method":
			h.method = i
		case "name":
			h.name = i
		case "request count", "# requests":
			h.requests = i
		case "failure count", "# failures":
			h.failures = i
		case "error":
			h.errText = i
		case "occurrences":
			h.occurrences = i
		default:
			if s, ok := locustStatName(n); ok {
				h.stated = append(h.stated, locustStat{i, s})
			}
		}
	}
	switch {
	case h.name < 0:
	case seen["timestamp"] && (seen["total request count"] || h.requests >= 0):
		h.kind = locustHistory
	case h.method >= 0 && h.requests >= 0 && h.failures >= 0:
		h.kind = locustStats
	case h.method >= 0 && h.errText >= 0 && h.occurrences >= 0:
		h.kind = locustFailures
	}
	if h.kind == locustNone && seen["count"] && seen["message"] && seen["traceback"] {
		h.kind = locustExceptions
	}
	return h
}

// locustStatName names a stats column of latency: "median", "avg",
// "min", "max", or a percentile "p50".
func locustStatName(n string) (string, bool) {
	switch n {
	case "median response time":
		return "median", true
	case "average response time":
		return "avg", true
	case "min response time":
		return "min", true
	case "max response time":
		return "max", true
	}
	p := strings.TrimSuffix(n, "%")
	if v, err := strconv.ParseFloat(p, 64); err == nil && v > 0 && v <= 100 && p != "" && p[0] >= '0' && p[0] <= '9' {
		return "p" + p, true
	}
	return "", false
}

// sniffLocust returns the Sniff test for one kind of Locust file, told
// by its header line.
func sniffLocust(kind locustKind) func([]byte) bool {
	return func(text []byte) bool {
		if text[0] != '"' && (text[0] < 'A' || text[0] > 'Z') {
			return false
		}
		line, _, _ := bytes.Cut(text, []byte{'\n'})
		return locustHeaderOf(line).kind == kind
	}
}

// parseLocust returns the reader of one kind of Locust file.
func parseLocust(kind locustKind) ParseFunc {
	return func(r io.Reader, source string, opt Options, sink Sink) error {
		rows := newCSVRows(r, ',', opt.MaxLine)
		first, err := rows.firstLine()
		switch {
		case isEOF(err):
			return nil
		case err != nil:
			return fmt.Errorf("%s: %w", source, err)
		}
		p := &locustFile{source: source, sink: sink, h: locustHeaderOf(first), run: locustRun(source), seen: map[string]int64{}}
		if p.h.kind != kind {
			report(sink, Problem{Source: source, Line: rows.start, Lines: 1, Err: "not the header of a Locust CSV file of its kind: file skipped"})
			return nil
		}
		return p.read(rows)
	}
}

// locustRun is the prefix of a Locust file's name (PREFIX of --csv
// PREFIX), which the files of one run share.
func locustRun(source string) string {
	s := strings.TrimSuffix(source, ".gz")
	for _, suffix := range []string{"_stats.csv", "_failures.csv"} {
		if strings.HasSuffix(s, suffix) {
			return strings.TrimSuffix(s, suffix)
		}
	}
	return source
}

// locustFile is the state of one Locust CSV file being read.
type locustFile struct {
	source string
	sink   Sink
	h      locustHeader
	run    string
	// seen numbers the failures of each endpoint (failures file).
	seen map[string]int64
	// rows and lines count the rows read (history and exceptions files).
	rows, lines int
	// sum and total are the endpoints' counts and the Aggregated row's.
	sum, total [2]int64
	hasTotal   bool
	totalLine  int
}

func (p *locustFile) read(rows *csvRows) error {
	for {
		err := rows.next()
		switch {
		case isEOF(err):
			p.finish()
			return nil
		case errors.Is(err, errOpenQuote):
			p.problem(rows, "row skipped: a quoted field is not closed (the file was cut while Locust wrote it?)")
			continue
		case err != nil:
			return fmt.Errorf("%s: %w", p.source, err)
		}
		switch {
		case rows.cut:
			p.problem(rows, "row longer than the longest line kept: skipped")
		case len(rows.fields) < p.h.fields:
			p.problem(rows, fmt.Sprintf("row has %d fields, the header %d: skipped", len(rows.fields), p.h.fields))
		default:
			p.row(rows)
		}
	}
}

func (p *locustFile) problem(rows *csvRows, msg string) {
	report(p.sink, Problem{Source: p.source, Line: rows.start, Lines: rows.lines, Err: msg})
}

func (p *locustFile) row(rows *csvRows) {
	switch p.h.kind {
	case locustStats:
		p.statsRow(rows)
	case locustFailures:
		p.failuresRow(rows)
	default:
		p.rows++
		p.lines += rows.lines
	}
}

// locustTotal tells Locust's own total row: "Aggregated" (since 0.13.3)
// or "Total" (before), with an empty type ("None" in 0.13 and 0.14).
func locustTotal(method, name string) bool {
	return (method == "" || method == "None") && (name == "Aggregated" || name == "Total")
}

// statsRow counts one endpoint's requests: the failures numbered for the
// failures file to claim, the rest without a key.
func (p *locustFile) statsRow(rows *csvRows) {
	f := rows.fields
	method, name := string(f[p.h.method]), string(f[p.h.name])
	n, okN := locustCount(f[p.h.requests])
	failed, okF := locustCount(f[p.h.failures])
	switch {
	case !okN || !okF:
		p.problem(rows, fmt.Sprintf("request or failure count %q, %q is not a count: row skipped", f[p.h.requests], f[p.h.failures]))
		return
	case failed > n:
		p.problem(rows, fmt.Sprintf("%d failures of %d requests: row skipped", failed, n))
		return
	}
	p.stated(rows, method, name, n)
	if locustTotal(method, name) {
		p.total, p.hasTotal, p.totalLine = [2]int64{n, failed}, true, rows.start
		return
	}
	p.sum[0] += n
	p.sum[1] += failed
	base := p.record(rows, method, name)
	emitCount(p.source, p.sink, base, n-failed, " requests of "+name)
	p.emitFailures(base, method, name, failed)
}

// stated hands on the latency a stats row states, when it has requests
// (Locust writes N/A for an endpoint without any).
func (p *locustFile) stated(rows *csvRows, method, name string, n int64) {
	if n == 0 {
		return
	}
	st := Stated{Source: p.source, Format: FormatLocustStats, Requests: n}
	if !locustTotal(method, name) {
		st.Endpoint = strings.TrimSpace(method + " " + name)
	}
	for _, s := range p.h.stated {
		if v, err := strconv.ParseFloat(string(rows.fields[s.col]), 64); err == nil && v >= 0 {
			st.Values = append(st.Values, StatedValue{s.name, v})
		}
	}
	state(p.sink, st)
}

// failuresRow counts one endpoint's failures of one message.
func (p *locustFile) failuresRow(rows *csvRows) {
	f := rows.fields
	method, name, msg := string(f[p.h.method]), string(f[p.h.name]), string(f[p.h.errText])
	occurrences := f[p.h.occurrences]
	if last := p.h.fields - 1; len(f) > p.h.fields && p.h.occurrences == last && p.h.errText == last-1 {
		// Before 1.4 Locust wrote the error between quotes unescaped: a
		// repr holding quotes and commas is cut into several fields,
		// between the name and the count, which is the last.
		msg = string(bytes.Join(f[p.h.errText:len(f)-1], []byte{','}))
		occurrences = f[len(f)-1]
	}
	n, ok := locustCount(occurrences)
	if !ok {
		p.problem(rows, fmt.Sprintf("occurrences %q is not a count: row skipped", occurrences))
		return
	}
	base := p.record(rows, method, name)
	base.Message = msg
	base.Status = StatusUnknown
	if s := statusInMessage(msg); s != StatusUnknown {
		base.Status = s
	} else if isNetworkError(msg) {
		base.Status = 0
	}
	p.emitFailures(base, method, name, n)
}

// record is a request of an endpoint as Locust names it: its type is the
// HTTP method, or another protocol's name, kept in the endpoint.
func (p *locustFile) record(rows *csvRows, method, name string) Record {
	rec := Record{Source: p.source, Line: rows.start, Format: locustFormatName(p.h.kind), Test: name, Endpoint: name, Status: StatusUnknown}
	if m := strings.ToUpper(method); httpMethod([]byte(m)) {
		rec.Method = m
	} else if method != "" {
		rec.Endpoint = method + " " + name
	}
	return rec
}

func locustFormatName(k locustKind) string {
	if k == locustFailures {
		return FormatLocustFailures
	}
	return FormatLocustStats
}

// emitFailures sends n failures of an endpoint, each keyed by its number
// within the endpoint, counted on from the endpoint's earlier rows.
func (p *locustFile) emitFailures(base Record, method, name string, n int64) {
	if n <= 0 || p.sink.Record == nil {
		return
	}
	if n > maxAggregateCount {
		aggProblem(p.sink, Problem{Source: p.source, Line: base.Line, Err: fmt.Sprintf("count %d failures of %s past %d: not counted", n, name, maxAggregateCount)})
		return
	}
	endpoint := method + "\x00" + name
	from := p.seen[endpoint]
	p.seen[endpoint] = from + n
	base.Failed = true
	prefix := "locust\x00" + p.run + "\x00" + endpoint + "\x00"
	for i := from; i < from+n; i++ {
		rec := base
		rec.Key = prefix + strconv.FormatInt(i, 10)
		p.sink.Record(&rec)
	}
}

// finish tells what a file held that is not counted, and an Aggregated
// row that does not sum its endpoints up.
func (p *locustFile) finish() {
	switch {
	case p.h.kind == locustHistory && p.rows > 0:
		report(p.sink, Problem{Source: p.source, Lines: p.lines, Err: fmt.Sprintf(
			"Locust's stats history: %s of counts so far, written every interval while the run went on (a time series of cumulative totals, not requests): not counted; the run's _stats.csv holds its counts", rowsNoun(p.rows, "row"))})
	case p.h.kind == locustExceptions && p.rows > 0:
		report(p.sink, Problem{Source: p.source, Lines: p.lines, Err: fmt.Sprintf(
			"Locust's exceptions: %s raised in the test's own code, not requests: not counted", rowsNoun(p.rows, "exception"))})
	case p.hasTotal && p.total != p.sum:
		report(p.sink, Problem{Source: p.source, Line: p.totalLine, Err: fmt.Sprintf(
			"the Aggregated row counts %d requests, %d failed; the endpoints' rows, which are counted, %d and %d",
			p.total[0], p.total[1], p.sum[0], p.sum[1])})
	}
}

// locustCount reads a count Locust wrote (an int, or "N/A" for none).
func locustCount(b []byte) (int64, bool) {
	n, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64)
	return n, err == nil && n >= 0
}

// rowsNoun is n with its noun, in the plural when n is not 1.
func rowsNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
