package parsers

import (
	"os"
	"strings"
	"testing"
)

// TestNameHash gives the log's name and the results file's key of each
// test of tests/test_all_apis.py the same hash, and different tests
// different ones.
func TestNameHash(t *testing.T) {
	same := [][2]string{
		{"Create Trunk", "create_trunk"},
		{"Map DID", "map_did"},
		{"Whitelist IP", "whitelist_ip"},
		{"Add UDP Destination", "add_destination_udp"},
		{"Add TLS Destination", "add_destination_tls"},
		{"Set Trunk Alias", "set_trunk_alias"},
		{"GET Destination URIs", "get_destination_uris"},
		{"GET Whitelisted IPs", "get_whitelisted_ips"},
		{"GET Credentials", "get_credentials"},
		{"GET Phone Numbers", "get_phone_numbers"},
		{"DELETE Trunk", "delete_trunk"},
	}
	for _, p := range same {
		if NameHash(p[0]) != NameHash(p[1]) {
			t.Errorf("NameHash(%q) != NameHash(%q), want equal", p[0], p[1])
		}
	}
	for i, p := range same {
		for _, q := range same[i+1:] {
			if NameHash(p[0]) == NameHash(q[1]) {
				t.Errorf("NameHash(%q) == NameHash(%q), want different", p[0], q[1])
			}
		}
	}
	for _, p := range [][2]string{{"Add UDP Destination", "add_destination_udp_2"}, {"Map DID", "map"}, {"GET Trunk", "get_get_trunk"}} {
		if NameHash(p[0]) == NameHash(p[1]) {
			t.Errorf("NameHash(%q) == NameHash(%q), want different", p[0], p[1])
		}
	}
	if NameHash("") != 0 || NameHash(" _-") != 0 {
		t.Errorf("a name without words hashes to %d, %d; want 0", NameHash(""), NameHash(" _-"))
	}
}

// TestEndpointHash gives each endpoint its own hash: the ones a word apart,
// of every length around the eight bytes it reads at once, and the ones
// that differ only in trailing NUL bytes or in their last byte.
func TestEndpointHash(t *testing.T) {
	seen := map[uint64]string{}
	add := func(s string) {
		t.Helper()
		h := EndpointHash(s)
		if h != EndpointHash(strings.Clone(s)) {
			t.Errorf("EndpointHash(%q) differs between two copies", s)
		}
		if o, ok := seen[h]; ok && o != s {
			t.Errorf("EndpointHash(%q) == EndpointHash(%q), want different", s, o)
		}
		seen[h] = s
	}
	base := "/trunks/TR5653CC3D/destination-uris"
	for n := 0; n <= len(base); n++ {
		add(base[:n])
		add(base[:n] + "\x00")
		add(base[:n] + "\x00\x00")
		if n > 0 {
			add(base[:n-1] + "X")
		}
	}
	for _, s := range []string{"/trunks", "/trunkz", "/trunks/", "trunks/", "/Trunks", "/trunks/TR1/phone-numbers", "/trunks/TR2/phone-numbers"} {
		add(s)
	}
}

// TestCountResultsDigest digests a real results file as its log's requests
// digest, so that the file need not be read again; and refuses to digest
// a name it would have to unescape.
func TestCountResultsDigest(t *testing.T) {
	logText, err := os.ReadFile("../testdata/real-client/api_test_20261128_032120.log")
	if err != nil {
		t.Fatal(err)
	}
	var fromLog Requests
	sink := Sink{Record: func(r *Record) { fromLog.Add(r.Test, r.Endpoint) }}
	if err := ParsePyLog(strings.NewReader(string(logText)), "api_test_20261128_032120.log", Options{}, sink); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../testdata/real-client/test_results_20261128_032120.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, ok := CountResults(f)
	if !ok || got != fromLog || got.N != 10 {
		t.Errorf("CountResults = %+v, %v; want the log's %+v (10 requests), true", got, ok, fromLog)
	}
	for _, in := range []string{
		`{"test_results": [{"test_name": "map\u005fdid", "endpoint": "/trunks"}]}`,
		`{"test_results": [{"test_name": "map_did", "endpoint": 5}]}`,
		`{"test_results": [{"test\u005fname": "map_did", "endpoint": "/trunks"}]}`,
	} {
		if d, ok := CountResults(strings.NewReader(in)); ok {
			t.Errorf("CountResults(%s) = %+v, true; want false", in, d)
		}
	}
}
