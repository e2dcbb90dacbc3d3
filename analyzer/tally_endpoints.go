package analyzer

import (
	"cmp"
	"slices"
)

// endpointTally counts the requests by method and endpoint pattern, with
// their response times. Each pattern is numbered once (id), so that the
// records that follow cost an index, not a map lookup by name: a batch of
// records can carry the numbers.
type endpointTally struct {
	mask   func(string) string
	ids    map[string]int // by method, NUL, endpoint pattern
	stats  []endpointStats
	keyBuf []byte // reused to look endpoints up without allocating
	// The numbers of the raw paths last met (nil until the first, and
	// once read: see readDone).
	recent *strCache[endpointRef]
}

// endpointRef is the number of a raw path requested with method.
type endpointRef struct {
	method string
	id     int
}

type endpointStats struct {
	method, endpoint string
	requests, failed int
	latency          Sketch
}

func newEndpointTally(mask func(string) string) endpointTally {
	return endpointTally{mask: mask, ids: map[string]int{}}
}

// id returns the number of the method and the pattern of a raw path. The
// pattern is built in a reused buffer, and strings are made (and masked)
// only for a pattern not seen before; past maxGroups, new patterns are
// counted together.
func (t *endpointTally) id(method, rawPath string) int {
	if t.recent == nil {
		t.recent = &strCache[endpointRef]{}
	}
	ref, ok := t.recent.find(rawPath)
	if !ok || ref.method != method {
		*ref = endpointRef{method, t.lookup(method, rawPath)}
	}
	return ref.id
}

// lookup is id without the recent paths.
func (t *endpointTally) lookup(method, rawPath string) int {
	t.keyBuf = append(append(t.keyBuf[:0], method...), 0)
	t.keyBuf = appendFolded(t.keyBuf, rawPath)
	if id, ok := t.ids[string(t.keyBuf)]; ok {
		return id
	}
	if len(t.ids) >= maxGroups {
		return t.other(method)
	}
	key := string(t.keyBuf)
	return t.open(key, method, t.mask(key[len(method)+1:]))
}

func (t *endpointTally) open(key, method, endpoint string) int {
	t.stats = append(t.stats, endpointStats{method: method, endpoint: endpoint})
	t.ids[key] = len(t.stats) - 1
	return len(t.stats) - 1
}

// other returns the number of the group of method's endpoints past
// maxGroups.
func (t *endpointTally) other(method string) int {
	key := method + "\x00" + OtherEndpoints
	if id, ok := t.ids[key]; ok {
		return id
	}
	return t.open(key, method, OtherEndpoints)
}

// name returns the masked pattern of endpoint id.
func (t *endpointTally) name(id int) string { return t.stats[id].endpoint }

// add counts a request to endpoint id, with its response time if known.
func (t *endpointTally) add(id int, failed bool) {
	es := &t.stats[id]
	es.requests++
	if failed {
		es.failed++
	}
}

// addLatency adds a response time of endpoint id, in its sketch bucket.
func (t *endpointTally) addLatency(id int, seconds float64, bucket int) {
	t.stats[id].latency.addAt(seconds, bucket)
}

func (t *endpointTally) merge(o *endpointTally) {
	for _, k := range mergeOrder(o.ids, maxGroups-len(t.ids)) {
		es := &o.stats[o.ids[k]]
		id, ok := t.ids[k]
		if !ok && len(t.ids) >= maxGroups {
			id, ok = t.other(es.method), true
		}
		if !ok {
			t.ids[k] = len(t.stats)
			t.stats = append(t.stats, *es)
			continue
		}
		mine := &t.stats[id]
		mine.requests += es.requests
		mine.failed += es.failed
		mine.latency.Merge(&es.latency)
	}
}

func (t *endpointTally) result(r *Result, routes []string) {
	r.ByEndpoint = make([]EndpointCount, 0, len(t.stats))
	for _, es := range t.named(routes) {
		r.ByEndpoint = append(r.ByEndpoint, EndpointCount{
			Method: es.method, Endpoint: es.endpoint, Requests: es.requests, Failed: es.failed,
			ErrorRate: rate(es.failed, es.requests), P50: es.latency.Quantile(0.5), P95: es.latency.Quantile(0.95),
			Timed: int(es.latency.Count()),
		})
	}
	slices.SortFunc(r.ByEndpoint, func(x, y EndpointCount) int {
		return cmp.Or(cmp.Compare(y.Requests, x.Requests), cmp.Compare(x.Endpoint, y.Endpoint), cmp.Compare(x.Method, y.Method))
	})
}
