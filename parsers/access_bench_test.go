package parsers

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// benchAccessLog is a combined access log with $request_time of n lines,
// one in fifty a 500.
func benchAccessLog(n int) []byte {
	var b bytes.Buffer
	t := time.Date(2025, 1, 14, 23, 0, 0, 0, time.UTC)
	for i := range n {
		t = t.Add(137 * time.Millisecond)
		fmt.Fprintf(&b, `10.0.%d.%d - - [%s] "GET /trunks/TR%08X/whitelisted-ips HTTP/1.1" %d 512 "-" "python-requests/2.31.0" 0.%03d`+"\n",
			i%256, i%100, t.Format("02/Jan/2006:15:04:05 -0700"), i, 201+(i%50/49)*299, i%1000)
	}
	return b.Bytes()
}

// benchCaddy is a Caddy access log of n lines.
func benchCaddy(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"level":"info","ts":%d.%06d,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"10.0.0.1","proto":"HTTP/1.1","method":"GET","host":"api","uri":"/trunks/TR%08X/whitelisted-ips","headers":{"User-Agent":["curl/8.5.0"]}},"bytes_read":0,"duration":0.%03d,"size":512,"status":%d}`+"\n",
			1736895600+i/10, i%1000000, i, i%1000, 201+(i%50/49)*299)
	}
	return b.Bytes()
}

func BenchmarkAccessLog(b *testing.B) { benchParse(b, parseAccessLog, benchAccessLog(20000)) }
func BenchmarkCaddy(b *testing.B)     { benchParse(b, parseCaddy, benchCaddy(20000)) }
