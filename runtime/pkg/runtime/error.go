// Runtime error messages. Go: runtime/error.go, where runtime errors are values implementing
// the error interface; without interfaces, tbuild prints them directly.

package runtime

// A boundsErrorCode says which bounds check failed. Go: runtime/error.go boundsErrorCode
// (only boundsIndex is produced by tbuild's compiler so far).
const (
	boundsIndex = iota // s[x], 0 <= x < len(s) failed
)

// Kinds of runtime error panic tbuild raises (Go: distinct error values).
const (
	errBounds = iota // boundsError
	errDivide        // divideError
	errShift         // shiftError
	errMem           // memoryError (a fault at an address below 0x1000)
	errOverflow      // overflowError
	errFloat         // floatError
)

// printRuntimeError prints the Error() text of a runtime error, as printpanicval would.
// Go: runtime/error.go boundsError.Error (with boundsErrorFmt and boundsNegErrorFmt for
// boundsIndex), and errorString.Error for divideError, shiftError, memoryError,
// overflowError and floatError.
func printRuntimeError(kind int, x int64, y int) {
	if kind == errBounds {
		// "index out of range [%x] with length %y", or "index out of range [%x]" when
		// x is negative.
		print("runtime error: index out of range [", x, "]")
		if x >= 0 {
			print(" with length ", y)
		}
	} else if kind == errDivide {
		print("runtime error: integer divide by zero")
	} else if kind == errShift {
		print("runtime error: negative shift amount")
	} else if kind == errMem {
		print("runtime error: invalid memory address or nil pointer dereference")
	} else if kind == errOverflow {
		print("runtime error: integer overflow")
	} else if kind == errFloat {
		print("runtime error: floating point error")
	} else {
		printRuntimeError2(kind, x, y)
	}
}
