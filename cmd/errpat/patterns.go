package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/report"
)

const patternsUsage = `Usage: errpat patterns [flags] [FILE|-]...

Groups the lines of any log (standard input without FILE, or with -) into
message templates, the same grouping as the report's top messages: the
variable parts are marked <n>, <id>, <ip>, <time> (seen in a line) or <*>
(learned over the lines). A timestamp and a level at the start of a line
are set aside. Prints each template with its count, an example, and when
it was first and last seen, most frequent first. --assign instead writes,
for each input line in input order, one JSON object per line:
{"source": …, "line": N, "pattern_id": …, "pattern": …}; the id is stable
for a template, so that two runs can be compared.
`

// patternsOptions are the flags of 'errpat patterns'.
type patternsOptions struct {
	commonOptions // only --format, --output and --tz
	assign        bool
	top           int
}

// newPatternsFlags declares the flags of 'errpat patterns' into o.
func newPatternsFlags(o *patternsOptions) *pflag.FlagSet {
	fs := pflag.NewFlagSet("errpat patterns", pflag.ContinueOnError)
	fs.BoolVar(&o.assign, "assign", false, "write each line's template as JSON lines instead")
	fs.IntVar(&o.top, "top", 0, "print the `N` most frequent templates (0: all)")
	addCommonFlags(fs, &o.commonOptions, nil, "format", "output", "tz")
	return fs
}

func parsePatterns(args []string, stdout io.Writer) (*patternsOptions, error) {
	o := &patternsOptions{}
	fs := newPatternsFlags(o)
	if err := cli.Parse(fs, args, stdout, func(bool) string { return patternsUsage + "\n" + cli.Usages(fs) }); err != nil {
		return nil, err
	}
	from, err := cli.ApplySettings(fs, commands)
	if err != nil {
		return nil, err
	}
	o.paths = fs.Args()
	if len(o.paths) == 0 {
		o.paths = []string{"-"}
	}
	switch {
	case !slices.Contains(report.Formats, o.format):
		return nil, fmt.Errorf("%w: invalid --format %q (want %s)", cli.ErrUsage, o.format, strings.Join(report.Formats, ", "))
	case o.assign && fs.Changed("format"):
		return nil, fmt.Errorf("%w: --assign writes JSON lines; it takes no --format", cli.ErrUsage)
	case o.top < 0:
		return nil, fmt.Errorf("%w: invalid --top %d (want 0 or more)", cli.ErrUsage, o.top)
	}
	o.loc, err = loadZone(o.tz, "--tz")
	return o, from.Explain(err)
}

// runPatterns is 'errpat patterns'.
func runPatterns(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := parsePatterns(args, stdout)
	if err != nil {
		return exitCode("patterns", err, stderr)
	}
	if err := checkWritable(o.output); err != nil {
		return exitCode("patterns", err, stderr)
	}
	noteTerminalStdin(stdin, slices.Contains(o.paths, "-"), stderr)
	lc := analyzer.NewLines(newMasker().Mask, o.loc)
	read := 0
	for _, path := range o.paths {
		if err := readLines(lc, path, stdin); err != nil {
			fmt.Fprintf(stderr, "errpat: %v\n", err)
			continue
		}
		read++
	}
	if read == 0 {
		return exitFailure
	}
	g := analyzer.LearnTemplates(lc.Counts())
	write := func(w io.Writer) error {
		return report.RenderPatterns(w, report.NewPatterns(lc.Result(g), o.loc, o.top), o.format)
	}
	if o.assign {
		write = func(w io.Writer) error { return report.WriteAssignments(w, lc, g) }
	}
	if err := writeTo(o.output, stdout, write); err != nil {
		return exitCode("patterns", fmt.Errorf("write patterns: %w", err), stderr)
	}
	if read < len(o.paths) {
		return exitFailure
	}
	return exitOK
}

// readLines counts the lines of one input, standard input for "-".
func readLines(lc *analyzer.Lines, path string, stdin io.Reader) error {
	if path == "-" {
		return lc.Read(stdin, "-")
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := lc.Read(f, path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
