// Reading zone files: the TZif format of tzfile(5) (RFC 8536). A file is a header ("TZif",
// a version byte, 15 reserved bytes, six big-endian 32-bit counts), a data block with 32-bit
// transition times, and, from version 2 on, a second header and data block with 64-bit
// times, followed by a footer "\n<POSIX TZ rule>\n" for times after the last transition.
// tbuild reads the 64-bit block when there is one, as Go's LoadLocationFromTZData does, and
// reports a bad file with Go's "malformed time zone information".

package time

import "errors"

var errBadData = errors.New("malformed time zone information")

// The counts in a TZif header, in file order.
const (
	cntUTLocal = iota // UT/local indicators
	cntStdWall        // standard/wall indicators
	cntLeap           // leap-second records
	cntTime           // transition times
	cntType           // local time types (zones)
	cntChar           // bytes of zone abbreviations
)

// reader takes bytes off the front of a zone file; short marks running out.
type reader struct {
	b     []byte
	short bool
}

func (r *reader) take(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.short = true
		r.b = nil
		return nil
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

func (r *reader) u32() (uint32, bool) {
	p := r.take(4)
	if len(p) < 4 {
		return 0, false
	}
	return uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3]), true
}

func (r *reader) u64() (uint64, bool) {
	hi, ok1 := r.u32()
	lo, ok2 := r.u32()
	return uint64(hi)<<32 | uint64(lo), ok1 && ok2
}

// counts reads a header's six counts.
func (r *reader) counts() (n [6]int, ok bool) {
	for i := range n {
		v, ok := r.u32()
		if !ok || int(v) < 0 {
			return n, false
		}
		n[i] = int(v)
	}
	return n, true
}

// LoadLocationFromTZData returns the Location called name described by TZif data.
func LoadLocationFromTZData(name string, data []byte) (*Location, error) {
	r := &reader{b: data}
	if string(r.take(4)) != "TZif" {
		return nil, errBadData
	}
	hdr := r.take(16)
	if len(hdr) != 16 || hdr[0] != 0 && hdr[0] != '2' && hdr[0] != '3' {
		return nil, errBadData
	}
	n, ok := r.counts()
	if !ok {
		return nil, errBadData
	}
	timeSize := 4
	if hdr[0] != 0 {
		// Skip the version 1 block and the second header's magic and version; its counts
		// describe the 64-bit block.
		r.take(n[cntTime]*5 + n[cntType]*6 + n[cntChar] + n[cntLeap]*8 + n[cntStdWall] + n[cntUTLocal] + 20)
		if n, ok = r.counts(); !ok {
			return nil, errBadData
		}
		timeSize = 8
	}
	times := &reader{b: r.take(n[cntTime] * timeSize)}
	indexes := r.take(n[cntTime])
	types := &reader{b: r.take(n[cntType] * 6)}
	abbrevs := r.take(n[cntChar])
	r.take(n[cntLeap]*(timeSize+4) + n[cntStdWall] + n[cntUTLocal])
	if r.short {
		return nil, errBadData
	}
	extend := ""
	if rest := r.b; len(rest) > 2 && rest[0] == '\n' && rest[len(rest)-1] == '\n' {
		extend = string(rest[1 : len(rest)-1])
	}
	if n[cntType] == 0 {
		return nil, errBadData
	}
	zones := make([]zone, n[cntType])
	for i := range zones {
		off, _ := types.u32()
		p := types.take(2)
		if int(p[1]) >= len(abbrevs) {
			return nil, errBadData
		}
		zones[i] = zone{name: cString(abbrevs[p[1]:]), offset: int(int32(off)), isDST: p[0] != 0}
	}
	tx := make([]transition, n[cntTime])
	for i := range tx {
		if timeSize == 4 {
			v, _ := times.u32()
			tx[i].when = int64(int32(v))
		} else {
			v, _ := times.u64()
			tx[i].when = int64(v)
		}
		if int(indexes[i]) >= len(zones) {
			return nil, errBadData
		}
		tx[i].index = indexes[i]
	}
	if len(tx) == 0 {
		tx = append(tx, transition{alpha, 0})
	}
	return &Location{name: name, zones: zones, tx: tx, extend: extend}, nil
}

// cString returns b up to its first NUL.
func cString(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}

// The system calls (sys_linux_amd64.s); each returns its result or -errno.
func sysOpen(path *byte, flags int, mode int) int
func sysRead(fd int, p *byte, n int) int
func sysClose(fd int) int

// errNotExist is ENOENT: a missing file, which the search for a zone file passes over.
var errNotExist = errors.New("no such file or directory")

// errnoError is another failed system call, with the kernel's message for the usual errnos.
type errnoError int

func (e errnoError) Error() string {
	switch e {
	case 13:
		return "permission denied"
	case 20:
		return "not a directory"
	case 21:
		return "is a directory"
	case 36:
		return "file name too long"
	case 40:
		return "too many levels of symbolic links"
	}
	return "errno " + itoa(int(e))
}

func errnoErr(e int) error {
	if e == 2 {
		return errNotExist
	}
	return errnoError(e)
}

// maxZoneFile bounds what readFile reads, as Go's does (time/zoneinfo_read.go, 10 MB).
const maxZoneFile = 10 << 20

// readFile returns the contents of the file at path.
func readFile(path string) ([]byte, error) {
	cpath := make([]byte, len(path)+1)
	copy(cpath, path)
	const oRDONLY, oCLOEXEC = 0, 0x80000
	fd := sysOpen(&cpath[0], oRDONLY|oCLOEXEC, 0)
	if fd < 0 {
		return nil, errnoErr(-fd)
	}
	var data []byte
	buf := make([]byte, 4096)
	for {
		n := sysRead(fd, &buf[0], len(buf))
		if n == -4 { // EINTR
			continue
		}
		if n < 0 {
			sysClose(fd)
			return nil, errnoErr(-n)
		}
		if n == 0 {
			break
		}
		data = append(data, buf[:n]...)
		if len(data) > maxZoneFile {
			sysClose(fd)
			return nil, errors.New(path + " is too large")
		}
	}
	sysClose(fd)
	return data, nil
}
