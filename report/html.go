package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
)

// RenderHTML writes the report as one self-contained HTML page for a
// browser or a mail client: the sections of the text report, tables laid
// out with tables and inline styles only (mail clients drop style sheets),
// the hourly chart as table cells of scaled widths, no script and nothing
// loaded from elsewhere. html/template escapes every string from the input.
func RenderHTML(w io.Writer, r *Report) error {
	t, err := template.New("page").Funcs(htmlFuncs()).Parse(htmlPage)
	if err != nil {
		return fmt.Errorf("html template: %w", err)
	}
	rows, per, note := timeline(r.ByHour)
	view := htmlView{R: r, Hours: hourBars(rows, hourBarWidth), Per: per, MoreHours: note, HoursOfDay: hourOfDayBars(r.ByHourOfDay),
		Runs: r.IncompleteRun[:listed(len(r.IncompleteRun))], MoreRuns: more(r.Summary.IncompleteRuns, len(r.IncompleteRun)),
		Endpoints: r.ByEndpoint[:listed(len(r.ByEndpoint))], MoreEndpoints: more(len(r.ByEndpoint), len(r.ByEndpoint)),
		Detected: detectedViews(r.Detected), Extra: append(statedSections(r), extraSections(r)...)}
	if err := t.Execute(w, view); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

// htmlPage is the page template.
//
//go:embed html.tmpl
var htmlPage string

// htmlView is what the page template reads.
type htmlView struct {
	R                 *Report
	Hours, HoursOfDay []hourBar
	Per               string // what a row of Hours is: "hour", "day", "month" or "year"
	MoreHours         string // how many rows are not in Hours
	Runs              []Incomplete
	MoreRuns          string // how many incomplete runs are not in Runs
	Endpoints         []Endpoint
	MoreEndpoints     string // how many endpoints are not in Endpoints
	Detected          []detectedView
	Extra             []extraSection
}

// hourBar is one hour of the chart: a bar as long as the hour's share of
// the busiest hour, split into its failed and ok parts (in pixels).
type hourBar struct {
	Hour
	FailedPx, OKPx int
}

// hourBarWidth is the busiest hour's bar, in pixels.
const hourBarWidth = 320

func hourBars(hours []Hour, width int) []hourBar {
	busiest := 0
	for _, h := range hours {
		busiest = max(busiest, h.Requests)
	}
	out := make([]hourBar, len(hours))
	for i, h := range hours {
		out[i].Hour = h
		if h.Requests == 0 {
			continue
		}
		total := max(1, int(math.Round(float64(h.Requests)*float64(width)/float64(busiest))))
		failed := int(math.Round(float64(h.Failed) * float64(total) / float64(h.Requests)))
		if h.Failed > 0 && failed == 0 {
			failed = 1 // any failure shows
		}
		out[i].FailedPx, out[i].OKPx = failed, total-failed
	}
	return out
}

// htmlFuncs are the helpers of the page template. They return plain
// strings, which the template escapes, except css and badge, whose values
// are constant styles.
func htmlFuncs() template.FuncMap {
	return template.FuncMap{
		"css":      css,
		"notLogs":  notLogsLine,
		"badge":    badge,
		"status":   statusText,
		"statuses": joinInts,
		"percent":  percent,
		"rate":     func(v float64) string { return fmt.Sprintf("%.1f%%", v) },
		"rate2":    func(v float64) string { return fmt.Sprintf("%.2f%%", v) },
		"seconds":  seconds,
		"sec3":     func(v float64) string { return fmt.Sprintf("%.3f", v) },
		"dash":     orDash,
		"text":     func(s string) string { return orDash(&s) },
		"line":     lineOrDash,
		"hour":     hourLabel,
		"clip":     clip,
		"sub":      func(a, b int) int { return a - b },
		"delta":    func(now, then float64) string { return fmt.Sprintf("%+.2f points", now-then) },
		"changes":  changesTitle,
		"title":    sectionTitle,
	}
}

// css returns a named inline style.
func css(name string) template.CSS {
	const font = "font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;"
	switch name {
	case "body":
		return "margin:0;padding:0;background:#f3f4f6;color:#1f2328;" + font
	case "page":
		return "max-width:1100px;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;" + font
	case "h1":
		return "margin:0 0 6px 0;font-size:24px;line-height:1.3;color:#1f2328;" + font
	case "h2":
		return "margin:28px 0 8px 0;font-size:18px;line-height:1.3;color:#1f2328;border-bottom:1px solid #d0d7de;padding-bottom:4px;" + font
	case "p":
		return "margin:6px 0;font-size:14px;line-height:1.5;color:#1f2328;" + font
	case "muted":
		return "margin:6px 0;font-size:13px;line-height:1.5;color:#59636e;" + font
	case "alert":
		return "background:#ffebe9;border:1px solid #ff8182;border-left:6px solid #cf222e;color:#82071e;font-size:15px;font-weight:bold;padding:12px 14px;"
	case "ok":
		return "background:#dafbe1;border:1px solid #4ac26b;border-left:6px solid #1a7f37;color:#116329;font-size:14px;padding:10px 14px;"
	case "card":
		return "border:1px solid #d0d7de;background:#f6f8fa;padding:10px 12px;"
	case "cardnum":
		return "font-size:22px;font-weight:bold;line-height:1.2;color:#1f2328;"
	case "cardbad":
		return "font-size:22px;font-weight:bold;line-height:1.2;color:#cf222e;"
	case "cardlabel":
		return "font-size:12px;color:#59636e;text-transform:uppercase;letter-spacing:0.04em;"
	case "table":
		return "border-collapse:collapse;width:100%;font-size:13px;" + font
	case "th":
		return "text-align:left;background:#eef1f4;border:1px solid #d0d7de;padding:6px 8px;font-weight:bold;white-space:nowrap;"
	case "td":
		return "text-align:left;vertical-align:top;border:1px solid #d0d7de;padding:6px 8px;word-break:break-word;"
	case "num":
		return "text-align:right;vertical-align:top;border:1px solid #d0d7de;padding:6px 8px;white-space:nowrap;"
	case "code":
		return "text-align:left;vertical-align:top;border:1px solid #d0d7de;padding:6px 8px;word-break:break-word;overflow-wrap:break-word;font-family:Consolas,Menlo,Courier New,monospace;font-size:12px;"
	case "small":
		return "color:#59636e;font-size:11px;"
	}
	panic("report: no html style " + name)
}

// badge is the inline style of a class label: red for failures of the
// service or the network, amber for the client's own mistakes.
func badge(class string) template.CSS {
	const base = "display:inline-block;padding:1px 6px;border-radius:10px;font-size:11px;font-weight:bold;white-space:nowrap;"
	switch class {
	case "ok":
		return base + "background:#dafbe1;color:#116329;"
	case "server", "network", "timeout", "tls", "dns":
		return base + "background:#ffebe9;color:#a40e26;"
	case "rate_limit", "auth", "permission":
		return base + "background:#fbefff;color:#6e40c9;"
	}
	return base + "background:#fff8c5;color:#7d4e00;"
}
