//go:build !unix

package parsers

import (
	"io"
	"os"
)

// openFile opens a file for reading.
func openFile(name string) (io.ReadSeekCloser, error) { return os.Open(name) }
