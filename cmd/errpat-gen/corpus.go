package main

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// Shapes of corpus errpat-gen writes.
const (
	shapeMany     = "many"
	shapeBigLog   = "biglog"
	shapeBigJSONL = "bigjsonl"
)

// Corpus layout and pacing.
const (
	startDate      = int64(1736726400) * usPerSec // 2025-01-13 00:00:00
	runsPerDay     = 480                          // one client run every three minutes
	runUS          = 10 * usPerSec                // typical length of a run
	minIdleUS      = 2 * usPerSec                 // shortest pause between runs
	extrasPerRuns  = 100                          // one load test and one newman run per 100 runs
	jsonlGapUS     = 20 * usPerSec                // mean gap between bigjsonl records
	estLogRunBytes = 2475                         // mean log bytes per run, to plan biglog
	estJSONLBytes  = 127                          // mean bytes per JSON line, to plan bigjsonl
	maxJSONLLine   = 512                          // longer than any JSON line written
	bigBufSize     = 1 << 20                      // write buffer of the big single files
)

// config is what the command line asks for.
type config struct {
	Seed  int64
	Out   string
	Runs  int
	Size  int64
	Shape string
	Days  int // 0: derived from the number of runs
}

// gen writes one corpus.
type gen struct {
	cfg   config
	rng   *rand.Rand
	clk   clock
	model *model
	truth *truth
	start int64
	idle  int64 // mean pause between runs
	gap   int64 // mean gap between bigjsonl records
	dirs  map[string]bool
	log   []byte // log text of the run being simulated
	run   apiRun
}

// generate writes the corpus cfg describes and its truth.json.
func generate(cfg config) (*truth, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	g := &gen{
		cfg:   cfg,
		rng:   rand.New(rand.NewPCG(uint64(cfg.Seed), 0x9E3779B97F4A7C15)),
		truth: newTruth(cfg.Seed, cfg.Shape),
		start: startDate,
		dirs:  map[string]bool{},
	}
	days, runs := cfg.plan()
	g.model = newModel(g.rng, g.start, days)
	g.idle = max(minIdleUS, int64(days)*usPerDay/int64(max(runs, 1))-runUS)
	g.gap = jsonlGapUS
	if cfg.Days > 0 { // the records spread over the days asked for
		g.gap = max(1, int64(days)*usPerDay/int64(max(runs, 1)))
	}

	var err error
	switch cfg.Shape {
	case shapeMany:
		err = g.many()
	case shapeBigLog:
		err = g.bigLog()
	case shapeBigJSONL:
		err = g.bigJSONL()
	case shapeBigJTL, shapeBigK6, shapeBigAccess:
		err = g.bigLoad()
	}
	if err != nil {
		return nil, err
	}
	g.truth.finish(g.model)
	if err := g.truth.write(filepath.Join(cfg.Out, "truth.json")); err != nil {
		return nil, err
	}
	return g.truth, nil
}

func (c config) validate() error {
	switch c.Shape {
	case shapeMany, shapeBigLog, shapeBigJSONL, shapeBigJTL, shapeBigK6, shapeBigAccess:
	default:
		return fmt.Errorf("unknown shape %q: want many, biglog, bigjsonl, bigjtl, bigk6 or bigaccess", c.Shape)
	}
	if c.Out == "" {
		return errors.New("no output directory")
	}
	if c.Shape == shapeMany && c.Runs < 1 {
		return fmt.Errorf("runs must be at least 1, not %d", c.Runs)
	}
	if c.Shape != shapeMany && c.Size < 1024 {
		return fmt.Errorf("size must be at least 1024 bytes, not %d", c.Size)
	}
	if c.Days < 0 {
		return fmt.Errorf("days must not be negative, not %d", c.Days)
	}
	return nil
}

// plan returns the simulated span in days and the expected number of
// client runs (or records, for bigjsonl) over it.
func (c config) plan() (days, runs int) {
	switch c.Shape {
	case shapeBigLog:
		runs = int(c.Size / estLogRunBytes)
	case shapeBigJSONL:
		runs = int(c.Size / estJSONLBytes)
	case shapeBigJTL:
		runs = int(c.Size / estJTLBytes)
	case shapeBigK6:
		runs = int(c.Size / estK6Bytes)
	case shapeBigAccess:
		runs = int(c.Size / estAccessBytes)
	default:
		runs = c.Runs
	}
	days = c.Days
	if days == 0 {
		if c.Shape != shapeMany && c.Shape != shapeBigLog { // one request after another
			days = int(int64(runs)*jsonlGapUS/usPerDay) + 1
		} else {
			days = (runs + runsPerDay - 1) / runsPerDay
		}
		days = max(days, 2)
	}
	return days, runs
}

// nextPause draws the pause after a run.
func (g *gen) nextPause() int64 {
	return minIdleUS + g.rng.Int64N(2*(g.idle-minIdleUS)+1)
}

// mkdir creates the directory of path once.
func (g *gen) mkdir(path string) error {
	dir := filepath.Dir(path)
	if g.dirs[dir] {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create directory: %w", err)
	}
	g.dirs[dir] = true
	return nil
}

// writeFile writes a whole file of format f under the output directory.
func (g *gen) writeFile(rel, f string, data []byte) error {
	path := filepath.Join(g.cfg.Out, rel)
	if err := g.mkdir(path); err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	g.truth.file(f, int64(len(data)))
	return dateFile(path, lastWrite(data))
}

// bigFile is a large output file written through a buffer.
type bigFile struct {
	f      *os.File
	w      *bufio.Writer
	n      int64
	fmt    string
	rel    string
	latest []byte // the latest time written (see latestStamp)
}

// createBig opens a buffered file of format f under the output directory.
func (g *gen) createBig(rel, f string) (*bigFile, error) {
	path := filepath.Join(g.cfg.Out, rel)
	if err := g.mkdir(path); err != nil {
		return nil, err
	}
	fh, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", rel, err)
	}
	return &bigFile{f: fh, w: bufio.NewWriterSize(fh, bigBufSize), fmt: f, rel: rel}, nil
}

func (b *bigFile) write(p []byte) error {
	b.latest = latestStamp(p, b.latest)
	n, err := b.w.Write(p)
	b.n += int64(n)
	if err != nil {
		return fmt.Errorf("write %s: %w", b.rel, err)
	}
	return nil
}

// close flushes and closes the file and counts it in the truth.
func (b *bigFile) close(t *truth) error {
	err := b.w.Flush()
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("close %s: %w", b.rel, err)
	}
	t.file(b.fmt, b.n)
	return dateFile(b.f.Name(), stampTime(b.latest))
}

// stampName returns prefix + "YYYYMMDD_HHMMSS" of t + suffix.
func (g *gen) stampName(prefix string, t int64, suffix string) string {
	b := g.clk.appendStamp([]byte(prefix), t)
	return string(append(b, suffix...))
}

// recordRun counts a simulated run's requests: in its log, and in its
// results file when it completed.
func (g *gen) recordRun(run *apiRun) {
	g.truth.run(run.crashed)
	res := g.truth.format(fmtResults)
	for i := range run.reqs {
		q := &run.reqs[i]
		g.truth.record(fmtPyLog, q.def.Folded, q.status, q.net, !q.ok(), q.slow(), q.end, true)
		if !run.crashed {
			res.add(q.def.Folded, q.status, !q.ok(), false)
		}
	}
}

// many writes one file per client run, as the clients do, plus load-test
// reports, newman reports and daily JSON-lines files.
func (g *gen) many() error {
	runs := g.cfg.Runs
	extras := max(1, runs/extrasPerRuns)
	daily := newDailyJSONL(g)
	t := g.start + g.nextPause()
	for i := range runs {
		g.log = g.log[:0]
		run := g.simulateRun(t)
		g.recordRun(run)
		if err := g.writeFile("logs/"+g.stampName("api_test_", run.start, ".log"), fmtPyLog, g.log); err != nil {
			return err
		}
		if !run.crashed {
			data := appendPretty(nil, g.resultsDoc(run), 0)
			if err := g.writeFile("logs/"+g.stampName("test_results_", run.end, ".json"), fmtResults, data); err != nil {
				return err
			}
		}
		pause := g.nextPause()
		next := run.end + pause
		if crosses(i, runs, extras, 0) {
			at := (floorDiv(run.end, usPerSec) + 1) * usPerSec // the tester starts on a whole second
			if err := g.writeFile("logs/"+g.stampName("load_test_results_", at, ".json"), fmtLoad, g.loadTest(at)); err != nil {
				return err
			}
		}
		if crosses(i, runs, extras, runs/2) {
			at := run.end + 2*usPerSec
			if err := g.writeFile("logs/newman/"+g.stampName("newman_", at, ".json"), fmtNewman, g.newmanReport(at)); err != nil {
				return err
			}
		}
		if err := daily.between(run.end, next); err != nil {
			return err
		}
		t = next
	}
	return daily.close()
}

// crosses reports whether event k of n spread evenly over runs falls after
// run i; shift moves the events by a fraction of a block.
func crosses(i, runs, n, shift int) bool {
	return (i*n+shift)/runs != ((i+1)*n+shift)/runs
}

// dailyJSONL writes the JSON-lines files of the many shape, one per variant
// and day.
type dailyJSONL struct {
	g     *gen
	day   int64
	files [3]*bigFile
	buf   []byte
}

var dailyNames = [3]struct{ prefix, suffix string }{
	{"logs/test_results/response_times_", ".json"},
	{"logs/metrics/latency_", ".jsonl"},
	{"logs/metrics/client_timings_", ".jsonl"},
}

func newDailyJSONL(g *gen) *dailyJSONL { return &dailyJSONL{g: g, day: -1} }

// between writes the records that fall in the pause (from, to): two in the
// standard keys and one in each alias variant.
func (d *dailyJSONL) between(from, to int64) error {
	r := d.g.rng
	span := max(to-from-2*usPerSec, 1)
	var ts [4]int64
	for i := range ts {
		ts[i] = from + usPerSec + r.Int64N(span)
	}
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j] < ts[j-1]; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
	variants := [4]jsonlVariant{jsonlStandard, jsonlDurationMs, jsonlStandard, jsonlResponseTimeMs}
	for i, t := range ts {
		if err := d.write(t, variants[i]); err != nil {
			return err
		}
	}
	return nil
}

func (d *dailyJSONL) write(t int64, v jsonlVariant) error {
	if day := floorDiv(t, usPerDay); day != d.day {
		if err := d.close(); err != nil {
			return err
		}
		d.day = day
		for i, n := range dailyNames {
			var c clock
			date := c.dateOf(t)
			name := n.prefix + string(date[0:4]) + string(date[5:7]) + string(date[8:10]) + n.suffix
			f, err := d.g.createBig(name, fmtJSONL)
			if err != nil {
				return err
			}
			d.files[i] = f
		}
	}
	d.buf = d.g.appendJSONLRecord(d.buf[:0], t, v)
	return d.files[v].write(d.buf)
}

func (d *dailyJSONL) close() error {
	for i, f := range d.files {
		if f == nil {
			continue
		}
		if err := f.close(d.g.truth); err != nil {
			return err
		}
		d.files[i] = nil
	}
	return nil
}

// bigLog writes client runs appended to one text log until the next run
// would pass the requested size.
func (g *gen) bigLog() error {
	t := g.start + g.nextPause()
	name := "logs/" + g.stampName("api_test_", t, ".log")
	f, err := g.createBig(name, fmtPyLog)
	if err != nil {
		return err
	}
	for {
		g.log = g.log[:0]
		run := g.simulateRun(t)
		if f.n+int64(len(g.log)) > g.cfg.Size {
			break
		}
		g.recordRun(run)
		if err := f.write(g.log); err != nil {
			_ = f.close(g.truth)
			return err
		}
		t = run.end + g.nextPause()
	}
	return f.close(g.truth)
}

// bigJSONL writes one JSON-lines file of the requested size.
func (g *gen) bigJSONL() error {
	f, err := g.createBig("logs/test_results/response_times.json", fmtJSONL)
	if err != nil {
		return err
	}
	t := g.start
	buf := make([]byte, 0, 64<<10)
	for f.n+int64(len(buf))+maxJSONLLine <= g.cfg.Size {
		t += 1 + int64(g.rng.ExpFloat64()*float64(g.gap))
		buf = g.appendJSONLRecord(buf, t, jsonlStandard)
		if len(buf) >= cap(buf)-maxJSONLLine {
			if err := f.write(buf); err != nil {
				_ = f.close(g.truth)
				return err
			}
			buf = buf[:0]
		}
	}
	if err := f.write(buf); err != nil {
		_ = f.close(g.truth)
		return err
	}
	return f.close(g.truth)
}
