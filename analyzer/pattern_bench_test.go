package analyzer

import (
	"fmt"
	"testing"
)

// patternBenchMessages are failure messages of the kinds the key sees:
// API errors, test-runner failures, load-test failures and log lines.
var patternBenchMessages = []string{
	"Trunk with SID 'TR88FB3CB3' not found",
	"[Errno 111] Connection refused",
	"expected response code to be 2XX but found 501",
	"HTTP 503: Service Unavailable at 2025-01-13T10:30:00Z",
	"<urlopen error [Errno -2] Name or service not known>",
	"AssertionError: expected status 200 but got 404 for GET /api/v1/users/12345/orders",
	"Response code: 500, Response message: Internal Server Error; url=https://api.example.com/v2/items?id=8812",
	"Error: expect(received).toBe(expected) // Object.is equality Expected: 'Active' Received: 'Inactive'",
	"Validation failed: field 'phone_number' must match ^\\+[0-9]{8,15}$ (got \"+1-555-0100\")",
	"User AuthFail:sts:AssumeRole denied for arn:aws:iam::123456789012:role/deploy after 3 retries",
	"PacketResponder 1 for block blk_38865049064139660 terminating",
	"Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010",
}

// BenchmarkPatternKey measures the per-line key of the hot path.
func BenchmarkPatternKey(b *testing.B) {
	msgs := make([]string, 0, 1200)
	for i := 0; i < 100; i++ {
		for _, m := range patternBenchMessages {
			msgs = append(msgs, fmt.Sprintf("%s #%d", m, i))
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		Pattern(msgs[i%len(msgs)])
	}
}
