package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

const bugreportUsage = `Usage: errpat bugreport [--pattern N | --match TEXT] [flags] [PATH|GLOB|-]...

Writes a Markdown bug report for one failure pattern, after the error guide's
template: environment, error details, the request payload and response body
of a real occurrence, where and in which tests it occurred, the resolution
hint of its class, and empty sections for the steps taken, the resolution and
the prevention. Secrets are masked and account ids redacted.
Exit code 2 when the inputs hold no such pattern.
`

// bugOptions are the flags of 'errpat bugreport'.
type bugOptions struct {
	subOptions
	rank  int
	match string
}

// runBugReport is 'errpat bugreport'.
func runBugReport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o bugOptions
	fs := pflag.NewFlagSet("errpat bugreport", pflag.ContinueOnError)
	o.addFlags(fs)
	fs.IntVar(&o.rank, "pattern", 1, "report the `N`th pattern of the top error messages (1 = the commonest)")
	fs.StringVar(&o.match, "match", "", "report the commonest pattern whose text or example contains `TEXT` (any case)")
	err := parseSub(fs, &o.subOptions, args, stdout, bugreportUsage)
	if err == nil {
		err = o.check(fs)
	}
	if err != nil {
		return subExit(err, "bugreport", stderr)
	}
	in := o.pipeline()
	mask := in.mask
	occ := newOccurrences(mask.Mask)
	in.onRecord = occ.add
	inputs, problems, ok := in.discover(stdin, stderr)
	if !ok {
		return exitFailure
	}
	res, ok := in.read(inputs, problems, stdin, stderr)
	if !ok {
		return exitFailure
	}
	rank, err := o.pick(res.Patterns)
	if err != nil {
		fmt.Fprintf(stderr, "errpat: %v\n", err)
		return exitFailure
	}
	p := res.Patterns[rank-1]
	b := bugReport{rank: rank, of: len(res.Patterns), pattern: p, occ: occ.of(p.Keys), loc: o.loc, mask: mask.Mask}
	if err := writeTo(o.output, stdout, b.write); err != nil {
		fmt.Fprintf(stderr, "errpat: write bug report: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// check rejects contradictory flags before any input is read.
func (o *bugOptions) check(fs *pflag.FlagSet) error {
	if fs.Changed("pattern") && fs.Changed("match") {
		return fmt.Errorf("%w: --pattern and --match both choose the pattern: give one", errUsage)
	}
	if o.rank < 1 {
		return fmt.Errorf("%w: invalid --pattern %d (want 1 or more: the rank in the top error messages)", errUsage, o.rank)
	}
	return nil
}

// pick returns the 1-based rank of the pattern to report.
func (o *bugOptions) pick(ps []analyzer.PatternCount) (int, error) {
	if len(ps) == 0 {
		return 0, errors.New("no failures in the input: nothing to report")
	}
	if o.match != "" {
		m := strings.ToLower(o.match)
		for i, p := range ps {
			if strings.Contains(strings.ToLower(p.Pattern), m) || strings.Contains(strings.ToLower(p.Example.Message), m) {
				return i + 1, nil
			}
		}
		return 0, fmt.Errorf("no failure pattern matches --match %q (the report's top error messages list them)", o.match)
	}
	if o.rank > len(ps) {
		return 0, fmt.Errorf("invalid --pattern %d: the input has %d failure pattern(s)", o.rank, len(ps))
	}
	return o.rank, nil
}

// writeTo writes through write to the file at path, or to stdout when
// path is empty.
func writeTo(path string, stdout io.Writer, write func(io.Writer) error) error {
	out, closeOut, err := createOutput(path, stdout)
	if err != nil {
		return err
	}
	return errors.Join(write(out), closeOut())
}

// occurrences gathers, per failure pattern, what the aggregate does not
// keep: the tests it hit and the occurrence that tells the most.
type occurrences struct {
	mask  func(string) string
	byKey map[string]*patternOccurrences
}

// patternOccurrences describes the occurrences of one pattern.
type patternOccurrences struct {
	example   parsers.Record // the first with both bodies, else with one, else the first
	score     int
	tests     map[string]int
	endpoints map[string]int
	sources   map[string]int
}

// maxListed bounds the tests, endpoints and files kept per pattern.
const maxListed = 50

func newOccurrences(mask func(string) string) *occurrences {
	return &occurrences{mask: mask, byKey: map[string]*patternOccurrences{}}
}

func (o *occurrences) add(r *parsers.Record) {
	if !r.Failed {
		return
	}
	key := analyzer.PatternKey(r.Message, o.mask)
	p := o.byKey[key]
	if p == nil {
		p = &patternOccurrences{example: *r, score: bodyScore(r), tests: map[string]int{},
			endpoints: map[string]int{}, sources: map[string]int{}}
		o.byKey[key] = p
	} else if s := bodyScore(r); s > p.score {
		p.example, p.score = *r, s
	}
	count(p.tests, o.mask(r.Test))
	count(p.endpoints, strings.TrimSpace(r.Method+" "+o.mask(analyzer.FoldEndpoint(r.Endpoint))))
	count(p.sources, r.Source)
}

// of returns the occurrences of a pattern's keys, together (empty when
// none were seen); the example is the first key's that tells the most.
func (o *occurrences) of(keys []string) *patternOccurrences {
	out := &patternOccurrences{score: -1, tests: map[string]int{}, endpoints: map[string]int{}, sources: map[string]int{}}
	for _, k := range keys {
		p := o.byKey[k]
		if p == nil {
			continue
		}
		if p.score > out.score {
			out.example, out.score = p.example, p.score
		}
		addCounts(out.tests, p.tests)
		addCounts(out.endpoints, p.endpoints)
		addCounts(out.sources, p.sources)
	}
	out.score = max(out.score, 0)
	return out
}

func addCounts(to, from map[string]int) {
	for k, n := range from {
		if _, ok := to[k]; ok || len(to) < maxListed {
			to[k] += n
		}
	}
}

func bodyScore(r *parsers.Record) int {
	s := 0
	if strings.TrimSpace(r.Payload) != "" {
		s++
	}
	if strings.TrimSpace(r.Response) != "" {
		s++
	}
	return s
}

func count(m map[string]int, k string) {
	if _, ok := m[k]; ok || len(m) < maxListed {
		m[k]++
	}
}

// bugReport is one pattern's report, ready to write.
type bugReport struct {
	rank, of int
	pattern  analyzer.PatternCount
	occ      *patternOccurrences
	loc      *time.Location
	mask     func(string) string
}

// write renders the report as Markdown, after the guide's template.
func (b bugReport) write(w io.Writer) error {
	var buf bytes.Buffer
	for _, section := range []func(*bytes.Buffer){
		b.title, b.environment, b.details, b.bodies, b.occurrences, b.hint, b.forHumans,
	} {
		section(&buf)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// clean masks secrets and redacts account ids in input-derived text.
func (b bugReport) clean(s string) string { return analyzer.RedactAccounts(b.mask(s)) }

func (b bugReport) title(w *bytes.Buffer) {
	p := b.pattern
	fmt.Fprintf(w, "## 🐛 API Error Report\n\n")
	fmt.Fprintf(w, "Failure pattern %d of %d, by occurrences: %s (class %s, %d occurrence%s).\n\n",
		b.rank, b.of, code(b.clean(p.Pattern)), p.Class, p.Count, plural(p.Count))
}

func (b bugReport) environment(w *bytes.Buffer) {
	ex := &b.occ.example
	fmt.Fprintf(w, "### Environment\n")
	fmt.Fprintf(w, "- **Timestamp**: %s\n", b.stamp(ex.Time))
	fmt.Fprintf(w, "- **First seen**: %s\n", b.stamp(b.pattern.FirstSeen))
	fmt.Fprintf(w, "- **Last seen**: %s\n", b.stamp(b.pattern.LastSeen))
	fmt.Fprintf(w, "- **Account SID**: %s\n", accountLine(ex.Endpoint, ex.Payload, ex.Response))
	fmt.Fprintf(w, "- **API Endpoint**: %s\n", b.endpointLine(ex))
	fmt.Fprintf(w, "- **Request ID**: %s\n", orText(requestID(b.mask(ex.Response)), "not in the response"))
	fmt.Fprintf(w, "- **Test**: %s\n", b.testLine(ex))
	fmt.Fprintln(w)
}

func (b bugReport) endpointLine(ex *parsers.Record) string {
	if ex.Endpoint == "" {
		return "not in the input"
	}
	raw := strings.TrimSpace(ex.Method + " " + b.clean(ex.Endpoint))
	folded := b.clean(analyzer.FoldEndpoint(ex.Endpoint))
	if folded != b.clean(ex.Endpoint) {
		return code(raw) + " (pattern " + code(folded) + ")"
	}
	return code(raw)
}

func (b bugReport) testLine(ex *parsers.Record) string {
	var parts []string
	if ex.Test != "" {
		parts = append(parts, mdEscape(b.clean(ex.Test)))
	}
	src := ex.Source
	if ex.Line > 0 {
		src += fmt.Sprintf(":%d", ex.Line)
	}
	if src != "" {
		parts = append(parts, "in "+code(src))
	}
	if ex.Run != "" && ex.Run != filepath.Base(ex.Source) {
		parts = append(parts, "run "+code(b.clean(ex.Run)))
	}
	return orText(strings.Join(parts, ", "), "not in the input")
}

func (b bugReport) details(w *bytes.Buffer) {
	ex := &b.occ.example
	fmt.Fprintf(w, "### Error Details\n")
	fmt.Fprintf(w, "- **HTTP Status**: %s\n", statusLine(ex.Status))
	fmt.Fprintf(w, "- **Error Code**: %s\n", orText(code(b.clean(ex.ErrorCode)), "none in the response"))
	fmt.Fprintf(w, "- **Error Message**: %s\n", orText(code(b.clean(ex.Message)), "none"))
	fmt.Fprintf(w, "- **Class**: %s\n\n", b.pattern.Class)
}

func (b bugReport) bodies(w *bytes.Buffer) {
	ex := &b.occ.example
	fmt.Fprintf(w, "### Request Payload\n")
	if strings.TrimSpace(ex.Payload) != "" {
		w.WriteString(codeBlock(b.clean(ex.Payload)))
	} else {
		fmt.Fprintf(w, "_Not in the input for any occurrence._\n")
	}
	fmt.Fprintf(w, "\n### Response Body\n")
	switch {
	case strings.TrimSpace(ex.Response) != "":
		w.WriteString(codeBlock(b.clean(ex.Response)))
	case ex.Status == 0:
		fmt.Fprintf(w, "_None: the request got no HTTP response._\n")
	default:
		fmt.Fprintf(w, "_Not in the input for any occurrence._\n")
	}
	fmt.Fprintln(w)
}

func (b bugReport) occurrences(w *bytes.Buffer) {
	p := b.pattern
	fmt.Fprintf(w, "### Occurrences\n")
	statuses := make([]string, len(p.Statuses))
	for i, s := range p.Statuses {
		statuses[i] = statusWord(s)
	}
	fmt.Fprintf(w, "%d occurrence%s from %s to %s in %d file%s; HTTP status %s.\n\n", p.Count, plural(p.Count),
		b.stamp(p.FirstSeen), b.stamp(p.LastSeen), len(b.occ.sources), plural(len(b.occ.sources)), strings.Join(statuses, ", "))
	// The keys were masked as they came; masked again, they also lose
	// the secrets learned later in the run.
	countTable(w, "Endpoint", b.occ.endpoints, func(s string) string { return code(b.clean(s)) })
	countTable(w, "Test", b.occ.tests, func(s string) string { return orText(mdEscape(b.clean(s)), "(unnamed)") })
}

// countTable writes a Markdown table of counts, commonest first.
func countTable(w *bytes.Buffer, name string, m map[string]int, cell func(string) string) {
	if len(m) == 0 {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y string) int { return cmp.Or(cmp.Compare(m[y], m[x]), cmp.Compare(x, y)) })
	fmt.Fprintf(w, "| %s | Occurrences |\n| --- | ---: |\n", name)
	for _, k := range keys {
		fmt.Fprintf(w, "| %s | %d |\n", strings.ReplaceAll(cell(k), "|", `\|`), m[k])
	}
	fmt.Fprintln(w)
}

func (b bugReport) hint(w *bytes.Buffer) {
	fmt.Fprintf(w, "### Resolution Hint\n")
	fmt.Fprintf(w, "**%s**: %s\n\n", b.pattern.Class, orText(analyzer.Hint(b.pattern.Class), "no hint for this class."))
}

// forHumans writes the guide's sections that only a person can fill in.
func (bugReport) forHumans(w *bytes.Buffer) {
	fmt.Fprintf(w, "### Debugging Steps Taken\n<!-- One numbered line per step: ✅ what checked out, ❌ what did not. -->\n\n")
	fmt.Fprintf(w, "### Resolution\n<!-- What fixed it, and the request that succeeded after. -->\n\n")
	fmt.Fprintf(w, "### Prevention\n<!-- What keeps it from coming back: validation, docs, alerts. -->\n")
}

func (b bugReport) stamp(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.In(b.loc).Format("2006-01-02T15:04:05.999Z07:00")
}

func statusLine(s int) string {
	switch {
	case s == 0:
		return "none (no HTTP response)"
	case s < 0:
		return "unknown (the input does not say)"
	}
	return fmt.Sprint(s)
}

func statusWord(s int) string {
	switch {
	case s == 0:
		return "none"
	case s < 0:
		return "unknown"
	}
	return fmt.Sprint(s)
}

// reRequestID finds a request id field in a response body.
var reRequestID = regexp.MustCompile(`(?i)"(?:x-)?request[_-]?id"\s*:\s*"([^"\\]{1,100})"`)

// accountLine says whether the occurrence names an account, redacted.
func accountLine(texts ...string) string {
	switch analyzer.AccountIn(texts...) {
	case analyzer.AccountSID:
		return "AC... (redacted)"
	case analyzer.AccountPath:
		return "... (redacted, from the endpoint path)"
	}
	return "not in the input"
}

func requestID(body string) string {
	if m := reRequestID.FindStringSubmatch(body); m != nil {
		return code(analyzer.RedactAccounts(m[1]))
	}
	return ""
}

// codeBlock fences a body, indented when it is JSON, with a fence longer
// than any run of backticks inside it (report.MarkdownFence).
func codeBlock(body string) string {
	body = strings.TrimSpace(body)
	lang := "text"
	switch {
	case json.Valid([]byte(body)):
		lang = "json"
		var buf bytes.Buffer
		if json.Indent(&buf, []byte(body), "", "  ") == nil {
			body = buf.String()
		}
	case strings.HasPrefix(body, "<"):
		lang = "html"
	}
	return report.MarkdownFence(body, lang)
}

// code writes s as a Markdown code span on one line, at most 300
// characters ("" stays "").
func code(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:299]) + "…"
	}
	return report.MarkdownCode(s)
}

// mdEscape escapes input text for a list item or a table cell.
func mdEscape(s string) string { return report.MarkdownText(strings.Join(strings.Fields(s), " ")) }

func orText(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
