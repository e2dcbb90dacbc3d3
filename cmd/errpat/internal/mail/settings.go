package mail

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	netmail "net/mail"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Settings are a delivery's as errpat's mail flags give them (--mail-to,
// --mail-from, --subject, --sendmail, --smtp-*, or their ERRPAT_
// variables): Check completes them and refuses, before any input is
// read, what could not be delivered; its errors name the flags.
type Settings struct {
	To       []string
	From     string // "": errpat@ the host name
	Subject  string // one line; "": the report's
	Sendmail string // the sendmail program's path; "": SMTP
	CAFile   string // PEM certificates also trusted for SMTP
	// PortEnv is ERRPAT_SMTP_PORT as written, read as a decimal number
	// when --smtp-port is not given (a leading 0 is no octal).
	PortEnv string
	SMTP    SMTP
}

// Modes are the TLS modes as they are written in settings.
var Modes = []string{string(StartTLS), string(Implicit), string(None)}

// Check normalises the addresses, fills the default sender and port and
// loads the CA file; given tells the flags on the command line, which
// contradict --sendmail.
func (s *Settings) Check(given func(flag string) bool) error {
	if err := s.checkAddresses(); err != nil {
		return err
	}
	if strings.ContainsAny(s.Subject, "\r\n") {
		return errors.New("invalid --subject: it must be one line")
	}
	if s.Sendmail != "" {
		for _, name := range []string{"smtp-host", "smtp-port", "smtp-user", "smtp-tls", "smtp-ca"} {
			if given(name) {
				return fmt.Errorf("--sendmail and --%s contradict each other: mail goes by sendmail or by SMTP", name)
			}
		}
		return nil
	}
	if err := s.checkSMTP(); err != nil {
		return err
	}
	if err := s.checkPort(given("smtp-port")); err != nil {
		return err
	}
	return s.loadRoots()
}

func (s *Settings) checkAddresses() error {
	for i, addr := range s.To {
		a, err := netmail.ParseAddress(strings.TrimSpace(addr))
		if err != nil {
			return fmt.Errorf("invalid --mail-to address %q (want name@example.com)", addr)
		}
		s.To[i] = a.String()
	}
	if s.From == "" {
		host, err := os.Hostname()
		if err != nil || host == "" {
			host = "localhost"
		}
		s.From = "errpat@" + host
	}
	a, err := netmail.ParseAddress(s.From)
	if err != nil {
		return fmt.Errorf("invalid --mail-from address %q (want name@example.com)", s.From)
	}
	s.From = a.String()
	return nil
}

func (s *Settings) checkSMTP() error {
	c := &s.SMTP
	c.TLS = TLS(strings.ToLower(string(c.TLS)))
	switch {
	case c.Host == "":
		return errors.New("--mail-to needs an SMTP server (--smtp-host or ERRPAT_SMTP_HOST) or --sendmail PATH")
	case c.TLS != Auto && !slices.Contains(Modes, string(c.TLS)):
		return fmt.Errorf("invalid --smtp-tls or ERRPAT_SMTP_TLS %q (want %s)", c.TLS, strings.Join(Modes, ", "))
	case c.User != "" && c.Password == "":
		return errors.New("--smtp-user needs the password in ERRPAT_SMTP_PASSWORD")
	case c.User != "" && c.TLS == None && !IsLoopback(c.Host):
		return fmt.Errorf("--smtp-tls none would send the password unencrypted to %s (only to localhost; use starttls or tls)", c.Host)
	}
	return nil
}

// checkPort reads PortEnv unless the port was given, else takes the
// default port of the TLS mode.
func (s *Settings) checkPort(given bool) error {
	if s.PortEnv != "" && !given {
		p, err := strconv.Atoi(s.PortEnv)
		if err != nil {
			return fmt.Errorf("invalid ERRPAT_SMTP_PORT %q (want a port number)", s.PortEnv)
		}
		s.SMTP.Port = p
	}
	if s.SMTP.Port == 0 {
		s.SMTP.Port = defaultPort(s.SMTP.TLS, s.SMTP.User)
	}
	if s.SMTP.Port < 1 || s.SMTP.Port > 65535 {
		return fmt.Errorf("invalid SMTP port %d (want 1 to 65535)", s.SMTP.Port)
	}
	return nil
}

// defaultPort is submission (587) for a login or required STARTTLS,
// submissions (465) for TLS, else the relay port (25).
func defaultPort(t TLS, user string) int {
	switch {
	case t == Implicit:
		return 465
	case t == StartTLS, t == Auto && user != "":
		return 587
	}
	return 25
}

// loadRoots adds the CA file's certificates to the system's, for relays
// whose certificate a private CA signed.
func (s *Settings) loadRoots() error {
	if s.CAFile == "" {
		return nil
	}
	pem, err := os.ReadFile(s.CAFile)
	if err != nil {
		return fmt.Errorf("--smtp-ca: %v", err)
	}
	roots, err := x509.SystemCertPool()
	if err != nil || roots == nil {
		roots = x509.NewCertPool()
	}
	if !roots.AppendCertsFromPEM(pem) {
		return fmt.Errorf("--smtp-ca %s holds no PEM certificate", s.CAFile)
	}
	s.SMTP.RootCAs = roots
	return nil
}

// Deliver sends the message by sendmail or SMTP (within a minute),
// saying which flag would mend an untrusted certificate or a password
// that would go in clear.
func (s *Settings) Deliver(m *Message) error {
	if s.Sendmail != "" {
		return Sendmail(s.Sendmail, m)
	}
	s.SMTP.Timeout = time.Minute
	err := s.SMTP.Send(context.Background(), m)
	switch {
	case errors.Is(err, ErrUntrusted):
		return fmt.Errorf("%w (trust its CA with --smtp-ca FILE)", err)
	case errors.Is(err, ErrClearPassword):
		return fmt.Errorf("%w (use a server with STARTTLS, --smtp-tls tls, or a relay on localhost)", err)
	}
	return err
}
