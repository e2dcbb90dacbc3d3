package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/report"
)

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
	err := parseSub(fs, args, stdout, cli.PatternsUsage, func(paths []string) error { return o.check(fs, paths) })
	return o, err
}

// check takes the paths (none: standard input) and rejects bad or
// contradictory values.
func (o *patternsOptions) check(fs *pflag.FlagSet, paths []string) (err error) {
	o.paths = paths
	if len(o.paths) == 0 {
		o.paths = []string{"-"}
	}
	if err := cli.OneOf("format", o.format, report.FormatNames()); err != nil {
		return err
	}
	switch {
	case o.assign && fs.Changed("format"):
		return fmt.Errorf("%w: --assign writes JSON lines; it takes no --format", cli.ErrUsage)
	case o.top < 0:
		return fmt.Errorf("%w: invalid --top %d (want 0 or more)", cli.ErrUsage, o.top)
	}
	o.loc, err = loadZone(o.tz, "--tz")
	return err
}

// runPatterns is 'errpat patterns'.
func runPatterns(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	o, err := parsePatterns(args, stdout)
	if err != nil {
		return err
	}
	if err := checkWritable(o.output); err != nil {
		return err
	}
	noteTerminalStdin(stdin, slices.Contains(o.paths, "-"), stderr)
	mask := newMasker()
	lc := analyzer.NewLines(mask.Mask, o.loc)
	read := lc.ReadFiles(o.paths, stdin, func(err error) { warn(stderr, nil, safeLine(mask, err.Error())) })
	if read == 0 {
		return exitError(exitFailure)
	}
	g := analyzer.LearnTemplates(lc.Counts())
	write := func(w io.Writer) error {
		return report.RenderPatterns(w, report.NewPatterns(lc.Result(g), o.loc, o.top), o.format)
	}
	if o.assign {
		write = func(w io.Writer) error { return report.WriteAssignments(w, lc, g) }
	}
	if err := writeTo(o.output, stdout, write); err != nil {
		return fmt.Errorf("write patterns: %w", err)
	}
	if read < len(o.paths) {
		return exitError(exitFailure) // each unread file was told
	}
	return nil
}
