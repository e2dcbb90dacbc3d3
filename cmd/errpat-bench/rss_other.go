//go:build !linux

package main

import "os"

// maxRSSKiB is unknown (0) where ru_maxrss is not reported in KiB.
func maxRSSKiB(*os.ProcessState) int64 { return 0 }
