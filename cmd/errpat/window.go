package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/report"
)

// dailyOptions are the daily report's flags: the window (--since and
// --until, declared with the shared flags), the comparison and the peak
// band.
type dailyOptions struct {
	since, until string // as given
	compare      string
	baseline     string
	peak         string
	// now is the clock that durations and words count from; tests set it.
	now func() time.Time

	window      [2]time.Time // resolved --since and --until (zero: open)
	previous    [2]time.Time // the window compared with, for --compare previous
	band        analyzer.Band
	hasPrevious bool
}

// whenForms names the valid --since and --until values.
const whenForms = "an RFC 3339 time such as 2025-01-13T09:00:00Z, a date such as 2025-01-13, " +
	"a duration back from now such as 24h, 7d or 90m, or today, yesterday, this-week, last-week"

func addDailyFlags(fs *pflag.FlagSet, d *dailyOptions) {
	fs.StringVar(&d.compare, "compare", "", "compare with the `previous` window of the same length (needs --since)")
	fs.StringVar(&d.baseline, "baseline", "", "compare with a report saved earlier with --format json, read from `FILE`")
	fs.StringVar(&d.peak, "peak", "09-18", "peak `HOURS` of the day in --tz for the peak-hour detector (22-06 wraps past midnight)")
	if d.now == nil {
		d.now = time.Now
	}
}

// check resolves the flags in loc, rejecting bad or contradictory values.
func (d *dailyOptions) check(loc *time.Location) error {
	var err error
	if d.band, err = parseBand(d.peak); err != nil {
		return err
	}
	now := d.now()
	if err := d.resolveWindow(now, loc); err != nil {
		return err
	}
	switch {
	case d.compare != "" && d.compare != "previous":
		return fmt.Errorf("%w: invalid --compare %q (want previous)", errUsage, d.compare)
	case d.compare != "" && d.baseline != "":
		return fmt.Errorf("%w: --compare and --baseline exclude each other (compare with the previous window or with a saved report)", errUsage)
	case d.compare != "" && d.since == "":
		return fmt.Errorf("%w: --compare previous needs --since (the window whose previous one to compare with)", errUsage)
	case d.compare != "":
		if d.window[1].IsZero() {
			d.window[1] = now
		}
		d.previous[0], d.previous[1] = analyzer.PreviousWindow(d.window[0], d.window[1], loc)
		d.hasPrevious = true
	}
	return nil
}

// resolveWindow turns --since and --until into times. A --since that
// names a period (a date, today, last-week…) without --until covers
// that whole period: --since yesterday is all of yesterday.
func (d *dailyOptions) resolveWindow(now time.Time, loc *time.Location) error {
	var sinceEnd time.Time
	if d.since != "" {
		start, end, ok := parseWhen(d.since, now, loc)
		if !ok {
			return fmt.Errorf("%w: invalid --since %q (want %s)", errUsage, d.since, whenForms)
		}
		d.window[0], sinceEnd = start, end
	}
	switch {
	case d.until != "":
		_, end, ok := parseWhen(d.until, now, loc)
		if !ok {
			return fmt.Errorf("%w: invalid --until %q (want %s)", errUsage, d.until, whenForms)
		}
		d.window[1] = end
	case sinceEnd.After(d.window[0]):
		d.window[1] = sinceEnd
	}
	if w := d.window; !w[0].IsZero() && !w[1].IsZero() && !w[0].Before(w[1]) {
		return fmt.Errorf("%w: empty window: --since %s is not before --until %s", errUsage,
			w[0].In(loc).Format(time.RFC3339), w[1].In(loc).Format(time.RFC3339))
	}
	return nil
}

// localLayouts are the date-and-time forms read in --tz.
var localLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"}

// parseWhen reads a --since or --until value as the period it names,
// [start, end); an instant is an empty period (start == end).
func parseWhen(s string, now time.Time, loc *time.Location) (start, end time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if start, end, ok := namedPeriod(strings.ToLower(s), now.In(loc)); ok {
		return start, end, true
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, addDays(t, 1), true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, t, true
	}
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, t, true
		}
	}
	if t, ok := backFrom(s, now, loc); ok {
		return t, t, true
	}
	return time.Time{}, time.Time{}, false
}

// namedPeriod reads the words; weeks start on Monday.
func namedPeriod(word string, now time.Time) (time.Time, time.Time, bool) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	monday := addDays(today, -((int(today.Weekday()) + 6) % 7))
	switch word {
	case "today":
		return today, addDays(today, 1), true
	case "yesterday":
		return addDays(today, -1), today, true
	case "this-week":
		return monday, addDays(monday, 7), true
	case "last-week":
		return addDays(monday, -7), monday, true
	}
	return time.Time{}, time.Time{}, false
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

// parseBand reads --peak: "09-18", "9-18", "09:00-18:00" or "22-06".
func parseBand(s string) (analyzer.Band, error) {
	bad := fmt.Errorf("%w: invalid --peak %q (want two different hours of the day such as 09-18 or 22-06)", errUsage, s)
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return analyzer.Band{}, bad
	}
	f, okF := parseHour(from)
	t, okT := parseHour(to)
	if !okF || !okT || f == 24 || f == t%24 {
		return analyzer.Band{}, bad
	}
	return analyzer.Band{From: f, To: t % 24}, nil
}

// parseHour reads "9", "09" or "09:00" (0 to 24).
func parseHour(s string) (int, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), ":00")
	h, err := strconv.Atoi(s)
	return h, err == nil && h >= 0 && h <= 24 && len(s) <= 2
}

// config sets the window, the window compared with and the peak band.
func (d *dailyOptions) config(cfg analyzer.Config) analyzer.Config {
	cfg.Since, cfg.Until, cfg.Peak = d.window[0], d.window[1], d.band
	if d.hasPrevious {
		prev := cfg
		prev.Since, prev.Until = d.previous[0], d.previous[1]
		cfg.Previous = &prev
	}
	return cfg
}

// readBaseline reads --baseline, before any input, so that a wrong file
// costs no analysis.
func (d *dailyOptions) readBaseline() (*report.Report, error) {
	if d.baseline == "" {
		return nil, nil
	}
	f, err := os.Open(d.baseline)
	if err != nil {
		return nil, fmt.Errorf("read --baseline: %w", err)
	}
	defer f.Close()
	r, err := report.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("read --baseline %s: %w", d.baseline, err)
	}
	return r, nil
}
