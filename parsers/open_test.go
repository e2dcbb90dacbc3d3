package parsers

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenFile reads a file through openFile: its bytes, the end of the
// file every time after, a seek back, and a second Close refused.
func TestOpenFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a.log")
	os.WriteFile(name, []byte("hello\nworld\n"), 0o644)
	f, err := openFile(name)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if string(b) != "hello\nworld\n" || err != nil {
		t.Fatalf("read %q, %v", b, err)
	}
	for range 2 {
		if n, err := f.Read(make([]byte, 4)); n != 0 || err != io.EOF {
			t.Errorf("after the end: %d, %v; want 0, EOF", n, err)
		}
	}
	if _, err := f.Seek(6, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(f); string(b) != "world\n" {
		t.Errorf("after a seek: %q", b)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); !errors.Is(err, os.ErrClosed) {
		t.Errorf("second Close: %v, want ErrClosed", err)
	}
	if _, err := openFile(filepath.Join(t.TempDir(), "none")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	dir, err := openFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	if _, err := dir.Read(make([]byte, 8)); err == nil {
		t.Error("reading a folder gave no error")
	}
}
