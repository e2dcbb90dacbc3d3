package parsers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWrittenBefore(t *testing.T) {
	since := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	tests := []struct {
		name  string
		since time.Time
		loc   *time.Location
		want  time.Time
	}{
		{"open window", time.Time{}, time.UTC, time.Time{}},
		// 14h for a writer at UTC+14, 1h of clock skew
		{"utc", since, time.UTC, since.Add(-15 * time.Hour)},
		// east of UTC: some formats read naive stamps as UTC anyway
		{"east", since, time.FixedZone("IST", 5*3600+1800), since.Add(-15 * time.Hour)},
		// New York went from UTC-5 to UTC-4 on 9 March 2025: the -5 counts
		{"west across daylight saving", since, ny, since.Add(-20 * time.Hour)},
	}
	for _, tt := range tests {
		if got := WrittenBefore(tt.since, tt.loc); !got.Equal(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestWrittenSince(t *testing.T) {
	cutoff := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	inputs := []Input{
		{Name: "old.log", ModTime: cutoff.Add(-time.Second)},
		{Name: "at.log", ModTime: cutoff},
		{Name: "new.log", ModTime: cutoff.Add(time.Hour)},
		{Name: "unknown.log"},
		{Name: "-", Stdin: true},
	}
	kept, skipped := WrittenSince(inputs, cutoff)
	var names []string
	for _, in := range kept {
		names = append(names, in.Name)
	}
	if skipped != 1 || len(kept) != 4 || kept[0].Name != "at.log" {
		t.Errorf("got %v and %d skipped, want all but old.log and 1 skipped", names, skipped)
	}
	if kept, skipped := WrittenSince(inputs, time.Time{}); skipped != 0 || len(kept) != len(inputs) {
		t.Errorf("open window: got %d kept, %d skipped; want all %d kept", len(kept), skipped, len(inputs))
	}
}

// writeLog writes a client log of lines one second apart from start,
// each a fixed 64 bytes, until it holds size bytes; back, when set, is
// the byte range whose lines are stamped a day earlier (a log pasted
// into the middle of another).
func writeLog(t *testing.T, start time.Time, size int64, back [2]int64) string {
	t.Helper()
	var b []byte
	for i := 0; int64(len(b)) < size; i++ {
		ts := start.Add(time.Duration(i) * time.Second)
		if at := int64(len(b)); at >= back[0] && at < back[1] {
			ts = ts.Add(-24 * time.Hour)
		}
		line := ts.Format("2006-01-02 15:04:05,000") + " - INFO - Testing Get Trunk: /trunks/TR1"
		b = append(b, (line + strings.Repeat(" ", 63-len(line)) + "\n")...)
	}
	name := t.TempDir() + "/api_test.log"
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestSortedAfter(t *testing.T) {
	start := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	small := writeLog(t, start, 64*1000, [2]int64{}) // 1000 lines, 00:00:00 to 00:16:39
	large := writeLog(t, start, 10<<20, [2]int64{})
	pasted := writeLog(t, start, 10<<20, [2]int64{3 << 20, 6 << 20})
	pastedEnd := writeLog(t, start, 10<<20, [2]int64{10<<20 - 64*10, 10 << 20})
	untimed := filepath.Join(t.TempDir(), "untimed.log")
	if err := os.WriteFile(untimed, []byte("2025-01-13 00:00:01,000 - INFO - Testing X: /trunks\nINFO:root:Testing X: /trunks\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		file   string
		format *Format
		from   int64
		after  time.Time
		want   bool
	}{
		// from line 990 on: the first whole line is 991's (00:16:31), the last 999's (00:16:39)
		{"small, every line from 991 at or after t", small, pyLogFormat, 64 * 990, start.Add(16*time.Minute + 31*time.Second), true},
		{"small, line 991 before t", small, pyLogFormat, 64 * 990, start.Add(16*time.Minute + 32*time.Second), false},
		{"large, in order", large, pyLogFormat, 1 << 20, start.Add(4 * time.Hour), true},
		// the sample 4 MiB after 1 MiB, at line 81,920 (22h45m), falls in the pasted day
		{"large, a day pasted in the middle", pasted, pyLogFormat, 1 << 20, start.Add(4 * time.Hour), false},
		// from 9 MiB: one sample, at line 147,456 (40h57m36s), and the last line, 45h30m39s (a day less when pasted)
		{"large, from 9 MiB, in order", large, pyLogFormat, 9 << 20, start.Add(40 * time.Hour), true},
		{"large, from 9 MiB, a day pasted at the end", pastedEnd, pyLogFormat, 9 << 20, start.Add(40 * time.Hour), false},
		{"a format not in time order", small, resultsFormat, 0, start, false},
		{"an entry without a time at the end", untimed, pyLogFormat, 0, start, false},
	}
	for _, tt := range tests {
		if got := SortedAfter(tt.file, tt.format, time.UTC, tt.from, tt.after); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLineTimes(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	tests := []struct {
		name   string
		format *Format
		line   string
		loc    *time.Location
		want   time.Time
		ok     bool
	}{
		{"log line, naive, read in the input zone", pyLogFormat, "2025-01-13 10:30:00,250 - INFO - Testing X: /trunks", ist,
			time.Date(2025, 1, 13, 5, 0, 0, 250e6, time.UTC), true},
		{"log continuation line", pyLogFormat, `  "error": "API Error",`, time.UTC, time.Time{}, false},
		{"log entry without a time", pyLogFormat, `INFO:root:Testing X: /trunks`, time.UTC, time.Time{}, true},
		{"JSON line with a zone", jsonLinesFormat, `{"timestamp": "2025-01-13T10:30:00Z", "endpoint": "/trunks", "status_code": 201}`, ist,
			time.Date(2025, 1, 13, 10, 30, 0, 0, time.UTC), true},
		{"JSON line without a time", jsonLinesFormat, `{"endpoint": "/trunks", "status_code": 201}`, time.UTC, time.Time{}, true},
		{"JSON line, not a request", jsonLinesFormat, `{"timestamp": "2025-01-13T10:30:00Z", "level": "info"}`, time.UTC, time.Time{}, false},
		{"JSON line cut", jsonLinesFormat, `{"timestamp": "2025-01-13T10:30:00Z", "endpoint": "/tr`, time.UTC, time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := tt.format.Sorted([]byte(tt.line), tt.loc)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("%s: got %v %v, want %v %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
