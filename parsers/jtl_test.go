package parsers

import (
	"os"
	"strings"
	"testing"
	"time"
)

// loadTally is what a test asserts of a parsed load-test file.
type loadTally struct {
	requests, failed int
	status           map[int]int    // requests by status
	hours            map[string]int // requests by UTC hour of their end, "2006-01-02T15"
	problems         int            // problems of any kind
	skipped          int            // input lines the problems skipped
}

func tallyOf(recs []Record, probs []Problem) loadTally {
	t := loadTally{status: map[int]int{}, hours: map[string]int{}}
	for _, r := range recs {
		t.requests++
		if r.Failed {
			t.failed++
		}
		t.status[r.Status]++
		if !r.Time.IsZero() {
			t.hours[r.Time.UTC().Format("2006-01-02T15")]++
		}
	}
	for _, p := range probs {
		t.problems++
		t.skipped += p.Lines
	}
	return t
}

func checkTally(t *testing.T, got, want loadTally) {
	t.Helper()
	if got.requests != want.requests || got.failed != want.failed || got.problems != want.problems || got.skipped != want.skipped {
		t.Errorf("got %d requests, %d failed, %d problems skipping %d lines; want %d, %d, %d, %d",
			got.requests, got.failed, got.problems, got.skipped, want.requests, want.failed, want.problems, want.skipped)
	}
	sameCounts(t, "status", got.status, want.status)
	if want.hours != nil {
		sameCounts(t, "hour", got.hours, want.hours)
	}
}

func sameCounts[K comparable](t *testing.T, what string, got, want map[K]int) {
	t.Helper()
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s %v: got %d, want %d", what, k, got[k], n)
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s %v: got %d, want none", what, k, n)
		}
	}
}

// problemsStart checks that each problem starts as wanted, in order.
func problemsStart(t *testing.T, got []Problem, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got problems %q, want %q", got, want)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i].Error(), w) {
			t.Errorf("problem %d: got %q, want it to start %q", i, got[i].Error(), w)
		}
	}
}

func parseFile(t *testing.T, fn ParseFunc, name string) ([]Record, []Problem) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return parseWith(t, fn, string(data), Options{Location: time.UTC})
}

// TestJTLSamples checks the JMeter samples in testdata/load/jmeter against
// counts worked out by hand (see the comments and the folder's README).
func TestJTLSamples(t *testing.T) {
	tests := []struct {
		file string
		fn   ParseFunc
		want loadTally
	}{
		// api_run.jtl: 16 rows after the header. Not requests: the "Trunk flow"
		// Transaction Controller row and the Home-0 / Home-1 sub-results; the
		// last row is cut. Requests: 12 (rows on lines 2-4, 5-6, 7-12, 16, 17).
		// Failed: 404, 422, five Non HTTP response codes (lines 7-11), 500.
		// Ends (stamp + elapsed): lines 2-8 in hour 09, the rest in hour 10.
		{"api_run.jtl", parseJTLCSV, loadTally{requests: 12, failed: 8,
			status:   map[int]int{200: 3, 201: 1, 404: 1, 422: 1, 500: 1, 0: 5},
			hours:    map[string]int{"2026-11-28T09": 6, "2026-11-28T10": 6},
			problems: 2, skipped: 1}}, // the cut row (1 line) and the note on the 3 rows not requests
		// default_columns.csv: JMeter 5's 17 default columns, no header; five
		// rows, all ending in hour 11: 503, a ConnectTimeoutException and 429 fail.
		{"default_columns.csv", parseJTLCSV, loadTally{requests: 5, failed: 3,
			status: map[int]int{200: 2, 503: 1, 429: 1, 0: 1},
			hours:  map[string]int{"2026-11-28T11": 5}}},
		// HTMLReportTestFile.csv (JMeter's own test file): 255 rows, 252 with
		// responseCode 200 and 3 with 400, success false exactly on the 400s
		// (awk -F, '$8=="false"' counts 3).
		{"HTMLReportTestFile.csv", parseJTLCSV, loadTally{requests: 255, failed: 3,
			status: map[int]int{200: 252, 400: 3}}},
		// api_run.xml: 7 requests: Create Trunk, Get Trunk 404, Home (its two
		// nested httpSamples are part of it), the two samples inside the
		// "Trunk flow" transaction (201, 500), the SocketTimeoutException and
		// Update Trunk; the file has no </testResults> (a run still writing).
		{"api_run.xml", parseJTLXML, loadTally{requests: 7, failed: 3,
			status:   map[int]int{200: 2, 201: 2, 404: 1, 500: 1, 0: 1},
			hours:    map[string]int{"2026-11-28T11": 7},
			problems: 2}}, // the missing end and the note on what is not a request
		// Bug56811.xml (JMeter's own test file): 93 <sample> elements, 42 of
		// them Transaction Controller samples ("Number of samples in
		// transaction"), nested up to three deep; the 51 others are requests
		// (grep -v transaction | grep -c '<sample'), 12 with s="false" (the
		// BeanShell Sampler), 3 with rc="666" (and s="true"); no ts.
		{"Bug56811.xml", parseJTLXML, loadTally{requests: 51, failed: 12,
			status:   map[int]int{200: 48, 666: 3},
			problems: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs, probs := parseFile(t, tt.fn, "../testdata/load/jmeter/"+tt.file)
			checkTally(t, tallyOf(recs, probs), tt.want)
		})
	}
}

// TestJTLCSVRecords checks what each row becomes, field by field.
func TestJTLCSVRecords(t *testing.T) {
	recs, probs := parseFile(t, parseJTLCSV, "../testdata/load/jmeter/api_run.jtl")
	want := []struct {
		line     int
		endpoint string
		status   int
		failed   bool
		msg      string
		seconds  float64
	}{
		{2, "https://api.example.test/v2/trunks", 201, false, "", 0.120},
		{3, "https://api.example.test/v2/trunks/TR0001", 200, false, "", 0.045},
		{4, "https://api.example.test/v2/trunks/TR0404", 404, true, "Test failed: code expected to contain /200/", 0.030},
		{5, "https://api.example.test/v2/trunks", 422, true, "Assertion failed: \"trunk_name\" is invalid,\nexpected 3-50 letters, digits or underscores", 0.088},
		{7, "https://api.example.test/v2/trunks/TR0002", 0, true, "java.net.SocketTimeoutException: Read timed out", 30.001},
		{8, "https://api.example.test/v2/trunks", 0, true, "java.net.UnknownHostException: api.example.test", 0.012},
		{9, "https://api.example.test/v2/login", 0, true, "javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path to requested target", 0.150},
		{10, "https://api.example.test/v2/trunks/TR0001", 0, true, "org.apache.http.conn.HttpHostConnectException: Connect to api.example.test:443 [api.example.test/127.0.0.1] failed: Connection refused", 0.003},
		{11, "https://api.example.test/v2/trunks/TR0003", 0, true, "org.apache.http.NoHttpResponseException: api.example.test:443 failed to respond", 0.250},
		{12, "https://api.example.test/", 200, false, "", 0.340},
		{16, "https://api.example.test/v2/trunks/TR0001", 500, true, "Test failed: code expected to contain /200/", 0.210},
		{17, "https://api.example.test/v2/trunks/TR0001", 200, false, "", 0.095},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d", len(recs), len(want))
	}
	for i, w := range want {
		r := recs[i]
		if r.Line != w.line || r.Endpoint != w.endpoint || r.Status != w.status || r.Failed != w.failed || r.Message != w.msg || !r.HasSeconds || r.Seconds != w.seconds {
			t.Errorf("record %d: got line %d %q %d failed=%v %q %v, want line %d %q %d failed=%v %q %v", i,
				r.Line, r.Endpoint, r.Status, r.Failed, r.Message, r.Seconds, w.line, w.endpoint, w.status, w.failed, w.msg, w.seconds)
		}
	}
	if got := recs[len(recs)-1].Test; got != "Update Trunk, v2" {
		t.Errorf("quoted label: got %q, want %q", got, "Update Trunk, v2")
	}
	// The first row starts 09:58:00.000 and took 120 ms: JMeter's stamp is the start.
	if got, want := recs[0].Time, time.Date(2026, 11, 28, 9, 58, 0, 120e6, time.UTC); !got.Equal(want) {
		t.Errorf("time: got %v, want %v", got, want)
	}
	if len(probs) != 2 || probs[0].Line != 18 || !strings.Contains(probs[0].Err, "cut off") {
		t.Errorf("got problems %v, want the cut row at line 18 first", probs)
	}
}

func TestJTLCSVRows(t *testing.T) {
	const h17 = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n"
	tests := []struct {
		name     string
		in       string
		want     []Record // Line, Endpoint, Status, Failed, Message, Seconds checked
		problems []string
	}{
		{
			name: "column subset in another order, tab delimited",
			in:   "success\tresponseCode\tlabel\telapsed\n" + "true\t200\tGet /a\t12\n" + "false\t503\tGet /a\t40\n",
			want: []Record{{Line: 2, Endpoint: "Get /a", Status: 200, Seconds: 0.012},
				{Line: 3, Endpoint: "Get /a", Status: 503, Failed: true, Seconds: 0.040}},
		},
		{
			name: "no success column: the code decides",
			in:   "timeStamp,elapsed,label,responseCode\n1795859880000,5,a,200\n1795859880000,5,b,404\n1795859880000,5,c,Non HTTP response code: java.net.ConnectException\n",
			want: []Record{{Line: 2, Endpoint: "a", Status: 200, Seconds: 0.005},
				{Line: 3, Endpoint: "b", Status: 404, Failed: true, Seconds: 0.005},
				{Line: 4, Endpoint: "c", Status: 0, Failed: true, Message: "java.net.ConnectException", Seconds: 0.005}},
		},
		{
			name: "no response code column: status unknown",
			in:   "label,success,elapsed\na,false,3\n",
			want: []Record{{Line: 2, Endpoint: "a", Status: StatusUnknown, Failed: true, Seconds: 0.003}},
		},
		{
			name: "quoted fields: delimiter, doubled quotes, CRLF inside; lines stay right",
			in: h17 + "1795859880000,7,\"a,b\",500,\"Server \"\"busy\"\"\",T 1-1,text,false,\"line one\r\nline two\",1,1,1,1,http://h/x,7,0,0\r\n" +
				"1795859880000,8,c,200,OK,T 1-1,text,true,,1,1,1,1,http://h/y,8,0,0\n",
			want: []Record{{Line: 2, Endpoint: "http://h/x", Status: 500, Failed: true, Message: "line one\nline two", Seconds: 0.007},
				{Line: 4, Endpoint: "http://h/y", Status: 200, Seconds: 0.008}},
		},
		{
			name: "sample variables at the end of the header",
			in:   "timeStamp,elapsed,label,responseCode,success,\"trunk_sid\"\n1795859880000,9,a,201,true,TR1\n",
			want: []Record{{Line: 2, Endpoint: "a", Status: 201, Seconds: 0.009}},
		},
		{
			name: "JMeter 3.1-4.0 default columns, no header (no URL)",
			in:   "1795859880000,9,Get,200,OK,T 1-1,text,true,,10,10,1,1,9,0,0\n",
			want: []Record{{Line: 1, Endpoint: "Get", Status: 200, Seconds: 0.009}},
		},
		{
			name: "default columns and two sample variables, no header",
			in:   "1795859880000,9,Get,200,OK,T 1-1,text,true,,10,10,1,1,http://h/a,9,0,0,TR1,\"x,y\"\n",
			want: []Record{{Line: 1, Endpoint: "http://h/a", Status: 200, Seconds: 0.009}},
		},
		{
			name: "timestamp_format date",
			in:   "timeStamp,elapsed,label,responseCode,success\n2026/11/28 09:58:00.000,9,a,200,true\n",
			want: []Record{{Line: 2, Endpoint: "a", Status: 200, Seconds: 0.009}},
		},
		{
			name:     "quote never closed: the run stopped mid-row",
			in:       h17 + "1795859880000,8,c,200,OK,T 1-1,text,true,,1,1,1,1,http://h/y,8,0,0\n1795859880000,7,a,500,\"Server\nbusy",
			want:     []Record{{Line: 2, Endpoint: "http://h/y", Status: 200, Seconds: 0.008}},
			problems: []string{"in:3: last row cut off inside a quoted field"},
		},
		{
			name:     "a damaged row in the middle is counted and skipped",
			in:       h17 + "1795859880000,8,c\n1795859880000,8,c,200,OK,T 1-1,text,true,,1,1,1,1,http://h/y,8,0,0\n",
			want:     []Record{{Line: 3, Endpoint: "http://h/y", Status: 200, Seconds: 0.008}},
			problems: []string{"in:2: row has 3 fields, the header 17"},
		},
		{
			name: "labels that only look like sub-results are requests",
			in:   "label,responseCode,success,threadName\nHome,200,true,T 1-1\nHome-1,200,true,T 1-2\nHome-x,200,true,T 1-1\n",
			want: []Record{{Line: 2, Endpoint: "Home", Status: 200}, {Line: 3, Endpoint: "Home-1", Status: 200}, {Line: 4, Endpoint: "Home-x", Status: 200}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs := parseWith(t, parseJTLCSV, tt.in, Options{Location: time.UTC})
			if len(recs) != len(tt.want) {
				t.Fatalf("got %d records %+v, want %d", len(recs), recs, len(tt.want))
			}
			for i, w := range tt.want {
				r := recs[i]
				if r.Line != w.Line || r.Endpoint != w.Endpoint || r.Status != w.Status || r.Failed != w.Failed || r.Message != w.Message || r.Seconds != w.Seconds {
					t.Errorf("record %d: got %d %q %d %v %q %v, want %d %q %d %v %q %v", i,
						r.Line, r.Endpoint, r.Status, r.Failed, r.Message, r.Seconds, w.Line, w.Endpoint, w.Status, w.Failed, w.Message, w.Seconds)
				}
			}
			problemsStart(t, probs, tt.problems)
		})
	}
}

// TestJTLCSVOpenQuote: a quote that never closes is given up after
// MaxLine bytes; every line after is read again, and every line counted.
func TestJTLCSVOpenQuote(t *testing.T) {
	in := "label,success\n\"a" + strings.Repeat("\nxxxxxxxxxx", 10) + "\nb,true\n"
	recs, probs := parseWith(t, parseJTLCSV, in, Options{MaxLine: 64})
	if len(recs) != 1 || recs[0].Line != 13 || recs[0].Endpoint != "b" {
		t.Fatalf("got %+v, want b on line 13", recs)
	}
	if len(probs) == 0 || !strings.HasPrefix(probs[0].Error(), "in:2: row skipped: quoted field not closed after") {
		t.Fatalf("got problems %v, want the open quote first", probs)
	}
	skipped := 0
	for _, p := range probs {
		skipped += p.Lines
	}
	if skipped != 11 {
		t.Errorf("got %d lines skipped, want 11 (lines 2-12)", skipped)
	}
}

func TestJTLXMLRecords(t *testing.T) {
	recs, _ := parseFile(t, parseJTLXML, "../testdata/load/jmeter/api_run.xml")
	if len(recs) != 7 {
		t.Fatalf("got %d records, want 7", len(recs))
	}
	checks := []struct {
		i             int
		line          int
		method, msg   string
		endpoint, lbl string
	}{
		{1, 6, "", "Test failed: code expected to contain /200/", "https://api.example.test/v2/trunks/TR0404", "Get Trunk"},
		{2, 15, "", "", "https://api.example.test/", "Home"},
		{4, 28, "", "Internal Server Error", "https://api.example.test/v2/trunks/TR0001", "Get Trunk"}, // its assertion passed
		{5, 37, "", "java.net.SocketTimeoutException: Read timed out", "https://api.example.test/v2/trunks/TR0002", "Get Trunk"},
		{6, 43, "PUT", "", "https://api.example.test/v2/trunks/TR0001", `Update Trunk "v2"`},
	}
	for _, c := range checks {
		r := recs[c.i]
		if r.Line != c.line || r.Method != c.method || r.Message != c.msg || r.Endpoint != c.endpoint || r.Test != c.lbl {
			t.Errorf("record %d: got line %d %q %q %q %q, want %d %q %q %q %q", c.i, r.Line, r.Method, r.Message, r.Endpoint, r.Test,
				c.line, c.method, c.msg, c.endpoint, c.lbl)
		}
	}
}

func TestJTLXMLLatin1(t *testing.T) {
	in := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<testResults version=\"1.2\">\n<httpSample t=\"5\" s=\"true\" lb=\"Requ\xeate\" rc=\"200\"/>\n</testResults>\n"
	recs, probs := parseWith(t, parseJTLXML, in, Options{})
	if len(recs) != 1 || recs[0].Test != "Requête" || len(probs) != 0 {
		t.Fatalf("got %+v, problems %v; want one sample labelled Requête", recs, probs)
	}
}

func TestJTLXMLCut(t *testing.T) {
	in := "<?xml version=\"1.0\"?>\n<testResults version=\"1.2\">\n<httpSample t=\"5\" ts=\"1795859880000\" s=\"true\" lb=\"a\" rc=\"200\"/>\n<httpSample t=\"5\" s=\"true\" lb=\"b\" rc=\"200\">\n  <java.net.URL>http://h/"
	recs, probs := parseWith(t, parseJTLXML, in, Options{})
	if len(recs) != 1 || recs[0].Endpoint != "a" {
		t.Fatalf("got %+v, want the one complete sample", recs)
	}
	problemsStart(t, probs, []string{`in:4: sample "b" cut off`})
	if probs[0].Lines != 2 {
		t.Errorf("got %d lines skipped, want 2", probs[0].Lines)
	}
}

func TestSniffJTL(t *testing.T) {
	tests := []struct {
		text    string
		csv, xm bool
	}{
		{"timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success\n", true, false},
		{"timeStamp;elapsed;label;success\n", true, false},
		{"1795859880000,9,Get,200,OK,T 1-1,text,true,,10,10,1,1,http://h/,9,0,0\n", true, false},
		{"1795859880000,9,Get,200,OK\n", false, false},
		{"time,elapsed,label\n", false, false},
		{"timestamp,endpoint,status\n", false, false},
		{"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testResults version=\"1.2\">\n", false, true},
		{"<testResults>", false, true},
		{"<testsuites><testsuite name=\"x\"/></testsuites>", false, false},
		{"<testResultsX>", false, false},
	}
	for _, tt := range tests {
		if got := sniffJTLCSV([]byte(tt.text)); got != tt.csv {
			t.Errorf("sniffJTLCSV(%q): got %v, want %v", tt.text, got, tt.csv)
		}
		if got := sniffJTLXML([]byte(tt.text)); got != tt.xm {
			t.Errorf("sniffJTLXML(%q): got %v, want %v", tt.text, got, tt.xm)
		}
	}
}

func FuzzJTLCSV(f *testing.F) {
	data, _ := os.ReadFile("../testdata/load/jmeter/api_run.jtl")
	f.Add(string(data))
	f.Add("1795859880000,9,Get,200,OK,T 1-1,text,true,,10,10,1,1,http://h/,9,0,0\n1795859880000,\"9")
	f.Add("label,success\n\"a\n\"\"b\",true\r\nHome-0,false\n")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parseJTLCSV, in, Options{MaxLine: 256})
		sameAsExact(t, in, Options{MaxLine: 256})
	})
}

func FuzzJTLXML(f *testing.F) {
	data, _ := os.ReadFile("../testdata/load/jmeter/api_run.xml")
	f.Add(string(data))
	f.Add("<testResults><sample lb=\"x\" rm=\"Number of samples in transaction : 1\"><httpSample lb=\"y\" rc=\"Non HTTP response code: x\"/>")
	f.Fuzz(func(t *testing.T, in string) {
		checkStream(t, parseJTLXML, in, Options{})
	})
}
