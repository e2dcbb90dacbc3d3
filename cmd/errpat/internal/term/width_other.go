//go:build !linux && !darwin

package term

import "os"

// windowWidth is 0 where errpat cannot ask the terminal: the width is
// then COLUMNS, or 80.
func windowWidth(*os.File) int { return 0 }
