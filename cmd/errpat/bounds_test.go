package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNonFiniteDurations reads response times that are no duration: the
// JSON report and the events are still written, each such time is a
// problem naming its line, and its request is counted without a time.
func TestNonFiniteDurations(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "times.jsonl", `{"endpoint": "/a", "status": 200, "response_time": 1e999}
{"endpoint": "/a", "status": 500, "response_time": -1e308}
{"endpoint": "/a", "status": 200, "response_time": 0.5}
`)
	code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "json", dir)
	var rep struct {
		Inputs struct {
			Requests     int `json:"records"`
			ProblemCount int `json:"problem_count"`
		} `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 {
		t.Fatalf("report: exit %d, %v; stderr %q", code, err, errOut)
	}
	if rep.Inputs.Requests != 3 || rep.Inputs.ProblemCount != 2 {
		t.Errorf("got %d requests and %d problems, want 3 and 2", rep.Inputs.Requests, rep.Inputs.ProblemCount)
	}
	name := filepath.Join(dir, "times.jsonl")
	for _, want := range []string{name + ":1: response time +Inf is not a duration", name + ":2: response time -1e+308 is not a duration"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q lacks %q", errOut, want)
		}
	}
	code, out, errOut = runCLI(t, "", "events", "--tz", "UTC", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 || !strings.Contains(lines[0], `"seconds":null`) || !strings.Contains(lines[2], `"seconds":0.5`) {
		t.Errorf("events: exit %d, stderr %q, got:\n%s", code, errOut, out)
	}
}

// TestOutputIsAnInput refuses an --output that is one of the inputs, by
// any path (here a hard link), before anything is read or written: the
// report, events and bug report alike, and the file is left as it was.
func TestOutputIsAnInput(t *testing.T) {
	dir := t.TempDir()
	const log = `{"endpoint": "/a", "status": 500, "message": "boom"}` + "\n"
	writeFile(t, dir, "a.jsonl", log)
	name := filepath.Join(dir, "a.jsonl")
	link := filepath.Join(t.TempDir(), "link.txt")
	if err := os.Link(name, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		output string
		args   []string
	}{
		{name, []string{"-o", name, dir}},
		{link, []string{"--format", "json", "--output", link, name}},
		{name, []string{"events", "-o", name, name}},
		{link, []string{"events", "-o", link, dir}},
		{link, []string{"bugreport", "-o", link, dir}},
	} {
		args := c.args
		code, out, errOut := runCLI(t, "", args...)
		want := "errpat: --output " + c.output + " is the input " + name + ": refusing to overwrite it (write to another file)\n"
		if code != 2 || out != "" || errOut != want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", args, code, out, errOut, want)
		}
		if b, _ := os.ReadFile(name); string(b) != log {
			t.Errorf("%q: the input now holds %q", args, b)
		}
	}
}
