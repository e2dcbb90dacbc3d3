package parsers

import (
	"bytes"
	"fmt"
	"io"
)

// maxXMLValue is the most bytes passed on to the XML decoder of one run of
// text, CDATA section, comment, processing instruction or attribute value:
// the decoder holds each whole, and a JUnit report's system-out may be
// of any size. A fault's text is cut far shorter anyway (maxFaultText).
const maxXMLValue = 1 << 20

// xmlStream is the reader between a JUnit report and the XML decoder. It
// cuts each value over maxXMLValue as it streams, telling of each cut, and
// counts the input's lines, so that a decoder offset can be turned into
// the line of the input (the decoder's own count misses the newlines
// dropped with a value).
type xmlStream struct {
	filteredInput

	// cut, when set, is told of each value cut, with the line it starts on.
	cut func(line int, msg string)

	state   xmlState
	mark    []byte // the bytes after '<', up to 8, to tell the markup's kind
	quote   byte   // the quote of the attribute value being read, or 0
	n       int64  // bytes of the current value passed on
	dropped int64  // bytes of it dropped
	line    int    // the line the value started on
	amp     int    // bytes since an '&' not yet closed by ';', or -1
	end     []byte // the last bytes of a section, to find its end mark
}

type xmlState uint8

const (
	xmlText    xmlState = iota // character data
	xmlOpen                    // just after '<', kind not known yet
	xmlTag                     // a start or end tag, a directive
	xmlComment                 // <!-- ... -->
	xmlCDATA                   // <![CDATA[ ... ]]>
	xmlPI                      // <? ... ?>
)

func newXMLStream(r io.Reader, cut func(line int, msg string)) *xmlStream {
	return &xmlStream{filteredInput: filteredInput{r: r}, cut: cut, amp: -1, line: 1}
}

// Read passes on the filtered input; it returns at least one byte unless
// the input has ended or failed.
func (s *xmlStream) Read(p []byte) (int, error) { return s.read(p, s) }

func (s *xmlStream) ended() { s.endValue("text") }

func (s *xmlStream) filter(in []byte) {
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c == '\n' {
			s.rawLine++
		}
		if s.dropped > 0 && (s.state == xmlText && c != '<' || s.state == xmlTag && s.quote != 0 && c != s.quote) {
			// The rest of a value being dropped: only its newlines count.
			stop := byte('<')
			if s.state == xmlTag {
				stop = s.quote
			}
			j := i + 1
			for j < len(in) && in[j] != stop {
				j++
			}
			nl := bytes.Count(in[i+1:j], []byte{'\n'})
			s.rawLine += nl
			if c == '\n' {
				nl++
			}
			if nl > 0 {
				s.newline(s.out - 1)
				s.pend[len(s.pend)-1].n += nl - 1
			}
			s.dropped += int64(j - i)
			i = j - 1
			continue
		}
		switch s.state {
		case xmlText:
			if s.amp < 0 && xmlPlain[c] {
				// The common case: a run of plain text, passed on up to
				// the bound or dropped past it.
				j := i + 1
				for j < len(in) && xmlPlain[in[j]] && (s.dropped > 0 || s.n+int64(j-i) < maxXMLValue) {
					j++
				}
				if s.dropped > 0 {
					s.dropped += int64(j - i)
					i = j - 1
					continue
				}
				if s.n+int64(j-i) < maxXMLValue {
					s.q = append(s.q, in[i:j]...)
					s.n += int64(j - i)
					s.out += int64(j - i)
					i = j - 1
					continue
				}
			}
			if c == '<' {
				s.endValue("text")
				s.state, s.mark = xmlOpen, s.mark[:0]
				s.emit(c)
				continue
			}
			s.value(c)
		case xmlOpen:
			s.emit(c)
			s.mark = append(s.mark, c)
			s.open()
		case xmlTag:
			s.tagByte(c)
		default:
			if !sectionMark[c] {
				// A run of bytes that cannot end the section.
				j := i + 1
				for j < len(in) && !sectionMark[in[j]] && (s.dropped > 0 || s.n+int64(j-i) < maxXMLValue) {
					j++
				}
				if s.dropped > 0 || s.n+int64(j-i) < maxXMLValue {
					s.end = s.end[:0]
					if s.dropped > 0 {
						s.dropped += int64(j - i)
					} else {
						s.q = append(s.q, in[i:j]...)
						s.n += int64(j - i)
						s.out += int64(j - i)
					}
					i = j - 1
					continue
				}
			}
			s.sectionByte(c)
		}
	}
}

// open tells the kind of markup from its first bytes.
func (s *xmlStream) open() {
	m := string(s.mark)
	switch {
	case m == "!--":
		s.section(xmlComment)
	case m == "![CDATA[":
		s.section(xmlCDATA)
	case m == "?":
		s.section(xmlPI)
	case len(m) >= 8 || !isPrefix(m, "!--") && !isPrefix(m, "![CDATA["):
		s.state, s.quote = xmlTag, 0
		if m[len(m)-1] == '"' || m[len(m)-1] == '\'' {
			s.startQuote(m[len(m)-1])
		} else if m[len(m)-1] == '>' {
			s.state = xmlText
			s.n, s.dropped, s.line = 0, 0, s.rawLine+1
		}
	}
}

// sectionMark tells the bytes that may end a section, and newlines.
var sectionMark = [256]bool{'-': true, ']': true, '?': true, '>': true, '\n': true}

// xmlPlain tells the bytes of text that need no look.
var xmlPlain = func() (t [256]bool) {
	for c := range t {
		t[c] = c != '<' && c != '&' && c != ';' && c != '\n'
	}
	return t
}()

func isPrefix(m, of string) bool { return len(m) <= len(of) && of[:len(m)] == m }

func (s *xmlStream) section(st xmlState) {
	s.state, s.n, s.dropped, s.line, s.end = st, 0, 0, s.rawLine+1, s.end[:0]
}

func (s *xmlStream) startQuote(q byte) {
	s.quote, s.n, s.dropped, s.line, s.amp = q, 0, 0, s.rawLine+1, -1
}

// tagByte takes one byte of a tag: an attribute value is a value.
func (s *xmlStream) tagByte(c byte) {
	switch {
	case s.quote != 0 && c == s.quote:
		s.endValue("attribute value")
		s.quote = 0
		s.emit(c)
	case s.quote != 0:
		s.value(c)
	case c == '"' || c == '\'':
		s.emit(c)
		s.startQuote(c)
	case c == '>':
		s.emit(c)
		s.state, s.n, s.dropped, s.line, s.amp = xmlText, 0, 0, s.rawLine+1, -1
	default:
		s.emit(c)
	}
}

// value takes one byte of text or of an attribute value, dropping it
// past the bound. A cut falls before an entity reference or a UTF-8
// sequence, never inside one, so that what is passed on stays valid.
func (s *xmlStream) value(c byte) {
	switch {
	case c == '&':
		s.amp = 0
	case c == ';':
		s.amp = -1
	case s.amp >= 0:
		s.amp++
		if s.amp > 32 {
			s.amp = -1 // no entity is that long: the decoder will say so
		}
	}
	if s.dropped > 0 || s.n >= maxXMLValue && (c == '&' || s.amp < 0 && c&0xC0 != 0x80) {
		s.drop(c)
		return
	}
	s.n++
	s.emit(c)
}

func (s *xmlStream) drop(c byte) {
	s.dropped++
	if c == '\n' {
		s.newline(s.out - 1) // at the last byte passed on
	}
}

// sectionByte takes one byte of a comment, CDATA section or processing
// instruction, whose end mark is always passed on.
func (s *xmlStream) sectionByte(c byte) {
	mark, what := "?>", "processing instruction"
	switch s.state {
	case xmlComment:
		mark, what = "-->", "comment"
	case xmlCDATA:
		mark, what = "]]>", "CDATA section"
	}
	s.end = append(s.end, c)
	if len(s.end) > len(mark) {
		s.end = s.end[1:]
	}
	if string(s.end) == mark {
		if s.dropped > 0 {
			s.endValue(what)
			s.q = append(s.q, mark...)
			s.out += int64(len(mark))
			if c == '\n' {
				s.newline(s.out - 1)
			}
		} else {
			s.emit(c)
		}
		s.state, s.n, s.dropped, s.line, s.amp = xmlText, 0, 0, s.rawLine+1, -1
		return
	}
	if s.dropped > 0 || s.n >= maxXMLValue && c&0xC0 != 0x80 {
		s.drop(c)
		return
	}
	s.n++
	s.emit(c)
}

func (s *xmlStream) emit(c byte) {
	if c == '\n' {
		s.newline(s.out)
	}
	s.q = append(s.q, c)
	s.out++
}

// endValue tells of the value just ended if it was cut.
func (s *xmlStream) endValue(what string) {
	if s.dropped > 0 && s.cut != nil {
		s.cut(s.line, fmt.Sprintf("%s of %s cut to its first %s", what, sizeOf(s.n+s.dropped), sizeOf(s.n)))
	}
	s.n, s.dropped = 0, 0
}
