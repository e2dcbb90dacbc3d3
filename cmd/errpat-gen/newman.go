package main

import (
	"encoding/base64"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// The newman collection's test credentials: errpat must never print them.
const (
	newmanKey     = "key_0123456789abcdef"
	newmanToken   = "tok_fedcba9876543210"
	newmanHost    = "api.in.exotel.com"
	newmanPort    = "443"
	newmanAccount = "acme1"
	newmanPhoneID = "12345"
	newmanTimeout = 10000 // --timeout-request, ms
)

var newmanAuth = "Basic " + base64.StdEncoding.EncodeToString([]byte(newmanKey+":"+newmanToken))

// newmanItem is one request of the Postman collection.
type newmanItem struct {
	folder int
	name   string
	method string
	path   string // after /v2/accounts/<account>; {sid} and {phone} are replaced
	query  bool   // carries ?trunk_sid=
	class  reqClass
	ok     int
	desc   string
	body   string // raw request body, if any
}

var newmanFolders = []struct{ name, desc string }{
	{"1. GETTING STARTED (PSTN)", "Standard PSTN setup for making and receiving calls via telephone network."},
	{"2. STREAMKIT (Voice AI)", "Voice AI bot integration using StreamKit."},
	{"3. MANAGE & VIEW", "APIs for viewing configurations and managing your trunk."},
}

var newmanItems = []newmanItem{
	{0, "Step 1: Create Trunk", "POST", "/trunks", false, classCreate, 201, "Creates a new SIP trunk.", "{\n  \"trunk_name\": \"my_trunk\",\n  \"nso_code\": \"ANY-ANY\",\n  \"domain_name\": \"{{account_sid}}.pstn.exotel.com\"\n}"},
	{0, "Step 2: Map Phone Number to Trunk", "POST", "/trunks/{sid}/phone-numbers", false, classValidate, 201, "Maps a phone number (DID/ExoPhone) to the trunk.", "{\n  \"phone_number\": \"+919876543210\"\n}"},
	{0, "Step 3: Map ACL to Trunk (Whitelist IP)", "POST", "/trunks/{sid}/whitelisted-ips", false, classValidate, 201, "Whitelists the IP your PBX sends calls from.", "{\n  \"ip\": \"192.168.1.100\",\n  \"mask\": 32\n}"},
	{0, "Step 4: Map Destination URI to Trunk", "POST", "/trunks/{sid}/destination-uris", false, classPlain, 201, "Where inbound calls are delivered.", "{\n  \"destinations\": [\n    {\n      \"destination\": \"192.168.1.200:5060\"\n    }\n  ]\n}"},
	{1, "Step 1: Create Trunk", "POST", "/trunks", false, classCreate, 201, "Creates a new SIP trunk for StreamKit.", "{\n  \"trunk_name\": \"voice_ai_trunk\",\n  \"nso_code\": \"ANY-ANY\",\n  \"domain_name\": \"{{account_sid}}.pstn.exotel.com\"\n}"},
	{1, "Step 2: Map Phone Number (Flow Mode)", "POST", "/trunks/{sid}/phone-numbers", false, classValidate, 201, "Maps a phone number in flow mode.", "{\n  \"phone_number\": \"+919876543210\",\n  \"mode\": \"flow\"\n}"},
	{1, "Step 3: Map ACL to Trunk", "POST", "/trunks/{sid}/whitelisted-ips", false, classValidate, 201, "Whitelists the bot's IP.", "{\n  \"ip\": \"192.168.1.100\",\n  \"mask\": 32\n}"},
	{2, "Get Phone Numbers", "GET", "/trunks/{sid}/phone-numbers", false, classPlain, 200, "Lists all phone numbers mapped to the trunk.", ""},
	{2, "Get ACLs (Whitelisted IPs)", "GET", "/trunks/{sid}/whitelisted-ips", false, classPlain, 200, "Lists the whitelisted IPs of the trunk.", ""},
	{2, "Get Destination URIs", "GET", "/trunks/{sid}/destination-uris", false, classPlain, 200, "Lists the destination URIs of the trunk.", ""},
	{2, "Update Phone Number Mode", "PUT", "/trunks/{sid}/phone-numbers/{phone}", false, classPlain, 200, "Switches a phone number between pstn and flow mode.", "{\n  \"mode\": \"pstn\"\n}"},
	{2, "Set Trunk Alias (Caller ID)", "POST", "/trunks/{sid}/settings", false, classPlain, 201, "Sets the caller id shown for outbound calls.", "{\n  \"settings\": [\n    {\n      \"name\": \"trunk_external_alias\",\n      \"value\": \"+918047112234\"\n    }\n  ]\n}"},
	{2, "Delete Trunk", "DELETE", "/trunks", true, classPlain, 204, "Deletes the trunk.", ""},
}

// folded is the item's endpoint for truth.json: the URL path with ids folded.
func (it *newmanItem) folded() string {
	p := strings.ReplaceAll(it.path, "{sid}", "{id}")
	p = strings.ReplaceAll(p, "{phone}", "{id}")
	return "/v2/accounts/" + newmanAccount + p
}

// uuid returns a random version 4 UUID.
func uuid(r *rand.Rand) string {
	const lower = "0123456789abcdef"
	var b [36]byte
	hi, lo := r.Uint64(), r.Uint64()
	j := 0
	for i := range b {
		switch i {
		case 8, 13, 18, 23:
			b[i] = '-'
			continue
		case 14:
			b[i] = '4'
			continue
		}
		var v uint64
		if j < 16 {
			v = hi >> (uint(j) * 4) & 15
		} else {
			v = lo >> (uint(j-16) * 4) & 15
		}
		if i == 19 {
			v = 8 | v&3
		}
		b[i] = lower[v]
		j++
	}
	return string(b[:])
}

func strArr(ss ...string) jnode {
	kids := make([]jnode, len(ss))
	for i, s := range ss {
		kids[i] = str(s)
	}
	return arr(kids...)
}

func header(k, v string, system bool) jnode {
	if system {
		return obj(kv("key", str(k)), kv("value", str(v)), kv("system", boolj(true)))
	}
	return obj(kv("key", str(k)), kv("value", str(v)))
}

func textDesc(s string) jnode { return obj(kv("content", str(s)), kv("type", str("text/plain"))) }

// newmanRun holds the ids of one newman run.
type newmanRun struct {
	sid      string
	itemIDs  []string
	eventIDs []string
	execIDs  []string
	folders  []string
}

// collectionURL is an item's URL as the collection writes it.
func (it *newmanItem) collectionURL() jnode {
	path := []string{"v2", "accounts", "{{account_sid}}"}
	for _, s := range strings.Split(strings.TrimPrefix(it.path, "/"), "/") {
		s = strings.ReplaceAll(s, "{sid}", "{{trunk_sid}}")
		path = append(path, strings.ReplaceAll(s, "{phone}", "{{phone_number_id}}"))
	}
	return obj(
		kv("protocol", str("https")),
		kv("path", strArr(path...)),
		kv("host", strArr("{{subdomain}}")),
		kv("query", it.query1("{{trunk_sid}}")),
		kv("variable", arr()),
	)
}

func (it *newmanItem) query1(sid string) jnode {
	if !it.query {
		return arr()
	}
	return arr(obj(kv("key", str("trunk_sid")), kv("value", str(sid))))
}

// resolvedURL is the URL newman sent.
func (it *newmanItem) resolvedURL(sid string) jnode {
	path := []string{"v2", "accounts", newmanAccount}
	for _, s := range strings.Split(strings.TrimPrefix(it.path, "/"), "/") {
		s = strings.ReplaceAll(s, "{sid}", sid)
		path = append(path, strings.ReplaceAll(s, "{phone}", newmanPhoneID))
	}
	return obj(
		kv("protocol", str("https")),
		kv("port", str(newmanPort)),
		kv("path", strArr(path...)),
		kv("host", strArr(strings.Split(newmanHost, ".")...)),
		kv("query", it.query1(sid)),
		kv("variable", arr()),
	)
}

var testEvent = strArr(
	"pm.test('status is 2xx', function () { pm.response.to.be.success; });",
	"pm.test('responds within 2000 ms', function () { pm.expect(pm.response.responseTime).to.be.below(2000); });",
)

// collectionItem is the item as the collection defines it.
func (nr *newmanRun) collectionItem(i int, r *rand.Rand) jnode {
	it := &newmanItems[i]
	req := []jnode{kv("description", textDesc(it.desc)), kv("url", it.collectionURL())}
	if it.body != "" {
		req = append(req, kv("header", arr(header("Content-Type", "application/json", false))))
	}
	req = append(req, kv("method", str(it.method)))
	if it.body != "" {
		req = append(req, kv("body", obj(kv("mode", str("raw")), kv("raw", str(it.body)))))
	}
	return obj(
		kv("id", str(nr.itemIDs[i])),
		kv("name", str(it.name)),
		kv("request", obj(req...)),
		kv("response", arr()),
		kv("event", arr(obj(
			kv("listen", str("test")),
			kv("script", obj(
				kv("id", str(nr.eventIDs[i])),
				kv("type", str("text/javascript")),
				kv("exec", testEvent),
				kv("_lastExecutionId", str(uuid(r))),
			)),
		))),
	)
}

// collection is the Postman collection newman ran.
func (nr *newmanRun) collection(r *rand.Rand) jnode {
	folders := make([]jnode, len(newmanFolders))
	for f := range newmanFolders {
		var items []jnode
		for i := range newmanItems {
			if newmanItems[i].folder == f {
				items = append(items, nr.collectionItem(i, r))
			}
		}
		folders[f] = obj(
			kv("id", str(nr.folders[f])),
			kv("name", str(newmanFolders[f].name)),
			kv("description", textDesc(newmanFolders[f].desc)),
			kv("item", arr(items...)),
			kv("event", arr()),
		)
	}
	variable := func(k, v string) jnode {
		return obj(kv("type", str("string")), kv("value", str(v)), kv("key", str(k)))
	}
	return obj(
		kv("item", arr(folders...)),
		kv("auth", basicAuth("{{api_key}}", "{{api_token}}")),
		kv("event", arr()),
		kv("variable", arr(
			variable("api_key", "your_api_key"),
			variable("api_token", "your_api_token"),
			variable("account_sid", "your_account_sid"),
			variable("subdomain", newmanHost),
			variable("trunk_sid", "your_trunk_sid"),
			variable("phone_number_id", newmanPhoneID),
		)),
		kv("info", obj(
			kv("_postman_id", str(uuid(r))),
			kv("name", str("Exotel SIP Trunking APIs")),
			kv("schema", str("https://schema.getpostman.com/json/collection/v2.1.0/collection.json")),
		)),
	)
}

func basicAuth(user, pass string) jnode {
	return obj(
		kv("type", str("basic")),
		kv("basic", arr(
			obj(kv("type", str("string")), kv("value", str(user)), kv("key", str("username"))),
			obj(kv("type", str("string")), kv("value", str(pass)), kv("key", str("password"))),
		)),
	)
}

// newmanResult is the outcome of one execution.
type newmanResult struct {
	status int // 0: request error
	net    netKind
	ms     int64
	body   []byte
}

// stream is a Node Buffer as JSON: the body's bytes as numbers.
func stream(body []byte) jnode {
	data := make([]jnode, len(body))
	for i, c := range body {
		data[i] = rawj(byteStrings[c])
	}
	return obj(kv("type", str("Buffer")), kv("data", arr(data...)))
}

var byteStrings = func() [256]string {
	var s [256]string
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return s
}()

// newmanReport simulates one newman run starting at t0 and returns its JSON
// report.
func (g *gen) newmanReport(t0 int64) []byte {
	r := g.rng
	n := len(newmanItems)
	nr := &newmanRun{sid: newID(r, "TR")}
	for range n {
		nr.itemIDs = append(nr.itemIDs, uuid(r))
		nr.eventIDs = append(nr.eventIDs, uuid(r))
		nr.execIDs = append(nr.execIDs, uuid(r))
	}
	for range newmanFolders {
		nr.folders = append(nr.folders, uuid(r))
	}
	coll := nr.collection(r)

	var execs, failures []jnode
	var rts []float64
	var failedAsserts, failedReqs int
	var transferred int64
	t := t0
	for i := range newmanItems {
		it := &newmanItems[i]
		res := g.newmanOutcome(it, t, nr.sid)
		exec, fails := nr.execution(i, res, t, r)
		execs = append(execs, exec)
		failures = append(failures, fails...)
		failed := res.status == 0 || res.status < 200 || res.status >= 300 || res.ms >= 2000
		if res.status == 0 {
			failedReqs++
			t += newmanTimeout * usPerMs
		} else {
			rts = append(rts, float64(res.ms))
			transferred += int64(len(res.body))
			t += res.ms * usPerMs
			if res.status < 200 || res.status >= 300 {
				failedAsserts++
			}
			if res.ms >= 2000 {
				failedAsserts++
			}
		}
		g.truth.record(fmtNewman, it.folded(), res.status, res.net, failed, res.ms > 2000, t, false)
		t += 3*usPerMs + r.Int64N(15*usPerMs)
	}
	run := obj(
		kv("stats", newmanStats(n, len(rts)*2, failedAsserts, failedReqs)),
		kv("timings", newmanTimings(rts, t0, t)),
		kv("executions", arr(execs...)),
		kv("transfers", obj(kv("responseTotal", num(transferred)))),
		kv("failures", arr(failures...)),
		kv("error", rawj("null")),
	)
	doc := obj(
		kv("collection", coll),
		kv("environment", obj(
			kv("id", str(uuid(r))),
			kv("values", arr(
				envValue("subdomain", newmanHost+":"+newmanPort),
				envValue("account_sid", newmanAccount),
				envValue("api_key", newmanKey),
				envValue("api_token", newmanToken),
				envValue("trunk_sid", nr.sid),
			)),
		)),
		kv("globals", obj(kv("id", str(uuid(r))), kv("values", arr()))),
		kv("run", run),
	)
	return appendPretty(nil, doc, 0)
}

func envValue(k, v string) jnode {
	return obj(kv("type", str("any")), kv("value", str(v)), kv("key", str(k)))
}

// newmanOutcome decides how the request of item it sent at t ends.
func (g *gen) newmanOutcome(it *newmanItem, t int64, sid string) newmanResult {
	r := g.rng
	v := g.model.draw(r, t, it.class, 0)
	if v.Net != netNone {
		return newmanResult{net: v.Net}
	}
	res := newmanResult{status: it.ok, ms: max(1, latency(r, isPeak(t))/usPerMs)}
	switch {
	case v.Status != 0:
		res.status = v.Status
		res.body = appendPretty(nil, errorBody(r, &g.clk, v.Status, "newman", sid, t), 0)
	case it.ok == 204:
	default:
		res.body = appendPretty(nil, successBody(sid), 0)
	}
	return res
}

// execution builds the report of one executed item and its failures.
func (nr *newmanRun) execution(i int, res newmanResult, t int64, r *rand.Rand) (jnode, []jnode) {
	it := &newmanItems[i]
	cursor := obj(
		kv("ref", str(uuid(r))),
		kv("length", num(int64(len(newmanItems)))),
		kv("cycles", num(1)),
		kv("position", num(int64(i))),
		kv("iteration", num(0)),
		kv("httpRequestId", str(uuid(r))),
	)
	headers := []jnode{}
	if it.body != "" {
		headers = append(headers, header("Content-Type", "application/json", false))
	}
	headers = append(headers,
		header("Authorization", newmanAuth, true),
		header("User-Agent", "PostmanRuntime/7.39.1", true),
		header("Accept", "*/*", true),
		header("Cache-Control", "no-cache", true),
		header("Postman-Token", uuid(r), true),
		header("Host", newmanHost, true),
		header("Accept-Encoding", "gzip, deflate, br", true),
		header("Connection", "keep-alive", true),
	)
	req := []jnode{
		kv("description", textDesc(it.desc)),
		kv("url", it.resolvedURL(nr.sid)),
		kv("header", arr(headers...)),
		kv("method", str(it.method)),
	}
	if it.body != "" {
		raw := strings.ReplaceAll(it.body, "{{account_sid}}", newmanAccount)
		req = append(req, kv("body", obj(kv("mode", str("raw")), kv("raw", str(raw)))))
	}
	req = append(req, kv("auth", basicAuth(newmanKey, newmanToken)))
	item := obj(
		kv("id", str(nr.itemIDs[i])),
		kv("name", str(it.name)),
		kv("request", obj(kv("url", it.collectionURL()), kv("method", str(it.method)))),
		kv("response", arr()),
	)
	source := obj(
		kv("id", str(nr.itemIDs[i])),
		kv("name", str(it.name)),
		kv("request", obj(kv("url", it.collectionURL()), kv("method", str(it.method)))),
	)
	parent := obj(kv("id", str(nr.folders[it.folder])), kv("name", str(newmanFolders[it.folder].name)))
	fail := func(errj jnode, at string) jnode {
		return obj(kv("error", errj), kv("at", str(at)), kv("source", source), kv("parent", parent), kv("cursor", cursor))
	}

	if res.status == 0 {
		code, msg := "ESOCKETTIMEDOUT", "ESOCKETTIMEDOUT"
		if res.net == netRefused {
			code, msg = "ECONNREFUSED", "connect ECONNREFUSED 203.0.113.10:443"
		}
		reqErr := obj(kv("name", str("Error")), kv("code", str(code)), kv("message", str(msg)))
		exec := obj(
			kv("cursor", cursor), kv("item", item), kv("request", obj(req...)),
			kv("id", str(nr.execIDs[i])), kv("requestError", reqErr),
		)
		return exec, []jnode{fail(reqErr, "request")}
	}

	var asserts, fails []jnode
	check := func(idx int, name string, failedMsg string) {
		a := []jnode{kv("assertion", str(name)), kv("skipped", boolj(false))}
		if failedMsg != "" {
			errj := obj(
				kv("name", str("AssertionError")),
				kv("index", num(int64(idx))),
				kv("test", str(name)),
				kv("message", str(failedMsg)),
				kv("stack", str("AssertionError: "+failedMsg+"\n   at Object.eval sandbox-script.js:1:"+strconv.Itoa(8+5*idx)+")")),
			)
			a = append(a, kv("error", errj))
			fails = append(fails, fail(errj, "assertion:"+strconv.Itoa(idx)+" in test-script"))
		}
		asserts = append(asserts, obj(a...))
	}
	statusMsg, timeMsg := "", ""
	if res.status < 200 || res.status >= 300 {
		statusMsg = "expected response code to be 2XX but found " + strconv.Itoa(res.status)
	}
	if res.ms >= 2000 {
		timeMsg = "expected " + strconv.FormatInt(res.ms, 10) + " to be below 2000"
	}
	check(0, "status is 2xx", statusMsg)
	check(1, "responds within 2000 ms", timeMsg)

	var c clock
	date := httpDate(&c, t)
	respHeaders := arr(
		header("Server", "nginx", false),
		header("Date", date, false),
		header("Content-Type", "application/json", false),
		header("Content-Length", strconv.Itoa(len(res.body)), false),
	)
	resp := obj(
		kv("id", str(uuid(r))),
		kv("status", str(reasons[res.status])),
		kv("code", num(int64(res.status))),
		kv("header", respHeaders),
		kv("stream", stream(res.body)),
		kv("cookie", arr()),
		kv("responseTime", num(res.ms)),
		kv("responseSize", num(int64(len(res.body)))),
	)
	exec := obj(
		kv("cursor", cursor), kv("item", item), kv("request", obj(req...)),
		kv("response", resp), kv("id", str(nr.execIDs[i])), kv("assertions", arr(asserts...)),
	)
	return exec, fails
}

// httpDate formats t as an HTTP Date header.
func httpDate(c *clock, t int64) string {
	sec := floorDiv(t, usPerSec)
	days := floorDiv(sec, 86400)
	wd := [...]string{"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"}[((days%7)+7)%7]
	mon := [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	d := c.dateOf(t)
	m, _ := strconv.Atoi(string(d[5:7]))
	b := []byte(wd + ", ")
	b = append(b, d[8:10]...)
	b = append(b, ' ')
	b = append(b, mon[m-1]...)
	b = append(b, ' ')
	b = append(b, d[0:4]...)
	b = append(b, ' ')
	b = appendHMS(b, t, ':')
	return string(append(b, " GMT"...))
}

func statCounts(total, failed int) jnode {
	return obj(kv("total", num(int64(total))), kv("pending", num(0)), kv("failed", num(int64(failed))))
}

func newmanStats(items, asserts, failedAsserts, failedReqs int) jnode {
	return obj(
		kv("iterations", statCounts(1, 0)),
		kv("items", statCounts(items, 0)),
		kv("scripts", statCounts(items, 0)),
		kv("prerequests", statCounts(items, 0)),
		kv("requests", statCounts(items, failedReqs)),
		kv("tests", statCounts(items, 0)),
		kv("assertions", statCounts(asserts, failedAsserts)),
		kv("testScripts", statCounts(items, 0)),
		kv("prerequestScripts", statCounts(0, 0)),
	)
}

func newmanTimings(rts []float64, start, end int64) jnode {
	var sum, mn, mx float64
	mn = math.Inf(1)
	for _, v := range rts {
		sum += v
		mn = math.Min(mn, v)
		mx = math.Max(mx, v)
	}
	avg, sd := 0.0, 0.0
	if len(rts) > 0 {
		avg = sum / float64(len(rts))
		for _, v := range rts {
			sd += (v - avg) * (v - avg)
		}
		sd = math.Sqrt(sd / float64(len(rts)))
	} else {
		mn = 0
	}
	js := func(f float64) jnode {
		if f == math.Trunc(f) {
			return num(int64(f))
		}
		return rawj(strconv.FormatFloat(f, 'f', -1, 64))
	}
	return obj(
		kv("responseAverage", js(avg)), kv("responseMin", js(mn)), kv("responseMax", js(mx)), kv("responseSd", js(sd)),
		kv("dnsAverage", num(0)), kv("dnsMin", num(0)), kv("dnsMax", num(0)), kv("dnsSd", num(0)),
		kv("firstByteAverage", num(0)), kv("firstByteMin", num(0)), kv("firstByteMax", num(0)), kv("firstByteSd", num(0)),
		kv("started", num(floorDiv(start, usPerMs))), kv("completed", num(floorDiv(end, usPerMs))),
	)
}
