package analyzer

import (
	"runtime"
	"sync"
	"testing"

	"github.com/errpat/errpat/parsers"
)

// TestRunBoundsPartsAtOnce checks that the parts of large files read at
// once or waiting for their turn are at most one per CPU, small files
// beside them being read as before, that results are merged in order, and
// that a part that waits for the parts before it to be merged (as one
// that stops its file does) does not wait for ever.
func TestRunBoundsPartsAtOnce(t *testing.T) {
	var batches [][]parsers.Input
	for i := range 40 {
		in := parsers.Input{Name: "big.log", Part: i, Length: 1}
		if i%5 == 4 {
			in = parsers.Input{Name: "small.log"} // a small file between parts
		}
		batches = append(batches, []parsers.Input{in})
	}
	merged := make([]chan struct{}, len(batches))
	for i := range merged {
		merged[i] = make(chan struct{})
	}
	var mu sync.Mutex
	parts, most, next := 0, 0, 0
	read := func(i int, b []parsers.Input) *fileResult {
		if b[0].Length > 0 {
			mu.Lock()
			parts++
			most = max(most, parts)
			mu.Unlock()
			if i > 0 && i%7 == 0 {
				<-merged[i-1] // waits for the part before it, as a stop does
			}
		}
		return &fileResult{part: i}
	}
	merge := func(fr *fileResult) {
		if fr.part != next {
			t.Fatalf("merged %d, want %d", fr.part, next)
		}
		next++
		if batches[fr.part][0].Length > 0 {
			mu.Lock()
			parts--
			mu.Unlock()
		}
		close(merged[fr.part])
	}
	for _, workers := range []int{1, 4, 16} {
		next, most = 0, 0
		for i := range merged {
			merged[i] = make(chan struct{})
		}
		run(batches, workers, read, merge)
		if want := max(1, min(workers, runtime.GOMAXPROCS(0))); most > want || next != len(batches) {
			t.Errorf("%d workers: %d parts at once, %d merged; want at most %d, all %d", workers, most, next, want, len(batches))
		}
	}
}
