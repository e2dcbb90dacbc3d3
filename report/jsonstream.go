package report

import (
	"bufio"
	"bytes"
	"encoding"
	"encoding/json"
	"io"
	"reflect"
	"strings"
)

// The JSON report of a month of logs can run to megabytes (every hour,
// every incomplete run). encoding/json builds a whole document in memory
// before writing it; streamJSON writes the same bytes a piece at a time:
// it walks structs and slices itself and leaves each leaf value to
// encoding/json, so no more than one leaf is held at once.

// streamJSON writes v as json.Encoder does with SetIndent("", "  ") and
// SetEscapeHTML(false), final newline included.
func streamJSON(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	s := &jsonStream{w: bw}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	s.value(reflect.ValueOf(v), "")
	s.write("\n")
	if s.err != nil {
		return s.err
	}
	return bw.Flush()
}

type jsonStream struct {
	w   io.Writer
	err error
	buf bytes.Buffer
	enc *json.Encoder // writes to buf
}

func (s *jsonStream) write(str string) {
	if s.err == nil {
		_, s.err = io.WriteString(s.w, str)
	}
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// value writes v, whose first line is already indented; indent is the
// indentation of the line it is on.
func (s *jsonStream) value(v reflect.Value, indent string) {
	if s.err != nil {
		return
	}
	switch {
	case !v.IsValid():
		s.write("null")
	case v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct && walkable(v.Type()):
		s.structValue(v.Elem(), indent)
	case v.Kind() == reflect.Struct && walkable(v.Type()):
		s.structValue(v, indent)
	case v.Kind() == reflect.Slice && !v.IsNil() && v.Len() > 0 && walkable(v.Type()):
		s.write("[\n")
		inner := indent + "  "
		for i := range v.Len() {
			s.write(inner)
			s.value(v.Index(i), inner)
			if i < v.Len()-1 {
				s.write(",")
			}
			s.write("\n")
		}
		s.write(indent + "]")
	default:
		s.leaf(v, indent)
	}
}

// leaf writes v with encoding/json.
func (s *jsonStream) leaf(v reflect.Value, indent string) {
	s.buf.Reset()
	s.enc.SetIndent(indent, "  ")
	if err := s.enc.Encode(v.Interface()); err != nil {
		s.err = err
		return
	}
	if s.err == nil {
		_, s.err = s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
	}
}

func (s *jsonStream) structValue(v reflect.Value, indent string) {
	t := v.Type()
	inner := indent + "  "
	first := true
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" && opts == "" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fv := v.Field(i)
		if opts == "omitempty" && emptyValue(fv) {
			continue
		}
		if first {
			s.write("{\n")
			first = false
		} else {
			s.write(",\n")
		}
		s.write(inner)
		s.leaf(reflect.ValueOf(name), inner)
		s.write(": ")
		s.value(fv, inner)
	}
	if first {
		s.write("{}")
		return
	}
	s.write("\n" + indent + "}")
}

// walkable tells whether streamJSON lays out a value of type t itself:
// slices, and structs with a slice somewhere inside, whose fields
// encoding/json would write one by one under their names. Small records,
// anything with its own marshaling, embedded fields, or tag options other
// than omitempty go to encoding/json whole.
func walkable(t reflect.Type) bool {
	return holdsSlice(t, 0) && layable(t)
}

// holdsSlice tells whether a value of type t may hold a list: what makes
// a value large.
func holdsSlice(t reflect.Type, depth int) bool {
	if depth > 8 {
		return true
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Map, reflect.Interface:
		return true
	case reflect.Pointer, reflect.Array:
		return holdsSlice(t.Elem(), depth+1)
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && holdsSlice(f.Type, depth+1) {
				return true
			}
		}
	}
	return false
}

func layable(t reflect.Type) bool {
	if t.Implements(marshalerType) || t.Implements(textMarshalerType) ||
		reflect.PointerTo(t).Implements(marshalerType) || reflect.PointerTo(t).Implements(textMarshalerType) {
		return false
	}
	switch t.Kind() {
	case reflect.Pointer:
		return t.Elem().Kind() == reflect.Struct && layable(t.Elem())
	case reflect.Slice:
		return t.Elem().Kind() != reflect.Uint8 // []byte is base64
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous {
				return false
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if opts != "" && opts != "omitempty" || name == "-" && opts != "" {
				return false
			}
			if strings.ContainsAny(name, `"\`) {
				return false
			}
		}
		return true
	}
	return false
}

// emptyValue is encoding/json's omitempty rule.
func emptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
