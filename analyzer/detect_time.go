package analyzer

import (
	"cmp"
	"slices"
	"time"
)

// IntermittentErrors are server errors of one status at a low, steady
// rate: spread over the hours of the window rather than clustered.
type IntermittentErrors struct {
	Status      int
	Count       int
	Rate        float64 // percent of all requests
	Hours       int     // hours with this status
	ActiveHours int     // hours with requests
	MaxInHour   int     // the most in any one hour
	First, Last time.Time
}

// The intermittent-error detector's bounds.
const (
	minIntermittent     = 3    // errors of the status
	maxIntermittentRate = 10.0 // percent of requests: above it the rate is not low
	maxShareInHour      = 3    // the busiest hour holds at most 1/3 of them
	minSpreadShare      = 4    // first to last covers at least 1/4 of the time with requests
)

func (s *signals) intermittent(res *Result) []IntermittentErrors {
	var out []IntermittentErrors
	for status, sp := range s.server {
		e := IntermittentErrors{Status: status, Count: sp.count, Rate: rate(sp.count, res.Requests),
			ActiveHours: len(s.hours), First: sp.first, Last: sp.last}
		for _, hs := range s.hours {
			if n := hs.server.get(status); n > 0 {
				e.Hours++
				e.MaxInHour = max(e.MaxInHour, n)
			}
		}
		if e.Count >= minIntermittent && e.Rate <= maxIntermittentRate && e.MaxInHour*maxShareInHour <= e.Count &&
			e.Last.Sub(e.First)*minSpreadShare >= res.Last.Sub(res.First) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(x, y IntermittentErrors) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Status, y.Status))
	})
	return out
}

// PeakDegradation says that requests fare clearly worse inside the peak
// band of hours than outside it.
type PeakDegradation struct {
	Band    Band
	In, Out BandStats
	// Causes are the failure statuses inside the band, most frequent
	// first, with their counts outside beside them.
	Causes []PeakCause
}

// BandStats sums up the hours of the day inside (or outside) the band.
// The typical hour weighs each hour of the day alike, so that one heavy
// hour (a load test) or one broken run does not decide for the band.
type BandStats struct {
	Requests, Failed int
	SuccessRate      float64 // percent of the requests
	TypicalHour      float64 // median success rate of its hours with enough requests
	Hours            int     // hours of the day in that median
	CapacityHours    int     // of them, hours with a 429 or 503
	Capacity         int     // 429 and 503 failures
}

// PeakCause counts the failures of one status inside and outside the band.
type PeakCause struct{ Status, In, Out int }

// The peak-hour detector's bounds.
const (
	minHourRequests = 5   // an hour of the day with fewer says little about its rate
	minBandHours    = 3   // hours of the day on each side of the band
	minPeakGap      = 5.0 // percentage points between the typical hours
	minPeakFailures = 5   // failures inside the band
	maxPeakCauses   = 5
)

func (s *signals) peak(band Band) *PeakDegradation {
	if band.From == band.To {
		return nil
	}
	p := &PeakDegradation{Band: band}
	var inRates, outRates []float64
	for h := range 24 {
		b, rates := &p.Out, &outRates
		if band.Contains(h) {
			b, rates = &p.In, &inRates
		}
		n, f := s.day.requests[h], s.day.failed[h]
		b.Requests += n
		b.Failed += f
		b.Capacity += s.day.capacity[h]
		if n >= minHourRequests {
			*rates = append(*rates, 100-rate(f, n))
			if s.day.capacity[h] > 0 {
				b.CapacityHours++
			}
		}
	}
	p.In.finish(inRates)
	p.Out.finish(outRates)
	if p.In.Hours < minBandHours || p.Out.Hours < minBandHours || p.In.Failed < minPeakFailures ||
		p.In.TypicalHour > p.Out.TypicalHour-minPeakGap || p.In.SuccessRate >= p.Out.SuccessRate {
		return nil
	}
	p.Causes = s.peakCauses(band)
	return p
}

func (b *BandStats) finish(rates []float64) {
	b.SuccessRate = 100 - rate(b.Failed, b.Requests)
	b.Hours = len(rates)
	b.TypicalHour = median(rates)
}

func (s *signals) peakCauses(band Band) []PeakCause {
	byStatus := map[int]*PeakCause{}
	for k, n := range s.dayFails {
		c := byStatus[k.status]
		if c == nil {
			c = &PeakCause{Status: k.status}
			byStatus[k.status] = c
		}
		if band.Contains(k.hour) {
			c.In += n
		} else {
			c.Out += n
		}
	}
	var out []PeakCause
	for _, c := range byStatus {
		if c.In > 0 {
			out = append(out, *c)
		}
	}
	slices.SortFunc(out, func(x, y PeakCause) int {
		return cmp.Or(cmp.Compare(y.In, x.In), cmp.Compare(x.Status, y.Status))
	})
	return out[:min(len(out), maxPeakCauses)]
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[m]
	}
	return (xs[m-1] + xs[m]) / 2
}

// Burst is a spell of minutes in which most requests got no response
// (status 0: timeouts and network errors).
type Burst struct {
	Start, End time.Time // End is the end of the last minute with a failure
	Count      int       // requests without a response
	Timeouts   int       // of them, timeouts
	Requests   int       // all requests in those minutes
}

// The burst detector's bounds.
const (
	minBurst    = 3               // requests without a response
	maxBurstGap = 2 * time.Minute // one minute without any request does not end a burst
)
