package parsers

import "bytes"

// The lines that end a request, read from the clients' own source (the
// vSIP trunk configuration repository, tests/ at its last revision that
// had them). ParsePyLog reads each of them.
//
// tests/test_all_apis.py, make_request (the POST tests: Create Trunk, Map
// DID, Whitelist IP, Add UDP/TCP/TLS Destination, Set Trunk Alias):
//
//	✅ <name> - Status: <code>            2xx; with -v a DEBUG "Response: <body>" follows
//	❌ <name> - HTTP <code>: <reason>     urllib.error.HTTPError; then "Error details: <body>"
//	                                      ("No error details" when there is none)
//	❌ <name> - Network error: <reason>   urllib.error.URLError: str(e.reason), e.g.
//	                                      "[Errno 111] Connection refused", "[Errno -2] Name or
//	                                      service not known", "[Errno -3] Temporary failure in name
//	                                      resolution", "timed out" (connect), "EOF occurred in
//	                                      violation of protocol (_ssl.c:2393)" (handshake)
//	❌ <name> - Unexpected error: <str(e)> any other exception, raised once the connection is up:
//	                                      TimeoutError "The read operation timed out",
//	                                      http.client.RemoteDisconnected "Remote end closed
//	                                      connection without response", ConnectionResetError
//	                                      "[Errno 104] Connection reset by peer", ssl.SSLError
//	                                      "[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert
//	                                      certificate required (_ssl.c:2546)" (an alert after the
//	                                      handshake), http.client.IncompleteRead, and
//	                                      json.JSONDecodeError "Expecting value: line 1 column 1
//	                                      (char 0)" when a 2xx body is not JSON: that one comes
//	                                      AFTER the request's ✅ line, and fails the same request.
//
// make_get_request and make_delete_request (GET Destination URIs, GET
// Whitelisted IPs, GET Credentials, GET Phone Numbers, DELETE Trunk):
//
//	✅ <name> - Status: <code>            then json.loads: a non-JSON body fails the same
//	                                      request with the Exception line below
//	❌ <name> - HTTP <code>: <reason>     then "Error response: <body>"; a body that is not JSON
//	                                      makes the handler itself raise: the client crashes
//	                                      and the log ends there (no summary, no results file)
//	❌ <name> - Exception: <str(e)>       everything else, URLError included, whose str() is
//	                                      "<urlopen error [Errno 111] Connection refused>"
//
// With a credential or the domain unset or empty, test_all_apis.py logs
// "Missing required environment variables: …" once and then no request
// line at all; its results file still lists each test, failed, with
// {"error": "Missing credentials", "details": "Required environment
// variables not set"}.
//
// tests/integration_test.py, make_api_request ("🔄 <op>: <endpoint>"):
//
//	✅ <op> - Status: <code>              (the body is parsed before this line)
//	❌ <op> - HTTP <code>: <reason>       then "Error details: <body>"
//	❌ <op> - Error: <str(e)>             any other exception; the step then logs
//	                                      "❌ <step> failed: <error>" (the same failure again)
//
// It puts the credentials in the URL, which urllib does not take apart:
// without a port it fails with "nonnumeric port: '<token>@<host>'", with
// one it looks up "<key>:<token>@<host>" and fails with "[Errno -2] Name
// or service not known". A missing variable raises before the 🔄 line:
// "💥 Integration test FAILED with exception: Missing required
// environment variables", and no request.
//
// tests/load_test.py logs no line per request, only "🚀 Starting trunk
// creation load test with N requests", "⏱️ Testing rate limiting: …",
// "🔀 Testing concurrent access to multiple endpoints: N requests" and
// "📁 Results saved to <file>" (to stderr). Each request is an entry of
// its results file, with error_message the response text (status >= 400)
// or str(e) (status_code 0): "" for asyncio.TimeoutError, "Cannot connect
// to host H:P ssl:default [<cause>]" for aiohttp.ClientConnectorError,
// "Cannot connect to host H:P ssl:True [SSLCertVerificationError: (1,
// '[SSL: CERTIFICATE_VERIFY_FAILED] …')]", "Server disconnected" for
// aiohttp.ServerDisconnectedError, "[Errno 104] Connection reset by peer"
// for aiohttp.ClientOSError. A run killed before it ends writes no file.

// failureForms are the outcomes of a ❌ line that end a request without a
// response (or fail one whose ✅ line came first).
var failureForms = [][]byte{
	[]byte("Network error:"), []byte("Unexpected error:"), []byte("Exception:"), []byte("Error:"),
}

func failureForm(outcome []byte) bool {
	for _, f := range failureForms {
		if bytes.HasPrefix(outcome, f) {
			return true
		}
	}
	return false
}

// amend fails the request that has just finished when the entry is the
// client's ❌ line for the same test: test_all_apis.py logs "✅ <name> -
// Status: 200" and then, when the body does not parse, "❌ <name> -
// Exception: Expecting value: …" for the same request.
func (p *pyLog) amend(msg []byte) bool {
	r := p.finished
	if !hasPrefix(msg, prefixFail) || r.Failed || r.Test == "" {
		return false
	}
	rest, ok := bytes.CutPrefix(msg[len(prefixFail):], []byte(r.Test))
	if !ok {
		return false
	}
	outcome, ok := bytes.CutPrefix(rest, []byte(" - "))
	if !ok || !failureForm(outcome) {
		return false
	}
	_, text, _ := bytes.Cut(outcome, []byte(":"))
	r.Failed = true
	r.Message = UnwrapError(string(text))
	return true
}
