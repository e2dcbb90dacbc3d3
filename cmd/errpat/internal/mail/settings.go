package mail

import (
	"crypto/x509"
	"errors"
	"fmt"
	netmail "net/mail"
	"os"
	"slices"
)

// Modes are the TLS modes as they are written in settings.
var Modes = []string{string(StartTLS), string(Implicit), string(None)}

// Valid tells whether t is one of the TLS modes (Auto included).
func (t TLS) Valid() bool { return t == Auto || slices.Contains(Modes, string(t)) }

// Address is addr as a header writes it ("Name" <a@example.com>), or an
// error when it is no address.
func Address(addr string) (string, error) {
	a, err := netmail.ParseAddress(addr)
	if err != nil {
		return "", err
	}
	return a.String(), nil
}

// DefaultFrom is the sender of a mail whose sender is not set:
// errpat@ and the host name.
func DefaultFrom() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	return "errpat@" + host
}

// DefaultPort is submission (587) for a login or required STARTTLS,
// submissions (465) for TLS, else the relay port (25).
func DefaultPort(t TLS, user string) int {
	switch {
	case t == Implicit:
		return 465
	case t == StartTLS, t == Auto && user != "":
		return 587
	}
	return 25
}

// ClearPassword tells whether s would send its password unencrypted to
// another machine, which Send refuses: a user with TLS None.
func (s *SMTP) ClearPassword() bool { return s.User != "" && s.TLS == None && !IsLoopback(s.Host) }

// ErrNoPEM: a CA file holds no PEM certificate.
var ErrNoPEM = errors.New("holds no PEM certificate")

// LoadRoots is the system's certificate pool with the CA certificates
// of the PEM file added, for relays whose certificate a private CA
// signed.
func LoadRoots(pemFile string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(pemFile)
	if err != nil {
		return nil, err
	}
	roots, err := x509.SystemCertPool()
	if err != nil || roots == nil {
		roots = x509.NewCertPool()
	}
	if !roots.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s %w", pemFile, ErrNoPEM)
	}
	return roots, nil
}
