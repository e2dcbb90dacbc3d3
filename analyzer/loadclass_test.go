package analyzer

import (
	"testing"

	"github.com/errpat/errpat/parsers"
)

// TestClassifyLoadTesters classes the messages the load-test parsers give
// a request without a response (Status 0), as JMeter, k6 and Gatling
// write them.
func TestClassifyLoadTesters(t *testing.T) {
	tests := []struct {
		msg  string
		want Class
	}{
		// JMeter: "Non HTTP response code: <class>" and "Non HTTP response message: <text>".
		{"java.net.SocketTimeoutException: Read timed out", ClassTimeout},
		{"java.net.SocketTimeoutException: Connect timed out", ClassTimeout},
		{"org.apache.http.conn.ConnectTimeoutException: Connect to api.example.test:443 [api.example.test/10.0.0.5] failed: connect timed out", ClassTimeout},
		{"java.net.UnknownHostException: api.example.test", ClassDNS},
		{"java.net.UnknownHostException: api.example.test: Name or service not known", ClassDNS},
		{"javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path to requested target", ClassTLS},
		{"javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake", ClassTLS},
		{"java.net.ConnectException: Connection refused", ClassNetwork},
		{"org.apache.http.conn.HttpHostConnectException: Connect to api.example.test:443 [api.example.test/127.0.0.1] failed: Connection refused", ClassNetwork},
		{"org.apache.http.NoHttpResponseException: api.example.test:443 failed to respond", ClassNetwork},
		{"java.net.SocketException: Connection reset", ClassNetwork},
		// k6: the error tag, or the error_code text when only the code is kept.
		{"request timeout", ClassTimeout},
		{"dial: i/o timeout", ClassTimeout},
		{"lookup api.example.invalid: no such host", ClassDNS},
		{"tls: failed to verify certificate: x509: certificate signed by unknown authority", ClassTLS},
		{"dial tcp 127.0.0.1:8443: connect: connection refused", ClassNetwork},
		{"k6 error_code 1101: DNS name resolution failed", ClassDNS},
		{"k6 error_code 1310: TLS error", ClassTLS},
		// Gatling: abbreviated exception classes.
		{"i.g.h.c.i.RequestTimeoutException: Request timeout to api.example.test/127.0.0.1:443 after 60000 ms", ClassTimeout},
		{"j.n.UnknownHostException: api.example.invalid", ClassDNS},
		{"i.n.h.s.NotSslRecordException: not an SSL/TLS record: 485454502f312e31", ClassTLS},
		{"j.n.ConnectException: Connection refused: api.example.test/127.0.0.1:443", ClassNetwork},
	}
	for _, tt := range tests {
		r := parsers.Record{Failed: true, Status: 0, Message: tt.msg}
		if got := Classify(&r); got != tt.want {
			t.Errorf("Classify(%q): got %s, want %s", tt.msg, got, tt.want)
		}
	}
}
