package analyzer

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

func TestFoldByPosition(t *testing.T) {
	tests := []struct {
		name     string
		patterns []string
		want     map[string]string
	}{
		{"placeholder beside ids", []string{"/trunks", "/trunks/{id}/phone-numbers", "/trunks/TR_test_dummy/phone-numbers"},
			map[string]string{"/trunks/TR_test_dummy/phone-numbers": "/trunks/{id}/phone-numbers"}},
		{"placeholder alone, a member of a listed collection", []string{"/trunks", "/trunks/TR_test_dummy/phone-numbers",
			"/trunks/TR_test_dummy/whitelisted-ips", "/trunks/TR_test_dummy/destination-uris"},
			map[string]string{"/trunks/TR_test_dummy/phone-numbers": "/trunks/{id}/phone-numbers",
				"/trunks/TR_test_dummy/whitelisted-ips":  "/trunks/{id}/whitelisted-ips",
				"/trunks/TR_test_dummy/destination-uris": "/trunks/{id}/destination-uris"}},
		{"user names", []string{"/users", "/users/alice", "/users/bob"},
			map[string]string{"/users/alice": "/users/{id}", "/users/bob": "/users/{id}"}},
		{"user names with other neighbours", []string{"/users", "/users/alice", "/users/bob/repos"}, map[string]string{}},
		{"slugs under an id", []string{"/v2/accounts/{id}/posts", "/v2/accounts/{id}/posts/hello-world", "/v2/accounts/{id}/posts/second-post"},
			map[string]string{"/v2/accounts/{id}/posts/hello-world": "/v2/accounts/{id}/posts/{id}",
				"/v2/accounts/{id}/posts/second-post": "/v2/accounts/{id}/posts/{id}"}},
		// Names under a prefix that is never requested on its own are
		// resources, not ids.
		{"resources under api", []string{"/api/users", "/api/orders", "/api/users/{id}"}, map[string]string{}},
		{"sub-resources of an id", []string{"/trunks/{id}/phone-numbers", "/trunks/{id}/settings"}, map[string]string{}},
		{"versions", []string{"/api", "/api/v1/x", "/api/v2/x"}, map[string]string{}},
		{"one name, one child", []string{"/trunks", "/trunks/main/settings"}, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := foldByPosition(tt.patterns)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			// The set decides, not its order.
			rev := append([]string(nil), tt.patterns...)
			for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
				rev[i], rev[j] = rev[j], rev[i]
			}
			if again := foldByPosition(rev); !reflect.DeepEqual(again, got) {
				t.Errorf("reversed: got %v, want %v", again, got)
			}
		})
	}
}

func TestRouteMatch(t *testing.T) {
	postman := newRouteTable([]string{
		"/v2/accounts/{account_sid}/trunks", "/v2/accounts/{account_sid}/trunks/{trunk_sid}/phone-numbers",
		"/v2/accounts/{account_sid}/trunks/{trunk_sid}/phone-numbers/{phone_number_id}",
	})
	other := newRouteTable([]string{"/oauth2/token", "/users/{user}", "/users/me"})
	tests := []struct {
		routes        routeTable
		pattern, want string
	}{
		{postman, "/trunks", "/v2/accounts/{account_sid}/trunks"},
		{postman, "/trunks/TR_test_dummy/phone-numbers", "/v2/accounts/{account_sid}/trunks/{trunk_sid}/phone-numbers"},
		{postman, "/v2/accounts/{id}/trunks/{id}/phone-numbers/{id}", "/v2/accounts/{account_sid}/trunks/{trunk_sid}/phone-numbers/{phone_number_id}"},
		{postman, "/trunks/{id}/credentials", ""},
		{postman, "/phone-numbers", ""}, // the cut would be outside the base path
		{postman, "/", ""},
		{other, "/{id}/token", "/oauth2/token"}, // oauth2 was folded by shape
		{other, "/users/me", "/users/me"},       // the literal beats the variable
		{other, "/users/alice", "/users/{user}"},
		{other, "/api/users/alice", "/users/{user}"}, // a longer path: its base is the client's
		{other, "/token", ""},
	}
	for _, tt := range tests {
		got, ok := tt.routes.match(tt.pattern)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("match(%s) = %q, %v; want %q", tt.pattern, got, ok, tt.want)
		}
	}
}

// TestEndpointNamesAnyOrder names endpoints the same with 1 or 16 workers
// and in any input order, and merges what shares a name.
func TestEndpointNamesAnyOrder(t *testing.T) {
	var recs []parsers.Record
	add := func(method, endpoint string, failed bool) {
		recs = append(recs, parsers.Record{Time: day, Source: "a.log", Format: parsers.FormatPyLog, Method: method,
			Endpoint: endpoint, Status: map[bool]int{true: 500, false: 200}[failed], Failed: failed})
	}
	add("POST", "/trunks", false)
	add("POST", "/trunks/TR7C02CC0F/phone-numbers", false)
	add("POST", "/trunks/TR_test_dummy/phone-numbers", true)
	add("POST", "/trunks/TR_test_dummy/phone-numbers", true)
	want := []EndpointCount{
		{Method: "POST", Endpoint: "/trunks/{id}/phone-numbers", Requests: 3, Failed: 2, ErrorRate: 100 * 2.0 / 3},
		{Method: "POST", Endpoint: "/trunks", Requests: 1},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5 {
		rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
		total := New(&Config{Location: time.UTC})
		for i := range recs { // one aggregate per record, merged in order: as 16 workers would
			a := New(&Config{Location: time.UTC})
			a.Add(&recs[i])
			total.Merge(a)
		}
		if got := total.Result().ByEndpoint; !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	}
	routed := New(&Config{Location: time.UTC, Routes: []string{"/trunks/{trunk_sid}/phone-numbers"}})
	for i := range recs {
		routed.Add(&recs[i])
	}
	got := routed.Result().ByEndpoint
	if len(got) != 2 || got[0].Endpoint != "/trunks/{trunk_sid}/phone-numbers" || got[0].Requests != 3 || got[1].Endpoint != "/trunks" {
		t.Errorf("with routes: got %+v, want /trunks/{trunk_sid}/phone-numbers (3) and /trunks (1)", got)
	}
}
