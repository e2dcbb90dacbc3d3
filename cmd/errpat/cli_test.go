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
	"github.com/errpat/errpat/report/golden"
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
	// The user's own format files and config are no part of any test.
	cfg, err := os.MkdirTemp("", "errpat-config")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", cfg)
	// Nor are the settings of the shell the tests run in (ERRPAT_TZ…).
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "ERRPAT_") && name != "ERRPAT_UPDATE" {
			os.Unsetenv(name)
		}
	}
	code := m.Run()
	os.RemoveAll(cfg)
	os.Exit(code)
}

// TestCLIStandardInput reads a log from standard input. Cases whose
// input holds log lines stay out of testdata/cli: errpat run over
// testdata would read them as logs.
func TestCLIStandardInput(t *testing.T) {
	in := "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n" +
		"2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 429: Too Many Requests\n"
	code, out, errOut := runCLI(t, in, "--tz", "UTC", "-")
	if code != 0 || !strings.Contains(out, "1 request, 1 failed (100.00%)") || !strings.Contains(out, "rate_limit") {
		t.Errorf("got exit %d (stderr %q), stdout:\n%s\nwant 0 and 1 request, failed with rate_limit", code, errOut, out)
	}
}

// TestCLIJSONGolden runs errpat on the shipped samples and compares the
// JSON with its golden file.
func TestCLIJSONGolden(t *testing.T) {
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "json", "testdata/real-client", "testdata/integration", "testdata/newman")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	goldenFile(t, "cli_samples.json", out)
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

// goldenFile compares out with testdata/golden/name.
func goldenFile(t *testing.T, name, out string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "golden", name), []byte(out))
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
		golden.Check(t, filepath.Join("testdata", "golden", tt.file), []byte(out))
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
