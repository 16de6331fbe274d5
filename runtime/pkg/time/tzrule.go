// POSIX TZ rules, the footer of a TZif file ("CET-1CEST,M3.5.0,M10.5.0/3"): a standard
// zone name and offset, optionally a DST zone with its offset (one hour more by default) and
// the rules of its start and end (US rules by default). The grammar is POSIX's TZ variable
// (Base Definitions, 8.3) with tzfile(5)'s extensions (hours up to 167, negative times);
// names are at least three characters, or any text in <...>. The zone for a year is worked
// out as Go's tzset does (time/zoneinfo.go), including the span it reports.

package time

// A tzRule is when a DST change happens: its kind, the day description and the local time
// of day in seconds.
type tzRule struct {
	kind byte // 'J': Julian day 1..365 without Feb 29; 'D': day 0..365; 'M': month.week.day
	day  int
	week int
	mon  int
	time int
}

// ruleNum reads a decimal number in [lo, hi] from the front of s.
func ruleNum(s string, lo, hi int) (int, string, bool) {
	v, i := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		v = v*10 + int(s[i]-'0')
		if v > hi {
			return 0, "", false
		}
	}
	if i == 0 || v < lo {
		return 0, "", false
	}
	return v, s[i:], true
}

// ruleName reads a zone name: three or more characters up to a digit, sign or comma, or the
// text between '<' and '>'.
func ruleName(s string) (string, string, bool) {
	if s == "" {
		return "", "", false
	}
	if s[0] == '<' {
		for i := 1; i < len(s); i++ {
			if s[i] == '>' {
				return s[1:i], s[i+1:], true
			}
		}
		return "", "", false
	}
	i := 0
	for i < len(s) && !(s[i] >= '0' && s[i] <= '9' || s[i] == ',' || s[i] == '-' || s[i] == '+') {
		i++
	}
	if i < 3 {
		return "", "", false
	}
	return s[:i], s[i:], true
}

// ruleOffset reads [+-]hh[:mm[:ss]] as seconds.
func ruleOffset(s string) (int, string, bool) {
	if s == "" {
		return 0, "", false
	}
	sign := 1
	if s[0] == '+' || s[0] == '-' {
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
	}
	h, s, ok := ruleNum(s, 0, 24*7)
	if !ok {
		return 0, "", false
	}
	secs := h * secondsPerHour
	for _, unit := range []int{secondsPerMinute, 1} {
		if s == "" || s[0] != ':' {
			break
		}
		var v int
		if v, s, ok = ruleNum(s[1:], 0, 59); !ok {
			return 0, "", false
		}
		secs += v * unit
	}
	return sign * secs, s, true
}

// ruleDate reads Jn, n or Mm.w.d, with an optional /time (2:00 by default).
func ruleDate(s string) (tzRule, string, bool) {
	var r tzRule
	var ok bool
	switch {
	case s == "":
		return r, "", false
	case s[0] == 'J':
		r.kind = 'J'
		r.day, s, ok = ruleNum(s[1:], 1, 365)
	case s[0] == 'M':
		r.kind = 'M'
		if r.mon, s, ok = ruleNum(s[1:], 1, 12); !ok || s == "" || s[0] != '.' {
			return r, "", false
		}
		if r.week, s, ok = ruleNum(s[1:], 1, 5); !ok || s == "" || s[0] != '.' {
			return r, "", false
		}
		r.day, s, ok = ruleNum(s[1:], 0, 6)
	default:
		r.kind = 'D'
		r.day, s, ok = ruleNum(s, 0, 365)
	}
	if !ok {
		return r, "", false
	}
	r.time = 2 * secondsPerHour
	if s != "" && s[0] == '/' {
		if r.time, s, ok = ruleOffset(s[1:]); !ok {
			return r, "", false
		}
	}
	return r, s, true
}

// at returns when r happens in year, in seconds from the year's start in UTC, for a zone
// whose offset before the change is off.
func (r tzRule) at(year int, off int) int {
	var day int // 0-based day of the year
	switch r.kind {
	case 'J':
		day = r.day - 1
		if isLeap(year) && r.day >= 60 {
			day++
		}
	case 'D':
		day = r.day
	default:
		// The first r.day-weekday of the month, then r.week-1 weeks on, staying in the
		// month (week 5 means the last).
		first := daysFromCivil(int64(year), r.mon, 1)
		wd := int(first - floorDiv(first+4, 7)*7 + 4)
		d := r.day - wd
		if d < 0 {
			d += 7
		}
		for w := 1; w < r.week && d+7 < daysIn(Month(r.mon), year); w++ {
			d += 7
		}
		day = int(first-daysFromCivil(int64(year), 1, 1)) + d
	}
	return day*secondsPerDay + r.time - off
}

// ruleZone returns the zone rule s puts in effect at unix, and the span of that zone; after
// is the last transition of the file, where a zone without DST starts.
func ruleZone(s string, after, unix int64) (name string, offset int, start, end int64, isDST, ok bool) {
	var stdName, dstName string
	var stdOff, dstOff int
	if stdName, s, ok = ruleName(s); ok {
		stdOff, s, ok = ruleOffset(s)
	}
	if !ok {
		return "", 0, 0, 0, false, false
	}
	// POSIX offsets are what to add to local time to get UTC: the opposite sign of ours.
	stdOff = -stdOff
	if s == "" || s[0] == ',' {
		return stdName, stdOff, after, omega, false, true
	}
	if dstName, s, ok = ruleName(s); !ok {
		return "", 0, 0, 0, false, false
	}
	if s == "" || s[0] == ',' {
		dstOff = stdOff + secondsPerHour
	} else {
		if dstOff, s, ok = ruleOffset(s); !ok {
			return "", 0, 0, 0, false, false
		}
		dstOff = -dstOff
	}
	if s == "" {
		s = ",M3.2.0,M11.1.0" // tzcode's default: US rules
	}
	if s[0] != ',' && s[0] != ';' {
		return "", 0, 0, 0, false, false
	}
	var begin, finish tzRule
	if begin, s, ok = ruleDate(s[1:]); !ok || s == "" || s[0] != ',' {
		return "", 0, 0, 0, false, false
	}
	if finish, s, ok = ruleDate(s[1:]); !ok || s != "" {
		return "", 0, 0, 0, false, false
	}

	// The UTC year of unix, and its start.
	days := floorDiv(unix, secondsPerDay)
	y, _, _ := civilFromDays(days)
	year := int(y)
	yearStart := daysFromCivil(y, 1, 1) * secondsPerDay
	inYear := unix - yearStart
	on := int64(begin.at(year, stdOff))
	off := int64(finish.at(year, dstOff))
	stdDST, dstDST := false, true
	if off < on {
		// Southern hemisphere: DST spans the new year, so the "standard" span is the middle.
		on, off = off, on
		stdName, dstName = dstName, stdName
		stdOff, dstOff = dstOff, stdOff
		stdDST, dstDST = dstDST, stdDST
	}
	switch {
	case inYear < on:
		return stdName, stdOff, yearStart, yearStart + on, stdDST, true
	case inYear >= off:
		// Go reports the span's end as 365 days after the year's start, leap year or not.
		return stdName, stdOff, yearStart + off, yearStart + 365*secondsPerDay, stdDST, true
	}
	return dstName, dstOff, yearStart + on, yearStart + off, dstDST, true
}
