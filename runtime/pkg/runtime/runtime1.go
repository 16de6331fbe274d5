// Process arguments and the startup sanity checks.
//
// Go: runtime/runtime1.go.

package runtime

import "unsafe"

var (
	argc int32
	argv **byte
)

// argslice holds the process's arguments as Go strings, built by goargs. Go:
// runtime/runtime1.go.
var argslice []string

// goargs makes argslice from argc and argv; schedinit calls it once the heap is up.
// Go: runtime/runtime1.go goargs.
func goargs() {
	argslice = make([]string, argc)
	for i := int32(0); i < argc; i++ {
		argslice[i] = gostringnocopy(argv_index(argv, i))
	}
}

// os_runtime_args returns a copy of the arguments: os.Args. Package os reaches it with
// `//go:linkname runtime_args runtime.os_runtime_args`. Go: runtime/runtime.go
// os_runtime_args (which Go links the other way, pushing the name os.runtime_args).
func os_runtime_args() []string {
	// Go: append([]string{}, argslice...); tbuild's parser does not take a slice
	// literal as a call argument yet (/work/notes/compiler-bugs.md).
	return append(make([]string, 0), argslice...)
}

// args saves argc and argv and reads the auxiliary vector. rt0_go calls it with argc in DI
// and argv in SI. Go: runtime/runtime1.go args.
func args(c int32, v **byte) {
	argc = c
	argv = v
	sysargs(c, v)
}

// x1t and y1t check struct layout. Go declares them inside check; they are package-level
// here.
type x1t struct {
	x uint8
}

type y1t struct {
	x1 x1t
	y  uint8
}

// check verifies the sizes and layouts the compiler and runtime rely on.
// Go: runtime/runtime1.go check. Left out: float32/float64 sizes and NaN comparisons (no
// floats), timediv, the atomic Cas/And/Or tests (no atomics yet), FixedStack (no stack
// growth) and checkASM (no vector constants in the assembly).
func check() {
	// Go's names are a..n; these avoid shadowing the types g and m.
	var i8 int8
	var u8 uint8
	var i16 int16
	var u16 uint16
	var i32 int32
	var u32 uint32
	var i64 int64
	var u64 uint64
	var in int
	var un uint
	var k unsafe.Pointer
	var l *uint16
	var up uintptr
	var bo bool
	var r rune
	var x1 x1t
	var y1 y1t

	if unsafe.Sizeof(i8) != 1 {
		throw("bad a")
	}
	if unsafe.Sizeof(u8) != 1 {
		throw("bad b")
	}
	if unsafe.Sizeof(i16) != 2 {
		throw("bad c")
	}
	if unsafe.Sizeof(u16) != 2 {
		throw("bad d")
	}
	if unsafe.Sizeof(i32) != 4 {
		throw("bad e")
	}
	if unsafe.Sizeof(u32) != 4 {
		throw("bad f")
	}
	if unsafe.Sizeof(i64) != 8 {
		throw("bad g")
	}
	if unsafe.Sizeof(u64) != 8 {
		throw("bad h")
	}
	if unsafe.Sizeof(in) != 8 {
		throw("bad int")
	}
	if unsafe.Sizeof(un) != 8 {
		throw("bad uint")
	}
	if unsafe.Sizeof(k) != 8 {
		throw("bad k")
	}
	if unsafe.Sizeof(l) != 8 {
		throw("bad l")
	}
	if unsafe.Sizeof(up) != 8 {
		throw("bad uintptr")
	}
	if unsafe.Sizeof(bo) != 1 {
		throw("bad bool")
	}
	if unsafe.Sizeof(r) != 4 {
		throw("bad rune")
	}
	if unsafe.Sizeof(x1) != 1 {
		throw("bad unsafe.Sizeof x1")
	}
	if unsafe.Offsetof(y1.y) != 1 {
		throw("bad offsetof y1.y")
	}
	if unsafe.Sizeof(y1) != 2 {
		throw("bad unsafe.Sizeof y1")
	}

	// tbuild: the layouts the linker writes into .gopclntab (Go 1.18+ format) and the
	// string header the runtime builds by hand.
	var ph pcHeader
	var ft functab
	var fn _func
	var ss stringStruct
	var s string
	if unsafe.Sizeof(ph) != 72 || unsafe.Offsetof(ph.nfunc) != 8 {
		throw("bad pcHeader")
	}
	if unsafe.Sizeof(ft) != 8 {
		throw("bad functab")
	}
	var ffb findfuncbucket
	if unsafe.Sizeof(ffb) != findfuncbucketSize {
		throw("bad findfuncbucket")
	}
	if unsafe.Sizeof(fn) != 40 || unsafe.Offsetof(fn.nfuncdata) != 39 {
		throw("bad _func")
	}
	if unsafe.Sizeof(ss) != unsafe.Sizeof(s) {
		throw("bad stringStruct")
	}
}
