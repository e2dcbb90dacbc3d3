package main

import (
	"encoding/json"
	"testing"
)

// TestLocustFailuresCountedOnce reads a Locust run's _stats.csv beside its
// _failures.csv: the failures file gives the messages of failures the
// stats file counts already, so each failure is counted once. Counts by
// hand from testdata/load/aggregate/locust: run_stats.csv 230 requests,
// 19 failed, of which run_failures.csv gives 18 a message (the grpc
// failure has none); old_stats.csv 42 and 15, old_failures.csv all 15.
func TestLocustFailuresCountedOnce(t *testing.T) {
	const dir = "testdata/load/aggregate/locust/"
	tests := []struct {
		name                         string
		args                         []string
		requests, failed, duplicates int
		messages, withoutMessage     int
	}{
		{"stats and failures", []string{dir + "run_stats.csv", dir + "run_failures.csv"}, 230, 19, 18, 18, 1},
		{"failures first", []string{dir + "run_failures.csv", dir + "run_stats.csv"}, 230, 19, 18, 18, 1},
		{"stats alone", []string{dir + "run_stats.csv"}, 230, 19, 0, 0, 19},
		{"failures alone", []string{dir + "run_failures.csv"}, 18, 18, 0, 18, 0},
		{"two runs, history and exceptions", []string{dir}, 272, 34, 33, 33, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", append([]string{"--tz", "UTC", "--format", "json"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var rep struct {
				Inputs struct {
					Duplicates int `json:"duplicates"`
				} `json:"inputs"`
				Summary struct {
					Requests int `json:"requests"`
					Failed   int `json:"failed"`
				} `json:"summary"`
				TopMessages []struct {
					Count   int    `json:"count"`
					Pattern string `json:"pattern"`
				} `json:"top_messages"`
			}
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
				t.Fatal(err)
			}
			with, without := 0, 0
			for _, m := range rep.TopMessages {
				if m.Pattern == "(no message)" {
					without += m.Count
				} else {
					with += m.Count
				}
			}
			if rep.Summary.Requests != tt.requests || rep.Summary.Failed != tt.failed || rep.Inputs.Duplicates != tt.duplicates {
				t.Errorf("got %d requests, %d failed, %d duplicates; want %d, %d, %d",
					rep.Summary.Requests, rep.Summary.Failed, rep.Inputs.Duplicates, tt.requests, tt.failed, tt.duplicates)
			}
			if with != tt.messages || without != tt.withoutMessage {
				t.Errorf("got %d failures with a message, %d without; want %d, %d", with, without, tt.messages, tt.withoutMessage)
			}
		})
	}
}
