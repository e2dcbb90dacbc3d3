package parsers

import (
	"math/bits"
	"strconv"
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
	secondKeys   = []string{"response_time", "elapsed", "duration", "latency", "response_time_s", "duration_s", "seconds"}
	msKeys       = []string{"duration_ms", "responseTime", "response_time_ms", "latency_ms", "elapsed_ms", "durationMs", "time_ms"}
	successKeys  = []string{"success", "ok", "passed"}
	messageKeys  = []string{"error_message", "error_details", "error", "message", "errorMessage", "detail"}
	testKeys     = []string{"test_name", "test", "name", "testName"}
	retryKeys    = []string{"retry_after", "retryAfter", "Retry-After", "retry-after"}
	headerKeys   = []string{"headers", "response_headers", "responseHeaders"}
	// failedKeys give the verdict the other way round, as errpat's own
	// events do; codeKeys the API's error code, as they give it.
	failedKeys  = []string{"failed"}
	codeKeys    = []string{"error_code", "errorCode"}
	skippedKeys = []string{"skipped"}
)

// field numbers the parts of a request object that aliases name.
type field int

const (
	fTime field = iota
	fEndpoint
	fMethod
	fStatus
	fSeconds
	fMillis
	fSuccess
	fMessage
	fTest
	fRetry
	fHeaders
	fFailed
	fCode
	fSkipped
	nFields
)

// alias is a top-level alias: the field it names and its rank among the
// field's aliases (lower wins).
type alias struct {
	key  string
	f    field
	rank int
}

// aliasTable holds the top-level aliases by aliasHash, so that finding
// a key's alias costs one or two comparisons, not a map's hash of it.
var aliasTable = func() (t [128][]alias) {
	for f, keys := range [nFields][]string{timeKeys, endpointKeys, methodKeys, statusKeys, secondKeys, msKeys, successKeys, messageKeys, testKeys, retryKeys, headerKeys, failedKeys, codeKeys, skippedKeys} {
		for rank, k := range keys {
			if !strings.Contains(k, ".") {
				h := aliasHash(k)
				t[h] = append(t[h], alias{k, field(f), rank})
			}
		}
	}
	return t
}()

// aliasHash mixes a key's length and its first and last bytes, which
// tell the aliases apart nearly one to a slot.
func aliasHash(k string) int {
	return (len(k) + 3*int(k[0]) + 5*int(k[len(k)-1])) & 127
}

// aliasOf finds the alias that key k is, if any.
func aliasOf(k string) (alias, bool) {
	if len(k) == 0 {
		return alias{}, false
	}
	for _, a := range aliasTable[aliasHash(k)] {
		if a.key == k {
			return a, true
		}
	}
	return alias{}, false
}

// fieldSet gathers the aliased fields of a request object, one member
// at a time. One set serves the objects of a file in turn (see reset).
type fieldSet struct {
	out    [nFields]gjson.Result
	rank   [nFields]int
	has    uint32 // the fields of out that are taken, a bit each
	dirty  uint32 // the fields of out written to since reset
	nested bool   // a request or response object, where nested aliases live
}

// reset empties fs for the next object.
func (fs *fieldSet) reset() {
	for d := fs.dirty; d != 0; d &= d - 1 {
		fs.out[bits.TrailingZeros32(d)] = gjson.Result{}
	}
	fs.has, fs.dirty, fs.nested = 0, 0, false
}

// wants tells whether a value of alias a would be taken: its field has
// none yet or one of a lower rank. A null is never taken (see set).
func (fs *fieldSet) wants(a alias) bool {
	return fs.has&(1<<a.f) == 0 || a.rank < fs.rank[a.f]
}

// set takes v for alias a, which fs wants, unless it is null.
func (fs *fieldSet) set(a alias, v *gjson.Result) {
	if v.Type != gjson.Null {
		fs.out[a.f], fs.rank[a.f] = *v, a.rank
		fs.has |= 1 << a.f
		fs.dirty |= 1 << a.f
	}
}

// slot is where a value of alias a, which fs wants, is read into when
// its field has none yet: taken with took, it spares set's copy. Once
// written to, the slot is cleared by the next reset even when the value
// was not taken (a fault in it ended the object).
func (fs *fieldSet) slot(a alias) *gjson.Result {
	if fs.has&(1<<a.f) == 0 {
		fs.dirty |= 1 << a.f
		return &fs.out[a.f]
	}
	return nil
}

// took takes or, for a null, clears the value read into a's slot.
func (fs *fieldSet) took(a alias) {
	if fs.out[a.f].Type == gjson.Null {
		fs.out[a.f] = gjson.Result{}
		return
	}
	fs.rank[a.f] = a.rank
	fs.has |= 1 << a.f
}

// see notes a member that is not an alias's value: a request or response
// object holds the nested aliases.
func (fs *fieldSet) see(k string, isObject bool) {
	fs.nested = fs.nested || isObject && (k == "request" || k == "response")
}

func (fs *fieldSet) add(k string, v gjson.Result) {
	if a, ok := aliasOf(k); ok && fs.wants(a) {
		fs.set(a, &v)
	}
	fs.see(k, v.IsObject())
}

// finish looks up the nested aliases ("request.url") of obj, the object
// whose members were added, where the flat ones are missing.
func (fs *fieldSet) finish(obj gjson.Result) *[nFields]gjson.Result {
	if !fs.nested {
		return &fs.out
	}
	for f, keys := range [nFields][]string{timeKeys, endpointKeys, methodKeys, statusKeys} {
		if fs.out[f].Exists() {
			continue
		}
		for _, k := range keys {
			if strings.Contains(k, ".") {
				if v := obj.Get(k); v.Exists() && v.Type != gjson.Null {
					fs.out[f] = v
					fs.has |= 1 << f
					fs.dirty |= 1 << f
					break
				}
			}
		}
	}
	return &fs.out
}

// fields finds every aliased field of obj in one pass.
func fields(obj gjson.Result) *[nFields]gjson.Result {
	var fs fieldSet
	obj.ForEach(func(k, v gjson.Result) bool {
		fs.add(k.Str, v)
		return true
	})
	return fs.finish(obj)
}

// objectRecord reads one request object with the usual field aliases.
// ok is false when the object is not a request (see fieldsRecord).
func objectRecord(obj gjson.Result, loc *time.Location, r *Record) bool {
	return fieldsRecord(fields(obj), &stamps{loc: loc}, r)
}

// notRequest words why a JSON object was not taken for a request.
const notRequest = "not a request object (no HTTP status or success flag with a method, URL, endpoint or test name)"

// fieldsRecord reads a request from the aliased fields of an object. An
// object is a request only when it carries what one carries: an outcome
// (an HTTP status, a success flag or a test outcome) and what was asked
// (a method, URL, endpoint or test name). Anything else (an application
// log's line, a report's metadata) is not, and ok is false.
func fieldsRecord(f *[nFields]gjson.Result, ts *stamps, r *Record) bool {
	status, hasStatus := httpStatus(f[fStatus])
	passed, skipped, hasOutcome := outcome(f[fStatus])
	if f[fSkipped].Type == gjson.True { // errpat's own events
		skipped, hasOutcome = true, true
	}
	if skipped {
		passed = true
	} else if succ := f[fSuccess]; succ.Exists() && (succ.Type == gjson.True || succ.Type == gjson.False) {
		passed, hasOutcome = succ.Bool(), true
	} else if failed := f[fFailed]; failed.IsBool() {
		passed, hasOutcome = !failed.Bool(), true // errpat's own events
	}
	asked := f[fEndpoint].Exists() || f[fMethod].Exists() || f[fTest].Exists()
	if !asked || !hasStatus && !hasOutcome {
		return false
	}
	r.Endpoint = f[fEndpoint].String()
	r.Method = strings.ToUpper(f[fMethod].String())
	r.Test = f[fTest].String()
	r.Status = StatusUnknown
	if hasStatus {
		r.Status = status
	}
	r.Time = ts.value(f[fTime])
	r.Seconds, r.HasSeconds = seconds(f[fSeconds], f[fMillis])
	if hasOutcome {
		r.Failed, r.Skipped = !passed, skipped
	} else {
		r.Failed = r.Status >= 400 || r.Status == 0
	}
	if r.Failed {
		applyError(r, f[fMessage])
	}
	if v := f[fRetry]; v.Exists() {
		r.RetryAfter = RetryAfterSeconds(v.String(), r.Time)
	}
	if h := f[fHeaders]; h.IsObject() {
		headerRetryAfter(r, h)
	}
	if code := f[fCode]; code.Type == gjson.String && r.ErrorCode == "" {
		r.ErrorCode = code.Str
	}
	return true
}

// httpStatus reads an HTTP status: a whole number of three digits (some
// servers and proxies use codes past 599), or 0 for a request that got no
// response, written as a number or a numeric string. Anything else ("ok",
// "passed", 1, 42.5) is not a status.
func httpStatus(v gjson.Result) (int, bool) {
	var n int
	switch v.Type {
	case gjson.Number:
		if v.Num != float64(int(v.Num)) {
			return 0, false
		}
		n = int(v.Num)
	case gjson.String:
		var ok bool
		if n, ok = leadingInt(v.Str); !ok || strconv.Itoa(n) != strings.TrimSpace(v.Str) {
			return 0, false
		}
	default:
		return 0, false
	}
	return n, n == 0 || n >= 100 && n < 1000
}

// outcome reads a test outcome written where a status is ("passed",
// "failed", Playwright's "expected" and "unexpected", "skipped", ...):
// whether the test passed or was skipped, and whether v is such an
// outcome.
func outcome(v gjson.Result) (passed, skipped, ok bool) {
	if v.Type != gjson.String {
		return false, false, false
	}
	switch strings.ToLower(strings.TrimSpace(v.Str)) {
	case "passed", "pass", "expected", "flaky":
		return true, false, true
	case "failed", "fail", "broken", "unexpected", "timedout":
		return false, false, true
	case "skipped", "skip", "pending":
		return false, true, true
	}
	return false, false, false
}

// seconds reads a response time: a number of seconds, a number of
// milliseconds, or a Go-style duration string ("350ms", "1.2s"). A
// "seconds" number beyond a day is taken for nanoseconds, as structured
// loggers write durations.
func seconds(sec, ms gjson.Result) (float64, bool) {
	switch {
	case sec.Type == gjson.Number && sec.Float() > 86400:
		return sec.Float() / 1e9, true
	case sec.Type == gjson.Number:
		return sec.Float(), true
	case sec.Type == gjson.String:
		if d, err := time.ParseDuration(sec.Str); err == nil {
			return d.Seconds(), true
		}
	case ms.Type == gjson.Number:
		return ms.Float() / 1000, true
	}
	if ms.Type == gjson.Number {
		return ms.Float() / 1000, true
	}
	return 0, false
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

// stamps reads the timestamps of one input's records, in loc where they
// are naive. A file's requests come in time order, many to an hour: the
// start of the hour of the last UTC stamp ("2006-01-02T15:04:05Z", with
// or without a fraction) is kept, and a stamp of the same hour costs
// only its minutes, seconds and fraction instead of a full parse.
type stamps struct {
	loc  *time.Location
	hour [14]byte  // "2006-01-02T15:" of that stamp; zero before one
	base time.Time // the start of that hour
}

// value reads a time as timeValue does.
func (ts *stamps) value(v gjson.Result) time.Time {
	if v.Type != gjson.String {
		return timeValue(v, ts.loc)
	}
	into, ok := utcIntoHour(v.Str)
	if !ok {
		return parseTime(v.Str, ts.loc)
	}
	if string(ts.hour[:]) == v.Str[:len(ts.hour)] {
		return ts.base.Add(into)
	}
	t := parseTime(v.Str, ts.loc)
	if !t.IsZero() {
		copy(ts.hour[:], v.Str)
		ts.base = t.Add(-into)
	}
	return t
}

// utcIntoHour reads how far into its hour a UTC stamp is, from its
// minutes, seconds and fraction (at most nine digits), when s is one:
// "2006-01-02T15:04:05Z" or "2006-01-02T15:04:05.000Z". The date and the
// hour are not checked: that is left to the full parse of the hour's
// first stamp.
func utcIntoHour(s string) (time.Duration, bool) {
	if len(s) < 20 || s[len(s)-1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return 0, false
	}
	mm, ok1 := twoDigits(s[14:16], 60)
	ss, ok2 := twoDigits(s[17:19], 60)
	if !ok1 || !ok2 {
		return 0, false
	}
	d := time.Duration(mm*60+ss) * time.Second
	frac := s[19 : len(s)-1]
	if frac == "" {
		return d, true
	}
	if len(frac) < 2 || len(frac) > 10 || frac[0] != '.' {
		return 0, false
	}
	ns := 0
	for i := 1; i < len(frac); i++ {
		c := frac[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		ns = ns*10 + int(c-'0')
	}
	for range 10 - len(frac) {
		ns *= 10
	}
	return d + time.Duration(ns), true
}

// twoDigits reads two decimal digits as a number below limit.
func twoDigits(s string, limit int) (int, bool) {
	if s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	n := int(s[0]-'0')*10 + int(s[1]-'0')
	return n, n < limit
}

// parseTime reads the timestamp forms the clients write.
func parseTime(s string, loc *time.Location) time.Time {
	s = strings.TrimSpace(s)
	if !hasZone(s) {
		if t, _, ok := parseLogTime([]byte(s), loc); ok {
			return t
		}
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999Z0700", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// hasZone tells whether a timestamp ends with a zone: Z or an offset
// after the time of day.
func hasZone(s string) bool {
	if len(s) < 20 {
		return false
	}
	tail := s[19:]
	return strings.ContainsAny(tail, "Zz+") || strings.IndexByte(tail, '-') >= 0
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
	body = cutBody(body, maxBody)
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
	// Each Get reads the body from its start: one look at its keys first
	// spares the Gets of those it lacks.
	keys := bodyKeys(trimmed)
	var code gjson.Result
	if keys&keyCode != 0 {
		code = obj.Get("code")
	}
	if code.Type != gjson.String && keys&keyErrorCode != 0 {
		code = obj.Get("error_code")
	}
	if code.Type == gjson.String {
		r.ErrorCode = code.Str
	}
	for _, k := range [...]struct {
		path string
		key  uint
	}{
		{"retry_after", keyRetryAfter}, {"retryAfter", keyRetryAfterCamel}, {"error.retry_after", keyError | keyRetryAfter},
	} {
		if r.RetryAfter != 0 {
			break // the first value that says something is the one kept
		}
		if keys&k.key != k.key {
			continue
		}
		if ra := obj.Get(k.path); ra.Exists() {
			r.RetryAfter = RetryAfterSeconds(ra.String(), r.Time)
		}
	}
	if !r.Failed {
		return
	}
	for _, k := range [...]struct {
		path string
		key  uint
	}{
		{"message", keyMessage}, {"error.message", keyError | keyMessage}, {"detail", keyDetail}, {"error", keyError},
	} {
		if keys&k.key != k.key {
			continue
		}
		if m := obj.Get(k.path); m.Type == gjson.String && m.Str != "" {
			r.Message = m.Str
			return
		}
	}
}

// The keys of a body that applyBody reads, as bits.
const (
	keyCode uint = 1 << iota
	keyErrorCode
	keyRetryAfter
	keyRetryAfterCamel
	keyMessage
	keyDetail
	keyError
)

// bodyKeys tells which of applyBody's keys a JSON body may have: a key
// is found only where its name is in quotes, unless it is escaped, so a
// body with a backslash may have them all.
func bodyKeys(s string) uint {
	if strings.IndexByte(s, '\\') >= 0 {
		return ^uint(0)
	}
	var keys uint
	for i := strings.IndexByte(s, '"'); i >= 0; {
		rest := s[i+1:]
		if len(rest) > 0 {
			keys |= quotedKey(rest)
		}
		j := strings.IndexByte(rest, '"')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return keys
}

// quotedKey tells which key of applyBody's rest starts with, its closing
// quote included.
func quotedKey(rest string) uint {
	switch rest[0] {
	case 'e':
		if strings.HasPrefix(rest, `error"`) {
			return keyError
		}
		if strings.HasPrefix(rest, `error_code"`) {
			return keyErrorCode
		}
	case 'c':
		if strings.HasPrefix(rest, `code"`) {
			return keyCode
		}
	case 'r':
		if strings.HasPrefix(rest, `retry_after"`) {
			return keyRetryAfter
		}
		if strings.HasPrefix(rest, `retryAfter"`) {
			return keyRetryAfterCamel
		}
	case 'm':
		if strings.HasPrefix(rest, `message"`) {
			return keyMessage
		}
	case 'd':
		if strings.HasPrefix(rest, `detail"`) {
			return keyDetail
		}
	}
	return 0
}

// maxBody bounds the bytes of a body kept on a record.
const maxBody = 4 << 10

// cutBody shortens a body to at most n bytes, cut where no secret can
// be: the cut backs up to the last space, quote or punctuation, so that
// no part of a token, key or URL is left past it for the masker to miss
// (a masker that sees "Basic YWxh" cannot know it is a credential cut
// short). A body with no such place in its first n bytes is dropped.
func cutBody(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !isCutPlace(s[cut-1]) {
		cut--
	}
	return s[:cut]
}

// isCutPlace tells whether a body may be cut after byte c: white space
// and the punctuation that ends a token, never inside a UTF-8 sequence.
func isCutPlace(c byte) bool {
	return c <= ' ' || strings.IndexByte("\"',;{}[]<>()", c) >= 0
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}
