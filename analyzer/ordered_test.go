package analyzer

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/errpat/errpat/parsers"
)

// writeJSONLines writes n request lines of about 200 bytes to a file.
func writeJSONLines(t *testing.T, n int) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "big.jsonl")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := range n {
		fmt.Fprintf(w, `{"timestamp": "2026-11-28T03:%02d:%02dZ", "method": "GET", "endpoint": "/trunks/%d", "status": %d, "response_time": 0.25, "message": "request %d of the run failed with a long message"}`+"\n",
			i/60%60, i%60, i, 200+300*(i%2), i)
	}
	if err := errorsJoin(w.Flush(), f.Close()); err != nil {
		t.Fatal(err)
	}
	return name
}

func errorsJoin(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// readInOrder reads name with OnRecord set and checks that each record
// comes once, in input order.
func readInOrder(t *testing.T, name string, n, workers int, part int64) {
	t.Helper()
	next := 1
	res := Analyze([]parsers.Input{{Name: name}}, nil, Options{
		Config: Config{Location: time.UTC}, Workers: workers, PartSize: part,
		OnRecord: func(r *parsers.Record) {
			if r.Line != next {
				t.Fatalf("got line %d, want %d", r.Line, next)
			}
			next++
		},
	})
	if next != n+1 || res.Requests != n {
		t.Fatalf("got %d records handed on and %d counted, want %d", next-1, res.Requests, n)
	}
}

// TestOnRecordInOrder hands on the records of a file read in many parts
// by several workers: each once, in order, whatever the workers.
func TestOnRecordInOrder(t *testing.T) {
	const n = 20000
	name := writeJSONLines(t, n)
	for _, workers := range []int{1, 3, 16} {
		readInOrder(t, name, n, workers, 64<<10)
	}
}

// TestOnRecordMemory reads a JSON lines file of 500,000 records
// (105 MB) with 8 workers in a child process: what waits for its turn is
// bounded, so the peak memory stays under 150 MiB.
func TestOnRecordMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads 105 MB")
	}
	if raceDetector {
		t.Skip("the race detector multiplies memory: make test checks the bound without it")
	}
	const n = 500000
	name := writeJSONLines(t, n)
	cmd := exec.Command(os.Args[0], "-test.run=^TestOnRecordChild$", "-test.v")
	cmd.Env = append(os.Environ(), "ERRPAT_CHILD="+name, "ERRPAT_CHILD_N="+strconv.Itoa(n))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no peak memory on this system")
	}
	mib := ru.Maxrss >> 10 // Linux counts KiB
	t.Logf("peak memory %d MiB", mib)
	if mib > 150 {
		t.Errorf("peak memory %d MiB, want under 150", mib)
	}
}

// TestOnRecordChild is TestOnRecordMemory's child process.
func TestOnRecordChild(t *testing.T) {
	name := os.Getenv("ERRPAT_CHILD")
	n, err := strconv.Atoi(os.Getenv("ERRPAT_CHILD_N"))
	if name == "" || err != nil {
		t.Skip("run by TestOnRecordMemory")
	}
	readInOrder(t, name, n, 8, 0)
}
