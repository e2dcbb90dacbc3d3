package parsers

import (
	"bytes"
	"strconv"
	"strings"
	"time"
)

// The names of the JMeter formats: a JTL results file as CSV or as XML.
const (
	FormatJTLCSV = "jtl-csv"
	FormatJTLXML = "jtl-xml"
)

// A JTL file's header, its quoted fields that span lines and its
// sub-result rows all tie a row to what came before. A large file is
// still read in parts: each is given the header (Header), is cut only
// outside quoted fields (Quote) and before a row that is no sub-result
// (nextJTLRowOf).
var jtlCSVFormat = &Format{
	Name:       FormatJTLCSV,
	Doc:        "JMeter JTL results, CSV (with or without the header line)",
	Side:       SideLoad,
	Sniff:      sniffJTLCSV,
	Parse:      parseJTLCSV,
	NextOf:     nextJTLRowOf,
	Header:     true,
	Quote:      '"',
	Concurrent: true,
}

// nextJTLRowOf returns the Next of a JTL CSV file whose first line is
// head (its header, or its first row in a default column set): the start
// of a whole line in buf that is a row whose label cannot be a
// sub-result's. JMeter labels sub-results after their parent ("Home-0",
// "Home-0-1") and writes them right after it, so a part must not begin
// with one; a row whose label does not end in "-" and digits never is
// one, and a part may begin with it. Rows with quotes are passed: split
// at the delimiter, their fields might not be the columns.
func nextJTLRowOf(head []byte) func([]byte) int {
	layout, ok := jtlHeader(head)
	delim, _ := jtlDelimiter(head)
	if !ok {
		names := jtlDefaultRow(head)
		if names == nil {
			return nil
		}
		layout, _ = layoutOf(names)
		delim = head[bytes.IndexAny(head, ",\t;|")]
	}
	return func(buf []byte) int {
		first := bytes.IndexByte(buf, '\n')
		if first < 0 {
			return -1
		}
		for start := first + 1; ; {
			end := bytes.IndexByte(buf[start:], '\n')
			if end < 0 {
				return -1 // the line is not whole in buf
			}
			line := bytes.TrimRight(buf[start:start+end], "\r")
			if bytes.IndexByte(line, '"') < 0 && bytes.Count(line, []byte{delim})+1 == layout.fields {
				at := layout.at[colLabel]
				if at < 0 || !subLabelShape(bytes.Split(line, []byte{delim})[at]) {
					return start
				}
			}
			start += end + 1
		}
	}
}

// subLabelShape tells a label that ends in "-" and digits, as a
// sub-result's does.
func subLabelShape(label []byte) bool {
	i := len(label)
	for i > 0 && label[i-1] >= '0' && label[i-1] <= '9' {
		i--
	}
	return i < len(label) && i > 0 && label[i-1] == '-'
}

var jtlXMLFormat = &Format{
	Name:       FormatJTLXML,
	Doc:        "JMeter JTL results, XML (<testResults>)",
	Side:       SideLoad,
	Sniff:      sniffJTLXML,
	Parse:      parseJTLXML,
	Concurrent: true,
}

// jtlSample is one JMeter sample result as a JTL file writes it, CSV
// column or XML attribute, before it becomes a Record.
type jtlSample struct {
	stamp     string // timeStamp / ts: epoch ms, or a timestamp_format date
	elapsed   string // elapsed / t, milliseconds
	label     string // label / lb
	code      string // responseCode / rc
	message   string // responseMessage / rm
	success   string // success / s: "true" or "false"
	failure   string // failureMessage, or the first failing assertion's message
	url       string // URL / <java.net.URL>
	method    string // <method> (XML with sampler data only)
	hasCode   bool   // the file has a response code for its samples
	hasStatus bool   // the file has a success verdict for its samples
}

// nonHTTPCode and nonHTTPMessage start the response code and message that
// JMeter's HTTP sampler writes when no response came (HTTPSamplerBase.errorResult):
// "Non HTTP response code: java.net.SocketTimeoutException".
const (
	nonHTTPCode    = "Non HTTP response code"
	nonHTTPMessage = "Non HTTP response message"
)

// isTransaction tells a Transaction Controller's own sample, which sums up
// the samples it holds: it is not a request of its own.
func (s *jtlSample) isTransaction() bool {
	return strings.HasPrefix(s.message, "Number of samples in transaction")
}

// record fills r from the sample. JMeter's shipped jmeter.properties sets
// sampleresult.timestamp.start=true, so the stamp is when the sample began
// and the record's time (when it finished) is the stamp plus elapsed.
func (s *jtlSample) record(r *Record, loc *time.Location) {
	s.names(r)
	ms, msOK := jtlMillis(s.elapsed)
	if msOK {
		r.Seconds, r.HasSeconds = float64(ms)/1000, true
	}
	if t, ok := jtlTime(s.stamp, loc); ok {
		r.Time = t.Add(time.Duration(ms) * time.Millisecond)
	}
	status, noResponse := jtlStatus(s.code, s.hasCode)
	s.verdict(r, status, noResponse)
}

// names fills r's test, endpoint and method.
func (s *jtlSample) names(r *Record) {
	r.Test = s.label
	r.Endpoint = s.url
	if r.Endpoint == "" || r.Endpoint == "null" {
		r.Endpoint = s.label
	}
	if s.method != "" {
		r.Method = strings.ToUpper(s.method)
	}
}

// jtlStatus reads a response code: the HTTP status (StatusUnknown when
// the file has no codes or the code is none), and whether no response
// came at all (status 0).
func jtlStatus(code string, hasCode bool) (status int, noResponse bool) {
	if strings.HasPrefix(code, nonHTTPCode) {
		return 0, true
	}
	if hasCode {
		if n, err := strconv.Atoi(code); err == nil && n >= 100 && n <= 999 {
			return n, false
		}
	}
	return StatusUnknown, false
}

// verdict fills r's status, verdict and failure message from the sample
// and what its code says.
func (s *jtlSample) verdict(r *Record, status int, noResponse bool) {
	r.Status = status
	switch {
	case s.hasStatus:
		r.Failed = s.success != "true" && strings.EqualFold(s.success, "false")
	default:
		r.Failed = noResponse || r.Status >= 400
	}
	if !r.Failed {
		return
	}
	switch {
	case noResponse:
		r.Message = nonHTTPText(s.code, s.message)
	case s.failure != "":
		r.Message = s.failure
	default:
		r.Message = s.message
	}
}

// nonHTTPText joins the exception class and message JMeter wrote for a
// request without a response: "java.net.SocketTimeoutException: Read timed
// out". The class name is kept: it is what tells a timeout from a refused
// connection when the message is only a host name.
func nonHTTPText(code, message string) string {
	class := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(code, nonHTTPCode), ":"))
	msg := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(message, nonHTTPMessage), ":"))
	switch {
	case msg == "" || msg == "null":
		return class
	case class == "":
		return msg
	}
	return class + ": " + msg
}

// jtlMillis reads a whole number of milliseconds.
func jtlMillis(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n >= 0
}

// jtlDateLayouts are the timestamp_format dates JMeter itself reads back
// (CSVSaveService.DATE_FORMAT_STRINGS), plus ISO 8601 forms.
var jtlDateLayouts = []string{
	"2006/01/02 15:04:05.000",
	"2006/01/02 15:04:05",
	"2006-01-02 15:04:05.000",
	"2006-01-02 15:04:05",
	"01/02/06 15:04:05",
	"2006-01-02T15:04:05.000",
	"2006-01-02T15:04:05",
}

// jtlTime reads a JTL time stamp: epoch milliseconds (the default), or a
// date written with jmeter.save.saveservice.timestamp_format in the
// zone of the machine that ran JMeter (read in loc).
func jtlTime(s string, loc *time.Location) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n <= 0 {
			return time.Time{}, false
		}
		return time.UnixMilli(n).UTC(), true
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	for _, layout := range jtlDateLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
