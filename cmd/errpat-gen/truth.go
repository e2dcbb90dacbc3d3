package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
)

// Format names used in truth.json; they match the names errpat gives its
// parsers.
const (
	fmtPyLog   = "pylog"
	fmtResults = "results"
	fmtLoad    = "load"
	fmtJSONL   = "jsonl"
	fmtNewman  = "newman"
)

// endpointCount counts the requests to one endpoint.
type endpointCount struct {
	Total  int `json:"total"`
	Failed int `json:"failed"`
}

// tally counts what one format (or the whole corpus) holds.
type tally struct {
	Files      int                       `json:"files"`
	Bytes      int64                     `json:"bytes"`
	Requests   int                       `json:"requests"`
	Failed     int                       `json:"failed"`
	ByStatus   map[string]int            `json:"by_status"`
	ByEndpoint map[string]*endpointCount `json:"by_endpoint"`
	// SlowOver2s is nil for formats that carry no response times.
	SlowOver2s *int `json:"slow_over_2s,omitempty"`
	// Runs and CrashedRuns are nil for formats without runs.
	Runs        *int `json:"runs,omitempty"`
	CrashedRuns *int `json:"crashed_runs,omitempty"`
}

func newTally(timed, runs bool) *tally {
	t := &tally{ByStatus: map[string]int{}, ByEndpoint: map[string]*endpointCount{}}
	if timed {
		t.SlowOver2s = new(int)
	}
	if runs {
		t.Runs, t.CrashedRuns = new(int), new(int)
	}
	return t
}

// add counts one request.
func (t *tally) add(folded string, status int, failed, slow bool) {
	t.Requests++
	t.ByStatus[statusKey(status)]++
	e := t.ByEndpoint[folded]
	if e == nil {
		e = &endpointCount{}
		t.ByEndpoint[folded] = e
	}
	e.Total++
	if failed {
		t.Failed++
		e.Failed++
	}
	if slow && t.SlowOver2s != nil {
		*t.SlowOver2s++
	}
}

// band counts the requests that fall in (or out of) the peak band.
type band struct {
	Requests    int     `json:"requests"`
	Failed      int     `json:"failed"`
	SuccessRate float64 `json:"success_rate"`
}

// peakTruth describes the daily peak band and how requests fared in it.
type peakTruth struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Peak    band   `json:"peak"`
	OffPeak band   `json:"off_peak"`
}

// truth is what truth.json records: exact counts of what was written.
type truth struct {
	Seed      int64  `json:"seed"`
	Shape     string `json:"shape"`
	UTCOffset string `json:"utc_offset"`
	First     string `json:"first,omitempty"`
	Last      string `json:"last,omitempty"`
	// The embedded tally counts every request once over all formats: an
	// api_test request in both its log and its results file counts once.
	*tally
	Formats       map[string]*tally `json:"formats"`
	Timeouts      int               `json:"timeouts"`
	TimeoutBursts [][2]string       `json:"timeout_bursts"`
	PeakHours     peakTruth         `json:"peak_hours"`
	Notes         map[string]string `json:"notes"`

	first, last int64
}

func newTruth(seed int64, shape string) *truth {
	return &truth{
		Seed:      seed,
		Shape:     shape,
		UTCOffset: "+00:00",
		tally:     newTally(true, true),
		Formats:   map[string]*tally{},
		PeakHours: peakTruth{
			From: fmt.Sprintf("%02d:00", peakFrom),
			To:   fmt.Sprintf("%02d:00", peakTo),
		},
		Notes: truthNotes,
	}
}

var truthNotes = map[string]string{
	"requests":       "every request once over all formats; an api_test request appears in its log and (for completed runs) its results file and counts once",
	"failed":         "the client's own verdict: pylog/results a non-2xx status or no response; load success=false; jsonl status 0 or >= 400; newman a failed assertion or a request error",
	"by_status":      "HTTP status code; \"0\" when no HTTP response arrived (network error, timeout)",
	"by_endpoint":    "request path without host and query, ids (TR0BADSID, TR + 8 upper-case hex digits with at least one decimal digit, all-digit segments) folded to {id}",
	"slow_over_2s":   "pylog: log lines of the request more than 2000 ms apart; load/jsonl: response time over 2 s; newman: responseTime over 2000 ms; results files carry no response times",
	"runs":           "api_test client runs; crashed_runs ended in a traceback without a summary or results file",
	"timestamps":     "text logs, results and load files use naive local time, which is UTC here; jsonl uses Z; newman only has epoch milliseconds",
	"peak_hours":     "requests with a timestamp (pylog at the result line, load, jsonl) whose local hour is in [from, to)",
	"timeout_bursts": "[from, to) local windows in which every request timed out (status 0)",
	"timeouts":       "requests that timed out, all inside timeout_bursts",
}

// format returns the tally of a format, creating it on first use.
func (t *truth) format(name string) *tally {
	f := t.Formats[name]
	if f == nil {
		f = newTally(name != fmtResults, name == fmtPyLog)
		t.Formats[name] = f
	}
	return f
}

// record counts one request of format f (not results files, which repeat
// the logs' requests). at is its timestamp; timed tells whether the format
// writes one.
func (t *truth) record(f, folded string, status int, net netKind, failed, slow bool, at int64, timed bool) {
	t.format(f).add(folded, status, failed, slow)
	t.tally.add(folded, status, failed, slow)
	if net == netTimeout {
		t.Timeouts++
	}
	if !timed {
		return
	}
	if t.first == 0 || at < t.first {
		t.first = at
	}
	if at > t.last {
		t.last = at
	}
	b := &t.PeakHours.OffPeak
	if isPeak(at) {
		b = &t.PeakHours.Peak
	}
	b.Requests++
	if failed {
		b.Failed++
	}
}

// file counts one written file of format f.
func (t *truth) file(f string, n int64) {
	ft := t.format(f)
	ft.Files++
	ft.Bytes += n
	t.Files++
	t.Bytes += n
}

// run counts one api_test run.
func (t *truth) run(crashed bool) {
	ft := t.format(fmtPyLog)
	*ft.Runs++
	*t.Runs++
	if crashed {
		*ft.CrashedRuns++
		*t.CrashedRuns++
	}
}

// finish fills the derived fields before the truth is written.
func (t *truth) finish(m *model) {
	for _, b := range []*band{&t.PeakHours.Peak, &t.PeakHours.OffPeak} {
		if b.Requests > 0 {
			rate, _ := strconv.ParseFloat(strconv.FormatFloat(float64(b.Requests-b.Failed)/float64(b.Requests)*100, 'f', 2, 64), 64)
			b.SuccessRate = rate
		}
	}
	if t.last != 0 {
		t.First, t.Last = isoSec(t.first), isoSec(t.last)
	}
	t.TimeoutBursts = make([][2]string, 0, len(m.bursts))
	for _, w := range m.bursts {
		if t.last != 0 && w.From > t.last {
			break
		}
		t.TimeoutBursts = append(t.TimeoutBursts, [2]string{isoSec(w.From), isoSec(w.To)})
	}
}

// write stores the truth as indented JSON at path.
func (t *truth) write(path string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(t); err != nil {
		return fmt.Errorf("encode truth: %w", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write truth: %w", err)
	}
	return nil
}
