package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/errpat/errpat/analyzer"
)

// BugReport is the report of one failure pattern, for a person who will
// fix it, after the error guide's template: environment, error details,
// the request payload and response body of a real occurrence, where and
// in which tests it occurred, the resolution hint of its class, and empty
// sections for the steps taken, the resolution and the prevention.
type BugReport struct {
	// Rank is the pattern's place among Of failure patterns, commonest
	// first.
	Rank, Of int
	// Pattern is the pattern reported, with its Occurrences.
	Pattern analyzer.PatternCount
	// Location is the zone of the times written.
	Location *time.Location
	// Mask hides the secrets known when the report is written: the texts
	// were masked as they were read, before the run's later credentials
	// were learned.
	Mask func(string) string
}

// WriteBugReport writes b as Markdown; every input text is masked, its
// account ids redacted, and escaped for Markdown.
func WriteBugReport(w io.Writer, b BugReport) error {
	bw := bugWriter{BugReport: b, occ: b.Pattern.Occurrences}
	if bw.occ == nil {
		bw.occ = &analyzer.Occurrences{}
	}
	if bw.Mask == nil {
		bw.Mask = func(s string) string { return s }
	}
	var buf bytes.Buffer
	for _, section := range []func(*bytes.Buffer){
		bw.title, bw.environment, bw.details, bw.bodies, bw.occurrences, bw.hint, bw.forHumans,
	} {
		section(&buf)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// bugWriter writes the sections of a bug report.
type bugWriter struct {
	BugReport
	occ *analyzer.Occurrences
}

// clean masks secrets and redacts account ids in input-derived text.
func (b bugWriter) clean(s string) string { return analyzer.RedactAccounts(b.Mask(s)) }

func (b bugWriter) title(w *bytes.Buffer) {
	p := b.Pattern
	fmt.Fprintf(w, "## 🐛 API Error Report\n\n")
	fmt.Fprintf(w, "Failure pattern %d of %d, by occurrences: %s (class %s, %s).\n\n",
		b.Rank, b.Of, bugCode(b.clean(p.Pattern)), p.Class, plural(p.Count, "occurrence"))
}

func (b bugWriter) environment(w *bytes.Buffer) {
	ex := &b.occ.Example
	fmt.Fprintf(w, "### Environment\n")
	fmt.Fprintf(w, "- **Timestamp**: %s\n", b.stamp(ex.Time))
	fmt.Fprintf(w, "- **First seen**: %s\n", b.stamp(b.Pattern.FirstSeen))
	fmt.Fprintf(w, "- **Last seen**: %s\n", b.stamp(b.Pattern.LastSeen))
	fmt.Fprintf(w, "- **Account SID**: %s\n", accountLine(ex.Account))
	fmt.Fprintf(w, "- **API Endpoint**: %s\n", b.endpointLine(ex))
	fmt.Fprintf(w, "- **Request ID**: %s\n", orNone(requestID(b.Mask(ex.Response)), "not in the response"))
	fmt.Fprintf(w, "- **Test**: %s\n", b.testLine(ex))
	fmt.Fprintln(w)
}

func (b bugWriter) endpointLine(ex *analyzer.Occurrence) string {
	if ex.Endpoint == "" {
		return "not in the input"
	}
	raw := strings.TrimSpace(ex.Method + " " + b.clean(ex.Endpoint))
	if folded := b.clean(ex.Folded); folded != b.clean(ex.Endpoint) {
		return bugCode(raw) + " (pattern " + bugCode(folded) + ")"
	}
	return bugCode(raw)
}

func (b bugWriter) testLine(ex *analyzer.Occurrence) string {
	var parts []string
	if ex.Test != "" {
		parts = append(parts, bugText(b.clean(ex.Test)))
	}
	src := ex.Source
	if ex.Line > 0 {
		src += fmt.Sprintf(":%d", ex.Line)
	}
	if src != "" {
		parts = append(parts, "in "+bugCode(src))
	}
	if ex.Run != "" {
		parts = append(parts, "run "+bugCode(b.clean(ex.Run)))
	}
	return orNone(strings.Join(parts, ", "), "not in the input")
}

func (b bugWriter) details(w *bytes.Buffer) {
	ex := &b.occ.Example
	fmt.Fprintf(w, "### Error Details\n")
	fmt.Fprintf(w, "- **HTTP Status**: %s\n", bugStatus(ex.Status, "none (no HTTP response)", "unknown (the input does not say)"))
	fmt.Fprintf(w, "- **Error Code**: %s\n", orNone(bugCode(b.clean(ex.ErrorCode)), "none in the response"))
	fmt.Fprintf(w, "- **Error Message**: %s\n", orNone(bugCode(b.clean(ex.Message)), "none"))
	fmt.Fprintf(w, "- **Class**: %s\n\n", b.Pattern.Class)
}

func (b bugWriter) bodies(w *bytes.Buffer) {
	ex := &b.occ.Example
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

func (b bugWriter) occurrences(w *bytes.Buffer) {
	p := b.Pattern
	fmt.Fprintf(w, "### Occurrences\n")
	statuses := make([]string, len(p.Statuses))
	for i, s := range p.Statuses {
		statuses[i] = bugStatus(s, "none", "unknown")
	}
	fmt.Fprintf(w, "%s from %s to %s in %s; HTTP status %s.\n\n", plural(p.Count, "occurrence"),
		b.stamp(p.FirstSeen), b.stamp(p.LastSeen), plural(b.occ.Files, "file"), strings.Join(statuses, ", "))
	// The keys were masked as they came; masked again, they also lose
	// the secrets learned later in the run.
	countTable(w, "Endpoint", b.occ.Calls, func(s string) string { return bugCode(b.clean(s)) })
	countTable(w, "Test", b.occ.Tests, func(s string) string { return orNone(bugText(b.clean(s)), "(unnamed)") })
}

// countTable writes a Markdown table of counts, in their order.
func countTable(w *bytes.Buffer, name string, counts []analyzer.NamedCount, cell func(string) string) {
	if len(counts) == 0 {
		return
	}
	fmt.Fprintf(w, "| %s | Occurrences |\n| --- | ---: |\n", name)
	for _, c := range counts {
		fmt.Fprintf(w, "| %s | %d |\n", strings.ReplaceAll(cell(c.Key), "|", `\|`), c.Count)
	}
	fmt.Fprintln(w)
}

func (b bugWriter) hint(w *bytes.Buffer) {
	fmt.Fprintf(w, "### Resolution Hint\n")
	fmt.Fprintf(w, "**%s**: %s\n\n", b.Pattern.Class, orNone(analyzer.Hint(b.Pattern.Class), "no hint for this class."))
}

// forHumans writes the guide's sections that only a person can fill in.
func (bugWriter) forHumans(w *bytes.Buffer) {
	fmt.Fprintf(w, "### Debugging Steps Taken\n<!-- One numbered line per step: ✅ what checked out, ❌ what did not. -->\n\n")
	fmt.Fprintf(w, "### Resolution\n<!-- What fixed it, and the request that succeeded after. -->\n\n")
	fmt.Fprintf(w, "### Prevention\n<!-- What keeps it from coming back: validation, docs, alerts. -->\n")
}

func (b bugWriter) stamp(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return *stamp(t, b.Location)
}

// bugStatus writes an HTTP status; 0 is no response, a negative one
// unknown.
func bugStatus(s int, none, unknown string) string {
	switch {
	case s == 0:
		return none
	case s < 0:
		return unknown
	}
	return fmt.Sprint(s)
}

// accountLine says whether the occurrence names an account, redacted.
func accountLine(a analyzer.Account) string {
	switch a {
	case analyzer.AccountSID:
		return "AC... (redacted)"
	case analyzer.AccountPath:
		return "... (redacted, from the endpoint path)"
	}
	return "not in the input"
}

// reRequestID finds a request id field in a response body.
var reRequestID = regexp.MustCompile(`(?i)"(?:x-)?request[_-]?id"\s*:\s*"([^"\\]{1,100})"`)

func requestID(body string) string {
	if m := reRequestID.FindStringSubmatch(body); m != nil {
		return bugCode(analyzer.RedactAccounts(m[1]))
	}
	return ""
}

// codeBlock fences a body, indented when it is JSON, with a fence longer
// than any run of backticks inside it.
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
	return MarkdownFence(body, lang)
}

// bugCode writes s as a Markdown code span on one line, at most 300
// characters ("" stays "").
func bugCode(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:299]) + "…"
	}
	return MarkdownCode(s)
}

// bugText escapes input text for a list item or a table cell.
func bugText(s string) string { return MarkdownText(strings.Join(strings.Fields(s), " ")) }

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}
