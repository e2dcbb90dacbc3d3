package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// newProgress is the progress line of stderr, nil when it is no
// terminal; its clock starts now.
func newProgress(stderr io.Writer) *report.Progress {
	if !isTerminalFile(stderr) {
		return nil
	}
	return report.NewProgress(stderr, time.Now)
}

// isTerminalFile tells whether v is a terminal, whatever NO_COLOR says:
// a character device other than the null device (cron's standard input).
func isTerminalFile(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(fi, null)
}

// noteTerminalStdin tells, when - reads a terminal, that errpat waits
// for the user's lines: otherwise it only seems to hang.
func noteTerminalStdin(stdin io.Reader, readsStdin bool, stderr io.Writer) {
	if readsStdin && isTerminalFile(stdin) {
		fmt.Fprintln(stderr, "errpat: reading from the terminal; end with Ctrl-D")
	}
}

// readsStdin tells whether standard input is among the inputs.
func readsStdin(inputs []parsers.Input) bool {
	return slices.ContainsFunc(inputs, func(in parsers.Input) bool { return in.Stdin })
}
