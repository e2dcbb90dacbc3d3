package parsers

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Bounds of what the streaming JSON reader holds of one value. The
// standard library's decoder keeps a whole token, and a whole element it
// decodes, in memory: a hostile or broken file could make it hold a
// string or an array of any size. jsonStream cuts such values as they
// stream past, and says where.
const (
	// maxJSONString is the most bytes of a string kept: far more than a
	// message, a body or a payload that a bug report shows.
	maxJSONString = 1 << 20
	// maxJSONElement is the most bytes kept of an element of an array (a
	// record), and maxJSONNested the most bytes of any object or array
	// inside one, not counting the objects and arrays it holds: the
	// members after a bound are dropped.
	maxJSONElement = 8 << 20
	maxJSONNested  = 1 << 20
	// maxJSONLiteral is the longest number (or other bare word) kept; a
	// longer one becomes null.
	maxJSONLiteral = 1 << 10
	// maxJSONBlanks is the most blanks of a run between tokens passed on
	// to the decoder, which rescans the blanks it holds at each read: a
	// long run would cost time in the square of its length.
	maxJSONBlanks = 256
)

// jsonStream is the reader between a JSON document and the decoder. It
// cuts each run of blanks outside strings to maxJSONBlanks, so that the
// decoder, which rescans the blanks it holds at each read, stays linear
// in its input; it cuts values over the bounds above, telling of each
// cut; and it counts the input's lines, so that a decoder offset can be
// turned into a line number.
type jsonStream struct {
	filteredInput
	last byte // the last raw byte read

	// cut, when set, is told of each value cut, with the line it starts on.
	cut func(line int, msg string)

	inString bool
	esc      int   // bytes of an escape still to come inside a string
	strLen   int64 // bytes of the current string passed on
	strLine  int
	dropStr  int64   // bytes of the current string dropped
	blanks   int     // blanks of the current run passed on
	stack    []frame // open objects and arrays
	drop     int     // depth of the container whose rest is dropped, 0 for none
	dropped  int64   // bytes dropped of it
	lit      []byte  // a literal being read
	litLong  int64   // bytes of a literal over maxJSONLiteral
	litLine  int
}

// frame is an open object or array. An element is a container inside an
// array: its size is bounded. The containers outside any array, the
// document and the lists of records, are not.
type frame struct {
	start     int64 // output offset after its opening bracket
	child     int64 // bytes of the containers it holds, closed so far
	elem      int   // depth of the element it is part of, or -1
	line      int
	tell      bool // it is over its own bound, to be told at its end
	told      bool // an element over its bound, told already
	inArray   bool // it is inside an array, at any depth
	openArray bool // it is an array
}

func newJSONStream(r io.Reader) *jsonStream {
	return &jsonStream{filteredInput: filteredInput{r: r}}
}

// Read passes on the filtered input; it returns at least one byte unless
// the input has ended or failed.
func (s *jsonStream) Read(p []byte) (int, error) { return s.read(p, s) }

func (s *jsonStream) ended() { s.endLiteral() }

// filter appends the filtered bytes of in to s.q.
func (s *jsonStream) filter(in []byte) {
	if len(in) > 0 {
		s.last = in[len(in)-1]
	}
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c == '\n' {
			s.rawLine++
		}
		switch {
		case s.inString && s.drop == 0 && s.dropStr == 0 && s.esc == 0 && stringPlain[c]:
			// The common case: copy up to the string's end, the bound or
			// a byte that needs a look.
			j := i + 1
			for j < len(in) && stringPlain[in[j]] && s.strLen+int64(j-i) < maxJSONString {
				j++
			}
			if s.strLen+int64(j-i) > maxJSONString {
				s.stringByte(c)
				continue
			}
			s.q = append(s.q, in[i:j]...)
			s.strLen += int64(j - i)
			s.out += int64(j - i)
			i = j - 1
		case s.inString && s.esc == 0 && stringPlain[c] && (s.drop > 0 || s.dropStr > 0):
			// A string being dropped: skip to its end or a byte that
			// needs a look.
			j := i + 1
			for j < len(in) && stringPlain[in[j]] {
				j++
			}
			if s.drop > 0 {
				s.dropped += int64(j - i)
			} else {
				s.dropStr += int64(j - i)
			}
			i = j - 1
		case s.inString:
			s.stringByte(c)
		case s.drop > 0 && !dropMark[c]:
			j := i + 1
			for j < len(in) && !dropMark[in[j]] {
				j++
			}
			s.dropped += int64(j - i)
			i = j - 1
		case s.drop > 0:
			s.dropByte(c)
		case literal[c]:
			j := i + 1
			for j < len(in) && literal[in[j]] {
				j++
			}
			s.literal(in[i:j])
			s.blanks = 0
			i = j - 1
		case blank[c] && s.blanks >= maxJSONBlanks:
			// The rest of a long run: only its newlines count.
			j := i
			for j < len(in) && blank[in[j]] {
				if in[j] == '\n' {
					s.newline(s.out - 1) // at the last blank passed on
				}
				j++
			}
			s.rawLine += bytes.Count(in[i+1:j], []byte{'\n'})
			i = j - 1
		case blank[c]:
			s.endLiteral()
			if c == '\n' {
				s.newline(s.out)
			}
			s.blanks++
			s.emit(c)
		default:
			s.valueByte(c)
		}
	}
}

func (s *jsonStream) emit(c byte) {
	s.q = append(s.q, c)
	s.out++
}

// literal tells the bytes of literals: all but blanks, quotes and the
// marks of structure.
var literal = func() (t [256]bool) {
	for c := range t {
		t[c] = !blank[c] && !strings.ContainsRune("\"{}[],:", rune(c))
	}
	return t
}()

// dropMark tells the bytes that matter inside a value being dropped.
var dropMark = [256]bool{'"': true, '{': true, '[': true, '}': true, ']': true, '\n': true}

// blank tells the blanks between JSON tokens.
var blank = [256]bool{' ': true, '\t': true, '\r': true, '\n': true}

// stringPlain tells the bytes inside a string that need no look: not a
// quote, a backslash or a newline.
var stringPlain = func() (t [256]bool) {
	for c := range t {
		t[c] = c != '"' && c != '\\' && c != '\n'
	}
	return t
}()

// stringByte takes one byte inside a string.
func (s *jsonStream) stringByte(c byte) {
	if s.drop > 0 {
		s.dropped++
	}
	if c == '\n' {
		s.newline(s.out)
	}
	inEscape := s.esc > 0
	switch {
	case s.esc > 0:
		s.esc--
		if s.esc == 0 && c == 'u' {
			s.esc = 4
		}
	case c == '\\':
		s.esc = 1
	case c == '"':
		s.inString = false
		if s.drop > 0 {
			return
		}
		if s.dropStr > 0 {
			s.tell(s.strLine, fmt.Sprintf("string of %s cut to its first %s", sizeOf(s.strLen+s.dropStr), sizeOf(s.strLen)))
			s.dropStr = 0
		}
		s.emit(c)
		return
	}
	if s.drop > 0 {
		return
	}
	// An escape begun within the bound is passed on whole, so that the
	// string stays valid.
	if s.dropStr > 0 || s.strLen >= maxJSONString && !inEscape {
		s.dropStr++
		return
	}
	s.strLen++
	s.emit(c)
}

// valueByte takes one byte outside strings and blanks.
func (s *jsonStream) valueByte(c byte) {
	s.blanks = 0
	s.endLiteral()
	switch c {
	case '"':
		s.inString, s.esc, s.strLen, s.strLine = true, 0, 0, s.rawLine+1
	case '{', '[':
		s.open(c)
		return
	case '}', ']':
		s.emit(c)
		s.close()
		return
	case ',':
		if k := len(s.stack); k > 0 && s.overBound(k-1) {
			s.drop, s.dropped = k, 1
			return
		}
	}
	s.emit(c)
}

func (s *jsonStream) open(c byte) {
	f := frame{line: s.rawLine + 1, openArray: c == '[', elem: -1}
	if k := len(s.stack); k > 0 {
		parent := s.stack[k-1]
		f.inArray = parent.inArray || parent.openArray
		f.elem = parent.elem
		if f.inArray && f.elem < 0 {
			f.elem = k // the outermost container inside an array
		}
	}
	s.emit(c)
	f.start = s.out
	s.stack = append(s.stack, f)
}

// close pops the innermost container, whose closing bracket was passed
// on, and counts its bytes as its parent's children's.
func (s *jsonStream) close() {
	k := len(s.stack)
	if k == 0 {
		return
	}
	f := s.stack[k-1]
	s.stack = s.stack[:k-1]
	if k > 1 {
		s.stack[k-2].child += s.out - f.start + 1
	}
}

// overBound tells whether the container at depth k is over its bound at
// a comma between its members: a container inside an array holds at most
// maxJSONNested bytes besides its children, and the element of an array
// maxJSONElement in all. Once the element is over its bound, its open
// containers drop their remaining members, innermost first.
func (s *jsonStream) overBound(k int) bool {
	f := &s.stack[k]
	if !f.inArray {
		return false
	}
	if s.out-f.start-f.child > maxJSONNested {
		f.tell = true // at its end, with what was dropped
		return true
	}
	if f.elem < 0 || s.out-s.stack[f.elem].start <= maxJSONElement {
		return false
	}
	if e := &s.stack[f.elem]; !e.told {
		e.told = true
		s.tell(e.line, fmt.Sprintf("element of over %s: the rest of it is not read", sizeOf(maxJSONElement)))
	}
	return true
}

// dropByte takes one byte of a container being dropped, following its
// strings and brackets to find its end.
func (s *jsonStream) dropByte(c byte) {
	s.dropped++
	switch c {
	case '\n':
		s.newline(s.out)
	case '"':
		s.inString, s.esc = true, 0
	case '{', '[':
		s.stack = append(s.stack, frame{})
	case '}', ']':
		if len(s.stack) > s.drop {
			s.stack = s.stack[:len(s.stack)-1]
			return
		}
		f := s.stack[len(s.stack)-1]
		what := "array"
		if !f.openArray {
			what = "object"
		}
		if f.tell {
			s.tell(f.line, fmt.Sprintf("%s of over %s: its last %s are not read", what, sizeOf(maxJSONNested), sizeOf(s.dropped-1)))
		}
		s.drop, s.dropped = 0, 0
		s.emit(c) // the container stays valid
		s.close()
	}
}

// literal takes bytes of a literal (number, true, false, null), which
// wait for its end.
func (s *jsonStream) literal(b []byte) {
	if len(s.lit) == 0 && s.litLong == 0 {
		s.litLine = s.rawLine + 1
	}
	room := max(maxJSONLiteral-len(s.lit), 0)
	s.lit = append(s.lit, b[:min(room, len(b))]...)
	s.litLong += int64(len(b) - min(room, len(b)))
}

// endLiteral passes on the literal (number, true, false, null) just read;
// one too long to be any of them becomes null.
func (s *jsonStream) endLiteral() {
	if len(s.lit) == 0 {
		return
	}
	if s.litLong > 0 {
		s.tell(s.litLine, fmt.Sprintf("value of %s taken for null", sizeOf(int64(len(s.lit))+s.litLong)))
		s.lit = append(s.lit[:0], "null"...)
	}
	s.q = append(s.q, s.lit...)
	s.out += int64(len(s.lit))
	s.lit, s.litLong = s.lit[:0], 0
}

func (s *jsonStream) tell(line int, msg string) {
	if s.cut != nil {
		s.cut(line, msg)
	}
}

// sizeOf words a byte count for a message.
func sizeOf(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// linesFrom reads the input to its end and returns how many lines it
// holds from the one at output offset off, that line included.
func (s *jsonStream) linesFrom(off int64) (int, error) {
	n := 0
	for _, nl := range s.pend {
		if nl.at >= off {
			n += nl.n
		}
	}
	last := s.last // to count a last line without a newline
	err := s.err
	if err == nil {
		buf := make([]byte, 64<<10)
		for {
			m, rerr := s.r.Read(buf)
			n += bytes.Count(buf[:m], []byte{'\n'})
			if m > 0 {
				last = buf[m-1]
			}
			if rerr != nil {
				err = rerr
				break
			}
		}
	}
	if last != '\n' {
		n++
	}
	if isEOF(err) {
		err = nil
	}
	return n, err
}
