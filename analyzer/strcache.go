package analyzer

import "unsafe"

// strCache remembers what was worked out from each of the strings last met
// (a hash, an endpoint's number), found by the strings' storage rather
// than their bytes. Parsers hand out the same string again for a value
// that repeats (a run's test names, its recent endpoints), so a repeat
// costs an address compare instead of a pass over its bytes, and a value
// met once costs a slot. A slot holds its string, so the storage cannot
// become another string's while it is remembered: equal address and
// length mean equal bytes.
type strCache[V any] struct {
	slots [64]struct {
		s string
		v V
	}
}

// find returns the slot of s and whether it holds what was worked out
// from s; when it does not, it is s's from now on, and the caller fills
// it in.
func (c *strCache[V]) find(s string) (v *V, ok bool) {
	p := unsafe.StringData(s)
	e := &c.slots[uint64(uintptr(unsafe.Pointer(p)))*0x9e3779b97f4a7c15>>58]
	if s != "" && unsafe.StringData(e.s) == p && len(e.s) == len(s) {
		return &e.v, true
	}
	e.s = s
	return &e.v, false
}

// hashes remembers a hash function's recent results.
type hashes struct {
	strCache[uint64]
	hash func(string) uint64
}

func newHashes(hash func(string) uint64) *hashes { return &hashes{hash: hash} }

// get returns h.hash(s).
func (h *hashes) get(s string) uint64 {
	v, ok := h.find(s)
	if !ok {
		*v = h.hash(s)
	}
	return *v
}
