package parsers_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/errpat/errpat/parsers"
)

// A client log streams as records: one per request, with its status,
// message and response time.
func ExampleParsePyLog() {
	log := `2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks
2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 400: Bad Request
2026-11-28 03:21:12,791 - ERROR - Error details: {
  "message": "Invalid trunk name",
  "code": "VALIDATION_ERROR"
}
`
	parsers.ParsePyLog(strings.NewReader(log), "api_test.log", parsers.Options{Location: time.UTC}, parsers.Sink{
		Record: func(r *parsers.Record) {
			fmt.Printf("%s %s %d %s %q %.3fs line %d\n", r.Method, r.Endpoint, r.Status, r.ErrorCode, r.Message, r.Seconds, r.Line)
		},
	})
	// Output: POST /trunks 400 VALIDATION_ERROR "Invalid trunk name" 0.063s line 1
}
