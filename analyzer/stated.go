package analyzer

import "github.com/errpat/errpat/parsers"

// MaxStated bounds the stated latencies a result keeps (a Locust stats
// file states one per endpoint); StatedLeftOut counts the others.
const MaxStated = 1000

// statedList is the latency summary files state, in input order: shown
// as the tools stated it, never mixed into errpat's own percentiles.
type statedList struct {
	list    []parsers.Stated
	leftOut int
}

func (s *statedList) add(st ...parsers.Stated) {
	n := min(len(st), max(MaxStated-len(s.list), 0))
	s.list = append(s.list, st[:n]...)
	s.leftOut += len(st) - n
}

func (s *statedList) merge(b statedList) {
	s.add(b.list...)
	s.leftOut += b.leftOut
}

// AddStated keeps the latency an input states, unless --side left the
// input out. Its endpoint is input text, masked as messages are.
func (a *Aggregate) AddStated(st parsers.Stated) {
	if a.offSide {
		return
	}
	st.Endpoint = a.mask(st.Endpoint)
	st.Values = append([]parsers.StatedValue(nil), st.Values...)
	a.stated.add(st)
}
