package analyzer

import (
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// TestMaskDetectors feeds each detector the shapes it is for, in every
// syntax, and asserts the secret is gone, a mask is shown and the text
// around it is kept.
func TestMaskDetectors(t *testing.T) {
	const s = "Zq9xW2mK7vB4nR8t" // the secret of most cases
	tests := []struct {
		name, in string
		secret   string // hidden (s when empty)
		keep     string // still in the output
	}{
		{name: "Authorization Basic", in: "Authorization: Basic " + s, keep: "Authorization: Basic "},
		{name: "Authorization Bearer in JSON", in: `{"Authorization": "Bearer ` + s + `"}`, keep: `"Bearer `},
		{name: "Digest response", in: `Authorization: Digest username="u", realm="r", nonce="n", uri="/", response="6629fae49393a05397450978507c4ef1"`, secret: "6629fae49393a05397450978507c4ef1"},
		{name: "Digest response alone", in: `WWW: response="6629fae49393a05397450978507c4ef1", qop=auth`, secret: "6629fae49393a05397450978507c4ef1"},
		{name: "Proxy-Authorization", in: "Proxy-Authorization: Basic " + s, keep: "Proxy-Authorization"},
		{name: "X-Api-Key header", in: "> X-Api-Key: " + s + "\n", keep: "X-Api-Key: "},
		{name: "Api-Key header at line start", in: "Api-Key: abcdefgh", secret: "abcdefgh"},
		{name: "X-Auth-Token", in: `{'X-Auth-Token': '` + s + `'}`, keep: "X-Auth-Token"},
		{name: "Cookie", in: "Cookie: session=" + s + "; theme=dark", keep: "Cookie: "},
		{name: "Set-Cookie", in: `"Set-Cookie": "sid=` + s + `; Path=/; HttpOnly"`},
		{name: "newman header entry", in: `{"key":"Authorization","value":"Basic ` + s + `"}`, keep: `"key":"Authorization"`},
		{name: "HAR header entry", in: `{"name": "x-api-key", "value": "` + s + `"}`},
		{name: "JSON password", in: `{"password": "` + s + `", "user": "bob"}`, keep: `"user": "bob"`},
		{name: "password inside a JSON string", in: `{"body": "{\"password\":\"` + s + `\"}"}`, keep: `\"password\":\"`},
		{name: "Python dict", in: `{'password': '` + s + `', 'user': 'bob'}`, keep: "'user': 'bob'"},
		{name: "Python keyword", in: `login(user='bob', passwd='` + s + `')`},
		{name: "pwd", in: `{"pwd": "` + s + `"}`},
		{name: "session_id", in: `{"session_id": "` + s + `"}`},
		{name: "sid", in: `sid=` + s + `&x=1`, keep: "&x=1"},
		{name: "form refresh_token", in: "grant_type=refresh_token&refresh_token=" + s + "&client_id=app", keep: "&client_id=app"},
		{name: "query api_token", in: "GET /v4/projects?api_token=" + s + "&page=2", keep: "&page=2"},
		{name: "query private_token", in: "/api/v4/user?private_token=" + s},
		{name: "query token", in: "/x?token=" + s},
		{name: "query key", in: "https://maps.example.com/api?key=" + s + "&q=1"},
		{name: "access_token camel case", in: `{"accessToken":"` + s + `"}`},
		{name: "YAML", in: "db:\n  password: hunter\n", secret: "hunter"},
		{name: "password in a log line", in: "2026-11-28 03:21:12,727 - DEBUG - login with password: hunter", secret: "hunter"},
		{name: "header key with an object", in: `{"authorization": {"password": "` + s + `"}}`, keep: `{"authorization": {"password": "`},
		{name: "YAML list", in: "- secret: word\n", secret: "word"},
		{name: "client_secret env", in: "CLIENT_SECRET=" + s},
		{name: "credentials field", in: `"credentials": "` + s + `"`},
		{name: "JWT", in: "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U rejected",
			secret: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0", keep: " rejected"},
		{name: "AWS access key id", in: "InvalidAccessKeyId: AKIAIOSFODNN7EXAMPLE does not exist", secret: "AKIAIOSFODNN7EXAMPLE", keep: "does not exist"},
		{name: "AWS temporary key id", in: "key ASIAY34FZKBOKMUTVV7A", secret: "ASIAY34FZKBOKMUTVV7A"},
		{name: "presigned URL", in: "https://b.s3.amazonaws.com/o?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261128&X-Amz-Signature=" + s,
			keep: "X-Amz-Algorithm=AWS4-HMAC-SHA256"},
		{name: "presigned URL v2", in: "https://b.s3.amazonaws.com/o?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1&Signature=" + url.QueryEscape(s+"/+="), secret: s},
		{name: "GitHub token", in: "git: ghp_" + strings.Repeat("a1B2", 9) + " invalid", secret: "ghp_" + strings.Repeat("a1B2", 9)},
		{name: "GitHub fine-grained", in: "github_pat_11ABCDEFG0" + strings.Repeat("x9", 20), secret: "github_pat_11ABCDEFG0"},
		{name: "GitLab token", in: "glpat-" + s + "xyz1", secret: s},
		{name: "Slack token", in: "xoxb-123456789012-123456789012-" + s, secret: s},
		{name: "Slack webhook", in: "https://hooks.slack.com/services/T000/B000/" + s, secret: s},
		{name: "Stripe key", in: "sk_live_" + s, secret: s},
		{name: "key after an underscore", in: "REJECTED_sk_live_" + s, secret: s, keep: "REJECTED_"},
		{name: "cloud key id after an underscore", in: "KEY_AKIAIOSFODNN7EXAMPLE", secret: "AKIAIOSFODNN7EXAMPLE"},
		{name: "Google API key", in: "AIza" + s + s + "abc", secret: s},
		{name: "PEM private key", in: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA" + s + "\n-----END RSA PRIVATE KEY-----\nnext", secret: "MIIEowIBAAKCAQEA", keep: "next"},
		{name: "OpenSSH key cut short", in: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA" + s, secret: "b3BlbnNzaC1rZXktdjEAAAA"},
		{name: "PEM in a JSON string", in: `{"key": "-----BEGIN PRIVATE KEY-----\nMIIEv` + s + `\n-----END PRIVATE KEY-----"}`, secret: "MIIEv"},
		{name: "URL user and password", in: "https://bob:" + s + "@h.example.com/x", keep: "@h.example.com/x"},
		{name: "URL token as user", in: "https://" + s + "@github.com/o/r.git", keep: "@github.com/o/r.git"},
		{name: "user and password without a scheme", in: "connect to key_abc:" + s + "@api.example.com failed", keep: "@api.example.com failed"},
		{name: "urllib nonnumeric port", in: "InvalidURL: nonnumeric port: '" + s + "@api.example.com'", keep: "@api.example.com'"},
		{name: "random value of a key-like name", in: `{"signing_hash": "` + s + `"}`},
		{name: "cut JSON value", in: `{"password": "` + s, keep: `{"password": "`},
	}
	m := NewMasker()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secret := tt.secret
			if secret == "" {
				secret = s
			}
			out := m.Mask(tt.in)
			if strings.Contains(out, secret) {
				t.Errorf("got %q, want %q hidden", out, secret)
			}
			if !strings.Contains(out, Masked) || !strings.Contains(out, tt.keep) {
				t.Errorf("got %q, want a mask and %q kept", out, tt.keep)
			}
			if again := m.Mask(out); again != out {
				t.Errorf("masking twice: got %q, want %q", again, out)
			}
		})
	}
}

// TestMaskKeepsProse checks texts that only look like keys and values.
func TestMaskKeepsProse(t *testing.T) {
	m := NewMasker()
	for _, in := range []string{
		"page=2&limit=10 Trunk not found",
		"Invalid token: expired",
		"Invalid API credentials: AUTH_FAILED",
		"Basic authentication failed",
		"Bearer token missing",
		"POST /v2/accounts/AC1/trunks/TR_test_dummy/credentials",
		`{"trunk_sid": "TR0123456789abcdef", "key": "Authorization"}`,
		"monkey=banana oauth=on",
		"<urlopen error [Errno 111] Connection refused>",
		"HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=30)",
		"mail bob@example.com about it",
		`{"token_type": "bearer", "expires_in": 3600}`,
	} {
		if got := m.Mask(in); got != in {
			t.Errorf("Mask(%q): got %q, want it unchanged", in, got)
		}
	}
}

// TestMaskerLearnsFromTheRun checks that the credentials a Basic header
// or a URL reveals are hidden wherever else they appear, in every form.
func TestMaskerLearnsFromTheRun(t *testing.T) {
	const user, pass = "key_1b2c3d4e5f6a", "tok_9f8e7d6c5b4a"
	basic := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
	forms := []string{pass, url.PathEscape(pass + "/x"), hex.EncodeToString([]byte(pass)),
		base64.RawURLEncoding.EncodeToString([]byte(pass)), base64.RawStdEncoding.EncodeToString([]byte(pass))}
	for _, first := range []string{
		"Authorization: Basic " + basic,
		`{"key": "Authorization", "value": "Basic ` + basic + `"}`,
		"https://" + user + ":" + pass + "@api.example.com/v2",
		user + ":" + pass + "@api.example.com",
		"nonnumeric port: '" + pass + "@api.example.com'",
	} {
		m := NewMasker()
		m.Mask(first)
		for _, later := range forms {
			if pass+"/x" == later {
				later = url.PathEscape(pass) + "/x"
			}
			in := "request failed for " + later + " today"
			if out := m.Mask(in); strings.Contains(out, later) {
				t.Errorf("after %q: Mask(%q) = %q, want the learned secret hidden", first, in, out)
			}
		}
	}
}

// TestMaskerGivenSecrets checks the secrets of the environment in their
// encoded forms.
func TestMaskerGivenSecrets(t *testing.T) {
	const key, token = "key_0123456789abcdef", "tok_fedcba9876543210"
	m := NewMasker(key, token)
	for _, in := range []string{
		token, url.PathEscape(token), hex.EncodeToString([]byte(token)), strings.ToUpper(hex.EncodeToString([]byte(token))),
		base64.StdEncoding.EncodeToString([]byte(token)), base64.RawURLEncoding.EncodeToString([]byte(key + ":" + token)),
	} {
		if out := m.Mask("x " + in + " y"); strings.Contains(out, in) || out != "x "+Masked+" y" {
			t.Errorf("Mask(%q): got %q, want x %s y", in, out, Masked)
		}
	}
	if got := m.Mask("https://" + key + ":" + token + "@h/x"); got != "https://****:****@h/x" {
		t.Errorf("got %q, want https://****:****@h/x", got)
	}
}

// TestMaskerConcurrent masks and learns from many goroutines (run with
// -race).
func TestMaskerConcurrent(t *testing.T) {
	m := NewMasker("key_0123456789abcdef")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				pass := "pw" + strings.Repeat(string(rune('a'+i)), 6) + string(rune('0'+j%10))
				m.Mask("https://u:" + pass + "@h.example.com")
				if out := m.Mask("again " + pass); strings.Contains(out, pass) {
					t.Errorf("got %q, want %q hidden", out, pass)
				}
			}
		}()
	}
	wg.Wait()
}
