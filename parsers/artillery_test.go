package parsers

import (
	"strconv"
	"strings"
	"testing"
)

// TestArtillerySamples checks the Artillery reports in
// testdata/load/aggregate/artillery against counts worked out by hand.
func TestArtillerySamples(t *testing.T) {
	tests := []struct {
		file     string
		want     loadTally
		messages map[string]int
		stated   []string
	}{
		// report-v2.json: three periods, 03:59:50 (10 requests: 8×200,
		// 503, ETIMEDOUT), 04:00:00 (12: 10×200, 404, ECONNREFUSED) and
		// 04:00:10 (5: 3×200, ERR_TLS_CERT_ALTNAME_INVALID, ENOTFOUND);
		// the aggregate (the same 27) is not counted again. "Failed
		// capture or match" (after a 200) is one note.
		{"report-v2.json", loadTally{requests: 27, failed: 6, problems: 1,
			status: map[int]int{200: 21, 503: 1, 404: 1, 0: 4},
			hours:  map[string]int{"2026-11-28T03": 10, "2026-11-28T04": 17}},
			map[string]int{"ETIMEDOUT": 1, "ECONNREFUSED": 1, "ERR_TLS_CERT_ALTNAME_INVALID": 1, "ENOTFOUND": 1},
			[]string{
				" 23: min=10 avg=71.4 median=39.3 max=820 p50=39.3 p75=57.4 p90=210.6 p95=400 p99=820 p99.9=820",
				"/v2/trunks 23: min=10 avg=71.4 median=39.3 max=820 p50=39.3 p75=57.4 p90=210.6 p95=400 p99=820 p99.9=820",
			}},
		// report-v2-no-periods.json: no period, so the aggregate without
		// time: 3×200 and ESOCKETTIMEDOUT; http.requests says 5: the
		// fifth is one note.
		{"report-v2-no-periods.json", loadTally{requests: 4, failed: 1, problems: 1,
			status: map[int]int{200: 3, 0: 1}, hours: map[string]int{}},
			map[string]int{"ESOCKETTIMEDOUT": 1},
			[]string{" 3: min=20 avg=30.1 median=25.8 max=44 p50=25.8 p75=44 p90=44 p95=44 p99=44 p99.9=44"}},
		// report-v1.json (1.x): periods at 05:00:10 (20×200, 500,
		// ETIMEDOUT) and 05:00:20 (15×200, 2×404, ETIMEDOUT).
		{"report-v1.json", loadTally{requests: 40, failed: 5,
			status: map[int]int{200: 35, 500: 1, 404: 2, 0: 2}, hours: map[string]int{"2026-11-28T05": 40}},
			map[string]int{"ETIMEDOUT": 2},
			[]string{" -1: min=12.1 median=47.9 max=830.4 p95=300.6 p99=702.3"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs, probs, stated := parseStated(t, parseArtillery, "../testdata/load/aggregate/artillery/"+tt.file)
			checkTally(t, tallyOf(recs, probs), tt.want)
			messages := map[string]int{}
			for _, r := range recs {
				if r.HasSeconds {
					t.Errorf("record %+v has a response time; want none", r)
				}
				if r.Message != "" {
					messages[r.Message]++
				}
			}
			sameCounts(t, "message", messages, tt.messages)
			var got []string
			for _, s := range stated {
				got = append(got, s.Endpoint+" "+strconv.FormatInt(s.Requests, 10)+": "+statedText(s))
			}
			if strings.Join(got, "\n") != strings.Join(tt.stated, "\n") {
				t.Errorf("got stated\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.stated, "\n"))
			}
		})
	}
}

func TestArtilleryBad(t *testing.T) {
	tests := []struct {
		name, in string
		requests int
		problem  string
	}{
		{"nothing", `{"phases": []}`, 0, "without aggregate"},
		{"bad status", `{"aggregate": {"codes": {"abc": 2}}}`, 0, `status "abc"`},
		{"period without time", `{"aggregate": {}, "intermediate": [{"codes": {"200": 1}}]}`, 0, "without a period"},
		{"period not an object", `{"aggregate": {}, "intermediate": [7]}`, 0, "not a JSON object"},
		{"huge count", `{"aggregate": {"counters": {"http.codes.200": 1e12}}}`, 0, "past"},
		{"cut", `{"aggregate": {"codes": {"200": 2}}, "intermediate": [{"timestamp": "2026-11-28T05:00:10Z", "codes": {"200": 1}}, {"time`, 1, "invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs := parseWith(t, parseArtillery, tt.in, Options{})
			if len(recs) != tt.requests {
				t.Errorf("got %d records, want %d", len(recs), tt.requests)
			}
			if len(probs) != 1 || !strings.Contains(probs[0].Err, tt.problem) {
				t.Errorf("got problems %v, want one saying %q", probs, tt.problem)
			}
		})
	}
}

func FuzzArtillery(f *testing.F) {
	f.Add(`{"aggregate": {"counters": {"http.requests": 2, "http.codes.200": 1, "errors.ETIMEDOUT": 1}}, "intermediate": [{"period": 1795834790000, "counters": {"http.codes.200": 1}}]}`)
	f.Add(`{"aggregate": {"codes": {"200": 1}, "errors": {"ECONNRESET": 1}, "latency": {"p95": 3}}, "intermediate": [{"timestamp": "2026-11-28T05:00:10Z", "codes": {"500": 1}}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		err := parseArtillery(strings.NewReader(in), "f", Options{MaxLine: 256}, Sink{
			Record: func(r *Record) {
				if r.HasSeconds || r.Source != "f" {
					t.Fatalf("record %+v: want no response time, source f", r)
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
	})
}
