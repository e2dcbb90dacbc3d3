package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// The targets errpat is measured against.
const (
	targetManyRatio  = 1.5  // many small files: at most this many times cat's time
	targetBigLogMBps = 1000 // one big text log: at least 1 GB/s
	targetJSONLMBps  = 500  // one big JSON-lines file: at least 500 MB/s
	targetRSSMiB     = 100  // peak RSS on any corpus
	targetRSSGrowth  = 1.2  // peak RSS on 1 GiB over peak RSS on 100 MB
)

// check is one target applied to a result.
type check struct {
	label string // "≤1.5× cat"
	value string // the measured figure it judges
	met   bool
}

// mbps returns the throughput of r in MB/s (10^6 bytes).
func (r result) mbps() float64 {
	if r.errpat <= 0 {
		return 0
	}
	return float64(r.corpus.bytes) / r.errpat / 1e6
}

// ratio returns errpat's time over cat's.
func (r result) ratio() float64 {
	if r.cat <= 0 {
		return 0
	}
	return r.errpat / r.cat
}

func (r result) rssMiB() float64 { return float64(r.rssKiB) / 1024 }

// checks returns the targets that apply to r's corpus; jsonlMBps is the
// JSON-lines corpus's throughput in the same run (0 when not measured),
// which the load-test corpora must reach.
func (r result) checks(jsonlMBps float64) []check {
	var cs []check
	switch name := r.corpus.spec.name; {
	case slices.Contains(loadCorpora, name) && jsonlMBps > 0:
		cs = append(cs, check{fmt.Sprintf("≥jsonl's %.0f MB/s", jsonlMBps), fmt.Sprintf("%.0f MB/s", r.mbps()), r.exit == 0 && r.mbps() >= jsonlMBps})
	case name == corpusMany:
		cs = append(cs, check{fmt.Sprintf("≤%.1f× cat", targetManyRatio), fmt.Sprintf("%.2f×", r.ratio()), r.ratio() <= targetManyRatio})
	case name == corpusBigLog:
		cs = append(cs, check{fmt.Sprintf("≥%d MB/s", targetBigLogMBps), fmt.Sprintf("%.0f MB/s", r.mbps()), r.mbps() >= targetBigLogMBps})
	case name == corpusJSONL:
		cs = append(cs, check{fmt.Sprintf("≥%d MB/s", targetJSONLMBps), fmt.Sprintf("%.0f MB/s", r.mbps()), r.mbps() >= targetJSONLMBps})
	}
	if r.rssKiB > 0 {
		cs = append(cs, check{fmt.Sprintf("RSS ≤%d MiB", targetRSSMiB), fmt.Sprintf("%.1f MiB", r.rssMiB()), r.rssMiB() <= targetRSSMiB})
	}
	return cs
}

// verdict renders checks as "≥1000 MB/s ok, RSS ≤100 MiB MISSED".
func verdict(cs []check) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		word := "ok"
		if !c.met {
			word = "MISSED"
		}
		parts[i] = c.label + " " + word
	}
	return strings.Join(parts, ", ")
}

// writeReport prints the results table, the memory comparison and notes.
func writeReport(w io.Writer, results []result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "corpus\tbytes\tfiles\tcat s\terrpat s\tMB/s\t×cat\tpeak RSS MiB\ttargets")
	var notes []string
	jsonl := 0.0
	for _, r := range results {
		if r.corpus.spec.name == corpusJSONL && r.err == nil && r.exit == 0 {
			jsonl = r.mbps()
		}
	}
	for _, r := range results {
		c := r.corpus
		if r.err != nil {
			fmt.Fprintf(tw, "%s\t%d\t%d\t-\t-\t-\t-\t-\terror\n", c.spec.name, c.bytes, len(c.files))
			notes = append(notes, fmt.Sprintf("%s: %v", c.spec.name, r.err))
			continue
		}
		rss := "n/a"
		if r.rssKiB > 0 {
			rss = strconv.FormatFloat(r.rssMiB(), 'f', 1, 64)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%.0f\t%.2f\t%s\t%s\n",
			c.spec.name, c.bytes, len(c.files), r.cat, r.errpat, r.mbps(), r.ratio(), rss, verdict(r.checks(jsonl)))
		if r.exit != 0 {
			notes = append(notes, fmt.Sprintf("%s: errpat exited with status %d: %s", c.spec.name, r.exit, r.stderrTail))
		}
	}
	tw.Flush()
	fmt.Fprintln(w, memoryLine(results))
	for _, n := range notes {
		fmt.Fprintln(w, "note:", n)
	}
}

// memoryLine compares errpat's peak RSS on the 100 MB and the 1 GiB logs.
func memoryLine(results []result) string {
	var small, big *result
	for i := range results {
		switch results[i].corpus.spec.name {
		case corpusLog100M:
			small = &results[i]
		case corpusBigLog:
			big = &results[i]
		}
	}
	if small == nil || big == nil || small.err != nil || big.err != nil || small.rssKiB == 0 || big.rssKiB == 0 {
		return "memory: no peak RSS for both the 100 MB and the 1 GiB log"
	}
	ratio := big.rssMiB() / small.rssMiB()
	word := "ok"
	if ratio > targetRSSGrowth {
		word = "MISSED"
	}
	return fmt.Sprintf("memory: peak RSS %.1f MiB on %s (%s), %.1f MiB on %s (%s): ratio %.2f, target ≤%.2f %s",
		small.rssMiB(), small.corpus.spec.name, humanBytes(small.corpus.bytes),
		big.rssMiB(), big.corpus.spec.name, humanBytes(big.corpus.bytes), ratio, targetRSSGrowth, word)
}

// humanBytes formats n with a binary unit.
func humanBytes(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	f := float64(n)
	i := 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if i == 0 {
		return strconv.FormatInt(n, 10) + " B"
	}
	return strconv.FormatFloat(f, 'f', 1, 64) + " " + units[i]
}
