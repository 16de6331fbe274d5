// Error test for tbuild's plan9 assembler (codegen/tests/asm_error.rs), in the style of Go's
// cmd/asm/internal/asm/testdata/amd64error.s: every line that must fail ends with a comment
// holding ERROR and a quoted substring of the message, and no other line may fail. Sections separated by
// `// ----` are assembled separately (each stays under the 10-error limit); where Go has a
// message for the same mistake, the substring is Go's wording.

#include "textflag.h"

TEXT errors(SB), $0
	FOOBAR AX                       // ERROR "unrecognized instruction \"FOOBAR\""
	MOVQ AX, $1                     // ERROR "invalid instruction"
	MOVL (AX)(SP*1), AX             // ERROR "invalid instruction"
	MOVQ 2147483647+1(AX), AX       // ERROR "offset too large"
	MOVQ 3395469782(R10), R8        // ERROR "offset too large"
	LEAQ AX, BX                     // ERROR "invalid instruction"
	ADDQ X0, AX                     // ERROR "invalid instruction"
	SHLQ BX, AX                     // ERROR "invalid instruction"
	JMP nowhere                     // ERROR "undefined label nowhere"
	RET

// ----
TEXT a(SB), $0
dup:
	NOTQ AX
dup:                                    // ERROR "label \"dup\" multiply defined"
	RET
TEXT a(SB), $0                          // ERROR "symbol a listed multiple times"
	RET
GLOBL b(SB), $8
GLOBL b(SB), $8                         // ERROR "symbol b listed multiple times"
DATA c+0(SB)/8, $1                      // ERROR "DATA for c without GLOBL"
DATA b+0(SB)/8, $1
DATA b+4(SB)/4, $1                      // ERROR "overlapping DATA entry for b"
DATA b+8(SB)/8, $1                      // ERROR "outside the symbol"

// ----
GLOBL s(SB), $8
DATA s+0(SB), $1                        // ERROR "expect /size for DATA argument"
DATA s+0(SB)/3, $1                      // ERROR "bad int size for DATA argument: 3"
DATA s+0(SB)/2, $"abc"                  // ERROR "bad string size"
DATA s+0(SB)/2, $s(SB)                  // ERROR "bad addr size for DATA argument: 2"
DATA s+0(SB)/8                          // ERROR "expect two operands for DATA"
TEXT                                    // ERROR "expect two or three operands for TEXT"
TEXT d(SB), $x                          // ERROR "frame size must be an immediate constant"
GLOBL e(SB)                             // ERROR "expect two or three operands for GLOBL"
TEXT (AX), $0                           // ERROR "must be a symbol(SB)"

// ----
#include "missing.h"                    // ERROR "#include: open missing.h: no such file"
#define X 1
#define X 2                             // ERROR "redefinition of macro: X"
#undef Y                                // ERROR "#undef for undefined macro: Y"
#else                                   // ERROR "unmatched #else"
#endif                                  // ERROR "unmatched #endif"
#foo                                    // ERROR "unexpected token after '#': foo"
#define f(a) a
TEXT g(SB), $0
	MOVQ f(1,2), AX                 // ERROR "wrong arg count for macro f"
	MOVQ $(1/0), AX                 // ERROR "division by zero"
	MOVQ $'ab', AX                  // ERROR "illegal character constant"
	RET

// ----
TEXT h(SB), $0
	MOVQ 8(PC), AX                  // ERROR "illegal addressing mode for PC"
	MOVQ $runtime·x(FP), AX         // ERROR "illegal or missing addressing mode for symbol runtime·x"
	MOVQ foo, AX                    // ERROR "illegal or missing addressing mode for symbol foo"
	MOVQ (AX)(BX), CX               // ERROR "invalid instruction: index register BX needs a scale"
	MOVQ (AX)(BX*3), CX             // ERROR "bad scale: 3"
	JMP 5(PC)                       // ERROR "outside the function"
	CALL $1                         // ERROR "invalid instruction"
	LEAQ missing<>(SB), AX          // ERROR "undefined file-local symbol missing<>"
	MOVQ AX                         // ERROR "wrong number of arguments to MOVQ instruction"
	RET

// ----
	MOVQ AX, BX                     // ERROR "MOVQ outside of TEXT"
lbl:                                    // ERROR "label lbl outside of TEXT"
TEXT i(SB), $0
	MOVQ AX, SB                     // ERROR "illegal use of pseudo-register SB"
	MOVQ $"str", AX                 // ERROR "string constant must be in DATA"
	MOVQ $1.5, AX                   // ERROR "floating-point constant must be in DATA"
	INT $300                        // ERROR "invalid instruction"
	MOVB $256, AL                   // ERROR "invalid instruction"
	MOVL $0x100000000, AX           // ERROR "invalid instruction"
	JEQ AX                          // ERROR "invalid instruction"
	RET

// ----
// Found by fuzzing (fuzz/regressions/asm): a frame whose prologue offsets overflow 32 bits,
// reported at its TEXT line (it was "invalid instruction: SUBQ" without a line).
TEXT big(SB), $0x7fffffff                // ERROR "TEXT big: frame size 2147483647 too large"
TEXT big2(SB), $2147483632               // ERROR "frame size 2147483632 too large"
TEXT fits(SB), $2147483631
	RET
TEXT sboff(SB), $0
	LEAQ sboff+0x8000000000000000(SB), AX  // ERROR "offset too large"
	LEAQ sboff+0x80000000(SB), AX          // ERROR "offset too large"
	MOVQ sboff-0x80000001(SB)(AX*1), AX    // ERROR "offset too large"
	LEAQ sboff+0x7fffffff(SB), AX
	RET

// ----
// Found by fuzzing (fuzz/regressions/asm): a GLOBL of 1 GiB with DATA made the assembler
// allocate 2 GiB and abort when that failed. Initialised data is limited per file.
#include "textflag.h"
GLOBL big1(SB), $1073741824              // ERROR "GLOBL big1: tbuild does not support more than 64 MiB of initialised data in one file yet"
DATA big1+0(SB)/8, $1
GLOBL big2(SB), RODATA, $67108865        // ERROR "GLOBL big2: tbuild does not support more than 64 MiB"
GLOBL zeros(SB), $1073741824
GLOBL small(SB), RODATA, $8
DATA small+0(SB)/1048576, $"x"          // ERROR "outside the symbol"
DATA small+0(SB)/8, $"abc"

// ----
// Found by fuzzing (fuzz/regressions/asm): zero-filled data past the linker's section limit,
// and branch offsets that overflowed the call relocation's addend.
#include "textflag.h"
GLOBL z1(SB), $1073741824
GLOBL z2(SB), $1073741824               // ERROR "GLOBL z2: too much data in .bss (over 2000000000 bytes)"
GLOBL z3(SB), NOPTR, $1073741824
TEXT callfar(SB), $0
	CALL callfar+0x8000000000000000(SB)     // ERROR "offset too large"
	JMP callfar-0x80000001(SB)              // ERROR "offset too large"
	RET
