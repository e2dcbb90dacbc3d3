package parsers

import (
	"bytes"
	"os"
	"time"

	"github.com/tidwall/gjson"
)

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

// A file whose writer appends its records in time order need not be read
// past the end of a window: once a record is later than until by more
// than SortSlack, the records after it are too. The slack is for records
// written a little out of order: a request logged when it completes with
// the time it started, several threads or tasks logging at once, a clock
// stepped back by NTP, and the hour that naive local timestamps repeat
// when daylight saving ends. A file seen going back by more than the
// slack is not sorted, and is read to its end.

// SortSlack is how far a record of a file in time order may be earlier
// than one before it.
const SortSlack = time.Hour

// Compressed tells whether the input is read through gzip: such a file
// cannot be sampled past where it was read (see SortedAfter).
func (o *Opened) Compressed() bool { return o.gz }

// pyLogTime reads the time of a line of a Python-logging text log: a
// line that continues an entry (a body, a traceback) has none; one that
// opens an entry without a time ("INFO:root:…", logging's default
// layout) has the zero time.
func pyLogTime(line []byte, loc *time.Location) (time.Time, bool) {
	if t, _, ok := parseLogTime(line, loc); ok {
		return t, true
	}
	_, _, untimed := levelColonHeader(line)
	return time.Time{}, untimed
}

// jsonLineTime reads the time of a request object on one line, the zero
// time for one without.
func jsonLineTime(line []byte, loc *time.Location) (time.Time, bool) {
	if len(line) == 0 || line[0] != '{' || !validJSON(string(line)) {
		return time.Time{}, false
	}
	var r Record
	if !objectRecord(gjson.Parse(string(line)), loc, &r) {
		return time.Time{}, false
	}
	return r.Time, true
}

// sampleStep is the distance between the samples SortedAfter takes, and
// sampleSize the bytes of each, enough to hold a line with its time past
// most bodies.
const (
	sampleStep = 4 << 20
	sampleSize = 64 << 10
)

// SortedAfter tells whether a file of a Sorted format reads as still in
// time order from offset from to its end: one line every sampleStep and
// the file's last line with a time, each at or after t. It is the cheap
// check that a file read in order so far was not followed by an earlier
// one (two logs concatenated, a clock set back): a file that goes back
// for less than sampleStep between two samples is not seen. A sample
// without a line that the format stamps is passed over; a record without
// a time (the zero time), counted in every window, is not in order; a
// file that cannot be read is not known to be sorted.
func SortedAfter(name string, format *Format, loc *time.Location, from int64, t time.Time) bool {
	if format.Sorted == nil {
		return false
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	size := fi.Size()
	buf := make([]byte, sampleSize)
	for at := from; at < size; at += sampleStep {
		n, err := f.ReadAt(buf, at)
		if n == 0 && err != nil {
			return false
		}
		if st, ok := firstTime(buf[:n], format.Sorted, loc); ok && st.Before(t) {
			return false
		}
	}
	n, err := f.ReadAt(buf, max(from, size-sampleSize))
	if n == 0 && err != nil && size > from {
		return false
	}
	st, ok := lastTime(buf[:n], format.Sorted, loc)
	return !ok || !st.Before(t)
}

// firstTime is the time of the first whole line of b that has one.
func firstTime(b []byte, lineTime func([]byte, *time.Location) (time.Time, bool), loc *time.Location) (time.Time, bool) {
	_, b, _ = bytes.Cut(b, []byte{'\n'}) // the first line may be cut
	for len(b) > 0 {
		line, rest, whole := bytes.Cut(b, []byte{'\n'})
		if !whole {
			break
		}
		if t, ok := lineTime(bytes.TrimRight(line, "\r"), loc); ok {
			return t, true
		}
		b = rest
	}
	return time.Time{}, false
}

// lastTime is the time of the last line of b that has one; b ends at the
// file's end, so its last line is whole.
func lastTime(b []byte, lineTime func([]byte, *time.Location) (time.Time, bool), loc *time.Location) (time.Time, bool) {
	b = bytes.TrimRight(b, "\r\n")
	for len(b) > 0 {
		i := bytes.LastIndexByte(b, '\n')
		if i < 0 {
			break // the first line may be cut
		}
		if t, ok := lineTime(bytes.TrimRight(b[i+1:], "\r"), loc); ok {
			return t, true
		}
		b = b[:i]
	}
	return time.Time{}, false
}
