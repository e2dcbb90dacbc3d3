package main

import (
	"strconv"
	"time"
)

// The single-file shapes of the load testers' and the server's own logs.
const (
	shapeBigJTL    = "bigjtl"    // a JMeter JTL CSV results file
	shapeBigK6     = "bigk6"     // k6's JSON output (--out json)
	shapeBigAccess = "bigaccess" // an nginx combined access log with $request_time
)

// Format names in truth.json of those shapes, as errpat names the parsers.
const (
	fmtJTLCSV = "jtl-csv"
	fmtK6     = "k6"
	fmtAccess = "access-log"
)

// Mean bytes per request of each shape, to plan the span of a file.
const (
	estJTLBytes    = 190
	estK6Bytes     = 3300
	estAccessBytes = 150
	maxLoadRecord  = 8 << 10 // longer than any request's lines
)

// loadReq is one simulated request of the load-test and access-log shapes,
// drawn as the JSON-lines records are.
type loadReq struct {
	ep     *jsonlEndpoint
	path   string // "/trunks/TR…/suffix"
	status int    // 0: no response
	net    netKind
	ms     int64
}

func (g *gen) drawLoadReq(t int64) loadReq {
	r := g.rng
	q := loadReq{ep: &jsonlEndpoints[r.IntN(len(jsonlEndpoints))]}
	v := g.model.draw(r, t, q.ep.class, 0)
	q.status, q.net = q.ep.ok, v.Net
	switch {
	case v.Net == netTimeout:
		q.status, q.ms = 0, timeoutUS/usPerMs+r.Int64N(50)
	case v.Net == netRefused:
		q.status, q.ms = 0, 1+r.Int64N(5)
	default:
		q.ms = max(1, latency(r, isPeak(t))/usPerMs)
		if v.Status != 0 {
			q.status = v.Status
		}
	}
	q.path = "/trunks"
	if q.ep.suffix != "" {
		q.path += "/" + newID(r, "TR") + q.ep.suffix
	}
	return q
}

func (q *loadReq) failed() bool { return q.status == 0 || q.status >= 400 }

// jtlHeader is the header line JMeter 5 writes with its default columns.
const jtlHeader = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n"

// appendJTLRow appends the row JMeter writes for q, ending at t: its stamp
// is the start (sampleresult.timestamp.start=true).
func (g *gen) appendJTLRow(b []byte, t int64, q *loadReq) []byte {
	b = strconv.AppendInt(b, t/usPerMs-q.ms, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, q.ms, 10)
	b = append(b, ',')
	b = append(b, q.ep.method...)
	b = append(b, ' ')
	b = append(b, q.ep.folded...)
	switch q.net {
	case netTimeout:
		b = append(b, ",Non HTTP response code: java.net.SocketTimeoutException,Non HTTP response message: Read timed out"...)
	case netRefused:
		b = append(b, ",Non HTTP response code: org.apache.http.conn.HttpHostConnectException,Non HTTP response message: Connect to api.example.test:443 [api.example.test/127.0.0.1] failed: Connection refused"...)
	default:
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(q.status), 10)
		b = append(b, ',')
		b = append(b, reasonPhrase(q.status)...)
	}
	b = append(b, ",Trunk API 1-"...)
	b = strconv.AppendInt(b, 1+t%8, 10)
	b = append(b, ",text,"...)
	switch {
	case !q.failed():
		b = append(b, "true,"...)
	case q.net != netNone:
		b = append(b, "false,"...)
	case t%4 == 0: // a Response Assertion's message, quoted for its comma
		b = append(b, `false,"Test failed: code expected to contain /`...)
		b = strconv.AppendInt(b, int64(q.ep.ok), 10)
		b = append(b, `/, got `...)
		b = strconv.AppendInt(b, int64(q.status), 10)
		b = append(b, '"')
	default:
		b = append(b, "false,Test failed: code expected to contain /"...)
		b = strconv.AppendInt(b, int64(q.ep.ok), 10)
		b = append(b, '/')
	}
	b = append(b, ',')
	b = strconv.AppendInt(b, 180+t%700, 10)
	b = append(b, ",160,8,8,https://api.example.test"...)
	b = append(b, q.path...)
	b = append(b, ',')
	b = strconv.AppendInt(b, q.ms*9/10, 10)
	b = append(b, ",0,"...)
	b = strconv.AppendInt(b, q.ms/20, 10)
	return append(b, '\n')
}

// k6Writer writes k6's JSON output: a Metric line the first time a metric
// is seen, then its Point lines (k6 0.40 and later layout).
type k6Writer struct {
	seen map[string]bool
	iter int
}

// k6HTTPMetrics are the points k6 writes per request, in its order
// (Trail.SaveSamples, then http_req_failed), with their metric types.
var k6HTTPMetrics = [...]struct{ name, typ, contains string }{
	{"http_reqs", "counter", "default"},
	{"http_req_duration", "trend", "time"},
	{"http_req_blocked", "trend", "time"},
	{"http_req_connecting", "trend", "time"},
	{"http_req_tls_handshaking", "trend", "time"},
	{"http_req_sending", "trend", "time"},
	{"http_req_waiting", "trend", "time"},
	{"http_req_receiving", "trend", "time"},
	{"http_req_failed", "rate", "default"},
}

func (k *k6Writer) metric(b []byte, name, typ, contains string) []byte {
	if k.seen[name] {
		return b
	}
	k.seen[name] = true
	b = append(b, `{"type":"Metric","data":{"name":"`...)
	b = append(b, name...)
	b = append(b, `","type":"`...)
	b = append(b, typ...)
	b = append(b, `","contains":"`...)
	b = append(b, contains...)
	b = append(b, `","thresholds":[],"submetrics":null},"metric":"`...)
	b = append(b, name...)
	return append(b, "\"}\n"...)
}

func (k *k6Writer) point(b []byte, name string, stamp, value, tags []byte) []byte {
	b = append(b, `{"metric":"`...)
	b = append(b, name...)
	b = append(b, `","type":"Point","data":{"time":"`...)
	b = append(b, stamp...)
	b = append(b, `","value":`...)
	b = append(b, value...)
	b = append(b, `,"tags":`...)
	b = append(b, tags...)
	return append(b, "}}\n"...)
}

// appendK6Request appends the points k6 writes for q, ending at t, and
// every fourth request the points of the iteration around it.
func (g *gen) appendK6Request(b []byte, k *k6Writer, t int64, q *loadReq) []byte {
	stamp := g.clk.appendISOSec(nil, t)
	stamp = append(stamp, '.')
	stamp = appendFrac(stamp, t, 6)
	stamp = append(stamp, 'Z')
	tags := k6Tags(q)
	var val []byte
	for i, m := range k6HTTPMetrics {
		val = val[:0]
		switch i {
		case 0:
			val = append(val, '1')
		case 1:
			// within the millisecond below ms, so that over 2 s means ms > 2000
			val = strconv.AppendFloat(val, float64(q.ms)-float64(t%1000)/1000, 'f', -1, 64)
		case 6:
			val = strconv.AppendFloat(val, float64(q.ms)*0.9, 'f', -1, 64)
		case 8:
			val = append(val, '0')
			if q.failed() {
				val[0] = '1'
			}
		default:
			val = append(val, '0')
		}
		b = k.metric(b, m.name, m.typ, m.contains)
		b = k.point(b, m.name, stamp, val, tags)
	}
	b = k.metric(b, "checks", "rate", "default")
	check := []byte(`{"check":"status is expected","group":"","scenario":"default"}`)
	ok := []byte("1")
	if q.failed() {
		ok = []byte("0")
	}
	b = k.point(b, "checks", stamp, ok, check)
	if k.iter++; k.iter%4 == 0 {
		iterTags := []byte(`{"group":"","scenario":"default"}`)
		for _, m := range [...]struct{ name, typ, contains, value string }{
			{"data_sent", "counter", "data", "640"}, {"data_received", "counter", "data", "2920"},
			{"iteration_duration", "trend", "time", "1012.5"}, {"iterations", "counter", "default", "1"},
		} {
			b = k.metric(b, m.name, m.typ, m.contains)
			b = k.point(b, m.name, stamp, []byte(m.value), iterTags)
		}
	}
	return b
}

// k6Tags are a request's system tags, sorted by name as k6 writes them.
func k6Tags(q *loadReq) []byte {
	url := "https://api.example.test" + q.path
	b := []byte{'{'}
	if q.net != netNone {
		b = append(b, `"error":"`...)
		if q.net == netTimeout {
			b = append(b, `request timeout","error_code":"1050",`...)
		} else {
			b = append(b, `dial tcp 127.0.0.1:443: connect: connection refused","error_code":"1212",`...)
		}
	} else if q.status >= 400 {
		b = append(b, `"error_code":"`...)
		b = strconv.AppendInt(b, 1000+int64(q.status), 10)
		b = append(b, `",`...)
	}
	b = append(b, `"expected_response":"`...)
	b = strconv.AppendBool(b, !q.failed())
	b = append(b, `","group":"","method":"`...)
	b = append(b, q.ep.method...)
	b = append(b, `","name":"`...)
	b = append(b, url...)
	if q.net == netNone {
		b = append(b, `","proto":"HTTP/1.1`...)
	}
	b = append(b, `","scenario":"default","status":"`...)
	b = strconv.AppendInt(b, int64(q.status), 10)
	if q.net == netNone {
		b = append(b, `","tls_version":"tls1.3`...)
	}
	b = append(b, `","url":"`...)
	b = append(b, url...)
	return append(b, `"}`...)
}

// appendAccessLine appends the line nginx's combined format with
// $request_time at the end writes for q. The server never sees a refused
// connection (ok false); a client timeout is its upstream's 504.
func (g *gen) appendAccessLine(b []byte, t int64, q *loadReq) ([]byte, bool) {
	if q.net == netRefused {
		return b, false
	}
	status := q.status
	if q.net == netTimeout {
		status = 504
	}
	b = append(b, "10.0.0."...)
	b = strconv.AppendInt(b, 10+t%40, 10)
	b = append(b, " - - ["...)
	b = appendCLFTime(b, t)
	b = append(b, "] \""...)
	b = append(b, q.ep.method...)
	b = append(b, ' ')
	b = append(b, q.path...)
	b = append(b, " HTTP/1.1\" "...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, 120+t%900, 10)
	b = append(b, ` "-" "python-requests/2.31.0" `...)
	b = strconv.AppendInt(b, q.ms/1000, 10)
	b = append(b, '.')
	ms := q.ms % 1000
	b = append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	return append(b, '\n'), true
}

var clfMonths = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// appendCLFTime appends "13/Jan/2025:04:00:00 +0000" of t (simulated time is UTC).
func appendCLFTime(b []byte, t int64) []byte {
	y, m, d := time.Unix(floorDiv(t, usPerSec), 0).UTC().Date()
	b = append(b, twoDigits[d][:]...)
	b = append(b, '/')
	b = append(b, clfMonths[m-1]...)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, ':')
	b = appendHMS(b, t, ':')
	return append(b, " +0000"...)
}

// reasonPhrase is the reason phrase of the statuses the model draws.
func reasonPhrase(status int) string {
	switch status {
	case 200:
		return "OK"
	case 201:
		return "Created"
	case 204:
		return "No Content"
	case 400:
		return "Bad Request"
	case 401:
		return "Unauthorized"
	case 403:
		return "Forbidden"
	case 404:
		return "Not Found"
	case 409:
		return "Conflict"
	case 422:
		return "Unprocessable Entity"
	case 429:
		return "Too Many Requests"
	case 500:
		return "Internal Server Error"
	case 502:
		return "Bad Gateway"
	case 503:
		return "Service Unavailable"
	case 504:
		return "Gateway Timeout"
	}
	return "Unknown"
}

// bigLoad writes one file of a load-test or access-log shape of the
// requested size, counting each request it writes in the truth.
func (g *gen) bigLoad() error {
	var name, format string
	var head []byte
	switch g.cfg.Shape {
	case shapeBigJTL:
		name, format, head = "logs/jmeter/results.jtl", fmtJTLCSV, []byte(jtlHeader)
	case shapeBigK6:
		name, format = "logs/k6/results.json", fmtK6
	default:
		name, format = "logs/nginx/access.log", fmtAccess
	}
	f, err := g.createBig(name, format)
	if err != nil {
		return err
	}
	k := &k6Writer{seen: map[string]bool{}}
	buf := append(make([]byte, 0, 64<<10), head...)
	t := g.start
	for f.n+int64(len(buf))+maxLoadRecord <= g.cfg.Size {
		t += 1 + int64(g.rng.ExpFloat64()*float64(g.gap))
		q := g.drawLoadReq(t)
		written := true
		switch g.cfg.Shape {
		case shapeBigJTL:
			buf = g.appendJTLRow(buf, t, &q)
		case shapeBigK6:
			buf = g.appendK6Request(buf, k, t, &q)
		default:
			buf, written = g.appendAccessLine(buf, t, &q)
		}
		if written {
			g.recordLoad(format, t, &q)
		}
		if len(buf) >= cap(buf)-maxLoadRecord {
			if err := f.write(buf); err != nil {
				_ = f.close(g.truth)
				return err
			}
			buf = buf[:0]
		}
	}
	if err := f.write(buf); err != nil {
		_ = f.close(g.truth)
		return err
	}
	return f.close(g.truth)
}

// recordLoad counts a written request as its file tells it: the access
// log's 504 for a client timeout.
func (g *gen) recordLoad(format string, t int64, q *loadReq) {
	status := q.status
	if format == fmtAccess && q.net == netTimeout {
		status = 504
	}
	g.truth.record(format, q.ep.folded, status, q.net, status == 0 || status >= 400, q.ms > 2000, t, true)
}
