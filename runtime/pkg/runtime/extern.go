// Package runtime's exported API about the program and its machine: the target's names, the
// toolchain's version, GOROOT, the CPU count, GOMAXPROCS and KeepAlive. The rest is with what
// it describes: the call stack's functions in callers.go, the collector's in mgc.go and
// mstats.go, finalizers in mfinal.go, the memory profile in mprof.go, LockOSThread in
// procs.go. What tbuild's runtime lacks of Go's API (the CPU, block and mutex profiles...) is
// refused as not supported yet: the compiler lists Go's exported names
// (codegen/src/compile/go_api.rs).

package runtime

import "unsafe"

// GOOS and GOARCH name the target, as Go's constants do for linux/amd64.
const GOOS = "linux"

const GOARCH = "amd64"

// Compiler is the name of the toolchain that built the binary as Go's runtime names it:
// "gc", the value every program go builds sees. tbuild's binaries must do what go's do, and
// programs test it to choose gc's behaviour over gccgo's (Go: runtime/extern.go Compiler);
// runtime.Version and the build info say the binary is tbuild's.
const Compiler = "gc"

// GOROOT returns the GOROOT environment variable as the process found it at start-up, or
// else the Go tree the program was built from (Go: runtime/extern.go). A tbuild program
// was built from no Go tree on disk (the standard packages are inside tbuild, recorded as
// $TBUILD/...), so the fallback is "", as Go's is for a binary linked with -trimpath
// (cmd/link leaves runtime.defaultGOROOT empty then: go.dev/issue/51461).
func GOROOT() string {
	return gogetenv("GOROOT")
}

// NumCPU is the number of CPUs the process may run on, counted at start-up from its
// affinity mask (os_linux.go osinit), as Go's is.
func NumCPU() int {
	return int(ncpu)
}

// gomaxprocs is the GOMAXPROCS setting: the CPU count, or the GOMAXPROCS environment
// variable when it is a positive number (schedinit).
var gomaxprocs int32

// GOMAXPROCS sets the largest number of CPUs that may run the program's goroutines at
// once, if n >= 1, and returns the previous setting. Go: runtime/debug.go GOMAXPROCS, which
// stops the world to resize; here Ps beyond the new setting retire when their M next
// schedules (procs.go procresize), so the goroutine running on one finishes its time slice.
func GOMAXPROCS(n int) int {
	lock(&sched.lock)
	prev := int(gomaxprocs)
	if n <= 0 || n == prev {
		unlock(&sched.lock)
		return prev
	}
	if n > 1<<30 {
		n = 1 << 30
	}
	procresize(int32(n))
	unlock(&sched.lock)
	wakep()
	return prev
}

// procsinit makes the Ps at start-up, as Go's schedinit does: as many as CPUs, or as the
// GOMAXPROCS environment variable says when it is a positive number; m0 takes P0.
func procsinit() {
	procs := ncpu
	s := gogetenv("GOMAXPROCS")
	n := int32(0)
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || n > 1<<24 {
			n = 0
			break
		}
		n = n*10 + int32(s[i]-'0')
	}
	if n > 0 {
		procs = n
	}
	lock(&sched.lock)
	procresize(procs)
	pp := pidleget()
	unlock(&sched.lock)
	acquirep(pp)
}

// Breakpoint executes a breakpoint trap: under a debugger the program stops there, and
// otherwise the SIGTRAP ends it with Go's "SIGTRAP: trace trap" report (signal_unix.go).
func Breakpoint() {
	breakpoint()
}

// breakpoint is the trap instruction itself, in asm_amd64.s.
func breakpoint()

// KeepAlive marks x as in use up to the call: the call stays, as in Go, an ordinary call
// the compiler cannot remove, so x is in a register or the frame until then, where the
// collector's stack scan finds it.
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
	return buildinfoString(0)
}

// debug_modinfo is runtime/debug's modinfo: the blob's second string, the module
// information cmd/go gives the linker (`path`, `mod`, `dep` and `build` lines) between its
// two 16-byte sentinels, or "" when the blob has none. Go's linker writes the same string
// into runtime.modinfo as well; here it is read from the blob, as Version is.
func debug_modinfo() string {
	return buildinfoString(1)
}

// buildinfoString returns the i'th of the .go.buildinfo blob's strings after its 32-byte
// header, each a uvarint length and its bytes.
func buildinfoString(i int) string {
	p := buildinfoAddr()
	if *(*byte)(unsafe.Add(p, 15))&2 == 0 {
		return "" // not the inline format: no strings in the blob
	}
	q := unsafe.Add(p, 32)
	for {
		n, at := uvarint(q)
		if i == 0 {
			var ss stringStruct
			ss.str = at
			ss.len = int(n)
			return *(*string)(unsafe.Pointer(&ss))
		}
		q = unsafe.Add(at, uintptr(n))
		i--
	}
}

// buildinfoAddr returns the address of the linker's go.buildinfo blob (asm_amd64.s).
func buildinfoAddr() unsafe.Pointer
