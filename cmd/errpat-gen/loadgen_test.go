package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestLoadShapesDeterministic(t *testing.T) {
	for _, shape := range []string{shapeBigJTL, shapeBigK6, shapeBigAccess} {
		t.Run(shape, func(t *testing.T) {
			cfg := config{Seed: 7, Size: 256 << 10, Shape: shape}
			a, _ := genCorpus(t, cfg)
			b, _ := genCorpus(t, cfg)
			fa, fb := treeBytes(t, a), treeBytes(t, b)
			if len(fa) != 2 || len(fb) != 2 {
				t.Fatalf("got %d and %d files, want a file and truth.json", len(fa), len(fb))
			}
			for name, data := range fa {
				if !bytes.Equal(data, fb[name]) {
					t.Errorf("same seed wrote different bytes to %s", name)
				}
			}
		})
	}
}

// TestLoadShapesRecount reads each load-test file with a reader of its own
// (encoding/csv, encoding/json, a regexp), not errpat's, and compares the
// counts with truth.json.
func TestLoadShapesRecount(t *testing.T) {
	const size = 1 << 20
	tests := []struct {
		shape, glob string
		recount     func(*testing.T, string) counts
	}{
		{shapeBigJTL, "logs/jmeter/*.jtl", recountJTL},
		{shapeBigK6, "logs/k6/*.json", recountK6},
		{shapeBigAccess, "logs/nginx/*.log", recountAccess},
	}
	for _, tt := range tests {
		t.Run(tt.shape, func(t *testing.T) {
			dir, tr := genCorpus(t, config{Seed: 5, Size: size, Shape: tt.shape})
			paths := glob(t, dir, tt.glob)
			if len(paths) != 1 {
				t.Fatalf("got %d files, want 1", len(paths))
			}
			if tr.Bytes > size || tr.Bytes < size-maxLoadRecord-64<<10 {
				t.Errorf("file is %d bytes, want just under %d", tr.Bytes, size)
			}
			got := tt.recount(t, paths[0])
			if got.Requests < 100 {
				t.Fatalf("got %d requests, want a file full of them", got.Requests)
			}
			compareCounts(t, tt.shape, got, tr.counts)
		})
	}
}

func recountJTL(t *testing.T, path string) counts {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	c := newCounts(true)
	for _, row := range rows[1:] { // after the header
		elapsed, _ := strconv.Atoi(row[1])
		status, err := strconv.Atoi(row[3])
		if err != nil {
			status = 0 // "Non HTTP response code: …"
		}
		c.add(strings.TrimPrefix(row[13], "https://api.example.test"), status, row[7] == "false", elapsed > 2000)
	}
	return c
}

func recountK6(t *testing.T, path string) counts {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := newCounts(true)
	var status int
	var url string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p struct {
			Metric string
			Type   string
			Data   struct {
				Value float64
				Tags  map[string]string
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		switch {
		case p.Type != "Point":
		case p.Metric == "http_reqs":
			status, _ = strconv.Atoi(p.Data.Tags["status"])
			url = strings.TrimPrefix(p.Data.Tags["url"], "https://api.example.test")
		case p.Metric == "http_req_duration":
			c.add(url, status, status == 0 || status >= 400, p.Data.Value > 2000)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return c
}

var accessLine = regexp.MustCompile(`^\S+ - - \[[^]]+\] "[A-Z]+ (\S+) HTTP/1\.1" (\d{3}) \d+ "-" "[^"]*" (\d+\.\d{3})$`)

func recountAccess(t *testing.T, path string) counts {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := newCounts(true)
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		m := accessLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("not a combined line with $request_time: %q", line)
		}
		status, _ := strconv.Atoi(m[2])
		secs, _ := strconv.ParseFloat(m[3], 64)
		c.add(m[1], status, status >= 400, secs > 2)
	}
	return c
}
