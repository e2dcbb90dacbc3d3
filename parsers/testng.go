package parsers

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// FormatTestNG is TestNG's own XML report, testng-results.xml.
const FormatTestNG = "testng"

// parseTestNG streams testng-results.xml: suites hold tests, tests hold
// classes, classes hold test-method elements, each one execution. Each
// test method is a Record (PASS passed, FAIL failed, SKIP skipped), with
// its exception's message, its duration and its start; a configuration
// method (is-config, a @Before or @After) is no test unless it failed,
// when it is a failed record: the tests it set up were skipped for it. An
// attempt that TestNG retried (retried="true") is no record of its own
// but one of the next execution's Retries. Each test has a Key (class,
// method and appearance) shared with its twins in the JUnit reports that
// TestNG and Surefire write beside this one.
func parseTestNG(r io.Reader, source string, opt Options, sink Sink) error {
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	in := &errReader{r: r}
	p := &testngParser{source: source, loc: loc, sink: sink, dec: xml.NewDecoder(in), seen: map[string]int{}, retried: map[string]int{}}
	p.dec.CharsetReader = junitCharset
	for {
		line, _ := p.dec.InputPos()
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
			if p.end(t.Name.Local) {
				return nil
			}
		case xml.CharData:
			p.text(t)
		}
	}
}

type testngParser struct {
	source  string
	loc     *time.Location
	sink    Sink
	dec     *xml.Decoder
	depth   int
	class   string
	m       *testngMethod  // the test-method being read
	field   string         // "message" or "full-stacktrace" while inside one
	seen    map[string]int // executions by class and method, for keys
	retried map[string]int // retried attempts waiting for their execution
}

type testngMethod struct {
	rec              Record
	status           string
	config, retried  bool
	message, detail  []byte
	exception, class string
}

func (p *testngParser) start(e xml.StartElement, line int) bool {
	p.depth++
	name := e.Name.Local
	switch {
	case p.depth == 1 && name != "testng-results":
		p.problem(0, "not a TestNG report (root <"+name+">)")
		return false
	case name == "class" && p.m == nil:
		p.class = attr(e, "name")
	case name == "test-method" && p.m == nil:
		p.openMethod(e, line)
	case p.m != nil && name == "exception" && p.m.exception == "":
		p.m.exception = attr(e, "class")
	case p.m != nil && (name == "message" || name == "full-stacktrace"):
		p.field = name
	}
	return true
}

func (p *testngParser) openMethod(e xml.StartElement, line int) {
	m := &testngMethod{status: strings.ToUpper(strings.TrimSpace(attr(e, "status"))), class: p.class,
		config: attr(e, "is-config") == "true", retried: attr(e, "retried") == "true"}
	m.rec = testRecord(p.source, line, FormatTestNG, attr(e, "name"))
	if p.class != "" {
		m.rec.Test = p.class + "." + m.rec.Test
	}
	if ms, ok := parseSeconds(attr(e, "duration-ms")); ok {
		m.rec.Seconds, m.rec.HasSeconds = ms/1000, true
	}
	m.rec.Time = testngTime(attr(e, "started-at"), p.loc)
	p.m = m
}

// end closes an element and reports whether it was the root.
func (p *testngParser) end(name string) bool {
	p.depth--
	switch {
	case p.m != nil && name == p.field:
		p.field = ""
	case p.m != nil && name == "test-method":
		p.closeMethod()
	case name == "class":
		p.class = ""
	}
	return p.depth == 0
}

func (p *testngParser) text(b []byte) {
	if p.m == nil {
		return
	}
	switch p.field {
	case "message":
		p.m.message = appendBounded(p.m.message, b)
	case "full-stacktrace":
		p.m.detail = appendBounded(p.m.detail, b)
	}
}

func (p *testngParser) closeMethod() {
	m := p.m
	p.m, p.field = nil, ""
	k := m.class + "#" + strings.TrimPrefix(m.rec.Test, m.class+".")
	if m.config {
		if m.status != "FAIL" {
			return
		}
		m.rec.Test += " (configuration)"
	} else if m.retried {
		p.retried[k]++
		return
	} else {
		n := p.seen[k]
		p.seen[k] = n + 1
		m.rec.Key = testKey(k, n)
		m.rec.Retries, p.retried[k] = p.retried[k], 0
	}
	switch m.status {
	case "FAIL":
		msg := strings.TrimSpace(string(m.message))
		if msg == "" {
			msg = m.exception
		} else if m.exception != "" && !strings.HasPrefix(msg, m.exception) {
			msg = m.exception + ": " + msg
		}
		m.rec.fail(msg, string(m.detail))
	case "SKIP":
		m.rec.Skipped = true
	}
	if p.sink.Record != nil {
		p.sink.Record(&m.rec)
	}
}

// testngTime reads TestNG's times, "2026-11-28T03:40:01 UTC" or with
// milliseconds, "Z" or a zone abbreviation, which only UTC and GMT are
// known by here: others are read in loc.
func testngTime(s string, loc *time.Location) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	stamp, zone, _ := strings.Cut(s, " ")
	if strings.HasSuffix(stamp, "Z") {
		stamp, zone = strings.TrimSuffix(stamp, "Z"), "UTC"
	}
	if zone == "Z" || zone == "UTC" || zone == "GMT" {
		loc = time.UTC
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, stamp, loc); err == nil {
			return t
		}
	}
	return time.Time{}
}

// fail ends the parse on a decoder error: the method being read is lost
// and the fault is a Problem; only a failing reader stops with an error.
func (p *testngParser) fail(err, readErr error) error {
	if errors.Is(err, io.EOF) {
		if p.depth == 0 && len(p.seen) == 0 {
			p.problem(0, "not a TestNG report (no root element)")
		} else if p.depth > 0 {
			line, _ := p.dec.InputPos()
			p.problem(line, "invalid XML: unexpected end of input (file truncated?)")
		}
		return nil
	}
	if readErr != nil {
		return fmt.Errorf("read %s: %w", p.source, readErr)
	}
	line, _ := p.dec.InputPos()
	msg := strings.TrimPrefix(err.Error(), "xml: ")
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line, msg = se.Line, se.Msg
	}
	p.problem(line, "invalid XML: "+msg)
	return nil
}

func (p *testngParser) problem(line int, msg string) {
	if p.sink.Problem != nil {
		p.sink.Problem(Problem{Source: p.source, Line: line, Err: msg})
	}
}

// sniffTestNG tells testng-results.xml by its root element.
func sniffTestNG(text []byte) bool { return text[0] == '<' && xmlRootIs(text, "testng-results") }

var testngFormat = &Format{
	Name:   FormatTestNG,
	Doc:    `TestNG XML reports (testng-results.xml)`,
	Side:   SideClient,
	Sniff:  sniffTestNG,
	Parse:  parseTestNG,
	Claims: true, // Surefire and TestNG write its tests to JUnit reports too
}
