package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// subOptions are the flags that the subcommands share with the report.
type subOptions struct {
	tz, inputTZ   string
	workers       int
	output        string
	paths         []string
	selection     parsers.Selection // --include, --exclude
	formats       userFormats       // --format-file
	loc, inputLoc *time.Location
	window        dailyOptions // only --since and --until
}

func (s *subOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&s.output, "output", "o", "", "write to `FILE` instead of standard output")
	fs.StringVar(&s.tz, "tz", "", "time `ZONE` of the output (IANA name; default the machine's zone)")
	fs.StringVar(&s.inputTZ, "input-tz", "", "time `ZONE` of naive timestamps in the inputs (default --tz)")
	fs.IntVar(&s.workers, "workers", 0, "batches of small files, or parts of large ones, read at once (default: twice the number of CPUs)")
	fs.StringVar(&s.window.since, "since", "", "count records from `WHEN` on (as for the report)")
	fs.StringVar(&s.window.until, "until", "", "count records before `WHEN` (as for the report)")
	addSelectionFlags(fs, &s.selection)
	addFormatFlags(fs, &s.formats)
}

// check loads the zones and the window; no path means ./logs, as for the
// report.
func (s *subOptions) check() error {
	var err error
	if s.loc, err = loadZone(s.tz, "--tz"); err != nil {
		return err
	}
	if err := s.window.resolveWindow(time.Now(), s.loc); err != nil {
		return err
	}
	s.inputLoc = s.loc
	if s.inputTZ != "" {
		if s.inputLoc, err = loadZone(s.inputTZ, "--input-tz"); err != nil {
			return err
		}
	}
	if err := checkSelection(s.selection); err != nil {
		return err
	}
	if err := s.formats.load(); err != nil {
		return err
	}
	if len(s.paths) == 0 {
		s.paths = []string{"logs"}
	}
	return nil
}

// parseSub parses a subcommand's flags; --help prints its help on stdout.
func parseSub(fs *pflag.FlagSet, s *subOptions, args []string, stdout io.Writer, usage string) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprint(stdout, usage+"\nFlags:\n"+fs.FlagUsages())
			return err
		}
		return flagError(fs, err)
	}
	s.paths = fs.Args()
	return s.check()
}

// subExit turns a flag error into an exit code, printing it once.
func subExit(err error, name string, stderr io.Writer) int {
	if errors.Is(err, pflag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "errpat: %s\n", strings.TrimPrefix(err.Error(), "usage: "))
	fmt.Fprintf(stderr, "Run 'errpat %s --help' for usage.\n", name)
	return exitFailure
}

const eventsUsage = `Usage: errpat events [flags] [PATH|GLOB|-]...

Writes every request that the report counts as one JSON object per line
(JSON lines, for jq and other tools), in input order: time (RFC 3339 in
--tz, null when unknown), source, line, run, test, method, endpoint (the
pattern, ids as {id}), path (as written, secrets masked), status (0: no
HTTP response), failed, class, error_code, pattern (failures only),
message and seconds (null when unknown). Duplicates (a results file beside
its log, newman's JUnit beside its JSON) are written once; --since and
--until keep the requests of a window, as for the report.
`

// runEvents is 'errpat events'.
func runEvents(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var s subOptions
	fs := pflag.NewFlagSet("errpat events", pflag.ContinueOnError)
	s.addFlags(fs)
	if err := parseSub(fs, &s, args, stdout, eventsUsage); err != nil {
		return subExit(err, "events", stderr)
	}
	p := s.pipeline()
	inputs, problems, ok := p.discover(stdin, stderr)
	if !ok {
		return exitFailure
	}
	out, closeOut, err := createOutput(s.output, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "errpat: write events: %v\n", err)
		return exitFailure
	}
	ew := report.NewEventWriter(out, s.loc, p.mask.Mask)
	p.onRecord = ew.Write
	_, ok = p.read(inputs, problems, stdin, stderr)
	err = errors.Join(ew.Flush(), closeOut())
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "errpat: write events: %v\n", err)
		return exitFailure
	case !ok:
		return exitFailure
	}
	return exitOK
}
