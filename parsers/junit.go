package parsers

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	// maxFaultText bounds the text kept from one <failure>, <error> or
	// newman <system-err>: enough for a message and a status, while a
	// stack trace of any size streams past.
	maxFaultText = 64 << 10
	// maxNewmanCases bounds the test cases held back while a suite may
	// still be a newman request; no request carries that many assertions.
	maxNewmanCases = 10000
)

// ParseJUnit streams a JUnit XML report (pytest --junitxml, Maven
// Surefire, go-junit-report, newman's junit reporter): one Record per test
// case, a skipped one marked Skipped. A test case that appears several
// times in a report, as reruns do, is one Record per appearance: each is
// one execution. Surefire's flaky and rerun elements never fail a test by
// themselves: each is an attempt that failed (Record.Retries), so a test
// that passed on a rerun counts as passed, and flaky. A test case with a
// class name has a Key shared by its TestNG twin (see testKey). A newman
// report (see newmanSuite) gives one Record per request instead of one
// per assertion, with a Key shared by its JSON twin.
func ParseJUnit(r io.Reader, source string, opt Options, sink Sink) error {
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	in := &errReader{r: r}
	p := &junitParser{source: source, loc: loc, sink: sink}
	p.in = newXMLStream(in, p.problem)
	p.dec = xml.NewDecoder(p.in)
	p.dec.CharsetReader = junitCharset
	for {
		line := p.line()
		tok, err := p.dec.Token()
		if err != nil {
			return p.fail(err, in.err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !p.start(t, line) {
				return nil
			}
		case xml.EndElement:
			if p.end() {
				return nil // what follows the root is no part of the report
			}
		case xml.CharData:
			p.text(t)
		}
	}
}

type junitKind uint8

const (
	kindOther junitKind = iota
	kindSuite
	kindCase
	kindFault
	kindSysErr
)

type junitParser struct {
	source string
	loc    *time.Location
	sink   Sink
	dec    *xml.Decoder
	in     *xmlStream    // what dec reads: the input, its huge values cut
	stack  []junitKind   // open elements, root first
	suites []*junitSuite // open testsuites, outermost first
	tc     *junitCase
	fault  *junitFault
	root   bool
	seen   map[string]int // test cases by class and name, for their keys
}

type junitSuite struct {
	name, id   string
	line       int
	time       time.Time
	seconds    float64
	hasSeconds bool
	errors     int
	// newman is set while the suite may still be one newman request; its
	// records wait in pending until the suite ends or proves otherwise.
	newman    bool
	classname string
	cases     int
	pending   []Record
	sysErr    []byte
}

type junitCase struct {
	rec     Record
	skipped bool
}

type junitFault struct {
	line    int
	message string
	typ     string
	text    []byte
}

func (p *junitParser) start(e xml.StartElement, line int) bool {
	name, parent := e.Name.Local, kindOther
	if n := len(p.stack); n > 0 {
		parent = p.stack[n-1]
	} else {
		p.root = true
		if name != "testsuites" && name != "testsuite" {
			p.problem(0, "not a JUnit report (root <"+name+">)")
			return false
		}
	}
	kind := kindOther
	switch {
	case name == "testsuite" && (parent == kindSuite || len(p.stack) <= 1) && p.tc == nil:
		kind = kindSuite
		p.openSuite(e, line)
	case name == "testcase" && (parent == kindSuite || len(p.stack) == 1) && p.tc == nil:
		kind = kindCase
		p.openCase(e, line)
	case (name == "failure" || name == "error") && (parent == kindCase || parent == kindSuite) && p.fault == nil:
		kind = kindFault
		p.fault = &junitFault{line: line, message: strings.Join(strings.Fields(attr(e, "message")), " "), typ: attr(e, "type")}
	case name == "skipped" && parent == kindCase:
		p.tc.skipped = true
	case parent == kindCase && (name == "flakyFailure" || name == "flakyError" || name == "rerunFailure" || name == "rerunError"):
		p.tc.rec.Retries++
	case name == "system-err" && parent == kindSuite && p.suite().newman:
		kind = kindSysErr
	}
	p.stack = append(p.stack, kind)
	return true
}

// end closes the innermost element and reports whether it was the root.
func (p *junitParser) end() bool {
	kind := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	switch kind {
	case kindSuite:
		p.closeSuite()
	case kindCase:
		p.closeCase()
	case kindFault:
		p.closeFault()
	}
	return len(p.stack) == 0
}

func (p *junitParser) text(b []byte) {
	if len(p.stack) == 0 {
		return
	}
	switch p.stack[len(p.stack)-1] {
	case kindFault:
		p.fault.text = appendBounded(p.fault.text, b)
	case kindSysErr:
		s := p.suite()
		s.sysErr = appendBounded(s.sysErr, b)
	}
}

// fail ends the parse on a decoder error: what was read so far is
// emitted, and the input's fault becomes a Problem; only a failing reader
// stops the parse with an error.
func (p *junitParser) fail(err, readErr error) error {
	if errors.Is(err, io.EOF) && !p.root {
		p.problem(0, "not a JUnit report (no root element)")
		return nil
	}
	line := p.line()
	msg := strings.TrimPrefix(err.Error(), "xml: ")
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg = se.Msg
	}
	for len(p.stack) > 0 {
		p.end()
	}
	if readErr != nil {
		return fmt.Errorf("read %s: %w", p.source, readErr)
	}
	p.problem(line, "invalid XML: "+msg)
	return nil
}

func (p *junitParser) suite() *junitSuite {
	if len(p.suites) == 0 {
		return nil
	}
	return p.suites[len(p.suites)-1]
}

func (p *junitParser) openSuite(e xml.StartElement, line int) {
	s := &junitSuite{name: attr(e, "name"), id: strings.TrimSpace(attr(e, "id")), line: line}
	s.time = parseTime(attr(e, "timestamp"), p.loc)
	s.seconds, s.hasSeconds = parseSeconds(attr(e, "time"))
	s.errors, _ = strconv.Atoi(strings.TrimSpace(attr(e, "errors")))
	if parent := p.suite(); parent != nil {
		if s.time.IsZero() {
			s.time = parent.time
		}
		p.notNewman(parent) // a request holds assertions, not suites
	}
	// Newman writes its suites right under <testsuites>, each with the
	// collection item's id; go-junit-report and Ant number theirs.
	s.newman = len(p.stack) == 1 && s.id != "" && strings.Trim(s.id, "0123456789") != ""
	p.suites = append(p.suites, s)
}

func (p *junitParser) openCase(e xml.StartElement, line int) {
	c := &junitCase{}
	c.rec = Record{Source: p.source, Line: line, Format: FormatJUnit, Test: attr(e, "name"), Status: StatusUnknown}
	c.rec.Seconds, c.rec.HasSeconds = parseSeconds(attr(e, "time"))
	if class := attr(e, "classname"); class != "" {
		if p.seen == nil {
			p.seen = map[string]int{}
		}
		c.rec.Key = p.testKey(class, c.rec.Test)
	}
	if s := p.suite(); s != nil {
		c.rec.Time = s.time
		if s.newman {
			p.checkNewmanCase(s, attr(e, "classname"))
		}
	}
	if t := parseTime(attr(e, "timestamp"), p.loc); !t.IsZero() {
		c.rec.Time = t
	}
	p.tc = c
}

func (p *junitParser) closeCase() {
	c := p.tc
	p.tc = nil
	c.rec.Skipped = c.skipped && !c.rec.Failed
	p.emit(c.rec)
}

func (p *junitParser) closeFault() {
	f := p.fault
	p.fault = nil
	msg := f.message
	if msg == "" || isGenericMessage(msg) {
		if line := firstLine(strings.TrimSpace(string(f.text))); line != "" {
			msg = line
		}
	}
	if msg == "" {
		msg = f.typ
	}
	if c := p.tc; c != nil {
		if !c.rec.Failed {
			c.rec.Failed, c.rec.Message = true, msg
		}
		// The status comes from the failure that gave the message when
		// that one names it, else from the next one that does.
		if c.rec.Status == StatusUnknown {
			c.rec.Status = statusOf(f.message, string(f.text))
		}
		return
	}
	// A failure of the suite itself (setup, a request error) is a failed
	// record of its own, named after the suite.
	s := p.suite()
	if s == nil {
		return
	}
	p.emit(Record{Time: s.time, Source: p.source, Line: f.line, Format: FormatJUnit, Test: s.name,
		Failed: true, Message: msg, Status: statusOf(f.message, string(f.text))})
}

func (p *junitParser) closeSuite() {
	s := p.suites[len(p.suites)-1]
	p.suites = p.suites[:len(p.suites)-1]
	if s.newman {
		p.emit(newmanSuite(s, p.source))
	}
}

// checkNewmanCase keeps a suite a newman request only while its test cases
// all share one class name that newman could have made: the camel-cased
// request name (no dots) or, in older newman versions, the suite's name.
func (p *junitParser) checkNewmanCase(s *junitSuite, classname string) {
	if s.cases == 0 {
		s.classname = classname
	}
	s.cases++
	if classname != s.classname || (strings.Contains(classname, ".") && classname != s.name) || s.cases > maxNewmanCases {
		p.notNewman(s)
	}
}

func (p *junitParser) notNewman(s *junitSuite) {
	if !s.newman {
		return
	}
	s.newman = false
	pending := s.pending
	s.pending, s.sysErr = nil, nil
	for _, r := range pending {
		p.emit(r)
	}
}

// newmanSuite turns a newman suite, one request with one test case per
// assertion, into the request's Record. Newman writes one suite per
// collection item for all iterations of a run, so a run with several
// iterations gives one Record per item here and one per execution in its
// JSON report.
func newmanSuite(s *junitSuite, source string) Record {
	r := Record{Time: s.time, Source: source, Line: s.line, Format: FormatJUnit, Status: StatusUnknown,
		Seconds: s.seconds, HasSeconds: s.hasSeconds, Key: junitKey(s.id, s.time)}
	r.Test = s.name
	if i := strings.LastIndex(s.name, " / "); i >= 0 {
		r.Test = strings.TrimSpace(s.name[i+3:])
	}
	for _, c := range s.pending {
		if !c.Failed {
			continue
		}
		if !r.Failed {
			r.Failed, r.Message = true, c.Message
		}
		if r.Status == StatusUnknown {
			r.Status = c.Status
		}
	}
	// Request and script errors are only in system-err; they say why the
	// assertions failed, if any did.
	if msg := newmanError(s.sysErr); msg != "" {
		r.Failed, r.Message = true, msg
		if st := statusOf(msg, ""); st != StatusUnknown {
			r.Status = st
		}
	} else if s.errors > 0 && !r.Failed {
		r.Failed, r.Message = true, "request or script error"
	}
	return r
}

// newmanError picks the first error out of newman's system-err text, which
// reads "Iteration: 0", "RequestError: Error: connect ECONNREFUSED …",
// "---", "testScriptError: …".
func newmanError(text []byte) string {
	for _, line := range strings.Split(string(text), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line == "---" || strings.HasPrefix(line, "Iteration:") {
			continue
		}
		return strings.TrimPrefix(line, "RequestError: ")
	}
	return ""
}

// junitKey is the Key of a newman request read from the JUnit report,
// equal to the one its JSON twin gets. A suite without a timestamp cannot
// be matched with its twin and gets no key.
func junitKey(id string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return newmanKey(id, t)
}

// testKey is the Key of the nth appearance in a report of a test method
// of a class: Surefire and TestNG write each TestNG test to several
// reports (TEST-TestSuite.xml, junitreports/TEST-<class>.xml,
// <suite>/<test>.xml and testng-results.xml), all in the order the tests
// ran, and the nth appearance in one is the nth in the others.
func (p *junitParser) testKey(class, name string) string {
	k := class + "#" + name
	n := p.seen[k]
	p.seen[k] = n + 1
	return testKey(k, n)
}

func testKey(classAndName string, n int) string {
	return "test:" + classAndName + "#" + strconv.Itoa(n)
}

func (p *junitParser) emit(r Record) {
	if s := p.suite(); s != nil && s.newman {
		s.pending = append(s.pending, r)
		return
	}
	if p.sink.Record != nil {
		p.sink.Record(&r)
	}
}

// line is the input's line at the decoder's position.
func (p *junitParser) line() int { return p.in.lineAt(p.dec.InputOffset()) }

func (p *junitParser) problem(line int, msg string) {
	if p.sink.Problem != nil {
		p.sink.Problem(Problem{Source: p.source, Line: line, Err: msg})
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// parseSeconds reads a time attribute; Surefire has written thousands
// with a grouping comma ("1,234.5").
func parseSeconds(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// isGenericMessage tells messages that name no cause, such as the
// message="Failed" go-junit-report writes on every failure; the element's
// text says more.
func isGenericMessage(s string) bool {
	switch strings.ToLower(s) {
	case "failed", "failure", "error", "errored":
		return true
	}
	return false
}

func appendBounded(dst, b []byte) []byte {
	if room := maxFaultText - len(dst); room > 0 {
		dst = append(dst, b[:min(room, len(b))]...)
	}
	return dst
}

// junitCharset lets reports declared as Latin-1 or ASCII be read; JUnit
// writers otherwise use UTF-8, which needs no conversion.
func junitCharset(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "us-ascii", "ascii", "utf8":
		return in, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1":
		return &latin1Reader{r: in}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q (convert the report to UTF-8)", label)
}

type latin1Reader struct {
	r   io.Reader
	buf []byte
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	if len(p) < 2 {
		return 0, io.ErrShortBuffer
	}
	if cap(l.buf) < len(p)/2 {
		l.buf = make([]byte, len(p)/2)
	}
	n, err := l.r.Read(l.buf[:len(p)/2])
	out := 0
	for _, c := range l.buf[:n] {
		out += utf8.EncodeRune(p[out:], rune(c))
	}
	return out, err
}

// errReader remembers a failure of the underlying reader, which stops the
// parse, apart from the decoder's complaints about the input, which don't.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		e.err = err
	}
	return n, err
}

// SniffJUnit reports whether head, the first bytes of a file, starts a
// JUnit report: the root element is <testsuites> or <testsuite>.
func SniffJUnit(head []byte) bool { return xmlRootIs(head, "testsuites", "testsuite") }

// xmlRootIs reports whether the root element of the XML document that
// head starts is one of names: after a byte order mark, white space, the
// XML declaration, comments and a document type.
func xmlRootIs(head []byte, names ...string) bool {
	b := trimBOM(head)
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		var end []byte
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(b, []byte("<!--")):
			b, end = b[4:], []byte("-->")
		case bytes.HasPrefix(b, []byte("<!")):
			end = []byte(">")
		default:
			for _, name := range names {
				if isRoot(b, name) {
					return true
				}
			}
			return false
		}
		i := bytes.Index(b, end)
		if i < 0 {
			return false
		}
		b = b[i+len(end):]
	}
}

func isRoot(b []byte, name string) bool {
	if len(b) < len(name)+1 || b[0] != '<' || string(b[1:len(name)+1]) != name {
		return false
	}
	rest := b[len(name)+1:]
	return len(rest) == 0 || bytes.IndexByte([]byte(" \t\r\n/>"), rest[0]) >= 0
}

// FormatJUnit is the name of the JUnit XML format.
const FormatJUnit = "junit"

var junitFormat = &Format{
	Name:  FormatJUnit,
	Doc:   "JUnit XML reports (pytest, newman, Maven Surefire, go-junit-report)",
	Side:  SideClient,
	Sniff: func(text []byte) bool { return text[0] == '<' && SniffJUnit(text) },
	Parse: ParseJUnit,
	Later: true, // a newman JUnit report is the twin of its JSON report
}
