// Command errpat-bench measures errpat against cat on generated corpora.
//
// Usage:
//
//	errpat-bench [--dir CACHE] [--quick] [--errpat PATH] [--gen PATH] [--repeat N] [--corpus NAMES]
//
// It generates its corpora once with errpat-gen into the cache directory
// (default .bench-cache/, under full/ or quick/). A corpus is reused while
// the parameters it was generated with are unchanged; delete the directory
// to regenerate. The corpora:
//
//   - many: 20,000 client runs in one file per run, about 40,000 files and
//     200 MB
//   - biglog: one 1 GiB text log over 30 days
//   - jsonl: one 200 MiB JSON-lines file over 30 days
//   - log100m: one 100 MB text log over 30 days, to compare errpat's
//     memory with biglog: the same span and groups, a tenth of the lines
//   - jtl, k6, access: one 200 MiB JMeter JTL CSV file, k6 JSON output
//     and nginx access log over 30 days, each to read at least as fast as
//     jsonl in the same run
//
// --quick uses about a twentieth of those sizes. errpat-bench builds
// nothing: it runs the binaries --errpat and --gen name. For each corpus it
// reads every file with cat (to /dev/null, in batches) and runs
// "errpat --format json --output /dev/null TARGET", each with a warm page
// cache, best of --repeat runs, and prints a table with the targets beside
// the figures. On the many-files corpus (its files dated by their last
// record, as the clients leave them) it also times "errpat --since" on the
// hour before the last write beside "find -newermt", checks the windowed
// counts against the full run's hours, and times the tools a user would
// run instead (the guide's grep pipelines and Python script, jq, lnav),
// each with what it gets wrong. On the 1 GiB log it times "errpat --since
// DAY --until DAY+1" on the day in the middle of its month beside the
// full run, and checks the day's counts against the full run's hours. --corpus measures only the corpora it
// names. It exits 0 whether or not the targets are met.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	default:
		fmt.Fprintln(os.Stderr, "errpat-bench:", err)
		os.Exit(1)
	}
}

// options are the command-line settings.
type options struct {
	dir    string
	quick  bool
	errpat string
	gen    string
	repeat int
	seed   int64
	only   string // --corpus: the corpora to measure, by name ("": all)
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("errpat-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.dir, "dir", ".bench-cache", "cache directory for the generated corpora")
	fs.BoolVar(&o.quick, "quick", false, "use corpora about 1/20 of the full sizes")
	fs.StringVar(&o.errpat, "errpat", "./bin/errpat", "errpat binary to measure")
	fs.StringVar(&o.gen, "gen", "./bin/errpat-gen", "errpat-gen binary that writes the corpora")
	fs.IntVar(&o.repeat, "repeat", 3, "timed runs per measurement; the best counts")
	fs.Int64Var(&o.seed, "seed", 1, "seed passed to errpat-gen")
	fs.StringVar(&o.only, "corpus", "", "measure only these corpora, comma-separated (many, biglog, jsonl, log100m, jtl, k6, access)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.repeat < 1 {
		return o, fmt.Errorf("repeat must be at least 1, not %d", o.repeat)
	}
	return o, nil
}

// run generates or reuses the corpora, measures them and prints the report.
func run(args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	errpat, err := executable(o.errpat)
	if err != nil {
		return fmt.Errorf("errpat binary: %w", err)
	}
	gen, err := executable(o.gen)
	if err != nil {
		return fmt.Errorf("errpat-gen binary: %w", err)
	}
	specs, err := selectSpecs(corpusSpecs(o.quick, o.seed), o.only)
	if err != nil {
		return err
	}
	corpora := make([]*corpus, 0, len(specs))
	for _, s := range specs {
		c, err := ensureCorpus(gen, o.dir, s, stderr)
		if err != nil {
			return err
		}
		corpora = append(corpora, c)
	}
	fmt.Fprintf(stdout, "errpat-bench: %s/%s, %d CPUs, best of %d, warm cache\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), o.repeat)
	results := make([]result, 0, len(corpora))
	var after []func()
	for _, c := range corpora {
		fmt.Fprintf(stderr, "measuring %s (%s in %d files)...\n", c.spec.name, humanBytes(c.bytes), len(c.files))
		res := measureCorpus(errpat, c, o.repeat)
		results = append(results, res)
		if c.spec.name == corpusMany {
			fmt.Fprintf(stderr, "measuring %s with --since, and the tools used instead...\n", c.spec.name)
			line := measureWindow(errpat, c, o.repeat).line(c)
			alts := measureAlternatives(c, o.repeat)
			after = append(after, func() {
				fmt.Fprintln(stdout, line)
				writeAlternatives(stdout, c, res.errpat, alts)
			})
		}
		if c.spec.name == corpusBigLog {
			fmt.Fprintf(stderr, "measuring %s with --since and --until, a day in the middle...\n", c.spec.name)
			line := measureUntil(errpat, c, o.repeat).line(c)
			after = append(after, func() { fmt.Fprintln(stdout, line) })
		}
	}
	writeReport(stdout, results)
	for _, f := range after {
		f()
	}
	return nil
}

// executable returns path made absolute after checking that it names an
// executable file.
func executable(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", path, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("%w (build it first, or name it with a flag)", err)
	}
	if fi.IsDir() || fi.Mode().Perm()&0o111 == 0 {
		return "", fmt.Errorf("%s is not an executable file", abs)
	}
	return abs, nil
}

// elapsed returns the seconds since start.
func elapsed(start time.Time) float64 { return time.Since(start).Seconds() }
