package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
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

// TestEventsReadBack reads errpat's own events back: the report of the
// events of X is the report of X, but for what events do not carry (the
// files, the runs, and the source of each example, now the events file).
func TestEventsReadBack(t *testing.T) {
	dir := t.TempDir()
	// JSON lines with a "run" key, taken for a newman report before.
	writeFile(t, dir, "runs.jsonl", `{"run": "r1", "endpoint": "/a/1", "status": 500, "message": "boom 1", "seconds": 0.5}
{"run": "r1", "endpoint": "/a/2", "status": 200, "results": 3, "test_results": "x"}
`)
	sections := []string{"summary", "by_status", "by_hour", "by_hour_of_day", "by_endpoint", "top_messages", "slow", "categories", "error_codes"}
	for _, x := range []string{dir, "testdata/real-client", "testdata/generated/logs", "testdata/newman", "testdata/junit", "testdata/daily"} {
		events := filepath.Join(t.TempDir(), "events.jsonl")
		if code, _, errOut := runCLI(t, "", "events", "--tz", "UTC", "-o", events, x); code != 0 {
			t.Fatalf("%s: events: exit %d, %s", x, code, errOut)
		}
		report := func(path string) map[string]any {
			t.Helper()
			code, out, errOut := runCLI(t, "", "--tz", "UTC", "--format", "json", path)
			var rep map[string]any
			if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 {
				t.Fatalf("%s: exit %d, %v, %s", path, code, err, errOut)
			}
			return rep
		}
		want, got := report(x), report(events)
		if n := got["inputs"].(map[string]any)["problem_count"]; n != 0.0 {
			t.Errorf("%s: the events gave %v problems, want none", x, n)
		}
		if want["summary"].(map[string]any)["requests"] == 0.0 {
			t.Errorf("%s: no requests", x)
		}
		for _, s := range sections {
			w, g := withoutSources(want[s]), withoutSources(got[s])
			if s == "summary" {
				for _, k := range []string{"runs", "incomplete_runs"} {
					delete(w.(map[string]any), k)
					delete(g.(map[string]any), k)
				}
			}
			if !reflect.DeepEqual(w, g) {
				t.Errorf("%s: %s differs read back from its events:\ngot  %v\nwant %v", x, s, g, w)
			}
		}
	}
}

// withoutSources drops the "source" keys of a decoded JSON value.
func withoutSources(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := map[string]any{}
		for k, x := range v {
			if k != "source" {
				m[k] = withoutSources(x)
			}
		}
		return m
	case []any:
		l := make([]any, len(v))
		for i, x := range v {
			l[i] = withoutSources(x)
		}
		return l
	}
	return v
}
