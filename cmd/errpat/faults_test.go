package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/errpat/errpat/report"
)

// TestFaultRunsShowNoCredential reads each fault run of the vSIP clients
// (testdata/faults) with the credentials they were run with NOT in
// errpat's environment, and asserts that no output format, nor the bug
// report of any failure pattern, shows them.
func TestFaultRunsShowNoCredential(t *testing.T) {
	const key, token = "key_fault0a1b2c3d", "tok_fault9z8y7x6w" // testdata/faults/make.sh
	t.Setenv("EXO_AUTH_KEY", "")
	t.Setenv("EXO_AUTH_TOKEN", "")
	secrets := []string{key, token, base64.StdEncoding.EncodeToString([]byte(key + ":" + token))}
	// The integration test's "nonnumeric port: 'tok_…@api.fault.invalid'"
	// needs the masker to learn a run's secrets from the run (issue 13,
	// cause 6).
	pending := map[string]string{}
	dirs, err := filepath.Glob("testdata/faults/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fault runs: %v", err)
	}
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if why, ok := pending[filepath.Base(dir)]; ok {
				t.Skip("needs " + why)
			}
			var outs []string
			for _, format := range report.FormatNames() {
				args := []string{"--tz", "UTC", "--top", "50", "--format", format}
				if format == "csv" {
					args = append(args, "--section", "messages")
				}
				_, out, errOut := runCLI(t, "", append(args, dir)...)
				outs = append(outs, out, errOut)
			}
			for n := 1; ; n++ {
				code, out, errOut := runCLI(t, "", "bugreport", "--tz", "UTC", "--pattern", strconv.Itoa(n), dir)
				if code != 0 {
					break
				}
				outs = append(outs, out, errOut)
			}
			for _, out := range outs {
				for _, s := range secrets {
					if strings.Contains(out, s) {
						t.Errorf("output shows credential %q", s)
					}
				}
			}
		})
	}
}
