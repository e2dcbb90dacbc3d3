package parsers

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// tally is what a test report adds up to, worked out by hand.
type tally struct{ tests, failed, skipped, flaky int }

func testTallyOf(recs []Record) tally {
	var n tally
	for _, r := range recs {
		n.tests++
		switch {
		case r.Failed:
			n.failed++
		case r.Skipped:
			n.skipped++
		case r.Retries > 0:
			n.flaky++
		}
	}
	return n
}

// readReport parses a sample of testdata/reports.
func readReport(t *testing.T, fn ParseFunc, name string) ([]Record, []Problem) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "reports", name))
	if err != nil {
		t.Fatal(err)
	}
	return parseWith(t, fn, string(data), Options{Location: time.UTC})
}

// wantRec is what a test checks of one record.
type wantRec struct {
	test    string
	line    int
	failed  bool
	skipped bool
	retries int
	status  int
	message string
}

func checkWant(t *testing.T, recs []Record, want []wantRec) {
	t.Helper()
	for _, w := range want {
		var got *Record
		for i := range recs {
			if recs[i].Test == w.test {
				got = &recs[i]
				break
			}
		}
		if got == nil {
			t.Errorf("no record of test %q", w.test)
			continue
		}
		g := wantRec{got.Test, got.Line, got.Failed, got.Skipped, got.Retries, got.Status, got.Message}
		if g != w {
			t.Errorf("test %q:\ngot  %+v\nwant %+v", w.test, g, w)
		}
	}
}

// checkReportSample checks a sample's tally and some of its records, and
// that no record is the report's metadata: every record names a test.
func checkReportSample(t *testing.T, fn ParseFunc, name string, want tally, recs []wantRec) []Record {
	t.Helper()
	got, probs := readReport(t, fn, name)
	if len(probs) > 0 {
		t.Errorf("%s: got problems %v, want none", name, probs)
	}
	if n := testTallyOf(got); n != want {
		t.Errorf("%s: got %+v, want %+v", name, n, want)
	}
	for _, r := range got {
		if r.Test == "" || r.Source != "in" || r.Line < 1 {
			t.Errorf("%s: record without a test name or line: %+v", name, r)
		}
		if r.Failed && r.Skipped {
			t.Errorf("%s: %q both failed and skipped", name, r.Test)
		}
	}
	checkWant(t, got, recs)
	return got
}

// TestSmallAndStreamedReportsAgree keeps the two ways of reading a JSON
// test report in step, on every JSON sample.
func TestSmallAndStreamedReportsAgree(t *testing.T) {
	reports := map[string]func(string, Options, Sink) *jsonReport{
		"playwright":  playwrightReport,
		"allure":      allureReport,
		"ctrf":        ctrfReport,
		"cucumber":    cucumberReport,
		"mochawesome": mochawesomeReport,
		"pytest-json": pytestReport,
	}
	for dir, report := range reports {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "reports", dir, "*.json"))
		if len(files) < 2 {
			t.Errorf("%s: got %d samples, want at least 2", dir, len(files))
		}
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			read := func(stream bool) ([]Record, []Problem) {
				var recs []Record
				var probs []Problem
				jr := report(name, Options{Location: time.UTC}, Sink{
					Record:  func(r *Record) { recs = append(recs, *r) },
					Problem: func(p Problem) { probs = append(probs, p) },
				})
				if stream {
					if err := jr.stream(bytes.NewReader(data)); err != nil {
						t.Fatal(err)
					}
				} else {
					jr.small(string(data))
				}
				return recs, probs
			}
			small, sp := read(false)
			streamed, stp := read(true)
			if !reflect.DeepEqual(small, streamed) || !reflect.DeepEqual(sp, stp) {
				t.Errorf("%s: whole and streamed reads differ:\n%+v\n%+v", name, small, streamed)
			}
		}
	}
}

// TestReportsCutShort checks that a JSON report cut in the middle gives
// the tests before the cut and one problem that counts the rest.
func TestReportsCutShort(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "playwright", "failing.json"))
	if err != nil {
		t.Fatal(err)
	}
	cut := string(data[:bytes.Index(data, []byte(`"numbers.spec.ts"`))])
	recs, probs := parseWith(t, parsePlaywright, cut, Options{})
	// The first file's suite is whole: its 5 tests; the second is cut.
	if len(recs) != 5 || len(probs) != 1 || !strings.Contains(probs[0].Err, "unexpected end of input") || probs[0].Lines < 1 {
		t.Errorf("got %d records and problems %v, want 5 records and one problem of the cut", len(recs), probs)
	}
}

// TestJSONReadFailureStops checks that a read that fails in the middle of
// a streamed JSON document is returned as the read error it is (for the
// caller to tell as a stop), not worded as invalid JSON, and that the
// records read before it are kept.
func TestJSONReadFailureStops(t *testing.T) {
	ioErr := errors.New("input/output error")
	cases := []struct {
		name  string
		parse func(io.Reader, string, Options, Sink) error
		head  string
		want  int // records before the failure
	}{
		{"results file", ParseJSON, "{\"test_results\": [\n{\"endpoint\": \"/a\", \"result\": {\"status_code\": 500}},\n", 1},
		{"Playwright", parsePlaywright, "{\"suites\": [{\"specs\": [{\"title\": \"t\", \"tests\": [{\"status\": \"expected\", \"results\": [{\"status\": \"passed\"}]}]}]},\n", 1},
		{"CTRF", parseCTRF, "{\"results\": {\"tests\": [{\"name\": \"a\", \"status\": \"failed\", \"message\": \"HTTP 503\"},\n", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var recs int
			var probs []Problem
			r := io.MultiReader(strings.NewReader(c.head), failingReader{ioErr})
			err := c.parse(r, "x.json", Options{}, Sink{
				Record:  func(*Record) { recs++ },
				Problem: func(p Problem) { probs = append(probs, p) },
			})
			if !errors.Is(err, ioErr) {
				t.Errorf("got error %v, want the read error", err)
			}
			if recs != c.want {
				t.Errorf("got %d records, want %d", recs, c.want)
			}
			for _, p := range probs {
				if strings.Contains(p.Err, "invalid JSON") {
					t.Errorf("got problem %q: a failed read is no invalid JSON", p.Err)
				}
			}
		})
	}
}
