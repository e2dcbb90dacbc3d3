package analyzer

import "strings"

// FoldEndpoint turns a raw path or URL into its pattern: scheme, host,
// credentials, query and fragment dropped, ids folded to {id}, version
// segments (v2) kept. "/trunks/TR7C02CC0F/phone-numbers" becomes
// "/trunks/{id}/phone-numbers".
func FoldEndpoint(raw string) string {
	return string(appendFolded(nil, raw))
}

// appendFolded appends the pattern of raw to dst, segment by segment,
// without allocating when dst has room.
func appendFolded(dst []byte, raw string) []byte {
	p := strings.TrimSpace(raw)
	if i := strings.IndexByte(p, ':'); i >= 0 && strings.HasPrefix(p[i:], "://") {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		} else {
			p = "/"
		}
	}
	for i := 0; i < len(p); i++ {
		if p[i] == '?' || p[i] == '#' {
			p = p[:i]
			break
		}
	}
	for first := true; ; first = false {
		seg, rest, more := p, "", false
		if i := strings.IndexByte(p, '/'); i >= 0 {
			seg, rest, more = p[:i], p[i+1:], true
		}
		if !first {
			dst = append(dst, '/')
		}
		if isID(seg) {
			dst = append(dst, "{id}"...)
		} else {
			dst = append(dst, seg...)
		}
		if !more {
			return dst
		}
		p = rest
	}
}

// isID tells whether a path segment is an identifier rather than a name:
// numbers, UUIDs, mixed letters and digits (TR7C02CC0F, acme1), phone
// numbers, addresses and template variables ({{trunk_sid}}, :id).
func isID(s string) bool {
	if s == "" || s == "{id}" || isVersion(s) {
		return false
	}
	if s[0] == '{' || s[0] == ':' || s[0] == '+' {
		return true
	}
	digits := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = true
		case c == '@':
			return true
		}
	}
	return digits
}

// isVersion matches API version segments: v1, v2, V10, v1.2, v2beta.
func isVersion(s string) bool {
	if len(s) < 2 || (s[0] != 'v' && s[0] != 'V') || s[1] < '0' || s[1] > '9' {
		return false
	}
	return len(s) <= 8
}
