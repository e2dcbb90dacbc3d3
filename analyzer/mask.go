package analyzer

import (
	"cmp"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/errpat/errpat/parsers"
)

// Masker hides credentials in text. It runs a list of detectors (see
// detectors), each finding one shape of secret: header values, values of
// secret-looking keys in JSON, Python, form, query and YAML-ish text,
// tokens with a known prefix, private key blocks, the user information of
// URLs. It also hides known values wherever they appear: the secrets it
// was given, and those it learns from the run itself (the credentials of
// Basic headers and of URLs), in plain, URL-escaped, hex and base64 forms.
//
// A Masker is safe for concurrent use: what it learns is published as a
// new immutable list, so masking takes no lock.
type Masker struct {
	known atomic.Pointer[[]string] // every form of every known secret, longest first
	mu    sync.Mutex               // serialises learning
	seen  map[string]bool          // the secrets learned (under mu)
}

// Masked replaces a secret in every output.
const Masked = "****"

// NewMasker returns a masker that also hides the given secret values
// (empty ones are ignored). Given the API key and token, it also hides
// their pair "key:token" in every form, as a Basic header carries it.
func NewMasker(secrets ...string) *Masker {
	m := &Masker{seen: map[string]bool{}}
	empty := []string{}
	m.known.Store(&empty)
	m.learn(secrets, minGivenSecret, secretForms)
	if len(secrets) >= 2 && secrets[0] != "" && secrets[1] != "" {
		// The pair as a Basic header encodes it; written plainly, the key
		// and the token are hidden one by one ("****:****@host").
		m.learn([]string{secrets[0] + ":" + secrets[1]}, minGivenSecret, encodedForms)
	}
	return m
}

// The shortest values hidden wherever they appear: a given secret of 3
// characters would hide common words; a learned one must look like a
// secret (see learnable), since it comes from text, not from the user.
const (
	minGivenSecret   = 4
	minLearnedSecret = 6
)

// Mask returns s with every credential it finds replaced by Masked.
// Masking what Mask returned changes nothing.
func (m *Masker) Mask(s string) string {
	if m == nil || s == "" {
		return s
	}
	g := newGrams(s)
	s = m.maskKnown(s, &g)
	var learned []string
	s = runDetectors(s, &g, &learned)
	if len(learned) > 0 && m.learn(learned, minLearnedSecret, secretForms) {
		s = m.MaskKnown(s) // the same secret elsewhere in this text
	}
	return s
}

// MaskKnown hides only the known secrets: those given and those learned
// so far. It is cheap, and safe on text errpat wrote itself (hints,
// summaries), where the detectors could take prose for a credential.
func (m *Masker) MaskKnown(s string) string {
	if m == nil || s == "" {
		return s
	}
	g := newGrams(s)
	return m.maskKnown(s, &g)
}

func (m *Masker) maskKnown(s string, g *grams) string {
	for _, lit := range *m.known.Load() {
		if g.mayHold(lit) && strings.Contains(s, lit) {
			s = strings.ReplaceAll(s, lit, Masked)
		}
	}
	return s
}

// learn adds values, in all their forms, to the known secrets, and tells
// whether any was new. Values shorter than min, or holding a mask, are
// left out.
func (m *Masker) learn(values []string, min int, forms func(string) []string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	list := slices.Clone(*m.known.Load())
	added := false
	for _, v := range values {
		if len(v) < min || m.seen[v] || strings.Contains(v, Masked) || (min == minLearnedSecret && !learnable(v)) {
			continue
		}
		m.seen[v] = true
		added = true
		for _, f := range forms(v) {
			if len(f) >= min && !slices.Contains(list, f) {
				list = append(list, f)
			}
		}
	}
	if !added {
		return false
	}
	// Longest first: "key:token" goes before "key", so no part of the
	// longer form is left beside a mask.
	slices.SortStableFunc(list, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	m.known.Store(&list)
	return true
}

// secretForms are the ways a secret is written where a client or server
// encodes it: as is, escaped in a URL query or path, as hex, and as
// base64 with or without padding, standard or URL-safe.
func secretForms(v string) []string {
	return append([]string{v, url.QueryEscape(v), url.PathEscape(v)}, encodedForms(v)...)
}

// encodedForms are the hex and base64 forms of a secret.
func encodedForms(v string) []string {
	b := []byte(v)
	return []string{
		hex.EncodeToString(b),
		strings.ToUpper(hex.EncodeToString(b)),
		base64.StdEncoding.EncodeToString(b),
		base64.RawStdEncoding.EncodeToString(b),
		base64.URLEncoding.EncodeToString(b),
		base64.RawURLEncoding.EncodeToString(b),
	}
}

// learnable tells whether a value found in text is worth hiding wherever
// it appears: long enough, and not a plain word ("password", "admin1" is
// still a secret, "testing" is a word the report must keep).
func learnable(v string) bool {
	if len(v) >= 12 {
		return true
	}
	return hasDigit(v) && strings.IndexFunc(v, isLetter) >= 0
}

// grams is a Bloom filter of the byte pairs of a text, lower-cased: a
// string with a pair that is not in it is not in the text. Asking it is
// much cheaper than searching the text for each detector's hints and
// each known secret.
type grams [32]uint64

func newGrams(s string) grams {
	var g grams
	for i := 0; i+1 < len(s); i++ {
		g.set(pair(s[i], s[i+1]))
	}
	return g
}

// pair hashes two bytes, lower-cased, to one of the filter's bits.
func pair(a, b byte) uint {
	return (uint(lowerByte(a))<<8 | uint(lowerByte(b))) * 0x9E3779B1 >> 11 & (32*64 - 1)
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func (g *grams) set(h uint)      { g[h>>6] |= 1 << (h & 63) }
func (g *grams) has(h uint) bool { return g[h>>6]&(1<<(h&63)) != 0 }

// mayHold tells whether s may hold needle (any case).
func (g *grams) mayHold(needle string) bool {
	for i := 0; i+1 < len(needle); i++ {
		if !g.has(pair(needle[i], needle[i+1])) {
			return false
		}
	}
	return true
}

func (g *grams) mayHoldAny(needles []string) bool {
	for _, n := range needles {
		if g.mayHold(n) {
			return true
		}
	}
	return false
}

// AddDiscoveryProblems counts the problems met while finding inputs
// (missing paths, broken links, loops) as skipped inputs.
func (r *Result) AddDiscoveryProblems(ps []parsers.Problem) {
	r.ProblemCount += len(ps)
	r.SkippedFiles += len(ps)
	r.Files += len(ps)
	r.Problems = append(append([]parsers.Problem{}, ps...), r.Problems...)
}
