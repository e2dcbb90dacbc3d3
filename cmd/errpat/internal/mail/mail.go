// Package mail delivers errpat's report: a multipart/alternative message
// of its text and HTML, by SMTP or by a sendmail program. It is the one
// place that knows the mail library (go-mail, and its fork of net/smtp),
// and checks a delivery's settings (addresses, TLS mode, port, CA
// roots) before the command reads any input.
//
// SMTP follows Go's net/smtp conventions: STARTTLS whenever the server
// offers it, and a password only over TLS or to this machine (localhost,
// 127.0.0.1, ::1). Errors are one line each, naming the server and what
// it said, never the library's own wording.
package mail

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	netmail "net/mail"
	"os/exec"
	"strings"

	"github.com/wneessen/go-mail"
)

// Message is a mail of the report.
type Message struct {
	From      string   // "Name <addr>" or "addr"
	To        []string // the same forms
	Subject   string
	Text      string // text/plain, the text report
	HTML      string // text/html, the HTML report
	UserAgent string
}

// build makes the MIME message: headers, then text and HTML as
// alternatives, the HTML last (the one a mail client prefers).
func (m *Message) build() (*mail.Msg, error) {
	msg := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := msg.From(m.From); err != nil {
		return nil, fmt.Errorf("invalid sender %q", m.From)
	}
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("invalid recipient in %q", m.To)
	}
	msg.Subject(m.Subject)
	if m.UserAgent != "" {
		msg.SetUserAgent(m.UserAgent)
	}
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	return msg, nil
}

// envelope returns the bare addresses of the sender and recipients.
func (m *Message) envelope() (string, []string, error) {
	from, err := netmail.ParseAddress(m.From)
	if err != nil {
		return "", nil, fmt.Errorf("invalid sender %q", m.From)
	}
	to := make([]string, len(m.To))
	for i, addr := range m.To {
		a, err := netmail.ParseAddress(addr)
		if err != nil {
			return "", nil, fmt.Errorf("invalid recipient %q", addr)
		}
		to[i] = a.Address
	}
	return from.Address, to, nil
}

// Sendmail hands the message to the sendmail program at path, which
// reads the recipients from its headers (sendmail -oi -t).
func Sendmail(path string, m *Message) error {
	msg, err := m.build()
	if err != nil {
		return err
	}
	var stdin bytes.Buffer
	if _, err := msg.WriteTo(&stdin); err != nil {
		return fmt.Errorf("write the message: %w", err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(path, "-oi", "-t")
	cmd.Stdin, cmd.Stderr = &stdin, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		said, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if said != "" {
			return fmt.Errorf("%s exited with status %d: %s", path, exit.ExitCode(), said)
		}
		return fmt.Errorf("%s exited with status %d", path, exit.ExitCode())
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("run %s: %w", path, err)
	}
	return nil
}
