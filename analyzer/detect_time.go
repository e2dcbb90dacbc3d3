package analyzer

import (
	"cmp"
	"math"
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

// peak compares the band with the rest of the day's profile.
func (s *signals) peak(band Band, day []HourOfDay) *PeakDegradation {
	if band.From == band.To || len(day) == 0 {
		return nil
	}
	var capacity [24]int // failures with 429 or 503: the server is short of capacity
	for k, n := range s.dayFails {
		if isCapacity(k.status) {
			capacity[k.hour] += n
		}
	}
	p := &PeakDegradation{Band: band}
	var inRates, outRates []float64
	for h := range 24 {
		b, rates := &p.Out, &outRates
		if band.Contains(h) {
			b, rates = &p.In, &inRates
		}
		n, f := day[h].Requests, day[h].Failed
		b.Requests += n
		b.Failed += f
		b.Capacity += capacity[h]
		if n >= minHourRequests {
			*rates = append(*rates, 100-rate(f, n))
			if capacity[h] > 0 {
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

// Burst is a spell of minutes in which requests got no response (status
// 0: timeouts and network errors) far more often than the day's rate, or
// in which most requests got none.
type Burst struct {
	Start, End time.Time // End is the end of the last minute with a failure
	Count      int       // requests without a response
	Timeouts   int       // of them, timeouts
	Requests   int       // all requests in those minutes
}

// The burst detector's bounds. A spell is a burst when at least minBurst
// of its requests, and most of them, got no response (an outage); or when
// at least minStandOut did and, at the day's rate of such failures per
// request, that many among its requests would come with a probability
// under burstSignificance (a Poisson tail), whatever the traffic beside
// them. The day's rate counts the spell itself, so a steady rate does not
// stand out; per request rather than per minute, so a busy hour's share of
// a steady rate does not either. A day holds thousands of spells to test:
// the significance is small and the count not too small, so that chance
// alone gives a false burst in fewer than one day in a hundred.
const (
	minBurst          = 3               // requests without a response, most of the spell's
	minStandOut       = 5               // requests without a response, beyond the day's rate
	maxBurstGap       = 2 * time.Minute // one minute without any failure does not end a burst
	burstSignificance = 1e-5
)

// burstDays holds the requests and the no-response failures of each day
// (Unix day, UTC), the background the bursts of that day stand out from.
type burstDays map[int64]*struct{ requests, failed int }

func (l *minuteLog) days() burstDays {
	d := burstDays{}
	day := func(unixSec int64) *struct{ requests, failed int } {
		k := floorDiv(unixSec, 86400)
		if d[k] == nil {
			d[k] = &struct{ requests, failed int }{}
		}
		return d[k]
	}
	for h, b := range l.hours {
		c := day(h * 3600)
		for _, n := range b {
			c.requests += int(n)
		}
	}
	for m, f := range l.failed {
		day(m).failed += f.noResponse
	}
	return d
}

// isBurst tells whether a spell of failures stands out.
func (d burstDays) isBurst(b *Burst) bool {
	if b.Count >= minBurst && 2*b.Count >= b.Requests {
		return true
	}
	c := d[floorDiv(b.Start.Unix(), 86400)]
	if b.Count < minStandOut || c == nil {
		return false
	}
	// A minute whose hour was not kept (see maxBlocks) has failures but no
	// requests: the day has at least as many requests as failures.
	expected := float64(c.failed) / float64(max(c.requests, c.failed)) * float64(max(b.Requests, b.Count))
	return poissonTail(b.Count, expected) < burstSignificance
}

// poissonTail is the probability that a Poisson variable of mean mu is at
// least k.
func poissonTail(k int, mu float64) float64 {
	if k <= 0 {
		return 1
	}
	if mu <= 0 {
		return 0
	}
	lg, _ := math.Lgamma(float64(k) + 1)
	term := math.Exp(-mu + float64(k)*math.Log(mu) - lg)
	sum := 0.0
	for i := k; term > sum*1e-15 && i < k+100000; i++ {
		sum += term
		term *= mu / float64(i+1)
	}
	return min(sum, 1)
}
