package parsers

import "testing"

// TestPyLogEveryEndOfRequest feeds ParsePyLog each line that the vSIP
// clients can write at the end of a request (see pyclient.go).
func TestPyLogEveryEndOfRequest(t *testing.T) {
	const ts = "2026-11-28 03:21:12,728 - "
	const ts2 = "2026-11-28 03:21:13,728 - "
	tests := []struct {
		name string
		in   string
		want []Record
	}{
		{"unexpected error: read timeout", ts + "INFO - Testing Whitelist IP: /trunks/T1/whitelisted-ips\n" +
			ts2 + "ERROR - ❌ Whitelist IP - Unexpected error: The read operation timed out\n",
			[]Record{{Test: "Whitelist IP", Method: "POST", Endpoint: "/trunks/T1/whitelisted-ips", Failed: true, Message: "The read operation timed out", Line: 1}}},
		{"unexpected error: remote end closed", ts + "INFO - Testing Map DID: /trunks/T1/phone-numbers\n" +
			ts2 + "ERROR - ❌ Map DID - Unexpected error: Remote end closed connection without response\n",
			[]Record{{Test: "Map DID", Method: "POST", Endpoint: "/trunks/T1/phone-numbers", Failed: true, Message: "Remote end closed connection without response", Line: 1}}},
		{"unexpected error: TLS alert after the handshake", ts + "INFO - Testing Create Trunk: /trunks\n" +
			ts2 + "ERROR - ❌ Create Trunk - Unexpected error: [SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required (_ssl.c:2546)\n",
			[]Record{{Test: "Create Trunk", Method: "POST", Endpoint: "/trunks", Failed: true, Message: "[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required", Line: 1}}},
		{"network error with the TLS handshake's EOF", ts + "INFO - Testing Create Trunk: /trunks\n" +
			ts2 + "ERROR - ❌ Create Trunk - Network error: EOF occurred in violation of protocol (_ssl.c:2393)\n",
			[]Record{{Test: "Create Trunk", Method: "POST", Endpoint: "/trunks", Failed: true, Message: "EOF occurred in violation of protocol", Line: 1}}},
		{"GET exception wraps the URLError", ts + "INFO - Testing GET Credentials: /trunks/T1/credentials\n" +
			ts2 + "ERROR - ❌ GET Credentials - Exception: <urlopen error [Errno -3] Temporary failure in name resolution>\n",
			[]Record{{Test: "GET Credentials", Method: "GET", Endpoint: "/trunks/T1/credentials", Failed: true, Message: "[Errno -3] Temporary failure in name resolution", Line: 1}}},
		{"a 2xx body that is not JSON fails the same request", ts + "INFO - Testing GET Credentials: /trunks/T1/credentials\n" +
			ts + "INFO - ✅ GET Credentials - Status: 200\n" +
			ts2 + "ERROR - ❌ GET Credentials - Exception: Expecting value: line 1 column 1 (char 0)\n" +
			ts2 + "INFO - Testing GET Phone Numbers: /trunks/T1/phone-numbers\n" +
			ts2 + "INFO - ✅ GET Phone Numbers - Status: 200\n",
			[]Record{
				{Test: "GET Credentials", Method: "GET", Endpoint: "/trunks/T1/credentials", Status: 200, Failed: true, Message: "Expecting value: line 1 column 1 (char 0)", Line: 1},
				{Test: "GET Phone Numbers", Method: "GET", Endpoint: "/trunks/T1/phone-numbers", Status: 200, Line: 4},
			}},
		{"with -v the response body comes between", ts + "INFO - Testing Create Trunk: /trunks\n" +
			ts + "INFO - ✅ Create Trunk - Status: 201\n" +
			ts + "DEBUG - Response: <html>not json</html>\n" +
			ts2 + "ERROR - ❌ Create Trunk - Unexpected error: Expecting value: line 1 column 1 (char 0)\n",
			[]Record{{Test: "Create Trunk", Method: "POST", Endpoint: "/trunks", Status: 201, Failed: true, Message: "Expecting value: line 1 column 1 (char 0)", Line: 1}}},
		{"another test's ❌ line is not an amendment", ts + "INFO - Testing Create Trunk: /trunks\n" +
			ts + "INFO - ✅ Create Trunk - Status: 201\n" +
			ts2 + "ERROR - ❌ TRUNK_SID required for GET phone numbers test\n",
			[]Record{{Test: "Create Trunk", Method: "POST", Endpoint: "/trunks", Status: 201, Line: 1}}},
		{"integration test error", ts + "INFO - 🔄 Create Trunk: /trunks\n" +
			ts2 + "ERROR - ❌ Create Trunk - Error: nonnumeric port: 'tok@api.example.com'\n" +
			ts2 + "ERROR - ❌ Trunk creation failed: nonnumeric port: 'tok@api.example.com'\n",
			[]Record{{Test: "Create Trunk", Method: "POST", Endpoint: "/trunks", Failed: true, Message: "nonnumeric port: 'tok@api.example.com'", Line: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, _ := collect(t, ParsePyLog, tt.in)
			for i := range tt.want {
				tt.want[i].Format = FormatPyLog
			}
			checkRecords(t, recs, tt.want)
		})
	}
}

// TestPyLogHTTPLibraryLines reads urllib3's, httpx's and a test's own
// request lines in several logging layouts, once each when they describe
// the same request.
func TestPyLogHTTPLibraryLines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Record
	}{
		{"urllib3 in the default layout without a time", "DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): api.example.com:443\n" +
			"DEBUG:urllib3.connectionpool:https://api.example.com:443 \"POST /v2/trunks HTTP/1.1\" 201 512\n" +
			"DEBUG:urllib3.connectionpool:https://api.example.com:443 \"GET /v2/trunks/TR1?x=1 HTTP/1.1\" 404 None\n",
			[]Record{{Method: "POST", Endpoint: "/v2/trunks", Status: 201, Line: 2}, {Method: "GET", Endpoint: "/v2/trunks/TR1?x=1", Status: 404, Failed: true, Line: 3}}},
		{"httpx with a logger name", "2026-11-28 03:21:12,728 - httpx - INFO - HTTP Request: GET https://api.example.com/v2/trunks \"HTTP/1.1 200 OK\"\n" +
			"2026-11-28 03:21:12,900 - httpx - INFO - HTTP Request: POST https://api.example.com/v2/trunks \"HTTP/1.1 503 Service Unavailable\"\n",
			[]Record{{Method: "GET", Endpoint: "https://api.example.com/v2/trunks", Status: 200, Line: 1},
				{Method: "POST", Endpoint: "https://api.example.com/v2/trunks", Status: 503, Failed: true, Message: "Service Unavailable", Line: 2}}},
		{"level first, then the logger name", "2026-11-28 03:21:12,728 - DEBUG - urllib3.connectionpool - https://h:443 \"DELETE /v2/trunks HTTP/1.1\" 204 0\n",
			[]Record{{Method: "DELETE", Endpoint: "/v2/trunks", Status: 204, Line: 1}}},
		{"space-separated layout", "2026-11-28 03:21:12,728 INFO httpx: HTTP Request: GET https://h/v2/a \"HTTP/1.1 200 OK\"\n" +
			"2026-11-28 03:21:12,729 [INFO] __main__: GET https://h/v2/b - Status: 200\n",
			[]Record{{Method: "GET", Endpoint: "https://h/v2/a", Status: 200, Line: 1}, {Method: "GET", Endpoint: "https://h/v2/b", Status: 200, Line: 2}}},
		{"a test's status line after the library's line is the same request", "2026-11-28 03:21:12,728 - urllib3.connectionpool - DEBUG - https://h:443 \"POST /v2/trunks HTTP/1.1\" 201 512\n" +
			"2026-11-28 03:21:12,729 - __main__ - INFO - POST https://h/v2/trunks - Status: 201\n" +
			"2026-11-28 03:21:13,729 - __main__ - INFO - POST https://h/v2/trunks - Status: 201\n",
			[]Record{{Method: "POST", Endpoint: "/v2/trunks", Status: 201, Line: 1}, {Method: "POST", Endpoint: "https://h/v2/trunks", Status: 201, Line: 3}}},
		{"beside the vSIP client's own lines, counted once", "2026-11-28 03:21:12,728 - INFO - Testing Create Trunk: /trunks\n" +
			"2026-11-28 03:21:12,730 - DEBUG - Starting new HTTPS connection (1): h:443\n" +
			"2026-11-28 03:21:12,790 - DEBUG - https://h:443 \"POST /v2/accounts/AC1/trunks HTTP/1.1\" 400 87\n" +
			"2026-11-28 03:21:12,791 - ERROR - ❌ Create Trunk - HTTP 400: Bad Request\n",
			[]Record{{Test: "Create Trunk", Method: "POST", Endpoint: "/trunks", Status: 400, Failed: true, Message: "Bad Request", Line: 1}}},
		{"not request lines", "2026-11-28 03:21:12,728 - INFO - Saw \"HTTP/1.1\" in a message\n" +
			"2026-11-28 03:21:12,728 - INFO - FETCH thing - Status: 200\n" +
			"2026-11-28 03:21:12,728 - WARNING - Retrying (Retry(total=2, connect=None)) after connection broken by 'NewConnectionError()': /v2/trunks\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, probs := collect(t, ParsePyLog, tt.in)
			if len(probs) > 0 {
				t.Errorf("got problems %v, want none", probs)
			}
			for i := range tt.want {
				tt.want[i].Format = FormatPyLog
			}
			checkRecords(t, recs, tt.want)
		})
	}
}

func TestSniffPyLog(t *testing.T) {
	for in, want := range map[string]bool{
		"DEBUG:urllib3.connectionpool:Starting new HTTPS connection (1): h:443\n": true,
		"INFO:root:Testing Create Trunk: /trunks\n":                               true,
		"2026-11-28 03:21:12,728 - INFO - x\n":                                    true,
		"hello: world\n":                                                          false,
		"INFORMATION: x\n":                                                        false,
	} {
		if got := SniffPyLog([]byte(in)); got != want {
			t.Errorf("SniffPyLog(%q): got %v, want %v", in, got, want)
		}
	}
}
