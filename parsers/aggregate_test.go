package parsers

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// aggregateKeys counts an aggregate file's records by
// "METHOD endpoint status failed message", and fails the test if one
// has a time or a response time, which such files never give.
func aggregateKeys(t *testing.T, recs []Record) map[string]int {
	t.Helper()
	keys := map[string]int{}
	for _, r := range recs {
		if !r.Time.IsZero() || r.HasSeconds {
			t.Errorf("record %+v has a time or response time; want neither", r)
		}
		keys[strings.TrimSpace(fmt.Sprintf("%s %s %d %v %s", r.Method, r.Endpoint, r.Status, r.Failed, r.Message))]++
	}
	return keys
}

func checkKeys(t *testing.T, got, want map[string]int) {
	t.Helper()
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%q: got %d records, want %d", k, got[k], n)
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%q: got %d records, want none", k, n)
		}
	}
}

func TestK6SummarySamples(t *testing.T) {
	tests := []struct {
		file  string
		want  loadTally
		keys  map[string]int
		probs int
	}{
		// summary-export.json (--summary-export): http_reqs count 12,
		// http_req_failed passes 3 (the failed ones), fails 9.
		{"summary-export.json", loadTally{requests: 12, failed: 3, status: map[int]int{StatusUnknown: 12}},
			map[string]int{"-1 false": 9, "-1 true": 3}, 0},
		// handle-summary.json (handleSummary's data): values.count 80,
		// values.passes 5 failed, fails 75.
		{"handle-summary.json", loadTally{requests: 80, failed: 5, status: map[int]int{StatusUnknown: 80}},
			map[string]int{"-1 false": 75, "-1 true": 5}, 0},
		// no-failed-metric.json: 6 requests, no http_req_failed: one
		// problem, nothing counted.
		{"no-failed-metric.json", loadTally{problems: 1, status: map[int]int{}}, map[string]int{}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs, probs := parseFile(t, parseK6Summary, "../testdata/load/aggregate/k6/"+tt.file)
			checkTally(t, tallyOf(recs, probs), tt.want)
			checkKeys(t, aggregateKeys(t, recs), tt.keys)
		})
	}
}

// TestK6SummaryStated checks the latency k6 summaries state, as they
// state it (in their order; "med" named median).
func TestK6SummaryStated(t *testing.T) {
	tests := []struct{ file, want string }{
		{"summary-export.json", "avg=118.4 min=31.2 median=96.5 max=412.9 p90=233.1 p95=320.6"},
		{"handle-summary.json", "avg=88.1 min=12.4 median=70.2 max=1203.5 p90=150.3 p95=301.9"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, _, stated := parseStated(t, parseK6Summary, "../testdata/load/aggregate/k6/"+tt.file)
			if len(stated) != 1 || stated[0].Endpoint != "" || statedText(stated[0]) != tt.want {
				t.Fatalf("got %+v, want one of the whole run: %s", stated, tt.want)
			}
		})
	}
	in := `{"metrics": {"http_req_duration{name:GET /a}": {"values": {"p(99.9)": 7, "med": 3, "count": 2}}, "http_req_durationx": {"avg": 1}}}`
	_, _, stated := parseStatedString(t, parseK6Summary, in)
	if len(stated) != 1 || stated[0].Endpoint != "name:GET /a" || statedText(stated[0]) != "p99.9=7 median=3" {
		t.Errorf("got %+v, want the sub-metric name:GET /a, p99.9=7 median=3", stated)
	}
}

func TestK6SummaryBad(t *testing.T) {
	tests := []struct {
		name, in string
		requests int
		problem  string
	}{
		{"not JSON", `{"metrics": {`, 0, "not valid JSON"},
		{"array", `[1]`, 0, "not a JSON object"},
		{"no requests", `{"metrics": {"vus": {"value": 1}}, "root_group": {}}`, 0, ""},
		{"more failed than sent", `{"metrics": {"http_reqs": {"count": 2}, "http_req_failed": {"passes": 3, "fails": 0}}}`, 0, "3 failed of 2"},
		{"huge count", `{"metrics": {"http_reqs": {"count": 1e12}, "http_req_failed": {"passes": 0}}}`, 0, "past"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs := parseWith(t, parseK6Summary, tt.in, Options{})
			if len(recs) != tt.requests {
				t.Errorf("got %d records, want %d", len(recs), tt.requests)
			}
			switch {
			case tt.problem == "" && len(probs) != 0:
				t.Errorf("got problems %v, want none", probs)
			case tt.problem != "" && (len(probs) != 1 || !strings.Contains(probs[0].Err, tt.problem)):
				t.Errorf("got problems %v, want one saying %q", probs, tt.problem)
			}
		})
	}
}

// fuzzAggregate checks an aggregate reader on in: it never fails on
// what it can read, and each record it gives has no time.
func fuzzAggregate(t *testing.T, parse ParseFunc, in string) {
	t.Helper()
	err := parse(strings.NewReader(in), "f", Options{MaxLine: 256}, Sink{
		Record: func(r *Record) {
			if !r.Time.IsZero() || r.HasSeconds || r.Source != "f" {
				t.Fatalf("record %+v: want no time, no response time, source f", r)
			}
		},
		Problem: func(p Problem) {
			if p.Source != "f" || p.Err == "" {
				t.Fatalf("problem %+v: want source f and a message", p)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func FuzzK6Summary(f *testing.F) {
	f.Add(`{"metrics": {"http_reqs": {"count": 3}, "http_req_failed": {"passes": 1, "fails": 2}}, "root_group": {}}`)
	f.Add(`{"metrics": {"http_reqs": {"values": {"count": 2}}, "http_req_failed": {"values": {"passes": 2}}}}`)
	f.Fuzz(func(t *testing.T, in string) { fuzzAggregate(t, parseK6Summary, in) })
}

// TestAggregateSniff checks that each aggregate sample is told as its
// format, and that the format is marked aggregate.
func TestAggregateSniff(t *testing.T) {
	tests := []struct{ file, format string }{
		{"k6/summary-export.json", FormatK6Summary},
		{"k6/handle-summary.json", FormatK6Summary},
		{"k6/no-failed-metric.json", FormatK6Summary},
		{"artillery/report-v2.json", FormatArtillery},
		{"artillery/report-v2-no-periods.json", FormatArtillery},
		{"artillery/report-v1.json", FormatArtillery},
		{"locust/run_stats.csv", FormatLocustStats},
		{"locust/old_stats.csv", FormatLocustStats},
		{"locust/run_failures.csv", FormatLocustFailures},
		{"locust/old_failures.csv", FormatLocustFailures},
		{"locust/run_stats_history.csv", FormatLocustHistory},
		{"locust/run_exceptions.csv", FormatLocustExceptions},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("../testdata/load/aggregate/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			f, why := Sniff(data)
			if f == nil || f.Name != tt.format || !f.Aggregate {
				t.Fatalf("got format %v (%s), want aggregate %s", f, why, tt.format)
			}
		})
	}
}
