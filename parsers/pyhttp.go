package parsers

import (
	"bytes"
	"strings"
)

// The request lines of Python HTTP client libraries, read by ParsePyLog
// beside the vSIP clients' own lines:
//
//	urllib3 (connectionpool, DEBUG):  https://host:443 "POST /v2/trunks HTTP/1.1" 201 512
//	httpx (_client, INFO):            HTTP Request: GET https://host/v2/trunks "HTTP/1.1 200 OK"
//	a test's own line:                POST https://host/v2/trunks - Status: 201
//
// urllib3 also logs "Starting new HTTPS connection (1): host:443" (a
// connection, not a request) and "Retrying (Retry(total=2, …)) after
// connection broken by …" (an attempt of the request that follows); both
// are notes. The vSIP clients use urllib, which logs nothing of its own;
// a client that used requests or httpx with their logging on would write
// one of these lines between its "Testing <name>: <endpoint>" line and its
// result, and the request is counted once, from the client's own lines.
// A test's own status line on the line right after the library's line
// for the same method, path and status is that request too.

// httpLine reads msg as one of the lines above; false when it is none.
func (p *pyLog) httpLine(e *entry, msg []byte) bool {
	// One record is reused, as for the client's own requests: sinks copy
	// what they keep.
	r := &p.httpRec
	*r = Record{}
	var ok, ownLine bool
	switch {
	case bytes.Contains(msg, []byte("HTTP/")):
		ok = urllib3Line(msg, r) || httpxLine(msg, r)
	case bytes.Contains(msg, []byte(" - Status: ")):
		ok, ownLine = statusLine(msg, r), true
	}
	if !ok {
		return false
	}
	if p.pending != nil {
		return true // the open request of the client's own lines
	}
	last := p.lastHTTP
	p.lastHTTP = httpSeen{}
	if ownLine && last.line == e.line-1 && last.method == r.Method && last.status == r.Status && last.path == urlPath(r.Endpoint) {
		return true
	}
	run := p.openRun(e)
	r.Time, r.Source, r.Line, r.Format, r.Run = e.time, p.source, e.line, FormatPyLog, run.ID
	r.Failed = r.Status >= 400
	if !ownLine {
		p.lastHTTP = httpSeen{line: e.line, method: r.Method, status: r.Status, path: urlPath(r.Endpoint)}
	}
	p.lastMethod, p.lastEndpoint = r.Method, r.Endpoint
	run.End, run.LastLine = e.time, e.line
	p.emit(r)
	return true
}

// httpSeen is the last library request line, which a test's own status
// line may describe again.
type httpSeen struct {
	line         int
	method, path string
	status       int
}

// urllib3Line reads `scheme://host:port "METHOD PATH HTTP/1.1" STATUS LENGTH`.
func urllib3Line(msg []byte, r *Record) bool {
	i := bytes.Index(msg, []byte(` "`))
	if i < 0 || !bytes.Contains(msg[:i], []byte("://")) {
		return false
	}
	quoted, after, ok := bytes.Cut(msg[i+2:], []byte(`" `))
	if !ok {
		return false
	}
	parts := bytes.Fields(quoted)
	if len(parts) != 3 || !httpMethod(parts[0]) || !bytes.HasPrefix(parts[2], []byte("HTTP/")) {
		return false
	}
	status, ok := leadingIntBytes(bytes.TrimSpace(after))
	if !ok || status < 100 || status > 599 {
		return false
	}
	r.Method, r.Endpoint, r.Status = string(parts[0]), string(parts[1]), status
	return true
}

// httpxLine reads `HTTP Request: METHOD URL "HTTP/1.1 200 OK"`.
func httpxLine(msg []byte, r *Record) bool {
	_, rest, ok := bytes.Cut(msg, []byte("HTTP Request: "))
	if !ok {
		return false
	}
	method, rest, ok := bytes.Cut(rest, []byte(" "))
	if !ok || !httpMethod(method) {
		return false
	}
	url, quoted, ok := bytes.Cut(rest, []byte(` "`))
	if !ok {
		return false
	}
	proto, statusText, ok := bytes.Cut(bytes.TrimSuffix(bytes.TrimSpace(quoted), []byte(`"`)), []byte(" "))
	if !ok || !bytes.HasPrefix(proto, []byte("HTTP/")) {
		return false
	}
	status, ok := leadingIntBytes(statusText)
	if !ok || status < 100 || status > 599 {
		return false
	}
	r.Method, r.Endpoint, r.Status = string(method), string(url), status
	if status >= 400 {
		r.Message = strings.TrimSpace(string(statusText[3:]))
	}
	return true
}

// statusLine reads `METHOD URL - Status: N`, the method and URL being the
// last two words before " - Status: ".
func statusLine(msg []byte, r *Record) bool {
	before, after, _ := bytes.Cut(msg, []byte(" - Status: "))
	words := bytes.Fields(before)
	if len(words) < 2 {
		return false
	}
	method, url := words[len(words)-2], words[len(words)-1]
	if !httpMethod(method) || url[0] != '/' && !bytes.Contains(url, []byte("://")) {
		return false
	}
	status, ok := leadingIntBytes(after)
	if !ok || status < 100 || status > 599 {
		return false
	}
	r.Method, r.Endpoint, r.Status = string(method), string(url), status
	return true
}

func httpMethod(b []byte) bool {
	switch string(b) {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
		return true
	}
	return false
}

// urlPath is the path of a URL or path, without its query.
func urlPath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			u = u[j:]
		} else {
			u = "/"
		}
	}
	u, _, _ = strings.Cut(u, "?")
	return u
}

// levelColonHeader splits logging's default layout without a time,
// "%(levelname)s:%(name)s:%(message)s" ("DEBUG:urllib3.connectionpool:…").
func levelColonHeader(b []byte) (string, []byte, bool) {
	if len(b) == 0 || b[0] < 'A' || b[0] > 'Z' {
		return "", nil, false // no level: a body's line, mostly
	}
	i := bytes.IndexByte(b[:min(len(b), 9)], ':')
	if i <= 0 {
		return "", nil, false
	}
	level := levelOf(b[:i])
	if level == "" {
		return "", nil, false
	}
	rest := b[i+1:]
	if name, msg, ok := bytes.Cut(rest, []byte(":")); ok && loggerName(name) {
		rest = msg
	}
	return level, rest, true
}

// otherLayout finds the level in a layout without " - " separators:
// "INFO name: msg", "[INFO] name: msg", "| INFO | msg", ":INFO:name:msg".
func otherLayout(rest []byte) (string, []byte) {
	r := bytes.TrimLeft(rest, " -|:[,")
	n := 0
	for n < len(r) && r[n] >= 'A' && r[n] <= 'Z' {
		n++
	}
	level := levelOf(r[:n])
	if level == "" {
		return "", rest
	}
	msg := bytes.TrimLeft(r[n:], "] |:")
	if name, after, ok := bytes.Cut(msg, []byte(": ")); ok && loggerName(name) {
		msg = after
	} else if name, after, ok := bytes.Cut(msg, []byte(":")); ok && loggerName(name) && len(after) > 0 && after[0] != ' ' {
		msg = after
	}
	return level, stripLoggerName(msg)
}

// stripLoggerName drops a leading "name - " logger field
// ("%(levelname)s - %(name)s - %(message)s").
func stripLoggerName(msg []byte) []byte {
	// A name is followed by " - " straight after its last name byte, and
	// a space is not one: the first " - " is where the name bytes stop,
	// so a message (most start with a capital or an emoji) costs a byte.
	if len(msg) == 0 || !(msg[0] >= 'a' && msg[0] <= 'z' || msg[0] == '_') {
		return msg // see loggerName
	}
	n := 0
	for n < len(msg) && n <= 64 && loggerNameByte(msg[n]) {
		n++
	}
	if n > 0 && bytes.HasPrefix(msg[n:], sepDash) && loggerName(msg[:n]) {
		return msg[n+len(sepDash):]
	}
	return msg
}

// loggerName tells a logger's name ("urllib3.connectionpool", "httpx",
// "__main__", "root"): lower-case or underscore first, then letters,
// digits, dots and underscores. Capitalised words ("Payload") are the
// start of a message.
func loggerName(b []byte) bool {
	if len(b) == 0 || len(b) > 64 || !(b[0] >= 'a' && b[0] <= 'z' || b[0] == '_') {
		return false
	}
	for _, c := range b {
		if !loggerNameByte(c) {
			return false
		}
	}
	return true
}

func loggerNameByte(c byte) bool {
	return c == '_' || c == '.' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// SniffPyLog tells a Python logging text log from its first lines: one
// of them starts with a logging timestamp, or with the default layout's
// "LEVEL:logger:" (which has no time).
func SniffPyLog(text []byte) bool {
	if hasLogLine(text) {
		return true
	}
	for i := 0; i < 20 && len(text) > 0; i++ {
		var line []byte
		line, text, _ = bytes.Cut(text, []byte{'\n'})
		if _, _, ok := levelColonHeader(line); ok {
			return true
		}
	}
	return false
}
