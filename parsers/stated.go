package parsers

// Stated is the latency a summary file states, as its tool computed it
// (k6's p(95), Locust's 50%…100%, Artillery's p99): shown as the tool
// stated it, never mixed with errpat's own percentiles, which come from
// the records' response times.
type Stated struct {
	Source string
	Format string
	// Endpoint is what the values are of ("GET /v2/trunks"); empty for
	// the whole run.
	Endpoint string
	// Requests is how many requests the tool says the values are of; -1
	// when the file does not say.
	Requests int64
	// Values are in the file's order, in milliseconds.
	Values []StatedValue
}

// StatedValue is one stated statistic: Name is "min", "avg", "median",
// "max" or a percentile "p50", "p99.9", "p100".
type StatedValue struct {
	Name string
	Ms   float64
}

// state hands st to the sink when it takes stated latency and st holds
// a value.
func state(sink Sink, st Stated) {
	if sink.Stated != nil && len(st.Values) > 0 {
		sink.Stated(st)
	}
}
