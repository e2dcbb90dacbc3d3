package parsers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// FormatArtillery is Artillery's JSON report (artillery run --output).
const FormatArtillery = "artillery"

var artilleryFormat = &Format{
	Name:       FormatArtillery,
	Doc:        "Artillery JSON report (artillery run --output report.json), v1 and v2: counts by period",
	Side:       SideLoad,
	Sniff:      sniffArtillery,
	Parse:      parseArtillery,
	Concurrent: true,
	Aggregate:  true,
	Summary:    true,
}

// sniffArtillery tells Artillery's report by its top-level aggregate and
// the members its periods have: counters (v2) or the 1.x names.
func sniffArtillery(text []byte) bool {
	if text[0] != '{' || !bytes.Contains(text, []byte(`"aggregate"`)) {
		return false
	}
	return bytes.Contains(text, []byte(`"intermediate"`)) || bytes.Contains(text, []byte(`"http.requests"`)) ||
		bytes.Contains(text, []byte(`"scenariosCreated"`))
}

// parseArtillery reads an Artillery report: {"aggregate": {…},
// "intermediate": [{…}, …]}, each a period's metrics. Artillery 2 writes
// counters ("http.requests", "http.codes.200", "errors.ETIMEDOUT") and
// summaries of histograms ("http.response_time"), with the period's start
// in "period" (epoch ms); 1.x, and 2 with legacy reporting, "codes",
// "errors" and "latency", with the period's "timestamp". The
// intermediate periods are counted when there are any, each at its time;
// else the aggregate, without time: never both. The intermediate array is
// streamed, a period at a time.
func parseArtillery(r io.Reader, source string, opt Options, sink Sink) error {
	a := &artillery{source: source, sink: sink}
	streamDocument(r, source, opt, sink, func(d *jsonDoc) error {
		a.doc = d
		return d.harObject(func(key string) error {
			switch key {
			case "aggregate":
				var raw json.RawMessage
				if err := d.dec.Decode(&raw); err != nil {
					return err
				}
				a.aggregate, a.aggregateLine = gjson.ParseBytes(raw), d.cr.lineAt(d.dec.InputOffset()-int64(len(raw)))
				return nil
			case "intermediate":
				return d.array(FormatArtillery, a.period)
			}
			return d.skip()
		})
	})
	a.finish()
	return nil
}

// artillery is the state of one report being read.
type artillery struct {
	source        string
	sink          Sink
	doc           *jsonDoc
	aggregate     gjson.Result
	aggregateLine int
	periods       int
	// sent, answered and failed sum up http.requests, the responses and
	// the errors without a response; other are the other errors by name.
	sent, answered, failed int64
	hasSent                bool
	other                  map[string]int64
}

// period counts one intermediate period at its time.
func (a *artillery) period(v gjson.Result, line int) {
	if !v.IsObject() {
		report(a.sink, Problem{Source: a.source, Line: line, Lines: 1, Err: "intermediate period is not a JSON object: not counted"})
		return
	}
	t, ok := artilleryTime(v)
	if !ok {
		report(a.sink, Problem{Source: a.source, Line: line, Lines: 1, Err: "intermediate period without a period or timestamp: not counted"})
		return
	}
	a.periods++
	a.count(v, line, t)
}

// artilleryTime is a period's time: "period" (v2, epoch ms, a number or
// a string of one), else firstMetricAt, else "timestamp" (1.x, ISO 8601).
func artilleryTime(v gjson.Result) (time.Time, bool) {
	for _, k := range []string{"period", "firstMetricAt"} {
		if ms, err := strconv.ParseInt(v.Get(k).String(), 10, 64); err == nil && ms > 0 {
			return time.UnixMilli(ms).UTC(), true
		}
	}
	if t, err := time.Parse(time.RFC3339Nano, v.Get("timestamp").String()); err == nil {
		return t.UTC(), true
	}
	return time.Time{}, false
}

// count emits the requests a period (or the aggregate) counts: a record
// per response, by status, and per error that is a Node error code
// (ETIMEDOUT, ECONNREFUSED, EPROTO): a request without a response.
func (a *artillery) count(v gjson.Result, line int, t time.Time) {
	codes, errs := v.Get("codes"), v.Get("errors")
	// 1.x reports (and legacy reporting) have an empty "counters" too.
	if c := v.Get("counters"); c.IsObject() && !codes.Exists() {
		codes, errs = artilleryPrefixed(c, "http.codes."), artilleryPrefixed(c, "errors.")
		if n := c.Get(gjson.Escape("http.requests")); n.Type == gjson.Number {
			a.sent += n.Int()
			a.hasSent = true
		}
	}
	base := Record{Source: a.source, Line: line, Format: FormatArtillery, Time: t}
	codes.ForEach(func(k, n gjson.Result) bool {
		status, err := strconv.Atoi(k.String())
		if err != nil || status < 100 || status > 999 || n.Type != gjson.Number {
			report(a.sink, Problem{Source: a.source, Line: line, Err: fmt.Sprintf("status %q counted %s: not counted", k.String(), n.Raw)})
			return true
		}
		rec := base
		rec.Status, rec.Failed = status, status >= 400
		a.answered += max(n.Int(), 0)
		emitCount(a.source, a.sink, rec, n.Int(), " responses "+k.String())
		return true
	})
	errs.ForEach(func(k, n gjson.Result) bool {
		name := k.String()
		if !isNodeErrorCode(name) {
			if a.other == nil {
				a.other = map[string]int64{}
			}
			a.other[name] += n.Int()
			return true
		}
		rec := base
		rec.Status, rec.Failed, rec.Message = 0, true, name
		a.failed += max(n.Int(), 0)
		emitCount(a.source, a.sink, rec, n.Int(), " errors "+name)
		return true
	})
}

// artilleryPrefixed is the counters whose names start with prefix, as an
// object keyed by the rest of the name.
func artilleryPrefixed(counters gjson.Result, prefix string) gjson.Result {
	var b strings.Builder
	b.WriteByte('{')
	counters.ForEach(func(k, n gjson.Result) bool {
		if rest, ok := strings.CutPrefix(k.String(), prefix); ok {
			if b.Len() > 1 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%s:%s", strconv.Quote(rest), n.Raw)
		}
		return true
	})
	b.WriteByte('}')
	return gjson.Parse(b.String())
}

// isNodeErrorCode tells the code of a Node.js error (ETIMEDOUT,
// ECONNREFUSED, ERR_TLS_CERT_ALTNAME_INVALID, CERT_HAS_EXPIRED), which
// Artillery counts as errors.CODE when a request got no response; its
// other errors are messages ("Failed capture or match").
func isNodeErrorCode(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// finish counts the aggregate when no period was, states its latency,
// and tells what was not counted.
func (a *artillery) finish() {
	agg := a.aggregate
	if !agg.Exists() && a.periods == 0 {
		report(a.sink, Problem{Source: a.source, Err: "Artillery report without aggregate or intermediate periods: nothing counted"})
		return
	}
	if a.periods == 0 && agg.IsObject() {
		a.count(agg, a.aggregateLine, time.Time{})
	}
	a.stated(agg)
	if a.hasSent && a.sent != a.answered+a.failed {
		report(a.sink, Problem{Source: a.source, Err: fmt.Sprintf(
			"http.requests counts %d requests; %d responses and %d errors without a response are counted, the difference is not (requests still open when the run ended, or errors of other names)",
			a.sent, a.answered, a.failed)})
	}
	if len(a.other) > 0 {
		names := make([]string, 0, len(a.other))
		for k := range a.other {
			names = append(names, k)
		}
		sort.Strings(names)
		parts := make([]string, len(names))
		for i, k := range names {
			parts[i] = fmt.Sprintf("%q %d", k, a.other[k])
		}
		report(a.sink, Problem{Source: a.source, Err: "errors of the scenarios, not of a request without a response, not counted as requests: " + strings.Join(parts, ", ")})
	}
}

// artilleryStats maps Artillery's summary names to stated names.
var artilleryStats = []struct{ from, to string }{
	{"min", "min"}, {"mean", "avg"}, {"median", "median"}, {"max", "max"},
	{"p50", "p50"}, {"p75", "p75"}, {"p90", "p90"}, {"p95", "p95"}, {"p99", "p99"}, {"p999", "p99.9"},
}

// stated hands on the latency the aggregate states: v2's summary of
// http.response_time, 1.x's latency; and the metrics-by-endpoint
// plugin's summary of each endpoint.
func (a *artillery) stated(agg gjson.Result) {
	sums := agg.Get("summaries")
	if !sums.IsObject() {
		sums = agg.Get("histograms")
	}
	if s := sums.Get(gjson.Escape("http.response_time")); s.IsObject() {
		a.state("", s)
	} else if s := agg.Get("latency"); s.IsObject() {
		a.state("", s)
	}
	const byEndpoint = "plugins.metrics-by-endpoint.response_time."
	sums.ForEach(func(k, s gjson.Result) bool {
		if rest, ok := strings.CutPrefix(k.String(), byEndpoint); ok && s.IsObject() {
			a.state(rest, s)
		}
		return true
	})
}

func (a *artillery) state(endpoint string, s gjson.Result) {
	st := Stated{Source: a.source, Format: FormatArtillery, Endpoint: endpoint, Requests: -1}
	if n := s.Get("count"); n.Type == gjson.Number {
		st.Requests = n.Int()
	}
	for _, m := range artilleryStats {
		if v := s.Get(m.from); v.Type == gjson.Number && v.Float() >= 0 {
			st.Values = append(st.Values, StatedValue{m.to, v.Float()})
		}
	}
	state(a.sink, st)
}
