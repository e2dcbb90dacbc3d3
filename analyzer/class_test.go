package analyzer

import (
	"testing"

	"github.com/errpat/errpat/parsers"
)

// TestClassifyNoResponse classes the texts that the vSIP clients and the
// usual Python HTTP stacks write for a request that got no response.
func TestClassifyNoResponse(t *testing.T) {
	tests := []struct {
		msg     string
		seconds float64 // 0: no response time
		want    Class
	}{
		// aiohttp names its connector's TLS setting in every message.
		{"Cannot connect to host api.example.com:443 ssl:default [Name or service not known]", 0, ClassDNS},
		{"Cannot connect to host api.fault.invalid:443 ssl:default [Temporary failure in name resolution]", 0, ClassDNS},
		{"Cannot connect to host 127.0.0.1:18443 ssl:default [Connect call failed ('127.0.0.1', 18443)]", 0, ClassNetwork},
		{"Cannot connect to host 127.0.0.1:8443 ssl:<ssl.SSLContext object at 0x7f2b> [Connect call failed ('127.0.0.1', 8443)]", 0, ClassNetwork},
		{"Cannot connect to host 127.0.0.1:18445 ssl:True [SSLCertVerificationError: (1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:992)')]", 0, ClassTLS},
		{"Server disconnected", 0, ClassNetwork},
		{"aiohttp.client_exceptions.ServerDisconnectedError: Server disconnected", 0, ClassNetwork},
		{"[Errno 104] Connection reset by peer", 0, ClassNetwork},
		// asyncio.TimeoutError's text is empty; after the client's 30 s it is a timeout.
		{"", 30.01, ClassTimeout},
		{"", 0, ClassNetwork},
		{"asyncio.TimeoutError", 0, ClassTimeout},
		{"Connection timeout to host https://api.example.com/v2/trunks", 0, ClassTimeout},
		// urllib and http.client, as the vSIP clients log them.
		{"[Errno 111] Connection refused", 0, ClassNetwork},
		{"ConnectionRefusedError: [Errno 111] Connection refused", 0, ClassNetwork},
		{"[Errno -2] Name or service not known", 0, ClassDNS},
		{"[Errno -3] Temporary failure in name resolution", 0, ClassDNS},
		{"[Errno -5] No address associated with hostname", 0, ClassDNS},
		{"socket.gaierror: [Errno 8] nodename nor servname provided, or not known", 0, ClassDNS},
		{"timed out", 0, ClassTimeout},
		{"The read operation timed out", 0, ClassTimeout},
		{"TimeoutError: The write operation timed out", 0, ClassTimeout},
		{"_ssl.c:1000: The handshake operation timed out", 0, ClassTimeout},
		{"Remote end closed connection without response", 0, ClassNetwork},
		{"http.client.RemoteDisconnected: Remote end closed connection without response", 0, ClassNetwork},
		{"[Errno 32] Broken pipe", 0, ClassNetwork},
		{"BrokenPipeError: [Errno 32] Broken pipe", 0, ClassNetwork},
		{"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate", 0, ClassTLS},
		{"ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate", 0, ClassTLS},
		{"[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required", 0, ClassTLS},
		{"[SSL: WRONG_VERSION_NUMBER] wrong version number", 0, ClassTLS},
		{"EOF occurred in violation of protocol", 0, ClassTLS},
		{"hostname 'localhost' doesn't match '127.0.0.1'", 0, ClassTLS}, // ssl.CertificateError
		// requests / urllib3, unwrapped or not.
		{"HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /v2/trunks (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f3a>: Failed to establish a new connection: [Errno -2] Name or service not known'))", 0, ClassDNS},
		{"HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=30)", 0, ClassTimeout},
		{"Failed to resolve 'api.example.com' ([Errno -3] Temporary failure in name resolution)", 0, ClassDNS},
		// Node (newman).
		{"getaddrinfo ENOTFOUND api.example.com", 0, ClassDNS},
		{"ESOCKETTIMEDOUT", 0, ClassTimeout},
		{"connect ECONNREFUSED 127.0.0.1:443", 0, ClassNetwork},
		{"self signed certificate", 0, ClassTLS},
		{"unable to verify the first certificate", 0, ClassTLS},
		// test_all_apis.py with a credential unset or empty sends nothing.
		{"Missing credentials: Required environment variables not set", 0, ClassAuth},
		// The integration test's credentials in the URL.
		{"nonnumeric port: 'tok@api.example.com'", 0, ClassNetwork},
	}
	for _, tt := range tests {
		r := parsers.Record{Failed: true, Message: tt.msg, Seconds: tt.seconds, HasSeconds: tt.seconds > 0}
		if got := Classify(&r); got != tt.want {
			t.Errorf("Classify(%q, %vs): got %s, want %s", tt.msg, tt.seconds, got, tt.want)
		}
	}
}
