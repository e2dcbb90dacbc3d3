package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWindowCounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	rep := `{"summary": {"requests": 10, "failed": 4}, "inputs": {"not_read": 7}, "by_hour": [
		{"hour": "2025-02-22T18:00:00Z", "requests": 5, "failed": 2},
		{"hour": "2025-02-22T19:00:00Z", "requests": 3, "failed": 1},
		{"hour": "2025-02-22T20:00:00Z", "requests": 2, "failed": 1}]}`
	if err := os.WriteFile(path, []byte(rep), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		from    time.Time
		want    counts
		notRead int
	}{
		{time.Time{}, counts{10, 4, 3}, 7},
		{time.Date(2025, 2, 22, 19, 0, 0, 0, time.UTC), counts{5, 2, 2}, 7},
		{time.Date(2025, 2, 22, 21, 0, 0, 0, time.UTC), counts{0, 0, 0}, 7},
	}
	for _, tt := range tests {
		got, notRead, err := windowCounts(path, tt.from)
		if err != nil || got != tt.want || notRead != tt.notRead {
			t.Errorf("from %v: got %+v, %d not read, %v; want %+v, %d", tt.from, got, notRead, err, tt.want, tt.notRead)
		}
	}
}

func TestSelectSpecs(t *testing.T) {
	specs := corpusSpecs(true, 1)
	got, err := selectSpecs(specs, "jsonl,many")
	if err != nil || len(got) != 2 || got[0].name != corpusJSONL || got[1].name != corpusMany {
		t.Errorf("got %v, %v; want jsonl then many", got, err)
	}
	if _, err := selectSpecs(specs, "nope"); err == nil {
		t.Errorf("unknown corpus: got no error, want one")
	}
	if all, _ := selectSpecs(specs, ""); len(all) != len(specs) {
		t.Errorf("no selection: got %d corpora, want all %d", len(all), len(specs))
	}
}

func TestWindowStart(t *testing.T) {
	c := &corpus{latest: time.Date(2025, 2, 22, 20, 35, 14, 0, time.UTC)}
	if got, want := windowStart(c), time.Date(2025, 2, 22, 19, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestReportHoursAndMiddleDay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	rep := `{"summary": {"requests": 10, "failed": 4, "first": "2025-01-13T00:00:02Z", "last": "2025-02-10T11:00:39Z"}, "by_hour": [
		{"hour": "2025-01-26T23:00:00Z", "requests": 5, "failed": 2},
		{"hour": "2025-01-27T00:00:00Z", "requests": 3, "failed": 1},
		{"hour": "2025-01-27T23:00:00Z", "requests": 2, "failed": 1},
		{"hour": "2025-01-28T00:00:00Z", "requests": 7, "failed": 0}]}`
	if err := os.WriteFile(path, []byte(rep), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := readReport(path)
	if err != nil {
		t.Fatal(err)
	}
	// halfway: 13 Jan 00:00:02 + 14 days 5:30:18.5 = 27 Jan 05:30:20.5
	day := middleDay(&r)
	if want := time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC); !day.Equal(want) {
		t.Errorf("middle day: got %v, want %v", day, want)
	}
	if got, want := r.hours(day, day.Add(24*time.Hour)), (counts{5, 2, 2}); got != want {
		t.Errorf("the day's hours: got %+v, want %+v", got, want)
	}
}
