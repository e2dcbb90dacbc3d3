package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCLICases runs each case of testdata/cli in-process. A case is a
// txtar archive: its comment says what it checks; "args" holds the
// arguments, one a line; "stdin" the standard input; "code" the exit
// code (0 when absent); "stdout" and "stderr" the whole of each output,
// while "stdout contains" and "stderr contains" hold lines each output
// must contain; "file NAME" sections are written to a temporary folder
// that $WORK names in the arguments and the outputs. (A case whose input
// holds log lines belongs in a Go test: errpat run over testdata would
// read them.)
func TestCLICases(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "cli", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("got no cases in testdata/cli (%v)", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			runCase(t, parseArchive(string(data)))
		})
	}
}

func runCase(t *testing.T, c *archive) {
	t.Helper()
	work := t.TempDir()
	expand := func(s string) string { return strings.ReplaceAll(s, "$WORK", work) }
	for _, name := range c.names {
		if file, ok := strings.CutPrefix(name, "file "); ok {
			if err := os.WriteFile(filepath.Join(work, file), []byte(c.files[name]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var args []string
	for _, a := range strings.Split(strings.TrimSuffix(c.files["args"], "\n"), "\n") {
		args = append(args, expand(a))
	}
	code, out, errOut := runCLI(t, c.files["stdin"], args...)
	want := 0
	if s, ok := c.files["code"]; ok {
		var err error
		if want, err = strconv.Atoi(strings.TrimSpace(s)); err != nil {
			t.Fatalf("code section: %v", err)
		}
	}
	if code != want {
		t.Errorf("exit code: got %d, want %d (stderr %q)", code, want, errOut)
	}
	checkStream(t, c, "stdout", out, expand)
	checkStream(t, c, "stderr", errOut, expand)
}

// checkStream compares one output with the case's whole text or lines.
func checkStream(t *testing.T, c *archive, name, got string, expand func(string) string) {
	t.Helper()
	if want, ok := c.files[name]; ok && got != expand(want) {
		t.Errorf("%s: got\n%s\nwant\n%s", name, got, expand(want))
	}
	for _, line := range strings.Split(c.files[name+" contains"], "\n") {
		if line != "" && !strings.Contains(got, expand(line)) {
			t.Errorf("%s: got\n%s\nwant it to contain %q", name, got, expand(line))
		}
	}
}
