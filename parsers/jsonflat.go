package parsers

import (
	"math/bits"
	"strconv"

	"github.com/tidwall/gjson"
)

// A JSON line is read in one pass: scanObject checks that it is one valid
// JSON object and hands each member to a fieldSet as it goes, where
// gjson.Valid and then ForEach would walk it twice (a third of the time
// spent on JSON lines). Values are gjson Results as ForEach makes them,
// so the rest of the reading is shared with the other JSON formats.

// maxDepth bounds the nesting of arrays and objects in a value: deeper
// input is invalid. Checking a value recurses once per level, and a line
// of brackets would otherwise cost its length in stack (gjson.Valid took
// 300 MB on a 4 MB line).
const maxDepth = 1000

// validJSON reports whether s is one JSON value with nothing but
// whitespace around it, nested at most maxDepth deep.
func validJSON(s string) bool {
	end, ok := skipValue(s, skipSpace(s, 0), 0)
	return ok && skipSpace(s, end) == len(s)
}

// scanObject reports whether s is a JSON object with nothing but
// whitespace around it, by the same rules as gjson.Valid (and nested at
// most maxDepth deep), and adds its members to fs. Members before a fault
// may have been added.
func scanObject(s string, fs *fieldSet) bool {
	i := skipSpace(s, 0)
	if i >= len(s) || s[i] != '{' {
		return false
	}
	i = skipSpace(s, i+1)
	if i < len(s) && s[i] == '}' {
		return skipSpace(s, i+1) == len(s)
	}
	for {
		if i >= len(s) || s[i] != '"' {
			return false
		}
		end, esc, ok := scanString(s, i)
		if !ok {
			return false
		}
		key := s[i+1 : end-1]
		if esc {
			key = gjson.Parse(s[i:end]).Str
		}
		i = skipSpace(s, end)
		if i >= len(s) || s[i] != ':' {
			return false
		}
		i = skipSpace(s, i+1)
		// Only the value of an alias the set still wants is read; any
		// other is only checked.
		if a, ok := aliasOf(key); ok && fs.wants(a) {
			if dst := fs.slot(a); dst != nil {
				if end, ok = scanValue(s, i, 1, dst); !ok {
					return false
				}
				fs.took(a)
			} else {
				var v gjson.Result
				if end, ok = scanValue(s, i, 1, &v); !ok {
					return false
				}
				fs.set(a, &v)
			}
		} else {
			vend, ok := skipValue(s, i, 1)
			if !ok {
				return false
			}
			fs.see(key, s[i] == '{')
			end = vend
		}
		i = skipSpace(s, end)
		switch {
		case i >= len(s):
			return false
		case s[i] == '}':
			return skipSpace(s, i+1) == len(s)
		case s[i] != ',':
			return false
		}
		i = skipSpace(s, i+1)
	}
}

// scanValue reads the value at s[i], depth levels down, into v (which
// is zero) as gjson's ForEach gives it, and where it ends.
func scanValue(s string, i, depth int, v *gjson.Result) (int, bool) {
	if i >= len(s) {
		return i, false
	}
	if c := s[i]; c == '{' || c == '[' {
		end, ok := skipValue(s, i, depth)
		v.Type, v.Raw, v.Index = gjson.JSON, s[i:end], i
		return end, ok
	}
	if c := s[i]; c == '-' || c >= '0' && c <= '9' {
		end, num, ok := readNumber(s, i)
		v.Type, v.Raw, v.Index, v.Num = gjson.Number, s[i:end], i, num
		return end, ok
	}
	end, typ, esc, ok := scanScalar(s, i)
	if !ok {
		return end, false
	}
	v.Type, v.Raw, v.Index = typ, s[i:end], i
	if typ == gjson.String {
		v.Str = v.Raw[1 : len(v.Raw)-1]
		if esc {
			v.Str = gjson.Parse(v.Raw).Str
		}
	}
	return end, true
}

// scanScalar checks the string, number or literal at s[i] and returns
// where it ends, its type, and for a string whether it holds escapes.
func scanScalar(s string, i int) (end int, typ gjson.Type, esc, ok bool) {
	switch c := s[i]; {
	case c == '"':
		end, esc, ok = scanString(s, i)
		return end, gjson.String, esc, ok
	case c == '-' || c >= '0' && c <= '9':
		end, ok = scanNumber(s, i)
		return end, gjson.Number, false, ok
	}
	for _, lit := range [...]struct {
		word string
		typ  gjson.Type
	}{{"true", gjson.True}, {"false", gjson.False}, {"null", gjson.Null}} {
		if len(s)-i >= len(lit.word) && s[i:i+len(lit.word)] == lit.word {
			return i + len(lit.word), lit.typ, false, true
		}
	}
	return i, gjson.Null, false, false
}

// readNumber checks the number at s[i] as scanNumber does and reads it
// as strconv.ParseFloat does. The common shapes (a whole number or a
// decimal fraction of at most 15 digits in all) are worked out here: both
// the digits and the power of ten are exact as float64, so one division
// rounds as ParseFloat does.
func readNumber(s string, i int) (end int, f float64, ok bool) {
	start := i
	neg := s[i] == '-'
	if neg {
		i++
	}
	var m uint64
	n := 0 // digits in m
	digits := func() bool {
		from := i
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			m = m*10 + uint64(s[i]-'0')
			n++
		}
		return i > from
	}
	switch {
	case i >= len(s):
		return i, 0, false
	case s[i] == '0':
		i++
		n++
	case !digits():
		return i, 0, false
	}
	point := -1
	if i < len(s) && s[i] == '.' {
		i++
		point = n
		if !digits() {
			return i, 0, false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		from := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == from {
			return i, 0, false
		}
		n = 16 // an exponent: left to ParseFloat
	}
	if n > 15 {
		f, _ = strconv.ParseFloat(s[start:i], 64)
		return i, f, true
	}
	f = float64(m)
	if point >= 0 {
		f /= pow10[n-point]
	}
	if neg {
		f = -f
	}
	return i, f, true
}

// pow10 are the powers of ten a fraction of at most 15 digits divides by.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// skipValue checks the value at s[i], depth levels down, and returns
// where it ends.
func skipValue(s string, i, depth int) (int, bool) {
	if i >= len(s) {
		return i, false
	}
	switch s[i] {
	case '{', '[':
		if depth >= maxDepth {
			return i, false
		}
		closing := byte('}')
		if s[i] == '[' {
			closing = ']'
		}
		obj := s[i] == '{'
		i = skipSpace(s, i+1)
		if i < len(s) && s[i] == closing {
			return i + 1, true
		}
		for {
			if obj {
				if i >= len(s) || s[i] != '"' {
					return i, false
				}
				end, _, ok := scanString(s, i)
				if !ok {
					return end, false
				}
				i = skipSpace(s, end)
				if i >= len(s) || s[i] != ':' {
					return i, false
				}
				i = skipSpace(s, i+1)
			}
			end, ok := skipValue(s, i, depth+1)
			if !ok {
				return end, false
			}
			i = skipSpace(s, end)
			switch {
			case i >= len(s):
				return i, false
			case s[i] == closing:
				return i + 1, true
			case s[i] != ',':
				return i, false
			}
			i = skipSpace(s, i+1)
		}
	}
	end, _, _, ok := scanScalar(s, i)
	return end, ok
}

// scanString checks the string starting at the quote s[i]: no control
// characters, only JSON's escapes. end is just past the closing quote;
// esc tells whether it holds escapes.
func scanString(s string, i int) (end int, esc, ok bool) {
	i++
	for {
		for i+8 <= len(s) {
			n := plainBytes(load64(s, i))
			i += n
			if n < 8 {
				break
			}
		}
		if i >= len(s) {
			return i, esc, false
		}
		switch c := s[i]; {
		case c < ' ':
			return i, esc, false
		case c == '"':
			return i + 1, esc, true
		case c == '\\':
			esc = true
			i++
			if i >= len(s) {
				return i, esc, false
			}
			switch s[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				for range 4 {
					i++
					if i >= len(s) || !isHex(s[i]) {
						return i, esc, false
					}
				}
			default:
				return i, esc, false
			}
		}
		i++
	}
}

// plainBytes counts the bytes of w, the first the lowest, before the
// first that ends a string or needs a look: a quote, a backslash or a
// control character. Bytes of 0x80 and up (UTF-8) are plain: JSON does
// not check them. Each test below flags the bytes of its kind exactly up
// to the first (a borrow only runs up from one), so the lowest flag is
// the first such byte.
func plainBytes(w uint64) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := w^(ones*'"'), w^(ones*'\\')
	special := ((quote-ones)&^quote | (backslash-ones)&^backslash | (w-ones*' ')&^w) & highs
	return bits.TrailingZeros64(special) / 8
}

// load64 reads the eight bytes of s from i, the first the lowest.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// scanNumber checks the number at s[i] by JSON's grammar.
func scanNumber(s string, i int) (int, bool) {
	if s[i] == '-' {
		i++
	}
	digits := func() bool {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i > start
	}
	switch {
	case i >= len(s):
		return i, false
	case s[i] == '0':
		i++
	case !digits():
		return i, false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			return i, false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			return i, false
		}
	}
	return i, true
}

// skipSpace skips JSON whitespace.
func skipSpace(s string, i int) int {
	if i < len(s) && s[i] == ' ' { // the one blank after a colon or comma
		i++
	}
	for i < len(s) && s[i] <= ' ' && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}
