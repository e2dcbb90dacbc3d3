package analyzer

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

var day = time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)

// req is a request of a crafted input: at minutes after day's midnight.
type req struct {
	min        float64
	run        string
	test       string
	status     int
	message    string
	retry      float64
	seconds    float64 // response time; 0: none
	source     string  // default "logs/a.log"
	concurrent bool    // a load-test record (no waiting measured)
}

func (q req) record() *parsers.Record {
	r := &parsers.Record{Time: day.Add(time.Duration(q.min * float64(time.Minute))), Source: q.source, Run: q.run,
		Test: q.test, Method: "GET", Endpoint: "/trunks/TR1/credentials", Status: q.status,
		Failed: q.status == 0 || q.status >= 400, Message: q.message, RetryAfter: q.retry, Format: parsers.FormatPyLog}
	if r.Source == "" {
		r.Source = "logs/a.log"
	}
	if q.seconds > 0 {
		r.Seconds, r.HasSeconds = q.seconds, true
	}
	return r
}

// analyzeReqs aggregates crafted requests with the peak band 09-18.
func analyzeReqs(reqs []req, runs ...parsers.Run) *Result {
	a := New(&Config{Location: time.UTC, Top: 5, Peak: Band{9, 18}})
	for _, q := range reqs {
		a.startFormat(&parsers.Format{Concurrent: q.concurrent})
		a.Add(q.record())
	}
	for _, run := range runs {
		a.AddRun(run)
	}
	return a.Result()
}

// steady is traffic of n requests an hour from hour from to hour to,
// all passing, in runs of one an hour.
func steady(from, to, n int) []req {
	var out []req
	for h := from; h < to; h++ {
		for i := range n {
			out = append(out, req{min: float64(h*60 + i*60/n), run: fmt.Sprintf("run%02d", h),
				test: fmt.Sprintf("test%d", i), status: 200})
		}
	}
	return out
}

// fail turns the i-th request of each listed hour into a failure.
func fail(reqs []req, n, i, status int, msg string, hours ...int) []req {
	for _, h := range hours {
		reqs[h*n+i].status, reqs[h*n+i].message = status, msg
	}
	return reqs
}

func TestDetectIntermittentServerErrors(t *testing.T) {
	tests := []struct {
		name string
		reqs []req
		want []int // statuses found
	}{
		{"a 500 every few hours", fail(steady(0, 24, 20), 20, 3, 500, "Unexpected error", 1, 5, 9, 13, 17, 21), []int{500}},
		{"the same 500s in one hour", fail(fail(steady(0, 24, 20), 20, 3, 500, "x", 9), 20, 4, 500, "x", 9, 9), nil},
		{"500s clustered in two hours", fail(fail(steady(0, 24, 20), 20, 3, 500, "x", 9, 10), 20, 4, 500, "x", 9, 10), nil},
		{"too few", fail(steady(0, 24, 20), 20, 3, 500, "x", 1, 20), nil},
		{"a high rate is not intermittent", fail(steady(0, 4, 2), 2, 1, 503, "x", 0, 1, 2, 3), nil},
		{"no errors", steady(0, 24, 20), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyzeReqs(tt.reqs).Detected.Intermittent
			var statuses []int
			for _, e := range got {
				statuses = append(statuses, e.Status)
			}
			if !reflect.DeepEqual(statuses, tt.want) {
				t.Errorf("got %+v, want statuses %v", got, tt.want)
			}
		})
	}
	got := analyzeReqs(fail(steady(0, 24, 20), 20, 3, 500, "x", 1, 5, 9, 13, 17, 21)).Detected.Intermittent[0]
	if got.Count != 6 || got.Hours != 6 || got.ActiveHours != 24 || got.MaxInHour != 1 || got.Rate != 1.25 {
		t.Errorf("evidence: got %+v, want 6 in 6 of 24 hours, at most 1, 1.25%%", got)
	}
}

func TestDetectPeakHourDegradation(t *testing.T) {
	degraded := steady(0, 24, 10)
	for h := 9; h < 18; h++ {
		degraded = fail(degraded, 10, 2, 429, "Maximum 100 requests per minute exceeded", h)
		degraded = fail(degraded, 10, 5, 503, "Upstream unavailable", h)
	}
	uniform := steady(0, 24, 10)
	for h := range 24 {
		uniform = fail(uniform, 10, 2, 500, "x", h)
	}
	t.Run("429 and 503 in the band", func(t *testing.T) {
		p := analyzeReqs(degraded).Detected.Peak
		if p == nil {
			t.Fatal("got no peak-hour degradation, want one")
		}
		if p.In.SuccessRate != 80 || p.Out.SuccessRate != 100 || p.In.TypicalHour != 80 || p.In.CapacityHours != 9 {
			t.Errorf("got in %+v out %+v, want 80%% vs 100%% in 9 hours with 429/503", p.In, p.Out)
		}
		want := []PeakCause{{429, 9, 0}, {503, 9, 0}}
		if !reflect.DeepEqual(p.Causes, want) {
			t.Errorf("causes: got %+v, want %+v", p.Causes, want)
		}
	})
	t.Run("failures all day long", func(t *testing.T) {
		if p := analyzeReqs(uniform).Detected.Peak; p != nil {
			t.Errorf("got %+v, want none", p)
		}
	})
	t.Run("one heavy hour outside does not hide the band", func(t *testing.T) {
		load := append([]req{}, degraded...)
		for i := range 200 {
			q := req{min: 22*60 + 19 + float64(i)/100, run: "load", test: "POST /trunks", status: 201, concurrent: true}
			if i%5 == 0 {
				q.status, q.message = 429, "Maximum 100 requests per minute exceeded"
			}
			load = append(load, q)
		}
		if p := analyzeReqs(load).Detected.Peak; p == nil {
			t.Error("got no peak-hour degradation, want one")
		}
	})
	t.Run("no band", func(t *testing.T) {
		a := New(&Config{Location: time.UTC})
		for _, q := range degraded {
			a.Add(q.record())
		}
		if p := a.Result().Detected.Peak; p != nil {
			t.Errorf("got %+v without a band, want none", p)
		}
	})
}

func TestDetectBursts(t *testing.T) {
	// two requests a minute, 06:00 to 08:00
	var traffic []req
	for m := 6 * 60.0; m < 8*60; m += 0.5 {
		traffic = append(traffic, req{min: m, run: "r", test: "t", status: 200})
	}
	timeouts := func(from, to float64) []req {
		out := append([]req{}, traffic...)
		for i, q := range out {
			if q.min >= from && q.min < to {
				out[i].status, out[i].message = 0, "<urlopen error timed out>"
			}
		}
		return out
	}
	scattered := append([]req{}, traffic...)
	for _, i := range []int{10, 80, 150, 220} {
		scattered[i].status, scattered[i].message = 0, "[Errno 111] Connection refused"
	}
	var load []req // 4 refused in a minute of 200 requests: not a burst
	for i := range 200 {
		q := req{min: 22*60 + 19 + float64(i)/400, run: "load", test: "POST /trunks", status: 201}
		if i%50 == 0 {
			q.status, q.message = 0, "Cannot connect to host"
		}
		load = append(load, q)
	}
	two := timeouts(6*60+38, 6*60+41)
	for i, q := range two {
		if q.min >= 7*60+14 && q.min < 7*60+16 {
			two[i].status, two[i].message = 0, "ETIMEDOUT"
		}
	}
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	tests := []struct {
		name string
		reqs []req
		want []Burst
	}{
		{"timeouts 06:38-06:51", timeouts(6*60+38, 6*60+51), []Burst{{Start: at(6, 38), End: at(6, 51), Count: 26, Timeouts: 26, Requests: 26}}},
		{"two bursts", two, []Burst{{Start: at(6, 38), End: at(6, 41), Count: 6, Timeouts: 6, Requests: 6},
			{Start: at(7, 14), End: at(7, 16), Count: 4, Timeouts: 4, Requests: 4}}},
		{"scattered refusals", scattered, nil},
		{"a few in a busy minute", load, nil},
		{"none", traffic, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyzeReqs(tt.reqs).Detected.Bursts
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDetectRateLimiting(t *testing.T) {
	reqs := []req{
		{min: 600, run: "r1", test: "a", status: 201},
		{min: 601, run: "r1", test: "b", status: 429, message: "Maximum 100 requests per minute exceeded", retry: 60},
		{min: 601 + 1.0/60, run: "r1", test: "c", status: 200, seconds: 0.5}, // started 0.5 s after the 429
		{min: 700, run: "r2", test: "b", status: 429, retry: 30},
		{min: 702, run: "r2", test: "c", status: 200}, // waited 120 s
		{min: 800, run: "r3", test: "b", status: 429},
		{min: 900, run: "load", test: "b", status: 429, retry: 60, concurrent: true},
		{min: 900.001, run: "load", test: "b", status: 201, concurrent: true},
	}
	rl := analyzeReqs(reqs).Detected.RateLimit
	if rl == nil {
		t.Fatal("got no rate limiting, want it")
	}
	if rl.Count != 4 || rl.NoRetryAfter != 1 || !reflect.DeepEqual(rl.RetryAfter, []RetryAfterCount{{30, 1}, {60, 2}}) {
		t.Errorf("got %+v, want 4 429s: Retry-After 30 ×1, 60 ×2, none ×1", rl)
	}
	w := rl.Waits
	if w.Count != 2 || w.Early != 1 || !near(w.Min, 0.5) || !near(w.Max, 120) {
		t.Errorf("waits: got %+v, want 2 (0.5 s, sooner than 60 s; 120 s): the load test does not count", w)
	}
	if rl := analyzeReqs(steady(0, 3, 5)).Detected.RateLimit; rl != nil {
		t.Errorf("got %+v without 429s, want none", rl)
	}
}

func near(x, y float64) bool { return x-y < 1e-6 && y-x < 1e-6 }

func TestDetectAuthOutage(t *testing.T) {
	healthy := steady(8, 12, 5)
	outage := append(append([]req{}, healthy...),
		req{min: 22*60 + 24, run: "bad", test: "a", status: 401, message: "Invalid API credentials"},
		req{min: 22*60 + 24.1, run: "bad", test: "b", status: 401, message: "Invalid API credentials"},
		req{min: 22*60 + 24.2, run: "bad", test: "c", status: 403, message: "Forbidden"})
	inBusyHour := append(append([]req{}, healthy...), // a run failing whole in an hour that had successes
		req{min: 10*60 + 30, run: "bad", test: "a", status: 401},
		req{min: 10*60 + 31, run: "bad", test: "b", status: 401},
		req{min: 10*60 + 32, run: "bad", test: "c", status: 401})
	mixed := append(append([]req{}, healthy...),
		req{min: 22*60 + 24, run: "bad", test: "a", status: 401},
		req{min: 22*60 + 25, run: "bad", test: "b", status: 200},
		req{min: 22*60 + 26, run: "bad", test: "c", status: 401})
	at := func(m float64) time.Time { return day.Add(time.Duration(m * float64(time.Minute))) }
	tests := []struct {
		name string
		reqs []req
		want []AuthOutage
	}{
		{"a run and its hour", outage, []AuthOutage{{Start: at(22*60 + 24), End: at(22*60 + 24.2), Requests: 3, Unauthorized: 2,
			Runs: []RunRef{{"logs/a.log", "bad"}}}}},
		{"a run in a busy hour", inBusyHour, []AuthOutage{{Start: at(10*60 + 30), End: at(10*60 + 32), Requests: 3, Unauthorized: 3,
			Runs: []RunRef{{"logs/a.log", "bad"}}}}},
		{"some requests pass", mixed, nil},
		{"healthy", healthy, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyzeReqs(tt.reqs).Detected.AuthOutages
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDetectFlakyTests(t *testing.T) {
	runOf := func(run string, start float64, statuses ...int) []req {
		var out []req
		for i, s := range statuses {
			out = append(out, req{min: start + float64(i), run: run, test: fmt.Sprintf("test%d", i), status: s})
		}
		return out
	}
	concat := func(rs ...[]req) []req {
		var out []req
		for _, r := range rs {
			out = append(out, r...)
		}
		return out
	}
	tests := []struct {
		name string
		reqs []req
		want []FlakyTest
	}{
		{"fails in one run of three", concat(runOf("r1", 0, 200, 200, 200), runOf("r2", 10, 200, 500, 200), runOf("r3", 20, 200, 200, 200)),
			[]FlakyTest{{Test: "test1", PassedRuns: 2, FailedRuns: 1, Passed: 2, Failed: 1, Statuses: []Tally{{500, 1}}}}},
		{"a broken run does not count", concat(runOf("r1", 0, 200, 200, 200), runOf("r2", 10, 401, 401, 200), runOf("r3", 20, 200, 200, 200)), nil},
		{"always fails", concat(runOf("r1", 0, 200, 200, 404), runOf("r2", 10, 200, 200, 404)), nil},
		{"always passes", concat(runOf("r1", 0, 200, 200), runOf("r2", 10, 200, 200)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyzeReqs(tt.reqs).Detected.Flaky
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	// without a test name, a request goes by its method and endpoint
	reqs := concat(runOf("r1", 0, 200, 200, 200), runOf("r2", 10, 200, 500, 200), runOf("r3", 20, 200, 200, 200))
	for i := range reqs {
		reqs[i].test = ""
	}
	if got := analyzeReqs(reqs).Detected.Flaky; len(got) != 1 || got[0].Test != "GET /trunks/{id}/credentials" {
		t.Errorf("got %+v, want GET /trunks/{id}/credentials", got)
	}
}

func TestDetectCrashedRuns(t *testing.T) {
	crashed := parsers.Run{Source: "logs/a.log", ID: "a.log", Start: day, End: day.Add(time.Minute), Requests: 5,
		LastRequest: "POST /trunks/TR1/destination-uris"}
	finished := crashed
	finished.Complete = true
	if got := analyzeReqs(nil, crashed).Detected.Crashed; len(got) != 1 || got[0].LastRequest != crashed.LastRequest {
		t.Errorf("got %+v, want the crashed run", got)
	}
	if got := analyzeReqs(nil, finished).Detected.Crashed; len(got) != 0 {
		t.Errorf("got %+v, want none", got)
	}
}

// TestDetectMergeable checks that per-input aggregates merged in order
// find what one aggregate finds.
func TestDetectMergeable(t *testing.T) {
	var reqs []req
	for i, src := range []string{"logs/a.log", "logs/b.log", "logs/c.log"} {
		part := fail(steady(0, 24, 6), 6, i, 500, "x", 2+i, 9+i, 15+i)
		part = fail(part, 6, 5, 429, "limit", 10+i, 12+i)
		for j := range part {
			part[j].source = src
			part[j].retry = 60
		}
		reqs = append(reqs, part...)
	}
	cfg := &Config{Location: time.UTC, Top: 5, Peak: Band{9, 18}}
	one, total := New(cfg), New(cfg)
	var part *Aggregate
	for i, q := range reqs {
		one.Add(q.record())
		if i == 0 || q.source != reqs[i-1].source {
			if part != nil {
				total.Merge(part)
			}
			part = New(cfg)
		}
		part.Add(q.record())
	}
	total.Merge(part)
	got, want := total.Result(), one.Result()
	if !reflect.DeepEqual(got.Detected, want.Detected) || !reflect.DeepEqual(got.ByHourOfDay, want.ByHourOfDay) {
		t.Errorf("merged: got %+v, want %+v", got.Detected, want.Detected)
	}
	if want.Detected.Intermittent == nil || want.Detected.RateLimit == nil || want.Detected.Flaky == nil {
		t.Errorf("got %+v, want intermittent 500s, rate limiting and flaky tests", want.Detected)
	}
}

// TestDetectGeneratedCorpus runs the detectors over the two-day bench,
// whose generator injected intermittent 500s, 429/503 at peak hours,
// auth failures for a whole run and a crashed run. It wrote down timeout
// bursts too, but where no request timed out, none may be reported.
func TestDetectGeneratedCorpus(t *testing.T) {
	inputs, probs := parsers.Discover([]string{"../testdata/generated/logs"})
	if len(probs) > 0 {
		t.Skip("no generated corpus:", probs)
	}
	analyze := func(workers int) *Result {
		return Analyze(inputs, nil, Options{Config: Config{Location: time.UTC, Top: 10, Peak: Band{9, 18}},
			Parse: parsers.Options{Location: time.UTC}, Workers: workers})
	}
	res := analyze(1)
	f := res.Detected
	if len(f.Intermittent) == 0 || f.Intermittent[0].Status != 500 {
		t.Errorf("intermittent: got %+v, want the 500s", f.Intermittent)
	}
	if f.Peak == nil || f.Peak.In.TypicalHour >= f.Peak.Out.TypicalHour || f.Peak.In.CapacityHours <= f.Peak.Out.CapacityHours {
		t.Errorf("peak: got %+v, want the band worse, with more hours of 429/503", f.Peak)
	}
	if len(f.Flaky) == 0 || f.RateLimit == nil || len(f.AuthOutages) == 0 || len(f.Crashed) == 0 {
		t.Errorf("got flaky %d, rate limit %v, auth outages %d, crashed %d; want each", len(f.Flaky), f.RateLimit != nil,
			len(f.AuthOutages), len(f.Crashed))
	}
	timeouts := 0
	for _, c := range res.Categories {
		if c.Class == ClassTimeout {
			timeouts = c.Count
		}
	}
	if timeouts == 0 && len(f.Bursts) > 0 {
		t.Errorf("bursts: got %+v, but no request timed out", f.Bursts)
	}
	if timeouts > 0 && len(f.Bursts) == 0 {
		t.Errorf("bursts: got none for %d timeouts", timeouts)
	}
	if many := analyze(8); !reflect.DeepEqual(many.Detected, res.Detected) || !reflect.DeepEqual(many.ByHourOfDay, res.ByHourOfDay) {
		t.Errorf("8 workers found %+v, 1 worker %+v", many.Detected, res.Detected)
	}
}

// TestDetectRunsEndWithTheirRun checks that a run is forgotten when its
// Run comes, the last record of 10,000 runs of 11 requests.
func TestDetectRunsEndWithTheirRun(t *testing.T) {
	a := New(&Config{Location: time.UTC, Top: 5})
	for i := range 10000 {
		run := fmt.Sprintf("run%05d", i)
		for j := range 11 {
			q := req{min: float64(2*i) + float64(j)/60, run: run, test: fmt.Sprintf("test%d", j), status: 200}
			switch {
			case i%50 == 0:
				q.status = 401 // the whole run: an auth outage, not flakiness
			case j == 3 && i%10 == 0:
				q.status = 500
			case j == 7 && i%25 == 1:
				q.status = 503
			}
			a.Add(q.record())
		}
		a.AddRun(parsers.Run{Source: "logs/a.log", ID: run, Complete: true})
		if n := len(a.runs.open); n > 1 {
			t.Fatalf("after run %d: got %d runs kept open, want at most 1", i, n)
		}
	}
	f := a.Result().Detected
	want := []FlakyTest{
		{Test: "test3", PassedRuns: 9000, FailedRuns: 800, Passed: 9000, Failed: 800, Statuses: []Tally{{500, 800}}},
		{Test: "test7", PassedRuns: 9400, FailedRuns: 400, Passed: 9400, Failed: 400, Statuses: []Tally{{503, 400}}},
	}
	if !reflect.DeepEqual(f.Flaky, want) {
		t.Errorf("flaky: got %+v, want %+v", f.Flaky, want)
	}
	if len(f.AuthOutages) != 200 || f.AuthOutages[0].Runs[0] != (RunRef{"logs/a.log", "run00000"}) || f.AuthRunsLeftOut != 0 {
		t.Errorf("got %d auth outages, %d runs left out, want 200 runs on their own", len(f.AuthOutages), f.AuthRunsLeftOut)
	}
}

// TestDetectFlakyAcrossRunEnds checks the flaky tests of runs ended by
// their Run, by the merge of the next file, or not at all, with names
// that differ only in a secret. The want is what errpat found when it
// kept every run to the end.
func TestDetectFlakyAcrossRunEnds(t *testing.T) {
	secret := regexp.MustCompile(`key-\d+`)
	cfg := &Config{Location: time.UTC, Top: 5, Mask: func(s string) string { return secret.ReplaceAllString(s, "key-***") }}
	total, part := New(cfg), New(cfg)
	add := func(source, run string, min float64, tests ...any) {
		for i := 0; i < len(tests); i += 2 {
			part.Add(req{min: min + float64(i), source: source, run: run, test: tests[i].(string), status: tests[i+1].(int)}.record())
		}
	}
	end := func(run string) { part.AddRun(parsers.Run{Source: "logs/a.log", ID: run, Complete: true}) }
	next := func() { total.Merge(part); part = New(cfg) }

	// logs/a.log: three runs, with records of no run among them
	add("logs/a.log", "r1", 0, "login key-1", 200, "list", 200, "get", 500)
	add("logs/a.log", "", 5, "health", 200, "health", 200)
	end("r1")
	add("logs/a.log", "r2", 10, "login key-2", 401, "list", 200, "get", 200, "list", 200)
	end("r2")
	add("logs/a.log", "r3", 20, "login key-3", 200, "list", 503, "get", 503) // half failed: set aside
	end("r3")
	add("logs/a.log", "", 30, "health", 0)
	next()
	// logs/b.jsonl, read in two parts: one run, without an id, across both
	add("logs/b.jsonl", "", 40, "get", 200, "list", 200, "health", 500)
	next()
	add("logs/b.jsonl", "", 50, "get", 200, "list", 500, "health", 200, "login key-9", 200)
	next()
	// logs/c.log: a run whose Run never came
	add("logs/c.log", "x", 60, "get", 500, "list", 200, "login key-4", 200, "health", 200)
	next()

	want := []FlakyTest{
		{Test: "get", PassedRuns: 2, FailedRuns: 2, Passed: 3, Failed: 2, Statuses: []Tally{{500, 2}}},
		{Test: "health", PassedRuns: 1, FailedRuns: 2, Passed: 4, Failed: 2, Statuses: []Tally{{0, 1}, {500, 1}}},
		{Test: "list", PassedRuns: 3, FailedRuns: 1, Passed: 5, Failed: 1, Statuses: []Tally{{500, 1}}},
		{Test: "login key-***", PassedRuns: 3, FailedRuns: 1, Passed: 3, Failed: 1, Statuses: []Tally{{401, 1}}},
	}
	if got := total.Result().Detected.Flaky; !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestDetectAuthRunsBounded checks that the runs failed whole with 401
// or 403 kept are the first by input and id, whatever the merge order.
func TestDetectAuthRunsBounded(t *testing.T) {
	n := maxAuthRuns + 50
	var one, even, odd wholeRuns
	for i := range n {
		j := (i * 7919) % n // every run once, out of order
		w := wholeRun{key: runKey{"logs/a.log", fmt.Sprintf("run%06d", j)}, requests: 3}
		one.add(w)
		if j%2 == 0 {
			even.add(w)
		} else {
			odd.add(w)
		}
	}
	odd.merge(&even)
	one.trim()
	odd.trim()
	if one.n != n || len(one.runs) != maxAuthRuns || one.runs[maxAuthRuns-1].key.run != fmt.Sprintf("run%06d", maxAuthRuns-1) {
		t.Errorf("got %d of %d runs, the last %v; want the first %d", len(one.runs), one.n, one.runs[len(one.runs)-1].key, maxAuthRuns)
	}
	if !reflect.DeepEqual(one, odd) {
		t.Error("merged in another order: got other runs")
	}
}

// TestAddOutageRunsMatchesAScan checks the indexed search for a run's
// spell against the plain rule: the first spell, in order, that the run
// falls in, else a spell of its own.
func TestAddOutageRunsMatchesAScan(t *testing.T) {
	scan := func(out []AuthOutage, whole []wholeRun) []AuthOutage {
		for _, w := range whole {
			i := slices.IndexFunc(out, func(o AuthOutage) bool {
				return !w.first.IsZero() && !w.first.Before(o.Start) && !w.last.After(o.End)
			})
			if i < 0 {
				out = append(out, AuthOutage{Start: w.first, End: w.last, Requests: w.requests, Unauthorized: w.unauthorized})
				i = len(out) - 1
			}
			if w.key != (runKey{}) { // a nameless run joins or makes a spell, unnamed
				out[i].Runs = append(out[i].Runs, RunRef{w.key.source, w.key.run})
			}
		}
		return out
	}
	base := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		// Spells of whole hours: in time order, apart.
		var spells []AuthOutage
		at := base
		for range rng.IntN(5) {
			at = at.Add(time.Duration(1+rng.IntN(5)) * time.Hour)
			end := at.Add(time.Duration(rng.IntN(7200)) * time.Second)
			spells = append(spells, AuthOutage{Start: at, End: end, Requests: 10})
			at = end
		}
		var whole []wholeRun
		for i := range rng.IntN(60) {
			first := base.Add(time.Duration(rng.IntN(30*3600)) * time.Second)
			var span time.Duration
			switch rng.IntN(4) {
			case 0:
				span = time.Duration(rng.IntN(3*3600)) * time.Second // longer than an hour, at times
			default:
				span = time.Duration(rng.IntN(300)) * time.Second
			}
			if rng.IntN(20) == 0 {
				first, span = time.Time{}, 0
			}
			whole = append(whole, wholeRun{key: runKey{source: "a.log", run: fmt.Sprint(i)}, first: first, last: first.Add(span), requests: 3})
		}
		// The runs past the named ones lose their names and come in two
		// lists, each in time order, merged as they are read.
		named := whole[:len(whole)/2]
		var rest []anonRun
		for _, w := range whole[len(whole)/2:] {
			rest = append(rest, anonOf(w))
		}
		slices.SortFunc(rest, anonRun.compare)
		var anon [2][]anonRun
		all := slices.Clone(named)
		for _, w := range rest {
			k := rng.IntN(2)
			anon[k] = append(anon[k], w)
			all = append(all, w.whole())
		}
		got := addOutageRuns(slices.Clone(spells), named, anon)
		want := scan(slices.Clone(spells), all)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: got %+v, want %+v", round, got, want)
		}
	}
}

// TestIncompleteRunsBounded checks that a result lists the first
// MaxRunsListed incomplete runs by start time, however they are split
// among aggregates and in whatever order they come, and counts them all.
func TestIncompleteRunsBounded(t *testing.T) {
	base := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	n := 2*MaxRunsListed + 500
	var parts [3]runList
	for _, i := range rand.New(rand.NewPCG(3, 4)).Perm(n) {
		start := base.Add(time.Duration(i) * time.Minute)
		parts[i%3].add(parsers.Run{Source: "a.log", ID: fmt.Sprintf("run%05d", i), Start: start, End: start.Add(30 * time.Second)})
	}
	all := parts[0]
	all.merge(&parts[2])
	all.merge(&parts[1])
	all.trim()
	if all.n != n || len(all.runs) != MaxRunsListed {
		t.Fatalf("got %d listed of %d, want %d of %d", len(all.runs), all.n, MaxRunsListed, n)
	}
	for i, run := range all.runs {
		if want := fmt.Sprintf("run%05d", i); run.ID != want {
			t.Fatalf("listed run %d is %s, want %s", i, run.ID, want)
		}
	}
	if want := base.Add(time.Duration(n-1)*time.Minute + 30*time.Second); !all.lastEnd.Equal(want) {
		t.Errorf("last end %v, want %v (the last run's, though not listed)", all.lastEnd, want)
	}
}
