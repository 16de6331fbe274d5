// tbuild's stand-ins for Go 1.20's unsafe.StringData and unsafe.String, which Go 1.19 lacks.
// In Go they would be written with &s, but tbuild moves every local whose address is taken to
// the heap, so a word-at-a-time search would pay an allocation per call. Under the tbuild ABI
// (DESIGN.md, "Calling convention") a string arrives in DI (data) and SI (length), a slice in
// DI, SI, DX, and a result leaves in AX (and DX): each is a move.

#include "textflag.h"

// func stringData(s string) unsafe.Pointer
TEXT strings·stringData(SB),NOSPLIT,$0
	MOVQ	DI, AX
	RET

// func bytesString(b []byte) string: b's bytes, shared, as a string.
TEXT strings·bytesString(SB),NOSPLIT,$0
	MOVQ	DI, AX
	MOVQ	SI, DX
	RET
