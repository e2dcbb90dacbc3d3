package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/report"
)

// bugOptions are the flags of 'errpat bugreport'.
type bugOptions struct {
	subOptions
	rank  int
	match string
}

// runBugReport is 'errpat bugreport'.
func runBugReport(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var o bugOptions
	fs := newBugFlags(&o)
	err := parseSub(fs, args, stdout, cli.BugReportUsage, o.subOptions.check)
	if err == nil {
		err = o.check(fs)
	}
	if err != nil {
		return err
	}
	in := o.pipeline()
	in.config.Occurrences = true
	in.progress = newProgress(stderr)
	res, err := in.run(stdin, stderr)
	if err != nil {
		return err
	}
	rank, err := o.pick(res.Patterns)
	if err != nil {
		return err
	}
	b := report.BugReport{Rank: rank, Of: len(res.Patterns), Pattern: res.Patterns[rank-1], Location: o.loc, Mask: in.mask.Mask}
	write := func(w io.Writer) error { return report.WriteBugReport(w, b) }
	if err := writeTo(o.output, stdout, write); err != nil {
		return fmt.Errorf("write bug report: %w", err)
	}
	return nil
}

// newBugFlags declares the flags of 'errpat bugreport' into o.
func newBugFlags(o *bugOptions) *pflag.FlagSet {
	fs := pflag.NewFlagSet("errpat bugreport", pflag.ContinueOnError)
	o.addFlags(fs)
	fs.IntVar(&o.rank, "pattern", 1, "report the `N`th pattern of the top error messages (1 = the commonest)")
	fs.StringVar(&o.match, "match", "", "report the commonest pattern whose text or example contains `TEXT` (any case)")
	return fs
}

// check rejects contradictory flags before any input is read.
func (o *bugOptions) check(fs *pflag.FlagSet) error {
	if fs.Changed("pattern") && fs.Changed("match") {
		return fmt.Errorf("%w: --pattern and --match both choose the pattern: give one", cli.ErrUsage)
	}
	if o.rank < 1 {
		return fmt.Errorf("%w: invalid --pattern %d (want 1 or more: the rank in the top error messages)", cli.ErrUsage, o.rank)
	}
	return nil
}

// pick returns the 1-based rank of the pattern to report.
func (o *bugOptions) pick(ps []analyzer.PatternCount) (int, error) {
	if len(ps) == 0 {
		return 0, errors.New("no failures in the input: nothing to report")
	}
	if o.match != "" {
		if i := analyzer.MatchPattern(ps, o.match); i >= 0 {
			return i + 1, nil
		}
		return 0, fmt.Errorf("no failure pattern matches --match %q (the report's top error messages list them)", o.match)
	}
	if o.rank > len(ps) {
		return 0, fmt.Errorf("invalid --pattern %d: the input has %d failure pattern(s)", o.rank, len(ps))
	}
	return o.rank, nil
}
