package analyzer

import (
	"reflect"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

func TestBandContains(t *testing.T) {
	tests := []struct {
		band Band
		in   []int
		out  []int
	}{
		{Band{9, 18}, []int{9, 12, 17}, []int{0, 8, 18, 23}},
		{Band{22, 6}, []int{22, 23, 0, 5}, []int{6, 12, 21}},
		{Band{0, 0}, nil, []int{0, 12, 23}},
	}
	for _, tt := range tests {
		t.Run(tt.band.String(), func(t *testing.T) {
			for _, h := range tt.in {
				if !tt.band.Contains(h) {
					t.Errorf("hour %d: got outside, want inside", h)
				}
			}
			for _, h := range tt.out {
				if tt.band.Contains(h) {
					t.Errorf("hour %d: got inside, want outside", h)
				}
			}
		})
	}
}

// halfHourly returns a request every 30 minutes of the day that starts at
// midnight of date in loc, up to the next midnight.
func halfHourly(date time.Time, loc *time.Location) []*parsers.Record {
	start := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, loc)
	end := time.Date(date.Year(), date.Month(), date.Day()+1, 0, 0, 0, 0, loc)
	var out []*parsers.Record
	for t := start; t.Before(end); t = t.Add(30 * time.Minute) {
		out = append(out, &parsers.Record{Time: t, Source: "a.log", Status: 200})
	}
	return out
}

// TestHoursAcrossDaylightSaving checks that no hour is lost or counted
// twice on the days New York changes its clocks: hours are keyed by
// their absolute start, so the day has 23 or 25 of them.
func TestHoursAcrossDaylightSaving(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	tests := []struct {
		name       string
		date       time.Time
		hours      int
		hourOne    int // requests in the hour-of-day bucket 01
		hourTwo    int // and 02
		wantLabels []string
	}{
		// 02:00 EST becomes 03:00 EDT: there is no 02:00
		{"spring forward", time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC), 23, 2, 0,
			[]string{"2025-03-09T01:00:00-05:00", "2025-03-09T03:00:00-04:00"}},
		// 02:00 EDT becomes 01:00 EST: 01:00 comes twice
		{"fall back", time.Date(2025, 11, 2, 0, 0, 0, 0, time.UTC), 25, 4, 2,
			[]string{"2025-11-02T01:00:00-04:00", "2025-11-02T01:00:00-05:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := halfHourly(tt.date, ny)
			a := New(&Config{Location: ny})
			for _, r := range recs {
				a.Add(r)
			}
			res := a.Result()
			if len(res.ByHour) != tt.hours {
				t.Fatalf("got %d hours, want %d", len(res.ByHour), tt.hours)
			}
			total := 0
			for _, h := range res.ByHour {
				total += h.Requests
				if h.Requests != 2 {
					t.Errorf("hour %s: got %d requests, want 2", h.Hour.Format(time.RFC3339), h.Requests)
				}
			}
			if total != len(recs) {
				t.Errorf("got %d requests in the hours, want %d", total, len(recs))
			}
			var labels []string
			for _, h := range res.ByHour[1:3] {
				labels = append(labels, h.Hour.Format(time.RFC3339))
			}
			if !reflect.DeepEqual(labels, tt.wantLabels) {
				t.Errorf("second and third hours: got %v, want %v", labels, tt.wantLabels)
			}
			if got := res.ByHourOfDay; got[1].Requests != tt.hourOne || got[2].Requests != tt.hourTwo {
				t.Errorf("hour of day 01, 02: got %d, %d, want %d, %d", got[1].Requests, got[2].Requests, tt.hourOne, tt.hourTwo)
			}
		})
	}
}

func TestHourOfDayProfile(t *testing.T) {
	kolkata := time.FixedZone("IST", 5*3600+1800)
	recs := []*parsers.Record{
		{Time: time.Date(2025, 1, 13, 3, 45, 0, 0, time.UTC), Status: 200},               // 09:15 IST
		{Time: time.Date(2025, 1, 14, 3, 40, 0, 0, time.UTC), Status: 503, Failed: true}, // 09:10 IST, next day
		{Time: time.Date(2025, 1, 13, 18, 29, 0, 0, time.UTC), Status: 200},              // 23:59 IST
		{Status: 200}, // no time: not in the profile
	}
	a := New(&Config{Location: kolkata})
	for _, r := range recs {
		a.Add(r)
	}
	got := a.Result().ByHourOfDay
	if len(got) != 24 || got[9] != (HourOfDay{9, 2, 1}) || got[23] != (HourOfDay{23, 1, 0}) || got[3] != (HourOfDay{3, 0, 0}) {
		t.Errorf("got %+v, want 24 hours: 09 with 2 requests (1 failed), 23 with 1", got)
	}
	if got := New(&Config{}).Result().ByHourOfDay; got != nil {
		t.Errorf("no requests: got %v, want none", got)
	}
}

func TestPreviousWindow(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	d := func(y int, m time.Month, day, h int, loc *time.Location) time.Time {
		return time.Date(y, m, day, h, 0, 0, 0, loc)
	}
	tests := []struct {
		name              string
		since, until      time.Time
		loc               *time.Location
		wantSince, wantTo time.Time
	}{
		{"a day", d(2025, 1, 14, 0, time.UTC), d(2025, 1, 15, 0, time.UTC), time.UTC, d(2025, 1, 13, 0, time.UTC), d(2025, 1, 14, 0, time.UTC)},
		{"the day after spring forward", d(2025, 3, 10, 0, ny), d(2025, 3, 11, 0, ny), ny, d(2025, 3, 9, 0, ny), d(2025, 3, 10, 0, ny)},
		{"a week", d(2025, 1, 13, 0, time.UTC), d(2025, 1, 20, 0, time.UTC), time.UTC, d(2025, 1, 6, 0, time.UTC), d(2025, 1, 13, 0, time.UTC)},
		{"six hours", d(2025, 1, 14, 6, time.UTC), d(2025, 1, 14, 12, time.UTC), time.UTC, d(2025, 1, 14, 0, time.UTC), d(2025, 1, 14, 6, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, u := PreviousWindow(tt.since, tt.until, tt.loc)
			if !s.Equal(tt.wantSince) || !u.Equal(tt.wantTo) {
				t.Errorf("got %s to %s, want %s to %s", s, u, tt.wantSince, tt.wantTo)
			}
		})
	}
}

// TestPreviousAggregate checks that the window compared with is counted
// apart, in the same pass.
func TestPreviousAggregate(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2025, 1, d, h, 0, 0, 0, time.UTC) }
	prev := &Config{Location: time.UTC, Since: at(13, 0), Until: at(14, 0)}
	cfg := &Config{Location: time.UTC, Since: at(14, 0), Until: at(15, 0), Previous: prev}
	recs := []*parsers.Record{
		{Time: at(12, 10), Status: 200}, // before both
		{Time: at(13, 10), Status: 500, Failed: true, Message: "boom", Source: "a.log"}, // previous
		{Time: at(13, 11), Status: 200, Source: "a.log"},                                // previous
		{Time: at(14, 10), Status: 200, Source: "b.log"},                                // now
		{Time: at(15, 0), Status: 200},                                                  // after both
	}
	a, b := New(cfg), New(cfg)
	for i, r := range recs {
		if i < 3 {
			a.Add(r)
		} else {
			b.Add(r)
		}
	}
	a.AddRun(parsers.Run{Source: "a.log", End: at(13, 11), Complete: true})
	a.Merge(b)
	res := a.Result()
	if res.Requests != 1 || res.OutsideWindow != 4 || res.Previous == nil {
		t.Fatalf("now: got %d requests, %d outside, previous %v; want 1, 4 and a previous window", res.Requests, res.OutsideWindow, res.Previous)
	}
	p := res.Previous
	if p.Requests != 2 || p.Failed != 1 || p.Runs != 1 || len(p.Patterns) != 1 || !p.Since.Equal(at(13, 0)) {
		t.Errorf("previous: got %d requests, %d failed, %d runs, %d patterns, since %s; want 2, 1, 1, 1, %s",
			p.Requests, p.Failed, p.Runs, len(p.Patterns), p.Since, at(13, 0))
	}
}
