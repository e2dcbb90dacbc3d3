package main

import "strconv"

// jsonlVariant selects the keys a JSON-lines writer uses.
type jsonlVariant uint8

const (
	// jsonlStandard: {"timestamp", "endpoint", "response_time" (s), "status_code"}.
	jsonlStandard jsonlVariant = iota
	// jsonlDurationMs: {"timestamp", "method", "endpoint", "statusCode", "duration_ms"}.
	jsonlDurationMs
	// jsonlResponseTimeMs: {"timestamp", "endpoint", "statusCode", "responseTime" (ms)}.
	jsonlResponseTimeMs
)

// jsonlEndpoint is a request shape the JSON-lines files record.
type jsonlEndpoint struct {
	method string
	suffix string
	folded string
	class  reqClass
	ok     int
}

var jsonlEndpoints = func() []jsonlEndpoint {
	var eps []jsonlEndpoint
	seen := map[string]bool{}
	for _, d := range apiTests {
		k := d.Method + d.Folded
		if seen[k] {
			continue
		}
		seen[k] = true
		eps = append(eps, jsonlEndpoint{d.Method, d.Suffix, d.Folded, d.Class, d.OK})
	}
	return eps
}()

// appendJSONLRecord simulates one request at t, appends its line in the
// given variant to b and counts it.
func (g *gen) appendJSONLRecord(b []byte, t int64, variant jsonlVariant) []byte {
	r := g.rng
	ep := &jsonlEndpoints[r.IntN(len(jsonlEndpoints))]
	v := g.model.draw(r, t, ep.class, 0)
	status := ep.ok
	var ms int64
	switch {
	case v.Net == netTimeout:
		status, ms = 0, timeoutUS/usPerMs+r.Int64N(50)
	case v.Net == netRefused:
		status, ms = 0, 20+r.Int64N(20)
	default:
		ms = max(1, latency(r, isPeak(t))/usPerMs)
		if v.Status != 0 {
			status = v.Status
		}
	}
	b = append(b, `{"timestamp": "`...)
	b = g.clk.appendISOZ(b, t)
	b = append(b, '"', ',', ' ')
	if variant == jsonlDurationMs {
		b = append(b, `"method": "`...)
		b = append(b, ep.method...)
		b = append(b, '"', ',', ' ')
	}
	b = append(b, `"endpoint": "/trunks`...)
	if ep.suffix != "" {
		b = append(b, '/')
		b = append(b, newID(r, "TR")...)
		b = append(b, ep.suffix...)
	}
	b = append(b, '"', ',', ' ')
	switch variant {
	case jsonlStandard:
		b = append(b, `"response_time": `...)
		b = appendMsAsSeconds(b, ms)
		b = append(b, `, "status_code": `...)
		b = strconv.AppendInt(b, int64(status), 10)
	case jsonlDurationMs:
		b = append(b, `"statusCode": `...)
		b = strconv.AppendInt(b, int64(status), 10)
		b = append(b, `, "duration_ms": `...)
		b = strconv.AppendInt(b, ms, 10)
	case jsonlResponseTimeMs:
		b = append(b, `"statusCode": `...)
		b = strconv.AppendInt(b, int64(status), 10)
		b = append(b, `, "responseTime": `...)
		b = strconv.AppendInt(b, ms, 10)
	}
	b = append(b, '}', '\n')
	failed := status == 0 || status >= 400
	g.truth.record(fmtJSONL, ep.folded, status, v.Net, failed, ms > 2000, t, true)
	return b
}
