package parsers

import (
	"bytes"
	"time"

	"github.com/tidwall/gjson"
)

// The JSON documents of the vSIP test clients, read by ParseJSON.

// Names of the JSON document formats of the test clients.
const (
	FormatResults     = "results"     // {"test_results": [...]} written by the test client
	FormatLoad        = "load"        // {"results": [...], "analysis": {...}} of the load tester
	FormatJSONArray   = "jsonarray"   // a JSON array of request objects
	FormatIntegration = "integration" // integration test step summary (no requests)
)

var resultsFormat = &Format{
	Name:  FormatResults,
	Doc:   `the test client's results files ({"test_results": [...]})`,
	Side:  SideClient,
	Sniff: sniffResults,
	Parse: ParseJSON,
	Later: true, // the twin of the run's log, when that was read
	Count: CountResults,
}

var jsonArrayFormat = &Format{
	Name:  FormatJSONArray,
	Doc:   "a JSON array of request objects",
	Side:  SideClient,
	Sniff: sniffJSONArray,
	Parse: ParseJSON,
}

// sniffJSONArray tells an array of request objects: its first element
// (as far as the first bytes hold it) is a request.
func sniffJSONArray(text []byte) bool {
	if text[0] != '[' {
		return false
	}
	first := gjson.Get(string(text), "0")
	var r Record
	return first.IsObject() && objectRecord(first, time.UTC, &r)
}

var integrationFormat = &Format{
	Name:    FormatIntegration,
	Doc:     "the integration test's step summary (no requests)",
	Side:    SideClient,
	Sniff:   objectWith(`"overall_success"`),
	Parse:   ParseJSON,
	Summary: true,
}

var loadFormat = &Format{
	Name:       FormatLoad,
	Doc:        `the load tester's results ({"results": [...], "analysis": {...}})`,
	Side:       SideLoad,
	Sniff:      sniffLoad,
	Parse:      ParseJSON,
	Concurrent: true,
}

// sniffLoad tells the load tester's results: a "results" list beside its
// "test_config" or "analysis", or of entries with its own keys.
func sniffLoad(text []byte) bool {
	if !objectWith(`"results"`)(text) {
		return false
	}
	for _, k := range []string{`"test_config"`, `"analysis"`, `"status_code"`, `"response_time"`} {
		if bytes.Contains(text, []byte(k)) {
			return true
		}
	}
	return false
}

// sniffResults tells the test client's results file: an object whose
// "test_results" key holds a list (a JSON line that merely names the key,
// as errpat's own events may, is not one).
func sniffResults(text []byte) bool {
	if text[0] != '{' {
		return false
	}
	for rest := text; ; {
		i := bytes.Index(rest, []byte(`"test_results"`))
		if i < 0 {
			return false
		}
		rest = bytes.TrimLeft(rest[i+len(`"test_results"`):], " \t\r\n")
		if len(rest) > 0 && rest[0] == ':' {
			if v := bytes.TrimLeft(rest[1:], " \t\r\n"); len(v) > 0 && v[0] == '[' {
				return true
			}
		}
	}
}
