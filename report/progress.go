package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/errpat/errpat/analyzer"
)

// ProgressLine is what the progress line of a long run says after
// elapsed: bytes read of the inputs' size, the bytes read from standard
// input (stdin, whose size is unknown), requests counted and the rate:
// "312 of 600 MiB, 1.8 M requests, 110 MiB/s".
func ProgressLine(s analyzer.Progress, stdin int64, elapsed time.Duration) string {
	var parts []string
	if s.Bytes > 0 {
		parts = append(parts, fmt.Sprintf("%s of %s", bytesIn(s.Read, s.Bytes), byteSize(s.Bytes)))
	}
	read := s.Read
	if stdin > 0 {
		read += stdin
		parts = append(parts, byteSize(stdin)+" of standard input")
	}
	if len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%d of %d inputs", s.Done, s.Inputs))
	}
	parts = append(parts, bigCount(s.Requests)+" requests")
	if secs := elapsed.Seconds(); secs > 0 && read > 0 {
		parts = append(parts, byteSize(int64(float64(read)/secs))+"/s")
	}
	return strings.Join(parts, ", ")
}

var byteUnits = []string{"B", "KiB", "MiB", "GiB", "TiB"}

// unitOf is the unit n is best told in, as a power of 1024.
func unitOf(n int64) int {
	u := 0
	for f := float64(n); f >= 1024 && u < len(byteUnits)-1; f /= 1024 {
		u++
	}
	return u
}

// scaled is n in the unit u, with a decimal under 10.
func scaled(n int64, u int) string {
	f := float64(n)
	for range u {
		f /= 1024
	}
	if f < 10 && u > 0 {
		return fmt.Sprintf("%.1f", f)
	}
	return fmt.Sprintf("%.0f", f)
}

// byteSize is "600 MiB".
func byteSize(n int64) string {
	u := unitOf(n)
	return scaled(n, u) + " " + byteUnits[u]
}

// bytesIn is n in the unit of total, for "312 of 600 MiB".
func bytesIn(n, total int64) string { return scaled(n, unitOf(total)) }

// bigCount is "950", "12.5 k" or "1.8 M".
func bigCount(n int) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f G", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f M", float64(n)/1e6)
	case n >= 1e4:
		return fmt.Sprintf("%.0f k", float64(n)/1e3)
	case n >= 1e3:
		return fmt.Sprintf("%.1f k", float64(n)/1e3)
	}
	return fmt.Sprint(n)
}
