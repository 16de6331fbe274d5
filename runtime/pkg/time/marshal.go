// Encodings of a Time: the binary form (also Gob's), JSON and text (RFC 3339 with
// nanoseconds). The binary layout is Go 1.19's (time/time.go MarshalBinary): a version byte
// (1, or 2 when the zone offset has seconds), the seconds since January 1, year 1 (8 bytes,
// big-endian), the nanoseconds (4 bytes), the zone offset in minutes (2 bytes; -1 means
// UTC) and, in version 2, the offset's seconds. Error texts are Go's.

package time

import "errors"

// timeErr is the error of Time method m: "Time.m: what".
func timeErr(m, what string) error { return errors.New("Time." + m + ": " + what) }

// fourDigitYear checks that t's year can be written as RFC 3339 asks, for method m.
func fourDigitYear(t Time, m string) error {
	if y := t.Year(); y < 0 || y > 9999 {
		return timeErr(m, "year outside of range [0,9999]")
	}
	return nil
}

// MarshalBinary encodes t without its monotonic reading or location name.
func (t Time) MarshalBinary() ([]byte, error) {
	version := byte(1)
	minutes := -1
	extra := 0
	if t.Location() != UTC {
		_, off := t.Zone()
		if off%60 != 0 {
			version = 2
			extra = off % 60
		}
		minutes = off / 60
		if minutes < -32768 || minutes == -1 || minutes > 32767 {
			return nil, timeErr("MarshalBinary", "unexpected zone offset")
		}
	}
	b := make([]byte, 0, 16)
	b = append(b, version)
	secs := t.secs()
	for shift := 56; shift >= 0; shift -= 8 {
		b = append(b, byte(secs>>uint(shift)))
	}
	ns := t.ns()
	b = append(b, byte(ns>>24), byte(ns>>16), byte(ns>>8), byte(ns))
	b = append(b, byte(minutes>>8), byte(minutes))
	if version == 2 {
		b = append(b, byte(int8(extra)))
	}
	return b, nil
}

// UnmarshalBinary decodes MarshalBinary's form. The location is UTC, Local when Local has
// that offset at that time, or else an unnamed fixed zone.
func (t *Time) UnmarshalBinary(data []byte) error {
	if len(data) == 0 {
		return timeErr("UnmarshalBinary", "no data")
	}
	version := data[0]
	if version != 1 && version != 2 {
		return timeErr("UnmarshalBinary", "unsupported version")
	}
	if len(data) != 15+int(version-1) {
		return timeErr("UnmarshalBinary", "invalid length")
	}
	var sec int64
	for _, c := range data[1:9] {
		sec = sec<<8 | int64(c)
	}
	ns := int32(data[9])<<24 | int32(data[10])<<16 | int32(data[11])<<8 | int32(data[12])
	offset := int(int16(uint16(data[13])<<8|uint16(data[14]))) * 60
	if version == 2 {
		// Added as an unsigned byte, as Go's decoder does.
		offset += int(data[15])
	}
	*t = mkTime(sec, ns)
	switch {
	case offset == -60:
		t.setLoc(&utcLoc)
	default:
		if _, local, _, _, _ := Local.lookup(sec - unixEpoch); local == offset {
			t.setLoc(Local)
		} else {
			t.setLoc(FixedZone("", offset))
		}
	}
	return nil
}

// GobEncode is MarshalBinary.
func (t Time) GobEncode() ([]byte, error) { return t.MarshalBinary() }

// GobDecode is UnmarshalBinary.
func (t *Time) GobDecode(data []byte) error { return t.UnmarshalBinary(data) }

// MarshalJSON writes t as a quoted RFC 3339 time with nanoseconds; years must have four
// digits.
func (t Time) MarshalJSON() ([]byte, error) {
	if err := fourDigitYear(t, "MarshalJSON"); err != nil {
		return nil, err
	}
	return append(t.AppendFormat(append(make([]byte, 0, 40), '"'), RFC3339Nano), '"'), nil
}

// UnmarshalJSON reads a quoted RFC 3339 time; null leaves t as it is.
func (t *Time) UnmarshalJSON(data []byte) error {
	if len(data) == 4 && string(data) == "null" {
		return nil
	}
	v, err := Parse("\""+RFC3339+"\"", string(data))
	*t = v
	return err
}

// MarshalText writes t as an RFC 3339 time with nanoseconds; years must have four digits.
func (t Time) MarshalText() ([]byte, error) {
	if err := fourDigitYear(t, "MarshalText"); err != nil {
		return nil, err
	}
	return t.AppendFormat(make([]byte, 0, 40), RFC3339Nano), nil
}

// UnmarshalText reads an RFC 3339 time.
func (t *Time) UnmarshalText(data []byte) error {
	v, err := Parse(RFC3339, string(data))
	*t = v
	return err
}
