// Package analyzer groups the records that parsers emit: by status and
// error class, by hour, by endpoint, by message pattern, by latency and by
// run, and finds the guide's failure patterns in them. It finds things and
// never prints; report renders what it finds.
//
// The pipeline, in engine.go, aggregate.go and result.go:
//
//	Analyze      splits large files into parts and reads inputs, a bounded
//	             pool of workers, each batch of inputs into its own Aggregate
//	Add          hands each record to the tallies (tally_*.go: inputs,
//	             status, hours, endpoints, patterns, latency) and, with its
//	             run (detect_runs.go), to the detectors (detect_*.go)
//	Merge        adds the batches' aggregates up in input order, tally by
//	             tally and detector by detector: the result is the same
//	             whatever the number of workers
//	Result       sorts each tally's counts into slices and runs each
//	             detector's find into Findings
//
// A new dimension is one tally file with add, merge and result, called
// from Add, Merge and result; a new detector is one detect_*.go file with
// a failureDetector and one entry in newDetectors.
package analyzer
