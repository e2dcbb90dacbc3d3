package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBugReportGolden is the report of the commonest failure of the real
// client's runs (go test ./cmd/errpat -update rewrites it).
func TestBugReportGolden(t *testing.T) {
	code, out, errOut := runCLI(t, "", "bugreport", "--tz", "UTC", "testdata/real-client")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	goldenFile(t, "bugreport_real-client.md", out)
	// The guide's template, in its order.
	last := -1
	for _, h := range []string{"## 🐛 API Error Report", "### Environment", "### Error Details", "### Request Payload",
		"### Response Body", "### Debugging Steps Taken", "### Resolution", "### Prevention"} {
		i := strings.Index(out, h+"\n")
		if i <= last {
			t.Errorf("section %q missing or out of the template's order", h)
		}
		last = i
	}
}

// verboseLog is one failed request as the client logs it with -v: the
// payload holds a secret, the path an account SID, the body a request id.
const verboseLog = `2026-11-28 03:21:12,700 - INFO - Testing Create Trunk: /v2/accounts/ACdeadbeef0123456789/trunks
2026-11-28 03:21:12,701 - DEBUG - Payload: {"trunk_name": "test-trunk!", "api_key": "sk_live_abcdef123456", "nso_code": "IND-MUM"}
2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 400: Bad Request
2026-11-28 03:21:12,791 - ERROR - Error details: {"error": "Validation failed", "code": "VALIDATION_ERROR", "message": "Invalid trunk name format", "request_id": "req_12345", "account": "/accounts/ACdeadbeef0123456789/"}
2026-11-28 03:21:13,000 - INFO - Testing Create Trunk: /v2/accounts/ACdeadbeef0123456789/trunks
2026-11-28 03:21:13,091 - ERROR - ❌ Create Trunk - HTTP 400: Bad Request
2026-11-28 03:21:13,091 - ERROR - Error details: {"error": "Validation failed", "code": "VALIDATION_ERROR", "message": "Invalid trunk name format"}
`

func TestBugReportFromAVerboseRun(t *testing.T) {
	code, out, errOut := runCLI(t, verboseLog, "bugreport", "--tz", "UTC", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"- **Account SID**: AC... (redacted)",
		"- **API Endpoint**: `POST /v2/accounts/.../trunks`",
		"- **Request ID**: `req_12345`",
		"- **HTTP Status**: 400",
		"- **Error Code**: `VALIDATION_ERROR`",
		"- **Error Message**: `Invalid trunk name format`",
		"```json\n{\n  \"trunk_name\": \"test-trunk!\",\n  \"api_key\": \"****\",",
		"\"message\": \"Invalid trunk name format\"",
		"2 occurrences from 2026-11-28T03:21:12.791Z to 2026-11-28T03:21:13.091Z",
		"| `POST /v2/accounts/.../trunks` | 2 |",
		"| Create Trunk | 2 |",
		"**validation**: Fix the payload",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("bug report lacks %q:\n%s", want, out)
		}
	}
	for _, leak := range []string{"sk_live_abcdef123456", "ACdeadbeef0123456789"} {
		if strings.Contains(out, leak) {
			t.Errorf("bug report shows %q", leak)
		}
	}
}

func TestBugReportNoFailures(t *testing.T) {
	ok := "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n2026-11-28 03:21:12,791 - INFO - ✅ Create Trunk - Status: 201\n"
	code, out, errOut := runCLI(t, ok, "bugreport", "-")
	if code != 2 || out != "" || !strings.Contains(errOut, "errpat: no failures in the input") {
		t.Errorf("got exit %d, stdout %q, stderr %q; want 2 and the reason", code, out, errOut)
	}
}

func TestBugReportOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bug.md")
	code, out, errOut := runCLI(t, "", "bugreport", "--tz", "UTC", "-o", path, "testdata/real-client")
	b, err := os.ReadFile(path)
	if code != 0 || out != "" || err != nil || !strings.HasPrefix(string(b), "## 🐛 API Error Report") {
		t.Errorf("got exit %d (%s), stdout %q, file %.40q (%v); want the report in the file only", code, errOut, out, b, err)
	}
}
