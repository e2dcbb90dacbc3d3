package parsers

import (
	"bytes"
	"fmt"
	"os"
	"testing"
	"time"
)

// benchLog is a client log of n runs, 11 requests each, one failure with a
// multi-line body per run.
func benchLog(n int) []byte {
	var b bytes.Buffer
	t := time.Date(2025, 1, 13, 4, 0, 0, 0, time.UTC)
	ts := func() string {
		t = t.Add(137 * time.Millisecond)
		return t.Format("2006-01-02 15:04:05") + fmt.Sprintf(",%03d", t.Nanosecond()/1e6)
	}
	for i := range n {
		fmt.Fprintf(&b, "%s - INFO - Starting API tests - Log file: /x/api_test_%d.log\n", ts(), i)
		for j := range 11 {
			fmt.Fprintf(&b, "%s - INFO - Testing Add UDP Destination: /trunks/TR%08X/destination-uris\n", ts(), i*11+j)
			if j == 5 {
				fmt.Fprintf(&b, "%s - ERROR - ❌ Add UDP Destination - HTTP 404: Not Found\n", ts())
				fmt.Fprintf(&b, "%s - ERROR - Error details: {\n  \"error\": \"Resource not found\",\n  \"message\": \"Trunk with SID 'TR%08X' not found\",\n  \"code\": \"RESOURCE_NOT_FOUND\"\n}\n", ts(), i)
				continue
			}
			fmt.Fprintf(&b, "%s - INFO - ✅ Add UDP Destination - Status: 201\n", ts())
		}
		fmt.Fprintf(&b, "%s - INFO - 📊 Test Summary: 10/11 passed (90.9%%)\n", ts())
		fmt.Fprintf(&b, "%s - INFO - 📁 Detailed results saved to: /x/test_results_%d.json\n", ts(), i)
	}
	return b.Bytes()
}

func benchJSONLines(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"timestamp": "2025-01-14T23:%02d:%02dZ", "endpoint": "/trunks/TR%08X/whitelisted-ips", "response_time": 0.%03d, "status_code": %d}`+"\n",
			i/60%60, i%60, i, i%1000, 201+(i%50/49)*299)
	}
	return b.Bytes()
}

func benchParse(b *testing.B, fn ParseFunc, data []byte) {
	records := 0
	sink := Sink{Record: func(*Record) { records++ }}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		records = 0
		if err := fn(bytes.NewReader(data), "bench", Options{Location: time.UTC}, sink); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*records), "ns/record")
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() {
		fn(bytes.NewReader(data), "bench", Options{Location: time.UTC}, sink)
	}))/float64(records), "allocs/record")
}

func BenchmarkPyLog(b *testing.B)     { benchParse(b, ParsePyLog, benchLog(2000)) }
func BenchmarkJSONLines(b *testing.B) { benchParse(b, ParseJSONLines, benchJSONLines(20000)) }

// benchFile repeats a sample file's records: a results file, a newman
// report, a JUnit report, read as many times as b.N asks.
func benchFile(b *testing.B, fn ParseFunc, name string) {
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, fn, data)
}

func BenchmarkResultsFile(b *testing.B) {
	benchFile(b, ParseJSON, "../testdata/generated/logs/test_results_20250113_043455.json")
}

// BenchmarkCountResults is the first pass over a results file: the check
// and count that spare a second read when a log names the file.
func BenchmarkCountResults(b *testing.B) {
	data, err := os.ReadFile("../testdata/generated/logs/test_results_20250113_043455.json")
	if err != nil {
		b.Fatal(err)
	}
	d, ok := CountResults(bytes.NewReader(data))
	n := d.N
	if !ok || n == 0 {
		b.Fatalf("CountResults = %+v, %v", d, ok)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		CountResults(bytes.NewReader(data))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/record")
}

func BenchmarkLoadFile(b *testing.B) {
	benchFile(b, ParseJSON, "../testdata/generated/logs/load_test_results_20250113_221900.json")
}
func BenchmarkNewman(b *testing.B) { benchFile(b, ParseJSON, "../testdata/newman/newman_run1.json") }
func BenchmarkJUnit(b *testing.B)  { benchFile(b, ParseJUnit, "../testdata/junit/surefire.xml") }
