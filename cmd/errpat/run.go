package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/cmd/errpat/internal/mail"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// Exit codes, documented in --help and README.md.
const (
	exitOK      = 0 // report written, error rate within --threshold
	exitAlert   = 1 // error rate above --threshold
	exitFailure = 2 // usage error, no input could be read, or a problem under --strict
	exitNoData  = 3 // under --threshold: no request in the inputs or the window
)

// version is stamped by the Makefile with -ldflags.
var version = "dev"

// options are the parsed command line.
type options struct {
	commonOptions
	slow      time.Duration
	top       int
	threshold cli.Percent
	strict    bool
	color     string
	width     int    // --width: columns of the text report (0: the terminal's, or 100)
	detail    string // --detail: low, medium, high
	version   bool
	section   string        // table of --format csv
	routes    string        // --routes FILE: the API's endpoint templates
	side      string        // --side: count only the sources of this side
	mail      mail.Settings // --mail-to and its settings
	daily     dailyOptions  // --since, --until, --compare, --baseline, --peak (window.go)

	thresholdSet bool
}

// newReportFlags declares the report's flags into o.
func newReportFlags(o *options) *pflag.FlagSet {
	fs := pflag.NewFlagSet("errpat", pflag.ContinueOnError)
	addCommonFlags(fs, &o.commonOptions, &o.daily, "format")
	addCommonFlags(fs, &o.commonOptions, &o.daily, allCommon...)
	fs.DurationVar(&o.slow, "slow", 2*time.Second, "response time above which a request is slow")
	fs.IntVar(&o.top, "top", 10, "rows of top messages and slowest requests")
	fs.Var(&o.threshold, "threshold", "exit 1 when the error rate is above `PERCENT` (3 when there is no request)")
	fs.BoolVar(&o.strict, "strict", false, "exit 2 when any input problem was found")
	fs.StringVar(&o.color, "color", "auto", "colour in text output: auto, always, never")
	fs.IntVar(&o.width, "width", 0, "`COLUMNS` of the text report (default the terminal's width, or 100)")
	fs.StringVar(&o.detail, "detail", "medium", "detail of the text and Markdown reports: "+strings.Join(report.Details, ", "))
	fs.BoolVarP(&o.version, "version", "V", false, "print the version and exit")
	fs.StringVar(&o.side, "side", "", "count only the sources of one `SIDE` of the traffic: client, server, load (default all)")
	fs.StringVar(&o.section, "section", report.DefaultCSVSection, "table of --format csv: "+strings.Join(report.CSVSections, ", "))
	fs.StringVar(&o.routes, "routes", "", "name endpoints by the templates of an OpenAPI 3 document (JSON or YAML) or a Postman collection in `FILE`")
	addMailFlags(fs, &o.mail)
	addDailyFlags(fs, &o.daily)
	return fs
}

func parseFlags(args []string, stdout io.Writer) (*options, error) {
	o := &options{}
	fs := newReportFlags(o)
	help := func(brief bool) string {
		if brief {
			return cli.Brief(cli.Help(fs), fs)
		}
		return cli.Help(fs)
	}
	if err := cli.Parse(fs, args, stdout, help); err != nil {
		return nil, err
	}
	if o.version {
		return o, nil // whatever the settings say
	}
	from, err := cli.ApplySettings(fs, commands)
	if err != nil {
		return nil, err
	}
	o.thresholdSet = fs.Changed("threshold") || from["threshold"] != ""
	o.format = strings.ToLower(o.format)
	if !fs.Changed("format") && o.output != "" {
		if f := report.FormatOfFile(o.output); f != "" {
			o.format = f
		}
	}
	o.paths = fs.Args()
	if err := o.check(); err != nil {
		return o, from.Explain(err)
	}
	return o, from.Explain(o.checkDelivery(fs))
}

// check rejects bad or contradictory values before any input is read.
func (o *options) check() error {
	o.detail = strings.ToLower(o.detail)
	for _, err := range []error{cli.OneOf("format", o.format, report.FormatNames()), cli.OneOf("color", o.color, colors),
		cli.OneOf("detail", o.detail, report.Details)} {
		if err != nil {
			return err
		}
	}
	if o.width < 0 || o.width > 0 && o.width < minWidth {
		return fmt.Errorf("%w: invalid --width %d (want %d or more)", cli.ErrUsage, o.width, minWidth)
	}
	if o.side != "" {
		if err := cli.OneOf("side", o.side, sides); err != nil {
			return err
		}
	}
	if o.top < 0 {
		return fmt.Errorf("%w: invalid --top %d (want 0 or more)", cli.ErrUsage, o.top)
	}
	if o.slow < 0 {
		return fmt.Errorf("%w: invalid --slow %s (want a positive duration such as 2s or 500ms)", cli.ErrUsage, o.slow)
	}
	if o.thresholdSet && (o.threshold < 0 || o.threshold > 100) {
		return fmt.Errorf("%w: invalid --threshold %g (want a percentage from 0 to 100)", cli.ErrUsage, float64(o.threshold))
	}
	if err := o.commonOptions.check(); err != nil {
		return err
	}
	return o.daily.check(o.loc)
}

// colors are the values of --color.
var colors = []string{"auto", "always", "never"}

// sides are the values of --side.
var sides = []string{string(parsers.SideClient), string(parsers.SideServer), string(parsers.SideLoad)}

// run is errpat's command line, in-process: it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd, err := dispatch(args, stdin, stdout, stderr)
	return exitCode(cmd, err, stderr)
}

// dispatch runs the command that args name, the report when they name
// none, and returns the command's name and its error.
func dispatch(args []string, stdin io.Reader, stdout, stderr io.Writer) (string, error) {
	if len(args) > 0 {
		switch args[0] {
		case "events":
			return args[0], runEvents(args[1:], stdin, stdout, stderr)
		case "bugreport":
			return args[0], runBugReport(args[1:], stdin, stdout, stderr)
		case "patterns":
			return args[0], runPatterns(args[1:], stdin, stdout, stderr)
		case "completion":
			return args[0], spec().Completion(args[1:], stdout)
		case "man":
			return args[0], spec().Man(args[1:], stdout)
		case "help":
			if len(args) > 1 && slices.Contains(cli.Subcommands(commands()), args[1]) && args[1] != "help" {
				return dispatch([]string{args[1], "--help"}, stdin, stdout, stderr) // errpat help events
			}
			args = []string{"--help"}
		}
	}
	o, err := parseFlags(args, stdout)
	switch {
	case err != nil:
		return "", err
	case o.version:
		fmt.Fprintf(stdout, "errpat %s\n", versionString())
		return "", nil
	}
	return "", analyze(o, stdin, stdout, stderr)
}

// analyze is the report; an exitError carries the exit code of an alert
// or of no data.
func analyze(o *options, stdin io.Reader, stdout, stderr io.Writer) error {
	baseline, err := o.daily.readBaseline()
	if err != nil {
		return err
	}
	var routes []string
	if o.routes != "" {
		if routes, err = parsers.ReadRoutes(o.routes); err != nil {
			return fmt.Errorf("invalid --routes: %w", err)
		}
	}
	mask := newMasker()
	p := &pipeline{
		paths: o.paths, selection: o.selection, output: o.output, workers: o.workers, mask: mask,
		config: o.daily.config(analyzer.Config{Location: o.loc, Slow: o.slow, Top: o.top, MaxProblems: maxProblems, Mask: mask.Mask,
			Side: parsers.Side(o.side), Routes: routes}),
		parse:    parsers.Options{Location: o.inputLoc, Formats: o.formats},
		progress: newProgress(stderr), tellUntold: true, writtenSince: o.daily.unwrittenCutoff(o.inputLoc),
	}
	res, err := p.run(stdin, stderr)
	if err != nil {
		return err
	}
	ropt := report.Options{Top: o.top, Baseline: baseline, BaselineName: o.daily.baseline}
	if o.thresholdSet {
		t := float64(o.threshold)
		ropt.Threshold = &t
	}
	rep := report.New(res, ropt)
	rep.Mask(mask.MaskKnown)
	// The result is not used from here on: it can go while the report
	// is encoded, where the peak of memory falls.
	end := endOf(o, res, rep, mask)
	// The reading's garbage goes before the report is encoded, whose
	// buffers of a megabyte or more would otherwise take new pages beside
	// the freed ones: a collection of what is left (the report) costs a
	// few milliseconds.
	runtime.GC()
	if err := publish(o, rep, stdout); err != nil {
		return err
	}
	return end.tell(stderr)
}

// reportEnd is what analyze tells and returns once the report is out,
// taken from the result before the report is written, so that the result
// can go while the report is being encoded.
type reportEnd struct {
	notLogFiles []string // told under --strict
	noRequests  string   // why there is no request, if there is none
	err         error
}

// endOf works out the end of a report: the warnings and the error or
// exit code of res.
func endOf(o *options, res *analyzer.Result, rep *report.Report, mask *analyzer.Masker) reportEnd {
	var end reportEnd
	if o.strict {
		for _, name := range res.NotLogFiles {
			end.notLogFiles = append(end.notLogFiles, problemLine(mask, parsers.Problem{Source: name, Err: "not a log or report: skipped"}))
		}
	}
	if res.Requests == 0 {
		end.noRequests = report.NoRequests(res, o.daily.asGiven())
	}
	switch {
	case o.strict && res.NotLogs > 0:
		end.err = fmt.Errorf("%d input problem(s), %d files that are not logs or reports, and --strict is set",
			res.ProblemCount, res.NotLogs)
	case o.strict && res.ProblemCount > 0:
		end.err = fmt.Errorf("%d input problem(s) and --strict is set", res.ProblemCount)
	case res.Requests == 0 && o.thresholdSet:
		end.err = exitError(exitNoData)
	case rep.Alert.Breached:
		end.err = exitError(exitAlert)
	}
	return end
}

// tell writes the end's warnings and returns its error.
func (e reportEnd) tell(stderr io.Writer) error {
	for _, line := range e.notLogFiles {
		warn(stderr, nil, line)
	}
	if e.noRequests != "" {
		warn(stderr, nil, e.noRequests)
	}
	return e.err
}

// maxProblems is how many problems of each file are told on standard
// error and kept in the report; all are counted.
const maxProblems = 20

// minWidth is the narrowest text report --width allows.
const minWidth = 40
