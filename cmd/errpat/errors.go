package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// exitCode is the one place a command's error is printed, once, as
// "errpat: …" (a usage error with where to find the usage), and turned
// into an exit code, after gojq's cli.run.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "errpat: %s\n", strings.TrimPrefix(err.Error(), "usage: "))
	if errors.Is(err, errUsage) {
		fmt.Fprintln(stderr, "Run 'errpat --help' for usage.")
	}
	return exitFailure
}
