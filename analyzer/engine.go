package analyzer

import (
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/errpat/errpat/parsers"
)

// Options configure Analyze.
type Options struct {
	Config
	// Parse is handed to every parser.
	Parse parsers.Options
	// Workers bounds the files read at once (0: GOMAXPROCS).
	Workers int
	// Problem, when set, is told of each problem in input order, as the
	// files are merged (for a live message on standard error).
	Problem func(parsers.Problem)
	// OnRecord, when set, is handed each record that is counted (not a
	// duplicate, inside the window) in input order, as the files are
	// merged. A file's records wait in memory until its turn.
	OnRecord func(*parsers.Record)
}

// Analyze reads the inputs with a bounded pool of workers and aggregates
// them. Each request is counted once: a results file named by a log that
// was read, and a JUnit report of a newman run whose JSON report was read,
// are read after everything else and their twins of requests already
// counted are dropped (counted in Duplicates).
func Analyze(inputs []parsers.Input, stdin io.Reader, opt Options) *Result {
	total := New(&opt.Config)
	claims := map[string]bool{}
	var deferred []parsers.Input
	merge := func(fr *fileResult) {
		if fr.deferred {
			deferred = append(deferred, fr.input)
			return
		}
		for _, p := range fr.agg.Problems {
			if opt.Problem != nil {
				opt.Problem(p)
			}
		}
		for k := range fr.claims {
			claims[k] = true
		}
		total.Merge(fr.agg)
		for i := range fr.records {
			opt.OnRecord(&fr.records[i])
		}
	}
	run(inputs, opt.Workers, func(in parsers.Input) *fileResult {
		return readFile(in, stdin, &opt, nil)
	}, merge)
	// Deferred files read after all claims are known; claims are only
	// read from here on, so the workers share the map without locks.
	later := deferred
	deferred = nil
	run(later, opt.Workers, func(in parsers.Input) *fileResult {
		return readFile(in, stdin, &opt, claims)
	}, merge)
	return total.Result()
}

// fileResult is what reading one input gave.
type fileResult struct {
	input    parsers.Input
	agg      *Aggregate
	claims   map[string]bool
	deferred bool
	records  []parsers.Record // kept only for Options.OnRecord
}

// readFile parses one input into an aggregate of its own. Without claims
// (the first pass) it defers results files and JUnit reports; with them it
// drops the records they claim.
func readFile(in parsers.Input, stdin io.Reader, opt *Options, claims map[string]bool) *fileResult {
	fr := &fileResult{input: in, agg: New(&opt.Config)}
	fr.agg.Files = 1
	f, prob := parsers.Open(in, stdin)
	if prob != nil {
		fr.agg.SkippedFiles = 1
		fr.agg.AddProblem(*prob)
		return fr
	}
	defer f.Close()
	if claims == nil && !in.Stdin && (f.Format == parsers.FormatResults || f.Format == parsers.FormatJUnit) {
		fr.deferred = true
		return fr
	}
	sink := parsers.Sink{
		Record: func(r *parsers.Record) {
			if r.Key != "" && claims[r.Key] {
				fr.agg.Duplicates++
				return
			}
			if r.Key != "" && r.Format == parsers.FormatNewman {
				fr.claim(r.Key)
			}
			fr.agg.Add(r)
			if opt.OnRecord != nil && fr.agg.InWindow(r.Time) {
				fr.records = append(fr.records, *r)
			}
		},
		Run: func(run parsers.Run) {
			if run.Format == parsers.FormatResults && claims["results:"+run.ResultsFile] {
				return
			}
			if run.ResultsFile != "" && run.Format != parsers.FormatResults {
				fr.claim("results:" + run.ResultsFile)
			}
			fr.agg.AddRun(run)
		},
		Problem: fr.agg.AddProblem,
	}
	if err := parse(f, in.Name, opt.Parse, sink); err != nil {
		fr.agg.AddProblem(parsers.Problem{Source: in.Name, Err: "stopped reading: " + parsers.ReadError(err)})
	}
	return fr
}

// parse runs the format's parser. A parser bug met on hostile input costs
// the rest of that file, reported as a problem, not the whole report.
func parse(f *parsers.Opened, name string, opt parsers.Options, sink parsers.Sink) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in the %s parser: %v (please report it)", f.Format, p)
		}
	}()
	return parsers.Parser(f.Format)(f.Reader, name, opt, sink)
}

func (fr *fileResult) claim(key string) {
	if fr.claims == nil {
		fr.claims = map[string]bool{}
	}
	fr.claims[key] = true
}

// run reads inputs with at most workers at once and hands the results to
// merge in input order. At most a few results per worker wait for their
// turn, which bounds memory whatever the number of files.
func run(inputs []parsers.Input, workers int, read func(parsers.Input) *fileResult, merge func(*fileResult)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	window := make(chan struct{}, workers*4)
	results := make([]chan *fileResult, len(inputs))
	for i := range results {
		results[i] = make(chan *fileResult, 1)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] <- read(inputs[i])
			}
		}()
	}
	go func() {
		for i := range inputs {
			window <- struct{}{}
			jobs <- i
		}
		close(jobs)
	}()
	for i := range inputs {
		merge(<-results[i])
		<-window
	}
	wg.Wait()
}
