package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// good is one finished run of the client: 2 requests, 1 failed.
const good = "2026-11-28 03:21:12,727 - INFO - Starting API tests - Log file: x\n" +
	"2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n" +
	"2026-11-28 03:21:12,791 - INFO - ✅ Create Trunk - Status: 201\n" +
	"2026-11-28 03:21:12,800 - INFO - Testing Map DID: /trunks/TR1/phone-numbers\n" +
	"2026-11-28 03:21:12,900 - ERROR - ❌ Map DID - HTTP 404: Not Found\n" +
	"2026-11-28 03:21:13,000 - INFO - 📊 Test Summary: 1/2 passed (50.0%)\n"

type jsonReport struct {
	Inputs struct {
		Files, SkippedFiles, Records int
		SkippedLines                 int `json:"skipped_lines"`
		ProblemCount                 int `json:"problem_count"`
		Problems                     []struct {
			File, Error string
			Line        int
		}
	}
	Summary struct{ Requests, Failed int }
}

// analyzeDir runs errpat on dir beside a good log and returns the report.
func analyzeDir(t *testing.T, dir string, extra ...string) (int, jsonReport, string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "good.log"), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"--tz", "UTC", "--format", "json"}, extra...)
	code, out, errOut := runCLI(t, "", append(args, dir)...)
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("exit %d, report does not parse: %v\nstderr: %s", code, err, errOut)
	}
	return code, rep, errOut
}

func TestHostileInputs(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 50<<20)
	tests := []struct {
		name    string
		write   func(t *testing.T, dir string)
		problem string // in inputs.problems and on stderr
		line    int
		skipped int // lines counted as skipped
	}{
		{name: "truncated JSON", problem: "invalid JSON: unexpected end of input", write: func(t *testing.T, dir string) {
			writeFile(t, dir, "bad.json", `{"test_results": [{"test_name": "a", "endpoint": "/a", "success": true, "result": {"status_code": 200}}, {"test_na`)
		}},
		{name: "JSON that holds no records", problem: "JSON that is not a report or request log", write: func(t *testing.T, dir string) {
			writeFile(t, dir, "bad.json", "{\n  \"name\": \"not a report\"\n}\n")
		}},
		// Plainly not a log: skipped without a word (see TestMixedFolder).
		{name: "binary file", problem: "", write: func(t *testing.T, dir string) {
			writeFile(t, dir, "core.bin", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00")
		}},
		{name: "empty file", problem: "empty file", write: func(t *testing.T, dir string) {
			writeFile(t, dir, "empty.log", "")
		}},
		{name: "UTF-16 file", problem: "unsupported encoding UTF-16", write: func(t *testing.T, dir string) {
			u := utf16.Encode([]rune(good))
			b := []byte{0xFF, 0xFE}
			for _, c := range u {
				b = append(b, byte(c), byte(c>>8))
			}
			writeFile(t, dir, "utf16.log", string(b))
		}},
		{name: "a line of 50 MiB in JSON lines", problem: "longer than", line: 2, skipped: 1, write: func(t *testing.T, dir string) {
			writeFile(t, dir, "big.jsonl", `{"endpoint": "/a", "status": 200}`+"\n"+`{"endpoint": "/b", "message": "`+string(big)+`"}`+"\n")
		}},
		{name: "a line of 50 MiB in a text log", problem: "longer than", line: 2, write: func(t *testing.T, dir string) {
			writeFile(t, dir, "big.log", "2026-11-28 03:21:12,727 - INFO - first\n2026-11-28 03:21:12,728 - INFO - "+string(big)+"\n")
		}},
		{name: "truncated gzip", problem: "truncated gzip", write: func(t *testing.T, dir string) {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			for i := range 2000 {
				fmt.Fprintf(zw, "2026-11-28 03:21:12,727 - INFO - note %d with some text to compress poorly %x\n", i, i*7919)
			}
			zw.Close()
			writeFile(t, dir, "api.log.2.gz", string(buf.Bytes()[:buf.Len()/2]))
		}},
		{name: "broken symlink", problem: "broken symbolic link", write: func(t *testing.T, dir string) {
			os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "dangling.log"))
		}},
		{name: "symlink loop", problem: "symbolic link loop", write: func(t *testing.T, dir string) {
			os.Mkdir(filepath.Join(dir, "sub"), 0o755)
			os.Symlink("..", filepath.Join(dir, "sub", "up"))
		}},
		{name: "unrecognised text", problem: "format not recognised", write: func(t *testing.T, dir string) {
			writeFile(t, dir, "notes.txt", "just some notes\nnothing to see\n")
		}},
		{name: "invalid UTF-8 kept visible", write: func(t *testing.T, dir string) {
			writeFile(t, dir, "latin1.log", "2026-11-28 03:21:14,000 - INFO - Testing A: /a\n2026-11-28 03:21:14,100 - ERROR - ❌ A - HTTP 400: caf\xe9 invalid\n")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.write(t, dir)
			code, rep, errOut := analyzeDir(t, dir)
			if code != 0 {
				t.Errorf("exit code: got %d, want 0 (the good file is still reported)", code)
			}
			if rep.Summary.Requests < 2 {
				t.Errorf("the good log beside it: got %d requests, want at least 2", rep.Summary.Requests)
			}
			if tt.problem == "" {
				if rep.Inputs.ProblemCount != 0 {
					t.Errorf("got problems %+v, want none", rep.Inputs.Problems)
				}
				return
			}
			found := false
			for _, p := range rep.Inputs.Problems {
				if strings.Contains(p.Error, tt.problem) && strings.HasPrefix(p.File, dir) && (tt.line == 0 || p.Line == tt.line) {
					found = true
				}
			}
			if !found {
				t.Errorf("inputs.problems %+v lack %q (line %d)", rep.Inputs.Problems, tt.problem, tt.line)
			}
			if !strings.Contains(errOut, tt.problem) || !strings.Contains(errOut, "errpat: "+dir) {
				t.Errorf("stderr lacks the problem with its file: %s", errOut)
			}
			if rep.Inputs.SkippedLines < tt.skipped {
				t.Errorf("skipped lines: got %d, want at least %d", rep.Inputs.SkippedLines, tt.skipped)
			}
			if code, _, _ := analyzeDir(t, dir, "--strict"); code != 2 {
				t.Errorf("--strict: got exit %d, want 2", code)
			}
		})
	}
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file: permissions cannot be tested as root")
	}
	dir := t.TempDir()
	writeFile(t, dir, "secret.log", good)
	os.Chmod(filepath.Join(dir, "secret.log"), 0)
	_, rep, _ := analyzeDir(t, dir)
	if rep.Inputs.SkippedFiles != 1 || !strings.Contains(rep.Inputs.Problems[0].Error, "permission denied") {
		t.Errorf("got %+v, want one skipped file, permission denied", rep.Inputs)
	}
}

func TestCRAndBOMLineEndings(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "cr.log", strings.ReplaceAll(good, "\n", "\r"))
	writeFile(t, dir, "crlf.log", "\xEF\xBB\xBF"+strings.ReplaceAll(good, "\n", "\r\n"))
	_, rep, _ := analyzeDir(t, dir)
	if rep.Summary.Requests != 6 || rep.Summary.Failed != 3 || rep.Inputs.ProblemCount != 0 {
		t.Errorf("got %+v %+v, want 6 requests, 3 failed, no problem", rep.Summary, rep.Inputs)
	}
}

func TestManySmallFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100,000 files")
	}
	dir := t.TempDir()
	const n = 100_000
	line := []byte(`{"endpoint": "/trunks/TR1", "status": 500}` + "\n")
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%03d", i%100))
		if i < 100 {
			os.Mkdir(sub, 0o755)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("r%06d.jsonl", i)), line, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, rep, _ := analyzeDir(t, dir)
	if rep.Summary.Requests != n+2 || rep.Inputs.Files != n+1 {
		t.Errorf("got %d requests in %d files, want %d in %d", rep.Summary.Requests, rep.Inputs.Files, n+2, n+1)
	}
}

func TestPathDisappearsMidRun(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.log", good)
	writeFile(t, dir, "b.log", good)
	// a glob that matches, then the file goes before it is read: simulated
	// by naming a file that is removed right after discovery would race, so
	// the parser is pointed at a path that no longer exists.
	os.Remove(filepath.Join(dir, "b.log"))
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "json", filepath.Join(dir, "a.log"), filepath.Join(dir, "b.log"))
	if code != 0 || !strings.Contains(out, `"requests": 2`) || !strings.Contains(errOut, "b.log: no such file") {
		t.Errorf("exit %d, stderr %q; want 0, a's 2 requests and b's problem", code, errOut)
	}
}

// TestProblemsPastTheFirstAreCounted checks that standard error tells the
// first problems of a file and then how many more there are.
func TestProblemsPastTheFirstAreCounted(t *testing.T) {
	dir := t.TempDir()
	content := `{"endpoint": "/a", "status": 200}` + "\n" + strings.Repeat("{bad\n", maxProblems+10)
	// Small files are read in batches: each still tells its own first
	// problems.
	writeFile(t, dir, "a.jsonl", content)
	writeFile(t, dir, "b.jsonl", content)
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "json", dir)
	if code != 0 || !strings.Contains(out, `"skipped_lines": 60`) {
		t.Fatalf("exit %d; want 0 and 60 skipped lines in %s", code, out)
	}
	for _, name := range []string{"a.jsonl", "b.jsonl"} {
		if n := strings.Count(errOut, name+":"); n != maxProblems {
			t.Errorf("stderr tells %d problems of %s, want its first %d", n, name, maxProblems)
		}
	}
	if n := strings.Count(errOut, "invalid JSON line"); n != 2*maxProblems {
		t.Errorf("stderr tells %d problems, want the first %d of each file", n, maxProblems)
	}
	if !strings.Contains(errOut, "… and 20 more problems (60 lines skipped in all)") {
		t.Errorf("stderr does not say how many more problems there are:\n%s", errOut)
	}
}
