// The process's arguments, and check, the first thing rt0_go calls: the sizes and layouts
// that the compiler, the linker and the assembly must agree on.

package runtime

import "unsafe"

// argc and argv as the kernel gave them; args records them.
var (
	argc int32
	argv **byte
)

// argslice is os.Args: the arguments as Go strings, made by goargs once the heap is up.
var argslice []string

// args records argc and argv and reads the auxiliary vector past them. rt0_go calls it
// with argc and argv in DI and SI.
func args(c int32, v **byte) {
	argc = c
	argv = v
	sysargs(c, v)
}

// goargs makes argslice. The strings point into the kernel's copy of the arguments on the
// initial stack, which stays put for the life of the process.
func goargs() {
	list := make([]string, argc)
	base := unsafe.Pointer(argv)
	for i := range list {
		list[i] = gostringnocopy(*(**byte)(unsafe.Add(base, uintptr(i)*8)))
	}
	argslice = list
}

// envs is the environment as the kernel gave it: the "key=value" strings after argv's
// terminating nil, until the next nil (the System V ABI's initial stack). goenvs makes it
// with the arguments. Go: runtime/runtime1.go goenvs_unix.
var envs []string

func goenvs() {
	base := unsafe.Add(unsafe.Pointer(argv), uintptr(argc+1)*8)
	n := 0
	for *(**byte)(unsafe.Add(base, uintptr(n)*8)) != nil {
		n++
	}
	list := make([]string, n)
	for i := range list {
		list[i] = gostringnocopy(*(**byte)(unsafe.Add(base, uintptr(i)*8)))
	}
	envs = list
}

// gogetenv returns the value of the environment variable key, or "" (Go:
// runtime/env_posix.go gogetenv).
func gogetenv(key string) string {
	for _, kv := range envs {
		if len(kv) > len(key) && kv[len(key)] == '=' && kv[:len(key)] == key {
			return kv[len(key)+1:]
		}
	}
	return ""
}

// traceback_cache holds the traceback setting: the level (0 none, 1 the program's frames, 2
// the runtime's too) and whether every goroutine is shown. GOTRACEBACK's own setting is kept
// apart (Go: traceback_env): debug.SetTraceback cannot go below it.
var (
	tracebackLevel    int32 = 1
	tracebackAll      bool
	tracebackEnvLevel int32
	tracebackEnvAll   bool
)

// parsetraceback reads GOTRACEBACK once the environment is known (schedinit), as Go's
// parsedebugvars does.
func parsetraceback() {
	setTraceback(gogetenv("GOTRACEBACK"))
	tracebackEnvLevel, tracebackEnvAll = tracebackLevel, tracebackAll
}

// setTraceback sets the traceback setting from a GOTRACEBACK value, as Go's setTraceback
// reads one: none, single (also the empty string), all, system, crash (system here: tbuild
// does not dump core), or a number, the level with every goroutine; anything else is level
// 0 with every goroutine. The result is combined with GOTRACEBACK's as Go combines them, its
// level's bits or-ed in (Go keeps the level in the bits above two flag bits of a uint32, so a
// number keeps its low 30 bits).
func setTraceback(s string) {
	level, all := int32(0), false
	switch s {
	case "none":
	case "single", "":
		level = 1
	case "all":
		level, all = 1, true
	case "system", "crash":
		level, all = 2, true
	default:
		all = true
		n := uint64(0)
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' || n > 1<<32 {
				n = 0
				break
			}
			n = n*10 + uint64(s[i]-'0')
		}
		if n < 1<<32 {
			level = int32(n & (1<<30 - 1))
		}
	}
	tracebackLevel = level | tracebackEnvLevel
	tracebackAll = all || tracebackEnvAll
}

// debug_setTraceback is runtime/debug.SetTraceback.
func debug_setTraceback(level string) {
	setTraceback(level)
}

// os_runtime_envs returns a copy of envs for package os (Go: syscall.runtime_envs).
func os_runtime_envs() []string {
	var none []string
	return append(none, envs...)
}

// os_runtime_args returns a copy of argslice for package os (os.Args), which reaches it
// with //go:linkname (Go links it the other way, runtime to os.runtime_args). The copy is
// appended to an empty slice, as Go makes it, so that cap(os.Args) is Go's too.
func os_runtime_args() []string {
	var none []string
	return append(none, argslice...)
}

// Where fmt's Print, Printf and Println write. Go's fmt writes to whatever os.Stdout holds
// at the call (Fprintln(os.Stdout, ...)), so a program that points os.Stdout at a pipe
// captures them. tbuild's fmt does not import os, so that a program without os links none of
// it: package os registers a function returning os.Stdout here when it is initialised, and
// fmt asks for it on each call; without os (or before its init) fmt writes to descriptor 1.
var osStdout func() any

func os_runtime_setStdout(f func() any) { osStdout = f }

func fmt_runtime_stdout() any {
	if osStdout == nil {
		return nil
	}
	return osStdout()
}

// check stops the program before anything else runs if a size or layout is not what the
// runtime, its assembly and the linker's tables are written for: the sizes of the basic
// types, a struct's padding, the string header the runtime builds by hand, and the Go 1.18
// layout of the records the linker writes into .gopclntab (symtab.go).
func check() {
	var i8 int8
	var i16 int16
	var i32 int32
	var i64 int64
	var i int
	var u uint
	var up uintptr
	var p unsafe.Pointer
	var ptr *int
	var b bool
	var r rune
	var f32 float32
	var f64 float64
	var s string
	var ss stringStruct
	checkSize("int8", unsafe.Sizeof(i8), 1)
	checkSize("int16", unsafe.Sizeof(i16), 2)
	checkSize("int32", unsafe.Sizeof(i32), 4)
	checkSize("int64", unsafe.Sizeof(i64), 8)
	checkSize("int", unsafe.Sizeof(i), 8)
	checkSize("uint", unsafe.Sizeof(u), 8)
	checkSize("uintptr", unsafe.Sizeof(up), 8)
	checkSize("unsafe.Pointer", unsafe.Sizeof(p), 8)
	checkSize("*int", unsafe.Sizeof(ptr), 8)
	checkSize("bool", unsafe.Sizeof(b), 1)
	checkSize("rune", unsafe.Sizeof(r), 4)
	checkSize("float32", unsafe.Sizeof(f32), 4)
	checkSize("float64", unsafe.Sizeof(f64), 8)
	checkSize("string", unsafe.Sizeof(s), 16)
	checkSize("stringStruct", unsafe.Sizeof(ss), unsafe.Sizeof(s))
	// The layouts the compiler writes without reading these declarations
	// (codegen/src/compile/lower/defer.rs).
	var d _defer
	var di deferInfo
	checkSize("_defer.started offset", unsafe.Offsetof(d.started), 0)
	checkSize("_defer.openDefer offset", unsafe.Offsetof(d.openDefer), 1)
	checkSize("_defer.bits offset", unsafe.Offsetof(d.bits), 16)
	checkSize("_defer.chain offset", unsafe.Offsetof(d.chain), 24)
	checkSize("_defer.fns offset", unsafe.Offsetof(d.fns), 32)
	checkSize("deferInfo.rec offset", unsafe.Offsetof(di.rec), 16)

	// Two one-byte fields, one inside a struct of its own: no padding between or after.
	var pair struct {
		inner struct{ a uint8 }
		b     uint8
	}
	checkSize("struct{struct{uint8}; uint8}", unsafe.Sizeof(pair), 2)
	checkSize("offset of its second field", unsafe.Offsetof(pair.b), 1)

	var hdr pcHeader
	var ft functab
	var fn _func
	var bucket findfuncbucket
	checkSize("pcHeader", unsafe.Sizeof(hdr), 72)
	checkSize("pcHeader.nfunc's offset", unsafe.Offsetof(hdr.nfunc), 8)
	checkSize("functab", unsafe.Sizeof(ft), functabSize)
	checkSize("_func", unsafe.Sizeof(fn), 40)
	checkSize("_func.nfuncdata's offset", unsafe.Offsetof(fn.nfuncdata), 39)
	checkSize("findfuncbucket", unsafe.Sizeof(bucket), findfuncbucketSize)
}

// checkSize throws if a size (or offset) is not the one expected.
func checkSize(what string, got, want uintptr) {
	if got != want {
		print("runtime: ", what, " is ", got, " bytes, want ", want, "\n")
		throw("check: bad size or layout")
	}
}
