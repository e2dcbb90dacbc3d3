package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/analyzer"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestProgressOnlyAfterTheDelay(t *testing.T) {
	var buf bytes.Buffer
	clock := &fakeClock{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newProgressAt(&buf, clock.now)
	p.update(analyzer.Progress{Done: 1, Inputs: 10, Read: 1 << 20, Bytes: 600 << 20, Requests: 5})
	if buf.Len() != 0 {
		t.Fatalf("printed %q before %v", buf.String(), progressDelay)
	}
	clock.t = clock.t.Add(4 * time.Second)
	// 312 MiB of 600 in 4 s: 78 MiB/s.
	p.update(analyzer.Progress{Done: 5, Inputs: 10, Read: 312 << 20, Bytes: 600 << 20, Requests: 1_800_000})
	p.update(analyzer.Progress{Done: 6, Inputs: 10, Read: 400 << 20, Bytes: 600 << 20, Requests: 1_900_000}) // same instant: paced out
	if got, want := buf.String(), "\rerrpat: 312 of 600 MiB, 1.8 M requests, 78 MiB/s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	clock.t = clock.t.Add(time.Second)
	buf.Reset()
	p.update(analyzer.Progress{Done: 10, Inputs: 10, Read: 5 << 20, Bytes: 600 << 20, Requests: 7}) // a shorter line
	line := "errpat: 5.0 of 600 MiB, 7 requests, 1.0 MiB/s"
	if got, want := buf.String(), "\r"+line+strings.Repeat(" ", len("errpat: 312 of 600 MiB, 1.8 M requests, 78 MiB/s")-len(line)); got != want {
		t.Errorf("a shorter line: got %q, want %q (padded over the longer one)", got, want)
	}
	buf.Reset()
	p.done()
	if got, want := buf.String(), "\r"+strings.Repeat(" ", len(line))+"\r"; got != want {
		t.Errorf("done left %q, want %q", got, want)
	}
	var none *progress // not a terminal
	none.update(analyzer.Progress{})
	none.run()
	none.done()
}

// TestProgressOfStandardInput: standard input's bytes count as they are
// read, without a total.
func TestProgressOfStandardInput(t *testing.T) {
	var buf bytes.Buffer
	clock := &fakeClock{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newProgressAt(&buf, clock.now)
	in := p.countStdin(strings.NewReader(strings.Repeat("x", 3<<20)))
	if _, err := in.Read(make([]byte, 2<<20)); err != nil {
		t.Fatal(err)
	}
	clock.t = clock.t.Add(2 * time.Second)
	p.tick()
	if got, want := buf.String(), "\rerrpat: 2.0 MiB of standard input, 0 requests, 1.0 MiB/s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	buf.Reset()
	p.say(&buf, "errpat: a problem")
	if got, want := buf.String(), "\r"+strings.Repeat(" ", len("errpat: 2.0 MiB of standard input, 0 requests, 1.0 MiB/s"))+"\rerrpat: a problem\n"; got != want {
		t.Errorf("a message: got %q, want %q (the line cleared first)", got, want)
	}
}

// TestProgressOnlyOnATerminal: no line when standard error is a file, a
// buffer or the null device; no note when standard input is not a
// terminal.
func TestProgressOnlyOnATerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []any{&bytes.Buffer{}, null, f} {
		if isTerminalFile(w) {
			t.Errorf("%T %v: got a terminal, want none", w, w)
		}
	}
	t.Setenv("NO_COLOR", "1")
	if newProgress(&bytes.Buffer{}) != nil {
		t.Error("got a progress line on a buffer, want none")
	}
	var errOut bytes.Buffer
	noteTerminalStdin(null, true, &errOut)
	if errOut.Len() != 0 {
		t.Errorf("standard input from the null device: got note %q, want none", errOut.String())
	}
}

// TestProgressTickerLeavesNothing: with the ticker drawing, done stops
// it before the line is cleared, so that no line is left behind.
func TestProgressTickerLeavesNothing(t *testing.T) {
	var buf bytes.Buffer
	clock := &fakeClock{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	tick := func() time.Time { clock.t = clock.t.Add(time.Second); return clock.t } // called under the lock
	p := newProgressAt(&buf, tick)
	p.run()
	in := p.countStdin(strings.NewReader(strings.Repeat("x", 1<<20)))
	for range 4 {
		if _, err := in.Read(make([]byte, 1<<18)); err != nil {
			t.Fatal(err)
		}
		p.update(analyzer.Progress{Inputs: 1})
	}
	time.Sleep(2 * progressEvery) // the ticker's turn
	p.done()
	out := buf.String()
	last := strings.LastIndex(out, "\rerrpat: ")
	if last < 0 || !strings.HasSuffix(out, "\r"+strings.Repeat(" ", len(out[last+1:strings.LastIndex(out[:len(out)-1], "\r")]))+"\r") {
		t.Errorf("got %q, want lines ending with one cleared", out)
	}
}
