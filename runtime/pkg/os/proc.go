// Package os gives the parts of Go's os package that tbuild supports: the command-line
// arguments, the environment, exiting, the process's ids and host name, the working
// directory, files and directories (file.go, dir.go, path.go, tempfile.go) with Go's
// errors (error.go), DirFS, and processes (process.go). Signal notification and deadlines
// are not supported yet.
// Go: os/proc.go, os/env.go, os/getwd.go, os/sys_linux.go, os/executable_procfs.go.

package os

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"
	"unsafe"
)

// Go allows //go:linkname only in files that import unsafe.
var _ = unsafe.Sizeof(uintptr(0))

// Args holds the command-line arguments, starting with the program name.
var Args []string

func init() {
	Args = runtime_args()
	// fmt's Print family writes where Stdout points at the time of the call, as Go's does.
	runtime_setStdout(func() any { return Stdout })
}

// runtime_setStdout tells the runtime how fmt finds os.Stdout (runtime/runtime1.go).
//
//go:linkname runtime_setStdout runtime.os_runtime_setStdout
func runtime_setStdout(f func() any)

// runtime_args returns a copy of the process's arguments, made by the runtime from argv.
//
//go:linkname runtime_args runtime.os_runtime_args
func runtime_args() []string

// Exit causes the current program to exit with the given status code: 0 is success, other
// codes are errors. The program terminates immediately; deferred functions are not run.
func Exit(code int) { syscall.Exit(code) }

// Getpid returns the process id.
func Getpid() int { return syscall.Getpid() }

// Getppid returns the parent's process id.
func Getppid() int { return syscall.Getppid() }

// Getuid returns the real user id.
func Getuid() int { return syscall.Getuid() }

// Geteuid returns the effective user id.
func Geteuid() int { return syscall.Geteuid() }

// Getgid returns the real group id.
func Getgid() int { return syscall.Getgid() }

// Getegid returns the effective group id.
func Getegid() int { return syscall.Getegid() }

// Getpagesize returns the memory page size.
func Getpagesize() int { return syscall.Getpagesize() }

// Hostname returns the kernel's host name: uname's node name, or when that may be cut
// short (64 bytes or more), /proc/sys/kernel/hostname.
func Hostname() (name string, err error) {
	u := new(syscall.Utsname)
	uerr := syscall.Uname(u)
	var b [512]byte
	for i, c := range u.Nodename {
		if c == 0 {
			name = string(b[:i])
			break
		}
		b[i] = byte(c)
	}
	if uerr == nil && len(name) > 0 && len(name) < 64 {
		return name, nil
	}
	proc, err := Open("/proc/sys/kernel/hostname")
	if err != nil {
		return "", err
	}
	defer proc.Close()
	n, err := proc.Read(b[:])
	if err != nil {
		return "", err
	}
	if n > 0 && b[n-1] == '\n' {
		n--
	}
	return string(b[:n]), nil
}

// Getwd returns an absolute name of the working directory: $PWD when that names it, else
// the kernel's.
func Getwd() (dir string, err error) {
	dot, err := Stat(".")
	if err != nil {
		return "", err
	}
	if pwd := Getenv("PWD"); len(pwd) > 0 && pwd[0] == '/' {
		if d, err := Stat(pwd); err == nil && SameFile(dot, d) {
			return pwd, nil
		}
	}
	for {
		dir, err = syscall.Getwd()
		if err != syscall.EINTR {
			break
		}
	}
	return dir, NewSyscallError("getwd", err)
}

// Chdir changes the working directory.
func Chdir(dir string) error {
	if err := syscall.Chdir(dir); err != nil {
		return pathErr("chdir", dir, err)
	}
	return nil
}

// Executable returns the path of the running program, from /proc/self/exe.
func Executable() (string, error) {
	p, err := Readlink("/proc/self/exe")
	if err != nil {
		return "", err
	}
	// The kernel marks a program whose file was removed since it started.
	const gone = " (deleted)"
	if len(p) >= len(gone) && p[len(p)-len(gone):] == gone {
		p = p[:len(p)-len(gone)]
	}
	return p, nil
}

// DirFS returns the file system of the tree under dir, for io/fs's functions.
func DirFS(dir string) fs.FS { return dirFS(dir) }

type dirFS string

// join is the name of name under dir: a ValidPath without NUL bytes, or ErrInvalid.
func (dir dirFS) join(name string) (string, error) {
	if dir == "" {
		return "", errors.New("os: DirFS with empty root")
	}
	if !fs.ValidPath(name) || strings.IndexByte(name, 0) >= 0 {
		return "", ErrInvalid
	}
	base := string(dir)
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base + name, nil
}

// Open opens name under dir. (Go 1.19.8's reports a bad name as a "stat" error, for Open
// too.)
func (dir dirFS) Open(name string) (fs.File, error) {
	full, err := dir.join(name)
	if err != nil {
		return nil, pathErr("stat", name, err)
	}
	f, err := Open(full)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Stat describes name under dir.
func (dir dirFS) Stat(name string) (fs.FileInfo, error) {
	full, err := dir.join(name)
	if err != nil {
		return nil, pathErr("stat", name, err)
	}
	fi, err := Stat(full)
	if err != nil {
		return nil, err
	}
	return fi, nil
}

// Getgroups returns the supplementary group ids.
func Getgroups() ([]int, error) {
	gids, err := syscall.Getgroups()
	return gids, NewSyscallError("getgroups", err)
}

type (
	// A Signal is an operating-system signal (for Process.Signal, and os/signal, which tbuild
	// does not support yet): its String, and Signal to tell it from other Stringers.
	Signal interface {
		String() string
		Signal()
	}
)

// The signals every system has, and the error of signalling a finished process.
var (
	Interrupt      = Signal(syscall.SIGINT)
	Kill           = Signal(syscall.SIGKILL)
	ErrProcessDone = errors.New("os: process already finished")
)

// UserHomeDir returns $HOME.
func UserHomeDir() (string, error) {
	home := Getenv("HOME")
	if home == "" {
		return "", errors.New("$HOME is not defined")
	}
	return home, nil
}

// userDir returns $xdg, or $HOME/sub when that is empty.
func userDir(xdg, sub string) (string, error) {
	if dir := Getenv(xdg); dir != "" {
		return dir, nil
	}
	if home := Getenv("HOME"); home != "" {
		return home + "/" + sub, nil
	}
	return "", errors.New("neither $" + xdg + " nor $HOME are defined")
}

// UserCacheDir returns $XDG_CACHE_HOME, or $HOME/.cache.
func UserCacheDir() (string, error) { return userDir("XDG_CACHE_HOME", ".cache") }

// UserConfigDir returns $XDG_CONFIG_HOME, or $HOME/.config.
func UserConfigDir() (string, error) { return userDir("XDG_CONFIG_HOME", ".config") }
