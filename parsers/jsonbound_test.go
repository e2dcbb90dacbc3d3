package parsers

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

// repeatReader yields pat n times, never holding more than one copy.
type repeatReader struct {
	pat []byte
	n   int
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	m := 0
	for m < len(p) && r.n > 0 {
		c := copy(p[m:], r.pat[r.off:])
		m += c
		r.off += c
		if r.off == len(r.pat) {
			r.off, r.n = 0, r.n-1
		}
	}
	if m == 0 {
		return 0, io.EOF
	}
	return m, nil
}

// chunkReader hands on at most n bytes a read, as a pipe or a gzip
// reader does.
type chunkReader struct {
	r io.Reader
	n int
}

func (c chunkReader) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

// generated is a document made of head, pat repeated n times, and tail,
// read in chunks of 32 KiB.
func generated(head, pat string, n int, tail string) io.Reader {
	k := max(1, 4096/len(pat)) // copies of pat in a block, for speed
	return chunkReader{io.MultiReader(strings.NewReader(head), &repeatReader{pat: []byte(strings.Repeat(pat, k)), n: n / k},
		&repeatReader{pat: []byte(pat), n: n % k}, strings.NewReader(tail)), 32 << 10}
}

type parsed struct {
	recs     []Record
	problems []Problem
}

func parseStream(r io.Reader) parsed {
	var p parsed
	parseStreamJSON(r, "big.json", Options{}, Sink{
		Record:  func(r *Record) { r.Payload, r.Response = "", ""; p.recs = append(p.recs, *r) },
		Problem: func(pr Problem) { p.problems = append(p.problems, pr) },
	})
	return p
}

// hugeJSON are the documents of TestHugeJSONValues, each with a check of
// what was read from it. Each holds one value of 256 MiB (32 MiB of small arrays for the last).
var hugeJSON = map[string]struct {
	doc   func() io.Reader
	check func(parsed) error
}{
	"details string": {
		doc: func() io.Reader {
			return generated(`{"test_results": [`+"\n"+`{"test_name": "a", "endpoint": "/a", "method": "GET", "success": false,`+"\n"+
				`"result": {"status_code": 500, "error": "boom", "details": "`, "xxxxxxxxxxxxxxxx", 16<<20,
				`"}},`+"\n"+`{"test_name": "b", "endpoint": "/b", "method": "GET", "success": true, "result": {"status_code": 200}}]}`+"\n")
		},
		check: func(p parsed) error {
			return want(p, 2, "big.json:3: string of 256.0 MiB cut to its first 1.0 MiB")
		},
	},
	"newman response stream": {
		doc: func() io.Reader {
			return generated(`{"run": {"executions": [`+"\n"+`{"item": {"name": "a", "id": "1"}, "request": {"method": "GET", "url": "http://h/a"},`+"\n"+
				`"response": {"code": 503, "stream": {"type": "Buffer", "data": [`, "123,34,", 38347922,
				`0]}, "responseTime": 1500}}]}}`)
		},
		check: func(p parsed) error {
			if err := want(p, 1, "big.json:3: array of over 1.0 MiB: its last 255.0 MiB are not read"); err != nil {
				return err
			}
			if r := p.recs[0]; r.Status != 503 || !r.HasSeconds || r.Seconds != 1.5 {
				return fmt.Errorf("got status %d and %v seconds (%v), want 503 and 1.5", r.Status, r.Seconds, r.HasSeconds)
			}
			return nil
		},
	},
	"many nested arrays": {
		// Each member is small; together they are over the element's bound.
		doc: func() io.Reader {
			return generated(`[{"endpoint": "/a", "status": 500, "x": [`, `[1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0],`, 1<<20,
				`[]]},`+"\n"+`{"endpoint": "/b", "status": 200}]`)
		},
		check: func(p parsed) error {
			if len(p.problems) != 1 || p.problems[0].Error() != "big.json:1: element of over 8.0 MiB: the rest of it is not read" {
				return fmt.Errorf("got problems %v, want the record over 8 MiB", p.problems)
			}
			if len(p.recs) != 2 || p.recs[1].Line != 2 {
				return fmt.Errorf("got %d records, want 2, the second on line 2", len(p.recs))
			}
			return nil
		},
	},
	"long number": {
		doc: func() io.Reader {
			return generated(`[{"endpoint": "/a", "status": 200, "duration_ms": 1`, "0000000000000000", 16<<20, `}]`)
		},
		check: func(p parsed) error {
			if err := want(p, 1, "big.json:1: value of 256.0 MiB taken for null"); err != nil {
				return err
			}
			if p.recs[0].HasSeconds {
				return fmt.Errorf("got %v seconds, want none", p.recs[0].Seconds)
			}
			return nil
		},
	},
}

func want(p parsed, records int, problem string) error {
	if len(p.recs) != records {
		return fmt.Errorf("got %d records, want %d", len(p.recs), records)
	}
	if len(p.problems) != 1 || p.problems[0].Error() != problem {
		return fmt.Errorf("got problems %v, want [%s]", p.problems, problem)
	}
	return nil
}

// TestHugeJSONValues reads documents that each hold one huge value,
// each in a child process whose peak memory is measured: the value is cut
// as it streams, and the cut is named.
func TestHugeJSONValues(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 800 MiB")
	}
	for name := range hugeJSON {
		t.Run(name, func(t *testing.T) {
			if mib := childPeak(t, "TestHugeJSONChild", name); mib > 150 {
				t.Errorf("peak memory %d MiB, want under 150", mib)
			}
		})
	}
}

// TestHugeJSONChild is TestHugeJSONValues's child process.
func TestHugeJSONChild(t *testing.T) {
	name := os.Getenv("ERRPAT_CHILD")
	c, ok := hugeJSON[name]
	if !ok {
		t.Skip("run by TestHugeJSONValues")
	}
	if err := c.check(parseStream(c.doc())); err != nil {
		t.Error(err)
	}
}

// childPeak runs the test named test in a child process, with
// ERRPAT_CHILD set to arg, and returns its peak resident memory in MiB.
func childPeak(t *testing.T, test, arg string) int64 {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.v")
	cmd.Env = append(os.Environ(), "ERRPAT_CHILD="+arg)
	out, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("--- PASS")) {
		t.Fatalf("child %s %q: %v\n%s", test, arg, err, out)
	}
	mib, ok := maxRSS(cmd.ProcessState)
	if !ok {
		t.Skip("no peak memory on this system")
	}
	t.Logf("peak memory %d MiB", mib)
	return mib
}

// TestLongBlankRuns reads documents with 16 MiB of blanks between tokens,
// through 32 KiB reads as from a pipe: the decoder is handed a few
// hundred blanks of each run, not the run, and lines are still counted.
func TestLongBlankRuns(t *testing.T) {
	for _, blank := range []string{" ", "\n", "\t\r\n "} {
		n := (16 << 20) / len(blank)
		doc := io.MultiReader(generated(`{"results": [`, blank, n, `{"endpoint": "/a", "status_code": 500}, `),
			generated("", blank, n, `{"endpoint": "/b", "status_code": 200}]}`))
		s := newJSONStream(doc)
		var recs []Record
		_, _ = parseJSONStream(s, "blanks.json", Options{}, Sink{Record: func(r *Record) { recs = append(recs, *r) }}, (*jsonDoc).document)
		if len(recs) != 2 {
			t.Fatalf("%q: got %d records, want 2", blank, len(recs))
		}
		lines := strings.Count(blank, "\n") * n
		if recs[0].Line != lines+1 || recs[1].Line != 2*lines+1 {
			t.Errorf("%q: got lines %d and %d, want %d and %d", blank, recs[0].Line, recs[1].Line, lines+1, 2*lines+1)
		}
		if s.out > 4<<10 {
			t.Errorf("%q: the decoder was handed %d bytes, want under 4 KiB", blank, s.out)
		}
	}
}

// BenchmarkLongBlankRuns reads 32 MiB of blanks between two tokens.
func BenchmarkLongBlankRuns(b *testing.B) {
	for b.Loop() {
		parseStream(generated(`[`, " ", 32<<20, `{"endpoint": "/a", "status": 200}]`))
	}
}

// FuzzJSONStream checks the filter in front of the decoder: a document
// under the bounds, without long blank runs, passes through unchanged, and
// a valid one gives the same records streamed as read whole.
func FuzzJSONStream(f *testing.F) {
	f.Add(`{"test_results": [{"test_name": "a", "result": {"status_code": 200}}]}`)
	f.Add("[{\"url\": \"/a\\u00e9\\\"\", \"status\": 500},\n 3, true, null, -1.5e3]")
	f.Add(`{"run": {"timings": {"started": 1}, "executions": [{"item": {"id": "x"}}]}}`)
	f.Fuzz(func(t *testing.T, in string) {
		if !strings.Contains(in, strings.Repeat(" ", maxJSONBlanks)) && len(in) < maxJSONLiteral {
			b, err := io.ReadAll(newJSONStream(strings.NewReader(in)))
			if err != nil || string(b) != in {
				t.Fatalf("filtered %q to %q, %v", in, b, err)
			}
		}
		if !validJSON(in) {
			return
		}
		read := func(small bool) []Record {
			var recs []Record
			sink := Sink{Record: func(r *Record) { recs = append(recs, *r) }}
			if small {
				parseSmallJSON(in, "f", Options{}, sink)
			} else {
				parseStreamJSON(strings.NewReader(in), "f", Options{}, sink)
			}
			return recs
		}
		if small, streamed := read(true), read(false); !reflect.DeepEqual(small, streamed) {
			t.Fatalf("read whole: %+v\nstreamed: %+v", small, streamed)
		}
	})
}

// hugeXML are the JUnit reports of TestHugeJUnitValues: each holds one
// value of 256 MiB, before a test case whose line must still be right.
var hugeXML = map[string]string{
	"system-out":      "<testsuite name=\"s\">\n<system-out>%s</system-out>\n",
	"failure text":    "<testsuite name=\"s\">\n<testcase name=\"a\"><failure message=\"boom\">%s</failure></testcase>\n",
	"CDATA":           "<testsuite name=\"s\">\n<system-out><![CDATA[%s]]></system-out>\n",
	"attribute value": "<testsuite name=\"s\">\n<testcase name=\"a\"><failure message=\"%s\"/></testcase>\n",
	"comment":         "<testsuite name=\"s\">\n<!--%s-->\n",
}

// TestHugeJUnitValues reads JUnit reports that each hold one value of
// 256 MiB (16 Mi lines), each in a child process whose peak
// memory is measured: the value is cut as it streams, the cut is named,
// and the line numbers after it stay right.
func TestHugeJUnitValues(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 1.2 GiB")
	}
	for name := range hugeXML {
		t.Run(name, func(t *testing.T) {
			if mib := childPeak(t, "TestHugeJUnitChild", name); mib > 150 {
				t.Errorf("peak memory %d MiB, want under 150", mib)
			}
		})
	}
}

// TestHugeJUnitChild is TestHugeJUnitValues's child process.
func TestHugeJUnitChild(t *testing.T) {
	name := os.Getenv("ERRPAT_CHILD")
	doc, ok := hugeXML[name]
	if !ok {
		t.Skip("run by TestHugeJUnitValues")
	}
	head, tail, _ := strings.Cut(doc, "%s")
	const n = 16 << 20 // lines of the value
	tail += "<testcase name=\"b\"><failure message=\"late\"/></testcase>\n</testsuite>\n"
	var recs []Record
	var problems []Problem
	ParseJUnit(generated(head, "é&lt;abcdefghi\n", n, tail), "big.xml", Options{}, Sink{
		Record:  func(r *Record) { recs = append(recs, *r) },
		Problem: func(p Problem) { problems = append(problems, p) },
	})
	if len(problems) != 1 || !strings.HasPrefix(problems[0].Error(), "big.xml:2: ") || !strings.Contains(problems[0].Err, "of 256.0 MiB cut to its first 1.0 MiB") {
		t.Errorf("got problems %v, want the value on line 2 cut", problems)
	}
	last := recs[len(recs)-1]
	if wantLine := 2 + n + 1; last.Test != "b" || last.Line != wantLine || last.Message != "late" {
		t.Errorf("got last record %q on line %d (%q), want b on line %d", last.Test, last.Line, last.Message, wantLine)
	}
}

// FuzzXMLStream checks the filter in front of the XML decoder: what is
// under the bounds passes through unchanged, its lines counted.
func FuzzXMLStream(f *testing.F) {
	f.Add("<testsuite name=\"a&amp;b\">\n<!-- c -->\n<![CDATA[x]]>\n<?pi x?></testsuite>")
	f.Fuzz(func(t *testing.T, in string) {
		s := newXMLStream(strings.NewReader(in), nil)
		b, err := io.ReadAll(s)
		if err != nil || string(b) != in {
			t.Fatalf("filtered %q to %q, %v", in, b, err)
		}
		for off := range len(in) + 1 {
			if got, want := s.lineAt(int64(off)), strings.Count(in[:off], "\n")+1; got != want {
				t.Fatalf("line at %d: got %d, want %d", off, got, want)
			}
		}
	})
}
