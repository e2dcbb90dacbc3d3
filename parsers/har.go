package parsers

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/tidwall/gjson"
)

// HAR (HTTP Archive 1.2) files, as browsers' developer tools, Playwright
// and proxies write them: {"log": {"version", "creator", "entries": [...]}},
// one entry per request. The entries are streamed one at a time: a HAR
// with response bodies can be large.

// formatHAR names the HAR reader.
const formatHAR = "har"

// sniffHAR looks for a "log" object that holds the HAR's own members: its
// entries, and its creator or version.
func sniffHAR(text []byte) bool {
	if len(text) == 0 || text[0] != '{' {
		return false
	}
	i := bytes.Index(text, []byte(`"log"`))
	if i < 0 || len(bytes.TrimSpace(text[1:i])) != 0 {
		return false
	}
	rest := text[i:]
	return bytes.Contains(rest, []byte(`"entries"`)) &&
		(bytes.Contains(rest, []byte(`"creator"`)) || bytes.Contains(rest, []byte(`"version"`)))
}

// parseHAR streams a HAR's log.entries.
func parseHAR(r io.Reader, source string, opt Options, sink Sink) error {
	return streamDocument(r, source, opt, sink, (*jsonDoc).har)
}

// har walks the top-level object down to log.entries.
func (d *jsonDoc) har() error {
	if err := d.harObject(func(key string) error {
		if key == "log" {
			return d.harObject(func(key string) error {
				if key == "entries" {
					return d.array(formatHAR, d.harEntry)
				}
				return d.skip()
			})
		}
		return d.skip()
	}); err != nil {
		return err
	}
	if !d.found {
		d.problem(1, "HAR without log.entries: no requests read")
	}
	return nil
}

// harObject reads the object at the next token, calling member for each
// key; the member's value is next.
func (d *jsonDoc) harObject(member func(key string) error) error {
	tok, err := d.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		d.problem(0, "HAR member is not a JSON object")
		return nil
	}
	d.depth++
	for d.dec.More() {
		key, err := d.key()
		if err != nil {
			return err
		}
		if err := member(key); err != nil {
			return err
		}
	}
	_, err = d.dec.Token()
	d.depth--
	return err
}

// harEntry reads one entry: startedDateTime, time (ms, -1 when unknown),
// request.method and request.url, response.status (0 in Chrome, -1 in
// Playwright where no response came) and the failure text Chrome keeps in
// _error and Playwright in _failureText.
func (d *jsonDoc) harEntry(v gjson.Result, line int) {
	r := &Record{Source: d.source, Line: line, Format: formatHAR}
	var req, resp gjson.Result
	var failure string
	v.ForEach(func(k, val gjson.Result) bool {
		switch k.Str {
		case "startedDateTime":
			r.Time = epochTime(val, d.loc)
		case "time":
			if ms, ok := numberValue(val); ok {
				r.Seconds, r.HasSeconds = ms/1000, true
			}
		case "request":
			req = val
		case "response":
			resp = val
		case "_error", "_failureText":
			failure = val.String()
		}
		return true
	})
	r.Method = strings.ToUpper(req.Get("method").String())
	r.Endpoint = req.Get("url").String()
	if r.Method == "" || r.Endpoint == "" {
		d.problem(line, "HAR entry without request.method or request.url")
		return
	}
	if !isHTTPURL(r.Endpoint) {
		d.problem(line, "HAR entry is not an HTTP request ("+shorten([]byte(r.Endpoint), 16)+"): skipped")
		return
	}
	r.Status = max(statusValue(resp.Get("status")), 0)
	if r.Status >= 400 || r.Status == 0 {
		r.Message = harFailure(resp, failure)
	}
	verdict(r)
	d.emit(r)
}

// harFailure is the failure text of an entry: the browser's, else the
// response's status text.
func harFailure(resp gjson.Result, failure string) string {
	for _, k := range []string{"_error", "_failureText"} {
		if s := resp.Get(k).String(); s != "" {
			return s
		}
	}
	if failure != "" {
		return failure
	}
	return resp.Get("statusText").String()
}

// isHTTPURL tells HTTP requests from the data:, blob: and extension URLs
// that browsers also list.
func isHTTPURL(u string) bool {
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") ||
		strings.HasPrefix(u, "ws://") || strings.HasPrefix(u, "wss://") || strings.HasPrefix(u, "/")
}

var harFormat = &Format{
	Name:       formatHAR,
	Doc:        `HAR files of browsers, Playwright and proxies: {"log": {"version": "1.2", "creator": {…}, "entries": [{"request": {"method": "GET", "url": …}, "response": {"status": 200}, "time": 45.1}]}}`,
	Side:       SideClient,
	Sniff:      sniffHAR,
	Parse:      parseHAR,
	Concurrent: true, // a browser sends several requests at once
}
