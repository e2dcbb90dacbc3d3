package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// stampPattern finds the dates and times the generated corpus writes, naive
// or in UTC.
var stampPattern = regexp.MustCompile(`(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)`)

// lastStamp returns the latest time written in the file, read as UTC: the
// time its writer, in UTC, last wrote to it.
func lastStamp(t *testing.T, path string) time.Time {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var last time.Time
	for _, m := range stampPattern.FindAllSubmatch(data, -1) {
		at, err := time.Parse("2006-01-02 15:04:05", string(m[1])+" "+string(m[2]))
		if err == nil && at.After(last) {
			last = at
		}
	}
	if last.IsZero() {
		t.Fatalf("%s: no time in it", path)
	}
	return last
}

// datedCopy copies the generated corpus into a temporary folder and
// returns its folder and each file's last written time.
func datedCopy(t *testing.T) (string, map[string]time.Time) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "logs")
	written := map[string]time.Time{}
	err := filepath.WalkDir("testdata/generated/logs", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("testdata/generated/logs", p)
		dst := filepath.Join(dir, rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		written[dst] = lastStamp(t, p)
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, written
}

// setTimes dates every file at when(its last written time).
func setTimes(t *testing.T, written map[string]time.Time, when func(time.Time) time.Time) {
	t.Helper()
	for p, w := range written {
		if err := os.Chtimes(p, when(w), when(w)); err != nil {
			t.Fatal(err)
		}
	}
}

// windowReport runs a JSON report and returns it without the input counts
// that a windowed run changes by not reading some files: the files and
// records read, and of those the ones outside the window or duplicates
// of another file's.
func windowReport(t *testing.T, args []string) (map[string]any, int) {
	t.Helper()
	code, out, errOut := runCLI(t, "", append([]string{"--format", "json", "--tz", "UTC"}, args...)...)
	if code != exitOK {
		t.Fatalf("%v: got exit %d, stderr %q", args, code, errOut)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	in := rep["inputs"].(map[string]any)
	notRead, _ := in["not_read"].(float64)
	for _, k := range []string{"files", "records", "outside_window", "duplicates", "sources", "not_read", "not_read_before"} {
		delete(in, k)
	}
	return rep, int(notRead)
}

// TestWindowLeavesOldFilesUnread checks that a windowed run over files
// dated as their clients write them counts what a run reading every file
// counts, and that it leaves unread the files last written before the
// window's start less the margin: 14h for naive stamps written east of UTC
// and read in UTC (20h when read in New York, UTC-5) and 1h of clock skew.
func TestWindowLeavesOldFilesUnread(t *testing.T) {
	dir, written := datedCopy(t)
	since := time.Date(2025, 1, 14, 18, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		args   []string
		cutoff time.Time // files last written before it are not read
	}{
		{"since", []string{"--since", "2025-01-14T18:00:00Z"}, since.Add(-15 * time.Hour)},
		{"input zone west", []string{"--since", "2025-01-14T18:00:00Z", "--input-tz", "America/New_York"}, since.Add(-20 * time.Hour)},
		{"input zone east", []string{"--since", "2025-01-14T18:00:00Z", "--input-tz", "Asia/Kolkata"}, since.Add(-15 * time.Hour)},
		{"compare previous", []string{"--since", "2025-01-14T18:00:00Z", "--until", "2025-01-14T23:00:00Z", "--compare", "previous"},
			since.Add(-5*time.Hour - 15*time.Hour)},
		{"until", []string{"--since", "2025-01-14T12:00:00Z", "--until", "2025-01-14T16:00:00Z"}, since.Add(-6*time.Hour - 15*time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(tt.args, dir)
			setTimes(t, written, func(time.Time) time.Time { return time.Now() })
			full, none := windowReport(t, args)
			setTimes(t, written, func(w time.Time) time.Time { return w })
			windowed, notRead := windowReport(t, args)
			want := 0
			for _, w := range written {
				if w.Before(tt.cutoff) {
					want++
				}
			}
			if none != 0 || notRead != want || want == 0 {
				t.Errorf("files not read: got %d (all read: %d), want %d of %d (and 0)", notRead, none, want, len(written))
			}
			for k := range full {
				if !reflect.DeepEqual(full[k], windowed[k]) {
					a, _ := json.Marshal(full[k])
					b, _ := json.Marshal(windowed[k])
					t.Errorf("windowed report's %s differs from the full one's:\n got %s\nwant %s", k, b, a)
				}
			}
			_, text, _ := runCLI(t, "", append([]string{"--tz", "UTC"}, args...)...)
			if line := fmt.Sprintf("Not read: %d files last written before %s", want, tt.cutoff.Format(time.RFC3339)); !strings.Contains(text, line) {
				t.Errorf("text report: got no %q in it", line)
			}
			if s := full["summary"].(map[string]any); s["requests"].(float64) == 0 {
				t.Errorf("got no request in the window, want some")
			}
		})
	}
}

// TestWindowOfOnlyOldFiles checks that a window no file was written in is
// no failure to read: the run says why it counts nothing, and exits 3
// under --threshold.
func TestWindowOfOnlyOldFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "api_test.log")
	log := "2025-01-13 10:00:00,000 - INFO - Starting API tests - Log file: logs/api_test.log\n" +
		"2025-01-13 10:00:00,050 - INFO - Testing Create Trunk: /trunks\n" +
		"2025-01-13 10:00:00,350 - INFO - ✅ Create Trunk - Status: 201\n"
	if err := os.WriteFile(path, []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	written := time.Date(2025, 1, 13, 10, 0, 1, 0, time.UTC)
	if err := os.Chtimes(path, written, written); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--threshold", "5", "--since", "2025-01-14T02:00:00Z", path)
	want := "errpat: no requests in the window: 1 file last written before it, not read\n"
	if code != exitNoData || errOut != want || !strings.Contains(out, "Not read: 1 file last written before 2025-01-13T11:00:00Z") {
		t.Errorf("got exit %d, stderr %q, report %q; want exit 3, %q and the file not read", code, errOut, out, want)
	}
	// 15 hours after its last write the window may still hold its records,
	// read in a zone east of UTC too (some formats read naive stamps as UTC).
	code, out, _ = runCLI(t, "", "--tz", "UTC", "--threshold", "5", "--since", "2025-01-14T01:00:00Z", "--input-tz", "Pacific/Kiritimati", path)
	if code != exitNoData || strings.Contains(out, "Not read") {
		t.Errorf("got exit %d and %q, want exit 3 with the file read", code, out)
	}
}
