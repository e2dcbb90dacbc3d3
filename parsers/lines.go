package parsers

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// lineReader yields the lines of a stream without their line endings. A
// line longer than max is cut to max bytes; the rest of it is read and
// thrown away without being kept in memory, and the cut is reported.
//
// Lines are found by one IndexByte loop over all the reader holds (no
// call into bufio per line), and one look per buffer for ESC tells which
// lines have escape sequences to strip.
type lineReader struct {
	br   *bufio.Reader
	max  int
	n    int    // number of the line last returned
	buf  []byte // holds a line that spans several buffer fills
	cut  bool   // the line last returned was cut
	full int    // length of the line last returned before any cut
	esc  bool   // the line last returned has an ESC byte

	chunk   []byte // what br holds: chunk[:pos] is read, not yet discarded
	pos     int
	scanned int // chunk[pos:pos+scanned] has no newline
	nextESC int // index in chunk of its first ESC at or after pos, or len(chunk)
}

func newLineReader(r io.Reader, maxLen int) *lineReader {
	if maxLen <= 0 {
		maxLen = DefaultMaxLine
	}
	if br, ok := r.(*bufio.Reader); ok && br.Size() >= min(maxLen, 4<<10) {
		return &lineReader{br: br, max: maxLen} // the input's own buffer: no copy
	}
	size := min(max(16, maxLen), 64<<10)
	return &lineReader{br: bufio.NewReaderSize(r, size), max: maxLen}
}

// next returns the next line, valid until the following call. It returns
// io.EOF when no line is left, and other errors from the underlying reader.
func (lr *lineReader) next() ([]byte, error) {
	lr.cut, lr.full = false, 0
	for {
		rest := lr.chunk[lr.pos:]
		if i := bytes.IndexByte(rest[lr.scanned:], '\n'); i >= 0 {
			return lr.take(lr.scanned + i + 1), nil
		}
		lr.scanned = len(rest)
		if len(rest) >= lr.br.Size() {
			// A line longer than the buffer: bufio's own calls tell it,
			// as they tell when its end came with a read error.
			lr.br.Discard(lr.pos)
			lr.chunk, lr.pos, lr.scanned = nil, 0, 0
			return lr.long()
		}
		lr.br.Discard(lr.pos)
		_, err := lr.br.Peek(len(rest) + 1) // more bytes, or why there are none
		lr.chunk, _ = lr.br.Peek(lr.br.Buffered())
		lr.pos, lr.nextESC = 0, -1
		if err == nil {
			continue
		}
		if err == io.EOF && len(rest) > 0 { // the last line, without a newline
			return lr.take(len(rest)), nil
		}
		lr.br.Discard(len(rest))
		lr.chunk, lr.scanned = nil, 0
		return nil, err
	}
}

// take returns the next n bytes of chunk as a line.
func (lr *lineReader) take(n int) []byte {
	start := lr.pos
	line := lr.chunk[start : start+n]
	lr.pos += n
	lr.scanned = 0
	if lr.nextESC < start {
		lr.nextESC = len(lr.chunk)
		if i := bytes.IndexByte(lr.chunk[start:], 0x1b); i >= 0 {
			lr.nextESC = start + i
		}
	}
	lr.esc = lr.nextESC < lr.pos
	lr.n++
	lr.full = n
	return trimEOL(line)
}

// long reads a line that does not fit in the buffer.
func (lr *lineReader) long() ([]byte, error) {
	line, err := lr.br.ReadSlice('\n')
	if err == nil || (err == io.EOF && len(line) > 0) {
		lr.n++
		lr.full = len(line)
		lr.esc = bytes.IndexByte(line, 0x1b) >= 0
		return trimEOL(line), nil
	}
	if !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	lr.buf = append(lr.buf[:0], line...)
	lr.full = len(line)
	for {
		line, err = lr.br.ReadSlice('\n')
		lr.full += len(line)
		if room := lr.max - len(lr.buf); room > 0 {
			lr.buf = append(lr.buf, line[:min(room, len(line))]...)
		}
		if err == nil || err == io.EOF {
			break
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
	}
	eol := 0
	if len(line) > 0 && line[len(line)-1] == '\n' {
		eol = 1
	}
	lr.cut = lr.full-eol > lr.max
	lr.n++
	lr.esc = bytes.IndexByte(lr.buf, 0x1b) >= 0
	return trimEOL(lr.buf), nil
}

// cutProblem describes the cut of the line last returned.
func (lr *lineReader) cutProblem(source string) Problem {
	return Problem{Source: source, Line: lr.n,
		Err: fmt.Sprintf("line of %d bytes is longer than %d bytes: cut", lr.full, lr.max)}
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}

// crReader turns lone carriage returns into newlines, for files written
// with classic Mac line endings.
type crReader struct{ r io.Reader }

func (c crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := range p[:n] {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, utf8BOM) }

// eachLineRecord streams a format of one request a line: each non-blank
// line is handed to read with a record of the format at its line, and
// read returns why the line is not a request ("" when it is). A line cut
// at the longest line kept, and one that is not a request, are counted
// problems; reading goes on.
func eachLineRecord(r io.Reader, source, format string, opt Options, sink Sink, read func(line []byte, rec *Record) string) error {
	lr := newLineReader(r, opt.MaxLine)
	var rec Record // one for every line: see Sink.Record
	for {
		line, err := lr.next()
		if err != nil {
			if isEOF(err) {
				return nil
			}
			return err
		}
		if lr.n == 1 {
			line = trimBOM(line)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if lr.cut {
			report(sink, Problem{Source: source, Line: lr.n, Lines: 1, Err: lr.cutProblem(source).Err + " and skipped"})
			continue
		}
		rec = Record{Source: source, Line: lr.n, Format: format}
		if why := read(line, &rec); why != "" {
			report(sink, Problem{Source: source, Line: lr.n, Lines: 1, Err: why})
			continue
		}
		if sink.Record != nil {
			sink.Record(&rec)
		}
	}
}

// eachJSONLine streams a format of one JSON value a line: each non-blank
// line, its BOM and outer blanks trimmed, is handed to line with its
// number. A line cut at the longest line kept cannot be read: cut is told
// why, and reading goes on.
func eachJSONLine(r io.Reader, source string, opt Options, cut func(n int, why string), line func(b []byte, n int)) error {
	lr := newLineReader(r, opt.MaxLine)
	for {
		b, err := lr.next()
		if err != nil {
			if isEOF(err) {
				return nil
			}
			return err
		}
		if lr.n == 1 {
			b = trimBOM(b)
		}
		b = bytes.TrimSpace(b)
		switch {
		case len(b) == 0:
		case lr.cut:
			cut(lr.n, lr.cutProblem(source).Err+" and skipped: a cut JSON line cannot be read")
		default:
			line(b, lr.n)
		}
	}
}

// lineProblem reports why line n of source was skipped, as a counted
// problem.
func lineProblem(sink Sink, source string) func(n int, why string) {
	return func(n int, why string) {
		report(sink, Problem{Source: source, Line: n, Lines: 1, Err: why})
	}
}

// mostLinesAre is the signature of a format of a request a line: among the
// first 20 non-blank lines of text (the last one only when whole, unless
// it is the first), at least two are of the format and more are than are
// not.
func mostLinesAre(text []byte, is func(line []byte) bool) bool {
	yes, other := 0, 0
	for i := 0; i < 20 && len(text) > 0; i++ {
		line, rest, full := bytes.Cut(text, []byte{'\n'})
		text = rest
		if !full && i > 0 {
			break // cut by the end of the head
		}
		line = bytes.TrimRight(line, "\r")
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if is(line) {
			yes++
		} else {
			other++
		}
	}
	return yes >= 2 && yes > other
}
