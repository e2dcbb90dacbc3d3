package analyzer

import (
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"
)

// FuzzMask puts a known secret, in one of its forms, inside hostile
// text: the secret never comes out, and masking what Mask returned
// changes nothing.
func FuzzMask(f *testing.F) {
	const key, token = "key_0123456789abcdef", "tok_fedcba9876543210"
	for _, s := range []string{
		"Authorization: Basic ", `{"password": "`, "https://u:", "token=", "-----BEGIN RSA PRIVATE KEY-----\n",
		"nonnumeric port: '", `{"key":"Authorization","value":"Bearer `, "X-Api-Key: ", "\\\"secret\\\":\\\"", "a:b@c.de ",
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.x", "AKIAIOSFODNN7EXAMPLE", "Cookie: a=b; c=",
	} {
		f.Add(s, `" tail`, uint8(0))
		f.Add(s, "@api.example.com/x", uint8(3))
	}
	forms := []func(string) string{
		func(s string) string { return s },
		url.PathEscape,
		func(s string) string { return hex.EncodeToString([]byte(s)) },
		func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) },
		func(s string) string { return base64.StdEncoding.EncodeToString([]byte(key + ":" + s)) },
	}
	f.Fuzz(func(t *testing.T, before, after string, form uint8) {
		m := NewMasker(key, token)
		secret := forms[int(form)%len(forms)](token)
		in := before + secret + after
		out := m.Mask(in)
		if strings.Contains(out, secret) || strings.Contains(out, token) {
			t.Fatalf("Mask(%q) = %q shows the secret", in, out)
		}
		if again := m.Mask(out); again != out {
			t.Fatalf("Mask is not idempotent on %q: %q, then %q", in, out, again)
		}
		// Whatever the text, masking it is stable.
		free := NewMasker()
		once := free.Mask(before + after)
		if twice := free.Mask(once); twice != once {
			t.Fatalf("Mask is not idempotent on %q: %q, then %q", before+after, once, twice)
		}
	})
}
