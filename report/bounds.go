package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"
)

// A readable report (text, Markdown, HTML) stays readable over a month of
// logs: long lists show their first rows and say how many more there are,
// and a long span is charted by day. The JSON report keeps every row.

// maxListed bounds the rows of a list in a readable report.
const maxListed = 50

// maxHourRows is the longest by-hour chart a readable report shows; a
// longer span is charted by day.
const maxHourRows = 7 * 24

// listed is how many of n rows a readable report shows.
func listed(n int) int { return min(n, maxListed) }

// more is the line under a list cut at maxListed rows: of total rows,
// inJSON are in the JSON report. Empty when none were cut.
func more(total, inJSON int) string {
	shown := listed(inJSON)
	switch {
	case total <= shown:
		return ""
	case inJSON >= total:
		return fmt.Sprintf("… and %d more (the JSON report lists all).", total-shown)
	}
	return fmt.Sprintf("… and %d more (the JSON report lists the first %d).", total-shown, inJSON)
}

// mediumRows bounds the rows of a list at --detail medium; high shows
// up to maxListed.
const mediumRows = 15

// listedAt is how many of n rows a doc shows at its level of detail.
func listedAt(d doc, n int) int {
	if d.level() < detailHigh {
		return min(n, mediumRows)
	}
	return listed(n)
}

// moreAt is the line under a list of which shown rows are shown at the
// doc's level: of total rows, inJSON are in the JSON report.
func moreAt(d doc, total, inJSON, shown int) string {
	switch {
	case shown >= listed(inJSON) || d.level() == detailHigh:
		return more(total, inJSON)
	case inJSON >= total:
		return fmt.Sprintf("… and %d more (--detail high lists %d, the JSON report all).", total-shown, listed(inJSON))
	}
	return fmt.Sprintf("… and %d more (--detail high lists %d, the JSON report the first %d).", total-shown, listed(inJSON), inJSON)
}

// maxDayRows is the longest by-day chart, maxMonthRows the longest
// by-month one; a longer span is charted by month, by year.
const (
	maxDayRows   = 92
	maxMonthRows = 120
)

// timeline is the chart of requests over time a readable report shows:
// the hours, the days when there are more than maxHourRows hours, the
// months when there are more than maxDayRows days, or the years; and what
// a row is.
// The hours are in time order, in the report's time zone, so a day is a
// run of hours with the same date, a month one with the same year and
// month.
// A span of more than maxMonthRows years (garbage timestamps) shows its
// first years and a note of how many more there are.
func timeline(hours []Hour) (rows []Hour, per, note string) {
	if len(hours) <= maxHourRows {
		return hours, "hour", ""
	}
	if days := rollUp(hours, len("2006-01-02")); len(days) <= maxDayRows {
		return days, "day", ""
	}
	if months := rollUp(hours, len("2006-01")); len(months) <= maxMonthRows {
		return months, "month", ""
	}
	years := rollUp(hours, len("2006"))
	if len(years) > maxMonthRows {
		note = fmt.Sprintf("… and %d more years (the JSON report lists every hour).", len(years)-maxMonthRows)
		years = years[:maxMonthRows]
	}
	return years, "year", note
}

// rollUp sums hours whose labels share their first n bytes.
func rollUp(hours []Hour, n int) []Hour {
	var out []Hour
	for _, h := range hours {
		label := h.Hour[:min(len(h.Hour), n)]
		if k := len(out); k > 0 && out[k-1].Hour == label {
			out[k-1].Requests += h.Requests
			out[k-1].Failed += h.Failed
			continue
		}
		out = append(out, Hour{Hour: label, Requests: h.Requests, Failed: h.Failed})
	}
	return out
}

// largest returns the indexes of the n items with the greatest size
// (the earlier first among equals), in their original order: the ones a
// sentence names.
func largest(count int, size func(i int) int, n int) []int {
	idx := make([]int, count)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(size(b), size(a)) })
	idx = idx[:min(n, count)]
	slices.Sort(idx)
	return idx
}

func hourSection(w io.Writer, r *Report, d doc) {
	rows, per, note := timeline(r.ByHour)
	d.heading(w, "By "+per+" ("+r.TimeZone+")")
	if len(rows) == 0 {
		d.para(w, "No timestamped requests.")
		return
	}
	t := newTable(sectionTitle(per), "Requests", "Failed", "Error rate", "Failed / ok")
	for i, h := range rows {
		if i > 0 {
			emptyRows(t, rows[i-1].Hour, h.Hour, per)
		}
		t.AppendRow([]any{hourLabel(h.Hour), h.Requests, h.Failed, percent(h.Failed, h.Requests), d.bar(h.Failed, h.Requests-h.Failed)})
	}
	d.table(w, t)
	if note != "" {
		d.para(w, note)
	}
}

// emptyRows shows the hours or days without requests between two rows of
// the chart: a gap is news. Up to maxEmptyRows of them show as rows of
// zeros, more as one row that counts them.
func emptyRows(t *tab, prev, next, per string) {
	var gap []string
	switch per {
	case "hour":
		a, errA := time.Parse(time.RFC3339, prev)
		b, errB := time.Parse(time.RFC3339, next)
		if errA != nil || errB != nil {
			return
		}
		for h := a.Add(time.Hour); h.Before(b) && len(gap) <= maxEmptyRows; h = h.Add(time.Hour) {
			gap = append(gap, hourLabel(h.In(a.Location()).Format(time.RFC3339)))
		}
		if len(gap) > maxEmptyRows {
			t.AppendRow([]any{"…", "", "", "", fmt.Sprintf("%s empty hours", num(int(b.Sub(a)/time.Hour)-1))})
			return
		}
	case "day":
		a, errA := time.Parse(time.DateOnly, prev)
		b, errB := time.Parse(time.DateOnly, next)
		if errA != nil || errB != nil {
			return
		}
		for day := a.AddDate(0, 0, 1); day.Before(b) && len(gap) <= maxEmptyRows; day = day.AddDate(0, 0, 1) {
			gap = append(gap, day.Format(time.DateOnly))
		}
		if len(gap) > maxEmptyRows {
			t.AppendRow([]any{"…", "", "", "", fmt.Sprintf("%s empty days", num(int(b.Sub(a).Hours()/24+0.5)-1))})
			return
		}
	}
	for _, label := range gap {
		t.AppendRow([]any{label, 0, 0, "-", ""})
	}
}

// maxEmptyRows is the longest stretch of empty hours or days shown row by
// row.
const maxEmptyRows = 2
