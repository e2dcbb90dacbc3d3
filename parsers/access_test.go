package parsers

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// accessRun is what a parser made of one file.
type accessRun struct {
	recs  []Record
	probs []Problem
}

func runParser(t *testing.T, parse ParseFunc, path string) accessRun {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out accessRun
	err = parse(f, filepath.Base(path), Options{}, Sink{
		Record:  func(r *Record) { out.recs = append(out.recs, *r) },
		Problem: func(p Problem) { out.probs = append(out.probs, p) },
	})
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return out
}

// statuses is "status×count …" in status order.
func (a accessRun) statuses() string {
	n := map[int]int{}
	for _, r := range a.recs {
		n[r.Status]++
	}
	var keys []int
	for k := range n {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d×%d", k, n[k]))
	}
	return strings.Join(parts, " ")
}

// hours is "UTC hour:requests/failed …" in time order.
func (a accessRun) hours() string {
	type hc struct{ n, failed int }
	n := map[string]*hc{}
	var keys []string
	for _, r := range a.recs {
		k := "none"
		if !r.Time.IsZero() {
			k = r.Time.UTC().Format("01-02T15")
		}
		if n[k] == nil {
			n[k] = &hc{}
			keys = append(keys, k)
		}
		n[k].n++
		if r.Failed {
			n[k].failed++
		}
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s:%d/%d", k, n[k].n, n[k].failed))
	}
	return strings.Join(parts, " ")
}

// seconds lists each record's response time, -1 where it has none.
func (a accessRun) seconds() []float64 {
	var s []float64
	for _, r := range a.recs {
		if r.HasSeconds {
			s = append(s, math.Round(r.Seconds*1e6)/1e6)
		} else {
			s = append(s, -1)
		}
	}
	return s
}

func (a accessRun) failedMessages() []string {
	var m []string
	for _, r := range a.recs {
		if r.Failed {
			m = append(m, r.Message)
		}
	}
	return m
}

func (a accessRun) problemLines() []int {
	var l []int
	for _, p := range a.probs {
		l = append(l, p.Line)
	}
	return l
}

// accessCase holds counts worked out by hand from the file.
type accessCase struct {
	file     string
	parse    ParseFunc
	sniff    func([]byte) bool
	records  int
	failed   int
	probLine []int     // lines reported as problems
	status   string    // status×count
	hours    string    // UTC hour:requests/failed
	seconds  []float64 // per record; -1 for none
	messages []string  // of the failed records; nil: not checked
	first    string    // "METHOD endpoint line" of the first record
}

func checkAccess(t *testing.T, c accessCase) {
	t.Helper()
	path := filepath.Join("..", "testdata", "access", c.file)
	head, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !c.sniff(head) {
		t.Errorf("sniff: got false, want true")
	}
	a := runParser(t, c.parse, path)
	failed := 0
	for _, r := range a.recs {
		if r.Failed {
			failed++
		}
	}
	if len(a.recs) != c.records || failed != c.failed {
		t.Errorf("records/failed: got %d/%d, want %d/%d", len(a.recs), failed, c.records, c.failed)
	}
	if got := a.problemLines(); !slices.Equal(got, c.probLine) {
		t.Errorf("problem lines: got %v (%v), want %v", got, a.probs, c.probLine)
	}
	if got := a.statuses(); got != c.status {
		t.Errorf("statuses: got %q, want %q", got, c.status)
	}
	if got := a.hours(); got != c.hours {
		t.Errorf("hours: got %q, want %q", got, c.hours)
	}
	if got := a.seconds(); c.seconds != nil && !slices.Equal(got, c.seconds) {
		t.Errorf("seconds: got %v, want %v", got, c.seconds)
	}
	if got := a.failedMessages(); c.messages != nil && !slices.Equal(got, c.messages) {
		t.Errorf("messages: got %q, want %q", got, c.messages)
	}
	if len(a.recs) > 0 {
		r := a.recs[0]
		if got := fmt.Sprintf("%s %s %d", r.Method, r.Endpoint, r.Line); got != c.first {
			t.Errorf("first record: got %q, want %q", got, c.first)
		}
	}
	for _, r := range a.recs {
		if r.Line <= 0 || r.Source != filepath.Base(path) {
			t.Errorf("record without its place: source %q line %d", r.Source, r.Line)
		}
	}
}

func TestAccessLogFiles(t *testing.T) {
	for _, c := range []accessCase{
		// 9 lines: a TLS handshake (4) and an empty connection "-" (5) are
		// no requests; 404, 500 and 499 fail.
		{file: "nginx/combined.log", parse: parseAccessLog, sniff: sniffAccessLog, records: 7, failed: 3, probLine: []int{4, 5},
			status: "200×3 201×1 404×1 499×1 500×1", hours: "11-28T09:3/1 11-28T10:4/2",
			seconds: []float64{-1, -1, -1, -1, -1, -1, -1}, first: "GET /v2/trunks 1"},
		// ingress-nginx's upstreaminfo: $request_length (an integer) comes
		// before $request_time, and a retried request lists its upstreams.
		{file: "nginx/ingress.log", parse: parseAccessLog, sniff: sniffAccessLog, records: 5, failed: 2,
			status: "200×2 201×1 499×1 504×1", hours: "11-28T10:5/2",
			seconds: []float64{0.004, 0.12, 0.047, 60.001, 1.203}, first: "GET /v2/trunks 1"},
		// rt= labelled; -0500 crosses midnight: 04:59:59 and 05:00 UTC.
		{file: "nginx/timed.log", parse: parseAccessLog, sniff: sniffAccessLog, records: 4, failed: 3,
			status: "200×1 404×1 422×1 502×1", hours: "11-29T04:1/0 11-29T05:3/3",
			seconds: []float64{0.005, 0.031, 3.002, 0}, first: "GET /v2/trunks 1"},
		// Apache common: "-" 408 (4) and a TLS probe (6) are no requests.
		{file: "apache/access_log", parse: parseAccessLog, sniff: sniffAccessLog, records: 5, failed: 3, probLine: []int{4, 6},
			status: "200×2 400×1 401×1 503×1", hours: "11-28T12:4/2 11-28T13:1/1", first: "GET /v2/trunks 1"},
		// combined with %D in microseconds.
		{file: "apache/combined_D.log", parse: parseAccessLog, sniff: sniffAccessLog, records: 4, failed: 2,
			status: "200×1 201×1 409×1 500×1", hours: "11-28T08:4/2",
			seconds: []float64{0.012034, 0.085002, 0.0041, 2.5}, first: "GET /v2/trunks 1"},
		{file: "apache/other_vhosts_access.log", parse: parseAccessLog, sniff: sniffAccessLog, records: 3, failed: 1,
			status: "200×1 301×1 404×1", hours: "11-28T08:3/1", first: "GET /v2/trunks 1"},
		// Traefik CLF: the request count, router and URL, then Nms.
		{file: "traefik/access.log", parse: parseAccessLog, sniff: sniffAccessLog, records: 5, failed: 2,
			status: "200×1 201×1 204×1 404×1 502×1", hours: "11-28T10:4/2 11-28T11:1/0",
			seconds: []float64{0.003, 0.041, 0.001, 0, 0.012}, first: "GET /v2/trunks 1"},
		// morgan combined: status "-" where no response was sent.
		{file: "express/combined.log", parse: parseAccessLog, sniff: sniffAccessLog, records: 4, failed: 2,
			status: "0×1 200×1 304×1 400×1", hours: "11-28T16:4/2",
			messages: []string{"", "no response sent (status -)"}, first: "GET /v2/trunks 1"},
		{file: "express/common.log", parse: parseAccessLog, sniff: sniffAccessLog, records: 2, failed: 1,
			status: "200×1 500×1", hours: "11-28T17:2/1", first: "GET /v2/trunks 1"},
		{file: "caddy/access.log", parse: parseCaddy, sniff: sniffCaddy, records: 5, failed: 2,
			status: "200×1 201×1 204×1 404×1 502×1", hours: "11-28T10:3/1 11-28T11:2/1",
			seconds: []float64{0.004512, 0.120334, 0.000981, 3.001873, 0.0301}, first: "GET /v2/trunks 1"},
		// time_format iso8601, duration_format string.
		{file: "caddy/iso.log", parse: parseCaddy, sniff: sniffCaddy, records: 3, failed: 2,
			status: "200×1 429×1 500×1", hours: "11-28T12:3/2",
			seconds: []float64{0.004512, 0.000812, 1.2}, first: "GET /v2/trunks 1"},
		// Duration in nanoseconds.
		{file: "traefik/access.json", parse: parseTraefikJSON, sniff: sniffTraefikJSON, records: 4, failed: 1,
			status: "200×2 201×1 503×1", hours: "11-28T10:3/1 11-28T12:1/0",
			seconds: []float64{0.003457, 0.041, 0.00003, 0.0021}, first: "GET /v2/trunks 1"},
		{file: "envoy/access.json", parse: parseEnvoy, sniff: sniffEnvoy, records: 5, failed: 4,
			status: "0×1 200×1 404×1 503×2", hours: "11-28T09:4/3 11-28T10:1/1",
			seconds:  []float64{0.005, 1.002, 0.012, 0, 0},
			messages: []string{"upstream_reset_before_response_started{connection_failure}", "downstream_remote_disconnect", "route_not_found", "no_healthy_upstream"},
			first:    "GET /v2/trunks 1"},
		{file: "envoy/istio.json", parse: parseEnvoy, sniff: sniffEnvoy, records: 3, failed: 2,
			status: "200×1 503×1 504×1", hours: "11-28T14:3/2", seconds: []float64{0.007, 15, 0.003},
			messages: []string{"response_timeout", "upstream_reset_before_response_started{connection_failure}"}, first: "GET /v2/trunks 1"},
		// Envoy's default text format: bytes received, sent, duration.
		{file: "envoy/access.log", parse: parseEnvoyText, sniff: sniffEnvoyText, records: 4, failed: 3,
			status: "0×1 200×1 503×1 504×1", hours: "11-28T09:3/2 11-28T10:1/1", seconds: []float64{0.005, 1.002, 0.012, 15.001},
			messages: []string{"upstream connection failure", "downstream connection termination", "upstream request timeout"},
			first:    "GET /v2/trunks 1"},
		// Istio's: the details, termination details and quoted failure
		// reason before the bytes.
		{file: "envoy/istio.log", parse: parseEnvoyText, sniff: sniffEnvoyText, records: 3, failed: 2,
			status: "200×1 503×1 504×1", hours: "11-28T14:3/2", seconds: []float64{0.007, 15, 0.003},
			messages: []string{"response_timeout", "upstream_reset_before_response_started{connection_failure}"}, first: "GET /v2/trunks 1"},
		// the request line of line 3 is a TLS handshake.
		{file: "nginx/json.log", parse: parseNginxJSON, sniff: sniffNginxJSON, records: 3, failed: 2, probLine: []int{3},
			status: "200×1 400×1 500×1", hours: "11-28T10:2/1 11-28T11:1/1",
			seconds: []float64{0.004, 0.002, 0.25}, first: "GET /v2/trunks 1"},
		{file: "nginx/json_iso.log", parse: parseNginxJSON, sniff: sniffNginxJSON, records: 3, failed: 2,
			status: "200×1 409×1 502×1", hours: "11-28T09:3/2",
			seconds: []float64{0.01, 0.02, 3.501}, first: "GET /v2/trunks?page=1 1"},
		// no status on line 4: the client left before any response.
		{file: "gcp/lb-requests.json", parse: parseGCP, sniff: sniffGCP, records: 4, failed: 3,
			status: "0×1 200×1 404×1 502×1", hours: "11-28T08:3/2 11-28T09:1/1",
			seconds:  []float64{0.012345, 0.004001, 10.000923, 30.002},
			messages: []string{"", "failed_to_connect_to_backend", "client_disconnected_before_any_response"},
			first:    "GET https://api.example.com/v2/trunks 1"},
		{file: "gcp/cloudrun-requests.json", parse: parseGCP, sniff: sniffGCP, records: 2, failed: 1,
			status: "200×1 500×1", hours: "11-28T13:2/1", seconds: []float64{0.035, 1.204},
			first: "GET https://api-abc123-ew.a.run.app/v2/trunks 1"},
		// gcloud logging read --format=json: entries at lines 2, 39, 76.
		{file: "gcp/gcloud-read.json", parse: parseGCPArray, sniff: sniffGCPArray, records: 3, failed: 2,
			status: "200×1 404×1 503×1", hours: "11-28T15:3/2", seconds: []float64{0.01, 0.25, 0.004},
			messages: []string{"backend_connection_closed_before_data_sent_to_client", ""},
			first:    "GET https://api.example.com/v2/trunks 2"},
		// EdgeEnd - EdgeStart, in Unix nanoseconds.
		{file: "cloudflare/http_requests.json", parse: parseCloudflare, sniff: sniffCloudflare, records: 4, failed: 2,
			status: "200×1 201×1 403×1 524×1", hours: "11-28T07:3/1 11-28T08:1/1",
			seconds: []float64{0.045, 0.12, 15.002, 0.002}, first: "GET /v2/trunks?page=1 1"},
		{file: "cloudflare/http_requests_rfc3339.json", parse: parseCloudflare, sniff: sniffCloudflare, records: 2, failed: 1,
			status: "200×1 404×1", hours: "11-28T07:2/1", seconds: []float64{1, 0}, first: "GET /v2/trunks 1"},
		// line 4 is a malformed request; -1 times: no target response.
		{file: "alb/app.log", parse: parseALB, sniff: sniffALB, records: 5, failed: 3, probLine: []int{4},
			status: "200×1 201×1 460×1 502×1 503×1", hours: "11-28T06:3/1 11-28T07:2/2",
			seconds: []float64{0.012, 0.122, -1, -1, -1}, messages: []string{"TargetConnectionErrorCode", "", ""},
			first: "GET https://api.example.com:443/v2/trunks 1"},
		{file: "alb/classic.log", parse: parseALB, sniff: sniffALB, records: 3, failed: 2,
			status: "200×1 500×1 504×1", hours: "11-28T05:3/2", seconds: []float64{0.001178, 0.503121, -1},
			first: "GET http://api.example.com:80/v2/trunks 1"},
		// entries start at lines 20, 83, 146, 213, 271 and 334; the data: URL
		// of the entry at 271 is no HTTP request.
		{file: "har/chrome.har", parse: parseHAR, sniff: sniffHAR, records: 5, failed: 3, probLine: []int{271},
			status: "0×1 200×1 204×1 422×1 500×1", hours: "11-28T10:4/2 11-28T11:1/1",
			seconds:  []float64{0.045123, 0.0125, 0.1205, 0.0023, 0.30025},
			messages: []string{"", "net::ERR_CONNECTION_REFUSED", ""},
			first:    "GET https://api.example.com/v2/trunks?page=1 20"},
		{file: "har/playwright.har", parse: parseHAR, sniff: sniffHAR, records: 3, failed: 2,
			status: "0×1 200×1 404×1", hours: "11-28T12:3/2", seconds: []float64{0.0182, 0.00675, -1},
			messages: []string{"Not Found", "net::ERR_NAME_NOT_RESOLVED"},
			first:    "GET http://localhost:8080/v2/trunks 24"},
	} {
		t.Run(c.file, func(t *testing.T) { checkAccess(t, c) })
	}
}

// FuzzPlainNumber holds plainNumber's own reading of digits to
// strconv.ParseFloat, on the inputs it takes.
func FuzzPlainNumber(f *testing.F) {
	for _, s := range []string{"0.274", "12", "007.50", "1.", ".5", "1.2.3", "123456789012345.6", "9999999999999999", "0.000000000000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := plainNumber([]byte(s))
		if !ok {
			return
		}
		want, err := strconv.ParseFloat(s, 64)
		if err != nil || got != want {
			t.Fatalf("plainNumber(%q) = %v, want %v (%v)", s, got, want, err)
		}
	})
}

// FuzzCLFTimeCache holds the minute kept by parseCLFTime to a reading
// without it: a time read after another is the time read alone.
func FuzzCLFTimeCache(f *testing.F) {
	f.Add("10/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:55:59 -0700")
	f.Add("31/Dec/2024:23:59:60 +0000", "31/Dec/2024:23:59:00 +0000")
	f.Add("30/Feb/2025:01:02:03 +0530", "30/Feb/2025:01:02:0x +0530")
	f.Fuzz(func(t *testing.T, first, second string) {
		var z zoneCache
		parseCLFTime([]byte(first), &z)
		got, gotOK := parseCLFTime([]byte(second), &z)
		var fresh zoneCache
		want, wantOK := parseCLFTime([]byte(second), &fresh)
		if gotOK != wantOK || !got.Equal(want) || got.Format(time.RFC3339) != want.Format(time.RFC3339) {
			t.Fatalf("after %q, %q read as %v %v; alone %v %v", first, second, got, gotOK, want, wantOK)
		}
	})
}
