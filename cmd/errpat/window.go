package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/errpat/errpat/analyzer"
	"github.com/errpat/errpat/cmd/errpat/internal/cli"
	"github.com/errpat/errpat/parsers"
	"github.com/errpat/errpat/report"
)

// dailyOptions are the daily report's flags: the window (--since and
// --until, declared with the shared flags), the comparison and the peak
// band.
type dailyOptions struct {
	since, until string // as given
	compare      string
	baseline     string
	peak         string
	// now is the clock that durations and words count from; tests set it.
	now func() time.Time

	window      analyzer.Window // resolved --since and --until (zero: open)
	previous    analyzer.Window // the window compared with, for --compare previous
	band        analyzer.Band
	hasPrevious bool
}

func addDailyFlags(fs *pflag.FlagSet, d *dailyOptions) {
	fs.StringVar(&d.compare, "compare", "", "compare with the `previous` window of the same length (needs --since)")
	fs.StringVar(&d.baseline, "baseline", "", "compare with a report saved earlier with --format json, read from `FILE`")
	fs.StringVar(&d.peak, "peak", "09-18", "peak `HOURS` of the day in --tz for the peak-hour detector (22-06 wraps past midnight)")
	if d.now == nil {
		d.now = time.Now
	}
}

// check resolves the flags in loc, rejecting bad or contradictory values.
func (d *dailyOptions) check(loc *time.Location) error {
	var ok bool
	if d.band, ok = analyzer.ParseBand(d.peak); !ok {
		return fmt.Errorf("%w: invalid --peak %q (want two different hours of the day such as 09-18 or 22-06)", cli.ErrUsage, d.peak)
	}
	now := d.now()
	if err := d.resolveWindow(now, loc); err != nil {
		return err
	}
	switch {
	case d.compare != "" && d.compare != "previous":
		return fmt.Errorf("%w: invalid --compare %q (want previous)", cli.ErrUsage, d.compare)
	case d.compare != "" && d.baseline != "":
		return fmt.Errorf("%w: --compare and --baseline exclude each other (compare with the previous window or with a saved report)", cli.ErrUsage)
	case d.compare != "" && d.since == "":
		return fmt.Errorf("%w: --compare previous needs --since (the window whose previous one to compare with)", cli.ErrUsage)
	case d.compare != "":
		if d.window.Until.IsZero() {
			d.window.Until = now
		}
		d.previous = d.window.Previous(loc)
		d.hasPrevious = true
	}
	return nil
}

// resolveWindow turns --since and --until into times (analyzer.Span).
func (d *dailyOptions) resolveWindow(now time.Time, loc *time.Location) (err error) {
	d.window, err = analyzer.Span(d.since, d.until, now, loc)
	var we *analyzer.WhenError
	switch {
	case !errors.As(err, &we):
		return err
	case we.End == "":
		return fmt.Errorf("%w: empty window: --since %s is not before --until %s", cli.ErrUsage,
			we.Empty.Since.Format(time.RFC3339), we.Empty.Until.Format(time.RFC3339))
	}
	return fmt.Errorf("%w: invalid --%s %q (want %s)", cli.ErrUsage, we.End, we.Value, analyzer.WhenForms)
}

// asGiven names the window as the flags gave it: "--since 24h".
func (d *dailyOptions) asGiven() string {
	var window []string
	if d.since != "" {
		window = append(window, "--since "+d.since)
	}
	if d.until != "" {
		window = append(window, "--until "+d.until)
	}
	return strings.Join(window, " ")
}

// config sets the window, the window compared with and the peak band.
func (d *dailyOptions) config(cfg analyzer.Config) analyzer.Config {
	cfg.Since, cfg.Until, cfg.Peak = d.window.Since, d.window.Until, d.band
	if d.hasPrevious {
		prev := cfg
		prev.Since, prev.Until = d.previous.Since, d.previous.Until
		cfg.Previous = &prev
	}
	return cfg
}

// readBaseline reads --baseline, before any input, so that a wrong file
// costs no analysis.
func (d *dailyOptions) readBaseline() (*report.Report, error) {
	if d.baseline == "" {
		return nil, nil
	}
	f, err := os.Open(d.baseline)
	if err != nil {
		return nil, fmt.Errorf("read --baseline: %w", err)
	}
	defer f.Close()
	r, err := report.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("read --baseline %s: %w", d.baseline, err)
	}
	return r, nil
}

// unwrittenCutoff is the modification time before which an input cannot
// hold a record of the window, nor of the one compared with: zero when
// the window has no start, so that every input is read (see
// pipeline.writtenSince).
func (d *dailyOptions) unwrittenCutoff(inputLoc *time.Location) time.Time {
	since := d.window.Since
	if d.hasPrevious && !d.previous.Since.IsZero() && (since.IsZero() || d.previous.Since.Before(since)) {
		since = d.previous.Since
	}
	return parsers.WrittenBefore(since, inputLoc)
}
