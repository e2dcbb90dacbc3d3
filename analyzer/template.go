package analyzer

import (
	"cmp"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
)

// Template is a group of message keys that the data shows to be one
// message with variable parts.
type Template struct {
	// Pattern is the template for display: the most frequent key, with
	// the positions learned to be variables as <*>; the placeholders of
	// the key keep their kind (<n>, <id>, <ip>, <time>).
	Pattern string
	// ID is stable for a template: a hash of its grouping form, in which
	// every placeholder is the same.
	ID string
	// Keys are the keys grouped, sorted.
	Keys []string
	// Count is the sum of the keys' counts.
	Count int
}

// Grouping maps message keys (see Pattern) to the templates learned over
// all of them.
type Grouping struct {
	Templates []Template // most frequent first, then by pattern
	byKey     map[string]int
}

// Of returns the template of a key given to LearnTemplates (nil for
// another key).
func (g *Grouping) Of(key string) *Template {
	i, ok := g.byKey[key]
	if !ok {
		return nil
	}
	return &g.Templates[i]
}

// varThreshold is how many distinct values a position must take among
// keys that agree elsewhere to be a variable: two distinct words are as
// likely two messages ("opened", "closed") as one variable.
const varThreshold = 4

// LearnTemplates groups keys, each with its count of lines. Which token
// positions are variables is learned from the keys themselves (after
// Brain, Yu et al. 2023): keys of the same length are first grouped by
// the words they share with the most keys, then in each group a position
// with many distinct values is a variable, one with a few splits the
// group, whose variables are then learned part by part. HTTP statuses,
// status classes, methods, quoted words and the names of keys are never
// variables, nor are an enum's values (FAIL_TASK_CLEANUP) or verbs in the
// past tense (Started, Stopped); a template keeps at least one word. The result depends on
// the keys and counts only, never on their order.
func LearnTemplates(counts map[string]int) *Grouping {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	byLen := map[int][]*keyTokens{}
	for _, k := range keys {
		kt := &keyTokens{key: k, count: counts[k], toks: tokenizeKey(k)}
		byLen[len(kt.toks)] = append(byLen[len(kt.toks)], kt)
	}
	forms := map[string][]*keyTokens{}
	for _, group := range byLen {
		learnGroup(group)
		for _, kt := range group {
			forms[kt.form()] = append(forms[kt.form()], kt)
		}
	}
	return newGrouping(mergeSkeletons(forms))
}

// mergeSkeletons merges the forms that have the same words once their
// variables and signs are left out: an optional variable part, a list of
// variables of another length ("bytes sent", "bytes (<n>) sent").
func mergeSkeletons(forms map[string][]*keyTokens) map[string][]*keyTokens {
	bySkel := map[string][]string{}
	for form, members := range forms {
		s := members[0].skeleton()
		bySkel[s] = append(bySkel[s], form)
	}
	out := map[string][]*keyTokens{}
	for _, fs := range bySkel {
		slices.Sort(fs)
		for _, f := range fs {
			out[fs[0]] = append(out[fs[0]], forms[f]...)
		}
	}
	return out
}

func newGrouping(forms map[string][]*keyTokens) *Grouping {
	g := &Grouping{byKey: map[string]int{}}
	for form, members := range forms {
		t := Template{ID: templateID(form)}
		best := members[0]
		for _, kt := range members {
			t.Keys = append(t.Keys, kt.key)
			t.Count += kt.count
			if kt.count > best.count || kt.count == best.count && kt.key < best.key {
				best = kt
			}
		}
		slices.Sort(t.Keys)
		t.Pattern = best.display()
		g.Templates = append(g.Templates, t)
	}
	slices.SortFunc(g.Templates, func(x, y Template) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Pattern, y.Pattern), cmp.Compare(x.ID, y.ID))
	})
	for i, t := range g.Templates {
		for _, k := range t.Keys {
			g.byKey[k] = i
		}
	}
	return g
}

func templateID(form string) string {
	h := fnv.New64a()
	h.Write([]byte(form))
	return strconv.FormatUint(h.Sum64(), 16)
}

// keyTokens is a key cut into tokens, and which of them are variables.
type keyTokens struct {
	key   string
	count int
	toks  []token
	vars  []bool
	root  int // the frequency of its root words (learnGroup)
}

// token is one word or sign of a key.
type token struct {
	s     string
	at    int  // where s starts in the key
	space bool // a space stands before it
	ph    bool // a placeholder of the key
	fixed bool // never a variable
	named bool // follows a word that names it: user root
}

// wild is every placeholder in the grouping form.
const wild = "<*>"

// form is the grouping form of a key: its tokens, the variables as wild.
func (kt *keyTokens) form() string {
	var b strings.Builder
	for i, t := range kt.toks {
		if t.space {
			b.WriteByte(' ')
		}
		if t.ph || kt.vars[i] {
			b.WriteString(wild)
		} else {
			b.WriteString(t.s)
		}
	}
	return b.String()
}

// skeleton is the words of a key that are not variables, nor units
// after one ("lifetime <1 sec", "lifetime 00:01"), and the rows of a
// sign that stand alone ("( <n> **** <n> )").
func (kt *keyTokens) skeleton() string {
	var b strings.Builder
	for a := 0; a < len(kt.toks); {
		e := a + 1
		for e < len(kt.toks) && !kt.toks[e].space {
			e++
		}
		row := signRow(kt.toks[a:e])
		for i := a; i < e; i++ {
			t := kt.toks[i]
			if kt.isVar(i) || isSign(t.s) && !row || i > 0 && kt.isVar(i-1) && isUnit(t.s) {
				continue
			}
			b.WriteString(t.s)
			b.WriteByte(' ')
		}
		a = e
	}
	return b.String()
}

// signRow tells whether a run of tokens is one sign repeated, not a
// bracket or a quote: ****, ---.
func signRow(run []token) bool {
	if len(run) < 2 || !isSign(run[0].s) || strings.IndexByte("()[]{}<>'\"`", run[0].s[0]) >= 0 {
		return false
	}
	for _, t := range run[1:] {
		if t.s != run[0].s {
			return false
		}
	}
	return true
}

func (kt *keyTokens) isVar(i int) bool { return kt.toks[i].ph || kt.vars[i] }

// display is the key with its learned variables as wild.
func (kt *keyTokens) display() string {
	var b strings.Builder
	for i, t := range kt.toks {
		if t.space {
			b.WriteByte(' ')
		}
		if kt.vars[i] && !t.ph {
			b.WriteString(wild)
		} else {
			b.WriteString(t.s)
		}
	}
	return b.String()
}

// isUnit tells whether a word is a unit of time or size.
func isUnit(s string) bool {
	switch s {
	case "s", "sec", "secs", "second", "seconds", "ms", "msec", "us", "ns", "min", "mins", "minutes",
		"B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "kB":
		return true
	}
	return false
}
