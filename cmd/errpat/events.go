package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/cmd/errpat/internal/term"
	"github.com/errpat/errpat/report"
)

// newEventsFlags declares the flags of 'errpat events' into s.
func newEventsFlags(s *subOptions) *pflag.FlagSet {
	fs := pflag.NewFlagSet("errpat events", pflag.ContinueOnError)
	s.addFlags(fs)
	return fs
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
