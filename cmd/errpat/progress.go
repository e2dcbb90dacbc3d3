package main

import (
	"io"
	"slices"
	"time"

	"github.com/errpat/errpat/cmd/errpat/internal/term"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// newProgress is the progress line of stderr, nil when it is no
// terminal; its clock starts now.
func newProgress(stderr io.Writer) *report.Progress {
	if !term.Is(stderr) {
		return nil
	}
	return report.NewProgress(stderr, time.Now)
}

// noteTerminalStdin tells, when - reads a terminal, that errpat waits
// for the user's lines: otherwise it only seems to hang.
func noteTerminalStdin(stdin io.Reader, readsStdin bool, stderr io.Writer) {
	if readsStdin && term.Is(stdin) {
		warn(stderr, nil, "reading from the terminal; end with Ctrl-D")
	}
}

// readsStdin tells whether standard input is among the inputs.
func readsStdin(inputs []parsers.Input) bool {
	return slices.ContainsFunc(inputs, func(in parsers.Input) bool { return in.Stdin })
}
