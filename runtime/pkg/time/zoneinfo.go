// Locations: UTC, Local, FixedZone and LoadLocation, and the lookup of the zone in effect at
// an instant. A Location is a list of zones (name, offset, DST flag) and of the transitions
// between them, read from a TZif file (tzfile.go), with the file's POSIX TZ rule for times
// after its last transition (tzrule.go). Which zone rules before the first transition, how
// Local is chosen from $TZ and /etc/localtime, where zone files are searched ($ZONEINFO,
// then /usr/share/zoneinfo, /usr/share/lib/zoneinfo, /usr/lib/locale/TZ) and the error
// messages are Go 1.19's (time/zoneinfo.go, time/zoneinfo_unix.go, time/zoneinfo_read.go).

package time

import (
	"errors"
	"sync"
	"syscall"
)

// A Location maps instants to the zone in use there.
type Location struct {
	name   string
	zones  []zone
	tx     []transition
	extend string // POSIX TZ rule for times after the last transition, or ""
	local  bool   // Local, loaded from the environment on first use (localOnce)
}

// A zone is one of a location's offsets from UTC, e.g. CET or CEST.
type zone struct {
	name   string
	offset int // seconds east of UTC
	isDST  bool
}

// A transition: from when on (Unix seconds), zones[index] is in effect.
type transition struct {
	when  int64
	index uint8
}

var utcLoc = Location{name: "UTC"}
var localLoc = Location{local: true}

// UTC is Coordinated Universal Time.
var UTC *Location = &utcLoc

// Local is the system's local time zone: $TZ if set ("" means UTC; a name is searched in the
// zone directories, an absolute path read as it is, a leading ':' dropped), else
// /etc/localtime, else UTC.
var Local *Location = &localLoc

// get returns l, with Local loaded on first use and nil meaning UTC.
func (l *Location) get() *Location {
	if l == nil {
		return &utcLoc
	}
	if l.local {
		localOnce.Do(loadLocal)
	}
	return l
}

// localOnce loads Local once, whichever goroutine asks first (Go: zoneinfo.go localOnce).
var localOnce sync.Once

// String returns the location's name.
func (l *Location) String() string { return l.get().name }

// FixedZone returns a Location that is always offset seconds east of UTC, named name.
func FixedZone(name string, offset int) *Location {
	return &Location{
		name:  name,
		zones: []zone{{name, offset, false}},
		tx:    []transition{{alpha, 0}},
	}
}

// lookup returns the zone in effect at unix (seconds since the epoch) and the span
// [start, end) of instants it covers.
func (l *Location) lookup(unix int64) (name string, offset int, start, end int64, isDST bool) {
	l = l.get()
	if len(l.zones) == 0 {
		return "UTC", 0, alpha, omega, false
	}
	if len(l.tx) == 0 || unix < l.tx[0].when {
		z := &l.zones[l.zoneBeforeFirst()]
		end = omega
		if len(l.tx) > 0 {
			end = l.tx[0].when
		}
		return z.name, z.offset, alpha, end, z.isDST
	}
	// The last transition at or before unix; end is the one after it.
	lo, hi := 0, len(l.tx)
	end = omega
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if unix < l.tx[mid].when {
			end = l.tx[mid].when
			hi = mid
		} else {
			lo = mid
		}
	}
	z := &l.zones[l.tx[lo].index]
	name, offset, start, isDST = z.name, z.offset, l.tx[lo].when, z.isDST
	if lo == len(l.tx)-1 && l.extend != "" {
		if rn, ro, rs, re, rd, ok := ruleZone(l.extend, start, unix); ok {
			return rn, ro, rs, re, rd
		}
	}
	return
}

// zoneBeforeFirst picks the zone for times before the first transition, by the rules of
// tzfile(5) and Go's lookupFirstZone: zone 0 unless a transition uses it; else the nearest
// standard-time zone before the first transition's DST zone; else the first standard-time
// zone; else zone 0.
func (l *Location) zoneBeforeFirst() int {
	used := false
	for _, t := range l.tx {
		if t.index == 0 {
			used = true
			break
		}
	}
	if !used {
		return 0
	}
	if len(l.tx) > 0 && l.zones[l.tx[0].index].isDST {
		for i := int(l.tx[0].index) - 1; i >= 0; i-- {
			if !l.zones[i].isDST {
				return i
			}
		}
	}
	for i := range l.zones {
		if !l.zones[i].isDST {
			return i
		}
	}
	return 0
}

// lookupName finds the offset of the zone called name around unix: preferably one of that
// name in effect then, else any of that name (Go: zoneinfo.go lookupName).
func (l *Location) lookupName(name string, unix int64) (offset int, ok bool) {
	l = l.get()
	for i := range l.zones {
		z := &l.zones[i]
		if z.name == name {
			if n, off, _, _, _ := l.lookup(unix - int64(z.offset)); n == z.name {
				return off, true
			}
		}
	}
	for i := range l.zones {
		if l.zones[i].name == name {
			return l.zones[i].offset, true
		}
	}
	return 0, false
}

// zoneDirs are where zone files are searched (Go: zoneinfo_unix.go platformZoneSources).
var zoneDirs = []string{"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/"}

var errLocation = errors.New("time: invalid location name")

// LoadLocation returns the Location called name: "" and "UTC" are UTC, "Local" is Local,
// other names are IANA names ("Europe/Berlin") looked up in $ZONEINFO, then in the system's
// zone directories.
func LoadLocation(name string) (*Location, error) {
	if name == "" || name == "UTC" {
		return UTC, nil
	}
	if name == "Local" {
		return Local, nil
	}
	if hasDotDot(name) || name[0] == '/' || name[0] == '\\' {
		return nil, errLocation
	}
	var firstErr error
	if dir, _ := syscall.Getenv("ZONEINFO"); dir != "" {
		data, err := readFile(dir + "/" + name)
		if err == nil {
			l, err := LoadLocationFromTZData(name, data)
			if err == nil {
				return l, nil
			}
			firstErr = err
		} else if err != errNotExist {
			firstErr = err
		}
	}
	l, err := loadFrom(name, zoneDirs)
	if err == nil {
		return l, nil
	}
	if firstErr == nil {
		firstErr = err
	}
	return nil, firstErr
}

// hasDotDot reports whether s contains "..".
func hasDotDot(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == '.' {
			return true
		}
	}
	return false
}

// loadFrom reads zone file name from the first directory that has a valid one. The error is
// the first other than "no such file", or "unknown time zone".
func loadFrom(name string, dirs []string) (*Location, error) {
	var firstErr error
	for _, dir := range dirs {
		data, err := readFile(dir + name)
		if err == nil {
			l, err2 := LoadLocationFromTZData(name, data)
			if err2 == nil {
				return l, nil
			}
			err = err2
		}
		if firstErr == nil && err != errNotExist {
			firstErr = err
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return nil, errors.New("unknown time zone " + name)
}

// loadLocal sets up Local from the environment (Go: zoneinfo_unix.go initLocal).
func loadLocal() {
	tz, set := syscall.Getenv("TZ")
	if !set {
		if l, err := loadFrom("localtime", []string{"/etc/"}); err == nil {
			localLoc.take(l, "Local")
			return
		}
	} else if tz != "" {
		if tz[0] == ':' {
			tz = tz[1:]
		}
		if tz != "" && tz[0] == '/' {
			if l, err := loadFrom(tz, []string{""}); err == nil {
				if tz == "/etc/localtime" {
					localLoc.take(l, "Local")
				} else {
					localLoc.take(l, tz)
				}
				return
			}
		} else if tz != "" && tz != "UTC" {
			if l, err := loadFrom(tz, zoneDirs); err == nil {
				localLoc.take(l, l.name)
				return
			}
		}
	}
	localLoc.name = "UTC"
}

// take copies l's zones into the Local location, under name.
func (loc *Location) take(l *Location, name string) {
	loc.name = name
	loc.zones = l.zones
	loc.tx = l.tx
	loc.extend = l.extend
}
