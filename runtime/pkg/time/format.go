// Formatting times with Go's layout language: a layout is the reference time
// "Mon Jan 2 15:04:05 MST 2006" written the way the output should look. The elements
// recognised, and how each is written, are Go 1.19's (time/format.go: the std* list and
// nextStdChunk's matching order, e.g. "_2006" is '_' then the year, ".000" and ",999" are
// fractional seconds only when no digit follows); the scanner and writer are tbuild's.

package time

// The standard layouts (Go 1.19's set).
const (
	Layout      = "01/02 03:04:05PM '06 -0700"
	ANSIC       = "Mon Jan _2 15:04:05 2006"
	UnixDate    = "Mon Jan _2 15:04:05 MST 2006"
	RubyDate    = "Mon Jan 02 15:04:05 -0700 2006"
	RFC822      = "02 Jan 06 15:04 MST"
	RFC822Z     = "02 Jan 06 15:04 -0700"
	RFC850      = "Monday, 02-Jan-06 15:04:05 MST"
	RFC1123     = "Mon, 02 Jan 2006 15:04:05 MST"
	RFC1123Z    = "Mon, 02 Jan 2006 15:04:05 -0700"
	RFC3339     = "2006-01-02T15:04:05Z07:00"
	RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
	Kitchen     = "3:04PM"
	Stamp       = "Jan _2 15:04:05"
	StampMilli  = "Jan _2 15:04:05.000"
	StampMicro  = "Jan _2 15:04:05.000000"
	StampNano   = "Jan _2 15:04:05.000000000"
)

// The layout elements.
const (
	elNone         = iota
	elLongMonth    // January
	elMonth        // Jan
	elNumMonth     // 1
	elZeroMonth    // 01
	elLongWeekDay  // Monday
	elWeekDay      // Mon
	elDay          // 2
	elUnderDay     // _2
	elZeroDay      // 02
	elUnderYearDay // __2
	elZeroYearDay  // 002
	elHour         // 15
	elHour12       // 3
	elZeroHour12   // 03
	elMinute       // 4
	elZeroMinute   // 04
	elSecond       // 5
	elZeroSecond   // 05
	elLongYear     // 2006
	elYear         // 06
	elPM           // PM
	elpm           // pm
	elTZ           // MST
	elISOTZ        // Z0700
	elISOSecsTZ    // Z070000
	elISOShortTZ   // Z07
	elISOColonTZ   // Z07:00
	elISOColonSecs // Z07:00:00
	elNumTZ        // -0700
	elNumSecsTZ    // -070000
	elNumShortTZ   // -07
	elNumColonTZ   // -07:00
	elNumColonSecs // -07:00:00
	elFrac0        // .0, .00, ... (fixed digits); ',' works as the separator too
	elFrac9        // .9, .99, ... (trailing zeros dropped)
)

// An element found in a layout: its kind, and for fractions the digit count and separator.
type element struct {
	kind   int
	digits int
	sep    byte
}

// hasPrefix reports whether s starts with p.
func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// lowerAt reports whether s[i] is a lower-case ASCII letter: "Jan" and "Mon" followed by
// one ("Janet", "Month") are literal text.
func lowerAt(s string, i int) bool { return i < len(s) && s[i] >= 'a' && s[i] <= 'z' }

// nextElement splits layout into the literal text before its first element, that element
// and the rest; kind elNone when there is none.
func nextElement(layout string) (prefix string, el element, rest string) {
	for i := 0; i < len(layout); i++ {
		s := layout[i:]
		kind, n := elNone, 0
		switch c := s[0]; c {
		case 'J':
			if hasPrefix(s, "January") {
				kind, n = elLongMonth, 7
			} else if hasPrefix(s, "Jan") && !lowerAt(s, 3) {
				kind, n = elMonth, 3
			}
		case 'M':
			if hasPrefix(s, "Monday") {
				kind, n = elLongWeekDay, 6
			} else if hasPrefix(s, "Mon") && !lowerAt(s, 3) {
				kind, n = elWeekDay, 3
			} else if hasPrefix(s, "MST") {
				kind, n = elTZ, 3
			}
		case '0':
			if hasPrefix(s, "002") {
				kind, n = elZeroYearDay, 3
			} else if len(s) >= 2 && s[1] >= '1' && s[1] <= '6' {
				kind = []int{elZeroMonth, elZeroDay, elZeroHour12, elZeroMinute, elZeroSecond, elYear}[s[1]-'1']
				n = 2
			}
		case '1':
			if hasPrefix(s, "15") {
				kind, n = elHour, 2
			} else {
				kind, n = elNumMonth, 1
			}
		case '2':
			if hasPrefix(s, "2006") {
				kind, n = elLongYear, 4
			} else {
				kind, n = elDay, 1
			}
		case '_':
			if hasPrefix(s, "_2006") {
				// A literal '_' followed by the year.
				return layout[:i+1], element{kind: elLongYear}, layout[i+5:]
			} else if hasPrefix(s, "_2") {
				kind, n = elUnderDay, 2
			} else if hasPrefix(s, "__2") {
				kind, n = elUnderYearDay, 3
			}
		case '3':
			kind, n = elHour12, 1
		case '4':
			kind, n = elMinute, 1
		case '5':
			kind, n = elSecond, 1
		case 'P':
			if hasPrefix(s, "PM") {
				kind, n = elPM, 2
			}
		case 'p':
			if hasPrefix(s, "pm") {
				kind, n = elpm, 2
			}
		case '-':
			kind, n = zoneElement(s[1:], elNumTZ, elNumSecsTZ, elNumShortTZ, elNumColonTZ, elNumColonSecs)
		case 'Z':
			kind, n = zoneElement(s[1:], elISOTZ, elISOSecsTZ, elISOShortTZ, elISOColonTZ, elISOColonSecs)
		case '.', ',':
			if len(s) >= 2 && (s[1] == '0' || s[1] == '9') {
				j := 1
				for j < len(s) && s[j] == s[1] {
					j++
				}
				if j == len(s) || s[j] < '0' || s[j] > '9' {
					kind := elFrac0
					if s[1] == '9' {
						kind = elFrac9
					}
					return layout[:i], element{kind, j - 1, c}, s[j:]
				}
			}
		}
		if kind != elNone {
			return layout[:i], element{kind: kind}, s[n:]
		}
	}
	return layout, element{}, ""
}

// zoneElement matches the numeric zone forms after their '-' or 'Z': 070000, 07:00:00, 0700,
// 07:00 and 07, longest first. n counts the leading character too.
func zoneElement(s string, plain, secs, short, colon, colonSecs int) (int, int) {
	switch {
	case hasPrefix(s, "07:00:00"):
		return colonSecs, 9
	case hasPrefix(s, "070000"):
		return secs, 7
	case hasPrefix(s, "0700"):
		return plain, 5
	case hasPrefix(s, "07:00"):
		return colon, 6
	case hasPrefix(s, "07"):
		return short, 3
	}
	return elNone, 0
}

// appendPadded writes v in decimal with at least width digits (zero-padded), after a '-'
// when negative.
func appendPadded(b []byte, v int, width int) []byte {
	u := uint64(v)
	if v < 0 {
		b = append(b, '-')
		u = -u
	}
	var tmp [20]byte
	i := len(tmp)
	for u > 0 || len(tmp)-i < width || i == len(tmp) {
		i--
		tmp[i] = byte('0' + u%10)
		u /= 10
	}
	return append(b, tmp[i:]...)
}

// Format returns t written in layout.
func (t Time) Format(layout string) string {
	var buf [64]byte
	return string(t.AppendFormat(buf[:0], layout))
}

// AppendFormat is Format appending to b.
func (t Time) AppendFormat(b []byte, layout string) []byte {
	name, offset, secs := t.local()
	year, month, day, yday, wd, hour, min, sec := split(secs)
	for layout != "" {
		prefix, el, rest := nextElement(layout)
		b = append(b, prefix...)
		if el.kind == elNone {
			break
		}
		layout = rest
		switch el.kind {
		case elYear:
			y := year
			if y < 0 {
				y = -y
			}
			b = appendPadded(b, y%100, 2)
		case elLongYear:
			b = appendPadded(b, year, 4)
		case elMonth:
			b = append(b, month.String()[:3]...)
		case elLongMonth:
			b = append(b, month.String()...)
		case elNumMonth:
			b = appendPadded(b, int(month), 0)
		case elZeroMonth:
			b = appendPadded(b, int(month), 2)
		case elWeekDay:
			b = append(b, wd.String()[:3]...)
		case elLongWeekDay:
			b = append(b, wd.String()...)
		case elDay:
			b = appendPadded(b, day, 0)
		case elUnderDay:
			if day < 10 {
				b = append(b, ' ')
			}
			b = appendPadded(b, day, 0)
		case elZeroDay:
			b = appendPadded(b, day, 2)
		case elUnderYearDay:
			if yday < 100 {
				b = append(b, ' ')
				if yday < 10 {
					b = append(b, ' ')
				}
			}
			b = appendPadded(b, yday, 0)
		case elZeroYearDay:
			b = appendPadded(b, yday, 3)
		case elHour:
			b = appendPadded(b, hour, 2)
		case elHour12, elZeroHour12:
			h := hour % 12
			if h == 0 {
				h = 12
			}
			width := 0
			if el.kind == elZeroHour12 {
				width = 2
			}
			b = appendPadded(b, h, width)
		case elMinute:
			b = appendPadded(b, min, 0)
		case elZeroMinute:
			b = appendPadded(b, min, 2)
		case elSecond:
			b = appendPadded(b, sec, 0)
		case elZeroSecond:
			b = appendPadded(b, sec, 2)
		case elPM, elpm:
			s := "AM"
			if hour >= 12 {
				s = "PM"
			}
			if el.kind == elpm {
				s = []string{"am", "pm"}[hour/12]
			}
			b = append(b, s...)
		case elTZ:
			if name != "" {
				b = append(b, name...)
				break
			}
			// An unnamed zone is written as its offset, -0700 style.
			b = appendOffset(b, offset, false, false, true)
		case elISOTZ, elISOSecsTZ, elISOShortTZ, elISOColonTZ, elISOColonSecs:
			if offset == 0 {
				b = append(b, 'Z')
				break
			}
			b = appendOffset(b, offset, el.kind == elISOColonTZ || el.kind == elISOColonSecs,
				el.kind == elISOSecsTZ || el.kind == elISOColonSecs, el.kind != elISOShortTZ)
		case elNumTZ, elNumSecsTZ, elNumShortTZ, elNumColonTZ, elNumColonSecs:
			b = appendOffset(b, offset, el.kind == elNumColonTZ || el.kind == elNumColonSecs,
				el.kind == elNumSecsTZ || el.kind == elNumColonSecs, el.kind != elNumShortTZ)
		case elFrac0, elFrac9:
			b = appendFrac(b, int(t.ns()), el)
		}
	}
	return b
}

// appendOffset writes a UTC offset as ±hh, with mm and ss as asked, colon-separated or not.
// As in Go, the sign is that of the whole minutes, so an offset of -30s is "+00" with
// seconds "-30" (time/format.go appendFormat).
func appendOffset(b []byte, offset int, colon, withSecs, withMins bool) []byte {
	mins := offset / 60
	secs := offset
	if mins < 0 {
		b = append(b, '-')
		mins = -mins
		secs = -secs
	} else {
		b = append(b, '+')
	}
	b = appendPadded(b, mins/60, 2)
	if withMins || withSecs {
		if colon {
			b = append(b, ':')
		}
		b = appendPadded(b, mins%60, 2)
	}
	if withSecs {
		if colon {
			b = append(b, ':')
		}
		b = appendPadded(b, secs%60, 2)
	}
	return b
}

// appendFrac writes the fraction of a second ns with el.digits digits (truncated), or for
// the .999 form up to that many with trailing zeros and an empty fraction left out.
func appendFrac(b []byte, ns int, el element) []byte {
	var digits [9]byte
	for i := 8; i >= 0; i-- {
		digits[i] = byte('0' + ns%10)
		ns /= 10
	}
	n := el.digits
	if n > 9 {
		n = 9
	}
	if el.kind == elFrac9 {
		for n > 0 && digits[n-1] == '0' {
			n--
		}
		if n == 0 {
			return b
		}
	}
	b = append(b, el.sep)
	return append(b, digits[:n]...)
}
