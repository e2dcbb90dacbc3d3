package parsers

import (
	"testing"
	"time"
)

func TestUnwrapError(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[Errno 111] Connection refused", "[Errno 111] Connection refused"},
		{"<urlopen error [Errno 111] Connection refused>", "[Errno 111] Connection refused"},
		{"urllib.error.URLError: <urlopen error timed out>", "timed out"},
		{"<urlopen error [Errno -2] Name or service not known>", "[Errno -2] Name or service not known"},
		{"<urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)>",
			"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate"},
		{"[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required (_ssl.c:2546)",
			"[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required"},
		{"EOF occurred in violation of protocol (_ssl.c:2393)", "EOF occurred in violation of protocol"},
		{"HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /v2/accounts/AC1/trunks (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f3a2c1d0e50>: Failed to establish a new connection: [Errno 111] Connection refused'))",
			"[Errno 111] Connection refused"},
		{"HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /v2/trunks (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))",
			"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate"},
		{"HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /v2/trunks (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x7f0>, 'Connection to api.example.com timed out. (connect timeout=30)'))",
			"Connection to api.example.com timed out. (connect timeout=30)"},
		{"HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /v2/trunks (Caused by NameResolutionError(\"<urllib3.connection.HTTPSConnection object at 0x7f0>: Failed to resolve 'api.example.com' ([Errno -2] Name or service not known)\"))",
			"Failed to resolve 'api.example.com' ([Errno -2] Name or service not known)"},
		{"HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=30)", "Read timed out. (read timeout=30)"},
		{"('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))", "Remote end closed connection without response"},
		{"('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))", "[Errno 104] Connection reset by peer"},
		{"Cannot connect to host api.fault.invalid:443 ssl:default [Temporary failure in name resolution]", "[Errno -3] Temporary failure in name resolution"},
		{"Cannot connect to host 127.0.0.1:18443 ssl:default [Connect call failed ('127.0.0.1', 18443)]", "Connect call failed ('127.0.0.1', 18443)"},
		{"Cannot connect to host 127.0.0.1:18445 ssl:True [SSLCertVerificationError: (1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:992)')]",
			"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate"},
		{"socket.gaierror: [Errno -3] Temporary failure in name resolution", "[Errno -3] Temporary failure in name resolution"},
		{"asyncio.TimeoutError: ", "asyncio.TimeoutError:"},
		{"TimeoutError", "TimeoutError"},
		{"Server disconnected", "Server disconnected"},
		{"Note: something", "Note: something"},
		{"nonnumeric port: 'tok@host'", "nonnumeric port: 'tok@host'"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := UnwrapError(tt.in); got != tt.want {
			t.Errorf("UnwrapError(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	date := time.Date(2026, 11, 28, 3, 21, 0, 0, time.UTC)
	tests := []struct {
		in   string
		date time.Time
		want float64
	}{
		{"60", date, 60},
		{" 1.5 ", time.Time{}, 1.5},
		{"0", date, 0},
		{"-5", date, 0},
		{"Sat, 28 Nov 2026 03:22:30 GMT", date, 90},
		{"Sat, 28 Nov 2026 03:22:30 GMT", time.Time{}, 0},
		{"soon", date, 0},
	}
	for _, tt := range tests {
		if got := RetryAfterSeconds(tt.in, tt.date); got != tt.want {
			t.Errorf("RetryAfterSeconds(%q): got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzUnwrapError(f *testing.F) {
	f.Add("<urlopen error [Errno 111] Connection refused>")
	f.Add("HTTPSConnectionPool(host='h', port=443): Max retries exceeded with url: / (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno -2] Name or service not known'))")
	f.Add("Cannot connect to host h:443 ssl:True [SSLCertVerificationError: (1, '[SSL: CERTIFICATE_VERIFY_FAILED] x (_ssl.c:992)')]")
	f.Add("('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))")
	f.Fuzz(func(t *testing.T, s string) {
		got := UnwrapError(s)
		if len(got) > len(s)+len("[Errno -3] ") {
			t.Fatalf("UnwrapError(%q) = %q: longer than its input", s, got)
		}
	})
}
