package report

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/errpat/errpat/analyzer"
)

// Detected is a failure pattern found in the window: its name, a
// sentence, and its evidence in the field its name calls for. Each name
// shows at most once.
type Detected struct {
	Name    string  `json:"name"`
	Summary string  `json:"summary"`
	Count   int     `json:"count"` // requests that show it (flaky_tests: tests; crashed_runs: runs)
	First   *string `json:"first"`
	Last    *string `json:"last"`

	Intermittent []Intermittent `json:"intermittent,omitempty"` // intermittent_server_errors
	Peak         *Peak          `json:"peak,omitempty"`         // peak_hour_degradation
	Bursts       []Burst        `json:"bursts,omitempty"`       // timeout_bursts
	RateLimit    *RateLimit     `json:"rate_limit,omitempty"`   // rate_limiting
	AuthOutages  []AuthOutage   `json:"auth_outages,omitempty"` // auth_outage
	FlakyTests   []FlakyTest    `json:"flaky_tests,omitempty"`  // flaky_tests
	CrashedRuns  []Incomplete   `json:"crashed_runs,omitempty"` // crashed_runs

	// A list of evidence holds at most 1000 rows, the first by time;
	// LeftOut counts the rest. RunsLeftOut counts the runs failed whole
	// with 401/403 beyond the 1000 named in auth_outages (by input and id).
	LeftOut     int `json:"left_out,omitempty"`
	RunsLeftOut int `json:"runs_left_out,omitempty"`
}

// Intermittent is one 5xx status at a low rate spread over the window.
type Intermittent struct {
	Status      int     `json:"status"`
	Count       int     `json:"count"`
	Rate        float64 `json:"rate"` // percent of all requests
	Hours       int     `json:"hours"`
	ActiveHours int     `json:"active_hours"` // hours with requests
	MaxInHour   int     `json:"max_in_one_hour"`
	First       *string `json:"first"`
	Last        *string `json:"last"`
}

// Peak compares the peak band of hours with the rest of the day.
type Peak struct {
	Band    string      `json:"band"`
	InBand  BandStats   `json:"in_band"`
	Outside BandStats   `json:"outside"`
	Causes  []PeakCause `json:"causes"`
}

// BandStats sums up the hours of the day in (or out of) the band. The
// typical hour is the median of the hourly success rates (hours with 5
// requests or more), which one heavy hour cannot sway.
type BandStats struct {
	Requests               int     `json:"requests"`
	Failed                 int     `json:"failed"`
	SuccessRate            float64 `json:"success_rate"`
	TypicalHourSuccessRate float64 `json:"typical_hour_success_rate"`
	Hours                  int     `json:"hours"`
	HoursWith429Or503      int     `json:"hours_with_429_or_503"`
	Failed429Or503         int     `json:"failed_429_or_503"`
}

// PeakCause counts a failure status in and out of the band.
type PeakCause struct {
	Status  int `json:"status"`
	InBand  int `json:"in_band"`
	Outside int `json:"outside"`
}

// Burst is a spell of minutes in which most requests got no response.
type Burst struct {
	Start      *string `json:"start"`
	End        *string `json:"end"`
	NoResponse int     `json:"no_response"`
	Timeouts   int     `json:"timeouts"`
	Requests   int     `json:"requests"`
}

// RateLimit describes the 429s and what the clients did after them.
type RateLimit struct {
	RetryAfter   []RetryAfter `json:"retry_after"`
	NoRetryAfter int          `json:"no_retry_after"`
	Waits        *Waits       `json:"waits"` // null when no run went on after a 429
}

// RetryAfter counts the 429s that asked for one Retry-After.
type RetryAfter struct {
	Seconds float64 `json:"seconds"`
	Count   int     `json:"count"`
}

// Waits sums up the time from a 429 to the same run's next request.
type Waits struct {
	Count                 int     `json:"count"`
	MinSeconds            float64 `json:"min_seconds"`
	MedianSeconds         float64 `json:"median_seconds"`
	MaxSeconds            float64 `json:"max_seconds"`
	ShorterThanRetryAfter int     `json:"shorter_than_retry_after"`
}

// AuthOutage is a spell, or a run, in which every request failed with
// 401 or 403.
type AuthOutage struct {
	Start        *string  `json:"start"`
	End          *string  `json:"end"`
	Requests     int      `json:"requests"`
	Unauthorized int      `json:"unauthorized"` // 401s
	Forbidden    int      `json:"forbidden"`    // 403s
	Runs         []string `json:"runs"`
}

// FlakyTest is a test that passed in some runs and failed in others.
type FlakyTest struct {
	Test       string        `json:"test"`
	PassedRuns int           `json:"passed_runs"`
	FailedRuns int           `json:"failed_runs"`
	Passed     int           `json:"passed"`
	Failed     int           `json:"failed"`
	Statuses   []StatusTally `json:"statuses"`
}

// StatusTally counts failures of one status.
type StatusTally struct {
	Status int `json:"status"`
	Count  int `json:"count"`
}

func intermittentFinding(f analyzer.Findings, loc *time.Location) *Detected {
	if len(f.Intermittent) == 0 {
		return nil
	}
	d := &Detected{Name: "intermittent_server_errors"}
	var parts []string
	var first, last time.Time
	for _, e := range f.Intermittent {
		d.Count += e.Count
		first, last = earliest(first, e.First), latest(last, e.Last)
		d.Intermittent = append(d.Intermittent, Intermittent{Status: e.Status, Count: e.Count, Rate: round(e.Rate, 2),
			Hours: e.Hours, ActiveHours: e.ActiveHours, MaxInHour: e.MaxInHour, First: stamp(e.First, loc), Last: stamp(e.Last, loc)})
		parts = append(parts, fmt.Sprintf("HTTP %d ×%d (%.2f%% of requests) in %d of %d hours with requests, never more than %d in one hour, %s",
			e.Status, e.Count, e.Rate, e.Hours, e.ActiveHours, e.MaxInHour, clockRange(e.First, e.Last, loc)))
	}
	d.First, d.Last = stamp(first, loc), stamp(last, loc)
	d.Summary = strings.Join(parts, "; ") + ": a low, steady rate, not an outage."
	return d
}

func peakFinding(f analyzer.Findings, _ *time.Location) *Detected {
	p := f.Peak
	if p == nil {
		return nil
	}
	d := &Detected{Name: "peak_hour_degradation", Count: p.In.Failed,
		Peak: &Peak{Band: p.Band.String(), InBand: bandStats(p.In), Outside: bandStats(p.Out), Causes: []PeakCause{}}}
	var causes []string
	for _, c := range p.Causes {
		d.Peak.Causes = append(d.Peak.Causes, PeakCause{c.Status, c.In, c.Out})
		causes = append(causes, fmt.Sprintf("%s ×%d", failureLabel(c.Status), c.In))
	}
	d.Summary = fmt.Sprintf("In %s a typical hour succeeds %.1f%% of requests vs %.1f%% outside (all requests: %.1f%% vs %.1f%%). "+
		"429/503 failed requests in %d of %d hours of the band vs %d of %d outside (%d vs %d failures). The band's failures: %s.",
		p.Band, p.In.TypicalHour, p.Out.TypicalHour, p.In.SuccessRate, p.Out.SuccessRate,
		p.In.CapacityHours, p.In.Hours, p.Out.CapacityHours, p.Out.Hours, p.In.Capacity, p.Out.Capacity, strings.Join(causes, ", "))
	return d
}

func bandStats(b analyzer.BandStats) BandStats {
	return BandStats{Requests: b.Requests, Failed: b.Failed, SuccessRate: round(b.SuccessRate, 2),
		TypicalHourSuccessRate: round(b.TypicalHour, 2), Hours: b.Hours, HoursWith429Or503: b.CapacityHours,
		Failed429Or503: b.Capacity}
}

func burstFinding(f analyzer.Findings, loc *time.Location) *Detected {
	if len(f.Bursts) == 0 {
		return nil
	}
	d := &Detected{Name: "timeout_bursts", First: stamp(f.Bursts[0].Start, loc), Last: stamp(f.Bursts[len(f.Bursts)-1].End, loc)}
	for i, b := range f.Bursts {
		d.Count += b.Count
		if i >= analyzer.MaxRunsListed {
			d.LeftOut++
			continue
		}
		d.Bursts = append(d.Bursts, Burst{Start: stamp(b.Start, loc), End: stamp(b.End, loc), NoResponse: b.Count,
			Timeouts: b.Timeouts, Requests: b.Requests})
	}
	var parts []string
	for _, i := range largest(len(f.Bursts), func(i int) int { return f.Bursts[i].Count }, maxNamed) {
		b := f.Bursts[i]
		parts = append(parts, fmt.Sprintf("%s (%d of %d requests, %d timeouts)",
			clockRange(b.Start, b.End, loc), b.Count, b.Requests, b.Timeouts))
	}
	d.Summary = fmt.Sprintf("Requests got no response (timeouts, network errors) far more often than the rest of the day in %s: %s.",
		plural(len(f.Bursts), "burst"), namedOf(parts, len(f.Bursts), "the largest"))
	return d
}

func rateLimitFinding(f analyzer.Findings, loc *time.Location) *Detected {
	rl := f.RateLimit
	if rl == nil {
		return nil
	}
	d := &Detected{Name: "rate_limiting", Count: rl.Count, First: stamp(rl.First, loc), Last: stamp(rl.Last, loc),
		RateLimit: &RateLimit{RetryAfter: []RetryAfter{}, NoRetryAfter: rl.NoRetryAfter}}
	var asked []string
	for _, v := range rl.RetryAfter {
		d.RateLimit.RetryAfter = append(d.RateLimit.RetryAfter, RetryAfter{v.Seconds, v.Count})
		asked = append(asked, fmt.Sprintf("%gs ×%d", v.Seconds, v.Count))
	}
	if rl.NoRetryAfter > 0 {
		asked = append(asked, fmt.Sprintf("none given ×%d", rl.NoRetryAfter))
	}
	d.Summary = fmt.Sprintf("HTTP 429 ×%d, %s; Retry-After asked: %s.", rl.Count, clockRange(rl.First, rl.Last, loc), strings.Join(asked, ", "))
	if w := rl.Waits; w.Count > 0 {
		d.RateLimit.Waits = &Waits{Count: w.Count, MinSeconds: round(w.Min, 3), MedianSeconds: round(w.Median, 3),
			MaxSeconds: round(w.Max, 3), ShorterThanRetryAfter: w.Early}
		d.Summary += " " + waitSentence(w)
	}
	return d
}

func waitSentence(w analyzer.Waits) string {
	waited := fmt.Sprintf("%.3fs later", w.Min)
	if w.Max > w.Min {
		waited = fmt.Sprintf("%.3fs to %.3fs later (median %.3fs)", w.Min, w.Max, w.Median)
	}
	return fmt.Sprintf("The run's next request came %s: sooner than Retry-After %d of %s.", waited, w.Early, plural(w.Count, "time"))
}

func authFinding(f analyzer.Findings, loc *time.Location) *Detected {
	if len(f.AuthOutages) == 0 {
		return nil
	}
	d := &Detected{Name: "auth_outage", First: stamp(f.AuthOutages[0].Start, loc)}
	var parts []string
	var last time.Time
	for i, o := range f.AuthOutages {
		d.Count += o.Requests
		last = latest(last, o.End)
		if i >= analyzer.MaxRunsListed {
			d.LeftOut++
			continue
		}
		ao := AuthOutage{Start: stamp(o.Start, loc), End: stamp(o.End, loc), Requests: o.Requests,
			Unauthorized: o.Unauthorized, Forbidden: o.Requests - o.Unauthorized, Runs: []string{}}
		for _, run := range o.Runs {
			ao.Runs = append(ao.Runs, runName(run.Source, run.Run))
		}
		d.AuthOutages = append(d.AuthOutages, ao)
	}
	for _, i := range largest(len(f.AuthOutages), func(i int) int { return f.AuthOutages[i].Requests }, maxNamed) {
		o := f.AuthOutages[i]
		parts = append(parts, fmt.Sprintf("%s, %s", clockRange(o.Start, o.End, loc), plural(o.Requests, "request")))
	}
	d.Last = stamp(last, loc)
	d.Summary = fmt.Sprintf("Every request failed with 401/403 (credentials or permissions) in %s: %s.",
		plural(len(f.AuthOutages), "spell"), namedOf(parts, len(f.AuthOutages), "the largest"))
	if f.AuthRunsLeftOut > 0 {
		d.RunsLeftOut = f.AuthRunsLeftOut
		d.Summary += fmt.Sprintf(" %s failed whole; the first %d by input and name are named.",
			plural(f.AuthRunsLeftOut+analyzer.MaxRunsListed, "run"), analyzer.MaxRunsListed)
	}
	return d
}

// maxNamed bounds the tests, runs, bursts or spells a summary names.
const maxNamed = 3

// namedOf joins the parts a summary names out of total: all of them when
// that is all there is, else "the largest: a; b; c; and 9 more".
func namedOf(parts []string, total int, which string) string {
	if total <= len(parts) {
		return strings.Join(parts, "; ")
	}
	return fmt.Sprintf("%s: %s; and %d more", which, strings.Join(parts, "; "), total-len(parts))
}

func flakyFinding(f analyzer.Findings, _ *time.Location) *Detected {
	if len(f.Flaky) == 0 {
		return nil
	}
	d := &Detected{Name: "flaky_tests", Count: len(f.Flaky)}
	var named []string
	for i, ft := range f.Flaky {
		tallies := []StatusTally{}
		for _, s := range ft.Statuses {
			tallies = append(tallies, StatusTally{s.Status, s.Count})
		}
		d.FlakyTests = append(d.FlakyTests, FlakyTest{Test: ft.Test, PassedRuns: ft.PassedRuns, FailedRuns: ft.FailedRuns,
			Passed: ft.Passed, Failed: ft.Failed, Statuses: tallies})
		if i < maxNamed {
			named = append(named, fmt.Sprintf("%s (failed in %d of %d runs)", ft.Test, ft.FailedRuns, ft.FailedRuns+ft.PassedRuns))
		}
	}
	if len(f.Flaky) > maxNamed {
		named = append(named, fmt.Sprintf("and %d more", len(f.Flaky)-maxNamed))
	}
	d.Summary = fmt.Sprintf("%s passed in some runs and failed in others: %s. Runs in which half the requests or more failed are not counted.",
		plural(len(f.Flaky), "test"), strings.Join(named, ", "))
	return d
}

func crashedFinding(f analyzer.Findings, loc *time.Location) *Detected {
	if len(f.Crashed) == 0 {
		return nil
	}
	d := &Detected{Name: "crashed_runs", Count: f.CrashedCount, First: stamp(f.Crashed[0].Start, loc), Last: stamp(f.CrashedLast, loc)}
	var parts []string
	d.LeftOut = f.CrashedCount - len(f.Crashed)
	for i, run := range f.Crashed {
		d.CrashedRuns = append(d.CrashedRuns, Incomplete{Run: run.ID, File: run.Source, Start: stamp(run.Start, loc),
			End: stamp(run.End, loc), Requests: run.Requests, LastRequest: run.LastRequest, LastLine: run.LastLine})
		if i < maxNamed {
			parts = append(parts, fmt.Sprintf("%s at %s after %s, the last %s", runName(run.Source, run.ID),
				clock(run.End, loc), plural(run.Requests, "request"), orDash(&run.LastRequest)))
		}
	}
	if f.CrashedCount > maxNamed {
		parts = append(parts, fmt.Sprintf("and %d more (see Incomplete runs)", f.CrashedCount-maxNamed))
	}
	d.Summary = fmt.Sprintf("%s ended without the summary (crashed or killed): %s.", plural(f.CrashedCount, "run"), strings.Join(parts, "; "))
	return d
}

func earliest(a, b time.Time) time.Time {
	if a.IsZero() || !b.IsZero() && b.Before(a) {
		return b
	}
	return a
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// runName names a run by its file, and its number there when the file
// holds several ("logs/a.log#2").
func runName(source, run string) string {
	base := path.Base(source)
	switch {
	case run == "" || run == base:
		return source
	case strings.HasPrefix(run, base):
		return source + run[len(base):]
	}
	return source + " (" + run + ")"
}

// clockRange formats a span for a sentence, without repeating its day.
func clockRange(from, to time.Time, loc *time.Location) string {
	a, b := clock(from, loc), clock(to, loc)
	switch {
	case a == b:
		return a
	case len(a) == len(b) && a[:10] == b[:10]:
		return a + " to " + b[11:]
	}
	return a + " to " + b
}

// plural writes a count and its noun: "1 run", "2 runs".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// failureLabel names a status among failures.
func failureLabel(status int) string {
	if status == 0 {
		return "no response"
	}
	return statusText(status)
}
