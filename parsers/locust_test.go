package parsers

import (
	"io"
	"strconv"
	"strings"
	"testing"
)

// TestLocustSamples checks the Locust samples in
// testdata/load/aggregate/locust, each read alone, against counts worked
// out by hand from the files.
func TestLocustSamples(t *testing.T) {
	tests := []struct {
		file   string
		kind   locustKind
		want   loadTally
		keys   map[string]int
		stated int
	}{
		// run_stats.csv: grpc 5 (1 failed), search 10 (2), GET trunks
		// 120 (6), POST trunks 40 (10), DELETE 0, GET trunks/[id] 55 (0);
		// the Aggregated row (230, 19) is not counted again. Stated
		// latency: the 5 rows with requests and the Aggregated row.
		{"run_stats.csv", locustStats, loadTally{requests: 230, failed: 19, status: map[int]int{StatusUnknown: 230}},
			map[string]int{
				"grpc TrunkService/List -1 false": 4, "grpc TrunkService/List -1 true": 1,
				"GET /v2/search?q=a,b -1 false": 8, "GET /v2/search?q=a,b -1 true": 2,
				"GET /v2/trunks -1 false": 114, "GET /v2/trunks -1 true": 6,
				"POST /v2/trunks -1 false": 30, "POST /v2/trunks -1 true": 10,
				"GET /v2/trunks/[id] -1 false": 55,
			}, 6},
		// run_failures.csv: 2 + 4 + 2 + 7 + 3 failures, with messages
		// (one holds commas and doubled quotes, one a newline). The status is
		// read from the message where errpat reads one ("500 Server Error"),
		// 0 for a refused connection; "code 409" is not read as one.
		{"run_failures.csv", locustFailures, loadTally{requests: 18, failed: 18, status: map[int]int{500: 2, 503: 4, 0: 2, StatusUnknown: 10}},
			map[string]int{
				"GET /v2/search?q=a,b 500 true HTTPError('500 Server Error: Internal Server Error for url: /v2/search?q=a,b')": 2,
				"GET /v2/trunks 503 true HTTPError('503 Server Error: Service Unavailable for url: /v2/trunks')":               4,
				"GET /v2/trunks 0 true ConnectionRefusedError(111, 'Connection refused')":                                      2,
				`POST /v2/trunks -1 true CatchResponseError('name "edge-1" already exists, code 409')`:                         7,
				"POST /v2/trunks -1 true CatchResponseError('validation failed:\nfield name: required')":                       3,
			}, 0},
		// old_stats.csv (Locust 0.13.0): GET 30 (3 failed), POST 12 (12);
		// "None","Aggregated" 42, 15 is the total.
		{"old_stats.csv", locustStats, loadTally{requests: 42, failed: 15, status: map[int]int{StatusUnknown: 42}},
			map[string]int{"GET /v2/trunks -1 false": 27, "GET /v2/trunks -1 true": 3, "POST /v2/trunks -1 true": 12}, 3},
		// old_failures.csv: the second error holds quotes Locust did not
		// escape; its count is still the last field.
		{"old_failures.csv", locustFailures, loadTally{requests: 15, failed: 15, status: map[int]int{500: 3, StatusUnknown: 12}},
			map[string]int{
				"GET /v2/trunks 500 true HTTPError('500 Server Error: Internal Server Error')":                                                    3,
				`POST /v2/trunks -1 true ConnectionError(MaxRetryError(HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded"))"`: 12,
			}, 0},
		// run_stats_history.csv: 3 rows, told in one note, not counted.
		{"run_stats_history.csv", locustHistory, loadTally{problems: 1, skipped: 3, status: map[int]int{}}, map[string]int{}, 0},
		// run_exceptions.csv: one exception whose traceback spans 3 lines.
		{"run_exceptions.csv", locustExceptions, loadTally{problems: 1, skipped: 3, status: map[int]int{}}, map[string]int{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs, probs, stated := parseStated(t, parseLocust(tt.kind), "../testdata/load/aggregate/locust/"+tt.file)
			checkTally(t, tallyOf(recs, probs), tt.want)
			checkKeys(t, aggregateKeys(t, recs), tt.keys)
			if len(stated) != tt.stated {
				t.Errorf("got %d stated latencies, want %d", len(stated), tt.stated)
			}
		})
	}
}

// TestLocustStated checks the latency one stats row states, in the
// file's column order, and the Aggregated row's, of the whole run.
func TestLocustStated(t *testing.T) {
	_, _, stated := parseStated(t, parseLocust(locustStats), "../testdata/load/aggregate/locust/run_stats.csv")
	if len(stated) != 6 {
		t.Fatalf("got %d stated latencies, want 6", len(stated))
	}
	post, total := stated[3], stated[5]
	if post.Endpoint != "POST /v2/trunks" || post.Requests != 40 || total.Endpoint != "" || total.Requests != 230 {
		t.Errorf("got %q (%d), %q (%d); want POST /v2/trunks (40) and the whole run (230)", post.Endpoint, post.Requests, total.Endpoint, total.Requests)
	}
	want := "median=95 avg=110.75 min=41 max=980 p50=95 p66=100 p75=120 p80=130 p90=170 p95=240 p98=700 p99=980 p99.9=980 p99.99=980 p100=980"
	if got := statedText(post); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestLocustKeysPair checks that the failures of a run's stats file and
// failures file have the same keys, and that another run's do not.
func TestLocustKeysPair(t *testing.T) {
	stats := "Type,Name,Request Count,Failure Count\r\nGET,/a,5,2\r\n,Aggregated,5,2\r\n"
	failures := "Method,Name,Error,Occurrences\r\nGET,/a,boom,1\r\nGET,/a,bang,1\r\n"
	keysOf := func(parse ParseFunc, source, in string) []string {
		var keys []string
		err := parse(strings.NewReader(in), source, Options{}, Sink{Record: func(r *Record) {
			if r.Failed {
				keys = append(keys, r.Key)
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		return keys
	}
	s := keysOf(parseLocust(locustStats), "out/run1_stats.csv", stats)
	f := keysOf(parseLocust(locustFailures), "out/run1_failures.csv", failures)
	other := keysOf(parseLocust(locustFailures), "out/run2_failures.csv", failures)
	if len(s) != 2 || len(f) != 2 || s[0] != f[0] || s[1] != f[1] || s[0] == s[1] {
		t.Errorf("got stats keys %q, failures keys %q; want the same two distinct keys", s, f)
	}
	if other[0] == f[0] {
		t.Errorf("got key %q for two runs; want one per run", other[0])
	}
}

func TestLocustBad(t *testing.T) {
	const head = "Type,Name,Request Count,Failure Count\n"
	tests := []struct {
		name, in string
		requests int
		problem  string
	}{
		{"not a count", head + "GET,/a,many,1\n", 0, "not a count"},
		{"more failed than sent", head + "GET,/a,2,3\n", 0, "3 failures of 2"},
		{"short row", head + "GET,/a,2\n", 0, "row has 3 fields"},
		{"aggregated row disagrees", head + "GET,/a,2,0\n,Aggregated,3,0\n", 2, "Aggregated row counts 3"},
		{"cut in a quote", head + "GET,/a,2,0\nGET,\"/b,1", 2, "not closed"},
		{"huge count", head + "GET,/a,99999999999,0\n", 0, "past"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs := parseWith(t, parseLocust(locustStats), tt.in, Options{})
			if len(recs) != tt.requests {
				t.Errorf("got %d records, want %d", len(recs), tt.requests)
			}
			if len(probs) != 1 || !strings.Contains(probs[0].Err, tt.problem) {
				t.Errorf("got problems %v, want one saying %q", probs, tt.problem)
			}
		})
	}
}

func FuzzLocust(f *testing.F) {
	f.Add(0, "Type,Name,Request Count,Failure Count,50%\r\nGET,/a,3,1,12\r\n,Aggregated,3,1,12\r\n")
	f.Add(1, "Method,Name,Error,Occurrences\nGET,/a,\"x,\ny\",2\n")
	f.Add(2, "Timestamp,User Count,Type,Name,Total Request Count\n1,2,,Aggregated,3\n")
	f.Add(3, "Count,Message,Traceback,Nodes\n1,m,\"t\n\",local\n")
	kinds := []locustKind{locustStats, locustFailures, locustHistory, locustExceptions}
	f.Fuzz(func(t *testing.T, k int, in string) {
		fuzzAggregate(t, parseLocust(kinds[uint(k)%4]), in)
	})
}

// parseStated reads a file as parseFile does, with the latency it states.
func parseStated(t *testing.T, fn ParseFunc, name string) ([]Record, []Problem, []Stated) {
	t.Helper()
	var stated []Stated
	recs, probs := parseFile(t, func(r io.Reader, source string, opt Options, sink Sink) error {
		sink.Stated = func(s Stated) { stated = append(stated, s) }
		return fn(r, source, opt, sink)
	}, name)
	return recs, probs, stated
}

// parseStatedString reads in as parseWith does, with the latency it states.
func parseStatedString(t *testing.T, fn ParseFunc, in string) ([]Record, []Problem, []Stated) {
	t.Helper()
	var stated []Stated
	recs, probs := parseWith(t, func(r io.Reader, source string, opt Options, sink Sink) error {
		sink.Stated = func(s Stated) { stated = append(stated, s) }
		return fn(r, source, opt, sink)
	}, in, Options{})
	return recs, probs, stated
}

func statedText(s Stated) string {
	var parts []string
	for _, v := range s.Values {
		parts = append(parts, v.Name+"="+strconv.FormatFloat(v.Ms, 'f', -1, 64))
	}
	return strings.Join(parts, " ")
}
