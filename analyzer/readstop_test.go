package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// clientRun writes one run of the test client: request i is sent at
// start + (2i+1) s and its result logged (its record's time) at
// start + (2i+2) s; the summary follows the last one.
func clientRun(b *strings.Builder, start time.Time, statuses ...int) {
	at := func(s int) string { return start.Add(time.Duration(s) * time.Second).Format("2006-01-02 15:04:05,000") }
	fmt.Fprintf(b, "%s - INFO - Starting API tests - Log file: api_test.log\n", at(0))
	for i, st := range statuses {
		fmt.Fprintf(b, "%s - INFO - Testing Create Trunk: /trunks\n", at(2*i+1))
		if st >= 400 {
			fmt.Fprintf(b, "%s - ERROR - ❌ Create Trunk - HTTP %d: failed\n", at(2*i+2), st)
		} else {
			fmt.Fprintf(b, "%s - INFO - ✅ Create Trunk - Status: %d\n", at(2*i+2), st)
		}
	}
	fmt.Fprintf(b, "%s - INFO - 📊 Test Summary: done\n", at(2*len(statuses)+1))
}

// filler writes n runs of one 201 each, 10 s apart from start: more than
// the parser's buffer, so that a stop leaves some unread.
func filler(b *strings.Builder, start time.Time, n int) {
	for i := range n {
		clientRun(b, start.Add(time.Duration(i)*10*time.Second), 201)
	}
}

// withoutReadCounts blanks what a stop changes: the records read and
// those outside the window, by format too, and the stop's own note.
func withoutReadCounts(r Result) Result {
	r.Records, r.OutsideWindow, r.Sources, r.NotReadRest, r.NotReadAfter = 0, 0, nil, 0, time.Time{}
	return r
}

func writeFile(t *testing.T, name, text string) []parsers.Input {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs, probs := parsers.Discover([]string{path})
	if len(probs) > 0 || len(inputs) != 1 {
		t.Fatalf("discovered %v, problems %v", inputs, probs)
	}
	return inputs
}

// TestStopAtUntil reads client logs with a window: a log in time order
// stops after the first run that began an hour past --until, with the
// counts of the whole log filtered to the window; one that goes back in
// time, before or after that run, is read to its end.
func TestStopAtUntil(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	day := func(loc *time.Location, h, m, s int) time.Time { return time.Date(2025, 1, 13, h, m, s, 0, loc) }
	// A: 09:00, two requests in the window (the 500 fails).
	// B: 09:59:55, crosses 10:00: 201 at 09:59:57 and 500 at 09:59:59
	//    are in it, 201 at 10:00:01 and 503 at 10:00:03 are not; it ends
	//    after the window, so it is no run of the window.
	// C: 11:30, past 10:00 + 1h: the stop comes at its end.
	// 3,000 filler runs from 12:00, one record each.
	// The window [09:00, 10:00) holds 4 requests, 2 failed, 1 run; the
	// whole log 2 + 4 + 1 + 3000 = 3,007 records.
	crossing := func(loc *time.Location) string {
		var b strings.Builder
		clientRun(&b, day(loc, 9, 0, 0), 201, 500)
		clientRun(&b, day(loc, 9, 59, 55), 201, 500, 201, 503)
		clientRun(&b, day(loc, 11, 30, 0), 500)
		filler(&b, day(loc, 12, 0, 0), 3000)
		return b.String()
	}
	var back, pasted, slack, untimed strings.Builder
	// A request logged without a time (logging's default layout) after
	// A: counted in every window, so the log is read to its end; the
	// window holds 5 requests.
	clientRun(&untimed, day(time.UTC, 9, 0, 0), 201, 500)
	untimed.WriteString("INFO:root:Testing Create Trunk: /trunks\nINFO:root:✅ Create Trunk - Status: 201\n")
	clientRun(&untimed, day(time.UTC, 9, 59, 55), 201, 500, 201, 503)
	clientRun(&untimed, day(time.UTC, 11, 30, 0), 500)
	filler(&untimed, day(time.UTC, 12, 0, 0), 3000)
	// X: 07:00 after A, two hours back (a clock set back): read to the end.
	clientRun(&back, day(time.UTC, 9, 0, 0), 201, 500)
	clientRun(&back, day(time.UTC, 7, 0, 0), 500)
	clientRun(&back, day(time.UTC, 9, 59, 55), 201, 500, 201, 503)
	clientRun(&back, day(time.UTC, 11, 30, 0), 500)
	filler(&back, day(time.UTC, 12, 0, 0), 3000)
	// P: 09:30 at the end (a log pasted after), a 500 in the window: the
	// window holds 5 requests, 3 failed, 2 runs.
	pasted.WriteString(crossing(time.UTC))
	clientRun(&pasted, day(time.UTC, 9, 30, 0), 500)
	// C2: 10:40 after C, 50 minutes back: within the slack, after the
	// window; the stop holds.
	clientRun(&slack, day(time.UTC, 9, 0, 0), 201, 500)
	clientRun(&slack, day(time.UTC, 9, 59, 55), 201, 500, 201, 503)
	clientRun(&slack, day(time.UTC, 11, 30, 0), 500)
	clientRun(&slack, day(time.UTC, 10, 40, 0), 500)
	filler(&slack, day(time.UTC, 12, 0, 0), 3000)

	tests := []struct {
		name                   string
		log                    string
		loc                    *time.Location
		requests, failed, runs int
		records                int // the whole log's
		stopped                bool
	}{
		{"a run crossing --until", crossing(time.UTC), time.UTC, 4, 2, 1, 3007, true},
		{"naive times read in --input-tz", crossing(ist), ist, 4, 2, 1, 3007, true},
		{"back two hours before the stop", back.String(), time.UTC, 4, 2, 1, 3008, false},
		{"a log pasted after the stop", pasted.String(), time.UTC, 5, 3, 2, 3008, false},
		{"back within the slack", slack.String(), time.UTC, 4, 2, 1, 3008, true},
		{"a request without a time", untimed.String(), time.UTC, 5, 2, 1, 3008, false},
	}
	for _, tt := range tests {
		inputs := writeFile(t, "api_test.log", tt.log)
		since, until := day(tt.loc, 9, 0, 0), day(tt.loc, 10, 0, 0)
		analyze := func(stopSize int64) *Result {
			return Analyze(inputs, nil, Options{
				Config: Config{Location: time.UTC, Slow: 2 * time.Second, Top: 5, MaxProblems: 20, Since: since, Until: until},
				Parse:  parsers.Options{Location: tt.loc}, Workers: 2, stopSize: stopSize,
			})
		}
		got, whole := analyze(1), analyze(-1)
		if got.Requests != tt.requests || got.Failed != tt.failed || got.Runs != tt.runs {
			t.Errorf("%s: got %d requests, %d failed, %d runs; want %d, %d, %d", tt.name, got.Requests, got.Failed, got.Runs, tt.requests, tt.failed, tt.runs)
		}
		if whole.Records != tt.records || whole.NotReadRest != 0 {
			t.Errorf("%s: read whole, got %d records, %d files stopped; want %d, 0", tt.name, whole.Records, whole.NotReadRest, tt.records)
		}
		switch {
		case tt.stopped && (got.NotReadRest != 1 || got.Records >= tt.records || !got.NotReadAfter.Equal(until.Add(time.Hour))):
			t.Errorf("%s: got %d records, %d files stopped after %v; want fewer than %d, 1 after %v", tt.name, got.Records, got.NotReadRest, got.NotReadAfter, tt.records, until.Add(time.Hour))
		case !tt.stopped && (got.NotReadRest != 0 || got.Records != tt.records):
			t.Errorf("%s: got %d records, %d files stopped; want %d, 0 (read to the end)", tt.name, got.Records, got.NotReadRest, tt.records)
		}
		if g, w := withoutReadCounts(*got), withoutReadCounts(*whole); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: stopped result differs from the whole log's:\ngot  %+v\nwant %+v", tt.name, g, w)
		}
	}
}

// TestStopAtUntilInParts reads a large log in parallel parts: the part
// where the log goes an hour past --until stops, the parts after it are
// not counted, and the counts are those of the log filtered to the
// window; a log that went back in an early part is read to its end.
func TestStopAtUntilInParts(t *testing.T) {
	t0 := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	since, until := t0.Add(30*time.Hour), t0.Add(34*time.Hour) // 14 Jan 06:00 to 10:00
	// One run every 2 minutes for 6 days, three requests each: 201,
	// then 500 on every third run, then 404 on every fifth; counted by
	// hand against the window as they are written.
	build := func(backAt int) (log string, requests, failed, records int) {
		var b strings.Builder
		for i := range 6 * 24 * 30 {
			start := t0.Add(time.Duration(i) * 2 * time.Minute)
			if i == backAt {
				start = start.Add(-5 * time.Hour) // a clock set back
			}
			statuses := []int{201, 201, 201}
			if i%3 == 0 {
				statuses[1] = 500
			}
			if i%5 == 0 {
				statuses[2] = 404
			}
			clientRun(&b, start, statuses...)
			for j, st := range statuses {
				records++
				if at := start.Add(time.Duration(2*j+2) * time.Second); !at.Before(since) && at.Before(until) {
					requests++
					if st >= 400 {
						failed++
					}
				}
			}
		}
		return b.String(), requests, failed, records
	}
	tests := []struct {
		name    string
		backAt  int // the run stamped 5 hours back, -1 for none
		stopped bool
	}{
		{"in order", -1, true},
		{"back 5 hours in the first hours", 100, false},
	}
	for _, tt := range tests {
		log, requests, failed, records := build(tt.backAt)
		inputs := writeFile(t, "api_test.log", log)
		analyze := func(part, stopSize int64) *Result {
			return Analyze(inputs, nil, Options{
				Config:   Config{Location: time.UTC, Slow: 2 * time.Second, Top: 5, MaxProblems: 20, Since: since, Until: until},
				Parse:    parsers.Options{Location: time.UTC},
				PartSize: part, Workers: 4, stopSize: stopSize,
			})
		}
		// Parts well over the parser's buffer of 64 KiB, which a stop
		// cannot take back; whole, read to its end.
		split, whole := analyze(128<<10, 0), analyze(-1, -1)
		if n := len(parsers.Split(inputs, 128<<10)); n < 10 {
			t.Fatalf("%s: got %d parts, want many", tt.name, n)
		}
		if split.Requests != requests || split.Failed != failed {
			t.Errorf("%s: got %d requests, %d failed; want %d, %d", tt.name, split.Requests, split.Failed, requests, failed)
		}
		if whole.Records != records {
			t.Errorf("%s: read whole, got %d records, want %d", tt.name, whole.Records, records)
		}
		switch {
		case tt.stopped && (split.NotReadRest != 1 || split.Records >= records/2):
			t.Errorf("%s: got %d records, %d files stopped; want under %d (the window ends in the first half), 1", tt.name, split.Records, split.NotReadRest, records/2)
		case !tt.stopped && (split.NotReadRest != 0 || split.Records != records):
			t.Errorf("%s: got %d records, %d files stopped; want %d, 0 (read to the end)", tt.name, split.Records, split.NotReadRest, records)
		}
		if g, w := withoutReadCounts(*split), withoutReadCounts(*whole); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: stopped result differs from the whole log's:\ngot  %+v\nwant %+v", tt.name, g, w)
		}
	}
}
