// Package os gives the parts of Go's os package that tbuild supports: the command-line
// arguments, reading the environment, and exiting. Go: os/proc.go, os/env.go. Files,
// Stdout/Stderr and errors come with interfaces (file.go).

package os

import "unsafe"

// Go allows //go:linkname only in files that import unsafe; tbuild does not support a blank
// import yet, so the import is used here.
var _ = unsafe.Sizeof(uintptr(0))

// Args holds the command-line arguments, starting with the program name.
var Args []string

func init() {
	Args = runtime_args()
}

// runtime_args returns a copy of the process's arguments, made by the runtime from argv.
//
//go:linkname runtime_args runtime.os_runtime_args
func runtime_args() []string

// runtime_exit is the exit_group system call. Go's os.Exit reaches it through
// syscall.Exit.
//
//go:linkname runtime_exit runtime.exit
func runtime_exit(code int32)

// Exit causes the current program to exit with the given status code: 0 is success, other
// codes are errors. The program terminates immediately; deferred functions are not run.
// Portable programs keep the code in [0, 125].
func Exit(code int) {
	runtime_exit(int32(code))
}
