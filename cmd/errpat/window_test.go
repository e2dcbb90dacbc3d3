package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/analyzer"
)

// now is a Wednesday morning in Kolkata.
var (
	kolkata = time.FixedZone("IST", 5*3600+1800)
	now     = time.Date(2025, 1, 15, 10, 30, 0, 0, kolkata)
)

func at(d, h, m int) time.Time { return time.Date(2025, 1, d, h, m, 0, 0, kolkata) }

func TestDailyOptionsCheck(t *testing.T) {
	tests := []struct {
		name             string
		d                dailyOptions
		window, previous analyzer.Window
		band             analyzer.Band
	}{
		{"nothing set", dailyOptions{peak: "09-18"}, analyzer.Window{}, analyzer.Window{}, analyzer.Band{From: 9, To: 18}},
		{"since yesterday is all of yesterday", dailyOptions{since: "yesterday", peak: "9-18"},
			analyzer.Window{Since: at(14, 0, 0), Until: at(15, 0, 0)}, analyzer.Window{}, analyzer.Band{From: 9, To: 18}},
		{"a duration stays open", dailyOptions{since: "24h", peak: "22-06"},
			analyzer.Window{Since: at(14, 10, 30)}, analyzer.Window{}, analyzer.Band{From: 22, To: 6}},
		{"until a date counts to its end", dailyOptions{since: "2025-01-13", until: "2025-01-14", peak: "09:00-18:00"},
			analyzer.Window{Since: at(13, 0, 0), Until: at(15, 0, 0)}, analyzer.Window{}, analyzer.Band{From: 9, To: 18}},
		{"compare a day with the day before", dailyOptions{since: "yesterday", compare: "previous", peak: "09-18"},
			analyzer.Window{Since: at(14, 0, 0), Until: at(15, 0, 0)}, analyzer.Window{Since: at(13, 0, 0), Until: at(14, 0, 0)}, analyzer.Band{From: 9, To: 18}},
		{"compare the last 24 hours", dailyOptions{since: "24h", compare: "previous", peak: "09-18"},
			analyzer.Window{Since: at(14, 10, 30), Until: now}, analyzer.Window{Since: at(13, 10, 30), Until: at(14, 10, 30)}, analyzer.Band{From: 9, To: 18}},
		{"compare a week", dailyOptions{since: "last-week", compare: "previous", peak: "18-24"},
			analyzer.Window{Since: at(6, 0, 0), Until: at(13, 0, 0)}, analyzer.Window{Since: time.Date(2024, 12, 30, 0, 0, 0, 0, kolkata), Until: at(6, 0, 0)},
			analyzer.Band{From: 18, To: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.d
			d.now = func() time.Time { return now }
			if err := d.check(kolkata); err != nil {
				t.Fatal(err)
			}
			if !d.window.Since.Equal(tt.window.Since) || !d.window.Until.Equal(tt.window.Until) {
				t.Errorf("window: got %v, want %v", d.window, tt.window)
			}
			if !d.previous.Since.Equal(tt.previous.Since) || !d.previous.Until.Equal(tt.previous.Until) || d.hasPrevious != !tt.previous.Since.IsZero() {
				t.Errorf("previous: got %v (%v), want %v", d.previous, d.hasPrevious, tt.previous)
			}
			if d.band != tt.band {
				t.Errorf("band: got %v, want %v", d.band, tt.band)
			}
			cfg := d.config(analyzer.Config{Top: 3})
			if !cfg.Since.Equal(tt.window.Since) || cfg.Top != 3 || (cfg.Previous != nil) != d.hasPrevious {
				t.Errorf("config: got %+v", cfg)
			}
		})
	}
}

func TestDailyOptionsReject(t *testing.T) {
	tests := []struct {
		name string
		d    dailyOptions
		want string
	}{
		{"bad since", dailyOptions{since: "soon", peak: "09-18"}, `invalid --since "soon" (want an RFC 3339 time`},
		{"bad until", dailyOptions{until: "later", peak: "09-18"}, `invalid --until "later" (want`},
		{"empty window", dailyOptions{since: "today", until: "yesterday", peak: "09-18"}, "empty window: --since 2025-01-15T00:00:00+05:30 is not before"},
		{"compare what", dailyOptions{since: "today", compare: "last", peak: "09-18"}, `invalid --compare "last" (want previous)`},
		{"compare without since", dailyOptions{compare: "previous", peak: "09-18"}, "--compare previous needs --since"},
		{"compare and baseline", dailyOptions{since: "today", compare: "previous", baseline: "a.json", peak: "09-18"}, "exclude each other"},
		{"peak of one hour", dailyOptions{peak: "9"}, `invalid --peak "9" (want two different hours`},
		{"peak all day", dailyOptions{peak: "00-24"}, `invalid --peak "00-24"`},
		{"peak past midnight", dailyOptions{peak: "09-25"}, `invalid --peak "09-25"`},
		{"peak with minutes", dailyOptions{peak: "09:30-18:00"}, `invalid --peak "09:30-18:00"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.d
			d.now = func() time.Time { return now }
			err := d.check(kolkata)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// TestWindowCLI drives the window, the comparison and their errors
// through the command line.
func TestWindowCLI(t *testing.T) {
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--since", "2025-01-14", "--compare", "previous", "--format", "json",
		"testdata/daily/two_days.log")
	if code != 0 {
		t.Fatalf("got exit %d, stderr %q", code, errOut)
	}
	var rep struct {
		Window struct{ Since, Until string }
		Inputs struct {
			OutsideWindow int `json:"outside_window"`
		}
		Changes struct {
			Baseline struct{ Since, Until string }
			New      []struct{ Pattern string } `json:"new_patterns"`
		}
		Detected []struct{ Name string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Window.Since != "2025-01-14T00:00:00Z" || rep.Window.Until != "2025-01-15T00:00:00Z" || rep.Inputs.OutsideWindow != 8 {
		t.Errorf("window: got %+v, %d outside; want 2025-01-14 and 8 outside", rep.Window, rep.Inputs.OutsideWindow)
	}
	if rep.Changes.Baseline.Since != "2025-01-13T00:00:00Z" || len(rep.Changes.New) != 2 {
		t.Errorf("changes: got %+v, want the day before and 2 new patterns", rep.Changes)
	}
	if len(rep.Detected) != 1 || rep.Detected[0].Name != "auth_outage" {
		t.Errorf("detected: got %+v, want the auth outage", rep.Detected)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--since", "noon"}, `errpat: invalid --since "noon" (want an RFC 3339 time`},
		{[]string{"--compare", "previous"}, "errpat: --compare previous needs --since"},
		{[]string{"--since", "today", "--baseline", "testdata/daily/missing.json"}, "errpat: read --baseline: open testdata/daily/missing.json"},
		{[]string{"--baseline", "testdata/daily/two_days.log"}, "errpat: read --baseline testdata/daily/two_days.log: not an errpat JSON report"},
	} {
		code, out, errOut := runCLI(t, "", append(tt.args, "testdata/daily/two_days.log")...)
		if code != exitFailure || out != "" || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: got exit %d, stdout %.40q, stderr %q; want exit 2 and %q", tt.args, code, out, errOut, tt.want)
		}
	}
}

// TestWindowWorkersAgree checks that the daily report is byte-identical
// whatever the number of workers.
func TestWindowWorkersAgree(t *testing.T) {
	for _, format := range []string{"json", "text"} {
		args := []string{"--tz", "UTC", "--since", "2025-01-14", "--compare", "previous", "--format", format, "testdata/generated/logs"}
		_, one, _ := runCLI(t, "", append([]string{"--workers", "1"}, args...)...)
		_, many, _ := runCLI(t, "", append([]string{"--workers", "8"}, args...)...)
		if one != many || !strings.Contains(one, "peak_hour_degradation") && !strings.Contains(one, "Peak-hour degradation") {
			t.Errorf("%s: 1 and 8 workers differ, or the peak-hour degradation is missing", format)
		}
	}
}
