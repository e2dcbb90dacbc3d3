package analyzer

import "testing"

func TestRedactAccounts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"POST /v2/accounts/acme1/trunks", "POST /v2/accounts/.../trunks"},
		{"https://api.example.com/v1/Accounts/exotel_prod/Calls?x=1", "https://api.example.com/v1/Accounts/.../Calls?x=1"},
		{`{"account_sid": "AC0123456789abcdef0123456789abcdef"}`, `{"account_sid": "AC..."}`},
		{"/trunks/TR6A4AC3CC/phone-numbers", "/trunks/TR6A4AC3CC/phone-numbers"}, // AC inside a trunk id
		{"ACCEDED and ACCEPTED", "ACCEDED and ACCEPTED"},                         // words, not ids
		{"ACDEADBEEFCAFE", "ACDEADBEEFCAFE"},                                     // hex letters only: a word
	}
	for _, tt := range tests {
		if got := RedactAccounts(tt.in); got != tt.want {
			t.Errorf("RedactAccounts(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAccountIn(t *testing.T) {
	tests := []struct {
		texts []string
		want  Account
	}{
		{[]string{"/trunks", `{"sid": "AC0123456789abcdef"}`}, AccountSID},
		{[]string{"/v2/accounts/acme/trunks", `{"sid": "AC0123456789abcdef"}`}, AccountSID}, // the SID wins, wherever it is
		{[]string{"/v2/accounts/acme/trunks", ""}, AccountPath},
		{[]string{"/trunks", "ACCEDED"}, AccountNone},
		{nil, AccountNone},
	}
	for _, tt := range tests {
		if got := AccountIn(tt.texts...); got != tt.want {
			t.Errorf("AccountIn(%q): got %d, want %d", tt.texts, got, tt.want)
		}
	}
}
