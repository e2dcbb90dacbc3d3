package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spf13/pflag"
)

// ErrUsage marks errors that are the command line's fault.
var ErrUsage = errors.New("usage")

// Command is one of errpat's commands: its name ("" for the report),
// what it does and its flags.
type Command struct {
	Name, Summary string
	Flags         *pflag.FlagSet
}

// Parse parses args into fs. -h and --help print help on stdout (brief
// for -h without --help, as ripgrep's) and return pflag.ErrHelp; any
// other error is worded by FlagError.
func Parse(fs *pflag.FlagSet, args []string, stdout io.Writer, help func(brief bool) string) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		fmt.Fprint(stdout, help(slices.Contains(args, "-h") && !slices.Contains(args, "--help")))
		return err
	case err != nil:
		return FlagError(fs, err)
	}
	return nil
}

// Subcommands names the commands other than the report, and help.
func Subcommands(cmds []Command) []string {
	var names []string
	for _, c := range cmds {
		if c.Name != "" {
			names = append(names, c.Name)
		}
	}
	return append(names, "help")
}

// allFlags holds every flag of every command once.
func allFlags(cmds []Command) *pflag.FlagSet {
	all := pflag.NewFlagSet("errpat", pflag.ContinueOnError)
	for _, c := range cmds {
		all.AddFlagSet(c.Flags)
	}
	return all
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
	{"Output", []string{"format", "output", "width", "detail", "color", "section", "assign", "version"}},
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

// Usages lists fs's flags by group, within helpWidth columns.
func Usages(fs *pflag.FlagSet) string {
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

// flagNames is how a flag is typed in the usage: "  -o, --output FILE".
func flagNames(f *pflag.Flag) string {
	left := "      --" + f.Name
	if f.Shorthand != "" {
		left = "  -" + f.Shorthand + ", --" + f.Name
	}
	if arg, _ := flagArg(f); arg != "" {
		left += " " + arg
	}
	return left
}

// writeFlag writes one flag: its names and argument, then its
// description wrapped at words, on the same line when there is room.
func writeFlag(b *strings.Builder, f *pflag.Flag) {
	left := flagNames(f)
	_, desc := flagArg(f)
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

// Brief is -h (--help is the long form, as ripgrep's): the usage lines
// of full, then one line a flag.
func Brief(full string, fs *pflag.FlagSet) string {
	var b strings.Builder
	head, _, _ := strings.Cut(full, "\n\n")
	b.WriteString(head + "\n")
	titles, groups := grouped(fs)
	for i, title := range titles {
		fmt.Fprintf(&b, "\n%s flags:\n", title)
		for _, f := range groups[i] {
			left := flagNames(f)
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
