// Directory listings: File.ReadDir, Readdirnames and Readdir read the kernel's
// linux_dirent64 records (getdents64) into a buffer kept on the File between calls,
// leaving out "." and "..", and ReadDir lists a whole directory sorted by name (Go:
// os/dir.go, os/dir_unix.go, os/file_unix.go newUnixDirent). A record is: inode (8
// bytes), offset (8), record length (2), type (1), then the NUL-terminated name
// (include/linux/dirent.h).

package os

import (
	"io"
	"sort"
	"syscall"
	"unsafe"
)

// dirReader holds what getdents64 returned and how far the listing has read it.
type dirReader struct {
	buf  []byte
	n    int
	next int
}

// What a listing collects.
const (
	wantNames = iota
	wantEntries
	wantInfos
)

// list reads up to n entries (all of them for n <= 0) in the form want asks for. With
// n > 0 and nothing left it returns io.EOF.
func (f *File) list(n int, want int) (names []string, entries []DirEntry, infos []FileInfo, err error) {
	if f.closed {
		return nil, nil, nil, pathErr("readdirent", f.name, errFileClosing)
	}
	d := f.dir
	if d == nil {
		d = &dirReader{buf: make([]byte, 8192)}
		f.dir = d
	}
	bounded := n > 0
	for !bounded || n > 0 {
		if d.next >= d.n {
			d.next = 0
			var m int
			var e error
			for retry := true; retry; retry = e == syscall.EINTR {
				m, e = syscall.Getdents(f.fd, d.buf)
			}
			if e != nil {
				d.n = 0
				return names, entries, infos, pathErr("readdirent", f.name, e)
			}
			d.n = m
			if m <= 0 {
				break
			}
		}
		rec := d.buf[d.next:d.n]
		if len(rec) < 19 {
			break
		}
		reclen := int(rec[16]) | int(rec[17])<<8
		if reclen > len(rec) {
			break
		}
		rec = rec[:reclen]
		d.next += reclen
		if *(*uint64)(unsafe.Pointer(&rec[0])) == 0 {
			continue // a deleted entry
		}
		nameBytes := rec[19:]
		for i, c := range nameBytes {
			if c == 0 {
				nameBytes = nameBytes[:i]
				break
			}
		}
		name := string(nameBytes)
		if name == "." || name == ".." {
			continue
		}
		if bounded {
			n--
		}
		if want == wantNames {
			names = append(names, name)
			continue
		}
		// An entry removed since the listing was read is left out.
		if want == wantEntries {
			e, derr := newDirent(f.name, name, direntType(rec[18]))
			if derr != nil && !IsNotExist(derr) {
				return nil, entries, nil, derr
			}
			if derr == nil {
				entries = append(entries, e)
			}
			continue
		}
		fi, lerr := Lstat(f.name + "/" + name)
		if lerr != nil && !IsNotExist(lerr) {
			return nil, nil, infos, lerr
		}
		if lerr == nil {
			infos = append(infos, fi)
		}
	}
	if bounded && len(names) == 0 && len(entries) == 0 && len(infos) == 0 {
		return nil, nil, nil, io.EOF
	}
	return names, entries, infos, nil
}

// direntTypes maps a record's d_type to its FileMode type bits; a type not in it
// (DT_UNKNOWN: the file system did not say) is ^FileMode(0).
var direntTypes = map[byte]FileMode{
	syscall.DT_BLK:  ModeDevice,
	syscall.DT_CHR:  ModeDevice | ModeCharDevice,
	syscall.DT_DIR:  ModeDir,
	syscall.DT_FIFO: ModeNamedPipe,
	syscall.DT_LNK:  ModeSymlink,
	syscall.DT_REG:  0,
	syscall.DT_SOCK: ModeSocket,
}

func direntType(t byte) FileMode {
	if m, ok := direntTypes[t]; ok {
		return m
	}
	return ^FileMode(0)
}

// dirent is a DirEntry read from a directory: its type came with the record, and Info
// asks for the rest.
type dirent struct {
	parent string
	name   string
	typ    FileMode
	info   FileInfo
}

func newDirent(parent, name string, typ FileMode) (DirEntry, error) {
	e := &dirent{parent: parent, name: name, typ: typ}
	if typ != ^FileMode(0) {
		return e, nil
	}
	fi, err := Lstat(parent + "/" + name)
	if err != nil {
		return nil, err
	}
	e.typ = fi.Mode().Type()
	e.info = fi
	return e, nil
}

func (d *dirent) Name() string   { return d.name }
func (d *dirent) IsDir() bool    { return d.typ.IsDir() }
func (d *dirent) Type() FileMode { return d.typ }

func (d *dirent) Info() (FileInfo, error) {
	if d.info != nil {
		return d.info, nil
	}
	return Lstat(d.parent + "/" + d.name)
}

// ReadDir returns up to n entries of the directory, in directory order, continuing where
// the last call stopped; with n <= 0 all that are left (and a nil error at the end).
func (f *File) ReadDir(n int) ([]DirEntry, error) {
	if f == nil {
		return nil, errNilFile()
	}
	_, entries, _, err := f.list(n, wantEntries)
	if entries == nil {
		entries = make([]DirEntry, 0)
	}
	return entries, err
}

// Readdirnames is ReadDir for the names only.
func (f *File) Readdirnames(n int) (names []string, err error) {
	if f == nil {
		return nil, errNilFile()
	}
	names, _, _, err = f.list(n, wantNames)
	if names == nil {
		names = make([]string, 0)
	}
	return names, err
}

// Readdir is ReadDir with each entry's FileInfo (from Lstat).
func (f *File) Readdir(n int) ([]FileInfo, error) {
	if f == nil {
		return nil, errNilFile()
	}
	_, _, infos, err := f.list(n, wantInfos)
	if infos == nil {
		infos = make([]FileInfo, 0) // never nil, as in Go
	}
	return infos, err
}

// ReadDir lists the directory name, sorted by file name; on an error it returns the
// entries read before it.
func ReadDir(name string) ([]DirEntry, error) {
	dir, oerr := Open(name)
	if oerr != nil {
		return nil, oerr
	}
	defer dir.Close()
	entries, err := dir.ReadDir(-1)
	sort.Slice(entries, func(a, b int) bool { return entries[a].Name() < entries[b].Name() })
	return entries, err
}
