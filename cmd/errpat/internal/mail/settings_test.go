package mail

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestDefaultPort(t *testing.T) {
	tests := []struct {
		mode, user string
		want       int
	}{{"", "", 25}, {"", "u", 587}, {"starttls", "", 587}, {"tls", "", 465}, {"tls", "u", 465}, {"none", "", 25}, {"none", "u", 25}}
	for _, tt := range tests {
		if got := DefaultPort(TLS(tt.mode), tt.user); got != tt.want {
			t.Errorf("DefaultPort(%q, %q): got %d, want %d", tt.mode, tt.user, got, tt.want)
		}
	}
}

func TestAddress(t *testing.T) {
	for in, want := range map[string]string{
		"qa@example.com": "<qa@example.com>", "Ops Team <ops@example.com>": `"Ops Team" <ops@example.com>`,
	} {
		if got, err := Address(in); err != nil || got != want {
			t.Errorf("Address(%q): got %q, %v; want %q", in, got, err, want)
		}
	}
	if got, err := Address("not an address"); err == nil {
		t.Errorf("Address(not an address): got %q, want an error", got)
	}
}

func TestTLSValid(t *testing.T) {
	for _, m := range []TLS{Auto, StartTLS, Implicit, None} {
		if !m.Valid() {
			t.Errorf("%q: got invalid, want valid", m)
		}
	}
	if TLS("ssl").Valid() {
		t.Error(`"ssl": got valid, want invalid`)
	}
}

func TestClearPassword(t *testing.T) {
	tests := []struct {
		s    SMTP
		want bool
	}{
		{SMTP{Host: "mx.example.net", User: "u", TLS: None}, true},
		{SMTP{Host: "localhost", User: "u", TLS: None}, false},
		{SMTP{Host: "mx.example.net", TLS: None}, false},
		{SMTP{Host: "mx.example.net", User: "u"}, false}, // Send refuses it unless the server offers STARTTLS
	}
	for _, tt := range tests {
		if got := tt.s.ClearPassword(); got != tt.want {
			t.Errorf("%+v: got %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestLoadRoots(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadRoots(notPEM); !errors.Is(err, ErrNoPEM) || err.Error() != notPEM+" holds no PEM certificate" {
		t.Errorf("a file without PEM: got %v, want %s %v", err, notPEM, ErrNoPEM)
	}
	if _, err := LoadRoots(filepath.Join(dir, "none.pem")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: got %v, want it not to exist", err)
	}
}
