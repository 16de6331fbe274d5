// The part of package runtime's exported API that a single-threaded program without a
// collector can have in full: the target's names, the CPU count, and KeepAlive. The rest of
// Go's runtime API (GC, Caller, GOMAXPROCS, ...) is refused as not supported yet: the
// compiler lists Go's exported names (codegen/src/compile/go_api.rs).

package runtime

// GOOS and GOARCH name the target, as Go's constants do for linux/amd64.
const GOOS = "linux"

const GOARCH = "amd64"

// NumCPU is the number of CPUs the process may run on, counted at start-up from its
// affinity mask (os_linux.go osinit), as Go's is.
func NumCPU() int {
	return int(ncpu)
}

// KeepAlive marks x as in use up to the call. Nothing is ever freed yet, so it has nothing
// to do; the call stays, as in Go, an ordinary call the compiler cannot remove.
func KeepAlive(x any) {
}
