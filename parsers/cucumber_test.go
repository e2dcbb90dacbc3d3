package parsers

import "testing"

func TestParseCucumber(t *testing.T) {
	// failing.json, by hand: Trunks has 4 scenarios, each after a passed
	// background (List: passed; Create: a failed step; Rename: an
	// undefined step; Delete: a pending step); Numbers 2 (Map a DID:
	// failed in its background; Search numbers: every step skipped). The
	// backgrounds are no tests: 6 records, 4 failed, 1 skipped.
	checkReportSample(t, parseCucumber, "cucumber/failing.json", tally{tests: 6, failed: 4, skipped: 1}, []wantRec{
		{test: "Trunks › Create a trunk", line: 90, failed: true, status: 500,
			message: "AssertionError [ERR_ASSERTION]: expected status 201, got 500"},
		{test: "Trunks › Rename a trunk", line: 165, failed: true, status: StatusUnknown, message: "step undefined: When I rename the trunk"},
		{test: "Trunks › Delete a trunk", line: 225, failed: true, status: StatusUnknown, message: "step pending: When I delete the trunk"},
		{test: "Numbers › Map a DID", line: 298, failed: true, status: 0, message: "Error: connect ECONNREFUSED 127.0.0.1:8080"},
		{test: "Numbers › Search numbers", line: 359, skipped: true, status: StatusUnknown},
	})
	// passing.json: 2 passed scenarios with passed hooks.
	recs := checkReportSample(t, parseCucumber, "cucumber/passing.json", tally{tests: 2}, nil)
	// Health is 200: hooks 0.8 ms + 0.3 ms, steps 35 ms + 0.09 ms.
	if got := recs[0].Seconds; !recs[0].HasSeconds || got < 0.03618 || got > 0.03620 {
		t.Errorf("Health is 200: got %v seconds, want 0.03619", got)
	}
}

func TestSniffCucumber(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`[{"uri": "features/a.feature", "keyword": "Feature", "elements": []}]`, true},
		{`[{"endpoint": "/a", "status": 200}]`, false},
		{`{"elements": [], "keyword": "Feature", "uri": "x"}`, false},
	}
	for _, tt := range tests {
		if got := sniffCucumber([]byte(tt.in)); got != tt.want {
			t.Errorf("sniffCucumber(%s): got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzCucumber(f *testing.F) {
	f.Add(`[{"uri":"f","name":"F","keyword":"Feature","elements":[{"type":"background","keyword":"Background","steps":[{"keyword":"Given ","name":"up","result":{"status":"failed","error_message":"HTTP 503"}}]},{"type":"scenario","name":"S","before":[{"result":{"status":"passed","duration":5}}],"steps":[{"keyword":"When ","name":"x","result":{"status":"skipped"}}]}]}]`)
	f.Add("[{\"elements\":[{\"steps\":[{\"result\":{\"status\":\"undefined\"}}]},\n{\"steps\":")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parseCucumber, in, Options{})
	})
}
