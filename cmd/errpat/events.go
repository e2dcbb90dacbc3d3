package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/analyzer"
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

// newMasker hides the API credentials of the environment, as the report does.
func newMasker() *analyzer.Masker {
	return analyzer.NewMasker(os.Getenv("EXO_AUTH_KEY"), os.Getenv("EXO_AUTH_TOKEN"))
}

// discover finds the inputs as the report does, telling stderr of the
// paths that name none. ok is false when there is none, or when --output
// names one of them, which it has told stderr: nothing is read or written
// then.
func discover(mask *analyzer.Masker, sel parsers.Selection, paths []string, output string, stdin io.Reader, stderr io.Writer) (inputs []parsers.Input, problems []parsers.Problem, ok bool) {
	inputs, problems = sel.Discover(paths)
	for _, p := range problems {
		fmt.Fprintf(stderr, "errpat: %s\n", problemLine(mask, p))
	}
	if len(inputs) == 0 {
		fmt.Fprintf(stderr, "errpat: no input files found in %s\n", strings.Join(paths, " "))
		return nil, nil, false
	}
	if err := outputNotInput(output, inputs, stdin); err != nil {
		fmt.Fprintf(stderr, "errpat: %v\n", err)
		return nil, nil, false
	}
	return inputs, problems, true
}

// outputNotInput refuses an --output that is one of the inputs (the same
// file, by device and inode, whatever its path), which writing would
// destroy before or after it is read.
func outputNotInput(output string, inputs []parsers.Input, stdin io.Reader) error {
	if output == "" {
		return nil
	}
	out, err := os.Stat(output)
	if err != nil {
		return nil // a new file: no input
	}
	for _, in := range inputs {
		var fi os.FileInfo
		if in.Stdin {
			if f, ok := stdin.(*os.File); ok {
				fi, _ = f.Stat()
			}
		} else {
			fi, _ = os.Stat(in.Name)
		}
		if fi != nil && os.SameFile(fi, out) {
			return fmt.Errorf("--output %s is the input %s: refusing to overwrite it (write to another file)", output, in.Name)
		}
	}
	return nil
}

// analyzeEach reads the inputs as the report does (same de-duplication
// and masking of problems) and hands each counted record to each, in
// input order. ok is false when no input could be read, which it has
// told stderr.
func analyzeEach(s *subOptions, inputs []parsers.Input, problems []parsers.Problem, mask *analyzer.Masker, stdin io.Reader, stderr io.Writer,
	each func(*parsers.Record)) (res *analyzer.Result, ok bool) {
	res = analyzer.Analyze(inputs, stdin, analyzer.Options{
		Config: analyzer.Config{Location: s.loc, Slow: 2 * time.Second, MaxProblems: 20, Mask: mask.Mask,
			Since: s.window.window[0], Until: s.window.window[1]},
		Parse:    parsers.Options{Location: s.inputLoc, Formats: s.formats.formats},
		Workers:  s.workers,
		Problem:  func(p parsers.Problem) { fmt.Fprintf(stderr, "errpat: %s\n", problemLine(mask, p)) },
		OnRecord: each,
	})
	res.AddDiscoveryProblems(problems)
	if res.Files == res.SkippedFiles {
		fmt.Fprintln(stderr, "errpat: no input could be read")
		return res, false
	}
	return res, true
}

// createOutput opens --output, or returns stdout when it is not set.
func createOutput(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
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
	mask := newMasker()
	inputs, problems, ok := discover(mask, s.selection, s.paths, s.output, stdin, stderr)
	if !ok {
		return exitFailure
	}
	out, closeOut, err := createOutput(s.output, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "errpat: write events: %v\n", err)
		return exitFailure
	}
	ew := report.NewEventWriter(out, s.loc, mask.Mask)
	_, ok = analyzeEach(&s, inputs, problems, mask, stdin, stderr, ew.Write)
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
