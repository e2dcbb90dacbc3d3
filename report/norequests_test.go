package report

import (
	"testing"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
)

func TestNoRequests(t *testing.T) {
	tests := []struct {
		res  analyzer.Result
		want string
	}{
		{analyzer.Result{Files: 3, NotRead: 1}, "no requests in the window: 1 file last written before it, not read"},
		{analyzer.Result{Files: 3, NotRead: 2}, "no requests in the window: 2 files last written before it, not read"},
		{analyzer.Result{Files: 1, Records: 4, OutsideWindow: 4}, "no requests in the window: 4 records, all outside --since 24h"},
		{analyzer.Result{Files: 1, Records: 1, OutsideWindow: 0}, "no requests in the window: 1 record, none of them a request"},
		{analyzer.Result{Files: 2, SkippedFiles: 1, Problems: []parsers.Problem{{Source: "a.log"}}}, "no requests found in a.log"},
		{analyzer.Result{Files: 1}, "no requests found in 1 file"},
		{analyzer.Result{Files: 0}, "no requests found in 0 files"},
	}
	for _, tt := range tests {
		if got := NoRequests(&tt.res, "--since 24h"); got != tt.want {
			t.Errorf("NoRequests(%+v): got %q, want %q", tt.res, got, tt.want)
		}
	}
}
