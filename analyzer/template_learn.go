package analyzer

import (
	"slices"
	"strings"
)

// tokenizeKey cuts a key into words, placeholders and signs. Paths and
// key=value pairs come apart into their parts; a dotted or dashed name
// (a host, a class, blk_<n>) is one word, a variable one if it holds a
// placeholder, so that names of any length take one position.
func tokenizeKey(k string) []token {
	toks := make([]token, 0, len(k)/4+1)
	space := false
	for i := 0; i < len(k); {
		c := k[i]
		if c == ' ' {
			space = true
			i++
			continue
		}
		j, ph := wordEnd(k, i)
		if j == i {
			j = i + 1
		}
		toks = append(toks, token{s: k[i:j], at: i, space: space, ph: ph})
		i = j
		space = false
	}
	markFixed(toks)
	return collapseRepeats(collapseRuns(k, toks))
}

// collapseRuns makes each run of tokens without a space between them that
// holds a placeholder one variable token, after the names of keys it
// starts with ("AuthFail:sts:", "[line=", "icbi......"): a value such as
// LOCAL(<n>), <ip>, host:<n> or /v2/<id>/servers takes one position
// whatever its shape, as in Brain and Drain, which cut at spaces. A path
// without a placeholder is one word, so that paths of any depth take one
// position. Where that would leave no word, the tokens stay as they are.
func collapseRuns(k string, toks []token) []token {
	if !hasPlaceholder(toks) && !hasSlash(toks) {
		return toks
	}
	out := make([]token, 0, len(toks))
	word := false
	for a := 0; a < len(toks); {
		b := a + 1
		for b < len(toks) && !toks[b].space {
			b++
		}
		run := toks[a:b]
		a = b
		ph := hasPlaceholder(run)
		if !ph && (!hasSlash(run) || len(run) == 1) {
			out = append(out, run...)
			word = word || hasWord(run)
			continue
		}
		p := keyPrefix(run)
		q := len(run) - closers(run, p)
		for i := range run[:p] {
			t := run[i]
			t.fixed = t.fixed || isKeyName(t) // AuthFail:sts:<n> is not AssocFail:sts:<n>
			out = append(out, t)
		}
		word = word || p > 0 || !ph
		if p >= q { // only signs around the placeholder: [<ip>]
			out = append(out, run[p:]...)
			continue
		}
		// A path after a key is its value: cmp=com.example/.Main.
		joined := token{space: run[p].space, ph: ph, named: p > 0 && !isOpener(run[p-1].s)}
		for _, t := range run[p:q] {
			joined.fixed = joined.fixed || t.fixed
		}
		joined.at = run[p].at
		joined.s = k[joined.at : run[q-1].at+len(run[q-1].s)]
		out = append(out, joined)
		out = append(out, run[q:]...)
	}
	if !word {
		return toks
	}
	return out
}

func hasSlash(ts []token) bool {
	for _, t := range ts {
		if t.s == "/" {
			return true
		}
	}
	return false
}

// keyPrefix returns how many tokens at the start of run are kept: the
// opening signs, then the words of letters each followed by ':', '=' or
// dots. A name and a number alone after it are a host and port: kept
// whole in the value.
func keyPrefix(run []token) int {
	i := 0
	for i < len(run) && isOpener(run[i].s) {
		i++
	}
	n := i
	for j := i; j+1 < len(run) && isKeyName(run[j]); {
		k := j + 1
		switch run[k].s {
		case ":", "=":
			k++
		case ".":
			for k < len(run) && run[k].s == "." {
				k++
			}
			if k-j < 3 {
				return n
			}
		default:
			return n
		}
		j, n = k, k
	}
	if n == i+2 && run[i+1].s == ":" && n+1 == len(run)-closers(run, n) && run[n].s == "<n>" {
		return i // host:<n>
	}
	return n
}

// closers returns how many tokens at the end of run are kept after the
// value: punctuation, and the closing signs of the opening ones kept
// before it (from p on).
func closers(run []token, p int) int {
	open := 0
	for open < p && isOpener(run[open].s) {
		open++
	}
	n := 0
	for i := len(run) - 1; i > p; i-- {
		s := run[i].s
		switch {
		case s == "," || s == ";" || s == "." || s == ":" || s == "!" || s == "?":
		case open > 0 && len(s) == 1 && s[0] == closing(run[open-1].s[0]):
			open--
		default:
			return n
		}
		n++
	}
	return n
}

func isOpener(s string) bool {
	return len(s) == 1 && strings.IndexByte("([{'\"", s[0]) >= 0
}

func closing(c byte) byte {
	switch c {
	case '(':
		return ')'
	case '[':
		return ']'
	case '{':
		return '}'
	}
	return c
}

func isKeyName(t token) bool {
	if t.ph || t.s == "" {
		return false
	}
	for i := 0; i < len(t.s); i++ {
		if c := t.s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func hasWord(ts []token) bool {
	for _, t := range ts {
		if !t.ph && !isSign(t.s) {
			return true
		}
	}
	return false
}

// collapseRepeats keeps one of the same tokens repeated one after the
// other: lists of any length ("id=<id> id=<id> …") are one. A word where
// the pair before has a placeholder value repeats it: a value without a
// digit in a list of pairs (id=<id> id=DCECAD).
func collapseRepeats(toks []token) []token {
	if !hasPlaceholder(toks) {
		return toks
	}
	for n := 1; n <= maxRepeat; n++ {
		out := toks[:0] // in place: out never passes i
		for i := 0; i < len(toks); i++ {
			if len(out) >= n && i+n <= len(toks) && sameTokens(out[len(out)-n:], toks[i:i+n]) {
				if !hasPlaceholder(out[len(out)-n:]) {
					copy(out[len(out)-n:], toks[i:i+n]) // keep the placeholder
				}
				i += n - 1
				continue
			}
			out = append(out, toks[i])
		}
		toks = out
	}
	return toks
}

// maxRepeat is the longest run of tokens that collapseRepeats looks for.
const maxRepeat = 4

// sameTokens tells whether b repeats a, which holds a placeholder or is
// repeated by one.
func sameTokens(a, b []token) bool {
	if !hasPlaceholder(a) && !hasPlaceholder(b) || len(a) == 1 && a[0].s != b[0].s {
		return false // <*> <*>: two values, not a list
	}
	for i := range a {
		if a[i].value() != b[i].value() && !(i > 0 && a[i-1].s == "=" && pairValue(a[i], b[i])) || a[i].space != b[i].space && i > 0 {
			return false
		}
		if a[i].ph && b[i].ph && a[i].s != b[i].s && !(isPlaceholder(a[i].s) && isPlaceholder(b[i].s)) {
			return false // values of other shapes: in([<n>], <n>) is no list
		}
	}
	return true
}

// isPlaceholder tells whether s is one placeholder of the key, alone.
func isPlaceholder(s string) bool { return s != "" && keyPlaceholder(s) == s }

// pairValue tells whether a and b are values of the same pair: one a
// placeholder, the other a word.
func pairValue(a, b token) bool {
	if b.ph {
		a, b = b, a
	}
	return a.ph && !b.ph && !b.fixed && !isSign(b.s)
}

func hasPlaceholder(ts []token) bool {
	for _, t := range ts {
		if t.ph {
			return true
		}
	}
	return false
}

// wordEnd returns where the word at k[i:] ends (i: no word) and whether
// it holds a placeholder.
func wordEnd(k string, i int) (int, bool) {
	j, ph := i, false
	for j < len(k) {
		switch c := k[j]; {
		case isWordByte(c):
			j++
		case c == '<' && keyPlaceholder(k[j:]) != "":
			j += len(keyPlaceholder(k[j:]))
			ph = true
		case (c == '.' || c == '-') && j > i && j+1 < len(k) && (isWordByte(k[j+1]) || keyPlaceholder(k[j+1:]) != ""):
			j++
		default:
			return j, ph
		}
	}
	return j, ph
}

// keyPlaceholder returns the placeholder that s starts with, or "".
func keyPlaceholder(s string) string {
	for _, ph := range [...]string{"<n>", "<id>", "<ip>", "<time>"} {
		if strings.HasPrefix(s, ph) {
			return ph
		}
	}
	return ""
}

// markFixed marks the tokens that are never variables: numbers the key
// kept (statuses, error codes), status classes, HTTP methods and words
// alone in quotes.
func markFixed(toks []token) {
	for i := range toks {
		t := &toks[i]
		switch {
		case t.ph:
		case isDigits(t.s), isStatusClass(t.s), isMethod(t.s), isErrorName(t.s):
			t.fixed = true
		case i > 0 && i+1 < len(toks) && isQuote(toks[i-1].s) && toks[i+1].s == toks[i-1].s && !toks[i+1].space:
			t.fixed = isWordByte(t.s[0])
		case i > 0 && t.space && isWordByte(t.s[0]):
			t.named = namesNext(toks[i-1].s)
		}
	}
}

// isConstantName tells whether a word is a name in capitals, an enum's
// value or an error code (RUNNING, FAIL_TASK_CLEANUP, NOT_FOUND). Hex
// digits alone (DCECAD) are an id.
func isConstantName(s string) bool {
	hex := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'F':
		case c >= 'G' && c <= 'Z', c == '_':
			hex = false
		default:
			return false
		}
	}
	return len(s) >= 2 && !hex
}

// namesNext tells whether a word names the one after it, a value: a
// user or a host.
func namesNext(w string) bool {
	switch w {
	case "user", "User", "host", "Host", "hostname", "username":
		return true
	}
	return false
}

// isPastVerb tells whether a word reads as a verb in the past tense
// (Started, Paused, Resumed): what happened, the message itself.
func isPastVerb(s string) bool {
	if len(s) < 5 || !strings.HasSuffix(s, "ed") {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z'
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isErrorName tells whether a word names an exception or error class.
func isErrorName(s string) bool {
	return len(s) > 5 && (strings.HasSuffix(s, "Exception") || strings.HasSuffix(s, "Error"))
}

func isQuote(s string) bool { return s == "'" || s == `"` || s == "`" }

func isMethod(s string) bool {
	switch s {
	case "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS":
		return true
	}
	return false
}

// isSign tells whether a token is a single sign, not a word.
func isSign(s string) bool { return len(s) == 1 && !isWordByte(s[0]) }

// learnGroup learns the variables of keys of the same length.
func learnGroup(group []*keyTokens) {
	n := len(group[0].toks)
	freq := make([]map[string]int, n)
	for p := range freq {
		freq[p] = map[string]int{}
	}
	for _, kt := range group {
		for p, t := range kt.toks {
			freq[p][t.value()] += kt.count
		}
	}
	roots := map[string][]*keyTokens{}
	for _, kt := range group {
		kt.root = rootFrequency(kt, freq)
		sig := kt.rootSignature(freq)
		roots[sig] = append(roots[sig], kt)
	}
	for _, members := range roots {
		learnColumns(members, freq)
	}
}

// value is a token as the grouping sees it: every placeholder the same.
func (t token) value() string {
	if t.ph {
		return wild
	}
	return t.s
}

// rootFrequency is the frequency most of a key's tokens have (the
// higher when tied): the words it shares with the most keys.
func rootFrequency(kt *keyTokens, freq []map[string]int) int {
	byFreq := map[int]int{}
	best, bestN := 0, 0
	for p, t := range kt.toks {
		if isSign(t.s) {
			continue
		}
		f := freq[p][t.value()]
		byFreq[f]++
		if n := byFreq[f]; n > bestN || n == bestN && f > best {
			best, bestN = f, n
		}
	}
	return best
}

func (kt *keyTokens) rootSignature(freq []map[string]int) string {
	var b strings.Builder
	for p, t := range kt.toks {
		if freq[p][t.value()] == kt.root || isSign(t.s) {
			b.WriteString(t.value())
		}
		b.WriteByte(0)
	}
	return b.String()
}

// learnColumns marks, in keys that share their root words, the positions
// that take many values: those are variables, unless a key has a word
// there that many other keys share (a constant of its own), or the
// values go with those of another position one to one: "Creating image",
// "Terminating instance" are messages, not variables.
func learnColumns(members []*keyTokens, freq []map[string]int) {
	n := len(members[0].toks)
	var cols, split []int
	for p := 0; p < n; p++ {
		switch {
		case isVariableColumn(members, p):
			cols = append(cols, p)
		case len(columnValues(members, p)) > 1:
			split = append(split, p)
		}
	}
	kept := dropPhrases(members, slices.Clone(cols))
	for _, p := range cols {
		if !slices.Contains(kept, p) {
			split = append(split, p)
		}
	}
	if len(split) > 0 {
		for _, part := range splitBy(members, split) {
			learnColumns(part, freq)
		}
		return
	}
	for _, kt := range members {
		kt.vars = make([]bool, n)
	}
	for _, p := range kept {
		for _, kt := range members {
			if t := kt.toks[p]; !isSign(t.s) && !t.fixed && freq[p][t.value()] <= kt.root {
				kt.vars[p] = true
			}
		}
	}
	for _, kt := range members {
		kt.keepAWord()
	}
}

// splitBy parts members by their words at the positions given: the
// variables of each part are learned apart ("MDNS: IPV6 Addr: <id>" and
// "setup_keepalive: Remote IP: <ip>" are not one message with IPV6 and
// Remote its values).
func splitBy(members []*keyTokens, cols []int) [][]*keyTokens {
	parts := map[string][]*keyTokens{}
	var sigs []string
	for _, kt := range members {
		var b strings.Builder
		for _, p := range cols {
			b.WriteString(kt.toks[p].value())
			b.WriteByte(0)
		}
		sig := b.String()
		if parts[sig] == nil {
			sigs = append(sigs, sig)
		}
		parts[sig] = append(parts[sig], kt)
	}
	out := make([][]*keyTokens, 0, len(sigs))
	for _, sig := range sigs {
		out = append(out, parts[sig])
	}
	return out
}

func columnValues(members []*keyTokens, p int) map[string]bool {
	values := map[string]bool{}
	for _, kt := range members {
		values[kt.toks[p].value()] = true
	}
	return values
}

// isVariableColumn tells whether position p takes many values among
// members, or some of them placeholders, or two after a word that names
// a value (user root, user news); its fixed words stay. Names in
// capitals alone, some in two words (NEW, RUNNING, FAIL_TASK_CLEANUP),
// are the values of an enum, not a variable (DSDT, FADT, HPET may be).
func isVariableColumn(members []*keyTokens, p int) bool {
	values := map[string]bool{}
	wilds, names, under, named, verbs := false, true, false, true, true
	for _, kt := range members {
		t := kt.toks[p]
		if t.fixed {
			continue
		}
		values[t.value()] = true
		wilds = wilds || t.ph
		names = names && isConstantName(t.s)
		under = under || strings.IndexByte(t.s, '_') > 0
		named = named && t.named
		verbs = verbs && isPastVerb(t.s)
	}
	return len(values) >= 2 && (wilds || named || len(values) >= varThreshold && !(names && under) && !verbs)
}

// dropPhrases leaves out of cols the word positions whose values go one
// to one with those of another position.
func dropPhrases(members []*keyTokens, cols []int) []int {
	drop := map[int]bool{}
	for i, p := range cols {
		for _, q := range cols[i+1:] {
			if wordColumn(members, p) && wordColumn(members, q) && oneToOne(members, p, q) {
				drop[p], drop[q] = true, true
			}
		}
	}
	out := cols[:0]
	for _, p := range cols {
		if !drop[p] {
			out = append(out, p)
		}
	}
	return out
}

// wordColumn tells whether every member has a plain word at p: no
// placeholder, no dotted name.
func wordColumn(members []*keyTokens, p int) bool {
	for _, kt := range members {
		if t := kt.toks[p]; t.ph || strings.ContainsAny(t.s, ".-") {
			return false
		}
	}
	return true
}

func oneToOne(members []*keyTokens, p, q int) bool {
	pq, qp := map[string]string{}, map[string]string{}
	for _, kt := range members {
		a, b := kt.toks[p].s, kt.toks[q].s
		if x, ok := pq[a]; ok && x != b {
			return false
		}
		if x, ok := qp[b]; ok && x != a {
			return false
		}
		pq[a], qp[b] = b, a
	}
	return true
}

// keepAWord makes sure a key is not all variables: a message reduced to
// placeholders would group everything.
func (kt *keyTokens) keepAWord() {
	for i, t := range kt.toks {
		if !kt.vars[i] && !t.ph && !isSign(t.s) {
			return
		}
	}
	clear(kt.vars)
}
