package main

import (
	"encoding/json"
	"testing"
)

// TestArtilleryErrorClasses reads report-v2.json: its errors of Node
// codes are requests without a response, classed as other formats' are
// (by hand: ETIMEDOUT timeout, ENOTFOUND dns, ECONNREFUSED network,
// ERR_TLS_CERT_ALTNAME_INVALID tls), beside the 503 and 404 responses,
// by the hours of their periods (10 requests at 03:59:50, 17 after 04:00).
func TestArtilleryErrorClasses(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "--tz", "UTC", "--format", "json", "testdata/load/aggregate/artillery/report-v2.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Categories []struct {
			Class string `json:"class"`
			Count int    `json:"count"`
		} `json:"categories"`
		ByHour []struct {
			Hour     string `json:"hour"`
			Requests int    `json:"requests"`
		} `json:"by_hour"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range rep.Categories {
		got[c.Class] = c.Count
	}
	want := map[string]int{"timeout": 1, "dns": 1, "network": 1, "tls": 1, "server": 1, "not_found": 1}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("class %s: got %d, want %d", k, got[k], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got classes %v, want %v", got, want)
	}
	if len(rep.ByHour) != 2 || rep.ByHour[0].Requests != 10 || rep.ByHour[1].Requests != 17 {
		t.Errorf("got hours %+v, want 10 requests in hour 03 and 17 in hour 04", rep.ByHour)
	}
}
