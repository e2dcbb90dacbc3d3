package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// targetWindowRatio: a windowed run of the many-files corpus in at most
// this many times what find takes to list the files changed in the
// window, the floor (each file's modification time must be looked at).
const targetWindowRatio = 2.0

// windowResult is a windowed run of a corpus beside find, and its counts
// beside the full run's hours in the window.
type windowResult struct {
	since    time.Time
	find     float64 // best seconds for find -newermt
	errpat   float64 // best seconds for errpat --since
	found    int     // files find listed
	notRead  int     // files errpat did not open
	windowed counts  // errpat --since's counts
	full     counts  // the full run's, summed over its hours in the window
	err      error
}

// counts are the requests and failures of a report, or of some of its
// hours.
type counts struct{ requests, failed, hours int }

// report is the part of errpat's JSON report the window checks read.
type report struct {
	Summary struct {
		Requests int       `json:"requests"`
		Failed   int       `json:"failed"`
		First    time.Time `json:"first"`
		Last     time.Time `json:"last"`
	} `json:"summary"`
	ByHour []struct {
		Hour     time.Time `json:"hour"`
		Requests int       `json:"requests"`
		Failed   int       `json:"failed"`
	} `json:"by_hour"`
	Inputs struct {
		Records     int `json:"records"`
		NotRead     int `json:"not_read"`
		NotReadRest int `json:"not_read_rest"`
	} `json:"inputs"`
}

// windowStart is the start of the hour before the corpus's last write:
// --since 1h, had the run been made as the last file was written, taken
// to the hour so that the full run's hours can be summed over it.
func windowStart(c *corpus) time.Time {
	return c.latest.UTC().Add(-time.Hour).Truncate(time.Hour)
}

// measureWindow times find and errpat --since on c, and checks errpat's
// counts against the full run's hours in the window.
func measureWindow(errpat string, c *corpus, repeat int) windowResult {
	w := windowResult{since: windowStart(c)}
	tmp, err := os.MkdirTemp("", "errpat-bench-")
	if err != nil {
		w.err = err
		return w
	}
	defer os.RemoveAll(tmp)
	findArgs := []string{c.target, "-type", "f", "-newermt", "@" + strconv.FormatInt(w.since.Unix(), 10)}
	windowed, full := filepath.Join(tmp, "windowed.json"), filepath.Join(tmp, "full.json")
	since := w.since.Format(time.RFC3339)
	for i := range repeat {
		f, out, err := timeOutput("find", findArgs)
		if err != nil {
			w.err = err
			return w
		}
		e, _, err := timeCommand(errpat, []string{"--format", "json", "--output", windowed, "--tz", "UTC", "--since", since, c.target})
		if err != nil {
			w.err = err
			return w
		}
		if i == 0 || f < w.find {
			w.find = f
		}
		if i == 0 || e.seconds < w.errpat {
			w.errpat = e.seconds
		}
		w.found = strings.Count(out, "\n")
	}
	if _, _, err := timeCommand(errpat, []string{"--format", "json", "--output", full, "--tz", "UTC", c.target}); err != nil {
		w.err = err
		return w
	}
	w.windowed, w.notRead, w.err = windowCounts(windowed, time.Time{})
	if w.err == nil {
		w.full, _, w.err = windowCounts(full, w.since)
	}
	return w
}

// windowCounts reads a report's counts: its summary's, or with from set
// the sum of its hours from then on.
func windowCounts(path string, from time.Time) (counts, int, error) {
	r, err := readReport(path)
	if err != nil {
		return counts{}, 0, err
	}
	if from.IsZero() {
		c := r.hours(from, time.Time{})
		c.requests, c.failed = r.Summary.Requests, r.Summary.Failed
		return c, r.Inputs.NotRead, nil
	}
	return r.hours(from, time.Time{}), r.Inputs.NotRead, nil
}

// readReport reads the part of a JSON report the checks need.
func readReport(path string) (report, error) {
	var r report
	data, err := os.ReadFile(path)
	if err != nil {
		return r, fmt.Errorf("read report: %w", err)
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("read report %s: %w", filepath.Base(path), err)
	}
	return r, nil
}

// hours sums the report's hours from from on, before to (zero: open).
func (r *report) hours(from, to time.Time) counts {
	var c counts
	for _, h := range r.ByHour {
		if !h.Hour.Before(from) && (to.IsZero() || h.Hour.Before(to)) {
			c.requests += h.Requests
			c.failed += h.Failed
			c.hours++
		}
	}
	return c
}

// line says how the windowed run did, beside its targets.
func (w windowResult) line(c *corpus) string {
	if w.err != nil {
		return fmt.Sprintf("window: %s: %v", c.spec.name, w.err)
	}
	ratio, equal := over(w.errpat, w.find), yesOrNo(w.windowed == w.full)
	return fmt.Sprintf("window: errpat --since %s (the hour before the last write, to the hour) on %s: %.3f s; find -newermt: %.3f s (%d files); %.2f× find, target ≤%.1f× %s; %d of %d files not read\n"+
		"window counts: %d requests, %d failed; the full run's %d hours from then: %d requests, %d failed: equal %s",
		w.since.Format(time.RFC3339), c.spec.name, w.errpat, w.find, w.found, ratio, targetWindowRatio, okOrMissed(ratio > 0 && ratio <= targetWindowRatio),
		w.notRead, len(c.files), w.windowed.requests, w.windowed.failed, w.full.hours, w.full.requests, w.full.failed, equal)
}

// okOrMissed says whether a target was met.
// over is a / b, 0 when b is.
func over(a, b float64) float64 {
	if b > 0 {
		return a / b
	}
	return 0
}

// yesOrNo says whether two counts agree.
func yesOrNo(equal bool) string {
	if equal {
		return "yes"
	}
	return "NO"
}

func okOrMissed(met bool) string {
	if met {
		return "ok"
	}
	return "MISSED"
}

// timeOutput runs name with args and returns its wall time and output.
func timeOutput(name string, args []string) (float64, string, error) {
	start := time.Now()
	out, err := exec.Command(name, args...).Output()
	secs := elapsed(start)
	if err != nil {
		return secs, "", fmt.Errorf("run %s: %w", name, err)
	}
	return secs, string(out), nil
}
