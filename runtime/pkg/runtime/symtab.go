// The function symbol table (.gopclntab): verification at startup, PC -> function lookup
// (through the findfunctab buckets), function names, and the pc-value tables (pcsp, pcfile,
// pcln) that give the SP delta, file and line at a PC, for tracebacks.
//
// Go: runtime/symtab.go. The table has Go 1.18's layout (what tbuild's linker writes):
//
//	pcHeader at runtime.pcheader, the start of .gopclntab
//	funcnametab at pcheader+funcnameOffset: NUL-terminated names
//	cutab at pcheader+cuOffset: per compilation unit, a uint32 filetab offset per file
//	filetab at pcheader+filetabOffset: NUL-terminated file names
//	pctab at pcheader+pctabOffset: the pc-value tables (offset 0 means none)
//	pclntab at pcheader+pclnOffset: functab [nfunc+1]functab, then the _func records;
//	functab[i].funcoff is relative to pclntab, and functab[nfunc].entryoff is the end of the
//	last function.
//
// Go's linker also writes a moduledata record (firstmoduledata) with slices over these
// tables; tbuild's does not, so moduledataverify fills firstmoduledata from the pcHeader and
// the linker's boundary symbols and runtime.findfunctab (in .rodata, as in Go), which the
// runtime reaches through assembly accessors.

package runtime

import "unsafe"

// Go: runtime/symtab.go pcHeader (Go 1.18 layout).
type pcHeader struct {
	magic          uint32  // 0xFFFFFFF0
	pad1           uint8   // 0
	pad2           uint8   // 0
	minLC          uint8   // min instruction size
	ptrSize        uint8   // size of a ptr in bytes
	nfunc          int     // number of functions in the module
	nfiles         uint    // number of entries in the file tab
	textStart      uintptr // base for function entry PC offsets in this module, equal to moduledata.text
	funcnameOffset uintptr // offset to the funcnametab variable from pcHeader
	cuOffset       uintptr // offset to the cutab variable from pcHeader
	filetabOffset  uintptr // offset to the filetab variable from pcHeader
	pctabOffset    uintptr // offset to the pctab variable from pcHeader
	pclnOffset     uintptr // offset to the pclntab variable from pcHeader
}

// Go: runtime/symtab.go functab.
type functab struct {
	entryoff uint32 // relative to runtime.text
	funcoff  uint32
}

// Go: runtime/runtime2.go _func (Go 1.18 layout).
type _func struct {
	entryoff uint32 // start pc, as offset from moduledata.text/pcHeader.textStart
	nameoff  int32  // function name, as offset into funcnametab

	args        int32  // in/out args size
	deferreturn uint32 // offset of start of a deferreturn call instruction from entry, if any.

	pcsp      uint32
	pcfile    uint32
	pcln      uint32
	npcdata   uint32
	cuOffset  uint32 // runtime.cutab offset of this function's CU
	funcID    uint8  // set for certain special runtime functions
	flag      uint8
	pad       uint8
	nfuncdata uint8 // must be last, must end on a uint32-aligned boundary
}

// Go: runtime/symtab.go funcFlag values.
const (
	funcFlag_TOPFRAME = 1 << 0
	funcFlag_SPWRITE  = 1 << 1
	funcFlag_ASM      = 1 << 2
)

// moduledata describes the executable's tables. Go: runtime/symtab.go moduledata, where the
// slices (ftab, pclntable, funcnametab) become base pointers plus counts.
type moduledata struct {
	pcHeader    *pcHeader
	funcnametab unsafe.Pointer
	cutab       unsafe.Pointer // []uint32
	filetab     unsafe.Pointer
	pctab       unsafe.Pointer
	pclntable   unsafe.Pointer // starts with the functab array
	nftab       int            // len(ftab) - 1: the number of functions
	findfunctab unsafe.Pointer // *[nbuckets]findfuncbucket
	minpc       uintptr
	maxpc       uintptr
	text        uintptr
	etext       uintptr
}

// findfuncbucket is one 4096-byte bucket of findfunctab. Go: runtime/symtab.go.
type findfuncbucket struct {
	idx        uint32
	subbuckets [16]byte
}

// Go: runtime/symtab.go minfunc, pcbucketsize; findfuncbucketSize is
// unsafe.Sizeof(findfuncbucket{}) (check verifies it).
const (
	minfunc            = 16                 // minimum function size
	pcbucketsize       = 256 * minfunc      // size of bucket in the pc->func lookup table
	nsub               = 16                 // len(findfuncbucket{}.subbuckets)
	findfuncbucketSize = 20                 // 4 + nsub
	pcQuantum          = 1                  // sys.PCQuantum on amd64
	ptrSize            = 8                  // goarch.PtrSize
)

var firstmoduledata moduledata

// Accessors for linker-defined symbols (asm_amd64.s): the address of runtime.pcheader (the
// start of .gopclntab), runtime.text and runtime.etext (the bounds of .text).
func pcheaderAddr() *pcHeader
func textAddr() uintptr
func etextAddr() uintptr
func findfunctabAddr() unsafe.Pointer

// functabSize is unsafe.Sizeof(functab{}) (check verifies it).
const functabSize = 8

// functabAt returns &datap.ftab[i].
func functabAt(datap *moduledata, i int) *functab {
	return (*functab)(unsafe.Add(datap.pclntable, uintptr(i)*functabSize))
}

// funcAt returns the _func record at offset funcoff of datap.pclntable.
func funcAt(datap *moduledata, funcoff uint32) *_func {
	return (*_func)(unsafe.Add(datap.pclntable, uintptr(funcoff)))
}

// moduledataverify checks the symbol table the linker wrote.
// Go: runtime/symtab.go moduledataverify (one module: no plugins or shared libraries).
func moduledataverify() {
	datap := &firstmoduledata
	hdr := pcheaderAddr()
	datap.pcHeader = hdr
	datap.text = textAddr()
	datap.etext = etextAddr()
	datap.findfunctab = findfunctabAddr()
	moduledataverify1(datap)
}

// Go: runtime/symtab.go moduledataverify1. Checks the pcHeader, then that the functab is
// sorted by entry offset, then that it lies within the text section. The module hash
// checks are left out (no plugins).
func moduledataverify1(datap *moduledata) {
	// Check that the pclntab's format is valid.
	hdr := datap.pcHeader
	if hdr.magic != 0xfffffff0 || hdr.pad1 != 0 || hdr.pad2 != 0 ||
		hdr.minLC != 1 || hdr.ptrSize != 8 || hdr.textStart != datap.text {
		print("runtime: pcHeader: magic= ")
		printhex(uint64(hdr.magic))
		print(" pad1= ", hdr.pad1, " pad2= ", hdr.pad2, " minLC= ", hdr.minLC, " ptrSize= ", hdr.ptrSize, " pcHeader.textStart= ")
		printhex(uint64(hdr.textStart))
		print(" text= ")
		printhex(uint64(datap.text))
		print(" pluginpath= \n")
		throw("invalid function symbol table")
	}

	datap.funcnametab = unsafe.Add(unsafe.Pointer(hdr), hdr.funcnameOffset)
	datap.cutab = unsafe.Add(unsafe.Pointer(hdr), hdr.cuOffset)
	datap.filetab = unsafe.Add(unsafe.Pointer(hdr), hdr.filetabOffset)
	datap.pctab = unsafe.Add(unsafe.Pointer(hdr), hdr.pctabOffset)
	datap.pclntable = unsafe.Add(unsafe.Pointer(hdr), hdr.pclnOffset)
	datap.nftab = hdr.nfunc

	// ftab is lookup table for function by program counter.
	nftab := datap.nftab
	for i := 0; i < nftab; i++ {
		// NOTE: ftab[nftab].entry is legal; it is the address beyond the final function.
		if functabAt(datap, i).entryoff > functabAt(datap, i+1).entryoff {
			f1 := funcAt(datap, functabAt(datap, i).funcoff)
			f2name := "end"
			if i+1 < nftab {
				f2name = funcname(funcAt(datap, functabAt(datap, i+1).funcoff))
			}
			print("function symbol table not sorted by PC offset: ")
			printhex(uint64(functabAt(datap, i).entryoff))
			print(" ", funcname(f1), " > ")
			printhex(uint64(functabAt(datap, i+1).entryoff))
			print(" ", f2name, " , plugin: \n")
			for j := 0; j <= i; j++ {
				print("\t ")
				printhex(uint64(functabAt(datap, j).entryoff))
				print(" ", funcname(funcAt(datap, functabAt(datap, j).funcoff)), "\n")
			}
			throw("invalid runtime symbol table")
		}
	}

	// Go compares with the linker's moduledata.minpc/maxpc; tbuild derives them from the
	// functab and checks that they lie within [runtime.text, runtime.etext].
	minpc := datap.text + uintptr(functabAt(datap, 0).entryoff)
	maxpc := datap.text + uintptr(functabAt(datap, nftab).entryoff)
	if nftab <= 0 || minpc < datap.text || maxpc > datap.etext || minpc > maxpc {
		print("minpc= ")
		printhex(uint64(minpc))
		print(" min= ")
		printhex(uint64(datap.text))
		print(" maxpc= ")
		printhex(uint64(maxpc))
		print(" max= ")
		printhex(uint64(datap.etext))
		print("\n")
		throw("minpc or maxpc invalid")
	}
	datap.minpc = minpc
	datap.maxpc = maxpc
}

// findfunc returns the function containing pc, or nil. The findfunctab bucket of pc gives
// the index of the first function that can contain it; the functab is scanned from there.
// Go: runtime/symtab.go findfunc.
func findfunc(pc uintptr) *_func {
	datap := &firstmoduledata
	if datap.nftab <= 0 || pc < datap.minpc || pc >= datap.maxpc {
		return nil
	}
	pcOff := uint32(pc - datap.text)

	x := uintptr(pcOff) + datap.text - datap.minpc
	b := x / pcbucketsize
	i := x % pcbucketsize / (pcbucketsize / nsub)

	ffb := (*findfuncbucket)(unsafe.Add(datap.findfunctab, b*findfuncbucketSize))
	idx := int(ffb.idx) + int(ffb.subbuckets[i])

	// Find the ftab entry.
	for functabAt(datap, idx+1).entryoff <= pcOff {
		idx++
	}
	return funcAt(datap, functabAt(datap, idx).funcoff)
}

// funcname returns the name of f, or "" if f is nil.
// Go: runtime/symtab.go funcname (moduledata.funcName).
func funcname(f *_func) string {
	if f == nil || f.nameoff < 0 {
		return ""
	}
	return gostringnocopy((*byte)(unsafe.Add(firstmoduledata.funcnametab, uintptr(f.nameoff))))
}

// funcentry returns the entry PC of f. Go: runtime/symtab.go funcInfo.entry.
func funcentry(f *_func) uintptr {
	return firstmoduledata.text + uintptr(f.entryoff)
}

// readvarint reads a varint from p, returning the number of bytes read and the value.
// Go: runtime/symtab.go readvarint.
func readvarint(p unsafe.Pointer) (uint32, uint32) {
	var v, shift, n uint32
	for {
		b := *(*byte)(unsafe.Add(p, uintptr(n)))
		n++
		v |= uint32(b&0x7F) << (shift & 31)
		if b&0x80 == 0 {
			break
		}
		shift += 7
	}
	return n, v
}

// pcvalue returns the value of the pc-value table at offset off of pctab for targetpc in f,
// or -1 if f has no such table or it does not cover targetpc. A table is a sequence of
// (value delta, pc delta) varint pairs, the value zig-zag encoded, starting from -1 at the
// entry; a zero value delta after the first pair ends it. Go: runtime/symtab.go pcvalue and
// step (without the cache; a table that does not cover targetpc is not fatal here).
func pcvalue(f *_func, off uint32, targetpc uintptr) int32 {
	if off == 0 {
		return -1
	}
	p := unsafe.Add(firstmoduledata.pctab, uintptr(off))
	entry := funcentry(f)
	pc := entry
	val := int32(-1)
	for {
		n, uvdelta := readvarint(p)
		if uvdelta == 0 && pc != entry {
			return -1
		}
		p = unsafe.Add(p, uintptr(n))
		val += int32(-(uvdelta & 1) ^ (uvdelta >> 1))
		m, pcdelta := readvarint(p)
		p = unsafe.Add(p, uintptr(m))
		pc += uintptr(pcdelta * pcQuantum)
		if targetpc < pc {
			return val
		}
	}
}

// funcfile returns the name of file fileno of f's compilation unit.
// Go: runtime/symtab.go funcfile.
func funcfile(f *_func, fileno int32) string {
	datap := &firstmoduledata
	fileoff := *(*uint32)(unsafe.Add(datap.cutab, uintptr(f.cuOffset+uint32(fileno))*4))
	if fileoff != ^uint32(0) {
		return gostringnocopy((*byte)(unsafe.Add(datap.filetab, uintptr(fileoff))))
	}
	// pcln section is corrupt.
	return "?"
}

// funcline returns the file and line of targetpc in f: "?", 0 if f has no line table.
// Go: runtime/symtab.go funcline1.
func funcline(f *_func, targetpc uintptr) (string, int32) {
	if f == nil {
		return "?", 0
	}
	fileno := pcvalue(f, f.pcfile, targetpc)
	line := pcvalue(f, f.pcln, targetpc)
	if fileno == -1 || line == -1 || uint(fileno) >= firstmoduledata.pcHeader.nfiles {
		return "?", 0
	}
	return funcfile(f, fileno), line
}

// funcspdelta returns the SP delta at targetpc in f: how far SP is below its value at f's
// entry (0 there, 8 after pushing BP). Go: runtime/symtab.go funcspdelta.
func funcspdelta(f *_func, targetpc uintptr) int32 {
	return pcvalue(f, f.pcsp, targetpc)
}
