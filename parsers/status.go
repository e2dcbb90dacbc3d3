package parsers

import (
	"regexp"
	"strconv"
	"strings"
)

// StatusUnknown is Record.Status for a test whose input does not say which
// HTTP status its request got: test reports and runner logs hold assertion
// text, and only some assertions quote the status. It differs from 0,
// which says that no HTTP response arrived.
const StatusUnknown = -1

// statusOf tells the HTTP status of a failure from its message, else from
// one line of its detail (a stack trace, an attachment), else 0 when it
// says no response arrived, else StatusUnknown. A status is read only
// from text that speaks of a status or a response code: "assert 480 ==
// 1440" names none.
func statusOf(message, detail string) int {
	if st := statusInMessage(message); st != StatusUnknown {
		return st
	}
	for rest := detail; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if st := statusInMessage(line); st != StatusUnknown {
			return st
		}
	}
	if isNetworkError(message) || isNetworkError(detail) {
		return 0
	}
	return StatusUnknown
}

// statusPatterns find the HTTP status a failure message reports, the most
// telling first: the value a comparison found beats a number that merely
// follows the word "status", which may be the expected one. Gated
// patterns apply only to messages about a status (statusContext), so
// that "expected 3 items but got 200" and "assert 480 == 1440" name
// none; the others name the status themselves.
var statusPatterns = []struct {
	re    *regexp.Regexp
	gated bool
}{
	{regexp.MustCompile(`(?i)\bbut\s+(?:found|got|was|received|returned|is)\s*:?\s*(?:status\s+(?:code\s+)?|code\s+|http\s+)?["'(<\[]?([1-5]\d\d)\b`), true},
	{regexp.MustCompile(`(?i)\b(?:got|found|received|returned|was|actual(?:\s+status)?)\s*:?\s*(?:status\s+(?:code\s+)?|code\s+|http\s+)?["'(<\[]?([1-5]\d\d)\b`), true},
	{regexp.MustCompile(`(?i)\bexpected\s+["'<]?([1-5]\d\d)["'>]?\s+to\s`), true},   // chai: expected 404 to equal 200
	{regexp.MustCompile(`\bassert\s+([1-5]\d\d)\s*(?:==|!=|in\s|not\s)`), true},     // pytest: assert 404 == 200
	{regexp.MustCompile(`(?:^|[^\w.])([1-5]\d\d)\s*!=\s*[1-5]\d\d\b`), true},        // unittest: 404 != 200
	{regexp.MustCompile(`<Response \[([1-5]\d\d)\]>`), false},                       // requests, in pytest's assertion text
	{regexp.MustCompile(`\b([1-5]\d\d)\s+(?:Client|Server)\s+Error\b`), false},      // requests' raise_for_status
	{regexp.MustCompile(`(?i)\bdoes not indicate success:\s*([1-5]\d\d)\b`), false}, // .NET HttpClient
	{regexp.MustCompile(`(?i)\b(?:http(?:/[\d.]+)?(?:\s+error)?|status(?:[\s_-]*code)?|response\s+code|returned\s+error)\s*[:=#]?\s*["'(<\[]?([1-5]\d\d)\b`), false},
}

// statusContext tells text that speaks of an HTTP status: the words, a
// class such as 2XX, a status with its reason phrase in quotes, as
// supertest writes (expected 200 "OK", got 404 "Not Found"), or a
// request's method and path ("POST /v2/trunks: got 429, want 201").
var statusContext = regexp.MustCompile(`(?i)status|response\s+code|\bhttp\b|\b[1-5]xx\b|\b[1-5]\d\d\s+"[a-z][a-z -]*"|` +
	`\b(?-i:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(?:/|https?://)`)

// exitStatus is a process's exit status or code, which is no HTTP status
// ("exit status 127").
var exitStatus = regexp.MustCompile(`(?i)\bexit(?:ed)?\s+(?:with\s+)?(?:status|code)\s*[:=]?\s*\d+`)

// networkMarkers, in lower case, are what clients write when no HTTP
// response arrived: Node and Go errors, Python's errno, Java's exceptions.
var networkMarkers = []string{
	"econnrefused", "econnreset", "etimedout", "esockettimedout", "enotfound", "eai_again", "ehostunreach", "enetunreach",
	"connection refused", "connection reset", "[errno 111]", "[errno 110]", "[errno 104]", "[errno 113]", "[errno 101]",
	"[errno -2]", "[errno -3]", "[errno -5]", "name or service not known", "no such host", "unknownhostexception",
	"failed to establish a new connection", "timed out", "i/o timeout", "deadline exceeded", "client.timeout",
}

// statusInMessage finds the HTTP status one failure message reports, or
// StatusUnknown.
func statusInMessage(s string) int {
	if !hasStatusNumber(s) {
		return StatusUnknown
	}
	if strings.Contains(strings.ToLower(s), "exit") {
		s = exitStatus.ReplaceAllString(s, "")
	}
	context, checked := false, false
	for _, p := range statusPatterns {
		if p.gated {
			if !checked {
				context, checked = statusContext.MatchString(s), true
			}
			if !context {
				continue
			}
		}
		if m := p.re.FindStringSubmatch(s); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
	}
	return StatusUnknown
}

// hasStatusNumber tells whether s holds a number 100-599 standing alone,
// which every status pattern needs: most text has none, and skips the
// patterns.
func hasStatusNumber(s string) bool {
	digit := func(i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }
	for i := 0; i+2 < len(s); i++ {
		if s[i] >= '1' && s[i] <= '5' && !digit(i-1) && digit(i+1) && digit(i+2) && !digit(i+3) {
			return true
		}
	}
	return false
}

// isNetworkError tells failures in which no HTTP response arrived, so that
// they count with status 0 rather than as unknown.
func isNetworkError(s string) bool {
	if s == "" {
		return false
	}
	s = strings.ToLower(s)
	for _, m := range networkMarkers {
		for i := 0; ; {
			j := strings.Index(s[i:], m)
			if j < 0 {
				break
			}
			// a marker starts a word: ModuleNotFoundError holds no ENOTFOUND
			if i+j == 0 || !isLetter(s[i+j-1]) {
				return true
			}
			i += j + 1
		}
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
