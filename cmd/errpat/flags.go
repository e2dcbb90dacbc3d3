package main

import (
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/pflag"

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
