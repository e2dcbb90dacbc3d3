package analyzer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSplitPrefix(t *testing.T) {
	tests := []struct {
		line, msg string
		time      string // RFC 3339, "" for none
	}{
		{"2026-11-28 03:21:12,727 - INFO - Testing Create Trunk: /trunks", "Testing Create Trunk: /trunks", "2026-11-28T03:21:12.727Z"},
		{"2026-11-28T03:21:12.5+05:30 ERROR something broke", "something broke", "2026-11-27T21:51:12.5Z"},
		{"[2026-11-28 03:21:12] [error] disk full", "disk full", "2026-11-28T03:21:12Z"},
		{"2026-11-28 03:21:12 WARN: retry 2", "retry 2", "2026-11-28T03:21:12Z"},
		{"Jun 17 07:07:00 combo sshd(pam_unix)[19939]: session opened", "session opened", ""},
		{"Jun  7 07:07:00 combo su: session opened", "session opened", ""},
		{"[INFO] Tests run: 3", "Tests run: 3", ""},
		{"Error: expect(received).toBe(expected)", "Error: expect(received).toBe(expected)", ""},
		{"2026-11-28 03:21:12,727 - Information about x", "Information about x", "2026-11-28T03:21:12.727Z"},
		{"plain message", "plain message", ""},
	}
	for _, tt := range tests {
		got, msg := splitPrefix(tt.line, time.UTC)
		stamp := ""
		if !got.IsZero() {
			stamp = got.UTC().Format(time.RFC3339Nano)
		}
		if msg != tt.msg || stamp != tt.time {
			t.Errorf("splitPrefix(%q): got %q, %q; want %q, %q", tt.line, msg, stamp, tt.msg, tt.time)
		}
	}
}

// TestLines reads four lines: two dated disk messages of one key, a
// blank line and an undated message.
func TestLines(t *testing.T) {
	lc := NewLines(func(s string) string { return s }, time.UTC)
	in := "2026-01-01 10:00:00 ERROR disk 1 full\n\nuser 7 logged in\n2026-01-01 11:00:00 ERROR disk 2 full\n"
	if err := lc.Read(strings.NewReader(in), "a.log"); err != nil {
		t.Fatal(err)
	}
	counts := lc.Counts()
	if len(counts) != 2 || counts[Pattern("disk 1 full")] != 2 || counts[Pattern("user 7 logged in")] != 1 {
		t.Fatalf("got counts %v, want 2 disk lines and 1 user line", counts)
	}
	g := LearnTemplates(counts)
	c := lc.Result(g)
	if c.Lines != 4 || c.Messages != 3 || len(c.Templates) != 2 {
		t.Fatalf("got %d lines, %d messages, %d templates; want 4, 3, 2", c.Lines, c.Messages, len(c.Templates))
	}
	disk := c.Templates[0]
	if disk.Count != 2 || disk.Example != "disk 1 full" || disk.Source != "a.log" || disk.Line != 1 ||
		!disk.First.Equal(time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)) || !disk.Last.Equal(time.Date(2026, 1, 1, 11, 0, 0, 0, time.UTC)) {
		t.Errorf("got %+v, want 2 disk lines from a.log:1, 10:00 to 11:00", disk)
	}
	if user := c.Templates[1]; user.Count != 1 || user.Line != 3 || !user.First.IsZero() {
		t.Errorf("got %+v, want 1 undated user line at a.log:3", user)
	}
	var got []string
	err := lc.Assign(g, func(source string, line int, id, pattern string) error {
		got = append(got, fmt.Sprintf("%s:%d %s", source, line, pattern))
		return nil
	})
	want := []string{"a.log:1 " + disk.Pattern, "a.log:2 ", "a.log:3 " + c.Templates[1].Pattern, "a.log:4 " + disk.Pattern}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
}

// TestReadFiles: each file's lines are counted in order, "-" reads
// standard input, and a missing file is told and left out.
func TestReadFiles(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one.log")
	if err := os.WriteFile(one, []byte("disk full\ndisk full\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.log")
	lc := NewLines(func(s string) string { return s }, time.UTC)
	var problems []error
	read := lc.ReadFiles([]string{one, missing, "-"}, strings.NewReader("disk full\n"), func(err error) { problems = append(problems, err) })
	if read != 2 || len(problems) != 1 || !errors.Is(problems[0], fs.ErrNotExist) || !strings.Contains(problems[0].Error(), missing) {
		t.Errorf("got %d read, problems %v; want 2 and the missing file's", read, problems)
	}
	if got := lc.Counts(); len(got) != 1 || sum(got) != 3 {
		t.Errorf("got counts %v, want one message three times", got)
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
