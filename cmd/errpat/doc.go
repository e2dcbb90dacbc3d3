// Command errpat reads API test logs and test-result files and reports
// what failed: by HTTP status and error class, by hour, by endpoint, by
// message pattern, with response times and crashed runs.
//
// Usage:
//
//	errpat [flags] [PATH|GLOB|-]...
//	errpat events [flags] [PATH|GLOB|-]...
//	errpat bugreport [--pattern N | --match TEXT] [flags] [PATH|GLOB|-]...
//	errpat patterns [--assign] [flags] [FILE|-]...
//	errpat completion bash|zsh|fish
//	errpat man
//
// --help (-h, errpat help) prints the usage on standard output, its flags
// in groups: input, window, analysis, output, alert, mail. completion
// writes a shell's completion script and man the manual page in roff,
// both made from the flags themselves.
//
// A flag not given on the command line is read from ERRPAT_<FLAG> (upper
// case, dashes as underscores: ERRPAT_TZ, ERRPAT_SMTP_HOST), else from
// $XDG_CONFIG_HOME/errpat/config (~/.config/errpat/config): one
// "name = value" or "name value" a line, # comments (see internal/cli/settings.go).
//
// patterns groups the lines of any log into message templates, the same
// grouping as the report's top messages (--assign: each line's template
// id as JSON lines).
//
// events writes every request the report counts as a JSON line (for jq
// and other tools); bugreport writes a Markdown bug report for one failure
// pattern after the error guide's template. Both take --tz, --input-tz,
// --workers and --output; a path named events or bugreport is ./events.
//
// --format html writes one self-contained page (one style block, charts
// as inline SVG, no script) that mail clients show whole; --format csv
// writes one table, chosen with --section. --mail-to mails the report,
// text and HTML as multipart/alternative, after it is rendered, by SMTP
// (--smtp-* flags or ERRPAT_SMTP_HOST, _PORT, _USER, _PASSWORD,
// _TLS=starttls|tls|none, _CA; the password only from the environment)
// or by --sendmail PATH. SMTP uses STARTTLS when the server offers it
// and sends a password only over TLS or to localhost.
// With --mail-to the report goes to --output when given, and to standard
// output only when the mail could not be sent: then errpat prints
// "errpat: send mail: …" and exits 2, and the report is not lost.
//
// A directory is searched recursively; a glob may use ** (quote it, or
// give it with --glob, so that the shell does not expand it first); -
// reads standard input; no argument means ./logs. Formats are told by content:
// the API test client's text logs and results files, load-test results,
// JSON lines, structured API_REQUEST log records, newman JSON reports,
// JUnit XML and colour test-runner logs, server access logs (Common and
// Combined Log Format; Caddy, Traefik, Envoy, nginx, Google Cloud and
// Cloudflare JSON; AWS load balancer logs) and HAR files, plain or
// gzip-compressed.
//
// Each format sees one side of the traffic: client (test clients, test
// runners, browsers' HAR files), load (load testers) or server (access
// logs). The report's inputs say which sources were read, with their
// side; --side client|server|load counts only the sources of that side
// (the others are counted as other_side). A server's log and a client's
// log of the same run are two views of it: their requests are not
// paired, and both are counted when both are read.
//
// --since and --until bound the window of records counted (the others
// are counted as outside_window). They take an RFC 3339 time, a date and
// time in --tz (2025-01-13 09:00), a date (2025-01-13), a duration back
// from now (90m, 24h, 7d, 2w: days and weeks count calendar days) or
// today, yesterday, this-week, last-week (weeks start on Monday). A date
// or word names a period: --since starts at its beginning, --until ends
// at its end, and --since alone covers the whole period: --since
// yesterday is all of yesterday, up to today 00:00. --compare previous
// also analyzes the window of the same length just before (for whole
// days, the same number of calendar days) in the same pass, and the
// report leads with what changed; --baseline FILE compares with a report
// saved earlier with --format json instead. The report names the failure
// patterns it detects: intermittent server errors, peak-hour degradation
// (--peak, default 09-18 in --tz), timeout bursts, rate limiting, auth
// outages, flaky tests and crashed runs.
//
// Endpoints are grouped with their ids folded to {id}: by shape (digits,
// UUIDs, phone numbers) and by position (a segment after a collection
// name that varies where other endpoints have an id). --routes FILE names
// them by the templates of an OpenAPI 3 document (JSON or YAML) or a
// Postman collection instead; paths it lacks are still folded.
//
// Exit codes: 0 the report was written; 1 the error rate is above
// --threshold; 2 a usage error, no input could be read, or (with --strict)
// an input problem; 3 under --threshold, no request in the inputs or the
// window.
package main
