package analyzer

import (
	"bytes"
	"io"
	"sync"
	"time"

	"github.com/errpat/errpat/parsers"
)

// A file whose format appends records in time order (parsers.Format's
// Sorted) is read up to the first run or record later than the window's
// end by more than parsers.SortSlack: everything after it is later than
// the end too. The stop comes only where nothing read is left open: at
// the end of a run (a run that began before the end is read to its own
// end, as the full file would be: its records in the window are counted,
// its claim on its results file made), or at a record outside any run.
// It never comes in a file seen going back by more than the slack, nor
// when samples of the rest of the file (parsers.SortedAfter) go back
// past the stopping record less the slack. The reader then hands on the
// rest of the line it is in and ends: what the parser holds by then (the
// rest of its buffer, at most a few dozen kilobytes) is read as usual,
// and when it goes back in time the stop is called off. A file read in
// parallel parts stops in the part where it goes past the end; that part
// waits for the parts before it to be merged (they must be in order too)
// and the parts after it are not counted, nor read once it is merged.

// minStopSize is the size below which a file is read whole: the samples
// a stop takes cost more than reading on.
const minStopSize = 1 << 20

// stopCut is the time past which a file in time order is read no
// further: the window's end plus the slack; zero without an end.
func stopCut(cfg *Config) time.Time {
	if cfg.Until.IsZero() {
		return time.Time{}
	}
	return cfg.Until.Add(parsers.SortSlack)
}

// inOrderSeen is what reading an input (or part) saw of its order.
type inOrderSeen struct {
	first, latest time.Time // the first record's time, the latest's
	backwards     bool      // a record went back by more than the slack, or had no time, or the rest sampled so: not in order
	stopped       bool      // the rest was not read
	dropped       bool      // a part after a part that stopped: not counted
}

// see takes in a record's time. A record without one is counted in
// every window: one may follow, the rest must be read.
func (s *inOrderSeen) see(t time.Time) {
	if t.IsZero() {
		s.backwards = true
		return
	}
	if s.first.IsZero() {
		s.first = t
	}
	if t.Before(s.latest.Add(-parsers.SortSlack)) {
		s.backwards = true
	}
	if t.After(s.latest) {
		s.latest = t
	}
}

// orderStop decides when one input (or part) of a Sorted format stops,
// and reads it for the parser: up to the end of the line it is in once
// the stop is decided, then io.EOF.
type orderStop struct {
	inOrderSeen
	cut      time.Time
	in       parsers.Input
	format   *parsers.Format
	loc      *time.Location
	order    *fileOrder // the parts' shared order, nil for a whole file
	r        io.Reader
	n        int64 // bytes handed on
	stopping bool  // the stop is decided: hand on the rest of the line
	ended    bool  // io.EOF handed on, before the input's end
}

// newOrderStop returns nil when the input is read to its end whatever
// it holds: no window end, a format not in time order, standard input,
// a compressed or small file.
func newOrderStop(f *parsers.Opened, in parsers.Input, opt *Options, order *fileOrder) *orderStop {
	cut := stopCut(&opt.Config)
	minSize := opt.stopSize
	if minSize == 0 {
		minSize = minStopSize
	}
	if cut.IsZero() || f.Format.Sorted == nil || in.Stdin || f.Compressed() || minSize < 0 ||
		order == nil && sizeOf(in) < minSize {
		return nil
	}
	s := &orderStop{cut: cut, in: in, format: f.Format, loc: opt.Parse.Location, order: order, r: f.Reader}
	if s.loc == nil {
		s.loc = time.UTC
	}
	f.Reader = s
	return s
}

// Read hands on the input's bytes; once the stop is decided, those up to
// the next line end, then io.EOF. A stop is called off when a record read
// since went back in time.
func (s *orderStop) Read(p []byte) (int, error) {
	if s.ended {
		return 0, io.EOF
	}
	n, err := s.r.Read(p)
	if s.stopping && s.backwards {
		s.stopping = false // what was read after the stop is not in order
	}
	if s.stopping {
		if i := bytes.IndexByte(p[:n], '\n'); i >= 0 {
			n, err, s.ended = i+1, nil, true
		}
	}
	s.n += int64(n)
	return n, err
}

// done tells whether the input is a part after one that stopped its
// file: what it holds is not counted.
func (s *orderStop) done() bool { return s != nil && s.dropped }

// record takes in a counted record; one outside any run later than the
// cut stops the input.
func (s *orderStop) record(r *parsers.Record) {
	if s == nil {
		return
	}
	s.see(r.Time)
	if r.Run == "" && r.Time.After(s.cut) {
		s.stop(r.Time)
	}
}

// run takes in a run that ended; one that began after the cut stops the
// input.
func (s *orderStop) run(run parsers.Run) {
	if s != nil && run.Start.After(s.cut) {
		s.stop(run.Start)
	}
}

// stop decides to stop the input after a record or run at t, when the
// input and the parts before it are in order and the rest of the file
// samples in order too.
func (s *orderStop) stop(t time.Time) {
	if s.backwards || s.stopping || s.ended {
		return
	}
	if s.order != nil {
		prior := s.order.waitFor(s.in.Part)
		switch {
		case prior.stopped:
			s.dropped, s.ended = true, true
			return
		case prior.backwards || !s.first.IsZero() && s.first.Before(prior.latest.Add(-parsers.SortSlack)):
			s.backwards = true
			return
		}
	}
	if !parsers.SortedAfter(s.in.Name, s.format, s.loc, s.in.Offset+s.n, t.Add(-parsers.SortSlack)) {
		s.backwards = true
		return
	}
	s.stopping = true
}

// finish tells fr what the input saw of its order and whether it stopped
// before its end.
func (s *orderStop) finish(fr *fileResult) {
	if s == nil {
		return
	}
	s.stopped = s.ended && !s.dropped
	fr.seen = s.inOrderSeen
	if s.stopped {
		fr.stopped++
	}
}

// fileOrder is what the merged parts of one split file saw of its order,
// for the parts still being read.
type fileOrder struct {
	mu     sync.Mutex
	cond   *sync.Cond
	merged int // parts merged
	seen   inOrderSeen
}

func newFileOrder() *fileOrder {
	o := &fileOrder{}
	o.cond = sync.NewCond(&o.mu)
	return o
}

// fileOrders gives each batch that is a part of a split file the order
// its file's parts share, when the window has an end.
func fileOrders(batches [][]parsers.Input, cfg *Config) []*fileOrder {
	if stopCut(cfg).IsZero() {
		return nil
	}
	orders := make([]*fileOrder, len(batches))
	var cur *fileOrder
	for i, b := range batches {
		switch in := b[0]; {
		case in.Length == 0:
			cur = nil
		case in.Part == 0:
			cur = newFileOrder()
			orders[i] = cur
		default:
			orders[i] = cur
		}
	}
	return orders
}

// waitFor waits until the parts before part are merged, or one of them
// stopped, and returns what they saw.
func (o *fileOrder) waitFor(part int) inOrderSeen {
	o.mu.Lock()
	defer o.mu.Unlock()
	for o.merged < part && !o.seen.stopped {
		o.cond.Wait()
	}
	return o.seen
}

// stoppedBefore tells whether a part before part stopped the file.
func (o *fileOrder) stoppedBefore(part int) bool {
	if o == nil {
		return false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.seen.stopped && o.merged <= part
}

// merge takes in a part that was merged, in order.
func (o *fileOrder) merge(s inOrderSeen) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !s.first.IsZero() && s.first.Before(o.seen.latest.Add(-parsers.SortSlack)) {
		o.seen.backwards = true
	}
	o.seen.backwards = o.seen.backwards || s.backwards
	o.seen.stopped = o.seen.stopped || s.stopped
	if o.seen.first.IsZero() {
		o.seen.first = s.first
	}
	if s.latest.After(o.seen.latest) {
		o.seen.latest = s.latest
	}
	o.merged++
	o.cond.Broadcast()
}

// mergeOrder tells a part's file what the part saw, in input order, and
// whether the part counts: not when a part before it stopped the file.
func (fr *fileResult) mergeOrder() bool {
	if fr.order == nil {
		return true
	}
	if fr.seen.dropped || fr.order.stoppedBefore(fr.part) {
		fr.order.merge(inOrderSeen{})
		fr.out.discard()
		return false
	}
	fr.order.merge(fr.seen)
	return true
}

// discard drops the records a batch holds for Options.OnRecord: the
// batch does not count.
func (b *batchOut) discard() {
	if b == nil || len(b.recs) == 0 {
		return
	}
	b.o.mu.Lock()
	defer b.o.mu.Unlock()
	b.o.held -= b.bytes
	b.recs, b.bytes = nil, 0
	b.o.cond.Broadcast()
}
