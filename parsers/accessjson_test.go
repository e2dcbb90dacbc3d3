package parsers

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestJSONAccessEntries(t *testing.T) {
	for _, c := range []struct {
		name    string
		parse   ParseFunc
		line    string
		want    string  // "METHOD endpoint status failed message", or "problem"
		seconds float64 // -1: none
		time    string  // RFC 3339 in UTC, "" for none
	}{
		{"nginx upstream only", parseNginxJSON, `{"request_method":"GET","request_uri":"/a","status":"502","upstream_response_time":"0.1, 0.2"}`,
			"GET /a 502 true ", 0.3, ""},
		{"nginx request line", parseNginxJSON, `{"request":"POST /b HTTP/1.1","status":"201","request_time":"0.5","msec":"1795860000.250"}`,
			"POST /b 201 false ", 0.5, "2026-11-28T10:00:00.25Z"},
		{"nginx without a request", parseNginxJSON, `{"status":"400","request_time":"0.000"}`, "problem", -1, ""},
		{"Caddy duration nano", parseCaddy, `{"logger":"http.log.access","ts":1795860000000,"request":{"method":"GET","uri":"/a"},"status":200,"duration":1500000}`,
			"GET /a 200 false ", 0.0015, "2026-11-28T10:00:00Z"},
		{"Caddy status 0", parseCaddy, `{"logger":"http.log.access","request":{"method":"GET","uri":"/a"},"status":0,"duration":0.5}`,
			"GET /a 0 true no response (status 0)", 0.5, ""},
		{"Caddy without request", parseCaddy, `{"logger":"http.log.access","status":200}`, "problem", -1, ""},
		{"Traefik without status", parseTraefikJSON, `{"RequestMethod":"GET","RequestPath":"/a"}`, "problem", -1, ""},
		{"Envoy flags in words", parseEnvoy, `{"method":"GET","path":"/a","response_code":503,"response_flags":"UF,URX","duration":"12"}`,
			"GET /a 503 true upstream connection failure, upstream retry limit exceeded", 0.012, ""},
		{"Envoy unknown flag kept", parseEnvoy, `{"method":"GET","path":"/a","response_code":503,"response_flags":"ZZ","response_code_details":"via_upstream"}`,
			"GET /a 503 true ZZ", -1, ""},
		{"GCP latency object", parseGCP, `{"httpRequest":{"requestMethod":"GET","requestUrl":"https://h/a","status":200,"latency":{"seconds":1,"nanos":500000000}},"timestamp":"2026-11-28T10:00:00Z"}`,
			"GET https://h/a 200 false ", 1.5, "2026-11-28T10:00:00Z"},
		{"GCP without httpRequest", parseGCP, `{"textPayload":"hello","timestamp":"2026-11-28T10:00:00Z"}`, "problem", -1, ""},
		{"Cloudflare Unix seconds", parseCloudflare, `{"ClientRequestMethod":"GET","ClientRequestURI":"/a","EdgeResponseStatus":200,"EdgeStartTimestamp":1795860000,"EdgeEndTimestamp":1795860002}`,
			"GET /a 200 false ", 2, "2026-11-28T10:00:00Z"},
		{"Cloudflare end before start", parseCloudflare, `{"ClientRequestMethod":"GET","ClientRequestURI":"/a","EdgeResponseStatus":200,"EdgeStartTimestamp":"2026-11-28T10:00:02Z","EdgeEndTimestamp":"2026-11-28T10:00:00Z"}`,
			"GET /a 200 false ", -1, "2026-11-28T10:00:02Z"},
		{"an array line", parseCaddy, `[1,2]`, "problem", -1, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var recs []Record
			var probs []Problem
			err := c.parse(strings.NewReader(c.line+"\n"), "f", Options{}, Sink{
				Record:  func(r *Record) { recs = append(recs, *r) },
				Problem: func(p Problem) { probs = append(probs, p) },
			})
			if err != nil {
				t.Fatal(err)
			}
			if c.want == "problem" {
				if len(recs) != 0 || len(probs) != 1 || probs[0].Line != 1 {
					t.Fatalf("got %d records, problems %v; want one problem at line 1", len(recs), probs)
				}
				return
			}
			if len(recs) != 1 {
				t.Fatalf("got %d records (problems %v), want 1", len(recs), probs)
			}
			r := recs[0]
			got := r.Method + " " + r.Endpoint + " " + itoa(r.Status) + " " + map[bool]string{true: "true", false: "false"}[r.Failed] + " " + r.Message
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
			secs := -1.0
			if r.HasSeconds {
				secs = r.Seconds
			}
			if math.Abs(secs-c.seconds) > 1e-9 {
				t.Errorf("seconds: got %v, want %v", secs, c.seconds)
			}
			stamp := ""
			if !r.Time.IsZero() {
				stamp = r.Time.UTC().Format(time.RFC3339Nano)
			}
			if stamp != c.time {
				t.Errorf("time: got %q, want %q", stamp, c.time)
			}
		})
	}
}
