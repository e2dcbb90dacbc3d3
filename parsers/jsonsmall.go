package parsers

import (
	"io"
	"path"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/tidwall/gjson"
)

// smallDoc is the largest JSON document read whole: results files and
// newman reports of a run are far smaller, and reading them whole with
// gjson is several times faster than a streaming decoder.
const smallDoc = 4 << 20

var smallDocs = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// readUpTo appends up to n bytes of r to b; a nil error means r ended.
func readUpTo(b []byte, r io.Reader, n int) ([]byte, error) {
	for len(b) < n {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		m, err := r.Read(b[len(b):min(cap(b), n)])
		b = b[:len(b)+m]
		if err != nil {
			if isEOF(err) {
				return b, nil
			}
			return b, err
		}
	}
	return b, io.ErrShortBuffer // more to come: stream it
}

// failingReader returns err: the read error met while reading ahead,
// replayed where the stream met it.
type failingReader struct{ err error }

func (e failingReader) Read([]byte) (int, error) { return 0, e.err }

// parseSmallJSON reads a whole, valid document with the same element
// readers as the streaming path, so both give the same records.
func parseSmallJSON(b string, source string, opt Options, sink Sink) {
	d := &jsonDoc{cr: newJSONStream(nil), source: source, opt: opt, sink: sink, loc: opt.Location}
	if d.loc == nil {
		d.loc = time.UTC
	}
	lines := lineIndex{doc: b}
	doc := gjson.Parse(b)
	base := path.Base(source)
	each := func(arr gjson.Result, elem func(gjson.Result, int)) {
		d.found = true
		arr.ForEach(func(_, v gjson.Result) bool {
			elem(v, lines.at(v.Index))
			return true
		})
	}
	switch {
	case doc.IsArray():
		each(doc, d.arrayElem)
	case !doc.IsObject():
		d.problem(1, "JSON document is not an object or an array of records")
		return
	default:
		doc.ForEach(func(k, v gjson.Result) bool {
			switch k.Str {
			case "test_results":
				d.run = Run{Source: source, ID: base, Format: FormatResults, Complete: true, ResultsFile: base}
				each(v, d.resultsReader())
				d.endRun()
			case "results":
				d.run = Run{Source: source, ID: base, Format: FormatLoad, Complete: true}
				each(v, d.loadElem)
				d.endRun()
			case "run":
				d.run = Run{Source: source, ID: base, Format: FormatNewman, Complete: true}
				if ms := v.Get("timings.started"); ms.Type == gjson.Number {
					d.started = time.UnixMilli(ms.Int()).UTC()
				}
				if ex := v.Get("executions"); ex.IsArray() {
					each(ex, d.newmanElem)
				}
				d.endRun()
			case "steps", "overall_success":
				d.found = true
			}
			return true
		})
		if !d.found {
			d.problem(1, "JSON object holds no request records (want test_results, results, run.executions or a list of requests)")
		}
	}
}

// CountResults reads a results file (r) whose requests may be counted
// already and digests its entries in one pass, which also checks the
// document: the first reading of a results file, which spares a second
// when the log that names it holds the same requests. ok is false when
// the file must be read in full: it is large, anything but a valid object
// with one test_results list, or an entry's test_name or endpoint is not
// a plain string.
func CountResults(r io.Reader) (d Requests, ok bool) {
	buf := smallDocs.Get().(*[]byte)
	defer smallDocs.Put(buf)
	b, err := readUpTo((*buf)[:0], r, smallDoc+1)
	*buf = b[:0]
	if err != nil || len(b) > smallDoc {
		return d, false
	}
	var dg entryDigest
	// The string shares the pooled buffer's bytes instead of copying up
	// to 4 MiB: safe because countEntries keeps no part of it (the digest
	// holds counts and hashes only) and the buffer goes back to the pool
	// only when this function returns.
	_, _, ok = countEntries(unsafe.String(unsafe.SliceData(b), len(b)), &dg)
	return dg.Requests, ok && !dg.inexact
}

// entryDigest digests the entries countEntries meets; inexact is set when
// an entry's name or endpoint could not be read without unescaping.
type entryDigest struct {
	Requests
	inexact bool
}

// entry checks the entry at s[i], nested as skipValue(s, i, 2) would, and
// adds its test_name and endpoint to d, as resultsElem would read them.
func (d *entryDigest) entry(s string, i int) (int, bool) {
	if i >= len(s) || s[i] != '{' {
		d.Add("", "")
		return skipValue(s, i, 2)
	}
	var test, endpoint string
	i = skipSpace(s, i+1)
	for i < len(s) && s[i] != '}' {
		if s[i] != '"' {
			return i, false
		}
		end, esc, ok := scanString(s, i)
		if !ok {
			return end, false
		}
		key := s[i+1 : end-1]
		d.inexact = d.inexact || esc
		if i = skipSpace(s, end); i >= len(s) || s[i] != ':' {
			return i, false
		}
		i = skipSpace(s, i+1)
		if end, ok = skipValue(s, i, 3); !ok {
			return end, false
		}
		if key == "test_name" || key == "endpoint" {
			v, plain := plainString(s[i:end])
			d.inexact = d.inexact || !plain
			if key == "test_name" {
				test = v
			} else {
				endpoint = v
			}
		}
		if i = skipSpace(s, end); i < len(s) && s[i] == ',' {
			if i = skipSpace(s, i+1); i >= len(s) || s[i] != '"' {
				return i, false // a trailing comma
			}
		} else if i >= len(s) || s[i] != '}' {
			return i, false
		}
	}
	if i >= len(s) {
		return i, false
	}
	d.Add(test, endpoint)
	return i + 1, true
}

// plainString returns the text of a JSON string without escapes.
func plainString(v string) (string, bool) {
	if len(v) < 2 || v[0] != '"' || strings.IndexByte(v, '\\') >= 0 {
		return "", false
	}
	return v[1 : len(v)-1], true
}

// countEntries checks that s is one JSON object, by validJSON's rules,
// and counts the elements of its test_results array, which starts at
// s[at], digesting them in d when d is not nil. ok is false if s is invalid, if test_results is missing, not an
// array or there twice, or if s holds another kind of record list.
func countEntries(s string, d *entryDigest) (n, at int, ok bool) {
	i := skipSpace(s, 0)
	if i >= len(s) || s[i] != '{' {
		return 0, 0, false
	}
	at = -1
	i = skipSpace(s, i+1)
	for i < len(s) && s[i] != '}' {
		if s[i] != '"' {
			return 0, 0, false
		}
		end, esc, ok := scanString(s, i)
		if !ok || esc {
			return 0, 0, false // a key with escapes is read in full
		}
		key := s[i+1 : end-1]
		i = skipSpace(s, end)
		if i >= len(s) || s[i] != ':' {
			return 0, 0, false
		}
		i = skipSpace(s, i+1)
		switch key {
		case "test_results":
			if at >= 0 || i >= len(s) || s[i] != '[' {
				return 0, 0, false
			}
			at = i
			i = skipSpace(s, i+1)
			for i < len(s) && s[i] != ']' {
				var end int
				var ok bool
				if d != nil {
					end, ok = d.entry(s, i)
				} else {
					end, ok = skipValue(s, i, 2)
				}
				if !ok {
					return 0, 0, false
				}
				n++
				i = skipSpace(s, end)
				if i < len(s) && s[i] == ',' {
					i = skipSpace(s, i+1)
					if i < len(s) && s[i] == ']' {
						return 0, 0, false // a trailing comma
					}
				} else if i >= len(s) || s[i] != ']' {
					return 0, 0, false
				}
			}
			if i >= len(s) {
				return 0, 0, false
			}
			end = i + 1
		case "results", "run", "steps", "overall_success":
			return 0, 0, false
		default:
			if end, ok = skipValue(s, i, 1); !ok {
				return 0, 0, false
			}
		}
		i = skipSpace(s, end)
		if i < len(s) && s[i] == ',' {
			i = skipSpace(s, i+1)
			if i >= len(s) || s[i] != '"' {
				return 0, 0, false // a trailing comma
			}
		} else if i >= len(s) || s[i] != '}' {
			return 0, 0, false
		}
	}
	if i >= len(s) || skipSpace(s, i+1) != len(s) || at < 0 {
		return 0, 0, false
	}
	return n, at, true
}

// lineIndex turns byte offsets of a document, asked for in increasing
// order, into line numbers.
type lineIndex struct {
	doc  string
	off  int
	line int
}

func (l *lineIndex) at(off int) int {
	if off > len(l.doc) {
		off = len(l.doc)
	}
	if off > l.off {
		l.line += strings.Count(l.doc[l.off:off], "\n")
		l.off = off
	}
	return l.line + 1
}
