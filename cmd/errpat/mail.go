package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/cmd/errpat/internal/mail"
	"github.com/errpat/errpat/report"
)

// mailOptions say where the report is mailed: --mail-* and --smtp-*
// flags (or their ERRPAT_ variables, see cli.ApplySettings).
type mailOptions struct {
	to       []string
	from     string
	subject  string
	caFile   string
	sendmail string
	// smtp is --smtp-host, --smtp-port, --smtp-user and --smtp-tls; the
	// password is read from ERRPAT_SMTP_PASSWORD only (a flag would show
	// in ps), the roots from --smtp-ca.
	smtp mail.SMTP
}

func addMailFlags(fs *pflag.FlagSet, m *mailOptions) {
	fs.StringSliceVar(&m.to, "mail-to", nil, "mail the report (text and HTML) to `ADDR[,ADDR]`")
	fs.StringVar(&m.from, "mail-from", "", "sender `ADDR` of the mail (default errpat@ the host name)")
	fs.StringVar(&m.subject, "subject", "", "subject of the mail (default: errpat: RATE errors, N requests, WINDOW)")
	fs.StringVar(&m.smtp.Host, "smtp-host", "", "SMTP server `HOST` (or ERRPAT_SMTP_HOST; the password is read from ERRPAT_SMTP_PASSWORD)")
	fs.IntVar(&m.smtp.Port, "smtp-port", 0, "SMTP `PORT` (or ERRPAT_SMTP_PORT; default 587 with a user or starttls, 465 with tls, else 25)")
	fs.StringVar(&m.smtp.User, "smtp-user", "", "SMTP `USER` for AUTH (or ERRPAT_SMTP_USER)")
	fs.StringVar((*string)(&m.smtp.TLS), "smtp-tls", "", "SMTP encryption: starttls (required), tls, none (or ERRPAT_SMTP_TLS; default: STARTTLS when offered)")
	fs.StringVar(&m.caFile, "smtp-ca", "", "also trust the CA certificates in PEM `FILE` for the SMTP server (or ERRPAT_SMTP_CA)")
	fs.StringVar(&m.sendmail, "sendmail", "", "hand the mail to the sendmail program at `PATH` instead of SMTP")
}

// mailFlags are the flags that mean nothing without --mail-to.
var mailFlags = []string{"mail-from", "subject", "smtp-host", "smtp-port", "smtp-user", "smtp-tls", "smtp-ca", "sendmail"}

// checkDelivery rejects bad or contradictory output and mail flags before
// any input is read.
func (o *options) checkDelivery(fs *pflag.FlagSet) error {
	if fs.Changed("section") && o.format != "csv" {
		return fmt.Errorf("%w: --section needs --format csv", cli.ErrUsage)
	}
	if o.format == "csv" {
		if err := cli.OneOf("section", o.section, report.CSVSections); err != nil {
			return err
		}
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

// check validates the mail settings.
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
		a, err := mail.Address(strings.TrimSpace(addr))
		if err != nil {
			return fmt.Errorf("%w: invalid --mail-to address %q (want name@example.com)", cli.ErrUsage, addr)
		}
		m.to[i] = a
	}
	if m.from == "" {
		m.from = mail.DefaultFrom()
	}
	a, err := mail.Address(m.from)
	if err != nil {
		return fmt.Errorf("%w: invalid --mail-from address %q (want name@example.com)", cli.ErrUsage, m.from)
	}
	m.from = a
	return nil
}

func (m *mailOptions) checkSMTP(fs *pflag.FlagSet) error {
	s := &m.smtp
	s.TLS = mail.TLS(strings.ToLower(string(s.TLS)))
	s.Password = os.Getenv("ERRPAT_SMTP_PASSWORD")
	switch {
	case s.Host == "":
		return fmt.Errorf("%w: --mail-to needs an SMTP server (--smtp-host or ERRPAT_SMTP_HOST) or --sendmail PATH", cli.ErrUsage)
	case !s.TLS.Valid():
		return fmt.Errorf("%w: invalid --smtp-tls or ERRPAT_SMTP_TLS %q (want %s)", cli.ErrUsage, s.TLS, strings.Join(mail.Modes, ", "))
	case s.User != "" && s.Password == "":
		return fmt.Errorf("%w: --smtp-user needs the password in ERRPAT_SMTP_PASSWORD", cli.ErrUsage)
	case s.ClearPassword():
		return fmt.Errorf("%w: --smtp-tls none would send the password unencrypted to %s (only to localhost; use starttls or tls)", cli.ErrUsage, s.Host)
	}
	if err := m.checkPort(fs); err != nil {
		return err
	}
	return m.loadRoots()
}

// checkPort reads ERRPAT_SMTP_PORT as a decimal number, else the
// default port of the TLS mode.
func (m *mailOptions) checkPort(fs *pflag.FlagSet) error {
	if env := os.Getenv("ERRPAT_SMTP_PORT"); env != "" && !fs.Changed("smtp-port") {
		p, err := strconv.Atoi(env)
		if err != nil {
			return fmt.Errorf("%w: invalid ERRPAT_SMTP_PORT %q (want a port number)", cli.ErrUsage, env)
		}
		m.smtp.Port = p
	}
	if m.smtp.Port == 0 {
		m.smtp.Port = mail.DefaultPort(m.smtp.TLS, m.smtp.User)
	}
	if m.smtp.Port < 1 || m.smtp.Port > 65535 {
		return fmt.Errorf("%w: invalid SMTP port %d (want 1 to 65535)", cli.ErrUsage, m.smtp.Port)
	}
	return nil
}

// loadRoots adds --smtp-ca's certificates to the system's.
func (m *mailOptions) loadRoots() (err error) {
	if m.caFile == "" {
		return nil
	}
	m.smtp.RootCAs, err = mail.LoadRoots(m.caFile)
	switch {
	case errors.Is(err, mail.ErrNoPEM):
		return fmt.Errorf("%w: --smtp-ca %v", cli.ErrUsage, err)
	case err != nil:
		return fmt.Errorf("%w: --smtp-ca: %v", cli.ErrUsage, err)
	}
	return nil
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

// newMessage is the report's mail (report.NewMail) from the sender to
// the recipients.
func newMessage(m *mailOptions, rep *report.Report) (*mail.Message, error) {
	parts, err := report.NewMail(rep, m.subject)
	if err != nil {
		return nil, err
	}
	return &mail.Message{From: m.from, To: m.to, Subject: parts.Subject, Text: parts.Text, HTML: parts.HTML,
		UserAgent: "errpat " + version}, nil
}

// send delivers the message by sendmail or SMTP.
func (m *mailOptions) send(msg *mail.Message) error {
	if m.sendmail != "" {
		return mail.Sendmail(m.sendmail, msg)
	}
	m.smtp.Timeout = time.Minute
	err := m.smtp.Send(context.Background(), msg)
	switch {
	case errors.Is(err, mail.ErrUntrusted):
		return fmt.Errorf("%w (trust its CA with --smtp-ca FILE)", err)
	case errors.Is(err, mail.ErrClearPassword):
		return fmt.Errorf("%w (use a server with STARTTLS, --smtp-tls tls, or a relay on localhost)", err)
	}
	return err
}
