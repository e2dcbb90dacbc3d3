package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/cmd/errpat/internal/term"
	"github.com/errpat/errpat/report"
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

// runEvents is 'errpat events'.
func runEvents(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var s subOptions
	fs := newEventsFlags(&s)
	if err := parseSub(fs, args, stdout, cli.EventsUsage, s.check); err != nil {
		return err
	}
	p := s.pipeline()
	if !term.Is(stdout) { // events on the screen and the line would mix
		p.progress = newProgress(stderr)
	}
	inputs, problems, err := p.discover(stdin, stderr)
	if err != nil {
		return err
	}
	out, closeOut, err := createOutput(s.output, stdout)
	if err != nil {
		return fmt.Errorf("write events: %w", err)
	}
	ew := report.NewEventWriter(out, s.loc, p.mask.Mask)
	p.onRecord = ew.Write
	_, ok := p.read(inputs, problems, stdin, stderr)
	err = errors.Join(ew.Flush(), closeOut())
	switch {
	case err != nil:
		return fmt.Errorf("write events: %w", err)
	case !ok:
		return errNoInput
	}
	return nil
}
