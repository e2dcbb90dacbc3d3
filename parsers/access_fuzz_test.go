package parsers

import (
	"bytes"
	"strings"
	"testing"
)

// fuzzLines checks a line format's reader on in: it never fails, and each
// non-blank line gives exactly one record or one problem, at its line.
func fuzzLines(t *testing.T, parse ParseFunc, in string) {
	t.Helper()
	lines := strings.Split(in, "\n")
	seen := map[int]int{}
	err := parse(strings.NewReader(in), "f", Options{MaxLine: 256}, Sink{
		Record:  func(r *Record) { seen[r.Line]++ },
		Problem: func(p Problem) { seen[p.Line]++ },
	})
	if err != nil {
		t.Fatal(err)
	}
	for n, line := range lines {
		blank := len(bytes.TrimSpace([]byte(strings.TrimPrefix(line, "\uFEFF")))) == 0
		if got := seen[n+1]; blank && got != 0 || !blank && got != 1 {
			t.Fatalf("line %d (%q): %d records and problems, want %d", n+1, line, got, map[bool]int{true: 0, false: 1}[blank])
		}
		delete(seen, n+1)
	}
	if len(seen) > 0 {
		t.Fatalf("records or problems at lines past the input: %v", seen)
	}
}

func FuzzAccessLog(f *testing.F) {
	f.Add(`127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.1" 200 2326 "-" "ua" rt=0.1 urt="0.1, 0.2"` + "\n" +
		`1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "\x16\x03" 400 0 "-" "-"` + "\n")
	f.Add(`h - u [01/Jan/2026:00:00:00 +0530] "POST /b?c=\"d\" HTTP/2.0" - - "-" "x" 1 "r" "u" 3ms`)
	f.Fuzz(func(t *testing.T, in string) { fuzzLines(t, parseAccessLog, in) })
}

func FuzzJSONAccess(f *testing.F) {
	f.Add(`{"logger":"http.log.access","ts":1.5,"request":{"method":"GET","uri":"/a"},"status":200,"duration":0.1}` + "\n{bad\n")
	f.Add(`{"RequestMethod":"GET","RequestPath":"/a","DownstreamStatus":0,"Duration":5,"StartUTC":"2026-01-01T00:00:00Z"}`)
	f.Add(`{"httpRequest":{"requestMethod":"GET","requestUrl":"https://h/a","latency":"1s"},"jsonPayload":{"statusDetails":"x"}}`)
	f.Add(`{"ClientRequestURI":"/a","ClientRequestMethod":"GET","EdgeResponseStatus":200,"EdgeStartTimestamp":1700000000000000000}`)
	f.Add(`{"request":"GET /a HTTP/1.1","status":"200","request_time":"0.1","time_local":"01/Jan/2026:00:00:00 +0000"}`)
	f.Fuzz(func(t *testing.T, in string) {
		for _, parse := range []ParseFunc{parseCaddy, parseTraefikJSON, parseEnvoy, parseNginxJSON, parseGCP, parseCloudflare} {
			fuzzLines(t, parse, in)
		}
	})
}

func FuzzALB(f *testing.F) {
	f.Add(`https 2026-11-28T06:00:00.186641Z app/lb/1 1.2.3.4:1 5.6.7.8:80 0.000 0.012 0.000 200 200 34 366 "GET https://h:443/a HTTP/1.1" "ua" - - arn "Root=1" "h" "-" 1 2026-11-28T06:00:00Z "forward" "-" "Err" "t" "200" "-" "-" TID`)
	f.Add(`2026-11-28T05:00:00.000123Z lb 1.2.3.4:1 - -1 -1 -1 504 0 0 0 "GET http://h:80/a HTTP/1.1" "ua" - -`)
	f.Fuzz(func(t *testing.T, in string) { fuzzLines(t, parseALB, in) })
}

func FuzzHAR(f *testing.F) {
	f.Add(`{"log":{"version":"1.2","creator":{},"entries":[{"startedDateTime":"2026-01-01T00:00:00Z","time":1,"request":{"method":"GET","url":"https://h/a"},"response":{"status":0,"_error":"x"}}]}}`)
	f.Add("{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"data:x\"}},\n{\"request\":{}}")
	f.Fuzz(func(t *testing.T, in string) {
		lines := strings.Count(in, "\n") + 1
		last := 0
		err := parseHAR(strings.NewReader(in), "f", Options{}, Sink{
			Record: func(r *Record) {
				if r.Line < last || r.Line < 1 || r.Line > lines {
					t.Fatalf("record line %d after %d, of %d", r.Line, last, lines)
				}
				last = r.Line
			},
			Problem: func(p Problem) {
				if p.Line < 1 || p.Line > lines || p.Lines < 1 {
					t.Fatalf("problem at line %d (%d lines) of %d: %s", p.Line, p.Lines, lines, p.Err)
				}
			},
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzEnvoyText(f *testing.F) {
	f.Add(`[2026-11-28T09:00:01.000Z] "POST /v2/trunks HTTP/1.1" 503 UF 120 91 1002 - "-" "curl/8.5.0" "id" "h" "10.0.0.7:8080"` + "\n[INFO] x\n")
	f.Add(`[2026-11-28T14:01:00.000Z] "GET /a HTTP/1.1" 0 DC details - "reason" 1 2 3 -`)
	f.Fuzz(func(t *testing.T, in string) { fuzzLines(t, parseEnvoyText, in) })
}
