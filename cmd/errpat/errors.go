package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/report"
)

// errNoInput is the failure of a run that could read none of its inputs
// (each input's problem is told on its own).
var errNoInput = errors.New("no input could be read")

// exitError ends a command with its own exit code, printing nothing: an
// alert, no data, or a failure whose causes were each told already.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// exitCode is the one place where a command's error is printed, once, as
// "errpat: …", and turned into an exit code, after gojq's cli.run: nil
// and --help are 0; an exitError is its code, unprinted; a usage error
// adds where to read the usage of cmd ("" for the report, else the
// subcommand); any other error is 2.
func exitCode(cmd string, err error, stderr io.Writer) int {
	var code exitError
	switch {
	case err == nil, errors.Is(err, pflag.ErrHelp):
		return exitOK
	case errors.As(err, &code):
		return int(code)
	}
	warn(stderr, nil, strings.TrimPrefix(err.Error(), cli.ErrUsage.Error()+": "))
	if errors.Is(err, cli.ErrUsage) {
		fmt.Fprintf(stderr, "Run 'errpat %s--help' for usage.\n", strings.TrimPrefix(cmd+" ", " "))
	}
	return exitFailure
}

// warn writes one "errpat: …" line on standard error, above the progress
// line when one is shown (progress may be nil). Every such line goes
// through it: exitCode's errors and the warnings of the inputs alike.
// Whatever a message quotes (a flag's value, a path) reaches the terminal
// with its control characters made visible, never as escape sequences;
// a message that quotes input text or paths masks them first (safeLine).
func warn(stderr io.Writer, progress *report.Progress, msg string) {
	progress.Say(stderr, "errpat: "+report.Visible(msg))
}
