package parsers

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
	Sniff: objectWith(`"test_results"`),
	Parse: ParseJSON,
	Later: true, // the twin of the run's log, when that was read
	Count: CountResults,
}

var jsonArrayFormat = &Format{
	Name:  FormatJSONArray,
	Doc:   "a JSON array of request objects",
	Side:  SideClient,
	Sniff: startsWith('['),
	Parse: ParseJSON,
}

var integrationFormat = &Format{
	Name:  FormatIntegration,
	Doc:   "the integration test's step summary (no requests)",
	Side:  SideClient,
	Sniff: objectWith(`"overall_success"`),
	Parse: ParseJSON,
}

var loadFormat = &Format{
	Name:       FormatLoad,
	Doc:        `the load tester's results ({"results": [...], "analysis": {...}})`,
	Side:       SideLoad,
	Sniff:      startsWith('{'),
	Parse:      ParseJSON,
	Concurrent: true,
}
