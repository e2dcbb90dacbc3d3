// Package term tells whether errpat's standard streams are a terminal,
// where a progress line and colour are welcome, and how wide it is.
package term

import (
	"io"
	"os"
	"strconv"
)

// Is tells whether v is a terminal, whatever NO_COLOR says:
// a character device other than the null device (cron's standard input).
func Is(v any) bool {
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

// Width is the width of the terminal w writes to: COLUMNS when set (to
// narrowest or more), else the terminal's own (likewise), else 80; 0
// when w is no terminal (or a dumb one).
func Width(w io.Writer, narrowest int) int {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return 0
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return 0
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= narrowest {
		return n
	}
	if n := windowWidth(f); n >= narrowest {
		return n
	}
	return 80
}
