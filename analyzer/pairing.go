package analyzer

import "github.com/errpat/errpat/parsers"

// The API test client writes each request of a run to its log and, when
// the run ends, again to its results file, in the same order. A request
// it never sent (an empty credential: the client returns before logging
// "Testing …") is only in the results file; a run that crashed has no
// results file; a request whose last log line errpat could not read is
// only a result. So a results file is paired with the log runs that name
// it per request, on the test's name (the log's "Add UDP Destination" is
// the file's "add_destination_udp"), the endpoint and the order: an entry
// the log holds is a duplicate (the log's copy has the response time and
// the full body), any other is counted.

// twins is what the first pass learnt of the requests that inputs read
// later may hold again.
type twins struct {
	keys map[string]bool        // record keys claimed (newman's JSON report)
	logs map[string]*loggedRuns // results files named by a log run, by base name
}

// merge takes in a batch's claims; batches are merged in input order, so
// the requests of several runs naming one file are in input order too.
func (tw *twins) merge(fr *fileResult) {
	for k := range fr.claims {
		tw.keys[k] = true
	}
	for name, lr := range fr.logged {
		if have := tw.logs[name]; have != nil {
			have.addRuns(lr)
			continue
		}
		tw.logs[name] = lr
	}
}

// loggedRequest is a request a log holds: the hashes of its test name
// and endpoint (see parsers.NameHash), all that pairing needs of it.
type loggedRequest struct{ name, endpoint uint64 }

func requestOf(r *parsers.Record) loggedRequest {
	return loggedRequest{parsers.NameHash(r.Test), parsers.EndpointHash(r.Endpoint)}
}

// loggedRun collects the requests of the log run being read.
type loggedRun struct {
	source, id string
	reqs       []loggedRequest
	bare       []int // the positions of counted 429s that gave no Retry-After
	// The hashes of the test names and endpoints last met: a run's
	// requests repeat them, as strings the parser shares.
	names, endpoints *hashes
}

// add collects r; counted tells whether r was counted (in the window).
func (l *loggedRun) add(r *parsers.Record, counted bool) {
	if r.Run == "" {
		return
	}
	if l.id != r.Run || l.source != r.Source {
		l.source, l.id, l.reqs, l.bare = r.Source, r.Run, l.reqs[:0], l.bare[:0]
	}
	if counted && r.Failed && r.Status == 429 && r.RetryAfter <= 0 {
		l.bare = append(l.bare, len(l.reqs))
	}
	if l.names == nil {
		l.names, l.endpoints = newHashes(parsers.NameHash), newHashes(parsers.EndpointHash)
	}
	l.reqs = append(l.reqs, loggedRequest{l.names.get(r.Test), l.endpoints.get(r.Endpoint)})
}

func (l *loggedRun) reset() { l.source, l.id, l.reqs, l.bare = "", "", l.reqs[:0], l.bare[:0] }

// loggedRuns are the requests of the log runs that name one results file.
type loggedRuns struct {
	reqs     []loggedRequest
	bare     map[int]bool // positions of 429s logged without Retry-After
	digest   parsers.Requests
	complete bool // every run wrote its summary
}

// logRun records the requests of run, which names a results file among
// the inputs. A run that sent nothing (its records are not the ones being
// collected) names the file with no requests.
func (fr *fileResult) logRun(run parsers.Run) {
	lr := &loggedRuns{complete: run.Complete}
	if fr.run.source == run.Source && fr.run.id == run.ID {
		lr.reqs = fr.run.reqs
		for _, i := range fr.run.bare {
			lr.markBare(i)
		}
		fr.run = loggedRun{names: fr.run.names, endpoints: fr.run.endpoints} // the storage is lr's now
	}
	for _, q := range lr.reqs {
		lr.digest.AddHashed(q.name, q.endpoint)
	}
	if fr.logged == nil {
		fr.logged = map[string]*loggedRuns{}
	}
	if have := fr.logged[run.ResultsFile]; have != nil {
		have.addRuns(lr)
		return
	}
	fr.logged[run.ResultsFile] = lr
}

func (lr *loggedRuns) markBare(i int) {
	if lr.bare == nil {
		lr.bare = map[int]bool{}
	}
	lr.bare[i] = true
}

func (lr *loggedRuns) addRuns(o *loggedRuns) {
	for i := range o.bare {
		lr.markBare(len(lr.reqs) + i)
	}
	lr.reqs = append(lr.reqs, o.reqs...)
	for _, q := range o.reqs {
		lr.digest.AddHashed(q.name, q.endpoint)
	}
	lr.complete = lr.complete && o.complete
}

// holdsAll tells whether the log runs hold exactly the requests of a
// results file whose digest is d: then none of the file's entries counts.
// Where the log has a 429 without Retry-After, the file is read all the
// same, for the value its headers may give.
func (lr *loggedRuns) holdsAll(d parsers.Requests) bool {
	return lr != nil && lr.complete && lr.digest == d && len(lr.bare) == 0
}

// pairs starts pairing a results file's entries with the logged requests.
func (lr *loggedRuns) pairs() *logPairs {
	if lr == nil {
		return nil
	}
	p := &logPairs{at: map[loggedRequest][]int{}, bare: lr.bare}
	for i, q := range lr.reqs {
		p.at[q] = append(p.at[q], i)
	}
	return p
}

// logPairs pairs the entries of one results file, in order, with the
// logged requests: an entry is the first request with its name and
// endpoint after the last one paired. The client writes both in the same
// order, so a greedy pairing in order finds each twin.
type logPairs struct {
	at   map[loggedRequest][]int // positions of each request, ascending
	next int                     // the position after the last one paired
	bare map[int]bool            // positions of 429s logged without Retry-After
}

// holds tells whether the log holds r, a results file's entry, pairing it.
func (p *logPairs) holds(r *parsers.Record) bool {
	_, ok := p.pair(r)
	return ok
}

// joinsRetryAfter pairs r like holds, and tells also whether r gives the
// Retry-After of a 429 that the log counted without one (the client logs
// the status, its results file the headers): that value is then the
// request's.
func (p *logPairs) joinsRetryAfter(r *parsers.Record) (held, join bool) {
	i, ok := p.pair(r)
	return ok, ok && p.bare[i] && r.Status == 429 && r.RetryAfter > 0
}

// pair pairs r with the first logged request of its name and endpoint
// after the last one paired, and returns that request's position.
func (p *logPairs) pair(r *parsers.Record) (int, bool) {
	if p == nil {
		return 0, false
	}
	k := requestOf(r)
	pos := p.at[k]
	for len(pos) > 0 && pos[0] < p.next {
		pos = pos[1:] // before the last pair: no later entry can take it
	}
	p.at[k] = pos
	if len(pos) == 0 {
		return 0, false
	}
	p.next = pos[0] + 1
	p.at[k] = pos[1:]
	return pos[0], true
}
