package mail

import (
	"context"
	"encoding/base64"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/errpat/errpat/cmd/errpat/internal/mail/smtptest"
)

func testMessage() *Message {
	return &Message{From: "errpat <errpat@example.com>", To: []string{"qa@example.com", "Ops Team <ops@example.com>"},
		Subject: "errpat: 44.68% errors, 47 requests, 2026-11-28 03:21 to 03:21 UTC",
		Text:    "errpat report\n47 requests, 21 failed\n", HTML: "<!DOCTYPE html><p>47 requests &amp; 21 failed</p>",
		UserAgent: "errpat test"}
}

// to sends to the test server as host (a name the certificate holds),
// dialling its loopback address whatever the name.
func to(s *smtptest.Server, host string, mode TLS) *SMTP {
	port, _ := strconv.Atoi(s.Port)
	return &SMTP{Host: host, Port: port, TLS: mode, RootCAs: s.Roots,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, s.Addr)
		}}
}

func TestSendSTARTTLSAndAuth(t *testing.T) {
	s := smtptest.Start(t, smtptest.Config{User: "reporter", Password: "s3cret pass"})
	c := to(s, smtptest.Name, Auto)
	c.User, c.Password = "reporter", "s3cret pass"
	if err := c.Send(context.Background(), testMessage()); err != nil {
		t.Fatal(err)
	}
	msgs := s.Messages()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	m := msgs[0]
	if !m.TLS || m.AuthUser != "reporter" || m.From != "errpat@example.com" ||
		strings.Join(m.To, " ") != "qa@example.com ops@example.com" {
		t.Errorf("got TLS %v, user %q, from %q, to %q; want STARTTLS, reporter, the bare addresses", m.TLS, m.AuthUser, m.From, m.To)
	}
	p := smtptest.Read(t, m.Data)
	for k, want := range map[string]string{
		"From": `"errpat" <errpat@example.com>`, "To": `<qa@example.com>, "Ops Team" <ops@example.com>`,
		"Subject": testMessage().Subject, "Mime-Version": "1.0", "User-Agent": "errpat test",
	} {
		if got := p.Header.Get(k); got != want {
			t.Errorf("%s: got %q, want %q", k, got, want)
		}
	}
	if p.Header.Get("Date") == "" || p.Header.Get("Message-Id") == "" {
		t.Errorf("want Date and Message-ID, got %v", p.Header)
	}
	if strings.ReplaceAll(p.Text, "\r\n", "\n") != testMessage().Text || p.HTML != testMessage().HTML {
		t.Errorf("parts: got text %q and HTML %q", p.Text, p.HTML)
	}
}

// TestSendNeverAPasswordInClear: a server elsewhere that offers no
// STARTTLS (and would take a password without it) gets no AUTH at all,
// and no message.
func TestSendNeverAPasswordInClear(t *testing.T) {
	for _, mode := range []TLS{Auto, None} {
		t.Run("mode "+string(mode), func(t *testing.T) {
			s := smtptest.Start(t, smtptest.Config{User: "reporter", Password: "s3cret", NoTLS: true, InsecureAuth: true})
			c := to(s, smtptest.Name, mode)
			c.User, c.Password = "reporter", "s3cret"
			err := c.Send(context.Background(), testMessage())
			if !errors.Is(err, ErrClearPassword) || !strings.Contains(err.Error(), smtptest.Name+":"+s.Port+" offers no TLS") {
				t.Errorf("got %v, want %v naming the server", err, ErrClearPassword)
			}
			said := s.Transcript()
			plain := base64.StdEncoding.EncodeToString([]byte("\x00reporter\x00s3cret"))
			if strings.Contains(said, "\nAUTH") || strings.Contains(said, "s3cret") || strings.Contains(said, plain) {
				t.Errorf("the password went to the server:\n%s", said)
			}
			if n := len(s.Messages()); n != 0 {
				t.Errorf("got %d messages, want none", n)
			}
		})
	}
}

// TestSendLocalRelay: a relay on this machine without TLS just works,
// with or without a password (net/smtp lets one go to localhost).
func TestSendLocalRelay(t *testing.T) {
	relay := smtptest.Start(t, smtptest.Config{NoTLS: true})
	if err := to(relay, "localhost", Auto).Send(context.Background(), testMessage()); err != nil {
		t.Fatal(err)
	}
	withAuth := smtptest.Start(t, smtptest.Config{User: "u", Password: "p", NoTLS: true, InsecureAuth: true})
	c := to(withAuth, "127.0.0.1", Auto)
	c.User, c.Password = "u", "p"
	if err := c.Send(context.Background(), testMessage()); err != nil {
		t.Fatal(err)
	}
	if m := relay.Messages(); len(m) != 1 || m[0].TLS {
		t.Errorf("relay: got %d messages, want one in the clear", len(m))
	}
	if m := withAuth.Messages(); len(m) != 1 || m[0].AuthUser != "u" {
		t.Errorf("loopback with AUTH: got %+v, want one message as u", m)
	}
}

func TestSendImplicitTLS(t *testing.T) {
	s := smtptest.Start(t, smtptest.Config{ImplicitTLS: true, NoTLS: true})
	if err := to(s, "127.0.0.1", Implicit).Send(context.Background(), testMessage()); err != nil {
		t.Fatal(err)
	}
	if m := s.Messages(); len(m) != 1 || !m[0].TLS {
		t.Errorf("got %d messages, want one over TLS", len(m))
	}
}

// TestSendFailures: each failure is one line naming the server and what
// it said, and nothing is delivered.
func TestSendFailures(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := closed.Addr().String()
	closed.Close()
	auth := smtptest.Start(t, smtptest.Config{User: "reporter", Password: "right"})
	plain := smtptest.Start(t, smtptest.Config{NoTLS: true})
	tests := []struct {
		name   string
		server *smtptest.Server
		setup  func(*SMTP, *Message)
		want   string
		is     error
	}{
		{"refused recipient", auth, func(c *SMTP, m *Message) { m.To = append(m.To, smtptest.Refused) },
			"refused the recipient nobody@example.com: 550 5.1.1 No such user here", nil},
		{"wrong password", auth, func(c *SMTP, _ *Message) { c.Password = "wrong" }, "refused the login of reporter: 535 ", nil},
		{"untrusted certificate", auth, func(c *SMTP, _ *Message) { c.RootCAs = nil }, "its certificate signed by an unknown authority", ErrUntrusted},
		{"certificate for another name", auth, func(c *SMTP, _ *Message) { c.Host = "other.example.org" },
			"its certificate is not for other.example.org", nil},
		{"STARTTLS required", plain, func(c *SMTP, _ *Message) { c.TLS, c.User = StartTLS, "" },
			"does not offer STARTTLS, which --smtp-tls starttls requires", ErrNoSTARTTLS},
		{"server down", auth, func(c *SMTP, _ *Message) {
			c.Dial = func(ctx context.Context, network, _ string) (net.Conn, error) {
				return (&net.Dialer{}).DialContext(ctx, network, closedAddr)
			}
		}, "cannot connect to mx.example.net:", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, m := to(tt.server, smtptest.Name, Auto), testMessage()
			c.User, c.Password = "reporter", "right"
			tt.setup(c, m)
			err := c.Send(context.Background(), m)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("got %v, want one line with %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("got %v, want it to be %v", err, tt.is)
			}
			if strings.Contains(err.Error(), "right") {
				t.Errorf("the password shows in %q", err)
			}
		})
	}
	if n := len(auth.Messages()) + len(plain.Messages()); n != 0 {
		t.Errorf("%d messages arrived, want none", n)
	}
}

func TestSendDownSaysWhy(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(l.Addr().String())
	l.Close()
	p, _ := strconv.Atoi(port)
	err = (&SMTP{Host: "127.0.0.1", Port: p}).Send(context.Background(), testMessage())
	if want := "cannot connect to 127.0.0.1:" + port + ": connection refused"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}
