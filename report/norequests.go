package report

import (
	"fmt"

	"github.com/errpat/errpat/analyzer"
)

// NoRequests says why a run counted no request: the window, named by
// window as the user gave it ("--since 24h"), or the inputs, the one
// file by name.
func NoRequests(res *analyzer.Result, window string) string {
	switch {
	case res.Records == 0 && res.NotRead == 1:
		return "no requests in the window: 1 file last written before it, not read"
	case res.Records == 0 && res.NotRead > 0:
		return fmt.Sprintf("no requests in the window: %d files last written before it, not read", res.NotRead)
	case res.Records > 0 && res.OutsideWindow == res.Records:
		return fmt.Sprintf("no requests in the window: %s, all outside %s", plural(res.Records, "record"), window)
	case res.Records > 0:
		return fmt.Sprintf("no requests in the window: %s, none of them a request", plural(res.Records, "record"))
	case res.Files-res.SkippedFiles == 1 && len(res.Problems) > 0:
		return "no requests found in " + res.Problems[0].Source
	}
	return fmt.Sprintf("no requests found in %s", plural(res.Files, "file"))
}
