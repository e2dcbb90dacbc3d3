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

// intermittentDetector counts the 5xx failures by status and by charted
// hour; it keeps every charted hour, to count the hours with requests.
type intermittentDetector struct {
	hours   map[int64]*statusCounts // by the Unix second the hour starts at
	server  map[int]*span           // by status
	lastKey int64                   // the hour of the last record, in hours
	seen    bool
}

func (d *intermittentDetector) add(o *observation) {
	if !o.charted {
		return
	}
	if !d.seen || d.lastKey != o.hour {
		if d.hours[o.hour] == nil {
			d.hours[o.hour] = &statusCounts{}
		}
		d.lastKey, d.seen = o.hour, true
	}
	if !o.Failed || o.Status < 500 {
		return
	}
	d.hours[o.hour].add(o.Status, 1)
	sp := d.server[o.Status]
	if sp == nil {
		sp = &span{}
		d.server[o.Status] = sp
	}
	sp.add(o.Time)
}

// addMinute opens the minute's hour: it has requests.
func (d *intermittentDetector) addMinute(m *minuteBatch) {
	if !d.seen || d.lastKey != m.hour {
		if d.hours[m.hour] == nil {
			d.hours[m.hour] = &statusCounts{}
		}
		d.lastKey, d.seen = m.hour, true
	}
}

func (d *intermittentDetector) merge(od failureDetector, charted func(int64) bool) {
	o := od.(*intermittentDetector)
	for k, c := range o.hours {
		if !charted(k) {
			continue
		}
		mine := d.hours[k]
		if mine == nil {
			d.hours[k] = c
			continue
		}
		for _, sc := range *c {
			mine.add(sc.status, sc.n)
		}
	}
	for k, sp := range o.server {
		if mine := d.server[k]; mine != nil {
			mine.merge(sp)
		} else {
			d.server[k] = sp
		}
	}
}

func (d *intermittentDetector) find(e *evidence, f *Findings) {
	res := e.res
	var out []IntermittentErrors
	for status, sp := range d.server {
		e := IntermittentErrors{Status: status, Count: sp.count, Rate: rate(sp.count, res.Requests),
			ActiveHours: len(d.hours), First: sp.first, Last: sp.last}
		for _, c := range d.hours {
			if n := c.get(status); n > 0 {
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
	f.Intermittent = out
}

// statusCounts counts by status: the few 5xx statuses of an hour, in a
// slice rather than a map per hour.
type statusCounts []statusCount

type statusCount struct{ status, n int }

func (c *statusCounts) add(status, n int) {
	for i := range *c {
		if (*c)[i].status == status {
			(*c)[i].n += n
			return
		}
	}
	*c = append(*c, statusCount{status, n})
}

func (c statusCounts) get(status int) int {
	for _, sc := range c {
		if sc.status == status {
			return sc.n
		}
	}
	return 0
}
