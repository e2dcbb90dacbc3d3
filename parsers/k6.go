package parsers

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// FormatK6 is the name of k6's JSON output (k6 run --out json=file): one
// Metric or Point object per line.
const FormatK6 = "k6"

var k6Format = &Format{
	Name:       FormatK6,
	Doc:        "k6 JSON output (k6 run --out json), request by request",
	Side:       SideLoad,
	Sniff:      sniffK6,
	Parse:      parseK6,
	Next:       nextK6Request,
	Concurrent: true,
}

// nextK6Request finds the start of a line that opens a request, its
// http_reqs point: the points of one request are written together, so a
// part never holds half of one.
func nextK6Request(b []byte) int {
	for from := 0; ; {
		i := nextLine(b[from:])
		if i < 0 {
			return -1
		}
		from += i
		line := b[from:]
		if bytes.HasPrefix(line, []byte(`{"metric":"http_reqs"`)) ||
			bytes.HasPrefix(line, []byte(`{"type":"Point"`)) && bytes.Contains(line[:max(0, bytes.IndexByte(line, '\n'))], []byte(`"metric":"http_reqs"}`)) {
			return from
		}
	}
}

// sniffK6 tells k6's JSON output by its first line, a Metric or Point
// envelope: {"type":"Metric","data":{...},"metric":"vus"}.
func sniffK6(text []byte) bool {
	line, _, _ := bytes.Cut(text, []byte{'\n'})
	return len(line) > 0 && line[0] == '{' && bytes.Contains(line, []byte(`"metric":"`)) &&
		bytes.Contains(line, []byte(`"data":{`)) &&
		(bytes.Contains(line, []byte(`"type":"Metric"`)) || bytes.Contains(line, []byte(`"type":"Point"`)))
}

// k6Window is how many requests wait for their timing points. k6 writes
// all points of one request together (Trail.SaveSamples: http_reqs,
// http_req_duration, http_req_blocked … http_req_receiving, then
// http_req_failed), so a few are plenty; the window only guards against
// outputs that interleave them.
const k6Window = 16

// k6Request is a request read from its http_reqs point, waiting for the
// points that share its time and tags.
type k6Request struct {
	key    []byte // time and tags as written, which its other points repeat
	rec    Record
	failed int // http_req_failed value: -1 none seen, 0 or 1
}

// k6Reader is the state of one k6 output being read.
type k6Reader struct {
	source  string
	sink    Sink
	pending []*k6Request
	free    []*k6Request
	other   map[string]*int // points of metrics that are not HTTP requests, by metric
	orphans int             // http_req_* points without their http_reqs point
}

// parseK6 reads k6's JSON output. Each http_reqs point is a request; its
// http_req_duration point gives the response time and its http_req_failed
// point k6's verdict (from the response callback, by default failed unless
// 200-399). Points of other metrics (checks, iterations, vus, data_sent,
// custom metrics) are not requests: they are counted and told once.
func parseK6(r io.Reader, source string, opt Options, sink Sink) error {
	k := k6Reader{source: source, sink: sink, other: map[string]*int{}}
	if err := eachJSONLine(r, source, opt, k.problem, k.line); err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	k.finish()
	return nil
}

// k6Metric finds the metric's name and whether the line is a Point. k6
// 0.40 and later write points as {"metric":"http_reqs","type":"Point",
// "data":{…}}, older ones and every Metric line {"type":…,"data":{…},
// "metric":"http_reqs"}; both are read without a JSON parse. A quote inside
// a JSON string is escaped, so the keys found so are the envelope's own.
func k6Metric(line []byte) (name []byte, point bool) {
	const key = `"metric":"`
	if rest, ok := bytes.CutPrefix(line, []byte("{"+key)); ok {
		if i := bytes.IndexByte(rest, '"'); i > 0 && bytes.IndexByte(rest[:i], '\\') < 0 {
			return rest[:i], bytes.HasPrefix(rest[i:], []byte(`","type":"Point"`))
		}
	} else if i := bytes.LastIndex(line, []byte(key)); i > 0 && i+len(key) <= len(line)-2 && bytes.HasSuffix(line, []byte(`"}`)) {
		// The closing quote must not be the key's own: `"metric":"}`.
		name = line[i+len(key) : len(line)-2]
		if len(name) > 0 && bytes.IndexByte(name, '"') < 0 && bytes.IndexByte(name, '\\') < 0 {
			return name, bytes.HasPrefix(line, []byte(`{"type":"Point"`))
		}
	}
	if !gjson.ValidBytes(line) {
		return nil, false
	}
	res := gjson.GetManyBytes(line, "metric", "type")
	return []byte(res[0].String()), res[1].String() == "Point"
}

// problem reports a line that is not a k6 point. The requests waiting are
// emitted first, so that records and problems stay in line order.
func (k *k6Reader) problem(n int, msg string) {
	k.flush()
	report(k.sink, Problem{Source: k.source, Line: n, Lines: 1, Err: msg})
}

func (k *k6Reader) flush() {
	for _, p := range k.pending {
		k.emit(p)
	}
	k.pending = k.pending[:0]
}

func (k *k6Reader) line(line []byte, n int) {
	name, point := k6Metric(line)
	switch {
	case len(name) == 0:
		k.problem(n, "not a k6 JSON output line (no metric)")
		return
	case !point:
		if !bytes.HasPrefix(line, []byte(`{"type":"Metric"`)) && gjson.GetBytes(line, "type").String() != "Metric" {
			k.problem(n, "k6 line is neither a Metric nor a Point")
		}
		return
	case !bytes.HasPrefix(name, []byte("http_req")):
		c := k.other[string(name)] // a lookup, not an allocation
		if c == nil {
			c = new(int)
			k.other[string(name)] = c
		}
		*c++
		return
	}
	data := gjson.GetBytes(line, "data")
	var tm, value, tags gjson.Result
	data.ForEach(func(key, v gjson.Result) bool {
		switch key.Str {
		case "time":
			tm = v
		case "value":
			value = v
		case "tags":
			tags = v
		}
		return true
	})
	if !tm.Exists() || !value.Exists() {
		k.problem(n, "k6 point without time or value")
		return
	}
	switch string(name) {
	case "http_reqs":
		k.request(tm, tags, n)
	case "http_req_duration":
		if p := k.find(tm, tags); p != nil {
			p.rec.Seconds, p.rec.HasSeconds = value.Float()/1000, true
		} else {
			k.orphans++
		}
	case "http_req_failed":
		if p := k.find(tm, tags); p != nil {
			p.failed = int(value.Int())
		} else {
			k.orphans++
		}
	default:
		if k.find(tm, tags) == nil {
			k.orphans++
		}
	}
}

// matches tells whether a point with this time and these tags is one of
// this request's.
func (k *k6Request) matches(tm, tags gjson.Result) bool {
	t := len(tm.Raw)
	return len(k.key) == t+len(tags.Raw) && string(k.key[:t]) == tm.Raw && string(k.key[t:]) == tags.Raw
}

// find returns the waiting request whose http_reqs point had this time
// and these tags, the newest first.
func (k *k6Reader) find(tm, tags gjson.Result) *k6Request {
	for i := len(k.pending) - 1; i >= 0; i-- {
		if k.pending[i].matches(tm, tags) {
			return k.pending[i]
		}
	}
	return nil
}

// request starts a request from its http_reqs point.
func (k *k6Reader) request(tm, tags gjson.Result, n int) {
	if len(k.pending) == k6Window {
		k.emit(k.pending[0])
		k.pending = append(k.pending[:0], k.pending[1:]...)
	}
	var p *k6Request
	if last := len(k.free) - 1; last >= 0 {
		p, k.free = k.free[last], k.free[:last]
	} else {
		p = &k6Request{}
	}
	p.key = append(append(p.key[:0], tm.Raw...), tags.Raw...)
	p.failed = -1
	p.rec = Record{Source: k.source, Line: n, Format: FormatK6, Status: StatusUnknown}
	if t, err := time.Parse(time.RFC3339Nano, tm.String()); err == nil {
		p.rec.Time = t
	}
	k6Tags(tags, &p.rec)
	k.pending = append(k.pending, p)
}

// k6Tags reads a request's system tags: method, name (the URL unless the
// script grouped it), url, status ("0": no response), error, error_code.
func k6Tags(tags gjson.Result, r *Record) {
	var url, errText, errCode string
	tags.ForEach(func(key, v gjson.Result) bool {
		switch key.Str {
		case "method":
			r.Method = strings.ToUpper(v.String())
		case "name":
			r.Endpoint, r.Test = v.String(), v.String()
		case "url":
			url = v.String()
		case "status":
			if s, err := strconv.Atoi(v.String()); err == nil {
				r.Status = s
			}
		case "error":
			errText = v.String()
		case "error_code":
			errCode = v.String()
		case "expected_response":
			r.Failed = v.String() == "false"
		}
		return true
	})
	if r.Endpoint == "" {
		r.Endpoint = url
	}
	r.Message = errText
	if errText == "" && r.Status == 0 {
		r.Message = k6CodeText(errCode)
	}
}

// k6CodeText describes a k6 error code (lib/netext/httpext/error_codes.go)
// for a request without a response whose error tag is not kept; an HTTP
// error's code is 1000 + status, which the status already says.
func k6CodeText(code string) string {
	n, err := strconv.Atoi(code)
	var what string
	switch {
	case err != nil:
		return ""
	case n == 1050:
		what = "request timeout"
	case n == 1211:
		what = "dial: i/o timeout"
	case n == 1212:
		what = "dial: connection refused"
	case n >= 1100 && n < 1200:
		what = "DNS name resolution failed"
	case n >= 1200 && n < 1300:
		what = "TCP connection error"
	case n >= 1300 && n < 1400:
		what = "TLS error"
	default:
		what = "no response"
	}
	return "k6 error_code " + code + ": " + what
}

func (k *k6Reader) emit(p *k6Request) {
	switch {
	case p.failed >= 0:
		p.rec.Failed = p.failed == 1
	case !p.rec.Failed: // neither http_req_failed nor expected_response: k6's default, 200-399 expected
		p.rec.Failed = p.rec.Status == 0 || p.rec.Status >= 400
	}
	if !p.rec.Failed {
		p.rec.Message = ""
	}
	if k.sink.Record != nil {
		k.sink.Record(&p.rec)
	}
	k.free = append(k.free, p)
}

// finish emits the requests still waiting and tells, once, what was not
// a request.
func (k *k6Reader) finish() {
	k.flush()
	if len(k.other) > 0 {
		report(k.sink, Problem{Source: k.source, Err: "not requests, not counted: " + k6OtherText(k.other)})
	}
	if k.orphans > 0 {
		report(k.sink, Problem{Source: k.source, Err: fmt.Sprintf(
			"%d http_req_* points without their http_reqs point (same time and tags): not counted", k.orphans)})
	}
}

// k6OtherText sums up the other metrics' points: "1200 points of other
// metrics (checks 400, iterations 400, vus 12, …)".
func k6OtherText(counts map[string]*int) string {
	other := map[string]int{}
	names := make([]string, 0, len(counts))
	total := 0
	for n, c := range counts {
		names = append(names, n)
		other[n] = *c
		total += *c
	}
	sort.Slice(names, func(i, j int) bool {
		if other[names[i]] != other[names[j]] {
			return other[names[i]] > other[names[j]]
		}
		return names[i] < names[j]
	})
	var b strings.Builder
	fmt.Fprintf(&b, "%d points of other metrics (", total)
	for i, n := range names {
		if i == 5 {
			fmt.Fprintf(&b, ", %d more", len(names)-5)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", n, other[n])
	}
	b.WriteString(")")
	return b.String()
}
