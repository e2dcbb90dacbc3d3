package analyzer

import (
	"fmt"
	"math"

	"github.com/errpat/errpat/parsers"
)

// checkTimes drops a response time or a Retry-After that is no duration
// (infinite, not a number, or negative, as 1e999 or -1e308 read), which
// no report could give, and words the problem; the request itself still
// counts.
func checkTimes(r *parsers.Record) (parsers.Problem, bool) {
	var msg string
	if r.HasSeconds && bad(r.Seconds) {
		msg = fmt.Sprintf("response time %g is not a duration: the request is counted without one", r.Seconds)
		r.Seconds, r.HasSeconds = 0, false
	}
	if bad(r.RetryAfter) {
		if msg != "" {
			msg += "; "
		}
		msg += fmt.Sprintf("Retry-After %g is not a duration: dropped", r.RetryAfter)
		r.RetryAfter = 0
	}
	return parsers.Problem{Source: r.Source, Line: r.Line, Err: msg}, msg != ""
}

func bad(f float64) bool { return math.IsInf(f, 0) || math.IsNaN(f) || f < 0 }
