package analyzer

import (
	"testing"
	"time"
)

func TestLoadZone(t *testing.T) {
	t.Setenv("TZ", "Asia/Tokyo")
	for name, want := range map[string]string{
		"": "Asia/Tokyo", "local": "Asia/Tokyo", "Local": "Asia/Tokyo",
		"utc": "UTC", "Z": "UTC", "UTC": "UTC", "Asia/Kolkata": "Asia/Kolkata",
	} {
		loc, err := LoadZone(name)
		if err != nil || loc.String() != want {
			t.Errorf("LoadZone(%q): got %v, %v; want %s", name, loc, err, want)
		}
	}
	if loc, err := LoadZone("Mars/Olympus"); err == nil {
		t.Errorf("LoadZone(Mars/Olympus): got %v, want an error", loc)
	}
}

// TestLocalZoneAsGoReadsTZ: an empty TZ is UTC, one Go cannot load
// leaves time.Local; a zone is named, never "Local".
func TestLocalZoneAsGoReadsTZ(t *testing.T) {
	t.Setenv("TZ", ":Europe/Paris")
	if got := LocalZone().String(); got != "Europe/Paris" {
		t.Errorf("TZ=:Europe/Paris: got %s, want Europe/Paris", got)
	}
	t.Setenv("TZ", "")
	if got := LocalZone(); got != time.Local {
		t.Errorf("TZ empty: got %v, want time.Local", got)
	}
}
