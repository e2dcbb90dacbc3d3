package parsers

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// exactJTLCSV reads a JTL CSV file the general way only: every row split
// into fields, every number read by strconv.
func exactJTLCSV(r io.Reader, source string, opt Options, sink Sink) error {
	return readJTLCSV(r, source, opt, sink, true)
}

// sameAsExact checks that the fast reading of in gives what the exact
// one gives: the same records, field by field, and the same problems.
func sameAsExact(t *testing.T, in string, opt Options) {
	t.Helper()
	recs, probs := parseWith(t, parseJTLCSV, in, opt)
	wantRecs, wantProbs := parseWith(t, exactJTLCSV, in, opt)
	if len(recs) != len(wantRecs) {
		t.Fatalf("got %d records, want %d (exact reading)\ngot  %+v\nwant %+v", len(recs), len(wantRecs), recs, wantRecs)
	}
	for i := range recs {
		if !reflect.DeepEqual(recs[i], wantRecs[i]) {
			t.Fatalf("record %d: got %+v, want %+v (exact reading)", i, recs[i], wantRecs[i])
		}
	}
	if !reflect.DeepEqual(probs, wantProbs) {
		t.Fatalf("got problems %+v, want %+v (exact reading)", probs, wantProbs)
	}
}

// jtlHeads are the first lines the random rows are read under: JMeter's
// default header, a subset in another order with tabs, one with a sample
// variable, none (default columns), and an odd one of a column twice.
var jtlHeads = []string{
	"timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n",
	"success\tresponseCode\tlabel\telapsed\tthreadName\n",
	"timeStamp;elapsed;label;responseCode;success;failureMessage;URL;\"trunk\"\n",
	"",
	"label,elapsed,label,timeStamp,URL,responseMessage\n",
}

// jtlValues are the values random rows are made of: the usual ones, and
// those the fast reading must hand to the exact one (signs, leading
// zeros, 19 digits and more, dates, case, quotes, spaces).
var jtlValues = []string{
	"", "0", "7", "007", "+12", "-5", "1795859880000", "1736726401986", "99999999999999999999", "999999999999999999",
	"9223372036854775807", "1e3", "12 ", " 12", "2026/11/28 09:58:00.000", "2026-11-28T09:58:00Z", "2026-11-28 09:58:00",
	"2026/11/28 09:58:00.123", "2026/11/28 09:58:00.999", "2026/11/28 09:58:01.007", "2026-11-28T09:58:00.500",
	"2026-11-28T09:58:00.5", "2026/11/28 09:58:00.12a", "2026/11/28 09:58:00.+12", "2026-11-28T09:58:00.123Z", "x.123",
	"11/28/26 09:58:00.250", "2026/02/30 09:58:00.100",
	"200", "201", "404", "500", "1000", "99", "Non HTTP response code: java.net.SocketTimeoutException",
	"Non HTTP response message: Read timed out", "Number of samples in transaction : 2, number of failing samples : 1",
	"true", "false", "TRUE", "False", "null", "https://api.example.test/trunks/TR1/uris", "Home", "Home-0", "Home-0-1",
	"T 1-1", "T 1-2", "OK", "\"a,b\"", "\"line one\r\nline two\"", "\"say \"\"hi\"\"\"", "x\ty", "a;b", "é", "\u00a0",
}

// randomJTL is a file of n random rows under head: mostly of the header's
// fields, some short or long, some blank lines, CR LF or LF endings.
func randomJTL(rnd *rand.Rand, head string, n int) string {
	delim, fields := ",", 17
	if head != "" {
		d, _ := jtlDelimiter([]byte(strings.TrimRight(head, "\r\n")))
		delim, fields = string(d), strings.Count(head, string(d))+1
	}
	var b strings.Builder
	b.WriteString(head)
	for range n {
		k := fields
		switch rnd.IntN(12) {
		case 0:
			k = rnd.IntN(fields + 3)
		case 1:
			b.WriteString(" \t\n")
			continue
		}
		for i := range k {
			if i > 0 {
				b.WriteString(delim)
			}
			b.WriteString(jtlValues[rnd.IntN(len(jtlValues))])
		}
		if rnd.IntN(3) == 0 {
			b.WriteString("\r")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestJTLCSVFastIsExact holds the fast reading to the exact one on random
// files, under each kind of header, with and without a short longest line.
func TestJTLCSVFastIsExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for i, head := range jtlHeads {
		for run := range 20 {
			in := randomJTL(rnd, head, 200)
			for _, max := range []int{0, 96} {
				t.Run(fmt.Sprintf("head %d run %d max %d", i, run, max), func(t *testing.T) {
					sameAsExact(t, in, Options{Location: time.UTC, MaxLine: max})
				})
			}
		}
	}
}

// TestJTLCSVFastSamples holds the fast reading to the exact one on the
// sample files and the bench file.
func TestJTLCSVFastSamples(t *testing.T) {
	for _, name := range []string{"api_run.jtl", "default_columns.csv", "HTMLReportTestFile.csv"} {
		data, err := os.ReadFile("../testdata/load/jmeter/" + name)
		if err != nil {
			t.Fatal(err)
		}
		sameAsExact(t, string(data), Options{Location: time.UTC})
	}
	sameAsExact(t, string(benchJTL(3000)), Options{Location: time.UTC})
}

// TestDelims checks delims against bytes.IndexByte, at every length and
// offset of a word.
func TestDelims(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte{',', ',', 'a', '0', 0x80 | ',', ',' - 1, ',' + 1, 0, 0xff, '\t'}
	for n := range 80 {
		for range 20 {
			line := make([]byte, n)
			for i := range line {
				line[i] = alphabet[rnd.IntN(len(alphabet))]
			}
			for _, delim := range []byte{',', '\t', 0, 0xff} {
				var want []int
				for i := 0; ; {
					j := bytes.IndexByte(line[i:], delim)
					if j < 0 {
						break
					}
					want = append(want, i+j)
					i += j + 1
				}
				if got := delims(nil, line, delim); !slices.Equal(got, want) {
					t.Fatalf("delims(%q, %q): got %v, want %v", line, delim, got, want)
				}
				if got := delims([]int{-1}, line, delim); got[0] != -1 || !slices.Equal(got[1:], want) {
					t.Fatalf("delims([-1], %q, %q): got %v, want -1 and %v", line, delim, got, want)
				}
			}
		}
	}
}

// TestJTLDigits checks jtlDigits against strconv.ParseInt, on chosen
// strings and on random ones of digits and the bytes either side of them
// (and those whose sums carry or borrow).
func TestJTLDigits(t *testing.T) {
	cases := []string{"", "0", "00", "7", "+7", "-7", "1795859880000", "999999999999999999",
		"1000000000000000000", "9223372036854775807", "1_000", "12a", " 1", "٣", "\xef\xbb\xbf17958"}
	rnd := rand.New(rand.NewPCG(9, 10))
	alphabet := "0123456789/:\x00\xff\xba\xb9\xef\x80\x7f"
	for range 20000 {
		b := make([]byte, rnd.IntN(20))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
			if rnd.IntN(4) > 0 {
				b[i] = alphabet[rnd.IntN(10)]
			}
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want, err := strconv.ParseInt(s, 10, 64)
		allDigits := s != "" && strings.Trim(s, "0123456789") == "" && len(s) <= 18
		// b alone in its buffer, and followed by digits and others
		for _, b := range [][]byte{[]byte(s)[:len(s):len(s)], []byte(s + "12,x9876543")[:len(s)]} {
			n, ok := jtlDigits(b)
			if ok && (err != nil || n != want) {
				t.Errorf("jtlDigits(%q) (cap %d): got %d, want %d (%v)", s, cap(b), n, want, err)
			}
			if ok != allDigits {
				t.Errorf("jtlDigits(%q) (cap %d): got ok %v, want %v", s, cap(b), ok, allDigits)
			}
		}
	}
}

func FuzzJTLCSVFast(f *testing.F) {
	rnd := rand.New(rand.NewPCG(5, 6))
	for i, head := range jtlHeads {
		f.Add(uint8(i), randomJTL(rnd, head, 8)[len(head):])
	}
	f.Add(uint8(0), "\xef\xbb\xbf1795859880000,9,Get,200,OK,T 1-1,text,true,,10,10,1,1,null,9,0,0\n")
	f.Fuzz(func(t *testing.T, head uint8, body string) {
		in := jtlHeads[int(head)%len(jtlHeads)] + body
		checkStream(t, parseJTLCSV, in, Options{MaxLine: 256})
		sameAsExact(t, in, Options{Location: time.UTC, MaxLine: 256})
	})
}

// unquoteByByte is csvRows.unquote as it was first written, a byte at a
// time: the reference unquote is held to.
func unquoteByByte(line []byte, delim byte, inQuote, fieldStart bool, out []byte, ends []int) ([]byte, []int, bool, bool) {
	for i := 0; i < len(line); i++ {
		b := line[i]
		switch {
		case inQuote && b == '"' && i+1 < len(line) && line[i+1] == '"':
			out = append(out, '"')
			i++
		case inQuote && b == '"':
			inQuote = false
		case inQuote:
			out = append(out, b)
		case b == '"' && fieldStart:
			inQuote = true
			fieldStart = false
		case b == delim:
			ends = append(ends, len(out))
			fieldStart = true
		default:
			out = append(out, b)
			fieldStart = false
		}
	}
	return out, ends, inQuote, fieldStart
}

// sameUnquote checks unquote against unquoteByByte on one line, from
// each state.
func sameUnquote(t *testing.T, line []byte, delim byte) {
	t.Helper()
	for _, state := range [][2]bool{{false, true}, {false, false}, {true, false}, {true, true}} {
		c := csvRows{delim: delim, out: []byte("x"), ends: []int{1}}
		inQuote, fieldStart := c.unquote(line, state[0], state[1])
		out, ends, wantQuote, wantStart := unquoteByByte(line, delim, state[0], state[1], []byte("x"), []int{1})
		if !bytes.Equal(c.out, out) || !slices.Equal(c.ends, ends) || inQuote != wantQuote || fieldStart != wantStart {
			t.Fatalf("unquote(%q, %q, %v): got %q %v %v %v, want %q %v %v %v", line, delim, state,
				c.out, c.ends, inQuote, fieldStart, out, ends, wantQuote, wantStart)
		}
	}
}

// TestUnquote holds unquote to the byte-at-a-time reading on random lines
// of quotes, delimiters and text.
func TestUnquote(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	alphabet := []byte{'"', '"', ',', ';', 'a', 'b', ' ', '\r'}
	for n := range 40 {
		for range 50 {
			line := make([]byte, n)
			for i := range line {
				line[i] = alphabet[rnd.IntN(len(alphabet))]
			}
			sameUnquote(t, line, ',')
			sameUnquote(t, line, ';')
		}
	}
}

func FuzzUnquote(f *testing.F) {
	f.Add([]byte(`a,"b,""c""",,"d`), byte(','))
	f.Add([]byte(`"x""`), byte('"'))
	f.Fuzz(func(t *testing.T, line []byte, delim byte) {
		sameUnquote(t, line, delim)
	})
}
