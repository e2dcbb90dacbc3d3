package main

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	netmail "net/mail"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/cmd/errpat/internal/mail"
	"github.com/errpat/errpat/report"
)

// mailOptions say where the report is mailed: --mail-* and --smtp-*
// flags, else the ERRPAT_SMTP_* variables of the environment.
type mailOptions struct {
	to       []string
	from     string
	subject  string
	host     string
	port     int
	user     string
	password string // ERRPAT_SMTP_PASSWORD only: a flag would show in ps
	tlsMode  string // "" (STARTTLS when offered), starttls, tls, none
	caFile   string
	sendmail string

	roots *x509.CertPool // the system's and --smtp-ca's
}

// tlsModes are the values of --smtp-tls and ERRPAT_SMTP_TLS.
var tlsModes = []string{"starttls", "tls", "none"}

func addMailFlags(fs *pflag.FlagSet, m *mailOptions) {
	fs.StringSliceVar(&m.to, "mail-to", nil, "mail the report (text and HTML) to `ADDR[,ADDR]`")
	fs.StringVar(&m.from, "mail-from", "", "sender `ADDR` of the mail (default errpat@ the host name)")
	fs.StringVar(&m.subject, "subject", "", "subject of the mail (default: errpat: RATE errors, N requests, WINDOW)")
	fs.StringVar(&m.host, "smtp-host", "", "SMTP server `HOST` (or ERRPAT_SMTP_HOST; the password is read from ERRPAT_SMTP_PASSWORD)")
	fs.IntVar(&m.port, "smtp-port", 0, "SMTP `PORT` (or ERRPAT_SMTP_PORT; default 587 with a user or starttls, 465 with tls, else 25)")
	fs.StringVar(&m.user, "smtp-user", "", "SMTP `USER` for AUTH (or ERRPAT_SMTP_USER)")
	fs.StringVar(&m.tlsMode, "smtp-tls", "", "SMTP encryption: starttls (required), tls, none (or ERRPAT_SMTP_TLS; default: STARTTLS when offered)")
	fs.StringVar(&m.caFile, "smtp-ca", "", "also trust the CA certificates in PEM `FILE` for the SMTP server (or ERRPAT_SMTP_CA)")
	fs.StringVar(&m.sendmail, "sendmail", "", "hand the mail to the sendmail program at `PATH` instead of SMTP")
}

// mailFlags are the flags that mean nothing without --mail-to.
var mailFlags = []string{"mail-from", "subject", "smtp-host", "smtp-port", "smtp-user", "smtp-tls", "smtp-ca", "sendmail"}

// checkDelivery rejects bad or contradictory output and mail flags before
// any input is read, and completes the mail settings from the environment.
func (o *options) checkDelivery(fs *pflag.FlagSet) error {
	if fs.Changed("section") && o.format != "csv" {
		return fmt.Errorf("%w: --section needs --format csv", cli.ErrUsage)
	}
	if o.format == "csv" && !slices.Contains(report.CSVSections, o.section) {
		return fmt.Errorf("%w: invalid --section %q (want %s)", cli.ErrUsage, o.section, strings.Join(report.CSVSections, ", "))
	}
	if len(o.mail.to) == 0 {
		for _, name := range mailFlags {
			if fs.Changed(name) {
				return fmt.Errorf("%w: --%s needs --mail-to", cli.ErrUsage, name)
			}
		}
		return nil
	}
	return o.mail.check(fs)
}

// check validates the mail settings; the environment fills what the
// flags leave unset.
func (m *mailOptions) check(fs *pflag.FlagSet) error {
	if err := m.checkAddresses(); err != nil {
		return err
	}
	if strings.ContainsAny(m.subject, "\r\n") {
		return fmt.Errorf("%w: invalid --subject: it must be one line", cli.ErrUsage)
	}
	if m.sendmail != "" {
		for _, name := range []string{"smtp-host", "smtp-port", "smtp-user", "smtp-tls", "smtp-ca"} {
			if fs.Changed(name) {
				return fmt.Errorf("%w: --sendmail and --%s contradict each other: mail goes by sendmail or by SMTP", cli.ErrUsage, name)
			}
		}
		return nil
	}
	return m.checkSMTP(fs)
}

func (m *mailOptions) checkAddresses() error {
	for i, addr := range m.to {
		a, err := netmail.ParseAddress(strings.TrimSpace(addr))
		if err != nil {
			return fmt.Errorf("%w: invalid --mail-to address %q (want name@example.com)", cli.ErrUsage, addr)
		}
		m.to[i] = a.String()
	}
	if m.from == "" {
		host, err := os.Hostname()
		if err != nil || host == "" {
			host = "localhost"
		}
		m.from = "errpat@" + host
	}
	a, err := netmail.ParseAddress(m.from)
	if err != nil {
		return fmt.Errorf("%w: invalid --mail-from address %q (want name@example.com)", cli.ErrUsage, m.from)
	}
	m.from = a.String()
	return nil
}

func (m *mailOptions) checkSMTP(fs *pflag.FlagSet) error {
	m.host = flagOrEnv(m.host, "ERRPAT_SMTP_HOST")
	m.user = flagOrEnv(m.user, "ERRPAT_SMTP_USER")
	m.tlsMode = strings.ToLower(flagOrEnv(m.tlsMode, "ERRPAT_SMTP_TLS"))
	m.caFile = flagOrEnv(m.caFile, "ERRPAT_SMTP_CA")
	m.password = os.Getenv("ERRPAT_SMTP_PASSWORD")
	switch {
	case m.host == "":
		return fmt.Errorf("%w: --mail-to needs an SMTP server (--smtp-host or ERRPAT_SMTP_HOST) or --sendmail PATH", cli.ErrUsage)
	case m.tlsMode != "" && !slices.Contains(tlsModes, m.tlsMode):
		return fmt.Errorf("%w: invalid --smtp-tls or ERRPAT_SMTP_TLS %q (want %s)", cli.ErrUsage, m.tlsMode, strings.Join(tlsModes, ", "))
	}
	if m.user != "" && m.password == "" {
		return fmt.Errorf("%w: --smtp-user needs the password in ERRPAT_SMTP_PASSWORD", cli.ErrUsage)
	}
	if m.user != "" && m.tlsMode == "none" && !mail.IsLoopback(m.host) {
		return fmt.Errorf("%w: --smtp-tls none would send the password unencrypted to %s (only to localhost; use starttls or tls)", cli.ErrUsage, m.host)
	}
	if err := m.checkPort(fs); err != nil {
		return err
	}
	return m.loadRoots()
}

func (m *mailOptions) checkPort(fs *pflag.FlagSet) error {
	if !fs.Changed("smtp-port") {
		if env := os.Getenv("ERRPAT_SMTP_PORT"); env != "" {
			p, err := strconv.Atoi(env)
			if err != nil {
				return fmt.Errorf("%w: invalid ERRPAT_SMTP_PORT %q (want a port number)", cli.ErrUsage, env)
			}
			m.port = p
		}
	}
	if m.port == 0 {
		m.port = defaultPort(m.tlsMode, m.user)
	}
	if m.port < 1 || m.port > 65535 {
		return fmt.Errorf("%w: invalid SMTP port %d (want 1 to 65535)", cli.ErrUsage, m.port)
	}
	return nil
}

// loadRoots adds --smtp-ca's certificates to the system's, for relays
// whose certificate a private CA signed.
func (m *mailOptions) loadRoots() error {
	if m.caFile == "" {
		return nil
	}
	pem, err := os.ReadFile(m.caFile)
	if err != nil {
		return fmt.Errorf("%w: --smtp-ca: %v", cli.ErrUsage, err)
	}
	m.roots, err = x509.SystemCertPool()
	if err != nil || m.roots == nil {
		m.roots = x509.NewCertPool()
	}
	if !m.roots.AppendCertsFromPEM(pem) {
		return fmt.Errorf("%w: --smtp-ca %s holds no PEM certificate", cli.ErrUsage, m.caFile)
	}
	return nil
}

// defaultPort is submission (587) for a login or required STARTTLS,
// submissions (465) for TLS, else the relay port (25).
func defaultPort(tlsMode, user string) int {
	switch {
	case tlsMode == "tls":
		return 465
	case tlsMode == "starttls", tlsMode == "" && user != "":
		return 587
	}
	return 25
}

func flagOrEnv(flag, env string) string {
	if flag != "" {
		return flag
	}
	return os.Getenv(env)
}

// publish writes the report and, with --mail-to, mails it after it is
// rendered. The report is never lost: it goes to --output when given;
// without --output it goes to standard output only when the mail could
// not be sent (a cron job then mails it once, through cron).
func publish(o *options, rep *report.Report, stdout io.Writer) error {
	if len(o.mail.to) == 0 {
		return write(o, rep, stdout)
	}
	msg, err := newMessage(&o.mail, rep)
	if err != nil {
		return err
	}
	if o.output != "" {
		if err := write(o, rep, stdout); err != nil {
			return err
		}
	}
	if err := o.mail.send(msg); err != nil {
		if o.output == "" {
			if werr := write(o, rep, stdout); werr != nil {
				return fmt.Errorf("send mail: %w (and %v)", err, werr)
			}
		}
		return fmt.Errorf("send mail: %w", err)
	}
	return nil
}

// renderReport renders the report in --format, with --section for csv.
func renderReport(w io.Writer, rep *report.Report, o *options, layout report.Layout) error {
	if o.format == "csv" {
		return report.RenderCSV(w, rep, o.section)
	}
	return report.RenderLayout(w, rep, o.format, layout)
}

// newMessage builds the mail: the text report and the HTML report, as
// alternatives.
func newMessage(m *mailOptions, rep *report.Report) (*mail.Message, error) {
	var text, html bytes.Buffer
	if err := report.Render(&text, rep, "text", false); err != nil {
		return nil, fmt.Errorf("render mail: %w", err)
	}
	if err := report.RenderHTML(&html, rep); err != nil {
		return nil, fmt.Errorf("render mail: %w", err)
	}
	return &mail.Message{From: m.from, To: m.to, Subject: orText(m.subject, report.Subject(rep)),
		Text: text.String(), HTML: html.String(), UserAgent: "errpat " + version}, nil
}

// send delivers the message by sendmail or SMTP.
func (m *mailOptions) send(msg *mail.Message) error {
	if m.sendmail != "" {
		return mail.Sendmail(m.sendmail, msg)
	}
	s := &mail.SMTP{Host: m.host, Port: m.port, User: m.user, Password: m.password, TLS: mail.TLS(m.tlsMode),
		RootCAs: m.roots, Timeout: time.Minute}
	err := s.Send(context.Background(), msg)
	switch {
	case errors.Is(err, mail.ErrUntrusted):
		return fmt.Errorf("%w (trust its CA with --smtp-ca FILE)", err)
	case errors.Is(err, mail.ErrClearPassword):
		return fmt.Errorf("%w (use a server with STARTTLS, --smtp-tls tls, or a relay on localhost)", err)
	}
	return err
}
