package report

import (
	"bufio"
	"encoding/json"
	"io"
	"time"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
)

// Event is one request in the normalized form that `errpat events` writes
// as a JSON line for other tools: the same folding, classing, grouping and
// masking as the report's. It is a contract like the report's JSON: keys
// are only added, never renamed. Text fields are "" when the input has no
// value; Time and Seconds are null when unknown.
type Event struct {
	Time      *string        `json:"time"`
	Source    string         `json:"source"`
	Line      int            `json:"line"`
	Run       string         `json:"run"`
	Test      string         `json:"test"`
	Method    string         `json:"method"`
	Endpoint  string         `json:"endpoint"`
	Path      string         `json:"path"`
	Status    int            `json:"status"`
	Failed    bool           `json:"failed"`
	Class     analyzer.Class `json:"class"`
	ErrorCode string         `json:"error_code"`
	Pattern   string         `json:"pattern"`
	Message   string         `json:"message"`
	Seconds   *float64       `json:"seconds"`
	Skipped   bool           `json:"skipped,omitempty"` // a test that did not run (only then present)
}

// NewEvent normalizes one record: times in loc (RFC 3339, milliseconds
// when present), the endpoint folded to its pattern, the failure message
// keyed by analyzer.PatternKey exactly as the aggregate keys it (the
// report's templates may join several keys: they are learned over all of
// them), and every text passed through mask (nil: kept as is).
func NewEvent(r *parsers.Record, loc *time.Location, mask func(string) string) Event {
	if mask == nil {
		mask = func(s string) string { return s }
	}
	e := Event{
		Source: r.Source, Line: r.Line, Run: mask(r.Run), Test: mask(r.Test), Method: r.Method,
		Endpoint: mask(analyzer.FoldEndpoint(r.Endpoint)), Path: mask(r.Endpoint), Status: r.Status, Failed: r.Failed,
		Class: analyzer.Classify(r), ErrorCode: mask(r.ErrorCode), Message: mask(r.Message), Skipped: r.Skipped,
	}
	e.Time = stamp(r.Time, loc)
	if r.HasSeconds {
		s := r.Seconds
		e.Seconds = &s
	}
	if r.Failed {
		e.Pattern = analyzer.PatternKey(r.Message, mask)
	}
	return e
}

// EventWriter streams events as JSON lines through a buffer; after the
// first write error it drops the rest and keeps the error, which Flush
// returns.
type EventWriter struct {
	buf  *bufio.Writer
	enc  *json.Encoder
	loc  *time.Location
	mask func(string) string
	err  error
}

// NewEventWriter writes to w the events of records, times in loc, texts
// through mask.
func NewEventWriter(w io.Writer, loc *time.Location, mask func(string) string) *EventWriter {
	buf := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return &EventWriter{buf: buf, enc: enc, loc: loc, mask: mask}
}

// Write writes the event of one record.
func (e *EventWriter) Write(r *parsers.Record) {
	if e.err != nil {
		return
	}
	e.err = e.enc.Encode(NewEvent(r, e.loc, e.mask))
}

// Flush writes what is buffered, and returns the first error met.
func (e *EventWriter) Flush() error {
	if e.err != nil {
		return e.err
	}
	return e.buf.Flush()
}
