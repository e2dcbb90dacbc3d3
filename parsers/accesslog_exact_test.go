package parsers

import (
	"bytes"
	"strconv"
	"time"
)

// The access log's reading as it was before its fast path: one function
// a step, each simple enough to check by eye. The fuzz tests hold the
// fast path (accesslog.go) to it, line by line and field by field.

// exactReader reads a line the plain way.
type exactReader struct {
	zones            zoneCache
	method, endpoint string
}

// exactSplitCLF finds the parts of a CLF line.
func exactSplitCLF(line []byte) (clfLine, bool) {
	var l clfLine
	i := bytes.Index(line, []byte(" ["))
	if i <= 0 || len(line) < i+2+29 {
		return l, false
	}
	t := line[i+2:]
	if t[26] != ']' || t[27] != ' ' || t[28] != '"' {
		return l, false
	}
	l.time = t[:26]
	end := exactQuoteEnd(t, 28)
	if end < 0 {
		return l, false
	}
	l.request = t[29:end]
	rest := t[end+1:]
	if len(rest) < 2 || rest[0] != ' ' {
		return l, false
	}
	l.status, rest = exactCutField(rest[1:])
	size, rest := exactCutField(rest)
	if !isStatus(l.status) || !isSize(size) {
		return l, false
	}
	l.extras = rest
	return l, true
}

// exactQuoteEnd returns the index of the quote closing the one at b[i].
func exactQuoteEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// exactCutField returns the bytes up to the next space and what follows.
func exactCutField(b []byte) ([]byte, []byte) {
	if i := bytes.IndexByte(b, ' '); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

// exactRequestLine splits "GET /path HTTP/1.1".
func exactRequestLine(req []byte) (method, target []byte, ok bool) {
	sp := bytes.IndexByte(req, ' ')
	if sp < 1 || sp > 20 || req[0] < 'A' || req[0] > 'Z' {
		return nil, nil, false
	}
	for _, c := range req[:sp] {
		if (c < 'A' || c > 'Z') && c != '-' && c != '_' {
			return nil, nil, false
		}
	}
	rest := req[sp+1:]
	if j := bytes.LastIndexByte(rest, ' '); j >= 0 {
		if !bytes.HasPrefix(rest[j+1:], []byte("HTTP/")) {
			return nil, nil, false
		}
		rest = rest[:j]
	}
	if len(rest) == 0 || bytes.IndexByte(rest, ' ') >= 0 {
		return nil, nil, false
	}
	return req[:sp], rest, true
}

// exactExtrasSeconds finds the response time among the extra fields.
func exactExtrasSeconds(b []byte) (float64, bool) {
	var x exactExtras
	for len(b) > 0 {
		var tok []byte
		tok, b = exactNextToken(b)
		x.add(tok)
	}
	return x.seconds()
}

// exactNextToken returns the next field, a quoted part kept whole.
func exactNextToken(b []byte) ([]byte, []byte) {
	b = bytes.TrimLeft(b, " ")
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case ' ':
			return b[:i], b[i+1:]
		case '"':
			if j := exactQuoteEnd(b, i); j >= 0 {
				i = j
			} else {
				return b, nil
			}
		}
	}
	return b, nil
}

// exactSumTimes adds the times of nginx's "0.1, 0.2 : 0.3" lists.
func exactSumTimes(v []byte) (float64, bool) {
	var sum float64
	found := false
	for _, part := range bytes.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ':' || r == ' ' }) {
		if f, ok := exactPlainNumber(part); ok {
			sum += f
			found = true
		}
	}
	return sum, found
}

// exactPlainNumber reads digits with at most one decimal point.
func exactPlainNumber(b []byte) (float64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	var m uint64
	n, point := 0, -1 // digits, and digits before the point
	for i, c := range b {
		switch {
		case c == '.':
			if point >= 0 || i == 0 || i == len(b)-1 {
				return 0, false
			}
			point = n
		case c < '0' || c > '9':
			return 0, false
		default:
			m = m*10 + uint64(c-'0')
			n++
		}
	}
	if n > 15 {
		f, err := strconv.ParseFloat(string(b), 64)
		return f, err == nil
	}
	// The digits and the power of ten are exact as float64, so one
	// division rounds as ParseFloat does (see readNumber).
	f := float64(m)
	if point >= 0 {
		f /= pow10[n-point]
	}
	return f, true
}

func (x *exactExtras) add(tok []byte) {
	if len(tok) == 0 || tok[0] == '"' {
		x.inList = false
		return
	}
	if k := bytes.IndexByte(tok, '='); k > 0 {
		x.inList = false
		x.addLabelled(string(bytes.ToLower(tok[:k])), bytes.Trim(tok[k+1:], `"`))
		return
	}
	if len(tok) == 1 && tok[0] == ':' {
		return
	}
	if x.inList || bytes.HasSuffix(tok, []byte{','}) {
		// a bare list ("0.1, 0.2", or addresses, lengths, statuses) says
		// nothing certain about what it lists: skipped
		x.inList = bytes.HasSuffix(tok, []byte{','})
		return
	}
	if ms, ok := bytes.CutSuffix(tok, []byte("ms")); ok {
		if v, ok := exactPlainNumber(ms); ok {
			x.traefik, x.hasTraefik = v/1000, true
		}
		return
	}
	v, ok := exactPlainNumber(tok)
	switch {
	case !ok:
	case bytes.IndexByte(tok, '.') >= 0:
		if !x.hasDecimal {
			x.decimal, x.hasDecimal = v, true
		}
	default:
		x.integer = v
		x.integers++
	}
}

func (x *exactExtras) addLabelled(key string, v []byte) {
	switch key {
	case "rt", "request_time", "reqtime":
		if f, ok := exactPlainNumber(v); ok {
			x.labelled, x.hasLabelled = f, true
		}
	case "urt", "ut", "upstream_response_time", "upstream_time":
		x.upstream, x.hasUpstream = exactSumTimes(v)
	}
}

func (x *exactExtras) seconds() (float64, bool) {
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

// exactExtras gathers the times the extra fields state.
type exactExtras struct {
	labelled, traefik, decimal, integer, upstream    float64
	hasLabelled, hasTraefik, hasDecimal, hasUpstream bool
	integers                                         int
	inList                                           bool // inside a bare "a, b" list
}

// exactCLFTime reads "10/Oct/2000:13:55:36 -0700" without a minute cache.
func exactCLFTime(b []byte, z *zoneCache) (time.Time, bool) {
	if len(b) != 26 || b[2] != '/' || b[6] != '/' || b[11] != ':' || b[14] != ':' || b[17] != ':' ||
		b[20] != ' ' || (b[21] != '+' && b[21] != '-') {
		return time.Time{}, false
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
	return time.Date(y, time.Month(mo), d, h, mi, 0, 0, z.zone(off)).Add(time.Duration(s) * time.Second), true
}

func (c *exactReader) read(line []byte, r *Record) string {
	l, ok := exactSplitCLF(line)
	if !ok {
		return "not an access log line (want host - user [time] \"request\" status size …)"
	}
	t, ok := exactCLFTime(l.time, &c.zones)
	if !ok {
		return "access log line with an invalid time [" + string(l.time) + "]"
	}
	method, target, ok := exactRequestLine(l.request)
	if !ok {
		return "access log line without an HTTP request: \"" + shorten(l.request, 40) + "\" (status " + string(l.status) + ")"
	}
	if string(method) != c.method {
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
	r.Seconds, r.HasSeconds = exactExtrasSeconds(l.extras)
	return ""
}
