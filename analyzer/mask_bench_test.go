package analyzer

import (
	"strings"
	"testing"
)

// maskBenchTexts are the texts the masker meets most: failure messages
// without secrets, an endpoint, a body, and a few with credentials.
var maskBenchTexts = []string{
	"HTTP 500: Internal Server Error",
	"<urlopen error [Errno 111] Connection refused>",
	"Trunk not found",
	"/v2/accounts/AC123/trunks/TR456/phone-numbers",
	`{"code": "VALIDATION_ERROR", "message": "Invalid IP address format", "details": {"field": "ip", "value": "300.1.1.1"}}`,
	"HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=30)",
	"Cannot connect to host api.example.com:443 ssl:default [Name or service not known]",
	"Authorization: Basic a2V5XzAxMjM0NTY3ODlhYmNkZWY6dG9rX2ZlZGNiYTk4NzY1NDMyMTA=",
	"https://key_0123456789abcdef:tok_fedcba9876543210@api.example.com/v2/accounts",
	`{"password": "hunter2pass", "user": "bob"}`,
}

// BenchmarkMask is the masker on the hot path: once per new message,
// endpoint and body, and once per field of every event.
func BenchmarkMask(b *testing.B) {
	m := NewMasker("key_0123456789abcdef", "tok_fedcba9876543210")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.Mask(maskBenchTexts[i%len(maskBenchTexts)])
	}
}

// BenchmarkMaskHostile is the masker on a 64 KiB text made of keys with
// unclosed values: it must stay linear.
func BenchmarkMaskHostile(b *testing.B) {
	m := NewMasker()
	s := strings.Repeat(`password: "x token=`, 64<<10/19)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		m.Mask(s)
	}
}
