package parsers

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bmatcuk/doublestar/v4"
)

// Input is one file (or standard input) to read.
type Input struct {
	// Name is how reports name the input: the path as found, or "-".
	Name string
	// Stdin is set for standard input.
	Stdin bool
	// A large file is read in parts, in parallel (see Split): Part numbers
	// them from 0, Offset and Length give the bytes, Format the format
	// the whole file was sniffed as. Length 0 means the whole input. A
	// whole input with a Format was sniffed before and is not again.
	Part           int
	Offset, Length int64
	Format         *Format
	// Head is the first line of a split file whose format reads its
	// header (Format.Header), handed to every part.
	Head []byte
	// Size is the file's size when Discover found it (0: unknown), so
	// that Split need not ask the file system again for each small file.
	Size int64
	// ModTime is the file's last modification when Discover found it
	// (zero: unknown), which no record in it can postdate (see
	// WrittenSince).
	ModTime time.Time
	// id is the file's device and inode when Discover found it (zero:
	// unknown), so that it can be told from another without a stat.
	id fileID
}

// IsFile tells whether the input is the file fi (by device and inode,
// whatever its path): by what Discover found, where it found the file,
// else by a stat of its name now. Standard input is no file of its own.
func (in Input) IsFile(fi os.FileInfo) bool {
	if in.Stdin {
		return false
	}
	if in.id != (fileID{}) {
		id, ok := idOf(fi)
		return ok && id == in.id
	}
	mine, err := os.Stat(in.Name)
	return err == nil && os.SameFile(mine, fi)
}

// Discover expands the command line's paths, directories (searched
// recursively, following links to directories once) and globs (with "**")
// into inputs, in a stable order. "-" stands for standard input. Paths
// that name nothing, and directories that cannot be read, are problems.
func Discover(args []string) ([]Input, []Problem) { return Selection{}.Discover(args) }

// Selection chooses the files inside searched folders: with Include, only
// those that match one of its patterns; never those that match one of
// Exclude's (a folder that matches is not searched). A pattern without a
// slash matches a file's or folder's name, one with a slash its path from
// the searched folder; "**" matches any number of folders (doublestar).
// Files named on the command line are always read.
type Selection struct {
	Include, Exclude []string
}

// CheckPatterns returns an error naming the first invalid pattern.
func (s Selection) CheckPatterns() error {
	for _, p := range append(append([]string(nil), s.Include...), s.Exclude...) {
		if !doublestar.ValidatePattern(filepath.ToSlash(p)) {
			return fmt.Errorf("invalid pattern %q", p)
		}
	}
	return nil
}

// Discover is the package's Discover, keeping to the selection.
func (s Selection) Discover(args []string) ([]Input, []Problem) {
	d := &discovery{seen: map[string]bool{}, dirs: map[fileID]bool{}, sel: s}
	for _, arg := range args {
		d.root = ""
		d.arg(arg)
	}
	return d.inputs, d.problems
}

// matchAny tells whether the file or folder at path p, below the searched
// folder root, matches one of patterns.
func matchAny(patterns []string, root, p string) bool {
	if len(patterns) == 0 {
		return false // the common case, for each file of a folder
	}
	rel, err := filepath.Rel(root, p)
	if err != nil {
		rel = p
	}
	rel, base := filepath.ToSlash(rel), filepath.Base(p)
	for _, pat := range patterns {
		pat = filepath.ToSlash(pat)
		target := rel
		if !strings.Contains(pat, "/") {
			target = base
		}
		if ok, _ := doublestar.Match(pat, target); ok {
			return true
		}
	}
	return false
}

type discovery struct {
	inputs   []Input
	problems []Problem
	seen     map[string]bool
	dirs     map[fileID]bool
	sel      Selection
	root     string // the searched folder of the current argument
}

type fileID struct{ dev, ino uint64 }

func (d *discovery) arg(arg string) {
	if arg == "-" {
		d.add(Input{Name: "-", Stdin: true})
		return
	}
	if _, err := os.Lstat(arg); err == nil {
		d.path(arg)
		return
	}
	if !hasMeta(arg) {
		d.fail(arg, "no such file or directory")
		return
	}
	matches, err := doublestar.FilepathGlob(arg, doublestar.WithFailOnIOErrors())
	if err != nil {
		d.fail(arg, fmt.Sprintf("bad pattern: %v", err))
		return
	}
	if len(matches) == 0 {
		d.fail(arg, "pattern matches no file")
	}
	sort.Strings(matches)
	for _, m := range matches {
		d.root = ""
		d.path(m)
	}
}

func hasMeta(s string) bool { return strings.ContainsAny(s, "*?[{") }

func (d *discovery) fail(name, msg string) {
	d.problems = append(d.problems, Problem{Source: name, Err: msg})
}

func (d *discovery) add(in Input) {
	if d.seen[in.Name] {
		return
	}
	d.seen[in.Name] = true
	d.inputs = append(d.inputs, in)
}

// path adds a file named on the command line (or by a glob), or the
// files below a directory.
func (d *discovery) path(p string) {
	fi, err := os.Stat(p)
	if err == nil && fi.Mode().IsRegular() && d.pseudo(p) {
		return
	}
	d.stated(p, fi, err)
}

// pseudo tells, as a problem, that p is on a pseudo file system (proc,
// sysfs...), which is not read.
func (d *discovery) pseudo(p string) bool {
	fs, ok := pseudoFS(p)
	if ok {
		d.fail(p, "on the "+fs+" pseudo file system (the kernel's state, not a log): not read")
	}
	return ok
}

// stated adds the file p, stated as fi (or err).
func (d *discovery) stated(p string, fi fs.FileInfo, err error) {
	if err != nil {
		if lfi, lerr := os.Lstat(p); lerr == nil && lfi.Mode()&fs.ModeSymlink != 0 {
			d.fail(p, "broken symbolic link: "+cleanErr(err))
			return
		}
		d.fail(p, cleanErr(err))
		return
	}
	switch {
	case fi.IsDir():
		if d.root == "" {
			d.root = p
		} else if matchAny(d.sel.Exclude, d.root, p) {
			return
		}
		if !d.pseudo(p) {
			d.dir(p, fi)
		}
	case fi.Mode().IsRegular() && fi.Size() == 0 && d.pseudo(p):
		// The files of /proc say they are empty, and some block.
	case fi.Mode().IsRegular():
		if d.root != "" && (len(d.sel.Include) > 0 && !matchAny(d.sel.Include, d.root, p) || matchAny(d.sel.Exclude, d.root, p)) {
			return
		}
		id, _ := idOf(fi)
		d.add(Input{Name: p, Size: fi.Size(), ModTime: fi.ModTime(), id: id})
	case fi.Mode()&fs.ModeCharDevice != 0:
		d.fail(p, "a character device, not a file: not read")
	case fi.Mode()&fs.ModeDevice != 0:
		d.fail(p, "a block device, not a file: not read")
	case fi.Mode()&fs.ModeNamedPipe != 0:
		d.fail(p, "a named pipe, not a file: not read (pass its data on standard input, as -)")
	default:
		d.fail(p, "not a regular file: skipped")
	}
}

func (d *discovery) dir(root string, fi fs.FileInfo) {
	if id, ok := idOf(fi); ok {
		if d.dirs[id] {
			d.fail(root, "symbolic link loop (directory already searched): skipped")
			return
		}
		d.dirs[id] = true
	}
	names, err := readDirNames(root)
	if err != nil {
		d.fail(root, cleanErr(err))
		return
	}
	paths := make([]string, 0, len(names))
	d.inputs = slices.Grow(d.inputs, len(names)) // a folder's files, at once rather than by doubling
	for _, name := range names {
		if strings.HasPrefix(name, ".") {
			continue // hidden files and folders (.git) hold no logs
		}
		paths = append(paths, filepath.Join(root, name))
	}
	// A folder of thousands of files costs as many stat calls: they are
	// made in parallel, a chunk at a time, and taken in order.
	var stats [statChunk]struct {
		fi  fs.FileInfo
		err error
	}
	for len(paths) > 0 {
		chunk := paths[:min(len(paths), statChunk)]
		paths = paths[len(chunk):]
		parallel(len(chunk), func(i int) { stats[i].fi, stats[i].err = os.Stat(chunk[i]) })
		for i, p := range chunk {
			d.stated(p, stats[i].fi, stats[i].err)
			stats[i].fi = nil
		}
	}
}

// readDirNames returns the names in the folder dir, sorted: os.ReadDir's
// order at a fraction of its cost on a folder of thousands of files
// (strings sort faster than directory entries).
func readDirNames(dir string) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	sort.Strings(names)
	return names, err
}

// statChunk is how many files of a folder are stated at once.
const statChunk = 1024

// parallel calls f(0) ... f(n-1) on a few goroutines, and returns when
// all calls have returned. Short lists are not worth the goroutines.
func parallel(n int, f func(int)) {
	workers := min(2*runtime.GOMAXPROCS(0), 8, n/64)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}

func cleanErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Opened is an input ready to parse: its bytes (decompressed) and its
// format.
type Opened struct {
	io.Reader
	Format *Format
	closer io.Closer
	bufs   []*bufio.Reader
	in     Input
	raw    *readTally // the bytes read of the file, before decompression
	text   *nulFilter // the text handed to the parser
	gz     bool
}

// Close closes the underlying file and recycles the buffers.
func (o *Opened) Close() error {
	for _, b := range o.bufs {
		b.Reset(nil)
		bufPool.Put(b)
	}
	o.bufs = nil
	if o.closer == nil {
		return nil
	}
	return o.closer.Close()
}

// bufPool recycles read buffers: with many small files, a fresh 64 KiB
// buffer per file would dominate the work.
var bufPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, sniffSize) }}

func pooledReader(r io.Reader) *bufio.Reader {
	b := bufPool.Get().(*bufio.Reader)
	b.Reset(r)
	return b
}

// Open opens an input, decompresses gzip (by content, so rotated names
// such as api.log.2.gz and misnamed files both work) and tells its
// format. A nil Opened with a Problem means the input is skipped.
func Open(in Input, stdin io.Reader, extra ...*Format) (*Opened, *Problem) {
	var f io.ReadCloser
	if in.Stdin {
		f = io.NopCloser(stdin)
	} else {
		file, err := openFile(in.Name)
		if err != nil {
			return nil, &Problem{Source: in.Name, Err: "cannot read: " + cleanErr(err)}
		}
		f = file
		if in.Length > 0 {
			o, p := openPart(file, in)
			if o != nil {
				o.in = in
				o.filterNULs()
			}
			return o, p
		}
	}
	raw := &readTally{r: f}
	br := pooledReader(raw)
	o := &Opened{Reader: br, closer: f, bufs: []*bufio.Reader{br}, in: in, raw: raw}
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		o.gz = true
		zr, err := gzip.NewReader(br)
		if err != nil {
			o.Close()
			return nil, &Problem{Source: in.Name, Err: "invalid gzip data: " + err.Error()}
		}
		br = pooledReader(zr)
		o.Reader = br
		o.bufs = append(o.bufs, br)
	}
	head, err := br.Peek(sniffSize)
	if err != nil && !isEOF(err) && !errors.Is(err, bufio.ErrBufferFull) {
		o.Close()
		return nil, &Problem{Source: in.Name, Err: "cannot read: " + readErr(err)}
	}
	format, why := in.Format, ""
	if format == nil && len(head) > 0 && allZero(head) {
		why = fmt.Sprintf("its first %d bytes are all zero (space a crash left unwritten, or a preallocated file): not a log", len(head))
	} else if format == nil {
		format, why = Sniff(head, extra...)
	}
	if format == nil {
		// head is the reader's buffer: looked at before it goes back.
		notLogFile := notLog(in.Name, head)
		o.Close()
		return nil, &Problem{Source: in.Name, Err: why, NotLog: notLogFile}
	}
	o.Format = format
	if bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0 {
		o.Reader = crReader{br}
	}
	o.filterNULs()
	return o, nil
}

// filterNULs hands the parser the text without its NUL bytes, through a
// pooled buffer, which the parsers' line readers read from in place.
func (o *Opened) filterNULs() {
	o.text = &nulFilter{r: o.Reader}
	br := pooledReader(o.text)
	o.bufs = append(o.bufs, br)
	o.Reader = br
}

// Lines is how many lines of text the parser was handed, the last one
// counted whether or not a newline ends it.
func (o *Opened) Lines() int {
	if o.text == nil {
		return 0
	}
	if o.text.last != 0 && o.text.last != '\n' {
		return o.text.lines + 1
	}
	return o.text.lines
}

// Newlines is how many newlines the input's text held up to where it was
// read: for an input read to its end, its lines less a last one without
// a newline.
func (o *Opened) Newlines() int {
	if o.text == nil {
		return 0
	}
	return o.text.lines
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// readErr explains read errors in the user's terms.
func readErr(err error) string {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of data (truncated gzip file?)"
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader):
		return "corrupt gzip data: " + err.Error()
	}
	return cleanErr(err)
}

// ReadError words an error that stopped a parser, for the report.
func ReadError(err error) string { return readErr(err) }
