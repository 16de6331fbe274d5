// Package debug: tbuild's runtime/debug, the collector's and the scheduler's knobs and the
// calling goroutine's traceback, for a running program. Go: runtime/debug (garbage.go,
// stack.go), whose API and meanings these follow; the knobs live in the runtime
// (runtime/mgc.go, proc.go), reached with //go:linkname as package sync reaches its
// semaphores. The binary's build information is in buildinfo.go, the collector's history
// (ReadGCStats) and SetTraceback in garbage.go. Go's WriteHeapDump is not here yet: a program
// that uses it is refused as not supported.
package debug

import (
	"os"
	"runtime"
)

// SetGCPercent sets the garbage collection target percentage, GOGC's setting: a
// collection starts when the heap has grown by this percentage over what the last one left
// live. A negative percentage turns collection off. It returns the previous setting.
func SetGCPercent(percent int) int {
	return int(setGCPercent(int32(percent)))
}

// FreeOSMemory runs a garbage collection and then returns as much memory to the operating
// system as it can.
func FreeOSMemory() {
	freeOSMemory()
}

// SetMaxThreads sets the most operating system threads the program may use, and returns
// the previous setting (10,000 at start-up). A program that needs more crashes.
func SetMaxThreads(threads int) int {
	return setMaxThreads(threads)
}

// SetMaxStack sets the most memory a single goroutine's stack may use, and returns the
// previous setting (1,000,000,000 bytes at start-up). A goroutine whose stack would grow
// past it crashes the program with "goroutine stack exceeds N-byte limit".
func SetMaxStack(bytes int) int {
	return setMaxStack(bytes)
}

// SetMemoryLimit sets the soft limit on the memory the runtime maps (heap, stacks and their
// metadata) and returns the previous limit; a negative limit leaves it as it is, so that
// SetMemoryLimit(-1) reads it. The limit starts as GOMEMLIMIT's (bytes, or with a B, KiB,
// MiB, GiB or TiB suffix), else math.MaxInt64: none. Collections start earlier to keep under
// it, but a live heap larger than the limit still grows past it.
func SetMemoryLimit(limit int64) int64 {
	return setMemoryLimit(limit)
}

// SetPanicOnFault sets whether a fault of the calling goroutine at an address other than
// nil's page panics, with a runtime.Error that has an Addr method, instead of crashing the
// program; it returns the previous setting (false for every new goroutine).
func SetPanicOnFault(enabled bool) bool {
	return setPanicOnFault(enabled)
}

// Stack returns the traceback of the calling goroutine, formatted as runtime.Stack formats
// it, in a buffer big enough for all of it.
func Stack() []byte {
	buf := make([]byte, 1024)
	for {
		n := runtime.Stack(buf, false)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// PrintStack prints Stack's traceback to standard error.
func PrintStack() {
	os.Stderr.Write(Stack())
}

//go:linkname setGCPercent runtime.debug_setGCPercent
func setGCPercent(percent int32) int32

//go:linkname freeOSMemory runtime.debug_freeOSMemory
func freeOSMemory()

//go:linkname setMaxThreads runtime.debug_setMaxThreads
func setMaxThreads(threads int) int

//go:linkname setMaxStack runtime.debug_setMaxStack
func setMaxStack(bytes int) int

//go:linkname setMemoryLimit runtime.debug_setMemoryLimit
func setMemoryLimit(limit int64) int64

//go:linkname setPanicOnFault runtime.debug_setPanicOnFault
func setPanicOnFault(enabled bool) bool
