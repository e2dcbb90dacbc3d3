package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// untilResult is a run of one day in the middle of a large log beside
// the full run: a log in time order is not read past the day's end (and
// an hour), and the day's counts must equal the full run's hours in it.
type untilResult struct {
	since, until   time.Time
	full, windowed float64 // best seconds
	read, records  int     // records the windowed run read, of the log's
	notReadRest    int     // files the windowed run did not read to the end
	counts, inFull counts  // the windowed run's counts, the full run's hours in the day
	err            error
}

// middleDay is the day (UTC) halfway between a report's first and last
// requests.
func middleDay(r *report) time.Time {
	return r.Summary.First.Add(r.Summary.Last.Sub(r.Summary.First) / 2).UTC().Truncate(24 * time.Hour)
}

// measureUntil times the full run and errpat --since DAY --until DAY+1
// back to back on c, best of repeat each, and checks the day's counts.
func measureUntil(errpat string, c *corpus, repeat int) untilResult {
	var u untilResult
	tmp, err := os.MkdirTemp("", "errpat-bench-")
	if err != nil {
		u.err = err
		return u
	}
	defer os.RemoveAll(tmp)
	fullOut, dayOut := filepath.Join(tmp, "full.json"), filepath.Join(tmp, "day.json")
	var full report
	for i := range repeat {
		t, _, err := timeCommand(errpat, []string{"--format", "json", "--output", fullOut, "--tz", "UTC", c.target})
		if err != nil {
			u.err = err
			return u
		}
		if i == 0 {
			if full, u.err = readReport(fullOut); u.err != nil {
				return u
			}
			u.since = middleDay(&full)
			u.until = u.since.Add(24 * time.Hour)
		}
		d, _, err := timeCommand(errpat, []string{"--format", "json", "--output", dayOut, "--tz", "UTC",
			"--since", u.since.Format(time.RFC3339), "--until", u.until.Format(time.RFC3339), c.target})
		if err != nil {
			u.err = err
			return u
		}
		if i == 0 || t.seconds < u.full {
			u.full = t.seconds
		}
		if i == 0 || d.seconds < u.windowed {
			u.windowed = d.seconds
		}
	}
	day, err := readReport(dayOut)
	if err != nil {
		u.err = err
		return u
	}
	u.counts = counts{day.Summary.Requests, day.Summary.Failed, len(day.ByHour)}
	u.inFull = full.hours(u.since, u.until)
	u.read, u.records, u.notReadRest = day.Inputs.Records, full.Inputs.Records, day.Inputs.NotReadRest
	return u
}

// line says how the day's run did beside the full run.
func (u untilResult) line(c *corpus) string {
	if u.err != nil {
		return fmt.Sprintf("until: %s: %v", c.spec.name, u.err)
	}
	ratio, equal := over(u.full, u.windowed), yesOrNo(u.counts == u.inFull)
	return fmt.Sprintf("until: errpat --since %s --until %s (a day in the middle) on %s: %.3f s; the full run: %.3f s (%.2f× faster); %d of %d records read, %d file not read to its end\n"+
		"until counts: %d requests, %d failed in %d hours; the full run's %d hours of the day: %d requests, %d failed: equal %s",
		u.since.Format(time.RFC3339), u.until.Format(time.RFC3339), c.spec.name, u.windowed, u.full, ratio, u.read, u.records, u.notReadRest,
		u.counts.requests, u.counts.failed, u.counts.hours, u.inFull.hours, u.inFull.requests, u.inFull.failed, equal)
}
