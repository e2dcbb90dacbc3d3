package analyzer

import (
	"strings"

	"github.com/errpat/errpat/parsers"
)

// Class is a kind of failure that shares a cause and a fix.
type Class string

// The classes. Requests with no HTTP response are timeout, tls, dns or
// network; an HTTP failure is classed by its status, or by the API's own
// error code where the body has one.
const (
	ClassOK         Class = "ok"
	ClassAuth       Class = "auth"
	ClassPermission Class = "permission"
	ClassValidation Class = "validation"
	ClassConflict   Class = "conflict"
	ClassNotFound   Class = "not_found"
	ClassRateLimit  Class = "rate_limit"
	ClassServer     Class = "server"
	ClassClient     Class = "client"    // other 4xx
	ClassAssertion  Class = "assertion" // a test failed on a response that was not an HTTP error
	ClassTimeout    Class = "timeout"
	ClassTLS        Class = "tls"
	ClassDNS        Class = "dns"
	ClassNetwork    Class = "network"
	ClassUnknown    Class = "unknown" // the input gives no status
)

// Hints are one-line resolution hints per class.
var hints = map[Class]string{
	ClassAuth:       "Check EXO_AUTH_KEY / EXO_AUTH_TOKEN (spelling, no trailing spaces, not expired) and the account domain; retry one request with curl -u.",
	ClassPermission: "The account or key lacks this feature or scope: ask support to enable vSIP trunk management, or use a key with the right permissions.",
	ClassValidation: "Fix the payload: trunk_name 3-50 letters, digits or underscores; nso_code like ABC-XYZ; phone numbers in E.164; IPv4 with mask 0-32. Do not retry unchanged.",
	ClassConflict:   "The resource already exists: use unique names (add a timestamp) or look the resource up before creating it.",
	ClassNotFound:   "The id does not exist in this account: check TRUNK_SID and the account, and whether an earlier step that creates it failed.",
	ClassRateLimit:  "Too many requests: wait for Retry-After (with jitter) before retrying, and spread or queue requests below the per-minute limit.",
	ClassServer:     "Server-side failure: retry with exponential backoff; if it persists or clusters in time, report it with the request details.",
	ClassClient:     "The API rejected the request: read the error body and check method, path and headers.",
	ClassAssertion:  "A test assertion failed on a response that was not an HTTP error: check the test's expectations (status, latency, body).",
	ClassTimeout:    "No response in time: check connectivity to the API host, proxies and firewall, and raise the client timeout for slow endpoints.",
	ClassTLS:        "TLS handshake failed: update CA certificates (ca-certificates) and check the system clock; never disable verification in production.",
	ClassDNS:        "The API host name did not resolve: check EXO_SUBSCRIBIX_DOMAIN and the resolver (nslookup the domain).",
	ClassNetwork:    "No connection to the API: check that the host and port are reachable (curl -I) and that the service is up.",
	ClassUnknown:    "The input does not give an HTTP status: read the test's failure message.",
}

// Hint returns the resolution hint of a class ("" for ok).
func Hint(c Class) string { return hints[c] }

// codeClasses maps the API's own error codes to classes.
var codeClasses = map[string]Class{
	"AUTH_FAILED":         ClassAuth,
	"UNAUTHORIZED":        ClassAuth,
	"INVALID_CREDENTIALS": ClassAuth,
	"FEATURE_NOT_ENABLED": ClassPermission,
	"FORBIDDEN":           ClassPermission,
	"ACCESS_DENIED":       ClassPermission,
	"VALIDATION_ERROR":    ClassValidation,
	"INVALID_REQUEST":     ClassValidation,
	"DUPLICATE_RESOURCE":  ClassConflict,
	"CONFLICT":            ClassConflict,
	"ALREADY_EXISTS":      ClassConflict,
	"RESOURCE_NOT_FOUND":  ClassNotFound,
	"NOT_FOUND":           ClassNotFound,
	"RATE_LIMITED":        ClassRateLimit,
	"RATE_LIMIT_EXCEEDED": ClassRateLimit,
	"TOO_MANY_REQUESTS":   ClassRateLimit,
	"SERVICE_UNAVAILABLE": ClassServer,
	"INTERNAL_ERROR":      ClassServer,
}

// Classify returns the class of a record.
func Classify(r *parsers.Record) Class {
	if !r.Failed {
		return ClassOK
	}
	if c, ok := codeClasses[strings.ToUpper(r.ErrorCode)]; ok {
		return c
	}
	switch s := r.Status; {
	case s == 0:
		return noResponseClass(r)
	case s < 0:
		return ClassUnknown
	case s == 401:
		return ClassAuth
	case s == 403:
		return ClassPermission
	case s == 400:
		return ClassValidation
	case s == 422:
		if isDuplicate(r.Message) {
			return ClassConflict
		}
		return ClassValidation
	case s == 409:
		return ClassConflict
	case s == 404:
		return ClassNotFound
	case s == 429:
		return ClassRateLimit
	case s >= 500:
		return ClassServer
	case s >= 400:
		return ClassClient
	}
	return ClassAssertion
}

func isDuplicate(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "already exist") || strings.Contains(m, "duplicate") || strings.Contains(m, "conflict")
}

// noResponseClass tells why no HTTP response arrived, from the client's
// error text (urllib, http.client, requests/urllib3, aiohttp, httpx,
// newman/Node) and, where the text is empty, from how long the client
// waited. DNS is asked first: its messages name no TLS or timeout, while
// aiohttp puts "ssl:default" in every connector message, DNS failures
// included; TLS comes after timeouts because a handshake that timed out
// is a timeout.
func noResponseClass(r *parsers.Record) Class {
	m := strings.ToLower(strings.TrimSpace(r.Message))
	if m == "" {
		// asyncio.TimeoutError's text is empty: the load tester writes
		// "" when its own ClientTimeout ran out.
		if r.HasSeconds && r.Seconds >= 1 {
			return ClassTimeout
		}
		return ClassNetwork
	}
	m = dropConnectorSSL(m)
	switch {
	case strings.HasPrefix(m, "missing credentials"), strings.Contains(m, "environment variables not set"):
		// test_all_apis.py's result for a test it never sent: a
		// credential or the domain was unset or empty.
		return ClassAuth
	case containsAny(m, dnsWords...):
		return ClassDNS
	case containsAny(m, timeoutWords...):
		return ClassTimeout
	case containsAny(m, tlsWords...):
		return ClassTLS
	}
	return ClassNetwork
}

var (
	dnsWords = []string{"name or service not known", "nodename nor servname", "getaddrinfo", "gaierror",
		"enotfound", "name resolution", "no such host", "errno -2]", "errno -3]", "errno -5]", "errno 11001]",
		"errno 11002]", "eai_again", "eai_noname", "no address associated with hostname", "failed to resolve",
		"could not resolve", "resolution failed", "nameresolutionerror",
		"unknownhostexception"} // Java: JMeter, Gatling
	timeoutWords = []string{"timed out", "timeout", "etimedout", "esockettimedout", "deadline exceeded"}
	tlsWords     = []string{"ssl", "certificate", "tls", "handshake", "cert_", "wrong version number",
		"unable to verify the first", "self signed", "self-signed", "eof occurred in violation of protocol",
		"x509", "hostname mismatch", "doesn't match"}
)

// dropConnectorSSL removes aiohttp's "ssl:default" / "ssl:True" /
// "ssl:False" / "ssl:None" / "ssl:<ssl.SSLContext …>" connector field,
// which says how the client would have spoken TLS, not that TLS failed.
func dropConnectorSSL(m string) string {
	const field = " ssl:"
	i := strings.Index(m, field)
	if i < 0 || !strings.Contains(m[:i], "cannot connect to host") {
		return m
	}
	end := i + len(field)
	if strings.HasPrefix(m[end:], "<") {
		if j := strings.IndexByte(m[end:], '>'); j >= 0 {
			end += j + 1
		}
	}
	for end < len(m) && m[end] != ' ' && m[end] != '[' {
		end++
	}
	return m[:i] + m[end:]
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
