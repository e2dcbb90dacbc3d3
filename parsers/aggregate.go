package parsers

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// FormatK6Summary is k6's end-of-test summary as JSON: the file
// --summary-export writes, or the data object handleSummary receives.
const FormatK6Summary = "k6-summary"

// maxAggregateCount bounds the requests one count of an aggregate file
// may stand for: past it the count is reported, not expanded.
const maxAggregateCount = 1 << 24

var k6SummaryFormat = &Format{
	Name:       FormatK6Summary,
	Doc:        `k6 end-of-test summary JSON (--summary-export, handleSummary): request and failure counts only`,
	Side:       SideLoad,
	Sniff:      sniffK6Summary,
	Parse:      parseK6Summary,
	Concurrent: true,
	Aggregate:  true,
	Summary:    true,
}

// sniffK6Summary tells a k6 summary by the two keys both of its layouts
// have at the top: metrics and root_group (the group tree of checks).
func sniffK6Summary(text []byte) bool {
	return objectWith(`"root_group"`)(text) && objectWith(`"metrics"`)(text)
}

// readAggregate reads a whole aggregate document (they are small: one
// object of counts), reporting one too large or not JSON.
func readAggregate(r io.Reader, source string, sink Sink, what string) (gjson.Result, bool, error) {
	b, err := readUpTo(nil, r, smallDoc)
	switch {
	case err == io.ErrShortBuffer:
		aggProblem(sink, Problem{Source: source, Err: fmt.Sprintf("%s larger than %d bytes: not read", what, smallDoc)})
		return gjson.Result{}, false, nil
	case err != nil:
		return gjson.Result{}, false, fmt.Errorf("read %s: %w", source, err)
	case !gjson.ValidBytes(b):
		aggProblem(sink, Problem{Source: source, Err: what + " is not valid JSON: not read"})
		return gjson.Result{}, false, nil
	}
	doc := gjson.ParseBytes(b)
	if !doc.IsObject() {
		aggProblem(sink, Problem{Source: source, Err: what + " is not a JSON object: not read"})
		return gjson.Result{}, false, nil
	}
	return doc, true, nil
}

// parseK6Summary reads a k6 summary. It holds no request, only counts:
// metrics.http_reqs's count, and http_req_failed's passes, which count
// the requests that failed (the rate's true values). The legacy
// --summary-export layout gives them on the metric ("count", "passes");
// handleSummary's data under "values". It gives neither endpoint, status
// nor time, so each request is a Record with StatusUnknown and no time.
// Without http_req_failed (k6 before 0.31) the verdicts are unknown: the
// requests are reported as a problem rather than counted as passing.
func parseK6Summary(r io.Reader, source string, _ Options, sink Sink) error {
	doc, ok, err := readAggregate(r, source, sink, "k6 summary")
	if !ok {
		return err
	}
	metric := func(name, field string) (int64, bool) {
		m := doc.Get("metrics").Get(gjson.Escape(name))
		v := m.Get(field)
		if !v.Exists() {
			v = m.Get("values").Get(field)
		}
		return v.Int(), v.Type == gjson.Number
	}
	k6Stated(doc.Get("metrics"), source, sink)
	total, ok := metric("http_reqs", "count")
	if !ok {
		return nil // a run without HTTP requests
	}
	failed, ok := metric("http_req_failed", "passes")
	if !ok {
		aggProblem(sink, Problem{Source: source, Err: fmt.Sprintf("k6 summary without http_req_failed: its %d requests' outcomes are unknown, not counted", total)})
		return nil
	}
	if failed < 0 || failed > total {
		aggProblem(sink, Problem{Source: source, Err: fmt.Sprintf("k6 summary counts %d failed of %d requests: not counted", failed, total)})
		return nil
	}
	base := Record{Source: source, Format: FormatK6Summary, Status: StatusUnknown}
	emitCount(source, sink, base, total-failed, "")
	base.Failed = true
	emitCount(source, sink, base, failed, "")
	return nil
}

// k6Stated hands on the latency a k6 summary states: http_req_duration's
// trend (avg, min, med, max and the summaryTrendStats percentiles, p(90)
// and p(95) by default), of the whole run, and of each sub-metric a
// threshold named ("http_req_duration{expected_response:true}"), whose
// tags stand for the endpoint.
func k6Stated(metrics gjson.Result, source string, sink Sink) {
	metrics.ForEach(func(k, m gjson.Result) bool {
		name := k.String()
		rest, ok := strings.CutPrefix(name, "http_req_duration")
		if !ok || rest != "" && (rest[0] != '{' || rest[len(rest)-1] != '}') {
			return true
		}
		st := Stated{Source: source, Format: FormatK6Summary, Endpoint: strings.TrimSuffix(strings.TrimPrefix(rest, "{"), "}"), Requests: -1}
		values := m.Get("values")
		if !values.IsObject() {
			values = m
		}
		values.ForEach(func(k, v gjson.Result) bool {
			if n, ok := k6StatName(k.String()); ok && v.Type == gjson.Number && v.Float() >= 0 {
				st.Values = append(st.Values, StatedValue{n, v.Float()})
			}
			return true
		})
		state(sink, st)
		return true
	})
}

// k6StatName names one of k6's trend statistics: "med" is the median,
// "p(99.9)" the percentile p99.9.
func k6StatName(s string) (string, bool) {
	switch s {
	case "avg", "min", "max":
		return s, true
	case "med":
		return "median", true
	}
	p, ok := strings.CutPrefix(s, "p(")
	if p, ok2 := strings.CutSuffix(p, ")"); ok && ok2 && p != "" {
		if v, err := strconv.ParseFloat(p, 64); err == nil && v > 0 && v <= 100 {
			return "p" + p, true
		}
	}
	return "", false
}

// emitCount sends n copies of base to sink, each a request that an
// aggregate file counted; a count past maxAggregateCount is a problem.
func emitCount(source string, sink Sink, base Record, n int64, what string) {
	if n <= 0 || sink.Record == nil {
		return
	}
	if n > maxAggregateCount {
		aggProblem(sink, Problem{Source: source, Err: fmt.Sprintf("count %d%s past %d: not counted", n, what, maxAggregateCount)})
		return
	}
	for range n {
		rec := base
		sink.Record(&rec)
	}
}

// aggProblem reports p when the sink takes problems.
func aggProblem(sink Sink, p Problem) {
	if sink.Problem != nil {
		sink.Problem(p)
	}
}
