package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestThresholdEmptyCredential alerts on a run whose every test failed
// without sending a request (an empty credential): its failures are in the
// results file only, and its log holds no request.
func TestThresholdEmptyCredential(t *testing.T) {
	dir := t.TempDir()
	log := `2026-11-28 04:00:00,100 - INFO - Starting API tests - Log file: /q/logs/api_test_20261128_040000.log
2026-11-28 04:00:00,100 - ERROR - Missing required environment variables: EXO_AUTH_TOKEN
2026-11-28 04:00:00,101 - INFO - 🚀 Starting comprehensive API test suite
2026-11-28 04:00:00,102 - INFO - 📊 Test Summary: 0/2 passed (0.0%)
2026-11-28 04:00:00,103 - INFO - 📁 Detailed results saved to: /q/logs/test_results_20261128_040000.json
`
	entry := `{"test_name": "%s", "endpoint": "%s", "method": "POST", "payload": {}, "success": false, "result": {"error": "Missing credentials", "details": "Required environment variables not set"}, "timestamp": "2026-11-28T04:00:00.101"}`
	results := `{"total_tests": 2, "successful_tests": 0, "failed_tests": 2, "test_results": [` +
		strings.Replace(strings.Replace(entry, "%s", "create_trunk", 1), "%s", "/trunks", 1) + ", " +
		strings.Replace(strings.Replace(entry, "%s", "map_did", 1), "%s", "/trunks/TR_test_dummy/phone-numbers", 1) + `]}`
	for name, body := range map[string]string{
		"api_test_20261128_040000.log":      log,
		"test_results_20261128_040000.json": results,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, _ := runCLI(t, "", "--tz", "UTC", "--threshold", "5", dir)
	if want := "ALERT: error rate 100.00%"; code != exitAlert || !strings.Contains(stdout, want) {
		t.Errorf("got exit %d and output %q; want exit %d and %q", code, stdout, exitAlert, want)
	}
}
