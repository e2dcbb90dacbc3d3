package analyzer

import "strings"

// FoldEndpoint turns a raw path or URL into its pattern: scheme, host,
// credentials, query and fragment dropped, ids folded to {id}, version
// segments (v2) kept. "/trunks/TR7C02CC0F/phone-numbers" becomes
// "/trunks/{id}/phone-numbers".
func FoldEndpoint(raw string) string {
	return string(appendFolded(nil, raw))
}

// appendFolded appends the pattern of raw to dst without allocating when
// dst has room. It runs for every request: one pass over the path tells
// each segment's digits and '@' as it goes, where splitting first and
// asking isID of each segment would read the path three times.
func appendFolded(dst []byte, raw string) []byte {
	p := raw
	if p != "" && (asciiSpace(p[0]) || asciiSpace(p[len(p)-1]) || p[0] >= 0x80 || p[len(p)-1] >= 0x80) {
		p = strings.TrimSpace(p)
	}
	if i := strings.IndexByte(p, ':'); i >= 0 && strings.HasPrefix(p[i:], "://") {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		} else {
			p = "/"
		}
	}
	start, digits, at := 0, false, false
	for i := 0; i < len(p); i++ {
		switch pathBytes[p[i]] {
		case 0:
		case pathSlash:
			dst = appendSegment(dst, p[start:i], digits, at)
			dst = append(dst, '/')
			start, digits, at = i+1, false, false
		case pathDigit:
			digits = true
		case pathAt:
			at = true
		case pathEnd:
			return appendSegment(dst, p[start:i], digits, at)
		}
	}
	return appendSegment(dst, p[start:], digits, at)
}

// The bytes of a path appendFolded tells apart; the others are 0.
const (
	pathSlash = 1 + iota
	pathDigit
	pathAt
	pathEnd // '?' or '#': the query or fragment starts
)

// pathBytes classes each byte for appendFolded: one load per byte.
var pathBytes = [256]uint8{'/': pathSlash, '0': pathDigit, '1': pathDigit, '2': pathDigit, '3': pathDigit,
	'4': pathDigit, '5': pathDigit, '6': pathDigit, '7': pathDigit, '8': pathDigit, '9': pathDigit,
	'@': pathAt, '?': pathEnd, '#': pathEnd}

// appendSegment appends a path segment, or {id} when it is one (see isID;
// digits and at tell whether it holds a digit and an '@').
func appendSegment(dst []byte, seg string, digits, at bool) []byte {
	if seg == "" || !digits && !at && seg[0] != '{' && seg[0] != ':' && seg[0] != '+' {
		return append(dst, seg...) // no id: the most common case, asked first
	}
	if seg == "{id}" || isVersion(seg) {
		return append(dst, seg...)
	}
	return append(dst, "{id}"...)
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
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

// foldByPosition folds the ids that have no digits (placeholder ids such
// as TR_test_dummy, user names, slugs), which only the other endpoints
// can tell from names. A segment s that follows a collection name c (a
// name, not an id or a version) is an id when
//   - other endpoints with the same segments around it have {id} there:
//     /trunks/{id}/phone-numbers beside /trunks/TR_test_dummy/phone-numbers;
//   - or other names there, and c is requested on its own: /users/alice
//     and /users/bob beside /users (but not /api/users and /api/orders);
//   - or
//   - c is requested on its own (/trunks) and s has two or more
//     sub-resources (/trunks/s/phone-numbers, /trunks/s/settings): s is
//     a member of the collection c.
//
// A segment that is a collection name elsewhere (followed by {id}) is
// never folded. The result depends on the set of patterns only, not on
// their order; it maps each pattern that changes to its folded form.
func foldByPosition(patterns []string) map[string]string {
	segs := make([][]string, len(patterns))
	for i, p := range patterns {
		segs[i] = strings.Split(p, "/")
	}
	for round := 0; round < 8; round++ { // each round folds at least one position
		if !foldRound(segs) {
			break
		}
	}
	out := map[string]string{}
	for i, p := range patterns {
		if f := strings.Join(segs[i], "/"); f != p {
			out[p] = f
		}
	}
	return out
}

// foldRound folds, in every pattern at once, the positions the patterns
// as they stand show to be ids; it tells whether any changed.
func foldRound(segs [][]string) bool {
	collections := map[string]bool{} // names followed by {id}
	requested := map[string]bool{}   // whole patterns, to know c is requested on its own
	for _, s := range segs {
		requested[strings.Join(s, "/")] = true
		for i := 1; i < len(s); i++ {
			if s[i] == "{id}" && isName(s[i-1]) {
				collections[s[i-1]] = true
			}
		}
	}
	values := map[string]map[string]bool{}   // pattern with a hole at i -> segments seen there
	children := map[string]map[string]bool{} // prefix through s -> the segments after it
	for _, s := range segs {
		for i := 1; i < len(s); i++ {
			if !isName(s[i-1]) || isVersion(s[i]) || s[i] == "" {
				continue
			}
			k := holeKey(s, i)
			if values[k] == nil {
				values[k] = map[string]bool{}
			}
			values[k][s[i]] = true
			if i+1 < len(s) && s[i] != "{id}" {
				pk := strings.Join(s[:i+1], "/")
				if children[pk] == nil {
					children[pk] = map[string]bool{}
				}
				children[pk][s[i+1]] = true
			}
		}
	}
	changed := false
	var fold [][2]int
	for n, s := range segs {
		for i := 1; i < len(s); i++ {
			if s[i] == "{id}" || s[i] == "" || !isName(s[i-1]) || isVersion(s[i]) || collections[s[i]] {
				continue
			}
			vals := values[holeKey(s, i)]
			listed := requested[strings.Join(s[:i], "/")]
			varies := len(vals) >= 2 && (vals["{id}"] || listed)
			member := listed && len(children[strings.Join(s[:i+1], "/")]) >= 2
			if varies || member {
				fold = append(fold, [2]int{n, i})
			}
		}
	}
	for _, f := range fold {
		segs[f[0]][f[1]] = "{id}"
		changed = true
	}
	return changed
}

// holeKey is the pattern s with its segment i left out.
func holeKey(s []string, i int) string {
	return strings.Join(s[:i], "/") + "/\x00/" + strings.Join(s[i+1:], "/")
}

// isName tells whether a segment names a collection: not empty, not an
// id, not a version.
func isName(s string) bool { return s != "" && s != "{id}" && !isID(s) && !isVersion(s) }
