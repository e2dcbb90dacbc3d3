package report

// Mask hides, with mask, the secrets in every text of the report: the
// masker learns a run's credentials as it reads them (a Basic header, a
// URL's user information), and a text kept before the credential was
// met would still show it. Every string of the model passes through
// mask, its own prose too, so a field added to the model is masked only
// once it is named here (TestMaskReachesEveryString fails until then).
func (r *Report) Mask(mask func(string) string) {
	maskString(&r.TimeZone, mask)
	maskPointer(r.Window.Since, mask)
	maskPointer(r.Window.Until, mask)
	r.Inputs.mask(mask)
	maskPointer(r.Summary.First, mask)
	maskPointer(r.Summary.Last, mask)
	if r.Changes != nil {
		r.Changes.mask(mask)
	}
	for i := range r.Detected {
		r.Detected[i].mask(mask)
	}
	for i := range r.ByStatus {
		maskString(&r.ByStatus[i].Class, mask)
	}
	for i := range r.StatedLatency {
		r.StatedLatency[i].mask(mask)
	}
	for i := range r.ByHour {
		maskString(&r.ByHour[i].Hour, mask)
	}
	for i := range r.ByEndpoint {
		e := &r.ByEndpoint[i]
		maskString(&e.Method, mask)
		maskString(&e.Endpoint, mask)
	}
	for i := range r.TopMessages {
		r.TopMessages[i].mask(mask)
	}
	for i := range r.Slow.Slowest {
		s := &r.Slow.Slowest[i]
		maskPointer(s.Time, mask)
		maskString(&s.Method, mask)
		maskString(&s.Endpoint, mask)
		maskString(&s.Source, mask)
	}
	for i := range r.Categories {
		maskString(&r.Categories[i].Class, mask)
		maskString(&r.Categories[i].Hint, mask)
	}
	for i := range r.ErrorCodes {
		maskString(&r.ErrorCodes[i].Code, mask)
	}
	maskIncomplete(r.IncompleteRun, mask)
}

func (in *Inputs) mask(mask func(string) string) {
	maskPointer(in.NotReadBefore, mask)
	maskPointer(in.NotReadAfter, mask)
	for i := range in.Problems {
		maskString(&in.Problems[i].File, mask)
		maskString(&in.Problems[i].Error, mask)
	}
	maskString(&in.Side, mask)
	for i := range in.Sources {
		maskString(&in.Sources[i].Format, mask)
		maskString(&in.Sources[i].Side, mask)
	}
}

func (c *Changes) mask(mask func(string) string) {
	maskString(&c.Baseline.Source, mask)
	maskPointer(c.Baseline.Since, mask)
	maskPointer(c.Baseline.Until, mask)
	for _, list := range [][]PatternChange{c.NewPatterns, c.GrownPatterns, c.GonePatterns} {
		for i := range list {
			maskString(&list[i].Pattern, mask)
			maskString(&list[i].Class, mask)
			maskStrings(list[i].GrownBy, mask)
		}
	}
	for i := range c.WorseEndpoints {
		e := &c.WorseEndpoints[i]
		maskString(&e.Method, mask)
		maskString(&e.Endpoint, mask)
		maskStrings(e.Worse, mask)
	}
}

func (d *Detected) mask(mask func(string) string) {
	maskString(&d.Name, mask)
	maskString(&d.Summary, mask)
	maskPointer(d.First, mask)
	maskPointer(d.Last, mask)
	for i := range d.Intermittent {
		maskPointer(d.Intermittent[i].First, mask)
		maskPointer(d.Intermittent[i].Last, mask)
	}
	if d.Peak != nil {
		maskString(&d.Peak.Band, mask)
	}
	for i := range d.Bursts {
		maskPointer(d.Bursts[i].Start, mask)
		maskPointer(d.Bursts[i].End, mask)
	}
	for i := range d.AuthOutages {
		maskPointer(d.AuthOutages[i].Start, mask)
		maskPointer(d.AuthOutages[i].End, mask)
		maskStrings(d.AuthOutages[i].Runs, mask)
	}
	for i := range d.FlakyTests {
		maskString(&d.FlakyTests[i].Test, mask)
	}
	maskIncomplete(d.CrashedRuns, mask)
}

func (m *Message) mask(mask func(string) string) {
	maskString(&m.Pattern, mask)
	maskString(&m.Class, mask)
	maskStrings(m.Endpoints, mask)
	maskString(&m.Example, mask)
	maskString(&m.Source, mask)
	maskPointer(m.FirstSeen, mask)
	maskPointer(m.LastSeen, mask)
}

func maskIncomplete(runs []Incomplete, mask func(string) string) {
	for i := range runs {
		r := &runs[i]
		maskString(&r.Run, mask)
		maskString(&r.File, mask)
		maskPointer(r.Start, mask)
		maskPointer(r.End, mask)
		maskString(&r.LastRequest, mask)
	}
}

func maskString(s *string, mask func(string) string) { *s = mask(*s) }

// maskPointer masks the text a nullable field points to, in place: the
// model may share one time between fields, as it was built.
func maskPointer(s *string, mask func(string) string) {
	if s != nil {
		*s = mask(*s)
	}
}

func maskStrings(list []string, mask func(string) string) {
	for i := range list {
		list[i] = mask(list[i])
	}
}

// mask masks what a file stated, its statistics' names too: they are the
// file's words.
func (l *StatedLatency) mask(mask func(string) string) {
	maskString(&l.Source, mask)
	maskString(&l.Format, mask)
	maskString(&l.Endpoint, mask)
	maskStrings(l.Order, mask)
	if len(l.Ms) > 0 {
		ms := make(map[string]float64, len(l.Ms))
		for k, v := range l.Ms {
			ms[mask(k)] = v
		}
		l.Ms = ms
	}
}
