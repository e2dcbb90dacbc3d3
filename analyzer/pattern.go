package analyzer

import (
	"strings"
)

// Pattern masks the variable parts of a failure message so that messages
// that differ only in them group together: quoted values become '…',
// timestamps <time>, ids and numbers <id> and <n>, addresses <ip>. HTTP
// status codes ("HTTP 503", "found 501") are kept: they tell groups apart.
func Pattern(msg string) string {
	msg = strings.TrimSpace(msg)
	if len(msg) > maxPatternInput {
		msg = msg[:maxPatternInput]
	}
	var b strings.Builder
	b.Grow(len(msg))
	prev := ""
	for i := 0; i < len(msg); {
		c := msg[i]
		switch {
		case c == '\'' || c == '"':
			if j := strings.IndexByte(msg[i+1:], c); j >= 0 && j < 200 {
				b.WriteByte(c)
				b.WriteString("…")
				b.WriteByte(c)
				i += j + 2
				prev = ""
				continue
			}
			b.WriteByte(c)
			i++
		case isWordByte(c):
			j := i
			for j < len(msg) && (isWordByte(msg[j]) || (msg[j] == '.' || msg[j] == ':' || msg[j] == '-') && j+1 < len(msg) && isWordByte(msg[j+1])) {
				j++
			}
			word := msg[i:j]
			b.WriteString(maskWord(word, prev))
			prev = strings.ToLower(word)
			i = j
		default:
			b.WriteByte(c)
			if c != ' ' {
				prev = ""
			}
			i++
		}
	}
	return collapseSpaces(b.String())
}

const maxPatternInput = 1024

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// maskWord masks one word of a message; prev is the word before it, lower case.
func maskWord(w, prev string) string {
	digits, letters, seps := 0, 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == ':' || c == '-':
			seps++
		default:
			letters++
		}
	}
	switch {
	case digits == 0:
		return w
	case letters == 0 && seps == 0 && len(w) == 3 && isStatusContext(prev):
		return w
	case letters == 0 && strings.Count(w, ".") == 3:
		return "<ip>"
	case len(w) >= 10 && w[4] == '-' && strings.ContainsAny(w, "T:") && letters <= 2:
		return "<time>"
	case letters == 0 && seps == 0:
		return "<n>"
	case letters == 0:
		return "<n>"
	case isVersion(w) && seps == 0:
		return w
	}
	return "<id>"
}

// isStatusContext tells whether the word before a three-digit number
// makes it an HTTP status.
func isStatusContext(prev string) bool {
	switch prev {
	case "http", "status", "code", "found", "got", "returned", "error", "be", "statuscode", "status_code":
		return true
	}
	return false
}

func collapseSpaces(s string) string {
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\n\t\r") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
