package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	netmail "net/mail"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// smtpServer is a real SMTP server on loopback, in-process: AUTH PLAIN
// (only after STARTTLS, unless insecure), a recipient it refuses, and a
// record of every message that arrived.
type smtpServer struct {
	addr     string
	port     string
	caFile   string // PEM of its self-signed certificate
	user     string // "" accepts mail without AUTH
	password string
	refuse   string // recipient answered 550

	mu   sync.Mutex
	msgs []arrived
}

// arrived is one message as the server got it.
type arrived struct {
	from     string
	to       []string
	data     []byte
	tls      bool
	authUser string
}

type smtpConfig struct {
	user, password string
	implicitTLS    bool // TLS from the first byte (--smtp-tls tls), else STARTTLS
	insecureAuth   bool // AUTH without TLS (--smtp-tls none)
	noTLS          bool // offer no STARTTLS
}

func startSMTP(t *testing.T, cfg smtpConfig) *smtpServer {
	t.Helper()
	cert, caFile := selfSigned(t)
	s := &smtpServer{caFile: caFile, user: cfg.user, password: cfg.password, refuse: "nobody@example.com"}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &smtpSession{srv: s, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = cfg.insecureAuth
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0) // clients that hang up on a bad certificate are expected
	tlsConf := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	if !cfg.noTLS {
		srv.TLSConfig = tlsConf
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.implicitTLS {
		l = tls.NewListener(l, tlsConf)
	}
	s.addr = l.Addr().String()
	_, s.port, _ = net.SplitHostPort(s.addr)
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

func (s *smtpServer) arrived() []arrived {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.msgs)
}

type smtpSession struct {
	srv      *smtpServer
	conn     *smtp.Conn
	authUser string
	from     string
	to       []string
}

func (x *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *smtpSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != x.srv.user || pass != x.srv.password {
			return smtp.ErrAuthFailed
		}
		x.authUser = user
		return nil
	}), nil
}

func (x *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if x.srv.user != "" && x.authUser == "" {
		return smtp.ErrAuthRequired
	}
	x.from = from
	return nil
}

func (x *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == x.srv.refuse {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user here"}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := x.conn.TLSConnectionState()
	x.srv.mu.Lock()
	defer x.srv.mu.Unlock()
	x.srv.msgs = append(x.srv.msgs, arrived{from: x.from, to: x.to, data: b, tls: isTLS, authUser: x.authUser})
	return nil
}

func (x *smtpSession) Reset()        { x.from, x.to = "", nil }
func (x *smtpSession) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and localhost and writes
// it as PEM for --smtp-ca.
func selfSigned(t *testing.T) (tls.Certificate, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "errpat test SMTP"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, caFile
}

// clearMailEnv keeps the machine's own settings out of the tests.
func clearMailEnv(t *testing.T) {
	for _, k := range []string{"ERRPAT_SMTP_HOST", "ERRPAT_SMTP_PORT", "ERRPAT_SMTP_USER", "ERRPAT_SMTP_PASSWORD",
		"ERRPAT_SMTP_TLS", "ERRPAT_SMTP_CA"} {
		t.Setenv(k, "")
	}
}

// mailParts reads a message: its headers and its text/plain and
// text/html alternatives, decoded.
type mailParts struct {
	header     netmail.Header
	text, html string
}

func readMail(t *testing.T, data []byte) mailParts {
	t.Helper()
	m, err := netmail.ReadMessage(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("not a mail message: %v", err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type: got %q (%v), want multipart/alternative", m.Header.Get("Content-Type"), err)
	}
	p := mailParts{header: m.Header}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(part)
		switch ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); ct {
		case "text/plain":
			p.text = string(body)
		case "text/html":
			p.html = string(body)
		default:
			t.Errorf("unexpected part %q", ct)
		}
	}
	return p
}

func TestMailSTARTTLSAndAuth(t *testing.T) {
	clearMailEnv(t)
	s := startSMTP(t, smtpConfig{user: "reporter", password: "s3cret pass"})
	t.Setenv("ERRPAT_SMTP_PASSWORD", "s3cret pass")
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--mail-to", "qa@example.com,Ops Team <ops@example.com>",
		"--mail-from", "errpat@example.com", "--smtp-host", "127.0.0.1", "--smtp-port", s.port,
		"--smtp-user", "reporter", "--smtp-ca", s.caFile, "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 0 || out != "" || errOut != "" {
		t.Fatalf("got exit %d, stdout %.100q, stderr %q; want 0 and silence (the report went by mail)", code, out, errOut)
	}
	msgs := s.arrived()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	m := msgs[0]
	if !m.tls || m.authUser != "reporter" {
		t.Errorf("got tls %v, auth user %q; want STARTTLS and AUTH as reporter", m.tls, m.authUser)
	}
	if m.from != "errpat@example.com" || !slices.Equal(m.to, []string{"qa@example.com", "ops@example.com"}) {
		t.Errorf("envelope: got from %q to %q", m.from, m.to)
	}
	p := readMail(t, m.data)
	h := p.header
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
	if !strings.Contains(p.text, "47 requests, 21 failed (44.68%)") || !strings.Contains(p.text, "Top error messages") {
		t.Errorf("text part lacks the report:\n%.300s", p.text)
	}
	if !strings.HasPrefix(p.html, "<!DOCTYPE html>") || !strings.Contains(p.html, ">Top error messages</h2>") {
		t.Errorf("HTML part lacks the report:\n%.300s", p.html)
	}
}

func TestMailSettingsFromTheEnvironment(t *testing.T) {
	clearMailEnv(t)
	s := startSMTP(t, smtpConfig{user: "env-user", password: "env-pass"})
	for k, v := range map[string]string{"ERRPAT_SMTP_HOST": "127.0.0.1", "ERRPAT_SMTP_PORT": s.port,
		"ERRPAT_SMTP_USER": "env-user", "ERRPAT_SMTP_PASSWORD": "env-pass", "ERRPAT_SMTP_TLS": "starttls",
		"ERRPAT_SMTP_CA": s.caFile} {
		t.Setenv(k, v)
	}
	code, _, errOut := runCLI(t, "", "--tz", "UTC", "--mail-to", "qa@example.com", "--mail-from", "ci@example.com",
		"--subject", "Nightly API tests", "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	msgs := s.arrived()
	if len(msgs) != 1 || msgs[0].authUser != "env-user" || !msgs[0].tls {
		t.Fatalf("got %d messages (%+v), want 1 over TLS as env-user", len(msgs), msgs)
	}
	if got := readMail(t, msgs[0].data).header.Get("Subject"); got != "Nightly API tests" {
		t.Errorf("Subject: got %q, want --subject", got)
	}
}

func TestMailImplicitTLS(t *testing.T) {
	clearMailEnv(t)
	s := startSMTP(t, smtpConfig{implicitTLS: true, noTLS: true})
	code, _, errOut := runCLI(t, "", "--tz", "UTC", "--mail-to", "qa@example.com", "--smtp-host", "127.0.0.1",
		"--smtp-port", s.port, "--smtp-tls", "tls", "--smtp-ca", s.caFile, "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if msgs := s.arrived(); len(msgs) != 1 || !strings.Contains(string(msgs[0].data), "multipart/alternative") {
		t.Errorf("got %d messages, want 1 multipart message", len(msgs))
	}
}

func TestMailWithoutTLS(t *testing.T) {
	clearMailEnv(t)
	s := startSMTP(t, smtpConfig{noTLS: true})
	code, _, errOut := runCLI(t, "", "--tz", "UTC", "--mail-to", "qa@example.com", "--smtp-host", "127.0.0.1",
		"--smtp-port", s.port, "--smtp-tls", "none", "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if msgs := s.arrived(); code != 0 || len(msgs) != 1 || msgs[0].tls {
		t.Errorf("got exit %d (%s), %d messages; want 0 and one plain message", code, errOut, len(msgs))
	}
}

// TestMailFailureKeepsTheReport: every way delivery fails exits 2 with one
// 'errpat: send mail:' line, and the report goes to standard output.
func TestMailFailureKeepsTheReport(t *testing.T) {
	clearMailEnv(t)
	s := startSMTP(t, smtpConfig{user: "reporter", password: "right"})
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
		{"refused recipient", "right", "550", []string{"--mail-to", "qa@example.com,nobody@example.com", "--smtp-ca", s.caFile}},
		{"wrong password", "wrong", "535", []string{"--mail-to", "qa@example.com", "--smtp-ca", s.caFile}},
		{"untrusted certificate", "right", "certificate", []string{"--mail-to", "qa@example.com"}},
		{"server down", "right", "connection refused", []string{"--mail-to", "qa@example.com", "--smtp-ca", s.caFile,
			"--smtp-port", closedPort}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("ERRPAT_SMTP_PASSWORD", tt.password)
			args := append([]string{"--tz", "UTC", "--smtp-host", "127.0.0.1", "--smtp-port", s.port, "--smtp-user", "reporter"}, tt.args...)
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
	if n := len(s.arrived()); n != 0 {
		t.Errorf("%d messages arrived, want none", n)
	}
}

func TestMailFailureWithOutputFile(t *testing.T) {
	clearMailEnv(t)
	s := startSMTP(t, smtpConfig{})
	path := filepath.Join(t.TempDir(), "report.md")
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "markdown", "--output", path,
		"--mail-to", "nobody@example.com", "--smtp-host", "127.0.0.1", "--smtp-port", s.port, "--smtp-ca", s.caFile,
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
	s := startSMTP(t, smtpConfig{})
	t.Setenv("ERRPAT_SMTP_HOST", "127.0.0.1")
	t.Setenv("ERRPAT_SMTP_PORT", s.port)
	t.Setenv("ERRPAT_SMTP_CA", s.caFile)
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--since", "2026-11-28T00:00:00Z", "--threshold", "10",
		"--mail-to", "oncall@example.com", "testdata/real-client/api_test_*.log", "testdata/real-client/test_results_*.json")
	if code != 1 || out != "" || errOut != "" {
		t.Fatalf("got exit %d, stdout %.80q, stderr %q; want 1 (alert) and silence", code, out, errOut)
	}
	msgs := s.arrived()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	p := readMail(t, msgs[0].data)
	if !strings.Contains(p.html, "ALERT: error rate 44.68% is above the threshold of 10.00%.") ||
		!strings.Contains(p.text, "ALERT: error rate 44.68%") {
		t.Error("the mail lacks the alert")
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(p.header.Get("Subject"))
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
	p := readMail(t, data)
	if p.header.Get("To") != "<qa@example.com>" || !strings.Contains(p.text, "errpat report") || !strings.Contains(p.html, "</html>") {
		t.Errorf("sendmail got To %q and parts of %d and %d bytes", p.header.Get("To"), len(p.text), len(p.html))
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
