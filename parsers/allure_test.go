package parsers

import (
	"path/filepath"
	"testing"
)

func TestParseAllure(t *testing.T) {
	// One test per result file, by hand from the 5 files; the container
	// holds none and is no problem.
	tests := []struct {
		file string
		want tally
		rec  wantRec
	}{
		{"1f0c1d2e-aaaa-4bbb-8ccc-000000000001-result.json", tally{tests: 1},
			wantRec{test: "tests.test_trunks#test_list_trunks", line: 1, status: StatusUnknown}},
		{"1f0c1d2e-aaaa-4bbb-8ccc-000000000002-result.json", tally{tests: 1, failed: 1},
			wantRec{test: "tests.test_trunks#test_create_trunk", line: 1, failed: true, status: 500, message: "AssertionError: expected status 201, got 500"}},
		{"1f0c1d2e-aaaa-4bbb-8ccc-000000000003-result.json", tally{tests: 1, failed: 1},
			wantRec{test: "tests.test_trunks#test_db", line: 1, failed: true, status: 0, message: "psycopg.OperationalError: connection refused"}},
		{"1f0c1d2e-aaaa-4bbb-8ccc-000000000004-result.json", tally{tests: 1, skipped: 1},
			wantRec{test: "tests.test_trunks#test_delete_trunk", line: 1, skipped: true, status: StatusUnknown}},
		{"1f0c1d2e-aaaa-4bbb-8ccc-000000000005-result.json", tally{tests: 1, flaky: 1},
			wantRec{test: "tests.test_trunks#test_alias", line: 1, retries: 1, status: StatusUnknown}},
		{"9e8d7c6b-0000-4000-8000-00000000000c-container.json", tally{}, wantRec{}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var want []wantRec
			if tt.rec.test != "" {
				want = append(want, tt.rec)
			}
			checkReportSample(t, parseAllure, filepath.Join("allure", tt.file), tt.want, want)
		})
	}
}

func TestSniffAllure(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`{"name": "t", "status": "passed", "stage": "finished", "uuid": "1"}`, true},
		{`{"uuid": "1", "historyId": "h", "fullName": "a#b"}`, true},
		{`{"uuid": "c", "children": ["1"], "befores": [], "afters": []}`, true},
		{`{"uuid": "1", "status": 200, "endpoint": "/a"}`, false},
	}
	for _, tt := range tests {
		if got := sniffAllure([]byte(tt.in)) || sniffAllureContainer([]byte(tt.in)); got != tt.want {
			t.Errorf("sniffAllure or sniffAllureContainer(%s): got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzAllure(f *testing.F) {
	f.Add(`{"name":"t","status":"broken","statusDetails":{"message":"HTTP 502","trace":"x"},"start":1764301201400,"stop":1764301201730,"uuid":"1","historyId":"h","fullName":"a#t"}`)
	f.Add(`{"uuid":"c","children":["1"],"befores":[{"status":"broken"}],"afters":[]}`)
	f.Add("{\"uuid\":\"1\",\"status\":\"passed\",\n\"steps\":[")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parseAllure, in, Options{})
	})
}
