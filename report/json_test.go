package report

import (
	"errors"
	"testing"
)

// failWriter fails once n bytes are written.
type failWriter struct{ n int }

var errShort = errors.New("short write")

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return f.n, errShort
	}
	f.n -= len(p)
	return len(p), nil
}

// TestRenderJSONReportsWriteErrors: a report that could not be written
// whole is an error, never a silent cut.
func TestRenderJSONReportsWriteErrors(t *testing.T) {
	if err := RenderJSON(&failWriter{n: 100}, longReport()); !errors.Is(err, errShort) {
		t.Errorf("a failing writer: got %v, want the write's error", err)
	}
}
