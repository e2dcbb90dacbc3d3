package parsers

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// FormatGoTest is the stream `go test -json` writes (test2json).
const FormatGoTest = "gotest"

// maxGoTests bounds the tests whose output is held while they run: a
// package runs its tests one after the other, parallel ones a few at a
// time, so only a broken stream has more.
const maxGoTests = 10000

// parseGoTest reads a `go test -json` stream, one test2json event per
// line. Each test's verdict (Action pass, fail or skip) is a Record at
// that line, named "package TestName" (subtests "TestName/sub", as go
// names them); its output gives a failure its message (the first
// "file_test.go:12: ..." line, or a panic). A package that failed with no
// test failing (it did not build, or crashed) is a failed record named
// after the package. A line that is not a test2json event is a problem.
func parseGoTest(r io.Reader, source string, opt Options, sink Sink) error {
	p := &goTestParser{source: source, sink: sink, tests: map[string]*goTest{}, failedIn: map[string]bool{}}
	problem := lineProblem(sink, source)
	return eachJSONLine(r, source, opt, problem, func(line []byte, n int) {
		switch {
		case !validJSON(string(line)):
			problem(n, "not a go test -json event (invalid JSON)")
		case !p.event(gjson.ParseBytes(line), n):
			problem(n, "not a go test -json event (no Action)")
		}
	})
}

type goTestParser struct {
	source   string
	sink     Sink
	tests    map[string]*goTest // running tests and packages, by package and name
	failedIn map[string]bool    // packages in which a test failed
}

// goTest is what a running test (or package) printed that may explain
// its failure: its first panic, else the last line a t.Error, t.Fatal
// (or t.Log: go's output does not tell them apart) or the compiler wrote
// at a file and line, else go's FAIL line.
type goTest struct {
	panic, at, fail string
	detail          []byte
}

func (t *goTest) message() string {
	switch {
	case t == nil:
		return ""
	case t.panic != "":
		return t.panic
	case t.at != "":
		return t.at
	}
	return t.fail
}

// goAtLine is a line of output written at a file and line.
var goAtLine = regexp.MustCompile(`^\s*[\w./-]+\.go:\d+(?::\d+)?: `)

func (p *goTestParser) event(ev gjson.Result, n int) bool {
	action := ev.Get("Action")
	if !ev.IsObject() || action.Type != gjson.String {
		return false
	}
	pkg, test := ev.Get("Package").String(), ev.Get("Test").String()
	key := pkg + "\x00" + test
	switch action.Str {
	case "output":
		p.output(key, ev.Get("Output").String())
	case "build-output":
		// The compiler's words, under the package's import path ("pkg
		// [pkg.test]"), explain the package's failure to come.
		pkg, _, _ := strings.Cut(ev.Get("ImportPath").String(), " ")
		p.output(pkg+"\x00", ev.Get("Output").String())
	case "pass", "fail", "skip":
		t := p.tests[key]
		delete(p.tests, key)
		if test == "" && (action.Str != "fail" || p.failedIn[pkg]) {
			delete(p.failedIn, pkg)
			return true // the package's verdict repeats its tests'
		}
		name := strings.TrimSpace(pkg + " " + test)
		rec := testRecord(p.source, n, FormatGoTest, name)
		rec.Time = timeValue(ev.Get("Time"), time.UTC)
		if e := ev.Get("Elapsed"); e.Type == gjson.Number && e.Float() >= 0 {
			rec.Seconds, rec.HasSeconds = e.Float(), true
		}
		switch action.Str {
		case "fail":
			p.failedIn[pkg] = true
			msg, detail := t.message(), ""
			if t != nil {
				detail = string(t.detail)
			}
			if fb := ev.Get("FailedBuild").String(); fb != "" && (t == nil || t.at == "") {
				msg = "build failed: " + fb
			}
			if msg == "" {
				msg = "FAIL " + name
			}
			rec.fail(msg, detail)
		case "skip":
			rec.Skipped = true
		}
		if p.sink.Record != nil {
			p.sink.Record(&rec)
		}
	}
	return true
}

// output keeps what a test prints that may explain a failure.
func (p *goTestParser) output(key, out string) {
	t := p.tests[key]
	if t == nil {
		if len(p.tests) >= maxGoTests {
			return
		}
		t = &goTest{}
		p.tests[key] = t
	}
	line := strings.TrimRight(out, "\r\n")
	if strings.HasPrefix(strings.TrimSpace(line), "=== ") {
		return // === RUN, PAUSE, CONT, NAME
	}
	switch trimmed := strings.TrimSpace(line); {
	case strings.HasPrefix(trimmed, "panic: "):
		if t.panic == "" {
			t.panic = trimmed
		}
	case goAtLine.MatchString(line):
		t.at = trimmed
	case strings.HasPrefix(trimmed, "FAIL") && t.fail == "":
		t.fail = trimmed
	}
	t.detail = appendBounded(t.detail, []byte(out))
}

// sniffGoTest tells a go test -json stream: its first line is a test2json
// event, an object with an Action and a Package (or Time) in go's spelling.
func sniffGoTest(text []byte) bool {
	line, _, _ := bytes.Cut(text, []byte{'\n'})
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' || !validJSON(string(line)) {
		return false
	}
	ev := gjson.ParseBytes(line)
	switch ev.Get("Action").String() {
	case "start", "run", "output", "pass", "fail", "skip", "pause", "cont", "bench", "build-output", "build-fail":
		return ev.Get("Package").Exists() || ev.Get("ImportPath").Exists()
	}
	return false
}

var goTestFormat = &Format{
	Name:  FormatGoTest,
	Doc:   `go test -json streams (test2json events)`,
	Side:  SideClient,
	Sniff: sniffGoTest,
	Parse: parseGoTest,
}
