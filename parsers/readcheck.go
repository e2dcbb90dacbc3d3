package parsers

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// readTally counts the bytes read of a file, and whether its end was met.
type readTally struct {
	r   io.Reader
	n   int64
	eof bool
}

func (t *readTally) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.n += int64(n)
	if err == io.EOF {
		t.eof = true
	}
	return n, err
}

// nulFilter drops the NUL bytes of a text, which no log holds: a file
// whose writer crashed, or a machine that lost power, can end in (or hold)
// a block of zeros where text was to be written. It counts lines, so that
// the first NUL can be named, and so that a read that failed can tell
// where.
type nulFilter struct {
	r         io.Reader
	lines     int  // newlines passed
	last      byte // the last byte passed
	nuls      int64
	runs      int
	firstLine int
	inRun     bool
}

func (f *nulFilter) Read(p []byte) (int, error) {
	for {
		n, err := f.r.Read(p)
		b := p[:n]
		if bytes.IndexByte(b, 0) >= 0 {
			b = f.drop(b)
		} else if n > 0 {
			f.inRun = false
		}
		f.lines += bytes.Count(b, []byte{'\n'})
		if len(b) > 0 {
			f.last = b[len(b)-1]
		}
		if len(b) > 0 || err != nil || n == 0 {
			return len(b), err
		}
	}
}

// drop removes the NULs of b in place, counting them and their runs.
func (f *nulFilter) drop(b []byte) []byte {
	out := b[:0]
	lines := f.lines
	for _, c := range b {
		if c != 0 {
			out = append(out, c)
			f.inRun = false
			if c == '\n' {
				lines++
			}
			continue
		}
		f.nuls++
		if !f.inRun {
			f.inRun = true
			f.runs++
			if f.runs == 1 {
				f.firstLine = lines + 1
			}
		}
	}
	return out
}

// Problems tells, once the input is parsed, what reading it met besides
// its parser's findings: NUL bytes dropped, and a file that shrank while
// it was read (a log rotated with copytruncate), whose count may miss
// requests.
func (o *Opened) Problems() []Problem {
	var ps []Problem
	if f := o.text; f != nil && f.nuls > 0 {
		runs := ""
		if f.runs > 1 {
			runs = fmt.Sprintf(" in %d runs, the first here", f.runs)
		}
		ps = append(ps, Problem{Source: o.in.Name, Line: f.firstLine,
			Err: fmt.Sprintf("%d zero bytes skipped%s: a block of zeros, as a crash or a power loss leaves where text was to be written", f.nuls, runs)})
	}
	if o.raw != nil && o.raw.eof && !o.in.Stdin && o.in.Length == 0 {
		now := int64(-1)
		if o.raw.n >= o.in.Size {
			// All the bytes found were read: stat the file only to see
			// whether it shrank below them since (fewer read is told
			// without a system call).
			now = sizeNow(o.closer, o.in.Name)
		}
		if o.raw.n < o.in.Size || now >= 0 && now < o.raw.n {
			ps = append(ps, Problem{Source: o.in.Name,
				Err: fmt.Sprintf("the file shrank while it was read (%d bytes when found, %d read, %d now; rotated with copytruncate?): its requests may be counted in part", o.in.Size, o.raw.n, max(now, 0))})
		}
	}
	return ps
}

// sizeNow is the size of the open file f now, or -1 when unknown: by
// its descriptor where it can be (a system call without a path to look
// up, for each of thousands of small files), else by its name.
func sizeNow(f io.Closer, name string) int64 {
	var size int64
	var err error
	switch f := f.(type) {
	case interface{ size() (int64, error) }:
		size, err = f.size()
	case interface{ Stat() (os.FileInfo, error) }:
		var fi os.FileInfo
		if fi, err = f.Stat(); err == nil {
			size = fi.Size()
		}
	default:
		var fi os.FileInfo
		if fi, err = os.Stat(name); err == nil {
			size = fi.Size()
		}
	}
	if err != nil {
		return -1
	}
	return size
}

// Stopped words the error that stopped a parser: where, and how much of
// the file was not read.
func (o *Opened) Stopped(err error) Problem {
	p := Problem{Source: o.in.Name, Err: "stopped reading: " + readErr(err)}
	if f := o.text; f != nil {
		p.Line = f.lines + 1
		if f.last != '\n' && (f.lines > 0 || f.last != 0) {
			p.Lines = 1 // the line it stopped in
		}
	}
	if o.raw != nil && o.in.Size > o.raw.n {
		what := "bytes"
		if o.gz {
			what = "compressed bytes"
		}
		p.Err += fmt.Sprintf("; the last %d of its %d %s are not read", o.in.Size-o.raw.n, o.in.Size, what)
	}
	return p
}
