package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// TestSplitJTLGivesTheSameResult reads a JMeter CSV file whole and in
// small parts. Its traps: failure messages quoted over several lines,
// whose inner lines are rows of their own as far as a line goes; doubled
// quotes; sub-results after their parent. The parts must count what the
// whole file does; the note of rows that are not requests is told per
// part, so only the sum of its counts is compared.
func TestSplitJTLGivesTheSameResult(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("timeStamp,elapsed,label,responseCode,responseMessage,threadName,success,failureMessage,URL\n")
	t0 := int64(1736726400000)
	for i := range 3000 {
		stamp := t0 + int64(i)*1500
		thread := fmt.Sprintf("Trunk API 1-%d", i%8+1)
		switch {
		case i%5 == 0:
			// a row inside the quotes: a cut there would read it as a request
			fmt.Fprintf(&b, "%d,31,Get Trunk,500,Server Error,%s,false,\"Assertion failed:\n%d,5,Get Trunk,200,OK,%s,true,,https://api.example.test/x\nsaid \"\"no\"\"\",https://api.example.test/trunks/%d\n",
				stamp, thread, stamp, thread, i)
		case i%61 == 0:
			fmt.Fprintf(&b, "%d,80,Home,200,OK,%s,true,,https://api.example.test/\n", stamp, thread)
			fmt.Fprintf(&b, "%d,40,Home-0,200,OK,%s,true,,https://api.example.test/a.css\n", stamp, thread)
			fmt.Fprintf(&b, "%d,40,Home-1,404,Not Found,%s,false,,https://api.example.test/b.js\n", stamp, thread)
		default:
			fmt.Fprintf(&b, "%d,%d,List Trunks,%d,OK,%s,%v,,https://api.example.test/trunks?page=%d\n", stamp, i%900, 200+i%3*100, thread, i%3 == 0, i)
		}
	}
	os.WriteFile(filepath.Join(dir, "results.jtl"), []byte(b.String()), 0o644)
	inputs, _ := parsers.Discover([]string{dir})
	analyze := func(part int64) *Result {
		return Analyze(inputs, nil, Options{
			Config:   Config{Location: time.UTC, Slow: 2 * time.Second, Top: 5, MaxProblems: 1000},
			Parse:    parsers.Options{Location: time.UTC},
			PartSize: part, Workers: 4,
		})
	}
	whole, split := analyze(-1), analyze(8<<10)
	if n := len(parsers.Split(inputs, 8<<10)); n < 10 {
		t.Fatalf("got %d parts, want the file split in many", n)
	}
	notes := func(r *Result) (subs, problems int) {
		re := regexp.MustCompile(`(\d+) sub-result rows`)
		for _, p := range r.Problems {
			m := re.FindStringSubmatch(p.Err)
			if m == nil {
				problems++
				continue
			}
			n, _ := strconv.Atoi(m[1])
			subs += n
		}
		return subs, problems
	}
	ws, wp := notes(whole)
	ss, sp := notes(split)
	if ws != 2*40 || ss != ws || wp != 0 || sp != 0 {
		t.Errorf("got %d sub-results and %d other problems whole, %d and %d split; want 80 and 0 both", ws, wp, ss, sp)
	}
	whole.Problems, whole.ProblemCount, split.Problems, split.ProblemCount = nil, 0, nil, 0
	if !reflect.DeepEqual(whole, split) {
		t.Errorf("split result differs:\nwhole %d req, %d failed\nsplit %d req, %d failed",
			whole.Requests, whole.Failed, split.Requests, split.Failed)
	}
	// 3000 samples; 40 (i%61 but not i%5: k*61 for k in 0..49 not a
	// multiple of 5) have two sub-results each
	if whole.Requests != 3000 {
		t.Errorf("got %d requests, want 3000", whole.Requests)
	}
}
