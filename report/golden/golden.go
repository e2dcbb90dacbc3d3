// Package golden compares what a test wrote with a golden file kept in
// testdata/golden; `go test ./report ./cmd/errpat -update` rewrites the
// files instead (read the diff before committing them). It is imported by
// tests only.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update is -update: the one flag that rewrites every golden file.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// Updating tells whether the test run rewrites the golden files.
func Updating() bool { return *update }

// Check compares got with the golden file at path (relative to the test's
// working directory); with -update it writes got there first, creating
// the folders it needs.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("got output that differs from %s (go test -update rewrites it):\n%s", path, got)
	}
}
