package parsers

import (
	"testing"
	"time"
)

// TestApplyBody reads each field of a JSON body, including where a key
// is written with escapes, or named only inside a value, which the look
// at the body's keys before each Get must not be fooled by.
func TestApplyBody(t *testing.T) {
	tests := []struct {
		name, body string
		failed     bool
		code, msg  string
		retry      float64
	}{
		{"code and message", `{"error": "Not found", "message": "Trunk TR1 not found", "code": "RESOURCE_NOT_FOUND"}`, true, "RESOURCE_NOT_FOUND", "Trunk TR1 not found", 0},
		{"error_code when code is no string", `{"code": 404, "error_code": "E_NF", "detail": "gone"}`, true, "E_NF", "gone", 0},
		{"nested error", `{"error": {"message": "slow down", "retry_after": 30}}`, true, "", "slow down", 30},
		{"first retry value that says something", `{"retry_after": 0, "retryAfter": "5", "error": {"retry_after": 7}}`, true, "", "", 5},
		{"a later error object", `{"error": {"x": 1}, "error": {"message": "second"}}`, true, "", "second", 0},
		{"escaped keys", `{"co\u0064e": "ESC", "m\u0065ssage": "escaped", "retry\u005fafter": 3}`, true, "ESC", "escaped", 3},
		{"key names inside values only", `{"note": "code message retry_after detail", "error": "plain"}`, true, "", "plain", 0},
		{"success keeps no message", `{"code": "OK", "message": "created"}`, false, "OK", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Record{Failed: tt.failed, Time: time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)}
			applyBody(r, tt.body)
			if r.ErrorCode != tt.code || r.Message != tt.msg || r.RetryAfter != tt.retry || r.Response != tt.body {
				t.Errorf("got code %q, message %q, retry %v, response %q; want %q, %q, %v, the body",
					r.ErrorCode, r.Message, r.RetryAfter, r.Response, tt.code, tt.msg, tt.retry)
			}
		})
	}
}
