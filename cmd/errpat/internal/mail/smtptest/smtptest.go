// Package smtptest runs a real SMTP server on loopback for tests, as
// net/http/httptest runs web servers: STARTTLS or TLS with a certificate
// made for the test, AUTH PLAIN, a recipient it refuses, and
// a record of every message and of every byte said.
package smtptest

import (
	"bytes"
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
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Refused is the recipient the server answers 550.
const Refused = "nobody@example.com"

// Name is a host name the certificate holds besides localhost and
// 127.0.0.1: a server "elsewhere", reached on loopback by a dialer.
const Name = "mx.example.net"

// Config shapes a server.
type Config struct {
	User, Password string // "" accepts mail without AUTH
	ImplicitTLS    bool   // TLS from the first byte, else STARTTLS
	InsecureAuth   bool   // AUTH offered and taken without TLS
	NoTLS          bool   // offer no STARTTLS
}

// Server is a running server.
type Server struct {
	Addr   string // 127.0.0.1:port
	Port   string
	CAFile string         // PEM of its self-signed certificate
	Roots  *x509.CertPool // the same, to trust it

	cfg        Config
	mu         sync.Mutex
	msgs       []Message
	transcript bytes.Buffer
}

// Message is one message as the server got it.
type Message struct {
	From     string
	To       []string
	Data     []byte
	TLS      bool
	AuthUser string
}

// Start runs a server until the test ends.
func Start(t *testing.T, cfg Config) *Server {
	t.Helper()
	cert, caPEM := selfSigned(t)
	s := &Server{cfg: cfg, CAFile: filepath.Join(t.TempDir(), "ca.pem"), Roots: x509.NewCertPool()}
	if err := os.WriteFile(s.CAFile, caPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	s.Roots.AppendCertsFromPEM(caPEM)
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{srv: s, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = cfg.InsecureAuth
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0) // clients that hang up on a bad certificate are expected
	srv.Debug = lockedWriter{s}
	tlsConf := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	if !cfg.NoTLS {
		srv.TLSConfig = tlsConf
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ImplicitTLS {
		l = tls.NewListener(l, tlsConf)
	}
	s.Addr = l.Addr().String()
	_, s.Port, _ = net.SplitHostPort(s.Addr)
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

// Messages returns the messages that arrived.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.msgs)
}

// Transcript is everything client and server said, in the clear (after
// TLS is set up, what went inside it).
func (s *Server) Transcript() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.transcript.String()
}

type lockedWriter struct{ s *Server }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	return w.s.transcript.Write(p)
}

type session struct {
	srv      *Server
	conn     *smtp.Conn
	authUser string
	from     string
	to       []string
}

func (x *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != x.srv.cfg.User || pass != x.srv.cfg.Password {
			return smtp.ErrAuthFailed
		}
		x.authUser = user
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.srv.cfg.User != "" && x.authUser == "" {
		return smtp.ErrAuthRequired
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == Refused {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user here"}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := x.conn.TLSConnectionState()
	x.srv.mu.Lock()
	defer x.srv.mu.Unlock()
	x.srv.msgs = append(x.srv.msgs, Message{From: x.from, To: x.to, Data: b, TLS: isTLS, AuthUser: x.authUser})
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1, localhost and Name,
// and its PEM.
func selfSigned(t *testing.T) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "errpat test SMTP"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost", Name},
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// Parts is a message read back: its headers and its text/plain and
// text/html alternatives, decoded.
type Parts struct {
	Header     netmail.Header
	Text, HTML string
}

// Read reads a multipart/alternative message of a text and an HTML part.
func Read(t *testing.T, data []byte) Parts {
	t.Helper()
	m, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a mail message: %v", err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type: got %q (%v), want multipart/alternative", m.Header.Get("Content-Type"), err)
	}
	p := Parts{Header: m.Header}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(part)
		if err != nil {
			t.Fatal(err)
		}
		switch ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); ct {
		case "text/plain":
			p.Text = string(body)
		case "text/html":
			p.HTML = string(body)
		default:
			t.Errorf("unexpected part %q", ct)
		}
	}
	return p
}
