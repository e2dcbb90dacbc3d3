package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/wneessen/go-mail/smtp"
)

// TLS is how the connection to the server is encrypted.
type TLS string

// The TLS modes. Auto is net/smtp's way: STARTTLS when the server offers
// it, and no password sent without it except to this machine.
const (
	Auto     TLS = ""
	StartTLS TLS = "starttls" // STARTTLS or nothing is sent
	Implicit TLS = "tls"      // TLS from the first byte (port 465)
	None     TLS = "none"     // never TLS: a relay on this machine or network
)

// The failures a caller may explain with its own flags.
var (
	// ErrClearPassword: the password would go unencrypted to a server
	// that is not on this machine.
	ErrClearPassword = errors.New("will not send the password unencrypted")
	// ErrNoSTARTTLS: STARTTLS is required and the server does not offer it.
	ErrNoSTARTTLS = errors.New("does not offer STARTTLS")
	// ErrUntrusted: the server's certificate is signed by no trusted CA.
	ErrUntrusted = errors.New("certificate signed by an unknown authority")
)

// SMTP is a server to deliver to.
type SMTP struct {
	Host           string
	Port           int
	User, Password string // no AUTH without User
	TLS            TLS
	RootCAs        *x509.CertPool // nil: the system's
	Timeout        time.Duration  // for the whole delivery; 0: a minute
	// Dial opens the connection; nil dials TCP. Tests reach a server on
	// loopback under another name with it.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// IsLoopback tells whether host names this machine, where a password may
// go unencrypted (net/smtp's rule).
func IsLoopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// Send delivers the message.
func (s *SMTP) Send(ctx context.Context, m *Message) error {
	msg, err := m.build()
	if err != nil {
		return err
	}
	from, to, err := m.envelope()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, cmp(s.Timeout, time.Minute))
	defer cancel()
	c, err := s.connect(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := s.login(c); err != nil {
		return err
	}
	if err := s.transfer(c, from, to, msg); err != nil {
		return err
	}
	return nil
}

func cmp(d, or time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return or
}

func (s *SMTP) addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// connect dials the server, greets it and secures the connection as the
// mode says; the client it returns is over TLS when c.TLSConnectionState
// says so.
func (s *SMTP) connect(ctx context.Context) (*smtp.Client, error) {
	dial := s.Dial
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	conn, err := dial(ctx, "tcp", s.addr())
	if err != nil {
		return nil, fmt.Errorf("cannot connect to %s: %w", s.addr(), netReason(err))
	}
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	if s.TLS == Implicit {
		tc := tls.Client(conn, s.tlsConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			conn.Close()
			return nil, s.tlsError(err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return nil, s.replyError("greeting", err)
	}
	if err := c.Hello(helloName()); err != nil {
		c.Close()
		return nil, s.replyError("EHLO", err)
	}
	if err := s.startTLS(c); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func (s *SMTP) startTLS(c *smtp.Client) error {
	if s.TLS == Implicit || s.TLS == None {
		return nil
	}
	if ok, _ := c.Extension("STARTTLS"); !ok {
		if s.TLS == StartTLS {
			return fmt.Errorf("%s %w, which --smtp-tls starttls requires", s.addr(), ErrNoSTARTTLS)
		}
		return nil
	}
	if err := c.StartTLS(s.tlsConfig()); err != nil {
		return s.tlsError(err)
	}
	return nil
}

func (s *SMTP) tlsConfig() *tls.Config {
	return &tls.Config{ServerName: s.Host, RootCAs: s.RootCAs, MinVersion: tls.VersionTLS12}
}

// login authenticates when there is a user: PLAIN, or LOGIN when that is
// all the server offers, and only over TLS or to this machine.
func (s *SMTP) login(c *smtp.Client) error {
	if s.User == "" {
		return nil
	}
	_, secure := c.TLSConnectionState()
	if !secure && !IsLoopback(s.Host) {
		return fmt.Errorf("%s offers no TLS: errpat %w to it", s.addr(), ErrClearPassword)
	}
	_, offered := c.Extension("AUTH")
	mechs := strings.Fields(strings.ToUpper(offered))
	var auth smtp.Auth = smtp.PlainAuth("", s.User, s.Password, s.Host, true)
	if !slices.Contains(mechs, "PLAIN") && slices.Contains(mechs, "LOGIN") {
		auth = smtp.LoginAuth(s.User, s.Password, s.Host, true)
	}
	if err := c.Auth(auth); err != nil {
		return s.replyError("the login of "+s.User, err)
	}
	return nil
}

// transfer sends the envelope and the message, and says goodbye.
func (s *SMTP) transfer(c *smtp.Client, from string, to []string, msg io.WriterTo) error {
	if err := c.Mail(from); err != nil {
		return s.replyError("the sender "+from, err)
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt); err != nil {
			return s.replyError("the recipient "+rcpt, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return s.replyError("the message", err)
	}
	if _, err := msg.WriteTo(w); err != nil {
		return fmt.Errorf("write the message to %s: %w", s.addr(), netReason(err))
	}
	if err := w.Close(); err != nil {
		return s.replyError("the message", err)
	}
	_ = c.Quit() // the message is accepted: a lost goodbye loses nothing
	return nil
}

// replyError says what the server refused, in its own words: "127.0.0.1:25
// refused the recipient a@example.com: 550 5.1.1 No such user here".
func (s *SMTP) replyError(what string, err error) error {
	var reply *textproto.Error
	if errors.As(err, &reply) {
		return fmt.Errorf("%s refused %s: %d %s", s.addr(), what, reply.Code, oneLine(reply.Msg))
	}
	return fmt.Errorf("%s: %s: %w", s.addr(), what, netReason(err))
}

// tlsError says why TLS with the server failed.
func (s *SMTP) tlsError(err error) error {
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknown):
		return fmt.Errorf("TLS with %s: its %w", s.addr(), ErrUntrusted)
	case errors.As(err, &host):
		return fmt.Errorf("TLS with %s: its certificate is not for %s", s.addr(), s.Host)
	case errors.As(err, &invalid):
		return fmt.Errorf("TLS with %s: its certificate is invalid (expired or not yet valid?)", s.addr())
	}
	return fmt.Errorf("TLS with %s: %w", s.addr(), netReason(err))
}

// netReason strips a network error down to its cause: "connection
// refused", "no such host", "i/o timeout".
func netReason(err error) error {
	var errno syscall.Errno
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
		return errors.New(dns.Err)
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded):
		return errors.New("timed out")
	case errors.As(err, &errno):
		return errno
	}
	return err
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// helloName is the name errpat greets the server with: this machine's.
func helloName() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "localhost"
}
