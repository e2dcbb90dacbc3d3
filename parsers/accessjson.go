package parsers

import (
	"bytes"
	"io"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// JSON access logs: one JSON object per request per line, each server or
// load balancer with its own field names. The line loop is shared; each
// format has an entry reader that walks the object once, and a sniffer
// that looks for the format's own keys on the first line.

// The JSON access log formats.
const (
	formatCaddy      = "caddy"      // Caddy's http.log.access logger
	formatTraefikJS  = "traefik"    // Traefik's access log, format json
	formatEnvoy      = "envoy"      // Envoy / Istio json_format access logs
	formatNginxJSON  = "nginx-json" // nginx log_format escape=json
	formatGCP        = "gcp-lb"     // Google Cloud load balancer request logs
	formatCloudflare = "cloudflare" // Cloudflare Logpush http_requests
)

// entryReader fills r from one access log object; false when the object
// is not a request entry of its format.
type entryReader func(obj gjson.Result, loc *time.Location, r *Record) bool

// parseJSONAccess streams a JSON access log: every line a JSON object
// that read turns into a record (of format's Format); other lines are
// counted problems.
func parseJSONAccess(r io.Reader, source string, opt Options, sink Sink, format Record, read entryReader) error {
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	problem := lineProblem(sink, source)
	return eachJSONLine(r, source, opt, problem, func(line []byte, n int) {
		s := string(line)
		if !validJSON(s) || s[0] != '{' {
			problem(n, "invalid JSON line")
			return
		}
		rec := Record{Source: source, Line: n, Format: format.Format}
		if !read(gjson.Parse(s), loc, &rec) {
			problem(n, "JSON line is not a "+string(format.Format)+" access log entry (no request method, path or status)")
			return
		}
		if sink.Record != nil {
			sink.Record(&rec)
		}
	})
}

// verdict sets Failed from the status: a 4xx or 5xx, or no response.
func verdict(r *Record) {
	r.Failed = r.Status >= 400 || r.Status <= 0
	if r.Status <= 0 && r.Message == "" {
		r.Message = "no response (status 0)"
	}
}

// firstJSONLine returns the first line of text as a JSON object, if it
// is one.
func firstJSONLine(text []byte) (gjson.Result, bool) {
	line, _, _ := bytes.Cut(text, []byte{'\n'})
	s := string(bytes.TrimSpace(line))
	if len(s) == 0 || s[0] != '{' || !validJSON(s) {
		return gjson.Result{}, false
	}
	return gjson.Parse(s), true
}

// epochTime reads a time that may be a Unix epoch in seconds,
// milliseconds, microseconds or nanoseconds (told apart by size), a
// string of such digits, or RFC 3339 text.
func epochTime(v gjson.Result, loc *time.Location) time.Time {
	var f float64
	switch {
	case v.Type == gjson.Number && !strings.ContainsAny(v.Raw, ".eE"):
		f = float64(v.Int())
		if f > 1e17 {
			return time.Unix(0, v.Int()).UTC() // nanoseconds: kept exact
		}
	case v.Type == gjson.Number:
		f = v.Num
	case v.Type == gjson.String && v.Str != "":
		n, ok := plainNumber([]byte(v.Str))
		if !ok {
			return parseTime(v.Str, loc)
		}
		f = n
	default:
		return time.Time{}
	}
	switch {
	case f > 1e17:
		return time.Unix(0, int64(f)).UTC()
	case f > 1e14:
		return time.UnixMicro(int64(f)).UTC()
	case f > 1e11:
		return time.UnixMilli(int64(f)).UTC()
	case f > 0:
		sec := int64(f)
		return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC()
	}
	return time.Time{}
}

// numberValue reads a number written as a JSON number or a string.
func numberValue(v gjson.Result) (float64, bool) {
	switch v.Type {
	case gjson.Number:
		return v.Num, v.Num >= 0
	case gjson.String:
		return plainNumber([]byte(strings.TrimSpace(v.Str)))
	}
	return 0, false
}

// sniffCaddy: {"level":"info","logger":"http.log.access…","request":{…},"status":…}.
func sniffCaddy(text []byte) bool {
	obj, ok := firstJSONLine(text)
	return ok && strings.HasPrefix(obj.Get("logger").Str, "http.log.access") &&
		obj.Get("request").IsObject() && obj.Get("status").Exists()
}

func parseCaddy(r io.Reader, source string, opt Options, sink Sink) error {
	return parseJSONAccess(r, source, opt, sink, Record{Format: formatCaddy}, caddyEntry)
}

// caddyEntry reads Caddy's entry: ts (by default Unix seconds as a
// float), duration (by default seconds as a float; "nano" makes it whole
// nanoseconds, "string" a Go duration) and request.method / request.uri.
func caddyEntry(obj gjson.Result, loc *time.Location, r *Record) bool {
	var status, req gjson.Result
	obj.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "ts":
			r.Time = epochTime(v, loc)
		case "status":
			status = v
		case "duration":
			r.Seconds, r.HasSeconds = caddyDuration(v)
		case "request":
			req = v
		}
		return true
	})
	if !req.IsObject() || status.Type != gjson.Number {
		return false
	}
	req.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "method":
			r.Method = strings.ToUpper(v.String())
		case "uri":
			r.Endpoint = v.String()
		}
		return true
	})
	r.Status = int(status.Int())
	verdict(r)
	return r.Method != "" || r.Endpoint != ""
}

func caddyDuration(v gjson.Result) (float64, bool) {
	switch {
	case v.Type == gjson.String:
		d, err := time.ParseDuration(v.Str)
		return d.Seconds(), err == nil
	case v.Type != gjson.Number || v.Num < 0:
		return 0, false
	case !strings.ContainsAny(v.Raw, ".eE") && v.Num >= 1e4:
		return v.Num / 1e9, true // duration_format nano
	}
	return v.Num, true
}

// sniffTraefikJSON: Traefik's own field names, DownstreamStatus and
// RequestMethod.
func sniffTraefikJSON(text []byte) bool {
	obj, ok := firstJSONLine(text)
	return ok && obj.Get("DownstreamStatus").Exists() && obj.Get("RequestMethod").Exists()
}

func parseTraefikJSON(r io.Reader, source string, opt Options, sink Sink) error {
	return parseJSONAccess(r, source, opt, sink, Record{Format: formatTraefikJS}, traefikEntry)
}

// traefikEntry reads Traefik's entry; Duration is in nanoseconds.
func traefikEntry(obj gjson.Result, loc *time.Location, r *Record) bool {
	var status, start, local gjson.Result
	obj.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "StartUTC":
			start = v
		case "StartLocal":
			local = v
		case "RequestMethod":
			r.Method = strings.ToUpper(v.String())
		case "RequestPath":
			r.Endpoint = v.String()
		case "DownstreamStatus":
			status = v
		case "Duration":
			if ns, ok := numberValue(v); ok {
				r.Seconds, r.HasSeconds = ns/1e9, true
			}
		}
		return true
	})
	if !start.Exists() {
		start = local
	}
	r.Time = epochTime(start, loc)
	if status.Type != gjson.Number || r.Method == "" && r.Endpoint == "" {
		return false
	}
	r.Status = int(status.Int())
	verdict(r)
	return true
}

var caddyFormat = &Format{
	Name:       formatCaddy,
	Doc:        `Caddy's JSON access log: {"logger":"http.log.access","request":{"method":"GET","uri":"/v2/trunks"},"duration":0.0045,"status":200}`,
	Side:       SideServer,
	Sniff:      sniffCaddy,
	Parse:      parseCaddy,
	Next:       nextLine,
	Concurrent: true,
}

var traefikJSONFormat = &Format{
	Name:       formatTraefikJS,
	Doc:        `Traefik's JSON access log: {"DownstreamStatus":200,"Duration":3456789,"RequestMethod":"GET","RequestPath":"/v2/trunks","StartUTC":"…"}`,
	Side:       SideServer,
	Sniff:      sniffTraefikJSON,
	Parse:      parseTraefikJSON,
	Next:       nextLine,
	Concurrent: true,
}
