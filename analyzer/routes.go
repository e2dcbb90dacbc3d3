package analyzer

import (
	"cmp"
	"strings"
)

// Endpoints are named at the end, once all are known: an endpoint that
// matches one of the API's templates (Config.Routes) takes its name, the
// others are folded by position (foldByPosition) beside the fold by shape
// each record's key had. The records' keys stay cheap; this costs one pass
// over the distinct endpoints.

// routeTable matches endpoint patterns against the API's templates.
type routeTable struct {
	routes []route
	base   []string // the segments all templates start with: the API's base path
}

type route struct {
	template string
	segs     []string // the template's segments; "" stands for a variable
	literals int
}

func newRouteTable(templates []string) routeTable {
	var t routeTable
	for n, tpl := range templates {
		r := route{template: tpl}
		for _, s := range strings.Split(strings.Trim(tpl, "/"), "/") {
			if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
				s = ""
			} else {
				r.literals++
			}
			r.segs = append(r.segs, s)
		}
		t.routes = append(t.routes, r)
		if n == 0 {
			t.base = r.segs
		}
		for i := range t.base {
			if i >= len(r.segs) || r.segs[i] != t.base[i] {
				t.base = t.base[:i]
				break
			}
		}
	}
	return t
}

// match returns the template of a folded endpoint pattern. The shorter of
// the two is matched against the end of the other, so that a client's
// path relative to its base URL (/trunks/TR1) and a full URL's path
// (/v2/accounts/acme1/trunks/TR1) both match the template of either form;
// a template is cut only inside the base path all templates share.
// Of the templates that match, the one with the most literal segments,
// then the shortest, then the first in order wins.
func (t routeTable) match(pattern string) (string, bool) {
	segs := strings.Split(strings.Trim(pattern, "/"), "/")
	best := -1
	rs := t.routes
	for i := range rs {
		if !rs[i].matches(segs, len(t.base)) {
			continue
		}
		if best < 0 || cmp.Or(cmp.Compare(rs[best].literals, rs[i].literals), cmp.Compare(len(rs[i].segs), len(rs[best].segs)),
			strings.Compare(rs[i].template, rs[best].template)) < 0 {
			best = i
		}
	}
	if best < 0 {
		return "", false
	}
	return rs[best].template, true
}

func (r *route) matches(segs []string, base int) bool {
	n := min(len(segs), len(r.segs))
	if n == 0 || len(segs) == 1 && segs[0] == "" || len(r.segs)-n > base {
		return false
	}
	a, b := segs[len(segs)-n:], r.segs[len(r.segs)-n:]
	if b[0] == "" && (len(segs) != n || len(r.segs) != n) {
		return false // a part that starts with a variable matches too much: /trunks and /phone-numbers/{id}
	}
	for i := range n {
		// A literal with digits (oauth2) was folded to {id} by shape.
		if b[i] != "" && a[i] != b[i] && (a[i] != "{id}" || !isID(b[i])) {
			return false
		}
	}
	return true
}

// endpointNames maps the endpoint patterns that change name to their
// names: the API's template, else the pattern folded by position.
func endpointNames(patterns []string, routes routeTable) map[string]string {
	names := map[string]string{}
	var rest []string
	for _, p := range patterns {
		if tpl, ok := routes.match(p); ok {
			names[p] = tpl
			continue
		}
		rest = append(rest, p)
	}
	for p, f := range foldByPosition(rest) {
		names[p] = f
	}
	return names
}

// named returns the endpoint stats under their final names, those that
// share a name merged. The tally's own stats are left as they are: a
// Result may be asked for again.
func (t *endpointTally) named(routes []string) []*endpointStats {
	patterns := make([]string, 0, len(t.stats))
	for i := range t.stats {
		if es := &t.stats[i]; es.endpoint != OtherEndpoints {
			patterns = append(patterns, es.endpoint)
		}
	}
	names := endpointNames(patterns, newRouteTable(routes))
	out := make([]*endpointStats, 0, len(t.stats))
	if len(names) == 0 {
		for i := range t.stats {
			out = append(out, &t.stats[i])
		}
		return out
	}
	merged := map[[2]string]*endpointStats{}
	for i := range t.stats {
		es := &t.stats[i]
		name, ok := names[es.endpoint]
		if !ok || es.endpoint == OtherEndpoints {
			name = es.endpoint
		}
		k := [2]string{es.method, name}
		m := merged[k]
		if m == nil {
			m = &endpointStats{method: es.method, endpoint: name}
			merged[k] = m
			out = append(out, m)
		}
		m.requests += es.requests
		m.failed += es.failed
		m.latency.Merge(&es.latency)
	}
	return out
}
