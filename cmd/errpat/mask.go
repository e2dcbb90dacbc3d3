package main

import (
	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// problemLine is a problem as standard error tells it: its secrets
// masked, on one line, with the control characters of file names and
// input text made visible for the terminal.
func problemLine(mask *analyzer.Masker, p parsers.Problem) string {
	return report.VisibleLine(mask.Mask(p.Error()))
}
