package main

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errpat/errpat/cmd/errpat/internal/mail/smtptest"
	"github.com/errpat/errpat/report"
)

// TestNoSecretInAnyFormat feeds credentials in every place a client puts
// them and asserts that no output format shows any of them.
func TestNoSecretInAnyFormat(t *testing.T) {
	const key, token = "key_0123456789abcdef", "tok_fedcba9876543210"
	t.Setenv("EXO_AUTH_KEY", key)
	t.Setenv("EXO_AUTH_TOKEN", token)
	basic := base64.StdEncoding.EncodeToString([]byte(key + ":" + token))
	secrets := []string{key, token, basic, "hunter2pass", "bearerTOKEN123", "sup3rs3cret", "qpToken999", "xpass42"}

	dir := t.TempDir()
	log := "2026-11-28 03:21:12,727 - INFO - Starting API tests - Log file: x\n" +
		"2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: https://" + key + ":" + token + "@api.example.com/v2/accounts/AC1/trunks?api_key=qpToken999\n" +
		"2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 401: Unauthorized for " + key + "\n" +
		"2026-11-28 03:21:12,792 - ERROR - Error details: {\n  \"message\": \"bad credentials Authorization: Basic " + basic + "\",\n  \"password\": \"hunter2pass\"\n}\n" +
		"2026-11-28 03:21:13,000 - INFO - Testing Map DID: /trunks/TR1/phone-numbers\n" +
		"2026-11-28 03:21:16,100 - ERROR - ❌ Map DID - Exception: token rejected: Authorization: Bearer bearerTOKEN123\n" +
		"2026-11-28 03:21:17,000 - INFO - Testing Whitelist IP: https://user:xpass42@h.example.com/trunks/TR1/whitelisted-ips\n" +
		"2026-11-28 03:21:19,500 - ERROR - ❌ Whitelist IP - HTTP 500: internal error secret=sup3rs3cret\n"
	if err := os.WriteFile(filepath.Join(dir, "api_test_1.log"), []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range report.FormatNames() {
		t.Run(format, func(t *testing.T) {
			args := []string{"--tz", "UTC", "--slow", "1s", "--format", format}
			if format == "csv" {
				args = append(args, "--section", "messages") // the table that holds examples
			}
			code, out, errOut := runCLI(t, "", append(args, dir, "testdata/newman")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if !strings.Contains(out, "****") && !strings.Contains(out, `\*\*\*\*`) {
				t.Errorf("no masked value shown: the test input did not reach the output")
			}
			for _, s := range secrets {
				if strings.Contains(out, s) || strings.Contains(errOut, s) {
					t.Errorf("output shows secret %q", s)
				}
			}
		})
	}
}

// hostileRun is a run written by the test: credentials of every shape
// the masker knows, in every place a client writes them, none of them
// given in the environment.
type hostileRun struct {
	dir     string
	secrets []string // none may show in any output
}

// secretShape is a text that carries one secret.
type secretShape struct{ text, secret string }

// secretShapes makes one text per shape of secret, each secret fresh.
func secretShapes(r *rand.Rand) []secretShape {
	alnum := func(n int) string {
		const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		b := make([]byte, n)
		for i := range b {
			b[i] = chars[r.IntN(len(chars))]
		}
		return string(b)
	}
	upper := func(n int) string {
		const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
		b := make([]byte, n)
		for i := range b {
			b[i] = chars[r.IntN(len(chars))]
		}
		return string(b)
	}
	hexs := func(n int) string {
		b := make([]byte, n/2)
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return hex.EncodeToString(b)
	}
	s := func() string { return alnum(8) + "9q" + alnum(10) }
	jwt := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi" + alnum(20) + "." + alnum(30)
	shapes := []secretShape{
		{"X-Api-Key: %s", s()}, {"Api-Key: %s", s()}, {"request had X-Auth-Token: %s", s()},
		{"Cookie: session=%s; theme=dark", s()}, {`"Set-Cookie": "sid=%s; Path=/"`, s()},
		{`{'Authorization': 'Bearer %s'}`, s()}, {"Proxy-Authorization: Basic %s", s()},
		{`Authorization: Digest username="u", realm="api", response="%s"`, hexs(32)},
		{`{"password": "%s", "user": "bob"}`, s()}, {`{"body": "{\"password\":\"%s\"}"}`, s()},
		{`{'password': '%s', 'user': 'bob'}`, s()}, {`{"pwd": "%s"}`, s()}, {`{"session_id": "%s"}`, s()},
		{"sid=%s&lang=en", s()}, {"grant_type=refresh_token&refresh_token=%s&x=1", s()},
		{"/api/v4/projects?api_token=%s&page=2", s()}, {"/api/v4/user?private_token=%s", s()}, {"/x?token=%s", s()},
		{"token rejected: %s", jwt}, {"InvalidAccessKeyId: AKIA%s", upper(16)}, {"temporary key ASIA%s", upper(16)},
		{"https://b.s3.amazonaws.com/o?X-Amz-Credential=x&X-Amz-Signature=%s", hexs(64)},
		{"https://b.s3.amazonaws.com/o?AWSAccessKeyId=x&Signature=%s", s()},
		{"git: ghp_%s", alnum(36)}, {"gitlab: glpat-%s", alnum(20)}, {"slack: xoxb-%s", "1234567890-" + alnum(24)},
		{"stripe: sk_live_%s", alnum(24)}, {"maps: AIza%s", alnum(35)},
		{"clone https://%s@github.com/o/r.git failed", "ghp_" + alnum(36)},
		{"db_password: %s", s()}, {"CLIENT_SECRET=%s", s()}, {`{"signing_hash": "%s"}`, hexs(40)},
	}
	for i, sh := range shapes {
		shapes[i].text = fmt.Sprintf(sh.text, sh.secret)
	}
	return shapes
}

// writeHostileRun writes a client log and a JSON lines file holding the
// shapes, the credentials the run reveals (URL user information, a
// Basic header) and their other forms later in the run, a private key,
// and a body whose secret crosses the 4 KiB cut.
func writeHostileRun(t *testing.T, seed uint64) hostileRun {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 14))
	hexs := func() string { return fmt.Sprintf("%016x", r.Uint64()) }
	key, tok := "key_"+hexs(), "tok_"+hexs()
	buser, bpass := "bu_"+hexs(), "bp_"+hexs()
	basic := base64.StdEncoding.EncodeToString([]byte(buser + ":" + bpass))
	pem := "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA" + hexs() + "\n" + hexs() + hexs() + "\n-----END OPENSSH PRIVATE KEY-----"
	h := hostileRun{dir: t.TempDir(), secrets: []string{key, tok, buser, bpass, basic, "b3BlbnNzaC1rZXktdjEAAAA"}}

	var log strings.Builder
	n := 0
	stamp := func() string { n++; return fmt.Sprintf("2026-11-28 03:%02d:%02d,%03d", 21+n/60, n%60, n%1000) }
	fail := func(name, endpoint, msg string) {
		fmt.Fprintf(&log, "%s - INFO - Testing %s: %s\n", stamp(), name, endpoint)
		fmt.Fprintf(&log, "%s - ERROR - ❌ %s - HTTP 401: %s\n", stamp(), name, msg)
	}
	fmt.Fprintf(&log, "%s - INFO - Starting API tests - Log file: x\n", stamp())
	// What the run reveals first: credentials in a URL and a Basic header.
	fail("Create Trunk", "https://"+key+":"+tok+"@api.example.com/v2/accounts/AC1/trunks", "Unauthorized")
	fail("Get Trunk", "/trunks/TR1", "rejected Authorization: Basic "+basic)
	// The same credentials later, without a shape that tells them.
	fail("Map DID", "/trunks/TR1/phone-numbers", "Unexpected error: nonnumeric port: '"+tok+"@api.example.com'")
	fail("Map DID 2", "/trunks/TR2/phone-numbers", "connect to "+key+":"+tok+"@api.example.com failed")
	for i, form := range []string{tok, url.PathEscape(tok + "/"), hex.EncodeToString([]byte(tok)),
		base64.RawURLEncoding.EncodeToString([]byte(tok)), bpass, base64.RawStdEncoding.EncodeToString([]byte(bpass)), key} {
		fail(fmt.Sprintf("Form %d", i), fmt.Sprintf("/trunks/TRF%d", i), "bad credential "+form+" for the account")
		h.secrets = append(h.secrets, strings.TrimSuffix(form, "%2F"))
	}
	for i, sh := range secretShapes(r) {
		fail(fmt.Sprintf("Shape %d", i), fmt.Sprintf("/trunks/TRS%d", i), sh.text)
		h.secrets = append(h.secrets, sh.secret)
	}
	writeFile(t, h.dir, "api_test_hostile.log", log.String())

	var jl strings.Builder
	record := func(i int, errValue any) {
		b, _ := json.Marshal(map[string]any{"timestamp": fmt.Sprintf("2026-11-28T04:00:%02dZ", i%60), "method": "POST",
			"endpoint": fmt.Sprintf("/bodies/%d", i), "status": 500, "error": errValue})
		jl.Write(b)
		jl.WriteByte('\n')
	}
	for i, sh := range secretShapes(r) {
		record(i, map[string]any{"code": fmt.Sprintf("E_%d", i), "message": fmt.Sprintf("body %d failed", i), "detail": sh.text})
		h.secrets = append(h.secrets, sh.secret)
	}
	record(90, map[string]any{"message": "key leaked", "private_key": pem})
	codeSecret := "sk_live_" + hexs() + hexs()
	record(91, map[string]any{"code": "REJECTED_" + codeSecret, "message": "the API's code holds a key"})
	h.secrets = append(h.secrets, codeSecret)
	// A learned secret that crosses the 4 KiB cut of a body, at every
	// offset: a cut one has no shape that tells it.
	// The body is the error object as JSON: {"detail":" (11 bytes), the
	// pad, "bad credential " (15), the token: it crosses 4096 by k bytes.
	for k := 1; k < len(tok); k += 2 {
		pad := strings.Repeat("x", 4096-len(tok)+k-26-1) + " "
		record(100+k, map[string]any{"message": "big body " + strings.Repeat("z", k), "detail": pad + "bad credential " + tok + " for the account"})
	}
	h.secrets = append(h.secrets, tok[:7])
	writeFile(t, h.dir, "bodies.jsonl", jl.String())
	return h
}

// checkNoSecret fails when out shows a secret of h.
func (h hostileRun) checkNoSecret(t *testing.T, where, out string) {
	t.Helper()
	for _, s := range h.secrets {
		if strings.Contains(out, s) {
			i := strings.Index(out, s)
			t.Errorf("%s shows the secret %q: …%s…", where, s, out[max(0, i-80):min(len(out), i+len(s)+20)])
		}
	}
}

// TestNoLearnedSecretInAnyOutput runs every output of errpat on the
// hostile run: each report format, each CSV table, the events, a bug
// report of each pattern, and standard error.
func TestNoLearnedSecretInAnyOutput(t *testing.T) {
	t.Setenv("EXO_AUTH_KEY", "")
	t.Setenv("EXO_AUTH_TOKEN", "")
	h := writeHostileRun(t, 1)
	var patterns int
	for _, format := range report.FormatNames() {
		code, out, errOut := runCLI(t, "", "--tz", "UTC", "--top", "200", "--format", format, h.dir)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, errOut)
		}
		if !strings.Contains(out, "****") && !strings.Contains(out, `\*\*\*\*`) && format != "csv" {
			t.Errorf("%s: no mask shown: the input did not reach the output", format)
		}
		h.checkNoSecret(t, format, out)
		h.checkNoSecret(t, format+" standard error", errOut)
		if format == "json" {
			var rep struct {
				TopMessages []any `json:"top_messages"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			patterns = len(rep.TopMessages)
		}
	}
	for _, section := range report.CSVSections {
		_, out, errOut := runCLI(t, "", "--tz", "UTC", "--top", "200", "--format", "csv", "--section", section, h.dir)
		h.checkNoSecret(t, "csv "+section, out+errOut)
	}
	code, out, errOut := runCLI(t, "", "events", "--tz", "UTC", h.dir)
	if code != 0 || !strings.Contains(out, "****") {
		t.Errorf("events: exit %d, want 0 and masks: %s", code, errOut)
	}
	h.checkNoSecret(t, "events", out+errOut)
	if patterns < 35 {
		t.Fatalf("got %d patterns, want one per failure shape", patterns)
	}
	for p := 1; p <= patterns; p++ {
		_, out, errOut := runCLI(t, "", "bugreport", "--tz", "UTC", "--pattern", fmt.Sprint(p), h.dir)
		h.checkNoSecret(t, fmt.Sprintf("bug report %d", p), out+errOut)
	}
}

// TestNoSecretInMail sends the hostile run's report by mail and reads
// both parts, decoded, as the recipient would.
func TestNoSecretInMail(t *testing.T) {
	clearMailEnv(t)
	t.Setenv("EXO_AUTH_KEY", "")
	t.Setenv("EXO_AUTH_TOKEN", "")
	h := writeHostileRun(t, 2)
	s := smtptest.Start(t, smtptest.Config{NoTLS: true})
	code, _, errOut := runCLI(t, "", "--tz", "UTC", "--top", "200", "--mail-to", "qa@example.com", "--smtp-host", "127.0.0.1",
		"--smtp-port", s.Port, "--smtp-tls", "none", h.dir)
	msgs := s.Messages()
	if code != 0 || len(msgs) != 1 {
		t.Fatalf("got exit %d (%s), %d messages; want 0 and one", code, errOut, len(msgs))
	}
	p := smtptest.Read(t, msgs[0].Data)
	if !strings.Contains(p.Text, "****") || !strings.Contains(p.HTML, "****") {
		t.Errorf("the mail shows no mask: the input did not reach it")
	}
	h.checkNoSecret(t, "mail text part", p.Text)
	h.checkNoSecret(t, "mail HTML part", p.HTML)
	h.checkNoSecret(t, "mail as sent", string(msgs[0].Data))
	h.checkNoSecret(t, "standard error", errOut)
}
