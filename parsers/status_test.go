package parsers

import "testing"

// TestStatusInMessage holds failure messages as test tools write them: a
// status is read only where the message speaks of a status or response
// code, never from any three-digit number of an assertion.
func TestStatusInMessage(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		// newman / Postman (chai's expect on pm.response)
		{"expected response code to be 2XX but found 501", 501},
		{"status code 200 but got 404", 404},
		{"expected response to have status code 200 but got 404", 404},
		{"AssertionError: expected response to have status code 201 but got 500", 500},
		{"expected response to have status reason 'OK' but got 'NOT FOUND'", StatusUnknown},
		// plain words
		{"expected status 201, got 500", 500},
		{"HTTP 503", 503},
		{"Response status: 404", 404},
		{"Status code: 429", 429},
		{"Status: 429 Too Many Requests", 429},
		{"HTTP Error 401: Unauthorized", 401},
		{"HTTP/1.1 502 Bad Gateway", 502},
		{"status = 503, want 200", 503},
		{"status_code=500", 500},
		{"unexpected status code: got 500, want 200", 500},
		// axios, .NET, curl, Go
		{"AxiosError: Request failed with status code 404", 404},
		{"Response status code does not indicate success: 404 (Not Found).", 404},
		{"curl: (22) The requested URL returned error: 400", 400},
		{"mock_test.go:22: POST /v2/accounts/acc_test/trunks: got 429, want 201", 429},
		// REST Assured, Karate
		{"Expected status code <201> but was <422>.", 422},
		{"1 expectation failed.\nExpected status code <200> but was <404>.", 404},
		{"status code was: 404, expected: 200", 404},
		// pytest and requests
		{"AssertionError: assert 404 == 200\n +  where 404 = <Response [404]>.status_code", 404},
		{"where 404 = <Response [404]>.status_code", 404},
		{"assert response.status_code == 200 ... assert 503 == 200", 503},
		{"404 Client Error: Not Found for url: https://h/v2/trunks", 404},
		{"requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: https://h/x", 503},
		// supertest: the reason phrase says these are statuses
		{`expected 200 "OK", got 404 "Not Found"`, 404},
		// Playwright's toBeOK
		{"Error: expect(received).toBeOK()\n\nResponse status: 503", 503},
		// numbers that are no status
		{"AssertionError: assert 480 == 1440", StatusUnknown},
		{"assert 480 == 1440\n +  where 480 = len(items)", StatusUnknown},
		{"AssertionError: assert 404 == 200", StatusUnknown},
		{"AssertionError: 500 != 201", StatusUnknown},
		{"expected 404 to equal 200", StatusUnknown},
		{"expected 200, got 500", StatusUnknown},
		{"got 429, want 201", StatusUnknown},
		{"expected 3 items but got 200", StatusUnknown},
		{"Expected: 250\nReceived: 300", StatusUnknown},
		{"expect(received).toHaveLength(expected)\n\nExpected length: 3\nReceived length: 404", StatusUnknown},
		{"expected response to have responseTime below 2000", StatusUnknown},
		{"timeout after 2000 ms", StatusUnknown},
		{"Timeout 30000ms exceeded.", StatusUnknown},
		{"exit code 127", StatusUnknown},
		{"process exited with status 127", StatusUnknown},
		{"FAIL\texample.com/pkg\t0.123s\nexit status 101", StatusUnknown},
		{"connect ECONNREFUSED 127.0.0.1:3000", StatusUnknown},
		{"java.lang.AssertionError: expected [300] but found [200]", StatusUnknown},
		{"line 404 of handler.go", StatusUnknown},
		{"", StatusUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := statusInMessage(tt.in); got != tt.want {
				t.Errorf("statusInMessage(%q): got %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

// TestStatusOf checks where a status is looked for: the message first,
// then each line of the detail, else 0 for a network error.
func TestStatusOf(t *testing.T) {
	tests := []struct {
		name, msg, detail string
		want              int
	}{
		{"message wins", "expected status 201, got 500", "HTTP 503", 500},
		{"detail line", "AssertionError: assert 404 == 200", "E   where 404 = <Response [404]>.status_code", 404},
		{"no status in either", "assert 480 == 1440", "E   assert 480 == 1440\nE    +  where 480 = total()", StatusUnknown},
		{"network error", "connect ECONNREFUSED 127.0.0.1:3000", "", 0},
		{"network error in the detail", "request failed", "requests.exceptions.ConnectionError: [Errno 111] Connection refused", 0},
		{"no errno code inside a word", "ModuleNotFoundError: No module named 'client'", "", StatusUnknown},
		{"status beats network words", "HTTP 504 after the upstream timed out", "", 504},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := statusOf(tt.msg, tt.detail); got != tt.want {
				t.Errorf("statusOf(%q, %q): got %d, want %d", tt.msg, tt.detail, got, tt.want)
			}
		})
	}
}
