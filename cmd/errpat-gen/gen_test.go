package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// genCorpus writes a corpus into a fresh directory and returns it with its
// truth as read back from truth.json.
func genCorpus(t *testing.T, cfg config) (string, *truthFile) {
	t.Helper()
	cfg.Out = t.TempDir()
	if _, err := generate(cfg); err != nil {
		t.Fatalf("generate(%+v): %v", cfg, err)
	}
	return cfg.Out, readTruth(t, cfg.Out)
}

// shared is one many-shape corpus that several tests read.
var shared struct {
	once sync.Once
	dir  string
	err  error
}

// sharedMany returns the shared corpus, generating it on first use.
func sharedMany(t *testing.T) (string, *truthFile) {
	t.Helper()
	shared.once.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "errpat-gen-test-")
		if shared.err == nil {
			_, shared.err = generate(config{Seed: 3, Runs: 600, Shape: shapeMany, Out: shared.dir})
		}
	})
	if shared.err != nil {
		t.Fatalf("generate shared corpus: %v", shared.err)
	}
	return shared.dir, readTruth(t, shared.dir)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// truthFile is truth.json as a consumer reads it.
type truthFile struct {
	counts
	Runs          int               `json:"runs"`
	CrashedRuns   int               `json:"crashed_runs"`
	Files         int               `json:"files"`
	Bytes         int64             `json:"bytes"`
	Formats       map[string]counts `json:"formats"`
	Timeouts      int               `json:"timeouts"`
	TimeoutBursts [][2]string       `json:"timeout_bursts"`
	PeakHours     struct {
		From    string `json:"from"`
		To      string `json:"to"`
		Peak    band   `json:"peak"`
		OffPeak band   `json:"off_peak"`
	} `json:"peak_hours"`
}

// counts is the part of a tally the recounts compare.
type counts struct {
	Files       int                      `json:"files"`
	Bytes       int64                    `json:"bytes"`
	Requests    int                      `json:"requests"`
	Failed      int                      `json:"failed"`
	ByStatus    map[string]int           `json:"by_status"`
	ByEndpoint  map[string]endpointCount `json:"by_endpoint"`
	SlowOver2s  *int                     `json:"slow_over_2s"`
	Runs        *int                     `json:"runs"`
	CrashedRuns *int                     `json:"crashed_runs"`
}

func newCounts(timed bool) counts {
	c := counts{ByStatus: map[string]int{}, ByEndpoint: map[string]endpointCount{}}
	if timed {
		c.SlowOver2s = new(int)
	}
	return c
}

func (c *counts) add(endpoint string, status int, failed, slow bool) {
	c.Requests++
	c.ByStatus[strconv.Itoa(status)]++
	e := c.ByEndpoint[foldEndpoint(endpoint)]
	e.Total++
	if failed {
		c.Failed++
		e.Failed++
	}
	c.ByEndpoint[foldEndpoint(endpoint)] = e
	if slow {
		*c.SlowOver2s++
	}
}

// merge adds o's request counts to c.
func (c *counts) merge(o counts) {
	c.Requests += o.Requests
	c.Failed += o.Failed
	for k, v := range o.ByStatus {
		c.ByStatus[k] += v
	}
	for k, v := range o.ByEndpoint {
		e := c.ByEndpoint[k]
		e.Total += v.Total
		e.Failed += v.Failed
		c.ByEndpoint[k] = e
	}
	if o.SlowOver2s != nil {
		*c.SlowOver2s += *o.SlowOver2s
	}
}

func readTruth(t *testing.T, dir string) *truthFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tf truthFile
	if err := json.Unmarshal(data, &tf); err != nil {
		t.Fatalf("truth.json: %v", err)
	}
	return &tf
}

// foldEndpoint folds the ids in a path to {id}, independently of the
// generator's own tables.
func foldEndpoint(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		isNum := s != ""
		for _, c := range s {
			isNum = isNum && c >= '0' && c <= '9'
		}
		if isNum || (strings.HasPrefix(s, "TR") && len(s) >= 8 && strings.ContainsAny(s, "0123456789")) {
			segs[i] = "{id}"
		}
	}
	return strings.Join(segs, "/")
}

// treeBytes reads every file under dir, keyed by relative path.
func treeBytes(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestDeterminism(t *testing.T) {
	cases := []struct {
		name string
		cfg  config
	}{
		{"many", config{Seed: 7, Runs: 120, Shape: shapeMany}},
		{"biglog", config{Seed: 7, Size: 300 << 10, Shape: shapeBigLog}},
		{"bigjsonl", config{Seed: 7, Size: 200 << 10, Shape: shapeBigJSONL}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, _ := genCorpus(t, tc.cfg)
			b, _ := genCorpus(t, tc.cfg)
			fa, fb := treeBytes(t, a), treeBytes(t, b)
			if len(fa) != len(fb) {
				t.Fatalf("same seed wrote %d and %d files", len(fa), len(fb))
			}
			for name, data := range fa {
				if !bytes.Equal(data, fb[name]) {
					t.Errorf("same seed wrote different bytes to %s", name)
				}
			}
			other := tc.cfg
			other.Seed++
			c, _ := genCorpus(t, other)
			if bytes.Equal(fa["truth.json"], treeBytes(t, c)["truth.json"]) {
				t.Errorf("seeds %d and %d wrote the same truth", tc.cfg.Seed, other.Seed)
			}
		})
	}
}

// resultsFile is the client's results file, as errpat's users read it.
type resultsFile struct {
	TotalTests      int `json:"total_tests"`
	SuccessfulTests int `json:"successful_tests"`
	TestResults     []struct {
		Endpoint string `json:"endpoint"`
		Success  bool   `json:"success"`
		Result   struct {
			StatusCode *int `json:"status_code"`
		} `json:"result"`
	} `json:"test_results"`
}

func recountResults(t *testing.T, paths []string) counts {
	c := newCounts(false)
	for _, p := range paths {
		var rf resultsFile
		decodeFile(t, p, &rf)
		passed := 0
		for _, r := range rf.TestResults {
			status := 0
			if r.Result.StatusCode != nil {
				status = *r.Result.StatusCode
			}
			if r.Success {
				passed++
			}
			c.add(r.Endpoint, status, !r.Success, false)
		}
		if rf.TotalTests != len(rf.TestResults) || rf.SuccessfulTests != passed {
			t.Errorf("%s: summary %d/%d does not match its %d results (%d passed)",
				p, rf.SuccessfulTests, rf.TotalTests, len(rf.TestResults), passed)
		}
	}
	return c
}

// loadFile is the load tester's output.
type loadFile struct {
	Results  []loadResult `json:"results"`
	Analysis struct {
		Summary struct {
			TotalRequests int `json:"total_requests"`
		} `json:"summary"`
		Errors []loadResult `json:"errors"`
	} `json:"analysis"`
}

type loadResult struct {
	Endpoint     string  `json:"endpoint"`
	StatusCode   int     `json:"status_code"`
	ResponseTime float64 `json:"response_time"`
	Success      bool    `json:"success"`
	ErrorMessage string  `json:"error_message"`
	Timestamp    string  `json:"timestamp"`
}

func recountLoad(t *testing.T, paths []string) counts {
	c := newCounts(true)
	for _, p := range paths {
		var lf loadFile
		decodeFile(t, p, &lf)
		var fails []loadResult
		for _, r := range lf.Results {
			c.add(r.Endpoint, r.StatusCode, !r.Success, r.ResponseTime > 2.0)
			if !r.Success && len(fails) < 10 {
				fails = append(fails, r)
			}
		}
		if lf.Analysis.Summary.TotalRequests != len(lf.Results) {
			t.Errorf("%s: total_requests %d, results %d", p, lf.Analysis.Summary.TotalRequests, len(lf.Results))
		}
		if len(lf.Analysis.Errors) != len(fails) {
			t.Fatalf("%s: %d errors, want the first %d failures", p, len(lf.Analysis.Errors), len(fails))
		}
		for i, e := range lf.Analysis.Errors {
			f := fails[i]
			if e.Endpoint != f.Endpoint || e.StatusCode != f.StatusCode || e.Timestamp != f.Timestamp || e.ErrorMessage != f.ErrorMessage {
				t.Errorf("%s: errors[%d] = %+v, want failure %+v", p, i, e, f)
			}
		}
	}
	return c
}

// recountJSONL reads JSON-lines files in any of the key variants.
func recountJSONL(t *testing.T, paths []string) counts {
	c := newCounts(true)
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			status, ok := m["status_code"].(float64)
			if !ok {
				status = m["statusCode"].(float64)
			}
			var ms float64
			switch {
			case m["response_time"] != nil:
				ms = m["response_time"].(float64) * 1000
			case m["duration_ms"] != nil:
				ms = m["duration_ms"].(float64)
			default:
				ms = m["responseTime"].(float64)
			}
			if _, err := time.Parse(time.RFC3339, m["timestamp"].(string)); err != nil {
				t.Errorf("%s: %v", p, err)
			}
			c.add(m["endpoint"].(string), int(status), status == 0 || status >= 400, math.Round(ms) > 2000)
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	return c
}

// newmanFile is the part of newman's JSON report the recount reads.
type newmanFile struct {
	Run struct {
		Executions []struct {
			Request struct {
				Method string `json:"method"`
				URL    struct {
					Path []string `json:"path"`
				} `json:"url"`
				Header []struct {
					Key   string `json:"key"`
					Value string `json:"value"`
				} `json:"header"`
			} `json:"request"`
			Response *struct {
				Code         int `json:"code"`
				ResponseTime int `json:"responseTime"`
			} `json:"response"`
			RequestError any `json:"requestError"`
			Assertions   []struct {
				Error *struct {
					Message string `json:"message"`
				} `json:"error"`
			} `json:"assertions"`
		} `json:"executions"`
		Failures []any `json:"failures"`
	} `json:"run"`
}

func recountNewman(t *testing.T, paths []string) counts {
	c := newCounts(true)
	for _, p := range paths {
		var nf newmanFile
		decodeFile(t, p, &nf)
		fails := 0
		for _, e := range nf.Run.Executions {
			status, rt := 0, 0
			failed := e.RequestError != nil
			if failed {
				fails++
			}
			if e.Response != nil {
				status, rt = e.Response.Code, e.Response.ResponseTime
			}
			for _, a := range e.Assertions {
				if a.Error != nil {
					failed = true
					fails++
				}
			}
			auth := false
			for _, h := range e.Request.Header {
				auth = auth || (h.Key == "Authorization" && strings.HasPrefix(h.Value, "Basic "))
			}
			if !auth {
				t.Errorf("%s: a request has no Authorization: Basic header", p)
			}
			c.add("/"+strings.Join(e.Request.URL.Path, "/"), status, failed, rt > 2000)
		}
		if fails != len(nf.Run.Failures) {
			t.Errorf("%s: %d failures listed, %d found in executions", p, len(nf.Run.Failures), fails)
		}
	}
	return c
}

func decodeFile(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

var (
	logLineRE = regexp.MustCompile(`^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) - ([A-Z]+) - (.*)$`)
	testingRE = regexp.MustCompile(`^Testing (.+?): (/\S*)$`)
	statusRE  = regexp.MustCompile(`^✅ (.+) - Status: (\d+)$`)
	httpRE    = regexp.MustCompile(`^❌ (.+) - HTTP (\d+): `)
	netRE     = regexp.MustCompile(`^❌ (.+) - (?:Network error|Exception): `)
)

// logRecount is what a reader of the text logs finds.
type logRecount struct {
	counts
	runs, crashed, summaries, timeouts int
	authRuns                           int // runs in which every request got 401
	timeoutStarts                      []time.Time
	resultsNamed                       []string
}

// recountLogs reads text logs line by line, independently of the generator.
func recountLogs(t *testing.T, paths []string) *logRecount {
	lr := &logRecount{counts: newCounts(true)}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		lr.read(t, f, p)
		f.Close()
	}
	return lr
}

func (lr *logRecount) read(t *testing.T, r io.Reader, name string) {
	type pending struct {
		name, endpoint string
		at             time.Time
	}
	var cur *pending
	inRun, summarized, traceback := false, false, false
	reqs, unauthorized := 0, 0
	endRun := func() {
		if !inRun {
			return
		}
		if reqs > 0 && unauthorized == reqs {
			lr.authRuns++
		}
		if !summarized {
			lr.crashed++
			if !traceback {
				t.Errorf("%s: run without summary has no traceback", name)
			}
		} else if traceback {
			t.Errorf("%s: run has both a traceback and a summary", name)
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		m := logLineRE.FindStringSubmatch(line)
		if m == nil {
			if strings.HasPrefix(line, "Traceback (most recent call last):") {
				traceback = true
			}
			continue
		}
		at, err := time.Parse("2006-01-02 15:04:05,000", m[1])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		msg := m[3]
		switch {
		case strings.HasPrefix(msg, "Starting API tests - Log file: "):
			endRun()
			lr.runs++
			inRun, summarized, traceback, cur = true, false, false, nil
			reqs, unauthorized = 0, 0
			continue
		case strings.HasPrefix(msg, "📊 Test Summary: "):
			summarized = true
			lr.summaries++
			continue
		case strings.HasPrefix(msg, "📁 Detailed results saved to: "):
			lr.resultsNamed = append(lr.resultsNamed, filepath.Base(strings.TrimPrefix(msg, "📁 Detailed results saved to: ")))
			continue
		}
		if s := testingRE.FindStringSubmatch(msg); s != nil {
			cur = &pending{s[1], s[2], at}
			continue
		}
		status, ended := 0, false
		var who string
		if s := statusRE.FindStringSubmatch(msg); s != nil {
			who, ended = s[1], true
			status, _ = strconv.Atoi(s[2])
		} else if s := httpRE.FindStringSubmatch(msg); s != nil {
			who, ended = s[1], true
			status, _ = strconv.Atoi(s[2])
		} else if s := netRE.FindStringSubmatch(msg); s != nil {
			who, ended = s[1], true
		}
		if !ended || cur == nil || who != cur.name {
			continue // a note, not the end of a request
		}
		if status == 0 && strings.Contains(msg, "timed out") {
			lr.timeouts++
			lr.timeoutStarts = append(lr.timeoutStarts, cur.at)
		}
		reqs++
		if status == 401 {
			unauthorized++
		}
		ok := status >= 200 && status < 300
		lr.add(cur.endpoint, status, !ok, at.Sub(cur.at) > 2*time.Second)
		cur = nil
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	endRun()
}

// glob returns the files under dir matching pattern, sorted.
func glob(t *testing.T, dir, pattern string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	return paths
}

func compareCounts(t *testing.T, what string, got, want counts) {
	t.Helper()
	if got.Requests != want.Requests || got.Failed != want.Failed {
		t.Errorf("%s: recount %d requests, %d failed; truth %d, %d", what, got.Requests, got.Failed, want.Requests, want.Failed)
	}
	if !equalMaps(got.ByStatus, want.ByStatus) {
		t.Errorf("%s: by_status recount %v, truth %v", what, got.ByStatus, want.ByStatus)
	}
	if !equalMaps(got.ByEndpoint, want.ByEndpoint) {
		t.Errorf("%s: by_endpoint recount %v, truth %v", what, got.ByEndpoint, want.ByEndpoint)
	}
	switch {
	case (got.SlowOver2s == nil) != (want.SlowOver2s == nil):
		t.Errorf("%s: slow_over_2s present in recount: %v, in truth: %v", what, got.SlowOver2s != nil, want.SlowOver2s != nil)
	case got.SlowOver2s != nil && *got.SlowOver2s != *want.SlowOver2s:
		t.Errorf("%s: slow_over_2s recount %d, truth %d", what, *got.SlowOver2s, *want.SlowOver2s)
	}
}

func equalMaps[V comparable](a, b map[string]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestTruthMatchesRecount(t *testing.T) {
	dir, tr := sharedMany(t)
	logs := filepath.Join(dir, "logs")

	results := recountResults(t, glob(t, logs, "test_results_*.json"))
	compareCounts(t, "results", results, tr.Formats[fmtResults])

	load := recountLoad(t, glob(t, logs, "load_test_results_*.json"))
	compareCounts(t, "load", load, tr.Formats[fmtLoad])

	jsonlFiles := append(glob(t, logs, "test_results/*.json"), glob(t, logs, "metrics/*.jsonl")...)
	jsonl := recountJSONL(t, jsonlFiles)
	compareCounts(t, "jsonl", jsonl, tr.Formats[fmtJSONL])

	newman := recountNewman(t, glob(t, logs, "newman/*.json"))
	compareCounts(t, "newman", newman, tr.Formats[fmtNewman])

	lr := recountLogs(t, glob(t, logs, "api_test_*.log"))
	compareCounts(t, "pylog", lr.counts, tr.Formats[fmtPyLog])
	if lr.runs != tr.Runs || lr.crashed != tr.CrashedRuns {
		t.Errorf("logs hold %d runs, %d crashed; truth %d, %d", lr.runs, lr.crashed, tr.Runs, tr.CrashedRuns)
	}

	// Each api_test request counts once: the results files repeat the
	// requests of the completed runs' logs.
	if results.Requests > lr.Requests || len(glob(t, logs, "test_results_*.json")) != lr.runs-lr.crashed {
		t.Errorf("%d results files with %d requests for %d runs (%d crashed) with %d requests",
			len(glob(t, logs, "test_results_*.json")), results.Requests, lr.runs, lr.crashed, lr.Requests)
	}
	var named []string
	for _, p := range glob(t, logs, "test_results_*.json") {
		named = append(named, filepath.Base(p))
	}
	sort.Strings(lr.resultsNamed)
	if strings.Join(named, ",") != strings.Join(lr.resultsNamed, ",") {
		t.Errorf("results files on disk differ from the ones the logs name")
	}

	all := newCounts(true)
	for _, c := range []counts{lr.counts, load, jsonl, newman} {
		all.merge(c)
	}
	compareCounts(t, "all formats", all, tr.counts)

	files, size := 0, int64(0)
	for name, data := range treeBytes(t, dir) {
		if name != "truth.json" {
			files++
			size += int64(len(data))
		}
	}
	if files != tr.Files || size != tr.Bytes {
		t.Errorf("wrote %d files, %d bytes; truth says %d, %d", files, size, tr.Files, tr.Bytes)
	}
}

func TestBigLogRecount(t *testing.T) {
	const size = 2 << 20
	dir, tr := genCorpus(t, config{Seed: 11, Size: size, Shape: shapeBigLog})
	paths := glob(t, dir, "logs/api_test_*.log")
	if len(paths) != 1 {
		t.Fatalf("biglog wrote %d logs, want 1", len(paths))
	}
	fi, err := os.Stat(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() > size || fi.Size() < size-64<<10 {
		t.Errorf("biglog is %d bytes, want at most %d and not much less", fi.Size(), size)
	}
	lr := recountLogs(t, paths)
	compareCounts(t, "biglog", lr.counts, tr.counts)
	if lr.runs != tr.Runs || lr.crashed != tr.CrashedRuns || lr.summaries != tr.Runs-tr.CrashedRuns {
		t.Errorf("biglog: %d runs, %d crashed, %d summaries; truth %d runs, %d crashed",
			lr.runs, lr.crashed, lr.summaries, tr.Runs, tr.CrashedRuns)
	}
}

func TestBigJSONLRecount(t *testing.T) {
	const size = 1 << 20
	dir, tr := genCorpus(t, config{Seed: 5, Size: size, Shape: shapeBigJSONL})
	paths := glob(t, dir, "logs/test_results/*.json")
	if len(paths) != 1 {
		t.Fatalf("bigjsonl wrote %d files, want 1", len(paths))
	}
	if tr.Bytes > size || tr.Bytes < size-maxJSONLLine {
		t.Errorf("bigjsonl is %d bytes, want just under %d", tr.Bytes, size)
	}
	compareCounts(t, "bigjsonl", recountJSONL(t, paths), tr.counts)
}

func TestCrashedRunsHaveNoSummary(t *testing.T) {
	dir, tr := sharedMany(t)
	if tr.CrashedRuns == 0 {
		t.Fatalf("no crashed runs in %d; the test needs some", tr.Runs)
	}
	crashed := 0
	for _, p := range glob(t, dir, "logs/api_test_*.log") {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("\nTraceback (most recent call last):\n")) {
			continue
		}
		crashed++
		for _, s := range []string{"📊 Test Summary", "📁 Detailed results saved to"} {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s: crashed run logs %q", filepath.Base(p), s)
			}
		}
		if !bytes.HasSuffix(data, []byte("\n")) {
			t.Errorf("%s: log does not end with a newline", filepath.Base(p))
		}
	}
	if crashed != tr.CrashedRuns {
		t.Errorf("%d logs end in a traceback, truth says %d crashed runs", crashed, tr.CrashedRuns)
	}
	if n := len(glob(t, dir, "logs/test_results_*.json")); n != tr.Runs-tr.CrashedRuns {
		t.Errorf("%d results files for %d completed runs", n, tr.Runs-tr.CrashedRuns)
	}
}

func TestFailurePatterns(t *testing.T) {
	dir, tr := genCorpus(t, config{Seed: 2, Size: 8 << 20, Shape: shapeBigLog})
	lr := recountLogs(t, glob(t, dir, "logs/api_test_*.log"))

	if r := float64(tr.ByStatus["500"]) / float64(tr.Requests); r < 0.02 || r > 0.05 {
		t.Errorf("500s are %.1f%% of requests, want 2-5%%", 100*r)
	}
	peak, off := tr.PeakHours.Peak.SuccessRate, tr.PeakHours.OffPeak.SuccessRate
	if peak < 80 || peak > 90 || off <= peak+2 {
		t.Errorf("success %.1f%% at peak, %.1f%% off peak; want about 85%% at peak and better off peak", peak, off)
	}
	if lr.authRuns == 0 || lr.authRuns*9 > tr.ByStatus["401"] {
		t.Errorf("%d runs failed whole with 401, %d 401s in all; want whole runs of them", lr.authRuns, tr.ByStatus["401"])
	}
	if tr.CrashedRuns == 0 || float64(tr.CrashedRuns)/float64(tr.Runs) > 0.05 {
		t.Errorf("%d of %d runs crashed, want about 2%%", tr.CrashedRuns, tr.Runs)
	}

	if lr.timeouts == 0 || lr.timeouts != tr.Timeouts {
		t.Fatalf("logs hold %d timeouts, truth %d; want the same, and some", lr.timeouts, tr.Timeouts)
	}
	var bursts [][2]time.Time
	for _, b := range tr.TimeoutBursts {
		from, err1 := time.Parse("2006-01-02T15:04:05", b[0])
		to, err2 := time.Parse("2006-01-02T15:04:05", b[1])
		if err1 != nil || err2 != nil || to.Sub(from) < 5*time.Minute || to.Sub(from) > 30*time.Minute {
			t.Fatalf("bad burst %v", b)
		}
		bursts = append(bursts, [2]time.Time{from, to})
	}
	for _, at := range lr.timeoutStarts {
		in := false
		for _, b := range bursts {
			// Log times are cut to milliseconds; a request sent in the
			// burst's last millisecond still belongs to it.
			in = in || (!at.Before(b[0].Add(-time.Millisecond)) && at.Before(b[1]))
		}
		if !in {
			t.Errorf("timeout of a request sent at %v is outside every burst", at)
		}
	}
}

func TestFormatHelpers(t *testing.T) {
	us := func(s string) int64 {
		tm, err := time.Parse("2006-01-02 15:04:05.000000", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UnixMicro()
	}
	var c clock
	tests := []struct {
		name, got, want string
	}{
		{"log time", string(c.appendLogTime(nil, us("2025-01-13 04:34:48.780999"))), "2025-01-13 04:34:48,780"},
		{"log time next day", string(c.appendLogTime(nil, us("2025-01-14 00:00:00.001000"))), "2025-01-14 00:00:00,001"},
		{"isoformat", string(c.appendISO(nil, us("2025-01-13 04:34:49.203614"))), "2025-01-13T04:34:49.203614"},
		{"isoformat whole second", string(c.appendISO(nil, us("2025-01-13 04:34:49.000000"))), "2025-01-13T04:34:49"},
		{"strftime %f", string(c.appendISOMicro(nil, us("2025-01-13 22:19:00.000000"))), "2025-01-13T22:19:00.000000"},
		{"iso Z", string(c.appendISOZ(nil, us("2024-02-29 23:59:59.999999"))), "2024-02-29T23:59:59Z"},
		{"stamp", string(c.appendStamp(nil, us("2025-01-13 04:34:55.527000"))), "20250113_043455"},
		{"http date", httpDate(&c, us("2026-11-28 03:29:15.000000")), "Sat, 28 Nov 2026 03:29:15 GMT"},
		{"py float", pyFloat(9.090909090909092), "9.090909090909092"},
		{"py float whole", pyFloat(100), "100.0"},
		{"py float zero", pyFloat(0), "0.0"},
		{"seconds from ms", string(appendMsAsSeconds(nil, 2650)), "2.65"},
		{"seconds from ms small", string(appendMsAsSeconds(nil, 284)), "0.284"},
		{"seconds from whole ms", string(appendMsAsSeconds(nil, 2000)), "2.0"},
		{"pct", pctOneDecimal(1, 11), "9.1"},
		{"pct all", pctOneDecimal(11, 11), "100.0"},
		{"pct none", pctOneDecimal(0, 10), "0.0"},
		{"py str", string(appendPyStr(nil, "a\"b\\c\n✅")), `"a\"b\\c\n\u2705"`},
		{"status key", statusKey(0), "0"},
		{"compact", compactString(obj(kv("a", num(1)), kv("b", arr(str("x"), rawj("true"))))), `{"a": 1, "b": ["x", true]}`},
		{"pretty", string(appendPretty(nil, obj(kv("a", obj()), kv("b", arr(num(1)))), 0)), "{\n  \"a\": {},\n  \"b\": [\n    1\n  ]\n}"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1073741824", 1 << 30, true},
		{"1GiB", 1 << 30, true},
		{"200MiB", 200 << 20, true},
		{"100MB", 100 * 1000 * 1000, true},
		{"64K", 64 << 10, true},
		{"12B", 12, true},
		{"lots", 0, false},
		{"-1", 0, false},
	}
	for _, tc := range tests {
		got, err := parseSize(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args []string
		ok   bool
	}{
		{[]string{"--seed", "4", "--out", "x", "--runs", "10"}, true},
		{[]string{"--shape", "biglog", "--size", "1MiB"}, true},
		{[]string{"--shape", "tiny"}, false},
		{[]string{"--runs", "0"}, false},
		{[]string{"--shape", "bigjsonl", "--size", "10"}, false},
		{[]string{"extra"}, false},
	}
	for _, tc := range tests {
		_, err := parseFlags(tc.args, io.Discard)
		if (err == nil) != tc.ok {
			t.Errorf("parseFlags(%q): err = %v, want ok=%v", tc.args, err, tc.ok)
		}
	}
}

// TestBigFilesSpreadOverDays checks that --days spreads the single big
// files over that span: the bench's month of logs.
func TestBigFilesSpreadOverDays(t *testing.T) {
	for _, tt := range []struct {
		shape, glob string
		stamp       func(line []byte) (time.Time, bool)
	}{
		{shapeBigLog, "logs/api_test_*.log", func(line []byte) (time.Time, bool) {
			if len(line) < 19 {
				return time.Time{}, false
			}
			ts, err := time.Parse("2006-01-02 15:04:05", string(line[:19]))
			return ts, err == nil
		}},
		{shapeBigJSONL, "logs/test_results/*.json", func(line []byte) (time.Time, bool) {
			var m struct{ Timestamp time.Time }
			return m.Timestamp, json.Unmarshal(line, &m) == nil && !m.Timestamp.IsZero()
		}},
	} {
		t.Run(tt.shape, func(t *testing.T) {
			dir, _ := genCorpus(t, config{Seed: 3, Size: 1 << 20, Shape: tt.shape, Days: 3})
			paths := glob(t, dir, tt.glob)
			if len(paths) != 1 {
				t.Fatalf("%d files, want 1", len(paths))
			}
			data, err := os.ReadFile(paths[0])
			if err != nil {
				t.Fatal(err)
			}
			var first, last time.Time
			for _, line := range bytes.Split(data, []byte("\n")) {
				if ts, ok := tt.stamp(line); ok {
					if first.IsZero() {
						first = ts
					}
					last = ts
				}
			}
			if span := last.Sub(first); span < 60*time.Hour || span > 80*time.Hour {
				t.Errorf("records from %v to %v (%v), want about 3 days", first, last, span)
			}
		})
	}
}
