package main

import (
	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// problemLine is a problem as standard error tells it (see safeLine).
func problemLine(mask *analyzer.Masker, p parsers.Problem) string {
	return safeLine(mask, p.Error())
}

// safeLine is a message that carries input text or a path, as standard
// error tells it: its secrets masked, on one line, with the control
// characters of file names and input text made visible for the terminal.
func safeLine(mask *analyzer.Masker, msg string) string {
	return report.VisibleLine(mask.Mask(msg))
}
