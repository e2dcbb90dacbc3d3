package report_test

import (
	"encoding/json"
	"os"
	"strings"
	"time"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// The report model of one request read from standard input: its summary
// and statuses, as the JSON report has them.
func ExampleNew() {
	log := "2026-11-28 03:21:12,728 - INFO - Testing Map DID: /trunks/TR1/phone-numbers\n" +
		"2026-11-28 03:21:12,900 - ERROR - ❌ Map DID - HTTP 404: Not Found\n"
	res := analyzer.Analyze([]parsers.Input{{Name: "-", Stdin: true}}, strings.NewReader(log), analyzer.Options{
		Config: analyzer.Config{Location: time.UTC, Top: 3},
	})
	r := report.New(res, report.Options{Top: 3})
	enc := json.NewEncoder(os.Stdout)
	enc.Encode(r.Summary)
	enc.Encode(r.ByStatus)
	// Output:
	// {"requests":1,"failed":1,"skipped":0,"error_rate":100,"runs":1,"incomplete_runs":0,"first":"2026-11-28T03:21:12.9Z","last":"2026-11-28T03:21:12.9Z"}
	// [{"status":404,"class":"not_found","count":1}]
}
