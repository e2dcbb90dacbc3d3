package parsers

import (
	"testing"
)

// TestRetryAfterEveryFormat reads a 429's Retry-After in each form the
// clients and the guide show, in each format that can carry one.
func TestRetryAfterEveryFormat(t *testing.T) {
	const body60 = `{\"error\": \"Rate limit exceeded\", \"retry_after\": 60, \"code\": \"RATE_LIMIT_EXCEEDED\"}`
	tests := []struct {
		name string
		fn   ParseFunc
		in   string
		want []float64 // per record
	}{
		{"results file: header and body", ParseJSON, `{"test_results": [
{"test_name": "a", "endpoint": "/trunks", "method": "POST", "success": false,
 "result": {"status_code": 429, "error": "Too Many Requests", "details": "` + body60 + `", "headers": {"Retry-After": "60"}}},
{"test_name": "b", "endpoint": "/trunks", "method": "POST", "success": false,
 "result": {"status_code": 429, "error": "Too Many Requests", "details": "{\"message\": \"Too many requests\"}", "headers": {"Retry-After": "120"}}},
{"test_name": "c", "endpoint": "/trunks", "method": "POST", "success": false,
 "result": {"status_code": 429, "error": "Too Many Requests", "details": "` + body60 + `", "headers": {}}},
{"test_name": "GET d", "endpoint": "/trunks/T1/credentials", "method": "GET", "success": false,
 "result": {"status_code": 429, "error": "Too Many Requests", "response": {"retry_after": 30}, "headers": {"retry-after": "45"}}},
{"test_name": "GET e", "endpoint": "/trunks/T1/credentials", "method": "GET", "success": false,
 "result": {"status_code": 429, "error": "Too Many Requests", "response": {"retry_after": 30}}},
{"test_name": "f", "endpoint": "/trunks", "method": "POST", "success": false,
 "result": {"status_code": 429, "headers": {"Date": "Sat, 28 Nov 2026 03:21:00 GMT", "Retry-After": "Sat, 28 Nov 2026 03:22:30 GMT"}}}
]}`, []float64{60, 120, 60, 45, 30, 90}},
		{"load tester: the body is error_message", ParseJSON, `{"results": [
{"endpoint": "/trunks", "method": "POST", "status_code": 429, "success": false, "error_message": "` + body60 + `"},
{"endpoint": "/trunks", "method": "POST", "status_code": 429, "success": false, "error_message": "{\"retryAfter\": 15}"}
]}`, []float64{60, 15}},
		{"JSON lines", ParseJSONLines, `{"endpoint": "/trunks", "status_code": 429, "retry_after": 60}
{"endpoint": "/trunks", "status_code": 429, "headers": {"Retry-After": "20"}}
{"endpoint": "/trunks", "status_code": 429, "error": {"message": "slow down", "retry_after": 5}}
{"endpoint": "/trunks", "status_code": 429}
`, []float64{60, 20, 5, 0}},
		{"client log error body", ParsePyLog, "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n" +
			"2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 429: Too Many Requests\n" +
			"2026-11-28 03:21:12,791 - ERROR - Error details: {\n  \"error\": \"Rate limit exceeded\",\n  \"retry_after\": 60\n}\n" +
			"2026-11-28 03:21:13,000 - INFO - Testing GET Credentials: /trunks/T1/credentials\n" +
			"2026-11-28 03:21:13,100 - ERROR - ❌ GET Credentials - HTTP 429: Too Many Requests\n" +
			"2026-11-28 03:21:13,100 - ERROR - Error response: {\"retry_after\": 30}\n", []float64{60, 30}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, probs := collect(t, tt.fn, tt.in)
			if len(probs) > 0 {
				t.Errorf("got problems %v, want none", probs)
			}
			if len(recs) != len(tt.want) {
				t.Fatalf("got %d records, want %d", len(recs), len(tt.want))
			}
			for i, r := range recs {
				if r.RetryAfter != tt.want[i] {
					t.Errorf("record %d: got Retry-After %v, want %v", i, r.RetryAfter, tt.want[i])
				}
			}
		})
	}
}
