package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// patternsLog is a small log of any kind: an app log with levels, syslog
// lines, a blank line and a bare message.
const patternsLog = "2026-11-28 03:21:12,727 - ERROR - Trunk with SID 'TR88FB3CB3' not found\n" +
	"2026-11-28T03:21:14.000Z [WARN] request failed with status: 404\n" +
	"2026-11-28 03:21:13,100 - ERROR - Trunk with SID 'TR0BADSID' not found\n" +
	"\n" +
	"Jun 17 07:07:00 combo sshd[1234]: request failed with status: 503\n" +
	"ERROR: request failed with status: 404\n"

// runPatternsCLI runs 'errpat patterns' in-process on stdin.
func runPatternsCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"patterns", "--tz", "UTC"}, args...), strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

type patternsJSON struct {
	Lines, Messages int
	Templates       []struct {
		ID, Pattern, Example, Source string
		Count                        int
		FirstSeen                    *string `json:"first_seen"`
		LastSeen                     *string `json:"last_seen"`
	}
}

func TestPatternsJSON(t *testing.T) {
	code, out, stderr := runPatternsCLI(t, patternsLog, "-f", "json")
	if code != exitOK {
		t.Fatalf("exit: got %d, want %d (%s)", code, exitOK, stderr)
	}
	var p patternsJSON
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if p.Lines != 6 || p.Messages != 5 {
		t.Errorf("lines, messages: got %d, %d, want 6, 5", p.Lines, p.Messages)
	}
	want := []struct {
		pattern, example, source string
		count                    int
		first, last              string
	}{
		{"Trunk with SID '<id>' not found", "Trunk with SID 'TR88FB3CB3' not found", "-:1", 2, "2026-11-28T03:21:12.727Z", "2026-11-28T03:21:13.1Z"},
		{"request failed with status: 404", "request failed with status: 404", "-:2", 2, "2026-11-28T03:21:14Z", "2026-11-28T03:21:14Z"},
		{"request failed with status: 503", "request failed with status: 503", "-:5", 1, "", ""},
	}
	if len(p.Templates) != len(want) {
		t.Fatalf("templates: got %d, want %d\n%s", len(p.Templates), len(want), out)
	}
	for i, w := range want {
		g := p.Templates[i]
		if g.Pattern != w.pattern || g.Example != w.example || g.Source != w.source || g.Count != w.count ||
			deref(g.FirstSeen) != w.first || deref(g.LastSeen) != w.last {
			t.Errorf("template %d: got %q %q %s %d %s %s, want %q %q %s %d %s %s", i, g.Pattern, g.Example, g.Source, g.Count,
				deref(g.FirstSeen), deref(g.LastSeen), w.pattern, w.example, w.source, w.count, w.first, w.last)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestPatternsAssign checks one line per input line, in order, with the
// same id for the same template, and the ids of the summary.
func TestPatternsAssign(t *testing.T) {
	code, out, stderr := runPatternsCLI(t, patternsLog, "--assign")
	if code != exitOK {
		t.Fatalf("exit: got %d (%s)", code, stderr)
	}
	var got []assignment
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var a assignment
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("not JSON: %v: %s", err, sc.Text())
		}
		got = append(got, a)
	}
	if len(got) != 6 {
		t.Fatalf("lines: got %d, want 6\n%s", len(got), out)
	}
	for i, a := range got {
		if a.Line != i+1 || a.Source != "-" {
			t.Errorf("line %d: got %s:%d", i+1, a.Source, a.Line)
		}
	}
	same := func(i, j int) bool { return got[i].PatternID == got[j].PatternID }
	if !same(0, 2) || !same(1, 5) || same(1, 4) || same(0, 1) {
		t.Errorf("ids: got %q, want lines 1 and 3, 2 and 6 the same, 2 and 5 apart", ids(got))
	}
	if got[3].PatternID != "" || got[3].Pattern != "" {
		t.Errorf("blank line: got %q %q, want no pattern", got[3].PatternID, got[3].Pattern)
	}
	_, js, _ := runPatternsCLI(t, patternsLog, "-f", "json")
	var p patternsJSON
	if err := json.Unmarshal([]byte(js), &p); err != nil {
		t.Fatal(err)
	}
	if p.Templates[0].ID != got[0].PatternID || p.Templates[0].Pattern != got[0].Pattern {
		t.Errorf("summary id: got %s %q, want %s %q", p.Templates[0].ID, p.Templates[0].Pattern, got[0].PatternID, got[0].Pattern)
	}
}

// assignment is one line of --assign as its JSON contract reads.
type assignment struct {
	Source    string `json:"source"`
	Line      int    `json:"line"`
	PatternID string `json:"pattern_id"`
	Pattern   string `json:"pattern"`
}

func ids(as []assignment) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.PatternID)
	}
	return out
}

// TestPatternsOrderIndependent reads two files in both orders: the
// templates and their counts are the same.
func TestPatternsOrderIndependent(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.log"), filepath.Join(dir, "b.log")
	lines := strings.Split(strings.TrimSpace(patternsLog), "\n")
	if err := os.WriteFile(a, []byte(strings.Join(lines[:3], "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte(strings.Join(lines[3:], "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	summary := func(args ...string) map[string]int {
		_, out, _ := runPatternsCLI(t, "", append([]string{"-f", "json"}, args...)...)
		var p patternsJSON
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		for _, tp := range p.Templates {
			m[tp.ID+" "+tp.Pattern] = tp.Count
		}
		return m
	}
	ab, ba := summary(a, b), summary(b, a)
	if len(ab) != 3 || len(ab) != len(ba) {
		t.Fatalf("templates: got %v and %v, want 3 each", ab, ba)
	}
	for k, n := range ab {
		if ba[k] != n {
			t.Errorf("%s: got %d reading b first, want %d", k, ba[k], n)
		}
	}
}

// TestPatternsFormats checks every format names the templates, and that
// hostile text is escaped for each.
func TestPatternsFormats(t *testing.T) {
	log := "=HYPERLINK(\"http://x\") clicked 3 times\n<script>alert(1)</script> seen\nbell \x1b[31mred\x07 here\n"
	tests := []struct{ format, want, bad string }{
		{"text", `bell \x1b[<id>\x07 here`, "\x1b"},
		{"markdown", "&lt;script&gt;", "<script>"},
		{"html", "&lt;script&gt;", "<script>"},
		{"csv", `'=HYPERLINK`, "\n=HYPERLINK"},
		{"json", `"count": 1`, "\x1b"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			code, out, stderr := runPatternsCLI(t, log, "-f", tt.format)
			if code != exitOK {
				t.Fatalf("exit: got %d (%s)", code, stderr)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("got %q, want it to contain %q", out, tt.want)
			}
			if strings.Contains(out, tt.bad) {
				t.Errorf("got %q, want no %q", out, tt.bad)
			}
		})
	}
}

func TestPatternsErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
		code int
	}{
		{[]string{"-f", "xml"}, `invalid --format "xml" (want text, markdown, json, html, csv)`, exitFailure},
		{[]string{"--assign", "-f", "json"}, "--assign writes JSON lines; it takes no --format", exitFailure},
		{[]string{"--top", "-1"}, "invalid --top -1", exitFailure},
		{[]string{"/nonexistent/x.log", "-"}, "/nonexistent/x.log", exitFailure},
	}
	for _, tt := range tests {
		code, out, stderr := runPatternsCLI(t, "x 1\n", tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: got exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
		if tt.args[0] == "/nonexistent/x.log" && !strings.Contains(out, "x <n>") {
			t.Errorf("the readable input: got %q, want its template", out)
		}
	}
}

// TestPatternsSettingExplained checks that a bad value of patterns set in
// the environment is told with where it came from, as the report's are.
func TestPatternsSettingExplained(t *testing.T) {
	t.Setenv("ERRPAT_TOP", "-1")
	code, _, errOut := runCLI(t, "", "patterns", "README.md")
	if want := "errpat: invalid --top -1 (want 0 or more) (from ERRPAT_TOP)\n"; code != 2 || !strings.HasPrefix(errOut, want) {
		t.Errorf("got exit %d and %q, want 2 and %q first", code, errOut, want)
	}
}
