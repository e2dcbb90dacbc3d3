package parsers

import (
	"io"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// The request logs of cloud load balancers and CDNs, as their log
// exports write them: one JSON object per line.

// sniffGCP: a Cloud Logging entry with an httpRequest.
func sniffGCP(text []byte) bool {
	obj, ok := firstJSONLine(text)
	return ok && obj.Get("httpRequest").IsObject() &&
		(obj.Get("httpRequest.requestUrl").Exists() || obj.Get("httpRequest.requestMethod").Exists())
}

func parseGCP(r io.Reader, source string, opt Options, sink Sink) error {
	return parseJSONAccess(r, source, opt, sink, Record{Format: formatGCP}, gcpEntry)
}

// gcpEntry reads a LogEntry: timestamp, and httpRequest's requestMethod,
// requestUrl, status (absent when no response was sent) and latency (a
// protobuf Duration: "0.123s"); jsonPayload.statusDetails says why a
// request failed ("failed_to_connect_to_backend").
func gcpEntry(obj gjson.Result, loc *time.Location, r *Record) bool {
	var req, payload gjson.Result
	obj.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "timestamp":
			r.Time = epochTime(v, loc)
		case "httpRequest":
			req = v
		case "jsonPayload":
			payload = v
		}
		return true
	})
	if !req.IsObject() {
		return false
	}
	req.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "requestMethod":
			r.Method = strings.ToUpper(v.String())
		case "requestUrl":
			r.Endpoint = v.String()
		case "status":
			r.Status = statusValue(v)
		case "latency":
			r.Seconds, r.HasSeconds = protoDuration(v)
		}
		return true
	})
	if r.Method == "" && r.Endpoint == "" {
		return false
	}
	if r.Status >= 400 || r.Status <= 0 {
		if d := payload.Get("statusDetails").String(); d != "" && d != "response_sent_by_backend" {
			r.Message = d
		}
	}
	verdict(r)
	return true
}

// protoDuration reads a protobuf Duration as JSON writes it, "1.5s", or
// as an object {"seconds": 1, "nanos": 500000000}.
func protoDuration(v gjson.Result) (float64, bool) {
	if v.IsObject() {
		s, n := v.Get("seconds"), v.Get("nanos")
		if !s.Exists() && !n.Exists() {
			return 0, false
		}
		return s.Float() + n.Float()/1e9, true
	}
	if v.Type != gjson.String {
		return 0, false
	}
	d, err := time.ParseDuration(v.Str)
	return d.Seconds(), err == nil && d >= 0
}

// sniffCloudflare: Logpush http_requests fields.
func sniffCloudflare(text []byte) bool {
	obj, ok := firstJSONLine(text)
	return ok && obj.Get("ClientRequestURI").Exists() &&
		(obj.Get("EdgeResponseStatus").Exists() || obj.Get("EdgeStartTimestamp").Exists())
}

func parseCloudflare(r io.Reader, source string, opt Options, sink Sink) error {
	return parseJSONAccess(r, source, opt, sink, Record{Format: formatCloudflare}, cloudflareEntry)
}

// cloudflareEntry reads a Logpush entry: EdgeStartTimestamp and
// EdgeEndTimestamp (Unix nanoseconds by default; RFC 3339 or Unix seconds
// by the job's timestamp_format), whose difference is the time the edge
// took; ClientRequestMethod, ClientRequestURI, EdgeResponseStatus.
func cloudflareEntry(obj gjson.Result, loc *time.Location, r *Record) bool {
	var status gjson.Result
	var end time.Time
	obj.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "EdgeStartTimestamp":
			r.Time = epochTime(v, loc)
		case "EdgeEndTimestamp":
			end = epochTime(v, loc)
		case "ClientRequestMethod":
			r.Method = strings.ToUpper(v.String())
		case "ClientRequestURI":
			r.Endpoint = v.String()
		case "EdgeResponseStatus":
			status = v
		}
		return true
	})
	if !status.Exists() || r.Method == "" && r.Endpoint == "" {
		return false
	}
	if !r.Time.IsZero() && !end.IsZero() && !end.Before(r.Time) {
		r.Seconds, r.HasSeconds = end.Sub(r.Time).Seconds(), true
	}
	r.Status = statusValue(status)
	verdict(r)
	return true
}

var gcpFormat = &Format{
	Name:       formatGCP,
	Doc:        `Google Cloud load balancer and Cloud Run request logs: {"httpRequest":{"requestMethod":"GET","requestUrl":"https://…","status":200,"latency":"0.012s"},"timestamp":"…"}`,
	Side:       SideServer,
	Sniff:      sniffGCP,
	Parse:      parseGCP,
	Next:       nextLine,
	Concurrent: true,
}

var cloudflareFormat = &Format{
	Name:       formatCloudflare,
	Doc:        `Cloudflare Logpush HTTP requests: {"ClientRequestMethod":"GET","ClientRequestURI":"/v2/trunks","EdgeResponseStatus":200,"EdgeStartTimestamp":…}`,
	Side:       SideServer,
	Sniff:      sniffCloudflare,
	Parse:      parseCloudflare,
	Next:       nextLine,
	Concurrent: true,
}
