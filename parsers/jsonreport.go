package parsers

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/tidwall/gjson"
)

// jsonReport tells where a JSON test report keeps its tests, for the test
// report formats (Playwright, CTRF, Mochawesome, Cucumber,
// pytest-json-report, Allure). A small valid report is read whole with
// gjson; a large one is streamed with encoding/json, one element of each
// array in memory at a time. Both paths hand the same elements, with the
// same line numbers, to the same readers, so they give the same records.
type jsonReport struct {
	source string
	sink   Sink
	// arrays are the arrays streamed element by element, by dotted path
	// through objects: "" is the document itself, "results.tests" the
	// tests array of the top-level results object.
	arrays map[string]func(elem gjson.Result, line int)
	// member, when set, is handed each other top-level member, read
	// whole: reports keep their metadata there (stats, config).
	member func(key string, v gjson.Result)
	// done, when set, is called once the document is read, ok telling
	// that it was read to its end without a problem.
	done   func(ok bool)
	faulty bool // a problem was reported
	// wrongRoot is the problem of a document that is neither an object
	// nor, where "" is an array path, an array.
	wrongRoot string
}

// read reads a report from r, whole when it is small.
func (jr *jsonReport) read(r io.Reader) error {
	return readJSONDocument(r, jr.small, jr.stream)
}

// small reads a whole, valid document.
func (jr *jsonReport) small(doc string) {
	if jr.done != nil {
		defer func() { jr.done(!jr.faulty) }()
	}
	lines := lineIndex{doc: doc}
	v := gjson.Parse(doc)
	if v.IsArray() && jr.arrays[""] != nil {
		jr.smallArray(v, jr.arrays[""], &lines)
		return
	}
	if !v.IsObject() {
		jr.problem(1, jr.wrongRoot)
		return
	}
	jr.smallObject(v, "", &lines)
}

func (jr *jsonReport) smallObject(obj gjson.Result, prefix string, lines *lineIndex) {
	obj.ForEach(func(k, v gjson.Result) bool {
		p := prefix + k.Str
		switch {
		case jr.arrays[p] != nil:
			if v.IsArray() {
				jr.smallArray(v, jr.arrays[p], lines)
			}
		case jr.onPath(p):
			if v.IsObject() {
				jr.smallObject(v, p+".", lines)
			}
		case prefix == "" && jr.member != nil:
			jr.member(k.Str, v)
		}
		return true
	})
}

func (jr *jsonReport) smallArray(arr gjson.Result, elem func(gjson.Result, int), lines *lineIndex) {
	arr.ForEach(func(_, v gjson.Result) bool {
		elem(v, lines.at(v.Index))
		return true
	})
}

// onPath tells whether p leads to one of the arrays.
func (jr *jsonReport) onPath(p string) bool {
	for k := range jr.arrays {
		if strings.HasPrefix(k, p+".") {
			return true
		}
	}
	return false
}

// stream reads a document token by token, with the walker of the other
// JSON documents (see streamDocument).
func (jr *jsonReport) stream(r io.Reader) error {
	if jr.done != nil {
		defer func() { jr.done(!jr.faulty) }()
	}
	sink := jr.sink
	sink.Problem = func(p Problem) {
		jr.faulty = true
		if jr.sink.Problem != nil {
			jr.sink.Problem(p)
		}
	}
	return streamDocument(r, jr.source, Options{}, sink, jr.document)
}

// document walks the report's top level.
func (jr *jsonReport) document(d *jsonDoc) error {
	tok, err := d.dec.Token()
	if err != nil {
		if isEOF(err) {
			jr.problem(0, "empty JSON document")
			return nil
		}
		return err
	}
	switch {
	case tok == json.Delim('[') && jr.arrays[""] != nil:
		d.depth++
		err = d.array(FormatJSONArray, jr.arrays[""])
	case tok == json.Delim('{'):
		d.depth++
		err = jr.object(d, "")
	default:
		jr.problem(1, jr.wrongRoot)
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := d.dec.Token(); !isEOF(err) {
		if err == nil {
			err = fmt.Errorf("more than one JSON value")
		}
		return err
	}
	return nil
}

// object reads the members of an object whose '{' was read, and its '}'.
func (jr *jsonReport) object(d *jsonDoc, prefix string) error {
	for d.dec.More() {
		k, err := d.key()
		if err != nil {
			return err
		}
		p := prefix + k
		switch {
		case jr.arrays[p] != nil || jr.onPath(p):
			err = jr.path(d, p)
		case prefix == "" && jr.member != nil:
			var raw json.RawMessage
			if err = d.dec.Decode(&raw); err == nil {
				jr.member(k, gjson.ParseBytes(raw))
			}
		default:
			err = d.skip()
		}
		if err != nil {
			return err
		}
	}
	_, err := d.dec.Token()
	d.depth--
	return err
}

// path reads the value of a member on an array's path: the array, or an
// object leading to it; a value of another kind is skipped.
func (jr *jsonReport) path(d *jsonDoc, p string) error {
	tok, err := d.dec.Token()
	if err != nil {
		return err
	}
	d.depth++
	switch {
	case tok == json.Delim('[') && jr.arrays[p] != nil:
		return d.array(FormatJSONArray, jr.arrays[p])
	case tok == json.Delim('{') && jr.onPath(p):
		return jr.object(d, p+".")
	case tok == json.Delim('[') || tok == json.Delim('{'):
		err = d.skipOpened()
	}
	d.depth--
	return err
}

func (jr *jsonReport) problem(line int, msg string) {
	jr.faulty = true
	if jr.sink.Problem != nil {
		jr.sink.Problem(Problem{Source: jr.source, Line: max(line, 1), Err: msg, Lines: 1})
	}
}

// elemLines numbers the lines inside one array element: gjson gives each
// value's offset, in the document (small path) or in the element
// (streaming path), and both agree on the offsets inside the element.
type elemLines struct {
	base int // the element's offset
	line int // the element's line
	idx  lineIndex
}

func newElemLines(elem gjson.Result, line int) *elemLines {
	return &elemLines{base: elem.Index, line: line, idx: lineIndex{doc: elem.Raw}}
}

// at returns the line of v, a value inside the element; values must be
// asked for in document order.
func (e *elemLines) at(v gjson.Result) int {
	off := v.Index - e.base
	if v.Index == 0 || off < 0 {
		return e.line
	}
	return e.line + e.idx.at(off) - 1
}

// testRecord starts the record of one test case of a test report: the
// report says nothing of HTTP, so Status is StatusUnknown until a
// failure message names one.
func testRecord(source string, line int, f, test string) Record {
	return Record{Source: source, Line: line, Format: f, Test: test, Status: StatusUnknown}
}

// fail marks r failed with the first line of a failure text (colours
// removed) and the status it or detail speaks of.
func (r *Record) fail(text, detail string) {
	text = strings.TrimSpace(string(StripANSI([]byte(text))))
	r.Failed = true
	r.Message = firstLine(text)
	if r.Message == "" {
		r.Message = "failed"
	}
	r.Status = statusOf(text, string(StripANSI([]byte(detail))))
}

func (jr *jsonReport) emit(r *Record) {
	if jr.sink.Record != nil {
		jr.sink.Record(r)
	}
}
