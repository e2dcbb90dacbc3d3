package report

import (
	"testing"
	"time"

	"github.com/errpat/errpat/analyzer"
)

func TestByteSizes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 900: "900 B", 1536: "1.5 KiB", 600 << 20: "600 MiB", 3 << 30: "3.0 GiB"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d): got %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{950: "950", 1234: "1.2 k", 56_000: "56 k", 1_800_000: "1.8 M"} {
		if got := bigCount(n); got != want {
			t.Errorf("bigCount(%d): got %q, want %q", n, got, want)
		}
	}
}

func TestProgressLine(t *testing.T) {
	tests := []struct {
		s       analyzer.Progress
		stdin   int64
		elapsed time.Duration
		want    string
	}{
		{analyzer.Progress{Read: 312 << 20, Bytes: 600 << 20, Requests: 1_800_000}, 0, 2 * time.Second,
			"312 of 600 MiB, 1.8 M requests, 156 MiB/s"},
		{analyzer.Progress{Inputs: 3, Done: 1, Requests: 950}, 0, time.Second, "1 of 3 inputs, 950 requests"},
		{analyzer.Progress{Inputs: 1}, 3 << 20, 3 * time.Second, "3.0 MiB of standard input, 0 requests, 1.0 MiB/s"},
		{analyzer.Progress{Read: 1 << 20, Bytes: 4 << 20}, 0, 0, "1.0 of 4.0 MiB, 0 requests"},
	}
	for _, tt := range tests {
		if got := ProgressLine(tt.s, tt.stdin, tt.elapsed); got != tt.want {
			t.Errorf("ProgressLine(%+v, %d, %s): got %q, want %q", tt.s, tt.stdin, tt.elapsed, got, tt.want)
		}
	}
}
