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
)

// printRuntimeError prints the Error() text of a runtime error, as printpanicval would.
// Go: runtime/error.go boundsError.Error (with boundsErrorFmt and boundsNegErrorFmt for
// boundsIndex), and errorString.Error for divideError and shiftError.
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
	} else {
		print("runtime error: unknown")
	}
}
