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
