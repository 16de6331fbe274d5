// Which of Go's two amd64 paths this processor takes. Go decides once, at start-up, from
// CPUID (internal/cpu: HasFMA is the FMA bit with OSXSAVE; HasAVX is the AVX bit with the
// operating system saving the XMM and YMM states, XCR0 bits 1 and 2), and so does this
// package: math.FMA uses the fused instruction when HasFMA (as Go's compiler does for its
// FMA intrinsic), and Exp takes its fused-multiply-add variant when both HasAVX and HasFMA
// (math/exp_amd64.go: useFMA). GODEBUG's cpu.fma, cpu.avx and cpu.all switches turn the
// features off (=off) or back on (=on) as internal/cpu's processOptions does (its warnings
// about other or malformed cpu.* options are not printed).

package math

import _ "unsafe" // for go:linkname

//go:linkname getenv runtime.gogetenv
func getenv(key string) string

// CPUID.1:ECX feature bits (Intel SDM vol. 2A, "CPUID").
const (
	ecxFMA     = 1 << 12
	ecxOSXSAVE = 1 << 27
	ecxAVX     = 1 << 28
)

func cpuidECX1() uint32
func xcr0() uint32
func fusedMulAdd(x, y, z float64) float64
func expFusedKernel(x, k float64) float64

var hasFMA, expFused = probeCPU()

func probeCPU() (fma, avxAndFMA bool) {
	ecx := cpuidECX1()
	osxsave := ecx&ecxOSXSAVE != 0
	fma = ecx&ecxFMA != 0 && osxsave
	avx := ecx&ecxAVX != 0 && osxsave && xcr0()&6 == 6
	noFMA, noAVX := godebugCPUOff()
	fma = fma && !noFMA
	avx = avx && !noAVX
	return fma, fma && avx
}

// godebugCPUOff reads GODEBUG's cpu.fma, cpu.avx and cpu.all settings, the last one of each
// winning.
func godebugCPUOff() (noFMA, noAVX bool) {
	d := getenv("GODEBUG")
	for d != "" {
		field := d
		d = ""
		for i := 0; i < len(field); i++ {
			if field[i] == ',' {
				field, d = field[:i], field[i+1:]
				break
			}
		}
		var off bool
		switch {
		case len(field) > 4 && field[len(field)-4:] == "=off":
			off, field = true, field[:len(field)-4]
		case len(field) > 3 && field[len(field)-3:] == "=on":
			field = field[:len(field)-3]
		default:
			continue
		}
		switch field {
		case "cpu.all":
			noFMA, noAVX = off, off
		case "cpu.fma":
			noFMA = off
		case "cpu.avx":
			noAVX = off
		}
	}
	return noFMA, noAVX
}
