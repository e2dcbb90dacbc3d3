package analyzer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

func analyzeFiles(t *testing.T, workers int, patterns ...string) *Result {
	t.Helper()
	var args []string
	for _, p := range patterns {
		args = append(args, filepath.Join("..", "testdata", p))
	}
	inputs, probs := parsers.Discover(args)
	if len(probs) > 0 {
		t.Fatalf("discover: %v", probs)
	}
	return Analyze(inputs, nil, Options{
		Config:  Config{Location: time.UTC, Slow: 2 * time.Second, Top: 10, MaxProblems: 20, Mask: NewMasker().Mask},
		Parse:   parsers.Options{Location: time.UTC},
		Workers: workers,
	})
}

// TestGeneratedCorpusMatchesTruth checks the two-day bench against the
// counts its generator wrote down: each request once although every
// finished run has both a log and a results file.
func TestGeneratedCorpusMatchesTruth(t *testing.T) {
	var truth struct {
		Requests, Failed, Runs int
		CrashedRuns            int                                    `json:"crashed_runs"`
		SlowOver2s             int                                    `json:"slow_over_2s"`
		ByStatus               map[string]int                         `json:"by_status"`
		ByEndpoint             map[string]struct{ Failed, Total int } `json:"by_endpoint"`
		ByHour                 map[string]struct{ Failed, Total int } `json:"by_hour"`
		Load                   struct {
			Requests, Failed int
			ByStatus         map[string]int `json:"by_status"`
		}
		NDJSON struct {
			Records    int
			SlowOver2s int `json:"slow_over_2s"`
		} `json:"ndjson"`
	}
	b, err := os.ReadFile("../testdata/generated/truth.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	res := analyzeFiles(t, 0, "generated/logs/api_test_*.log", "generated/logs/test_results_*.json")
	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
	check("requests", res.Requests, truth.Requests)
	check("failed", res.Failed, truth.Failed)
	check("runs", res.Runs, truth.Runs)
	check("incomplete runs", res.IncompleteRuns, truth.CrashedRuns)
	check("slow", res.Slow.Count, truth.SlowOver2s)
	crashed := 0
	for _, run := range res.Incomplete {
		crashed += run.Requests
	}
	check("results-file requests counted once", res.Duplicates, truth.Requests-crashed)
	byStatus := map[string]int{}
	for _, s := range res.ByStatus {
		key := strconv.Itoa(s.Status)
		if s.Status == 0 {
			key = "network"
		}
		byStatus[key] += s.Count
	}
	check("by status", byStatus, truth.ByStatus)
	byEndpoint := map[string]struct{ Failed, Total int }{}
	for _, e := range res.ByEndpoint {
		v := byEndpoint[e.Endpoint]
		v.Failed += e.Failed
		v.Total += e.Requests
		byEndpoint[e.Endpoint] = v
	}
	check("by endpoint", byEndpoint, truth.ByEndpoint)
	byHour := map[string]struct{ Failed, Total int }{}
	for _, h := range res.ByHour {
		byHour[h.Hour.Format("2006-01-02T15")] = struct{ Failed, Total int }{h.Failed, h.Requests}
	}
	check("by hour", byHour, truth.ByHour)

	load := analyzeFiles(t, 0, "generated/logs/load_test_results_*.json")
	check("load requests", load.Requests, truth.Load.Requests)
	check("load failed", load.Failed, truth.Load.Failed)
	loadStatus := map[string]int{}
	for _, s := range load.ByStatus {
		loadStatus[strconv.Itoa(s.Status)] += s.Count
	}
	check("load by status", loadStatus, truth.Load.ByStatus)

	nd := analyzeFiles(t, 0, "generated/logs/test_results/response_times.json")
	check("json lines records", nd.Requests, truth.NDJSON.Records)
	check("json lines slow", nd.Slow.Count, truth.NDJSON.SlowOver2s)
}

// TestRealClientCounts checks the six real runs: counts worked out by
// reading the logs (8 + 7 + 7 + 7 + 8 requests in five crashed runs, 10 in
// the finished one whose results file repeats them).
func TestRealClientCounts(t *testing.T) {
	res := analyzeFiles(t, 0, "real-client")
	got := fmt.Sprintf("requests=%d failed=%d runs=%d incomplete=%d duplicates=%d problems=%d",
		res.Requests, res.Failed, res.Runs, res.IncompleteRuns, res.Duplicates, res.ProblemCount)
	// mock_server.log is the mock server's own log: no requests of a
	// client, named once, its 227 lines skipped.
	want := "requests=47 failed=21 runs=6 incomplete=5 duplicates=10 problems=1"
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if p := res.Problems[0]; !strings.HasSuffix(p.Source, "mock_server.log") || p.Lines != 227 || !strings.Contains(p.Err, "no requests") {
		t.Errorf("got problem %+v (%d lines), want mock_server.log: no requests, 227 lines skipped", p, p.Lines)
	}
	var statuses []string
	for _, s := range res.ByStatus {
		statuses = append(statuses, fmt.Sprintf("%d/%s=%d", s.Status, s.Class, s.Count))
	}
	wantStatus := "201/ok=26 0/network=10 501/server=5 400/validation=3 403/permission=1 409/conflict=1 422/validation=1"
	if g := strings.Join(statuses, " "); g != wantStatus {
		t.Errorf("by status: got %s, want %s", g, wantStatus)
	}
	for _, run := range res.Incomplete {
		if !strings.HasPrefix(run.LastRequest, "GET /trunks/") || !strings.HasSuffix(run.LastRequest, "/destination-uris") {
			t.Errorf("run %s: last request %q, want the GET that crashed it", run.ID, run.LastRequest)
		}
	}
}

// TestSameResultWithAnyWorkers guards the merge order: one worker and
// many must give the same result, field for field.
func TestSameResultWithAnyWorkers(t *testing.T) {
	one := analyzeFiles(t, 1, ".")
	many := analyzeFiles(t, 8, ".")
	if !reflect.DeepEqual(one, many) {
		t.Errorf("results differ between 1 and 8 workers: %d/%d requests, %d/%d patterns",
			one.Requests, many.Requests, len(one.Patterns), len(many.Patterns))
	}
	if one.Requests == 0 {
		t.Fatal("no requests read from testdata")
	}
}

// TestNewmanXMLMatchesJSON checks that newman's two reports of a run give
// the same requests and failures, and are counted once together.
func TestNewmanXMLMatchesJSON(t *testing.T) {
	js := analyzeFiles(t, 0, "newman/newman_run1.json")
	xml := analyzeFiles(t, 0, "newman/newman_run1.xml")
	both := analyzeFiles(t, 0, "newman/newman_run1.*")
	if js.Requests != 13 || js.Failed != 5 || xml.Requests != js.Requests || xml.Failed != js.Failed {
		t.Errorf("JSON %d/%d, XML %d/%d requests/failed; want 13/5 from both", js.Requests, js.Failed, xml.Requests, xml.Failed)
	}
	if both.Requests != 13 || both.Duplicates != 13 {
		t.Errorf("together: got %d requests, %d duplicates; want 13 and 13", both.Requests, both.Duplicates)
	}
	statuses := func(r *Result) map[int]int {
		m := map[int]int{}
		for _, s := range r.ByStatus {
			if s.Class != ClassOK {
				m[s.Status] += s.Count
			}
		}
		return m
	}
	if !reflect.DeepEqual(statuses(js), statuses(xml)) {
		t.Errorf("failed statuses: JSON %v, XML %v", statuses(js), statuses(xml))
	}
}

// TestFileGoneBeforeItIsRead: a file found, then removed before a worker
// opens it, is a problem naming it; the other files are still counted.
func TestFileGoneBeforeItIsRead(t *testing.T) {
	dir := t.TempDir()
	log := "2026-11-28 03:21:12,728 - INFO - Testing A: /a\n2026-11-28 03:21:12,791 - INFO - ✅ A - Status: 201\n"
	for _, name := range []string{"a.log", "b.log"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(log), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs, _ := parsers.Discover([]string{dir})
	os.Remove(filepath.Join(dir, "b.log"))
	res := Analyze(inputs, nil, Options{Config: Config{Location: time.UTC, MaxProblems: 5}})
	if res.Requests != 1 || res.SkippedFiles != 1 || len(res.Problems) != 1 ||
		!strings.Contains(res.Problems[0].Err, "no such file") || !strings.HasSuffix(res.Problems[0].Source, "b.log") {
		t.Errorf("got %d requests, %d skipped, problems %v; want 1, 1 and b.log missing", res.Requests, res.SkippedFiles, res.Problems)
	}
}
