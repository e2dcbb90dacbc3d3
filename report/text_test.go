package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestFitWidths(t *testing.T) {
	tests := []struct {
		name           string
		natural, floor []int
		width          int
		want           []int
	}{
		{"fits as it is", []int{5, 10}, []int{5, 10}, 80, []int{5, 10}},
		// 80 - 3*6 - 1 = 61 columns for cells; the numbers keep theirs.
		{"the wide column takes what is left", []int{60, 8, 6, 6, 6, 6}, []int{10, 8, 6, 6, 6, 6}, 80, []int{29, 8, 6, 6, 6, 6}},
		{"two wide columns share", []int{100, 100}, []int{10, 10}, 80, []int{36, 36}},
		{"a file name keeps its floor", []int{100, 60}, []int{10, 50}, 80, []int{23, 50}},
		{"floors that do not fit give way", []int{60, 60}, []int{50, 50}, 80, []int{36, 37}},
	}
	for _, tt := range tests {
		got := fitWidths(tt.natural, tt.floor, tt.width)
		total := 3*len(got) + 1
		for _, w := range got {
			total += w
		}
		if !slices.Equal(got, tt.want) || total > tt.width {
			t.Errorf("%s: got %v (%d columns), want %v", tt.name, got, total, tt.want)
		}
	}
}

func TestNumbersAndPlurals(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {1234567, "1,234,567"}, {-45000, "-45,000"}} {
		if got := num(tt.n); got != tt.want {
			t.Errorf("num(%d): got %q, want %q", tt.n, got, tt.want)
		}
	}
	if got := counted(1, "request"); got != "1 request" {
		t.Errorf("got %q, want 1 request", got)
	}
	if got := counted(1819, "request"); got != "1,819 requests" {
		t.Errorf("got %q, want 1,819 requests", got)
	}
}

func TestShortPathsAndCommonFolder(t *testing.T) {
	if got := commonFolder([]string{"logs/a/x.log", "logs/b/y.log:3", "logs/a/z.log"}); got != "logs/" {
		t.Errorf("common folder: got %q, want logs/", got)
	}
	if got := commonFolder([]string{"logs/a/x.log", "other.log"}); got != "" {
		t.Errorf("common folder: got %q, want none", got)
	}
	if got := shortPath("testdata/generated/logs/api_test_20250113_153715.log:12", 20); got != "…/api_test_20250113_153715.log:12" {
		t.Errorf("got %q, want the base name", got)
	}
	if got := shortPath("(a/b/c.log:3)", 5); got != "(…/c.log:3)" {
		t.Errorf("got %q, want (…/c.log:3)", got)
	}
}

// TestWrapKeepsFileNames: prose wraps at words, and a file name is never
// cut even when it is wider than the line.
func TestWrapKeepsFileNames(t *testing.T) {
	d := textDoc{width: 20}
	got := d.wrap("see logs/a_very_long_file_name_indeed.log for more", "")
	want := "see\nlogs/a_very_long_file_name_indeed.log\nfor more"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestEmptyHoursShown: a gap of one hour shows as a row of zeros, a long
// one as one row that counts its hours.
func TestEmptyHoursShown(t *testing.T) {
	r := &Report{SchemaVersion: SchemaVersion, TimeZone: "UTC"}
	for _, h := range []int{0, 2, 17} {
		r.ByHour = append(r.ByHour, Hour{Hour: jan13.Add(time.Duration(h) * time.Hour).Format(time.RFC3339), Requests: 3, Failed: 1})
	}
	out := render(t, r, "text")
	if !strings.Contains(out, "│ 2025-01-13 01:00 │        0 │      0 │          - │") {
		t.Errorf("the empty hour 01:00 is not shown:\n%s", out)
	}
	if !strings.Contains(out, "14 empty hours") || strings.Contains(out, "2025-01-13 03:00") {
		t.Errorf("want 03:00 to 16:00 folded into one row of 14 empty hours:\n%s", out)
	}
}

// TestDetailLevels: low is short and has no tables but the top messages;
// high has every evidence table.
func TestDetailLevels(t *testing.T) {
	r := sample(t)
	low, medium, high := renderDetail(t, r, "text", "low"), renderDetail(t, r, "text", "medium"), renderDetail(t, r, "text", "high")
	if n := strings.Count(low, "\n"); n >= 40 || strings.Contains(low, "By HTTP status") || !strings.Contains(low, "Top error messages") {
		t.Errorf("low: got %d lines, want under 40 with the top messages and no status table:\n%s", n, low)
	}
	if !strings.Contains(medium, "By HTTP status") || strings.Contains(medium, "FAILURES BY STATUS") {
		t.Errorf("medium: want the tables but not the flaky tests' evidence")
	}
	if !strings.Contains(high, "FAILURES BY STATUS") {
		t.Errorf("high: want the flaky tests' evidence table")
	}
}

// TestDoneLineOnATerminal: on a terminal the last line repeats the
// headline, in one line.
func TestDoneLineOnATerminal(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, sample(t), "text", RenderOptions{Layout: Layout{Width: 60, Terminal: true}}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if last := lines[len(lines)-1]; last != "DONE 48 requests, 22 failed (45.83%)" {
		t.Errorf("last line: got %q, want the DONE line", last)
	}
}

func TestZoneName(t *testing.T) {
	at := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
	if got := zoneName(time.FixedZone("Local", 2*3600), at); got != "UTC+02:00" {
		t.Errorf("got %q, want UTC+02:00", got)
	}
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Skip(err)
	}
	if got := zoneName(kolkata, at); got != "Asia/Kolkata" {
		t.Errorf("got %q, want Asia/Kolkata", got)
	}
}

// TestFileNamesNeverBroken: at 80 and 120 columns every file a top
// message or an incomplete run names shows whole, by its base name at
// least.
func TestFileNamesNeverBroken(t *testing.T) {
	r := sample(t)
	for _, width := range []int{80, 120} {
		var buf bytes.Buffer
		if err := Render(&buf, r, "text", RenderOptions{Layout: Layout{Width: width, Detail: "high"}}); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, m := range r.TopMessages {
			names = append(names, m.Source)
		}
		for _, run := range r.IncompleteRun {
			names = append(names, run.File)
		}
		for _, name := range names {
			if base := name[strings.LastIndex(name, "/")+1:]; !strings.Contains(buf.String(), base) {
				t.Errorf("%d columns: %s is broken or missing", width, base)
			}
		}
	}
}

// TestMarkdownFoldsLongTables: a table of more than foldRows rows is
// folded in <details>, its summary counting the rows; a short one is not.
func TestMarkdownFoldsLongTables(t *testing.T) {
	out := renderDetail(t, longReport(), "markdown", "high")
	if !strings.Contains(out, "<details><summary>50 rows</summary>\n\n| Endpoint |") {
		t.Errorf("want the 50 endpoints folded in <details>:\n%.2000s", out)
	}
	short := renderDetail(t, sample(t), "markdown", "medium")
	if !strings.Contains(short, "## By HTTP status\n\n| Status |") {
		t.Errorf("want the short status table unfolded")
	}
}

// TestWrapCutsLongWords: a word wider than the line that is no file name
// is cut, without blank lines.
func TestWrapCutsLongWords(t *testing.T) {
	d := textDoc{width: 10}
	if got, want := d.wrap("ab "+strings.Repeat("x", 25), ""), "ab\nxxxxxxxxxx\nxxxxxxxxxx\nxxxxx"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestEmptyHoursOfDayShown: an hour of the day without requests between
// busy ones shows as a row of zeros; the hours before the first and after
// the last busy one do not.
func TestEmptyHoursOfDayShown(t *testing.T) {
	r := &Report{SchemaVersion: SchemaVersion, TimeZone: "UTC"}
	for h := range 24 {
		hd := HourOfDay{Hour: h}
		if h == 6 || h == 8 {
			hd.Requests, hd.SuccessRate = 4, ptr(100.0)
		}
		r.ByHourOfDay = append(r.ByHourOfDay, hd)
	}
	out := render(t, r, "text")
	if !strings.Contains(out, "│ 07:00 │        0 │      0 │            - │") || strings.Contains(out, "05:00") || strings.Contains(out, "09:00") {
		t.Errorf("want 07:00 as an empty row, and no row before 06:00 or after 08:00:\n%s", out)
	}
}
