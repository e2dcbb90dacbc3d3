package main

import (
	"math/rand/v2"
	"sort"
	"strconv"
)

// The failure model: what the simulated API answers at a given moment.
const (
	peakFrom = 9  // first hour of the daily peak band (local time)
	peakTo   = 18 // hour the peak band ends

	p500        = 0.03 // intermittent 500s, at any hour
	p429Peak    = 0.04 // rate limiting inside the peak band
	p503Peak    = 0.02
	p429OffPeak = 0.004
	p503OffPeak = 0.002
	pRefused    = 0.002 // connection refused, at any hour
	p400        = 0.015 // validation errors on the requests that carry input
	p403        = 0.005 // feature not enabled on create
	p422        = 0.005 // duplicate trunk name on create

	pSlow = 0.012 // share of requests slower than 2 s

	timeoutUS = 30 * usPerSec // client timeout
)

// netKind says how a request failed to get an HTTP response.
type netKind uint8

const (
	netNone    netKind = iota // an HTTP response arrived
	netRefused                // [Errno 111] Connection refused
	netTimeout                // timed out
)

// verdict is the model's answer to one request: an HTTP status, or a
// network failure with Status 0. Status is 0 and Net netNone for success;
// the caller then uses the request's own success status.
type verdict struct {
	Status int
	Net    netKind
}

// reqClass selects the client errors a request can meet.
type reqClass uint8

const (
	classPlain    reqClass = iota // no client errors of its own
	classCreate                   // 403, 422, 400 on create
	classValidate                 // 400 on bad input
)

// window is a half-open span of simulated time [From, To).
type window struct{ From, To int64 }

// model holds the time-dependent parts of the failure model.
type model struct {
	bursts []window // timeout bursts, sorted, disjoint
}

// newModel places timeout bursts of 5-15 whole minutes over the span
// [start, start+days), about three for every four days, at least one.
func newModel(r *rand.Rand, start int64, days int) *model {
	n := max(1, (days*3+2)/4)
	spanMin := int64(days) * 1440
	ws := make([]window, 0, n)
	for range n {
		from := start + r.Int64N(spanMin-16)*usPerMin
		to := from + int64(5+r.IntN(11))*usPerMin
		ws = append(ws, window{from, to})
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].From < ws[j].From })
	merged := ws[:0]
	for _, w := range ws {
		if k := len(merged); k > 0 && w.From <= merged[k-1].To {
			merged[k-1].To = max(merged[k-1].To, w.To)
			continue
		}
		merged = append(merged, w)
	}
	return &model{bursts: merged}
}

// inBurst reports whether t falls inside a timeout burst.
func (m *model) inBurst(t int64) bool {
	i := sort.Search(len(m.bursts), func(i int) bool { return m.bursts[i].To > t })
	return i < len(m.bursts) && m.bursts[i].From <= t
}

// isPeak reports whether t falls in the daily peak band.
func isPeak(t int64) bool {
	h := floorDiv(t, usPerSec) % 86400 / 3600
	return h >= peakFrom && h < peakTo
}

// draw decides the outcome of a request sent at t. extra429 adds rate
// limiting on top of the model (the load tester brings its own).
func (m *model) draw(r *rand.Rand, t int64, class reqClass, extra429 float64) verdict {
	if m.inBurst(t) {
		return verdict{Net: netTimeout}
	}
	p429, p503 := p429OffPeak, p503OffPeak
	if isPeak(t) {
		p429, p503 = p429Peak, p503Peak
	}
	u := r.Float64()
	steps := [...]struct {
		p float64
		v verdict
	}{
		{p500, verdict{Status: 500}},
		{p429 + extra429, verdict{Status: 429}},
		{p503, verdict{Status: 503}},
		{pRefused, verdict{Net: netRefused}},
	}
	for _, s := range steps {
		if u < s.p {
			return s.v
		}
		u -= s.p
	}
	switch class {
	case classCreate:
		switch {
		case u < p403:
			return verdict{Status: 403}
		case u < p403+p422:
			return verdict{Status: 422}
		case u < p403+p422+p400/3:
			return verdict{Status: 400}
		}
	case classValidate:
		if u < p400 {
			return verdict{Status: 400}
		}
	}
	return verdict{}
}

// latency draws a response time in microseconds: mostly tens to hundreds of
// milliseconds, with a thin tail past two seconds; slower at peak hours.
func latency(r *rand.Rand, peak bool) int64 {
	if r.Float64() < pSlow {
		return 2050*usPerMs + r.Int64N(1800*usPerMs)
	}
	ms := 40 + r.ExpFloat64()*220
	if peak {
		ms *= 1.25
	}
	ms = min(ms, 1900)
	return int64(ms * 1000)
}

// reasons maps the statuses the model produces to their reason phrases.
var reasons = map[int]string{
	200: "OK",
	201: "Created",
	204: "No Content",
	400: "Bad Request",
	401: "Unauthorized",
	403: "Forbidden",
	404: "Not Found",
	422: "Unprocessable Entity",
	429: "Too Many Requests",
	500: "Internal Server Error",
	503: "Service Unavailable",
}

// statusKey is the by_status key of a status: its decimal code, "0" for no
// response.
func statusKey(status int) string {
	if s, ok := statusKeys[status]; ok {
		return s
	}
	return strconv.Itoa(status)
}

var statusKeys = func() map[int]string {
	m := map[int]string{0: "0"}
	for k := range reasons {
		m[k] = strconv.Itoa(k)
	}
	return m
}()

// newID returns an id of the API's shape: a prefix and eight upper-case hex
// digits, at least one of them a decimal digit so that no id reads as a word.
func newID(r *rand.Rand, prefix string) string {
	b := make([]byte, 0, len(prefix)+8)
	b = append(b, prefix...)
	v := r.Uint32()
	digit := false
	for i := 28; i >= 0; i -= 4 {
		d := v >> uint(i) & 15
		digit = digit || d < 10
		b = append(b, hexDigits[d])
	}
	if !digit {
		b[len(prefix)+int(v%8)] = hexDigits[v>>8%10]
	}
	return string(b)
}

// reqID returns "req_" and six lower-case hex digits.
func reqID(r *rand.Rand) string {
	const lower = "0123456789abcdef"
	v := r.Uint32()
	b := []byte("req_000000")
	for i := 0; i < 6; i++ {
		b[4+i] = lower[v>>(uint(i)*4)&15]
	}
	return string(b)
}
