package main

import (
	"fmt"
	"io"
	"time"
)

// progress shows, on a terminal, how far a run that takes more than a
// couple of seconds has got; it rewrites one line and leaves nothing
// behind. It is nil, and silent, when standard error is not a terminal.
type progress struct {
	w           io.Writer
	start, last time.Time
	shown       bool
	now         func() time.Time
}

// progressDelay and progressEvery pace the line: none for short runs,
// then a few updates a second.
const (
	progressDelay = 2 * time.Second
	progressEvery = 250 * time.Millisecond
)

func newProgress(w io.Writer) *progress {
	if !isTerminal(w) {
		return nil
	}
	return &progress{w: w, start: time.Now(), now: time.Now}
}

// update is told after each input is merged.
func (p *progress) update(done, total, records int) {
	if p == nil {
		return
	}
	now := p.now()
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < progressEvery {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprintf(p.w, "\r\x1b[Kerrpat: %d of %d inputs read, %d records", done, total, records)
}

// clear removes the line, before a message or at the end.
func (p *progress) clear() {
	if p == nil || !p.shown {
		return
	}
	p.shown = false
	fmt.Fprint(p.w, "\r\x1b[K")
}
