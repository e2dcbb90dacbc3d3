//go:build !linux && !darwin

package main

import "os"

// windowWidth is 0 where errpat cannot ask the terminal: the width is
// then COLUMNS, or 80.
func windowWidth(*os.File) int { return 0 }
