package parsers

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// ParsePyLog reads a Python-logging text log of an API test client
// ("2026-11-28 03:21:12,728 - INFO - message", optionally with a logger
// name field). Lines without a timestamp continue the entry above them.
// A request runs from "Testing <name>: <endpoint>" (or "🔄 <op>: <endpoint>")
// to its "✅ <name> - Status: N" / "❌ <name> - HTTP N: …" / "Network error" /
// "Exception" / "Error" line; the "Error details:" or "Error response:"
// entry after it is its response body.
func ParsePyLog(r io.Reader, source string, opt Options, sink Sink) error {
	p := &pyLog{source: source, opt: opt, sink: sink, loc: opt.Location}
	if p.loc == nil {
		p.loc = time.UTC
	}
	lr := newLineReader(r, opt.MaxLine)
	for {
		line, err := lr.next()
		if err != nil {
			p.flushEntry()
			p.endRun()
			if isEOF(err) {
				return nil
			}
			return err
		}
		if lr.cut {
			p.problem(lr.cutProblem(source))
		}
		if lr.n == 1 {
			line = trimBOM(line)
		}
		if lr.esc {
			line = StripANSI(line)
		}
		p.line(line, lr.n)
	}
}

// pyLog holds the state of one log: the entry being read (a timestamped
// line and its continuation lines), the open run and its open request.
type pyLog struct {
	source string
	opt    Options
	sink   Sink
	loc    *time.Location

	entry     entry
	inEntry   bool
	skipStart int // first line of a run of lines skipped before any entry
	skipped   int

	run      *Run // the open run: nil, or runVal
	runVal   Run
	base     string // the file's name, the first run's id
	idBuf    []byte
	runs     int
	pending  *Record  // request started, no result yet
	finished *Record  // request with result, waiting for its body entry
	bodySeen bool     // finished has its body
	rec      Record   // the one record pending and finished point to
	lastHTTP httpSeen // the last HTTP library line, see httpLine
	httpRec  Record   // the record of an HTTP library line
	hours    hourCache

	endpoints    [8]string // the last endpoints requested, see endpoint
	nextEndpoint int

	tests                    map[string]testName // the file's test names, kept once
	testList                 []testName          // the same, in the order first seen
	lastTest                 int                 // index of the last test requested
	lastMethod, lastEndpoint string              // the run's last request
	implicit                 bool                // the open run had no opening line
}

// entry is one log record: header fields plus the message and the lines
// that continue it.
type entry struct {
	time  time.Time
	level string
	line  int
	msg   []byte
}

// maxEntry bounds the bytes kept of one entry: bodies beyond it are cut.
const maxEntry = 64 << 10

func (p *pyLog) line(b []byte, n int) {
	if t, level, msg, ok := p.header(b); ok {
		p.flushSkipped()
		p.flushEntry()
		e := &p.entry
		e.time, e.level, e.line, e.msg = t, level, n, append(e.msg[:0], msg...)
		p.inEntry = true
		return
	}
	if p.inEntry {
		if len(p.entry.msg) < maxEntry {
			p.entry.msg = append(p.entry.msg, '\n')
			p.entry.msg = append(p.entry.msg, b[:min(len(b), maxEntry-len(p.entry.msg))]...)
		}
		return
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return
	}
	if p.skipped == 0 {
		p.skipStart = n
	}
	p.skipped++
}

func (p *pyLog) flushSkipped() {
	if p.skipped == 0 {
		return
	}
	p.problem(Problem{Source: p.source, Line: p.skipStart, Lines: p.skipped,
		Err: strconv.Itoa(p.skipped) + " line(s) before the first timestamped line"})
	p.skipped = 0
}

// header splits "YYYY-MM-DD HH:MM:SS,mmm - [name - ]LEVEL - message".
func (p *pyLog) header(b []byte) (time.Time, string, []byte, bool) {
	t, rest, ok := p.hours.parse(b, p.loc)
	if !ok {
		level, msg, ok := levelColonHeader(b)
		return time.Time{}, level, msg, ok
	}
	rest = bytes.TrimPrefix(rest, sepDash)
	if level, n := leadingLevel(rest); level != "" {
		return t, level, stripLoggerName(rest[n:]), true
	}
	f1, after, found := bytes.Cut(rest, sepDash)
	if !found {
		level, msg := otherLayout(rest)
		return t, level, msg, true
	}
	if level := levelOf(f1); level != "" {
		return t, level, stripLoggerName(after), true
	}
	if f2, msg, ok := bytes.Cut(after, sepDash); ok {
		if level := levelOf(f2); level != "" {
			return t, level, msg, true
		}
	}
	return t, "", rest, true
}

var sepDash = []byte(" - ")

// leadingLevel reads the layout of nearly every line, "LEVEL - …": the
// level and the length of "LEVEL - ", or "" when b does not start so.
// The level is a word of at most 8 letters, so the first space, looked
// for among b's first 9 bytes only, must start the first " - ".
func leadingLevel(b []byte) (string, int) {
	if len(b) > 7 {
		switch { // the levels of nearly every line, first
		case string(b[:7]) == "INFO - ":
			return "INFO", 7
		case string(b[:8]) == "ERROR - ":
			return "ERROR", 8
		}
	}
	for i := 0; i < len(b) && i <= 8; i++ {
		if b[i] != ' ' {
			continue
		}
		if i > 0 && len(b) >= i+3 && b[i+1] == '-' && b[i+2] == ' ' {
			return levelOf(b[:i]), i + 3
		}
		return "", 0
	}
	return "", 0
}

// levelOf returns the logging level b names, as a constant (no copy), or
// "" when b is not one.
func levelOf(b []byte) string {
	switch string(b) {
	case "DEBUG":
		return "DEBUG"
	case "INFO":
		return "INFO"
	case "WARNING":
		return "WARNING"
	case "WARN":
		return "WARN"
	case "ERROR":
		return "ERROR"
	case "CRITICAL":
		return "CRITICAL"
	case "FATAL":
		return "FATAL"
	case "NOTSET":
		return "NOTSET"
	}
	return ""
}

// parseLogTime reads "2006-01-02 15:04:05,000" (or ".000", or "T" for the
// space) from the start of b in loc, without allocating.
func parseLogTime(b []byte, loc *time.Location) (time.Time, []byte, bool) {
	var c hourCache
	return c.parse(b, loc)
}

// hourCache remembers the start of the last hour and minute seen:
// consecutive log lines mostly share them, time.Date in a zone other
// than UTC is slow, and a line of the same minute as the last needs only
// its seconds read.
type hourCache struct {
	key  [13]byte
	base time.Time
	ok   bool

	minute     [2]uint64 // "2006-01-02 15:04", as two words
	minuteBase time.Time
	minuteOK   bool
}

func (c *hourCache) parse(b []byte, loc *time.Location) (time.Time, []byte, bool) {
	if len(b) < 19 || b[16] != ':' {
		return time.Time{}, nil, false
	}
	s1, s2 := b[17]-'0', b[18]-'0'
	if s1 > 9 || s2 > 9 || s1*10+s2 > 60 {
		return time.Time{}, nil, false
	}
	key := [2]uint64{binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:])}
	if !c.minuteOK || key != c.minute {
		if !c.startMinute(b, loc) {
			return time.Time{}, nil, false
		}
		c.minute, c.minuteOK = key, true
	}
	ns, rest := fraction(b[19:])
	return c.minuteBase.Add(time.Duration(s1*10+s2)*time.Second + time.Duration(ns)), rest, true
}

// startMinute reads the minute b starts with, "2006-01-02 15:04", into
// minuteBase; false when b does not start with one.
func (c *hourCache) startMinute(b []byte, loc *time.Location) bool {
	if b[4] != '-' || b[7] != '-' || (b[10] != ' ' && b[10] != 'T') || b[13] != ':' {
		return false
	}
	mi, ok := digits(b[14:16])
	if !ok || mi > 59 {
		return false
	}
	if !c.ok || string(c.key[:]) != string(b[:13]) {
		y, ok1 := digits(b[0:4])
		mo, ok2 := digits(b[5:7])
		d, ok3 := digits(b[8:10])
		h, ok4 := digits(b[11:13])
		if !(ok1 && ok2 && ok3 && ok4) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 {
			return false
		}
		copy(c.key[:], b[:13])
		c.base, c.ok = time.Date(y, time.Month(mo), d, h, 0, 0, 0, loc), true
	}
	c.minuteBase = c.base.Add(time.Duration(mi) * time.Minute)
	return true
}

// fraction reads the ",000" (or ".000", of any number of digits) after
// a time's seconds, as nanoseconds.
func fraction(rest []byte) (int, []byte) {
	if len(rest) < 2 || rest[0] != ',' && rest[0] != '.' {
		return 0, rest
	}
	if len(rest) >= 4 { // milliseconds, as Python's logging writes them
		d1, d2, d3 := rest[1]-'0', rest[2]-'0', rest[3]-'0'
		if d1 <= 9 && d2 <= 9 && d3 <= 9 && (len(rest) == 4 || rest[4] < '0' || rest[4] > '9') {
			return int(d1)*100_000_000 + int(d2)*10_000_000 + int(d3)*1_000_000, rest[4:]
		}
	}
	ns, i, scale := 0, 1, 100_000_000
	for ; i < len(rest) && rest[i] >= '0' && rest[i] <= '9'; i++ {
		ns += int(rest[i]-'0') * scale
		scale /= 10
	}
	return ns, rest[i:]
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func (p *pyLog) problem(pr Problem) {
	if p.sink.Problem != nil {
		p.sink.Problem(pr)
	}
}

// flushEntry acts on the entry read so far, now that it is complete. The
// entry stays in bytes: most entries are neither requests nor results, and
// only the parts a record keeps become strings.
func (p *pyLog) flushEntry() {
	if !p.inEntry {
		p.flushSkipped()
		return
	}
	p.inEntry = false
	e := &p.entry
	if p.finished != nil {
		if p.attachBody(e.msg) || p.amend(e.msg) {
			return
		}
		p.emit(p.finished)
		p.finished = nil
	}
	p.act(e, e.msg)
}

var bodyPrefixes = [...]string{"Error details:", "Error response:", "Response:", "Error body:"}

// attachBody takes the entry as the response of the request that just
// finished, when it is one. The request stays open after it: the client
// may still fail it (see amend).
func (p *pyLog) attachBody(msg []byte) bool {
	if p.bodySeen || len(msg) == 0 || msg[0] != 'E' && msg[0] != 'R' {
		return false
	}
	for _, prefix := range bodyPrefixes {
		if hasPrefix(msg, prefix) {
			applyBody(p.finished, string(bytes.TrimSpace(msg[len(prefix):])))
			p.bodySeen = true
			return true
		}
	}
	return false
}

// The prefixes of the client's messages are constants: hasPrefix then
// compares them in a word or two.
const (
	prefixStart       = "Starting API tests"
	prefixIntegration = "Starting integration test"
	prefixTesting     = "Testing "
	prefixStep        = "🔄 "
	prefixPass        = "✅ "
	prefixFail        = "❌ "
	prefixPayload     = "Payload:"
	prefixAPIRequest  = "API_REQUEST:"
)

var (
	markSummary = []byte("Test Summary:")
	markSaved   = []byte("results saved to:")
)

// hasPrefix is bytes.HasPrefix for a constant prefix.
func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

func (p *pyLog) act(e *entry, msg []byte) {
	if len(msg) == 0 {
		return
	}
	// One look at the first byte picks the only prefix the entry can have.
	switch msg[0] {
	case 'S':
		if hasPrefix(msg, prefixStart) || hasPrefix(msg, prefixIntegration) {
			p.endRun()
			p.startRun(e)
			return
		}
	case 'T':
		if hasPrefix(msg, prefixTesting) {
			p.startRequest(e, msg[len(prefixTesting):])
			return
		}
	case 0xF0: // 🔄
		if hasPrefix(msg, prefixStep) {
			p.startRequest(e, msg[len(prefixStep):])
			return
		}
	case 0xE2: // ✅ and ❌, of the same length
		if hasPrefix(msg, prefixPass) || hasPrefix(msg, prefixFail) {
			p.result(e, msg[len(prefixPass):])
			return
		}
	case 'P':
		if hasPrefix(msg, prefixPayload) {
			if p.pending != nil {
				p.pending.Payload = string(bytes.TrimSpace(msg[len(prefixPayload):]))
			}
			return
		}
	case 'A':
		if hasPrefix(msg, prefixAPIRequest) {
			p.apiRequest(e, string(msg[len(prefixAPIRequest):]))
			return
		}
	}
	p.note(e, msg)
}

// note handles entries that are neither requests nor results: the run's
// closing summary and the name of its results file.
func (p *pyLog) note(e *entry, msg []byte) {
	if bytes.IndexByte(msg, ':') < 0 {
		return // every HTTP library line has one, and both marks end with one
	}
	if p.httpLine(e, msg) {
		return
	}
	summary := bytes.Contains(msg, markSummary)
	_, file, saved := bytes.Cut(msg, markSaved)
	if !summary && !saved {
		return
	}
	run := p.openRun(e)
	run.Complete = true
	if saved {
		run.ResultsFile = resultsFile(bytes.TrimSpace(file))
	}
	run.End, run.LastLine = e.time, e.line
}

// resultsFile is the base name of the path a run names, its separators / or \.
func resultsFile(b []byte) string {
	if len(b) > 0 && b[len(b)-1] != '/' && bytes.IndexByte(b, '\\') < 0 {
		return string(b[bytes.LastIndexByte(b, '/')+1:]) // path.Base, with only the base copied
	}
	return path.Base(strings.ReplaceAll(string(b), `\`, "/"))
}

func (p *pyLog) startRun(e *entry) {
	p.runs++
	p.lastMethod, p.lastEndpoint, p.implicit = "", "", false
	// A file's first run goes by the file's name; later runs (and every
	// run of a later part of a split file) add their start time, so a run
	// has the same id whether or not its file was split.
	if p.base == "" {
		p.base = path.Base(p.source)
	}
	id := p.base
	if p.runs > 1 || p.opt.Part > 0 {
		p.idBuf = append(append(p.idBuf[:0], p.base...), '@')
		p.idBuf = appendRunTime(p.idBuf, e.time)
		id = string(p.idBuf)
	}
	// The run's storage is reused: the sink gets a copy when it ends.
	p.runVal = Run{Source: p.source, ID: id, Format: FormatPyLog, Start: e.time, End: e.time, LastLine: e.line}
	p.run = &p.runVal
}

// openRun returns the open run, starting one for logs that lack the
// client's opening line. Such a run cannot be known to have crashed: a
// log excerpt, or a client that writes no summary, would look the same.
func (p *pyLog) openRun(e *entry) *Run {
	if p.run == nil {
		p.startRun(e)
		p.implicit = true
	}
	return p.run
}

func (p *pyLog) endRun() {
	if p.finished != nil {
		p.emit(p.finished)
		p.finished = nil
	}
	if p.run == nil {
		return
	}
	p.run.LastRequest = strings.TrimSpace(p.lastMethod + " " + p.lastEndpoint)
	started := p.pending != nil // a run killed in its first request is told too
	if p.pending != nil {
		p.run.LastRequest += " (no result logged)"
		p.pending = nil
	}
	if p.implicit {
		p.run.Complete, p.implicit = true, false
	}
	if p.sink.Run != nil && (p.run.Requests > 0 || p.run.Complete || started) {
		p.sink.Run(*p.run)
	}
	p.run = nil
}

func (p *pyLog) startRequest(e *entry, rest []byte) {
	name, endpoint, ok := cutColonSpace(rest)
	endpoint = bytes.TrimSpace(endpoint)
	if !ok || (bytes.IndexByte(endpoint, ' ') >= 0 || bytes.IndexByte(endpoint, '\t') >= 0) && bytes.IndexByte(endpoint, '/') < 0 {
		return
	}
	run := p.openRun(e)
	test := p.test(name)
	// One record is reused: a request's result is emitted before the next
	// request starts, and sinks copy what they keep.
	p.rec = Record{
		Time: e.time, Source: p.source, Line: e.line, Format: FormatPyLog, Run: run.ID,
		Test: test.name, Endpoint: p.endpoint(endpoint), Method: test.method,
	}
	p.pending = &p.rec
	p.lastMethod, p.lastEndpoint = p.rec.Method, p.rec.Endpoint
	run.End, run.LastLine = e.time, e.line
}

// result ends the open request when the entry has one of the client's
// result forms; other ✅/❌ entries are notes.
func (p *pyLog) result(e *entry, rest []byte) {
	if p.pending == nil {
		return
	}
	i := indexDash(rest)
	if i < 0 {
		return
	}
	outcome, ok := rest[i+len(sepDash):], true
	r := p.pending
	switch {
	case hasPrefix(outcome, "Status: "):
		r.Status, ok = leadingIntBytes(outcome[len("Status: "):])
		r.Failed = ok && r.Status >= 400
	case hasPrefix(outcome, "HTTP "):
		r.Status, ok = leadingIntBytes(outcome[len("HTTP "):])
		r.Failed = true
		if _, reason, found := bytes.Cut(outcome, []byte(":")); found {
			r.Message = string(bytes.TrimSpace(reason))
		}
	case failureForm(outcome):
		_, text, _ := bytes.Cut(outcome, []byte(":"))
		r.Failed, ok = true, true
		r.Message = string(bytes.TrimSpace(text))
		r.Status = statusInText(r.Message)
		r.Message = UnwrapError(r.Message)
	default:
		ok = false
	}
	if !ok {
		return
	}
	r.Seconds = sub(e.time, r.Time).Seconds()
	r.HasSeconds = r.Seconds >= 0 && !e.time.IsZero() && !r.Time.IsZero()
	r.Time = e.time
	if p.run != nil {
		p.run.End, p.run.LastLine = e.time, e.line
	}
	p.pending = nil
	p.finished, p.bodySeen = r, false
}

// cutColonSpace is bytes.Cut(b, ": ") with one byte looked for.
func cutColonSpace(b []byte) (before, after []byte, found bool) {
	for i := 0; ; i++ {
		j := bytes.IndexByte(b[i:], ':')
		if j < 0 {
			return b, nil, false
		}
		i += j
		if i+1 < len(b) && b[i+1] == ' ' {
			return b[:i], b[i+2:], true
		}
	}
}

// indexDash is bytes.Index(b, " - ") looking for the dash: spaces are
// everywhere in a message, dashes are rare.
func indexDash(b []byte) int {
	for i := 0; ; i++ {
		j := bytes.IndexByte(b[i:], '-')
		if j < 0 {
			return -1
		}
		i += j
		if i > 0 && i+1 < len(b) && b[i-1] == ' ' && b[i+1] == ' ' {
			return i - 1
		}
	}
}

// endpoint returns b as a string, the same one as for a recent request
// to the same endpoint: a run's requests go to a few endpoints in turn,
// and a string shared saves the copy.
func (p *pyLog) endpoint(b []byte) string {
	for _, s := range p.endpoints {
		if s == string(b) {
			return s
		}
	}
	s := string(b)
	p.endpoints[p.nextEndpoint] = s
	p.nextEndpoint = (p.nextEndpoint + 1) % len(p.endpoints)
	return s
}

// appendRunTime appends t as "2006-01-02T15:04:05.000", without the
// layout's interpretation.
func appendRunTime(b []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(b, "2006-01-02T15:04:05.000")
	}
	h, mi, s := t.Clock()
	b = appendDigits(b, y, 4)
	b = appendDigits(append(b, '-'), int(mo), 2)
	b = appendDigits(append(b, '-'), d, 2)
	b = appendDigits(append(b, 'T'), h, 2)
	b = appendDigits(append(b, ':'), mi, 2)
	b = appendDigits(append(b, ':'), s, 2)
	return appendDigits(append(b, '.'), t.Nanosecond()/1e6, 3)
}

// appendDigits appends the n-digit decimal of 0 <= v < 10^n.
func appendDigits(b []byte, v, n int) []byte {
	for range n {
		b = append(b, '0')
	}
	for i := len(b) - 1; n > 0; i, n = i-1, n-1 {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return b
}

// sub is t.Sub(u) for times read from a log, a moment apart: Sub checks
// its result against overflow by adding it back, which costs more than
// the subtraction; seconds this close cannot overflow.
func sub(t, u time.Time) time.Duration {
	if s := t.Unix() - u.Unix(); s > -1<<32 && s < 1<<32 {
		return time.Duration(s)*time.Second + time.Duration(t.Nanosecond()-u.Nanosecond())
	}
	return t.Sub(u)
}

// leadingIntBytes reads the decimal number (up to 4 digits) at the start of b.
func leadingIntBytes(b []byte) (int, bool) {
	n, i := 0, 0
	for i < len(b) && i < 5 && b[i] >= '0' && b[i] <= '9' {
		n = n*10 + int(b[i]-'0')
		i++
	}
	return n, i > 0 && i <= 4
}

func (p *pyLog) emit(r *Record) {
	if p.run != nil {
		p.run.Requests++
	}
	if p.sink.Record != nil {
		p.sink.Record(r)
	}
}

// methodFromName reads the HTTP method from a test name. The API test
// client names its GET tests "GET …" and sends its other tests as POSTs.
// testName is a test's name and the method it implies, kept once per
// file: a log repeats the same few tests in every run.
type testName struct {
	name, method string
	index        int // in pyLog.testList
}

// maxTests bounds the names kept; past it, names are copied each time.
const maxTests = 1024

func (p *pyLog) test(name []byte) testName {
	// Every run logs its tests in the same order: the test after the
	// last one is nearly always the next, and costs a compare.
	if next := p.lastTest + 1; len(p.testList) > 0 {
		if next == len(p.testList) {
			next = 0
		}
		if t := &p.testList[next]; t.name == string(name) {
			p.lastTest = next
			return *t
		}
	}
	if t, ok := p.tests[string(name)]; ok {
		p.lastTest = t.index
		return t
	}
	t := testName{name: string(name), index: len(p.testList)}
	t.method = methodFromName(t.name)
	if p.tests == nil {
		p.tests = make(map[string]testName)
	}
	if len(p.tests) < maxTests {
		p.tests[t.name] = t
		p.testList = append(p.testList, t)
		p.lastTest = t.index
	}
	return t
}

func methodFromName(name string) string {
	first, _, _ := strings.Cut(name, " ")
	switch up := strings.ToUpper(first); up {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
		return up
	case "LIST", "FETCH", "RETRIEVE", "READ":
		return "GET"
	case "REMOVE", "DESTROY":
		return "DELETE"
	case "UPDATE", "MODIFY":
		return "PUT"
	}
	return "POST"
}

// leadingInt reads the decimal number at the start of s.
func leadingInt(s string) (int, bool) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 4 {
		return 0, false
	}
	n, err := strconv.Atoi(s[:i])
	return n, err == nil
}

// statusInText finds an HTTP status in an exception text such as
// "HTTP Error 404: Not Found"; 0 when there is none (no HTTP response).
func statusInText(s string) int {
	for _, marker := range []string{"HTTP Error ", "HTTP "} {
		if i := strings.Index(s, marker); i >= 0 {
			if n, ok := leadingInt(s[i+len(marker):]); ok && n >= 100 && n < 600 {
				return n
			}
		}
	}
	return 0
}

// apiRequest reads a structured "API_REQUEST: {json}" record.
func (p *pyLog) apiRequest(e *entry, body string) {
	obj := gjson.Parse(strings.TrimSpace(body))
	r := &Record{Source: p.source, Line: e.line, Format: FormatPyLog}
	if !obj.IsObject() || !objectRecord(obj, p.loc, r) {
		p.problem(Problem{Source: p.source, Line: e.line, Lines: 1, Err: "API_REQUEST record is not a JSON request object"})
		return
	}
	if r.Time.IsZero() {
		r.Time = e.time
	}
	if p.run != nil {
		r.Run = p.run.ID
	}
	p.emit(r)
}

func isEOF(err error) bool { return errors.Is(err, io.EOF) }

// FormatPyLog is the name of the test client's Python logging format.
const FormatPyLog = "pylog"

var pyLogFormat = &Format{
	Name:  FormatPyLog,
	Doc:   "Python logging text logs of an API test client, with urllib3 and httpx request lines",
	Side:  SideClient,
	Sniff: SniffPyLog,
	Parse: ParsePyLog,
	Next:  nextRunStart, // runs never span two parts
	// logging writes each record as it is made, stamped then (asctime)
	Sorted: pyLogTime,
}
