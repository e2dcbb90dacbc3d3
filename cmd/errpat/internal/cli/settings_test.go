package cli

import (
	"testing"

	"github.com/spf13/pflag"
)

func TestEnvName(t *testing.T) {
	for flag, want := range map[string]string{"tz": "ERRPAT_TZ", "smtp-host": "ERRPAT_SMTP_HOST", "mail-to": "ERRPAT_MAIL_TO"} {
		if got := envName(flag); got != want {
			t.Errorf("envName(%q): got %s, want %s", flag, got, want)
		}
	}
}

func TestParseSetting(t *testing.T) {
	tests := []struct {
		line        string
		name, value string
		ok          bool
	}{
		{"tz = UTC", "tz", "UTC", true},
		{"tz=UTC", "tz", "UTC", true},
		{"\t--peak  22-06 ", "peak", "22-06", true},
		{`subject = "errpat: nightly run"`, "subject", "errpat: nightly run", true},
		{"strict", "strict", "", true},
		{"   # tz = UTC", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		s, ok := parseSetting(tt.line)
		if ok != tt.ok || s.name != tt.name || s.value != tt.value {
			t.Errorf("parseSetting(%q): got %q %q %v, want %q %q %v", tt.line, s.name, s.value, ok, tt.name, tt.value, tt.ok)
		}
	}
	var strict bool
	fs := pflag.NewFlagSet("errpat", pflag.ContinueOnError)
	fs.BoolVar(&strict, "strict", false, "")
	if err := setFromFile(fs.Lookup("strict"), ""); err != nil || !strict {
		t.Errorf("a bool alone on its line: got %v, strict %v; want it set", err, strict)
	}
}
