package analyzer

import (
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/errpat/errpat/parsers"
)

// maxHeld bounds the bytes of records that batches read ahead of their
// turn hold for Options.OnRecord, all workers together. The batch whose
// turn it is hands its records on as it reads them, so that memory
// depends neither on the number of workers nor on the size of a part.
const maxHeld = 8 << 20

// inOrder hands the records of the batches of one pass to emit in input
// order, while the batches are read in parallel: the batch at the head
// (all before it merged) emits directly; the others hold their records
// until their turn, and wait while the records held are over maxHeld.
type inOrder struct {
	emit func(*parsers.Record)
	head atomic.Int64 // the index of the batch whose turn it is
	base int          // the line base of the head batch, when it is a later part of a file
	mu   sync.Mutex
	cond *sync.Cond
	held int64 // bytes of records held by batches not at the head
}

// newInOrder returns nil when emit is nil: nothing is kept.
func newInOrder(emit func(*parsers.Record)) *inOrder {
	if emit == nil {
		return nil
	}
	o := &inOrder{emit: emit}
	o.cond = sync.NewCond(&o.mu)
	return o
}

// batch returns the records' way out for batch i (part: its part number).
func (o *inOrder) batch(i, part int) *batchOut {
	if o == nil {
		return nil
	}
	return &batchOut{o: o, idx: int64(i), part: part}
}

// batchOut is one batch's way out for its records.
type batchOut struct {
	o     *inOrder
	idx   int64
	part  int
	recs  []parsers.Record
	bytes int64
}

// add hands on or holds one record (a copy is kept).
func (b *batchOut) add(r *parsers.Record) {
	o := b.o
	if o.head.Load() != b.idx {
		size := recordSize(r)
		o.mu.Lock()
		for o.held+size > maxHeld && o.head.Load() != b.idx {
			o.cond.Wait()
		}
		if o.head.Load() != b.idx {
			b.recs = append(b.recs, *r)
			b.bytes += size
			o.held += size
			o.mu.Unlock()
			return
		}
		o.mu.Unlock()
	}
	base := 0
	if b.part > 0 {
		base = o.base
	}
	b.flush(base)
	rec := *r
	rec.Line += base
	o.emit(&rec)
}

// flush hands on the records held, their lines shifted by base.
func (b *batchOut) flush(base int) {
	if b == nil || len(b.recs) == 0 {
		return
	}
	for i := range b.recs {
		b.recs[i].Line += base
		b.o.emit(&b.recs[i])
	}
	b.recs = nil
	b.o.mu.Lock()
	b.o.held -= b.bytes
	b.bytes = 0
	b.o.cond.Broadcast()
	b.o.mu.Unlock()
}

// done is called once the batch is merged, its remaining records handed
// on: the next batch's turn comes, with next the line base of a part
// that follows.
func (b *batchOut) done(next int) {
	if b == nil {
		return
	}
	o := b.o
	o.mu.Lock()
	o.base = next
	o.head.Store(b.idx + 1)
	o.cond.Broadcast()
	o.mu.Unlock()
}

// recordSize estimates the bytes a held record costs. unsafe serves only
// for Sizeof, a constant the compiler works out: no pointer is made or
// read through it.
func recordSize(r *parsers.Record) int64 {
	return int64(unsafe.Sizeof(*r)) + int64(len(r.Run)+len(r.Test)+len(r.Method)+len(r.Endpoint)+
		len(r.ErrorCode)+len(r.Message)+len(r.Key)+len(r.Payload)+len(r.Response))
}
