// Command errpat reads API test logs and test-result files and reports
// what failed: by HTTP status and error class, by hour, by endpoint, by
// message pattern, with response times and crashed runs.
//
// Usage:
//
//	errpat [flags] [PATH|GLOB|-]...
//
// A directory is searched recursively; a glob may use ** ; - reads
// standard input; no argument means ./logs. Formats are told by content:
// the API test client's text logs and results files, load-test results,
// JSON lines, structured API_REQUEST log records, newman JSON reports,
// JUnit XML and colour test-runner logs, plain or gzip-compressed.
//
// Exit codes: 0 the report was written; 1 the error rate is above
// --threshold; 2 a usage error, no input could be read, or (with --strict)
// an input problem.
package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

func usage(fs *pflag.FlagSet) string {
	var b strings.Builder
	fmt.Fprintln(&b, "Usage: errpat [flags] [PATH|GLOB|-]...")
	fmt.Fprintln(&b)
	fmt.Fprintln(&b, "Reads API test logs and result files (directories recursively, globs with **,")
	fmt.Fprintln(&b, "- for standard input, .gz by content; default ./logs) and reports what failed.")
	fmt.Fprintln(&b)
	fmt.Fprintln(&b, "Flags:")
	fmt.Fprint(&b, fs.FlagUsages())
	fmt.Fprintln(&b)
	fmt.Fprintln(&b, "Exit codes:")
	fmt.Fprintln(&b, "  0  report written; error rate within --threshold")
	fmt.Fprintln(&b, "  1  error rate above --threshold")
	fmt.Fprintln(&b, "  2  usage error, no input could be read, or an input problem with --strict")
	return b.String()
}
