package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/pflag"
)

// TestHelpFitsEightyColumns: every command's --help is grouped, the
// groups in order, and no line is wider than 80 columns.
func TestHelpFitsEightyColumns(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"events", "--help"}, {"bugreport", "--help"}, {"patterns", "--help"}, {"completion", "--help"}, {"man", "-h"}} {
		code, out, _ := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d, want 0", args, code)
		}
		for i, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("%v: line %d is %d columns, want 80 at most: %q", args, i+1, n, line)
			}
		}
	}
	_, out, _ := runCLI(t, "", "--help")
	at := 0
	for _, g := range []string{"Input flags:", "Window flags:", "Analysis flags:", "Output flags:", "Alert flags:", "Mail flags:"} {
		i := strings.Index(out, "\n"+g+"\n")
		if i < at {
			t.Errorf("--help: group %q at %d, want it after the previous group (at %d)", g, i, at)
		}
		at = i
	}
	for _, want := range []string{"Quote globs", "      --glob PATTERN", "  -o, --output FILE", "ERRPAT_<FLAG>"} {
		if !strings.Contains(out, want) {
			t.Errorf("--help lacks %q", want)
		}
	}
}

// TestGlobFlag: --glob adds the files matching a doublestar pattern to
// the positional inputs, and alone stands for them (no ./logs).
func TestGlobFlag(t *testing.T) {
	dir := t.TempDir()
	one := "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n" +
		"2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 429: Too Many Requests\n"
	for _, name := range []string{"a/api_test_1.log", "a/b/api_test_2.log", "c/api_test_3.log", "a/b/notes.txt"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(one), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		args []string
		want string // one request a log
	}{
		{[]string{"--glob", dir + "/a/**/*.log"}, `"requests": 2,`},
		{[]string{"--glob", dir + "/a/**/*.log", "--glob", dir + "/c/*.log"}, `"requests": 3,`},
		{[]string{"--glob", dir + "/**/api_test_2.log", dir + "/c"}, `"requests": 2,`},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, "", append([]string{"--tz", "UTC", "--format", "json"}, tt.args...)...)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("%v: got exit %d (stderr %q), want 0 and %s", tt.args, code, errOut, tt.want)
		}
	}
	code, _, errOut := runCLI(t, "", "--glob", dir+"/**/*.nothing")
	if code != 2 || !strings.Contains(errOut, "pattern matches no file") {
		t.Errorf("a --glob matching nothing: got exit %d, stderr %q; want 2 and what matched nothing", code, errOut)
	}
}

func TestHelpOfASubcommand(t *testing.T) {
	code, out, _ := runCLI(t, "", "help", "events")
	if code != 0 || !strings.HasPrefix(out, "Usage: errpat events") {
		t.Errorf("errpat help events: got exit %d, %.40q; want 0 and the usage of events", code, out)
	}
}

// TestREADMENamesEveryCommand: the README names each command, the
// settings, and every flag of every command (the report's are checked
// against --help in TestREADMENamesEveryFlag).
func TestREADMENamesEveryCommand(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range commands() {
		if c.Name != "" && !strings.Contains(string(readme), "errpat "+c.Name) {
			t.Errorf("README.md does not name errpat %s", c.Name)
		}
		c.Flags.VisitAll(func(f *pflag.Flag) {
			if !strings.Contains(string(readme), "--"+f.Name) {
				t.Errorf("README.md does not name --%s (of errpat %s)", f.Name, c.Name)
			}
		})
	}
	for _, want := range []string{"ERRPAT_<FLAG>", "$XDG_CONFIG_HOME/errpat/config", "Quote globs"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md does not name %s", want)
		}
	}
}

// TestShortHelp: -h is the short form, one line a flag, in the groups of
// --help; --help the long one.
func TestShortHelp(t *testing.T) {
	_, short, _ := runCLI(t, "", "-h")
	_, long, _ := runCLI(t, "", "--help")
	for _, want := range []string{"Usage: errpat", "Mail flags:", "  -o, --output FILE       write to FILE instead of standard output\n", "errpat --help says more"} {
		if !strings.Contains(short, want) {
			t.Errorf("-h lacks %q:\n%s", want, short)
		}
	}
	flags := strings.Count(long, "\n      --") + strings.Count(long, "\n  -")
	if lines := strings.Count(short, "\n"); lines >= strings.Count(long, "\n") || lines > flags+30 {
		t.Errorf("-h is %d lines, --help %d with %d flags: want -h about one line a flag", lines, strings.Count(long, "\n"), flags)
	}
}
