package parsers

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAccessLogLine(t *testing.T) {
	const pre = `192.0.2.1 - - [10/Oct/2026:13:55:36 +0000] `
	for _, c := range []struct {
		name, line string
		want       string  // "METHOD endpoint status failed", or the problem's start
		seconds    float64 // -1: none
	}{
		{"combined", pre + `"GET /v2/trunks?page=2 HTTP/1.1" 200 512 "-" "curl/8.5.0"`, "GET /v2/trunks?page=2 200 false", -1},
		{"Apache escapes a quote", pre + `"GET /a\"b HTTP/1.1" 404 12`, `GET /a\"b 404 true`, -1},
		{"HTTP/0.9", pre + `"GET /" 200 5`, "GET / 200 false", -1},
		{"CONNECT", pre + `"CONNECT api.example.com:443 HTTP/1.1" 405 0`, "CONNECT api.example.com:443 405 true", -1},
		{"WebDAV", pre + `"PROPFIND /dav/ HTTP/1.1" 207 100`, "PROPFIND /dav/ 207 false", -1},
		{"no request", pre + `"-" 400 0 "-" "-"`, "access log line without an HTTP request", -1},
		{"TLS handshake", pre + `"\x16\x03\x01\x00\xF1" 400 157 "-" "-"`, "access log line without an HTTP request", -1},
		{"lower-case method", pre + `"get / HTTP/1.1" 400 0`, "access log line without an HTTP request", -1},
		{"space in the target", pre + `"GET /a b HTTP/1.1" 400 0`, "access log line without an HTTP request", -1},
		{"not HTTP", pre + `"GET / SIP/2.0" 400 0`, "access log line without an HTTP request", -1},
		{"morgan without a response", pre + `"GET /a HTTP/1.1" - - "-" "ua"`, "GET /a 0 true", -1},
		{"size -", pre + `"HEAD /a HTTP/1.1" 200 -`, "HEAD /a 200 false", -1},
		{"vhost_combined", `api.example.com:443 ` + pre + `"GET /a HTTP/1.1" 200 1 "-" "ua"`, "GET /a 200 false", -1},
		{"IPv6 client", `2001:db8::1 - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1`, "GET /a 200 false", -1},
		{"bad time", `1.2.3.4 - - [32/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1`, "access log line with an invalid time", -1},
		{"bad month", `1.2.3.4 - - [10/Foo/2026:13:55:36 +0000] "GET /a HTTP/1.1" 200 1`, "access log line with an invalid time", -1},
		{"two-digit status", pre + `"GET /a HTTP/1.1" 20 1`, "not an access log line", -1},
		{"unclosed quote", pre + `"GET /a HTTP/1.1 200 1`, "not an access log line", -1},
		{"a Python log line", `2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks`, "not an access log line", -1},
		{"$request_time", pre + `"GET /a HTTP/1.1" 200 1 "-" "ua" 0.123`, "GET /a 200 false", 0.123},
		{"rt= before a bare decimal", pre + `"GET /a HTTP/1.1" 200 1 "-" "ua" 9.999 rt=0.050`, "GET /a 200 false", 0.05},
		{"urt list alone", pre + `"GET /a HTTP/1.1" 502 1 "-" "ua" urt="0.1, 0.2 : 0.3"`, "GET /a 502 true", 0.6},
		{"urt -", pre + `"GET /a HTTP/1.1" 404 1 "-" "ua" urt="-"`, "GET /a 404 true", -1},
		{"Apache %D", pre + `"GET /a HTTP/1.1" 200 1 "-" "ua" 1500`, "GET /a 200 false", 0.0015},
		{"two bare integers say nothing", pre + `"GET /a HTTP/1.1" 200 1 "-" "ua" 232 200`, "GET /a 200 false", -1},
		{"Traefik", pre + `"GET /a HTTP/1.1" 200 1 "-" "ua" 7 "r@docker" "http://10.0.0.1:80" 41ms`, "GET /a 200 false", 0.041},
		{"bare list", pre + `"GET /a HTTP/1.1" 200 1 "-" "ua" 0.1, 0.2`, "GET /a 200 false", -1},
		{"id like a float", pre + `"GET /a HTTP/1.1" 200 1 "-" "ua" 1e5`, "GET /a 200 false", -1},
		{"inf is no number", pre + `"GET /a HTTP/1.1" 200 1 "-" "ua" inf`, "GET /a 200 false", -1},
	} {
		t.Run(c.name, func(t *testing.T) {
			var r Record
			var cr clfReader
			got := cr.read([]byte(c.line), &r)
			if got == "" {
				got = r.Method + " " + r.Endpoint + " " + itoa(r.Status) + " " + map[bool]string{true: "true", false: "false"}[r.Failed]
			}
			if !strings.HasPrefix(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
			if strings.Contains(c.want, " ") && !strings.HasPrefix(c.want, "access log") && !strings.HasPrefix(c.want, "not an") {
				secs := -1.0
				if r.HasSeconds {
					secs = r.Seconds
				}
				if math.Abs(secs-c.seconds) > 1e-9 {
					t.Errorf("seconds: got %v, want %v", secs, c.seconds)
				}
			}
		})
	}
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestCLFTimeZone(t *testing.T) {
	var z zoneCache
	got, ok := parseCLFTime([]byte("29/Nov/2026:00:00:01 -0500"), &z)
	want := time.Date(2026, 11, 29, 5, 0, 1, 0, time.UTC)
	if !ok || !got.Equal(want) {
		t.Errorf("got %v %v, want %v", got, ok, want)
	}
	if _, off := got.Zone(); off != -5*3600 {
		t.Errorf("zone offset: got %d, want %d", off, -5*3600)
	}
}

// TestSniffAccessSamples: each sample is told as its own format by the
// whole table, and no other sample shipped in testdata is taken for one
// of them.
func TestSniffAccessSamples(t *testing.T) {
	want := map[string]string{
		"nginx": formatAccessLog, "apache": formatAccessLog, "express": formatAccessLog,
		"caddy": formatCaddy, "envoy": formatEnvoy, "gcp": formatGCP, "cloudflare": formatCloudflare,
		"alb": formatALB, "har": formatHAR,
	}
	special := map[string]string{
		"envoy/access.log": formatEnvoyText, "envoy/istio.log": formatEnvoyText,
		"nginx/json.log": formatNginxJSON, "nginx/json_iso.log": formatNginxJSON,
		"traefik/access.log": formatAccessLog, "traefik/access.json": formatTraefikJS,
	}
	mine := map[string]bool{}
	for _, f := range want {
		mine[f] = true
	}
	mine[formatNginxJSON], mine[formatTraefikJS], mine[formatEnvoyText] = true, true, true
	err := filepath.WalkDir("../testdata", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".md") || strings.Contains(path, "golden") {
			return err
		}
		head, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, _ := Sniff(head[:min(len(head), sniffSize)])
		name := ""
		if f != nil {
			name = f.Name
		}
		rel, _ := filepath.Rel("../testdata/access", path)
		w, ok := special[filepath.ToSlash(rel)]
		if !ok && !strings.HasPrefix(rel, "..") {
			w = want[strings.Split(filepath.ToSlash(rel), "/")[0]]
		}
		switch {
		case w != "" && name != w:
			t.Errorf("%s: sniffed as %q, want %q", path, name, w)
		case w == "" && mine[name]:
			t.Errorf("%s: sniffed as %q, an access log format", path, name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSniffAccessNeedsSeveralLines(t *testing.T) {
	one := `192.0.2.1 - - [10/Oct/2026:13:55:36 +0000] "GET / HTTP/1.1" 200 5` + "\n"
	if sniffAccessLog([]byte(one)) {
		t.Errorf("one CLF line: got true, want false")
	}
	if !sniffAccessLog([]byte(one + one)) {
		t.Errorf("two CLF lines: got false, want true")
	}
	if sniffAccessLog([]byte(one + one + "a\nb\nc\n")) {
		t.Errorf("two CLF lines of five: got true, want false")
	}
}
