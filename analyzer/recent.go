package analyzer

import "time"

// recent remembers the clock hour of the last record. Records mostly
// come in time order, so most records then cost no zone conversion,
// which was most of the detectors' time on large logs.
type recent struct {
	from, to  int64 // Unix seconds over which start and hourOfDay hold
	start     int64 // the Unix second at which the hour starts
	hourOfDay int
	set       bool
}

// localHour returns the Unix second at which t's hour starts in loc, and
// that hour of the day, exactly as hourStart and t.In(loc).Hour() do. They
// hold from the hour's start until its end or the zone's next change,
// whichever comes first, so loc is consulted once per hour.
func (c *recent) localHour(t time.Time, loc *time.Location) (int64, int) {
	u := t.Unix()
	if c.set && u >= c.from && u < c.to {
		return c.start, c.hourOfDay
	}
	lt := t.In(loc)
	c.start, c.hourOfDay, c.set = hourStart(t, loc).Unix(), lt.Hour(), true
	c.from, c.to = c.start, c.start+3600
	zoneStart, zoneEnd := lt.ZoneBounds() // zero: the zone never changes that way
	if !zoneStart.IsZero() {
		c.from = max(c.from, zoneStart.Unix())
	}
	if !zoneEnd.IsZero() {
		c.to = min(c.to, zoneEnd.Unix())
	}
	return c.start, c.hourOfDay
}
