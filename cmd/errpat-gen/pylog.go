package main

import (
	"strconv"
	"strings"
)

// testDef is one of the eleven requests the Python test client makes.
type testDef struct {
	Name   string // as logged: "Create Trunk"
	Key    string // as in the results file: "create_trunk"
	Method string
	Suffix string // path after /trunks/<sid>; empty for create
	Folded string // endpoint with ids folded to {id}
	Class  reqClass
	OK     int    // success status
	Note   string // what a successful GET logs it retrieved, if anything
}

// apiTests are the client's requests, in the order it makes them.
var apiTests = []testDef{
	{"Create Trunk", "create_trunk", "POST", "", "/trunks", classCreate, 201, ""},
	{"Map DID", "map_did", "POST", "/phone-numbers", "/trunks/{id}/phone-numbers", classValidate, 201, ""},
	{"Whitelist IP", "whitelist_ip", "POST", "/whitelisted-ips", "/trunks/{id}/whitelisted-ips", classValidate, 201, ""},
	{"Add UDP Destination", "add_destination_udp", "POST", "/destination-uris", "/trunks/{id}/destination-uris", classPlain, 201, ""},
	{"Add TCP Destination", "add_destination_tcp", "POST", "/destination-uris", "/trunks/{id}/destination-uris", classPlain, 201, ""},
	{"Add TLS Destination", "add_destination_tls", "POST", "/destination-uris", "/trunks/{id}/destination-uris", classPlain, 201, ""},
	{"Set Trunk Alias", "set_trunk_alias", "POST", "/settings", "/trunks/{id}/settings", classPlain, 201, ""},
	{"GET Destination URIs", "get_destination_uris", "GET", "/destination-uris", "/trunks/{id}/destination-uris", classPlain, 200, "destination URI"},
	{"GET Whitelisted IPs", "get_whitelisted_ips", "GET", "/whitelisted-ips", "/trunks/{id}/whitelisted-ips", classPlain, 200, "whitelisted IP"},
	{"GET Credentials", "get_credentials", "GET", "/credentials", "/trunks/{id}/credentials", classPlain, 200, ""},
	{"GET Phone Numbers", "get_phone_numbers", "GET", "/phone-numbers", "/trunks/{id}/phone-numbers", classPlain, 200, "phone number"},
}

// Run-level events.
const (
	pAuthRun     = 0.02  // the whole run gets 401
	pNotFoundRun = 0.03  // the new trunk vanishes: everything after create is 404
	pDownRun     = 0.005 // the server is down: every request is refused
	pCrashRun    = 0.02  // the client crashes with a traceback
	pSkipAlias   = 0.03  // EXOPHONE unset: the alias test is skipped
	pVerboseRun  = 0.02  // run with -v: DEBUG payloads and responses
	pNoPhoneSID  = 0.25  // after a failed create: GET phone numbers is refused by the client
	pNote        = 0.3   // a successful GET logs what it retrieved
	fallbackSID  = "TR0BADSID"
	logDir       = "/home/qa/vsip/tests/../logs/"
)

type runKind uint8

const (
	runNormal runKind = iota
	runAuth
	runNotFound
	runDown
)

// request is one request of an api_test run, as its log and results file
// record it.
type request struct {
	def      *testDef
	endpoint string
	start    int64
	end      int64
	status   int // 0 when no HTTP response arrived
	net      netKind
	body     jnode // error body when status >= 400
	sid      string
}

func (q *request) ok() bool { return q.status >= 200 && q.status < 300 }

// slow reports whether the request's two log lines are more than 2 s apart.
func (q *request) slow() bool {
	return floorDiv(q.end, usPerMs)-floorDiv(q.start, usPerMs) > 2000
}

// apiRun is one execution of the test client.
type apiRun struct {
	start, end int64 // first and last logged instant
	crashed    bool
	reqs       []request
	passed     int
}

// Traceback bodies for crashed runs; %s is replaced by the test method.
var tracebacks = [][]string{
	{
		"Traceback (most recent call last):",
		"  File \"/home/qa/vsip/tests/test_all_apis.py\", line 412, in <module>",
		"    main()",
		"  File \"/home/qa/vsip/tests/test_all_apis.py\", line 398, in main",
		"    tester.run_all_tests()",
		"  File \"/home/qa/vsip/tests/test_all_apis.py\", line 352, in run_all_tests",
		"    self.%s()",
		"  File \"/home/qa/vsip/tests/test_all_apis.py\", line 315, in make_get_request",
		"    return json.loads(body)",
		"  File \"/usr/lib/python3.11/json/__init__.py\", line 346, in loads",
		"    return _default_decoder.decode(s)",
		"json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
	},
	{
		"Traceback (most recent call last):",
		"  File \"/home/qa/vsip/tests/test_all_apis.py\", line 412, in <module>",
		"    main()",
		"  File \"/home/qa/vsip/tests/test_all_apis.py\", line 352, in run_all_tests",
		"    self.%s()",
		"  File \"/home/qa/vsip/tests/test_all_apis.py\", line 268, in make_request",
		"    body = response.read().decode('utf-8')",
		"ConnectionResetError: [Errno 104] Connection reset by peer",
	},
	{
		"Traceback (most recent call last):",
		"  File \"/home/qa/vsip/tests/test_all_apis.py\", line 352, in run_all_tests",
		"    self.%s()",
		"KeyboardInterrupt",
	},
}

// logLine starts a log line at t with the given level and returns the buffer.
func (g *gen) logLine(t int64, level string) {
	g.log = g.clk.appendLogTime(g.log, t)
	g.log = append(g.log, " - "...)
	g.log = append(g.log, level...)
	g.log = append(g.log, " - "...)
}

// logBody appends a label and a JSON body on the lines that follow.
func (g *gen) logBody(t int64, level, label string, body jnode) {
	g.logLine(t, level)
	g.log = append(g.log, label...)
	g.log = appendPretty(g.log, body, 0)
	g.log = append(g.log, '\n')
}

// simulateRun simulates one client run starting at t0: it appends the
// run's log to g.log and returns its requests.
func (g *gen) simulateRun(t0 int64) *apiRun {
	r := g.rng
	run := &g.run
	run.start, run.crashed, run.reqs, run.passed = t0, false, run.reqs[:0], 0

	kind := runNormal
	switch u := r.Float64(); {
	case u < pAuthRun:
		kind = runAuth
	case u < pAuthRun+pNotFoundRun:
		kind = runNotFound
	case u < pAuthRun+pNotFoundRun+pDownRun:
		kind = runDown
	}
	crash := r.Float64() < pCrashRun
	crashAfter := 1 + r.IntN(len(apiTests)-1)
	skipAlias := r.Float64() < pSkipAlias
	verbose := r.Float64() < pVerboseRun
	sid := newID(r, "TR")
	noPhoneSID := false

	g.logLine(t0, "INFO")
	g.log = append(g.log, "Starting API tests - Log file: "+logDir+"api_test_"...)
	g.log = g.clk.appendStamp(g.log, t0)
	g.log = append(g.log, ".log\n"...)
	g.logLine(t0, "INFO")
	g.log = append(g.log, "🚀 Starting comprehensive API test suite\n"...)

	t := t0 + 5*usPerMs + r.Int64N(35*usPerMs)
	last := t0
	for i := range apiTests {
		def := &apiTests[i]
		if crash && len(run.reqs) == crashAfter {
			break
		}
		if def.Key == "set_trunk_alias" && skipAlias {
			g.logLine(t, "WARNING")
			g.log = append(g.log, "EXOPHONE not set, skipping trunk alias test\n"...)
			last, t = t, t+r.Int64N(2*usPerMs)
			continue
		}
		if def.Key == "get_phone_numbers" && noPhoneSID {
			g.logLine(t, "ERROR")
			g.log = append(g.log, "❌ TRUNK_SID required for GET phone numbers test\n"...)
			last, t = t, t+r.Int64N(2*usPerMs)
			continue
		}
		q := g.simulateRequest(def, kind, sid, t, verbose)
		run.reqs = append(run.reqs, q)
		if q.ok() {
			run.passed++
		}
		last = q.end
		if def.Key == "create_trunk" && !q.ok() {
			g.logLine(q.end, "WARNING")
			g.log = append(g.log, "Using fallback TRUNK_SID: "+fallbackSID+"\n"...)
			sid = fallbackSID
			noPhoneSID = r.Float64() < pNoPhoneSID
		}
		t = q.end + 3*usPerMs + r.Int64N(40*usPerMs)
	}
	if crash {
		run.crashed = true
		g.appendTraceback(len(run.reqs))
		run.end = last
		return run
	}
	end := last + 20 + r.Int64N(60)
	n := len(run.reqs)
	g.logLine(end, "INFO")
	g.log = append(g.log, "📊 Test Summary: "...)
	g.log = strconv.AppendInt(g.log, int64(run.passed), 10)
	g.log = append(g.log, '/')
	g.log = strconv.AppendInt(g.log, int64(n), 10)
	g.log = append(g.log, " passed ("...)
	g.log = append(g.log, pctOneDecimal(run.passed, n)...)
	g.log = append(g.log, "%)\n"...)
	g.logLine(end, "INFO")
	g.log = append(g.log, "📁 Detailed results saved to: "+logDir+"test_results_"...)
	g.log = g.clk.appendStamp(g.log, end)
	g.log = append(g.log, ".json\n"...)
	run.end = end
	return run
}

// appendTraceback ends a crashed run's log with a Python traceback.
func (g *gen) appendTraceback(done int) {
	tb := tracebacks[g.rng.IntN(len(tracebacks))]
	method := "test_" + apiTests[min(done, len(apiTests)-1)].Key
	for _, l := range tb {
		g.log = append(g.log, strings.Replace(l, "%s", method, 1)...)
		g.log = append(g.log, '\n')
	}
}

// simulateRequest sends one request at t and logs it.
func (g *gen) simulateRequest(def *testDef, kind runKind, sid string, t int64, verbose bool) request {
	r := g.rng
	q := request{def: def, start: t, sid: sid, endpoint: "/trunks"}
	if def.Suffix != "" {
		q.endpoint = "/trunks/" + sid + def.Suffix
	}
	g.logLine(t, "INFO")
	g.log = append(g.log, "Testing "...)
	g.log = append(g.log, def.Name...)
	g.log = append(g.log, ": "...)
	g.log = append(g.log, q.endpoint...)
	g.log = append(g.log, '\n')
	if verbose && def.Method == "POST" {
		g.logBody(t, "DEBUG", "Payload: ", payload(r, def.Key))
	}

	var v verdict
	switch {
	case kind == runDown:
		v = verdict{Net: netRefused}
	case g.model.inBurst(t):
		v = verdict{Net: netTimeout}
	case kind == runAuth:
		v = verdict{Status: 401}
	case kind == runNotFound && def.Key != "create_trunk":
		v = verdict{Status: 404}
	default:
		v = g.model.draw(r, t, def.Class, 0)
	}

	switch v.Net {
	case netTimeout:
		q.end = t + timeoutUS + r.Int64N(50*usPerMs)
	case netRefused:
		q.end = t + 20*usPerMs + r.Int64N(20*usPerMs)
	default:
		q.end = t + latency(r, isPeak(t))
	}
	q.net = v.Net
	switch {
	case v.Net != netNone:
		q.status = 0
	case v.Status != 0:
		q.status = v.Status
		q.body = errorBody(r, &g.clk, v.Status, def.Key, sid, q.end)
	default:
		q.status = def.OK
	}
	g.logOutcome(&q, verbose)
	return q
}

// logOutcome logs how the request ended.
func (g *gen) logOutcome(q *request, verbose bool) {
	def := q.def
	switch {
	case q.net != netNone:
		g.logLine(q.end, "ERROR")
		g.log = append(g.log, "❌ "...)
		g.log = append(g.log, def.Name...)
		g.log = append(g.log, netMessage(def.Method, q.net, false)...)
		g.log = append(g.log, '\n')
	case q.ok():
		g.logLine(q.end, "INFO")
		g.log = append(g.log, "✅ "...)
		g.log = append(g.log, def.Name...)
		g.log = append(g.log, " - Status: "...)
		g.log = strconv.AppendInt(g.log, int64(q.status), 10)
		g.log = append(g.log, '\n')
		if verbose {
			g.logBody(q.end, "DEBUG", "Response: ", verboseResponse(g.rng, &g.clk, def.Key, q.sid, q.end))
		}
		if def.Note != "" && g.rng.Float64() < pNote {
			g.logLine(q.end, "INFO")
			g.log = append(g.log, "✅ Retrieved "...)
			g.log = strconv.AppendInt(g.log, int64(1+g.rng.IntN(5)), 10)
			g.log = append(g.log, ' ')
			g.log = append(g.log, def.Note...)
			g.log = append(g.log, "(s)\n"...)
		}
	default:
		g.logLine(q.end, "ERROR")
		g.log = append(g.log, "❌ "...)
		g.log = append(g.log, def.Name...)
		g.log = append(g.log, " - HTTP "...)
		g.log = strconv.AppendInt(g.log, int64(q.status), 10)
		g.log = append(g.log, ": "...)
		g.log = append(g.log, reasons[q.status]...)
		g.log = append(g.log, '\n')
		label := "Error details: "
		if def.Method == "GET" {
			label = "Error response: "
		}
		g.logBody(q.end, "ERROR", label, q.body)
	}
}

// netMessage is what the client writes about a request that got no HTTP
// response: in the log line after the name, or (results) as the error.
func netMessage(method string, n netKind, results bool) string {
	reason := "[Errno 111] Connection refused"
	if n == netTimeout {
		reason = "timed out"
	}
	if method == "GET" {
		if results {
			return "<urlopen error " + reason + ">"
		}
		return " - Exception: <urlopen error " + reason + ">"
	}
	if results {
		return reason
	}
	return " - Network error: " + reason
}

// resultsDoc builds the results file of a completed run.
func (g *gen) resultsDoc(run *apiRun) jnode {
	entries := make([]jnode, len(run.reqs))
	for i := range run.reqs {
		entries[i] = g.resultEntry(&run.reqs[i])
	}
	n := len(run.reqs)
	return obj(
		kv("total_tests", num(int64(n))),
		kv("successful_tests", num(int64(run.passed))),
		kv("failed_tests", num(int64(n-run.passed))),
		kv("skipped_tests", num(0)),
		kv("success_rate", flt(float64(run.passed)/float64(n)*100)),
		kv("test_results", arr(entries...)),
		kv("timestamp", str(string(g.clk.appendISO(nil, run.end)))),
	)
}

var jsonHeaders = obj(kv("Content-Type", str("application/json")))

// resultEntry is one request in the results file.
func (g *gen) resultEntry(q *request) jnode {
	var result jnode
	switch {
	case q.net != netNone && q.def.Method == "GET":
		result = obj(
			kv("error", str(netMessage("GET", q.net, true))),
			kv("type", str("URLError")),
		)
	case q.net != netNone:
		result = obj(
			kv("error", str("Network error")),
			kv("details", str(netMessage("POST", q.net, true))),
		)
	case q.ok():
		result = obj(
			kv("status_code", num(int64(q.status))),
			kv("response", successBody(q.sid)),
			kv("headers", jsonHeaders),
		)
	default:
		headers := jsonHeaders
		if q.status == 429 {
			headers = obj(kv("Content-Type", str("application/json")), kv("Retry-After", str("60")))
		}
		result = obj(
			kv("status_code", num(int64(q.status))),
			kv("error", str(reasons[q.status])),
			kv("details", str(compactString(q.body))),
			kv("headers", headers),
		)
	}
	return obj(
		kv("test_name", str(q.def.Key)),
		kv("endpoint", str(q.endpoint)),
		kv("method", str(q.def.Method)),
		kv("success", boolj(q.ok())),
		kv("result", result),
		kv("timestamp", str(string(g.clk.appendISO(nil, q.end)))),
	)
}
