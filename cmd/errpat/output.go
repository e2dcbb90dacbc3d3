package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// checkWritable tells, before any input is read, whether --output can be
// written, so that a long analysis is not lost to a missing folder or a
// read-only file. An existing file is opened for writing and left as it
// is; a new one is created and removed again, so that a run that stops
// later leaves nothing behind. A device or a named pipe (/dev/stdout, a
// FIFO whose reader comes later) is not opened: that could block.
func checkWritable(path string) error {
	if path == "" {
		return nil
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			f.Close()
			return os.Remove(path)
		}
	}
	if err != nil {
		return fmt.Errorf("cannot write --output: %w", err)
	}
	return f.Close()
}
