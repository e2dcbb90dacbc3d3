package main

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFilesDatedByTheirLastRecord checks that each client log's
// modification time is its last line's time, rounded up to the second,
// and that every input is dated in the corpus's days, as its writer would
// leave it.
func TestFilesDatedByTheirLastRecord(t *testing.T) {
	dir, _ := sharedMany(t)
	first := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	logs := 0
	err := filepath.WalkDir(filepath.Join(dir, "logs"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		mt := info.ModTime().UTC()
		if mt.Before(first) || mt.After(first.AddDate(0, 0, 30)) {
			t.Errorf("%s: got modified %v, want a time of the corpus", p, mt)
		}
		if !strings.HasPrefix(d.Name(), "api_test_") {
			return nil
		}
		logs++
		if want := lastLineTime(t, p).Truncate(time.Second).Add(time.Second); !mt.Equal(want) {
			t.Errorf("%s: got modified %v, want %v", p, mt, want)
		}
		return nil
	})
	if err != nil || logs == 0 {
		t.Fatalf("walk: %v, %d logs", err, logs)
	}
}

// lastLineTime reads the time that starts the last line of a client log
// with one ("2025-01-13 09:00:00,123 - ...").
func lastLineTime(t *testing.T, path string) time.Time {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var last time.Time
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); len(line) > 23 {
			if at, err := time.Parse("2006-01-02 15:04:05,000", line[:23]); err == nil {
				last = at
			}
		}
	}
	return last
}
