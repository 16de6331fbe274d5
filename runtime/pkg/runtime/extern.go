// The part of package runtime's exported API that a single-threaded program without a
// collector can have in full: the target's names, the toolchain's version, the CPU count,
// GOMAXPROCS, and KeepAlive (the call stack's functions are in callers.go). The rest of Go's runtime
// API (GC, LockOSThread, ...) is refused as not supported yet: the compiler lists Go's
// exported names (codegen/src/compile/go_api.rs).

package runtime

import "unsafe"

// GOOS and GOARCH name the target, as Go's constants do for linux/amd64.
const GOOS = "linux"

const GOARCH = "amd64"

// NumCPU is the number of CPUs the process may run on, counted at start-up from its
// affinity mask (os_linux.go osinit), as Go's is.
func NumCPU() int {
	return int(ncpu)
}

// gomaxprocs is the GOMAXPROCS setting: the CPU count, or the GOMAXPROCS environment
// variable when it is a positive number (schedinit).
var gomaxprocs int32

// GOMAXPROCS sets the largest number of CPUs that may run the program's goroutines at
// once, if n >= 1, and returns the previous setting. The scheduler runs every goroutine on
// one thread so far (proc.go), which keeps within any setting; the setting is kept and
// reported as Go's is. Go: runtime/debug.go GOMAXPROCS.
func GOMAXPROCS(n int) int {
	prev := int(gomaxprocs)
	if n >= 1 {
		gomaxprocs = int32(n)
	}
	return prev
}

// procsinit sets gomaxprocs at start-up, as Go's schedinit does.
func procsinit() {
	gomaxprocs = ncpu
	s := gogetenv("GOMAXPROCS")
	n := int32(0)
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || n > 1<<24 {
			return
		}
		n = n*10 + int32(s[i]-'0')
	}
	if n > 0 {
		gomaxprocs = n
	}
}

// Breakpoint executes a breakpoint trap: under a debugger the program stops there, and
// otherwise the SIGTRAP ends it with Go's "SIGTRAP: trace trap" report (signal_unix.go).
func Breakpoint() {
	breakpoint()
}

// breakpoint is the trap instruction itself, in asm_amd64.s.
func breakpoint()

// KeepAlive marks x as in use up to the call. Nothing is ever freed yet, so it has nothing
// to do; the call stays, as in Go, an ordinary call the compiler cannot remove.
func KeepAlive(x any) {
}

// Version returns the version of the toolchain that built the program: the string the
// linker writes into the binary's .go.buildinfo, which `go version` reads too, so the two
// always agree. Go's linker writes the same string into runtime.buildVersion; tbuild's
// runtime reads it from the blob, whose layout is Go 1.18's (linker/src/buildinfo.rs): a
// 32-byte header (magic, pointer size, flags with bit 1 "inline strings"), then the
// version as a uvarint length and its bytes. For tbuild that is "go1.19-tbuild-<its
// version>", not a release of Go: the program was not built by Go 1.19.
func Version() string {
	p := buildinfoAddr()
	if *(*byte)(unsafe.Add(p, 15))&2 == 0 {
		return "" // not the inline format: no version string in the blob
	}
	n, q := uvarint(unsafe.Add(p, 32))
	var ss stringStruct
	ss.str = q
	ss.len = int(n)
	return *(*string)(unsafe.Pointer(&ss))
}

// buildinfoAddr returns the address of the linker's go.buildinfo blob (asm_amd64.s).
func buildinfoAddr() unsafe.Pointer
