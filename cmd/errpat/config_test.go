package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeConfig writes an errpat config file in a fresh XDG_CONFIG_HOME and
// returns its path.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	path := filepath.Join(dir, "errpat", "config")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const oneLog = "testdata/real-client/api_test_20261128_032110.log"

// TestConfigFileAndEnvironment: the command line wins over ERRPAT_<FLAG>,
// which wins over the config file; every form of line is read.
func TestConfigFileAndEnvironment(t *testing.T) {
	tests := []struct {
		name   string
		config string
		env    map[string]string
		args   []string
		want   []string // in stdout
	}{
		{name: "file: flag = value", config: "# the team's zone\n\ntz = Asia/Kolkata\nformat=json\n",
			want: []string{`"time_zone": "Asia/Kolkata"`}},
		{name: "file: flag value, quoted, with dashes", config: "  --tz   'Asia/Tokyo'\nformat json\n",
			want: []string{`"time_zone": "Asia/Tokyo"`}},
		{name: "environment over file", config: "tz = Asia/Kolkata\nformat = json\n", env: map[string]string{"ERRPAT_TZ": "UTC"},
			want: []string{`"time_zone": "UTC"`}},
		{name: "command line over both", config: "tz = Asia/Kolkata\nformat = json\n", env: map[string]string{"ERRPAT_TZ": "Asia/Tokyo"},
			args: []string{"--tz", "Europe/Paris"}, want: []string{`"time_zone": "Europe/Paris"`}},
		{name: "a threshold from the file counts as given", config: "format = json\nthreshold 50%\n",
			args: []string{"--tz", "UTC"}, want: []string{`"threshold": 50`}},
		{name: "repeatable flags repeat", config: "format = json\ninclude = api_test_*_032110.log\ninclude = api_test_*_032112.log\n",
			args: []string{"--tz", "UTC", "testdata/real-client"}, want: []string{`"files": 2,`}},
		{name: "a setting the command lacks is ignored", config: "peak = 22-06\ntz = UTC\n",
			args: []string{"events", oneLog}, want: []string{`"source":"` + oneLog + `"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeConfig(t, tt.config)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			args := tt.args
			if len(args) == 0 || args[len(args)-1] != oneLog && !strings.HasPrefix(args[len(args)-1], "testdata/") {
				args = append(args, oneLog)
			}
			code, out, errOut := runCLI(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d, want 0: %s", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %s:\n%.600s", w, out)
				}
			}
		})
	}
}

// TestBadSettingsNameTheirSource: a bad line names the file and line, a
// bad variable its name, a bad value found later where it came from.
func TestBadSettingsNameTheirSource(t *testing.T) {
	tests := []struct {
		name, config string
		env          map[string]string
		want         string
	}{
		{"unknown name", "tz = UTC\n\n# a comment\nwrokers = 4\n", nil, ":4: unknown setting \"wrokers\" (did you mean workers?)"},
		{"bad value", "workers = many\n", nil, `:1: invalid workers "many" (want a whole number)`},
		{"no value", "tz\n", nil, ":1: tz needs a value"},
		{"the password", "smtp-password = hunter2\n", nil, ":1: the SMTP password is read from ERRPAT_SMTP_PASSWORD only"},
		{"value checked later", "tz = Mars/Olympus\n", nil, `invalid --tz "Mars/Olympus" (want an IANA zone name such as UTC or Asia/Kolkata) (from CONFIG:1)`},
		{"bad variable", "", map[string]string{"ERRPAT_TOP": "ten"}, `errpat: invalid ERRPAT_TOP "ten" (want a whole number)`},
		{"variable checked later", "", map[string]string{"ERRPAT_SIDE": "both"}, `invalid --side "both" (want client, server, load) (from ERRPAT_SIDE)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.config)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			want := strings.ReplaceAll(tt.want, "CONFIG", path)
			if strings.HasPrefix(want, ":") {
				want = "errpat: " + path + want
			}
			code, out, errOut := runCLI(t, "", oneLog)
			if code != 2 || out != "" || !strings.Contains(errOut, want) {
				t.Errorf("got exit %d, stdout %.80q, stderr %q; want 2, nothing, and %q", code, out, errOut, want)
			}
		})
	}
}

// TestVersionDespiteBadSettings: -V answers even when the settings are
// wrong, so that a bug report can name the version.
func TestVersionDespiteBadSettings(t *testing.T) {
	writeConfig(t, "wrokers = 4\n")
	code, out, errOut := runCLI(t, "", "-V")
	if code != 0 || !strings.HasPrefix(out, "errpat ") || errOut != "" {
		t.Errorf("got exit %d, stdout %q, stderr %q; want 0 and the version", code, out, errOut)
	}
}
