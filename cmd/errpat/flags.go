package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/cmd/errpat/internal/mail"
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
	formatFiles         []string          // --format-file
	formats             []*parsers.Format // formatFiles and the config folder's

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
			fs.StringVarP(&c.format, "format", "f", "text", "output format: "+strings.Join(report.FormatNames(), ", "))
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
			fs.StringArrayVar(&c.formatFiles, "format-file", nil, "also read the format described in `FILE` (repeatable; see the README)")
		default:
			panic("no shared flag --" + name) // a typo in a command's list
		}
	}
}

// check loads the zones, the selection and the format files; no path
// means ./logs.
func (c *commonOptions) check() error {
	if c.workers < 0 {
		return fmt.Errorf("%w: invalid --workers %d (want 1 or more, or 0 for twice the number of CPUs)", cli.ErrUsage, c.workers)
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
	if c.formats, err = cli.LoadFormats(c.formatFiles); err != nil {
		return err
	}
	c.paths = append(c.paths, c.globs...)
	if len(c.paths) == 0 {
		c.paths = []string{"logs"}
	}
	return nil
}

// checkSelection checks the globs of --include and --exclude.
func checkSelection(s parsers.Selection) error {
	if err := s.CheckPatterns(); err != nil {
		return fmt.Errorf("%w: --include or --exclude: %v", cli.ErrUsage, err)
	}
	return nil
}

// loadZone is the zone of a --tz or --input-tz value.
func loadZone(name, flag string) (*time.Location, error) {
	loc, err := analyzer.LoadZone(name)
	if err != nil {
		return nil, fmt.Errorf("%w: invalid %s %q (want an IANA zone name such as UTC or Asia/Kolkata)", cli.ErrUsage, flag, name)
	}
	return loc, nil
}

// subOptions are the flags that the subcommands share with the report.
type subOptions struct {
	commonOptions
	window dailyOptions // only --since and --until
}

func (s *subOptions) addFlags(fs *pflag.FlagSet) {
	addCommonFlags(fs, &s.commonOptions, &s.window, allCommon...)
}

// check takes the paths and loads the zones and the window; no path
// means ./logs, as for the report.
func (s *subOptions) check(paths []string) error {
	s.paths = paths
	if err := s.commonOptions.check(); err != nil {
		return err
	}
	return s.window.resolveWindow(time.Now(), s.loc)
}

// parseSub parses a subcommand's flags and the settings file (--help
// prints its usage on stdout), then check rejects bad or contradictory
// values given the paths, each error naming where a setting came from.
func parseSub(fs *pflag.FlagSet, args []string, stdout io.Writer, usage string, check func(paths []string) error) error {
	if err := cli.Parse(fs, args, stdout, func(bool) string { return usage + "\n" + cli.Usages(fs) }); err != nil {
		return err
	}
	from, err := cli.ApplySettings(fs, commands)
	if err != nil {
		return err
	}
	return from.Explain(check(fs.Args()))
}

// commands lists errpat's commands with their flags, declared into
// throwaway options, for the settings, the completion scripts and the
// manual.
func commands() []cli.Command {
	return []cli.Command{
		{Name: "", Summary: "report what failed", Flags: newReportFlags(&options{})},
		{Name: "events", Summary: "write every counted request as JSON lines", Flags: newEventsFlags(&subOptions{})},
		{Name: "bugreport", Summary: "write a Markdown bug report for one failure pattern", Flags: newBugFlags(&bugOptions{})},
		{Name: "patterns", Summary: "group the lines of any log into message templates", Flags: newPatternsFlags(&patternsOptions{})},
		{Name: "completion", Summary: "write the completion script of bash, zsh or fish", Flags: pflag.NewFlagSet("completion", pflag.ContinueOnError)},
		{Name: "man", Summary: "write the manual page (roff)", Flags: pflag.NewFlagSet("man", pflag.ContinueOnError)},
	}
}

// spec is errpat's command line for the completion scripts and the manual.
func spec() cli.Spec {
	return cli.Spec{Commands: commands(), Version: versionString(),
		Choices: map[string][]string{"format": report.FormatNames(), "section": report.CSVSections, "color": colors, "side": sides,
			"smtp-tls": mail.Modes, "compare": {"previous"}},
		Files: []string{"output", "format-file", "baseline", "routes", "smtp-ca", "sendmail"}}
}

// versionString is the stamped version, or else the module's version from
// the build information (go install …@v1.2.3), or "dev".
func versionString() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}
