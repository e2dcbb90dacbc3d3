package analyzer

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/errpat/errpat/parsers"
)

// Options configure Analyze.
type Options struct {
	Config
	// Parse is handed to every parser.
	Parse parsers.Options
	// Workers bounds the files read at once (0: twice GOMAXPROCS, so that
	// one worker's system calls and the in-order merge leave no CPU idle).
	Workers int
	// Problem, when set, is told of each problem in input order, as the
	// files are merged (for a live message on standard error).
	Problem func(parsers.Problem)
	// Progress, when set, is told after each input (or part of one) is
	// merged how far the analysis has got.
	Progress func(Progress)
	// PartSize is the size of the parts large files are split into, to be
	// read in parallel (0: DefaultPartSize; negative: never split).
	PartSize int64
	// unbatched reads every input on its own (batches must not change
	// the result: a test compares both).
	unbatched bool
	// names holds the base names of the inputs: a log's claim on its
	// results file matters only when that file is among them.
	names map[string]bool
	// stopSize is the size from which a whole file in time order may stop
	// at the window's end (0: minStopSize; negative: no file stops, parts
	// neither), for tests.
	stopSize int64
	// OnRecord, when set, is handed each record that is counted (not a
	// duplicate, inside the window) in input order. The file (or part)
	// whose turn it is hands its records on as they are read; those read
	// ahead of their turn wait in memory, maxHeld bytes at most.
	OnRecord func(*parsers.Record)
}

// Progress is how far Analyze has got: the inputs (or parts of large
// files) done, of how many; their bytes done, of the bytes of all (their
// sizes when found: standard input's are unknown); and the requests
// counted so far.
type Progress struct {
	Done, Inputs int
	Read, Bytes  int64
	Requests     int
}

// sizeOf is an input's bytes, 0 when unknown.
func sizeOf(in parsers.Input) int64 {
	if in.Length > 0 {
		return in.Length
	}
	return in.Size
}

// Analyze reads the inputs with a bounded pool of workers and aggregates
// them. Each request is counted once: a results file named by a log that
// was read, and a JUnit report of a newman run whose JSON report was read,
// are taken after everything else and their twins of requests already
// counted are dropped (counted in Duplicates). A results file is paired
// with its log per request (see logPairs): its entries that the log does
// not hold are counted. It is digested when it is first met, so that one
// whose log holds all its requests need not be opened again.
func Analyze(inputs []parsers.Input, stdin io.Reader, opt Options) *Result {
	total := New(&opt.Config)
	tw := &twins{keys: map[string]bool{}, logs: map[string]*loggedRuns{}}
	var deferred [][]deferredInput // each batch's, not copied into one list: 19,597 results files in a folder of 40,120
	partSize := opt.PartSize
	if partSize == 0 {
		partSize = DefaultPartSize
	}
	inputs = parsers.Split(inputs, partSize, opt.Parse.Formats...)
	opt.names = inputNames(inputs)
	lineBase := 0 // lines of a split file's parts merged so far
	prog := Progress{Inputs: len(inputs)}
	for _, in := range inputs {
		prog.Bytes += sizeOf(in)
	}
	tell := func() {
		if opt.Progress != nil {
			prog.Requests = total.status.requests
			opt.Progress(prog)
		}
	}
	stopped := 0 // files whose rest was not read
	merge := func(fr *fileResult) {
		defer func() { fr.out.done(lineBase) }()
		if len(fr.deferred) > 0 {
			deferred = append(deferred, fr.deferred)
		}
		prog.Done += fr.inputs - len(fr.deferred)
		prog.Read += fr.bytes
		defer tell()
		if !fr.mergeOrder() {
			return // a part after the one that stopped its file
		}
		stopped += fr.stopped
		if fr.part == 0 {
			lineBase = 0
		}
		fr.shiftLines(lineBase)
		base := lineBase
		lineBase += fr.lines
		for _, p := range fr.agg.inputs.problems {
			if opt.Problem != nil {
				opt.Problem(p)
			}
		}
		tw.merge(fr)
		total.Merge(fr.agg)
		fr.out.flush(base)
	}
	out := newInOrder(opt.OnRecord)
	batches := opt.batches(inputs)
	orders := fileOrders(batches, &opt.Config)
	run(batches, opt.Workers, func(i int, b []parsers.Input) *fileResult {
		fr := newFileResult(b, &opt, out.batch(i, b[0].Part))
		if orders != nil {
			fr.order = orders[i]
		}
		return readBatch(fr, b, stdin, &opt, nil)
	}, merge)
	// Deferred files read after all claims are known; claims are only
	// read from here on, so the workers share the maps without locks. A
	// results file digested in the first pass whose log holds the same
	// requests is done: they are all duplicates.
	var later []parsers.Input
	done := 0
	for _, batch := range deferred {
		for _, d := range batch {
			if lr := tw.logs[filepath.Base(d.Name)]; d.counted && lr.holdsAll(d.digest) {
				total.inputs.files++
				total.inputs.duplicates += d.digest.N
				prog.Done++
				prog.Read += sizeOf(d.Input)
				done++
				continue
			}
			later = append(later, d.Input)
		}
	}
	if done > 0 {
		tell()
	}
	deferred = nil
	out = newInOrder(opt.OnRecord)
	run(opt.batches(later), opt.Workers, func(i int, b []parsers.Input) *fileResult {
		return readBatch(newFileResult(b, &opt, out.batch(i, b[0].Part)), b, stdin, &opt, tw)
	}, merge)
	res := total.Result()
	if stopped > 0 {
		res.NotReadRest, res.NotReadAfter = stopped, stopCut(&opt.Config)
	}
	return res
}

func inputNames(inputs []parsers.Input) map[string]bool {
	names := make(map[string]bool, len(inputs))
	for _, in := range inputs {
		if !in.Stdin {
			names[filepath.Base(in.Name)] = true
		}
	}
	return names
}

// DefaultPartSize is the part size large files are split into: big enough
// that the per-part work is small beside the parsing.
const DefaultPartSize = 16 << 20

// Small files are read in batches: the inputs of a batch are read one
// after the other into one aggregate, merged once, which is what merging
// an aggregate per file in their order gives, at a fraction of the cost
// when a run writes thousands of files of a few kilobytes. Batches
// depend on the inputs only, never on the number of workers.
const (
	batchBytes = 256 << 10 // the most bytes of a batch
	batchFiles = 64        // and the most files
)

// batches groups consecutive small whole files; any other input (standard
// input, a part of a split file, a file of unknown or large size) is a
// batch of its own.
func (opt *Options) batches(inputs []parsers.Input) [][]parsers.Input {
	var out [][]parsers.Input
	if opt.unbatched {
		for i := range inputs {
			out = append(out, inputs[i:i+1:i+1])
		}
		return out
	}
	var size int64
	small := func(in parsers.Input) bool {
		return !in.Stdin && in.Length == 0 && in.Size > 0 && in.Size < batchBytes
	}
	start := 0 // the first input of the last batch: a batch is a run of inputs, not a copy
	for i, in := range inputs {
		n := len(out)
		if n > 0 && small(in) && small(inputs[i-1]) && i-start < batchFiles && size+in.Size <= batchBytes {
			out[n-1] = inputs[start : i+1 : i+1]
			size += in.Size
			continue
		}
		out = append(out, inputs[i:i+1:i+1])
		start, size = i, in.Size
	}
	return out
}

// fileResult is what reading one batch of inputs (or one part of a file)
// gave.
type fileResult struct {
	agg      *Aggregate
	claims   map[string]bool        // record keys claimed
	logged   map[string]*loggedRuns // results files named by runs read
	run      loggedRun              // the requests of the run being read
	inputs   int                    // inputs read, deferred ones included
	deferred []deferredInput        // results files and JUnit reports to read later
	out      *batchOut              // the way out of records for Options.OnRecord
	part     int                    // the part number of a part of a split file
	lines    int                    // newlines in a part, to number the next part's lines
	bytes    int64                  // the sizes of the inputs read, deferred ones left out
	order    *fileOrder             // a part's file's order, when the window has an end (readstop.go)
	seen     inOrderSeen            // what a part saw of its file's order
	stopped  int                    // inputs whose rest was not read
}

// shiftLines turns the line numbers of a part of a split file, which
// count from the part's start, into the file's.
func (fr *fileResult) shiftLines(base int) {
	if base == 0 {
		return
	}
	fr.agg.shiftLines(base)
}

// deferredInput is an input read after the others, and for a results
// file that could be digested (counted), its requests.
type deferredInput struct {
	parsers.Input
	digest  parsers.Requests
	counted bool
}

func newFileResult(batch []parsers.Input, opt *Options, out *batchOut) *fileResult {
	return &fileResult{agg: New(&opt.Config), inputs: len(batch), part: batch[0].Part, out: out}
}

// readBatch reads a batch of inputs, in order, into fr's aggregate.
// Without twins (the first pass) it defers results files and JUnit
// reports; with them it drops the records already counted.
func readBatch(fr *fileResult, batch []parsers.Input, stdin io.Reader, opt *Options, tw *twins) *fileResult {
	for _, in := range batch {
		readFile(fr, in, stdin, opt, tw)
		fr.bytes += sizeOf(in)
	}
	for _, d := range fr.deferred {
		fr.bytes -= sizeOf(d.Input)
	}
	fr.agg.readDone()
	return fr
}

// readFile parses one input into the batch's aggregate.
func readFile(fr *fileResult, in parsers.Input, stdin io.Reader, opt *Options, tw *twins) {
	if fr.order.stoppedBefore(in.Part) {
		fr.seen.dropped = true
		return
	}
	fr.agg.startInput()
	f, prob := parsers.Open(in, stdin, opt.Parse.Formats...)
	if in.Part == 0 {
		fr.agg.inputs.files++
	}
	switch {
	case prob != nil && prob.NotLog:
		fr.agg.inputs.addNotLog(in.Name)
		return
	case prob != nil:
		fr.agg.inputs.skippedFiles++
		fr.agg.AddProblem(*prob)
		return
	}
	defer f.Close()
	format := f.Format
	if tw == nil && !in.Stdin && format.Later {
		fr.agg.inputs.files--
		in.Format = format // read again later, not sniffed again
		d := deferredInput{Input: in}
		if format.Count != nil {
			// Digested now, a file whose twins are all read is not opened
			// again.
			d.digest, d.counted = format.Count(f.Reader)
		}
		fr.deferred = append(fr.deferred, d)
		return
	}
	fr.agg.startFormat(format)
	var stop *orderStop
	if tw == nil {
		stop = newOrderStop(f, in, opt, fr.order)
	}
	var claims map[string]bool
	var pairs *logPairs
	if tw != nil {
		claims = tw.keys
		if format.Later && !in.Stdin {
			pairs = tw.logs[filepath.Base(in.Name)].pairs()
		}
	}
	found := 0 // records and runs the input holds
	sink := parsers.Sink{
		Record: func(r *parsers.Record) {
			if stop.done() {
				return
			}
			found++
			held, join := pairs.joinsRetryAfter(r)
			if join {
				fr.agg.joinRetryAfter(r.RetryAfter)
			}
			if r.Key != "" && claims[r.Key] || held {
				fr.agg.inputs.duplicates++
				return
			}
			if r.Key != "" && format.Claims {
				fr.claim(r.Key)
			}
			if p, bad := checkTimes(r); bad {
				fr.agg.AddProblem(p)
			}
			if tw == nil && !format.Later {
				fr.run.add(r, fr.agg.InWindow(r.Time))
			}
			fr.agg.Add(r)
			if opt.OnRecord != nil && fr.agg.InWindow(r.Time) {
				fr.out.add(r)
			}
			stop.record(r)
		},
		Run: func(run parsers.Run) {
			if stop.done() {
				return
			}
			found++
			// A run names its results file; a results file's own run names
			// itself. The log's run claims the file, whose run is then
			// not counted again.
			if run.ResultsFile != "" {
				switch {
				case format.Later && tw != nil && tw.logs[run.ResultsFile] != nil:
					fr.agg.endRun(run)
					return
				case !format.Later && opt.names[run.ResultsFile]:
					fr.logRun(run)
				}
			}
			fr.run.reset()
			fr.agg.AddRun(run)
			stop.run(run)
		},
		Problem: func(p parsers.Problem) {
			if !stop.done() {
				fr.agg.AddProblem(p)
			}
		},
		Stated: func(s parsers.Stated) {
			if !stop.done() {
				fr.agg.AddStated(s)
			}
		},
	}
	popt := opt.Parse
	popt.Part, popt.Head = in.Part, in.Head
	if claims != nil {
		// Results files' entries are never counted already as a whole:
		// each is paired on its own name and endpoint.
		popt.Counted = func(key string) bool { return claims[key] }
	}
	skipped := fr.agg.inputs.skippedLines
	if err := parse(f, in.Name, popt, sink); err != nil {
		fr.agg.AddProblem(f.Stopped(err))
	}
	for _, p := range f.Problems() {
		fr.agg.AddProblem(p)
	}
	stop.finish(fr)
	if in.Length > 0 {
		// A part's newlines, which its text's filter counted as it
		// read, number the next part's lines (of one that stopped its
		// file, those read: the parts after it are not counted).
		fr.lines = f.Newlines()
		return
	}
	if found == 0 && !format.Summary {
		// A file of a known format that holds no request (a server's own
		// log, an application log, an empty report) is named once; its
		// lines not already counted are skipped ones.
		fr.agg.AddProblem(parsers.Problem{Source: in.Name, Err: "no requests or tests found (read as " + format.Name + ")",
			Lines: max(f.Lines()-(fr.agg.inputs.skippedLines-skipped), 0)})
	}
}

// parse runs the format's parser. A parser bug met on hostile input costs
// the rest of that file, reported as a problem, not the whole report.
func parse(f *parsers.Opened, name string, opt parsers.Options, sink parsers.Sink) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in the %s parser: %v (please report it)", f.Format.Name, p)
		}
	}()
	return f.Format.Parse(f.Reader, name, opt, sink)
}

func (fr *fileResult) claim(key string) {
	if fr.claims == nil {
		fr.claims = map[string]bool{}
	}
	fr.claims[key] = true
}

// run reads inputs with at most workers at once and hands the results to
// merge in input order. At most a few results per worker wait for their
// turn, which bounds memory whatever the number of files; of the parts
// of large files, at most one per CPU is read or waits (see partsAtOnce).
func run(batches [][]parsers.Input, workers int, read func(int, []parsers.Input) *fileResult, merge func(*fileResult)) {
	if workers <= 0 {
		workers = 2 * runtime.GOMAXPROCS(0)
	}
	window := make(chan struct{}, workers*4)
	parts := make(chan struct{}, partsAtOnce(workers))
	isPart := func(i int) bool { return batches[i][0].Length > 0 }
	results := make([]chan *fileResult, len(batches))
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
				results[i] <- read(i, batches[i])
			}
		}()
	}
	go func() {
		for i := range batches {
			window <- struct{}{}
			if isPart(i) {
				parts <- struct{}{}
			}
			jobs <- i
		}
		close(jobs)
	}()
	for i := range batches {
		merge(<-results[i])
		if isPart(i) {
			<-parts
		}
		<-window
	}
	wg.Wait()
}

// partsAtOnce bounds the parts of large files read at once or waiting for
// their turn: one per CPU keeps the CPUs busy (a part is parsing, not
// waiting for the disk), and each part's aggregate and parser state is
// memory that a file of 64 parts would otherwise hold for twice as many.
// They are taken and given back in input order, so the part whose turn
// it is always has its place (a part that stops its file waits for the
// parts before it).
func partsAtOnce(workers int) int {
	return max(1, min(workers, runtime.GOMAXPROCS(0)))
}
