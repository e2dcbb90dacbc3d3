package main

import "strconv"

// jnode is a JSON value with ordered object members, so that documents come
// out with their keys in the order the real clients write them.
type jnode struct {
	key  string // member name when the node sits in an object
	kind byte   // 's' scalar, 'o' object, 'a' array
	raw  string // encoded scalar
	kids []jnode
}

func str(s string) jnode      { return jnode{kind: 's', raw: string(appendPyStr(nil, s))} }
func num(i int64) jnode       { return jnode{kind: 's', raw: strconv.FormatInt(i, 10)} }
func flt(f float64) jnode     { return jnode{kind: 's', raw: pyFloat(f)} }
func rawj(s string) jnode     { return jnode{kind: 's', raw: s} }
func obj(kids ...jnode) jnode { return jnode{kind: 'o', kids: kids} }
func arr(kids ...jnode) jnode { return jnode{kind: 'a', kids: kids} }

func boolj(v bool) jnode {
	if v {
		return rawj("true")
	}
	return rawj("false")
}

// kv names v as an object member.
func kv(key string, v jnode) jnode {
	v.key = key
	return v
}

// spaces is sliced for indentation.
const spaces = "                                                                "

func appendIndent(b []byte, n int) []byte {
	for n > len(spaces) {
		b = append(b, spaces...)
		n -= len(spaces)
	}
	return append(b, spaces[:n]...)
}

// appendPretty appends n as json.dumps(indent=2) (and JSON.stringify with
// an indent of 2) write it; indent is the indentation of the line n starts on.
func appendPretty(b []byte, n jnode, indent int) []byte {
	if n.kind == 's' {
		return append(b, n.raw...)
	}
	open, close := byte('{'), byte('}')
	if n.kind == 'a' {
		open, close = '[', ']'
	}
	if len(n.kids) == 0 {
		return append(b, open, close)
	}
	b = append(b, open, '\n')
	for i, k := range n.kids {
		if i > 0 {
			b = append(b, ',', '\n')
		}
		b = appendIndent(b, indent+2)
		if n.kind == 'o' {
			b = appendPyStr(b, k.key)
			b = append(b, ':', ' ')
		}
		b = appendPretty(b, k, indent+2)
	}
	b = append(b, '\n')
	b = appendIndent(b, indent)
	return append(b, close)
}

// appendCompact appends n as json.dumps writes it by default: ", " between
// items and ": " after keys.
func appendCompact(b []byte, n jnode) []byte {
	if n.kind == 's' {
		return append(b, n.raw...)
	}
	open, close := byte('{'), byte('}')
	if n.kind == 'a' {
		open, close = '[', ']'
	}
	b = append(b, open)
	for i, k := range n.kids {
		if i > 0 {
			b = append(b, ',', ' ')
		}
		if n.kind == 'o' {
			b = appendPyStr(b, k.key)
			b = append(b, ':', ' ')
		}
		b = appendCompact(b, k)
	}
	return append(b, close)
}

// compactString returns n in compact form as a Go string.
func compactString(n jnode) string { return string(appendCompact(nil, n)) }
