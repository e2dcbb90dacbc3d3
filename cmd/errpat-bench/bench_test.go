package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestBatchArgs(t *testing.T) {
	names := func(n, size int) []string {
		fs := make([]string, n)
		for i := range fs {
			fs[i] = strings.Repeat("f", size-len(strconv.Itoa(i))) + strconv.Itoa(i)
		}
		return fs
	}
	tests := []struct {
		name              string
		files             []string
		maxArgs, maxBytes int
		want              []int // batch sizes
	}{
		{"empty", nil, 10, 100, nil},
		{"one batch", names(5, 9), 10, 100, []int{5}},
		{"by count", names(25, 9), 10, 1000, []int{10, 10, 5}},
		{"by bytes", names(25, 9), 100, 50, []int{5, 5, 5, 5, 5}},
		{"oversized name alone", names(3, 200), 10, 100, []int{1, 1, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := batchArgs(tc.files, tc.maxArgs, tc.maxBytes)
			var sizes []int
			var all []string
			for _, b := range got {
				sizes = append(sizes, len(b))
				all = append(all, b...)
			}
			if !equalInts(sizes, tc.want) {
				t.Errorf("batch sizes %v, want %v", sizes, tc.want)
			}
			if strings.Join(all, ",") != strings.Join(tc.files, ",") {
				t.Errorf("batches do not hold every file once, in order")
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCorpusSpecs(t *testing.T) {
	full, quick := corpusSpecs(false, 1), corpusSpecs(true, 1)
	want := []string{corpusMany, corpusBigLog, corpusJSONL, corpusLog100M, corpusJTL, corpusK6, corpusAccess}
	if len(full) != len(want) || len(quick) != len(want) {
		t.Fatalf("got %d full and %d quick corpora, want %d", len(full), len(quick), len(want))
	}
	sizes := map[string]string{
		corpusMany: "20000", corpusBigLog: "1073741824", corpusJSONL: "209715200", corpusLog100M: "100000000",
		corpusJTL: "209715200", corpusK6: "209715200", corpusAccess: "209715200",
	}
	for i, name := range want {
		if full[i].name != name || quick[i].name != name {
			t.Fatalf("corpus %d is %q/%q, want %q", i, full[i].name, quick[i].name, name)
		}
		flag := "--size"
		if name == corpusMany {
			flag = "--runs"
		}
		f, q := argAfter(full[i].args, flag), argAfter(quick[i].args, flag)
		if f != sizes[name] {
			t.Errorf("%s: full size %s, want %s", name, f, sizes[name])
		}
		fn, _ := strconv.ParseFloat(f, 64)
		qn, _ := strconv.ParseFloat(q, 64)
		if r := fn / qn; r < 19 || r > 21 {
			t.Errorf("%s: quick size %s is 1/%.1f of %s, want about 1/20", name, q, r, f)
		}
		if days := argAfter(full[i].args, "--days"); name != corpusMany && days != "30" {
			t.Errorf("%s: spread over %q days, want a month", name, days)
		}
	}
}

// argAfter returns the value of flag in args, or "".
func argAfter(args []string, flag string) string {
	for i, a := range args[:len(args)-1] {
		if a == flag {
			return args[i+1]
		}
	}
	return ""
}

func fakeCorpus(name string, size int64) *corpus {
	return &corpus{spec: corpusSpec{name: name}, bytes: size, files: []string{"x"}}
}

func TestChecks(t *testing.T) {
	tests := []struct {
		name string
		r    result
		want []bool
	}{
		{"many fast", result{corpus: fakeCorpus(corpusMany, 1e8), cat: 1, errpat: 1.4, rssKiB: 50 << 10}, []bool{true, true}},
		{"many slow", result{corpus: fakeCorpus(corpusMany, 1e8), cat: 1, errpat: 1.6, rssKiB: 50 << 10}, []bool{false, true}},
		{"biglog fast", result{corpus: fakeCorpus(corpusBigLog, 2e9), cat: 0.5, errpat: 1.9, rssKiB: 99 << 10}, []bool{true, true}},
		{"biglog slow and fat", result{corpus: fakeCorpus(corpusBigLog, 2e9), cat: 0.5, errpat: 2.1, rssKiB: 101 << 10}, []bool{false, false}},
		{"jsonl", result{corpus: fakeCorpus(corpusJSONL, 1e9), cat: 0.5, errpat: 1.9, rssKiB: 10 << 10}, []bool{true, true}},
		{"jsonl slow", result{corpus: fakeCorpus(corpusJSONL, 1e9), cat: 0.5, errpat: 2.1, rssKiB: 10 << 10}, []bool{false, true}},
		{"no rss", result{corpus: fakeCorpus(corpusLog100M, 1e8), cat: 0.5, errpat: 1}, nil},
		{"jtl as fast as jsonl", result{corpus: fakeCorpus(corpusJTL, 1e9), cat: 0.5, errpat: 2, rssKiB: 10 << 10}, []bool{true, true}},
		{"k6 slower than jsonl", result{corpus: fakeCorpus(corpusK6, 1e9), cat: 0.5, errpat: 2.1, rssKiB: 10 << 10}, []bool{false, true}},
		{"access not read", result{corpus: fakeCorpus(corpusAccess, 1e9), cat: 0.5, errpat: 0.01, exit: 2, rssKiB: 10 << 10}, []bool{false, true}},
	}
	for _, tc := range tests {
		cs := tc.r.checks(500)
		var got []bool
		for _, c := range cs {
			got = append(got, c.met)
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d checks, want %d", tc.name, len(got), len(tc.want))
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: check %q met=%v, want %v", tc.name, cs[i].label, got[i], tc.want[i])
			}
		}
	}
}

func TestMemoryLine(t *testing.T) {
	pair := func(small, big int64) []result {
		return []result{
			{corpus: fakeCorpus(corpusLog100M, 1e8), rssKiB: small},
			{corpus: fakeCorpus(corpusBigLog, 1<<30), rssKiB: big},
		}
	}
	tests := []struct {
		name    string
		results []result
		want    string
	}{
		{"flat", pair(40<<10, 44<<10), "ratio 1.10, target ≤1.20 ok"},
		{"grows", pair(40<<10, 60<<10), "ratio 1.50, target ≤1.20 MISSED"},
		{"unknown", pair(0, 0), "no peak RSS"},
		{"missing", nil, "no peak RSS"},
	}
	for _, tc := range tests {
		if got := memoryLine(tc.results); !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q does not contain %q", tc.name, got, tc.want)
		}
	}
}

func TestTimeCommand(t *testing.T) {
	tm, stderr, err := timeCommand("sh", []string{"-c", "echo oops >&2; exit 3"})
	if err != nil || tm.exit != 3 || !strings.Contains(stderr, "oops") {
		t.Errorf("exit 3: timing %+v, stderr %q, err %v; want exit 3, no error", tm, stderr, err)
	}
	if runtime.GOOS == "linux" && tm.rssKiB <= 0 {
		t.Errorf("no peak RSS for a finished process")
	}
	if _, _, err := timeCommand(filepath.Join(t.TempDir(), "missing"), nil); err == nil {
		t.Error("running a missing binary: no error")
	}
	if _, _, err := timeCommand("sh", []string{"-c", "kill -9 $$"}); err == nil {
		t.Error("a command killed by a signal: no error")
	}
}

func TestTailBuffer(t *testing.T) {
	b := &tailBuffer{max: 5}
	io.WriteString(b, "abc")
	io.WriteString(b, "defgh")
	if b.String() != "defgh" {
		t.Errorf("tail buffer kept %q, want %q", b.String(), "defgh")
	}
	if got := tail("a\nb\n", 10); got != "a | b" {
		t.Errorf("tail = %q", got)
	}
}

func TestExecutable(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain")
	if err := os.WriteFile(plain, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	script := writeScript(t, dir, "ok", "exit 0")
	for _, tc := range []struct {
		path string
		ok   bool
	}{{script, true}, {plain, false}, {dir, false}, {filepath.Join(dir, "none"), false}} {
		if _, err := executable(tc.path); (err == nil) != tc.ok {
			t.Errorf("executable(%s): err %v, want ok=%v", tc.path, err, tc.ok)
		}
	}
}

func writeScript(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// fakeGen writes a tiny corpus the way errpat-gen lays one out, and counts
// its calls in $FAKE_GEN_CALLS.
const fakeGen = `out=""; shape=""
while [ $# -gt 0 ]; do
	case "$1" in
	--out) out=$2; shift ;;
	--shape) shape=$2; shift ;;
	esac
	shift
done
echo call >> "$FAKE_GEN_CALLS"
mkdir -p "$out/logs/sub"
echo "2025-01-13 04:34:48,780 - INFO - Testing Create Trunk: /trunks" > "$out/logs/api_test_20250113_043448.log"
if [ "$shape" = many ]; then echo '{}' > "$out/logs/sub/test_results_20250113_043455.json"; fi
echo '{}' > "$out/truth.json"`

// fakeErrpat reads its target like errpat would, and checks its flags.
const fakeErrpat = `[ "$1" = --format ] && [ "$2" = json ] && [ "$3" = --output ] || exit 2
for a; do last=$a; done
[ "$4" = /dev/null ] || echo '{"summary": {"requests": 0, "failed": 0}, "by_hour": [], "inputs": {}}' > "$4"
if [ -d "$last" ]; then find "$last" -type f -exec cat {} + > /dev/null; else cat "$last" > /dev/null; fi`

func TestRunEndToEnd(t *testing.T) {
	dir := t.TempDir()
	gen := writeScript(t, dir, "errpat-gen", fakeGen)
	errpat := writeScript(t, dir, "errpat", fakeErrpat)
	calls := filepath.Join(dir, "calls")
	t.Setenv("FAKE_GEN_CALLS", calls)
	cache := filepath.Join(dir, "cache")
	args := []string{"--quick", "--dir", cache, "--errpat", errpat, "--gen", gen, "--repeat", "1"}

	var out, log bytes.Buffer
	if err := run(args, &out, &log); err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	report := out.String()
	for _, want := range []string{"corpus", "many", "biglog", "jsonl", "log100m", "jtl", "k6", "access", "memory:", "≤1.5× cat", "≥jsonl's"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, "note:") {
		t.Errorf("report has notes:\n%s", report)
	}
	if !strings.Contains(report, "target ≤2.0× ") || !strings.Contains(report, "equal yes") {
		t.Errorf("report lacks the windowed run with its target and its counts' check:\n%s", report)
	}
	if n := countLines(t, calls); n != 7 {
		t.Errorf("errpat-gen ran %d times for 7 corpora", n)
	}

	log.Reset()
	if err := run(args, io.Discard, &log); err != nil {
		t.Fatalf("second run: %v", err)
	}
	if n := countLines(t, calls); n != 7 {
		t.Errorf("second run regenerated: errpat-gen ran %d times in all", n)
	}
	if !strings.Contains(log.String(), "reusing") {
		t.Errorf("second run did not say it reused the cache:\n%s", log.String())
	}

	// Other parameters (here: another seed) regenerate.
	if err := run(append(args, "--seed", "2"), io.Discard, io.Discard); err != nil {
		t.Fatalf("third run: %v", err)
	}
	if n := countLines(t, calls); n != 14 {
		t.Errorf("a new seed did not regenerate every corpus: %d calls in all", n)
	}
}

func TestRunNeedsBinaries(t *testing.T) {
	dir := t.TempDir()
	err := run([]string{"--dir", dir, "--errpat", filepath.Join(dir, "none"), "--gen", filepath.Join(dir, "none")}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "errpat binary") {
		t.Errorf("missing errpat: err %v", err)
	}
}

func TestLoadCorpusTarget(t *testing.T) {
	dir := t.TempDir()
	logs := filepath.Join(dir, "logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(logs, "a.log"), []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := loadCorpus(dir, corpusSpec{name: "one"})
	if err != nil || c.target != filepath.Join(logs, "a.log") || c.bytes != 3 {
		t.Fatalf("one file: %+v, %v; want the file as target", c, err)
	}
	if err := os.WriteFile(filepath.Join(logs, "b.log"), []byte("de"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = loadCorpus(dir, corpusSpec{name: "two"})
	if err != nil || c.target != logs || c.bytes != 5 || len(c.files) != 2 {
		t.Fatalf("two files: %+v, %v; want the directory as target", c, err)
	}
	if _, err := loadCorpus(t.TempDir(), corpusSpec{name: "none"}); err == nil {
		t.Error("corpus without inputs: no error")
	}
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(data, []byte("\n"))
}

func TestHumanBytes(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{{512, "512 B"}, {1536, "1.5 KiB"}, {1 << 30, "1.0 GiB"}, {200 << 20, "200.0 MiB"}} {
		if got := humanBytes(tc.n); got != tc.want {
			t.Errorf("humanBytes(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
