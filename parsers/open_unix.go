//go:build unix

package parsers

import (
	"io"
	"os"
	"syscall"
)

// openFile opens a file for reading with plain blocking system calls.
// os.Open would first try to add it to the runtime's poller, and os.File
// asks for the descriptor's flags and sets a finalizer: with tens of
// thousands of small files, that was a fifth of the time spent.
func openFile(name string) (io.ReadSeekCloser, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
		return &rawFile{fd: fd, name: name}, nil
	}
}

// rawFile reads a file descriptor. Once it has met the end of the file,
// it stays there without asking again.
type rawFile struct {
	fd   int
	name string
	eof  bool
}

func (f *rawFile) Read(p []byte) (int, error) {
	if f.eof {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(f.fd, p)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, &os.PathError{Op: "read", Path: f.name, Err: err}
		case n == 0:
			f.eof = true
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *rawFile) Seek(offset int64, whence int) (int64, error) {
	f.eof = false
	n, err := syscall.Seek(f.fd, offset, whence)
	if err != nil {
		return 0, &os.PathError{Op: "seek", Path: f.name, Err: err}
	}
	return n, nil
}

// size is the open file's size now, asked of its descriptor: no path
// to look up again, and the file read even if its name has since gone to
// another.
func (f *rawFile) size() (int64, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(f.fd, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &os.PathError{Op: "fstat", Path: f.name, Err: err}
		}
		return st.Size, nil
	}
}

func (f *rawFile) Close() error {
	if f.fd < 0 {
		return &os.PathError{Op: "close", Path: f.name, Err: os.ErrClosed}
	}
	fd := f.fd
	f.fd = -1 // the number may be a new file's by the next call
	if err := syscall.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}
