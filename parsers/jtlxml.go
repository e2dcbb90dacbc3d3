package parsers

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// sniffJTLXML tells a JMeter XML results file by its root, <testResults>.
func sniffJTLXML(text []byte) bool {
	for len(text) > 0 {
		i := bytes.IndexByte(text, '<')
		if i < 0 || i+1 >= len(text) {
			return false
		}
		text = text[i+1:]
		switch text[0] {
		case '?', '!': // the XML declaration, a stylesheet PI, a comment
			continue
		}
		return bytes.HasPrefix(text, []byte("testResults")) && len(text) > 11 &&
			(text[11] == '>' || text[11] == ' ' || text[11] == '\t' || text[11] == '\r' || text[11] == '\n' || text[11] == '/')
	}
	return false
}

// jtlFrame is an open sample element.
type jtlFrame struct {
	s    jtlSample
	line int
	// request: this sample is a request; its nested samples are its own
	// sub-results (redirects, embedded resources), part of it. A
	// Transaction Controller's sample is not one: its children are.
	request bool
	inside  bool   // this sample or one around it is a request
	child   string // the child element being read: "java.net.URL", "method", "failureMessage", ...
	text    strings.Builder
	// assertion state: inside <assertionResult>, and whether it failed.
	inAssertion, assertFailed bool
	assertMsg                 string
}

// parseJTLXML reads a JMeter XML results file, streaming: one record per
// top-level <httpSample> or <sample>, and per sample inside a Transaction
// Controller's own sample. Nested sub-samples belong to their parent.
func parseJTLXML(r io.Reader, source string, opt Options, sink Sink) error {
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	in := &errReader{r: r}
	d := xml.NewDecoder(in)
	d.Strict = false               // JMeter writes plain XML; leniency keeps a damaged entity from ending the file
	d.CharsetReader = junitCharset // jmeter.save.saveservice.xml_encoding may name Latin-1
	var (
		stack []*jtlFrame // open sample elements
		depth int         // element depth; testResults is 1
		subs  int         // nested sub-samples, told once
		trans int         // Transaction Controller samples, told once
	)
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if in.err != nil {
			return fmt.Errorf("%s: %w", source, in.err)
		}
		if err != nil {
			if !errors.Is(err, io.EOF) || len(stack) > 0 || depth > 0 {
				jtlXMLEnd(source, line, err, stack, depth, sink)
			}
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			name := t.Name.Local
			if name == "httpSample" || name == "sample" {
				f := &jtlFrame{line: line, s: jtlAttrs(t.Attr)}
				inRequest := len(stack) > 0 && stack[len(stack)-1].inside
				f.request = !inRequest && !f.s.isTransaction()
				f.inside = inRequest || f.request
				switch {
				case inRequest:
					subs++
				case f.s.isTransaction():
					trans++
				}
				stack = append(stack, f)
				continue
			}
			if len(stack) > 0 {
				stack[len(stack)-1].start(name)
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].chars(t)
			}
		case xml.EndElement:
			depth--
			name := t.Name.Local
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			if name != "httpSample" && name != "sample" {
				top.end(name)
				continue
			}
			stack = stack[:len(stack)-1]
			if top.request {
				emitJTL(top, source, loc, sink)
			}
		}
	}
	if subs > 0 || trans > 0 {
		report(sink, Problem{Source: source, Err: fmt.Sprintf(
			"not counted as requests: %d Transaction Controller samples (they sum up the samples they hold) and %d nested sub-samples (part of their parent)",
			trans, subs)})
	}
	return nil
}

// jtlXMLEnd reports why a results file ended early: cut off while JMeter
// was writing (no closing </testResults>), or not well-formed.
func jtlXMLEnd(source string, line int, err error, stack []*jtlFrame, depth int, sink Sink) {
	var open *jtlFrame // the request cut off, if any
	for _, f := range stack {
		if f.request {
			open = f
			break
		}
	}
	if open != nil {
		msg := fmt.Sprintf("sample %q cut off: JMeter was still writing?", open.s.label)
		if !isXMLEOF(err) {
			msg = fmt.Sprintf("sample %q not well-formed, rest of the file skipped: %v", open.s.label, err)
		}
		report(sink, Problem{Source: source, Line: open.line, Lines: line - open.line + 1, Err: msg})
		return
	}
	if isXMLEOF(err) {
		report(sink, Problem{Source: source, Line: line,
			Err: "file ends without </testResults>: JMeter was still writing? (every complete sample was read)"})
		return
	}
	report(sink, Problem{Source: source, Line: line, Lines: 1, Err: fmt.Sprintf("invalid XML, rest of the file skipped: %v", err)})
}

// isXMLEOF tells the end of the input, where encoding/xml reports an
// unclosed element as a syntax error "unexpected EOF".
func isXMLEOF(err error) bool {
	var syn *xml.SyntaxError
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.As(err, &syn) && syn.Msg == "unexpected EOF"
}

// jtlAttrs reads a sample element's attributes (SampleResultConverter).
func jtlAttrs(attrs []xml.Attr) jtlSample {
	s := jtlSample{}
	for _, a := range attrs {
		switch a.Name.Local {
		case "t":
			s.elapsed = a.Value
		case "ts":
			s.stamp = a.Value
		case "s":
			s.success, s.hasStatus = a.Value, true
		case "lb":
			s.label = a.Value
		case "rc", "rs": // rs: the response code in files of JMeter 2.1 and older
			s.code, s.hasCode = a.Value, true
		case "rm":
			s.message = a.Value
		}
	}
	return s
}

// start notes which child of a sample is being read.
func (f *jtlFrame) start(name string) {
	switch name {
	case "assertionResult":
		f.inAssertion, f.assertFailed, f.assertMsg = true, false, ""
	case "java.net.URL", "method", "failure", "error", "failureMessage":
		f.child = name
		f.text.Reset()
	}
}

func (f *jtlFrame) chars(b []byte) {
	if f.child != "" && f.text.Len() < 64<<10 {
		f.text.Write(b)
	}
}

// end takes in the text of a finished child element.
func (f *jtlFrame) end(name string) {
	if name == "assertionResult" {
		if f.assertFailed && f.s.failure == "" {
			f.s.failure = f.assertMsg
		}
		f.inAssertion = false
		return
	}
	if name != f.child {
		return
	}
	text := f.text.String()
	f.child = ""
	switch {
	case name == "java.net.URL":
		f.s.url = strings.TrimSpace(text)
	case name == "method":
		f.s.method = strings.TrimSpace(text)
	case !f.inAssertion:
	case name == "failure", name == "error":
		f.assertFailed = f.assertFailed || strings.TrimSpace(text) == "true"
	case name == "failureMessage":
		f.assertMsg = text
	}
}

func emitJTL(f *jtlFrame, source string, loc *time.Location, sink Sink) {
	rec := Record{Source: source, Line: f.line, Format: FormatJTLXML}
	f.s.record(&rec, loc)
	if sink.Record != nil {
		sink.Record(&rec)
	}
}
