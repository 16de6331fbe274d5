// Declarations of the functions implemented in assembly (asm_amd64.s), and small helpers.
//
// Go: runtime/stubs.go. In Go, getg, getcallerpc and getcallersp are compiler intrinsics;
// tbuild's compiler has none, so the runtime gets the same facts from tiny assembly
// functions that follow the tbuild ABI (results in AX).

package runtime

import "unsafe"

// getg returns the pointer to the current g, read from R15, the register tbuild's compiled
// code keeps g in (Go: an intrinsic reading R14 on amd64, declared in runtime/stubs.go).
func getg() *g

// getfp returns the frame pointer (BP) of its caller, that is the caller's frame: 0(fp) is
// the caller's caller's saved BP and 8(fp) the return address into the caller's caller.
// Go: runtime/stubs.go getfp (an intrinsic since Go 1.21). Frame-pointer tracebacks and
// getcallerpc/getcallersp replacements build on it; they need compiled code to keep frame
// pointers (Cranelift's preserve_frame_pointers), as Go's does.
func getfp() uintptr

// getpc returns a PC inside its caller (its own return address). Used to start a traceback
// at the calling function's frame, as Go's getcallerpc in fatalthrow's caller does.
func getpc() uintptr

// goexitPC returns the address of goexit+1 (Go: abi.FuncPCABI0(goexit) + sys.PCQuantum):
// the return address planted under a new goroutine's entry function.
func goexitPC() uintptr

// gogo restores the goroutine state saved in buf and jumps to buf.pc; it does not return.
// Go: runtime/stubs.go gogo.
func gogo(buf *gobuf)

// mstart is the entry point for new Ms (Go: runtime/asm_amd64.s mstart).
func mstart()

// abort crashes the process with a breakpoint trap (Go: runtime/stubs.go abort).
func abort()

// Go: runtime/stubs.go add.
//
//go:nosplit
func add(p unsafe.Pointer, x uintptr) unsafe.Pointer {
	return unsafe.Add(p, x)
}

// A stringStruct is the memory layout of a string: Go: runtime/string.go stringStruct.
type stringStruct struct {
	str unsafe.Pointer
	len int
}

// Go: runtime/string.go stringStructOf.
func stringStructOf(sp *string) *stringStruct {
	return (*stringStruct)(unsafe.Pointer(sp))
}

// Go: runtime/stubs.go alignUp (Go masks with &^; a division works for any a > 0).
func alignUp(n, a uintptr) uintptr {
	return (n + a - 1) / a * a
}

// alignDown rounds n down to a multiple of a. a must be a power of 2.
// Go: runtime/stubs.go.
func alignDown(n, a uintptr) uintptr {
	return n &^ (a - 1)
}
