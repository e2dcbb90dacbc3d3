//go:build !linux

package parsers

import "os"

// maxRSS is not measured outside Linux, whose units it knows.
func maxRSS(*os.ProcessState) (int64, bool) { return 0, false }
