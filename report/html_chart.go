package report

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// The page's charts, drawn as inline SVG: numbers and fixed shapes only,
// every label through the template's escaping. They stay a few KB: one
// rect per bar, one polyline per series.

// Chart geometry, in SVG pixels: the plot sits between the left margin
// (the axis labels) and the right edge, above the labels of the x axis.
const (
	chartW, chartH = 720, 180
	plotLeft       = 56
	plotTop        = 10
	plotBottom     = 140
	plotW          = chartW - plotLeft - 4
	plotH          = plotBottom - plotTop
)

// barChart is the requests of each row of the timeline, failed at the
// bottom, ok above.
type barChart struct {
	Label       string // what the chart shows, for screen readers
	Max         int    // the busiest row's requests: the top of the axis
	Bars        []chartBar
	XLabels     []chartLabel
	W, H        int
	Left, Right int // the plot's x range
	Top, Bottom int // the plot's y range
}

// chartBar is one bar: its x and width, and the y and height of its two
// parts.
type chartBar struct {
	X, W         float64
	OKY, OKH     float64
	FailY, FailH float64
	Title        string // the row in words: "2025-01-13 09:00: 512 requests, 40 failed"
}

// chartLabel is a label at x (or y) on an axis, anchored at its
// "start", "middle" or "end".
type chartLabel struct {
	X, Y   float64
	Text   string
	Anchor string
}

// xLabels labels the rows picked by labelled at their x: the first
// starts there and the last ends there, so neither leaves the chart.
func xLabels(n int, x func(int) float64, text func(int) string) []chartLabel {
	var out []chartLabel
	picked := labelled(n)
	for k, i := range picked {
		anchor := "middle"
		switch {
		case len(picked) > 1 && k == 0:
			anchor = "start"
		case len(picked) > 1 && k == len(picked)-1:
			anchor = "end"
		}
		out = append(out, chartLabel{X: x(i), Y: plotBottom + 16, Text: text(i), Anchor: anchor})
	}
	return out
}

// maxBars bounds the bars of the traffic chart once its gaps are filled.
const maxBars = 400

// trafficChart charts the timeline's rows on a time axis, the hours (or
// days, months, years) without requests as gaps; nil without any rows.
func trafficChart(rows []Hour, per string) *barChart {
	if len(rows) == 0 {
		return nil
	}
	rows = withGaps(rows, per)
	c := &barChart{Label: "Requests and failures by " + per, W: chartW, H: chartH,
		Left: plotLeft, Right: chartW - 4, Top: plotTop, Bottom: plotBottom}
	for _, h := range rows {
		c.Max = max(c.Max, h.Requests)
	}
	step := float64(plotW) / float64(len(rows))
	gap := min(2, step/4)
	for i, h := range rows {
		x := plotLeft + float64(i)*step
		failH := scale(h.Failed, c.Max)
		if h.Failed > 0 {
			failH = max(failH, 1) // any failure shows
		}
		okH := scale(h.Requests, c.Max) - failH
		c.Bars = append(c.Bars, chartBar{X: round(x+gap/2, 1), W: round(step-gap, 1),
			FailY: round(plotBottom-failH, 1), FailH: round(failH, 1), OKY: round(plotBottom-failH-okH, 1), OKH: round(okH, 1),
			Title: hourLabel(h.Hour) + ": " + plural(h.Requests, "request") + ", " + itoa(h.Failed) + " failed"})
	}
	c.XLabels = xLabels(len(rows), func(i int) float64 {
		switch {
		case len(rows) == 1:
			return plotLeft + step/2
		case i == len(rows)-1:
			return plotLeft + float64(i+1)*step
		}
		return round(plotLeft+float64(i)*step, 1)
	}, axisLabel(rows))
	return c
}

// axisLabel names a row under the x axis: by its clock alone when all
// rows are hours of one day (the headline says which), else in full.
func axisLabel(rows []Hour) func(int) string {
	first, last := hourLabel(rows[0].Hour), hourLabel(rows[len(rows)-1].Hour)
	oneDay := len(first) == len("2006-01-02 15:04") && len(last) == len(first) && first[:10] == last[:10]
	return func(i int) string {
		if l := hourLabel(rows[i].Hour); oneDay && len(l) == len(first) {
			return l[11:]
		}
		return hourLabel(rows[i].Hour)
	}
}

// scale is n's height on an axis whose top is top.
func scale(n, top int) float64 {
	if top == 0 {
		return 0
	}
	return float64(n) * plotH / float64(top)
}

// labelled picks the rows whose labels fit under the x axis: the first,
// the last and evenly spaced ones between, at most five.
func labelled(n int) []int {
	if n <= 5 {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	out := []int{}
	for k := range 5 {
		out = append(out, k*(n-1)/4)
	}
	return out
}

// lineChart is the latency percentiles per hour, on a log scale.
type lineChart struct {
	Label       string
	Series      []chartSeries
	YLabels     []chartLabel // the decades of seconds, with their grid lines
	XLabels     []chartLabel
	W, H        int
	Left, Right int
	Top, Bottom int
}

// chartSeries is one percentile over the hours: the polyline's points.
type chartSeries struct {
	Name, Color string
	Points      string // "x,y x,y …": numbers only
}

// latencyChart charts p50, p95 and p99 of the hours with timed requests;
// nil when fewer than two hours have them.
func latencyChart(hours []Hour, timed int) *lineChart {
	var hs []Hour
	for _, h := range hours {
		if h.P99Seconds != nil {
			hs = append(hs, h)
		}
	}
	if timed == 0 || len(hs) < 2 || len(hs) > maxHourRows {
		return nil
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, h := range hs {
		lo, hi = math.Min(lo, math.Max(*h.P50Seconds, 1e-3)), math.Max(hi, *h.P99Seconds)
	}
	bottom, top := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(math.Max(hi, 1e-3)))
	if top <= bottom {
		top = bottom + 1
	}
	y := func(v float64) float64 {
		v = math.Max(v, math.Pow(10, bottom))
		return round(plotBottom-(math.Log10(v)-bottom)*plotH/(top-bottom), 1)
	}
	step := float64(plotW) / float64(len(hs))
	x := func(i int) float64 { return round(plotLeft+(float64(i)+0.5)*step, 1) }
	c := &lineChart{Label: "Latency percentiles by hour", W: chartW, H: chartH, Left: plotLeft, Right: chartW - 4,
		Top: plotTop, Bottom: plotBottom}
	for _, s := range []struct {
		name, color string
		v           func(Hour) float64
	}{
		{"p50", "#0969da", func(h Hour) float64 { return *h.P50Seconds }},
		{"p95", "#bf8700", func(h Hour) float64 { return *h.P95Seconds }},
		{"p99", "#cf222e", func(h Hour) float64 { return *h.P99Seconds }},
	} {
		pts := make([]string, len(hs))
		for i, h := range hs {
			pts[i] = svgNum(x(i)) + "," + svgNum(y(s.v(h)))
		}
		c.Series = append(c.Series, chartSeries{Name: s.name, Color: s.color, Points: strings.Join(pts, " ")})
	}
	for d := bottom; d <= top; d++ {
		c.YLabels = append(c.YLabels, chartLabel{X: plotLeft - 6, Y: y(math.Pow(10, d)), Text: decade(d)})
	}
	c.XLabels = xLabels(len(hs), x, axisLabel(hs))
	return c
}

// decade labels 10^d seconds: "1ms", "10ms", "100ms", "1s", "10s".
func decade(d float64) string {
	switch {
	case d < -3:
		return strconv.FormatFloat(math.Pow(10, d+6), 'f', -1, 64) + "µs"
	case d < 0:
		return strconv.FormatFloat(math.Pow(10, d+3), 'f', -1, 64) + "ms"
	}
	return strconv.FormatFloat(math.Pow(10, d), 'f', -1, 64) + "s"
}

// svgNum writes a coordinate as SVG reads it.
func svgNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// rowLayouts are the labels of the timeline's rows, and the step from
// one row to the next.
var rowLayouts = map[string]struct {
	layout string
	next   func(time.Time) time.Time
}{
	"hour":  {time.RFC3339, func(t time.Time) time.Time { return t.Add(time.Hour) }},
	"day":   {"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
	"month": {"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
	"year":  {"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
}

// withGaps adds an empty row for each step between the rows that has
// none, so that the bars stand on a time axis. Rows it cannot read, or
// more than maxBars in all, are left as they are.
func withGaps(rows []Hour, per string) []Hour {
	l, ok := rowLayouts[per]
	if !ok {
		return rows
	}
	var out []Hour
	for i, h := range rows {
		if i > 0 {
			prev, err1 := time.Parse(l.layout, rows[i-1].Hour)
			this, err2 := time.Parse(l.layout, h.Hour)
			if err1 != nil || err2 != nil {
				return rows
			}
			for t := l.next(prev); t.Before(this); t = l.next(t) {
				if len(out) >= maxBars {
					return rows
				}
				out = append(out, Hour{Hour: t.In(prev.Location()).Format(l.layout)})
			}
		}
		out = append(out, h)
	}
	return out
}
