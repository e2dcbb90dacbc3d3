package analyzer

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// busyDays is two days of traffic: perMinute requests a minute from 09:00
// to 18:00 and offPeak a minute at other hours, all answered.
func busyDays(perMinute, offPeak int) []req {
	var out []req
	for m := 0; m < 2*24*60; m++ {
		n := offPeak
		if h := m % (24 * 60) / 60; h >= 9 && h < 18 {
			n = perMinute
		}
		for i := range n {
			out = append(out, req{min: float64(m) + float64(i)/float64(n), run: "r", test: "t", status: 200})
		}
	}
	return out
}

// TestBurstInBusyHour finds ten timeouts in five minutes of a peak hour
// of 20 requests a minute, beside a steady refusal every 37 minutes: the
// timeouts are a tenth of those minutes' requests (not most of them), but
// at the day's rate of one failure in 1,300 requests, ten among 100 are
// far beyond chance.
func TestBurstInBusyHour(t *testing.T) {
	reqs := busyDays(20, 2)
	burst := 0
	for i := range reqs {
		q := &reqs[i]
		m := int(q.min)
		switch {
		case m >= 12*60 && m < 12*60+5 && burst < 10 && q.min-float64(m) < 0.1:
			q.status, q.message = 0, "<urlopen error timed out>"
			burst++
		case q.min == float64(m) && m%37 == 0:
			q.status, q.message = 0, "[Errno 111] Connection refused"
		}
	}
	if burst != 10 {
		t.Fatalf("made %d timeouts, want 10", burst)
	}
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	// The refusals nearest the burst are at 11:43 and 12:20, more than
	// two minutes away: the spell is 12:00-12:05, 5 minutes of 20.
	want := []Burst{{Start: at(12, 0), End: at(12, 5), Count: 10, Timeouts: 10, Requests: 100}}
	if got := analyzeReqs(reqs).Detected.Bursts; !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestBurstQuietOnSteadyRates reports no burst for failures at a steady
// rate, per minute or per request, however busy the hour.
func TestBurstQuietOnSteadyRates(t *testing.T) {
	every3 := busyDays(20, 20) // a refusal every three minutes
	for i := range every3 {
		if q := &every3[i]; q.min == math.Trunc(q.min) && int(q.min)%3 == 0 {
			q.status, q.message = 0, "[Errno 111] Connection refused"
		}
	}
	random := busyDays(60, 5) // one request in 200 times out, at random
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		if rng.IntN(200) == 0 {
			random[i].status, random[i].message = 0, "<urlopen error timed out>"
		}
	}
	perMinute := busyDays(2, 2) // one of the two requests of each minute
	for i := range perMinute {
		if i%2 == 0 {
			perMinute[i].status, perMinute[i].message = 0, "[Errno 111] Connection refused"
		}
	}
	for name, reqs := range map[string][]req{"every 3 minutes": every3, "random 0.5%": random, "half of all": perMinute} {
		res := analyzeReqs(reqs)
		if name == "half of all" {
			// Most requests of the two days failed: one spell, an outage.
			if len(res.Detected.Bursts) != 1 || res.Detected.Bursts[0].Count != 2*24*60 {
				t.Errorf("%s: got %+v, want one spell of %d", name, res.Detected.Bursts, 2*24*60)
			}
			continue
		}
		if got := res.Detected.Bursts; len(got) > 0 {
			t.Errorf("%s: got %+v, want none", name, got)
		}
	}
}

// TestPoissonTail checks the tail against sums worked out by hand.
func TestPoissonTail(t *testing.T) {
	tests := []struct {
		k    int
		mu   float64
		want float64
	}{
		{0, 3, 1},
		{1, 0, 0},
		{1, 1, 1 - math.Exp(-1)},
		{3, 2, 1 - math.Exp(-2)*(1+2+2)}, // 1 - P(0) - P(1) - P(2)
		{10, 0.25, 2.094e-13},            // 0.25^10/10! · e^-0.25 = 2.047e-13, and the next terms add 2.3%
	}
	for _, tt := range tests {
		got := poissonTail(tt.k, tt.mu)
		if math.Abs(got-tt.want) > 0.03*tt.want+1e-15 {
			t.Errorf("poissonTail(%d, %g) = %g, want %g", tt.k, tt.mu, got, tt.want)
		}
	}
}
