package main

import "math/rand/v2"

// Load tester parameters.
const (
	loadRequests = 200  // requests per load test
	loadExtra429 = 0.15 // rate limiting the load test brings on itself
	loadErrors   = 10   // failures repeated in analysis.errors
)

// loadEndpoint is a path the load tester hits, with its share of requests.
type loadEndpoint struct {
	suffix string // after /trunks/<id>; empty for /trunks
	folded string
	weight int
}

var loadEndpoints = []loadEndpoint{
	{"", "/trunks", 15},
	{"/destination-uris", "/trunks/{id}/destination-uris", 45},
	{"/whitelisted-ips", "/trunks/{id}/whitelisted-ips", 16},
	{"/phone-numbers", "/trunks/{id}/phone-numbers", 13},
	{"/settings", "/trunks/{id}/settings", 11},
}

func pickLoadEndpoint(r *rand.Rand) *loadEndpoint {
	n := r.IntN(100)
	for i := range loadEndpoints {
		if n < loadEndpoints[i].weight {
			return &loadEndpoints[i]
		}
		n -= loadEndpoints[i].weight
	}
	return &loadEndpoints[0]
}

// loadTest simulates one load test starting at t0 and returns its results
// file (naive UTC timestamps; UTC is the local zone here).
func (g *gen) loadTest(t0 int64) []byte {
	r := g.rng
	results := make([]jnode, 0, loadRequests)
	var errs []jnode
	t := t0
	for range loadRequests {
		ep := pickLoadEndpoint(r)
		path := "/trunks"
		if ep.suffix != "" {
			path = "/trunks/" + newID(r, "TR") + ep.suffix
		}
		v := g.model.draw(r, t, classPlain, loadExtra429)
		status, msg := 201, ""
		var secs float64
		switch {
		case v.Net == netTimeout:
			status, msg = 0, "Timeout"
			secs = float64(timeoutUS)/1e6 + r.Float64()*0.05
		case v.Net == netRefused:
			status, msg = 0, "Cannot connect to host"
			secs = 0.2 + r.Float64()*0.3
		default:
			secs = float64(latency(r, isPeak(t)))/1e6 + r.Float64()*1e-3
			if v.Status != 0 {
				status = v.Status
				msg = compactString(g.loadErrorBody(v.Status, t0, path))
			}
		}
		success := status >= 200 && status < 300
		ts := str(string(g.clk.appendISOMicro(nil, t)))
		results = append(results, obj(
			kv("endpoint", str(path)),
			kv("method", str("POST")),
			kv("status_code", num(int64(status))),
			kv("response_time", flt(secs)),
			kv("success", boolj(success)),
			kv("error_message", str(msg)),
			kv("timestamp", ts),
		))
		if !success && len(errs) < loadErrors {
			errs = append(errs, obj(
				kv("endpoint", str(path)),
				kv("status_code", num(int64(status))),
				kv("error_message", str(msg)),
				kv("timestamp", ts),
			))
		}
		g.truth.record(fmtLoad, ep.folded, status, v.Net, !success, secs > 2.0, t, true)
		t += (20 + r.Int64N(35)) * usPerMs // the tester stamps whole milliseconds
	}
	doc := obj(
		kv("test_config", obj(
			kv("base_url", str("https://api.in.exotel.com/v2/accounts/acme1")),
			kv("max_concurrent", num(10)),
			kv("timestamp", str(string(g.clk.appendISOSec(nil, t0)))),
		)),
		kv("results", arr(results...)),
		kv("analysis", obj(
			kv("summary", obj(kv("total_requests", num(loadRequests)))),
			kv("errors", arr(errs...)),
		)),
	)
	return appendPretty(nil, doc, 0)
}

// loadErrorBody is the body of a failed load-test request; the rate limit
// window the load tester sees starts with the test.
func (g *gen) loadErrorBody(status int, t0 int64, path string) jnode {
	if status == 429 {
		return rateLimitBody(&g.clk, floorDiv(t0, usPerSec)*usPerSec)
	}
	return errorBody(g.rng, &g.clk, status, "load", path, t0)
}
