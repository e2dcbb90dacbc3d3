// Command errpat-gen writes a deterministic corpus of API test logs and
// result files, in the exact formats of the clients errpat reads, together
// with truth.json: exact counts of what it wrote.
//
// Usage:
//
//	errpat-gen [--seed N] [--out DIR] [--runs N] [--size BYTES] [--days N]
//	           [--shape many|biglog|bigjsonl|bigjtl|bigk6|bigaccess]
//
// The same flags always give the same bytes. Shapes:
//
//   - many: one api_test_*.log per client run and one test_results_*.json
//     per completed run, as the Python test client writes them, plus
//     load_test_results_*.json (one per 100 runs), newman JSON reports
//     (one per 100 runs) and daily JSON-lines files. --runs sets the
//     number of client runs.
//   - biglog: a single text log of at most --size bytes holding many runs.
//   - bigjsonl: a single JSON-lines file of at most --size bytes.
//   - bigjtl, bigk6, bigaccess: a single file of at most --size bytes of
//     the same requests as a JMeter JTL CSV results file, k6's JSON output
//     or an nginx combined access log with $request_time at the end.
//
// Inputs land under DIR/logs/; truth.json is written to DIR. The simulated
// API fails intermittently with 500s, answers 429/503 at peak hours
// (09:00-18:00), times out in bursts of 5-15 minutes, rejects whole runs
// with 401, and the client sometimes crashes mid-run.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	err := run(os.Args[1:], os.Stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	default:
		fmt.Fprintln(os.Stderr, "errpat-gen:", err)
		os.Exit(2)
	}
}

// run parses the arguments and writes the corpus.
func run(args []string, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	began := time.Now()
	t, err := generate(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "errpat-gen: wrote %d files, %d bytes, %d requests to %s in %.1fs\n",
		t.Files, t.Bytes, t.Requests, cfg.Out, time.Since(began).Seconds())
	return nil
}

// parseFlags reads the command line into a config.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("errpat-gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := config{}
	size := "100MiB"
	fs.Int64Var(&cfg.Seed, "seed", 1, "random seed; the same seed gives the same bytes")
	fs.StringVar(&cfg.Out, "out", "corpus", "output directory")
	fs.IntVar(&cfg.Runs, "runs", 40, "client runs to simulate (shape many)")
	fs.StringVar(&size, "size", size, "size of the single file (the big… shapes): bytes, or with a suffix such as KiB, MiB, GiB, MB, GB")
	fs.StringVar(&cfg.Shape, "shape", shapeMany, "corpus shape: many, biglog, bigjsonl, bigjtl, bigk6 or bigaccess")
	fs.IntVar(&cfg.Days, "days", 0, "days the runs (bigjsonl and the load shapes: records) are spread over (0: about 480 runs or 4,320 records a day, at least 2)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	n, err := parseSize(size)
	if err != nil {
		return cfg, err
	}
	cfg.Size = n
	return cfg, cfg.validate()
}

// sizeUnits are the suffixes parseSize accepts, longest first.
var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30},
	{"B", 1},
}

// parseSize reads a byte count such as "1073741824", "1GiB" or "100MB".
func parseSize(s string) (int64, error) {
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(num, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(num, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad size %q: want a byte count such as 1073741824 or 1GiB", s)
	}
	return n * mult, nil
}
