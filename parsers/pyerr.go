package parsers

import (
	"strconv"
	"strings"
	"time"
)

// UnwrapError returns the cause inside the wrappers that Python HTTP
// clients put around a network error, so that one cause reads the same
// from every code path: urllib's "<urlopen error [Errno 111] Connection
// refused>" and the bare "[Errno 111] Connection refused"; requests'
// "HTTPSConnectionPool(host=…): Max retries exceeded with url: … (Caused
// by NewConnectionError('<urllib3.connection.HTTPSConnection object at
// 0x…>: Failed to establish a new connection: [Errno 111] Connection
// refused'))"; aiohttp's "Cannot connect to host h:443 ssl:default [Name
// or service not known]"; a leading exception class name
// ("urllib.error.URLError: …"); and OpenSSL's source position
// ("(_ssl.c:2546)"), which changes with the Python build. Text that is
// none of these comes back trimmed and otherwise unchanged.
func UnwrapError(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < 8; i++ { // wrappers nest a few deep at most
		next := unwrapOnce(s)
		if next == s || next == "" {
			break
		}
		s = next
	}
	return s
}

func unwrapOnce(s string) string {
	switch {
	case strings.HasPrefix(s, "<urlopen error ") && strings.HasSuffix(s, ">"):
		return strings.TrimSpace(s[len("<urlopen error ") : len(s)-1])
	case strings.HasPrefix(s, "Cannot connect to host "):
		return aiohttpCause(s)
	case strings.Contains(s, "(Caused by "):
		return causedBy(s)
	case strings.HasPrefix(s, "('Connection aborted.', "):
		return pyRepr(strings.TrimSuffix(strings.TrimPrefix(s, "('Connection aborted.', "), ")"))
	}
	if t := stripSSLPosition(s); t != s {
		return t
	}
	if t := stripPoolPrefix(s); t != s {
		return t
	}
	if t := pyRepr(s); t != s {
		return t
	}
	return stripClassName(s)
}

// aiohttpCause reads "Cannot connect to host H:P ssl:X [cause]": aiohttp
// names its connector's TLS setting in every message, so the words
// "ssl:default" say nothing about TLS; the cause is in the brackets.
func aiohttpCause(s string) string {
	i := strings.IndexByte(s, '[')
	if i < 0 || !strings.HasSuffix(s, "]") {
		return s
	}
	cause := strings.TrimSpace(s[i+1 : len(s)-1])
	if errno, ok := resolverErrno[cause]; ok {
		// aiohttp keeps the strerror of socket.gaierror only: with its
		// number back it reads as urllib's "[Errno -3] …" does.
		return "[Errno " + errno + "] " + cause
	}
	return cause
}

// resolverErrno are glibc's getaddrinfo errors, by their text.
var resolverErrno = map[string]string{
	"Name or service not known":                  "-2",
	"Temporary failure in name resolution":       "-3",
	"No address associated with hostname":        "-5",
	"Non-recoverable failure in name resolution": "-4",
}

// causedBy reads urllib3's "… (Caused by Name('…: cause'))".
func causedBy(s string) string {
	i := strings.LastIndex(s, "(Caused by ")
	inner := strings.TrimSuffix(strings.TrimSpace(s[i+len("(Caused by "):]), ")")
	return pyRepr(inner)
}

// pyRepr reads a Python exception repr: Name('text'), Name("text"),
// Name(<object at 0x…>, 'text'), Name(104, 'Connection reset by peer')
// (written as "[Errno 104] Connection reset by peer", as str() has it),
// Name(Inner(…)) and Name('Connection aborted.', Inner(…)).
func pyRepr(s string) string {
	open := strings.IndexByte(s, '(')
	if open < 0 || !strings.HasSuffix(s, ")") || open > 0 && !isIdent(s[:open]) {
		return s // open == 0: an args tuple, "(1, '…')"
	}
	args := strings.TrimSpace(s[open+1 : len(s)-1])
	if args == "" {
		return s[:open]
	}
	if errno, text, ok := errnoArgs(args); ok {
		if strings.HasPrefix(text, "[SSL") {
			return text // str() of an SSLError leaves out its errno
		}
		return "[Errno " + errno + "] " + text
	}
	// The last argument is the one that says what happened.
	last := lastArg(args)
	if q := unquote(last); q != last {
		// "<urllib3.connection.HTTPSConnection object at 0x…>: Failed to
		// establish a new connection: cause"
		if strings.HasPrefix(q, "<") {
			if j := strings.Index(q, ">: "); j >= 0 {
				q = q[j+3:]
			}
		}
		if _, cause, ok := strings.Cut(q, "Failed to establish a new connection: "); ok {
			q = cause
		}
		return strings.TrimSpace(q)
	}
	return last
}

// errnoArgs reads "104, 'Connection reset by peer'".
func errnoArgs(args string) (string, string, bool) {
	n, text, ok := strings.Cut(args, ", ")
	if !ok {
		return "", "", false
	}
	if _, err := strconv.Atoi(n); err != nil {
		return "", "", false
	}
	q := unquote(strings.TrimSpace(text))
	return n, q, q != text
}

// lastArg returns the last top-level argument of a Python call's argument
// list, minding quotes and brackets.
func lastArg(args string) string {
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(args); i++ {
		c := args[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '[' || c == '{' || c == '<':
			depth++
		case c == ')' || c == ']' || c == '}' || c == '>':
			depth--
		case c == ',' && depth == 0:
			start = i + 1
		}
	}
	return strings.TrimSpace(args[start:])
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		return strings.ReplaceAll(s[1:len(s)-1], `\'`, `'`)
	}
	return s
}

func isIdent(s string) bool {
	for i, c := range s {
		if !(c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// stripSSLPosition drops OpenSSL's " (_ssl.c:2546)" and the like.
func stripSSLPosition(s string) string {
	i := strings.LastIndex(s, " (_ssl.c:")
	if i < 0 || !strings.HasSuffix(s, ")") {
		return s
	}
	return strings.TrimSpace(s[:i] + s[strings.IndexByte(s[i:], ')')+i+1:])
}

// stripPoolPrefix drops "HTTPSConnectionPool(host='h', port=443): " from
// requests' read timeouts ("… Read timed out. (read timeout=30)").
func stripPoolPrefix(s string) string {
	if !strings.HasPrefix(s, "HTTPSConnectionPool(") && !strings.HasPrefix(s, "HTTPConnectionPool(") {
		return s
	}
	if _, rest, ok := strings.Cut(s, "): "); ok {
		return rest
	}
	return s
}

// stripClassName drops a leading exception class name,
// "urllib.error.URLError: <urlopen error timed out>", when text follows:
// with none, the name is all there is to go by.
func stripClassName(s string) string {
	name, rest, ok := strings.Cut(s, ": ")
	if !ok || strings.TrimSpace(rest) == "" || !isIdent(name) || !exceptionName(name) {
		return s
	}
	return strings.TrimSpace(rest)
}

// exceptionName tells a Python exception class name ("URLError",
// "socket.gaierror", "asyncio.TimeoutError") from a word that merely
// ends a sentence with a colon.
func exceptionName(name string) bool {
	last := name[strings.LastIndexByte(name, '.')+1:]
	for _, suffix := range []string{"Error", "Exception", "Timeout", "Disconnected", "gaierror", "herror", "timeout"} {
		if strings.HasSuffix(last, suffix) && last != "Error" {
			return true
		}
	}
	return false
}

// RetryAfterSeconds reads a Retry-After value: delay seconds ("60",
// "1.5") or an HTTP date, which is counted from date, the response's own
// Date header (or the record's time) when there is one. 0 when it says
// nothing usable.
func RetryAfterSeconds(v string, date time.Time) float64 {
	v = strings.TrimSpace(v)
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if f > 0 {
			return f
		}
		return 0
	}
	t, err := time.Parse(time.RFC1123, v)
	if err != nil || date.IsZero() {
		return 0
	}
	if d := t.Sub(date).Seconds(); d > 0 {
		return d
	}
	return 0
}
