// tbuild's stand-in for Go 1.20's unsafe.String(unsafe.SliceData(b), len(b)): b's bytes seen
// as a string without a copy, so that bytes can search with package strings' machinery. Under
// the tbuild ABI (DESIGN.md, "Calling convention") a slice arrives in DI, SI, DX and a string
// result leaves in AX, DX. This file also lets bytes.go declare the strings functions it
// reaches with //go:linkname without bodies, as Go requires of a package with assembly.

#include "textflag.h"

// func rawView(b []byte) string
TEXT bytes·rawView(SB),NOSPLIT,$0
	MOVQ	DI, AX
	MOVQ	SI, DX
	RET
