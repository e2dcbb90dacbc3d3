package analyzer

import (
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

// mergeOrder returns the keys of m in the order a merge visits them: the
// map's own order while everything fits, else sorted, so that which keys
// find room does not depend on the map's iteration order.
func mergeOrder[V any](m map[string]V, room int) []string {
	keys := slices.AppendSeq(make([]string, 0, len(m)), maps.Keys(m))
	if len(keys) > room {
		slices.Sort(keys)
	}
	return keys
}
