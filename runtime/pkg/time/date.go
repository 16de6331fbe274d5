// The proleptic Gregorian calendar: converting between days since the Unix epoch and
// (year, month, day) with the 400-year-cycle method of Howard Hinnant's "chrono-compatible
// low-level date algorithms" (days_from_civil / civil_from_days), and the Time methods that
// read a date or clock in t's location. Date normalises out-of-range fields and resolves
// times in a zone transition as Go's Date documents (time/time.go Date).

package time

// floorDiv returns a/b rounded toward minus infinity (b > 0).
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// daysFromCivil returns the days from 1970-01-01 to year-month-day (month 1..12, day from
// 1; a larger day simply counts on).
func daysFromCivil(year int64, month int, day int) int64 {
	// Count years from March, so that the leap day ends the year.
	if month <= 2 {
		year--
	}
	cycle := floorDiv(year, 400)
	yearOfCycle := year - cycle*400
	shifted := (month + 9) % 12 // March = 0
	dayOfYear := int64((153*shifted+2)/5 + day - 1)
	dayOfCycle := yearOfCycle*365 + yearOfCycle/4 - yearOfCycle/100 + dayOfYear
	return cycle*146097 + dayOfCycle - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(days int64) (year int64, month int, day int) {
	days += 719468
	cycle := floorDiv(days, 146097)
	dayOfCycle := days - cycle*146097
	yearOfCycle := (dayOfCycle - dayOfCycle/1460 + dayOfCycle/36524 - dayOfCycle/146096) / 365
	dayOfYear := dayOfCycle - (365*yearOfCycle + yearOfCycle/4 - yearOfCycle/100)
	shifted := int((5*dayOfYear + 2) / 153)
	day = int(dayOfYear) - (153*shifted+2)/5 + 1
	if shifted < 10 {
		month = shifted + 3
	} else {
		month = shifted - 9
	}
	year = yearOfCycle + cycle*400
	if month <= 2 {
		year++
	}
	return
}

// isLeap reports whether year has a February 29.
func isLeap(year int) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}

// daysIn returns the number of days in month of year.
func daysIn(m Month, year int) int {
	switch m {
	case February:
		if isLeap(year) {
			return 29
		}
		return 28
	case April, June, September, November:
		return 30
	}
	return 31
}

// local returns t's zone name and offset and its wall-clock seconds since the Unix epoch.
func (t Time) local() (name string, offset int, secs int64) {
	unix := t.secs() - unixEpoch
	if t.loc == nil || t.loc == &utcLoc {
		return "UTC", 0, unix
	}
	name, offset, _, _, _ = t.loc.lookup(unix)
	return name, offset, unix + int64(offset)
}

// split breaks local seconds since the epoch into date and clock.
func split(secs int64) (year int, month Month, day, yday int, wd Weekday, hour, min, sec int) {
	days := floorDiv(secs, secondsPerDay)
	rest := int(secs - days*secondsPerDay)
	y, m, d := civilFromDays(days)
	year, month, day = int(y), Month(m), d
	yday = int(days-daysFromCivil(y, 1, 1)) + 1
	// 1970-01-01 was a Thursday.
	wd = Weekday(days - floorDiv(days+4, 7)*7 + 4)
	hour = rest / secondsPerHour
	min = rest % secondsPerHour / secondsPerMinute
	sec = rest % secondsPerMinute
	return
}

// Date returns the year, month and day of t in its location.
func (t Time) Date() (year int, month Month, day int) {
	_, _, secs := t.local()
	year, month, day, _, _, _, _, _ = split(secs)
	return
}

// Year returns t's year.
func (t Time) Year() int {
	year, _, _ := t.Date()
	return year
}

// Month returns t's month.
func (t Time) Month() Month {
	_, month, _ := t.Date()
	return month
}

// Day returns t's day of the month.
func (t Time) Day() int {
	_, _, day := t.Date()
	return day
}

// YearDay returns t's day of the year, 1 to 365 (366 in leap years).
func (t Time) YearDay() int {
	_, _, secs := t.local()
	_, _, _, yday, _, _, _, _ := split(secs)
	return yday
}

// Weekday returns t's day of the week.
func (t Time) Weekday() Weekday {
	_, _, secs := t.local()
	_, _, _, _, wd, _, _, _ := split(secs)
	return wd
}

// Clock returns t's hour, minute and second in its location.
func (t Time) Clock() (hour, min, sec int) {
	_, _, secs := t.local()
	rest := int(secs - floorDiv(secs, secondsPerDay)*secondsPerDay)
	return rest / secondsPerHour, rest % secondsPerHour / secondsPerMinute, rest % secondsPerMinute
}

// Hour returns t's hour, 0 to 23.
func (t Time) Hour() int {
	h, _, _ := t.Clock()
	return h
}

// Minute returns t's minute, 0 to 59.
func (t Time) Minute() int {
	_, m, _ := t.Clock()
	return m
}

// Second returns t's second, 0 to 59.
func (t Time) Second() int {
	_, _, s := t.Clock()
	return s
}

// Nanosecond returns t's nanosecond within its second.
func (t Time) Nanosecond() int { return int(t.ns()) }

// Zone returns the abbreviated name and the offset east of UTC in seconds of the zone in
// effect at t.
func (t Time) Zone() (name string, offset int) {
	name, offset, _ = t.local()
	return
}

// ZoneBounds returns when the zone in effect at t began and ends, as Times in t's location;
// a zero Time where it has no bound.
func (t Time) ZoneBounds() (start, end Time) {
	_, _, s, e, _ := t.Location().lookup(t.secs() - unixEpoch)
	if s != alpha {
		start = mkTime(s+unixEpoch, 0)
		start.setLoc(t.loc)
	}
	if e != omega {
		end = mkTime(e+unixEpoch, 0)
		end.setLoc(t.loc)
	}
	return
}

// IsDST reports whether the zone in effect at t is daylight saving time.
func (t Time) IsDST() bool {
	_, _, _, _, dst := t.Location().lookup(t.secs() - unixEpoch)
	return dst
}

// ISOWeek returns t's ISO 8601 year and week (1 to 53): weeks start on Monday and week 1
// is the one with the year's first Thursday.
func (t Time) ISOWeek() (year, week int) {
	_, _, secs := t.local()
	days := floorDiv(secs, secondsPerDay)
	// Monday = 0; the Thursday of t's week decides the year.
	mon := days - floorDiv(days+3, 7)*7 + 3
	thursday := days - mon + 3
	y, _, _ := civilFromDays(thursday)
	year = int(y)
	week = int(thursday-daysFromCivil(y, 1, 1))/7 + 1
	return
}

// normalise moves whole multiples of base from lo into hi, leaving lo in [0, base).
func normalise(hi, lo, base int) (int, int) {
	if lo < 0 {
		n := (-lo-1)/base + 1
		hi -= n
		lo += n * base
	}
	if lo >= base {
		n := lo / base
		hi += n
		lo -= n * base
	}
	return hi, lo
}

// Date returns the Time of year-month-day hour:min:sec.nsec in loc. Fields outside their
// ranges carry into the next larger one (October 32 is November 1). A wall time skipped or
// repeated by a zone transition resolves to one of the two instants, as Go's Date does:
// the zone in effect at the time read as UTC, unless the result leaves that zone's span.
// Date panics if loc is nil.
func Date(year int, month Month, day, hour, min, sec, nsec int, loc *Location) Time {
	if loc == nil {
		panic("time: missing Location in call to Date")
	}
	m := int(month) - 1
	year, m = normalise(year, m, 12)
	sec, nsec = normalise(sec, nsec, 1e9)
	min, sec = normalise(min, sec, 60)
	hour, min = normalise(hour, min, 60)
	day, hour = normalise(day, hour, 24)
	days := daysFromCivil(int64(year), m+1, 1) + int64(day-1)
	unix := days*secondsPerDay + int64(hour*secondsPerHour+min*secondsPerMinute+sec)
	_, offset, start, end, _ := loc.lookup(unix)
	if offset != 0 {
		utc := unix - int64(offset)
		if utc < start || utc >= end {
			_, offset, _, _, _ = loc.lookup(utc)
		}
		unix -= int64(offset)
	}
	t := mkTime(unix+unixEpoch, int32(nsec))
	t.setLoc(loc)
	return t
}

// AddDate returns t moved by years, months and days, normalised as Date normalises: one
// month after October 31 is December 1.
func (t Time) AddDate(years int, months int, days int) Time {
	year, month, day := t.Date()
	hour, min, sec := t.Clock()
	return Date(year+years, month+Month(months), day+days, hour, min, sec, int(t.ns()), t.Location())
}
