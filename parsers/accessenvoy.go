package parsers

import (
	"io"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Envoy's and nginx's JSON access logs are formats their users write
// (json_format, log_format escape=json); the readers take the field
// names of the servers' own documentation, which Istio and most
// configurations keep.

// sniffEnvoy: response_code with one of Envoy's own fields.
func sniffEnvoy(text []byte) bool {
	obj, ok := firstJSONLine(text)
	if !ok || !obj.Get("response_code").Exists() {
		return false
	}
	for _, k := range []string{"response_flags", "response_code_details", "upstream_host", "upstream_cluster"} {
		if obj.Get(k).Exists() {
			return true
		}
	}
	return false
}

func parseEnvoy(r io.Reader, source string, opt Options, sink Sink) error {
	return parseJSONAccess(r, source, opt, sink, Record{Format: formatEnvoy}, envoyEntry)
}

// envoyEntry reads Envoy's entry: start_time, method, path,
// response_code (0 when no response was sent), duration in milliseconds,
// and response_code_details / response_flags for why it failed.
func envoyEntry(obj gjson.Result, loc *time.Location, r *Record) bool {
	var status gjson.Result
	var details, flags string
	obj.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "start_time":
			r.Time = epochTime(v, loc)
		case "method":
			r.Method = strings.ToUpper(v.String())
		case "path":
			r.Endpoint = v.String()
		case "response_code":
			status = v
		case "duration":
			if ms, ok := numberValue(v); ok {
				r.Seconds, r.HasSeconds = ms/1000, true
			}
		case "response_code_details":
			details = v.String()
		case "response_flags":
			flags = v.String()
		}
		return true
	})
	if !status.Exists() || r.Method == "" && r.Endpoint == "" {
		return false
	}
	r.Status = statusValue(status)
	if r.Status >= 400 || r.Status <= 0 {
		r.Message = envoyReason(details, flags)
	}
	verdict(r)
	return true
}

// envoyReason says why Envoy failed a request: the response code
// details, else the response flags in words.
func envoyReason(details, flags string) string {
	if details != "" && details != "-" && details != "via_upstream" {
		return details
	}
	if flags == "" || flags == "-" {
		return ""
	}
	var words []string
	for _, f := range strings.Split(flags, ",") {
		if w, ok := envoyFlags[f]; ok {
			words = append(words, w)
		} else {
			words = append(words, f)
		}
	}
	return strings.Join(words, ", ")
}

// envoyFlags are Envoy's response flags, in its documentation's words.
var envoyFlags = map[string]string{
	"UH":    "no healthy upstream",
	"UF":    "upstream connection failure",
	"UO":    "upstream overflow (circuit breaking)",
	"NR":    "no route configured",
	"URX":   "upstream retry limit exceeded",
	"NC":    "upstream cluster not found",
	"DT":    "request or connection exceeded max duration",
	"DC":    "downstream connection termination",
	"LH":    "local service failed health check",
	"UT":    "upstream request timeout",
	"LR":    "connection local reset",
	"UR":    "upstream remote reset",
	"UC":    "upstream connection termination",
	"DI":    "delayed via fault injection",
	"FI":    "aborted via fault injection",
	"RL":    "rate limited locally",
	"UAEX":  "unauthorized external service",
	"RLSE":  "rate limit service error",
	"SI":    "stream idle timeout",
	"DPE":   "downstream protocol error",
	"UPE":   "upstream protocol error",
	"UMSDR": "upstream max stream duration reached",
	"OM":    "overload manager terminated",
}

// sniffNginxJSON: a status beside one of nginx's variable names.
func sniffNginxJSON(text []byte) bool {
	obj, ok := firstJSONLine(text)
	if !ok || !obj.Get("status").Exists() {
		return false
	}
	for _, k := range []string{"request_time", "time_iso8601", "time_local", "request_uri", "body_bytes_sent", "upstream_response_time", "request_method"} {
		if obj.Get(k).Exists() {
			return true
		}
	}
	return false
}

func parseNginxJSON(r io.Reader, source string, opt Options, sink Sink) error {
	return parseJSONAccess(r, source, opt, sink, Record{Format: formatNginxJSON}, nginxEntry)
}

// nginxEntry reads an escape=json entry by nginx's variable names, which
// write every value as a string: time_iso8601, time_local or msec;
// request_method and request_uri (or uri), else the request line; status;
// request_time in seconds, else upstream_response_time.
func nginxEntry(obj gjson.Result, loc *time.Location, r *Record) bool {
	var status, upstream, line gjson.Result
	var z zoneCache
	obj.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "time_iso8601", "msec", "@timestamp", "timestamp", "time":
			if r.Time.IsZero() {
				r.Time = epochTime(v, loc)
			}
		case "time_local":
			if t, ok := parseCLFTime([]byte(v.String()), &z); ok && r.Time.IsZero() {
				r.Time = t
			}
		case "request_method", "method":
			r.Method = strings.ToUpper(v.String())
		case "request_uri":
			r.Endpoint = v.String()
		case "uri", "path":
			if r.Endpoint == "" {
				r.Endpoint = v.String()
			}
		case "request":
			line = v
		case "status":
			status = v
		case "request_time":
			r.Seconds, r.HasSeconds = numberValue(v)
		case "upstream_response_time":
			upstream = v
		}
		return true
	})
	if r.Endpoint == "" && line.Exists() {
		m, t, ok := parseRequestLine([]byte(line.String()))
		if !ok {
			return false
		}
		r.Method, r.Endpoint = string(m), string(t)
	}
	if !r.HasSeconds && upstream.Exists() {
		r.Seconds, r.HasSeconds = sumTimes([]byte(upstream.String()))
	}
	if !status.Exists() || r.Endpoint == "" {
		return false
	}
	r.Status = statusValue(status)
	verdict(r)
	return true
}

var envoyFormat = &Format{
	Name:       formatEnvoy,
	Doc:        `Envoy and Istio JSON access logs: {"start_time":"…","method":"GET","path":"/v2/trunks","response_code":503,"response_flags":"UF","duration":1002}`,
	Side:       SideServer,
	Sniff:      sniffEnvoy,
	Parse:      parseEnvoy,
	Next:       nextLine,
	Concurrent: true,
}

var nginxJSONFormat = &Format{
	Name:       formatNginxJSON,
	Doc:        `nginx JSON access logs (log_format escape=json): {"time_iso8601":"…","request_method":"GET","request_uri":"/v2/trunks","status":"200","request_time":"0.004"}`,
	Side:       SideServer,
	Sniff:      sniffNginxJSON,
	Parse:      parseNginxJSON,
	Next:       nextLine,
	Concurrent: true,
}
