package parsers

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestLoadFormatChecksTheFile(t *testing.T) {
	tests := []struct {
		name, file, err string
	}{
		{"no name", `{"fields": {"status": "s", "url": "u"}}`, `"name" is missing`},
		{"neither", `{"name": "x"}`, `want either "fields"`},
		{"both", `{"name": "x", "fields": {"status": "s", "url": "u"}, "pattern": "(?P<status>\\d+) (?P<url>\\S+)"}`, `want either "fields"`},
		{"unknown field", `{"name": "x", "fields": {"status": "s", "uri": "u"}}`, `unknown field "uri"`},
		{"unknown group", `{"name": "x", "pattern": "(?P<status>\\d+) (?P<path>\\S+)"}`, `unknown field "path" in the pattern's groups`},
		{"bad pattern", `{"name": "x", "pattern": "(?P<status>\\d+"}`, `invalid "pattern"`},
		{"no status", `{"name": "x", "fields": {"url": "u"}}`, "a request needs a status or success field"},
		{"no target", `{"name": "x", "fields": {"status": "s"}}`, "a request needs a status or success field"},
		{"bad unit", `{"name": "x", "fields": {"status": "s", "url": "u"}, "duration_unit": "min"}`, `invalid "duration_unit" "min"`},
		{"bad side", `{"name": "x", "fields": {"status": "s", "url": "u"}, "side": "proxy"}`, `invalid "side" "proxy"`},
		{"unknown key", `{"name": "x", "fields": {"status": "s", "url": "u"}, "regex": "x"}`, `unknown field "regex"`},
		{"not JSON", `name: x`, "invalid character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFormat("my.json", []byte(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "my.json: ") {
				t.Errorf("got %v, want an error naming my.json: %s", err, tt.err)
			}
		})
	}
}

// The shipped example formats read the samples in testdata/userformat as
// counted by hand: four requests each, two lines of each that are not.
func TestShippedFormats(t *testing.T) {
	tests := []struct {
		format, sample string
		status         []int
		failed         []bool
		seconds        []float64
		message        string // of the first failure
	}{
		{"go-slog", "client-slog.log", []int{201, 503, 0, 204}, []bool{false, true, true, false},
			[]float64{0.148, 2.21, 30, 0.095}, "Service Unavailable"},
		{"node-client", "client-node.log", []int{201, 429, 0, 204}, []bool{false, true, true, false},
			[]float64{0.118, 0.035, 1.5, 0.088}, "Too Many Requests"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			spec, err := os.ReadFile("../docs/formats/" + tt.format + ".json")
			if err != nil {
				t.Fatal(err)
			}
			f, err := LoadFormat(tt.format+".json", spec)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile("../testdata/userformat/" + tt.sample)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := Sniff(data, f); got != f {
				t.Fatalf("sniffed as %v, want %s", got, tt.format)
			}
			recs, _, probs := collect(t, f.Parse, string(data))
			if len(recs) != len(tt.status) {
				t.Fatalf("got %d records, want %d", len(recs), len(tt.status))
			}
			for i, r := range recs {
				if r.Status != tt.status[i] || r.Failed != tt.failed[i] || !r.HasSeconds || r.Seconds-tt.seconds[i] > 1e-9 || tt.seconds[i]-r.Seconds > 1e-9 {
					t.Errorf("record %d: got status %d failed %v seconds %g, want %d %v %g", i, r.Status, r.Failed, r.Seconds, tt.status[i], tt.failed[i], tt.seconds[i])
				}
				if r.Line != i+2 || r.Format != tt.format || r.Time.IsZero() || r.Method == "" || !strings.HasPrefix(r.Endpoint, "https://") {
					t.Errorf("record %d: got %+v", i, r)
				}
			}
			if recs[1].Message != tt.message {
				t.Errorf("got message %q, want %q", recs[1].Message, tt.message)
			}
			if len(probs) != 1 || probs[0].Lines != 2 || probs[0].Line != 1 {
				t.Errorf("got problems %+v, want one: 2 lines that are not requests, the first at line 1", probs)
			}
		})
	}
}

func TestUserFormatTimeLayouts(t *testing.T) {
	f, err := LoadFormat("x.json", []byte(`{"name": "x", "pattern": "^(?P<time>\\d+) (?P<status>\\d+) (?P<url>\\S+) (?P<duration>\\S+)$", "time_layout": "unix_ms", "duration_unit": "ns"}`))
	if err != nil {
		t.Fatal(err)
	}
	recs, _, _ := collect(t, f.Parse, "1795836555233 500 /a 1500000\n1795836555234 200 /b 2s\n1795836555235 200 /c Inf\n")
	if len(recs) != 3 || !recs[0].Time.Equal(time.UnixMilli(1795836555233)) || recs[0].Seconds != 0.0015 || recs[1].Seconds != 2 || recs[2].HasSeconds {
		t.Errorf("got %+v", recs)
	}
}

func FuzzUserFormat(f *testing.F) {
	spec := `{"name": "x", "pattern": "^(?P<time>\\S+) (?P<method>[A-Z]+) (?P<url>\\S+) (?P<status>\\d*) ?(?P<duration>\\S*) ?(?P<message>.*)$"}`
	jspec := `{"name": "y", "fields": {"time": "t", "url": "u", "status": "s", "success": "ok", "duration": "d", "message": "m"}}`
	tf, err := LoadFormat("x.json", []byte(spec))
	if err != nil {
		f.Fatal(err)
	}
	jf, err := LoadFormat("y.json", []byte(jspec))
	if err != nil {
		f.Fatal(err)
	}
	f.Add("2026-11-28T03:21:10Z GET /a 500 1.5 boom\nnot a line\n")
	f.Add(`{"t": 1795836555, "u": "/a", "s": "503", "d": 1e999, "m": "x"}` + "\n{\"ok\": false}\n")
	f.Fuzz(func(t *testing.T, in string) {
		lines := strings.Count(in, "\n") + 1
		for _, uf := range []*Format{tf, jf} {
			err := uf.Parse(strings.NewReader(in), "in", Options{}, Sink{
				Record: func(r *Record) {
					if r.Line < 1 || r.Line > lines {
						t.Errorf("record at line %d of %d", r.Line, lines)
					}
					if r.HasSeconds && (r.Seconds < 0 || r.Seconds != r.Seconds) {
						t.Errorf("got seconds %g", r.Seconds)
					}
				},
				Problem: func(p Problem) {
					if p.Line < 1 || p.Line > lines || p.Lines < 1 {
						t.Errorf("problem %+v of %d lines", p, lines)
					}
				},
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}
