package analyzer

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// faultCounts are the counts of one fault run of testdata/faults,
// worked out from its files by testdata/faults/count.py (which reads them
// by the clients' own rules, without errpat) and checked by reading the
// files.
type faultCounts struct {
	requests, failed, incomplete int
	slow                         int // over 2 s, errpat's default --slow
	byStatus                     map[int]int
	byClass                      map[Class]int // requests without a response
	byEndpoint                   map[string]int
	retryAfter                   map[float64]int // 429s by Retry-After (0: none given)
	// pending names, per check ("counts", "endpoints", "retry"), the part
	// of issue 13 that errpat does not do yet and that the check needs:
	// such a check is skipped, not weakened.
	pending map[string]string
}

// The endpoints every complete run of test_all_apis.py with a trunk id
// calls, plus the integration test's create and the load tester's 16.
var fullRun = map[string]int{
	"GET /trunks/{id}/credentials": 1, "GET /trunks/{id}/destination-uris": 1, "GET /trunks/{id}/phone-numbers": 1,
	"GET /trunks/{id}/whitelisted-ips": 1, "POST /trunks": 18, "POST /trunks/{id}/destination-uris": 3,
	"POST /trunks/{id}/phone-numbers": 1, "POST /trunks/{id}/settings": 1, "POST /trunks/{id}/whitelisted-ips": 1,
}

// Without a trunk id test_all_apis.py skips its GETs.
var postsOnly = map[string]int{
	"POST /trunks": 18, "POST /trunks/{id}/destination-uris": 3, "POST /trunks/{id}/phone-numbers": 1,
	"POST /trunks/{id}/settings": 1, "POST /trunks/{id}/whitelisted-ips": 1,
}

var faultRuns = map[string]faultCounts{
	// The integration test never reaches the server: urllib takes the
	// "key:token@" of its URL for part of the host name (one DNS failure
	// in every run).
	"ok":   {requests: 28, failed: 1, byStatus: map[int]int{0: 1, 200: 4, 201: 23}, byClass: map[Class]int{ClassDNS: 1}, byEndpoint: fullRun},
	"slow": {requests: 28, slow: 13, failed: 1, byStatus: map[int]int{0: 1, 200: 4, 201: 23}, byClass: map[Class]int{ClassDNS: 1}, byEndpoint: fullRun},
	"hang": {requests: 28, slow: 8, failed: 9, byStatus: map[int]int{0: 9, 200: 3, 201: 16},
		byClass: map[Class]int{ClassDNS: 1, ClassTimeout: 8}, byEndpoint: fullRun},
	"reset": {requests: 28, failed: 14, byStatus: map[int]int{0: 14, 200: 2, 201: 12},
		byClass: map[Class]int{ClassDNS: 1, ClassNetwork: 13}, byEndpoint: fullRun},
	"tls": {requests: 24, failed: 24, byStatus: map[int]int{0: 24},
		byClass: map[Class]int{ClassDNS: 1, ClassTLS: 23}, byEndpoint: postsOnly},
	"dns": {requests: 24, failed: 24, byStatus: map[int]int{0: 24},
		byClass: map[Class]int{ClassDNS: 23, ClassNetwork: 1}, byEndpoint: postsOnly},
	"ratelimit": {requests: 28, failed: 9, byStatus: map[int]int{0: 1, 200: 3, 201: 16, 429: 8},
		byClass: map[Class]int{ClassDNS: 1}, byEndpoint: fullRun, retryAfter: map[float64]int{0: 2, 60: 5, 120: 1}},
	"burst503": {requests: 28, failed: 9, byStatus: map[int]int{0: 1, 200: 4, 201: 15, 503: 8},
		byClass: map[Class]int{ClassDNS: 1}, byEndpoint: fullRun},
	"flaky500": {requests: 28, failed: 7, byStatus: map[int]int{0: 1, 200: 3, 201: 18, 500: 6},
		byClass: map[Class]int{ClassDNS: 1}, byEndpoint: fullRun},
	"tz": {requests: 28, failed: 7, byStatus: map[int]int{0: 1, 200: 3, 201: 18, 500: 6},
		byClass: map[Class]int{ClassDNS: 1}, byEndpoint: fullRun},
	// No credential: test_all_apis.py logs no request, its results file
	// lists the 7 tests failed; the other two clients send nothing.
	"empty": {requests: 7, failed: 7, byStatus: map[int]int{0: 7}, byClass: map[Class]int{ClassAuth: 7},
		byEndpoint: map[string]int{"POST /trunks": 1, "POST /trunks/{id}/destination-uris": 3, "POST /trunks/{id}/phone-numbers": 1,
			"POST /trunks/{id}/settings": 1, "POST /trunks/{id}/whitelisted-ips": 1}},
	// requests' urllib3 lines (5, no time), httpx's (5) and a vSIP-style
	// log around requests calls with urllib3's lines on (5 requests of
	// its own, then 2 test status lines each after urllib3's line for the
	// same request): 17, the server failing every 4th with a 500.
	"pyhttp": {requests: 17, failed: 4, byStatus: map[int]int{200: 6, 201: 7, 500: 4}, byClass: map[Class]int{},
		byEndpoint: map[string]int{
			"POST /v2/accounts/AC_fault_test/trunks": 3, "GET /v2/accounts/AC_fault_test/trunks/{id}/credentials": 3,
			"GET /v2/accounts/AC_fault_test/trunks/{id}/destination-uris": 2, "POST /v2/accounts/AC_fault_test/trunks/{id}/phone-numbers": 2,
			"POST /v2/accounts/AC_fault_test/trunks/{id}/whitelisted-ips": 2,
			"POST /trunks": 1, "GET /trunks/{id}/credentials": 1, "GET /trunks/{id}/destination-uris": 1,
			"POST /trunks/{id}/phone-numbers": 1, "POST /trunks/{id}/whitelisted-ips": 1}},
	// Killed during its third request: two results, no summary, no
	// results file; the load tester killed too wrote nothing.
	"killed": {requests: 2, incomplete: 1, byStatus: map[int]int{201: 2}, byClass: map[Class]int{},
		byEndpoint: map[string]int{"POST /trunks": 1, "POST /trunks/{id}/phone-numbers": 1}},
}

// TestFaultRuns checks every fault run of the vSIP clients against the
// counts worked out from its files.
func TestFaultRuns(t *testing.T) {
	for fault, want := range faultRuns {
		t.Run(fault, func(t *testing.T) {
			res := analyzeFiles(t, 0, "faults/"+fault)
			check := func(name string, fn func(t *testing.T)) {
				t.Run(name, func(t *testing.T) {
					if why, ok := want.pending[name]; ok {
						t.Skip("needs " + why)
					}
					fn(t)
				})
			}
			check("counts", func(t *testing.T) { checkFaultCounts(t, res, want) })
			check("endpoints", func(t *testing.T) { checkFaultEndpoints(t, res, want) })
			check("retry", func(t *testing.T) { checkFaultRetry(t, res, want) })
		})
	}
}

func checkFaultCounts(t *testing.T, res *Result, want faultCounts) {
	if res.Requests != want.requests || res.Failed != want.failed || res.IncompleteRuns != want.incomplete || res.Slow.Count != want.slow {
		t.Errorf("requests, failed, incomplete runs, slow: got %d, %d, %d, %d, want %d, %d, %d, %d",
			res.Requests, res.Failed, res.IncompleteRuns, res.Slow.Count, want.requests, want.failed, want.incomplete, want.slow)
	}
	byStatus := map[int]int{}
	byClass := map[Class]int{}
	for _, s := range res.ByStatus {
		byStatus[s.Status] += s.Count
		if s.Status == 0 {
			byClass[s.Class] += s.Count
		}
	}
	if !maps.Equal(byStatus, want.byStatus) {
		t.Errorf("by status: got %v, want %v", byStatus, want.byStatus)
	}
	if !maps.Equal(byClass, want.byClass) {
		t.Errorf("no-response classes: got %v, want %v", byClass, want.byClass)
	}
}

func checkFaultEndpoints(t *testing.T, res *Result, want faultCounts) {
	byEndpoint := map[string]int{}
	for _, e := range res.ByEndpoint {
		// The one account of the runs, folded or not.
		ep := strings.Replace(e.Endpoint, "/accounts/{id}/", "/accounts/AC_fault_test/", 1)
		byEndpoint[e.Method+" "+ep] += e.Requests
	}
	if !maps.Equal(byEndpoint, want.byEndpoint) {
		t.Errorf("by endpoint: got %v, want %v", byEndpoint, want.byEndpoint)
	}
}

func checkFaultRetry(t *testing.T, res *Result, want faultCounts) {
	retry := map[float64]int{}
	if rl := res.Detected.RateLimit; rl != nil {
		for _, v := range rl.RetryAfter {
			retry[v.Seconds] = v.Count
		}
		if rl.NoRetryAfter > 0 {
			retry[0] = rl.NoRetryAfter
		}
	}
	if len(want.retryAfter) == 0 {
		want.retryAfter = map[float64]int{}
	}
	if !maps.Equal(retry, want.retryAfter) {
		t.Errorf("Retry-After: got %v, want %v", retry, want.retryAfter)
	}
}

// TestFaultRunInKolkata reads the run made with TZ=Asia/Kolkata: the test
// clients' naive times are the machine's local time, the load tester's
// are UTC (utcnow), so only with --input-tz Asia/Kolkata do the three
// clients' requests, run one after the other within seconds, fall in the
// same minute.
func TestFaultRunInKolkata(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Skip("no time zone database: ", err)
	}
	for _, tt := range []struct {
		loc      *time.Location
		wantSpan bool // all requests within a minute
	}{{kolkata, true}, {time.UTC, false}} {
		inputs, probs := parsers.Discover([]string{filepath.Join("..", "testdata", "faults", "tz")})
		if len(probs) > 0 {
			t.Fatalf("discover: %v", probs)
		}
		res := Analyze(inputs, nil, Options{
			Config: Config{Location: time.UTC, Slow: 2 * time.Second, Top: 10, MaxProblems: 20, Mask: NewMasker().Mask},
			Parse:  parsers.Options{Location: tt.loc},
		})
		if res.Requests != 28 {
			t.Fatalf("%s: got %d requests, want 28", tt.loc, res.Requests)
		}
		if got := res.Last.Sub(res.First) < time.Minute; got != tt.wantSpan {
			t.Errorf("input zone %s: requests from %v to %v, want within a minute: %v", tt.loc, res.First, res.Last, tt.wantSpan)
		}
	}
}
