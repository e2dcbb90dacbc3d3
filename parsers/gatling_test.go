package parsers

import (
	"os"
	"testing"
)

func TestGatlingSamples(t *testing.T) {
	tests := []struct {
		file string
		want loadTally
	}{
		// simulation.log (Gatling 3.9 layout): 10 REQUEST lines, the last cut
		// off; 9 requests, 7 KO. Status: the two status checks name 404 and
		// 500; RequestTimeoutException, ConnectException, UnknownHostException
		// and NotSslRecordException got no response (0); the OKs and the
		// jsonPath check do not say (-1). All end in hour 14.
		{"simulation.log", loadTally{requests: 9, failed: 7,
			status:   map[int]int{StatusUnknown: 3, 404: 1, 500: 1, 0: 4},
			hours:    map[string]int{"2026-11-28T14": 9},
			problems: 1, skipped: 1}},
		// simulation_3.3.log (Gatling 3.0-3.3 layout, with the user id): 2
		// requests, the second KO with status 503, in hour 15.
		{"simulation_3.3.log", loadTally{requests: 2, failed: 1,
			status: map[int]int{StatusUnknown: 1, 503: 1},
			hours:  map[string]int{"2026-11-28T15": 2}}},
		// simulation_with_known_stats.log (Gatling's own test file): 8
		// REQUEST lines, all OK, times in ms from the epoch (1970).
		{"simulation_with_known_stats.log", loadTally{requests: 8,
			status: map[int]int{StatusUnknown: 8},
			hours:  map[string]int{"1970-01-01T00": 8}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs, probs := parseFile(t, parseGatling, "../testdata/load/gatling/"+tt.file)
			checkTally(t, tallyOf(recs, probs), tt.want)
		})
	}
}

func TestGatlingLines(t *testing.T) {
	tests := []struct {
		name, line string
		ok         bool
		want       Record // Test, Status, Failed, Message, Seconds checked
	}{
		{"3.4-3.12", "REQUEST\t\tGet Trunk\t1000\t1250\tOK\t ", true,
			Record{Test: "Get Trunk", Status: StatusUnknown, Seconds: 0.25}},
		{"3.0-3.3 with the user id", "REQUEST\t7\tgrp\tGet Trunk\t1000\t1250\tKO\tstatus.find.is(200), found 401", true,
			Record{Test: "Get Trunk", Status: 401, Failed: true, Message: "status.find.is(200), found 401", Seconds: 0.25}},
		{"2.2 with scenario, user id and extra info", "REQUEST\tscn\t3\t\tLogin\t1000\t1100\tKO\tstatus.find.in(200,304), but actually found 500\textra", true,
			Record{Test: "Login", Status: 500, Failed: true, Message: "status.find.in(200,304), but actually found 500", Seconds: 0.1}},
		{"a timeout", "REQUEST\t\tLogin\t1000\t61000\tKO\tj.u.c.TimeoutException: Request timeout to h/1.2.3.4:443 after 60000 ms", true,
			Record{Test: "Login", Status: 0, Failed: true, Message: "j.u.c.TimeoutException: Request timeout to h/1.2.3.4:443 after 60000 ms", Seconds: 60}},
		{"end before start", "REQUEST\t\tLogin\t2000\t1000\tOK\t ", false, Record{}},
		{"no status field", "REQUEST\t\tLogin\t1000\t2000", false, Record{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Record
			ok := gatlingRequest([]byte(tt.line), &r)
			if ok != tt.ok {
				t.Fatalf("got ok %v, want %v", ok, tt.ok)
			}
			w := tt.want
			if ok && (r.Test != w.Test || r.Endpoint != w.Test || r.Status != w.Status || r.Failed != w.Failed || r.Message != w.Message || r.Seconds != w.Seconds) {
				t.Errorf("got %q %d %v %q %v, want %q %d %v %q %v", r.Test, r.Status, r.Failed, r.Message, r.Seconds,
					w.Test, w.Status, w.Failed, w.Message, w.Seconds)
			}
		})
	}
}

func TestSniffGatling(t *testing.T) {
	for text, want := range map[string]bool{
		"RUN\ttrunkapi.TrunkSimulation\ttrunksimulation\t1795878000000\t \t3.3.1\n": true,
		"RUN\tMySimulation\trun1\t1406822067250\tinteresting test run\t2.0\n":       true,
		"RUN tests now\n":                     false,
		"REQUEST\t\tGet\t1000\t2000\tOK\t \n": false,
	} {
		if got := sniffGatling([]byte(text)); got != want {
			t.Errorf("sniffGatling(%q): got %v, want %v", text, got, want)
		}
	}
}

func FuzzGatling(f *testing.F) {
	data, _ := os.ReadFile("../testdata/load/gatling/simulation.log")
	f.Add(string(data))
	f.Add("REQUEST\t1\t\tx\t1\t2\tKO\tstatus.find.in(200), found 999\nREQUEST\t\t\t\t\t")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parseGatling, in, Options{MaxLine: 128})
	})
}
