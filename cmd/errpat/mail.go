package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/cmd/errpat/internal/mail"
	"github.com/errpat/errpat/report"
)

// addMailFlags declares the mail's flags into m (checked and used by the
// delivery package).
func addMailFlags(fs *pflag.FlagSet, m *mail.Settings) {
	fs.StringSliceVar(&m.To, "mail-to", nil, "mail the report (text and HTML) to `ADDR[,ADDR]`")
	fs.StringVar(&m.From, "mail-from", "", "sender `ADDR` of the mail (default errpat@ the host name)")
	fs.StringVar(&m.Subject, "subject", "", "subject of the mail (default: errpat: RATE errors, N requests, WINDOW)")
	fs.StringVar(&m.SMTP.Host, "smtp-host", "", "SMTP server `HOST` (or ERRPAT_SMTP_HOST; the password is read from ERRPAT_SMTP_PASSWORD)")
	fs.IntVar(&m.SMTP.Port, "smtp-port", 0, "SMTP `PORT` (or ERRPAT_SMTP_PORT; default 587 with a user or starttls, 465 with tls, else 25)")
	fs.StringVar(&m.SMTP.User, "smtp-user", "", "SMTP `USER` for AUTH (or ERRPAT_SMTP_USER)")
	fs.StringVar((*string)(&m.SMTP.TLS), "smtp-tls", "", "SMTP encryption: starttls (required), tls, none (or ERRPAT_SMTP_TLS; default: STARTTLS when offered)")
	fs.StringVar(&m.CAFile, "smtp-ca", "", "also trust the CA certificates in PEM `FILE` for the SMTP server (or ERRPAT_SMTP_CA)")
	fs.StringVar(&m.Sendmail, "sendmail", "", "hand the mail to the sendmail program at `PATH` instead of SMTP")
}

// mailFlags are the flags that mean nothing without --mail-to.
var mailFlags = []string{"mail-from", "subject", "smtp-host", "smtp-port", "smtp-user", "smtp-tls", "smtp-ca", "sendmail"}

// checkDelivery rejects bad or contradictory output and mail flags before
// any input is read. The SMTP password is read from ERRPAT_SMTP_PASSWORD
// only: a flag would show in ps.
func (o *options) checkDelivery(fs *pflag.FlagSet) error {
	f, _ := report.FormatNamed(o.format)
	if fs.Changed("section") && f.Sections == nil {
		return fmt.Errorf("%w: --section needs --format csv", cli.ErrUsage)
	}
	if f.Sections != nil {
		if err := cli.OneOf("section", o.section, f.Sections); err != nil {
			return err
		}
	}
	if len(o.mail.To) == 0 {
		for _, name := range mailFlags {
			if fs.Changed(name) {
				return fmt.Errorf("%w: --%s needs --mail-to", cli.ErrUsage, name)
			}
		}
		return nil
	}
	o.mail.SMTP.Password, o.mail.PortEnv = os.Getenv("ERRPAT_SMTP_PASSWORD"), os.Getenv("ERRPAT_SMTP_PORT")
	if err := o.mail.Check(fs.Changed); err != nil {
		return fmt.Errorf("%w: %v", cli.ErrUsage, err)
	}
	return nil
}

// publish writes the report and, with --mail-to, mails it after it is
// rendered. The report is never lost: it goes to --output when given;
// without --output it goes to standard output only when the mail could
// not be sent (a cron job then mails it once, through cron).
func publish(o *options, rep *report.Report, stdout io.Writer) error {
	if len(o.mail.To) == 0 {
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
	if err := o.mail.Deliver(msg); err != nil {
		if o.output == "" {
			if werr := write(o, rep, stdout); werr != nil {
				return fmt.Errorf("send mail: %w (and %v)", err, werr)
			}
		}
		return fmt.Errorf("send mail: %w", err)
	}
	return nil
}

// newMessage is the report's mail (report.NewMail) from the sender to
// the recipients.
func newMessage(m *mail.Settings, rep *report.Report) (*mail.Message, error) {
	parts, err := report.NewMail(rep, m.Subject)
	if err != nil {
		return nil, err
	}
	return &mail.Message{From: m.From, To: m.To, Subject: parts.Subject, Text: parts.Text, HTML: parts.HTML,
		UserAgent: "errpat " + version}, nil
}
