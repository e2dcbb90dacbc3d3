package parsers

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readAll opens the file name as Discover finds it and parses it, and
// returns its records and problems, those of reading included.
func readAll(t *testing.T, name string, during func(n int)) (recs int, problems []string) {
	t.Helper()
	inputs, dps := Discover([]string{name})
	if len(inputs) != 1 || len(dps) > 0 {
		t.Fatalf("discover %s: %v, %v", name, inputs, dps)
	}
	o, p := Open(inputs[0], nil)
	if p != nil {
		return 0, []string{p.Error()}
	}
	defer o.Close()
	sink := Sink{
		Record:  func(*Record) { recs++; during(recs) },
		Problem: func(p Problem) { problems = append(problems, p.Error()) },
	}
	if err := o.Format.Parse(o.Reader, name, Options{}, sink); err != nil {
		problems = append(problems, o.Stopped(err).Error())
	}
	for _, p := range o.Problems() {
		problems = append(problems, p.Error())
	}
	return recs, problems
}

func jsonLines(from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, `{"endpoint": "/a/%d", "status": %d}`+"\n", i, 200+300*(i%2))
	}
	return b.String()
}

func nothing(int) {}

// TestZeroBytes reads logs holding blocks of zeros, as a crash leaves: a
// zero-filled tail, and a hole followed by more lines. The text is read,
// the zeros are named; a file of zeros is said to be one, not UTF-16; a
// binary file is still one.
func TestZeroBytes(t *testing.T) {
	dir := t.TempDir()
	zeros := string(make([]byte, 6000))
	tests := []struct {
		name, content string
		recs          int
		problems      []string
	}{
		{"tail.jsonl", jsonLines(0, 3) + zeros, 3, []string{"tail.jsonl:4: 6000 zero bytes skipped: a block of zeros, as a crash or a power loss leaves where text was to be written"}},
		{"hole.jsonl", jsonLines(0, 2) + zeros[:100] + jsonLines(2, 4) + "\x00", 4, []string{"hole.jsonl:3: 101 zero bytes skipped in 2 runs, the first here: a block of zeros, as a crash or a power loss leaves where text was to be written"}},
		{"zeros.log", zeros + zeros, 0, []string{"zeros.log: its first 12000 bytes are all zero (space a crash left unwritten, or a preallocated file): not a log"}},
		{"bin.log", strings.Repeat("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00", 20), 0, []string{"bin.log: binary file, not a log or result file: skipped"}},
	}
	for _, tt := range tests {
		writeTestFile(t, dir, tt.name, tt.content)
		recs, problems := readAll(t, filepath.Join(dir, tt.name), nothing)
		for i := range problems {
			problems[i] = strings.TrimPrefix(problems[i], dir+string(filepath.Separator))
		}
		if recs != tt.recs || strings.Join(problems, "\n") != strings.Join(tt.problems, "\n") {
			t.Errorf("%s: got %d records and problems %q, want %d and %q", tt.name, recs, problems, tt.recs, tt.problems)
		}
	}
}

func writeTestFile(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFileShrinksWhileRead truncates a log while it is read, as
// copytruncate rotation does: the partial count is named.
func TestFileShrinksWhileRead(t *testing.T) {
	name := filepath.Join(t.TempDir(), "api.jsonl")
	content := jsonLines(0, 50000)
	writeTestFile(t, filepath.Dir(name), "api.jsonl", content)
	recs, problems := readAll(t, name, func(n int) {
		if n == 10 {
			if err := os.Truncate(name, 0); err != nil {
				t.Fatal(err)
			}
		}
	})
	// The line cut by the truncation is a problem of its own.
	last := problems[len(problems)-1]
	if recs >= 50000 || !strings.Contains(last, fmt.Sprintf("api.jsonl: the file shrank while it was read (%d bytes when found, ", len(content))) ||
		!strings.HasSuffix(last, " read, 0 now; rotated with copytruncate?): its requests may be counted in part") {
		t.Errorf("got %d records and problems %q, want fewer than 50000 and the shrinking named", recs, problems)
	}
}

// TestCorruptGzip reads a .gz whose middle is damaged: where reading
// stopped, and how much of the file was not read, are named.
func TestCorruptGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(jsonLines(0, 40000)))
	zw.Close()
	data := buf.Bytes()
	// Damage the middle until the deflate stream fails there.
	for off := len(data) / 2; ; off++ {
		d := append([]byte(nil), data...)
		copy(d[off:], bytes.Repeat([]byte{0xff}, 16))
		if _, err := io.ReadAll(must(gzip.NewReader(bytes.NewReader(d)))); err != nil && !strings.Contains(err.Error(), "checksum") {
			data = d
			break
		}
	}
	dir := t.TempDir()
	writeTestFile(t, dir, "api.jsonl.gz", string(data))
	recs, problems := readAll(t, filepath.Join(dir, "api.jsonl.gz"), nothing)
	// The damage may first decode to lines of garbage, each a problem.
	last := problems[len(problems)-1]
	line := recs + len(problems)
	if recs == 0 || recs >= 40000 || !strings.Contains(last, fmt.Sprintf("api.jsonl.gz:%d: stopped reading: flate: corrupt input", line)) ||
		!strings.Contains(last, fmt.Sprintf(" of its %d compressed bytes are not read", len(data))) {
		t.Errorf("got %d records and problems %q, want the place reading stopped and what was not read", recs, problems)
	}
}

func must(r *gzip.Reader, err error) *gzip.Reader {
	if err != nil {
		panic(err)
	}
	return r
}

// TestRunKilledInFirstRequest reads a log whose client died while its
// first request was out: the run is told, incomplete, with that request.
func TestRunKilledInFirstRequest(t *testing.T) {
	log := "2026-11-28 03:21:10,896 - INFO - Starting API tests - Log file: /tmp/api_test_1.log\n" +
		"2026-11-28 03:21:10,896 - INFO - Testing Create Trunk: /trunks\n"
	var runs []Run
	ParsePyLog(strings.NewReader(log), "api_test_1.log", Options{}, Sink{Run: func(r Run) { runs = append(runs, r) }})
	if len(runs) != 1 || runs[0].Complete || runs[0].Requests != 0 || !strings.HasSuffix(runs[0].LastRequest, "/trunks (no result logged)") {
		t.Errorf("got runs %+v, want one incomplete run stopped in POST /trunks", runs)
	}
}

// TestPseudoFileSystems names /proc, /sys and character devices on the
// command line, and walks no pseudo file system a folder links to.
func TestPseudoFileSystems(t *testing.T) {
	if _, ok := pseudoFS("/proc/self"); !ok {
		t.Skip("no /proc here")
	}
	dir := t.TempDir()
	writeTestFile(t, dir, "a.log", "x\n")
	if err := os.Symlink("/proc/self", filepath.Join(dir, "proc")); err != nil {
		t.Fatal(err)
	}
	inputs, problems := Discover([]string{"/proc/kmsg", "/proc", "/sys", "/dev/zero", dir})
	var got []string
	for _, p := range problems {
		got = append(got, p.Error())
	}
	want := []string{
		"/proc/kmsg: on the proc pseudo file system (the kernel's state, not a log): not read",
		"/proc: on the proc pseudo file system (the kernel's state, not a log): not read",
		"/sys: on the sysfs pseudo file system (the kernel's state, not a log): not read",
		"/dev/zero: a character device, not a file: not read",
		filepath.Join(dir, "proc") + ": on the proc pseudo file system (the kernel's state, not a log): not read",
	}
	if len(inputs) != 1 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got inputs %v and problems\n%s\nwant only a.log and\n%s", inputs, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
