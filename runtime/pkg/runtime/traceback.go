// Stack tracebacks by frame pointers.
//
// Go: runtime/traceback.go. Go unwinds with the pcsp tables (gentraceback); tbuild's
// compiled code keeps frame pointers, so a frame's BP points at the saved BP of its caller,
// with the return address just above it, and the traceback follows that chain. Each frame
// prints as Go prints it:
//
//	main.f(...)
//		/abs/path/main.go:12 +0x1d
//
// the function's name, its arguments, then the file and line of the PC (for a return
// address, of the call instruction before it) and the PC's offset from the function's entry,
// from the linker's pcfile/pcln tables. Argument values are not printed: the binary carries
// no argument metadata (Go's FUNCDATA_ArgInfo), so a function with parameters (or whose
// parameters are unknown) prints "(...)" (Go's notation for elided arguments) and one with
// none prints "()": its _func.args is the size of its parameters (the compiler's
// .tbuild.args; DESIGN.md "Object files").

package runtime

import "unsafe"

// Go: runtime/runtime2.go _TracebackMaxFrames.
const _TracebackMaxFrames = 100

// Go: runtime/symtab.go funcID_* (cmd/internal/objabi/funcid.go), as the linker writes
// them into _func.funcID.
const (
	funcID_asyncPreempt = 3
	funcID_gopanic   = 9
	funcID_panicwrap = 14
	funcID_sigpanic  = 18
	funcID_wrapper   = 21
)

// validfp reports whether fp can be a frame pointer on gp's stack, so that reading the saved
// BP at 0(fp) and the return address at 8(fp) is safe.
func validfp(gp *g, fp uintptr) bool {
	return gp != nil && fp != 0 && fp%8 == 0 && fp >= gp.stack.lo && fp+16 <= gp.stack.hi
}

// traceback1 prints the frames of gp from the frame (pc, fp) outwards: pc is a return
// address in the function whose frame pointer is fp. If no frame is shown at level 1, all
// frames are printed, as Go does. Go: runtime/traceback.go traceback1.
func traceback1(pc, fp uintptr, level int32, gp *g) {
	traceback2(pc, fp, level, gp, false, -1)
}

// tracebackpanic is traceback1 for a panic's report, where the runtime's frames before the
// program's innermost one count as the goframes frames Go's runtime has there (panic.go
// goframesPanic), or as they are if goframes is -1.
func tracebackpanic(pc, fp uintptr, level int32, gp *g, goframes int) {
	traceback2(pc, fp, level, gp, false, goframes)
}

// tracebacktrap is traceback1 for a pc that is the faulting instruction of a signal rather
// than a return address: its line is the line of pc itself. Go: runtime/traceback.go
// tracebacktrap (the _TraceTrap flag).
func tracebacktrap(pc, fp uintptr, level int32, gp *g) {
	traceback2(pc, fp, level, gp, true, -1)
}

// traceback2 prints the frames, and "...additional frames elided..." when the limit of
// _TracebackMaxFrames frames walked cut the walk short with every one of them printed
// (Go's rule: runtime/traceback.go traceback1 compares the frames printed with the limit).
func traceback2(pc, fp uintptr, level int32, gp *g, trap bool, goframes int) {
	n := tracebackframes(pc, fp, level, gp, trap, goframes)
	if n == 0 && level < 2 {
		n = tracebackframes(pc, fp, 2, gp, trap, -1)
	}
	if n == _TracebackMaxFrames {
		print("...additional frames elided...\n")
	}
	printcreatedby(gp)
}

// printcreatedby prints where gp was made, after its frames: "created by" and the function
// of its go statement, then the statement's file, line and offset. The main goroutine,
// made by the runtime, has none. Go: runtime/traceback.go printcreatedby.
func printcreatedby(gp *g) {
	pc := gp.gopc
	if pc == 0 || gp.goid == 1 {
		return
	}
	f := findfunc(pc - 1)
	if f == nil {
		return
	}
	name := funcname(f)
	if !showframe(f, name, 1, false, 0) {
		return
	}
	print("created by ", name, "\n")
	file, line := funcline(f, pc-1)
	print("\t", file, ":", line, " +")
	printhex(uint64(pc - funcentry(f)))
	print("\n")
}

// tracebackframes walks up to _TracebackMaxFrames frames, prints those shown at level and
// returns how many it printed. The frames before the first one shown count as goframes
// frames when goframes >= 0 (a panic's runtime frames, counted as Go's), otherwise one each.
// Every pc is a return address (getpc's, or one read from a frame), so its function, file
// and line are looked up at pc-1, the call instruction, as Go's gentraceback does with
// tracepc — except for the first frame of a trap, and for the frame below sigpanic, whose pc
// is the faulting instruction the signal handler made look like a call. The walk stops at a
// TOPFRAME function (goexit, mstart, rt0_go), at the end of the BP chain (rt0_go and gogo
// start it with BP = 0), or at a frame pointer that is not on gp's stack or does not climb
// it. With level >= 2 or while throwing, each frame also shows fp, sp and pc as Go's does:
// fp is the caller's SP before the call (BP+16), sp the frame's SP at pc (from the pcsp
// table). Go: runtime/traceback.go gentraceback (printing mode).
func tracebackframes(pc, fp uintptr, level int32, gp *g, trap bool, goframes int) int {
	walked := 0
	printed := 0
	waspanic := trap
	first := true
	var child uint8 // the funcID of the frame walked before (the callee)
	for walked < _TracebackMaxFrames {
		tracepc := pc
		if !waspanic {
			tracepc = pc - 1
		}
		f := findfunc(tracepc)
		if f == nil {
			print("runtime: g ", gp.goid, ": unknown pc ")
			printhex(uint64(pc))
			print("\n")
			return printed
		}
		// The calls inlined at tracepc first, innermost first, each a frame of its own: its
		// line is tracepc's, and the frame that called it is at its parentPc (Go:
		// runtime/traceback.go gentraceback's inline-tree loop).
		for call := inlineNode(f, tracepc); call != nil && walked < _TracebackMaxFrames; call = inlineNode(f, tracepc) {
			var inl _func
			inl.funcID = call.funcID
			name := funcnameAt(call.func_)
			if showframe(&inl, name, level, first, child) {
				if printed == 0 && goframes >= 0 {
					walked = goframes
					if walked >= _TracebackMaxFrames {
						return printed
					}
				}
				file, line := funcline(f, tracepc)
				print(name, "(...)\n\t", file, ":", line, "\n")
				printed++
			}
			walked++
			first = false
			child = call.funcID
			tracepc = funcentry(f) + uintptr(call.parentPc)
		}
		if walked >= _TracebackMaxFrames {
			return printed
		}
		name := funcname(f)
		if showframe(f, name, level, first, child) {
			if printed == 0 && goframes >= 0 {
				walked = goframes
				if walked >= _TracebackMaxFrames {
					return printed
				}
			}
			printframe(f, name, pc, tracepc, fp, level, gp)
			printed++
		}
		walked++
		first = false
		child = f.funcID
		if f.flag&funcFlag_TOPFRAME != 0 || !validfp(gp, fp) {
			return printed
		}
		waspanic = f.funcID == funcID_sigpanic || f.funcID == funcID_asyncPreempt
		next := *(*uintptr)(unsafe.Pointer(fp))
		pc = *(*uintptr)(unsafe.Pointer(fp + 8))
		if next != 0 && next <= fp {
			return printed
		}
		fp = next
	}
	return printed
}

// printframe prints one frame: "name(...)", then a tab, file:line of tracepc and the offset
// of pc from the entry. Go: the printing part of runtime/traceback.go gentraceback.
func printframe(f *_func, name string, pc, tracepc, fp uintptr, level int32, gp *g) {
	if name == "runtime.gopanic" {
		name = "panic"
	}
	if f.args == 0 {
		print(name, "()\n")
	} else {
		print(name, "(...)\n")
	}
	file, line := funcline(f, tracepc)
	print("\t", file, ":", line)
	entry := funcentry(f)
	if pc > entry {
		print(" +")
		printhex(uint64(pc - entry))
	}
	mp := getg().m
	if mp != nil && mp.throwing >= throwTypeRuntime && gp == mp.curg || level >= 2 {
		print(" fp=")
		printhex(uint64(fp + 16))
		sp := fp + 16 - ptrSize
		d := funcspdelta(f, tracepc)
		if d > 0 {
			sp -= uintptr(d)
		}
		print(" sp=")
		printhex(uint64(sp))
		print(" pc=")
		printhex(uint64(pc))
	}
	print("\n")
}

// showframe reports whether the frame of f, named name, is printed at the given level: all
// frames at level 2; otherwise not a wrapper's (unless it called panic itself: child is the
// funcID of the frame it called), the frame of gopanic when it is not the first (it marks
// where deferred calls of a panic start), and those of qualified names outside package
// runtime and the runtime's exported functions. Go: runtime/traceback.go showframe and
// showfuncinfo.
func showframe(f *_func, name string, level int32, first bool, child uint8) bool {
	if level > 1 {
		// Show all frames.
		return true
	}
	if f.funcID == funcID_wrapper && child != funcID_gopanic && child != funcID_sigpanic && child != funcID_panicwrap {
		return false
	}
	if name == "runtime.gopanic" && !first {
		return true
	}
	return containsDot(name) && (!hasPrefix(name, "runtime.") || isExportedRuntime(name))
}

// containsDot reports whether name contains '.' (Go: bytealg.IndexByteString(name, '.') >= 0).
func containsDot(name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] == '.' {
			return true
		}
	}
	return false
}

// isExportedRuntime reports whether name is an exported runtime function.
// It is only for runtime functions, so ASCII A-Z is fine.
// Go: runtime/traceback.go isExportedRuntime.
func isExportedRuntime(name string) bool {
	n := 8 // len("runtime.")
	return len(name) > n && hasPrefix(name, "runtime.") && 'A' <= name[n] && name[n] <= 'Z'
}

// gstatusString returns the status name Go prints in goroutine headers.
// Go: runtime/traceback.go gStatusStrings (an array literal in Go).
func gstatusString(s uint32) string {
	if s == _Gidle {
		return "idle"
	} else if s == _Grunnable {
		return "runnable"
	} else if s == _Grunning {
		return "running"
	} else if s == _Gsyscall {
		return "syscall"
	} else if s == _Gwaiting {
		return "waiting"
	} else if s == _Gdead {
		return "dead"
	}
	return "???"
}

// goroutineheader prints "goroutine N [status]:", a parked goroutine's wait reason in place
// of its status. Go: runtime/traceback.go goroutineheader (the wait time, scan and
// locked-thread notes are left out).
func goroutineheader(gp *g) {
	status := gstatusString(gp.atomicstatus)
	if gp.atomicstatus == _Gwaiting && gp.waitreason != waitReasonZero {
		status = gp.waitreason.String()
	}
	print("goroutine ", gp.goid, " [", status, "]:\n")
}
