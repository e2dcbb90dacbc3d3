package analyzer

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// WhenForms names the forms ParseWhen reads, for a message that names
// the valid values.
const WhenForms = "an RFC 3339 time such as 2025-01-13T09:00:00Z, a date such as 2025-01-13, " +
	"a duration back from now such as 24h, 7d or 90m, or today, yesterday, this-week, last-week"

// Window is the period [Since, Until); a zero end is open, and an
// instant is a window whose ends are equal.
type Window struct{ Since, Until time.Time }

// Previous returns the window of the same length that ends where w
// begins (see PreviousWindow).
func (w Window) Previous(loc *time.Location) Window {
	since, until := PreviousWindow(w.Since, w.Until, loc)
	return Window{since, until}
}

// Span is the window between since and until as a person gives them
// (each one of WhenForms, "" for an open end). A since that names a
// period (a date, today, last-week…) with no until covers that whole
// period: since yesterday is all of yesterday. It fails with a
// *WhenError on an end it cannot read, or on a window whose start is
// not before its end.
func Span(since, until string, now time.Time, loc *time.Location) (Window, error) {
	var w, from Window
	if since != "" {
		var ok bool
		if from, ok = ParseWhen(since, now, loc); !ok {
			return Window{}, &WhenError{End: "since", Value: since}
		}
		w.Since = from.Since
	}
	switch {
	case until != "":
		to, ok := ParseWhen(until, now, loc)
		if !ok {
			return Window{}, &WhenError{End: "until", Value: until}
		}
		w.Until = to.Until
	case from.Until.After(from.Since):
		w.Until = from.Until
	}
	if !w.Since.IsZero() && !w.Until.IsZero() && !w.Since.Before(w.Until) {
		return Window{}, &WhenError{Empty: Window{w.Since.In(loc), w.Until.In(loc)}}
	}
	return w, nil
}

// WhenError is an end of a window that Span cannot read, or a window
// that is empty.
type WhenError struct {
	End, Value string // "since" or "until", and its value as given
	Empty      Window // set when the start is not before the end (in the zone given)
}

func (e *WhenError) Error() string {
	if e.End == "" {
		return fmt.Sprintf("empty window: since %s is not before until %s",
			e.Empty.Since.Format(time.RFC3339), e.Empty.Until.Format(time.RFC3339))
	}
	return fmt.Sprintf("invalid %s %q (want %s)", e.End, e.Value, WhenForms)
}

// localLayouts are the date-and-time forms read in the report's zone.
var localLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"}

// ParseWhen reads a time as a person names it (one of WhenForms), with
// now as the clock that durations and words count from and loc the zone
// of dates, words and times without an offset, as the period it names:
// a date or a word is a whole day or week, any other form an instant.
func ParseWhen(s string, now time.Time, loc *time.Location) (Window, bool) {
	s = strings.TrimSpace(s)
	if w, ok := namedPeriod(strings.ToLower(s), now.In(loc)); ok {
		return w, true
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return Window{t, addDays(t, 1)}, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return Window{t, t}, true
	}
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return Window{t, t}, true
		}
	}
	if t, ok := backFrom(s, now, loc); ok {
		return Window{t, t}, true
	}
	return Window{}, false
}

// namedPeriod reads the words; weeks start on Monday.
func namedPeriod(word string, now time.Time) (Window, bool) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	monday := addDays(today, -((int(today.Weekday()) + 6) % 7))
	switch word {
	case "today":
		return Window{today, addDays(today, 1)}, true
	case "yesterday":
		return Window{addDays(today, -1), today}, true
	case "this-week":
		return Window{monday, addDays(monday, 7)}, true
	case "last-week":
		return Window{addDays(monday, -7), monday}, true
	}
	return Window{}, false
}

// backFrom reads a duration back from now: Go's (90m, 1h30m) or whole
// days and weeks (7d, 2w), which count calendar days in loc.
func backFrom(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	if n := len(s); n > 1 && (s[n-1] == 'd' || s[n-1] == 'w') {
		k, err := strconv.Atoi(s[:n-1])
		if err != nil || k <= 0 {
			return time.Time{}, false
		}
		if s[n-1] == 'w' {
			k *= 7
		}
		return addDays(now.In(loc), -k), true
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return time.Time{}, false
	}
	return now.Add(-d), true
}

// addDays moves by calendar days on t's clock.
func addDays(t time.Time, n int) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day()+n, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

// ParseBand reads a band of hours of the day: "09-18", "9-18",
// "09:00-18:00" or "22-06", which wraps past midnight; the two hours
// differ.
func ParseBand(s string) (Band, bool) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return Band{}, false
	}
	f, okF := parseHour(from)
	t, okT := parseHour(to)
	if !okF || !okT || f == 24 || f == t%24 {
		return Band{}, false
	}
	return Band{From: f, To: t % 24}, true
}

// parseHour reads "9", "09" or "09:00" (0 to 24).
func parseHour(s string) (int, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), ":00")
	h, err := strconv.Atoi(s)
	return h, err == nil && h >= 0 && h <= 24 && len(s) <= 2
}
