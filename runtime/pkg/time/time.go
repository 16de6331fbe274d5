// Package time: instants (Time), months and weekdays, the clock, and arithmetic on instants.
// tbuild's own implementation of Go 1.19's API; the behaviour (monotonic readings, the
// normalisation done by Date, rounding relative to the zero time, the String form with its
// "m=+0.000012345" suffix) follows Go's documentation and time/time.go.
//
// A Time has Go's three words (time/time.go), so that == and fmt's printing of the fields
// agree with Go's: wall holds the nanoseconds within the second in its low 30 bits and, for
// times from Now, a flag in its top bit and the seconds since 1885 in the 33 bits between;
// ext then holds the monotonic clock reading, which Sub, Since, Until, Before, After and
// Equal prefer when both operands have one, and otherwise the seconds since January 1,
// year 1, 00:00:00 UTC (so that the zero value is the zero time).

package time

import "unsafe"

// //go:linkname needs unsafe imported in its file.
var _ = unsafe.Sizeof(0)

// A Time is an instant with nanosecond precision, in a Location.
type Time struct {
	wall uint64
	ext  int64
	loc  *Location
}

const (
	monoFlag = 1 << 63   // wall's flag: ext is a monotonic reading
	nsMask   = 1<<30 - 1 // wall's nanoseconds
	// January 1, 1885 in seconds since January 1, year 1: where wall's seconds count from.
	wallEpoch int64 = 59453308800
)

// ns is the nanosecond within the second.
func (t *Time) ns() int32 { return int32(t.wall & nsMask) }

// hasMono reports whether t carries a monotonic reading.
func (t *Time) hasMono() bool { return t.wall&monoFlag != 0 }

// secs returns t in seconds since January 1, year 1 UTC.
func (t *Time) secs() int64 {
	if t.hasMono() {
		return wallEpoch + int64(t.wall<<1>>31)
	}
	return t.ext
}

// addSecs moves t by d seconds; a monotonic reading is dropped when the seconds leave the
// 33 bits wall has for them.
func (t *Time) addSecs(d int64) {
	if t.hasMono() {
		s := int64(t.wall<<1>>31) + d
		if s >= 0 && s < 1<<33 {
			t.wall = t.wall&nsMask | uint64(s)<<30 | monoFlag
			return
		}
		t.stripMono()
	}
	t.ext += d
}

// stripMono drops the monotonic reading, keeping the instant.
func (t *Time) stripMono() {
	if t.hasMono() {
		t.ext = t.secs()
		t.wall &= nsMask
	}
}

// mkTime returns the Time secs seconds after January 1, year 1 UTC plus ns nanoseconds.
func mkTime(secs int64, ns int32) Time { return Time{wall: uint64(ns), ext: secs} }

const (
	secondsPerMinute = 60
	secondsPerHour   = 3600
	secondsPerDay    = 86400
	// The Unix epoch, 1970-01-01 00:00:00 UTC, in seconds since January 1, year 1.
	unixEpoch int64 = 62135596800
	// Bounds a zone's validity can have: before and after every time.
	alpha int64 = -1 << 63
	omega int64 = 1<<63 - 1
)

// The runtime's clocks (runtime/time.go): the wall clock and the monotonic reading.
//
//go:linkname now runtime.time_now
func now() (sec int64, nsec int32, mono int64)

//go:linkname runtimeNano runtime.time_runtimeNano
func runtimeNano() int64

// startNano is the monotonic clock just before the program started, so that monotonic
// readings, as String prints them, count from about zero (Go: time.go startNano).
var startNano int64 = runtimeNano() - 1

// Now returns the current time in Local, with a monotonic clock reading.
func Now() Time {
	sec, nsec, mono := now()
	s := sec + unixEpoch - wallEpoch
	if uint64(s)>>33 != 0 {
		// Outside 1885..2157 there is no room for the reading.
		return Time{uint64(nsec), sec + unixEpoch, Local}
	}
	return Time{monoFlag | uint64(s)<<30 | uint64(nsec), mono - startNano, Local}
}

// Since returns the time elapsed since t: Now().Sub(t).
func Since(t Time) Duration { return Now().Sub(t) }

// Until returns the duration until t: t.Sub(Now()).
func Until(t Time) Duration { return t.Sub(Now()) }

// Unix returns the local Time sec seconds and nsec nanoseconds after January 1, 1970 UTC;
// nsec may be outside [0, 999999999].
func Unix(sec int64, nsec int64) Time {
	if nsec < 0 || nsec >= 1e9 {
		carry := nsec / 1e9
		sec += carry
		nsec -= carry * 1e9
		if nsec < 0 {
			nsec += 1e9
			sec--
		}
	}
	t := mkTime(sec+unixEpoch, int32(nsec))
	t.loc = Local
	return t
}

// UnixMilli returns the local Time msec milliseconds after the Unix epoch.
func UnixMilli(msec int64) Time { return Unix(msec/1e3, msec%1e3*1e6) }

// UnixMicro returns the local Time usec microseconds after the Unix epoch.
func UnixMicro(usec int64) Time { return Unix(usec/1e6, usec%1e6*1e3) }

// setLoc stores loc, keeping UTC as nil so that equal UTC times compare equal with ==.
func (t *Time) setLoc(loc *Location) {
	if loc == &utcLoc {
		loc = nil
	}
	t.stripMono()
	t.loc = loc
}

// Unix returns t as seconds since January 1, 1970 UTC.
func (t Time) Unix() int64 { return t.secs() - unixEpoch }

// UnixMilli returns t as milliseconds since the Unix epoch.
func (t Time) UnixMilli() int64 { return (t.secs()-unixEpoch)*1e3 + int64(t.ns())/1e6 }

// UnixMicro returns t as microseconds since the Unix epoch.
func (t Time) UnixMicro() int64 { return (t.secs()-unixEpoch)*1e6 + int64(t.ns())/1e3 }

// UnixNano returns t as nanoseconds since the Unix epoch (overflowing outside 1678-2262).
func (t Time) UnixNano() int64 { return (t.secs()-unixEpoch)*1e9 + int64(t.ns()) }

// IsZero reports whether t is the zero time, January 1, year 1, 00:00:00 UTC.
func (t Time) IsZero() bool { return t.secs() == 0 && t.ns() == 0 }

// After reports whether t is after u.
func (t Time) After(u Time) bool {
	if t.wall&u.wall&monoFlag != 0 {
		return t.ext > u.ext
	}
	ts, us := t.secs(), u.secs()
	return ts > us || ts == us && t.ns() > u.ns()
}

// Before reports whether t is before u.
func (t Time) Before(u Time) bool {
	if t.wall&u.wall&monoFlag != 0 {
		return t.ext < u.ext
	}
	ts, us := t.secs(), u.secs()
	return ts < us || ts == us && t.ns() < u.ns()
}

// Equal reports whether t and u are the same instant, whatever their locations.
func (t Time) Equal(u Time) bool {
	if t.wall&u.wall&monoFlag != 0 {
		return t.ext == u.ext
	}
	return t.secs() == u.secs() && t.ns() == u.ns()
}

// Add returns t+d. The monotonic reading moves with it unless it would overflow.
func (t Time) Add(d Duration) Time {
	secs := int64(d / 1e9)
	n := int32(t.ns()) + int32(d%1e9)
	if n >= 1e9 {
		secs++
		n -= 1e9
	} else if n < 0 {
		secs--
		n += 1e9
	}
	t.wall = t.wall&^nsMask | uint64(n)
	t.addSecs(secs)
	if t.hasMono() {
		m := t.ext + int64(d)
		if d < 0 && m > t.ext || d > 0 && m < t.ext {
			t.stripMono()
		} else {
			t.ext = m
		}
	}
	return t
}

// Sub returns t-u, clamped to the Duration range. With monotonic readings on both it is
// their difference.
func (t Time) Sub(u Time) Duration {
	if t.wall&u.wall&monoFlag != 0 {
		d := Duration(t.ext - u.ext)
		if d < 0 && t.ext > u.ext {
			return maxDuration
		}
		if d > 0 && t.ext < u.ext {
			return minDuration
		}
		return d
	}
	d := Duration(t.secs()-u.secs())*Second + Duration(t.ns()-u.ns())
	// The multiplication may have overflowed: it is right if adding it back gives t.
	if u.Add(d).Equal(t) {
		return d
	}
	if t.Before(u) {
		return minDuration
	}
	return maxDuration
}

// Location returns t's location (UTC for the zero location).
func (t Time) Location() *Location {
	if t.loc == nil {
		return UTC
	}
	return t.loc
}

// UTC returns t in UTC.
func (t Time) UTC() Time {
	t.setLoc(&utcLoc)
	return t
}

// Local returns t in Local.
func (t Time) Local() Time {
	t.setLoc(Local)
	return t
}

// In returns t in loc; it panics if loc is nil, as Go's does.
func (t Time) In(loc *Location) Time {
	if loc == nil {
		panic("time: missing Location in call to Time.In")
	}
	t.setLoc(loc)
	return t
}

// Round returns t rounded to the nearest multiple of d since the zero time, halfway up,
// without a monotonic reading. d <= 0 only strips the reading.
func (t Time) Round(d Duration) Time {
	t.stripMono()
	if d <= 0 {
		return t
	}
	r := t.modulo(d)
	if halfBelow(r, d) {
		return t.Add(-r)
	}
	return t.Add(d - r)
}

// Truncate returns t rounded down to a multiple of d since the zero time, without a
// monotonic reading. d <= 0 only strips the reading.
func (t Time) Truncate(d Duration) Time {
	t.stripMono()
	if d <= 0 {
		return t
	}
	return t.Add(-t.modulo(d))
}

// modulo returns (t - zero time) mod d, in [0, d). The nanoseconds since the zero time
// need 128 bits; the remainder is found one bit at a time, which keeps it below 2^64.
func (t Time) modulo(d Duration) Duration {
	sec, nsec := t.secs(), int64(t.ns())
	neg := sec < 0
	if neg {
		// Work on the magnitude; the remainder is reflected at the end.
		sec, nsec = -sec, -nsec
		if nsec < 0 {
			nsec += 1e9
			sec--
		}
	}
	// hi:lo = sec*1e9 + nsec.
	s := uint64(sec)
	lo := (s&0xffffffff)*1e9 + uint64(nsec)
	hi := (s >> 32) * 1e9
	// hi carries bits 32 and up of the product; fold into a 128-bit pair.
	top := hi >> 32
	mid := hi << 32
	lo2 := lo + mid
	if lo2 < lo {
		top++
	}
	var r uint64
	m := uint64(d)
	for i := 127; i >= 0; i-- {
		var bit uint64
		if i >= 64 {
			bit = top >> uint(i-64) & 1
		} else {
			bit = lo2 >> uint(i) & 1
		}
		r = r<<1 | bit
		if r >= m {
			r -= m
		}
	}
	if neg && r != 0 {
		r = m - r
	}
	return Duration(r)
}

// A Month of the year (January = 1).
type Month int

// The months.
const (
	January Month = 1 + iota
	February
	March
	April
	May
	June
	July
	August
	September
	October
	November
	December
)

var monthNames = []string{
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
}

// String returns the month's English name, or "%!Month(n)" for any other value, n as an
// unsigned 64-bit number as Go writes it.
func (m Month) String() string {
	if m >= January && m <= December {
		return monthNames[m-1]
	}
	return "%!Month(" + string(appendUint(nil, uint64(m))) + ")"
}

// A Weekday (Sunday = 0).
type Weekday int

// The days of the week.
const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

var dayNames = []string{
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
}

// String returns the day's English name, or "%!Weekday(n)" for any other value.
func (d Weekday) String() string {
	if d >= Sunday && d <= Saturday {
		return dayNames[d]
	}
	return "%!Weekday(" + string(appendUint(nil, uint64(d))) + ")"
}

// itoa writes v in decimal.
func itoa(v int) string {
	var buf [24]byte
	b := buf[:0]
	if v < 0 {
		b = append(b, '-')
		return string(appendUint(b, uint64(-int64(v))))
	}
	return string(appendUint(b, uint64(v)))
}

// String formats t as "2006-01-02 15:04:05.999999999 -0700 MST", followed by the monotonic
// reading as " m=±seconds.nanoseconds" when t has one.
func (t Time) String() string {
	b := t.AppendFormat(make([]byte, 0, 64), "2006-01-02 15:04:05.999999999 -0700 MST")
	if t.hasMono() {
		m := uint64(t.ext)
		sign := byte('+')
		if t.ext < 0 {
			sign = '-'
			m = -m
		}
		b = append(b, " m="...)
		b = append(b, sign)
		secs, frac := m/1e9, m%1e9
		b = appendUint(b, secs)
		b = append(b, '.')
		b = appendPadded(b, int(frac), 9)
	}
	return string(b)
}

// GoString returns t as the Go expression that makes it, as %#v prints it.
func (t Time) GoString() string {
	year, month, day := t.Date()
	hour, min, sec := t.Clock()
	b := make([]byte, 0, 80)
	b = append(b, "time.Date("...)
	b = append(b, itoa(year)...)
	if month >= January && month <= December {
		b = append(b, ", time."...)
		b = append(b, month.String()...)
	} else {
		b = append(b, ", "...)
		b = append(b, itoa(int(month))...)
	}
	for _, v := range []int{day, hour, min, sec, t.Nanosecond()} {
		b = append(b, ", "...)
		b = append(b, itoa(v)...)
	}
	b = append(b, ", "...)
	switch loc := t.Location(); loc {
	case UTC:
		b = append(b, "time.UTC"...)
	case Local:
		b = append(b, "time.Local"...)
	default:
		b = append(b, "time.Location("...)
		b = append(b, quote(loc.name)...)
		b = append(b, ')')
	}
	return string(append(b, ')'))
}
