package main

import (
	"time"

	"github.com/errpat/errpat/parsers"
)

// unwrittenCutoff is the modification time before which an input cannot
// hold a record of the window, nor of the one compared with: zero when
// the window has no start, so that every input is read.
func (d *dailyOptions) unwrittenCutoff(inputLoc *time.Location) time.Time {
	since := d.window.Since
	if d.hasPrevious && !d.previous.Since.IsZero() && (since.IsZero() || d.previous.Since.Before(since)) {
		since = d.previous.Since
	}
	return parsers.WrittenBefore(since, inputLoc)
}

// leaveUnwritten leaves out the inputs last modified before the window
// began (see parsers.WrittenSince), so that a cron job's report of the
// last hour costs that hour, not the folder's history; the report learns
// how many were not read, and from when.
func (p *pipeline) leaveUnwritten(o *options, inputs []parsers.Input) []parsers.Input {
	cutoff := o.daily.unwrittenCutoff(o.inputLoc)
	kept, skipped := parsers.WrittenSince(inputs, cutoff)
	p.notRead, p.notReadBefore = skipped, cutoff
	return kept
}
