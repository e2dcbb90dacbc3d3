package parsers

import (
	"bytes"
	"encoding/binary"
	"io"
	"strconv"
	"time"
)

// Access logs in the Common and Combined Log Format, as nginx, Apache
// httpd, Express morgan ("combined", "common") and Traefik write them:
//
//	host ident user [10/Oct/2000:13:55:36 -0700] "GET /path HTTP/1.1" 200 2326 "referer" "agent" extras…
//
// Anything before the bracketed time is the server's own (Apache's
// vhost_combined puts host:port first); the request line, status and size
// follow. The extras at the end give the response time when the format
// writes one: nginx's $request_time (seconds with a decimal point, or
// labelled rt=, request_time=), $upstream_response_time (urt=, ut=,
// upstream_response_time=; a bare "0.1, 0.2" list is not read, as
// addresses and lengths are listed alike), Apache's %D (a lone bare
// integer, in microseconds; %T's whole seconds would be misread, and are
// rarely logged) and Traefik's trailing "Nms".

// formatAccessLog names the Common/Combined Log Format reader.
const formatAccessLog = "access-log"

// clfLine holds the parts of one access log line.
type clfLine struct {
	time    []byte // between the brackets
	request []byte // between the quotes, escapes kept
	status  []byte // "200", or "-" where no response was sent
	extras  []byte // after the size
}

// splitCLF finds the parts of a CLF line; ok is false when the line does
// not have the format's shape.
func splitCLF(line []byte) (clfLine, bool) {
	var l clfLine
	i := timeOpen(line)
	if i <= 0 || len(line) < i+2+29 {
		return l, false
	}
	t := line[i+2:]
	if t[26] != ']' || t[27] != ' ' || t[28] != '"' {
		return l, false
	}
	l.time = t[:26]
	end := quoteEnd(t, 28)
	if end < 0 {
		return l, false
	}
	l.request = t[29:end]
	rest := t[end+1:]
	if len(rest) < 2 || rest[0] != ' ' {
		return l, false
	}
	l.status, rest = cutField(rest[1:])
	size, rest := cutField(rest)
	if !isStatus(l.status) || !isSize(size) {
		return l, false
	}
	l.extras = rest
	return l, true
}

func isStatus(b []byte) bool {
	if len(b) == 1 && b[0] == '-' {
		return true
	}
	n, ok := digits(b)
	return ok && len(b) == 3 && n >= 100
}

func isSize(b []byte) bool {
	if len(b) == 1 && b[0] == '-' {
		return true
	}
	_, ok := digits(b)
	return ok && len(b) > 0 && len(b) <= 18
}

var months = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// zoneCache keeps the zone of the last offset seen: a log is written in
// one zone, and a FixedZone per line would be garbage. It keeps the last
// minute read too ("10/Oct/2000:13:55" and its " -0700"): the lines of a
// minute differ in their seconds only.
type zoneCache struct {
	offset int
	loc    *time.Location

	minute    [3]uint64 // "10/Oct/2000:13:55" and " -0700", as words
	minuteAt  time.Time
	hasMinute bool
}

func (z *zoneCache) zone(offset int) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	if z.loc == nil || z.offset != offset {
		z.offset, z.loc = offset, time.FixedZone("", offset)
	}
	return z.loc
}

// parseCLFTime reads "10/Oct/2000:13:55:36 -0700" without allocating.
func parseCLFTime(b []byte, z *zoneCache) (time.Time, bool) {
	if len(b) != 26 || b[2] != '/' || b[6] != '/' || b[11] != ':' || b[14] != ':' || b[17] != ':' ||
		b[20] != ' ' || (b[21] != '+' && b[21] != '-') {
		return time.Time{}, false
	}
	key := [3]uint64{binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:]),
		uint64(b[16]) | binary.LittleEndian.Uint64(b[18:])>>8&^0xff}
	if z.hasMinute && key == z.minute {
		s, ok := digits(b[18:20])
		if !ok || s > 60 {
			return time.Time{}, false
		}
		return z.minuteAt.Add(time.Duration(s) * time.Second), true
	}
	mo := 0
	for i, m := range months {
		if string(b[3:6]) == m {
			mo = i + 1
		}
	}
	d, ok1 := digits(b[0:2])
	y, ok2 := digits(b[7:11])
	h, ok3 := digits(b[12:14])
	mi, ok4 := digits(b[15:17])
	s, ok5 := digits(b[18:20])
	zh, ok6 := digits(b[22:24])
	zm, ok7 := digits(b[24:26])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || mo == 0 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 {
		return time.Time{}, false
	}
	off := zh*3600 + zm*60
	if b[21] == '-' {
		off = -off
	}
	z.minute, z.minuteAt, z.hasMinute = key, time.Date(y, time.Month(mo), d, h, mi, 0, 0, z.zone(off)), true
	return z.minuteAt.Add(time.Duration(s) * time.Second), true
}

// parseRequestLine splits "GET /path HTTP/1.1" (or HTTP/0.9's "GET /");
// ok is false for anything else: "-" where the client sent nothing, TLS
// handshakes sent to a plain HTTP port, scanners' garbage.
func parseRequestLine(req []byte) (method, target []byte, ok bool) {
	sp := methodEnd(req)
	if sp < 0 {
		return nil, nil, false
	}
	// The target holds no space: the space after it, if any, is the
	// last, and the protocol follows.
	rest := req[sp+1:]
	if j := bytes.IndexByte(rest, ' '); j >= 0 {
		proto := rest[j+1:]
		if len(proto) < 5 || string(proto[:5]) != "HTTP/" || cutsAt(proto, ' ') >= 0 {
			return nil, nil, false
		}
		rest = rest[:j]
	}
	if len(rest) == 0 {
		return nil, nil, false
	}
	return req[:sp], rest, true
}

// methodEnd returns the index of the space after a request's method: one
// to twenty upper-case letters, '-' or '_', the first a letter; -1 if the
// request does not start with one.
func methodEnd(req []byte) int {
	if len(req) == 0 || req[0] < 'A' || req[0] > 'Z' {
		return -1
	}
	for i := 1; i < len(req) && i <= 20; i++ {
		switch c := req[i]; {
		case c == ' ':
			return i
		case (c < 'A' || c > 'Z') && c != '-' && c != '_':
			return -1
		}
	}
	return -1
}

// clfReader reads access log lines into records.
type clfReader struct {
	zones zoneCache
	// the last method and endpoint, kept as strings while lines repeat them
	method, endpoint string
}

// read fills r from line, or returns why the line is not a request.
func (c *clfReader) read(line []byte, r *Record) string {
	l, ok := splitCLF(line)
	if !ok {
		return "not an access log line (want host - user [time] \"request\" status size …)"
	}
	t, ok := parseCLFTime(l.time, &c.zones)
	if !ok {
		return "access log line with an invalid time [" + string(l.time) + "]"
	}
	method, target, ok := parseRequestLine(l.request)
	if !ok {
		return "access log line without an HTTP request: \"" + shorten(l.request, 40) + "\" (status " + string(l.status) + ")"
	}
	if m := commonMethod(method); m != "" {
		c.method = m
	} else if string(method) != c.method {
		c.method = string(method)
	}
	if string(target) != c.endpoint {
		c.endpoint = string(target)
	}
	r.Time, r.Method, r.Endpoint = t, c.method, c.endpoint
	if l.status[0] == '-' {
		r.Status, r.Failed, r.Message = 0, true, "no response sent (status -)"
	} else {
		r.Status, _ = digits(l.status)
		r.Failed = r.Status >= 400
	}
	r.Seconds, r.HasSeconds = extrasSeconds(l.extras)
	return ""
}

// commonMethod returns the method's name without a copy when it is one
// of the common ones, else "".
func commonMethod(m []byte) string {
	switch string(m) {
	case "GET":
		return "GET"
	case "POST":
		return "POST"
	case "PUT":
		return "PUT"
	case "DELETE":
		return "DELETE"
	case "PATCH":
		return "PATCH"
	case "HEAD":
		return "HEAD"
	case "OPTIONS":
		return "OPTIONS"
	}
	return ""
}

// shorten cuts b to at most n bytes for a message.
func shorten(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// parseAccessLog streams an access log in the Common or Combined Log
// Format, one record per request line. A line that is not one, or holds
// no HTTP request (a TLS probe, "-"), is a counted problem.
func parseAccessLog(r io.Reader, source string, opt Options, sink Sink) error {
	var c clfReader
	return eachLineRecord(r, source, formatAccessLog, opt, sink, c.read)
}

// sniffAccessLog looks for several CLF lines among the first ones: at
// least two, and most of those looked at.
func sniffAccessLog(text []byte) bool {
	var z zoneCache
	return mostLinesAre(text, func(line []byte) bool {
		l, ok := splitCLF(line)
		if !ok {
			return false
		}
		_, ok = parseCLFTime(l.time, &z)
		return ok
	})
}

// extrasSeconds finds the response time among the fields after the size.
func extrasSeconds(b []byte) (float64, bool) {
	var x clfExtras
	for len(b) > 0 {
		switch b[0] {
		case ' ':
			b = b[1:]
			continue
		case '"':
			// A quoted field (the referer, the agent) states no time:
			// it is passed over where it ends at a space.
			if j := quoteEnd(b, 0); j >= 0 && (j+1 == len(b) || b[j+1] == ' ') {
				x.inList = false
				b = b[j+1:]
				continue
			}
		}
		var tok []byte
		tok, b = nextToken(b)
		x.add(tok)
	}
	return x.seconds()
}

// clfExtras gathers the response times that the extra fields state.
type clfExtras struct {
	labelled, traefik, decimal, integer, upstream    float64
	hasLabelled, hasTraefik, hasDecimal, hasUpstream bool
	integers                                         int
	inList                                           bool // inside a bare "a, b" list
}

func (x *clfExtras) add(tok []byte) {
	if len(tok) == 0 || tok[0] == '"' {
		x.inList = false
		return
	}
	if k := cutsAt(tok, '='); k > 0 {
		x.inList = false
		x.addLabelled(string(bytes.ToLower(tok[:k])), bytes.Trim(tok[k+1:], `"`))
		return
	}
	if len(tok) == 1 && tok[0] == ':' {
		return
	}
	if comma := tok[len(tok)-1] == ','; x.inList || comma {
		// a bare list ("0.1, 0.2", or addresses, lengths, statuses) says
		// nothing certain about what it lists: skipped
		x.inList = comma
		return
	}
	if n := len(tok); n >= 2 && tok[n-2] == 'm' && tok[n-1] == 's' {
		if v, ok := plainNumber(tok[:n-2]); ok {
			x.traefik, x.hasTraefik = v/1000, true
		}
		return
	}
	v, point, ok := readPlainNumber(tok)
	switch {
	case !ok:
	case point:
		if !x.hasDecimal {
			x.decimal, x.hasDecimal = v, true
		}
	default:
		x.integer = v
		x.integers++
	}
}

// plainNumber reads digits with at most one decimal point, and nothing
// else: ParseFloat alone would take "inf", "1e5" or hex floats, which
// ids and names can look like.
func plainNumber(b []byte) (float64, bool) {
	v, _, ok := readPlainNumber(b)
	return v, ok
}

// cutsAt returns the index of the first c in a short field, -1 if none.
func cutsAt(field []byte, c byte) int {
	for i, b := range field {
		if b == c {
			return i
		}
	}
	return -1
}

// readPlainNumber is plainNumber, and tells whether b has a point.
func readPlainNumber(b []byte) (v float64, point, ok bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false, false
	}
	var m uint64
	at := -1 // digits before the point: all bytes before it are digits
	for i, c := range b {
		if d := c - '0'; d <= 9 {
			m = m*10 + uint64(d)
			continue
		}
		if c != '.' || at >= 0 || i == 0 || i == len(b)-1 {
			return 0, false, false
		}
		at = i
	}
	n := len(b) // digits
	if at >= 0 {
		n--
	}
	if n > 15 {
		f, err := strconv.ParseFloat(string(b), 64)
		return f, at >= 0, err == nil
	}
	// The digits and the power of ten are exact as float64, so one
	// division rounds as ParseFloat does (see readNumber).
	f := float64(m)
	if at >= 0 {
		f /= pow10[n-at]
	}
	return f, at >= 0, true
}

// addLabelled reads nginx's labelled times: rt=0.123, urt="0.1, 0.2".
func (x *clfExtras) addLabelled(key string, v []byte) {
	switch key {
	case "rt", "request_time", "reqtime":
		if f, ok := plainNumber(v); ok {
			x.labelled, x.hasLabelled = f, true
		}
	case "urt", "ut", "upstream_response_time", "upstream_time":
		x.upstream, x.hasUpstream = sumTimes(v)
	}
}

// seconds picks the request's time: a labelled request time, Traefik's
// duration, the first bare decimal ($request_time), a lone bare integer
// (Apache %D, microseconds), then the upstream time.
func (x *clfExtras) seconds() (float64, bool) {
	switch {
	case x.hasLabelled:
		return x.labelled, true
	case x.hasTraefik:
		return x.traefik, true
	case x.hasDecimal:
		return x.decimal, true
	case x.integers == 1:
		return x.integer / 1e6, true
	case x.hasUpstream:
		return x.upstream, true
	}
	return 0, false
}

// sumTimes adds the times of nginx's "0.1, 0.2 : 0.3" lists; "-" is
// none.
func sumTimes(v []byte) (float64, bool) {
	var sum float64
	found := false
	for _, part := range bytes.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ':' || r == ' ' }) {
		if f, ok := plainNumber(part); ok {
			sum += f
			found = true
		}
	}
	return sum, found
}

var accessLogFormat = &Format{
	Name:       formatAccessLog,
	Doc:        `access logs in the Common or Combined Log Format (nginx, Apache, morgan, Traefik): 127.0.0.1 - - [10/Oct/2026:13:55:36 +0000] "GET /v2/trunks HTTP/1.1" 200 512`,
	Side:       SideServer,
	Sniff:      sniffAccessLog,
	Parse:      parseAccessLog,
	Next:       nextLine,
	Concurrent: true, // many clients at once
}
