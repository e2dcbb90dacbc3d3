package parsers

// A run of the API test client writes each request twice: in its log
// ("Testing Add UDP Destination: /trunks/TR1/destination-uris") and in its
// results file ({"test_name": "add_destination_udp", "endpoint": …}), in
// the same order, except that a request the client never sent (an empty
// credential) is only in the results file, and a run that crashed writes
// no results file. Pairing the two is done per request, on the test's
// name, the endpoint and the order; what follows is shared by the
// results file's first pass and the analyzer, which pair the same way.

// Requests is a digest of a run's requests in order: how many, and a hash
// of each one's test name (see NameHash) and endpoint. A log's run and a
// results file with equal digests hold the same requests, in the same
// order.
type Requests struct {
	N   int
	Sum uint64
}

// Add adds the next request of the run.
func (d *Requests) Add(test, endpoint string) { d.AddHashed(NameHash(test), EndpointHash(endpoint)) }

// AddHashed adds the next request of the run, whose test name and
// endpoint hash to name and endpoint (see NameHash and EndpointHash).
func (d *Requests) AddHashed(name, endpoint uint64) {
	d.N++
	d.Sum = d.Sum*0x100000001b3 + mix64(name^endpoint)
}

// NameHash hashes a test's name so that the log's display name and the
// results file's key of the same test agree: "Add UDP Destination" and
// "add_destination_udp" are the same words, lower-cased, in another
// order. 0 means the name has no words.
func NameHash(name string) uint64 {
	var sum uint64
	h, n := uint64(fnvOffset), 0
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 {
			h = (h ^ uint64(c)) * fnvPrime
			n++
			continue
		}
		if n > 0 {
			sum += mix64(h) // a sum: the words' order does not count
			h, n = fnvOffset, 0
		}
	}
	if n > 0 {
		sum += mix64(h)
	}
	return sum
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// EndpointHash hashes an endpoint as written: the log and the results
// file write the same string. It takes eight bytes at a time: it runs for
// every request a log holds.
func EndpointHash(s string) uint64 {
	h := uint64(fnvOffset) ^ uint64(len(s))
	for ; len(s) >= 8; s = s[8:] {
		h = mix64(h ^ load64(s, 0))
	}
	if len(s) == 0 {
		return h
	}
	var tail uint64
	for i := len(s) - 1; i >= 0; i-- {
		tail = tail<<8 | uint64(s[i])
	}
	return mix64(h ^ tail ^ fnvPrime)
}

// mix64 is splitmix64's finaliser: it spreads FNV's bits so that sums of
// hashes do not collide by accident.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
