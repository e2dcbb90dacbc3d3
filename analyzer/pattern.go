package analyzer

import (
	"strings"
)

// Pattern is the cheap key of a failure message, made once per line on
// the hot path: the parts that hold a digit become placeholders (<n> for
// numbers, <id> for ids, <ip> for addresses, <time> for timestamps), runs
// of them and the signs and separators between them become one, and
// spaces are collapsed. Kept as they are: words without digits (quoted
// ones too: 'Active' and 'GET' are constants), HTTP statuses in context
// ("HTTP 503", "status: 404", "HTTP/1.1 500"), status classes ("2XX") and
// error codes ("code 20404"): they tell errors apart. Which of the words
// left are variables is learned later, over the distinct keys (Groups).
func Pattern(msg string) string {
	msg = strings.TrimSpace(msg)
	if len(msg) > maxPatternInput {
		msg = msg[:maxPatternInput]
		if i := strings.LastIndexByte(msg, ' '); i > 0 {
			msg = msg[:i] // not in the middle of a word
		}
	}
	k := keyWriter{buf: make([]byte, 0, len(msg)+8)}
	for i := 0; i < len(msg); {
		c := msg[i]
		if !isWordByte(c) {
			k.other(c)
			i++
			continue
		}
		j := i + 1
		for j < len(msg) && (isWordByte(msg[j]) || isJoiner(msg[j]) && j+1 < len(msg) && isWordByte(msg[j+1])) {
			j++
		}
		k.word(msg[i:j], msg[j:])
		i = j
	}
	return k.String()
}

// maxPatternInput bounds the bytes of a message read for its key: past
// it, a message is one of a kind anyway.
const maxPatternInput = 4096

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// isJoiner tells whether c joins the word bytes around it into one word
// (addresses, times, versions, host:port).
func isJoiner(c byte) bool { return c == '.' || c == ':' || c == '-' }

// keyWriter builds a key. ph is where the last placeholder starts (-1:
// none), so that one written right after it, with nothing but separators
// between, merges with it.
type keyWriter struct {
	buf     []byte
	ph, end int    // the last placeholder's start and end
	prev    string // the last word, for the status context
	gap     bool   // only ' ', ':', '=' since prev
}

func (k *keyWriter) String() string {
	b := k.buf
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return string(b)
}

func (k *keyWriter) other(c byte) {
	switch c {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		if n := len(k.buf); n > 0 && k.buf[n-1] != ' ' {
			k.buf = append(k.buf, ' ')
		}
		return
	case ':', '=':
	default:
		k.gap = false
	}
	k.buf = append(k.buf, c)
}

// word writes one word, masked where it holds a digit, or where it is
// the name of a month or a day in a date; rest is the message after it.
func (k *keyWriter) word(w, rest string) {
	prev, gap := k.prev, k.gap
	k.prev, k.gap = w, true
	digits, letters := 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			digits++
		case !isJoiner(c):
			letters++
		}
	}
	seps := len(w) - digits - letters
	switch {
	case digits == 0 && isDateName(w) && datePart(rest):
		k.placeholder("<time>")
	case digits == 0:
		if !k.unit(w) {
			k.buf = append(k.buf, w...)
		}
	case letters == 0 && seps == 0 && gap && keepsNumber(prev, w, rest):
		k.buf = append(k.buf, w...)
	case isStatusClass(w) || isVersion(w) && seps == 0 || k.httpVersion():
		k.buf = append(k.buf, w...)
	case letters == 0 && strings.Count(w, ".") == 3:
		k.placeholder("<ip>")
	case len(w) >= 10 && w[4] == '-' && strings.ContainsAny(w, "T:") && letters <= 2:
		k.placeholder("<time>")
	case seps == 0 && letters == 0:
		k.placeholder("<n>")
	case seps > 0 && letters > 0 && hexParts(w):
		k.placeholder("<id>")
	default:
		k.parts(w)
	}
}

// parts writes a word of several parts (split at joiners and '_'),
// keeping the parts without digits: AuthFail:sts:<id>, blk_<n>.
func (k *keyWriter) parts(w string) {
	start := 0
	for i := 0; i <= len(w); i++ {
		if i < len(w) && !isJoiner(w[i]) && w[i] != '_' {
			continue
		}
		k.part(w[start:i])
		if i < len(w) {
			k.buf = append(k.buf, w[i])
		}
		start = i + 1
	}
}

func (k *keyWriter) part(p string) {
	letters := 0
	digit := false
	for i := 0; i < len(p); i++ {
		if c := p[i]; c >= '0' && c <= '9' {
			digit = true
		} else {
			letters++
		}
	}
	switch {
	case !digit:
		k.buf = append(k.buf, p...)
	case letters == 0:
		k.placeholder("<n>")
	default:
		k.placeholder("<id>")
	}
}

// placeholder writes a placeholder, merged with the one before when only
// signs and separators stand between them, and taking a sign before it.
func (k *keyWriter) placeholder(ph string) {
	n := len(k.buf)
	if n > 0 && (k.buf[n-1] == '-' || k.buf[n-1] == '+') && (n == 1 || !isWordByte(k.buf[n-2]) || k.buf[n-2] == '_') {
		n--
	}
	if k.end > 0 && k.end <= n && onlySeparators(k.buf[k.end:n]) {
		if ph == "<id>" && string(k.buf[k.ph:k.end]) == "<n>" {
			k.buf = append(k.buf[:k.ph], ph...)
		} else {
			k.buf = k.buf[:k.end]
		}
		k.end = len(k.buf)
		return
	}
	k.buf = append(k.buf[:n], ph...)
	k.ph, k.end = n, len(k.buf)
}

func onlySeparators(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', ',', '.', ':', '-', '_', '/', '+':
		default:
			return false
		}
	}
	return true
}

// unit tells whether w is a unit of size that follows a placeholder, and
// then drops it: "12 KB" and "3 B" are one pattern.
func (k *keyWriter) unit(w string) bool {
	switch w {
	case "B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "kB":
	default:
		return false
	}
	n := len(k.buf)
	if n > 0 && k.buf[n-1] == ' ' {
		n--
	}
	if k.end == 0 || k.end != n {
		return false
	}
	k.buf = k.buf[:n]
	return true
}

// httpVersion tells whether the word being written follows "HTTP/", and
// makes the status after it kept.
func (k *keyWriter) httpVersion() bool {
	n := len(k.buf)
	if n < 5 || !strings.EqualFold(string(k.buf[n-5:]), "http/") {
		return false
	}
	k.prev = "http"
	return true
}

// keepsNumber tells whether the number w after the word prev is kept:
// an HTTP status after a word that announces one, or an error code.
func keepsNumber(prev, w, rest string) bool {
	switch strings.ToLower(prev) {
	case "http", "status", "found", "got", "returned", "error", "be", "statuscode", "status_code", "response":
		return len(w) == 3
	case "was", "is":
		return len(w) == 3 && w[0] >= '1' && w[0] <= '5' && !startsWithUnit(rest)
	case "code", "error_code", "errorcode", "errcode", "err_code":
		return true
	}
	return false
}

// startsWithUnit tells whether rest starts with a unit of size or time.
func startsWithUnit(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	end := 0
	for end < len(rest) && isWordByte(rest[end]) {
		end++
	}
	switch rest[:end] {
	case "B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "kB", "ms", "s", "bytes", "seconds", "milliseconds":
		return true
	}
	return false
}

// isStatusClass tells whether w is a class of HTTP statuses: 2XX, 4xx.
func isStatusClass(w string) bool {
	return len(w) == 3 && w[0] >= '1' && w[0] <= '5' && (w[1] == 'X' && w[2] == 'X' || w[1] == 'x' && w[2] == 'x')
}

// isDateName tells whether w names a month or a day of the week.
func isDateName(w string) bool {
	if len(w) < 3 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	switch w[:3] {
	case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun":
		return len(w) == 3 || strings.HasSuffix(w, "day") || strings.HasSuffix(w, "ber") ||
			strings.HasSuffix(w, "uary") || w == "March" || w == "April" || w == "June" || w == "July" || w == "August"
	}
	return false
}

// datePart tells whether what follows a month or day name continues a
// date: a number, or another such name ("Fri Jun 17", "Mon, 02 Jan").
func datePart(rest string) bool {
	rest = strings.TrimLeft(rest, ", ")
	if rest == "" {
		return false
	}
	if rest[0] >= '0' && rest[0] <= '9' {
		return true
	}
	end := 0
	for end < len(rest) && isWordByte(rest[end]) {
		end++
	}
	return isDateName(rest[:end]) && datePart(rest[end:])
}

// hexParts tells whether every part of w is a short hex number: a MAC or
// IPv6 address, 00:a2:ee:1a:71:8c.
func hexParts(w string) bool {
	n := 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c == ':' || c == '-':
			n = 0
		case c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F':
			if n++; n > 4 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// PatternKey is the key under which the aggregate counts a failure
// message (see PatternCount.Keys): the masked message, or "(no message)",
// through Pattern.
func PatternKey(msg string, mask func(string) string) string {
	if msg == "" {
		msg = noMessage
	}
	if mask != nil {
		msg = mask(msg)
	}
	return Pattern(msg)
}

// noMessage stands for a failure without a message, as in addPattern.
const noMessage = "(no message)"
