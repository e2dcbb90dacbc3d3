package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestOneErrorPath: every command prints its error once, as "errpat: …",
// and points a usage error to its own --help.
func TestOneErrorPath(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--top", "-1", "testdata/real-client"}, "errpat: invalid --top -1 (want 0 or more)\nRun 'errpat --help' for usage.\n"},
		{[]string{"events", "--tz", "Mars"}, "errpat: invalid --tz \"Mars\" (want an IANA zone name such as UTC or Asia/Kolkata)\nRun 'errpat events --help' for usage.\n"},
		{[]string{"bugreport", "--pattern", "0"}, "errpat: invalid --pattern 0 (want 1 or more: the rank in the top error messages)\nRun 'errpat bugreport --help' for usage.\n"},
		{[]string{"patterns", "--top", "x"}, "errpat: invalid --top \"x\" (want a whole number)\nRun 'errpat patterns --help' for usage.\n"},
		{[]string{"completion"}, "errpat: errpat completion takes one shell: bash, zsh, fish\nRun 'errpat completion --help' for usage.\n"},
		{[]string{"man", "extra"}, "errpat: errpat man takes no argument (it writes the manual page in roff: errpat man | man -l -)\nRun 'errpat man --help' for usage.\n"},
		{[]string{"testdata/no-such-dir"}, "errpat: testdata/no-such-dir: no such file or directory\nerrpat: no input files found in testdata/no-such-dir\n"},
		{[]string{"-"}, "errpat: -: empty file\nerrpat: no input could be read\n"},
		{[]string{"events", "-"}, "errpat: -: empty file\nerrpat: no input could be read\n"},
		{[]string{"bugreport", "-"}, "errpat: -: empty file\nerrpat: no input could be read\n"},
		{[]string{"events", "testdata/no-such-dir"}, "errpat: testdata/no-such-dir: no such file or directory\nerrpat: no input files found in testdata/no-such-dir\n"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, "", tt.args...)
		if code != 2 || out != "" || errOut != tt.want {
			t.Errorf("%v: got exit %d, stdout %.60q, stderr %q; want 2, nothing, and %q", tt.args, code, out, errOut, tt.want)
		}
	}
}

func TestExitCode(t *testing.T) {
	var b strings.Builder
	if got := exitCode("", nil, &b); got != 0 || b.Len() != 0 {
		t.Errorf("no error: got %d and %q, want 0 and nothing", got, b.String())
	}
	if got := exitCode("events", fmt.Errorf("write events: %w", errors.New("disk full")), &b); got != 2 || b.String() != "errpat: write events: disk full\n" {
		t.Errorf("an error: got %d and %q, want 2 and the error once, with no usage hint", got, b.String())
	}
	b.Reset()
	if got := exitCode("", exitError(exitAlert), &b); got != exitAlert || b.Len() != 0 {
		t.Errorf("an alert: got %d and %q, want %d and nothing", got, b.String(), exitAlert)
	}
}
