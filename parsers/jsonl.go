package parsers

import (
	"bytes"
	"hash/maphash"
	"io"
	"strings"
	"time"
	"unsafe"

	"github.com/tidwall/gjson"
)

// ParseJSONLines reads one request object per line, with the usual field
// aliases (status / status_code / statusCode; response_time in seconds,
// duration_ms and responseTime in milliseconds). A line that is not a
// request object is counted and reported, and reading goes on.
func ParseJSONLines(r io.Reader, source string, opt Options, sink Sink) error {
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	ts := &stamps{loc: loc}
	var rec Record
	var fs fieldSet
	keep := newTexts()
	problem := lineProblem(sink, source)
	return eachJSONLine(r, source, opt, problem, func(line []byte, n int) {
		// The line is read in place: what the record keeps of it is
		// copied out by keep before the reader's buffer moves on.
		s := unsafe.String(unsafe.SliceData(line), len(line))
		fs.reset()
		if !scanObject(s, &fs) {
			err := "JSON line is " + notRequest
			if !validJSON(s) {
				err = "invalid JSON line"
			}
			problem(n, err)
			return
		}
		rec = Record{Source: source, Line: n, Format: FormatJSONLines}
		if !fieldsRecord(fs.finish(gjson.Result{Type: gjson.JSON, Raw: s}), ts, &rec) {
			problem(n, "JSON line is "+notRequest)
			return
		}
		keep.record(&rec)
		if sink.Record != nil {
			sink.Record(&rec)
		}
	})
}

// texts keeps the strings records take from lines that live in a
// reader's buffer: each is copied once, and a string met again (an
// endpoint, a method, an error message) is given the copy already made
// rather than a new one. A slot holds the last string that hashed to it,
// so a file of ever new endpoints costs one copy each and no more memory.
type texts struct {
	seed  maphash.Seed
	slots [512]string
}

func newTexts() *texts { return &texts{seed: maphash.MakeSeed()} }

// keep returns a copy of s that outlives the line s is in.
func (t *texts) keep(s string) string {
	if s == "" {
		return ""
	}
	slot := &t.slots[maphash.String(t.seed, s)%uint64(len(t.slots))]
	if *slot != s {
		*slot = strings.Clone(s)
	}
	return *slot
}

// record keeps every string of r that fieldsRecord may take from the
// object it reads.
func (t *texts) record(r *Record) {
	for _, s := range [...]*string{&r.Endpoint, &r.Method, &r.Test, &r.Message, &r.Response, &r.ErrorCode} {
		if *s != "" {
			*s = t.keep(*s)
		}
	}
}

func report(sink Sink, p Problem) {
	if sink.Problem != nil {
		sink.Problem(p)
	}
}

// FormatJSONLines is the name of the JSON lines format.
const FormatJSONLines = "jsonl"

var jsonLinesFormat = &Format{
	Name:  FormatJSONLines,
	Doc:   "JSON lines, one request object per line",
	Side:  SideClient,
	Sniff: sniffJSONLines,
	Parse: ParseJSONLines,
	Next:  nextLine,
	// one line appended as each response comes in
	Sorted: jsonLineTime,
}

// sniffJSONLines tells JSON lines from a JSON document: the first line
// is a complete object, not a whole document of another kind, and
// either a request or followed by another object. A document written on
// one line is left to the document formats.
func sniffJSONLines(text []byte) bool {
	if text[0] != '{' {
		return false
	}
	line, rest, _ := bytes.Cut(text, []byte{'\n'})
	line = bytes.TrimSpace(line)
	s := string(line)
	if !validJSON(s) {
		return false
	}
	// A document's lists are arrays, newman's run an object: a key of
	// that name holding text, as errpat's events' "run", is a field.
	obj := gjson.Parse(s)
	if obj.Get("test_results").IsArray() || obj.Get("results").IsArray() || obj.Get("run").IsObject() {
		return false
	}
	if rest = bytes.TrimLeft(rest, " \t\r\n"); len(rest) > 0 && rest[0] == '{' {
		return true
	}
	var r Record
	return objectRecord(obj, time.UTC, &r)
}
