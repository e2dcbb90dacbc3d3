package report

import (
	"bytes"
	"strings"
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

// fakeClock is a clock that moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestProgressOnlyAfterTheDelay(t *testing.T) {
	var buf bytes.Buffer
	clock := &fakeClock{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := NewProgress(&buf, clock.now)
	p.Update(analyzer.Progress{Done: 1, Inputs: 10, Read: 1 << 20, Bytes: 600 << 20, Requests: 5})
	if buf.Len() != 0 {
		t.Fatalf("printed %q before %v", buf.String(), progressDelay)
	}
	clock.t = clock.t.Add(4 * time.Second)
	// 312 MiB of 600 in 4 s: 78 MiB/s.
	p.Update(analyzer.Progress{Done: 5, Inputs: 10, Read: 312 << 20, Bytes: 600 << 20, Requests: 1_800_000})
	p.Update(analyzer.Progress{Done: 6, Inputs: 10, Read: 400 << 20, Bytes: 600 << 20, Requests: 1_900_000}) // same instant: paced out
	if got, want := buf.String(), "\rerrpat: 312 of 600 MiB, 1.8 M requests, 78 MiB/s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	clock.t = clock.t.Add(time.Second)
	buf.Reset()
	p.Update(analyzer.Progress{Done: 10, Inputs: 10, Read: 5 << 20, Bytes: 600 << 20, Requests: 7}) // a shorter line
	line := "errpat: 5.0 of 600 MiB, 7 requests, 1.0 MiB/s"
	if got, want := buf.String(), "\r"+line+strings.Repeat(" ", len("errpat: 312 of 600 MiB, 1.8 M requests, 78 MiB/s")-len(line)); got != want {
		t.Errorf("a shorter line: got %q, want %q (padded over the longer one)", got, want)
	}
	buf.Reset()
	p.Stop()
	if got, want := buf.String(), "\r"+strings.Repeat(" ", len(line))+"\r"; got != want {
		t.Errorf("done left %q, want %q", got, want)
	}
	var none *Progress // not a terminal
	none.Update(analyzer.Progress{})
	none.Start()
	none.Stop()
}

// TestProgressOfStandardInput: standard input's bytes count as they are
// read, without a total.
func TestProgressOfStandardInput(t *testing.T) {
	var buf bytes.Buffer
	clock := &fakeClock{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := NewProgress(&buf, clock.now)
	in := p.CountStdin(strings.NewReader(strings.Repeat("x", 3<<20)))
	if _, err := in.Read(make([]byte, 2<<20)); err != nil {
		t.Fatal(err)
	}
	clock.t = clock.t.Add(2 * time.Second)
	p.tick()
	if got, want := buf.String(), "\rerrpat: 2.0 MiB of standard input, 0 requests, 1.0 MiB/s"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	buf.Reset()
	p.Say(&buf, "errpat: a problem")
	if got, want := buf.String(), "\r"+strings.Repeat(" ", len("errpat: 2.0 MiB of standard input, 0 requests, 1.0 MiB/s"))+"\rerrpat: a problem\n"; got != want {
		t.Errorf("a message: got %q, want %q (the line cleared first)", got, want)
	}
}

// TestProgressTickerLeavesNothing: with the ticker drawing, done stops
// it before the line is cleared, so that no line is left behind.
func TestProgressTickerLeavesNothing(t *testing.T) {
	var buf bytes.Buffer
	clock := &fakeClock{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	tick := func() time.Time { clock.t = clock.t.Add(time.Second); return clock.t } // called under the lock
	p := NewProgress(&buf, tick)
	p.Start()
	in := p.CountStdin(strings.NewReader(strings.Repeat("x", 1<<20)))
	for range 4 {
		if _, err := in.Read(make([]byte, 1<<18)); err != nil {
			t.Fatal(err)
		}
		p.Update(analyzer.Progress{Inputs: 1})
	}
	time.Sleep(2 * progressEvery) // the ticker's turn
	p.Stop()
	out := buf.String()
	last := strings.LastIndex(out, "\rerrpat: ")
	if last < 0 || !strings.HasSuffix(out, "\r"+strings.Repeat(" ", len(out[last+1:strings.LastIndex(out[:len(out)-1], "\r")]))+"\r") {
		t.Errorf("got %q, want lines ending with one cleared", out)
	}
}
