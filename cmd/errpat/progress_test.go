package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressOnlyAfterTheDelay(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progress{w: &buf, start: clock, now: func() time.Time { return clock }}
	p.update(1, 10, 5)
	if buf.Len() != 0 {
		t.Fatalf("printed %q before %v", buf.String(), progressDelay)
	}
	clock = clock.Add(3 * time.Second)
	p.update(2, 10, 7)
	p.update(3, 10, 9) // same instant: paced out
	if got := buf.String(); !strings.Contains(got, "2 of 10 inputs read, 7 records") || strings.Contains(got, "3 of 10") {
		t.Errorf("got %q, want one line for 2 of 10", got)
	}
	p.clear()
	if !strings.HasSuffix(buf.String(), "\r\x1b[K") {
		t.Errorf("clear left %q", buf.String())
	}
	var none *progress // not a terminal
	none.update(1, 1, 1)
	none.clear()
}
