package main

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// Simulated time is kept as microseconds since the Unix epoch. The simulated
// test machine's local zone is UTC, so naive local timestamps and the load
// tester's naive UTC timestamps read the same.
const (
	usPerMs  = int64(1000)
	usPerSec = int64(1000000)
	usPerMin = 60 * usPerSec
	usPerDay = 86400 * usPerSec
)

// twoDigits holds "00".."99" for fast zero-padded formatting.
var twoDigits = func() [100][2]byte {
	var t [100][2]byte
	for i := range t {
		t[i] = [2]byte{byte('0' + i/10), byte('0' + i%10)}
	}
	return t
}()

// clock formats simulated timestamps, caching the calendar date of the day
// last seen so that the common case is plain arithmetic.
type clock struct {
	day  int64
	date [10]byte // "2025-01-13"
	ok   bool
}

// dateOf returns the cached "YYYY-MM-DD" of the day holding us.
func (c *clock) dateOf(us int64) []byte {
	day := floorDiv(us, usPerDay)
	if !c.ok || day != c.day {
		t := time.Unix(day*86400, 0).UTC()
		y, m, d := t.Date()
		b := strconv.AppendInt(c.date[:0], int64(y), 10)
		b = append(b, '-')
		b = append(b, twoDigits[int(m)][:]...)
		b = append(b, '-')
		b = append(b, twoDigits[d][:]...)
		copy(c.date[:], b)
		c.day, c.ok = day, true
	}
	return c.date[:]
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// appendHMS appends "HH<sep1>MM<sep1>SS" of us.
func appendHMS(b []byte, us int64, sep byte) []byte {
	sec := floorDiv(us, usPerSec) % 86400
	if sec < 0 {
		sec += 86400
	}
	b = append(b, twoDigits[sec/3600][:]...)
	b = append(b, sep)
	b = append(b, twoDigits[sec/60%60][:]...)
	b = append(b, sep)
	return append(b, twoDigits[sec%60][:]...)
}

// appendFrac appends n zero-padded digits of the sub-second part of us.
func appendFrac(b []byte, us int64, digits int) []byte {
	f := us % usPerSec
	if f < 0 {
		f += usPerSec
	}
	if digits == 3 {
		f /= 1000
		return append(b, byte('0'+f/100), byte('0'+f/10%10), byte('0'+f%10))
	}
	var tmp [6]byte
	for i := 5; i >= 0; i-- {
		tmp[i] = byte('0' + f%10)
		f /= 10
	}
	return append(b, tmp[:]...)
}

// appendLogTime appends Python logging's asctime: "2025-01-13 04:34:48,780".
func (c *clock) appendLogTime(b []byte, us int64) []byte {
	b = append(b, c.dateOf(us)...)
	b = append(b, ' ')
	b = appendHMS(b, us, ':')
	b = append(b, ',')
	return appendFrac(b, us, 3)
}

// appendISO appends Python's datetime.isoformat() of a naive time:
// "2025-01-13T04:34:49.203614", without the fraction when it is zero.
func (c *clock) appendISO(b []byte, us int64) []byte {
	b = c.appendISOSec(b, us)
	if us%usPerSec != 0 {
		b = append(b, '.')
		b = appendFrac(b, us, 6)
	}
	return b
}

// appendISOMicro appends strftime("%Y-%m-%dT%H:%M:%S.%f"): the fraction is
// always written.
func (c *clock) appendISOMicro(b []byte, us int64) []byte {
	b = c.appendISOSec(b, us)
	b = append(b, '.')
	return appendFrac(b, us, 6)
}

// appendISOSec appends "2025-01-13T04:34:49".
func (c *clock) appendISOSec(b []byte, us int64) []byte {
	b = append(b, c.dateOf(us)...)
	b = append(b, 'T')
	return appendHMS(b, us, ':')
}

// appendISOZ appends "2025-01-13T04:34:49Z".
func (c *clock) appendISOZ(b []byte, us int64) []byte {
	return append(c.appendISOSec(b, us), 'Z')
}

// appendStamp appends the clients' file name stamp "20250113_043448".
func (c *clock) appendStamp(b []byte, us int64) []byte {
	d := c.dateOf(us)
	b = append(b, d[0:4]...)
	b = append(b, d[5:7]...)
	b = append(b, d[8:10]...)
	b = append(b, '_')
	sec := floorDiv(us, usPerSec) % 86400
	b = append(b, twoDigits[sec/3600][:]...)
	b = append(b, twoDigits[sec/60%60][:]...)
	return append(b, twoDigits[sec%60][:]...)
}

// isoSec formats us as "2025-01-13T04:34:49".
func isoSec(us int64) string {
	var c clock
	return string(c.appendISOSec(nil, us))
}

// hexDigits are the upper-case hex digits used in ids.
const hexDigits = "0123456789ABCDEF"

// appendPyStr appends s as Python's json.dumps writes it (ensure_ascii).
func appendPyStr(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			i++
			continue
		}
		b = append(b, s[start:i]...)
		if c < 0x80 {
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = appendU16(b, rune(c))
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 {
			r -= 0x10000
			b = appendU16(b, 0xD800+(r>>10))
			b = appendU16(b, 0xDC00+(r&0x3FF))
		} else {
			b = appendU16(b, r)
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func appendU16(b []byte, r rune) []byte {
	const lower = "0123456789abcdef"
	return append(b, '\\', 'u', lower[r>>12&15], lower[r>>8&15], lower[r>>4&15], lower[r&15])
}

// pyFloat formats f as Python's repr does for the magnitudes errpat's
// inputs carry: shortest round-trip digits, always with a decimal point.
func pyFloat(f float64) string {
	b := strconv.AppendFloat(nil, f, 'f', -1, 64)
	for _, c := range b {
		if c == '.' {
			return string(b)
		}
	}
	return string(append(b, '.', '0'))
}

// appendMsAsSeconds appends ms/1000 as Python prints round(x, 3): "2.65",
// "0.284", "2.0".
func appendMsAsSeconds(b []byte, ms int64) []byte {
	b = strconv.AppendInt(b, ms/1000, 10)
	b = append(b, '.')
	frac := ms % 1000
	if frac == 0 {
		return append(b, '0')
	}
	d := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
	n := 3
	for d[n-1] == '0' {
		n--
	}
	return append(b, d[:n]...)
}

// pctOneDecimal formats 100*num/den with one decimal, as f"{x:.1f}".
func pctOneDecimal(num, den int) string {
	if den == 0 {
		return "0.0"
	}
	return strconv.FormatFloat(float64(num)/float64(den)*100, 'f', 1, 64)
}
