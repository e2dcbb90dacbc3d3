//go:build !linux

package parsers

// pseudoFS knows no pseudo file system outside Linux.
func pseudoFS(string) (string, bool) { return "", false }
