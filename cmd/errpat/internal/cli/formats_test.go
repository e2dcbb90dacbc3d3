package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadFormats: the files named come first, then the config folder's
// in name order; one format defined twice is a usage error naming both.
func TestLoadFormats(t *testing.T) {
	spec, err := os.ReadFile("../../../../docs/formats/node-client.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	if got, err := LoadFormats(nil); err != nil || len(got) != 0 {
		t.Fatalf("no format files: got %d formats, %v; want none", len(got), err)
	}
	folder := filepath.Join(dir, "errpat", "formats")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	inFolder := filepath.Join(folder, "node.json")
	if err := os.WriteFile(inFolder, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LoadFormats(nil)
	if err != nil || len(got) != 1 {
		t.Fatalf("one file in the folder: got %d formats, %v; want 1", len(got), err)
	}
	named := filepath.Join(t.TempDir(), "node.json")
	if err := os.WriteFile(named, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadFormats([]string{named})
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "format file "+inFolder+": format ") ||
		!strings.HasSuffix(err.Error(), "is defined in "+named+" too") {
		t.Errorf("a format twice: got %v, want a usage error naming %s and %s", err, inFolder, named)
	}
}
