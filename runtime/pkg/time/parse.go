// Parsing times with Go's layout language (Parse, ParseInLocation). What each layout
// element accepts, which part of the value an error quotes, and the error texts ("cannot
// parse ... as ...", ": hour out of range", ": extra text: ...") are Go 1.19's
// (time/format.go parse); so is the choice of location for a parsed zone: a numeric offset
// or abbreviation that the local zone has at that time gives a Time in Local, any other a
// FixedZone.

package time

import "errors"

// A ParseError describes a value that does not match its layout.
type ParseError struct {
	Layout     string
	Value      string
	LayoutElem string
	ValueElem  string
	Message    string
}

// Error returns the message Go's ParseError gives.
func (e *ParseError) Error() string {
	if e.Message != "" {
		return "parsing time " + quote(e.Value) + e.Message
	}
	return "parsing time " + quote(e.Value) + " as " + quote(e.Layout) + ": cannot parse " +
		quote(e.ValueElem) + " as " + quote(e.LayoutElem)
}

// errBad marks an element that does not match; the caller turns it into a ParseError.
var errBad = errors.New("bad value for field")

// Parse reads value as written in layout. A value without a zone is UTC; a zone offset
// or abbreviation is matched against Local as Go's Parse does.
func Parse(layout, value string) (Time, error) {
	return parseTime(layout, value, UTC, Local)
}

// ParseInLocation is Parse with loc instead of UTC for values without a zone, and loc
// instead of Local for interpreting a zone.
func ParseInLocation(layout, value string, loc *Location) (Time, error) {
	return parseTime(layout, value, loc, loc)
}

// skipLiteral matches the literal text lit at the front of value; a space in lit matches
// any run of spaces (at least as many as lit has) in value. On a mismatch it returns what
// is left of value there.
func skipLiteral(value, lit string) (string, bool) {
	for lit != "" {
		if lit[0] == ' ' {
			if value != "" && value[0] != ' ' {
				return value, false
			}
			for lit != "" && lit[0] == ' ' {
				lit = lit[1:]
			}
			for value != "" && value[0] == ' ' {
				value = value[1:]
			}
			continue
		}
		if value == "" || value[0] != lit[0] {
			return value, false
		}
		lit, value = lit[1:], value[1:]
	}
	return value, true
}

// digitAt reports whether s[i] exists and is a decimal digit.
func digitAt(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

// twoDigits reads one or two digits (exactly two when fixed).
func twoDigits(s string, fixed bool) (int, string, bool) {
	if !digitAt(s, 0) {
		return 0, s, false
	}
	if !digitAt(s, 1) {
		if fixed {
			return 0, s, false
		}
		return int(s[0] - '0'), s[1:], true
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), s[2:], true
}

// threeDigits reads one to three digits (exactly three when fixed).
func threeDigits(s string, fixed bool) (int, string, bool) {
	n, i := 0, 0
	for i < 3 && digitAt(s, i) {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || fixed && i != 3 {
		return 0, s, false
	}
	return n, s[i:], true
}

// number reads all of s as an optionally signed decimal integer.
func number(s string) (int, bool) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	v, rest, ok := digitsPrefix(s)
	if !ok || rest != "" {
		return 0, false
	}
	if neg {
		return -int(v), true
	}
	return int(v), true
}

// digitsPrefix reads the leading decimal digits of s (none is 0), failing past 2^63.
func digitsPrefix(s string) (uint64, string, bool) {
	var v uint64
	i := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if v > 1<<63/10 {
			return 0, "", false
		}
		v = v*10 + uint64(s[i]-'0')
		if v > 1<<63 {
			return 0, "", false
		}
	}
	return v, s[i:], true
}

// nameIndex finds which of names starts value, ignoring ASCII case.
func nameIndex(names []string, value string) (int, string, bool) {
	for i, name := range names {
		if len(value) >= len(name) && sameFold(value[:len(name)], name) {
			return i, value[len(name):], true
		}
	}
	return -1, value, false
}

// sameFold compares a and b (of equal length), treating ASCII letters case-insensitively.
func sameFold(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		x |= 0x20
		y |= 0x20
		if x != y || x < 'a' || x > 'z' {
			return false
		}
	}
	return true
}

var shortMonths = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
var shortDays = []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// fraction reads a separator and the digits of value[1:n] as nanoseconds (at most nine
// digits count). A sign is read as Go's does, and a negative fraction is out of range.
func fraction(value string, n int) (ns int, outOfRange string, ok bool) {
	if value[0] != '.' && value[0] != ',' {
		return 0, "", false
	}
	if n > 10 {
		n = 10
	}
	if ns, ok = number(value[1:n]); !ok {
		return 0, "", false
	}
	if ns < 0 {
		return 0, "fractional second", true
	}
	for i := n; i < 10; i++ {
		ns *= 10
	}
	return ns, "", true
}

// zoneAbbrevLen returns the length of the zone abbreviation at the front of value: three
// to five capitals (four ending in T or WITA, five ending in T), ChST and MeST, GMT with an
// optional signed hour offset, or a signed hour offset such as "+03".
func zoneAbbrevLen(value string) (int, bool) {
	if len(value) < 3 {
		return 0, false
	}
	if hasPrefix(value, "ChST") || hasPrefix(value, "MeST") {
		return 4, true
	}
	if value[:3] == "GMT" {
		return 3 + signedHours(value[3:]), true
	}
	if value[0] == '+' || value[0] == '-' {
		n := signedHours(value)
		return n, n > 0
	}
	caps := 0
	for caps < 6 && caps < len(value) && value[caps] >= 'A' && value[caps] <= 'Z' {
		caps++
	}
	switch caps {
	case 3:
		return 3, true
	case 4:
		if value[3] == 'T' || value[:4] == "WITA" {
			return 4, true
		}
	case 5:
		if value[4] == 'T' {
			return 5, true
		}
	}
	return 0, false
}

// signedHours returns the length of a leading sign and hour count up to 23, or 0.
func signedHours(s string) int {
	if s == "" || s[0] != '+' && s[0] != '-' {
		return 0
	}
	v, rest, ok := digitsPrefix(s[1:])
	if !ok || len(rest) == len(s)-1 || v > 23 {
		return 0
	}
	return len(s) - len(rest)
}

// parseTime is Parse and ParseInLocation: values without a zone are in def, zones are
// interpreted against local.
func parseTime(layout, value string, def, local *Location) (Time, error) {
	fullLayout, fullValue := layout, value
	year, month, day, yday := 0, -1, -1, -1
	hour, min, sec, nsec := 0, 0, 0, 0
	var zoneLoc *Location
	zoneOffset, zoneName := -1, ""
	am, pm := false, false
	for {
		prefix, el, rest := nextElement(layout)
		elem := layout[len(prefix) : len(layout)-len(rest)]
		var ok bool
		if value, ok = skipLiteral(value, prefix); !ok {
			return Time{}, &ParseError{fullLayout, fullValue, prefix, value, ""}
		}
		if el.kind == elNone {
			if value != "" {
				return Time{}, &ParseError{fullLayout, fullValue, "", value, ": extra text: " + quote(value)}
			}
			break
		}
		layout = rest
		outOfRange := ""
		ok = true
		switch el.kind {
		case elYear:
			if len(value) < 2 {
				ok = false
				break
			}
			if year, ok = number(value[:2]); ok {
				value = value[2:]
				if year >= 69 {
					year += 1900
				} else {
					year += 2000
				}
			}
		case elLongYear:
			if len(value) < 4 || !digitAt(value, 0) {
				ok = false
				break
			}
			year, ok = number(value[:4])
			value = value[4:]
		case elMonth:
			month, value, ok = nameIndex(shortMonths, value)
			month++
		case elLongMonth:
			month, value, ok = nameIndex(monthNames, value)
			month++
		case elNumMonth, elZeroMonth:
			month, value, ok = twoDigits(value, el.kind == elZeroMonth)
			if ok && (month < 1 || month > 12) {
				outOfRange = "month"
			}
		case elWeekDay:
			_, value, ok = nameIndex(shortDays, value)
		case elLongWeekDay:
			_, value, ok = nameIndex(dayNames, value)
		case elDay, elUnderDay, elZeroDay:
			if el.kind == elUnderDay && value != "" && value[0] == ' ' {
				value = value[1:]
			}
			day, value, ok = twoDigits(value, el.kind == elZeroDay)
		case elUnderYearDay, elZeroYearDay:
			for i := 0; i < 2 && el.kind == elUnderYearDay && value != "" && value[0] == ' '; i++ {
				value = value[1:]
			}
			yday, value, ok = threeDigits(value, el.kind == elZeroYearDay)
		case elHour:
			hour, value, ok = twoDigits(value, false)
			if hour > 23 {
				outOfRange = "hour"
			}
		case elHour12, elZeroHour12:
			hour, value, ok = twoDigits(value, el.kind == elZeroHour12)
			if hour > 12 {
				outOfRange = "hour"
			}
		case elMinute, elZeroMinute:
			min, value, ok = twoDigits(value, el.kind == elZeroMinute)
			if min > 59 {
				outOfRange = "minute"
			}
		case elSecond, elZeroSecond:
			sec, value, ok = twoDigits(value, el.kind == elZeroSecond)
			if sec > 59 {
				outOfRange = "second"
				break
			}
			// A fraction after the seconds is read even when the layout has none, unless
			// the layout's next element is one.
			if len(value) >= 2 && (value[0] == '.' || value[0] == ',') && digitAt(value, 1) {
				_, next, _ := nextElement(layout)
				if next.kind == elFrac0 || next.kind == elFrac9 {
					break
				}
				n := 2
				for digitAt(value, n) {
					n++
				}
				nsec, outOfRange, ok = fraction(value, n)
				value = value[n:]
			}
		case elPM, elpm:
			if len(value) < 2 {
				ok = false
				break
			}
			p := value[:2]
			value = value[2:]
			upper := el.kind == elPM
			switch {
			case upper && p == "PM" || !upper && p == "pm":
				pm = true
			case upper && p == "AM" || !upper && p == "am":
				am = true
			default:
				ok = false
			}
		case elISOTZ, elISOColonTZ, elISOShortTZ, elISOSecsTZ, elISOColonSecs,
			elNumTZ, elNumColonTZ, elNumShortTZ, elNumSecsTZ, elNumColonSecs:
			if (el.kind == elISOTZ || el.kind == elISOShortTZ || el.kind == elISOColonTZ) && value != "" && value[0] == 'Z' {
				value = value[1:]
				zoneLoc = UTC
				break
			}
			zoneOffset, value, ok = numericZone(value, el.kind)
		case elTZ:
			if hasPrefix(value, "UTC") {
				zoneLoc = UTC
				value = value[3:]
				break
			}
			n, found := zoneAbbrevLen(value)
			if !found {
				ok = false
				break
			}
			zoneName, value = value[:n], value[n:]
		case elFrac0:
			n := 1 + el.digits
			if len(value) < n {
				ok = false
				break
			}
			nsec, outOfRange, ok = fraction(value, n)
			value = value[n:]
		case elFrac9:
			if len(value) < 2 || value[0] != '.' && value[0] != ',' || !digitAt(value, 1) {
				break
			}
			i := 0
			for i < 9 && digitAt(value, i+1) {
				i++
			}
			nsec, outOfRange, ok = fraction(value, 1+i)
			value = value[1+i:]
		}
		if outOfRange != "" {
			return Time{}, &ParseError{fullLayout, fullValue, elem, value, ": " + outOfRange + " out of range"}
		}
		if !ok {
			return Time{}, &ParseError{fullLayout, fullValue, elem, value, ""}
		}
	}
	if pm && hour < 12 {
		hour += 12
	} else if am && hour == 12 {
		hour = 0
	}

	if yday >= 0 {
		m, d := 0, 0
		if isLeap(year) {
			if yday == 60 {
				m, d = 2, 29
			} else if yday > 60 {
				yday--
			}
		}
		if yday < 1 || yday > 365 {
			return Time{}, &ParseError{fullLayout, fullValue, "", value, ": day-of-year out of range"}
		}
		if m == 0 {
			// Walk a common year's months.
			m, d = 1, yday
			for d > daysIn(Month(m), 1) {
				d -= daysIn(Month(m), 1)
				m++
			}
		}
		if month >= 0 && month != m {
			return Time{}, &ParseError{fullLayout, fullValue, "", value, ": day-of-year does not match month"}
		}
		month = m
		if day >= 0 && day != d {
			return Time{}, &ParseError{fullLayout, fullValue, "", value, ": day-of-year does not match day"}
		}
		day = d
	} else {
		if month < 0 {
			month = 1
		}
		if day < 0 {
			day = 1
		}
	}
	if day < 1 || day > daysIn(Month(month), year) {
		return Time{}, &ParseError{fullLayout, fullValue, "", value, ": day out of range"}
	}

	if zoneLoc != nil {
		return Date(year, Month(month), day, hour, min, sec, nsec, zoneLoc), nil
	}
	if zoneOffset != -1 {
		t := Date(year, Month(month), day, hour, min, sec, nsec, UTC)
		t.addSecs(-int64(zoneOffset))
		// The local zone, if it has this offset (and name) then.
		name, offset, _, _, _ := local.lookup(t.secs() - unixEpoch)
		if offset == zoneOffset && (zoneName == "" || name == zoneName) {
			t.setLoc(local)
			return t, nil
		}
		t.setLoc(FixedZone(zoneName, zoneOffset))
		return t, nil
	}
	if zoneName != "" {
		t := Date(year, Month(month), day, hour, min, sec, nsec, UTC)
		offset, found := local.lookupName(zoneName, t.secs()-unixEpoch)
		if found {
			t.addSecs(-int64(offset))
			t.setLoc(local)
			return t, nil
		}
		// An unknown abbreviation gets offset 0, except GMT+h, whose offset is known.
		if len(zoneName) > 3 && zoneName[:3] == "GMT" {
			offset, _ = number(zoneName[3:])
			offset *= 3600
		}
		t.setLoc(FixedZone(zoneName, offset))
		return t, nil
	}
	return Date(year, Month(month), day, hour, min, sec, nsec, def), nil
}

// numericZone reads a numeric zone offset of the form kind names (±hh, ±hhmm, ±hh:mm,
// ±hhmmss, ±hh:mm:ss). On failure the value is left where Go's parse leaves it: unchanged
// when too short or misplaced colons, else after the offset's characters.
func numericZone(value string, kind int) (int, string, bool) {
	var sign, hh, mm, ss string
	switch kind {
	case elISOColonTZ, elNumColonTZ:
		if len(value) < 6 || value[3] != ':' {
			return -1, value, false
		}
		sign, hh, mm, ss, value = value[:1], value[1:3], value[4:6], "00", value[6:]
	case elISOShortTZ, elNumShortTZ:
		if len(value) < 3 {
			return -1, value, false
		}
		sign, hh, mm, ss, value = value[:1], value[1:3], "00", "00", value[3:]
	case elISOColonSecs, elNumColonSecs:
		if len(value) < 9 || value[3] != ':' || value[6] != ':' {
			return -1, value, false
		}
		sign, hh, mm, ss, value = value[:1], value[1:3], value[4:6], value[7:9], value[9:]
	case elISOSecsTZ, elNumSecsTZ:
		if len(value) < 7 {
			return -1, value, false
		}
		sign, hh, mm, ss, value = value[:1], value[1:3], value[3:5], value[5:7], value[7:]
	default:
		if len(value) < 5 {
			return -1, value, false
		}
		sign, hh, mm, ss, value = value[:1], value[1:3], value[3:5], "00", value[5:]
	}
	h, ok1 := number(hh)
	m, ok2 := number(mm)
	s, ok3 := number(ss)
	ok := ok1 && ok2 && ok3
	offset := (h*60+m)*60 + s
	switch sign {
	case "+":
	case "-":
		offset = -offset
	default:
		ok = false
	}
	return offset, value, ok
}
