package parsers

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestReadRoutes(t *testing.T) {
	trunks := []string{
		"/trunks", "/trunks/{trunk_sid}/credentials", "/trunks/{trunk_sid}/destination-uris",
		"/trunks/{trunk_sid}/phone-numbers", "/trunks/{trunk_sid}/phone-numbers/{phone_number_id}",
		"/trunks/{trunk_sid}/settings", "/trunks/{trunk_sid}/whitelisted-ips",
	}
	// The collection's thirteen requests in three folders, by hand: six
	// distinct paths under /v2/accounts/{account_sid}, the DELETE's query
	// left out.
	postman := []string{
		"/v2/accounts/{account_sid}/trunks", "/v2/accounts/{account_sid}/trunks/{trunk_sid}/destination-uris",
		"/v2/accounts/{account_sid}/trunks/{trunk_sid}/phone-numbers",
		"/v2/accounts/{account_sid}/trunks/{trunk_sid}/phone-numbers/{phone_number_id}",
		"/v2/accounts/{account_sid}/trunks/{trunk_sid}/settings",
		"/v2/accounts/{account_sid}/trunks/{trunk_sid}/whitelisted-ips",
	}
	for _, tt := range []struct {
		file string
		want []string
	}{
		{"../testdata/routes/openapi.yaml", trunks},
		{"../testdata/routes/Exotel_SIP_Trunking_APIs.json", postman},
	} {
		got, err := ReadRoutes(tt.file)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ReadRoutes(%s) = %q, %v; want %q", tt.file, got, err, tt.want)
		}
	}
}

func TestParseRoutes(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		err      string
	}{
		{"openapi json", `{"openapi": "3.1.0", "paths": {"/users/{user}": {}, "/users": {}}}`, []string{"/users", "/users/{user}"}, ""},
		{"postman raw urls", `{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [
			{"request": {"method": "GET", "url": "{{base_url}}/users/:id?x=1"}},
			{"request": {"url": {"raw": "https://h/users/{{user}}/repos/"}}},
			{"item": [{"request": {"url": {"path": ["orgs", {"value": ":org"}]}}}]}]}`,
			[]string{"/orgs/{org}", "/users/{id}", "/users/{user}/repos"}, ""},
		{"not json", `{"openapi": `, nil, "invalid JSON"},
		{"not yaml", "openapi: [3\n", nil, "invalid YAML"},
		{"other document", `{"test_results": []}`, nil, "neither an OpenAPI document"},
		{"no paths", "openapi: 3.0.0\ninfo: {}\n", nil, "without a paths object"},
		{"empty collection", `{"info": {}, "item": []}`, nil, "no endpoint templates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseRoutes([]byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("got %q, %v; want an error with %q", got, err, tt.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestReadRoutesNamesTheFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "api.yaml")
	if err := os.WriteFile(name, []byte("paths: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRoutes(name); err == nil || !strings.HasPrefix(err.Error(), name+": ") {
		t.Errorf("got %v, want an error starting with %s", err, name)
	}
}
