package report

import (
	"bytes"
	"fmt"
	"strings"
)

// Mail is the report as a mail: its subject and its parts, the text
// report and the HTML one, which mail clients show as alternatives.
type Mail struct{ Subject, Text, HTML string }

// NewMail renders the report for a mail; an empty subject is Subject's.
func NewMail(r *Report, subject string) (*Mail, error) {
	var text, html bytes.Buffer
	if err := Render(&text, r, "text", RenderOptions{}); err != nil {
		return nil, fmt.Errorf("render mail: %w", err)
	}
	if err := RenderHTML(&html, r); err != nil {
		return nil, fmt.Errorf("render mail: %w", err)
	}
	if subject == "" {
		subject = Subject(r)
	}
	return &Mail{Subject: subject, Text: text.String(), HTML: html.String()}, nil
}

// Subject is the mail's default subject: "errpat: 44.68% errors, 47
// requests, 2026-11-28 03:21 to 03:21 UTC".
func Subject(r *Report) string {
	return fmt.Sprintf("errpat: %.2f%% errors, %d requests, %s", r.Summary.ErrorRate, r.Summary.Requests, WindowLabel(r))
}

// WindowLabel names the report's window in a few words: its ends where
// --since and --until set them, else the first and last request, in
// minutes, the day said once when both ends share it.
func WindowLabel(r *Report) string {
	from, until := r.Summary.First, r.Summary.Last
	if r.Window.Since != nil {
		from = r.Window.Since
	}
	if r.Window.Until != nil {
		until = r.Window.Until
	}
	if from == nil && until == nil {
		return "no timestamps"
	}
	d1, c1 := dayAndClock(from)
	d2, c2 := dayAndClock(until)
	if d1 == d2 {
		return fmt.Sprintf("%s %s to %s %s", d1, c1, c2, r.TimeZone)
	}
	return strings.TrimSpace(fmt.Sprintf("%s %s to %s %s %s", d1, c1, d2, c2, r.TimeZone))
}
