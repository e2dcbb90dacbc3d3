package parsers

import (
	"strings"
	"testing"
)

func TestSniffFindsOnlyTheFormatsOwnSignature(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // "" for none
	}{
		{"client log", "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n", FormatPyLog},
		{"runner log", "[INFO] Running tests\n[ERROR] boom\n", FormatRunner},
		{"junit", `<?xml version="1.0"?><testsuites><testsuite name="a"/></testsuites>`, FormatJUnit},
		{"results file", `{"total_tests": 1, "test_results": [{"test_name": "a"}]}`, FormatResults},
		{"newman", `{"collection": {}, "run": {"executions": []}}`, FormatNewman},
		{"integration summary", `{"steps": [], "overall_success": true}`, FormatIntegration},
		{"load tester", `{"test_config": {}, "results": [{"endpoint": "/a", "status_code": 201}], "analysis": {}}`, FormatLoad},
		{"json lines", `{"endpoint": "/a", "status": 200}` + "\n", FormatJSONLines},
		{"array of requests", `[{"url": "/a", "statusCode": 503}]`, FormatJSONArray},
		// Reports of other tools are not the load tester's nor request lists.
		{"ctrf report", `{"results": {"tool": {"name": "jest"}, "summary": {"tests": 2}, "tests": [{"name": "a", "status": "passed", "duration": 5}]}}`, FormatCTRF},
		{"mochawesome", `{"stats": {"suites": 1}, "results": [{"uuid": "x", "title": "", "suites": [{"tests": [{"title": "a", "state": "passed"}]}]}]}`, ""},
		{"cucumber", `[{"keyword": "Feature", "name": "f", "elements": [{"keyword": "Scenario", "steps": [{"result": {"status": "passed"}}]}]}]`, FormatCucumber},
		{"array of numbers", `[1, 2, 3]`, ""},
		{"a config document", `{"name": "x", "version": "1.0"}`, ""},
		{"an application's JSON log", `{"level": "info", "message": "up"}` + "\n" + `{"level": "warn", "message": "slow"}` + "\n", FormatJSONLines},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, why := Sniff([]byte(tt.in))
			got := ""
			if f != nil {
				got = f.Name
			}
			if got != tt.want {
				t.Errorf("got %q (%s), want %q", got, why, tt.want)
			}
		})
	}
}

func TestJSONObjectIsARequestOnlyWithARequestsFields(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		ok     bool
		status int
		failed bool
	}{
		{"status and endpoint", `{"endpoint": "/a", "status": 503}`, true, 503, true},
		{"status and method", `{"method": "GET", "status_code": 200}`, true, 200, false},
		{"no response", `{"url": "/a", "status_code": 0}`, true, 0, true},
		{"success flag and test name", `{"test_name": "login", "success": false}`, true, StatusUnknown, true},
		{"test outcome is not status 0", `{"name": "login", "status": "passed"}`, true, StatusUnknown, false},
		{"failed outcome", `{"name": "login", "status": "failed"}`, true, StatusUnknown, true},
		{"playwright unexpected", `{"title": "x", "name": "t", "status": "unexpected"}`, true, StatusUnknown, true},
		{"skipped test", `{"name": "login", "status": "skipped"}`, true, StatusUnknown, false},
		{"winston warning", `{"level": "warn", "message": "disk almost full", "timestamp": "2026-11-28T03:21:12Z"}`, false, 0, false},
		{"app log with a code", `{"level": "error", "message": "boom", "code": "ECONNRESET"}`, false, 0, false},
		{"status word", `{"path": "/health", "status": "ok"}`, false, 0, false},
		{"status not a status", `{"endpoint": "/a", "status": 42}`, false, 0, false},
		{"endpoint alone", `{"endpoint": "/a"}`, false, 0, false},
		{"status alone", `{"status": 500}`, false, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _, probs := collect(t, ParseJSONLines, tt.in+"\n")
			if got := len(r) == 1; got != tt.ok {
				t.Fatalf("got %d records (problems %v), want a request: %v", len(r), probs, tt.ok)
			}
			if !tt.ok {
				if len(probs) != 1 || !strings.Contains(probs[0].Err, "not a request") || probs[0].Lines != 1 {
					t.Errorf("got problems %v, want one skipped line that is not a request", probs)
				}
				return
			}
			if r[0].Status != tt.status || r[0].Failed != tt.failed {
				t.Errorf("got status %d failed %v, want %d %v", r[0].Status, r[0].Failed, tt.status, tt.failed)
			}
		})
	}
}

func TestFormatsTable(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Formats() {
		if f.Name == "" || f.Doc == "" || f.Sniff == nil || f.Parse == nil || f.Side == "" {
			t.Errorf("format %q: want a name, doc, side, Sniff and Parse", f.Name)
		}
		if seen[f.Name] {
			t.Errorf("format %q listed twice", f.Name)
		}
		seen[f.Name] = true
		if f.Count != nil && !f.Later {
			t.Errorf("format %q: Count is only for Later formats", f.Name)
		}
	}
}
