package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// pipeline is one reading of the inputs, the same for the report and
// every subcommand: find the inputs, parse them with a bounded pool of
// workers, aggregate them, and tell standard error of every problem, its
// secrets masked. A subcommand that writes records as they come (events)
// sets onRecord.
type pipeline struct {
	paths     []string
	selection parsers.Selection
	output    string // --output, refused when it is one of the inputs
	config    analyzer.Config
	parse     parsers.Options
	workers   int
	mask      *analyzer.Masker
	// onRecord, when set, is handed each counted record in input order.
	onRecord func(*parsers.Record)
	// progress, when set, shows how far the reading has got (the report's).
	progress *report.Progress
	// tellUntold tells how many problems standard error was not told of
	// (the report's).
	tellUntold bool
	// writtenSince, when set, leaves unread the inputs last modified
	// before it (parsers.WrittenSince), so that a cron job's report of
	// the last hour costs that hour, not the folder's history; the report
	// learns how many were not read, and from when (the report's).
	writtenSince time.Time
}

// newMasker hides the API credentials of the environment, as the report does.
func newMasker() *analyzer.Masker {
	return analyzer.NewMasker(os.Getenv("EXO_AUTH_KEY"), os.Getenv("EXO_AUTH_TOKEN"))
}

// pipeline is the reading that a subcommand's flags ask for.
func (s *subOptions) pipeline() *pipeline {
	mask := newMasker()
	return &pipeline{
		paths: s.paths, selection: s.selection, output: s.output, workers: s.workers, mask: mask,
		config: analyzer.Config{Location: s.loc, Slow: 2 * time.Second, MaxProblems: maxProblems, Mask: mask.Mask,
			Since: s.window.window.Since, Until: s.window.window.Until},
		parse: parsers.Options{Location: s.inputLoc, Formats: s.formats},
	}
}

// discover finds the inputs, telling stderr of the paths that name none.
// It fails when there is none, or when --output names one of them or
// cannot be written: nothing is read or written then.
func (p *pipeline) discover(stdin io.Reader, stderr io.Writer) ([]parsers.Input, []parsers.Problem, error) {
	inputs, problems := p.selection.Discover(p.paths)
	for _, pr := range problems {
		warn(stderr, nil, problemLine(p.mask, pr))
	}
	if len(inputs) == 0 {
		return nil, nil, fmt.Errorf("no input files found in %s", safeLine(p.mask, strings.Join(p.paths, " ")))
	}
	if err := outputNotInput(p.output, inputs, stdin); err != nil {
		return nil, nil, err
	}
	if err := checkWritable(p.output); err != nil {
		return nil, nil, err
	}
	return inputs, problems, nil
}

// run finds the inputs and reads them, errNoInput when none could be
// read.
func (p *pipeline) run(stdin io.Reader, stderr io.Writer) (*analyzer.Result, error) {
	inputs, problems, err := p.discover(stdin, stderr)
	if err != nil {
		return nil, err
	}
	res, ok := p.read(inputs, problems, stdin, stderr)
	if !ok {
		return nil, errNoInput
	}
	return res, nil
}

// read parses and aggregates the inputs that discover found (problems
// are its own), telling stderr of each problem as the files are merged.
// ok is false when no input could be read (errNoInput).
func (p *pipeline) read(inputs []parsers.Input, problems []parsers.Problem, stdin io.Reader, stderr io.Writer) (res *analyzer.Result, ok bool) {
	inputs, notRead := parsers.WrittenSince(inputs, p.writtenSince)
	noteTerminalStdin(stdin, readsStdin(inputs), stderr)
	p.progress.Start()
	told := 0 // problems told on standard error: the first few of each file
	res = analyzer.Analyze(inputs, p.progress.CountStdin(stdin), analyzer.Options{
		Config:  p.config,
		Parse:   p.parse,
		Workers: p.workers,
		Problem: func(pr parsers.Problem) {
			told++
			warn(stderr, p.progress, problemLine(p.mask, pr))
		},
		Progress: p.progress.Update,
		OnRecord: p.onRecord,
	})
	p.progress.Stop()
	if more := res.ProblemCount - told; more > 0 && p.tellUntold {
		warn(stderr, nil, fmt.Sprintf("… and %d more problems (%d lines skipped in all): each file tells its first %d",
			more, res.SkippedLines, maxProblems))
	}
	res.AddDiscoveryProblems(problems)
	if notRead > 0 {
		res.NotRead, res.NotReadBefore = notRead, p.writtenSince
	}
	return res, res.Files != res.SkippedFiles || res.NotRead > 0
}
