package main

import (
	"bytes"
	"os"
	"testing"
)

// TestProgressOnlyOnATerminal: no line when standard error is a file, a
// buffer or the null device; no note when standard input is not a
// terminal.
func TestProgressOnlyOnATerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []any{&bytes.Buffer{}, null, f} {
		if isTerminalFile(w) {
			t.Errorf("%T %v: got a terminal, want none", w, w)
		}
	}
	t.Setenv("NO_COLOR", "1")
	if newProgress(&bytes.Buffer{}) != nil {
		t.Error("got a progress line on a buffer, want none")
	}
	var errOut bytes.Buffer
	noteTerminalStdin(null, true, &errOut)
	if errOut.Len() != 0 {
		t.Errorf("standard input from the null device: got note %q, want none", errOut.String())
	}
}
