package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errpat/errpat/report"
)

// TestNoSecretInAnyFormat feeds credentials in every place a client puts
// them and asserts that no output format shows any of them.
func TestNoSecretInAnyFormat(t *testing.T) {
	const key, token = "key_0123456789abcdef", "tok_fedcba9876543210"
	t.Setenv("EXO_AUTH_KEY", key)
	t.Setenv("EXO_AUTH_TOKEN", token)
	basic := base64.StdEncoding.EncodeToString([]byte(key + ":" + token))
	secrets := []string{key, token, basic, "hunter2pass", "bearerTOKEN123", "sup3rs3cret", "qpToken999", "xpass42"}

	dir := t.TempDir()
	log := "2026-11-28 03:21:12,727 - INFO - Starting API tests - Log file: x\n" +
		"2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: https://" + key + ":" + token + "@api.example.com/v2/accounts/AC1/trunks?api_key=qpToken999\n" +
		"2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 401: Unauthorized for " + key + "\n" +
		"2026-11-28 03:21:12,792 - ERROR - Error details: {\n  \"message\": \"bad credentials Authorization: Basic " + basic + "\",\n  \"password\": \"hunter2pass\"\n}\n" +
		"2026-11-28 03:21:13,000 - INFO - Testing Map DID: /trunks/TR1/phone-numbers\n" +
		"2026-11-28 03:21:16,100 - ERROR - ❌ Map DID - Exception: token rejected: Authorization: Bearer bearerTOKEN123\n" +
		"2026-11-28 03:21:17,000 - INFO - Testing Whitelist IP: https://user:xpass42@h.example.com/trunks/TR1/whitelisted-ips\n" +
		"2026-11-28 03:21:19,500 - ERROR - ❌ Whitelist IP - HTTP 500: internal error secret=sup3rs3cret\n"
	if err := os.WriteFile(filepath.Join(dir, "api_test_1.log"), []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range report.Formats {
		t.Run(format, func(t *testing.T) {
			args := []string{"--tz", "UTC", "--slow", "1s", "--format", format}
			if format == "csv" {
				args = append(args, "--section", "messages") // the table that holds examples
			}
			code, out, errOut := runCLI(t, "", append(args, dir, "testdata/newman")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if !strings.Contains(out, "****") {
				t.Errorf("no masked value shown: the test input did not reach the output")
			}
			for _, s := range secrets {
				if strings.Contains(out, s) || strings.Contains(errOut, s) {
					t.Errorf("output shows secret %q", s)
				}
			}
		})
	}
}
