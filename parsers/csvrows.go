package parsers

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"unicode/utf8"
)

// csvRows reads the rows of a delimited file as JMeter's CSVSaveService
// writes them: a field holding the delimiter, a quote, CR or LF is quoted,
// its quotes doubled; so one row may span several lines.
type csvRows struct {
	lr     *lineReader
	delim  byte
	max    int
	out    []byte   // the fields of a quoted row, unquoted
	fields [][]byte // the row last read
	ends   []int
	start  int  // line the row last read starts on
	lines  int  // how many lines it spans
	eol    bool // its last line ended with a line break
	cut    bool // one of its lines was longer than max and cut
	// pending is the line firstLine returned, read again by next after unread.
	pending                          []byte
	unreadOK, pendingEOL, pendingCut bool
}

// errOpenQuote is a row whose quoted field is still open at the end of the
// input (or after max bytes): a row cut off by a writer that stopped.
var errOpenQuote = errors.New("quoted field not closed")

func newCSVRows(r io.Reader, delim byte, maxLen int) *csvRows {
	if maxLen <= 0 {
		maxLen = DefaultMaxLine
	}
	return &csvRows{lr: newLineReader(r, maxLen), delim: delim, max: maxLen}
}

// firstLine returns the first non-blank line as it is, for a caller that
// tells from it how the rest reads; unread hands it back to next.
func (c *csvRows) firstLine() ([]byte, error) {
	for {
		line, err := c.lr.next()
		if err != nil {
			return nil, err
		}
		if c.lr.n == 1 {
			line = trimBOM(line)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			c.pending = append(c.pending[:0], line...)
			c.pendingEOL, c.pendingCut = c.lr.full > len(line), c.lr.cut
			return c.pending, nil
		}
	}
}

// unread makes the line firstLine returned the next row's first line.
func (c *csvRows) unread() { c.unreadOK = true }

// next reads the next non-blank row into c.fields, valid until the next
// call. It returns io.EOF at the end, errOpenQuote for a row whose quote
// never closes (the lines it spans are consumed), and read errors.
func (c *csvRows) next() error {
	line, err := c.scan()
	if err == nil && line != nil {
		c.splitPlain(line)
	}
	return err
}

// scan reads the next non-blank row, as next does, except that a row
// without quotes (nearly every row) is returned as it is and c.fields is
// left alone: its reader cuts out the fields it needs. For a row with
// quotes it returns nil, the row unquoted into c.fields.
func (c *csvRows) scan() ([]byte, error) {
	for {
		var line []byte
		if c.unreadOK {
			c.unreadOK = false
			line = c.pending
			c.start, c.lines, c.eol, c.cut = c.lr.n, 1, c.pendingEOL, c.pendingCut
		} else {
			var err error
			if line, err = c.lr.next(); err != nil {
				return nil, err
			}
			if c.lr.n == 1 {
				line = trimBOM(line)
			}
			if blankLine(line) {
				continue
			}
			c.start, c.lines, c.eol, c.cut = c.lr.n, 1, c.lr.full > len(line), c.lr.cut
		}
		if bytes.IndexByte(line, '"') < 0 {
			return line, nil
		}
		return nil, c.quoted(line)
	}
}

// blankLine tells a line of white space only. Its first byte mostly tells:
// an ASCII byte above the space is no space of any kind.
func blankLine(line []byte) bool {
	if len(line) > 0 && line[0] > ' ' && line[0] < utf8.RuneSelf {
		return false
	}
	return len(bytes.TrimSpace(line)) == 0
}

// splitPlain splits a line without quotes: the fields point into it.
// jtlCSV cuts its rows with delims instead, which finds only where the
// fields end.
func (c *csvRows) splitPlain(line []byte) {
	c.fields = c.fields[:0]
	for {
		i := bytes.IndexByte(line, c.delim)
		if i < 0 {
			c.fields = append(c.fields, line)
			return
		}
		c.fields = append(c.fields, line[:i])
		line = line[i+1:]
	}
}

// delims appends to ends the offset of each delim byte in line. It looks
// at 8 bytes at a time: the fields of a JMeter row are a few bytes long,
// too short for a bytes.IndexByte call per field to pay.
func delims(ends []int, line []byte, delim byte) []int {
	const low7 = 0x7f7f7f7f7f7f7f7f
	pattern := 0x0101010101010101 * uint64(delim)
	n := len(ends)
	if cap(ends)-n < len(line) { // room for a delim a byte: no append in the loops
		ends = append(ends, make([]int, len(line))...)[:n]
	}
	out := ends[:cap(ends)]
	i := 0
	for ; i+8 <= len(line); i += 8 {
		x := binary.LittleEndian.Uint64(line[i:i+8]) ^ pattern
		// the top bit of each byte of x that is zero, that is a delim
		// (exactly: no borrow runs from one byte into the next)
		m := ^((x&low7 + low7) | x | low7)
		for ; m != 0; m &= m - 1 {
			out[n] = i + bits.TrailingZeros64(m)>>3
			n++
		}
	}
	for ; i < len(line); i++ {
		if line[i] == delim {
			out[n] = i
			n++
		}
	}
	return out[:n]
}

// quoted unquotes a row with quotes into c.out, reading more lines while a
// quoted field is open.
func (c *csvRows) quoted(line []byte) error {
	c.out, c.ends = c.out[:0], c.ends[:0]
	inQuote, fieldStart := false, true
	for {
		inQuote, fieldStart = c.unquote(line, inQuote, fieldStart)
		if !inQuote {
			break
		}
		if len(c.out) > c.max {
			return fmt.Errorf("%w after %d bytes", errOpenQuote, len(c.out))
		}
		next, err := c.lr.next()
		if err != nil {
			if isEOF(err) {
				return errOpenQuote
			}
			return err
		}
		c.out = append(c.out, '\n') // JMeter writes \n or \r\n; the line reader drops either
		line, c.lines, c.eol, c.cut = next, c.lines+1, c.lr.full > len(next), c.cut || c.lr.cut
	}
	c.ends = append(c.ends, len(c.out))
	c.fields = c.fields[:0]
	from := 0
	for _, end := range c.ends {
		c.fields = append(c.fields, c.out[from:end])
		from = end
	}
	return nil
}

// unquote appends the fields of one line of a row to c.out, where each
// ends to c.ends; inQuote tells a quoted field open, fieldStart that a
// field starts, at the start of the line and on return. Runs of bytes
// without a quote (or delimiter) are copied at once.
func (c *csvRows) unquote(line []byte, inQuote, fieldStart bool) (bool, bool) {
	for i := 0; i < len(line); {
		switch b := line[i]; {
		case inQuote:
			j := bytes.IndexByte(line[i:], '"')
			if j < 0 {
				c.out = append(c.out, line[i:]...)
				return true, fieldStart
			}
			c.out = append(c.out, line[i:i+j]...)
			i += j + 1
			if i < len(line) && line[i] == '"' { // a quote, doubled
				c.out = append(c.out, '"')
				i++
			} else {
				inQuote = false
			}
		case b == '"' && fieldStart:
			inQuote, fieldStart = true, false
			i++
		case b == c.delim:
			c.ends = append(c.ends, len(c.out))
			fieldStart = true
			i++
		default:
			j := i + 1
			for j < len(line) && line[j] != c.delim && line[j] != '"' {
				j++
			}
			c.out = append(c.out, line[i:j]...)
			fieldStart = false
			i = j
		}
	}
	return inQuote, fieldStart
}
