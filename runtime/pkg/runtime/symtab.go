// The function symbol table (.gopclntab): verification at startup, PC -> function lookup
// and function names, for tracebacks.
//
// Go: runtime/symtab.go. The table has Go 1.18's layout (what tbuild's linker writes):
//
//	pcHeader at runtime.pcheader, the start of .gopclntab
//	funcnametab at pcheader+funcnameOffset: NUL-terminated names
//	pclntab at pcheader+pclnOffset: functab [nfunc+1]functab, then the _func records;
//	functab[i].funcoff is relative to pclntab, and functab[nfunc].entryoff is the end of the
//	last function.
//
// Go's linker also writes a moduledata record (firstmoduledata) with slices over these
// tables; tbuild's does not, so moduledataverify fills firstmoduledata from the pcHeader and
// the linker's boundary symbols, which the runtime reaches through assembly accessors.

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
	pclntable   unsafe.Pointer // starts with the functab array
	nftab       int            // len(ftab) - 1: the number of functions
	minpc       uintptr
	maxpc       uintptr
	text        uintptr
	etext       uintptr
}

var firstmoduledata moduledata

// Accessors for linker-defined symbols (asm_amd64.s): the address of runtime.pcheader (the
// start of .gopclntab), runtime.text and runtime.etext (the bounds of .text).
func pcheaderAddr() *pcHeader
func textAddr() uintptr
func etextAddr() uintptr

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

// findfunc returns the function containing pc, or nil.
// Go: runtime/symtab.go findfunc, which first consults the findfunctab buckets; here it is a
// binary search over the functab.
func findfunc(pc uintptr) *_func {
	datap := &firstmoduledata
	if datap.nftab <= 0 || pc < datap.minpc || pc >= datap.maxpc {
		return nil
	}
	off := uint32(pc - datap.text)

	// Find the last i with ftab[i].entryoff <= off; ftab[0].entryoff <= off holds since
	// pc >= minpc.
	lo := 0
	hi := datap.nftab
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if functabAt(datap, mid).entryoff <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return funcAt(datap, functabAt(datap, lo).funcoff)
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
