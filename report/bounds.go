package report

import (
	"cmp"
	"fmt"
	"slices"
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

// timeline is the chart of requests over time a readable report shows:
// the hours, or the days when there are more than maxHourRows hours, and
// what a row is ("hour" or "day"). The hours are in time order, in the
// report's time zone, so a day is a run of hours with the same date.
func timeline(hours []Hour) ([]Hour, string) {
	if len(hours) <= maxHourRows {
		return hours, "hour"
	}
	var days []Hour
	for _, h := range hours {
		day := h.Hour[:min(len(h.Hour), len("2006-01-02"))]
		if n := len(days); n > 0 && days[n-1].Hour == day {
			days[n-1].Requests += h.Requests
			days[n-1].Failed += h.Failed
			continue
		}
		days = append(days, Hour{Hour: day, Requests: h.Requests, Failed: h.Failed})
	}
	return days, "day"
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
