package analyzer

import (
	"strings"
	"testing"
)

// TestStrCache remembers values by a string's storage: a string met again
// is found; an equal string in other storage, or one slot's newcomer, is
// not, so what it gives is always the value of the string asked.
func TestStrCache(t *testing.T) {
	var c strCache[int]
	a := "/trunks/TR1/phone-numbers"
	v, ok := c.find(a)
	if ok {
		t.Fatalf("find(%q) on an empty cache: found, want not", a)
	}
	*v = 1
	if v, ok := c.find(a); !ok || *v != 1 {
		t.Errorf("find(%q) again = %d, %v; want 1, true", a, *v, ok)
	}
	if _, ok := c.find(strings.Clone(a)); ok {
		t.Errorf("find(a copy of %q): found, want not (another storage)", a)
	}
	if _, ok := c.find(a[:5]); ok {
		t.Errorf("find(%q), a prefix in the same storage: found, want not", a[:5])
	}
	if _, ok := c.find(""); ok {
		t.Error(`find(""): found, want not`)
	}
	// Many strings share the 64 slots: each found value is its own.
	h := newHashes(func(s string) uint64 { return uint64(len(s)) })
	strs := make([]string, 500)
	for i := range strs {
		strs[i] = strings.Repeat("x", i)
	}
	for round := 0; round < 3; round++ {
		for i, s := range strs {
			if got := h.get(s); got != uint64(i) {
				t.Fatalf("get(%d bytes) = %d, want %d", i, got, i)
			}
		}
	}
}
