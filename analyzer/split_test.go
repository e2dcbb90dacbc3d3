package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// TestSplitFilesGiveTheSameResult reads large files whole and in small
// parts: counts, examples, slowest requests, runs and problem lines must
// not change.
func TestSplitFilesGiveTheSameResult(t *testing.T) {
	dir := t.TempDir()
	var log, jl strings.Builder
	t0 := time.Date(2025, 1, 13, 4, 0, 0, 0, time.UTC)
	stamp := func(i int) string {
		return t0.Add(time.Duration(i) * 731 * time.Millisecond).Format("2006-01-02 15:04:05,000")
	}
	for run := range 300 {
		fmt.Fprintf(&log, "%s - INFO - Starting API tests - Log file: x\n", stamp(run*20))
		for j := range 6 {
			fmt.Fprintf(&log, "%s - INFO - Testing Map DID: /trunks/TR%04d/phone-numbers\n", stamp(run*20+j*3+1), run)
			if (run+j)%7 == 0 {
				fmt.Fprintf(&log, "%s - ERROR - ❌ Map DID - HTTP 404: Not Found\n", stamp(run*20+j*3+2+run%3))
				fmt.Fprintf(&log, "%s - ERROR - Error details: {\n  \"message\": \"Trunk with SID 'TR%04d' not found\"\n}\n", stamp(run*20+j*3+2+run%3), run)
			} else {
				fmt.Fprintf(&log, "%s - INFO - ✅ Map DID - Status: 201\n", stamp(run*20+j*3+2))
			}
		}
		if run%50 != 49 {
			fmt.Fprintf(&log, "%s - INFO - 📊 Test Summary: 5/6 passed\n", stamp(run*20+19))
		}
		fmt.Fprintf(&jl, `{"timestamp": "2025-01-13T%02d:%02d:00Z", "endpoint": "/a/%d", "status": %d, "duration_ms": %d}`+"\n", run/60%24, run%60, run, 200+run%5*100, run*7%3000)
		if run == 150 {
			jl.WriteString("not json\n")
		}
	}
	os.WriteFile(filepath.Join(dir, "big.log"), []byte(log.String()), 0o644)
	os.WriteFile(filepath.Join(dir, "big.jsonl"), []byte(jl.String()), 0o644)
	inputs, _ := parsers.Discover([]string{dir})
	analyze := func(part int64) *Result {
		return Analyze(inputs, nil, Options{
			Config:   Config{Location: time.UTC, Slow: 2 * time.Second, Top: 5, MaxProblems: 20},
			Parse:    parsers.Options{Location: time.UTC},
			PartSize: part, Workers: 4,
		})
	}
	whole, split := analyze(-1), analyze(8<<10)
	if n := len(parsers.Split(inputs, 8<<10)); n < 10 {
		t.Fatalf("got %d parts, want the files split in many", n)
	}
	if !reflect.DeepEqual(whole, split) {
		t.Errorf("split result differs:\nwhole %d req, %d failed, problems %v, incomplete %d\nsplit %d req, %d failed, problems %v, incomplete %d",
			whole.Requests, whole.Failed, whole.Problems, len(whole.Incomplete), split.Requests, split.Failed, split.Problems, len(split.Incomplete))
	}
	if whole.Requests != 300*6+300 || len(whole.Incomplete) != 6 || whole.Files != 2 {
		t.Errorf("got %d requests, %d incomplete runs, %d files; want 2100, 6, 2", whole.Requests, len(whole.Incomplete), whole.Files)
	}
	if len(split.Problems) != 1 || split.Problems[0].Line != 152 {
		t.Errorf("got problems %v, want one at line 152", split.Problems)
	}
}

// TestBatchesGiveTheSameResult reads every sample input in batches of
// small files and one file at a time: nothing may change, duplicates and
// runs included.
func TestBatchesGiveTheSameResult(t *testing.T) {
	inputs, probs := parsers.Discover([]string{"../testdata"})
	if len(probs) > 0 || len(inputs) < 50 {
		t.Fatalf("discovered %d inputs, problems %v", len(inputs), probs)
	}
	analyze := func(unbatched bool) *Result {
		return Analyze(inputs, nil, Options{
			Config:    Config{Location: time.UTC, Slow: 2 * time.Second, Top: 5, MaxProblems: 20},
			Parse:     parsers.Options{Location: time.UTC},
			Workers:   3,
			unbatched: unbatched,
		})
	}
	if n := len((&Options{}).batches(inputs)); n*4 > len(inputs) {
		t.Fatalf("%d inputs in %d batches, want most read in batches", len(inputs), n)
	}
	one, batched := analyze(true), analyze(false)
	if !reflect.DeepEqual(one, batched) {
		t.Errorf("batched result differs:\none by one %d req, %d failed, %d dup, %d files, problems %v\nbatched   %d req, %d failed, %d dup, %d files, problems %v",
			one.Requests, one.Failed, one.Duplicates, one.Files, one.Problems, batched.Requests, batched.Failed, batched.Duplicates, batched.Files, batched.Problems)
	}
	if one.Duplicates == 0 || one.Files != len(inputs) {
		t.Errorf("got %d duplicates and %d files of %d inputs; want duplicates and every file counted", one.Duplicates, one.Files, len(inputs))
	}
}

func TestBatches(t *testing.T) {
	small := func(name string, size int64) parsers.Input { return parsers.Input{Name: name, Size: size} }
	tests := []struct {
		name   string
		inputs []parsers.Input
		want   []int // batch sizes
	}{
		{"small files together", []parsers.Input{small("a", 10), small("b", 10), small("c", 10)}, []int{3}},
		{"a large file alone", []parsers.Input{small("a", 10), small("big", batchBytes), small("c", 10)}, []int{1, 1, 1}},
		{"unknown size alone", []parsers.Input{small("a", 10), small("b", 0), small("c", 10), small("d", 10)}, []int{1, 1, 2}},
		{"stdin alone", []parsers.Input{small("a", 10), {Name: "-", Stdin: true}, small("c", 10)}, []int{1, 1, 1}},
		{"parts alone", []parsers.Input{{Name: "p", Size: 10, Length: 5}, {Name: "p", Size: 10, Part: 1, Offset: 5, Length: 5}, small("c", 10)}, []int{1, 1, 1}},
		{"bytes bound", []parsers.Input{small("a", batchBytes/2), small("b", batchBytes/2), small("c", 1)}, []int{2, 1}},
		{"files bound", func() []parsers.Input {
			var in []parsers.Input
			for i := range batchFiles + 1 {
				in = append(in, small(fmt.Sprint(i), 1))
			}
			return in
		}(), []int{batchFiles, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			var flat []parsers.Input
			for _, b := range (&Options{}).batches(tt.inputs) {
				got = append(got, len(b))
				flat = append(flat, b...)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("batch sizes %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(flat, tt.inputs) {
				t.Errorf("batches hold %v, want the inputs in order", flat)
			}
		})
	}
}

// TestResultsFilesOfReadLogs counts the entries of results files named by
// logs that were read, which the logs hold, as duplicates, whether the
// files were digested in the first pass (valid) or read again (truncated,
// or holding other lists), and reads a results file that no log names in
// full.
func TestResultsFilesOfReadLogs(t *testing.T) {
	dir := t.TempDir()
	var log strings.Builder
	entry := `{"test_name": "create_trunk", "endpoint": "/trunks", "method": "POST", "success": false, "result": {"status_code": 500, "error": "boom"}, "timestamp": "2026-11-28T03:21:20"}`
	for i, name := range []string{"test_results_1.json", "test_results_2.json", "test_results_3.json"} {
		fmt.Fprintf(&log, "2026-11-28 03:2%d:00,000 - INFO - Starting API tests - Log file: x\n", i)
		fmt.Fprintf(&log, "2026-11-28 03:2%d:01,000 - INFO - Testing Create Trunk: /trunks\n", i)
		fmt.Fprintf(&log, "2026-11-28 03:2%d:02,000 - INFO - ✅ Create Trunk - Status: 201\n", i)
		fmt.Fprintf(&log, "2026-11-28 03:2%d:03,000 - INFO - 📁 Detailed results saved to: /x/logs/%s\n", i, name)
	}
	files := map[string]string{
		"api_test_1.log":      log.String(),
		"test_results_1.json": `{"test_results": [` + entry + `]}`,
		// truncated: the first entry is whole, the rest is a problem
		"test_results_2.json": "{\"test_results\": [\n" + entry + ",\n" + entry[:40],
		// another list beside test_results: read in full
		"test_results_3.json": `{"test_results": [` + entry + `], "steps": []}`,
		// no log names it: its requests count
		"test_results_4.json": `{"test_results": [` + entry + `, ` + entry + `, ` + entry + `]}`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs, _ := parsers.Discover([]string{dir})
	var done, total int
	var read, size, want int64
	for _, body := range files {
		want += int64(len(body))
	}
	res := Analyze(inputs, nil, Options{
		Config:   Config{Location: time.UTC, Slow: 2 * time.Second, Top: 5, MaxProblems: 20},
		Parse:    parsers.Options{Location: time.UTC},
		Progress: func(p Progress) { done, total, read, size = p.Done, p.Inputs, p.Read, p.Bytes },
	})
	if done != 5 || total != 5 {
		t.Errorf("progress last told %d of %d inputs read, want 5 of 5", done, total)
	}
	if read != want || size != want {
		t.Errorf("progress last told %d of %d bytes read, want %d of %d (the files' sizes)", read, size, want, want)
	}
	// The log's three requests, each the twin of one entry; the three
	// entries of the file no log names.
	if res.Files != 5 || res.Duplicates != 1+1+1 || res.Requests != 3+3 || res.Failed != 3 {
		t.Errorf("got %d files, %d duplicates, %d requests, %d failed; want 5, 3, 6, 3", res.Files, res.Duplicates, res.Requests, res.Failed)
	}
	if len(res.Problems) != 1 || !strings.HasSuffix(res.Problems[0].Source, "test_results_2.json") || res.Problems[0].Line != 3 {
		t.Errorf("problems %v, want the truncated file at line 3", res.Problems)
	}
	// Only the log and the results file counted in the first pass: no
	// second pass, and progress still reaches the end.
	inputs, _ = parsers.Discover([]string{filepath.Join(dir, "api_test_1.log"), filepath.Join(dir, "test_results_1.json")})
	res = Analyze(inputs, nil, Options{
		Config:   Config{Location: time.UTC, Slow: 2 * time.Second, Top: 5, MaxProblems: 20},
		Parse:    parsers.Options{Location: time.UTC},
		Progress: func(p Progress) { done, total = p.Done, p.Inputs },
	})
	if done != 2 || total != 2 || res.Files != 2 || res.Duplicates != 1 {
		t.Errorf("progress %d of %d, %d files, %d duplicates; want 2 of 2, 2, 1", done, total, res.Files, res.Duplicates)
	}
}
