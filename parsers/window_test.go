package parsers

import (
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
