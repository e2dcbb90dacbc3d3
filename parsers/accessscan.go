package parsers

import "bytes"

// The scanning steps the text access logs share (CLF, ALB, Envoy). Their
// lines are runs of short fields and a few longer quoted ones: a call of
// bytes.IndexByte pays on a long part (a path, a user agent) and costs
// more than a plain loop on a field of a few bytes ("-", a status), so
// each step below uses the one that fits what it mostly meets.

// timeOpen returns the index of the first " [" in line, -1 if none:
// the bracket is looked for, as it is rarer than the space.
func timeOpen(line []byte) int {
	for from := 0; ; {
		j := bytes.IndexByte(line[from:], '[')
		if j < 0 {
			return -1
		}
		j += from
		if j > 0 && line[j-1] == ' ' {
			return j - 1
		}
		from = j + 1
	}
}

// quoteEnd returns the index of the quote that closes the one at b[i],
// skipping backslash escapes (Apache writes \" and \\; nginx writes \x22).
// The first bytes are looked at one by one ("-" is the most common
// quoted value); past them, the next quote ends the part unless a
// backslash comes before it.
func quoteEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
			continue
		case '"':
			return i
		}
		if i+1 < len(b) && b[i+1] != '"' && b[i+1] != '\\' {
			return quoteEndLong(b, i+1)
		}
	}
	return -1
}

// quoteEndLong is quoteEnd from b[i] on, a quoted part's inside.
func quoteEndLong(b []byte, i int) int {
	for i < len(b) {
		q := bytes.IndexByte(b[i:], '"')
		if q < 0 {
			return -1
		}
		if !hasBackslash(b[i : i+q]) {
			return i + q
		}
		i += bytes.IndexByte(b[i:i+q], '\\') + 2 // the backslash and the byte it escapes
	}
	return -1
}

// hasBackslash tells whether b holds one.
func hasBackslash(b []byte) bool {
	if len(b) >= 16 {
		return bytes.IndexByte(b, '\\') >= 0
	}
	for _, c := range b {
		if c == '\\' {
			return true
		}
	}
	return false
}

// cutField returns the bytes up to the next space and what follows it.
// The fields it cuts are short: a status, a size, Envoy's flags.
func cutField(b []byte) ([]byte, []byte) {
	for i, c := range b {
		if c == ' ' {
			return b[:i], b[i+1:]
		}
	}
	return b, nil
}

// nextToken returns the next space-separated field, a quoted part
// (`"a b"`, `k="a b"`) kept whole, and what follows it.
func nextToken(b []byte) ([]byte, []byte) {
	for len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case ' ':
			return b[:i], b[i+1:]
		case '"':
			if i = quoteEnd(b, i); i < 0 {
				return b, nil
			}
		}
	}
	return b, nil
}
