// Package fs defines the interfaces of a file system (FS, File, DirEntry, FileInfo, the
// optional ReadDirFS, ReadFileFS, StatFS, GlobFS and SubFS), FileMode with Go's String
// form, PathError, the portable errors, and the helpers over any FS: ValidPath, ReadFile,
// ReadDir, Stat, Glob, Sub and WalkDir, with Go 1.19's behaviour and messages. Go: io/fs.
package fs

import (
	"internal/oserror"
	"time"
	"unicode/utf8"
)

type (
	// An FS gives access to a hierarchical file system.
	FS interface {
		// Open opens the file at a ValidPath; failures are *PathErrors.
		Open(path string) (File, error)
	}

	// A File is an open file of an FS.
	File interface {
		Stat() (info FileInfo, err error)
		Read(p []byte) (n int, err error)
		Close() error
	}

	// A DirEntry is an entry read from a directory.
	DirEntry interface {
		Name() string
		IsDir() bool
		Type() FileMode
		Info() (info FileInfo, err error)
	}

	// A ReadDirFile is a directory that can list its entries: up to n (all for n <= 0).
	ReadDirFile interface {
		File
		ReadDir(n int) (entries []DirEntry, err error)
	}

	// A FileInfo describes a file, as Stat returns it.
	FileInfo interface {
		Name() string
		Size() int64
		Mode() FileMode
		ModTime() time.Time
		IsDir() bool
		Sys() any
	}
)

// ValidPath reports whether name is a valid path for Open: valid UTF-8, unrooted,
// slash-separated elements that are neither empty, "." nor "..", or "." alone.
func ValidPath(name string) bool {
	if name == "." {
		return true
	}
	if !utf8.ValidString(name) {
		return false
	}
	start := 0
	for i := 0; i <= len(name); i++ {
		if i < len(name) && name[i] != '/' {
			continue
		}
		switch name[start:i] {
		case "", ".", "..":
			return false
		}
		start = i + 1
	}
	return true
}

// The portable errors of file systems (errors.Is matches syscall.Errno values against
// them).
var (
	ErrInvalid    = oserror.ErrInvalid
	ErrPermission = oserror.ErrPermission
	ErrExist      = oserror.ErrExist
	ErrNotExist   = oserror.ErrNotExist
	ErrClosed     = oserror.ErrClosed
)

type (
	// PathError records an error and the operation and path that caused it.
	PathError struct {
		Op   string
		Path string
		Err  error
	}

	// A FileMode holds a file's type and permission bits, the same on every system.
	FileMode uint32
)

// Error is "op path: err".
func (e *PathError) Error() string { return e.Op + " " + e.Path + ": " + e.Err.Error() }

func (e *PathError) Unwrap() error { return e.Err }

// timeouter is an error that can say it is a timeout.
type timeouter interface{ Timeout() bool }

// Timeout reports whether the underlying error is a timeout.
func (e *PathError) Timeout() bool {
	if t, ok := e.Err.(timeouter); ok {
		return t.Timeout()
	}
	return false
}

// The type and mode bits, from the top bit down, in the order String prints their letters
// ("dalTLDpSugct?").
const (
	ModeDir        FileMode = 1 << 31
	ModeAppend     FileMode = 1 << 30
	ModeExclusive  FileMode = 1 << 29
	ModeTemporary  FileMode = 1 << 28
	ModeSymlink    FileMode = 1 << 27
	ModeDevice     FileMode = 1 << 26
	ModeNamedPipe  FileMode = 1 << 25
	ModeSocket     FileMode = 1 << 24
	ModeSetuid     FileMode = 1 << 23
	ModeSetgid     FileMode = 1 << 22
	ModeCharDevice FileMode = 1 << 21
	ModeSticky     FileMode = 1 << 20
	ModeIrregular  FileMode = 1 << 19

	ModeType          = ModeDir | ModeSymlink | ModeNamedPipe | ModeSocket | ModeDevice | ModeCharDevice | ModeIrregular
	ModePerm FileMode = 0777
)

// String gives a letter for each type or mode bit set ("-" for none), then rwx for owner,
// group and others, "-" where a bit is clear: "drwxr-xr-x".
func (m FileMode) String() string {
	const letters = "dalTLDpSugct?"
	var b [32]byte
	n := 0
	for i := 0; i < len(letters); i++ {
		if m&(1<<uint(31-i)) != 0 {
			b[n] = letters[i]
			n++
		}
	}
	if n == 0 {
		b[n] = '-'
		n++
	}
	for i := 0; i < 9; i++ {
		b[n] = '-'
		if m&(1<<uint(8-i)) != 0 {
			b[n] = "rwx"[i%3]
		}
		n++
	}
	return string(b[:n])
}

// IsDir reports whether m describes a directory.
func (m FileMode) IsDir() bool { return m&ModeDir != 0 }

// IsRegular reports whether m describes a regular file (no type bit set).
func (m FileMode) IsRegular() bool { return m&ModeType == 0 }

// Perm returns the permission bits.
func (m FileMode) Perm() FileMode { return m & ModePerm }

// Type returns the type bits.
func (m FileMode) Type() FileMode { return m & ModeType }
