// The ELF entry point of a linux/amd64 executable.
// Go: runtime/rt0_linux_amd64.s.

#include "textflag.h"

// The kernel starts the process here with SP pointing at argc. Go declares the frame as
// $-8 (no frame at all); $0 gives the same code: no prologue.
TEXT _rt0_amd64_linux(SB),NOSPLIT,$0
	JMP	_rt0_amd64(SB)
