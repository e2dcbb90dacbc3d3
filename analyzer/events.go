package analyzer

import (
	"time"

	"github.com/errpat/errpat/parsers"
)

// Event is one request in the normalized form that `errpat events` writes
// as a JSON line for other tools: the same folding, classing, grouping and
// masking as the report's. It is a contract like the report's JSON: keys
// are only added, never renamed. Text fields are "" when the input has no
// value; Time and Seconds are null when unknown.
type Event struct {
	Time      *string  `json:"time"`
	Source    string   `json:"source"`
	Line      int      `json:"line"`
	Run       string   `json:"run"`
	Test      string   `json:"test"`
	Method    string   `json:"method"`
	Endpoint  string   `json:"endpoint"`
	Path      string   `json:"path"`
	Status    int      `json:"status"`
	Failed    bool     `json:"failed"`
	Class     Class    `json:"class"`
	ErrorCode string   `json:"error_code"`
	Pattern   string   `json:"pattern"`
	Message   string   `json:"message"`
	Seconds   *float64 `json:"seconds"`
	Skipped   bool     `json:"skipped,omitempty"` // a test that did not run (only then present)
}

// NewEvent normalizes one record: times in loc (RFC 3339, milliseconds
// when present), the endpoint folded to its pattern, the failure message
// keyed by Pattern exactly as the aggregate keys it (the report's
// templates may join several keys: they are learned over all of them),
// and every text passed through mask (nil: kept as is).
func NewEvent(r *parsers.Record, loc *time.Location, mask func(string) string) Event {
	if mask == nil {
		mask = func(s string) string { return s }
	}
	path := mask(r.Endpoint)
	e := Event{
		Source: r.Source, Line: r.Line, Run: mask(r.Run), Test: mask(r.Test), Method: r.Method,
		Endpoint: mask(FoldEndpoint(r.Endpoint)), Path: path, Status: r.Status, Failed: r.Failed,
		Class: Classify(r), ErrorCode: mask(r.ErrorCode), Message: mask(r.Message), Skipped: r.Skipped,
	}
	if !r.Time.IsZero() {
		s := r.Time.In(loc).Format("2006-01-02T15:04:05.999Z07:00")
		e.Time = &s
	}
	if r.HasSeconds {
		s := r.Seconds
		e.Seconds = &s
	}
	if r.Failed {
		e.Pattern = PatternKey(r.Message, mask)
	}
	return e
}

// PatternKey is the key under which the aggregate counts a failure
// message (see PatternCount.Keys): the masked message, or "(no message)",
// through Pattern.
func PatternKey(msg string, mask func(string) string) string {
	if msg == "" {
		msg = noMessage
	}
	if mask != nil {
		msg = mask(msg)
	}
	return Pattern(msg)
}

// noMessage stands for a failure without a message, as in addPattern.
const noMessage = "(no message)"
