package analyzer

import (
	"encoding/base64"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// detector finds one shape of secret and returns where its secrets are;
// the rest of the text is kept, so the report still says what was hidden
// ("Authorization: Basic ****").
type detector struct {
	name string
	// hints are lower-case strings of which the text must hold one for
	// find to run at all: most texts hold no secret, and finding is slow.
	hints []string
	// needs, when set, holds bytes of which the text must hold one (the
	// separators of keys and values).
	needs string
	// find returns the secrets of s (lower is s lower-cased), in order,
	// not overlapping.
	find func(s, lower string) []hidden
	// learn, when set, returns the secrets a found one reveals, to be
	// hidden wherever else they appear in the run.
	learn func(secret string) []string
}

// hidden is where a secret is in a text.
type hidden struct{ from, to int }

// detectors is the masker's list, in order: blocks and headers first,
// since they cover what the key and token shapes would only cut. The
// shapes follow the public rule sets of secret scanners (gitleaks,
// trufflehog), written again for errpat's texts.
var detectors = []detector{
	{name: "private key block", hints: []string{"private key"},
		find: regexFind(`(?s)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?P<s>.*?)(?:-----END|$)`, nil)},
	{name: "credential header", hints: headerKeys, needs: ":=",
		find: keyFinder(headerKeys, false, headerValue), learn: basicCredentials},
	{name: "header list entry", hints: []string{`"value"`},
		find:  regexFind(`(?i)"(?:key|name)"\s*:\s*"(?:`+headerList+`)"\s*,\s*"value"\s*:\s*"`+scheme+`(?P<s>(?:[^"\\]|\\.)*)`, nil),
		learn: basicCredentials},
	{name: "authorization scheme", hints: []string{"basic ", "bearer ", "token "},
		find:  regexFind(`(?i)\b(?:basic|bearer|token)\s+(?P<s>[A-Za-z0-9._~+/=-]{8,})`, plainSchemeWord),
		learn: basicCredentials},
	{name: "URL user information", hints: []string{"://"}, needs: "@",
		find:  regexFind(`(?i)\b[a-z][a-z0-9+.-]*://(?P<s>[^/\s:@"'<>?#\\]+)(?::(?P<s>[^/\s"'<>?#\\]*))?@`, nil),
		learn: oneSecret},
	{name: "user and password before a host", hints: []string{"@"}, needs: ":",
		find: regexFind(`(?i)(?:^|[\s"'(=<,\[])(?P<s>[a-z0-9._~%!$+-]{3,}):(?P<s>[^\s/:@"'<>]{3,})@`+
			`(?:localhost|[0-9]{1,3}(?:\.[0-9]{1,3}){3}|(?:[a-z0-9-]+\.)+[a-z]{2,})`, nil),
		learn: oneSecret},
	{name: "credentials taken for a port", hints: []string{"nonnumeric port"},
		find:  regexFind(`(?i)nonnumeric port: ?\\?['"](?P<s>[^'"@\s]+)@`, nil),
		learn: oneSecret},
	{name: "value of a secret key", hints: secretKeys, needs: ":=",
		find: keyFinder(secretKeys, false, secretValue)},
	{name: "query signature", hints: []string{"key=", "sig", "x-amz-", "x-goog-", "code="}, needs: "=",
		find: regexFind(`(?i)[?&;](?:key|sig|signature|code|x-amz-credential|x-amz-security-token|x-goog-credential|awsaccesskeyid)=(?P<s>[^&\s"'#<>]+)`, nil)},
	{name: "Digest response", hints: []string{"response="},
		find: regexFind(`(?i)\bresponse=\\?"?(?P<s>[0-9a-f]{16,})`, nil)},
	{name: "JSON web token", hints: []string{"eyj"},
		find: regexFind(tokenStart+`(?P<s>ey[A-Za-z0-9_-]{10,}\.ey[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*)`, nil)},
	{name: "cloud access key id", hints: []string{"akia", "asia", "abia", "acca", "a3t"},
		find: regexFind(tokenStart+`(?P<s>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?:$|[^A-Za-z0-9])`, nil)},
	{name: "code host token", hints: []string{"gh", "github_pat_", "gl"},
		find: regexFind(tokenStart+`(?P<s>gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|gl(?:pat|ptt|rt|dt|ft|soat|agent|oas|imt|ffct|cbt)-[A-Za-z0-9_.-]{20,})`, nil)},
	{name: "chat platform token", hints: []string{"xox", "xapp-", "hooks.slack.com"},
		find: regexFind(`(?i)`+tokenStart+`(?P<s>xox[abeoprs]-[A-Za-z0-9-]{10,}|xapp-[0-9]-[A-Za-z0-9-]{10,})|hooks\.slack\.com/services/(?P<s>[A-Za-z0-9/]+)`, nil)},
	{name: "prefixed API key", hints: []string{"k_live_", "k_test_", "sk-", "aiza", "npm_", "pypi-", "sg.", "_v1_", "shp", "hf_", "lin_api_"},
		find: regexFind(tokenStart+`(?P<s>[sr]k_(?:live|test)_[A-Za-z0-9]{10,}|sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{30,}|npm_[A-Za-z0-9]{30,}|`+
			`pypi-[A-Za-z0-9_-]{40,}|SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}|do[opr]_v1_[a-f0-9]{32,}|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|`+
			`hf_[A-Za-z]{30,}|lin_api_[A-Za-z0-9]{30,})`, nil)},
	{name: "random value of a key-like name", hints: randomKeys, needs: ":=",
		find: keyFinder(randomKeys, true, randomValue)},
}

// Parts of the regular expressions.
const (
	// headerList names, in a list of headers or fields ({"key": name,
	// "value": …} in newman and Postman, {"name": …} in HAR), the entries
	// whose value is a secret.
	headerList = `(?:proxy-)?authorization|(?:set-)?cookie|[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|session[_-]?id|signature)`
	// tokenStart is where a token with a known prefix may start: not
	// inside a word, but after an underscore (REJECTED_sk_live_…), which
	// \b would not allow.
	tokenStart = `(?:^|[^A-Za-z0-9])`
	// scheme is an Authorization scheme, kept in front of the mask.
	scheme = `(?:(?:basic|bearer|digest|token|apikey|negotiate|ntlm|aws4-hmac-sha256)\s+)?`
)

// The words that end a key whose value is hidden (see keyFinder).
var (
	// headerKeys are headers whose whole value is a credential, spaces
	// included (schemes, Digest parameters, cookie lists).
	headerKeys = []string{"authorization", "cookie"}
	// secretKeys end a key whose value is a secret whatever it looks
	// like: password, client_secret, X-Auth-Token, X-Api-Key, sid, ...
	secretKeys = []string{"password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "api_key", "api-key",
		"session_id", "session-id", "sessionid", "sessid", "signature", "credential", "credentials", "cookie", "key", "auth", "sid"}
	// randomKeys are in a key whose value is hidden when it looks random.
	randomKeys = []string{"key", "auth", "cred", "secret", "token", "pass", "sig", "hash", "nonce", "salt", "private"}
)

// schemes are the Authorization schemes kept in front of the mask.
var schemes = []string{"basic", "bearer", "digest", "token", "apikey", "negotiate", "ntlm", "aws4-hmac-sha256"}

// runDetectors applies every detector to s in turn, adding to learned
// the secrets they reveal. g holds the byte pairs of s: a detector whose
// hints are not all in it does not run.
func runDetectors(s string, g *grams, learned *[]string) string {
	lower := ""
	for i := range detectors {
		d := &detectors[i]
		if d.needs != "" && !strings.ContainsAny(s, d.needs) || !g.mayHoldAny(d.hints) {
			continue
		}
		if lower == "" {
			lower = asciiLower(s)
		}
		if !containsAny(lower, d.hints...) {
			continue
		}
		if out, changed := d.apply(s, lower, learned); changed {
			s, lower = out, ""
		}
	}
	return s
}

// apply masks the secrets that d finds in s.
func (d *detector) apply(s, lower string, learned *[]string) (string, bool) {
	spans := d.find(s, lower)
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		v := s[sp.from:sp.to]
		if sp.from < last || v == Masked || v == "" {
			continue
		}
		if d.learn != nil {
			*learned = append(*learned, d.learn(v)...)
		}
		b.WriteString(s[last:sp.from])
		b.WriteString(Masked)
		last = sp.to
	}
	if last == 0 {
		return s, false
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// regexFind returns a finder of the groups named "s" of expr, in matches
// that keep (when set) does not keep.
func regexFind(expr string, keep func(text string, loc []int) bool) func(s, lower string) []hidden {
	re := regexp.MustCompile(expr)
	names := re.SubexpNames()
	return func(s, _ string) []hidden {
		var out []hidden
		for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
			if keep != nil && keep(s, loc) {
				continue
			}
			for g := 1; g < len(names); g++ {
				if names[g] == "s" && loc[2*g] >= 0 {
					out = append(out, hidden{loc[2*g], loc[2*g+1]})
				}
			}
		}
		return out
	}
}

// keyFinder returns a finder of the values of keys ending in one of
// words, in every syntax a client writes a key and a value: JSON
// ("password": "x", and \"password\": \"x\" inside a JSON string),
// Python ('password': 'x', password='x'), form and query (token=x&),
// headers and YAML (X-Api-Key: x). value reads the value after the
// separator. With inName, the word may be anywhere in the key's name
// (password_hash), else it ends the name.
func keyFinder(words []string, inName bool, value func(s string, at int, k keyAt) (hidden, bool)) func(s, lower string) []hidden {
	return func(s, lower string) []hidden {
		var out []hidden
		for _, w := range words {
			for i := 0; ; {
				j := strings.Index(lower[i:], w)
				if j < 0 {
					break
				}
				start := i + j
				i = start + len(w)
				end := i
				for inName && end < len(s) && isNameByte(s[end]) && end-start < maxKeyName {
					end++
				}
				k, ok := readKey(s, start, end, w)
				if !ok {
					continue
				}
				if sp, ok := value(s, k.value, k); ok {
					out = append(out, sp)
					i = max(i, sp.to) // the value is hidden whole: no key inside it counts
				}
			}
		}
		slices.SortFunc(out, func(a, b hidden) int { return a.from - b.from })
		return out
	}
}

// keyAt is a key found in a text and the separator after it.
type keyAt struct {
	lineStart bool // the key starts its line (YAML, a header block)
	quoted    bool // the key was in quotes
	colon     bool // the separator is a colon
	space     bool // white space follows the separator
	value     int  // where the value starts
	password  bool // the key is a password: what follows is one, even in prose
}

// maxKeyName bounds how far back a key's name and its indent are read,
// so that a long run of name bytes holding many key words costs no more
// than a linear scan.
const maxKeyName = 64

// readKey checks that the word at s[start:end] ends a key (its name may
// begin before it) and reads the separator that follows.
func readKey(s string, start, end int, word string) (keyAt, bool) {
	k := keyAt{password: strings.HasPrefix(word, "pass") || word == "pwd"}
	name := start
	for name > 0 && isNameByte(s[name-1]) && start-name < maxKeyName {
		name--
	}
	afterSeparator := name < start && strings.IndexByte("_.-", s[start-1]) >= 0
	switch {
	case word == "key" && !afterSeparator: // api_key, x-api-key; not monkey, nor Postman's "key"
		return k, false
	case word == "auth" && name < start && !afterSeparator: // auth, x-auth; not oauth
		return k, false
	case word == "sid" && name < start: // sid; not trunk_sid (an id)
		return k, false
	}
	line := name
	for line > 0 && (s[line-1] == ' ' || s[line-1] == '\t' || s[line-1] == '-') && name-line < maxKeyName {
		line--
	}
	k.lineStart = line == 0 || s[line-1] == '\n' || s[line-1] == '\r'
	i := end
	if i < len(s) && s[i] == '\\' && i+1 < len(s) && s[i+1] == '"' {
		i, k.quoted = i+2, true
	} else if i < len(s) && (s[i] == '"' || s[i] == '\'') {
		i, k.quoted = i+1, true
	}
	i = skipBlanks(s, i)
	switch {
	case strings.HasPrefix(s[i:], "=>"):
		i += 2
	case i < len(s) && s[i] == '=':
		i++
	case i < len(s) && s[i] == ':':
		i, k.colon = i+1, true
	default:
		return k, false
	}
	j := skipBlanks(s, i)
	k.space, k.value = j > i, j
	return k, true
}

// headerValue reads the value of a credential header: quoted, or the rest
// of its line; a scheme word in front is kept.
func headerValue(s string, at int, _ keyAt) (hidden, bool) {
	if sp, ok := quotedValue(s, at); ok {
		return skipScheme(s, sp), true
	}
	if at < len(s) && (s[at] == '{' || s[at] == '[') {
		return hidden{}, false // an object or a list: its own keys tell
	}
	end := at
	for end < len(s) && !strings.ContainsRune("\r\n\"'\\", rune(s[end])) {
		end++
	}
	for end > at && (s[end-1] == ' ' || s[end-1] == '\t') {
		end--
	}
	return skipScheme(s, hidden{at, end}), end > at
}

// secretValue reads the value of a secret key. A word after "key: " in
// the middle of a line is prose ("Invalid token: expired"), kept unless
// it looks like a secret or the key is a password; quoted values, values
// after "=" or at the start of a line (YAML, headers) are always hidden.
func secretValue(s string, at int, k keyAt) (hidden, bool) {
	if sp, ok := quotedValue(s, at); ok {
		return sp, true
	}
	end := at
	for end < len(s) && !isBareStop(s[end]) {
		end++
	}
	if end == at {
		return hidden{}, false
	}
	if k.colon && k.space && !k.lineStart && !k.quoted && !k.password && !looksSecret(s[at:end]) {
		return hidden{}, false
	}
	return hidden{at, end}, true
}

// randomValue reads a value that looks random, after a key-like name.
func randomValue(s string, at int, _ keyAt) (hidden, bool) {
	if at < len(s) && (s[at] == '"' || s[at] == '\'') {
		at++
	} else if strings.HasPrefix(s[at:], `\"`) {
		at += 2
	}
	end := at
	for end < len(s) && isTokenByte(s[end]) {
		end++
	}
	v := s[at:end]
	if len(v) < 16 || entropy(v) < 3.5 || !hasDigit(v) || strings.IndexFunc(v, isLetter) < 0 {
		return hidden{}, false // gitleaks' generic rule asks the same 3.5 bits a character
	}
	return hidden{at, end}, true
}

// quotedValue reads a value in double quotes, single quotes, or double
// quotes escaped inside a JSON string; a value cut short runs to the end
// of the text.
func quotedValue(s string, at int) (hidden, bool) {
	switch {
	case strings.HasPrefix(s[at:], `\"`):
		end := strings.Index(s[at+2:], `\"`)
		if end < 0 {
			return hidden{at + 2, len(s)}, true
		}
		return hidden{at + 2, at + 2 + end}, true
	case at < len(s) && (s[at] == '"' || s[at] == '\''):
		q := s[at]
		i := at + 1
		for i < len(s) && s[i] != q {
			if s[i] == '\\' {
				i++
			}
			i++
		}
		return hidden{at + 1, min(i, len(s))}, true
	}
	return hidden{}, false
}

// skipScheme leaves a leading Authorization scheme out of a value.
func skipScheme(s string, sp hidden) hidden {
	v := s[sp.from:sp.to]
	for _, sc := range schemes {
		if len(v) > len(sc) && strings.EqualFold(v[:len(sc)], sc) && (v[len(sc)] == ' ' || v[len(sc)] == '\t') {
			from := skipBlanks(s, sp.from+len(sc))
			return hidden{min(from, sp.to), sp.to}
		}
	}
	return sp
}

// asciiLower lower-cases the ASCII letters of s only, so that indexes
// in it are indexes in s.
func asciiLower(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= 'A' && r <= 'Z' })
	if i < 0 {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

func isTokenByte(c byte) bool { return isNameByte(c) || c == '+' || c == '/' || c == '=' || c == '~' }

// isBareStop ends an unquoted value.
func isBareStop(c byte) bool {
	return c <= ' ' || strings.IndexByte("\"'\\,;&{}[]<>()", c) >= 0
}

// oneSecret learns the secret itself.
func oneSecret(v string) []string { return []string{v} }

// basicCredentials learns a credential value; when it is base64 of
// "user:password" (a Basic header), it learns the user and the password
// too, since clients also put them in URLs and error texts.
func basicCredentials(v string) []string {
	out := []string{v}
	tok := v
	if i := strings.LastIndexByte(tok, ' '); i >= 0 {
		tok = tok[i+1:]
	}
	if user, pass, ok := decodeBasic(tok); ok {
		return append(out, tok, user, pass)
	}
	return out
}

// decodeBasic decodes the credentials of a Basic header.
func decodeBasic(tok string) (user, pass string, ok bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		raw, err := enc.DecodeString(tok)
		if err != nil || !utf8.Valid(raw) {
			continue
		}
		if user, pass, ok := strings.Cut(string(raw), ":"); ok {
			return user, pass, true
		}
	}
	return "", "", false
}

// plainSchemeWord keeps "basic plan" or "Bearer authentication": a scheme
// word followed by a word, not by a credential.
func plainSchemeWord(text string, loc []int) bool {
	v := text[loc[2]:loc[3]]
	if strings.EqualFold(text[loc[0]:loc[0]+5], "basic") {
		if _, _, ok := decodeBasic(v); ok {
			return false
		}
	}
	return !looksSecret(v)
}

// looksSecret tells a credential from a word: long enough, with digits or
// mixed case or symbols, and not an upper-case error code (AUTH_FAILED).
func looksSecret(v string) bool {
	if len(v) < 6 || strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == "" {
		return false
	}
	if hasDigit(v) || strings.ContainsAny(v, "+/=_~") {
		return true
	}
	return strings.ToLower(v[1:]) != v[1:] && strings.ToUpper(v) != v
}

// entropy is the Shannon entropy of s in bits per byte.
func entropy(s string) float64 {
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	h, n := 0.0, float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
