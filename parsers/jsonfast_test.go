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

// plainBytesByLoop is what plainBytes counts, a byte at a time.
func plainBytesByLoop(w uint64) int {
	n := 0
	for ; n < 8; n++ {
		if c := byte(w >> (8 * n)); c < ' ' || c == '"' || c == '\\' {
			break
		}
	}
	return n
}

func TestPlainBytes(t *testing.T) {
	for c := range 256 {
		for at := range 8 {
			for _, rest := range []byte{'a', '"', 0, 0xff} {
				b := []byte("abcdefgh")
				b[at] = byte(c)
				for i := at + 1; i < 8; i++ {
					b[i] = rest
				}
				w := load64(string(b), 0)
				if got, want := plainBytes(w), plainBytesByLoop(w); got != want {
					t.Errorf("plainBytes(%q) = %d, want %d", b, got, want)
				}
			}
		}
	}
}

// FuzzPlainBytes holds plainBytes to the byte loop on every word.
func FuzzPlainBytes(f *testing.F) {
	f.Add(uint64(0x2261616161616161))
	f.Add(uint64(0x1f5c2280ff202122))
	f.Fuzz(func(t *testing.T, w uint64) {
		if got, want := plainBytes(w), plainBytesByLoop(w); got != want {
			t.Fatalf("plainBytes(%#x) = %d, want %d", w, got, want)
		}
	})
}

// checkReadNumber holds readNumber to scanNumber (where the number
// ends, whether it is one) and to strconv.ParseFloat (its value, to the
// bit), on s and on s followed by more of a line.
func checkReadNumber(t *testing.T, s string) {
	t.Helper()
	if s == "" {
		return
	}
	for _, line := range []string{s, s + `, "x": 1}`} {
		end, num, ok := readNumber(line, 0)
		wantEnd, wantOK := scanNumber(line, 0)
		if ok != wantOK || ok && end != wantEnd {
			t.Fatalf("readNumber(%q) ends at %d, %v; scanNumber at %d, %v", line, end, ok, wantEnd, wantOK)
		}
		if !ok {
			continue
		}
		want, _ := strconv.ParseFloat(line[:end], 64)
		if math.Float64bits(num) != math.Float64bits(want) {
			t.Fatalf("readNumber(%q) = %v, want %v", line, num, want)
		}
	}
}

func TestReadNumber(t *testing.T) {
	for _, s := range []string{"0", "-0", "-0.0", "0.274", "0.05", "1.103", "200", "-12.5", "123456789012345", "1234567890123456",
		"0.1234567890123456", "9007199254740993", "1e3", "-2E-2", "1.5e+300", "99999999999999.9", "0.000000000000001", "18446744073709551617",
		"01", "-", "1.", ".5", "1e", "1e+", "-a", "0x1", "1.2.3", "2e2"} {
		checkReadNumber(t, s)
	}
}

// FuzzReadNumber holds readNumber to scanNumber and strconv.ParseFloat.
func FuzzReadNumber(f *testing.F) {
	for _, s := range []string{"0.274", "-0", "123456789012345", "0.1234567890123456", "1e5", "1.", "-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s != "" && (s[0] == '-' || s[0] >= '0' && s[0] <= '9') {
			checkReadNumber(t, s)
		}
	})
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

// TestAliasOf checks the alias table against the alias lists: every
// top-level alias is found with its field and rank, and nothing else is.
func TestAliasOf(t *testing.T) {
	found := 0
	for f, keys := range [nFields][]string{timeKeys, endpointKeys, methodKeys, statusKeys, secondKeys, msKeys, successKeys, messageKeys, testKeys, retryKeys, headerKeys, failedKeys, codeKeys, skippedKeys} {
		for rank, k := range keys {
			a, ok := aliasOf(k)
			if strings.Contains(k, ".") {
				if ok {
					t.Errorf("aliasOf(%q) = %+v, want none: a nested alias is no key", k, a)
				}
				continue
			}
			found++
			if !ok || a.f != field(f) || a.rank != rank {
				t.Errorf("aliasOf(%q) = %+v, %v; want field %d rank %d", k, a, ok, f, rank)
			}
			for _, other := range []string{k + "x", k[1:], strings.ToUpper(k), "x" + k[1:]} {
				if a, ok := aliasOf(other); ok && a.key != other {
					t.Errorf("aliasOf(%q) = %+v", other, a)
				}
			}
		}
	}
	for _, k := range []string{"", "x", "request", "response", "timestamps", "Endpoint", "status_codes"} {
		if a, ok := aliasOf(k); ok {
			t.Errorf("aliasOf(%q) = %+v, want none", k, a)
		}
	}
	if found < 50 {
		t.Errorf("found %d aliases, want the lists' 50 and more", found)
	}
}
