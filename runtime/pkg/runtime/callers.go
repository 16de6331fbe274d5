// The program's view of its own call stack: Caller, Callers, CallersFrames and FuncForPC,
// answered from the linker's function table (symtab.go) by following the frame-pointer
// chain, as the tracebacks do (traceback.go).
//
// What Go's documentation promises (runtime/extern.go Caller, runtime/symtab.go Callers,
// Frames and Func) holds here: Callers stores return addresses, skip 0 being the frame of
// Callers itself; Caller's skip 0 is its caller; CallersFrames turns each PC into the
// function, file and line of the call instruction before it. Two facts make the frames
// the same logical frames Go reports:
//   - a call the compiler inlined is a frame too: the linker's inline tree (symtab.go
//     inlineNode) says which calls' code a PC is in, and each is reported as the frame it
//     would have been, as Go expands them, so a program sees the same functions and lines
//     with inlining or without;
//   - the runtime's own helper that Go has no frame for, calldefer (which calls a deferred
//     function, as Go's deferCallSave), has Go's funcID_wrapper, the "not shown in a call
//     stack" mark Go gives deferreturn and deferCallSave, and is left out as Go leaves
//     wrappers out unless they called a panic (elideWrapperCalling); the run-time error
//     entry points (panicIndex, panicmem, ...) call gopanic themselves, one frame each as
//     Go's goPanicIndex and panicmem are.
// Frames of the runtime that Go has too (runtime.main, runtime.goexit, runtime.gopanic,
// runtime.sigpanic) are reported, with this runtime's file names and lines.

package runtime

import "unsafe"

// callers stores in pcbuf the return addresses of the frames above its caller, starting
// with its caller's own frame after skip frames are passed over, and returns how many it
// stored. A frame whose PC is a faulting instruction (the one below sigpanic) is stored as
// that PC + 1, so that every entry is one past the instruction it is in, as Go stores them
// (runtime/traceback.go gentraceback, issue 34123). Go: runtime/traceback.go callers.
func callers(skip int, pcbuf []uintptr) int {
	gp := getg()
	fp := getfp()
	if !validfp(gp, fp) {
		return 0
	}
	// The first frame is our caller's: its PC is our return address.
	pc := *(*uintptr)(unsafe.Pointer(fp + 8))
	fp = *(*uintptr)(unsafe.Pointer(fp))
	n := 0
	trap := false       // pc is a faulting instruction, not a return address
	var child uint8 = 0 // the funcID of the frame walked before (the callee)
	for n < len(pcbuf) {
		at := pc - 1 // the call instruction
		if trap {
			at = pc
		}
		fn := findfunc(at)
		if fn == nil {
			break
		}
		// The calls inlined at the call, innermost first, are frames too; each is stored as
		// an address one past an instruction of it, and its caller's is at its parentPc
		// (Go: runtime/traceback.go gentraceback).
		for call := inlineNode(fn, at); call != nil && n < len(pcbuf); call = inlineNode(fn, at) {
			if call.funcID == funcID_wrapper && elideWrapperCalling(child) {
				// left out, as a wrapper's frame below
			} else if skip > 0 {
				skip--
			} else {
				pcbuf[n] = at + 1
				n++
			}
			child = call.funcID
			at = funcentry(fn) + uintptr(call.parentPc)
		}
		if n >= len(pcbuf) {
			break
		}
		// A wrapper's frame is not one Go shows (Go: runtime/traceback.go gentraceback).
		shown := fn.funcID != funcID_wrapper || !elideWrapperCalling(child)
		if shown && skip > 0 {
			skip--
		} else if shown {
			pcbuf[n] = at + 1
			n++
		}
		child = fn.funcID
		if fn.flag&funcFlag_TOPFRAME != 0 || !validfp(gp, fp) {
			break
		}
		trap = fn.funcID == funcID_sigpanic
		next := *(*uintptr)(unsafe.Pointer(fp))
		pc = *(*uintptr)(unsafe.Pointer(fp + 8))
		if next != 0 && next <= fp {
			break
		}
		fp = next
	}
	return n
}

// elideWrapperCalling reports whether a wrapper frame that called a function with funcID
// calleeID is left out of a call stack: always, unless the wrapper itself panicked (its
// callee is gopanic, sigpanic or panicwrap). Go: runtime/traceback.go elideWrapperCalling.
func elideWrapperCalling(calleeID uint8) bool {
	return !(calleeID == funcID_gopanic || calleeID == funcID_sigpanic || calleeID == funcID_panicwrap)
}

// Caller reports the file and line of the call in the goroutine's stack skip frames above
// Caller's caller (skip 0 is the caller itself), and the PC of that call; ok is false when
// the stack is not that deep. Go: runtime/extern.go Caller.
func Caller(skip int) (pc uintptr, file string, line int, ok bool) {
	var rpc [1]uintptr
	if callers(skip+1, rpc[:]) < 1 {
		return
	}
	frame, _ := CallersFrames(rpc[:]).Next()
	ok = frame.PC != 0
	return frame.PC, frame.File, frame.Line, ok
}

// Callers fills pc with the return addresses of the goroutine's stack, skip 0 being the
// frame of Callers itself and 1 its caller, and returns how many it stored.
// Go: runtime/extern.go Callers.
func Callers(skip int, pcbuf []uintptr) int {
	if len(pcbuf) == 0 {
		return 0
	}
	return callers(skip, pcbuf)
}

// Frames turns a slice of PCs from Callers into the frames they are in, one Next at a
// time. Go: runtime/symtab.go Frames.
type Frames struct {
	pcs []uintptr // the PCs not yet returned
}

// Frame is one frame of a stack: PC is the address of the call (or, for the frame that
// faulted, of the faulting instruction), Func the function (nil for a PC in no known
// function), Function its name, File and Line the source position of PC, Entry the
// function's first address. Go: runtime/symtab.go Frame, without its unexported fields.
type Frame struct {
	PC       uintptr
	Func     *Func
	Function string
	File     string
	Line     int
	Entry    uintptr
}

// CallersFrames returns the frames of the PCs callers, as Callers returned them.
// Go: runtime/symtab.go CallersFrames.
func CallersFrames(callers []uintptr) *Frames {
	ci := (*Frames)(mallocRuntime(unsafe.Sizeof(Frames{})))
	ci.pcs = callers
	return ci
}

// Next returns the next frame, and whether a further call returns another one. A PC that
// is in no function of the program is passed over (Go: one of cgo's, without a
// symbolizer). Go: runtime/symtab.go (*Frames).Next.
func (ci *Frames) Next() (frame Frame, more bool) {
	ci.dropUnknown()
	if len(ci.pcs) > 0 {
		pc := ci.pcs[0]
		ci.pcs = ci.pcs[1:]
		fn := findfunc(pc)
		frame.Entry = funcentry(fn)
		if pc > frame.Entry {
			pc-- // a return address: the call is the instruction before it
		}
		var line32 int32
		frame.File, line32 = funcline(fn, pc)
		frame.Line = int(line32)
		frame.PC = pc
		frame.Func = (*Func)(unsafe.Pointer(fn))
		frame.Function = funcname(fn)
		if call := inlineNode(fn, pc); call != nil {
			// An inlined call's frame: its callee's name, and no Func (Go: Frames.Next).
			frame.Func = nil
			frame.Function = funcnameAt(call.func_)
		}
		ci.dropUnknown()
	}
	return frame, len(ci.pcs) > 0
}

// dropUnknown takes the PCs that are in no function off the front of ci.
func (ci *Frames) dropUnknown() {
	for len(ci.pcs) > 0 && findfunc(ci.pcs[0]) == nil {
		ci.pcs = ci.pcs[1:]
	}
}

// Func is a function of the program. A *Func is the address of the function's _func record
// in the linker's table, as in Go. Go: runtime/symtab.go Func.
type Func struct {
	opaque struct{} // so that no other type converts to Func
}

// FuncForPC returns the function whose code holds pc, or nil. For a pc in an inlined
// call, that is the innermost callee, with the entry of the function it is inlined into.
// Go: runtime/symtab.go FuncForPC.
func FuncForPC(pc uintptr) *Func {
	f := findfunc(pc)
	if f == nil {
		return nil
	}
	if call := inlineNode(f, pc); call != nil {
		fi := (*funcinl)(mallocRuntime(unsafe.Sizeof(funcinl{})))
		fi.ones = ^uint32(0)
		fi.entry = funcentry(f)
		fi.name = funcnameAt(call.func_)
		var line int32
		fi.file, line = funcline(f, pc)
		fi.line = int(line)
		return (*Func)(unsafe.Pointer(fi))
	}
	return (*Func)(unsafe.Pointer(f))
}

// funcinl is the Func of an inlined call: its first word, all ones, tells it from a _func
// record (whose entry offset is never ^0). Go: runtime/symtab.go funcinl.
type funcinl struct {
	ones  uint32
	entry uintptr
	name  string
	file  string
	line  int
}

// inlined returns the Func's inlined-call record, or nil for a function's own.
func (fn *Func) inlined() *funcinl {
	if *(*uint32)(unsafe.Pointer(fn)) != ^uint32(0) {
		return nil
	}
	return (*funcinl)(unsafe.Pointer(fn))
}

func (fn *Func) raw() *_func {
	return (*_func)(unsafe.Pointer(fn))
}

// Name returns the function's name, as tracebacks print it ("main.(*T).M"), or "" for nil.
// Go: runtime/symtab.go (*Func).Name.
func (f *Func) Name() string {
	if f == nil {
		return ""
	}
	if fi := f.inlined(); fi != nil {
		return fi.name
	}
	return funcname(f.raw())
}

// Entry returns the address of the function's first instruction.
// Go: runtime/symtab.go (*Func).Entry.
func (f *Func) Entry() uintptr {
	if fi := f.inlined(); fi != nil {
		return fi.entry
	}
	return funcentry(f.raw())
}

// FileLine returns the file and line of pc, which should be in the function; "?" and 0
// when the tables do not cover it. Go: runtime/symtab.go (*Func).FileLine.
func (f *Func) FileLine(pc uintptr) (file string, line int) {
	if fi := f.inlined(); fi != nil {
		return fi.file, fi.line // the position FuncForPC was asked about, as Go's
	}
	var n int32
	file, n = funcline(f.raw(), pc)
	line = int(n)
	return
}
