package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// The manual page is written from the commands' flag sets, like --help,
// so that the two never disagree (make man writes errpat.1).

// Man is 'errpat man': the manual page, in roff, on stdout.
func (s Spec) Man(args []string, stdout io.Writer) error {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		_, err := io.WriteString(stdout, "Usage: errpat man\n\nWrites errpat's manual page in roff: errpat man | man -l -\n")
		return err
	}
	if len(args) > 0 {
		return fmt.Errorf("%w: errpat man takes no argument (it writes the manual page in roff: errpat man | man -l -)", ErrUsage)
	}
	_, err := io.WriteString(stdout, s.page())
	return err
}

// roff escapes text for a roff line: backslashes, minus signs, and a
// leading dot or quote that would read as a request.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	s = strings.ReplaceAll(s, "…", "...")
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	var b strings.Builder
	for _, r := range s {
		if r > 127 {
			fmt.Fprintf(&b, `\[u%04X]`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (s Spec) page() string {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH ERRPAT 1 \"\" \"errpat %s\" \"User Commands\"\n", roff(s.Version))
	b.WriteString(".SH NAME\nerrpat \\- report what failed in API test logs and test\\-result files\n")
	b.WriteString(".SH SYNOPSIS\n")
	for i, c := range s.Commands {
		if i > 0 {
			b.WriteString(".br\n")
		}
		fmt.Fprintf(&b, ".B errpat%s\n%s\n", roff(strings.TrimSuffix(" "+c.Name, " ")), roff(synopsisArgs(c.Name)))
	}
	b.WriteString(".SH DESCRIPTION\n")
	b.WriteString(roff("errpat reads API test logs and test-result files (directories recursively, globs with **, - for standard input, "+
		"gzip by content; no argument means ./logs) and reports what failed: by HTTP status and error class, by hour, by endpoint, "+
		"by message pattern, with response times, crashed runs and the failure patterns it detects.") + "\n")
	b.WriteString(".PP\n" + roff("Quote globs: the shell expands an unquoted ** itself (bash as *, one folder deep) and errpat never sees it; "+
		"--glob PATTERN passes one beside the paths.") + "\n")
	b.WriteString(".SH OPTIONS\n")
	manFlags(&b, s.Commands[0].Flags)
	b.WriteString(".SH COMMANDS\n")
	for _, c := range s.Commands[1:] {
		fmt.Fprintf(&b, ".SS %s\n%s.\n", roff("errpat "+c.Name), roff(strings.ToUpper(c.Summary[:1])+c.Summary[1:]))
		if c.Flags.HasFlags() {
			manFlags(&b, c.Flags)
		}
	}
	b.WriteString(manTail)
	return b.String()
}

func synopsisArgs(name string) string {
	switch name {
	case "":
		return "[flags] [PATH|GLOB|-]..."
	case "bugreport":
		return "[--pattern N | --match TEXT] [flags] [PATH|GLOB|-]..."
	case "patterns":
		return "[--assign] [flags] [FILE|-]..."
	case "completion":
		return "bash|zsh|fish"
	case "man":
		return ""
	}
	return "[flags] [PATH|GLOB|-]..."
}

// manFlags lists a command's flags by group, as --help does.
func manFlags(b *strings.Builder, fs *pflag.FlagSet) {
	titles, groups := grouped(fs)
	for i, title := range titles {
		fmt.Fprintf(b, ".PP\n.I %s\n", roff(title))
		for _, f := range groups[i] {
			arg, desc := flagArg(f)
			b.WriteString(".TP\n")
			if f.Shorthand != "" {
				fmt.Fprintf(b, "\\fB\\-%s\\fR, ", roff(f.Shorthand))
			}
			fmt.Fprintf(b, "\\fB\\-\\-%s\\fR", roff(f.Name))
			if arg != "" {
				fmt.Fprintf(b, " \\fI%s\\fR", roff(arg))
			}
			if def := flagDefault(f); def != "" {
				desc += " (default " + def + ")"
			}
			b.WriteString("\n" + roff(desc) + "\n")
		}
	}
}

const manTail = `.SH TIME WINDOWS
\-\-since and \-\-until take an RFC 3339 time (2025\-01\-13T09:00:00Z), a date and time in \-\-tz (2025\-01\-13 09:00), a date (2025\-01\-13), a duration back from now (90m, 24h, 7d, 2w: days and weeks count calendar days) or today, yesterday, this\-week, last\-week (weeks start on Monday).
A date or word names a period: \-\-since starts at its beginning, \-\-until ends at its end, and \-\-since alone covers all of it (\-\-since yesterday: until today 00:00).
\-\-compare previous needs \-\-since; it compares with the window of the same length just before.
.SH ENVIRONMENT
.TP
.B ERRPAT_<FLAG>
A flag not given on the command line is read from ERRPAT_ and its long name in upper case, dashes as underscores (ERRPAT_TZ, ERRPAT_SMTP_HOST), before the config file.
.TP
.B ERRPAT_SMTP_PASSWORD
The SMTP password, read from there only (a flag would show in ps).
.TP
.B NO_COLOR
No colour in text output under \-\-color auto; \-\-color always wins.
.TP
.B XDG_CONFIG_HOME
Where the config folder is (default ~/.config).
.SH FILES
.TP
.I $XDG_CONFIG_HOME/errpat/config
Settings, one a line: a flag's long name, then = or spaces, then the value (quotes around it are removed); a bool flag alone on its line is set; a repeatable flag may be given on several lines; blank lines and lines starting with # are skipped. The command line wins over the environment, which wins over the file.
.TP
.I $XDG_CONFIG_HOME/errpat/formats/*.json
Formats of your own, as with \-\-format\-file.
.SH EXIT STATUS
.TP
.B 0
report written; error rate within \-\-threshold
.TP
.B 1
error rate above \-\-threshold
.TP
.B 2
usage error, no input could be read, an input problem with \-\-strict, the mail could not be sent, or (bugreport) no such failure pattern
.TP
.B 3
under \-\-threshold: no request in the inputs or the window (no data)
`
