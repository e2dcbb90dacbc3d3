package mail_test

import (
	"context"
	"fmt"

	"github.com/errpat/errpat/cmd/errpat/internal/mail"
)

// A report mailed through the submission port of a mail server: STARTTLS
// because the server offers it, then the login (never before TLS, except
// to localhost).
func ExampleSMTP_Send() {
	msg := &mail.Message{From: "errpat@example.com", To: []string{"qa@example.com"},
		Subject: "errpat: 4.20% errors, 7970 requests, 2025-01-13 00:05 to 23:46 UTC",
		Text:    "errpat report\n…", HTML: "<!DOCTYPE html>…"}
	s := &mail.SMTP{Host: "smtp.example.com", Port: 587, User: "reporter", Password: "from ERRPAT_SMTP_PASSWORD"}
	if err := s.Send(context.Background(), msg); err != nil {
		fmt.Println("errpat: send mail:", err)
	}
}
