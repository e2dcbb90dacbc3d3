package parsers

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"time"
)

// Split cuts large plain files into parts that can be parsed in parallel
// and merged in order: a client log at the start of a run (runs never span
// two parts), a JSON-lines file at a line start. Other inputs, compressed
// files and files below 2×partSize stay whole.
func Split(inputs []Input, partSize int64, extra ...*Format) []Input {
	out := make([]Input, 0, len(inputs))
	for _, in := range inputs {
		if staysWhole(in, partSize) {
			out = append(out, in) // most inputs: no list of one for each
			continue
		}
		out = append(out, splitOne(in, partSize, extra)...)
	}
	return out
}

// staysWhole tells the inputs that are never cut, by what is known of
// them without opening them.
func staysWhole(in Input, partSize int64) bool {
	return in.Stdin || partSize <= 0 || in.Size > 0 && in.Size < 2*partSize
}

func splitOne(in Input, partSize int64, extra []*Format) []Input {
	if staysWhole(in, partSize) {
		return []Input{in}
	}
	fi, err := os.Stat(in.Name)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() < 2*partSize {
		return []Input{in}
	}
	f, err := os.Open(in.Name)
	if err != nil {
		return []Input{in}
	}
	defer f.Close()
	head := make([]byte, sniffSize)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
		return []Input{in}
	}
	format, _ := Sniff(head, extra...)
	if format == nil || format.Next == nil && format.NextOf == nil {
		return []Input{in}
	}
	if bytes.IndexByte(head, '\n') < 0 {
		return []Input{in} // lone CR line ends: read whole
	}
	line, _, _ := bytes.Cut(bytes.TrimLeft(trimBOM(head), " \t\r\n"), []byte{'\n'})
	line = bytes.TrimRight(line, "\r")
	if format.Header {
		in.Head = line
	}
	next := format.Next
	if format.NextOf != nil {
		if next = format.NextOf(line); next == nil {
			return []Input{in}
		}
	}
	return cut(f, in, format, next, fi.Size(), partSize)
}

// cut finds a boundary near each multiple of partSize; where none is near,
// the part grows to the next one.
func cut(f *os.File, in Input, format *Format, next func([]byte) int, size, partSize int64) []Input {
	var parts []Input
	start := int64(0)
	window := make([]byte, boundaryWindow)
	quotes := quoteCount{f: f, quote: format.Quote}
	for at := partSize; at < size-partSize/2; at += partSize {
		if at <= start {
			continue
		}
		// Most boundaries are near: look a little way first.
		n, _ := f.ReadAt(window[:nearWindow], at)
		i := next(window[:n])
		if i < 0 {
			n, _ = f.ReadAt(window, at)
			i = next(window[:n])
		}
		if i < 0 {
			continue
		}
		b := at + int64(i)
		if !quotes.evenBefore(b) {
			continue // inside a quoted field: no cut here
		}
		parts = append(parts, Input{Name: in.Name, Part: len(parts), Offset: start, Length: b - start, Format: format, Head: in.Head})
		start = b
	}
	if len(parts) == 0 {
		return []Input{in}
	}
	return append(parts, Input{Name: in.Name, Part: len(parts), Offset: start, Length: size - start, Format: format, Head: in.Head})
}

// quoteCount counts the quotes of a file from its start, for a format
// whose quoted fields may hold line breaks. A writer that quotes every
// field holding a quote and doubles the quotes inside (JMeter's
// CSVSaveService, Python's csv) writes them in pairs: a line break is
// outside every quoted field exactly when the quotes before it are even
// in number. No cut is safe where that is not known, so the whole file
// before a cut is read once (at memory speed: a byte count).
type quoteCount struct {
	f     *os.File
	quote byte
	pos   int64 // bytes counted
	n     int64 // quotes in them
	buf   []byte
	bad   bool // a read failed: no more cuts
}

// evenBefore tells whether the quotes before offset b, which grows from
// call to call, are even in number; always true without a quote byte.
func (q *quoteCount) evenBefore(b int64) bool {
	if q.quote == 0 {
		return true
	}
	if q.buf == nil {
		q.buf = make([]byte, 1<<20)
	}
	for q.pos < b && !q.bad {
		n, err := q.f.ReadAt(q.buf[:min(int64(len(q.buf)), b-q.pos)], q.pos)
		q.n += int64(bytes.Count(q.buf[:n], []byte{q.quote}))
		q.pos += int64(n)
		if n == 0 || err != nil && q.pos < b {
			q.bad = true
		}
	}
	return !q.bad && q.n%2 == 0
}

// boundaryWindow is how far past a cut point a boundary is looked for;
// nearWindow is the first look.
const (
	boundaryWindow = 4 << 20
	nearWindow     = 64 << 10
)

func nextLine(b []byte) int {
	i := bytes.IndexByte(b, '\n')
	if i < 0 || i+1 >= len(b) {
		return -1
	}
	return i + 1
}

var runStarts = [][]byte{[]byte(" - Starting API tests"), []byte(" - Starting integration test")}

// nextRunStart finds the start of the first line in b that opens a run of
// the test client.
func nextRunStart(b []byte) int {
	for from := 0; from < len(b); {
		best := -1
		for _, m := range runStarts {
			if i := bytes.Index(b[from:], m); i >= 0 && (best < 0 || from+i < best) {
				best = from + i
			}
		}
		if best < 0 {
			return -1
		}
		lineStart := bytes.LastIndexByte(b[:best], '\n') + 1
		if lineStart > 0 {
			if _, _, ok := parseLogTime(b[lineStart:best+1], time.UTC); ok {
				return lineStart
			}
		}
		from = best + 1
	}
	return -1
}

// openPart opens one part of a split file; its format is known already.
func openPart(file io.ReadSeekCloser, in Input) (*Opened, *Problem) {
	if _, err := file.Seek(in.Offset, io.SeekStart); err != nil {
		file.Close()
		return nil, &Problem{Source: in.Name, Err: "cannot read: " + cleanErr(err)}
	}
	br := pooledReader(io.LimitReader(file, in.Length))
	return &Opened{Reader: br, Format: in.Format, closer: file, bufs: []*bufio.Reader{br}}, nil
}
