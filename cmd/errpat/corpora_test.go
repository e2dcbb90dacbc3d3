package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/errpat/errpat/report/golden"
)

// corpusRuns are the command lines run over every corpus: every output
// format, the events, a window compared with the one before, --strict,
// and bug reports.
var corpusRuns = []struct {
	name string
	args []string
}{
	{"text", []string{"--tz", "UTC", "--format", "text"}},
	{"json", []string{"--tz", "UTC", "--format", "json"}},
	{"markdown", []string{"--tz", "UTC", "--format", "markdown"}},
	{"html", []string{"--tz", "UTC", "--format", "html"}},
	{"csv", []string{"--tz", "UTC", "--format", "csv"}},
	{"events", []string{"events", "--tz", "UTC"}},
	{"window", []string{"--tz", "UTC", "--since", "2026-11-28", "--compare", "previous", "--format", "json"}},
	{"strict", []string{"--tz", "UTC", "--strict", "--threshold", "5"}},
	{"bugreport", []string{"bugreport", "--tz", "UTC"}},
	{"bugreport-2", []string{"bugreport", "--tz", "UTC", "--pattern", "2"}},
}

// TestCorporaGolden runs errpat over every corpus in testdata, in every
// output, and compares standard output, standard error and the exit code
// with testdata/golden/corpora/<corpus>.txtar: a refactoring must leave
// them byte for byte, and any other change shows in their diff (go test
// ./cmd/errpat -update rewrites them).
func TestCorporaGolden(t *testing.T) {
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "golden" || d.Name() == "cli" {
			continue
		}
		t.Run(d.Name(), func(t *testing.T) {
			t.Parallel()
			corpus := filepath.Join("testdata", d.Name())
			var b strings.Builder
			for _, r := range corpusRuns {
				code, out, errOut := runCLI(t, "", append(r.args, corpus)...)
				formatSection(&b, r.name+" exit", strconv.Itoa(code)+"\n")
				if out != "" {
					formatSection(&b, r.name+" stdout", out)
				}
				if errOut != "" {
					formatSection(&b, r.name+" stderr", errOut)
				}
			}
			golden.Check(t, filepath.Join("testdata", "golden", "corpora", d.Name()+".txtar"), []byte(b.String()))
		})
	}
}
