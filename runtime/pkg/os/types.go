// File information: FileInfo, FileMode and DirEntry are io/fs's; fileStat is what Stat,
// Lstat and File.Stat return, made from the kernel's struct stat (Go: os/types.go,
// os/stat_linux.go).

package os

import (
	"io/fs"
	"syscall"
	"time"
)

// A FileInfo describes a file.
type FileInfo = fs.FileInfo

// A FileMode holds a file's type and permission bits.
type FileMode = fs.FileMode

// A DirEntry is an entry read from a directory.
type DirEntry = fs.DirEntry

// The mode bits, as io/fs defines them.
const (
	ModeDir        = fs.ModeDir
	ModeAppend     = fs.ModeAppend
	ModeExclusive  = fs.ModeExclusive
	ModeTemporary  = fs.ModeTemporary
	ModeSymlink    = fs.ModeSymlink
	ModeDevice     = fs.ModeDevice
	ModeNamedPipe  = fs.ModeNamedPipe
	ModeSocket     = fs.ModeSocket
	ModeSetuid     = fs.ModeSetuid
	ModeSetgid     = fs.ModeSetgid
	ModeCharDevice = fs.ModeCharDevice
	ModeSticky     = fs.ModeSticky
	ModeIrregular  = fs.ModeIrregular
	ModeType       = fs.ModeType
	ModePerm       = fs.ModePerm
)

// fileStat is the FileInfo of a stat call.
type fileStat struct {
	name    string
	size    int64
	mode    FileMode
	modTime time.Time
	sys     syscall.Stat_t
}

func (fs *fileStat) Name() string       { return fs.name }
func (fs *fileStat) IsDir() bool        { return fs.mode.IsDir() }
func (fs *fileStat) Size() int64        { return fs.size }
func (fs *fileStat) Mode() FileMode     { return fs.mode }
func (fs *fileStat) ModTime() time.Time { return fs.modTime }
func (fs *fileStat) Sys() any           { return &fs.sys }

// newFileStat fills a fileStat from st for a file called name (its last element is kept).
func newFileStat(name string, st *syscall.Stat_t) *fileStat {
	fi := &fileStat{name: basename(name), size: st.Size, sys: *st}
	fi.modTime = time.Unix(st.Mtim.Sec, st.Mtim.Nsec)
	fi.mode = FileMode(st.Mode & 0777)
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFBLK:
		fi.mode |= ModeDevice
	case syscall.S_IFCHR:
		fi.mode |= ModeDevice | ModeCharDevice
	case syscall.S_IFDIR:
		fi.mode |= ModeDir
	case syscall.S_IFIFO:
		fi.mode |= ModeNamedPipe
	case syscall.S_IFLNK:
		fi.mode |= ModeSymlink
	case syscall.S_IFSOCK:
		fi.mode |= ModeSocket
	}
	if st.Mode&syscall.S_ISGID != 0 {
		fi.mode |= ModeSetgid
	}
	if st.Mode&syscall.S_ISUID != 0 {
		fi.mode |= ModeSetuid
	}
	if st.Mode&syscall.S_ISVTX != 0 {
		fi.mode |= ModeSticky
	}
	return fi
}

// basename is name's last element: trailing slashes dropped, then everything up to the
// last slash ("/" stays "/").
func basename(name string) string {
	end := len(name)
	for end > 1 && name[end-1] == '/' {
		end--
	}
	name = name[:end]
	for i := len(name) - 2; i >= 0; i-- {
		if name[i] == '/' {
			return name[i+1:]
		}
	}
	return name
}

// SameFile reports whether fi1 and fi2 describe the same file (device and inode); only
// FileInfos from this package can compare equal.
func SameFile(fi1, fi2 FileInfo) bool {
	a, ok1 := fi1.(*fileStat)
	b, ok2 := fi2.(*fileStat)
	return ok1 && ok2 && a.sys.Dev == b.sys.Dev && a.sys.Ino == b.sys.Ino
}

// Stat describes the file name names, following symbolic links.
func Stat(name string) (FileInfo, error) {
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Stat(name, &st) }); err != nil {
		return nil, pathErr("stat", name, err)
	}
	return newFileStat(name, &st), nil
}

// Lstat describes the file name names; a symbolic link is described, not followed.
func Lstat(name string) (FileInfo, error) {
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Lstat(name, &st) }); err != nil {
		return nil, pathErr("lstat", name, err)
	}
	return newFileStat(name, &st), nil
}

// ignoringEINTR repeats fn while it fails with EINTR.
func ignoringEINTR(fn func() error) error {
	for {
		err := fn()
		if err != syscall.EINTR {
			return err
		}
	}
}
