package parsers

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"
)

// The fast paths of JSON lines are held to the readings they spare:
// strconv.ParseFloat for numbers, timeValue for timestamps, the byte loop
// for strings.

func TestPlainWord(t *testing.T) {
	for c := range 256 {
		for at := range 8 {
			b := []byte("abcdefgh")
			b[at] = byte(c)
			want := c >= ' ' && c != '"' && c != '\\'
			if got := plainWord(load64(string(b), 0)); got != want {
				t.Errorf("plainWord(%q) = %v, want %v", b, got, want)
			}
		}
	}
}

func checkParseNumber(t *testing.T, s string) {
	t.Helper()
	if s == "" || s[0] != '-' && (s[0] < '0' || s[0] > '9') {
		return
	}
	if end, ok := scanNumber(s, 0); !ok || end != len(s) {
		return
	}
	want, _ := strconv.ParseFloat(s, 64)
	if got := parseNumber(s); math.Float64bits(got) != math.Float64bits(want) {
		t.Errorf("parseNumber(%q) = %v, want %v", s, got, want)
	}
}

func TestParseNumber(t *testing.T) {
	for _, s := range []string{"0", "-0", "-0.0", "0.274", "0.05", "1.103", "200", "-12.5", "123456789012345", "1234567890123456",
		"0.1234567890123456", "9007199254740993", "1e3", "-2E-2", "1.5e+300", "99999999999999.9", "0.000000000000001", "18446744073709551617"} {
		checkParseNumber(t, s)
	}
}

// FuzzParseNumber holds parseNumber to strconv.ParseFloat, to the bit.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"0.274", "-0", "123456789012345", "0.1234567890123456", "1e5"} {
		f.Add(s)
	}
	f.Fuzz(checkParseNumber)
}

// checkStamps reads the stamps in turn with one stamps and checks that each
// time is timeValue's, to the bit (the same wall clock, seconds and zone).
func checkStamps(t *testing.T, loc *time.Location, in ...string) {
	t.Helper()
	ts := &stamps{loc: loc}
	for _, s := range in {
		v := gjson.Result{Type: gjson.String, Str: s}
		if got, want := ts.value(v), timeValue(v, loc); got != want {
			t.Fatalf("%q after %q: got %v, want %v", s, in, got, want)
		}
	}
}

func TestStamps(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		berlin = time.FixedZone("CET", 3600)
	}
	for _, in := range [][]string{
		{"2025-01-13T00:00:01Z", "2025-01-13T00:00:02Z", "2025-01-13T00:59:59Z", "2025-01-13T01:00:00Z", "2025-01-13T00:30:00Z"},
		{"2025-01-13T00:00:01.5Z", "2025-01-13T00:00:01.123456789Z", "2025-01-13T00:00:01.1234567891Z", "2025-01-13T00:00:01.Z"},
		{"2025-01-13T00:00:60Z", "2025-01-13T00:60:00Z", "2025-01-13T00:00:01Z", "2025-01-13T00:0a:01Z", "2025-01-13T00:00:1aZ"},
		{"2025-02-30T00:00:01Z", "2025-02-30T00:00:02Z", "2025-01-13T24:00:01Z", "2025-01-13T24:00:02Z"},
		{"2025-01-13t00:00:01Z", "2025-01-13t00:00:02Z", "2025-01-13 00:00:01Z", "2025-01-13 00:00:02Z", " 2025-01-13T00:00:01Z"},
		{"2025-01-13T00:00:01+01:00", "2025-01-13T00:00:01", "2025-01-13T00:00:02Z", "2025-01-13T00:00:01z", "1736726401"},
	} {
		checkStamps(t, time.UTC, in...)
		checkStamps(t, berlin, in...)
	}
}

// FuzzStamps checks that a stamp read after another, of the same hour or
// not, is read as it would be alone.
func FuzzStamps(f *testing.F) {
	f.Add("2025-01-13T00:00:01Z", "2025-01-13T00:59:59.123Z")
	f.Add("2025-01-13T00:00:01.5Z", "2025-01-13T01:00:00Z")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkStamps(t, time.UTC, a, b, a)
	})
}

// TestJSONLinesKeepStrings checks that a record's strings outlive the
// reader's buffer, which the lines are read in: records kept across
// many buffers still say what their lines said.
func TestJSONLinesKeepStrings(t *testing.T) {
	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, `{"endpoint": "/e/%d", "method": "get", "status": 500, "error": "boom %d", "test_name": "t%d", "error_code": "E%d"}`+"\n", i, i%7, i, i%3)
	}
	var recs []Record
	if err := ParseJSONLines(strings.NewReader(b.String()), "f", Options{}, Sink{Record: func(r *Record) { recs = append(recs, *r) }}); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 20000 {
		t.Fatalf("got %d records, want 20000", len(recs))
	}
	for i, r := range recs {
		want := Record{Source: "f", Line: i + 1, Format: FormatJSONLines, Endpoint: fmt.Sprintf("/e/%d", i), Method: "GET", Status: 500, Failed: true,
			Test: fmt.Sprintf("t%d", i), Message: fmt.Sprintf("boom %d", i%7), Response: fmt.Sprintf("boom %d", i%7), ErrorCode: fmt.Sprintf("E%d", i%3)}
		if r != want {
			t.Fatalf("record %d: got %+v, want %+v", i, r, want)
		}
	}
}
