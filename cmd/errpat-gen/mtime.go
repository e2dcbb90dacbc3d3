package main

import (
	"bytes"
	"fmt"
	"os"
	"time"
)

// stampLen is the length of "2025-01-13 09:00:00" (or with a T).
const stampLen = 19

// latestStamp returns the latest date and time of the form
// "2025-01-13 09:00:00" or "2025-01-13T09:00:00" in data, or at least
// latest's (nil: none), written with a space. With the space the stamps
// compare as text in time order.
func latestStamp(data []byte, latest []byte) []byte {
	for i := 4; i+stampLen-4 <= len(data); {
		j := bytes.IndexByte(data[i:], '-')
		if j < 0 {
			break
		}
		at := i + j - 4 // where the year would start
		i += j + 1
		if at < 0 || at+stampLen > len(data) {
			continue
		}
		s := data[at : at+stampLen]
		if !isStamp(s) {
			continue
		}
		var norm [stampLen]byte // with a space between date and time, to compare
		copy(norm[:], s)
		norm[10] = ' '
		if bytes.Compare(norm[:], latest) > 0 {
			latest = append(latest[:0], norm[:]...)
		}
	}
	return latest
}

// isStamp tells whether s has the shape 2025-01-13 09:00:00.
func isStamp(s []byte) bool {
	for k, c := range s {
		switch k {
		case 4, 7:
			if c != '-' {
				return false
			}
		case 10:
			if c != ' ' && c != 'T' {
				return false
			}
		case 13, 16:
			if c != ':' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// completedKey is where a newman report gives the end of its run, in
// milliseconds since 1970: it has no other time.
var completedKey = []byte(`"completed": `)

// lastWrite returns the time of the last record in data, a whole file:
// its latest date and time, read as UTC (the generator's clock), or a
// newman report's end; zero when it has none.
func lastWrite(data []byte) time.Time {
	if s := latestStamp(data, nil); s != nil {
		return stampTime(s)
	}
	i := bytes.LastIndex(data, completedKey)
	if i < 0 {
		return time.Time{}
	}
	ms, j := int64(0), i+len(completedKey)
	for ; j < len(data) && data[j] >= '0' && data[j] <= '9'; j++ {
		ms = ms*10 + int64(data[j]-'0')
	}
	return time.UnixMilli(ms).UTC()
}

// stampTime reads a stamp latestStamp found, as UTC, rounded up to the
// next second: the stamp's fraction is not read, and a file's last write
// comes no sooner than its last record.
func stampTime(s []byte) time.Time {
	if s == nil {
		return time.Time{}
	}
	t, _ := time.Parse("2006-01-02 15:04:05", string(s[:10])+" "+string(s[11:]))
	return t.Add(time.Second)
}

// dateFile sets the modification time of path to t, the time of its last
// record, as a client writing it in time order leaves it. A file without
// a time (t zero) keeps the time it was written.
func dateFile(path string, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if err := os.Chtimes(path, t, t); err != nil {
		return fmt.Errorf("date %s: %w", path, err)
	}
	return nil
}
