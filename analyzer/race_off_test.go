//go:build !race

package analyzer

// raceDetector is set when the tests run under the race detector, which
// multiplies the memory a process takes.
const raceDetector = false
