package analyzer

import (
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

func TestFoldEndpoint(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/trunks/TR7C02CC0F/phone-numbers", "/trunks/{id}/phone-numbers"},
		{"/trunks", "/trunks"},
		{"https://KEY:TOKEN@api.example.com/v2/accounts/acme1/trunks?page=2", "/v2/accounts/{id}/trunks"},
		{"/v2/accounts/{{account_sid}}/trunks/{{trunk_sid}}/settings", "/v2/accounts/{id}/trunks/{id}/settings"},
		{"/trunks/TRN3WM4N1/phone-numbers/12345", "/trunks/{id}/phone-numbers/{id}"},
		{"/users/550e8400-e29b-41d4-a716-446655440000#frag", "/users/{id}"},
		{"/numbers/+919876543210", "/numbers/{id}"},
		{"/v10/health", "/v10/health"},
		{"https://host.example.com", "/"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FoldEndpoint(tt.in); got != tt.want {
			t.Errorf("FoldEndpoint(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPattern(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Trunk with SID 'TR88FB3CB3' not found", "Trunk with SID '<id>' not found"},
		{"[Errno 111] Connection refused", "[Errno <n>] Connection refused"},
		{"expected response code to be 2XX but found 501", "expected response code to be 2XX but found 501"},
		{"HTTP 503: Service Unavailable at 2025-01-13T10:30:00Z", "HTTP 503: Service Unavailable at <time>"},
		{"connect ECONNREFUSED 127.0.0.1:443", "connect ECONNREFUSED <ip>"},
		{"Request TR12AB34 failed after 3 retries", "Request <id> failed after <n> retries"},
		{"Invalid   trunk\nname", "Invalid trunk name"},
	}
	for _, tt := range tests {
		if got := Pattern(tt.in); got != tt.want {
			t.Errorf("Pattern(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
	if Pattern("Trunk with SID 'TR1' not found") != Pattern("Trunk with SID 'TR2' not found") {
		t.Error("messages differing only in a quoted id must share a pattern")
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		rec  parsers.Record
		want Class
	}{
		{parsers.Record{Status: 201}, ClassOK},
		{parsers.Record{Status: 401, Failed: true}, ClassAuth},
		{parsers.Record{Status: 403, Failed: true}, ClassPermission},
		{parsers.Record{Status: 400, Failed: true}, ClassValidation},
		{parsers.Record{Status: 422, Failed: true, Message: "Invalid phone number"}, ClassValidation},
		{parsers.Record{Status: 422, Failed: true, Message: "Trunk name 'x' already exists"}, ClassConflict},
		{parsers.Record{Status: 422, Failed: true, ErrorCode: "DUPLICATE_RESOURCE"}, ClassConflict},
		{parsers.Record{Status: 409, Failed: true}, ClassConflict},
		{parsers.Record{Status: 404, Failed: true}, ClassNotFound},
		{parsers.Record{Status: 429, Failed: true}, ClassRateLimit},
		{parsers.Record{Status: 503, Failed: true}, ClassServer},
		{parsers.Record{Status: 418, Failed: true}, ClassClient},
		{parsers.Record{Status: 200, Failed: true}, ClassAssertion},
		{parsers.Record{Status: -1, Failed: true}, ClassUnknown},
		{parsers.Record{Status: 500, Failed: true, ErrorCode: "AUTH_FAILED"}, ClassAuth},
		{parsers.Record{Failed: true, Message: "<urlopen error timed out>"}, ClassTimeout},
		{parsers.Record{Failed: true, Message: "certificate verify failed: unable to get local issuer certificate"}, ClassTLS},
		{parsers.Record{Failed: true, Message: "<urlopen error [Errno -2] Name or service not known>"}, ClassDNS},
		{parsers.Record{Failed: true, Message: "getaddrinfo ENOTFOUND api.example.com"}, ClassDNS},
		{parsers.Record{Failed: true, Message: "[Errno 111] Connection refused"}, ClassNetwork},
	}
	for _, tt := range tests {
		if got := Classify(&tt.rec); got != tt.want {
			t.Errorf("Classify(%+v): got %s, want %s", tt.rec, got, tt.want)
		}
		if tt.want != ClassOK && Hint(tt.want) == "" {
			t.Errorf("class %s has no hint", tt.want)
		}
	}
}

func TestSketchAccuracy(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var s Sketch
	var vals []float64
	for range 100000 {
		v := math.Exp(rng.NormFloat64()) * 0.2 // log-normal latencies around 200 ms
		vals = append(vals, v)
		s.Add(v)
	}
	slices.Sort(vals)
	for _, q := range []float64{0.5, 0.95, 0.99} {
		exact := vals[int(math.Ceil(q*float64(len(vals))))-1]
		got := s.Quantile(q)
		if math.Abs(got-exact)/exact > sketchAccuracy {
			t.Errorf("q%.2f: got %v, exact %v: error over %v", q, got, exact, sketchAccuracy)
		}
	}
	if s.Max() != vals[len(vals)-1] {
		t.Errorf("max: got %v, want %v", s.Max(), vals[len(vals)-1])
	}
}

func TestSketchMergeEqualsAdd(t *testing.T) {
	var whole, a, b Sketch
	for i := range 1000 {
		v := float64(i%97) / 10
		whole.Add(v)
		if i%3 == 0 {
			a.Add(v)
		} else {
			b.Add(v)
		}
	}
	a.Merge(&b)
	for _, q := range []float64{0, 0.5, 0.9, 1} {
		if a.Quantile(q) != whole.Quantile(q) {
			t.Errorf("q%v: merged %v, whole %v", q, a.Quantile(q), whole.Quantile(q))
		}
	}
}

func TestHourStartAcrossZones(t *testing.T) {
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	ny, _ := time.LoadLocation("America/New_York")
	tests := []struct {
		t    time.Time
		loc  *time.Location
		want string
	}{
		{time.Date(2025, 1, 13, 4, 10, 0, 0, time.UTC), kolkata, "2025-01-13T09:00:00+05:30"},
		// the repeated hour when daylight saving ends keeps both of its hours
		{time.Date(2025, 11, 2, 5, 30, 0, 0, time.UTC), ny, "2025-11-02T01:00:00-04:00"},
		{time.Date(2025, 11, 2, 6, 30, 0, 0, time.UTC), ny, "2025-11-02T01:00:00-05:00"},
	}
	for _, tt := range tests {
		if got := hourStart(tt.t, tt.loc).Format(time.RFC3339); got != tt.want {
			t.Errorf("hourStart(%v, %v): got %s, want %s", tt.t, tt.loc, got, tt.want)
		}
	}
}

func TestMaskerHidesCredentials(t *testing.T) {
	m := NewMasker("key_0123456789abcdef", "tok_fedcba9876543210")
	secrets := []string{"key_0123456789abcdef", "tok_fedcba9876543210", "a2V5XzAxMjM0NTY3ODlhYmNkZWY6dG9rX2ZlZGNiYTk4NzY1NDMyMTA=",
		"s3cr3tpass", "abc.def.ghi", "hunter22", "zzTopSecret", "urlpass1"}
	inputs := []string{
		`Authorization: Basic a2V5XzAxMjM0NTY3ODlhYmNkZWY6dG9rX2ZlZGNiYTk4NzY1NDMyMTA=`,
		`{"key": "Authorization", "value": "Bearer abc.def.ghi"}`,
		`https://key_0123456789abcdef:tok_fedcba9876543210@api.example.com/v2`,
		`https://user:urlpass1@h/x`,
		`GET /x?api_key=hunter22&page=2`,
		`{"auth_token": "zzTopSecret", "password": "s3cr3tpass"}`,
		`login failed for key_0123456789abcdef`,
	}
	for _, in := range inputs {
		out := m.Mask(in)
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("Mask(%q) = %q still holds %q", in, out, s)
			}
		}
		if !strings.Contains(out, Masked) {
			t.Errorf("Mask(%q) = %q, want a %s mark", in, out, Masked)
		}
	}
	if got := m.Mask("page=2&limit=10 Trunk not found"); got != "page=2&limit=10 Trunk not found" {
		t.Errorf("text without secrets changed: %q", got)
	}
}
