// Files: File over a descriptor with Go 1.19's methods, errors and edge cases (os/file.go,
// os/file_posix.go, os/file_unix.go, and internal/poll/fd_unix.go for how a read or write
// loops), opened with the openat system call. Reads and writes go through package
// syscall, whose calls free the goroutine's P while they block (runtime/sysmon.go), so a
// goroutine reading Stdin lets the others run.

package os

import (
	"errors"
	"io"
	"syscall"
	"time"
)

// File is an open file descriptor. Its state is behind a pointer, as in Go, so that a File
// prints as Go's does (&{0xc...}).
type File struct {
	*file
}

type file struct {
	fd         int
	name       string
	closed     bool
	appendMode bool
	dir        *dirReader // the directory listing under way, if any (dir.go)
}

// The flags of OpenFile: one of the first three, or'ed with any of the others.
const (
	O_RDONLY int = syscall.O_RDONLY
	O_WRONLY int = syscall.O_WRONLY
	O_RDWR   int = syscall.O_RDWR
	O_APPEND int = syscall.O_APPEND
	O_CREATE int = syscall.O_CREAT
	O_EXCL   int = syscall.O_EXCL
	O_SYNC   int = syscall.O_SYNC
	O_TRUNC  int = syscall.O_TRUNC
)

// The seek origins, before io had its own.
const (
	SEEK_SET int = 0
	SEEK_CUR int = 1
	SEEK_END int = 2
)

// The separators of paths and of lists of paths.
const (
	PathSeparator     = '/'
	PathListSeparator = ':'
)

// DevNull is the name of the null device.
const DevNull = "/dev/null"

// IsPathSeparator reports whether c is a directory separator.
func IsPathSeparator(c uint8) bool { return c == PathSeparator }

// NewFile returns a File for the descriptor fd, or nil if fd is not a valid one.
func NewFile(fd uintptr, name string) *File {
	if int(fd) < 0 {
		return nil
	}
	return &File{&file{fd: int(fd), name: name}}
}

// The standard input, output and error of the process.
var (
	Stdin  = NewFile(uintptr(syscall.Stdin), "/dev/stdin")
	Stdout = NewFile(uintptr(syscall.Stdout), "/dev/stdout")
	Stderr = NewFile(uintptr(syscall.Stderr), "/dev/stderr")
)

// errFileClosing is the error of an operation on a closed file that Go's os does not
// report as ErrClosed (internal/poll's ErrFileClosing).
var errFileClosing = errors.New("use of closed file")

// errWriteAtInAppendMode is WriteAt's error on a file opened with O_APPEND.
var errWriteAtInAppendMode = errors.New("os: invalid use of WriteAt on file opened with O_APPEND")

// Open opens name for reading.
func Open(name string) (*File, error) { return OpenFile(name, O_RDONLY, 0) }

// Create creates or truncates name, opened for reading and writing, mode 0666 before the
// umask.
func Create(name string) (*File, error) {
	return OpenFile(name, O_RDWR|O_CREATE|O_TRUNC, 0666)
}

// OpenFile opens name with the flags (O_RDONLY etc.) and, when it creates the file, the
// permission bits perm (before the umask).
func OpenFile(name string, flag int, perm FileMode) (*File, error) {
	var fd int
	err := ignoringEINTR(func() error {
		var e error
		fd, e = syscall.Open(name, flag|syscall.O_CLOEXEC, unixMode(perm))
		return e
	})
	if err != nil {
		return nil, pathErr("open", name, err)
	}
	return &File{&file{fd: fd, name: name, appendMode: flag&O_APPEND != 0}}, nil
}

// unixMode turns a FileMode into the kernel's permission and set-id/sticky bits.
func unixMode(m FileMode) uint32 {
	u := uint32(m.Perm())
	if m&ModeSetuid != 0 {
		u |= syscall.S_ISUID
	}
	if m&ModeSetgid != 0 {
		u |= syscall.S_ISGID
	}
	if m&ModeSticky != 0 {
		u |= syscall.S_ISVTX
	}
	return u
}

// wrap gives a failed operation's error the File's name; io.EOF passes as it is, and the
// error of a closed file is ErrClosed.
func (f *File) wrap(op string, err error) error {
	if err == nil || err == io.EOF {
		return err
	}
	return pathErr(op, f.name, err)
}

// usable is the error of an operation on a nil or closed File: ErrInvalid for nil, and
// ErrClosed (with the operation and name) for closed.
func (f *File) usable(op string) error {
	if f == nil {
		return ErrInvalid
	}
	if f.closed {
		return f.wrap(op, ErrClosed)
	}
	return nil
}

// Name returns the name the file was opened with.
func (f *File) Name() string { return f.name }

// Fd returns the descriptor (^uintptr(0) once closed, or for a nil File).
func (f *File) Fd() uintptr {
	if f == nil || f.closed {
		return ^uintptr(0)
	}
	return uintptr(f.fd)
}

// maxRW is the most one read or write system call asks for (internal/poll/fd_unix.go).
const maxRW = 1 << 30

// Read reads up to len(b) bytes; at the end of the file it returns 0 and io.EOF.
func (f *File) Read(b []byte) (n int, err error) {
	if err := f.usable("read"); err != nil {
		return 0, err
	}
	if len(b) == 0 {
		return 0, nil
	}
	if len(b) > maxRW {
		b = b[:maxRW]
	}
	for {
		n, err = syscall.Read(f.fd, b)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return 0, f.wrap("read", err)
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// ReadAt reads len(b) bytes from offset off, without moving the file offset; fewer only
// with an error (io.EOF at the end of the file).
func (f *File) ReadAt(b []byte, off int64) (n int, err error) {
	if err := f.usable("read"); err != nil {
		return 0, err
	}
	if off < 0 {
		return 0, pathErr("readat", f.name, errors.New("negative offset"))
	}
	for len(b) > 0 {
		chunk := b
		if len(chunk) > maxRW {
			chunk = chunk[:maxRW]
		}
		m, e := syscall.Pread(f.fd, chunk, off)
		if e == syscall.EINTR {
			continue
		}
		if e != nil {
			return n, f.wrap("read", e)
		}
		if m == 0 {
			return n, io.EOF
		}
		n += m
		b = b[m:]
		off += int64(m)
	}
	return n, nil
}

// Write writes all of b, unless an error stops it.
func (f *File) Write(b []byte) (n int, err error) {
	if err := f.usable("write"); err != nil {
		return 0, err
	}
	for {
		end := len(b)
		if end-n > maxRW {
			end = n + maxRW
		}
		m, e := syscall.Write(f.fd, b[n:end])
		if e == syscall.EINTR {
			continue
		}
		if m > 0 {
			n += m
		}
		if n == len(b) && e == nil {
			return n, nil
		}
		if e == syscall.EPIPE && (f.fd == 1 || f.fd == 2) {
			// As Go's epipecheck: a closed pipe on stdout or stderr ends the program.
			runtime_sigpipe()
		}
		if e != nil {
			return n, f.wrap("write", e)
		}
		if m == 0 {
			return n, f.wrap("write", io.ErrUnexpectedEOF)
		}
	}
}

// WriteString is Write of the bytes of s.
func (f *File) WriteString(s string) (n int, err error) {
	return f.Write([]byte(s))
}

// WriteAt writes b at offset off, without moving the file offset.
func (f *File) WriteAt(b []byte, off int64) (n int, err error) {
	if err := f.usable("write"); err != nil {
		return 0, err
	}
	if f.appendMode {
		return 0, errWriteAtInAppendMode
	}
	if off < 0 {
		return 0, pathErr("writeat", f.name, errors.New("negative offset"))
	}
	for len(b) > 0 {
		chunk := b
		if len(chunk) > maxRW {
			chunk = chunk[:maxRW]
		}
		m, e := syscall.Pwrite(f.fd, chunk, off)
		if e == syscall.EINTR {
			continue
		}
		if e != nil {
			return n, f.wrap("write", e)
		}
		n += m
		b = b[m:]
		off += int64(m)
	}
	return n, nil
}

// Seek sets the offset of the next Read or Write (whence: 0 from the start, 1 from the
// current offset, 2 from the end) and returns the new offset. Seeking a directory
// restarts its listing.
func (f *File) Seek(offset int64, whence int) (ret int64, err error) {
	if err := f.usable("seek"); err != nil {
		return 0, err
	}
	f.dir = nil
	r, e := syscall.Seek(f.fd, offset, whence)
	if e != nil {
		return 0, f.wrap("seek", e)
	}
	return r, nil
}

// Close closes the file; a second Close fails with ErrClosed.
func (f *File) Close() error {
	if f == nil {
		return ErrInvalid
	}
	if f.closed {
		return f.wrap("close", ErrClosed)
	}
	f.closed = true
	f.dir = nil
	err := syscall.Close(f.fd)
	if err == syscall.EINTR {
		err = nil
	}
	return f.wrap("close", err)
}

// Stat describes the open file. On a closed file it fails with "use of closed file" (Go's
// Stat does not turn that into ErrClosed).
func (f *File) Stat() (FileInfo, error) {
	if f == nil {
		return nil, ErrInvalid
	}
	if f.closed {
		return nil, f.wrap("stat", errFileClosing)
	}
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Fstat(f.fd, &st) }); err != nil {
		return nil, f.wrap("stat", err)
	}
	return newFileStat(f.name, &st), nil
}

// Sync commits the file's contents to stable storage.
func (f *File) Sync() error {
	if err := f.usable("sync"); err != nil {
		return err
	}
	return f.wrap("sync", ignoringEINTR(func() error { return syscall.Fsync(f.fd) }))
}

// Truncate changes the file's size.
func (f *File) Truncate(size int64) error {
	if err := f.usable("truncate"); err != nil {
		return err
	}
	return f.wrap("truncate", ignoringEINTR(func() error { return syscall.Ftruncate(f.fd, size) }))
}

// Chmod changes the file's mode bits.
func (f *File) Chmod(mode FileMode) error {
	if err := f.usable("chmod"); err != nil {
		return err
	}
	return f.wrap("chmod", ignoringEINTR(func() error { return syscall.Fchmod(f.fd, unixMode(mode)) }))
}

// Chown changes the file's owner and group.
func (f *File) Chown(uid, gid int) error {
	if err := f.usable("chown"); err != nil {
		return err
	}
	return f.wrap("chown", ignoringEINTR(func() error { return syscall.Fchown(f.fd, uid, gid) }))
}

// Chdir makes the directory open as f the working directory.
func (f *File) Chdir() error {
	if err := f.usable("chdir"); err != nil {
		return err
	}
	return f.wrap("chdir", syscall.Fchdir(f.fd))
}

// ReadFile reads the whole file name.
func ReadFile(name string) ([]byte, error) {
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Room for the size the file claims, one byte more for the read that sees the end,
	// and never under 512 bytes (Go's buffer, so cap(data) is Go's too).
	room := 0
	if fi, err := f.Stat(); err == nil {
		if sz := fi.Size(); int64(int(sz)) == sz {
			room = int(sz)
		}
	}
	room++
	if room < 512 {
		room = 512
	}
	data := make([]byte, 0, room)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// WriteFile writes data to name, creating it with perm (before the umask) or truncating
// it.
func WriteFile(name string, data []byte, perm FileMode) error {
	f, err := OpenFile(name, O_WRONLY|O_CREATE|O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Remove removes the file or empty directory name. When both unlink and rmdir fail, the
// error is rmdir's unless that says name is not a directory.
func Remove(name string) error {
	e := ignoringEINTR(func() error { return syscall.Unlink(name) })
	if e == nil {
		return nil
	}
	e1 := ignoringEINTR(func() error { return syscall.Rmdir(name) })
	if e1 == nil {
		return nil
	}
	if e1 != syscall.ENOTDIR {
		e = e1
	}
	return pathErr("remove", name, e)
}

// Rename moves oldpath to newpath, replacing a file there but not a directory.
func Rename(oldpath, newpath string) error {
	if nfi, err := Lstat(newpath); err == nil && nfi.IsDir() {
		ofi, err := Lstat(oldpath)
		if err != nil {
			if pe, ok := err.(*PathError); ok {
				err = pe.Err
			}
			return &LinkError{"rename", oldpath, newpath, err}
		}
		if newpath == oldpath || !SameFile(nfi, ofi) {
			return &LinkError{"rename", oldpath, newpath, syscall.EEXIST}
		}
	}
	if err := ignoringEINTR(func() error { return syscall.Rename(oldpath, newpath) }); err != nil {
		return &LinkError{"rename", oldpath, newpath, err}
	}
	return nil
}

// Mkdir makes the directory name with the permission bits perm (before the umask).
func Mkdir(name string, perm FileMode) error {
	if err := ignoringEINTR(func() error { return syscall.Mkdir(name, unixMode(perm)) }); err != nil {
		return pathErr("mkdir", name, err)
	}
	return nil
}

// Chmod changes the mode bits of the file name names.
func Chmod(name string, mode FileMode) error {
	if err := ignoringEINTR(func() error { return syscall.Chmod(name, unixMode(mode)) }); err != nil {
		return pathErr("chmod", name, err)
	}
	return nil
}

// Chown changes the owner and group of the file name names, following links.
func Chown(name string, uid, gid int) error {
	if err := ignoringEINTR(func() error { return syscall.Chown(name, uid, gid) }); err != nil {
		return pathErr("chown", name, err)
	}
	return nil
}

// Lchown is Chown of a symbolic link itself.
func Lchown(name string, uid, gid int) error {
	if err := ignoringEINTR(func() error { return syscall.Lchown(name, uid, gid) }); err != nil {
		return pathErr("lchown", name, err)
	}
	return nil
}

// Chtimes sets the access and modification times of the file name names (a zero Time is
// taken as it is, as Go 1.19 does).
func Chtimes(name string, atime time.Time, mtime time.Time) error {
	ts := [2]syscall.Timespec{
		syscall.NsecToTimespec(atime.UnixNano()),
		syscall.NsecToTimespec(mtime.UnixNano()),
	}
	if err := syscall.UtimesNano(name, ts[:]); err != nil {
		return pathErr("chtimes", name, err)
	}
	return nil
}

// Truncate changes the size of the file name names.
func Truncate(name string, size int64) error {
	if err := ignoringEINTR(func() error { return syscall.Truncate(name, size) }); err != nil {
		return pathErr("truncate", name, err)
	}
	return nil
}

// Link makes newname a hard link to oldname.
func Link(oldname, newname string) error {
	if err := ignoringEINTR(func() error { return syscall.Link(oldname, newname) }); err != nil {
		return &LinkError{"link", oldname, newname, err}
	}
	return nil
}

// Symlink makes newname a symbolic link to oldname.
func Symlink(oldname, newname string) error {
	if err := ignoringEINTR(func() error { return syscall.Symlink(oldname, newname) }); err != nil {
		return &LinkError{"symlink", oldname, newname, err}
	}
	return nil
}

// Readlink returns the target of the symbolic link name.
func Readlink(name string) (string, error) {
	for size := 128; ; size *= 2 {
		b := make([]byte, size)
		var n int
		err := ignoringEINTR(func() error {
			var e error
			n, e = syscall.Readlink(name, b)
			return e
		})
		if err != nil {
			return "", pathErr("readlink", name, err)
		}
		if n < size {
			return string(b[:n]), nil
		}
	}
}

// Pipe returns the two ends of a new pipe, named "|0" and "|1". Reading an empty pipe
// blocks its goroutine in the kernel (with its P freed), where Go's waits in the network
// poller.
func Pipe() (r *File, w *File, err error) {
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC); err != nil {
		return nil, nil, NewSyscallError("pipe2", err)
	}
	return NewFile(uintptr(p[0]), "|0"), NewFile(uintptr(p[1]), "|1"), nil
}
