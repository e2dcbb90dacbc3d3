package parsers

import (
	"os"
	"syscall"
)

// maxRSS returns the peak resident memory of a child process that has
// ended, in MiB (Linux counts it in KiB).
func maxRSS(ps *os.ProcessState) (int64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	return ru.Maxrss >> 10, true
}
