package report

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
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

// Progress shows, on a terminal, how far a run that takes more than a
// couple of seconds has got (see ProgressLine); for standard input,
// whose size is unknown, the bytes read so far. It rewrites one line,
// with no escape sequence (dumb terminals and NO_COLOR are fine), and
// leaves nothing behind. A nil *Progress is silent: the command gives
// none when standard error is not a terminal.
type Progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time

	mu    sync.Mutex // one writer of w at a time: the ticker and messages
	state analyzer.Progress
	last  time.Time
	shown int // runes of the line on screen, 0: none

	stdin   atomic.Int64  // bytes read from standard input
	stop    chan struct{} // closed by Stop
	stopped chan struct{} // closed by the ticker when it has stopped
}

// progressDelay and progressEvery pace the line: none for short runs,
// then a few updates a second.
const (
	progressDelay = 2 * time.Second
	progressEvery = 250 * time.Millisecond
)

// NewProgress is the progress line of w, a terminal, with now its clock,
// which starts at once.
func NewProgress(w io.Writer, now func() time.Time) *Progress {
	return &Progress{w: w, now: now, start: now()}
}

// Start redraws the line every progressEvery until Stop is called: reading
// standard input merges nothing until its end.
func (p *Progress) Start() {
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

// Stop stops the redrawing and removes the line.
func (p *Progress) Stop() {
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

// Update is told after each input is merged.
func (p *Progress) Update(s analyzer.Progress) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.state = s
	p.mu.Unlock()
	p.tick()
}

// tick draws the line when it is due.
func (p *Progress) tick() {
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
func (p *Progress) line(now time.Time) string {
	return ProgressLine(p.state, p.stdin.Load(), now.Sub(p.start))
}

// clear removes the line, before a message or at the end.
func (p *Progress) clear() {
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

// Say prints a message line on w, which is stderr, without the progress
// line getting in its way.
func (p *Progress) Say(w io.Writer, msg string) {
	if p == nil {
		fmt.Fprintln(w, msg)
		return
	}
	p.clear()
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(w, msg)
}

// CountStdin counts the bytes read through r into the progress line.
func (p *Progress) CountStdin(r io.Reader) io.Reader {
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
