// Durations: the Duration type (an int64 count of nanoseconds), its unit constants, its
// String form ("1h2m3.5s", "1.5µs", "0s") and ParseDuration, which reads that form back.
// The formats and error messages are Go 1.19's (time/time.go Duration.String, time/format.go
// ParseDuration); the code is tbuild's.

package time

import "errors"

// A Duration is the time between two instants in nanoseconds; about 290 years either way.
type Duration int64

const (
	minDuration Duration = -1 << 63
	maxDuration Duration = 1<<63 - 1
)

// The units, each a count of nanoseconds.
const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

// String writes d as Go does: hours, minutes and seconds ("72h3m0.5s") from one second up,
// a single unit below it ("1.5ms", "2µs", "800ns"), "0s" for zero, with a leading '-' when
// negative. Fractions lose their trailing zeros.
func (d Duration) String() string {
	var buf [32]byte
	return string(d.appendTo(buf[:0]))
}

func (d Duration) appendTo(b []byte) []byte {
	if d == 0 {
		return append(b, "0s"...)
	}
	// The magnitude as unsigned, so that the smallest Duration has one too.
	u := uint64(d)
	if d < 0 {
		b = append(b, '-')
		u = -u
	}
	if u < uint64(Second) {
		// One unit with up to 9, 6 or 3 fractional digits.
		switch {
		case u < uint64(Microsecond):
			b = appendUint(b, u)
			return append(b, "ns"...)
		case u < uint64(Millisecond):
			b = appendFraction(b, u, 3)
			return append(b, "µs"...)
		default:
			b = appendFraction(b, u, 6)
			return append(b, "ms"...)
		}
	}
	b = appendHMS(b, u)
	return b
}

// appendHMS writes u nanoseconds (at least a second) as [Hh][Mm]S[.fff]s; the minutes are
// written whenever the hours are.
func appendHMS(b []byte, u uint64) []byte {
	secs := u / 1e9
	frac := u % 1e9
	hours := secs / 3600
	mins := secs / 60 % 60
	secs %= 60
	if hours > 0 {
		b = appendUint(b, hours)
		b = append(b, 'h')
	}
	if hours > 0 || mins > 0 {
		b = appendUint(b, mins)
		b = append(b, 'm')
	}
	b = appendFraction(b, secs*1e9+frac, 9)
	return append(b, 's')
}

// appendFraction writes v / 10^digits with the fraction's trailing zeros (and a bare '.')
// left out.
func appendFraction(b []byte, v uint64, digits int) []byte {
	var pow uint64 = 1
	for i := 0; i < digits; i++ {
		pow *= 10
	}
	b = appendUint(b, v/pow)
	f := v % pow
	if f == 0 {
		return b
	}
	var tmp [9]byte
	for i := digits - 1; i >= 0; i-- {
		tmp[i] = byte('0' + f%10)
		f /= 10
	}
	n := digits
	for tmp[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, tmp[:n]...)
}

// appendUint writes v in decimal.
func appendUint(b []byte, v uint64) []byte {
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return append(b, tmp[i:]...)
}

// Nanoseconds returns d as a count of nanoseconds.
func (d Duration) Nanoseconds() int64 { return int64(d) }

// Microseconds returns d as a whole count of microseconds, truncated toward zero.
func (d Duration) Microseconds() int64 { return int64(d) / 1e3 }

// Milliseconds returns d as a whole count of milliseconds, truncated toward zero.
func (d Duration) Milliseconds() int64 { return int64(d) / 1e6 }

// Seconds, Minutes and Hours return d in that unit as a float64. The whole units and the
// rest are converted separately, as Go does, so that the result is the same as Go's.
func (d Duration) Seconds() float64 {
	whole, rest := d/Second, d%Second
	return float64(whole) + float64(rest)/1e9
}

// Minutes returns d as a floating-point count of minutes.
func (d Duration) Minutes() float64 {
	whole, rest := d/Minute, d%Minute
	return float64(whole) + float64(rest)/(60*1e9)
}

// Hours returns d as a floating-point count of hours.
func (d Duration) Hours() float64 {
	whole, rest := d/Hour, d%Hour
	return float64(whole) + float64(rest)/(3600*1e9)
}

// Truncate rounds d toward zero to a multiple of m; m <= 0 leaves d as it is.
func (d Duration) Truncate(m Duration) Duration {
	if m <= 0 {
		return d
	}
	return d - d%m
}

// halfBelow reports whether r is less than half of m (both non-negative), without
// overflowing when r is large.
func halfBelow(r, m Duration) bool {
	return uint64(r)+uint64(r) < uint64(m)
}

// Round rounds d to the nearest multiple of m, halfway cases away from zero; when the result
// would overflow it is the largest (or smallest) Duration. m <= 0 leaves d as it is.
func (d Duration) Round(m Duration) Duration {
	if m <= 0 {
		return d
	}
	r := d % m
	if d >= 0 {
		if halfBelow(r, m) {
			return d - r
		}
		if up := d + (m - r); up > d {
			return up
		}
		return maxDuration
	}
	r = -r
	if halfBelow(r, m) {
		return d + r
	}
	if down := d - (m - r); down < d {
		return down
	}
	return minDuration
}

// Abs returns |d|; the smallest Duration, which has no positive counterpart, gives the largest.
func (d Duration) Abs() Duration {
	if d >= 0 {
		return d
	}
	if d == minDuration {
		return maxDuration
	}
	return -d
}

// The units ParseDuration accepts (Go: time/format.go unitMap): both micro signs, U+00B5 and
// U+03BC, as well as "us".
func unitOf(u string) (uint64, bool) {
	switch u {
	case "ns":
		return uint64(Nanosecond), true
	case "us", "µs", "μs":
		return uint64(Microsecond), true
	case "ms":
		return uint64(Millisecond), true
	case "s":
		return uint64(Second), true
	case "m":
		return uint64(Minute), true
	case "h":
		return uint64(Hour), true
	}
	return 0, false
}

// ParseDuration reads a duration: an optional sign and one or more decimal numbers, each
// with an optional fraction and a unit ("300ms", "-1.5h", "2h45m"). "0" needs no unit.
// Errors are Go's: "time: invalid duration", "time: missing unit in duration" and
// "time: unknown unit".
func ParseDuration(s string) (Duration, error) {
	orig := s
	invalid := errors.New("time: invalid duration " + quote(orig))
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "0" {
		return 0, nil
	}
	if s == "" {
		return 0, invalid
	}
	var total uint64
	for s != "" {
		if s[0] != '.' && (s[0] < '0' || s[0] > '9') {
			return 0, invalid
		}
		// The whole part: an overflow past 2^63 is an error.
		var whole uint64
		i := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if whole > 1<<63/10 {
				return 0, invalid
			}
			whole = whole*10 + uint64(s[i]-'0')
			if whole > 1<<63 {
				return 0, invalid
			}
		}
		digits := i > 0
		s = s[i:]
		// The fraction: digits beyond what fits are read and ignored.
		var frac uint64
		scale := 1.0
		if s != "" && s[0] == '.' {
			s = s[1:]
			full := false
			j := 0
			for ; j < len(s) && s[j] >= '0' && s[j] <= '9'; j++ {
				if full {
					continue
				}
				if frac > (1<<63-1)/10 {
					full = true
					continue
				}
				next := frac*10 + uint64(s[j]-'0')
				if next > 1<<63 {
					full = true
					continue
				}
				frac = next
				scale *= 10
			}
			if j > 0 {
				digits = true
			}
			s = s[j:]
		}
		if !digits {
			return 0, invalid
		}
		// The unit runs to the next digit or '.'.
		k := 0
		for k < len(s) && s[k] != '.' && (s[k] < '0' || s[k] > '9') {
			k++
		}
		if k == 0 {
			return 0, errors.New("time: missing unit in duration " + quote(orig))
		}
		u := s[:k]
		s = s[k:]
		unit, ok := unitOf(u)
		if !ok {
			return 0, errors.New("time: unknown unit " + quote(u) + " in duration " + quote(orig))
		}
		if whole > 1<<63/unit {
			return 0, invalid
		}
		v := whole * unit
		if frac > 0 {
			// In float64, as Go computes it, so that fractions of an hour round as Go's do.
			v += uint64(float64(frac) * (float64(unit) / scale))
			if v > 1<<63 {
				return 0, invalid
			}
		}
		total += v
		if total > 1<<63 {
			return 0, invalid
		}
	}
	if neg {
		return -Duration(total), nil
	}
	if total > 1<<63-1 {
		return 0, invalid
	}
	return Duration(total), nil
}

// quote writes s in double quotes for an error message, as Go's time does: a byte outside
// printable ASCII is written as \xNN (every byte of a multi-byte character), and '"' and
// '\' get a backslash.
func quote(s string) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i, r := range s {
		if r >= 0x80 || r < ' ' {
			n := len(string(r))
			if r == 0xFFFD {
				// An invalid byte decodes as U+FFFD of width 1, unless the text really
				// holds U+FFFD's three bytes.
				n = 1
				if i+3 <= len(s) && s[i:i+3] == "\uFFFD" {
					n = 3
				}
			}
			for j := 0; j < n; j++ {
				c := s[i+j]
				b = append(b, '\\', 'x', hex[c>>4], hex[c&15])
			}
			continue
		}
		if r == '"' || r == '\\' {
			b = append(b, '\\')
		}
		b = append(b, byte(r))
	}
	return string(append(b, '"'))
}
