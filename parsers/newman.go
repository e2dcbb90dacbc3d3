package parsers

import (
	"encoding/json"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// newmanRun walks newman's "run" object: its timings give the run's start,
// each of its executions is one request.
func (d *jsonDoc) newmanRun() error {
	tok, err := d.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return nil
	}
	d.depth++
	d.run = Run{Source: d.source, ID: path.Base(d.source), Format: FormatNewman, Complete: true}
	for d.dec.More() {
		key, err := d.key()
		if err != nil {
			return err
		}
		switch key {
		case "timings":
			var raw json.RawMessage
			if err := d.dec.Decode(&raw); err != nil {
				return err
			}
			if ms := gjson.GetBytes(raw, "started"); ms.Type == gjson.Number {
				d.started = time.UnixMilli(ms.Int()).UTC()
			}
		case "executions":
			err = d.array(FormatNewman, d.newmanElem)
		default:
			err = d.skip()
		}
		if err != nil {
			return err
		}
	}
	d.endRun()
	_, err = d.dec.Token()
	d.depth--
	return err
}

// newmanElem reads one execution: the request sent, the response (or the
// error that stood for it) and the assertions run on it.
func (d *jsonDoc) newmanElem(v gjson.Result, line int) {
	req, resp := v.Get("request"), v.Get("response")
	r := &Record{
		Source: d.source, Line: line, Format: FormatNewman, Time: d.started,
		Test:     v.Get("item.name").String(),
		Method:   strings.ToUpper(req.Get("method").String()),
		Endpoint: newmanURL(req.Get("url")),
		Status:   int(resp.Get("code").Int()),
	}
	if id := v.Get("item.id").String(); id != "" && !d.started.IsZero() {
		r.Key = newmanKey(id, d.started)
	}
	if rt := resp.Get("responseTime"); rt.Type == gjson.Number {
		r.Seconds, r.HasSeconds = rt.Float()/1000, true
	}
	if e := v.Get("requestError"); e.Exists() {
		r.Failed, r.Status = true, 0
		r.Message = joinNonEmpty(e.Get("code").String(), e.Get("message").String())
	}
	v.Get("assertions").ForEach(func(_, a gjson.Result) bool {
		if msg := a.Get("error.message"); msg.Exists() {
			if !r.Failed || r.Message == "" {
				r.Message = msg.String()
			}
			r.Failed = true
		}
		return true
	})
	if body := resp.Get("stream"); r.Failed && body.Exists() {
		r.Response = newmanBody(body)
	}
	if b := req.Get("body.raw"); b.Exists() {
		r.Payload = b.String()
	}
	d.emit(r)
}

// newmanKey identifies a newman request across its JSON and JUnit reports:
// the collection item and the run's start.
func newmanKey(id string, started time.Time) string {
	return "newman:" + id + "@" + strconv.FormatInt(started.UnixMilli(), 10)
}

// newmanURL rebuilds the request path from newman's URL object (or takes
// a URL string as it is).
func newmanURL(u gjson.Result) string {
	if u.Type == gjson.String {
		return u.Str
	}
	var b strings.Builder
	u.Get("path").ForEach(func(_, seg gjson.Result) bool {
		b.WriteByte('/')
		b.WriteString(seg.String())
		return true
	})
	if b.Len() == 0 {
		b.WriteByte('/')
	}
	return b.String()
}

// newmanBody decodes the response stream newman stores as a Node Buffer.
func newmanBody(v gjson.Result) string {
	data := v.Get("data")
	if !data.IsArray() {
		return v.String()
	}
	var b []byte
	data.ForEach(func(_, c gjson.Result) bool {
		b = append(b, byte(c.Int()))
		return len(b) <= maxBody // one byte more tells that it was cut
	})
	return cutBody(string(b), maxBody)
}

// FormatNewman is the name of newman's JSON report format.
const FormatNewman = "newman"

var newmanFormat = &Format{
	Name:   FormatNewman,
	Doc:    "newman (Postman) JSON reports",
	Side:   SideClient,
	Sniff:  objectWith(`"executions"`, `"collection"`),
	Parse:  ParseJSON,
	Claims: true, // its JUnit report holds the same requests
}
