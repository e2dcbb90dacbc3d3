package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// The runs below are written as tests/test_all_apis.py of the vSIP trunk
// API repository writes them: "Testing <name>: <endpoint>" and a result
// line per request sent, and at the end the summary, the results file's
// name and the file itself, one entry per request the run meant to send.

// emptyCredentialLog is a run with EXO_AUTH_TOKEN empty: _get_base_url
// logs the missing variable, make_request returns before logging anything,
// the trunk id falls back to TR_test_dummy in the POST tests and the GET
// tests are not run (no TRUNK_SID).
const emptyCredentialLog = `2026-11-28 04:00:00,100 - INFO - Starting API tests - Log file: /q/tests/../logs/api_test_20261128_040000.log
2026-11-28 04:00:00,100 - ERROR - Missing required environment variables: EXO_AUTH_TOKEN
2026-11-28 04:00:00,101 - INFO - 🚀 Starting comprehensive API test suite
2026-11-28 04:00:00,101 - WARNING - Using fallback TRUNK_SID: None
2026-11-28 04:00:00,102 - WARNING - EXOPHONE not set, skipping trunk alias test
2026-11-28 04:00:00,102 - INFO - 📊 Test Summary: 0/6 passed (0.0%)
2026-11-28 04:00:00,103 - INFO - 📁 Detailed results saved to: /q/tests/../logs/test_results_20261128_040000.json
`

// agreeingLog is a run whose two requests are in its log and its results
// file.
const agreeingLog = `2026-11-28 05:00:00,000 - INFO - Starting API tests - Log file: /q/tests/../logs/api_test_20261128_050000.log
2026-11-28 05:00:00,000 - INFO - 🚀 Starting comprehensive API test suite
2026-11-28 05:00:00,010 - INFO - Testing Create Trunk: /trunks
2026-11-28 05:00:00,200 - INFO - ✅ Create Trunk - Status: 201
2026-11-28 05:00:00,210 - INFO - Testing Map DID: /trunks/TRa1/phone-numbers
2026-11-28 05:00:00,300 - ERROR - ❌ Map DID - HTTP 400: Bad Request
2026-11-28 05:00:00,300 - ERROR - Error details: {"error": "Validation failed", "code": "VALIDATION_ERROR"}
2026-11-28 05:00:00,310 - INFO - 📊 Test Summary: 1/2 passed (50.0%)
2026-11-28 05:00:00,311 - INFO - 📁 Detailed results saved to: /q/tests/../logs/test_results_20261128_050000.json
`

// crashedLog is a run that crashed on a GET's HTML error page: no
// summary, no results file.
const crashedLog = `2026-11-28 06:00:00,000 - INFO - Starting API tests - Log file: /q/tests/../logs/api_test_20261128_060000.log
2026-11-28 06:00:00,000 - INFO - 🚀 Starting comprehensive API test suite
2026-11-28 06:00:00,010 - INFO - Testing Create Trunk: /trunks
2026-11-28 06:00:00,200 - INFO - ✅ Create Trunk - Status: 201
2026-11-28 06:00:00,210 - INFO - Testing GET Destination URIs: /trunks/TRb2/destination-uris
2026-11-28 06:00:00,300 - ERROR - ❌ GET Destination URIs - HTTP 501: Not Implemented
2026-11-28 06:00:00,300 - ERROR - Error response: <html><body>501</body></html>
`

// unreadLog is a run whose second request ends in a line that is not one
// of the result forms errpat reads: only the results file has it.
const unreadLog = `2026-11-28 07:00:00,000 - INFO - Starting API tests - Log file: /q/tests/../logs/api_test_20261128_070000.log
2026-11-28 07:00:00,010 - INFO - Testing Create Trunk: /trunks
2026-11-28 07:00:00,200 - INFO - ✅ Create Trunk - Status: 201
2026-11-28 07:00:00,210 - INFO - Testing Add UDP Destination: /trunks/TRc3/destination-uris
2026-11-28 07:00:30,210 - ERROR - Add UDP Destination gave up
2026-11-28 07:00:30,220 - INFO - Testing Add TCP Destination: /trunks/TRc3/destination-uris
2026-11-28 07:00:30,300 - INFO - ✅ Add TCP Destination - Status: 201
2026-11-28 07:00:30,310 - INFO - 📊 Test Summary: 2/3 passed (66.7%)
2026-11-28 07:00:30,311 - INFO - 📁 Detailed results saved to: /q/tests/../logs/test_results_20261128_070000.json
`

// resultsEntry is one entry of a results file; status 0 writes the
// result of a request that was never answered.
func resultsEntry(test, endpoint string, ok bool, status int, stamp string) string {
	result := `{"error": "Missing credentials", "details": "Required environment variables not set"}`
	if status > 0 {
		result = fmt.Sprintf(`{"status_code": %d, "error": "x", "details": "{}", "headers": {}}`, status)
	}
	return fmt.Sprintf(`{"test_name": %q, "endpoint": %q, "method": "POST", "payload": {}, "success": %v, "result": %s, "timestamp": %q}`,
		test, endpoint, ok, result, stamp)
}

func resultsFile(entries ...string) string {
	return "{\n  \"total_tests\": " + fmt.Sprint(len(entries)) + ",\n  \"test_results\": [\n" + strings.Join(entries, ",\n") + "\n  ]\n}\n"
}

var pairingFiles = map[string]string{
	"api_test_20261128_040000.log": emptyCredentialLog,
	"test_results_20261128_040000.json": resultsFile(
		resultsEntry("create_trunk", "/trunks", false, 0, "2026-11-28T04:00:00.101"),
		resultsEntry("map_did", "/trunks/TR_test_dummy/phone-numbers", false, 0, "2026-11-28T04:00:00.101"),
		resultsEntry("whitelist_ip", "/trunks/TR_test_dummy/whitelisted-ips", false, 0, "2026-11-28T04:00:00.101"),
		resultsEntry("add_destination_udp", "/trunks/TR_test_dummy/destination-uris", false, 0, "2026-11-28T04:00:00.102"),
		resultsEntry("add_destination_tcp", "/trunks/TR_test_dummy/destination-uris", false, 0, "2026-11-28T04:00:00.102"),
		resultsEntry("add_destination_tls", "/trunks/TR_test_dummy/destination-uris", false, 0, "2026-11-28T04:00:00.102"),
	),
	"api_test_20261128_050000.log": agreeingLog,
	"test_results_20261128_050000.json": resultsFile(
		resultsEntry("create_trunk", "/trunks", true, 201, "2026-11-28T05:00:00.200"),
		resultsEntry("map_did", "/trunks/TRa1/phone-numbers", false, 400, "2026-11-28T05:00:00.300"),
	),
	"api_test_20261128_060000.log": crashedLog,
	"api_test_20261128_070000.log": unreadLog,
	"test_results_20261128_070000.json": resultsFile(
		resultsEntry("create_trunk", "/trunks", true, 201, "2026-11-28T07:00:00.200"),
		resultsEntry("add_destination_udp", "/trunks/TRc3/destination-uris", false, 0, "2026-11-28T07:00:30.210"),
		resultsEntry("add_destination_tcp", "/trunks/TRc3/destination-uris", true, 201, "2026-11-28T07:00:30.300"),
	),
	// No log names it: both its requests count.
	"test_results_20261128_080000.json": resultsFile(
		resultsEntry("create_trunk", "/trunks", false, 500, "2026-11-28T08:00:00.200"),
		resultsEntry("map_did", "/trunks/TRd4/phone-numbers", true, 201, "2026-11-28T08:00:00.300"),
	),
}

// TestPairingPerRequest counts each request of a run once, from its log
// when the log holds it, else from the results file. Counts by hand:
//
//	run        requests failed duplicates
//	040000     0+6      6      0  (empty credential: results only)
//	050000     2        1      2  (log and results agree)
//	060000     2        1      0  (crashed: log only)
//	070000     2+1      1      2  (one request only in the results file)
//	080000     2        1      0  (results file, no log)
func TestPairingPerRequest(t *testing.T) {
	tests := []struct {
		name                         string
		files                        []string
		requests, failed, duplicates int
		rate                         float64
	}{
		{"empty credential", []string{"api_test_20261128_040000.log", "test_results_20261128_040000.json"}, 6, 6, 0, 100},
		{"agreeing", []string{"api_test_20261128_050000.log", "test_results_20261128_050000.json"}, 2, 1, 2, 50},
		{"crashed", []string{"api_test_20261128_060000.log"}, 2, 1, 0, 50},
		{"unread result line", []string{"api_test_20261128_070000.log", "test_results_20261128_070000.json"}, 3, 1, 2, 100.0 / 3},
		{"results without log", []string{"test_results_20261128_080000.json"}, 2, 1, 0, 50},
		{"all", nil, 6 + 2 + 2 + 3 + 2, 6 + 1 + 1 + 1 + 1, 0 + 2 + 0 + 2 + 0, 100 * 10.0 / 15},
	}
	dir := writeFiles(t, pairingFiles)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths := []string{dir}
			if tt.files != nil {
				paths = nil
				for _, f := range tt.files {
					paths = append(paths, filepath.Join(dir, f))
				}
			}
			for _, workers := range []int{1, 4} {
				res := analyzePaths(t, paths, workers)
				if res.Requests != tt.requests || res.Failed != tt.failed || res.Duplicates != tt.duplicates {
					t.Errorf("%d workers: got %d requests, %d failed, %d duplicates; want %d, %d, %d",
						workers, res.Requests, res.Failed, res.Duplicates, tt.requests, tt.failed, tt.duplicates)
				}
				if d := res.ErrorRate - tt.rate; d > 0.01 || d < -0.01 {
					t.Errorf("%d workers: got error rate %.2f, want %.2f", workers, res.ErrorRate, tt.rate)
				}
			}
		})
	}
}

// TestPairingRuns counts each run once: the log's, whose results file is
// not a run of its own.
func TestPairingRuns(t *testing.T) {
	res := analyzePaths(t, []string{writeFiles(t, pairingFiles)}, 2)
	// Four logs and the results file of 080000, which no log names.
	if res.Runs != 5 || res.IncompleteRuns != 1 {
		t.Errorf("got %d runs, %d incomplete; want 5, 1", res.Runs, res.IncompleteRuns)
	}
}

// TestLogPairsInOrder pairs an entry with the first request after the last
// one paired that has its name and endpoint, never with one before it.
func TestLogPairsInOrder(t *testing.T) {
	lr := &loggedRuns{}
	for _, q := range []struct{ test, endpoint string }{
		{"Add UDP Destination", "/d"}, {"Add TCP Destination", "/d"}, {"Add UDP Destination", "/d"},
	} {
		lr.reqs = append(lr.reqs, requestOf(&parsers.Record{Test: q.test, Endpoint: q.endpoint}))
	}
	p := lr.pairs()
	for i, tt := range []struct {
		test, endpoint string
		want           bool
	}{
		{"add_destination_tcp", "/d", true},  // the second request
		{"add_destination_udp", "/d", true},  // the third: the first is before the pair
		{"add_destination_udp", "/d", false}, // none left after it
		{"add_destination_tcp", "/e", false},
	} {
		if got := p.holds(&parsers.Record{Test: tt.test, Endpoint: tt.endpoint}); got != tt.want {
			t.Errorf("entry %d (%s %s): got %v, want %v", i, tt.test, tt.endpoint, got, tt.want)
		}
	}
}

// TestHoldsAll takes the shortcut only for complete runs holding the same
// requests in the same order.
func TestHoldsAll(t *testing.T) {
	digest := func(pairs ...string) parsers.Requests {
		var d parsers.Requests
		for i := 0; i+1 < len(pairs); i += 2 {
			d.Add(pairs[i], pairs[i+1])
		}
		return d
	}
	logged := func(complete bool, pairs ...string) *loggedRuns {
		return &loggedRuns{digest: digest(pairs...), complete: complete}
	}
	file := digest("create_trunk", "/trunks", "map_did", "/trunks/T/phone-numbers")
	tests := []struct {
		name string
		lr   *loggedRuns
		want bool
	}{
		{"same", logged(true, "Create Trunk", "/trunks", "Map DID", "/trunks/T/phone-numbers"), true},
		{"no log", nil, false},
		{"incomplete", logged(false, "Create Trunk", "/trunks", "Map DID", "/trunks/T/phone-numbers"), false},
		{"fewer", logged(true, "Create Trunk", "/trunks"), false},
		{"other order", logged(true, "Map DID", "/trunks/T/phone-numbers", "Create Trunk", "/trunks"), false},
		{"other name", logged(true, "Create Trunk", "/trunks", "Whitelist IP", "/trunks/T/phone-numbers"), false},
		{"other endpoint", logged(true, "Create Trunk", "/trunks", "Map DID", "/trunks/U/phone-numbers"), false},
	}
	for _, tt := range tests {
		if got := tt.lr.holdsAll(file); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func analyzePaths(t *testing.T, paths []string, workers int) *Result {
	t.Helper()
	inputs, err := parsers.Discover(paths)
	if err != nil {
		t.Fatal(err)
	}
	return Analyze(inputs, nil, Options{
		Config:  Config{Location: time.UTC, Slow: 2 * time.Second, Top: 5, MaxProblems: 20},
		Parse:   parsers.Options{Location: time.UTC},
		Workers: workers,
	})
}
