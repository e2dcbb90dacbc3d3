package analyzer

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestLoghubGroupingAccuracy computes the Grouping Accuracy on LogHub-2k
// (Zhu et al. 2019, He et al. 2020: 16 systems, 2,000 labelled lines
// each) when ERRPAT_LOGHUB names the folder of its structured CSVs
// (<System>_2k.log_structured.csv renamed <System>.csv, with a Content
// and an EventTemplate column). Its licence keeps the data out of the
// repository, so the test is skipped without it. ERRPAT_LOGHUB_SHOW=System
// (or "all") logs the labels that are misgrouped.
//
// GA is given twice: on the labels as they are, and on the labels split
// by the HTTP status in the line. LogHub's OpenStack and Proxifier labels
// put lines of different statuses ("status: 200", "status: 404", "status
// code 403", "status code 503") in one template, which errpat keeps apart
// on purpose: different statuses are different errors.
func TestLoghubGroupingAccuracy(t *testing.T) {
	dir := os.Getenv("ERRPAT_LOGHUB")
	if dir == "" {
		t.Skip("ERRPAT_LOGHUB not set: no LogHub-2k data")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("%s: got no CSV files (%v)", dir, err)
	}
	slices.Sort(files)
	show := os.Getenv("ERRPAT_LOGHUB_SHOW")
	var sum, sumSplit float64
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".csv")
		msgs, labels := readLoghub(t, f)
		groups := groupMessages(msgs)
		ga, _ := groupingAccuracy(labels, groups)
		gaSplit, _ := groupingAccuracy(splitByStatus(msgs, labels), groups)
		sum, sumSplit = sum+ga, sumSplit+gaSplit
		t.Logf("%-12s %.3f  split by status %.3f", name, ga, gaSplit)
		if show == name || show == "all" {
			t.Log(misgrouped(msgs, labels, groups))
		}
	}
	n := float64(len(files))
	t.Logf("%-12s %.4f  split by status %.4f", "average", sum/n, sumSplit/n)
	if sum/n < 0.95 || sumSplit/n < 0.95 {
		t.Errorf("grouping accuracy: got %.4f (%.4f split by status), want at least 0.95", sum/n, sumSplit/n)
	}
}

// readLoghub reads the Content and EventTemplate columns of a LogHub CSV.
func readLoghub(t *testing.T, path string) (msgs, labels []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	ci, ti := slices.Index(rows[0], "Content"), slices.Index(rows[0], "EventTemplate")
	if ci < 0 || ti < 0 {
		t.Fatalf("%s: got header %q, want Content and EventTemplate", path, rows[0])
	}
	for _, row := range rows[1:] {
		msgs, labels = append(msgs, row[ci]), append(labels, row[ti])
	}
	return msgs, labels
}

var statusInLine = regexp.MustCompile(`\bstatus(?: code)?:? ([1-5][0-9][0-9])\b`)

// splitByStatus returns the labels with the HTTP status of each line
// added: one label per status.
func splitByStatus(msgs, labels []string) []string {
	out := make([]string, len(labels))
	for i, m := range msgs {
		out[i] = labels[i]
		if s := statusInLine.FindStringSubmatch(m); s != nil {
			out[i] += "\x00" + s[1]
		}
	}
	return out
}

// misgrouped lists each label whose lines are not exactly one group:
// the groups it touches, with their size and an example.
func misgrouped(msgs, labels, groups []string) string {
	byLabel, byGroup := map[string][]int{}, map[string]int{}
	for i, l := range labels {
		byLabel[l] = append(byLabel[l], i)
		byGroup[groups[i]]++
	}
	var ls []string
	for l, idx := range byLabel {
		if len(idx) != byGroup[groups[idx[0]]] || slices.ContainsFunc(idx, func(i int) bool { return groups[i] != groups[idx[0]] }) {
			ls = append(ls, l)
		}
	}
	slices.SortFunc(ls, func(a, b string) int { return len(byLabel[b]) - len(byLabel[a]) })
	var b strings.Builder
	for _, l := range ls {
		fmt.Fprintf(&b, "\nLABEL %d %q\n", len(byLabel[l]), l)
		seen := map[string]bool{}
		for _, i := range byLabel[l] {
			if !seen[groups[i]] {
				seen[groups[i]] = true
				fmt.Fprintf(&b, "    group of %d: key %q  e.g. %q\n", byGroup[groups[i]], Pattern(msgs[i]), msgs[i])
			}
		}
	}
	return b.String()
}
