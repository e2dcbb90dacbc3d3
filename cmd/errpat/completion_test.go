package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/cmd/errpat/internal/cli"
)

// TestCompletionScripts: each shell's script names every flag of every
// command and is valid for its shell (zsh and fish when installed).
func TestCompletionScripts(t *testing.T) {
	for _, shell := range cli.Shells {
		code, script, errOut := runCLI(t, "", "completion", shell)
		if code != 0 || errOut != "" {
			t.Fatalf("completion %s: exit %d, stderr %q; want 0 and nothing", shell, code, errOut)
		}
		for _, c := range commands() {
			c.Flags.VisitAll(func(f *pflag.Flag) {
				var want string
				switch shell {
				case "bash":
					want = "--" + f.Name + " "
				case "zsh":
					want = "--" + f.Name + "[" // after ' or '* (repeatable)
				case "fish":
					want = "-n '__fish_seen_subcommand_from " + c.Name + "' -l " + f.Name + " "
					if c.Name == "" {
						want = "' -l " + f.Name + " "
					}
				}
				if !strings.Contains(script, want) {
					t.Errorf("completion %s lacks %s of %q (looked for %q)", shell, f.Name, c.Name, want)
				}
			})
		}
		path := filepath.Join(t.TempDir(), "errpat."+shell)
		if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		check := map[string][]string{"bash": {"bash", "-n", path}, "zsh": {"zsh", "-n", path}, "fish": {"fish", "--no-execute", path}}[shell]
		if _, err := exec.LookPath(check[0]); err != nil {
			t.Logf("%s is not installed: its script's syntax is not checked", shell)
			continue
		}
		if out, err := exec.Command(check[0], check[1:]...).CombinedOutput(); err != nil {
			t.Errorf("%s finds the script invalid: %v\n%s", shell, err, out)
		}
	}
	if code, _, errOut := runCLI(t, "", "completion", "tcsh"); code != 2 || !strings.Contains(errOut, "errpat: errpat completion takes one shell: bash, zsh, fish") {
		t.Errorf("completion tcsh: got exit %d, stderr %q; want 2 naming the shells", code, errOut)
	}
}

// TestBashCompletionCompletes runs the bash script's function on a few
// command lines.
func TestBashCompletionCompletes(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	_, script, _ := runCLI(t, "", "completion", "bash")
	tests := []struct {
		words string
		want  string
	}{
		{"errpat --form", "--format --format-file"},
		{"errpat --format j", "json"},
		{"errpat events --ti", ""}, // no such flag of events
		{"errpat patterns --ass", "--assign"},
		{"errpat completion f", "fish"},
		{"errpat --smtp-tls st", "starttls"},
	}
	for _, tt := range tests {
		prog := script + "\nCOMP_WORDS=(" + tt.words + ")\nCOMP_CWORD=$((${#COMP_WORDS[@]}-1))\n_errpat\necho \"${COMPREPLY[*]}\"\n"
		out, err := exec.Command("bash", "-c", prog).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", tt.words, err, out)
		}
		if got := strings.TrimSpace(string(out)); got != tt.want {
			t.Errorf("%s<TAB>: got %q, want %q", tt.words, got, tt.want)
		}
	}
}

// TestManPage: the manual names every flag of every command, and groff,
// when installed, reads it without a warning.
func TestManPage(t *testing.T) {
	code, page, errOut := runCLI(t, "", "man")
	if code != 0 || errOut != "" || !strings.HasPrefix(page, ".TH ERRPAT 1 ") {
		t.Fatalf("man: exit %d, stderr %q, page %.40q; want 0 and a roff page", code, errOut, page)
	}
	for _, c := range commands() {
		c.Flags.VisitAll(func(f *pflag.Flag) {
			if !strings.Contains(page, `\fB\-\-`+strings.ReplaceAll(f.Name, "-", `\-`)+`\fR`) {
				t.Errorf("the man page lacks --%s (of %q)", f.Name, c.Name)
			}
		})
	}
	for _, want := range []string{".SH EXIT STATUS", ".SH FILES", "ERRPAT_<FLAG>", ".SS errpat events", ".I Mail"} {
		if !strings.Contains(page, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("groff is not installed: the page's syntax is not checked")
	}
	cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-z")
	cmd.Stdin = strings.NewReader(page)
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("groff: %v\n%s", err, out)
	}
}
