package parsers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// ParseJSON streams a JSON document: the test client's results file
// ({"test_results": [...]}), the load tester's ({"results": [...]}),
// newman's JSON report ({"run": {"executions": [...]}}), the integration
// test's step summary, or a plain array of request objects. A small valid
// document is read whole; a large one is streamed, one element in memory
// at a time.
func ParseJSON(r io.Reader, source string, opt Options, sink Sink) error {
	return readJSONDocument(r, func(doc string) {
		parseSmallJSON(doc, source, opt, sink)
	}, func(r io.Reader) error {
		return parseStreamJSON(r, source, opt, sink)
	})
}

// readJSONDocument reads a JSON document from r: a small valid one
// whole, with small, else with stream, handed the whole input again (what
// was read ahead, then the rest, or the read error met on the way).
func readJSONDocument(r io.Reader, small func(doc string), stream func(io.Reader) error) error {
	buf := smallDocs.Get().(*[]byte)
	defer smallDocs.Put(buf)
	b, err := readUpTo((*buf)[:0], r, smallDoc+1)
	*buf = b[:0]
	if err == nil && len(b) <= smallDoc {
		if s := string(b); validJSON(s) {
			small(s)
			return nil
		}
	}
	if err != nil && !isEOF(err) && err != io.ErrShortBuffer {
		r = io.MultiReader(bytes.NewReader(b), failingReader{err})
	} else {
		r = io.MultiReader(bytes.NewReader(b), r)
	}
	return stream(r)
}

// parseStreamJSON reads a document element by element.
func parseStreamJSON(r io.Reader, source string, opt Options, sink Sink) error {
	return streamDocument(r, source, opt, sink, (*jsonDoc).document)
}

// streamDocument reads a document with walk, which streams the arrays of
// the document's kind. A fault in the document ends the reading where it
// is met: what came before is read, and the lines from there to the end
// are counted as skipped in one problem. A failed read of the input is
// returned, for the caller to tell as any parser's stop.
func streamDocument(r io.Reader, source string, opt Options, sink Sink, walk func(*jsonDoc) error) error {
	_, err := parseJSONStream(newJSONStream(r), source, opt, sink, walk)
	return err
}

// parseJSONStream reads a document through cr with walk.
func parseJSONStream(cr *jsonStream, source string, opt Options, sink Sink, walk func(*jsonDoc) error) (*jsonDoc, error) {
	d := &jsonDoc{dec: json.NewDecoder(cr), cr: cr, source: source, opt: opt, sink: sink, loc: opt.Location}
	cr.cut = func(line int, msg string) { d.problem(line, msg) }
	if d.loc == nil {
		d.loc = time.UTC
	}
	d.dec.UseNumber()
	err := walk(d)
	if err == nil || isEOF(err) && d.depth == 0 {
		return d, nil
	}
	if cr.err != nil && !isEOF(cr.err) && errors.Is(err, cr.err) {
		return d, fmt.Errorf("read %s: %w", source, err)
	}
	off := d.dec.InputOffset()
	if b, _ := io.ReadAll(io.LimitReader(d.dec.Buffered(), 1<<10)); len(b) > 0 {
		off += int64(len(b) - len(bytes.TrimLeft(b, ", \t\r\n")))
	}
	line := d.cr.lineAt(off)
	rest, rerr := d.cr.linesFrom(off)
	if rerr != nil {
		return d, fmt.Errorf("read %s: %w", source, rerr)
	}
	msg := "invalid JSON: " + jsonErr(err)
	if rest > 1 {
		msg += fmt.Sprintf("; the %d lines from there to the end are not read", rest)
	}
	if d.sink.Problem != nil {
		d.sink.Problem(Problem{Source: d.source, Line: line, Err: msg, Lines: max(rest, 1)})
	}
	return d, nil
}

type jsonDoc struct {
	dec    *json.Decoder
	cr     *jsonStream
	source string
	opt    Options
	sink   Sink
	loc    *time.Location
	depth  int // open arrays/objects when the document ended early
	found  bool
	run    Run
	// newman's run start, which executions are stamped with
	started time.Time
	// the run's last request, described when the run ends
	lastMethod, lastEndpoint string
	pairKey                  string // see resultsKey
}

func (d *jsonDoc) document() error {
	tok, err := d.dec.Token()
	if err != nil {
		if isEOF(err) {
			d.problem(0, "empty JSON document")
			return nil
		}
		return err
	}
	switch tok {
	case json.Delim('['):
		d.depth++
		return d.array(FormatJSONArray, d.arrayElem)
	case json.Delim('{'):
		d.depth++
		if err := d.object(); err != nil {
			return err
		}
		if !d.found {
			d.problem(0, "JSON object holds no request records (want test_results, results, run.executions or a list of requests)")
		}
		return nil
	}
	d.problem(1, "JSON document is not an object or an array of records")
	return nil
}

// object walks the top-level keys, streaming the arrays it knows.
func (d *jsonDoc) object() error {
	base := path.Base(d.source)
	for d.dec.More() {
		key, err := d.key()
		if err != nil {
			return err
		}
		switch key {
		case "test_results":
			d.run = Run{Source: d.source, ID: base, Format: FormatResults, Complete: true, ResultsFile: base}
			err = d.array(FormatResults, d.resultsReader())
			d.endRun()
		case "results":
			d.run = Run{Source: d.source, ID: base, Format: FormatLoad, Complete: true}
			err = d.array(FormatLoad, d.loadElem)
			d.endRun()
		case "run":
			err = d.newmanRun()
		case "steps", "overall_success":
			d.found = true
			err = d.skip()
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

func (d *jsonDoc) endRun() {
	d.run.LastRequest = strings.TrimSpace(d.lastMethod + " " + d.lastEndpoint)
	if d.sink.Run != nil && d.run.Requests > 0 {
		d.sink.Run(d.run)
	}
}

func (d *jsonDoc) key() (string, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return "", err
	}
	k, _ := tok.(string)
	return k, nil
}

// skip passes over the value that starts at the next token a token at a
// time, so that a value of any size is never held whole.
func (d *jsonDoc) skip() error { return d.skipFrom(0) }

// skipOpened passes over the rest of an array or object whose opening
// token was read.
func (d *jsonDoc) skipOpened() error { return d.skipFrom(1) }

func (d *jsonDoc) skipFrom(depth int) error {
	for {
		tok, err := d.dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth <= 0 {
			return nil
		}
		d.cr.lineAt(d.dec.InputOffset()) // newlines passed need not be kept
	}
}

// array streams the elements of the array that starts at the next token
// (or has just started, for the top-level array).
func (d *jsonDoc) array(f string, elem func(gjson.Result, int)) error {
	if f != FormatJSONArray {
		tok, err := d.dec.Token()
		if err != nil {
			return err
		}
		if tok != json.Delim('[') {
			return nil
		}
		d.depth++
	}
	d.found = true
	for d.dec.More() {
		var raw json.RawMessage
		if err := d.dec.Decode(&raw); err != nil {
			return err
		}
		line := d.cr.lineAt(d.dec.InputOffset() - int64(len(raw)))
		elem(gjson.ParseBytes(raw), line)
	}
	_, err := d.dec.Token()
	d.depth--
	return err
}

func (d *jsonDoc) emit(r *Record) {
	d.run.Requests++
	if d.run.ID != "" {
		r.Run = d.run.ID
		if d.run.Start.IsZero() || r.Time.Before(d.run.Start) {
			d.run.Start = r.Time
		}
		if r.Time.After(d.run.End) {
			d.run.End = r.Time
		}
		d.lastMethod, d.lastEndpoint = r.Method, r.Endpoint
		d.run.LastLine = r.Line
	}
	if d.sink.Record != nil {
		d.sink.Record(r)
	}
}

func (d *jsonDoc) problem(line int, msg string) {
	if line == 0 {
		line = d.cr.lineAt(d.dec.InputOffset())
	}
	if d.sink.Problem != nil {
		d.sink.Problem(Problem{Source: d.source, Line: line, Err: msg, Lines: 1})
	}
}

func (d *jsonDoc) arrayElem(v gjson.Result, line int) {
	r := &Record{Source: d.source, Line: line, Format: FormatJSONArray}
	if !v.IsObject() || !objectRecord(v, d.loc, r) {
		d.problem(line, "array element is "+notRequest)
		return
	}
	d.emit(r)
}

// resultsReader is the reader of the results file's entries: resultsElem,
// or countedElem when the log that names the file was read.
func (d *jsonDoc) resultsReader() func(gjson.Result, int) {
	if d.opt.Counted != nil && d.opt.Counted(d.resultsKey()) {
		return d.countedElem
	}
	return d.resultsElem
}

// countedElem hands on an entry whose request is counted already with
// only its key: the sink counts it as a duplicate.
func (d *jsonDoc) countedElem(_ gjson.Result, line int) {
	d.emit(&Record{Source: d.source, Line: line, Format: FormatResults, Key: d.resultsKey()})
}

// resultsElem reads one entry of the test client's results file.
func (d *jsonDoc) resultsElem(v gjson.Result, line int) {
	// One pass over the entry's keys: Get would scan it once per key.
	var res, ok, payload gjson.Result
	r := &Record{Source: d.source, Line: line, Format: FormatResults, Key: d.resultsKey()}
	v.ForEach(func(k, val gjson.Result) bool {
		switch k.Str {
		case "result":
			res = val
		case "test_name":
			r.Test = val.String()
		case "endpoint":
			r.Endpoint = val.String()
		case "method":
			r.Method = strings.ToUpper(val.String())
		case "timestamp":
			r.Time = timeValue(val, d.loc)
		case "success":
			ok = val
		case "payload":
			payload = val
		}
		return true
	})
	var errText, details, response, headers, typ gjson.Result
	res.ForEach(func(k, val gjson.Result) bool {
		switch k.Str {
		case "status_code":
			r.Status = statusValue(val)
		case "error":
			errText = val
		case "details":
			details = val
		case "response":
			response = val
		case "headers":
			headers = val
		case "type":
			typ = val
		}
		return true
	})
	if ok.Exists() {
		r.Failed = !ok.Bool()
	} else {
		r.Failed = r.Status == 0 || r.Status >= 400
	}
	if payload.Exists() {
		r.Payload = payload.Raw
	}
	switch {
	case r.Failed && r.Status == 0:
		r.Message = noResponseMessage(errText.String(), details.String(), typ.String())
	case r.Failed:
		r.Message = errText.String()
		// POSTs keep the error body in "details" (text), GETs in
		// "response" (parsed JSON).
		if details.Exists() {
			applyError(r, details)
		} else if response.Exists() {
			applyError(r, response)
		}
	case response.Exists():
		r.Response = response.Raw
	}
	if headers.IsObject() {
		headerRetryAfter(r, headers)
	}
	d.emit(r)
}

// noResponseMessage is the message of a results-file request that got no
// response, as the client's log line has it: make_request records
// {"error": "Network error" or "Unexpected error", "details": str(e)} and
// logs "❌ <name> - Network error: <details>"; the GET and DELETE requests
// record {"error": str(e), "type": <exception class>}.
func noResponseMessage(errText, details, typ string) string {
	msg := joinNonEmpty(errText, details)
	switch {
	case details != "" && (errText == "Network error" || errText == "Unexpected error"):
		msg = details
	case msg == "":
		msg = typ // str(e) was empty: the class is all there is
	}
	return UnwrapError(msg)
}

// headerRetryAfter reads a Retry-After response header (any case) into
// r; it takes precedence over a body's retry_after, being what HTTP says.
func headerRetryAfter(r *Record, headers gjson.Result) {
	var date time.Time
	var retry string
	headers.ForEach(func(k, v gjson.Result) bool {
		switch strings.ToLower(k.Str) {
		case "retry-after":
			retry = v.String()
		case "date":
			date, _ = time.Parse(time.RFC1123, v.String())
		}
		return true
	})
	if date.IsZero() {
		date = r.Time
	}
	if v := RetryAfterSeconds(retry, date); v > 0 {
		r.RetryAfter = v
	}
}

// ResultsKey is the Record.Key of the requests of the results file
// source: the key that pairs it with the log that names it.
func ResultsKey(source string) string { return "results:" + path.Base(source) }

func (d *jsonDoc) resultsKey() string {
	if d.pairKey == "" {
		d.pairKey = ResultsKey(d.source)
	}
	return d.pairKey
}

// loadElem reads one result of the load tester, whose naive timestamps
// are UTC.
func (d *jsonDoc) loadElem(v gjson.Result, line int) {
	// One pass over the entry's keys, the first of each name counting as
	// Get would take it: Get would scan the entry once per key.
	var endpoint, method, status, stamp, rt, success, msg gjson.Result
	v.ForEach(func(k, val gjson.Result) bool {
		var f *gjson.Result
		switch k.Str {
		case "endpoint":
			f = &endpoint
		case "method":
			f = &method
		case "status_code":
			f = &status
		case "timestamp":
			f = &stamp
		case "response_time":
			f = &rt
		case "success":
			f = &success
		case "error_message":
			f = &msg
		default:
			return true
		}
		if !f.Exists() {
			*f = val
		}
		return true
	})
	if !status.Exists() && !success.Exists() || !endpoint.Exists() && !method.Exists() {
		d.problem(line, "load-test result is "+notRequest)
		return
	}
	r := &Record{
		Source: d.source, Line: line, Format: FormatLoad,
		Endpoint: endpoint.String(), Method: strings.ToUpper(method.String()),
		Status: statusValue(status),
		Time:   timeValue(stamp, time.UTC),
	}
	if rt.Type == gjson.Number {
		r.Seconds, r.HasSeconds = rt.Float(), true
	}
	if success.Exists() {
		r.Failed = !success.Bool()
	} else {
		r.Failed = r.Status == 0 || r.Status >= 400
	}
	if r.Failed {
		applyError(r, msg)
		if r.Status == 0 {
			r.Message = UnwrapError(r.Message)
		}
	}
	d.emit(r)
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || a == b:
		return a
	}
	return a + ": " + b
}

func jsonErr(err error) string {
	if isEOF(err) || err == io.ErrUnexpectedEOF {
		return "unexpected end of input (file truncated?)"
	}
	var se *json.SyntaxError
	if e, ok := err.(*json.SyntaxError); ok {
		se = e
		return se.Error() + " at byte " + strconv.FormatInt(se.Offset, 10)
	}
	return err.Error()
}
