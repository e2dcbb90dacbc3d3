package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestSameJSONWithOneProcessor runs errpat on every sample with
// GOMAXPROCS=1 and with the default: the JSON must be byte-identical.
func TestSameJSONWithOneProcessor(t *testing.T) {
	args := []string{"--tz", "UTC", "--format", "json", "--since", "2020-01-01", "--compare", "previous", "testdata"}
	prev := runtime.GOMAXPROCS(1)
	_, one, _ := runCLI(t, "", args...)
	runtime.GOMAXPROCS(prev)
	_, many, _ := runCLI(t, "", args...)
	if one != many || !strings.Contains(one, `"requests"`) {
		t.Errorf("JSON differs between GOMAXPROCS=1 and %d (%d and %d bytes)", prev, len(one), len(many))
	}
}

// TestRotatedAndConcatenatedGzip reads api.log.1 and api.log.2.gz, the
// latter made of two gzip members as logrotate and cat leave them.
func TestRotatedAndConcatenatedGzip(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "api.log.1", good)
	lines := strings.SplitAfter(good, "\n")
	half := len(lines) / 2
	var buf bytes.Buffer
	for _, part := range []string{strings.Join(lines[:half], ""), strings.Join(lines[half:], "")} {
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(part))
		zw.Close()
	}
	if err := os.WriteFile(filepath.Join(dir, "api.log.2.gz"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "json", dir)
	if code != 0 || !strings.Contains(out, `"requests": 4`) || !strings.Contains(out, `"problem_count": 0`) {
		t.Errorf("exit %d, stderr %q; want 4 requests from both files and no problem:\n%.600s", code, errOut, out)
	}
}
