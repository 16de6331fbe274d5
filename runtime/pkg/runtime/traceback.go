// Stack tracebacks by frame pointers.
//
// Go: runtime/traceback.go. Go unwinds with the pcsp tables (gentraceback); tbuild's
// compiled code keeps frame pointers, so a frame's BP points at the saved BP of its caller,
// with the return address just above it, and the traceback follows that chain. Each frame
// prints as "pkg.name(...)": argument values, file:line and the pc offset Go prints after
// each frame are left out until the linker writes pcfile/pcln tables.

package runtime

import "unsafe"

// Go: runtime/runtime2.go _TracebackMaxFrames.
const _TracebackMaxFrames = 100

// validfp reports whether fp can be a frame pointer on gp's stack, so that reading the saved
// BP at 0(fp) and the return address at 8(fp) is safe.
func validfp(gp *g, fp uintptr) bool {
	return gp != nil && fp != 0 && fp%8 == 0 && fp >= gp.stack.lo && fp+16 <= gp.stack.hi
}

// traceback prints the frames of gp from the frame (pc, fp) outwards: pc is a PC in the
// function whose frame pointer is fp. If no frame is shown at level 1, all frames are
// printed, as Go does. Go: runtime/traceback.go traceback1.
func traceback1(pc, fp uintptr, level int32, gp *g) {
	n := tracebackframes(pc, fp, level, gp)
	if n == 0 && level < 2 {
		n = tracebackframes(pc, fp, 2, gp)
	}
	if n == _TracebackMaxFrames {
		print("...additional frames elided...\n")
	}
}

// tracebackframes prints up to _TracebackMaxFrames frames and returns how many it printed.
// Every pc is a return address (getpc's, or one read from a frame), so the function is
// looked up at pc-1, as Go's tracepc does. The walk stops at a TOPFRAME function (goexit,
// mstart, rt0_go), at the end of the BP chain (rt0_go and gogo start it with BP = 0), or at
// a frame pointer that is not on gp's stack or does not climb it.
// Go: runtime/traceback.go gentraceback (printing mode).
func tracebackframes(pc, fp uintptr, level int32, gp *g) int {
	n := 0
	for n < _TracebackMaxFrames {
		f := findfunc(pc - 1)
		if f == nil {
			print("runtime: g ", gp.goid, ": unknown pc ")
			printhex(uint64(pc))
			print("\n")
			return n
		}
		name := funcname(f)
		if showframe(name, level) {
			print(name, "(...)\n")
			n++
		}
		if f.flag&funcFlag_TOPFRAME != 0 || !validfp(gp, fp) {
			return n
		}
		next := *(*uintptr)(unsafe.Pointer(fp))
		pc = *(*uintptr)(unsafe.Pointer(fp + 8))
		if next != 0 && next <= fp {
			return n
		}
		fp = next
	}
	return n
}

// showframe reports whether the frame of the function named name is printed at the given
// level: all frames at level 2; otherwise those of qualified names outside package runtime,
// and the runtime's exported functions. Go: runtime/traceback.go showframe and
// showfuncinfo (the wrapper elision and the gopanic special case are left out).
func showframe(name string, level int32) bool {
	if level > 1 {
		// Show all frames.
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

// goroutineheader prints "goroutine N [status]:". Go: runtime/traceback.go goroutineheader
// (the wait time, scan and locked-thread notes are left out).
func goroutineheader(gp *g) {
	print("goroutine ", gp.goid, " [", gstatusString(gp.atomicstatus), "]:\n")
}
