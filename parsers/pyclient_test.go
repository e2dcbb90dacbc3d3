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
