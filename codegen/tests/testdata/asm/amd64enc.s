// Encoding test for tbuild's plan9 assembler (codegen/tests/asm_enc.rs).
//
// Each instruction line ends with `// HEX`: the bytes that line must assemble to (a TEXT line's
// bytes are the prologue inserted for its frame; a RET's include the epilogue). Relocated fields
// are zero, as in a RELA object. The expected bytes were not produced by tbuild:
//   - functions ·enc, ·frame and ·noframe: `go tool asm -S` (Go 1.19) on this same source, with
//     the go_asm.h that asm_enc.rs supplies;
//   - function ·tbuild, where tbuild deliberately differs from Go (static local-exec TLS as
//     %fs:-8, `MOVQ TLS, r` as `MOVQ $0, r`, `MOVQ $sym(SB), r` as an absolute mov with
//     R_X86_64_32S, symbol references as ELF relocations): GNU as on the AT&T text given in
//     parentheses.
// Go threads jumps to JMPs (cmd/internal/obj/pass.go brloop) and tbuild does not, so no label
// here marks a JMP.

#include "textflag.h"

#include "go_asm.h"

#define g(r) 0(r)(TLS*1)
#define SIXTEEN 16
#define TMP 1
#define LOAD(off, reg) MOVQ off(SP), reg
#define TWO(a, b) \
	MOVQ a, b \
	MOVQ b, a
#define MULTI \
	MOVQ AX, BX; \
	MOVQ BX, CX

TEXT ·enc(SB), NOSPLIT, $0
	// Preprocessor and constant expressions.
	MOVQ g_m(R14), AX                       // 498b4630
	MOVQ (g_stack+stack_hi)(AX), SP         // 488b6008
	LOAD(16, DX)                            // 488b542410
	MULTI                                   // 4889c34889d9
	TWO(AX, BX)                             // 4889c34889d8
#ifdef SIXTEEN
	MOVQ $SIXTEEN, AX                       // 48c7c010000000
#else
	MOVQ $99, AX
#endif
#ifndef SIXTEEN
	MOVQ $98, AX
#else
	MOVQ $17, AX                            // 48c7c011000000
#endif
#undef TMP
#ifdef TMP
	MOVQ $97, AX
#endif
	MOVQ $'a', AX                           // 48c7c061000000
	MOVQ $'\n', AX                          // 48c7c00a000000
	MOVQ $010, AX                           // 48c7c008000000
	MOVQ $(1<<20 | 0x0f), AX                // 48c7c00f001000
	MOVQ $(0x100 >> 4 & 0xff ^ 1), AX       // 48c7c011000000
	MOVQ $-(3+4)*2, AX                      // 48c7c0f2ffffff
	MOVL $~0, AX                            // b8ffffffff
	ADDQ $1, AX; SUBQ $1, AX                // 4883c0014883e801
	/* a block
	comment */ MOVQ AX, CX                  // 4889c1
	MOVQ AX, BX /* inline */ ; MOVQ BX, AX  // 4889c34889d8
	// Moves, all widths, all operand kinds.
	MOVQ AX, BX                             // 4889c3
	MOVQ R11, DX                            // 4c89da
	MOVQ DX, R11                            // 4989d3
	MOVQ (BX), DX                           // 488b13
	MOVQ 8(SP), AX                          // 488b442408
	MOVQ -8(BP), R12                        // 4c8b65f8
	MOVQ 0(R12), AX                         // 498b0424
	MOVQ 0(R13), AX                         // 498b4500
	MOVQ 16(AX)(CX*8), DX                   // 488b54c810
	MOVQ (R8)(R9*1), R10                    // 4f8b1408
	MOVQ 0x12345(SI), DI                    // 488bbe45230100
	MOVQ AX, 24(SP)                         // 4889442418
	MOVQ $0, AX                             // 48c7c000000000
	MOVQ $1, R9                             // 49c7c101000000
	MOVQ $-1, AX                            // 48c7c0ffffffff
	MOVQ $0x7fffffff, CX                    // 48c7c1ffffff7f
	MOVQ $0xffffffff, CX                    // b9ffffffff
	MOVQ $0x123456789, DX                   // 48ba8967452301000000
	MOVQ $-0x80000001, R10                  // 49baffffff7fffffffff
	MOVQ $7, (BX)                           // 48c70307000000
	MOVQ $-2, 8(SP)                         // 48c7442408feffffff
	MOVL AX, BX                             // 89c3
	MOVL $0xf1, 0xf1                        // c70425f1000000f1000000
	MOVL $-1, R8                            // 41b8ffffffff
	MOVL $0xffffffff, AX                    // b8ffffffff
	MOVL (SI), DI                           // 8b3e
	MOVL DI, 4(SI)                          // 897e04
	MOVL $7, 4(SI)                          // c7460407000000
	MOVW AX, BX                             // 6689c3
	MOVW $7, DX                             // 66ba0700
	MOVW (BX), CX                           // 668b0b
	MOVW CX, (BX)                           // 66890b
	MOVB AL, BL                             // 88c3
	MOVB $7, DX                             // b207
	MOVB $255, AX                           // b0ff
	MOVB (SI), DI                           // 408a3e
	MOVB SI, (DI)                           // 408837
	MOVB R8, (R9)                           // 458801
	MOVB $1, 3(AX)                          // c6400301
	MOVQ AX, X1                             // 66480f6ec8
	MOVQ X1, AX                             // 66480f7ec8
	MOVQ X1, X2                             // f30f7ed1
	MOVQ (BX), X1                           // f30f7e0b
	MOVQ X1, (BX)                           // 660fd60b
	MOVBLZX (AX), CX                        // 0fb608
	MOVBQZX AL, BX                          // 480fb6d8
	MOVWLZX 2(SI), DX                       // 0fb75602
	MOVWQZX CX, R8                          // 4c0fb7c1
	MOVBLSX DL, AX                          // 0fbec2
	MOVBQSX (R9), R10                       // 4d0fbe11
	MOVWQSX AX, BX                          // 480fbfd8
	MOVLQSX AX, BX                          // 4863d8
	MOVLQZX AX, BX                          // 8bd8
	MOVLQZX (DI), R15                       // 448b3f
	LEAQ 8(SP), AX                          // 488d442408
	LEAQ (AX)(BX*4), CX                     // 488d0c98
	LEAQ -16(R14)(R15*8), R13               // 4f8d6cfef0
	LEAL 1(AX), BX                          // 8d5801
	CMOVQEQ BX, AX                          // 480f44c3
	CMOVQNE (SI), DX                        // 480f4516
	CMOVQCS R8, R9                          // 4d0f42c8
	// Arithmetic.
	ADDQ AX, BX                             // 4801c3
	ADDQ $1, AX                             // 4883c001
	ADDQ $-128, BX                          // 4883c380
	ADDQ $0x1000, AX                        // 480500100000
	ADDQ $0x1000, CX                        // 4881c100100000
	ADDQ (SI), DX                           // 480316
	ADDQ DX, (SI)                           // 480116
	ADDQ $8, 16(SP)                         // 488344241008
	ADDL $0xffffffff, AX                    // 05ffffffff
	ADDL $3, R9                             // 4183c103
	ADDB $1, AL                             // 0401
	ADDB $1, BL                             // 80c301
	SUBQ $24, SP                            // 4883ec18
	SUBQ BX, AX                             // 4829d8
	SUBL $1, (DI)                           // 832f01
	ANDQ $~15, SP                           // 4883e4f0
	ANDQ $0xff, R11                         // 4981e3ff000000
	ANDL $0xffffff00, BX                    // 81e300ffffff
	ANDB $0x7f, CL                          // 80e17f
	ORQ AX, (BX)                            // 480903
	ORQ $0x10, CX                           // 4883c910
	ORL $0x80000000, DX                     // 81ca00000080
	ORB $1, (AX)                            // 800801
	XORQ AX, AX                             // 4831c0
	XORL R8, R8                             // 4531c0
	XORQ $(5*8), R12                        // 4983f428
	ADCQ $0, DX                             // 4883d200
	SBBQ AX, AX                             // 4819c0
	CMPQ AX, BX                             // 4839d8
	CMPQ AX, $0x123                         // 483d23010000
	CMPQ CX, $7                             // 4883f907
	CMPQ (SI), $0                           // 48833e00
	CMPQ AX, (SI)                           // 483b06
	CMPQ (SI), AX                           // 483906
	CMPL AX, $-1                            // 83f8ff
	CMPB AL, $7                             // 3c07
	CMPB (R11), $7                          // 41803b07
	CMPB DL, (BX)                           // 3a13
	CMPB (BX), DL                           // 3813
	TESTQ AX, AX                            // 4885c0
	TESTQ $7, AX                            // 48a907000000
	TESTQ $0x100, BX                        // 48f7c300010000
	TESTL CX, DX                            // 85ca
	TESTB $7, AL                            // a807
	TESTB $1, (DI)                          // f60701
	TESTB BL, BL                            // 84db
	INCQ AX                                 // 48ffc0
	INCL (BX)                               // ff03
	DECQ R15                                // 49ffcf
	DECL CX                                 // ffc9
	NEGQ AX                                 // 48f7d8
	NEGL R9                                 // 41f7d9
	NOTQ DX                                 // 48f7d2
	NOTL (SP)                               // f71424
	SHLQ $1, AX                             // 48d1e0
	SHLQ $3, BX                             // 48c1e303
	SHLQ CX, AX                             // 48d3e0
	SHRQ $63, R8                            // 49c1e83f
	SHRL CX, DX                             // d3ea
	SARQ $2, (SI)                           // 48c13e02
	SARL $1, AX                             // d1f8
	ROLQ $13, AX                            // 48c1c00d
	RORL $7, CX                             // c1c907
	SHLQ $4, AX, DX                         // 480fa4c204
	SHRQ CX, BX, AX                         // 480fadd8
	IMULQ BX                                // 48f7eb
	IMULQ CX, DX                            // 480fafd1
	IMULQ (SI), R8                          // 4c0faf06
	IMUL3Q $7, AX, DX                       // 486bd007
	IMUL3Q $1000, (BX), R11                 // 4c691be8030000
	MULQ CX                                 // 48f7e1
	MULL (SI)                               // f726
	DIVQ BX                                 // 48f7f3
	IDIVQ R10                               // 49f7fa
	DIVL CX                                 // f7f1
	CQO                                     // 4899
	IMULQ $7, DX                            // 486bd207
	IMULQ $1000000000, CX                   // 4869c900ca9a3b
	ADJSP $16                               // 4883ec10
	ADJSP $-16                              // 4883c410
	CDQ                                     // 99
	// Bits.
	BSFQ AX, BX                             // 480fbcd8
	BSFQ (R11), DX                          // 490fbc13
	BSRQ CX, DX                             // 480fbdd1
	BSRL AX, AX                             // 0fbdc0
	POPCNTQ AX, BX                          // f3480fb8d8
	POPCNTL (SI), R9                        // f3440fb80e
	BSWAPQ AX                               // 480fc8
	BSWAPL R9                               // 410fc9
	BTQ $3, AX                              // 480fbae003
	BTQ CX, AX                              // 480fa3c8
	BTL $31, (BX)                           // 0fba231f
	BTSQ $1, DX                             // 480fbaea01
	// Atomics.
	XCHGQ AX, CX                            // 4891
	XCHGQ AX, (BX)                          // 488703
	XCHGQ R8, 8(DI)                         // 4c874708
	XCHGQ (BX), AX                          // 488703
	XCHGL (SI), DX                          // 8716
	XCHGL AX, CX                            // 91
	XCHGL DX, (SI)                          // 8716
	XCHGB AL, (DX)                          // 8602
	LOCK; CMPXCHGQ CX, (BX)                 // f0480fb10b
	LOCK; CMPXCHGL DX, 8(SI)                // f00fb15608
	LOCK; XADDQ AX, (BX)                    // f0480fc103
	LOCK; XADDL CX, (DX)                    // f00fc10a
	LOCK; ORB AL, (BX)                      // f00803
	LOCK; ANDL AX, (CX)                     // f02101
	LOCK                                    // f0
	INCQ (AX)                               // 48ff00
	CMPXCHGQ R11, (R11)                     // 4d0fb11b
	// Stack.
	PUSHQ AX                                // 50
	PUSHQ R12                               // 4154
	PUSHQ $7                                // 6a07
	PUSHQ $0x1000                           // 6800100000
	PUSHQ 8(SP)                             // ff742408
	POPQ BX                                 // 5b
	POPQ R13                                // 415d
	POPQ (AX)                               // 8f00
	POPQ R8                                 // 4158
	POPQ 8(SP)                              // 8f442408
	PUSHFQ                                  // 9c
	POPFQ                                   // 9d
	// Set on condition.
	SETEQ AL                                // 0f94c0
	SETNE BL                                // 0f95c3
	SETLT (AX)                              // 0f9c00
	SETLE R9                                // 410f9ec1
	SETGT DX                                // 0f9fc2
	SETGE CX                                // 0f9dc1
	SETCS AL                                // 0f92c0
	SETCC AL                                // 0f93c0
	SETLS AL                                // 0f96c0
	SETHI AL                                // 0f97c0
	SETMI AL                                // 0f98c0
	SETPL AL                                // 0f99c0
	SETOS AL                                // 0f90c0
	SETOC AL                                // 0f91c0
	SETPS AL                                // 0f9ac0
	SETPC AL                                // 0f9bc0
	// System and miscellaneous.
	SYSCALL                                 // 0f05
	CPUID                                   // 0fa2
	XGETBV                                  // 0f01d0
	RDTSC                                   // 0f31
	RDTSCP                                  // 0f01f9
	CLD                                     // fc
	STD                                     // fd
	INT $3                                  // cd03
	HLT                                     // f4
	PAUSE                                   // f390
	UD2                                     // 0f0b
	MFENCE                                  // 0faef0
	LFENCE                                  // 0faee8
	SFENCE                                  // 0faef8
	PREFETCHT0 (AX)                         // 0f1808
	PREFETCHNTA 64(SI)                      // 0f184640
	NOP
	// String instructions with prefixes.
	REP; STOSQ                              // f348ab
	REP; MOVSQ                              // f348a5
	REP; MOVSB                              // f3a4
	REP; STOSB                              // f3aa
	STOSQ                                   // 48ab
	MOVSQ                                   // 48a5
	MOVSB                                   // a4
	MOVSL                                   // a5
	STOSL                                   // ab
	LODSB                                   // ac
	LODSQ                                   // 48ad
	CMPSB                                   // a6
	SCASB                                   // ae
	REPN; SCASB                             // f2ae
	// SSE.
	XORPS X15, X15                          // 450f57ff
	XORPS X0, X1                            // 0f57c8
	MOVUPS X1, (AX)                         // 0f1108
	MOVUPS (AX), X1                         // 0f1008
	MOVUPS 16(SI), X8                       // 440f104610
	MOVOU (AX), X1                          // f30f6f08
	MOVOU X2, 16(DI)                        // f30f7f5710
	MOVOU X0, X1                            // f30f6fc8
	MOVO (AX), X9                           // 66440f6f08
	MOVO X9, (AX)                           // 66440f7f08
	MOVAPS X1, X2                           // 0f28d1
	MOVSD X0, X1                            // f20f10c8
	MOVSD (AX), X1                          // f20f1008
	MOVSD X1, 8(SP)                         // f20f114c2408
	MOVSS X2, X3                            // f30f10da
	PXOR X1, X2                             // 660fefd1
	PCMPEQB (DI), X0                        // 660f7407
	PMOVMSKB X0, AX                         // 660fd7c0
	PSHUFB X1, X2                           // 660f3800d1
	PSHUFL $0, X1, X2                       // 660f70d100
	PUNPCKLBW X0, X0                        // 660f60c0
	ADDSD X1, X2                            // f20f58d1
	SUBSD (AX), X0                          // f20f5c00
	MULSD X3, X4                            // f20f59e3
	DIVSD X5, X6                            // f20f5ef5
	SQRTSD X0, X1                           // f20f51c8
	UCOMISD X1, X2                          // 660f2ed1
	CVTSQ2SD AX, X0                         // f2480f2ac0
	CVTTSD2SQ X0, AX                        // f2480f2cc0
	PAND X1, X2                             // 660fdbd1
	POR (AX), X3                            // 660feb18
	PINSRW $4, CX, X0                       // 660fc4c104
	PINSRQ $1, R8, X0                       // 66490f3a22c001
	PINSRD $1, AX, X0                       // 660f3a22c001
	PEXTRQ $1, X0, AX                       // 66480f3a16c001
	PSHUFHW $0, X0, X0                      // f30f70c000
	PSLLDQ $8, X1                           // 660f73f908
	AESENC X1, X0                           // 660f38dcc1
	AESENCLAST (AX), X1                     // 660f38dd08
	MOVHPS (AX), X0                         // 0f1600
	// AVX2.
	VPXOR Y0, Y0, Y0                        // c5fdefc0
	VMOVDQU Y0, (DI)                        // c5fe7f07
	VMOVDQU 32(SI), Y1                      // c5fe6f4e20
	VMOVDQA Y1, Y2                          // c5fd7fca
	VMOVNTDQ Y0, 64(DI)                     // c5fde74740
	VPCMPEQB (DI), Y1, Y2                   // c5f57417
	VPMOVMSKB Y2, AX                        // c5fdd7c2
	VPTEST Y0, Y0                           // c4e27d17c0
	VPAND Y1, Y2, Y3                        // c5eddbd9
	VPOR X1, X2, X3                         // c5e9ebd9
	VPBROADCASTB X0, Y1                     // c4e27d78c8
	VZEROUPPER                              // c5f877
	// Raw data.
	BYTE $0x90                              // 90
	BYTE $0xCC                              // cc
	WORD $0x0b0f                            // 0f0b
	LONG $0x12345678                        // 78563412
	QUAD $0x1122334455667788                // 8877665544332211
	// Indirect branches.
	JMP AX                                  // ffe0
	JMP R11                                 // 41ffe3
	JMP (AX)                                // ff20
	JMP 8(BX)                               // ff6308
	CALL AX                                 // ffd0
	CALL R12                                // 41ffd4
	CALL (AX)                               // ff10
	CALL 16(DX)(CX*8)                       // ff54ca10
	// Local branches: short and near, to labels and n(PC).
back:
	NOTQ AX                                 // 48f7d0
	JMP back                                // ebfb
	JEQ back                                // 74f9
	JNE fwd                                 // 7530
	JZ fwd                                  // 742e
	JNZ fwd                                 // 752c
	JLT fwd                                 // 7c2a
	JLE fwd                                 // 7e28
	JGT fwd                                 // 7f26
	JGE fwd                                 // 7d24
	JCS fwd                                 // 7222
	JLO fwd                                 // 7220
	JCC fwd                                 // 731e
	JHS fwd                                 // 731c
	JLS fwd                                 // 761a
	JHI fwd                                 // 7718
	JMI fwd                                 // 7816
	JPL fwd                                 // 7914
	JOS fwd                                 // 7012
	JOC fwd                                 // 7110
	JPS fwd                                 // 7a0e
	JPC fwd                                 // 7b0c
	JMP 2(PC)                               // eb03
	NOTQ AX                                 // 48f7d0
	JEQ -1(PC)                              // 74fb
	JNE 3(PC)                               // 7500
	PCDATA $0, $-1
	FUNCDATA $1, runtime·no_pointers_stackmap(SB)
	NOTQ DX                                 // 48f7d2
fwd:
	NOTQ BX                                 // 48f7d3
	JMP far                                 // e986000000
	JNE far                                 // 0f8580000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
	BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0; BYTE $0 // 0000000000000000
far:
	NOTQ CX                                 // 48f7d1
	JMP fwd                                 // e96affffff
	JLS back                                // 0f862bffffff
	RET                                     // c3

// A frame: Go's prologue on the TEXT line, the epilogue before each RET.
TEXT ·frame(SB), NOSPLIT, $SIXTEEN-8     // 4883ec1848896c2410488d6c2410
	MOVQ AX, 8(SP)                          // 4889442408
	MOVQ a+0(FP), AX                        // 488b442420
	MOVQ b+8(FP), BX                        // 488b5c2428
	MOVQ x-8(SP), CX                        // 488b4c2408
	PUSHQ AX                                // 50
	MOVQ a+0(FP), CX                        // 488b4c2428
	MOVQ y-8(SP), DX                        // 488b542410
	POPQ AX                                 // 58
	ADJSP $16                               // 4883ec10
	MOVQ b+8(FP), DX                        // 488b542438
	ADJSP $-16                              // 4883c410
	CMPQ AX, $0                             // 4883f800
	JEQ done                                // 740a
	RET                                     // 488b6c24104883c418c3
done:
	RET                                     // 488b6c24104883c418c3

TEXT ·noframe(SB), NOSPLIT|NOFRAME, $0
	MOVQ a+0(FP), AX                        // 488b442408
	RET                                     // c3


// tbuild-specific forms; expected bytes from GNU as.
TEXT ·tbuild(SB), NOSPLIT, $0
	MOVQ TLS, CX                            // 48c7c100000000	(gas: mov $0, %rcx)
	MOVQ g(CX), AX                          // 64488b0425f8ffffff	(gas: mov %fs:-8, %rax)
	MOVQ $0x123, g(BX)                      // 6448c70425f8ffffff23010000	(gas: movq $0x123, %fs:-8)
	MOVQ AX, g(R14)                         // 6448890425f8ffffff	(gas: mov %rax, %fs:-8)
	MOVQ 8(TLS), DX                         // 64488b142500000000	(gas: mov %fs:0, %rdx)
	MOVQ (TLS), R8                          // 644c8b0425f8ffffff	(gas: mov %fs:-8, %r8)
	CALL runtime·f(SB)                      // e800000000	(gas: call f)
	CALL ·g(SB)                             // e800000000	(gas: call g)
	JMP runtime·f(SB)                       // e900000000	(gas: jmp f)
	JMP runtime·f+8(SB)                     // e900000000	(gas: jmp f+8)
	MOVQ $runtime·x(SB), DI                 // 48c7c700000000	(gas: mov $x, %rdi)
	MOVQ $runtime·x+16(SB), DI              // 48c7c700000000	(gas: mov $x+16, %rdi)
	MOVL $runtime·x(SB), DI                 // bf00000000	(gas: mov $x, %edi)
	LEAQ runtime·x(SB), AX                  // 488d0500000000	(gas: lea x(%rip), %rax)
	LEAQ runtime·x+8(SB), R9                // 4c8d0d00000000	(gas: lea x+8(%rip), %r9)
	MOVQ runtime·x+8(SB), AX                // 488b0500000000	(gas: mov x+8(%rip), %rax)
	MOVQ AX, runtime·x(SB)                  // 48890500000000	(gas: mov %rax, x(%rip))
	CMPB runtime·x(SB), $0                  // 803d0000000000	(gas: cmpb $0, x(%rip))
	MOVL $1, runtime·x(SB)                  // c7050000000001000000	(gas: movl $1, x(%rip))
	MOVQ runtime·tab(SB)(AX*8), BX          // 488b1cc500000000	(gas: mov tab(,%rax,8), %rbx)
	LEAQ local<>(SB), SI                    // 488d3500000000	(gas: lea local(%rip), %rsi)
	RET                                     // c3	(gas: ret)

GLOBL local<>(SB), NOPTR, $8
