package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// unreadStdin fails the test when read: the output's check must come
// before any input is read.
type unreadStdin struct{ t *testing.T }

func (r unreadStdin) Read([]byte) (int, error) {
	r.t.Error("standard input was read before --output was found unwritable")
	return 0, os.ErrClosed
}

// TestOutputCheckedFirst: an --output that cannot be written stops
// errpat before it reads anything, in the report and its subcommands; a
// writable one that does not exist yet is not left behind by the check.
func TestOutputCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no-such-folder", "r.json")
	for _, args := range [][]string{
		{"-o", missing, "-"},
		{"--output", dir, "-"}, // a folder
		{"events", "-o", missing, "-"},
		{"bugreport", "-o", missing, "-"},
		{"patterns", "-o", missing, "-"},
	} {
		var out, errOut bytes.Buffer
		code := run(args, unreadStdin{t}, &out, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), "errpat: cannot write --output: ") || out.Len() != 0 {
			t.Errorf("%v: got exit %d, stdout %q, stderr %q; want 2, nothing, and why the output cannot be written",
				args, code, out.String(), errOut.String())
		}
	}
	fresh := filepath.Join(dir, "fresh.json")
	if err := checkWritable(fresh); err != nil {
		t.Fatalf("a new file in a writable folder: got %v, want nil", err)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("the check left %s behind (stat: %v)", fresh, err)
	}
	kept := filepath.Join(dir, "kept.json")
	if err := os.WriteFile(kept, []byte("yesterday"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := checkWritable(kept); err != nil {
		t.Fatalf("an existing file: got %v, want nil", err)
	}
	if b, _ := os.ReadFile(kept); string(b) != "yesterday" {
		t.Errorf("the check changed an existing file to %q, want it untouched until the report is written", b)
	}
}
