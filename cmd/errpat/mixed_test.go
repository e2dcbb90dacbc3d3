package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// junk are files that lie about in the folders users point errpat at and
// are plainly not logs or reports: each is skipped without a word.
var junk = map[string]string{
	"main.go":          "package main\n\nfunc main() { println(\"2026-11-28 03:21:12,728 - ERROR - boom\") }\n",
	"client.py":        "import logging\nlogging.error('❌ Create Trunk - HTTP 500: boom')\n",
	"README.md":        "# Logs\n\n| status | count |\n|---|---|\n| 500 | 3 |\n",
	"index.html":       "<!DOCTYPE html>\n<html><body><p>HTTP 503</p></body></html>\n",
	"page.htm":         "<html><head><title>x</title></head></html>\n",
	"style.css":        "body { color: red; }\n",
	"config.yaml":      "status: 500\nendpoint: /trunks\n",
	"logo.png":         "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00",
	"archive.zip":      "PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00!\x00\x00\x00\x00\x00",
	"package.json":     `{"name": "x", "version": "1.0.0", "scripts": {"test": "jest"}}`,
	"Makefile":         "test:\n\tgo test ./...\n",
	"notes/LICENSE":    "MIT License\n",
	"scripts/check.sh": "#!/bin/sh\nexit 0\n",
}

// TestMixedFolder runs errpat over every sample in testdata together with
// source files, documents and images: those are counted in one line, and
// nothing about the samples' counts changes (the counts themselves are
// asserted against hand counts by each format's own tests).
func TestMixedFolder(t *testing.T) {
	dir := t.TempDir()
	samples := filepath.Join(dir, "samples")
	copyTree(t, "testdata", samples, "golden", "routes") // routes: API documents for --routes, not inputs
	code, alone, _ := runCLI(t, "", "--tz", "UTC", "--format", "json", samples)
	if code != 0 {
		t.Fatalf("samples alone: exit %d", code)
	}
	for name, body := range junk {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, mixed, stderr := runCLI(t, "", "--tz", "UTC", "--format", "json", dir)
	if code != 0 {
		t.Fatalf("mixed: exit %d, stderr %s", code, stderr)
	}
	var a, m struct {
		Inputs struct {
			Files        int `json:"files"`
			SkippedFiles int `json:"skipped_files"`
			NotLogs      int `json:"not_logs"`
			ProblemCount int `json:"problem_count"`
		} `json:"inputs"`
		Summary json.RawMessage `json:"summary"`
		Status  json.RawMessage `json:"by_status"`
	}
	if err := json.Unmarshal([]byte(alone), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(mixed), &m); err != nil {
		t.Fatal(err)
	}
	// The samples' own notes (README.md beside them) are not logs either.
	notLogs := a.Inputs.NotLogs + len(junk)
	if m.Inputs.NotLogs != notLogs || m.Inputs.Files != a.Inputs.Files+len(junk) ||
		m.Inputs.SkippedFiles != a.Inputs.SkippedFiles+len(junk) || m.Inputs.ProblemCount != a.Inputs.ProblemCount {
		t.Errorf("got inputs %+v, want those of the samples alone %+v and %d files that are not logs", m.Inputs, a.Inputs, len(junk))
	}
	if string(m.Summary) != string(a.Summary) || string(m.Status) != string(a.Status) {
		t.Errorf("got summary %s by status %s, want the samples' own %s %s", m.Summary, m.Status, a.Summary, a.Status)
	}
	for name := range junk {
		if strings.Contains(stderr, filepath.Base(name)) {
			t.Errorf("stderr names %s: files that are not logs are skipped without a word", name)
		}
	}
	_, text, _ := runCLI(t, "", "--tz", "UTC", dir)
	if want := fmt.Sprintf("Skipped %d files that are not logs or reports.", notLogs); !strings.Contains(text, want) {
		t.Errorf("text report lacks %q", want)
	}
	code, _, stderr = runCLI(t, "", "--tz", "UTC", "--strict", dir)
	if code != exitFailure || !strings.Contains(stderr, "main.go: not a log or report: skipped") ||
		!strings.Contains(stderr, fmt.Sprintf("%d files that are not logs or reports, and --strict is set", notLogs)) {
		t.Errorf("--strict: got exit %d, stderr %s; want 2, each file named", code, stderr)
	}
}

// copyTree copies the files below src to dst, leaving out the folders
// named in skip.
func copyTree(t *testing.T, src, dst string, skip ...string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		for _, s := range skip {
			if d.IsDir() && rel == s {
				return filepath.SkipDir
			}
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
