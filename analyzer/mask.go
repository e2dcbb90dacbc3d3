package analyzer

import (
	"encoding/base64"
	"net/url"
	"regexp"
	"strings"

	"github.com/errpat/errpat/parsers"
)

// Masker hides credentials in text: Authorization header values, bearer
// and basic credentials, the user and password of URLs, secret-looking
// query parameters and JSON fields, and the values of known secrets (the
// API key and token from the environment) in plain, base64 and URL-encoded
// form.
type Masker struct {
	literals []string
}

// Masked replaces a secret in every output.
const Masked = "****"

// NewMasker returns a masker that also hides the given secret values
// (empty ones are ignored).
func NewMasker(secrets ...string) *Masker {
	m := &Masker{}
	var key, token string
	if len(secrets) >= 2 {
		key, token = secrets[0], secrets[1]
	}
	for _, s := range secrets {
		m.add(s)
	}
	if key != "" && token != "" {
		m.add(base64.StdEncoding.EncodeToString([]byte(key + ":" + token)))
		m.add(key + ":" + token)
	}
	return m
}

func (m *Masker) add(s string) {
	if len(s) < 4 {
		return // too short to hide without hiding everything else
	}
	m.literals = append(m.literals, s)
	if e := url.QueryEscape(s); e != s {
		m.literals = append(m.literals, e)
	}
	m.literals = append(m.literals, base64.StdEncoding.EncodeToString([]byte(s)))
}

var (
	reAuthHeader = regexp.MustCompile(`(?i)((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?:(basic|bearer|token|digest|apikey)\s+)?[^\s"',;}]+`)
	reAuthPair   = regexp.MustCompile(`(?i)("key"\s*:\s*"(?:proxy-)?authorization"\s*,\s*"value"\s*:\s*")[^"]*`)
	reScheme     = regexp.MustCompile(`(?i)\b(basic|bearer)\s+[A-Za-z0-9._~+/=-]{8,}`)
	reUserinfo   = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s:@"']+:[^/\s@"']*@`)
	reQuery      = regexp.MustCompile(`(?i)([?&;](?:api[_-]?key|apikey|key|token|access[_-]?token|auth[_-]?token|auth|password|passwd|pwd|secret|client[_-]?secret|signature|sig)=)[^&\s"'#]+`)
	reJSONField  = regexp.MustCompile(`(?i)("(?:[a-z0-9_-]*(?:password|passwd|secret|token|api[_-]?key|apikey|auth[_-]?key|credentials?|private[_-]?key))"\s*:\s*)("(?:[^"\\]|\\.)*"|[^\s,}\]]+)`)
	reKVField    = regexp.MustCompile(`(?i)\b((?:[a-z0-9_]*(?:password|passwd|secret|auth_token|access_token|api_key|apikey|auth_key))\s*[=:]\s*)([^\s,;&"'}]+)`)
)

// Mask returns s with every credential it finds replaced by Masked.
func (m *Masker) Mask(s string) string {
	if m == nil || s == "" {
		return s
	}
	for _, lit := range m.literals {
		if strings.Contains(s, lit) {
			s = strings.ReplaceAll(s, lit, Masked)
		}
	}
	l := strings.ToLower(s)
	if strings.Contains(l, "authorization") {
		s = reAuthPair.ReplaceAllString(s, "${1}"+Masked)
		s = reAuthHeader.ReplaceAllString(s, "${1}${2} "+Masked)
	}
	if strings.Contains(l, "basic ") || strings.Contains(l, "bearer ") {
		s = reScheme.ReplaceAllString(s, "${1} "+Masked)
	}
	if strings.Contains(s, "://") && strings.Contains(s, "@") {
		s = reUserinfo.ReplaceAllString(s, "${1}"+Masked+":"+Masked+"@")
	}
	if !strings.ContainsAny(s, "=:") || !containsAny(l, "key", "token", "pass", "pwd", "secret", "sig", "auth", "credential") {
		return s
	}
	if strings.Contains(s, "=") {
		s = reQuery.ReplaceAllString(s, "${1}"+Masked)
	}
	if strings.Contains(s, `"`) {
		s = reJSONField.ReplaceAllString(s, `${1}"`+Masked+`"`)
	}
	return reKVField.ReplaceAllString(s, "${1}"+Masked)
}

// AddDiscoveryProblems counts the problems met while finding inputs
// (missing paths, broken links, loops) as skipped inputs.
func (r *Result) AddDiscoveryProblems(ps []parsers.Problem) {
	r.ProblemCount += len(ps)
	r.SkippedFiles += len(ps)
	r.Files += len(ps)
	r.Problems = append(append([]parsers.Problem{}, ps...), r.Problems...)
}
