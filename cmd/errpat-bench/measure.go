package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Limits of one cat command line, well below the kernel's.
const (
	maxBatchArgs  = 2000
	maxBatchBytes = 96 << 10
)

// timing is one timed command.
type timing struct {
	seconds float64
	rssKiB  int64 // peak resident set, 0 when unknown
	exit    int
}

// result is what was measured on one corpus.
type result struct {
	corpus     *corpus
	cat        float64 // best seconds for cat over all files
	errpat     float64 // best seconds for errpat
	rssKiB     int64   // errpat's largest peak RSS over its runs
	exit       int     // errpat's exit status (last run)
	stderrTail string  // end of errpat's stderr when it failed
	err        error   // set when a command could not run
}

// measureCorpus times cat and errpat on c, after an untimed cat pass that
// warms the page cache.
func measureCorpus(errpat string, c *corpus, repeat int) result {
	res := result{corpus: c}
	batches := batchArgs(c.files, maxBatchArgs, maxBatchBytes)
	if _, err := timeCat(batches); err != nil {
		res.err = err
		return res
	}
	for i := range repeat {
		secs, err := timeCat(batches)
		if err != nil {
			res.err = err
			return res
		}
		if i == 0 || secs < res.cat {
			res.cat = secs
		}
	}
	args := []string{"--format", "json", "--output", os.DevNull, c.target}
	for i := range repeat {
		t, stderr, err := timeCommand(errpat, args)
		if err != nil {
			res.err = err
			return res
		}
		if i == 0 || t.seconds < res.errpat {
			res.errpat = t.seconds
		}
		res.rssKiB = max(res.rssKiB, t.rssKiB)
		res.exit = t.exit
		if t.exit != 0 {
			res.stderrTail = tail(stderr, 300)
		}
	}
	return res
}

// batchArgs splits files into command lines of at most maxArgs names and
// maxBytes bytes of names, the way xargs does.
func batchArgs(files []string, maxArgs, maxBytes int) [][]string {
	var batches [][]string
	start, size := 0, 0
	for i, f := range files {
		n := len(f) + 1
		if i > start && (i-start >= maxArgs || size+n > maxBytes) {
			batches = append(batches, files[start:i])
			start, size = i, 0
		}
		size += n
	}
	if start < len(files) {
		batches = append(batches, files[start:])
	}
	return batches
}

// timeCat runs cat over every batch, output to /dev/null, and returns the
// total wall time.
func timeCat(batches [][]string) (float64, error) {
	start := time.Now()
	for _, b := range batches {
		if _, _, err := timeCommand("cat", b); err != nil {
			return 0, err
		}
	}
	return elapsed(start), nil
}

// timeCommand runs name with args, stdout to /dev/null, and returns its
// wall time, peak RSS and exit status with the end of its stderr. A
// non-zero exit is not an error; failing to start or dying of a signal is.
func timeCommand(name string, args []string) (timing, string, error) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return timing{}, "", fmt.Errorf("open %s: %w", os.DevNull, err)
	}
	defer devnull.Close()
	stderr := &tailBuffer{max: 4096}
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = devnull, stderr
	start := time.Now()
	err = cmd.Run()
	t := timing{seconds: elapsed(start)}
	if cmd.ProcessState != nil {
		t.rssKiB = maxRSSKiB(cmd.ProcessState)
		t.exit = cmd.ProcessState.ExitCode()
	}
	var exitErr *exec.ExitError
	if err != nil && !(errors.As(err, &exitErr) && t.exit > 0) {
		return t, stderr.String(), fmt.Errorf("run %s: %w: %s", name, err, tail(stderr.String(), 300))
	}
	return t, stderr.String(), nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	buf []byte
	max int
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string { return string(b.buf) }

// tail returns the last n bytes of s, trimmed, on one line.
func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return strings.ReplaceAll(s, "\n", " | ")
}
