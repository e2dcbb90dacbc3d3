package parsers

import (
	"bytes"
	"io"
	"time"
)

// Envoy's default text access log, which Istio extends with the response
// code details and more fields:
//
//	[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%"
//	%RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% …
//
// Istio puts %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
// "%UPSTREAM_TRANSPORT_FAILURE_REASON%" between the flags and the bytes;
// the duration is the third of the three numbers that follow.

// formatEnvoyText names the Envoy text access log reader.
const formatEnvoyText = "envoy-text"

// envoyLine holds the parts of an Envoy text line.
type envoyLine struct {
	start   time.Time
	request []byte
	code    []byte
	rest    []byte // after the code
}

func splitEnvoy(line []byte) (envoyLine, bool) {
	var l envoyLine
	end := bytes.IndexByte(line, ']')
	if len(line) < 2 || line[0] != '[' || end < 20 || end+2 >= len(line) || line[end+1] != ' ' || line[end+2] != '"' {
		return l, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(line[1:end]))
	if err != nil {
		return l, false
	}
	q := quoteEnd(line, end+2)
	if q < 0 || q+1 >= len(line) || line[q+1] != ' ' {
		return l, false
	}
	l.start, l.request = t, line[end+3:q]
	l.code, l.rest = cutField(line[q+2:])
	if _, ok := digits(l.code); !ok || len(l.code) == 0 || len(l.code) > 3 {
		return l, false
	}
	return l, true
}

// envoyRead fills r from a line, or returns why it holds no request.
func envoyRead(line []byte, r *Record) string {
	l, ok := splitEnvoy(line)
	if !ok {
		return "not an Envoy access log line (want [start time] \"request\" code flags …)"
	}
	method, target, ok := parseRequestLine(l.request)
	if !ok {
		return "Envoy access log line without an HTTP request: \"" + shorten(l.request, 40) + "\""
	}
	r.Time, r.Method, r.Endpoint = l.start, string(method), string(target)
	r.Status, _ = digits(l.code)
	flags, rest := cutField(l.rest)
	var details []byte
	var nums []float64
	for len(rest) > 0 && len(nums) < 3 {
		var tok []byte
		tok, rest = nextToken(rest)
		if v, ok := plainNumber(tok); ok && bytes.IndexByte(tok, '.') < 0 {
			nums = append(nums, v)
			continue
		}
		if len(nums) > 0 {
			nums = nums[:0] // not three numbers in a row
		}
		if details == nil && len(tok) > 0 && tok[0] != '"' {
			details = tok // Istio's %RESPONSE_CODE_DETAILS%
		}
	}
	if len(nums) == 3 {
		r.Seconds, r.HasSeconds = nums[2]/1000, true
	}
	if r.Status >= 400 || r.Status == 0 {
		r.Message = envoyReason(string(details), string(flags))
	}
	verdict(r)
	return ""
}

// parseEnvoyText streams Envoy's text access log, one record per line.
func parseEnvoyText(r io.Reader, source string, opt Options, sink Sink) error {
	return eachLineRecord(r, source, formatEnvoyText, opt, sink, envoyRead)
}

// sniffEnvoyText looks for two Envoy lines among the first ones, and
// most of those looked at.
func sniffEnvoyText(text []byte) bool {
	return mostLinesAre(text, func(line []byte) bool {
		_, ok := splitEnvoy(line)
		return ok
	})
}

var envoyTextFormat = &Format{
	Name:       formatEnvoyText,
	Doc:        `Envoy's and Istio's default text access logs: [2026-11-28T09:00:00.310Z] "GET /v2/trunks HTTP/1.1" 503 UF 0 91 1002 - …`,
	Side:       SideServer,
	Sniff:      sniffEnvoyText,
	Parse:      parseEnvoyText,
	Next:       nextLine,
	Concurrent: true,
}
