package report

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
)

// mailLimit is the size above which Gmail clips a message (102 KB), less
// room for the text part's headers.
const mailLimit = 100 * 1000

// TestHTMLOfADayFitsAMail: a day as the bench corpus has it (480 client
// runs from 00:00 to 23:59, intermittent 500s, 429s and 503s, whole runs
// refused with 401, network errors and crashed runs) makes a page under
// 100 KB, so Gmail shows it whole, headline to inputs.
func TestHTMLOfADayFitsAMail(t *testing.T) {
	dir := t.TempDir()
	writeDay(t, dir, 480)
	inputs, probs := parsers.Discover([]string{dir})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	res := analyzer.Analyze(inputs, nil, analyzer.Options{
		Config: analyzer.Config{Location: time.UTC, Slow: time.Second, Top: 10, MaxProblems: 20, Mask: analyzer.NewMasker().Mask},
		Parse:  parsers.Options{Location: time.UTC},
	})
	r := New(res, Options{Top: 10})
	if r.Summary.Requests < 5000 || len(r.ByHour) != 24 || r.Summary.IncompleteRuns <= htmlListed {
		t.Fatalf("the generated day has %d requests in %d hours, %d incomplete runs; want over 5,000 in 24 and over %d",
			r.Summary.Requests, len(r.ByHour), r.Summary.IncompleteRuns, htmlListed)
	}
	page := renderHTML(t, r)
	if len(page) >= mailLimit {
		t.Errorf("the HTML of a day is %d bytes, want under %d", len(page), mailLimit)
	}
	// What a reader needs first comes first.
	order := []string{"<h1>errpat report</h1>", "<svg", ">Top error messages</h2>", ">Detected patterns</h2>", ">By endpoint</h2>", ">Inputs</h2>"}
	last := -1
	for _, s := range order {
		i := strings.Index(page, s)
		if i <= last {
			t.Fatalf("%q at %d, want it after the one before (at %d)", s, i, last)
		}
		last = i
	}
	if n := strings.Count(page, "<polyline"); n != 3 || strings.Count(page, "<svg") != 2 {
		t.Errorf("got %d SVG charts and %d latency lines, want 2 charts (traffic, latency) and 3 lines", strings.Count(page, "<svg"), n)
	}
	more := fmt.Sprintf("… and %d more (the JSON report lists all).", r.Summary.IncompleteRuns-htmlListed)
	if !strings.Contains(page, more) {
		t.Errorf("the incomplete runs are not cut to %d rows with %q", htmlListed, more)
	}
}

// writeDay writes runs client logs of the Python test client, spread
// over 2025-01-13 UTC; a seeded random source makes them the same every
// time.
func writeDay(t *testing.T, dir string, runs int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	day := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	writeLatencies(t, filepath.Join(dir, "latency_20250113.jsonl"), rng, day, 2000)
	for i := range runs {
		start := day.Add(time.Duration(i) * 24 * time.Hour / time.Duration(runs)).Add(time.Duration(rng.IntN(60)) * time.Second)
		name := filepath.Join(dir, "api_test_"+start.Format("20060102_150405")+".log")
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		writeRun(w, rng, start, name)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// writeLatencies writes n timed requests spread over the day, as JSON
// lines of a metrics exporter: most fast, a few slow.
func writeLatencies(t *testing.T, name string, rng *rand.Rand, day time.Time, n int) {
	t.Helper()
	var b strings.Builder
	for i := range n {
		at := day.Add(time.Duration(i) * 24 * time.Hour / time.Duration(n))
		ms := 50 + rng.IntN(300)
		if rng.IntN(50) == 0 {
			ms = 2000 + rng.IntN(28000)
		}
		fmt.Fprintf(&b, `{"timestamp": %q, "method": "GET", "endpoint": "/trunks/TR%08X/phone-numbers", "statusCode": 200, "duration_ms": %d}`+"\n",
			at.Format(time.RFC3339), rng.Uint32(), ms)
	}
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dayTests are the client's tests: name and path.
var dayTests = [][2]string{
	{"Create Trunk", "/trunks"}, {"Map DID", "/trunks/%s/phone-numbers"}, {"Whitelist IP", "/trunks/%s/whitelisted-ips"},
	{"Add UDP Destination", "/trunks/%s/destination-uris"}, {"Add TCP Destination", "/trunks/%s/destination-uris"},
	{"Add TLS Destination", "/trunks/%s/destination-uris"}, {"Set Trunk Alias", "/trunks/%s/settings"},
	{"GET Credentials", "/trunks/%s/credentials"}, {"GET Phone Numbers", "/trunks/%s/phone-numbers"},
	{"GET Whitelisted IPs", "/trunks/%s/whitelisted-ips"}, {"GET Destination URIs", "/trunks/%s/destination-uris"},
}

func writeRun(w *bufio.Writer, rng *rand.Rand, at time.Time, name string) {
	line := func(level, msg string) {
		fmt.Fprintf(w, "%s,%03d - %s - %s\n", at.Format("2006-01-02 15:04:05"), at.Nanosecond()/1e6, level, msg)
		at = at.Add(time.Duration(20+rng.IntN(400)) * time.Millisecond)
	}
	trunk := fmt.Sprintf("TR%08X", rng.Uint32())
	line("INFO", "Starting API tests - Log file: "+name)
	unauthorized := rng.IntN(60) == 0
	passed := 0
	for _, test := range dayTests {
		path := test[1]
		if strings.Contains(path, "%s") {
			path = fmt.Sprintf(path, trunk)
		}
		line("INFO", "Testing "+test[0]+": "+path)
		switch n := rng.IntN(100); {
		case unauthorized:
			line("ERROR", "❌ "+test[0]+" - HTTP 401: Unauthorized")
			line("ERROR", `Error details: {"error": "Unauthorized", "message": "Invalid API credentials"}`)
		case n < 3:
			line("ERROR", "❌ "+test[0]+" - HTTP 500: Internal Server Error")
			line("ERROR", fmt.Sprintf(`Error details: {"error": "Internal", "message": "Unexpected error while processing request req_%x"}`, rng.Uint32()))
		case n < 5 && at.Hour() >= 9 && at.Hour() < 18:
			line("ERROR", "❌ "+test[0]+" - HTTP 429: Too Many Requests")
			line("ERROR", `Error details: {"error": "Too Many Requests", "message": "Maximum 100 requests per minute exceeded"}`)
		case n < 6:
			line("ERROR", "❌ "+test[0]+" - HTTP 503: Service Unavailable")
			line("ERROR", `Error details: {"error": "Unavailable", "message": "Upstream trunk service unavailable, retry later"}`)
		case n < 7:
			line("ERROR", "❌ "+test[0]+" - Network error: [Errno 111] Connection refused")
		default:
			line("INFO", "✅ "+test[0]+" - Status: 200")
			passed++
		}
	}
	if rng.IntN(30) == 0 {
		return // crashed: no summary
	}
	line("INFO", fmt.Sprintf("📊 Test Summary: %d/%d passed (%.1f%%)", passed, len(dayTests), float64(passed)*100/float64(len(dayTests))))
}
