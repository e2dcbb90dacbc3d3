package parsers

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// accessSeeds are lines that lead the access log's fast path off its
// common road: quotes and escapes inside the request line, missing
// fields, "-" values, odd timestamps, IPv6 clients, extras of every kind.
var accessSeeds = []string{
	`10.0.0.42 - - [13/Jan/2025:00:00:01 +0000] "GET /trunks/TRB65ED5A6/destination-uris HTTP/1.1" 200 792 "-" "python-requests/2.31.0" 0.274`,
	`127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.1" 200 2326 "-" "ua" rt=0.1 urt="0.1, 0.2"`,
	`1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "\x16\x03" 400 0 "-" "-"`,
	`h - u [01/Jan/2026:00:00:00 +0530] "POST /b?c=\"d\" HTTP/2.0" - - "-" "x" 1 "r" "u" 3ms`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a\\" 200 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a\\\" HTTP/1.1" 200 1 "-" "ua\"x" 0.5`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a\x22b HTTP/1.1" 200 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a HTTP/1.1 x" 200 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET  /a HTTP/1.1" 200 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a " 200 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET " 200 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET" 200 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "" 200 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "-" - -`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a HTTP/1.1" 200`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a HTTP/1.1" 200 `,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a HTTP/1.1"  200 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a HTTP/1.1" 099 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a HTTP/1.1" 2000 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a HTTP/1.1" 200 1234567890123456789`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a HTTP/1.1" 200 -1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "M_-X /a HTTP/1.1" 200 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "ABCDEFGHIJKLMNOPQRSTU /a HTTP/1.1" 200 1`,
	`h - - [01/Jan/2026:00:00:00 +0000] "GET /a http/1.1" 200 1`,
	`2001:db8::1 - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1`,
	`[2001:db8::1]:443 - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1`,
	` [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1`,
	`h [x] [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1`,
	`h[ - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1`,
	`h - - [10/Oct/2026:13:55:60 +0000] "GET /a HTTP/1.1" 200 1`,
	`h - - [10/Oct/2026:13:55:61 +0000] "GET /a HTTP/1.1" 200 1`,
	`h - - [10/Oct/2026:13:55:6x +0000] "GET /a HTTP/1.1" 200 1`,
	`h - - [10/Oct/2026:13:55:-1 +0000] "GET /a HTTP/1.1" 200 1`,
	`h - - [31/Feb/2026:24:00:00 +0000] "GET /a HTTP/1.1" 200 1`,
	`h - - [00/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1`,
	`h - - [10/oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1`,
	`h - - [10/Oct/2026:13:55:36 +9959] "GET /a HTTP/1.1" 200 1`,
	`h - - [10/Oct/2026:13:55:36 -0000] "GET /a HTTP/1.1" 200 1`,
	`h - - [10/Oct/2026:13:55:36 0000] "GET /a HTTP/1.1" 200 1`,
	`h - - [10/Oct/2026:13:55:36] "GET /a HTTP/1.1" 200 1`,
	`h - - [10/Oct/2026:13:55:36.123 +0000] "GET /a HTTP/1.1" 200 1`,
	`h - - [10/Oct/2026:13:55:36 +0000]"GET /a HTTP/1.1" 200 1`,
	`h - - [10/Oct/2026:13:55:36 +0000] GET /a HTTP/1.1 200 1`,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua" 0.1, 0.2 0.3`,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua" RT=0.2 Urt="-" ut=0.1,0.2:0.3`,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua" request_time=1.5 upstream_time="0.5"`,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua" k="a b" 12 : 1.5ms`,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua"   0.25   `,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua" "unclosed 0.5`,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua"x"y z" 0.5`,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua" 12345678901234567.5 1.`,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua" =1 a= "x"=2 rt="0.3"`,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua\\" 0.5`,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "ua\` + "\t" + `0.5`,
	`h - - [10/Oct/2026:13:55:36 +0000] "GET /` + strings.Repeat("x", 5000) + ` HTTP/1.1" 200 1 "` + strings.Repeat(`\"`, 300) + `" 0.5`,
}

// FuzzAccessLogExact holds the access log's fast reading to the plain
// one (accesslog_exact_test.go): each line gives the same record or the
// same problem, with the minute and string caches carried from line to
// line, and the scanning steps the other access formats share agree too.
func FuzzAccessLogExact(f *testing.F) {
	f.Add(strings.Join(accessSeeds, "\n"))
	for _, s := range accessSeeds {
		f.Add(s + "\n" + s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var fast clfReader
		var exact exactReader
		for _, line := range strings.Split(in, "\n") {
			checkCLFLine(t, &fast, &exact, []byte(line))
			checkScanSteps(t, []byte(line))
		}
	})
}

// TestAccessLogExactSeeds runs the fuzz test's seeds, one by one and in
// a row, without -fuzz.
func TestAccessLogExactSeeds(t *testing.T) {
	var fast clfReader
	var exact exactReader
	for _, line := range accessSeeds {
		checkCLFLine(t, &fast, &exact, []byte(line))
		checkCLFLine(t, &fast, &exact, []byte(line))
		checkScanSteps(t, []byte(line))
	}
}

func checkCLFLine(t *testing.T, fast *clfReader, exact *exactReader, line []byte) {
	t.Helper()
	var got, want Record
	gotWhy := fast.read(bytes.Clone(line), &got)
	wantWhy := exact.read(line, &want)
	if gotWhy != wantWhy {
		t.Fatalf("%q: got problem %q, want %q", line, gotWhy, wantWhy)
	}
	if g, w := recordText(got), recordText(want); g != w {
		t.Fatalf("%q: got record %s, want %s", line, g, w)
	}
}

// recordText is what an access log record says, its time in its zone
// and its seconds to the bit.
func recordText(r Record) string {
	return r.Time.Format(time.RFC3339Nano) + " " + r.Method + " " + r.Endpoint + " " + itoa(r.Status) + " " +
		map[bool]string{true: "failed", false: "ok"}[r.Failed] + " " + r.Message + " " +
		map[bool]string{true: "seconds", false: "none"}[r.HasSeconds] + " " + strconv.FormatUint(math.Float64bits(r.Seconds), 16)
}

// checkScanSteps compares the shared scanning steps with the plain ones
// at every place of the line where they could be asked to start.
func checkScanSteps(t *testing.T, line []byte) {
	t.Helper()
	for i := range line {
		if line[i] == '"' {
			if got, want := quoteEnd(line, i), exactQuoteEnd(line, i); got != want {
				t.Fatalf("quoteEnd(%q, %d) = %d, want %d", line, i, got, want)
			}
		}
		if i == 0 || line[i-1] == ' ' || line[i-1] == '"' {
			rest := line[i:]
			gt, gr := nextToken(rest)
			wt, wr := exactNextToken(rest)
			if !bytes.Equal(gt, wt) || !bytes.Equal(gr, wr) || (gr == nil) != (wr == nil) {
				t.Fatalf("nextToken(%q) = %q, %q, want %q, %q", rest, gt, gr, wt, wr)
			}
			gm, gp, gok := parseRequestLine(rest)
			wm, wp, wok := exactRequestLine(rest)
			if gok != wok || !bytes.Equal(gm, wm) || !bytes.Equal(gp, wp) {
				t.Fatalf("parseRequestLine(%q) = %q %q %v, want %q %q %v", rest, gm, gp, gok, wm, wp, wok)
			}
			gs, gh := extrasSeconds(rest)
			ws, wh := exactExtrasSeconds(rest)
			if gh != wh || math.Float64bits(gs) != math.Float64bits(ws) {
				t.Fatalf("extrasSeconds(%q) = %v %v, want %v %v", rest, gs, gh, ws, wh)
			}
		}
	}
}
