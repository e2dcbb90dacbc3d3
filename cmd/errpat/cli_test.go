package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs errpat in-process from the repository root.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestMain(m *testing.M) {
	// Paths in cases are relative to the repository root, as in the README.
	if err := os.Chdir("../.."); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

func TestCLI(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		stdout   []string // substrings
		stderr   []string
		noStdout bool
	}{
		{name: "help names the exit codes", args: []string{"--help"}, code: 0,
			stderr: []string{"Usage: errpat", "--threshold", "Exit codes:", "1  error rate above --threshold"}},
		{name: "bad format names the valid ones", args: []string{"--format", "xml", "testdata/real-client"}, code: 2,
			stderr: []string{`errpat: invalid --format "xml" (want text, markdown, json`}, noStdout: true},
		{name: "bad zone", args: []string{"--tz", "Mars/Olympus", "testdata/real-client"}, code: 2,
			stderr: []string{`invalid --tz "Mars/Olympus"`}, noStdout: true},
		{name: "threshold out of range", args: []string{"--threshold", "120", "testdata/real-client"}, code: 2,
			stderr: []string{"invalid --threshold 120"}},
		{name: "unknown flag", args: []string{"--frobnicate"}, code: 2, stderr: []string{"unknown flag: --frobnicate"}},
		{name: "nothing matched", args: []string{"testdata/no-such-dir"}, code: 2,
			stderr: []string{"testdata/no-such-dir: no such file or directory", "no input files found"}},
		{name: "glob matching nothing", args: []string{"testdata/**/*.nothing"}, code: 2,
			stderr: []string{"pattern matches no file"}},
		{name: "threshold breached exits 1", args: []string{"--tz", "UTC", "--threshold", "10", "testdata/real-client"}, code: 1,
			stdout: []string{"ALERT: error rate 44.68% is above the threshold of 10.00%"}},
		{name: "threshold kept exits 0", args: []string{"--tz", "UTC", "--threshold", "50", "testdata/real-client"}, code: 0,
			stdout: []string{"within the threshold of 50.00%"}},
		{name: "doublestar glob", args: []string{"--tz", "UTC", "--format", "json", "testdata/**/api_test_20261128_03211*.log"}, code: 0,
			stdout: []string{`"requests": 37`, `"incomplete_runs": 5`}},
		{name: "include chooses files inside folders", args: []string{"--tz", "UTC", "--format", "json", "--include", "api_test_*_03211[02].log", "testdata/real-client"}, code: 0,
			stdout: []string{`"files": 2,`, `"requests": 15,`}},
		{name: "exclude skips files and folders", args: []string{"--tz", "UTC", "--format", "json", "--exclude", "mock_*", "--exclude", "*.json", "--exclude", "logs", "testdata/real-client", "testdata/generated"}, code: 0,
			stdout: []string{`"files": 6,`}}, // the six client logs; nothing of generated/ (its logs folder and truth.json)
		{name: "bad pattern is a usage error", args: []string{"--exclude", "[a-", "testdata/real-client"}, code: 2,
			stderr: []string{`errpat: --include or --exclude: invalid pattern "[a-"`}, noStdout: true},
		{name: "standard input", args: []string{"--tz", "UTC", "-"}, code: 0,
			stdin:  "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 429: Too Many Requests\n",
			stdout: []string{"1 requests, 1 failed (100.00%)", "rate_limit"}},
		{name: "markdown", args: []string{"--tz", "UTC", "--format", "markdown", "testdata/real-client"}, code: 0,
			stdout: []string{"# errpat report", "| Status | Class | Requests | Share |"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit code: got %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			if tt.noStdout && out != "" {
				t.Errorf("stdout: got %q, want nothing", out)
			}
		})
	}
}

// TestCLIJSONGolden runs errpat on the shipped samples and compares the
// JSON with its golden file.
func TestCLIJSONGolden(t *testing.T) {
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "json", "testdata/real-client", "testdata/integration", "testdata/newman")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "cli_samples.json", out)
	var rep struct {
		SchemaVersion int `json:"schema_version"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.SchemaVersion != 1 {
		t.Fatalf("got schema %d, err %v; want version 1", rep.SchemaVersion, err)
	}
}

func TestCLIOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.json")
	code, out, _ := runCLI(t, "", "--tz", "UTC", "--format", "json", "--output", path, "testdata/real-client")
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q; want 0 and nothing on stdout", code, out)
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(b, []byte(`"requests": 47`)) {
		t.Errorf("report file: %v %.200s", err, b)
	}
}

// golden compares out with testdata/golden/name; ERRPAT_UPDATE=1 rewrites
// the file instead.
func golden(t *testing.T, name, out string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if os.Getenv("ERRPAT_UPDATE") != "" {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("output differs from %s (ERRPAT_UPDATE=1 go test ./cmd/errpat rewrites it); got:\n%s", path, out)
	}
}
