package cli

import "github.com/spf13/pflag"

// Help is errpat --help: the usage lines of every command, the report's
// flags fs by group, then the time windows, the mail, the settings and
// the exit codes.
func Help(fs *pflag.FlagSet) string { return helpHead + Usages(fs) + helpTail }

const helpHead = `Usage: errpat [flags] [PATH|GLOB|-]...
       errpat events [flags] [PATH|GLOB|-]...    every request as JSON lines
       errpat bugreport [--pattern N | --match TEXT] [flags] [PATH|GLOB|-]...
       errpat patterns [--assign] [flags] [FILE|-]...  templates of any log
       errpat completion bash|zsh|fish     a shell's completion script
       errpat man                          the manual page (roff)
       errpat help | -h | --help | -V | --version

Reads API test logs and result files (directories recursively, globs with **,
- for standard input, .gz by content; default ./logs) and reports what failed.
Quote globs: 'logs/**/*.log' or --glob 'logs/**/*.log'. The shell expands an
unquoted ** itself (bash as *, one folder deep): errpat never sees it.

`

const helpTail = `
Time windows (--since, --until, in --tz):
  2025-01-13T09:00:00Z, 2025-01-13 09:00   a time (without a zone: in --tz)
  2025-01-13                               a date
  90m, 24h, 7d, 2w                         back from now
  today, yesterday, this-week, last-week   weeks start on Monday
  A date or word names a period: --since starts at its beginning, --until ends
  at its end, and --since alone covers all of it (--since yesterday: until today
  00:00). --compare previous needs --since; it compares with the window of the
  same length just before (for whole days, the days before).

Mail (--mail-to): SMTP settings from the --smtp-* flags or ERRPAT_SMTP_HOST,
  ERRPAT_SMTP_PORT, ERRPAT_SMTP_USER, ERRPAT_SMTP_PASSWORD (only there),
  ERRPAT_SMTP_TLS (starttls, tls, none), ERRPAT_SMTP_CA; or --sendmail PATH.
  The report goes to --output if given, else to standard output only when the
  mail could not be sent (exit 2).

Settings: a flag not given is read from ERRPAT_<FLAG> (ERRPAT_TZ, ERRPAT_PEAK,
  ERRPAT_MAIL_TO…), else from $XDG_CONFIG_HOME/errpat/config (~/.config/
  errpat/config): one 'flag = value' or 'flag value' a line, # comments.

Exit codes:
  0  report written; error rate within --threshold
  1  error rate above --threshold
  2  usage error, no input could be read, an input problem with --strict, the
     mail could not be sent, or (bugreport) no such failure pattern
  3  under --threshold: no request in the inputs or the window (no data)
`

// EventsUsage is errpat events --help, before its flags.
const EventsUsage = `Usage: errpat events [flags] [PATH|GLOB|-]...

Writes every request that the report counts as one JSON object per line
(JSON lines, for jq and other tools), in input order: time (RFC 3339 in
--tz, null when unknown), source, line, run, test, method, endpoint (the
pattern, ids as {id}), path (as written, secrets masked), status (0: no
HTTP response), failed, class, error_code, pattern (failures only),
message and seconds (null when unknown). Duplicates (a results file beside
its log, newman's JUnit beside its JSON) are written once; --since and
--until keep the requests of a window, as for the report.
`

// BugReportUsage is errpat bugreport --help, before its flags.
const BugReportUsage = `Usage: errpat bugreport [--pattern N | --match TEXT] [flags] [PATH|GLOB|-]...

Writes a Markdown bug report for one failure pattern, after the error guide's
template: environment, error details, the request payload and response body
of a real occurrence, where and in which tests it occurred, the resolution
hint of its class, and empty sections for the steps taken, the resolution and
the prevention. Secrets are masked and account ids redacted.
Exit code 2 when the inputs hold no such pattern.
`

// PatternsUsage is errpat patterns --help, before its flags.
const PatternsUsage = `Usage: errpat patterns [flags] [FILE|-]...

Groups the lines of any log (standard input without FILE, or with -) into
message templates, the same grouping as the report's top messages: the
variable parts are marked <n>, <id>, <ip>, <time> (seen in a line) or <*>
(learned over the lines). A timestamp and a level at the start of a line
are set aside. Prints each template with its count, an example, and when
it was first and last seen, most frequent first. --assign instead writes,
for each input line in input order, one JSON object per line:
{"source": …, "line": N, "pattern_id": …, "pattern": …}; the id is stable
for a template, so that two runs can be compared.
`
