package parsers

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// jtlColumn numbers the CSV columns errpat reads; the others are skipped.
type jtlColumn int

const (
	colStamp jtlColumn = iota
	colElapsed
	colLabel
	colCode
	colMessage
	colThread
	colSuccess
	colFailure
	colURL
	nJTLColumns
)

// jtlNames are the column names JMeter writes in its header line
// (CSVSaveService.printableFieldNamesToString), in the order it writes
// them; -1 marks the columns errpat does not read.
var jtlNames = []struct {
	name string
	col  jtlColumn
}{
	{"timeStamp", colStamp}, {"elapsed", colElapsed}, {"label", colLabel},
	{"responseCode", colCode}, {"responseMessage", colMessage}, {"threadName", colThread},
	{"dataType", -1}, {"success", colSuccess}, {"failureMessage", colFailure},
	{"bytes", -1}, {"sentBytes", -1}, {"grpThreads", -1}, {"allThreads", -1},
	{"URL", colURL}, {"Filename", -1}, {"Latency", -1}, {"Encoding", -1},
	{"SampleCount", -1}, {"ErrorCount", -1}, {"Hostname", -1}, {"IdleTime", -1}, {"Connect", -1},
}

// jtlDefault17 is JMeter's default column set since 5.0 (jmeter.properties,
// every jmeter.save.saveservice flag at its default), for files written
// with print_field_names=false; jtlDefault16 is the same without URL, the
// default of JMeter 3.1 to 4.0.
var (
	jtlDefault17 = []string{"timeStamp", "elapsed", "label", "responseCode", "responseMessage", "threadName",
		"dataType", "success", "failureMessage", "bytes", "sentBytes", "grpThreads", "allThreads", "URL",
		"Latency", "IdleTime", "Connect"}
	jtlDefault16 = append(append([]string{}, jtlDefault17[:13]...), jtlDefault17[14:]...)
)

// jtlLayout says where each read column is in a row, and how many fields
// a row has.
type jtlLayout struct {
	at     [nJTLColumns]int
	fields int
}

// layoutOf maps header names to columns; ok is false when a name is neither
// a JMeter column nor a quoted sample variable, or too few are known.
func layoutOf(names []string) (jtlLayout, bool) {
	l := jtlLayout{fields: len(names)}
	for i := range l.at {
		l.at[i] = -1
	}
	known := 0
	for i, n := range names {
		col, ok := jtlColumnNamed(n)
		switch {
		case ok:
			known++
			if col >= 0 {
				l.at[col] = i
			}
		case len(n) < 2 || n[0] != '"' || n[len(n)-1] != '"': // sample_variables are quoted
			return l, false
		}
	}
	return l, known >= 2 && (l.at[colLabel] >= 0 || l.at[colCode] >= 0 || l.at[colSuccess] >= 0)
}

func jtlColumnNamed(name string) (jtlColumn, bool) {
	for _, n := range jtlNames {
		if n.name == name {
			return n.col, true
		}
	}
	return -1, false
}

// jtlDelimiter finds a header's delimiter as JMeter does: the first
// character after the first name.
func jtlDelimiter(line []byte) (byte, bool) {
	for _, b := range line {
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_') {
			return b, b != '"' && b != ' '
		}
	}
	return 0, false
}

// sniffJTLCSV tells a JMeter CSV results file: a header line of JMeter's
// column names, or a first row in JMeter's default columns.
func sniffJTLCSV(text []byte) bool {
	line, _, _ := bytes.Cut(text, []byte{'\n'})
	line = bytes.TrimRight(line, "\r")
	_, ok := jtlHeader(line)
	return ok || jtlDefaultRow(line) != nil
}

// jtlHeader reads a header line.
func jtlHeader(line []byte) (jtlLayout, bool) {
	delim, ok := jtlDelimiter(line)
	if !ok {
		return jtlLayout{}, false
	}
	return layoutOf(strings.Split(string(line), string(delim)))
}

// jtlDefaultRow tells a first row written without a header in one of
// JMeter's default column sets: an epoch-ms or date stamp, elapsed ms and
// true/false where success goes. It returns the column names, or nil.
func jtlDefaultRow(line []byte) []string {
	i := bytes.IndexAny(line, ",\t;|")
	if i <= 0 || bytes.Count(line, line[i:i+1]) < 15 {
		return nil // JMeter's default columns are 16 or more
	}
	rows := newCSVRows(bytes.NewReader(line), line[i], 0)
	if rows.next() != nil {
		return nil
	}
	f := rows.fields
	var names []string
	switch n := len(f); {
	case n == 16:
		names = jtlDefault16
	case n >= 17: // sample_variables add their columns at the end
		names = append([]string{}, jtlDefault17...)
		for i := 17; i < n; i++ {
			names = append(names, `"var`+strconv.Itoa(i-16)+`"`)
		}
	default:
		return nil
	}
	if _, ok := jtlTime(string(f[0]), time.UTC); !ok {
		return nil
	}
	if _, ok := jtlMillis(string(f[1])); !ok {
		return nil
	}
	if s := string(f[7]); s != "true" && s != "false" {
		return nil
	}
	return names
}

// parseJTLCSV reads a JMeter CSV results file, with or without its header
// line. Each row is a sample; a Transaction Controller's own row and the
// sub-results JMeter writes after their parent (label "parent-0", same
// thread) are not requests of their own, and are told once, counted.
func parseJTLCSV(r io.Reader, source string, opt Options, sink Sink) error {
	return readJTLCSV(r, source, opt, sink, false)
}

// readJTLCSV is parseJTLCSV; exact reads every row the general way (split
// into fields, each number read by strconv), which the fast way of
// plainRow and record must match: the tests hold one to the other.
func readJTLCSV(r io.Reader, source string, opt Options, sink Sink, exact bool) error {
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	p := jtlCSV{source: source, loc: loc, sink: sink, interned: map[string]string{}, exact: exact}
	rows := newCSVRows(r, ',', opt.MaxLine)
	if opt.Part > 0 {
		// a later part of a split file: its rows follow the file's header
		if layout, ok := jtlHeader(opt.Head); ok {
			delim, _ := jtlDelimiter(opt.Head)
			p.use(layout, rows, delim)
			return p.readRows(rows)
		}
	}
	first, err := rows.firstLine()
	switch {
	case isEOF(err):
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", source, err)
	}
	if !p.begin(rows, first) {
		return nil
	}
	return p.readRows(rows)
}

// readRows reads the rows after the layout is known.
func (p *jtlCSV) readRows(rows *csvRows) error {
	for {
		line, err := rows.scan()
		switch {
		case err == nil && line != nil && !p.exact:
			p.plainRow(rows, line)
		case err == nil:
			if line != nil {
				rows.splitPlain(line)
			}
			p.row(rows)
		case isEOF(err):
			p.finish()
			return nil
		case err == errOpenQuote:
			p.problem(rows, "last row cut off inside a quoted field: JMeter was still writing?")
		case errors.Is(err, errOpenQuote):
			p.problem(rows, "row skipped: "+err.Error()+" (a quote JMeter did not write?)")
		default:
			return fmt.Errorf("%s: %w", p.source, err)
		}
	}
}

// jtlCSV is the state of one CSV results file being read.
type jtlCSV struct {
	source string
	loc    *time.Location
	sink   Sink
	exact  bool   // see readJTLCSV
	rec    Record // the record of each row in turn: see Sink.Record
	layout jtlLayout
	read   []jtlField // the columns the file has
	ends   []int      // where the fields of a row without quotes end (see plainRow)
	// parent is the last sample read as a request, whose sub-results may follow.
	parentLabel  string
	parentThread []byte
	subs         int
	transactions int
	interned     map[string]string   // see intern
	recent       [256]string         // see intern
	last         [nJTLColumns]string // see internCol
	code         jtlCode             // the status of the last code read
}

// jtlCols are the columns of the row being read, as they are in the
// line (nil: not in the file). They are a local of each row, not a field
// of jtlCSV: on the stack, storing them costs no write barrier.
type jtlCols [nJTLColumns][]byte

// jtlField is a column of the file and the number of its field.
type jtlField struct {
	col jtlColumn
	at  int
}

// jtlCode is what a response code says: the status, and whether no
// response came.
type jtlCode struct {
	text       string
	status     int
	noResponse bool
}

// begin reads the layout from the first line: a header, or a first row
// in a default column set (then handed back to be read as a row).
func (p *jtlCSV) begin(rows *csvRows, first []byte) bool {
	if layout, ok := jtlHeader(first); ok {
		delim, _ := jtlDelimiter(first)
		p.use(layout, rows, delim)
		return true
	}
	if names := jtlDefaultRow(first); names != nil {
		layout, _ := layoutOf(names)
		p.use(layout, rows, first[bytes.IndexAny(first, ",\t;|")])
		rows.unread()
		return true
	}
	line := rows.lr.n
	for {
		if _, err := rows.lr.next(); err != nil {
			break
		}
	}
	report(p.sink, Problem{Source: p.source, Line: line, Lines: rows.lr.n - line + 1,
		Err: "JMeter CSV without a header line in a column set errpat does not know: write the header (jmeter.save.saveservice.print_field_names=true); file skipped"})
	return false
}

// use sets the layout and delimiter the rows are read with.
func (p *jtlCSV) use(layout jtlLayout, rows *csvRows, delim byte) {
	p.layout, rows.delim = layout, delim
	p.code = jtlCodeOf("", layout.at[colCode] >= 0)
	p.read = p.read[:0]
	for c, at := range layout.at {
		if at >= 0 {
			p.read = append(p.read, jtlField{jtlColumn(c), at})
		}
	}
}

func (p *jtlCSV) problem(rows *csvRows, msg string) {
	report(p.sink, Problem{Source: p.source, Line: rows.start, Lines: rows.lines, Err: msg})
}

// row reads one sample row split into rows.fields.
func (p *jtlCSV) row(rows *csvRows) {
	f := rows.fields
	if !p.whole(rows, len(f)) {
		return
	}
	var cols jtlCols
	for _, c := range p.read {
		cols[c.col] = f[c.at]
	}
	p.sample(rows, &cols)
}

// plainRow reads one sample row without quotes, line: its columns are
// cut out where its delimiters are, and the other fields are not.
func (p *jtlCSV) plainRow(rows *csvRows, line []byte) {
	// field i is line[ends[i]+1 : ends[i+1]], with -1 and len(line) around
	p.ends = append(delims(append(p.ends[:0], -1), line, rows.delim), len(line))
	if !p.whole(rows, len(p.ends)-1) {
		return
	}
	var cols jtlCols
	for _, c := range p.read {
		cols[c.col] = line[p.ends[c.at]+1 : p.ends[c.at+1]]
	}
	p.sample(rows, &cols)
}

// whole tells a row of as many fields as the header; another is told as
// a problem.
func (p *jtlCSV) whole(rows *csvRows, fields int) bool {
	switch {
	case rows.cut:
		p.problem(rows, "row longer than the longest line kept: skipped")
	case fields != p.layout.fields && !rows.eol:
		p.problem(rows, fmt.Sprintf("last row cut off (%d of %d fields): JMeter was still writing?", fields, p.layout.fields))
	case fields != p.layout.fields:
		p.problem(rows, fmt.Sprintf("row has %d fields, the header %d: skipped", fields, p.layout.fields))
	default:
		return true
	}
	return false
}

// sample reads a row's columns as a sample, and hands it on when it is
// a request.
func (p *jtlCSV) sample(rows *csvRows, cols *jtlCols) {
	s := p.columns(cols)
	if s.isTransaction() {
		p.transactions++
		return
	}
	thread := cols[colThread]
	if p.isSub(s.label, thread) {
		p.subs++
		return
	}
	p.parentLabel, p.parentThread = s.label, append(p.parentThread[:0], thread...)
	p.rec = Record{Source: p.source, Line: rows.start, Format: FormatJTLCSV}
	if p.exact {
		s.stamp, s.elapsed = string(cols[colStamp]), string(cols[colElapsed])
		s.record(&p.rec, p.loc)
	} else {
		p.record(&s, &p.rec, cols)
	}
	if p.sink.Record != nil {
		p.sink.Record(&p.rec)
	}
}

// columns reads a row's columns but the time stamp and elapsed time,
// which record reads in place. The messages matter only for failures:
// they are kept only when the row did not succeed, sparing a copy of each.
func (p *jtlCSV) columns(cols *jtlCols) jtlSample {
	s := jtlSample{
		label:     p.internCol(cols, colLabel),
		code:      p.internCol(cols, colCode),
		success:   p.internCol(cols, colSuccess),
		url:       p.lastOf(cols, colURL),
		hasCode:   p.layout.at[colCode] >= 0,
		hasStatus: p.layout.at[colSuccess] >= 0,
	}
	if s.success != "true" || bytes.HasPrefix(cols[colMessage], []byte("Number of samples in transaction")) {
		s.message, s.failure = string(cols[colMessage]), string(cols[colFailure])
	}
	return s
}

// record is s.record for a row of cols, its numbers read in place (no
// string for each) and its code's status worked out once for each run of
// rows with the same code.
func (p *jtlCSV) record(s *jtlSample, r *Record, cols *jtlCols) {
	s.names(r)
	p.times(r, cols)
	if s.code != p.code.text {
		p.code = jtlCodeOf(s.code, s.hasCode)
	}
	s.verdict(r, p.code.status, p.code.noResponse)
}

// jtlCodeOf is what code says, as jtlStatus reads it.
func jtlCodeOf(code string, hasCode bool) jtlCode {
	status, noResponse := jtlStatus(code, hasCode)
	return jtlCode{text: code, status: status, noResponse: noResponse}
}

// times sets r's response time and end from the elapsed and timeStamp
// columns as jtlMillis and jtlTime read them, whole numbers of digits
// read in place; anything else (a sign, a date) by those two.
func (p *jtlCSV) times(r *Record, cols *jtlCols) {
	elapsed := cols[colElapsed]
	ms, ok := jtlDigits(elapsed)
	if !ok && len(elapsed) > 0 {
		ms, ok = jtlMillis(string(elapsed))
	}
	if ok {
		r.Seconds, r.HasSeconds = float64(ms)/1000, true
	}
	stamp := cols[colStamp]
	if n, ok := jtlDigits(stamp); ok { // epoch milliseconds, as jtlTime reads them
		switch {
		case n > 0 && ms >= 0 && ms < 1<<40: // the same time, added in milliseconds
			r.Time = time.UnixMilli(n + ms).UTC()
		case n > 0:
			r.Time = time.UnixMilli(n).UTC().Add(time.Duration(ms) * time.Millisecond)
		}
		return
	}
	if t, ok := jtlTime(string(stamp), p.loc); ok {
		r.Time = t.Add(time.Duration(ms) * time.Millisecond)
	}
}

// jtlDigits reads a whole number of 1 to 18 ASCII digits, which
// strconv.ParseInt reads the same and never finds out of range. It reads
// 8 digits at a time: an epoch time stamp in two loads, a short number in
// one (when b's buffer goes on past it: what follows b is shifted out).
func jtlDigits(b []byte) (int64, bool) {
	const zeros = 0x3030303030303030
	switch n := len(b); {
	case n == 0 || n > 18:
		return 0, false
	case n <= 8 && cap(b) >= 8:
		pad := 8 * uint(8-n) // leading zeros in the low bytes, b's digits above
		v, ok := eightDigits(binary.LittleEndian.Uint64(b[:8])<<pad | zeros&(1<<pad-1))
		return int64(v), ok
	case n > 8 && n <= 16:
		hi, okHi := eightDigits(binary.LittleEndian.Uint64(b))
		pad := 8 * uint(16-n) // the bytes hi has read, made zeros
		lo, okLo := eightDigits(binary.LittleEndian.Uint64(b[n-8:])>>pad<<pad | zeros&(1<<pad-1))
		return int64(hi*decimal[n-8] + lo), okHi && okLo
	}
	n := int64(0)
	for _, c := range b {
		d := c - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int64(d)
	}
	return n, true
}

// decimal holds the powers of ten an 8-digit number is scaled by.
var decimal = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}

// eightDigits reads 8 ASCII digits, the first in the low byte of x.
func eightDigits(x uint64) (uint64, bool) {
	const zeros, highs = 0x3030303030303030, 0x8080808080808080
	// a byte below '0' sets its top bit in x-zeros, one above '9' in
	// x+0x46..: the lowest such byte at least, which is all that counts
	if ((x-zeros)|(x+0x4646464646464646))&highs != 0 {
		return 0, false
	}
	x -= zeros
	x = (x*10 + x>>8) & 0x00ff00ff00ff00ff // pairs of digits
	x = (x*100 + x>>16) & 0x0000ffff0000ffff
	return (x*10000 + x>>32) & 0xffffffff, true
}

// intern returns b as a string, one string per distinct value of the
// columns of few values: a test plan has a few dozen labels, codes and
// verdicts over millions of rows. A value is looked up first in recent,
// a slot picked by its length and three of its bytes, then in the map.
func (p *jtlCSV) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	slot := &p.recent[(len(b)*61+int(b[0])*7+int(b[len(b)/2])*13+int(b[len(b)-1]))%len(p.recent)]
	if string(b) == *slot {
		return *slot
	}
	s, ok := p.interned[string(b)]
	if !ok {
		s = string(b)
		if len(p.interned) < 4096 {
			p.interned[s] = s
		}
	}
	*slot = s
	return s
}

// internCol is intern for column c, which most rows share with the row
// before (a code of 200, a verdict of true): that column's last string is
// tried before the map.
func (p *jtlCSV) internCol(cols *jtlCols, c jtlColumn) string {
	b := cols[c]
	if string(b) != p.last[c] {
		p.last[c] = p.intern(b)
	}
	return p.last[c]
}

// lastOf is column c as a string, the last row's when they are the same:
// a column of many values (a URL with ids) is not worth interning, but
// runs of rows may share one.
func (p *jtlCSV) lastOf(cols *jtlCols, c jtlColumn) string {
	b := cols[c]
	if string(b) != p.last[c] {
		p.last[c] = string(b)
	}
	return p.last[c]
}

// isSub tells a sub-result row: JMeter names sub-results after their
// parent ("Home-0", "Home-0-1") and writes them right after it, from the
// same thread.
func (p *jtlCSV) isSub(label string, thread []byte) bool {
	n := len(p.parentLabel)
	if n == 0 || len(label) < n+2 || label[n] != '-' || label[:n] != p.parentLabel || !bytes.Equal(thread, p.parentThread) {
		return false
	}
	for _, part := range strings.Split(label[n+1:], "-") {
		if _, err := strconv.Atoi(part); err != nil {
			return false
		}
	}
	return true
}

// finish tells, once, the rows that were not requests of their own.
func (p *jtlCSV) finish() {
	if p.subs == 0 && p.transactions == 0 {
		return
	}
	report(p.sink, Problem{Source: p.source, Err: fmt.Sprintf(
		"not counted as requests: %d Transaction Controller rows (they sum up the samples they hold) and %d sub-result rows (part of the sample before them)",
		p.transactions, p.subs)})
}
