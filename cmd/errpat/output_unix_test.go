//go:build unix

package main

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestOutputCheckSkipsPipes: a named pipe whose reader is not there yet
// is not opened by the check, which would wait for one.
func TestOutputCheckSkipsPipes(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := checkWritable(fifo); err != nil {
		t.Errorf("a named pipe: got %v, want nil and no wait", err)
	}
}
