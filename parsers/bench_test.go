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

// benchJTL is a JTL CSV file of n rows in JMeter's default columns, one
// in 25 failed, one in 50 with a quoted failure message.
func benchJTL(n int) []byte {
	var b bytes.Buffer
	b.WriteString("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n")
	for i := range n {
		code, msg, ok, fail := "201", "Created", "true", ""
		switch {
		case i%50 == 0:
			code, msg, ok, fail = "500", "Internal Server Error", "false", `"Test failed: code expected to contain /201/, got 500"`
		case i%25 == 0:
			code, msg, ok = "Non HTTP response code: java.net.SocketTimeoutException", "Non HTTP response message: Read timed out", "false"
		}
		fmt.Fprintf(&b, "%d,%d,Add UDP Destination,%s,%s,Trunk API 1-%d,text,%s,%s,412,388,8,8,https://api.example.test/trunks/TR%08X/destination-uris,%d,0,12\n",
			1736726400000+int64(i)*137, 40+i%700, code, msg, 1+i%8, ok, fail, i, 30+i%600)
	}
	return b.Bytes()
}

// benchK6 is k6 JSON output of n requests: 9 http_req points and a check
// point each, and the iteration's points every fourth request.
func benchK6(n int) []byte {
	var b bytes.Buffer
	metrics := []string{"http_reqs", "http_req_duration", "http_req_blocked", "http_req_connecting", "http_req_tls_handshaking",
		"http_req_sending", "http_req_waiting", "http_req_receiving", "http_req_failed"}
	t := time.Date(2025, 1, 13, 4, 0, 0, 0, time.UTC)
	for i := range n {
		t = t.Add(137 * time.Millisecond)
		status, failed := 201, 0
		if i%25 == 0 {
			status, failed = 503, 1
		}
		tags := fmt.Sprintf(`{"expected_response":"%t","group":"","method":"POST","name":"https://api.example.test/trunks/TR%08X/destination-uris","proto":"HTTP/1.1","scenario":"default","status":"%d","tls_version":"tls1.3","url":"https://api.example.test/trunks/TR%08X/destination-uris"}`,
			failed == 0, i, status, i)
		stamp := t.Format(time.RFC3339Nano)
		for j, m := range metrics {
			v := "0"
			switch j {
			case 0:
				v = "1"
			case 1:
				v = fmt.Sprintf("%d.%03d", 40+i%700, i%1000)
			case 8:
				v = fmt.Sprint(failed)
			}
			fmt.Fprintf(&b, `{"metric":"%s","type":"Point","data":{"time":"%s","value":%s,"tags":%s}}`+"\n", m, stamp, v, tags)
		}
		fmt.Fprintf(&b, `{"metric":"checks","type":"Point","data":{"time":"%s","value":1,"tags":{"check":"status is 201","group":"","scenario":"default"}}}`+"\n", stamp)
		if i%4 == 0 {
			for _, m := range []string{"data_sent", "data_received", "iteration_duration", "iterations"} {
				fmt.Fprintf(&b, `{"metric":"%s","type":"Point","data":{"time":"%s","value":1,"tags":{"group":"","scenario":"default"}}}`+"\n", m, stamp)
			}
		}
	}
	return b.Bytes()
}

func BenchmarkPyLog(b *testing.B)     { benchParse(b, ParsePyLog, benchLog(2000)) }
func BenchmarkJTLCSV(b *testing.B)    { benchParse(b, parseJTLCSV, benchJTL(20000)) }
func BenchmarkK6(b *testing.B)        { benchParse(b, parseK6, benchK6(2000)) }
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
