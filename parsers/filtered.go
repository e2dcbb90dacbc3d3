package parsers

import "io"

// filteredInput is what the readers between a document and its decoder
// (jsonStream, xmlStream) share: the raw input, the filtered bytes not
// yet passed on, and the newlines of the filtered output, so that a
// decoder's offset can be turned into the line of the input (the
// decoder's own count misses the newlines dropped with a cut value).
type filteredInput struct {
	r   io.Reader
	buf []byte // raw read buffer
	q   []byte // filtered bytes not yet passed on
	qi  int    // how many of q were passed on
	err error  // the raw reader's error, returned once q is drained

	out   int64 // bytes filtered (passed on or in q)
	lines int   // newlines before the offsets asked for so far
	// pend holds the newlines at or after the last offset asked for: n
	// newlines at output offset at. The newlines of a cut run, or of a
	// dropped value, share one entry.
	pend    []nlRun
	rawLine int // newlines of the raw input filtered so far
}

type nlRun struct {
	at int64
	n  int
}

// outputFilter is the part of a bounding reader that makes its output.
type outputFilter interface {
	// filter appends the output of the raw bytes in to q.
	filter(in []byte)
	// ended is told once that the raw input ended or failed.
	ended()
}

// read passes on the output f makes of the raw input; it returns at
// least one byte unless the input has ended or failed.
func (s *filteredInput) read(p []byte, f outputFilter) (int, error) {
	for s.qi == len(s.q) {
		if s.err != nil {
			return 0, s.err
		}
		s.q, s.qi = s.q[:0], 0
		if s.buf == nil {
			s.buf = make([]byte, 32<<10)
		}
		m, err := s.r.Read(s.buf)
		f.filter(s.buf[:m])
		if err != nil {
			s.err = err
			f.ended()
		}
	}
	n := copy(p, s.q[s.qi:])
	s.qi += n
	return n, nil
}

// newline notes a newline at output offset at.
func (s *filteredInput) newline(at int64) {
	if k := len(s.pend); k > 0 && s.pend[k-1].at == at {
		s.pend[k-1].n++
		return
	}
	s.pend = append(s.pend, nlRun{at: at, n: 1})
}

// lineAt returns the 1-based line of output offset off. Offsets asked
// for never go backwards, so only the newlines not yet passed are kept.
func (s *filteredInput) lineAt(off int64) int {
	i := 0
	for i < len(s.pend) && s.pend[i].at < off {
		s.lines += s.pend[i].n
		i++
	}
	s.pend = s.pend[i:]
	return s.lines + 1
}
