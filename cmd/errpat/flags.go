package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// commonOptions are the flags that the report shares with its
// subcommands. Each is declared once, in addCommonFlags, so that they
// mean the same and read the same in every --help.
type commonOptions struct {
	format              string // the report's and patterns' only
	output, tz, inputTZ string
	workers             int
	paths               []string          // the positional arguments
	globs               []string          // --glob
	selection           parsers.Selection // --include, --exclude
	formats             userFormats       // --format-file

	loc, inputLoc *time.Location
}

// allCommon names the shared flags of the report, events and bugreport
// (--format is the report's and patterns').
var allCommon = []string{"output", "tz", "input-tz", "workers", "since", "until", "glob", "include", "exclude", "format-file"}

// addCommonFlags declares the named shared flags; --since and --until
// go to w, the window.
func addCommonFlags(fs *pflag.FlagSet, c *commonOptions, w *dailyOptions, names ...string) {
	for _, name := range names {
		switch name {
		case "format":
			fs.StringVarP(&c.format, "format", "f", "text", "output format: "+strings.Join(report.Formats, ", "))
		case "output":
			fs.StringVarP(&c.output, "output", "o", "", "write to `FILE` instead of standard output (checked before any input is read)")
		case "tz":
			fs.StringVar(&c.tz, "tz", "", "time `ZONE` of the output, and of times given without a zone (IANA name such as Asia/Kolkata; default the machine's zone)")
		case "input-tz":
			fs.StringVar(&c.inputTZ, "input-tz", "", "time `ZONE` of naive timestamps in the inputs (default --tz)")
		case "workers":
			fs.IntVar(&c.workers, "workers", 0, "batches of small files, or parts of large ones, read at once (default: twice the number of CPUs)")
		case "since":
			fs.StringVar(&w.since, "since", "", "count records from `WHEN` on: a time, a date, 24h, yesterday… (see Time windows in errpat --help)")
		case "until":
			fs.StringVar(&w.until, "until", "", "count records before `WHEN` (the forms of --since)")
		case "glob":
			fs.StringArrayVar(&c.globs, "glob", nil, "also read the files matching `PATTERN` (repeatable; ** matches folders; quote it)")
		case "include":
			fs.StringArrayVar(&c.selection.Include, "include", nil, "read only files matching `GLOB` inside searched folders (repeatable; ** matches folders)")
		case "exclude":
			fs.StringArrayVar(&c.selection.Exclude, "exclude", nil, "skip files and folders matching `GLOB` inside searched folders (repeatable)")
		case "format-file":
			addFormatFlags(fs, &c.formats)
		default:
			panic("no shared flag --" + name) // a typo in a command's list
		}
	}
}

// check loads the zones, the selection and the format files; no path
// means ./logs.
func (c *commonOptions) check() error {
	if c.workers < 0 {
		return fmt.Errorf("%w: invalid --workers %d (want 1 or more, or 0 for twice the number of CPUs)", errUsage, c.workers)
	}
	var err error
	if c.loc, err = loadZone(c.tz, "--tz"); err != nil {
		return err
	}
	c.inputLoc = c.loc
	if c.inputTZ != "" {
		if c.inputLoc, err = loadZone(c.inputTZ, "--input-tz"); err != nil {
			return err
		}
	}
	if err := checkSelection(c.selection); err != nil {
		return err
	}
	if err := c.formats.load(); err != nil {
		return err
	}
	c.paths = append(c.paths, c.globs...)
	if len(c.paths) == 0 {
		c.paths = []string{"logs"}
	}
	return nil
}

// flagGroups orders the flags of every command's --help (and of the man
// page). A flag named in none is an output flag.
var flagGroups = []struct {
	title string
	flags []string
}{
	{"Input", []string{"glob", "include", "exclude", "format-file", "input-tz", "workers"}},
	{"Window", []string{"since", "until", "tz", "compare", "baseline"}},
	{"Analysis", []string{"slow", "top", "side", "routes", "peak", "pattern", "match"}},
	{"Output", []string{"format", "output", "section", "color", "assign", "version"}},
	{"Alert", []string{"threshold", "strict"}},
	{"Mail", []string{"mail-to", "mail-from", "subject", "smtp-host", "smtp-port", "smtp-user", "smtp-tls", "smtp-ca", "sendmail"}},
}

// groupOf is the title of the group a flag is listed in.
func groupOf(name string) string {
	for _, g := range flagGroups {
		if slices.Contains(g.flags, name) {
			return g.title
		}
	}
	return "Output"
}

// grouped returns fs's flags in groups, in the order of flagGroups, the
// flags of a group in its order, then those it does not name in the
// order declared.
func grouped(fs *pflag.FlagSet) (titles []string, flags [][]*pflag.Flag) {
	for _, g := range flagGroups {
		var in []*pflag.Flag
		for _, name := range g.flags {
			if f := fs.Lookup(name); f != nil && !f.Hidden {
				in = append(in, f)
			}
		}
		fs.VisitAll(func(f *pflag.Flag) {
			if !f.Hidden && groupOf(f.Name) == g.title && !slices.Contains(g.flags, f.Name) {
				in = append(in, f)
			}
		})
		if len(in) > 0 {
			titles, flags = append(titles, g.title), append(flags, in)
		}
	}
	return titles, flags
}

// helpWidth is the width --help is laid out in, and helpColumn where the
// flags' descriptions start.
const (
	helpWidth  = 80
	helpColumn = 26
)

// flagUsages lists fs's flags by group, within helpWidth columns.
func flagUsages(fs *pflag.FlagSet) string {
	var b strings.Builder
	titles, groups := grouped(fs)
	for i, title := range titles {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s flags:\n", title)
		for _, f := range groups[i] {
			writeFlag(&b, f)
		}
	}
	return b.String()
}

// writeFlag writes one flag: its names and argument, then its
// description wrapped at words, on the same line when there is room.
func writeFlag(b *strings.Builder, f *pflag.Flag) {
	left := "      --" + f.Name
	if f.Shorthand != "" {
		left = "  -" + f.Shorthand + ", --" + f.Name
	}
	arg, desc := flagArg(f)
	if arg != "" {
		left += " " + arg
	}
	if def := flagDefault(f); def != "" {
		desc += " (default " + def + ")"
	}
	lines := wrapWords(desc, helpWidth-helpColumn)
	if utf8.RuneCountInString(left) > helpColumn-2 {
		b.WriteString(left + "\n")
	} else {
		b.WriteString(left + strings.Repeat(" ", helpColumn-utf8.RuneCountInString(left)) + lines[0] + "\n")
		lines = lines[1:]
	}
	for _, l := range lines {
		b.WriteString(strings.Repeat(" ", helpColumn) + l + "\n")
	}
}

// flagArg is the flag's argument name (`NAME` in its description, else
// one from its type or name) and its description without the quotes.
func flagArg(f *pflag.Flag) (arg, desc string) {
	arg, desc = pflag.UnquoteUsage(f)
	if strings.Contains(f.Usage, "`") {
		return arg, desc
	}
	switch f.Value.Type() {
	case "bool":
		return "", desc
	case "int":
		return "N", desc
	case "string", "stringArray", "stringSlice":
		_, last, _ := strings.Cut(f.Name, "-")
		if last == "" {
			last = f.Name
		}
		return strings.ToUpper(last), desc
	}
	return strings.ToUpper(arg), desc
}

// flagDefault is the default worth telling: none for empty, zero and
// false ones.
func flagDefault(f *pflag.Flag) string {
	switch f.DefValue {
	case "", "0", "false", "[]", "0s":
		return ""
	}
	return f.DefValue
}

// wrapWords breaks s at spaces into lines of at most width runes (a
// longer word stands alone on its line).
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}

// command is one of errpat's commands, for the completion scripts and the
// manual: its name ("" for the report), what it does and its flags.
type command struct {
	name, summary string
	flags         *pflag.FlagSet
}

// commands lists errpat's commands with their flags, declared into
// throwaway options.
func commands() []command {
	return []command{
		{"", "report what failed", newReportFlags(&options{})},
		{"events", "write every counted request as JSON lines", newEventsFlags(&subOptions{})},
		{"bugreport", "write a Markdown bug report for one failure pattern", newBugFlags(&bugOptions{})},
		{"patterns", "group the lines of any log into message templates", newPatternsFlags(&patternsOptions{})},
		{"completion", "write the completion script of bash, zsh or fish", pflag.NewFlagSet("completion", pflag.ContinueOnError)},
		{"man", "write the manual page (roff)", pflag.NewFlagSet("man", pflag.ContinueOnError)},
	}
}

// allFlags holds every flag of every command once.
func allFlags() *pflag.FlagSet {
	all := pflag.NewFlagSet("errpat", pflag.ContinueOnError)
	for _, c := range commands() {
		all.AddFlagSet(c.flags)
	}
	return all
}

// briefUsage is -h (--help is the long form, as ripgrep's): the usage
// lines of full, then one line a flag.
func briefUsage(full string, fs *pflag.FlagSet) string {
	var b strings.Builder
	head, _, _ := strings.Cut(full, "\n\n")
	b.WriteString(head + "\n")
	titles, groups := grouped(fs)
	for i, title := range titles {
		fmt.Fprintf(&b, "\n%s flags:\n", title)
		for _, f := range groups[i] {
			left := "      --" + f.Name
			if f.Shorthand != "" {
				left = "  -" + f.Shorthand + ", --" + f.Name
			}
			if arg, _ := flagArg(f); arg != "" {
				left += " " + arg
			}
			left += strings.Repeat(" ", max(helpColumn-utf8.RuneCountInString(left), 2))
			lines := wrapWords(briefOf(f), helpWidth-utf8.RuneCountInString(left)-2)
			if len(lines) > 1 {
				lines[0] += " …"
			}
			b.WriteString(left + lines[0] + "\n")
		}
	}
	b.WriteString("\nerrpat --help says more: each flag's details, time windows, mail, settings\nand exit codes.\n")
	return b.String()
}

// briefOf is a flag's description up to its first parenthesis or
// semicolon.
func briefOf(f *pflag.Flag) string {
	_, desc := pflag.UnquoteUsage(f)
	if i := strings.IndexAny(desc, "(;"); i > 0 {
		desc = desc[:i]
	}
	return strings.TrimSpace(desc)
}
