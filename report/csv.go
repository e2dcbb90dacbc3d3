package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// CSVSections lists the tables that --format csv writes, one per run of
// errpat, for flag help and validation.
var CSVSections = []string{"status", "hour", "endpoint", "messages", "slow", "categories", "runs"}

// DefaultCSVSection is the table written when no section is asked for.
const DefaultCSVSection = "endpoint"

// RenderCSV writes one section of the report as a CSV table with a header
// row. Column names are the report's JSON keys; times are RFC 3339 in the
// report's zone; unknown values are empty cells. Every cell goes through
// CSVCell: one that a spreadsheet would run as a formula starts with an
// apostrophe, except a plain number such as -1.
func RenderCSV(w io.Writer, r *Report, section string) error {
	if section == "" {
		section = DefaultCSVSection
	}
	rows, err := csvRows(r, section)
	if err != nil {
		return err
	}
	for _, row := range rows[1:] {
		for i, cell := range row {
			row[i] = CSVCell(cell)
		}
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

func csvRows(r *Report, section string) ([][]string, error) {
	switch section {
	case "status":
		return statusCSV(r), nil
	case "hour":
		return hourCSV(r), nil
	case "endpoint":
		return endpointCSV(r), nil
	case "messages":
		return messageCSV(r), nil
	case "slow":
		return slowCSV(r), nil
	case "categories":
		return categoryCSV(r), nil
	case "runs":
		return runCSV(r), nil
	}
	return nil, fmt.Errorf("unknown csv section %q (want %s)", section, strings.Join(CSVSections, ", "))
}

func statusCSV(r *Report) [][]string {
	rows := [][]string{{"status", "class", "count", "share"}}
	for _, s := range r.ByStatus {
		share := 0.0
		if r.Summary.Requests > 0 && s.Class != ClassSkipped {
			share = round(float64(s.Count)*100/float64(r.Summary.Requests), 2)
		}
		rows = append(rows, []string{itoa(s.Status), s.Class, itoa(s.Count), ftoa(share)})
	}
	return rows
}

func hourCSV(r *Report) [][]string {
	rows := [][]string{{"hour", "requests", "failed", "error_rate"}}
	for _, h := range r.ByHour {
		rate := 0.0
		if h.Requests > 0 {
			rate = round(float64(h.Failed)*100/float64(h.Requests), 2)
		}
		rows = append(rows, []string{h.Hour, itoa(h.Requests), itoa(h.Failed), ftoa(rate)})
	}
	return rows
}

func endpointCSV(r *Report) [][]string {
	rows := [][]string{{"method", "endpoint", "requests", "failed", "error_rate", "p50_seconds", "p95_seconds"}}
	for _, e := range r.ByEndpoint {
		rows = append(rows, []string{e.Method, e.Endpoint, itoa(e.Requests), itoa(e.Failed),
			ftoa(e.ErrorRate), optFloat(e.P50Seconds), optFloat(e.P95Seconds)})
	}
	return rows
}

func messageCSV(r *Report) [][]string {
	rows := [][]string{{"count", "class", "statuses", "pattern", "endpoints", "first_seen", "last_seen", "example", "source"}}
	for _, m := range r.TopMessages {
		statuses := make([]string, len(m.Statuses))
		for i, s := range m.Statuses {
			statuses[i] = itoa(s)
		}
		rows = append(rows, []string{itoa(m.Count), m.Class, strings.Join(statuses, " "), m.Pattern,
			strings.Join(m.Endpoints, " "), optString(m.FirstSeen), optString(m.LastSeen), m.Example, m.Source})
	}
	return rows
}

func slowCSV(r *Report) [][]string {
	rows := [][]string{{"time", "method", "endpoint", "seconds", "source"}}
	for _, s := range r.Slow.Slowest {
		rows = append(rows, []string{optString(s.Time), s.Method, s.Endpoint, ftoa(s.Seconds), s.Source})
	}
	return rows
}

func categoryCSV(r *Report) [][]string {
	rows := [][]string{{"class", "count", "hint"}}
	for _, c := range r.Categories {
		rows = append(rows, []string{c.Class, itoa(c.Count), c.Hint})
	}
	return rows
}

func runCSV(r *Report) [][]string {
	rows := [][]string{{"run", "file", "start", "end", "requests", "last_request", "last_line"}}
	for _, run := range r.IncompleteRun {
		rows = append(rows, []string{run.Run, run.File, optString(run.Start), optString(run.End),
			itoa(run.Requests), run.LastRequest, itoa(run.LastLine)})
	}
	return rows
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func optFloat(v *float64) string {
	if v == nil {
		return ""
	}
	return ftoa(*v)
}

func optString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
