package main

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// accessReport is the part of the JSON report the access log tests read.
type accessReport struct {
	Inputs struct {
		Records      int    `json:"records"`
		SkippedLines int    `json:"skipped_lines"`
		ProblemCount int    `json:"problem_count"`
		Side         string `json:"side"`
		OtherSide    int    `json:"other_side"`
		Sources      []struct {
			Format  string `json:"format"`
			Side    string `json:"side"`
			Files   int    `json:"files"`
			Records int    `json:"records"`
		} `json:"sources"`
	} `json:"inputs"`
	Summary struct {
		Requests int `json:"requests"`
		Failed   int `json:"failed"`
	} `json:"summary"`
	ByStatus []struct {
		Status int `json:"status"`
		Count  int `json:"count"`
	} `json:"by_status"`
	ByHour []struct {
		Hour     string `json:"hour"`
		Requests int    `json:"requests"`
		Failed   int    `json:"failed"`
	} `json:"by_hour"`
	ByEndpoint []struct {
		Method   string   `json:"method"`
		Endpoint string   `json:"endpoint"`
		Requests int      `json:"requests"`
		Failed   int      `json:"failed"`
		P50      *float64 `json:"p50_seconds"`
		P95      *float64 `json:"p95_seconds"`
	} `json:"by_endpoint"`
}

func accessJSON(t *testing.T, args ...string) accessReport {
	t.Helper()
	code, out, errOut := runCLI(t, "", append([]string{"--tz", "UTC", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep accessReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestCLIAccessLogs reads every server access log and HAR sample; the
// counts are the sums of the per-file counts worked out in
// parsers/access_test.go.
func TestCLIAccessLogs(t *testing.T) {
	rep := accessJSON(t, "testdata/access/*/*")
	if rep.Summary.Requests != 103 || rep.Summary.Failed != 58 {
		t.Errorf("requests/failed: got %d/%d, want 103/58", rep.Summary.Requests, rep.Summary.Failed)
	}
	// TLS probes and "-" (nginx 2, Apache 2), an ALB malformed request,
	// a HAR data: URL, an nginx JSON TLS probe.
	if rep.Inputs.ProblemCount != 7 || rep.Inputs.SkippedLines != 7 {
		t.Errorf("problems/skipped lines: got %d/%d, want 7/7", rep.Inputs.ProblemCount, rep.Inputs.SkippedLines)
	}
	status := map[int]int{}
	for _, s := range rep.ByStatus {
		status[s.Status] = s.Count
	}
	for code, want := range map[int]int{200: 32, 500: 8, 0: 6, 499: 2, 460: 1, 524: 1} {
		if status[code] != want {
			t.Errorf("status %d: got %d, want %d", code, status[code], want)
		}
	}
	want := []string{"har client 2 8", "access-log server 9 39", "alb server 2 8", "caddy server 2 8", "envoy server 2 8",
		"envoy-text server 2 7", "cloudflare server 2 6", "gcp-lb server 2 6", "nginx-json server 2 6", "traefik server 1 4",
		"gcp-lb-array server 1 3"}
	var got []string
	for _, s := range rep.Inputs.Sources {
		got = append(got, fmt.Sprintf("%s %s %d %d", s.Format, s.Side, s.Files, s.Records))
	}
	if !slices.Equal(got, want) {
		t.Errorf("sources: got %q, want %q", got, want)
	}
	hours := map[string][2]int{}
	for _, h := range rep.ByHour {
		hours[h.Hour] = [2]int{h.Requests, h.Failed}
	}
	// 10:00 UTC: nginx 4/2, ingress 5/2, Traefik CLF 4/2, Caddy 3/1,
	// Traefik JSON 3/1, Envoy JSON 1/1, Envoy text 1/1, nginx JSON 2/1,
	// Chrome HAR 4/2.
	if h := hours["2026-11-28T10:00:00Z"]; h != [2]int{27, 13} {
		t.Errorf("hour 10:00: got %v, want [27 13]", h)
	}
	// -0500 timestamps just after midnight: 05:00 UTC the next day.
	if h := hours["2026-11-29T05:00:00Z"]; h != [2]int{3, 3} {
		t.Errorf("hour 2026-11-29 05:00: got %v, want [3 3]", h)
	}
	checkReports(t, rep)
}

// checkReports: GET /v2/reports failed everywhere; six of its nine
// requests are timed (60.001, 3.001873, 15, 30.002, 15.002, 15 s; the
// ALB's three have -1 times): nearest-rank p50 15, p95 60.001.
func checkReports(t *testing.T, rep accessReport) {
	t.Helper()
	for _, e := range rep.ByEndpoint {
		if e.Method != "GET" || e.Endpoint != "/v2/reports" {
			continue
		}
		if e.Requests != 9 || e.Failed != 9 {
			t.Errorf("GET /v2/reports: got %d/%d, want 9/9", e.Requests, e.Failed)
		}
		if e.P50 == nil || math.Abs(*e.P50-15) > 0.01*15 || e.P95 == nil || math.Abs(*e.P95-60.001) > 0.01*60.001 {
			t.Errorf("GET /v2/reports p50/p95: got %s/%s, want 15/60.001 within 1%%", seconds(e.P50), seconds(e.P95))
		}
		return
	}
	t.Errorf("no GET /v2/reports in by_endpoint")
}

func TestCLISide(t *testing.T) {
	for _, c := range []struct {
		side            string
		requests, other int
	}{
		{"client", 8, 95}, // the two HAR files
		{"server", 95, 8},
		{"load", 0, 103},
	} {
		t.Run(c.side, func(t *testing.T) {
			rep := accessJSON(t, "--side", c.side, "testdata/access/*/*")
			if rep.Summary.Requests != c.requests || rep.Inputs.OtherSide != c.other || rep.Inputs.Side != c.side {
				t.Errorf("requests/other_side/side: got %d/%d/%q, want %d/%d/%q",
					rep.Summary.Requests, rep.Inputs.OtherSide, rep.Inputs.Side, c.requests, c.other, c.side)
			}
			for _, s := range rep.Inputs.Sources {
				if s.Side != c.side {
					t.Errorf("source %s of side %s counted under --side %s", s.Format, s.Side, c.side)
				}
			}
		})
	}
	code, _, errOut := runCLI(t, "", "--side", "browser", "testdata/access/*/*")
	if code != 2 || !strings.Contains(errOut, `invalid --side "browser" (want client, server, load)`) {
		t.Errorf("bad --side: got exit %d, stderr %q", code, errOut)
	}
}

func seconds(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

// TestServerLogsHoldNoRuns: a server's access log holds the requests of
// many clients, so no test of it is flaky and no run of it crashed.
func TestServerLogsHoldNoRuns(t *testing.T) {
	code, out, _ := runCLI(t, "", "--tz", "UTC", "--format", "json", "--side", "server", "testdata/access")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Detected []struct {
			Name string `json:"name"`
		} `json:"detected"`
		Summary struct {
			Runs int `json:"runs"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Detected {
		if d.Name == "flaky_tests" || d.Name == "crashed_runs" || d.Name == "auth_outage" {
			t.Errorf("got %s on server logs, want none", d.Name)
		}
	}
}
