package term

import (
	"bytes"
	"os"
	"testing"
)

// TestNoTerminal: a buffer, a file and the null device (a character
// device, as cron's standard input is) are no terminal, and have no
// width.
func TestNoTerminal(t *testing.T) {
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
		if Is(w) {
			t.Errorf("%T %v: got a terminal, want none", w, w)
		}
	}
	t.Setenv("COLUMNS", "120")
	if got := Width(f, 40); got != 0 {
		t.Errorf("a file: got width %d, want 0", got)
	}
	if got := Width(&bytes.Buffer{}, 40); got != 0 {
		t.Errorf("a buffer: got width %d, want 0", got)
	}
}
