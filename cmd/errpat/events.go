package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
)

// subOptions are the flags that the subcommands share with the report.
type subOptions struct {
	commonOptions
	window dailyOptions // only --since and --until
}

func (s *subOptions) addFlags(fs *pflag.FlagSet) {
	addCommonFlags(fs, &s.commonOptions, &s.window, allCommon...)
}

// newEventsFlags declares the flags of 'errpat events' into s.
func newEventsFlags(s *subOptions) *pflag.FlagSet {
	fs := pflag.NewFlagSet("errpat events", pflag.ContinueOnError)
	s.addFlags(fs)
	return fs
}

// check loads the zones and the window; no path means ./logs, as for the
// report.
func (s *subOptions) check() error {
	if err := s.commonOptions.check(); err != nil {
		return err
	}
	return s.window.resolveWindow(time.Now(), s.loc)
}

// parseSub parses a subcommand's flags; --help prints its help on stdout.
func parseSub(fs *pflag.FlagSet, s *subOptions, args []string, stdout io.Writer, usage string) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprint(stdout, usage+"\n"+flagUsages(fs))
			return err
		}
		return flagError(fs, err)
	}
	from, err := applySettings(fs)
	if err != nil {
		return err
	}
	s.paths = fs.Args()
	return from.explain(s.check())
}

// subExit turns a subcommand's error into an exit code, printing it once.
func subExit(err error, name string, stderr io.Writer) int { return exitCode(name, err, stderr) }

// newMasker hides the API credentials of the environment, as the report does.
func newMasker() *analyzer.Masker {
	return analyzer.NewMasker(os.Getenv("EXO_AUTH_KEY"), os.Getenv("EXO_AUTH_TOKEN"))
}

// discover finds the inputs as the report does, telling stderr of the
// paths that name none. It fails when there is none, or when --output
// names one of them or cannot be written: nothing is read or written
// then.
func discover(mask *analyzer.Masker, sel parsers.Selection, paths []string, output string, stdin io.Reader, stderr io.Writer) ([]parsers.Input, []parsers.Problem, error) {
	inputs, problems := sel.Discover(paths)
	for _, p := range problems {
		fmt.Fprintf(stderr, "errpat: %s\n", problemLine(mask, p))
	}
	if len(inputs) == 0 {
		return nil, nil, fmt.Errorf("no input files found in %s", strings.Join(paths, " "))
	}
	if err := outputNotInput(output, inputs, stdin); err != nil {
		return nil, nil, err
	}
	if err := checkWritable(output); err != nil {
		return nil, nil, err
	}
	return inputs, problems, nil
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
// input order. ok is false when no input could be read (errNoInput).
func analyzeEach(s *subOptions, inputs []parsers.Input, problems []parsers.Problem, mask *analyzer.Masker, stdin io.Reader, stderr io.Writer,
	each func(*parsers.Record)) (res *analyzer.Result, ok bool) {
	noteTerminalStdin(stdin, readsStdin(inputs), stderr)
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
	fs := newEventsFlags(&s)
	if err := parseSub(fs, &s, args, stdout, eventsUsage); err != nil {
		return subExit(err, "events", stderr)
	}
	mask := newMasker()
	inputs, problems, err := discover(mask, s.selection, s.paths, s.output, stdin, stderr)
	if err != nil {
		return subExit(err, "events", stderr)
	}
	out, closeOut, err := createOutput(s.output, stdout)
	if err != nil {
		return subExit(fmt.Errorf("write events: %w", err), "events", stderr)
	}
	ew := newEventWriter(out, s.loc, mask)
	_, ok := analyzeEach(&s, inputs, problems, ew.mask, stdin, stderr, ew.write)
	err = errors.Join(ew.flush(), closeOut())
	switch {
	case err != nil:
		return subExit(fmt.Errorf("write events: %w", err), "events", stderr)
	case !ok:
		return subExit(errNoInput, "events", stderr)
	}
	return exitOK
}

// eventWriter streams events through a buffer; after the first write
// error it drops the rest and keeps the error.
type eventWriter struct {
	buf  *bufio.Writer
	enc  *json.Encoder
	loc  *time.Location
	mask *analyzer.Masker
	err  error
}

func newEventWriter(w io.Writer, loc *time.Location, mask *analyzer.Masker) *eventWriter {
	buf := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return &eventWriter{buf: buf, enc: enc, loc: loc, mask: mask}
}

func (e *eventWriter) write(r *parsers.Record) {
	if e.err != nil {
		return
	}
	e.err = e.enc.Encode(analyzer.NewEvent(r, e.loc, e.mask.Mask))
}

func (e *eventWriter) flush() error {
	if e.err != nil {
		return e.err
	}
	return e.buf.Flush()
}
