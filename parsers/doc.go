// Package parsers finds input files, recognises their format by content and
// streams them as Records: one Record per HTTP request (or test case) that a
// test client, load tester or test runner wrote down.
//
// The way in:
//
//	Discover  turns arguments (files, folders, globs, "-") into Inputs
//	Split     cuts large files of a format that allows it into parts
//	Open      opens an Input (gzip too) and sniffs its format from its
//	          first bytes against the table in formats.go
//	Parse     the format's function streams the input to a Sink: a Record
//	          per request, a Run per test run, a Problem (file and line)
//	          per line it could not use
//
// A new format is one file with its Sniff and Parse and one row in the
// list of formats.go. The HTTP status a test's failure text names is read
// in status.go, for every format of test results.
package parsers
