package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUntilStopsSortedFile reads a JSON-lines file of two days, one
// request every 10 s, with a two-hour window: the file is read up to
// the first line an hour past --until, the report says what was not read
// and counts the window as the whole file would.
func TestUntilStopsSortedFile(t *testing.T) {
	var b strings.Builder
	requests, failed := 0, 0
	for i := range 2 * 24 * 360 {
		h, m, s := i/360, i%360/6, i%6*10
		status := 200
		if i%7 == 0 {
			status = 503
		}
		fmt.Fprintf(&b, `{"timestamp": "2025-01-%02dT%02d:%02d:%02dZ", "endpoint": "/trunks/TR%05d", "status_code": %d, "response_time": 0.25}`+"\n",
			13+h/24, h%24, m, s, i, status)
		if h >= 10 && h < 12 { // 13 Jan, 10:00 to 12:00
			requests++
			if status >= 400 {
				failed++
			}
		}
	}
	path := filepath.Join(t.TempDir(), "response_times.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	window := []string{"--tz", "UTC", "--since", "2025-01-13T10:00:00Z", "--until", "2025-01-13T12:00:00Z"}
	var out, errOut strings.Builder
	if code := run(append(window, "--format", "json", path), strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("got exit %d (%s), want 0", code, errOut.String())
	}
	var rep struct {
		Summary struct{ Requests, Failed int }
		Inputs  struct {
			Records      int
			NotReadRest  int    `json:"not_read_rest"`
			NotReadAfter string `json:"not_read_after"`
		}
	}
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Requests != requests || rep.Summary.Failed != failed {
		t.Errorf("got %d requests, %d failed; want %d, %d", rep.Summary.Requests, rep.Summary.Failed, requests, failed)
	}
	if in := rep.Inputs; in.NotReadRest != 1 || in.NotReadAfter != "2025-01-13T13:00:00Z" || in.Records >= 2*24*360/2 {
		t.Errorf("got %d records, %d files stopped after %q; want under half of %d, 1 after 2025-01-13T13:00:00Z", in.Records, in.NotReadRest, in.NotReadAfter, 2*24*360)
	}
	out.Reset()
	if code := run(append(window, path), strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("got exit %d (%s), want 0", code, errOut.String())
	}
	if want := "Not read: the rest of 1 file in time order after 2025-01-13T13:00:00Z"; !strings.Contains(out.String(), want) {
		t.Errorf("text report lacks %q:\n%s", want, out.String())
	}
}
