package parsers

import (
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
		v, end, ok := scanValue(s, i, 1)
		if !ok {
			return false
		}
		fs.add(key, v)
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

// scanValue reads the value at s[i], depth levels down, as gjson's
// ForEach gives it, and where it ends.
func scanValue(s string, i, depth int) (gjson.Result, int, bool) {
	if i >= len(s) {
		return gjson.Result{}, i, false
	}
	if c := s[i]; c == '{' || c == '[' {
		end, ok := skipValue(s, i, depth)
		return gjson.Result{Type: gjson.JSON, Raw: s[i:end], Index: i}, end, ok
	}
	end, typ, esc, ok := scanScalar(s, i)
	if !ok {
		return gjson.Result{}, end, false
	}
	v := gjson.Result{Type: typ, Raw: s[i:end], Index: i}
	switch typ {
	case gjson.String:
		v.Str = v.Raw[1 : len(v.Raw)-1]
		if esc {
			v.Str = gjson.Parse(v.Raw).Str
		}
	case gjson.Number:
		v.Num, _ = strconv.ParseFloat(v.Raw, 64)
	}
	return v, end, true
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
	for i++; i < len(s); i++ {
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
	}
	return i, esc, false
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
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}
