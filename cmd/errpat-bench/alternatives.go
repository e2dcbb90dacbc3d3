package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
)

// analyzeErrorPatterns is the Python script of the guide errpat grew from
// (ERROR_REPORTS.md), as it is but for the files it reads, which its
// first argument may name (see seed/README.md).
//
//go:embed seed/analyze_error_patterns.py
var analyzeErrorPatterns []byte

// alternative is a tool a user would run instead of errpat, as the guide
// gives it, on the files of the many-files corpus (run in the corpus's
// folder, so that logs/ is where the guide expects it).
type alternative struct {
	name  string
	needs string // the program it needs
	shell string // the command, run with sh -c
	wrong string // what it gets wrong
}

// alternatives are the guide's grep pipelines and Python script, jq on the
// JSON-lines files and lnav with an hourly error query.
var alternatives = []alternative{
	{"grep: errors by hour", "grep", `grep -E "HTTP [4-5][0-9][0-9]" logs/api_test_*.log | cut -d' ' -f1,2 | cut -d: -f1,2 | sort | uniq -c | sort -nr`,
		"over many files grep puts the file name first, so it counts per file and hour; network errors and timeouts (no HTTP status) are missed; no totals, so no rate"},
	{"grep: top messages", "grep", `grep "ERROR" logs/*.log | grep -o '"message":"[^"]*"' | sort | uniq -c | sort -nr | head -10`,
		`finds nothing: the client logs bodies pretty-printed ("message": "…", with a space); logs/*.log skips subfolders; ids would split each message`},
	{"grep + jq: slow responses", "jq", `grep "response_time" logs/test_results/*.json | jq -r 'select(.response_time > 2.0) | "\(.timestamp) \(.endpoint) \(.response_time)s"'`,
		"fails: over many files grep puts the file name first, which is no JSON; the files that name it responseTime or duration_ms are left out"},
	{"jq on JSON lines: errors by hour", "jq", `jq -r 'select(.status_code >= 400) | .timestamp[0:13]' logs/test_results/*.json logs/metrics/*.jsonl | sort | uniq -c`,
		"reads status_code only: the files that name it statusCode are left out, as are requests without a status (timeouts); errors only, no totals"},
	{"grep: alert script", "grep", `f=$(ls logs/api_test_*.log | tail -1 | cut -c15-22); total=$(grep -c "Testing" logs/api_test_$f*.log); failed=$(grep -c "❌" logs/api_test_$f*.log); echo $((failed * 100 / total))`,
		"fails (for the last day of logs, as the guide's date +%Y%m%d): grep -c over several files prints a count per file, which $(( )) cannot add; ❌ lines are not all failed requests"},
	{"python: analyze_error_patterns.py", "python3", `python3 "$SCRIPT"`,
		"fails: logs/test_results/ holds JSON lines, which json.load cannot read"},
	{"python: …, on the results files", "python3", `python3 "$SCRIPT" 'logs/test_results_*.json'`,
		"counts failures of completed runs only (a crashed run writes no results file), with no totals, so no rate, hours as written, in no zone"},
	{"lnav: errors by hour", "lnav", `lnav -n -c ";SELECT strftime('%Y-%m-%dT%H', log_time) AS hour, count(*) FROM all_logs WHERE log_level = 'error' GROUP BY hour" logs`,
		"counts ERROR lines, not failed requests: a failure logs several (the ❌ line, its details), and errors without a request count too"},
}

// alternativeResult is one alternative timed.
type alternativeResult struct {
	alt     alternative
	seconds float64
	exit    int
	lines   int // lines it printed
	missing bool
	err     error
}

// measureAlternatives times each alternative on c, best of repeat.
func measureAlternatives(c *corpus, repeat int) []alternativeResult {
	script := filepath.Join(os.TempDir(), fmt.Sprintf("errpat-bench-%d.py", os.Getpid()))
	if err := os.WriteFile(script, analyzeErrorPatterns, 0o644); err != nil {
		return []alternativeResult{{alt: alternatives[0], err: err}}
	}
	defer os.Remove(script)
	var out []alternativeResult
	for _, a := range alternatives {
		r := alternativeResult{alt: a}
		if _, err := exec.LookPath(a.needs); err != nil {
			r.missing = true
			out = append(out, r)
			continue
		}
		for i := range repeat {
			secs, exit, lines, err := timeShell(a.shell, c.dir, script)
			if err != nil {
				r.err = err
				break
			}
			if i == 0 || secs < r.seconds {
				r.seconds = secs
			}
			r.exit, r.lines = exit, lines
		}
		out = append(out, r)
	}
	return out
}

// timeShell runs a shell command in dir with $SCRIPT set, and returns its
// wall time, exit status and the lines it printed.
func timeShell(command, dir, script string) (float64, int, int, error) {
	cmd := exec.Command("sh", "-c", command)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SCRIPT="+script, "LC_ALL=C.UTF-8")
	lines := &lineCounter{}
	cmd.Stdout, cmd.Stderr = lines, io.Discard
	start := time.Now()
	err := cmd.Run()
	secs := elapsed(start)
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return secs, 0, lines.n, nil
	case errors.As(err, &exitErr):
		return secs, exitErr.ExitCode(), lines.n, nil
	}
	return secs, 0, 0, fmt.Errorf("run sh -c %q: %w", command, err)
}

// lineCounter counts the lines written to it.
type lineCounter struct{ n int }

func (l *lineCounter) Write(p []byte) (int, error) {
	l.n += strings.Count(string(p), "\n")
	return len(p), nil
}

// writeAlternatives prints the alternatives beside errpat's time on the
// same corpus.
func writeAlternatives(w io.Writer, c *corpus, errpat float64, rs []alternativeResult) {
	fmt.Fprintf(w, "instead of errpat (%.3f s on %s), on the same files:\n", errpat, c.spec.name)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  tool\ts\texit\tlines out\twhat it gets wrong")
	for _, r := range rs {
		switch {
		case r.missing:
			fmt.Fprintf(tw, "  %s\t-\t-\t-\t%s not installed\n", r.alt.name, r.alt.needs)
		case r.err != nil:
			fmt.Fprintf(tw, "  %s\t-\t-\t-\t%v\n", r.alt.name, r.err)
		default:
			fmt.Fprintf(tw, "  %s\t%.3f\t%d\t%d\t%s\n", r.alt.name, r.seconds, r.exit, r.lines, r.alt.wrong)
		}
	}
	tw.Flush()
}
