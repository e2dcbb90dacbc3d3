package mail

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultPort(t *testing.T) {
	tests := []struct {
		mode, user string
		want       int
	}{{"", "", 25}, {"", "u", 587}, {"starttls", "", 587}, {"tls", "", 465}, {"tls", "u", 465}, {"none", "", 25}, {"none", "u", 25}}
	for _, tt := range tests {
		if got := defaultPort(TLS(tt.mode), tt.user); got != tt.want {
			t.Errorf("defaultPort(%q, %q): got %d, want %d", tt.mode, tt.user, got, tt.want)
		}
	}
}

// TestCheckCompletes: addresses as headers write them, the TLS mode in
// lower case, the port from ERRPAT_SMTP_PORT (decimal) or the mode's.
func TestCheckCompletes(t *testing.T) {
	s := Settings{To: []string{" qa@example.com", "Ops Team <ops@example.com>"}, From: "ci@example.com",
		PortEnv: "0587", SMTP: SMTP{Host: "mx.example.net", TLS: "STARTTLS"}}
	if err := s.Check(func(string) bool { return false }); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.To, ", "); got != `<qa@example.com>, "Ops Team" <ops@example.com>` || s.From != "<ci@example.com>" {
		t.Errorf("got to %s, from %s; want the addresses as headers write them", got, s.From)
	}
	if s.SMTP.TLS != StartTLS || s.SMTP.Port != 587 {
		t.Errorf("got TLS %q, port %d; want starttls and 587", s.SMTP.TLS, s.SMTP.Port)
	}
	s = Settings{To: []string{"qa@example.com"}, PortEnv: "2525", SMTP: SMTP{Host: "localhost", Port: 26, TLS: "tls"}}
	if err := s.Check(func(flag string) bool { return flag == "smtp-port" }); err != nil || s.SMTP.Port != 26 || !strings.HasPrefix(s.From, "<errpat@") {
		t.Errorf("got %v, port %d, from %s; want the port given and errpat@ the host", err, s.SMTP.Port, s.From)
	}
}

func TestCheckRefuses(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	to := []string{"qa@example.com"}
	host := SMTP{Host: "mx.example.net"}
	tests := []struct {
		name  string
		s     Settings
		given string
		want  string
	}{
		{"recipient", Settings{To: []string{"qa"}}, "", `invalid --mail-to address "qa" (want name@example.com)`},
		{"sender", Settings{To: to, From: "ci"}, "", `invalid --mail-from address "ci" (want name@example.com)`},
		{"subject", Settings{To: to, Subject: "a\nb"}, "", "invalid --subject: it must be one line"},
		{"sendmail and SMTP", Settings{To: to, Sendmail: "/usr/sbin/sendmail"}, "smtp-user", "--sendmail and --smtp-user contradict each other"},
		{"no server", Settings{To: to}, "", "--mail-to needs an SMTP server"},
		{"TLS mode", Settings{To: to, SMTP: SMTP{Host: "h", TLS: "ssl"}}, "", `invalid --smtp-tls or ERRPAT_SMTP_TLS "ssl" (want starttls, tls, none)`},
		{"no password", Settings{To: to, SMTP: SMTP{Host: "h", User: "u"}}, "", "--smtp-user needs the password in ERRPAT_SMTP_PASSWORD"},
		{"password in clear", Settings{To: to, SMTP: SMTP{Host: "mx.example.net", User: "u", Password: "p", TLS: None}}, "",
			"--smtp-tls none would send the password unencrypted to mx.example.net"},
		{"port of the environment", Settings{To: to, PortEnv: "0x19", SMTP: host}, "", `invalid ERRPAT_SMTP_PORT "0x19" (want a port number)`},
		{"port", Settings{To: to, SMTP: SMTP{Host: "h", Port: 70000}}, "", "invalid SMTP port 70000 (want 1 to 65535)"},
		{"CA file", Settings{To: to, CAFile: notPEM, SMTP: host}, "", "--smtp-ca " + notPEM + " holds no PEM certificate"},
		{"no CA file", Settings{To: to, CAFile: filepath.Join(dir, "none.pem"), SMTP: host}, "", "--smtp-ca: open "},
	}
	for _, tt := range tests {
		err := tt.s.Check(func(flag string) bool { return flag == tt.given })
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
	local := Settings{To: to, SMTP: SMTP{Host: "localhost", User: "u", Password: "p", TLS: None}}
	if err := local.Check(func(string) bool { return false }); err != nil {
		t.Errorf("a password in clear to localhost: got %v, want it allowed", err)
	}
}
