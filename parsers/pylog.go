package parsers

import (
	"bytes"
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
		p.line(StripANSI(line), lr.n)
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

	run      *Run
	runs     int
	pending  *Record // request started, no result yet
	finished *Record // request with result, waiting for its body entry
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
		p.entry = entry{time: t, level: level, line: n, msg: append(p.entry.msg[:0], msg...)}
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
	t, rest, ok := parseLogTime(b, p.loc)
	if !ok {
		return time.Time{}, "", nil, false
	}
	rest = bytes.TrimPrefix(rest, []byte(" - "))
	f1, after, found := bytes.Cut(rest, []byte(" - "))
	if !found {
		return t, "", rest, true
	}
	if isLevel(f1) {
		return t, string(f1), after, true
	}
	if f2, msg, ok := bytes.Cut(after, []byte(" - ")); ok && isLevel(f2) {
		return t, string(f2), msg, true
	}
	return t, "", rest, true
}

func isLevel(b []byte) bool {
	switch string(b) {
	case "DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL", "FATAL", "NOTSET":
		return true
	}
	return false
}

// parseLogTime reads "2006-01-02 15:04:05,000" (or ".000", or "T" for the
// space) from the start of b in loc, without allocating.
func parseLogTime(b []byte, loc *time.Location) (time.Time, []byte, bool) {
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || (b[10] != ' ' && b[10] != 'T') ||
		b[13] != ':' || b[16] != ':' {
		return time.Time{}, nil, false
	}
	y, ok1 := digits(b[0:4])
	mo, ok2 := digits(b[5:7])
	d, ok3 := digits(b[8:10])
	h, ok4 := digits(b[11:13])
	mi, ok5 := digits(b[14:16])
	s, ok6 := digits(b[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 {
		return time.Time{}, nil, false
	}
	rest := b[19:]
	ns := 0
	if len(rest) > 1 && (rest[0] == ',' || rest[0] == '.') {
		i, scale := 1, 100_000_000
		for ; i < len(rest) && rest[i] >= '0' && rest[i] <= '9'; i++ {
			ns += int(rest[i]-'0') * scale
			scale /= 10
		}
		rest = rest[i:]
	}
	return time.Date(y, time.Month(mo), d, h, mi, s, ns, loc), rest, true
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

// flushEntry acts on the entry read so far, now that it is complete.
func (p *pyLog) flushEntry() {
	if !p.inEntry {
		p.flushSkipped()
		return
	}
	p.inEntry = false
	e := &p.entry
	msg := string(e.msg)
	if p.finished != nil && !p.attachBody(msg) {
		p.emit(p.finished)
		p.finished = nil
	}
	p.act(e, msg)
}

// attachBody takes the entry as the response (or payload) of the request
// that just finished, when it is one.
func (p *pyLog) attachBody(msg string) bool {
	for _, prefix := range []string{"Error details:", "Error response:", "Response:", "Error body:"} {
		if body, ok := strings.CutPrefix(msg, prefix); ok {
			applyBody(p.finished, strings.TrimSpace(body))
			p.emit(p.finished)
			p.finished = nil
			return true
		}
	}
	return false
}

func (p *pyLog) act(e *entry, msg string) {
	switch {
	case strings.HasPrefix(msg, "Starting API tests") || strings.HasPrefix(msg, "Starting integration test"):
		p.endRun()
		p.startRun(e)
	case strings.HasPrefix(msg, "Testing "):
		p.startRequest(e, msg[len("Testing "):])
	case strings.HasPrefix(msg, "🔄 "):
		p.startRequest(e, msg[len("🔄 "):])
	case strings.HasPrefix(msg, "✅ ") || strings.HasPrefix(msg, "❌ "):
		p.result(e, msg[len("✅ "):])
	case strings.HasPrefix(msg, "Payload:"):
		if p.pending != nil {
			p.pending.Payload = strings.TrimSpace(msg[len("Payload:"):])
		}
	case strings.HasPrefix(msg, "API_REQUEST:"):
		p.apiRequest(e, msg[len("API_REQUEST:"):])
	default:
		p.note(e, msg)
	}
}

// note handles entries that are neither requests nor results: the run's
// closing summary and the name of its results file.
func (p *pyLog) note(e *entry, msg string) {
	summary := strings.Contains(msg, "Test Summary:")
	_, file, saved := strings.Cut(msg, "results saved to:")
	if !summary && !saved {
		return
	}
	run := p.openRun(e)
	run.Complete = true
	if saved {
		run.ResultsFile = path.Base(strings.ReplaceAll(strings.TrimSpace(file), `\`, "/"))
	}
	run.End, run.LastLine = e.time, e.line
}

func (p *pyLog) startRun(e *entry) {
	p.runs++
	id := path.Base(p.source)
	if p.runs > 1 {
		id += "#" + strconv.Itoa(p.runs)
	}
	p.run = &Run{Source: p.source, ID: id, Format: FormatPyLog, Start: e.time, End: e.time, LastLine: e.line}
}

// openRun returns the open run, starting one for logs that lack the
// client's opening line.
func (p *pyLog) openRun(e *entry) *Run {
	if p.run == nil {
		p.startRun(e)
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
	if p.pending != nil {
		p.run.LastRequest = describe(p.pending) + " (no result logged)"
		p.pending = nil
	}
	if p.sink.Run != nil && (p.run.Requests > 0 || p.run.Complete) {
		p.sink.Run(*p.run)
	}
	p.run = nil
}

func (p *pyLog) startRequest(e *entry, rest string) {
	name, endpoint, ok := strings.Cut(rest, ": ")
	if !ok || strings.ContainsAny(endpoint, " \t") && !strings.Contains(endpoint, "/") {
		return
	}
	run := p.openRun(e)
	p.pending = &Record{
		Time: e.time, Source: p.source, Line: e.line, Format: FormatPyLog, Run: run.ID,
		Test: name, Method: methodFromName(name), Endpoint: strings.TrimSpace(endpoint),
	}
	run.LastRequest = describe(p.pending)
	run.End, run.LastLine = e.time, e.line
}

// result ends the open request when the entry has one of the client's
// result forms; other ✅/❌ entries are notes.
func (p *pyLog) result(e *entry, rest string) {
	if p.pending == nil {
		return
	}
	name, outcome, ok := strings.Cut(rest, " - ")
	if !ok {
		return
	}
	r := p.pending
	switch {
	case strings.HasPrefix(outcome, "Status: "):
		r.Status, ok = leadingInt(outcome[len("Status: "):])
		r.Failed = ok && r.Status >= 400
	case strings.HasPrefix(outcome, "HTTP "):
		code, _, _ := strings.Cut(outcome[len("HTTP "):], ":")
		r.Status, ok = leadingInt(code)
		r.Failed = true
		r.Message = reasonAfterColon(outcome)
	case strings.HasPrefix(outcome, "Network error:"), strings.HasPrefix(outcome, "Exception:"),
		strings.HasPrefix(outcome, "Error:"):
		_, text, _ := strings.Cut(outcome, ":")
		r.Failed, ok = true, true
		r.Message = strings.TrimSpace(text)
		r.Status = statusInText(r.Message)
	default:
		ok = false
	}
	if !ok {
		return
	}
	_ = name
	r.Seconds = e.time.Sub(r.Time).Seconds()
	r.HasSeconds = r.Seconds >= 0
	r.Time = e.time
	if p.run != nil {
		p.run.End, p.run.LastLine = e.time, e.line
	}
	p.pending = nil
	p.finished = r
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

func describe(r *Record) string {
	if r.Method == "" {
		return r.Endpoint
	}
	return r.Method + " " + r.Endpoint
}

func reasonAfterColon(s string) string {
	if _, after, ok := strings.Cut(s, ":"); ok {
		return strings.TrimSpace(after)
	}
	return ""
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
