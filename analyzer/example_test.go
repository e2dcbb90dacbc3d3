package analyzer_test

import (
	"fmt"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
)

// Endpoints fold their ids, messages their variable parts, and each
// failure has a class with a hint.
func Example() {
	fmt.Println(analyzer.FoldEndpoint("https://api.example.com/v2/accounts/acme1/trunks/TR7C02CC0F/phone-numbers?page=2"))
	fmt.Println(analyzer.Pattern("Trunk with SID 'TR88FB3CB3' not found"))
	r := parsers.Record{Status: 429, Failed: true}
	fmt.Println(analyzer.Classify(&r))
	// Output:
	// /v2/accounts/{id}/trunks/{id}/phone-numbers
	// Trunk with SID '<id>' not found
	// rate_limit
}
