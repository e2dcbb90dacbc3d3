package parsers

import (
	"bufio"
	"bytes"
	"io"
	"math/rand"
	"strings"
	"testing"
	"testing/iotest"
)

// TestLineReader checks the lines read against the text split by hand:
// each line whole (or cut at max), without its "\n" or "\r\n", numbered,
// with its escape sequences told, whatever the reads' sizes.
func TestLineReader(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"a", "bc", " - ", "\x1b[31m", "\r", "\n", "\r\n", strings.Repeat("x", 40), strings.Repeat("y", 300)}
	for i := range 300 {
		var b strings.Builder
		for range rng.Intn(60) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		text := b.String()
		maxLen := []int{16, 64, 100, 1024}[i%4]
		var r io.Reader = strings.NewReader(text)
		switch i % 3 {
		case 1:
			r = iotest.OneByteReader(r)
		case 2:
			r = iotest.HalfReader(r)
		}
		checkLines(t, text, maxLen, newLineReader(r, maxLen))
	}
}

func checkLines(t *testing.T, text string, maxLen int, lr *lineReader) {
	t.Helper()
	want := strings.SplitAfter(text, "\n")
	if want[len(want)-1] == "" {
		want = want[:len(want)-1]
	}
	for n, w := range want {
		got, err := lr.next()
		if err != nil {
			t.Fatalf("%q: line %d: got error %v, want a line", text, n+1, err)
		}
		full := len(w)
		line := strings.TrimSuffix(strings.TrimSuffix(w, "\n"), "\r")
		size := lr.br.Size()
		if full > size && len(line) > maxLen { // longer than the buffer: cut at max
			line = strings.TrimSuffix(line[:max(size, maxLen)], "\r")
			if wantCut := full-len("\n")*strings.Count(w, "\n") > maxLen; lr.cut != wantCut {
				t.Errorf("%q: line %d cut: got %v, want %v", text, n+1, lr.cut, wantCut)
			}
		}
		if string(got) != line || lr.n != n+1 || lr.full != full || lr.esc != bytes.ContainsRune(got, 0x1b) {
			t.Fatalf("%q: line %d: got %q (n %d, full %d, esc %v), want %q (n %d, full %d)",
				text, n+1, got, lr.n, lr.full, lr.esc, line, n+1, full)
		}
	}
	if got, err := lr.next(); err != io.EOF {
		t.Errorf("%q: after the last line: got %q, %v, want io.EOF", text, got, err)
	}
}

// TestLineReaderReadError stops at a read error, after the whole lines
// read before it, as bufio does.
func TestLineReaderReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader("one\ntwo\nthr"), iotest.ErrReader(io.ErrUnexpectedEOF))
	lr := newLineReader(bufio.NewReaderSize(r, 4096), 1024)
	for _, want := range []string{"one", "two"} {
		if got, err := lr.next(); string(got) != want || err != nil {
			t.Fatalf("got %q, %v, want %q, nil", got, err, want)
		}
	}
	if got, err := lr.next(); err != io.ErrUnexpectedEOF || got != nil {
		t.Errorf("got %q, %v, want nil, %v", got, err, io.ErrUnexpectedEOF)
	}
}
