package parsers

import (
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Field aliases used by JSON-lines files and structured log records; the
// first present wins.
var (
	timeKeys     = []string{"timestamp", "time", "ts", "@timestamp", "datetime", "date", "start_time", "started_at"}
	endpointKeys = []string{"endpoint", "path", "url", "uri", "request.url", "request.path", "route"}
	methodKeys   = []string{"method", "http_method", "verb", "request.method"}
	statusKeys   = []string{"status_code", "statusCode", "status", "http_status", "code", "response.status", "response.status_code"}
	secondKeys   = []string{"response_time", "elapsed", "duration", "latency", "response_time_s", "duration_s"}
	msKeys       = []string{"duration_ms", "responseTime", "response_time_ms", "latency_ms", "elapsed_ms", "durationMs", "time_ms"}
	successKeys  = []string{"success", "ok", "passed"}
	messageKeys  = []string{"error_message", "error_details", "error", "message", "errorMessage", "detail"}
	testKeys     = []string{"test_name", "test", "name", "testName"}
)

func first(obj gjson.Result, keys []string) gjson.Result {
	for _, k := range keys {
		if v := obj.Get(escapeKey(k)); v.Exists() && v.Type != gjson.Null {
			return v
		}
	}
	return gjson.Result{}
}

// escapeKey keeps "@timestamp" a key rather than a gjson modifier.
func escapeKey(k string) string {
	if strings.HasPrefix(k, "@") {
		return `\` + k
	}
	return k
}

// objectRecord reads one request object with the usual field aliases.
// ok is false when the object names neither an endpoint nor a status.
func objectRecord(obj gjson.Result, loc *time.Location, r *Record) bool {
	ep, st := first(obj, endpointKeys), first(obj, statusKeys)
	if !ep.Exists() && !st.Exists() {
		return false
	}
	r.Endpoint = ep.String()
	r.Method = strings.ToUpper(first(obj, methodKeys).String())
	r.Test = first(obj, testKeys).String()
	r.Status = statusValue(st)
	r.Time = timeValue(first(obj, timeKeys), loc)
	if v := first(obj, secondKeys); v.Type == gjson.Number {
		r.Seconds, r.HasSeconds = v.Float(), true
	} else if v := first(obj, msKeys); v.Type == gjson.Number {
		r.Seconds, r.HasSeconds = v.Float()/1000, true
	}
	msg := first(obj, messageKeys)
	if succ := first(obj, successKeys); succ.Exists() {
		r.Failed = !succ.Bool()
	} else {
		r.Failed = r.Status >= 400 || (r.Status == 0 && msg.Exists())
	}
	if r.Failed {
		applyError(r, msg)
	}
	return true
}

// statusValue reads a status that may be a number or a numeric string;
// anything else (absent, "ok") is 0: no HTTP response.
func statusValue(v gjson.Result) int {
	switch v.Type {
	case gjson.Number:
		return int(v.Int())
	case gjson.String:
		n, _ := leadingInt(v.Str)
		return n
	}
	return 0
}

// timeValue reads RFC 3339 or naive ISO times (naive ones in loc) and Unix
// epoch numbers in seconds or milliseconds.
func timeValue(v gjson.Result, loc *time.Location) time.Time {
	switch v.Type {
	case gjson.String:
		return parseTime(v.Str, loc)
	case gjson.Number:
		f := v.Float()
		if f > 1e11 {
			return time.UnixMilli(int64(f)).UTC()
		}
		if f > 0 {
			return time.Unix(int64(f), int64((f-float64(int64(f)))*1e9)).UTC()
		}
	}
	return time.Time{}
}

// parseTime reads the timestamp forms the clients write.
func parseTime(s string, loc *time.Location) time.Time {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999Z0700", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	if t, _, ok := parseLogTime([]byte(s), loc); ok {
		return t
	}
	return time.Time{}
}

// applyError fills Message, ErrorCode and RetryAfter from an error value
// that may be text, a JSON object, or a JSON object encoded as a string.
func applyError(r *Record, v gjson.Result) {
	switch {
	case v.IsObject():
		applyBody(r, v.Raw)
	case v.Type == gjson.String:
		applyBody(r, v.Str)
	}
}

// applyBody reads a response body: a JSON body gives the API's message,
// error code and retry hint; other text is the message itself.
func applyBody(r *Record, body string) {
	if len(body) > maxBody {
		body = body[:maxBody]
	}
	if r.Response == "" {
		r.Response = body
	}
	trimmed := strings.TrimSpace(body)
	if !strings.HasPrefix(trimmed, "{") {
		if r.Message == "" {
			r.Message = firstLine(trimmed)
		}
		return
	}
	obj := gjson.Parse(trimmed)
	if code := obj.Get("code"); code.Type == gjson.String {
		r.ErrorCode = code.Str
	} else if code := obj.Get("error_code"); code.Type == gjson.String {
		r.ErrorCode = code.Str
	}
	if ra := obj.Get("retry_after"); ra.Exists() {
		r.RetryAfter = ra.Float()
	}
	if !r.Failed {
		return
	}
	for _, k := range []string{"message", "error.message", "detail", "error"} {
		if m := obj.Get(k); m.Type == gjson.String && m.Str != "" {
			r.Message = m.Str
			return
		}
	}
}

// maxBody bounds the bytes of a body kept on a record.
const maxBody = 4 << 10

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}
