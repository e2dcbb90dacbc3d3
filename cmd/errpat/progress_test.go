package main

import (
	"bytes"
	"os"
	"testing"
)

// TestProgressOnlyOnATerminal: no line when standard error is no
// terminal (see term.Is); no note when standard input is not a terminal.
func TestProgressOnlyOnATerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
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
