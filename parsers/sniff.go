package parsers

import (
	"bytes"
	"encoding/binary"
	"time"
	"unicode/utf8"
)

// sniffSize is how much of a file is looked at to tell its format.
const sniffSize = 64 << 10

// Sniff tells the format of an input from its first bytes, trying the
// user's formats (extra) before errpat's own. It returns nil and a reason
// when the input is not one errpat reads.
func Sniff(head []byte, extra ...*Format) (*Format, string) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil, "unsupported encoding UTF-16 (convert with iconv -f UTF-16 -t UTF-8)"
	case looksUTF16(head):
		return nil, "unsupported encoding UTF-16 without byte order mark (convert with iconv -f UTF-16LE -t UTF-8)"
	case looksBinary(head):
		return nil, "binary file, not a log or result file: skipped"
	}
	text := bytes.TrimLeft(trimBOM(head), " \t\r\n")
	if len(text) == 0 {
		return nil, "empty file"
	}
	if f := sniffFormat(extra, text); f != nil {
		return f, ""
	}
	if f := sniffFormat(formats, text); f != nil {
		return f, ""
	}
	switch text[0] {
	case '<':
		return nil, "XML that is not a JUnit report"
	case '{', '[':
		return nil, "JSON that is not a report or request log errpat reads (see the README's table of formats)"
	}
	return nil, "format not recognised (not a test-client log, results file, JSON lines, newman or JUnit report)"
}

// hasLogLine reports whether one of the first lines starts with a Python
// logging timestamp.
func hasLogLine(text []byte) bool {
	for i := 0; i < 20 && len(text) > 0; i++ {
		var line []byte
		line, text, _ = bytes.Cut(text, []byte{'\n'})
		if _, _, ok := parseLogTime(StripANSI(line), time.UTC); ok {
			return true
		}
	}
	return false
}

// looksBinary tells binary data from text: a NUL in the first 8 KiB, or
// over 10% control bytes or invalid UTF-8 in the first 2 KiB.
func looksBinary(head []byte) bool {
	if bytes.IndexByte(head[:min(len(head), 8<<10)], 0) >= 0 {
		return true
	}
	head = head[:min(len(head), 2<<10)]
	bad := 0
	for i := 0; i < len(head); {
		if i+8 <= len(head) && printable8(binary.LittleEndian.Uint64(head[i:])) {
			i += 8 // eight bytes of printable ASCII at once: most of a log
			continue
		}
		for end := min(i+8, len(head)); i < end; { // one byte or rune at a time
			if c := head[i]; c < utf8.RuneSelf {
				if !asciiText[c] {
					bad++
				}
				i++
				continue
			}
			n, text := textRune(head, i)
			if !text {
				bad++
			}
			i += n
		}
	}
	return bad*10 > len(head)
}

// asciiText tells which ASCII bytes are text: printable, or a usual
// control character.
var asciiText = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t' || c == 0x1b || c == '\f'
	}
	return t
}()

// textRune decodes the non-ASCII rune at head[i] and tells whether it is
// text: printable, or UTF-8 cut by the head's end.
func textRune(head []byte, i int) (int, bool) {
	r, n := utf8.DecodeRune(head[i:])
	return n, !(r == utf8.RuneError && n == 1 && i+utf8.UTFMax < len(head) || r < 0x20 || r == 0x7f)
}

// printable8 reports whether the eight bytes of x are all printable ASCII
// (0x20 to 0x7e), testing them together rather than one by one.
func printable8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below := (x - ones*0x20) & ^x & highs // a byte below 0x20
	above := ((x + ones) | x) & highs     // a byte above 0x7e: adding 1 sets its high bit
	return below|above == 0
}

// looksUTF16 catches UTF-16 text without a byte order mark: in over 90%
// of the byte pairs one byte is zero. It stops at the first 10% of pairs
// without one, so text costs a few KiB of the head, not all of it.
func looksUTF16(head []byte) bool {
	if len(head) < 8 {
		return false
	}
	pairs, other := len(head)/2, 0 // other: pairs without a zero byte
	for i := 1; i < len(head); i += 2 {
		if head[i] != 0 && head[i-1] != 0 {
			other++
			if other*10 >= pairs {
				return false
			}
		}
	}
	return true
}
