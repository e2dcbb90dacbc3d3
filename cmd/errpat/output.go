package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/errpat/errpat/cmd/errpat/internal/term"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// checkWritable tells, before any input is read, whether --output can be
// written, so that a long analysis is not lost to a missing folder or a
// read-only file. An existing file is opened for writing and left as it
// is; a new one is created and removed again, so that a run that stops
// later leaves nothing behind. A device or a named pipe (/dev/stdout, a
// FIFO whose reader comes later) is not opened: that could block.
func checkWritable(path string) error {
	if path == "" {
		return nil
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			f.Close()
			return os.Remove(path)
		}
	}
	if err != nil {
		return fmt.Errorf("cannot write --output: %w", err)
	}
	return f.Close()
}

// outputNotInput refuses an --output that is one of the inputs (the same
// file, by device and inode, whatever its path), which writing would
// destroy before or after it is read.
func outputNotInput(output string, inputs []parsers.Input, stdin io.Reader) error {
	if output == "" {
		return nil
	}
	out, err := os.Stat(output)
	if err != nil {
		return nil // a new file: no input
	}
	for _, in := range inputs {
		if in.IsFile(out) || in.Stdin && stdinIs(stdin, out) {
			return fmt.Errorf("--output %s is the input %s: refusing to overwrite it (write to another file)", output, in.Name)
		}
	}
	return nil
}

// stdinIs tells whether standard input is the file out.
func stdinIs(stdin io.Reader, out os.FileInfo) bool {
	f, ok := stdin.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && os.SameFile(fi, out)
}

// createOutput opens --output, or returns stdout when it is not set.
func createOutput(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// writeTo writes through write to the file at path, or to stdout when
// path is empty.
func writeTo(path string, stdout io.Writer, write func(io.Writer) error) error {
	out, closeOut, err := createOutput(path, stdout)
	if err != nil {
		return err
	}
	return errors.Join(write(out), closeOut())
}

// write writes the report to --output, else to standard output, laid
// out for the terminal when it is one.
func write(o *options, rep *report.Report, stdout io.Writer) error {
	cols := term.Width(stdout, minWidth)
	layout := report.Layout{Width: o.width, Detail: o.detail, Terminal: cols > 0,
		Color: o.color == "always" || o.color == "auto" && cols > 0 && os.Getenv("NO_COLOR") == ""}
	if layout.Width == 0 {
		layout.Width = cols
	}
	w := io.Writer(stdout)
	if o.output != "" {
		f, err := os.Create(o.output)
		if err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		defer f.Close()
		w, layout = f, report.Layout{Width: o.width, Detail: o.detail, Color: o.color == "always"}
	}
	if err := report.Render(w, rep, o.format, report.RenderOptions{Layout: layout, Section: o.section}); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
