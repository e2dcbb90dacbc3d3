package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
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
	// The user's own format files are no part of any test.
	cfg, err := os.MkdirTemp("", "errpat-config")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", cfg)
	code := m.Run()
	os.RemoveAll(cfg)
	os.Exit(code)
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
			stdout: []string{"Usage: errpat", "--threshold", "Exit codes:", "1  error rate above --threshold", "3  under --threshold: no request"}},
		{name: "-h is help", args: []string{"-h"}, code: 0, stdout: []string{"Usage: errpat"}},
		{name: "help is help", args: []string{"help"}, code: 0, stdout: []string{"Usage: errpat"}},
		{name: "-V is the version", args: []string{"-V"}, code: 0, stdout: []string{"errpat "}},
		{name: "format in capitals", args: []string{"--tz", "UTC", "--format", "JSON", "testdata/real-client/api_test_20261128_032110.log"}, code: 0,
			stdout: []string{`"schema_version": 1`}},
		{name: "zone in lower case", args: []string{"--tz", "utc", "--format", "json", "testdata/real-client/api_test_20261128_032110.log"}, code: 0,
			stdout: []string{`"time_zone": "UTC"`}},
		{name: "threshold with a percent sign", args: []string{"--tz", "UTC", "--threshold", "50%", "testdata/real-client"}, code: 0,
			stdout: []string{"within the threshold of 50.00%"}},
		{name: "negative workers", args: []string{"--workers", "-3", "testdata/real-client"}, code: 2,
			stderr: []string{"errpat: invalid --workers -3 (want 1 or more"}, noStdout: true},
		{name: "a bad value names the flag, not the library", args: []string{"--slow", "fast", "testdata/real-client"}, code: 2,
			stderr: []string{`errpat: invalid --slow "fast" (want a duration such as 2s or 500ms)`}, noStdout: true},
		{name: "a bad threshold", args: []string{"--threshold", "lots", "testdata/real-client"}, code: 2,
			stderr: []string{`errpat: invalid --threshold "lots" (want a number such as 5 or 2.5%)`}, noStdout: true},
		{name: "a misspelt flag", args: []string{"--formt", "json"}, code: 2,
			stderr: []string{"errpat: unknown flag: --formt (did you mean --format?)"}, noStdout: true},
		{name: "no data under a threshold exits 3", args: []string{"--tz", "UTC", "--since", "2030-01-01", "--threshold", "5", "testdata/real-client"}, code: 3,
			stderr: []string{"errpat: no requests in the window: "}},
		{name: "no data without a threshold still says so", args: []string{"--tz", "UTC", "--since", "2030-01-01", "testdata/real-client"}, code: 0,
			stderr: []string{"errpat: no requests in the window: "}},
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
		{name: "format files", args: []string{"--tz", "UTC", "--format", "json", "--format-file", "docs/formats/go-slog.json",
			"--format-file", "docs/formats/node-client.json", "testdata/userformat"}, code: 0,
			// 4 requests in each sample, 2 failed in each (503 and a timeout; 429 and a reset).
			stdout: []string{`"requests": 8,`, `"failed": 4,`, `"skipped_lines": 4,`}},
		{name: "bad format file names it", args: []string{"--format-file", "testdata/real-client/test_results_20261128_032120.json", "testdata/real-client"}, code: 2,
			stderr: []string{"errpat: format file testdata/real-client/test_results_20261128_032120.json: "}, noStdout: true},
		{name: "standard input", args: []string{"--tz", "UTC", "-"}, code: 0,
			stdin:  "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 429: Too Many Requests\n",
			stdout: []string{"1 request, 1 failed (100.00%)", "rate_limit"}},
		{name: "bad detail names the valid ones", args: []string{"--detail", "max", "testdata/real-client"}, code: 2,
			stderr: []string{`errpat: invalid --detail "max" (want low, medium, high)`}, noStdout: true},
		{name: "too narrow a width", args: []string{"--width", "10", "testdata/real-client"}, code: 2,
			stderr: []string{"errpat: invalid --width 10 (want 40 or more)"}, noStdout: true},
		{name: "detail in capitals", args: []string{"--tz", "UTC", "--detail", "LOW", "testdata/real-client"}, code: 0,
			stdout: []string{"Top error messages", "More in --detail medium"}},
		{name: "no data in one file names it", args: []string{"--tz", "UTC", "--threshold", "5", "testdata/real-client/mock_server.log"}, code: 3,
			stderr: []string{"errpat: no requests found in testdata/real-client/mock_server.log\n"}},
		{name: "no data under --strict still says why", args: []string{"--tz", "UTC", "--strict", "--threshold", "5", "testdata/real-client/mock_server.log"}, code: 2,
			stderr: []string{"errpat: no requests found in testdata/real-client/mock_server.log\n", "--strict is set"}},
		{name: "no data in the window names the window", args: []string{"--tz", "UTC", "--since", "2030-01-01", "--threshold", "5", "testdata/real-client"}, code: 3,
			stderr: []string{"errpat: no requests in the window: 47 records, all outside --since 2030-01-01\n"}},
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

func TestFormatsFromTheConfigFolder(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	if err := os.MkdirAll(filepath.Join(dir, "errpat", "formats"), 0o755); err != nil {
		t.Fatal(err)
	}
	spec, err := os.ReadFile("docs/formats/node-client.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "errpat", "formats", "node.json"), spec, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "", "--tz", "UTC", "--format", "json", "testdata/userformat/client-node.log")
	if code != 0 || !strings.Contains(out, `"requests": 4,`) || !strings.Contains(out, `"failed": 2,`) {
		t.Errorf("got exit %d, want the node client's 4 requests, 2 failed:\n%s", code, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "errpat", "formats", "bad.json"), []byte(`{"name": "b", "pattern": "("}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "", "testdata/userformat")
	if code != 2 || !strings.Contains(stderr, filepath.Join(dir, "errpat", "formats", "bad.json")+`: invalid "pattern"`) {
		t.Errorf("got exit %d, stderr %s; want 2 naming bad.json", code, stderr)
	}
}

// TestREADMENamesEveryFormat keeps the README's table of formats whole.
func TestREADMENamesEveryFormat(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range parsers.Formats() {
		if !bytes.Contains(readme, []byte("| `"+f.Name+"`")) {
			t.Errorf("README.md's table of formats has no row for %q (%s)", f.Name, f.Doc)
		}
	}
}

// TestOutputNamePicksTheFormat: -o report.html without --format writes
// HTML, and --format still wins.
func TestOutputNamePicksTheFormat(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, format, want string
	}{
		{"report.html", "", "<!DOCTYPE html>"},
		{"report.md", "", "# errpat report"},
		{"report.json", "", `"schema_version": 1`},
		{"report.csv", "", "method,endpoint"},
		{"forced.html", "json", `"schema_version": 1`},
	}
	for _, tt := range tests {
		args := []string{"--tz", "UTC", "-o", filepath.Join(dir, tt.name)}
		if tt.format != "" {
			args = append(args, "--format", tt.format)
		}
		if code, _, stderr := runCLI(t, "", append(args, "testdata/real-client/api_test_20261128_032110.log")...); code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.name, code, stderr)
		}
		b, err := os.ReadFile(filepath.Join(dir, tt.name))
		if err != nil || !strings.Contains(string(b[:min(len(b), 300)]), tt.want) {
			t.Errorf("%s (--format %q): got %.80q, want it to hold %q", tt.name, tt.format, b, tt.want)
		}
	}
}

// TestREADMENamesEveryFlag keeps the README's flags whole: each flag in
// --help is named there.
func TestREADMENamesEveryFlag(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, help, _ := runCLI(t, "", "--help")
	flags := regexp.MustCompile(`(?m)^\s+(?:-\w, )?(--[a-z-]+)`).FindAllStringSubmatch(help, -1)
	if len(flags) < 20 {
		t.Fatalf("got %d flags in --help, want the whole list", len(flags))
	}
	for _, f := range flags {
		if !bytes.Contains(readme, []byte("`"+f[1])) {
			t.Errorf("README.md does not name %s", f[1])
		}
	}
}

// TestTextGolden: the text report of the shipped samples at 80 and 120
// columns, and at low detail (no terminal, so no DONE line).
func TestTextGolden(t *testing.T) {
	for _, tt := range []struct {
		file string
		args []string
	}{
		{"cli_samples_80.txt", []string{"--width", "80"}},
		{"cli_samples_120.txt", []string{"--width", "120"}},
		{"cli_samples_80_low.txt", []string{"--width", "80", "--detail", "low"}},
	} {
		args := append([]string{"--tz", "UTC"}, append(tt.args, "testdata/real-client", "testdata/integration", "testdata/newman")...)
		code, out, errOut := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.file, code, errOut)
		}
		golden(t, tt.file, out)
	}
}

// TestTextFitsEighty: no line of the 80-column text report is wider than
// 80 columns, on any corpus in testdata, and low detail stays under 40
// lines.
func TestTextFitsEighty(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range append(dirs, "testdata") {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() || strings.HasSuffix(dir, "golden") {
			continue
		}
		for _, detail := range []string{"low", "high"} {
			_, out, _ := runCLI(t, "", "--tz", "UTC", "--width", "80", "--detail", detail, dir)
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			for i, line := range lines {
				if n := report.DisplayWidth(line); n > 80 {
					t.Errorf("%s, --detail %s, line %d: got %d columns, want 80 at most:\n%s", dir, detail, i+1, n, line)
				}
			}
			if detail == "low" && len(lines) >= 40 {
				t.Errorf("%s, --detail low: got %d lines, want fewer than 40", dir, len(lines))
			}
		}
	}
}

// TestColorAlwaysWinsOverNoColor: NO_COLOR turns colour off unless
// --color always asks for it.
func TestColorAlwaysWinsOverNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	_, out, _ := runCLI(t, "", "--tz", "UTC", "--color", "always", "testdata/real-client")
	if !strings.Contains(out, "\x1b[") || !strings.Contains(out, "█") {
		t.Errorf("--color always under NO_COLOR: want ANSI colour and bars:\n%s", out)
	}
	_, out, _ = runCLI(t, "", "--tz", "UTC", "testdata/real-client")
	if strings.Contains(out, "\x1b[") {
		t.Errorf("--color auto into no terminal: got ANSI escapes")
	}
}

// TestZoneNeverLocal: without --tz the report names the machine's zone
// as TZ gives it, never "Local".
func TestZoneNeverLocal(t *testing.T) {
	t.Setenv("TZ", "Asia/Kolkata")
	_, out, _ := runCLI(t, "", "--format", "json", "testdata/real-client/api_test_20261128_032110.log")
	if !strings.Contains(out, `"time_zone": "Asia/Kolkata"`) {
		t.Errorf("got %.300s, want time_zone Asia/Kolkata", out)
	}
	_, out, _ = runCLI(t, "", "testdata/real-client/api_test_20261128_032110.log")
	if strings.Contains(out, "Local") || !strings.Contains(out, "Asia/Kolkata") {
		t.Errorf("the text report should name Asia/Kolkata, never Local:\n%.400s", out)
	}
}
