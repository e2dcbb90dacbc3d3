package analyzer

import (
	"cmp"
	"fmt"
	"slices"
)

// Band is a band of hours of the day, [From, To) on the clock of the
// report's zone, such as the peak hours 09-18. From > To wraps past
// midnight (22-06); From == To is no band at all.
type Band struct{ From, To int }

// Contains tells whether an hour of the day (0-23) falls in the band.
func (b Band) Contains(hour int) bool {
	switch {
	case b.From == b.To:
		return false
	case b.From < b.To:
		return hour >= b.From && hour < b.To
	}
	return hour >= b.From || hour < b.To
}

// String writes the band as the --peak flag takes it: "09:00-18:00".
func (b Band) String() string { return fmt.Sprintf("%02d:00-%02d:00", b.From, b.To) }

// isCapacity tells whether a status says the server could not take the
// request now: rate limited (429) or unavailable (503).
func isCapacity(status int) bool { return status == 429 || status == 503 }

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

// peakDetector counts the failures by hour of the day and status; the
// day's requests come from the result's profile.
type peakDetector struct {
	band  Band
	fails map[hourStatus]int
}

type hourStatus struct{ hour, status int }

func (d *peakDetector) add(o *observation) {
	if o.charted && o.Failed {
		d.fails[hourStatus{o.hourOfDay, o.Status}]++
	}
}

// addMinute has nothing to count: the day's requests come from the
// result's profile.
func (d *peakDetector) addMinute(*minuteBatch) {}

func (d *peakDetector) merge(od failureDetector, _ func(int64) bool) {
	for k, n := range od.(*peakDetector).fails {
		d.fails[k] += n
	}
}

func (d *peakDetector) find(e *evidence, f *Findings) { f.Peak = d.peak(d.band, e.res.ByHourOfDay) }

// peak compares the band with the rest of the day's profile.
func (d *peakDetector) peak(band Band, day []HourOfDay) *PeakDegradation {
	if band.From == band.To || len(day) == 0 {
		return nil
	}
	var capacity [24]int // failures with 429 or 503: the server is short of capacity
	for k, n := range d.fails {
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
	p.Causes = d.causes(band)
	return p
}

func (b *BandStats) finish(rates []float64) {
	b.SuccessRate = 100 - rate(b.Failed, b.Requests)
	b.Hours = len(rates)
	b.TypicalHour = median(rates)
}

func (d *peakDetector) causes(band Band) []PeakCause {
	byStatus := map[int]*PeakCause{}
	for k, n := range d.fails {
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
