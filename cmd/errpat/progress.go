package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// progress shows, on a terminal, how far a run that takes more than a
// couple of seconds has got: bytes read of the inputs' size, requests
// counted and the rate (`312 of 600 MiB, 1.8 M requests, 110 MiB/s`);
// for standard input, whose size is unknown, the bytes read so far. It
// rewrites one line, with no escape sequence (dumb terminals and
// NO_COLOR are fine), and leaves nothing behind. It is nil, and silent,
// when standard error is not a terminal.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time

	mu    sync.Mutex // one writer of w at a time: the ticker and messages
	state analyzer.Progress
	last  time.Time
	shown int // runes of the line on screen, 0: none

	stdin   atomic.Int64  // bytes read from standard input
	stop    chan struct{} // closed by done
	stopped chan struct{} // closed by the ticker when it has stopped
}

// progressDelay and progressEvery pace the line: none for short runs,
// then a few updates a second.
const (
	progressDelay = 2 * time.Second
	progressEvery = 250 * time.Millisecond
)

// newProgress is the progress line of stderr, nil when it is no
// terminal; run starts its clock.
func newProgress(stderr io.Writer) *progress {
	if !isTerminalFile(stderr) {
		return nil
	}
	return newProgressAt(stderr, time.Now)
}

func newProgressAt(w io.Writer, now func() time.Time) *progress {
	return &progress{w: w, now: now, start: now()}
}

// isTerminalFile tells whether v is a terminal, whatever NO_COLOR says:
// a character device other than the null device (cron's standard input).
func isTerminalFile(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(fi, null)
}

// run redraws the line every progressEvery until done is called: reading
// standard input merges nothing until its end.
func (p *progress) run() {
	if p == nil {
		return
	}
	p.stop, p.stopped = make(chan struct{}), make(chan struct{})
	go func() {
		t := time.NewTicker(progressEvery)
		defer close(p.stopped)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.tick()
			}
		}
	}()
}

// done stops the redrawing and removes the line.
func (p *progress) done() {
	if p == nil {
		return
	}
	if p.stop != nil {
		close(p.stop)
		<-p.stopped // no line drawn after it is cleared
		p.stop = nil
	}
	p.clear()
}

// update is told after each input is merged.
func (p *progress) update(s analyzer.Progress) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.state = s
	p.mu.Unlock()
	p.tick()
}

// tick draws the line when it is due.
func (p *progress) tick() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < progressEvery {
		return
	}
	p.last = now
	line := "errpat: " + p.line(now)
	pad := max(p.shown-len([]rune(line)), 0)
	fmt.Fprint(p.w, "\r"+line+strings.Repeat(" ", pad))
	p.shown = len([]rune(line))
}

// line is what the progress line says at now.
func (p *progress) line(now time.Time) string {
	return report.ProgressLine(p.state, p.stdin.Load(), now.Sub(p.start))
}

// clear removes the line, before a message or at the end.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown > 0 {
		fmt.Fprint(p.w, "\r"+strings.Repeat(" ", p.shown)+"\r")
		p.shown = 0
	}
}

// say prints a message line on w, which is stderr, without the progress
// line getting in its way.
func (p *progress) say(w io.Writer, msg string) {
	if p == nil {
		fmt.Fprintln(w, msg)
		return
	}
	p.clear()
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(w, msg)
}

// countStdin counts the bytes read through r into the progress line.
func (p *progress) countStdin(r io.Reader) io.Reader {
	if p == nil {
		return r
	}
	return countingReader{r: r, n: &p.stdin}
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	return n, err
}

// noteTerminalStdin tells, when - reads a terminal, that errpat waits
// for the user's lines: otherwise it only seems to hang.
func noteTerminalStdin(stdin io.Reader, readsStdin bool, stderr io.Writer) {
	if readsStdin && isTerminalFile(stdin) {
		fmt.Fprintln(stderr, "errpat: reading from the terminal; end with Ctrl-D")
	}
}

// readsStdin tells whether standard input is among the inputs.
func readsStdin(inputs []parsers.Input) bool {
	return slices.ContainsFunc(inputs, func(in parsers.Input) bool { return in.Stdin })
}
