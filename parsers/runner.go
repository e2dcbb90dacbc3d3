package parsers

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// ParseRunner streams the log a multi-language test_runner.sh writes with
// tee: "[INFO] Running curl test: map_did", "[ERROR] curl - map_did:
// FAILED (exit code: 1)", "[SUCCESS] Python tests passed", coloured or
// not. Each [SUCCESS] or [ERROR] line that gives a suite's verdict, and
// each [PASS] or [FAIL] line, is a Record with Test the suite's name. The
// runner knows nothing of HTTP, so Status is StatusUnknown unless the
// error-log tail the runner prints under a failure ("[ERROR]   HTTP Error
// 401: Unauthorized") names one. Records carry the run's start, the only
// time such a log gives. Other lines, the runner's own notes and the
// tests' output, are neither records nor problems.
func ParseRunner(r io.Reader, source string, opt Options, sink Sink) error {
	p := runnerParser{source: source, sink: sink, loc: opt.Location}
	if p.loc == nil {
		p.loc = time.UTC
	}
	lr := newLineReader(r, opt.MaxLine)
	for {
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			p.flush()
			return fmt.Errorf("read %s: %w", source, err)
		}
		if lr.cut {
			p.flush()
			if sink.Problem != nil {
				sink.Problem(lr.cutProblem(source))
			}
		}
		if lr.n == 1 {
			line = trimBOM(line)
		}
		p.line(lr.n, StripANSI(line))
	}
	p.flush()
	return nil
}

type runnerParser struct {
	source string
	sink   Sink
	loc    *time.Location
	run    string
	start  time.Time
	// pending is a failure waiting for the error-log tail that may follow
	// it to tell its status.
	pending *Record
}

func (p *runnerParser) line(n int, b []byte) {
	tag, rest, ok := runnerTag(b)
	if !ok {
		p.flush()
		return
	}
	record, failed := runnerVerdict(tag)
	if failed && isTailLine(rest) {
		if p.pending != nil && p.pending.Status == StatusUnknown {
			p.pending.Status = statusOf(string(rest), "")
		}
		return
	}
	p.flush()
	text := strings.TrimSpace(string(rest))
	if string(tag) == "INFO" {
		p.info(text)
	}
	if !record {
		return
	}
	name, ok := suiteName(text, string(tag) == "SUCCESS" || string(tag) == "ERROR")
	if !ok {
		return
	}
	r := &Record{Time: p.start, Source: p.source, Line: n, Format: FormatRunner, Run: p.run,
		Test: name, Failed: failed, Status: StatusUnknown}
	if failed {
		r.Message = text
		p.pending = r
		return
	}
	p.emit(r)
}

// info picks up the run's start, which test_runner.sh logs as
// "Timestamp: 20261128_032110" in local time.
func (p *runnerParser) info(text string) {
	v, ok := strings.CutPrefix(text, "Timestamp: ")
	if !ok {
		return
	}
	if t, err := time.ParseInLocation("20060102_150405", v, p.loc); err == nil {
		p.run, p.start = v, t
	}
}

func (p *runnerParser) flush() {
	if p.pending != nil {
		r := p.pending
		p.pending = nil
		p.emit(r)
	}
}

func (p *runnerParser) emit(r *Record) {
	if p.sink.Record != nil {
		p.sink.Record(r)
	}
}

// runnerTag splits "[TAG] text" into its upper-case tag and the text after
// the bracket, leading blanks kept: they tell quoted output from the
// runner's own lines.
func runnerTag(b []byte) (tag, rest []byte, ok bool) {
	b = bytes.TrimLeft(b, " \t")
	if len(b) < 3 || b[0] != '[' {
		return nil, nil, false
	}
	end := bytes.IndexByte(b[:min(len(b), 12)], ']')
	if end < 2 {
		return nil, nil, false
	}
	for _, c := range b[1:end] {
		if c < 'A' || c > 'Z' {
			return nil, nil, false
		}
	}
	return b[1:end], b[end+1:], true
}

// runnerVerdict tells which tags give a verdict, and which verdict.
func runnerVerdict(tag []byte) (record, failed bool) {
	switch string(tag) {
	case "SUCCESS", "PASS", "PASSED":
		return true, false
	case "ERROR", "FAIL", "FAILED":
		return true, true
	}
	return false, false
}

// isTailLine tells the lines test_runner.sh prints under a failure, "Last
// 5 lines of error log:" and each of those lines indented by two blanks:
// they quote the test's output, so they give no verdict of their own.
func isTailLine(rest []byte) bool {
	return bytes.HasPrefix(rest, []byte("   ")) ||
		(bytes.HasPrefix(rest, []byte(" Last ")) && bytes.Contains(rest, []byte(" lines of ")))
}

var (
	verdictWord = regexp.MustCompile(`(?i)(?:^|[^\pL\pN_])(passed|failed|succeeded)((?:\s*\([^()]*\))?[\s!.:;…\p{So}\p{Sk}\x{FE0F}\x{200D}]*)$`)
	// summaryName matches the run's totals ("All tests passed! 🎉"), which
	// repeat the suites' verdicts rather than add one.
	summaryName = regexp.MustCompile(`(?i)^(?:(?:all|some|the|\d+(?:\s*/\s*\d+)?)\s+)?(?:the\s+)?(?:tests?|suites?|checks?)?$`)
)

// suiteName finds the suite a verdict line is about: the text before its
// closing "passed" or "failed", as in "curl - map_did: FAILED (exit code:
// 1)" or "Go tests failed". Lines of [SUCCESS] and [ERROR] need such a
// verdict, for the runner logs other news at those levels too ("Test
// report generated", "python3 not found"); a [PASS] or [FAIL] line names
// its test whatever it says.
func suiteName(text string, needVerdict bool) (string, bool) {
	name := text
	if m := verdictWord.FindStringSubmatchIndex(text); m != nil {
		name = text[:m[2]]
	} else if needVerdict {
		return "", false
	}
	name = strings.TrimRightFunc(name, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(":-–—", r) })
	name = strings.TrimLeftFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if name == "" || summaryName.MatchString(name) {
		return "", false
	}
	return name, true
}

// StripANSI removes terminal escape sequences (CSI such as colours, OSC
// such as titles and links, and other ESC sequences) from b. Without an
// ESC in b it returns b itself, so lines without colour cost nothing.
func StripANSI(b []byte) []byte {
	i := bytes.IndexByte(b, 0x1b)
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i >= 0 {
		out = append(out, b[:i]...)
		b = b[i+escapeLen(b[i:]):]
		i = bytes.IndexByte(b, 0x1b)
	}
	return append(out, b...)
}

// escapeLen returns the length of the escape sequence that starts b. A
// sequence cut short ends where it stops making sense, never past a
// newline, so a stray ESC costs at most the rest of its line.
func escapeLen(b []byte) int {
	if len(b) < 2 {
		return len(b)
	}
	switch c := b[1]; {
	case c == '[': // CSI: parameter and intermediate bytes, then a final byte
		for j := 2; j < len(b); j++ {
			switch {
			case b[j] >= 0x40 && b[j] <= 0x7e:
				return j + 1
			case b[j] < 0x20 || b[j] > 0x3f:
				return j
			}
		}
		return len(b)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_': // strings ended by BEL or ST
		for j := 2; j < len(b); j++ {
			switch b[j] {
			case 0x07:
				return j + 1
			case 0x1b:
				if j+1 < len(b) && b[j+1] == '\\' {
					return j + 2
				}
				return j
			case '\n':
				return j
			}
		}
		return len(b)
	case c >= 0x20 && c <= 0x2f: // nF: intermediate bytes, then a final byte
		j := 2
		for j < len(b) && b[j] >= 0x20 && b[j] <= 0x2f {
			j++
		}
		if j < len(b) && b[j] >= 0x30 && b[j] <= 0x7e {
			return j + 1
		}
		return j
	case c >= 0x30 && c <= 0x7e:
		return 2
	}
	return 1
}

// SniffRunner reports whether head, the first bytes of a file, looks like
// a test-runner log: one of its first lines, colours removed, starts with
// [INFO], [SUCCESS], [ERROR] or [WARNING].
func SniffRunner(head []byte) bool {
	text := trimBOM(head)
	for i := 0; i < 20 && len(text) > 0; i++ {
		var line []byte
		line, text, _ = bytes.Cut(text, []byte{'\n'})
		if tag, _, ok := runnerTag(StripANSI(line)); ok {
			switch string(tag) {
			case "INFO", "SUCCESS", "ERROR", "WARNING":
				return true
			}
		}
	}
	return false
}

// FormatRunner is the name of the test-runner log format.
const FormatRunner = "runner"

var runnerFormat = &Format{
	Name:  FormatRunner,
	Doc:   "colour test-runner logs ([INFO] / [ERROR] lines)",
	Side:  SideClient,
	Sniff: SniffRunner,
	Parse: ParseRunner,
}
