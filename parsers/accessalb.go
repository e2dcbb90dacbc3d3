package parsers

import (
	"bytes"
	"io"
	"time"
)

// AWS load balancer access logs: space-separated fields in AWS's
// documented order, quoted where they may hold spaces.
//
//	type time elb client:port target:port request_processing_time
//	target_processing_time response_processing_time elb_status_code
//	target_status_code received_bytes sent_bytes "request" "user_agent"
//	ssl_cipher ssl_protocol target_group_arn "trace_id" "domain_name"
//	"chosen_cert_arn" matched_rule_priority request_creation_time
//	"actions_executed" "redirect_url" "error_reason" …
//
// A Classic Load Balancer writes the same fields up to ssl_protocol,
// without the leading type. AWS adds fields at the end over time, so
// only the first ones are read.

// formatALB names the AWS load balancer access log reader.
const formatALB = "alb"

// albTypes are the first fields of an Application Load Balancer entry.
var albTypes = map[string]bool{"http": true, "https": true, "h2": true, "grpcs": true, "ws": true, "wss": true}

// albFields splits an entry into its first n fields, with the type
// field first ("" for a Classic Load Balancer); ok is false when the
// line is not an entry.
func albFields(line []byte, out *[25][]byte) (n int, ok bool) {
	rest := line
	for n < len(out) && len(rest) > 0 {
		out[n], rest = nextToken(rest)
		if n == 0 && !albTypes[string(out[0])] {
			if t := out[0]; len(t) < 20 || t[10] != 'T' {
				return 0, false // no RFC 3339 time: not a Classic entry either
			}
			if _, err := time.Parse(time.RFC3339Nano, string(out[0])); err != nil {
				return 0, false
			}
			out[1], out[0] = out[0], nil // Classic: no type
			n++
		}
		n++
	}
	if n < 14 {
		return n, false
	}
	_, err := time.Parse(time.RFC3339Nano, string(out[1]))
	return n, err == nil && len(out[12]) >= 2 && out[12][0] == '"'
}

// albRead fills r from an entry, or returns why it holds no request.
func albRead(line []byte, r *Record) string {
	var f [25][]byte
	n, ok := albFields(line, &f)
	if !ok {
		return "not a load balancer access log entry (want type time elb client target times statuses bytes \"request\" …)"
	}
	r.Time, _ = time.Parse(time.RFC3339Nano, string(f[1]))
	req := bytes.Trim(f[12], `"`)
	method, target, ok := parseRequestLine(req)
	if !ok {
		return "load balancer entry without an HTTP request: \"" + shorten(req, 40) + "\" (status " + string(f[8]) + ")"
	}
	r.Method, r.Endpoint = string(method), string(target)
	r.Status, _ = digits(f[8])
	if len(f[8]) != 3 {
		r.Status = 0 // "-": no response was sent
	}
	r.Seconds, r.HasSeconds = albSeconds(f[5], f[6], f[7])
	if n > 24 && (r.Status >= 400 || r.Status == 0) {
		if reason := bytes.Trim(f[24], `"`); len(reason) > 0 && string(reason) != "-" {
			r.Message = string(reason)
		}
	}
	verdict(r)
	return ""
}

// albSeconds adds the three processing times; -1 in any means the
// request never reached a target or its response never came back.
func albSeconds(times ...[]byte) (float64, bool) {
	var sum float64
	for _, t := range times {
		v, ok := plainNumber(t)
		if !ok {
			return 0, false
		}
		sum += v
	}
	return sum, true
}

// parseALB streams an AWS load balancer access log, one record per
// request; malformed requests ("- http://host:80- -") and other lines are
// counted problems.
func parseALB(r io.Reader, source string, opt Options, sink Sink) error {
	return eachLineRecord(r, source, formatALB, opt, sink, albRead)
}

// sniffALB looks for two load balancer entries among the first lines,
// and most of those looked at.
func sniffALB(text []byte) bool {
	var f [25][]byte
	return mostLinesAre(text, func(line []byte) bool {
		_, ok := albFields(line, &f)
		return ok
	})
}

var albFormat = &Format{
	Name:       formatALB,
	Doc:        `AWS Application and Classic Load Balancer access logs: https 2026-11-28T06:00:00.186641Z app/lb/… 0.000 0.012 0.000 200 200 34 366 "GET https://…/v2/trunks HTTP/1.1" …`,
	Side:       SideServer,
	Sniff:      sniffALB,
	Parse:      parseALB,
	Next:       nextLine,
	Concurrent: true,
}
