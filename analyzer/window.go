package analyzer

import (
	"time"

	"github.com/errpat/errpat/parsers"
)

// PreviousWindow returns the window of the same length that ends where
// [since, until) begins. A window of whole days in loc steps back by
// calendar days, so that the day before a daylight-saving change is a
// whole day too (23 or 25 hours); any other window steps back by its
// length.
func PreviousWindow(since, until time.Time, loc *time.Location) (time.Time, time.Time) {
	if days, ok := wholeDays(since, until, loc); ok {
		s := since.In(loc)
		return time.Date(s.Year(), s.Month(), s.Day()-days, 0, 0, 0, 0, loc), since
	}
	return since.Add(-until.Sub(since)), since
}

// wholeDays tells how many calendar days [since, until) spans when both
// ends are midnights in loc.
func wholeDays(since, until time.Time, loc *time.Location) (int, bool) {
	s, u := since.In(loc), until.In(loc)
	if !isMidnight(s) || !isMidnight(u) {
		return 0, false
	}
	days := 0
	for d := s; d.Before(u); d = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc) {
		days++
	}
	return days, days > 0
}

func isMidnight(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

// newPrevious returns the aggregate of the window compared with, or nil.
func newPrevious(cfg *Config) *Aggregate {
	if cfg.Previous == nil {
		return nil
	}
	return New(cfg.Previous)
}

// addPrevious counts a record outside the window in the window compared
// with, when it falls there.
func (a *Aggregate) addPrevious(r *parsers.Record) {
	if a.prev != nil && a.prev.InWindow(r.Time) {
		a.prev.Add(r)
	}
}
