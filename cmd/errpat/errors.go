package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/cmd/errpat/internal/cli"
)

// errNoInput is the failure of a run that could read none of its inputs
// (each input's problem is told on its own).
var errNoInput = errors.New("no input could be read")

// exitCode is the one place where a command's error is printed, once, as
// "errpat: …", and turned into an exit code, after gojq's cli.run: nil
// and --help are 0; a usage error adds where to read the usage of cmd
// ("" for the report, else the subcommand); any error is 2.
func exitCode(cmd string, err error, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, pflag.ErrHelp):
		return exitOK
	}
	fmt.Fprintf(stderr, "errpat: %s\n", strings.TrimPrefix(err.Error(), cli.ErrUsage.Error()+": "))
	if errors.Is(err, cli.ErrUsage) {
		fmt.Fprintf(stderr, "Run 'errpat %s--help' for usage.\n", strings.TrimPrefix(cmd+" ", " "))
	}
	return exitFailure
}
