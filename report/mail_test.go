package report

import (
	"strings"
	"testing"
)

func TestSubject(t *testing.T) {
	s := func(v string) *string { return &v }
	tests := []struct {
		name         string
		first, last  *string
		since, until *string
		want         string
	}{
		{"one day", s("2026-11-28T03:21:10.964Z"), s("2026-11-28T03:37:04Z"), nil, nil, "errpat: 12.50% errors, 48 requests, 2026-11-28 03:21 to 03:37 UTC"},
		{"the window wins", s("2026-11-28T03:21:10Z"), s("2026-11-28T03:37:04Z"), s("2026-11-27T00:00:00Z"), nil,
			"errpat: 12.50% errors, 48 requests, 2026-11-27 00:00 to 2026-11-28 03:37 UTC"},
		{"an open end", nil, nil, nil, s("2026-11-28T06:00:00Z"), "errpat: 12.50% errors, 48 requests, … to 2026-11-28 06:00 UTC"},
		{"no times", nil, nil, nil, nil, "errpat: 12.50% errors, 48 requests, no timestamps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{TimeZone: "UTC", Summary: Summary{Requests: 48, ErrorRate: 12.5, First: tt.first, Last: tt.last},
				Window: Window{Since: tt.since, Until: tt.until}}
			if got := Subject(r); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestNewMail: the mail's parts are the text and HTML reports as they
// render alone; a subject given wins over Subject's.
func TestNewMail(t *testing.T) {
	r := sample(t)
	m, err := NewMail(r, "")
	if err != nil {
		t.Fatal(err)
	}
	var text, html strings.Builder
	if err := Render(&text, r, "text", RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := RenderHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	if m.Subject != Subject(r) || m.Text != text.String() || m.HTML != html.String() {
		t.Errorf("got subject %q, text of %d bytes, HTML of %d; want %q and the reports (%d and %d bytes)",
			m.Subject, len(m.Text), len(m.HTML), Subject(r), text.Len(), html.Len())
	}
	if m, _ := NewMail(r, "Nightly API tests"); m.Subject != "Nightly API tests" {
		t.Errorf("got subject %q, want the one given", m.Subject)
	}
}
