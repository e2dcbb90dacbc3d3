package parsers

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// FormatGatling is the name of Gatling's simulation.log, the tab-separated
// text log of Gatling 2 and 3 up to 3.12 (3.13 and later write a binary log).
const FormatGatling = "gatling"

var gatlingFormat = &Format{
	Name:       FormatGatling,
	Doc:        "Gatling simulation.log, text (Gatling 2.2 to 3.12)",
	Side:       SideLoad,
	Sniff:      sniffGatling,
	Parse:      parseGatling,
	Next:       nextLine, // each REQUEST line stands alone
	Concurrent: true,
}

// sniffGatling tells a simulation.log by its first line, the RUN record:
// "RUN\tcomputerdatabase.BasicSimulation\tbasicsimulation\t1637012345678\t \t3.7.2".
func sniffGatling(text []byte) bool {
	line, _, _ := bytes.Cut(text, []byte{'\n'})
	f := bytes.Split(bytes.TrimRight(line, "\r"), []byte{'\t'})
	if len(f) < 4 || string(f[0]) != "RUN" {
		return false
	}
	for _, x := range f[2:] {
		if len(x) >= 12 && allDigits(x) { // the run's start, epoch ms
			return true
		}
	}
	return false
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// parseGatling reads a simulation.log: one record per REQUEST line. Its
// layout changed across versions (LogFileDataWriter):
//
//	2.2, 2.3:  REQUEST scenario userId groups name start end OK|KO message [extra…]
//	3.0–3.3:   REQUEST userId groups name start end OK|KO message
//	3.4–3.12:  REQUEST groups name start end OK|KO message
//
// so the name is found before the run of time stamps that ends at the
// OK/KO field. The log has no HTTP status, method or URL: the endpoint is
// the request's name, and the status is told only where a KO message says
// it ("status.find.in(200,304), found 500") or that no response came.
func parseGatling(r io.Reader, source string, opt Options, sink Sink) error {
	lr := newLineReader(r, opt.MaxLine)
	for {
		line, err := lr.next()
		if err != nil {
			if isEOF(err) {
				return nil
			}
			return fmt.Errorf("%s: %w", source, err)
		}
		eol := lr.full > len(line)
		if lr.n == 1 {
			line = trimBOM(line)
		}
		if !bytes.HasPrefix(line, []byte("REQUEST\t")) {
			if len(bytes.TrimSpace(line)) > 0 && !gatlingKnown(line) {
				report(sink, Problem{Source: source, Line: lr.n, Lines: 1, Err: "not a Gatling simulation.log record"})
			}
			continue
		}
		rec := Record{Source: source, Line: lr.n, Format: FormatGatling}
		if lr.cut || !gatlingRequest(line, &rec) {
			msg := "REQUEST line without name, start, end and OK/KO"
			if !eol {
				msg = "last REQUEST line cut off: Gatling was still writing?"
			}
			report(sink, Problem{Source: source, Line: lr.n, Lines: 1, Err: msg})
			continue
		}
		if sink.Record != nil {
			sink.Record(&rec)
		}
	}
}

// gatlingKnown tells the records that are not requests: the run, users,
// groups, errors and assertions.
func gatlingKnown(line []byte) bool {
	for _, p := range []string{"RUN\t", "USER\t", "GROUP\t", "ERROR\t", "ASSERTION\t"} {
		if bytes.HasPrefix(line, []byte(p)) {
			return true
		}
	}
	// Gatling 2.0 and 2.1 began each line with the scenario name: "scenario\tuserId\tREQUEST\t…".
	return bytes.Contains(line, []byte("\tUSER\t")) || bytes.Contains(line, []byte("\tRUN\t"))
}

// gatlingRequest reads a REQUEST line's fields into r.
func gatlingRequest(line []byte, r *Record) bool {
	f := strings.Split(string(bytes.TrimRight(line, "\r")), "\t")
	st := -1                      // the OK/KO field
	for i := 5; i < len(f); i++ { // REQUEST, groups, name, start, end come first
		if (f[i] == "OK" || f[i] == "KO") && allDigits([]byte(f[i-1])) && allDigits([]byte(f[i-2])) {
			st = i
			break
		}
	}
	if st < 0 {
		return false
	}
	first := st - 2 // start; the name is just before it
	start, err1 := strconv.ParseInt(f[first], 10, 64)
	end, err2 := strconv.ParseInt(f[st-1], 10, 64)
	if err1 != nil || err2 != nil || end < start {
		return false
	}
	r.Test = f[first-1]
	r.Endpoint = r.Test
	r.Time = time.UnixMilli(end).UTC()
	r.Seconds, r.HasSeconds = float64(end-start)/1000, true
	r.Failed = f[st] == "KO"
	r.Status = StatusUnknown
	if r.Failed && st+1 < len(f) {
		r.Message = strings.TrimSpace(f[st+1])
		r.Status = gatlingStatus(r.Message)
	}
	return true
}

// gatlingFound is the status a failed status check names: Gatling 3
// writes "status.find.in([200, 209], 304), found 500", Gatling 2 "…, but
// actually found 500".
var gatlingFound = regexp.MustCompile(`^status\.find\.(?:in|is|not)\(.*\), (?:but actually )?found (\d{3})$`)

// gatlingNoResponse are the exceptions (package names abbreviated, as
// Gatling writes them) of a request that got no response.
var gatlingNoResponse = []string{
	"ConnectException", "UnknownHostException", "TimeoutException", "RequestTimeoutException",
	"ConnectTimeoutException", "SSLException", "SSLHandshakeException", "SslHandshakeTimeoutException",
	"ClosedChannelException", "PrematureCloseException", "NoRouteToHostException", "SocketException", "NotSslRecordException",
}

func gatlingStatus(msg string) int {
	if m := gatlingFound.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	class, _, _ := strings.Cut(msg, ":")
	if i := strings.LastIndexByte(class, '.'); i >= 0 {
		class = class[i+1:]
	}
	for _, e := range gatlingNoResponse {
		if class == e {
			return 0
		}
	}
	return StatusUnknown
}
