package main

import (
	"mime"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/errpat/errpat/cmd/errpat/internal/mail/smtptest"
)

// clearMailEnv keeps the machine's own settings out of the tests.
func clearMailEnv(t *testing.T) {
	for _, k := range []string{"ERRPAT_SMTP_HOST", "ERRPAT_SMTP_PORT", "ERRPAT_SMTP_USER", "ERRPAT_SMTP_PASSWORD",
		"ERRPAT_SMTP_TLS", "ERRPAT_SMTP_CA"} {
		t.Setenv(k, "")
	}
}

func TestMailSTARTTLSAndAuth(t *testing.T) {
	clearMailEnv(t)
	s := smtptest.Start(t, smtptest.Config{User: "reporter", Password: "s3cret pass"})
	t.Setenv("ERRPAT_SMTP_PASSWORD", "s3cret pass")
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--mail-to", "qa@example.com,Ops Team <ops@example.com>",
		"--mail-from", "errpat@example.com", "--smtp-host", "127.0.0.1", "--smtp-port", s.Port,
		"--smtp-user", "reporter", "--smtp-ca", s.CAFile, "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 0 || out != "" || errOut != "" {
		t.Fatalf("got exit %d, stdout %.100q, stderr %q; want 0 and silence (the report went by mail)", code, out, errOut)
	}
	msgs := s.Messages()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	m := msgs[0]
	if !m.TLS || m.AuthUser != "reporter" {
		t.Errorf("got tls %v, auth user %q; want STARTTLS and AUTH as reporter", m.TLS, m.AuthUser)
	}
	if m.From != "errpat@example.com" || !slices.Equal(m.To, []string{"qa@example.com", "ops@example.com"}) {
		t.Errorf("envelope: got from %q to %q", m.From, m.To)
	}
	p := smtptest.Read(t, m.Data)
	h := p.Header
	wantHeaders := map[string]string{
		"From": "<errpat@example.com>", "To": `<qa@example.com>, "Ops Team" <ops@example.com>`,
		"Subject": "errpat: 44.68% errors, 47 requests, 2026-11-28 03:21 to 03:21 UTC", "Mime-Version": "1.0",
		"User-Agent": "errpat dev",
	}
	for k, want := range wantHeaders {
		if got := h.Get(k); got != want {
			t.Errorf("%s: got %q, want %q", k, got, want)
		}
	}
	if h.Get("Date") == "" || h.Get("Message-Id") == "" {
		t.Errorf("want Date and Message-ID headers, got %v", h)
	}
	if !strings.Contains(p.Text, "47 requests, 21 failed (44.68%)") || !strings.Contains(p.Text, "Top error messages") {
		t.Errorf("text part lacks the report:\n%.300s", p.Text)
	}
	if !strings.HasPrefix(p.HTML, "<!DOCTYPE html>") || !strings.Contains(p.HTML, ">Top error messages</h2>") {
		t.Errorf("HTML part lacks the report:\n%.300s", p.HTML)
	}
}

func TestMailSettingsFromTheEnvironment(t *testing.T) {
	clearMailEnv(t)
	s := smtptest.Start(t, smtptest.Config{User: "env-user", Password: "env-pass"})
	for k, v := range map[string]string{"ERRPAT_SMTP_HOST": "127.0.0.1", "ERRPAT_SMTP_PORT": s.Port,
		"ERRPAT_SMTP_USER": "env-user", "ERRPAT_SMTP_PASSWORD": "env-pass", "ERRPAT_SMTP_TLS": "starttls",
		"ERRPAT_SMTP_CA": s.CAFile} {
		t.Setenv(k, v)
	}
	code, _, errOut := runCLI(t, "", "--tz", "UTC", "--mail-to", "qa@example.com", "--mail-from", "ci@example.com",
		"--subject", "Nightly API tests", "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	msgs := s.Messages()
	if len(msgs) != 1 || msgs[0].AuthUser != "env-user" || !msgs[0].TLS {
		t.Fatalf("got %d messages (%+v), want 1 over TLS as env-user", len(msgs), msgs)
	}
	if got := smtptest.Read(t, msgs[0].Data).Header.Get("Subject"); got != "Nightly API tests" {
		t.Errorf("Subject: got %q, want --subject", got)
	}
}

func TestMailImplicitTLS(t *testing.T) {
	clearMailEnv(t)
	s := smtptest.Start(t, smtptest.Config{ImplicitTLS: true, NoTLS: true})
	code, _, errOut := runCLI(t, "", "--tz", "UTC", "--mail-to", "qa@example.com", "--smtp-host", "127.0.0.1",
		"--smtp-port", s.Port, "--smtp-tls", "tls", "--smtp-ca", s.CAFile, "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if msgs := s.Messages(); len(msgs) != 1 || !strings.Contains(string(msgs[0].Data), "multipart/alternative") {
		t.Errorf("got %d messages, want 1 multipart message", len(msgs))
	}
}

func TestMailWithoutTLS(t *testing.T) {
	clearMailEnv(t)
	s := smtptest.Start(t, smtptest.Config{NoTLS: true})
	code, _, errOut := runCLI(t, "", "--tz", "UTC", "--mail-to", "qa@example.com", "--smtp-host", "127.0.0.1",
		"--smtp-port", s.Port, "--smtp-tls", "none", "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if msgs := s.Messages(); code != 0 || len(msgs) != 1 || msgs[0].TLS {
		t.Errorf("got exit %d (%s), %d messages; want 0 and one plain message", code, errOut, len(msgs))
	}
}

// TestMailFailureKeepsTheReport: every way delivery fails exits 2 with one
// 'errpat: send mail:' line, and the report goes to standard output.
func TestMailFailureKeepsTheReport(t *testing.T) {
	clearMailEnv(t)
	s := smtptest.Start(t, smtptest.Config{User: "reporter", Password: "right"})
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, closedPort, _ := net.SplitHostPort(closed.Addr().String())
	closed.Close()
	tests := []struct {
		name, password, why string
		args                []string
	}{
		{"refused recipient", "right", "550", []string{"--mail-to", "qa@example.com,nobody@example.com", "--smtp-ca", s.CAFile}},
		{"wrong password", "wrong", "535", []string{"--mail-to", "qa@example.com", "--smtp-ca", s.CAFile}},
		{"untrusted certificate", "right", "certificate", []string{"--mail-to", "qa@example.com"}},
		{"server down", "right", "connection refused", []string{"--mail-to", "qa@example.com", "--smtp-ca", s.CAFile,
			"--smtp-port", closedPort}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("ERRPAT_SMTP_PASSWORD", tt.password)
			args := append([]string{"--tz", "UTC", "--smtp-host", "127.0.0.1", "--smtp-port", s.Port, "--smtp-user", "reporter"}, tt.args...)
			code, out, errOut := runCLI(t, "", append(args, "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")...)
			if code != 2 {
				t.Errorf("exit code: got %d, want 2", code)
			}
			if !strings.HasPrefix(errOut, "errpat: send mail: ") || strings.Count(errOut, "errpat:") != 1 ||
				!strings.Contains(strings.ToLower(errOut), tt.why) {
				t.Errorf("stderr: got %q, want one 'errpat: send mail: …' line naming %q", errOut, tt.why)
			}
			if !strings.Contains(out, "47 requests, 21 failed (44.68%)") {
				t.Errorf("stdout: got %.200q, want the report", out)
			}
			if strings.Contains(errOut+out, tt.password+"\n") || strings.Contains(errOut, "right") {
				t.Errorf("the password shows in the output")
			}
		})
	}
	if n := len(s.Messages()); n != 0 {
		t.Errorf("%d messages arrived, want none", n)
	}
}

func TestMailFailureWithOutputFile(t *testing.T) {
	clearMailEnv(t)
	s := smtptest.Start(t, smtptest.Config{})
	path := filepath.Join(t.TempDir(), "report.md")
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "markdown", "--output", path,
		"--mail-to", "nobody@example.com", "--smtp-host", "127.0.0.1", "--smtp-port", s.Port, "--smtp-ca", s.CAFile,
		"testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	b, err := os.ReadFile(path)
	if code != 2 || out != "" || !strings.Contains(errOut, "errpat: send mail:") {
		t.Errorf("got exit %d, stdout %.80q, stderr %q; want 2, nothing, the mail error", code, out, errOut)
	}
	if err != nil || !strings.HasPrefix(string(b), "# errpat report") {
		t.Errorf("--output: got %.80q (%v), want the Markdown report", b, err)
	}
}

// TestMailCronRun is errpat as a nightly cron job: an alert mails the
// report with its banner and exits 1; standard output stays empty so cron
// sends nothing of its own.
func TestMailCronRun(t *testing.T) {
	clearMailEnv(t)
	s := smtptest.Start(t, smtptest.Config{})
	t.Setenv("ERRPAT_SMTP_HOST", "127.0.0.1")
	t.Setenv("ERRPAT_SMTP_PORT", s.Port)
	t.Setenv("ERRPAT_SMTP_CA", s.CAFile)
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--since", "2026-11-28T00:00:00Z", "--threshold", "10",
		"--mail-to", "oncall@example.com", "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 1 || out != "" || errOut != "" {
		t.Fatalf("got exit %d, stdout %.80q, stderr %q; want 1 (alert) and silence", code, out, errOut)
	}
	msgs := s.Messages()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	p := smtptest.Read(t, msgs[0].Data)
	if !strings.Contains(p.HTML, "ALERT: error rate 44.68% is above the threshold of 10.00%.") ||
		!strings.Contains(p.Text, "ALERT: error rate 44.68%") {
		t.Error("the mail lacks the alert")
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(p.Header.Get("Subject"))
	if err != nil || subject != "errpat: 44.68% errors, 47 requests, 2026-11-28 00:00 to 03:21 UTC" {
		t.Errorf("Subject: got %q (%v), want the window from --since to the last request", subject, err)
	}
}

func TestMailBySendmail(t *testing.T) {
	clearMailEnv(t)
	dir := t.TempDir()
	got := filepath.Join(dir, "mail.eml")
	fake := filepath.Join(dir, "sendmail")
	script := "#!/bin/sh\necho \"$@\" > " + strconv.Quote(got+".args") + "\ncat > " + strconv.Quote(got) + "\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--mail-to", "qa@example.com", "--sendmail", fake, "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 0 || out != "" {
		t.Fatalf("got exit %d, stdout %.80q, stderr %q", code, out, errOut)
	}
	data, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	p := smtptest.Read(t, data)
	if p.Header.Get("To") != "<qa@example.com>" || !strings.Contains(p.Text, "errpat report") || !strings.Contains(p.HTML, "</html>") {
		t.Errorf("sendmail got To %q and parts of %d and %d bytes", p.Header.Get("To"), len(p.Text), len(p.HTML))
	}
	if args, _ := os.ReadFile(got + ".args"); !strings.Contains(string(args), "-t") {
		t.Errorf("sendmail arguments: got %q, want -t (recipients from the headers)", args)
	}
}

func TestMailFlagErrors(t *testing.T) {
	clearMailEnv(t)
	tests := []struct {
		name   string
		env    map[string]string
		args   []string
		stderr string
	}{
		{"subject without mail-to", nil, []string{"--subject", "x"}, "--subject needs --mail-to"},
		{"bad address", nil, []string{"--mail-to", "not an address", "--sendmail", "/bin/true"}, `invalid --mail-to address "not an address"`},
		{"bad sender", nil, []string{"--mail-to", "a@example.com", "--mail-from", "@@", "--sendmail", "/bin/true"}, `invalid --mail-from address "@@"`},
		{"no server", nil, []string{"--mail-to", "a@example.com"}, "--mail-to needs an SMTP server (--smtp-host or ERRPAT_SMTP_HOST) or --sendmail PATH"},
		{"sendmail and smtp", nil, []string{"--mail-to", "a@example.com", "--sendmail", "/usr/sbin/sendmail", "--smtp-host", "mx"}, "--sendmail and --smtp-host contradict"},
		{"bad tls mode", nil, []string{"--mail-to", "a@example.com", "--smtp-host", "mx", "--smtp-tls", "ssl"}, `invalid --smtp-tls or ERRPAT_SMTP_TLS "ssl" (want starttls, tls, none)`},
		{"bad tls mode in env", map[string]string{"ERRPAT_SMTP_TLS": "maybe"}, []string{"--mail-to", "a@example.com", "--smtp-host", "mx"}, `invalid --smtp-tls or ERRPAT_SMTP_TLS "maybe" (want starttls, tls, none)`},
		{"user without password", nil, []string{"--mail-to", "a@example.com", "--smtp-host", "mx", "--smtp-user", "u"}, "--smtp-user needs the password in ERRPAT_SMTP_PASSWORD"},
		{"bad port in env", map[string]string{"ERRPAT_SMTP_PORT": "smtp"}, []string{"--mail-to", "a@example.com", "--smtp-host", "mx"}, `invalid ERRPAT_SMTP_PORT "smtp"`},
		{"port out of range", nil, []string{"--mail-to", "a@example.com", "--smtp-host", "mx", "--smtp-port", "70000"}, "invalid SMTP port 70000"},
		{"missing ca file", nil, []string{"--mail-to", "a@example.com", "--smtp-host", "mx", "--smtp-ca", "/no/such/ca.pem"}, "--smtp-ca: open /no/such/ca.pem"},
		{"subject on two lines", nil, []string{"--mail-to", "a@example.com", "--sendmail", "/bin/true", "--subject", "a\r\nBcc: x@example.com"}, "invalid --subject"},
		{"section without csv", nil, []string{"--section", "hour"}, "--section needs --format csv"},
		{"bad section", nil, []string{"--format", "csv", "--section", "bogus"}, `invalid --section "bogus" (want status, hour, endpoint`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			code, out, errOut := runCLI(t, "", append(tt.args, "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")...)
			if code != 2 || out != "" || !strings.Contains(errOut, "errpat: "+tt.stderr) {
				t.Errorf("got exit %d, stdout %.80q, stderr %q; want 2, nothing, %q", code, out, errOut, tt.stderr)
			}
		})
	}
}

func TestCSVFormat(t *testing.T) {
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "csv", "--section", "hour", "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 0 || out != "hour,requests,failed,error_rate\n2026-11-28T03:00:00Z,47,21,44.68\n" {
		t.Errorf("got exit %d (%s), stdout %q", code, errOut, out)
	}
	code, out, _ = runCLI(t, "", "--tz", "UTC", "--format", "csv", "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 0 || !strings.HasPrefix(out, "method,endpoint,requests,failed,error_rate,p50_seconds,p95_seconds\nPOST,/trunks/{id}/destination-uris,18,3,") {
		t.Errorf("default section: got %.120q, want the endpoint table", out)
	}
}

func TestHTMLFormat(t *testing.T) {
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "html", "--threshold", "10", "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 1 || !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, "ALERT: error rate 44.68%") {
		t.Errorf("got exit %d (%s), stdout %.120q; want 1 and the page with its banner", code, errOut, out)
	}
}

// TestMailTLSPolicy: without --smtp-tls errpat uses STARTTLS when the
// server offers it and goes on without it to a relay that does not;
// --smtp-tls starttls still insists.
func TestMailTLSPolicy(t *testing.T) {
	clearMailEnv(t)
	logs := []string{"testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json"}
	relay := smtptest.Start(t, smtptest.Config{NoTLS: true})
	code, _, errOut := runCLI(t, "", append([]string{"--tz", "UTC", "--mail-to", "qa@example.com", "--smtp-host", "127.0.0.1",
		"--smtp-port", relay.Port}, logs...)...)
	if m := relay.Messages(); code != 0 || len(m) != 1 || m[0].TLS {
		t.Errorf("a relay without TLS: got exit %d (%s), %d messages; want 0 and one in the clear", code, errOut, len(m))
	}
	offers := smtptest.Start(t, smtptest.Config{})
	code, _, errOut = runCLI(t, "", append([]string{"--tz", "UTC", "--mail-to", "qa@example.com", "--smtp-host", "127.0.0.1",
		"--smtp-port", offers.Port, "--smtp-ca", offers.CAFile}, logs...)...)
	if m := offers.Messages(); code != 0 || len(m) != 1 || !m[0].TLS {
		t.Errorf("a server offering STARTTLS: got exit %d (%s), %d messages; want 0 and one over TLS", code, errOut, len(m))
	}
	code, out, errOut := runCLI(t, "", append([]string{"--tz", "UTC", "--mail-to", "qa@example.com", "--smtp-host", "127.0.0.1",
		"--smtp-port", relay.Port, "--smtp-tls", "starttls"}, logs...)...)
	want := "errpat: send mail: 127.0.0.1:" + relay.Port + " does not offer STARTTLS, which --smtp-tls starttls requires\n"
	if code != 2 || errOut != want || !strings.Contains(out, "47 requests") {
		t.Errorf("--smtp-tls starttls to a relay without it: got exit %d, stderr %q; want 2, %q and the report", code, errOut, want)
	}
	if n := len(relay.Messages()); n != 1 {
		t.Errorf("got %d messages at the relay, want still 1", n)
	}
}

func TestMailNoTLSWithAPassword(t *testing.T) {
	clearMailEnv(t)
	t.Setenv("ERRPAT_SMTP_PASSWORD", "s3cret")
	code, out, errOut := runCLI(t, "", "--mail-to", "qa@example.com", "--smtp-host", "mx.example.net", "--smtp-user", "u",
		"--smtp-tls", "none", "testdata/real-client/api_test_*.log")
	want := "errpat: --smtp-tls none would send the password unencrypted to mx.example.net (only to localhost; use starttls or tls)"
	if code != 2 || out != "" || !strings.HasPrefix(errOut, want) || strings.Contains(errOut, "s3cret") {
		t.Errorf("got exit %d, stdout %.80q, stderr %q; want 2 and %q", code, out, errOut, want)
	}
}
