package report

import "time"

// The report's times. The JSON report, the events and the patterns carry
// stamps (RFC 3339 in the report's zone, milliseconds when the time has
// them); the text, Markdown, HTML and mail renderers read those stamps
// back and write them for readers, to the second where a time is one
// event's and to the minute in sentences.
const (
	stampLayout  = "2006-01-02T15:04:05.999Z07:00"
	secondLayout = "2006-01-02 15:04:05"
	minuteLayout = "2006-01-02 15:04"
	dayLayout    = "2006-01-02"
	clockLayout  = "15:04"
)

// stamp formats a time in RFC 3339 in loc, with milliseconds when it has
// them; nil for the zero time.
func stamp(t time.Time, loc *time.Location) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(loc).Format(stampLayout)
	return &s
}

// when writes an RFC 3339 time in readers' format: 2025-01-14 22:24:57.
func when(s *string) string {
	if s == nil || *s == "" {
		return "-"
	}
	t, err := time.Parse(time.RFC3339, *s)
	if err != nil {
		return *s
	}
	return t.Format(secondLayout)
}

// clock formats a time for a sentence: minutes, in loc.
func clock(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(loc).Format(minuteLayout)
}

// dayAndClock splits a stamp into its day and its minute; an open end
// is "…".
func dayAndClock(s *string) (day, clock string) {
	if s == nil {
		return "", "…"
	}
	t, err := time.Parse(time.RFC3339, *s)
	if err != nil {
		return "", *s
	}
	return t.Format(dayLayout), t.Format(clockLayout)
}

// parseStamp reads the first of the stamps that is set.
func parseStamp(stamps ...*string) time.Time {
	for _, s := range stamps {
		if s == nil {
			continue
		}
		if t, err := time.Parse(time.RFC3339, *s); err == nil {
			return t
		}
	}
	return time.Time{}
}
