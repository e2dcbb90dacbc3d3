package analyzer

import (
	"cmp"
	"maps"
	"slices"
)

// maxGroups bounds the endpoints, message patterns, error codes and test
// names an aggregate tells apart. Real logs have tens or hundreds of each;
// input with a new path or message on every line (ids made of letters,
// free text) would otherwise grow memory with its lines. Past the bound,
// new ones are counted together in one group named by the Other* values,
// so every request is still counted.
const maxGroups = 2000

// The names of the groups past maxGroups.
const (
	OtherEndpoints = "(other endpoints)"
	OtherMessages  = "(other messages)"
	OtherCodes     = "(other codes)"
	OtherTests     = "(other tests)"
)

// maxHours bounds the hours an aggregate charts: 30,000 is more than
// three years of hours with requests. A request whose hour finds no room
// (timestamps spread over centuries, garbage) is counted, but neither
// charted nor seen by the time-based detectors: Uncharted counts them.
const maxHours = 30000

// mergeOrder returns the keys of m in the order a merge visits them: the
// map's own order while everything fits, else sorted, so that which keys
// find room does not depend on the map's iteration order.
func mergeOrder[K cmp.Ordered, V any](m map[K]V, room int) []K {
	keys := slices.AppendSeq(make([]K, 0, len(m)), maps.Keys(m))
	if len(keys) > room {
		slices.Sort(keys)
	}
	return keys
}
