package parsers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// A format file describes the log of another API's client, so that errpat
// reads it as one of its own formats: either JSON lines, whose fields
// "fields" names (gjson paths such as "req.url"), or text lines, whose
// parts "pattern" names (a regular expression with named groups). Both
// map to the record's fields:
//
//	time, method, url, endpoint, status, success, duration, message, test, run
//
// "time_layout" is a Go time layout, or "unix", "unix_ms" (default: ISO
// 8601 and Python logging times); "duration_unit" is s, ms, us or ns
// (default s; a text such as "350ms" is read as it says). A line is a
// request when it has a status or success and a method, URL, endpoint or
// test (a text line that matches the pattern without a status got no
// response); other lines are counted, together, as skipped.
type formatFile struct {
	Name         string            `json:"name"`
	Doc          string            `json:"doc"`
	Side         Side              `json:"side"`
	Fields       map[string]string `json:"fields"`
	Pattern      string            `json:"pattern"`
	TimeLayout   string            `json:"time_layout"`
	DurationUnit string            `json:"duration_unit"`
}

// userFields are the record fields a format file may map.
var userFields = []string{"time", "method", "url", "endpoint", "status", "success", "duration", "message", "test", "run"}

var durationUnits = map[string]float64{"": 1, "s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}

// LoadFormat reads a format file (its text, and its name for messages)
// and returns the format it describes, or an error that says what is
// wrong with it.
func LoadFormat(name string, data []byte) (*Format, error) {
	var ff formatFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ff); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	u, err := ff.compile()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	doc := ff.Doc
	if doc == "" {
		doc = "user format from " + name
	}
	side := ff.Side
	if side == "" {
		side = SideClient
	}
	return &Format{Name: ff.Name, Doc: doc, Side: side, Sniff: u.sniff, Parse: u.parse}, nil
}

// userFormat is a checked format file.
type userFormat struct {
	name   string
	fields map[string]string // record field → JSON path (JSON lines)
	re     *regexp.Regexp    // text lines
	groups map[string]int    // record field → group of re
	layout string
	unit   float64
}

func (ff *formatFile) compile() (*userFormat, error) {
	if ff.Name == "" {
		return nil, fmt.Errorf(`"name" is missing`)
	}
	if (ff.Pattern == "") == (len(ff.Fields) == 0) {
		return nil, fmt.Errorf(`want either "fields" (JSON lines) or "pattern" (text lines)`)
	}
	switch ff.Side {
	case "", SideClient, SideLoad, SideServer:
	default:
		return nil, fmt.Errorf(`invalid "side" %q (want client, load, server)`, ff.Side)
	}
	unit, ok := durationUnits[ff.DurationUnit]
	if !ok {
		return nil, fmt.Errorf(`invalid "duration_unit" %q (want s, ms, us, ns)`, ff.DurationUnit)
	}
	u := &userFormat{name: ff.Name, fields: ff.Fields, layout: ff.TimeLayout, unit: unit}
	for f := range ff.Fields {
		if !slices.Contains(userFields, f) {
			return nil, fmt.Errorf("unknown field %q (want %s)", f, strings.Join(userFields, ", "))
		}
	}
	if ff.Pattern != "" {
		re, err := regexp.Compile(ff.Pattern)
		if err != nil {
			return nil, fmt.Errorf(`invalid "pattern": %w`, err)
		}
		u.re, u.groups = re, map[string]int{}
		for i, g := range re.SubexpNames() {
			switch {
			case g == "":
			case !slices.Contains(userFields, g):
				return nil, fmt.Errorf("unknown field %q in the pattern's groups (want %s)", g, strings.Join(userFields, ", "))
			default:
				u.groups[g] = i
			}
		}
	}
	if !u.has("status") && !u.has("success") || !u.has("method") && !u.has("url") && !u.has("endpoint") && !u.has("test") {
		return nil, fmt.Errorf("a request needs a status or success field, and a method, url, endpoint or test field")
	}
	return u, nil
}

func (u *userFormat) has(field string) bool {
	if u.re != nil {
		_, ok := u.groups[field]
		return ok
	}
	_, ok := u.fields[field]
	return ok
}

// sniff: one of the first lines is a request of the format.
func (u *userFormat) sniff(text []byte) bool {
	for i := 0; i < 20 && len(text) > 0; i++ {
		var line []byte
		line, text, _ = bytes.Cut(text, []byte{'\n'})
		var r Record
		if u.record(bytes.TrimSpace(line), time.UTC, &r) {
			return true
		}
	}
	return false
}

func (u *userFormat) parse(r io.Reader, source string, opt Options, sink Sink) error {
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	lr := newLineReader(r, opt.MaxLine)
	other, first := 0, 0 // lines that are not requests, and the first of them
	defer func() {
		if other > 0 {
			report(sink, Problem{Source: source, Line: first, Lines: other,
				Err: fmt.Sprintf("%d lines are not requests of format %s (the first at line %d)", other, u.name, first)})
		}
	}()
	for {
		line, err := lr.next()
		if err != nil {
			if isEOF(err) {
				return nil
			}
			return err
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		rec := Record{Source: source, Line: lr.n, Format: u.name}
		if lr.cut || !u.record(line, loc, &rec) {
			if other++; other == 1 {
				first = lr.n
			}
			continue
		}
		if sink.Record != nil {
			sink.Record(&rec)
		}
	}
}

// record reads one line; ok is false when it is not a request.
func (u *userFormat) record(line []byte, loc *time.Location, r *Record) bool {
	get := u.jsonField(line)
	if u.re != nil {
		get = u.textField(line)
	}
	if get == nil {
		return false
	}
	status, hasStatus := httpStatus(gjson.Result{Type: gjson.String, Str: get("status")})
	if u.re != nil && get("status") == "" {
		// A line that matches the pattern is a request; one without a
		// status got no response.
		status, hasStatus = 0, true
	}
	success := get("success")
	hasSuccess := success != ""
	if !hasStatus && !hasSuccess || get("method")+get("url")+get("endpoint")+get("test") == "" {
		return false
	}
	r.Method = strings.ToUpper(get("method"))
	r.Endpoint = get("endpoint")
	if r.Endpoint == "" {
		r.Endpoint = get("url")
	}
	r.Test, r.Run, r.Status = get("test"), get("run"), StatusUnknown
	if hasStatus {
		r.Status = status
	}
	r.Time = u.time(get("time"), loc)
	r.Seconds, r.HasSeconds = u.duration(get("duration"))
	if hasSuccess {
		r.Failed = !truthy(success)
	} else {
		r.Failed = r.Status == 0 || r.Status >= 400
	}
	if r.Failed {
		applyBody(r, get("message"))
	}
	return true
}

// jsonField returns a getter of the line's mapped fields, or nil when the
// line is not a JSON object.
func (u *userFormat) jsonField(line []byte) func(string) string {
	if len(line) == 0 || line[0] != '{' || !validJSON(string(line)) {
		return nil
	}
	s := string(line)
	return func(field string) string {
		path, ok := u.fields[field]
		if !ok {
			return ""
		}
		v := gjson.Get(s, path)
		if v.Type == gjson.Null {
			return ""
		}
		return v.String()
	}
}

// textField returns a getter of the pattern's groups, or nil when the
// line does not match.
func (u *userFormat) textField(line []byte) func(string) string {
	m := u.re.FindSubmatch(line)
	if m == nil {
		return nil
	}
	return func(field string) string {
		if i, ok := u.groups[field]; ok {
			return string(m[i])
		}
		return ""
	}
}

func (u *userFormat) time(s string, loc *time.Location) time.Time {
	switch u.layout {
	case "":
		return parseTime(s, loc)
	case "unix", "unix_ms":
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return time.Time{}
		}
		if u.layout == "unix_ms" {
			return time.UnixMilli(int64(f)).UTC()
		}
		return time.Unix(int64(f), int64((f-float64(int64(f)))*1e9)).UTC()
	}
	t, err := time.ParseInLocation(u.layout, s, loc)
	if err != nil {
		return time.Time{}
	}
	return t
}

func (u *userFormat) duration(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f * u.unit, f >= 0 && !math.IsInf(f, 0)
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return d.Seconds(), true
	}
	return 0, false
}

func truthy(s string) bool {
	switch strings.ToLower(s) {
	case "true", "1", "yes", "ok", "passed", "pass", "success":
		return true
	}
	return false
}
