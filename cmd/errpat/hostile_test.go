package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
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

// TestManySmallFiles reads 5,000 one-line files in 100 folders: every
// file and request counted, through batches and the in-order merge. The
// scale (100,000 files and more) is the bench's "many" corpus.
func TestManySmallFiles(t *testing.T) {
	dir := t.TempDir()
	const n = 5_000
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

// vanishingReader is standard input that removes a file when it is first
// read: by then the inputs are found, and the file not yet opened.
type vanishingReader struct {
	r    io.Reader
	path string
	gone bool
}

func (v *vanishingReader) Read(p []byte) (int, error) {
	if !v.gone {
		v.gone = true
		if err := os.Remove(v.path); err != nil {
			return 0, err
		}
	}
	return v.r.Read(p)
}

// TestPathDisappearsMidRun removes b.log after discovery found it, while
// standard input, the first input, is read: with one worker, b.log is
// opened only after that. Its problem is told, the rest counted.
func TestPathDisappearsMidRun(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.log", good)
	writeFile(t, dir, "b.log", good)
	b := filepath.Join(dir, "b.log")
	stdin := &vanishingReader{r: strings.NewReader(good), path: b}
	var out, errOut bytes.Buffer
	code := run([]string{"--tz", "UTC", "--format", "json", "--workers", "1", "-", filepath.Join(dir, "a.log"), b}, stdin, &out, &errOut)
	if !stdin.gone {
		t.Fatal("standard input was never read")
	}
	if code != 0 || !strings.Contains(out.String(), `"requests": 4`) || !strings.Contains(errOut.String(), "b.log: cannot read: no such file") {
		t.Errorf("got exit %d, stderr %q, report %s; want 0, 4 requests (2 of standard input, 2 of a.log) and b.log's problem",
			code, errOut.String(), out.String())
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

// escapeText holds what a terminal acts on: clear screen, OSC 52 (writes
// the clipboard), an OSC 8 link, BEL, BS, a C1 CSI and a bidi override.
const escapeText = "\x1b[2J\x1b[Hcleared \x1b]52;c;ZXZpbA==\x07 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ bell\x07 bs\x08 c1\u009b31m rtl\u202eexe"

// markdownText opens a fence, a heading, an image, a link and a tag.
const markdownText = "X\n```\n# Injected heading\n![i](https://evil.example/p.png)\n[l](https://evil.example)\n<img src=x onerror=alert(1)>\n"

// writeHostileText writes a JSON lines file, under a name holding an
// escape sequence, whose fields hold escape sequences (as JSON \u001b,
// decoded by the parser), formulas and Markdown, and a client log with a
// raw ESC byte.
func writeHostileText(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	rec := func(m map[string]any) {
		line, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	rec(map[string]any{"timestamp": "2026-11-28T04:00:01Z", "method": "GET", "endpoint": "/esc", "status": 500, "message": escapeText, "test_name": "esc\x1b[31m"})
	rec(map[string]any{"timestamp": "2026-11-28T04:00:02Z", "method": "POST", "endpoint": "/formula", "status": 500,
		"message": `=HYPERLINK("https://evil.example","x")`, "test_name": "@SUM(A1:A9)"})
	rec(map[string]any{"timestamp": "2026-11-28T04:00:03Z", "method": "POST", "endpoint": "/plus", "status": 400, "message": "+cmd|' /C calc'!A0"})
	rec(map[string]any{"timestamp": "2026-11-28T04:00:04Z", "method": "PUT", "endpoint": "/minus", "status": 400, "message": "-2+3"})
	rec(map[string]any{"timestamp": "2026-11-28T04:00:05Z", "method": "POST", "endpoint": "/md", "status": 422,
		"error": map[string]any{"code": markdownText, "message": "md | pipe `tick` ```fence " + markdownText}})
	writeFile(t, dir, "evil\x1b]0;title\x07.jsonl", b.String())
	writeFile(t, dir, "api_test_esc.log", "2026-11-28 03:21:12,727 - INFO - Starting API tests - Log file: x\n"+
		"2026-11-28 03:21:12,728 - INFO - Testing Raw: /raw\n"+
		"2026-11-28 03:21:12,791 - ERROR - ❌ Raw - HTTP 500: raw \x1b[2J\x1bc reset\n")
	writeFile(t, dir, "notes\x1b[2J.txt", "not a log\n")
	return dir
}

// checkNoControl fails when out holds a character a terminal acts on.
func checkNoControl(t *testing.T, where, out string) {
	t.Helper()
	for i, r := range out {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f || r == 0x202e {
			t.Errorf("%s holds %U at %d: …%q…", where, r, i, out[max(0, i-40):min(len(out), i+20)])
			return
		}
	}
}

// checkMarkdown fails when input opened a block in a Markdown document:
// a heading or fence that errpat did not write, a live image, link or
// tag, or a fence left open that hides the sections after it.
func checkMarkdown(t *testing.T, where, out, lastHeading string) {
	t.Helper()
	fence, seenLast := "", false
	for _, line := range strings.Split(out, "\n") {
		code := line // a code span shows its text as it is: no markup inside
		line = stripCodeSpans(line)
		if fence != "" {
			line = code
			if strings.HasPrefix(line, fence) && strings.Trim(line, "`") == "" {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(code, "```") {
			fence = code[:len(code)-len(strings.TrimLeft(code, "`"))]
			continue
		}
		if strings.HasPrefix(line, "# Injected") || strings.Contains(line, "](https://evil") && !strings.Contains(line, `\](https://evil`) ||
			strings.Contains(line, "<img") {
			t.Errorf("%s: input made markup: %q", where, line)
		}
		if line == lastHeading {
			seenLast = true
		}
	}
	if fence != "" || !seenLast {
		t.Errorf("%s: fence %q left open, or %q hidden", where, fence, lastHeading)
	}
}

// stripCodeSpans removes the code spans of a Markdown line: a run of n
// backticks up to the next run of exactly n.
func stripCodeSpans(line string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(line, '`')
		if i < 0 {
			return b.String() + line
		}
		n := len(line[i:]) - len(strings.TrimLeft(line[i:], "`"))
		rest := line[i+n:]
		end := -1
		for j := 0; j < len(rest); {
			k := strings.IndexByte(rest[j:], '`')
			if k < 0 {
				break
			}
			m := len(rest[j+k:]) - len(strings.TrimLeft(rest[j+k:], "`"))
			if m == n {
				end = j + k
				break
			}
			j += k + m
		}
		if end < 0 {
			return b.String() + line // an unclosed run is literal backticks
		}
		b.WriteString(line[:i])
		line = rest[end+n:]
	}
}

// TestHostileTextInEveryOutput checks that escape sequences are made
// visible in every text output and standard error, formulas neutralised
// in CSV, and Markdown kept from opening blocks, links and tags.
func TestHostileTextInEveryOutput(t *testing.T) {
	dir := writeHostileText(t)
	outputs := map[string][]string{
		"text": {"--format", "text"}, "markdown": {"--format", "markdown"}, "json": {"--format", "json"},
		"html": {"--format", "html"}, "colour text": {"--format", "text", "--color", "always"},
	}
	for name, args := range outputs {
		code, out, errOut := runCLI(t, "", append([]string{"--tz", "UTC"}, append(args, dir)...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, errOut)
		}
		checkNoControl(t, "standard error", errOut)
		if !strings.Contains(errOut, `notes\x1b[2J.txt`) {
			t.Errorf("standard error lacks the file name made visible: %q", errOut)
		}
		switch name {
		case "text", "markdown":
			checkNoControl(t, name, out)
			visible := out
			if name == "markdown" { // its backslashes and brackets are escaped too
				visible = strings.NewReplacer(`\\`, `\`, `\]`, "]").Replace(out)
			}
			if !strings.Contains(visible, `\x1b]52;c;ZXZpbA==\x07`) || !strings.Contains(visible, `evil\x1b]0;title\x07`) {
				t.Errorf("%s lacks the escapes made visible", name)
			}
		case "colour text":
			if strings.Contains(out, "\x1b]") || strings.Contains(out, "\x1b[2J") || strings.Contains(out, "\x07") {
				t.Errorf("colour text holds a raw escape sequence of the input")
			}
		case "json":
			if !json.Valid([]byte(out)) || !strings.Contains(out, `\u001b]52`) {
				t.Errorf("JSON is not valid or lacks the escaped ESC")
			}
		case "html":
			if strings.Contains(out, "<img src=x") || strings.Contains(out, "\x1b") && !strings.Contains(out, "&#") {
				t.Errorf("HTML holds the input's tag")
			}
		}
		if name == "markdown" {
			checkMarkdown(t, name, out, "## Incomplete runs")
		}
	}
	checkCSV(t, dir)
	_, out, errOut := runCLI(t, "", "events", "--tz", "UTC", dir)
	checkNoControl(t, "events standard error", errOut)
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("events: invalid JSON line %q", line)
		}
	}
	for _, match := range []string{"cleared", "HYPERLINK", "pipe", "raw"} {
		code, out, errOut := runCLI(t, "", "bugreport", "--tz", "UTC", "--match", match, dir)
		if code != 0 {
			t.Fatalf("bugreport --match %s: exit %d: %s", match, code, errOut)
		}
		checkNoControl(t, "bug report "+match, out)
		checkMarkdown(t, "bug report "+match, out, "### Prevention")
	}
}

// checkCSV reads every CSV table back and checks that no cell is a
// formula and none holds a control character.
func checkCSV(t *testing.T, dir string) {
	t.Helper()
	seen := false
	for _, section := range []string{"messages", "endpoint", "slow", "runs", "status"} {
		_, out, _ := runCLI(t, "", "--tz", "UTC", "--format", "csv", "--section", section, dir)
		checkNoControl(t, "csv "+section, out)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("csv %s does not read back: %v", section, err)
		}
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !isNumber(cell) {
					t.Errorf("csv %s: cell %q is a formula", section, cell)
				}
				seen = seen || strings.HasPrefix(cell, `'=HYPERLINK(`)
			}
		}
	}
	if !seen {
		t.Errorf("csv lacks the neutralised formula '=HYPERLINK(")
	}
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "eEnN")
}
