package parsers

import "time"

// A file cannot hold a record newer than its last write, so a run that
// counts a window starting at since need not open a file last modified
// well before it. "Well": the times errpat reads are not the instants
// the file system keeps. A naive timestamp (no zone) is read in the
// input zone, while its writer may have been in any zone from UTC-12 to
// UTC+14: read in a zone of offset R, a stamp written at instant T reads
// as T + W - R for the writer's offset W, at most 14h - R later than T
// (R counted as 0 when east of UTC: see WrittenBefore).
// And the clock that stamped the file (an NFS server's, a CI runner's)
// may run behind the one that stamped the records.

// ClockSkew is the clock skew allowed between a record's writer and the
// file system that dates its file.
const ClockSkew = time.Hour

// maxZoneOffset is the largest offset from UTC of any time zone (Kiribati's
// Line Islands, UTC+14).
const maxZoneOffset = 14 * time.Hour

// WrittenBefore returns the modification time before which a file holds
// no record that reads, with naive timestamps read in loc, as at or after
// since: since less a margin for the zone naive stamps were written in and
// for ClockSkew. A zero since (an open window) gives the zero time.
func WrittenBefore(since time.Time, loc *time.Location) time.Time {
	if since.IsZero() {
		return time.Time{}
	}
	// The reader's offset near since; around a daylight-saving change the
	// smaller of the two sides counts, for the larger margin. Some
	// formats read their naive stamps as UTC whatever loc (the load
	// tester writes utcnow), so an offset east of UTC counts as 0.
	_, now := since.In(loc).Zone()
	_, before := since.Add(-48 * time.Hour).In(loc).Zone()
	offset := time.Duration(min(now, before, 0)) * time.Second
	return since.Add(-(maxZoneOffset - offset + ClockSkew))
}

// WrittenSince keeps the inputs that may hold a record of a window whose
// files must be modified at or after cutoff (see WrittenBefore): files
// last modified before it are left out and counted in skipped. Standard
// input, and files whose modification time is unknown, are kept. A zero
// cutoff keeps every input.
func WrittenSince(inputs []Input, cutoff time.Time) (kept []Input, skipped int) {
	if cutoff.IsZero() {
		return inputs, 0
	}
	kept = make([]Input, 0, len(inputs))
	for _, in := range inputs {
		if !in.Stdin && !in.ModTime.IsZero() && in.ModTime.Before(cutoff) {
			skipped++
			continue
		}
		kept = append(kept, in)
	}
	return kept, skipped
}
