package analyzer

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// now is a Wednesday morning in Kolkata.
var (
	kolkata = time.FixedZone("IST", 5*3600+1800)
	now     = time.Date(2025, 1, 15, 10, 30, 0, 0, kolkata)
)

func at(d, h, m int) time.Time { return time.Date(2025, 1, d, h, m, 0, 0, kolkata) }

func TestParseWhen(t *testing.T) {
	tests := []struct {
		in         string
		start, end time.Time
	}{
		{"today", at(15, 0, 0), at(16, 0, 0)},
		{"yesterday", at(14, 0, 0), at(15, 0, 0)},
		{"this-week", at(13, 0, 0), at(20, 0, 0)}, // Monday to Monday
		{"last-week", at(6, 0, 0), at(13, 0, 0)},
		{"Yesterday", at(14, 0, 0), at(15, 0, 0)},
		{"2025-01-10", at(10, 0, 0), at(11, 0, 0)},
		{"2025-01-10T09:00:00Z", at(10, 14, 30), at(10, 14, 30)},
		{"2025-01-10T09:00:00+05:30", at(10, 9, 0), at(10, 9, 0)},
		{"2025-01-10 09:15", at(10, 9, 15), at(10, 9, 15)},
		{"2025-01-10T09:15:00", at(10, 9, 15), at(10, 9, 15)},
		{"24h", at(14, 10, 30), at(14, 10, 30)},
		{"90m", at(15, 9, 0), at(15, 9, 0)},
		{"7d", at(8, 10, 30), at(8, 10, 30)},
		{"2w", at(1, 10, 30), at(1, 10, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			w, ok := ParseWhen(tt.in, now, kolkata)
			if !ok || !w.Since.Equal(tt.start) || !w.Until.Equal(tt.end) {
				t.Errorf("got %s, %s, %v; want %s, %s", w.Since, w.Until, ok, tt.start, tt.end)
			}
		})
	}
	for _, bad := range []string{"", "tomorrow", "0d", "-3h", "3x", "2025-13-01", "d", "1.5d", "last week"} {
		if w, ok := ParseWhen(bad, now, kolkata); ok {
			t.Errorf("%q: got %s, want invalid", bad, w.Since)
		}
	}
}

func TestParseBand(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Band
	}{
		{"09-18", Band{From: 9, To: 18}},
		{"9-18", Band{From: 9, To: 18}},
		{"09:00-18:00", Band{From: 9, To: 18}},
		{"22-06", Band{From: 22, To: 6}},
		{"18-24", Band{From: 18, To: 0}},
	} {
		if got, ok := ParseBand(tt.in); !ok || got != tt.want {
			t.Errorf("%q: got %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"9", "00-24", "09-25", "09:30-18:00", "24-06", "06-06", "-", "a-b", "009-18"} {
		if got, ok := ParseBand(bad); ok {
			t.Errorf("%q: got %v, want invalid", bad, got)
		}
	}
}

func TestSpan(t *testing.T) {
	tests := []struct {
		since, until string
		want         Window
	}{
		{"", "", Window{}},
		{"yesterday", "", Window{at(14, 0, 0), at(15, 0, 0)}},            // a period alone: all of it
		{"24h", "", Window{now.Add(-24 * time.Hour), time.Time{}}},       // an instant: open after it
		{"2025-01-13", "2025-01-14", Window{at(13, 0, 0), at(15, 0, 0)}}, // until a date: to its end
		{"", "2025-01-14", Window{time.Time{}, at(15, 0, 0)}},
		{"2025-01-13 09:00", "today", Window{at(13, 9, 0), at(16, 0, 0)}},
	}
	for _, tt := range tests {
		got, err := Span(tt.since, tt.until, now, kolkata)
		if err != nil || !got.Since.Equal(tt.want.Since) || !got.Until.Equal(tt.want.Until) {
			t.Errorf("Span(%q, %q): got %v, %v; want %v", tt.since, tt.until, got, err, tt.want)
		}
	}
}

func TestSpanErrors(t *testing.T) {
	tests := []struct {
		since, until string
		want         string
	}{
		{"soon", "", `invalid since "soon" (want an RFC 3339 time`},
		{"today", "later", `invalid until "later" (want`},
		{"today", "yesterday", "empty window: since 2025-01-15T00:00:00+05:30 is not before until 2025-01-15T00:00:00+05:30"},
	}
	for _, tt := range tests {
		_, err := Span(tt.since, tt.until, now, kolkata)
		var we *WhenError
		if !errors.As(err, &we) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Span(%q, %q): got %v, want a *WhenError starting %q", tt.since, tt.until, err, tt.want)
		}
	}
}
