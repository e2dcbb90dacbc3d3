package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Corpus names.
const (
	corpusMany    = "many"
	corpusBigLog  = "biglog"
	corpusJSONL   = "jsonl"
	corpusLog100M = "log100m"
	corpusJTL     = "jtl"
	corpusK6      = "k6"
	corpusAccess  = "access"
)

// loadCorpora are the load testers' and the server's own files, each
// measured against the JSON-lines reader of the same run.
var loadCorpora = []string{corpusJTL, corpusK6, corpusAccess}

// corpusSpec says how to generate one corpus.
type corpusSpec struct {
	name   string
	subdir string   // under the cache directory: full/<name> or quick/<name>
	args   []string // errpat-gen arguments other than --out
}

// corpusSpecs returns the corpora to measure, at full or quick size.
func corpusSpecs(quick bool, seed int64) []corpusSpec {
	runs, bigLog, jsonl, log100M := 20000, int64(1<<30), int64(200<<20), int64(100_000_000)
	if quick {
		runs, bigLog, jsonl, log100M = runs/20, bigLog/20, jsonl/20, log100M/20
	}
	class := "full"
	if quick {
		class = "quick"
	}
	s := strconv.FormatInt(seed, 10)
	size := func(n int64) string { return strconv.FormatInt(n, 10) }
	const days = "30"
	spec := func(name string, args ...string) corpusSpec {
		return corpusSpec{name, filepath.Join(class, name), append([]string{"--seed", s}, args...)}
	}
	return []corpusSpec{
		spec(corpusMany, "--shape", "many", "--runs", strconv.Itoa(runs)),
		// The single files hold a month each, as a soak or load test
		// writes them: the same span at ten times the density is what
		// tells whether memory grows with the input or with its groups.
		spec(corpusBigLog, "--shape", "biglog", "--size", size(bigLog), "--days", days),
		spec(corpusJSONL, "--shape", "bigjsonl", "--size", size(jsonl), "--days", days),
		spec(corpusLog100M, "--shape", "biglog", "--size", size(log100M), "--days", days),
		// The same requests as a JMeter JTL CSV file, k6's JSON output and
		// an nginx access log, each the size of the JSON-lines file.
		spec(corpusJTL, "--shape", "bigjtl", "--size", size(jsonl), "--days", days),
		spec(corpusK6, "--shape", "bigk6", "--size", size(jsonl), "--days", days),
		spec(corpusAccess, "--shape", "bigaccess", "--size", size(jsonl), "--days", days),
	}
}

// selectSpecs keeps the specs named in only (comma-separated; "": all).
func selectSpecs(specs []corpusSpec, only string) ([]corpusSpec, error) {
	if only == "" {
		return specs, nil
	}
	var out []corpusSpec
	for _, name := range strings.Split(only, ",") {
		i := slices.IndexFunc(specs, func(s corpusSpec) bool { return s.name == strings.TrimSpace(name) })
		if i < 0 {
			return nil, fmt.Errorf("unknown corpus %q in --corpus", name)
		}
		out = append(out, specs[i])
	}
	return out, nil
}

// corpus is a generated corpus ready to measure.
type corpus struct {
	spec   corpusSpec
	dir    string   // errpat-gen's output directory
	target string   // what errpat reads: the only file, or the inputs' directory
	files  []string // every input file, sorted
	bytes  int64
	latest time.Time // the latest modification time of a file
}

// stampName is the file beside a corpus that records how it was generated;
// genVersion, in it, changes when errpat-gen writes the same parameters
// differently, so that a corpus of an older errpat-gen is regenerated.
const (
	stampName  = ".params"
	genVersion = "files dated by their last record"
)

// ensureCorpus returns the corpus spec describes under cache, generating it
// with gen unless a complete one with the same parameters is there.
func ensureCorpus(gen, cache string, spec corpusSpec, log io.Writer) (*corpus, error) {
	dir := filepath.Join(cache, spec.subdir)
	stamp := filepath.Join(dir, stampName)
	want := strings.Join(spec.args, " ") + "\n" + genVersion + "\n"
	if have, err := os.ReadFile(stamp); err != nil || string(have) != want {
		if err := generateCorpus(gen, dir, spec, log); err != nil {
			return nil, err
		}
		if err := os.WriteFile(stamp, []byte(want), 0o644); err != nil {
			return nil, fmt.Errorf("write %s: %w", stamp, err)
		}
	} else {
		fmt.Fprintf(log, "reusing %s\n", dir)
	}
	return loadCorpus(dir, spec)
}

// generateCorpus runs errpat-gen into a fresh dir.
func generateCorpus(gen, dir string, spec corpusSpec, log io.Writer) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clear %s: %w", dir, err)
	}
	args := append([]string{"--out", dir}, spec.args...)
	fmt.Fprintf(log, "generating %s: %s %s\n", spec.name, filepath.Base(gen), strings.Join(args, " "))
	var stderr bytes.Buffer
	cmd := exec.Command(gen, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("generate %s: %w: %s", spec.name, err, strings.TrimSpace(stderr.String()))
	}
	fmt.Fprintf(log, "generated %s in %.1fs\n", spec.name, elapsed(start))
	return nil
}

// loadCorpus lists the input files of a generated corpus: everything under
// its logs/ directory.
func loadCorpus(dir string, spec corpusSpec) (*corpus, error) {
	c := &corpus{spec: spec, dir: dir, target: filepath.Join(dir, "logs")}
	err := filepath.WalkDir(c.target, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		c.files = append(c.files, p)
		c.bytes += info.Size()
		if info.ModTime().After(c.latest) {
			c.latest = info.ModTime()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list corpus %s: %w", spec.name, err)
	}
	if len(c.files) == 0 {
		return nil, fmt.Errorf("corpus %s in %s has no input files", spec.name, dir)
	}
	sort.Strings(c.files)
	if len(c.files) == 1 {
		c.target = c.files[0]
	}
	return c, nil
}
