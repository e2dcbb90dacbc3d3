package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestRoutes names the endpoints of the real client's runs as the API's
// Postman collection does, leaves an endpoint it lacks folded by shape,
// and takes a file that is no route document for a usage error naming it.
func TestRoutes(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "--tz", "UTC", "--format", "json",
		"--routes", "testdata/routes/Exotel_SIP_Trunking_APIs.json", "testdata/real-client")
	if code != exitAlert && code != exitOK {
		t.Fatalf("got exit %d, stderr %s", code, stderr)
	}
	var rep struct {
		ByEndpoint []struct{ Method, Endpoint string } `json:"by_endpoint"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range rep.ByEndpoint {
		got[e.Method+" "+e.Endpoint] = true
	}
	for _, want := range []string{
		"POST /v2/accounts/{account_sid}/trunks",
		"POST /v2/accounts/{account_sid}/trunks/{trunk_sid}/phone-numbers",
		"GET /v2/accounts/{account_sid}/trunks/{trunk_sid}/destination-uris",
		"GET /trunks/{id}/credentials", // not in the collection
	} {
		if !got[want] {
			t.Errorf("endpoints %v lack %s", got, want)
		}
	}
	for e := range got {
		if strings.Contains(e, "TR") {
			t.Errorf("endpoint %s holds a trunk id", e)
		}
	}
	bad := "testdata/real-client/test_results_20261128_032120.json"
	code, _, stderr = runCLI(t, "", "--routes", bad, "testdata/real-client")
	if want := "errpat: invalid --routes: " + bad + ": neither"; code != exitFailure || !strings.HasPrefix(stderr, want) {
		t.Errorf("got exit %d, stderr %q; want %d and %q", code, stderr, exitFailure, want)
	}
}
