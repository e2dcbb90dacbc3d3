package analyzer

import (
	"cmp"
	"slices"
)

// statusTally counts the requests by HTTP status and class, and by the
// API's error code. Its add takes a count, so that a batch of records of
// one status and class costs one call.
type statusTally struct {
	requests, failed int
	status           map[statusKey]*int
	lastKey          statusKey // the status and class last counted…
	last             *int      // …and its count
	codes            map[string]int
}

type statusKey struct {
	status int
	class  Class
}

func newStatusTally() statusTally {
	return statusTally{status: map[statusKey]*int{}, codes: map[string]int{}}
}

// add counts n requests of a status and class, failed or not, with an API
// error code (or none). Most requests have the status of the one before,
// which then costs no map lookup.
func (t *statusTally) add(k statusKey, failed bool, code string, n int) {
	t.requests += n
	if failed {
		t.failed += n
	}
	t.count(k, n)
	if code != "" {
		t.countCode(code, n)
	}
}

func (t *statusTally) count(k statusKey, n int) {
	if t.last == nil || t.lastKey != k {
		p := t.status[k]
		if p == nil {
			p = new(int)
			t.status[k] = p
		}
		t.lastKey, t.last = k, p
	}
	*t.last += n
}

// countCode adds n requests with an API error code; past maxGroups codes,
// new ones are counted together.
func (t *statusTally) countCode(code string, n int) {
	if _, ok := t.codes[code]; !ok && len(t.codes) >= maxGroups {
		code = OtherCodes
	}
	t.codes[code] += n
}

func (t *statusTally) merge(o *statusTally) {
	t.requests += o.requests
	t.failed += o.failed
	for k, n := range o.status {
		t.count(k, *n)
	}
	for _, k := range mergeOrder(o.codes, maxGroups-len(t.codes)) {
		t.countCode(k, o.codes[k])
	}
}

// result fills the counts, the statuses and classes, and the error codes
// (masked: the API's code is input text too).
func (t *statusTally) result(r *Result, mask func(string) string) {
	r.Requests, r.Failed, r.ErrorRate = t.requests, t.failed, rate(t.failed, t.requests)
	classes := map[Class]int{}
	for k, n := range t.status {
		r.ByStatus = append(r.ByStatus, StatusCount{k.status, k.class, *n})
		if k.class != ClassOK {
			classes[k.class] += *n
		}
	}
	slices.SortFunc(r.ByStatus, func(x, y StatusCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Status, y.Status), cmp.Compare(x.Class, y.Class))
	})
	for c, n := range classes {
		r.Categories = append(r.Categories, ClassCount{c, n, Hint(c)})
	}
	slices.SortFunc(r.Categories, func(x, y ClassCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Class, y.Class))
	})
	for code, n := range t.codes {
		r.ErrorCodes = append(r.ErrorCodes, CodeCount{mask(code), n})
	}
	slices.SortFunc(r.ErrorCodes, func(x, y CodeCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Code, y.Code))
	})
}
