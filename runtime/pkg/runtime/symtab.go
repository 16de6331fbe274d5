// The function table the linker writes into .gopclntab, read at run time: which function a
// PC is in, its name, and for a PC inside it the source file, the line and the stack depth.
// Tracebacks are made of these answers.
//
// The table is in Go 1.18's format, the one tbuild's linker writes and Go's debug/gosym
// reads (Go's writer: cmd/link/internal/ld/pcln.go; its reader: debug/gosym/pclntab.go).
// A header (pcHeader) at runtime.pcheader, the start of the section, gives the number of
// functions and files and, as offsets from itself, five tables:
//
//	funcnametab  the functions' names, each ending in a NUL byte
//	cutab        per compilation unit, for each of its file numbers, the offset of the
//	             file's name in filetab (or ^0)
//	filetab      the files' names, each ending in a NUL byte
//	pctab        the pc-value tables, one after another; offset 0 means "no table"
//	pclntab      nfunc+1 functab pairs {entry offset from runtime.text, offset of the
//	             function's _func record from pclntab}, sorted by entry (the last pair's
//	             entry is the end of the last function), then the _func records
//
// Go's linker also writes a moduledata record holding slices over these tables; tbuild's
// linker does not, so moduledataverify builds firstmoduledata from the header and from the
// linker's symbols runtime.text, runtime.etext, runtime.findfunctab, and the bounds of the
// type descriptors, .typelink and .itablink, reached through the assembly accessors below.

package runtime

import "unsafe"

// pcHeader is the table's header (72 bytes). Go: runtime/symtab.go pcHeader.
type pcHeader struct {
	magic          uint32  // 0xfffffff0 for Go 1.18 and 1.19
	pad1           uint8   // zero
	pad2           uint8   // zero
	minLC          uint8   // the PC quantum: 1 on x86
	ptrSize        uint8   // 8
	nfunc          int     // functions in the table
	nfiles         uint    // files in filetab
	textStart      uintptr // runtime.text: entry offsets count from here
	funcnameOffset uintptr // where funcnametab starts, from the header
	cuOffset       uintptr // where cutab starts
	filetabOffset  uintptr // where filetab starts
	pctabOffset    uintptr // where pctab starts
	pclnOffset     uintptr // where pclntab (the functab pairs) starts
}

// functab is one pair of pclntab's index. Go: runtime/symtab.go functab.
type functab struct {
	entryoff uint32 // the function's first byte, from runtime.text
	funcoff  uint32 // its _func record, from the start of pclntab
}

// _func is a function's record (40 bytes in Go 1.18 and 1.19), followed by npcdata uint32
// offsets into pctab and nfuncdata uint32 offsets of its funcdata. Go: runtime/runtime2.go
// _func.
type _func struct {
	entryoff    uint32 // the function's first byte, from runtime.text
	nameoff     int32  // its name, in funcnametab
	args        int32  // size of its arguments; ArgsSizeUnknown (1<<31) for assembly
	deferreturn uint32 // where its deferreturn call is, from the entry (0: none)
	pcsp        uint32 // pc-value table of the SP's depth below its value at entry
	pcfile      uint32 // pc-value table of the file number (an index into the CU's cutab)
	pcln        uint32 // pc-value table of the line
	npcdata     uint32
	cuOffset    uint32 // where its compilation unit's file numbers start in cutab
	funcID      uint8  // which special runtime function it is, if one (traceback.go)
	flag        uint8  // funcFlag_ bits
	pad         uint8
	nfuncdata   uint8 // last: the offsets follow on a 4-byte boundary
}

// _func.flag bits. Go: runtime/symtab.go funcFlag.
const (
	funcFlag_TOPFRAME = 1 << 0 // the outermost frame of a stack: tracebacks stop here
	funcFlag_SPWRITE  = 1 << 1 // writes SP other than by adjusting it
	funcFlag_ASM      = 1 << 2 // written in assembly
)

// moduledata is what the runtime knows of the program's tables. Go: runtime/symtab.go
// moduledata, where funcnametab, cutab, filetab, pctab, pclntable and ftab are slices;
// here each is a base address, and nftab is len(ftab) - 1, the number of functions.
type moduledata struct {
	pcHeader    *pcHeader
	funcnametab unsafe.Pointer
	cutab       unsafe.Pointer
	filetab     unsafe.Pointer
	pctab       unsafe.Pointer
	pclntable   unsafe.Pointer
	nftab       int
	findfunctab unsafe.Pointer
	minpc       uintptr
	maxpc       uintptr
	text        uintptr
	etext       uintptr
	types       uintptr   // runtime.types: where the type descriptors start
	etypes      uintptr   // runtime.etypes: where they end
	typelinks   []int32   // .typelink: descriptors, as offsets from types
	itablinks   []*itab   // .itablink: the compiler's itabs (itabsinit)
}

var firstmoduledata moduledata

// findfunctab, which the linker writes into .rodata, speeds up findfunc: one bucket per
// 4 KiB of text, holding the index of the first function that overlaps the bucket, and per
// 256-byte sixteenth of it, how many functions further on the first one overlapping that
// sixteenth is (cmd/link/internal/ld/pcln.go findfunctab). Go: runtime/symtab.go
// findfuncbucket.
type findfuncbucket struct {
	idx        uint32
	subbuckets [16]byte
}

const (
	minfunc            = 16            // the shortest function findfunctab provides for
	pcbucketsize       = 256 * minfunc // the text one bucket covers
	nsub               = 16            // len(findfuncbucket{}.subbuckets)
	findfuncbucketSize = 4 + nsub      // unsafe.Sizeof(findfuncbucket{}) (check verifies)
	functabSize        = 8             // unsafe.Sizeof(functab{}) (check verifies)
	pcQuantum          = 1             // instructions are byte aligned on amd64
	ptrSize            = 8             // pointer size on amd64
	pcHeaderMagic      = 0xfffffff0    // Go 1.18 and 1.19 (debug/gosym/pclntab.go)
)

// Symbols the linker defines (asm_amd64.s returns their addresses).
func pcheaderAddr() *pcHeader         // runtime.pcheader: the start of .gopclntab
func textAddr() uintptr               // runtime.text: the start of .text
func etextAddr() uintptr              // runtime.etext: the end of .text
func findfunctabAddr() unsafe.Pointer // runtime.findfunctab
func typesAddr() uintptr              // runtime.types: the start of .rodata
func etypesAddr() uintptr             // runtime.etypes: its end
func typelinkAddr() unsafe.Pointer    // runtime.typelink: the start of .typelink
func etypelinkAddr() unsafe.Pointer   // runtime.etypelink: its end
func itablinkAddr() unsafe.Pointer    // runtime.itablink: the start of .itablink
func eitablinkAddr() unsafe.Pointer   // runtime.eitablink: its end

// ftab returns the i'th pair of datap's function index.
func ftab(datap *moduledata, i int) *functab {
	return (*functab)(unsafe.Add(datap.pclntable, uintptr(i)*functabSize))
}

// funcAt returns the _func record at offset off of datap's pclntab.
func funcAt(datap *moduledata, off uint32) *_func {
	return (*_func)(unsafe.Add(datap.pclntable, uintptr(off)))
}

// moduledataverify fills firstmoduledata from the linker's symbols and checks the table:
// the header must be one this runtime reads, the index sorted by entry, and the functions
// inside .text. A broken table is a fatal error, with Go's messages, before the program
// runs.
func moduledataverify() {
	datap := &firstmoduledata
	hdr := pcheaderAddr()
	datap.pcHeader = hdr
	datap.text = textAddr()
	datap.etext = etextAddr()
	datap.findfunctab = findfunctabAddr()
	datap.types = typesAddr()
	datap.etypes = etypesAddr()
	typelinks := (*slice)(unsafe.Pointer(&datap.typelinks))
	typelinks.array = typelinkAddr()
	typelinks.len = int((uintptr(etypelinkAddr()) - uintptr(typelinks.array)) / 4)
	typelinks.cap = typelinks.len
	itablinks := (*slice)(unsafe.Pointer(&datap.itablinks))
	itablinks.array = itablinkAddr()
	itablinks.len = int((uintptr(eitablinkAddr()) - uintptr(itablinks.array)) / ptrSize)
	itablinks.cap = itablinks.len

	if hdr.magic != pcHeaderMagic || hdr.pad1 != 0 || hdr.pad2 != 0 || hdr.minLC != pcQuantum ||
		hdr.ptrSize != ptrSize || hdr.textStart != datap.text {
		print("runtime: pcHeader: magic= ")
		printhex(uint64(hdr.magic))
		print(" pad1= ", hdr.pad1, " pad2= ", hdr.pad2, " minLC= ", hdr.minLC, " ptrSize= ", hdr.ptrSize, " pcHeader.textStart= ")
		printhex(uint64(hdr.textStart))
		print(" text= ")
		printhex(uint64(datap.text))
		print(" pluginpath= \n")
		throw("invalid function symbol table")
	}
	base := unsafe.Pointer(hdr)
	datap.funcnametab = unsafe.Add(base, hdr.funcnameOffset)
	datap.cutab = unsafe.Add(base, hdr.cuOffset)
	datap.filetab = unsafe.Add(base, hdr.filetabOffset)
	datap.pctab = unsafe.Add(base, hdr.pctabOffset)
	datap.pclntable = unsafe.Add(base, hdr.pclnOffset)
	datap.nftab = hdr.nfunc

	// The index's entries in order, read with one pointer walking it: this runs at every
	// start-up, over every function (ftab per entry doubled hello's instructions).
	prev := uint32(0)
	e := datap.pclntable
	for i := 0; i <= datap.nftab; i++ {
		off := (*functab)(e).entryoff
		if off < prev {
			unsortedFunctab(datap, i-1)
		}
		prev = off
		e = unsafe.Add(e, functabSize)
	}

	// Go's linker writes minpc and maxpc; here they are the first function's entry and the
	// end of the last one, which must lie in .text.
	n := datap.nftab
	lo := datap.text + uintptr(ftab(datap, 0).entryoff)
	hi := datap.text + uintptr(ftab(datap, n).entryoff)
	if n <= 0 || lo < datap.text || hi > datap.etext || lo > hi {
		print("minpc= ")
		printhex(uint64(lo))
		print(" min= ")
		printhex(uint64(datap.text))
		print(" maxpc= ")
		printhex(uint64(hi))
		print(" max= ")
		printhex(uint64(datap.etext))
		print("\n")
		throw("minpc or maxpc invalid")
	}
	datap.minpc = lo
	datap.maxpc = hi
}

// unsortedFunctab reports that entry i of the index comes after entry i+1, listing the
// entries up to i as Go does, and throws.
func unsortedFunctab(datap *moduledata, i int) {
	next := "end"
	if i+1 < datap.nftab {
		next = funcname(funcAt(datap, ftab(datap, i+1).funcoff))
	}
	print("function symbol table not sorted by PC offset: ")
	printhex(uint64(ftab(datap, i).entryoff))
	print(" ", funcname(funcAt(datap, ftab(datap, i).funcoff)), " > ")
	printhex(uint64(ftab(datap, i+1).entryoff))
	print(" ", next, " , plugin: \n")
	for j := 0; j <= i; j++ {
		print("\t ")
		printhex(uint64(ftab(datap, j).entryoff))
		print(" ", funcname(funcAt(datap, ftab(datap, j).funcoff)), "\n")
	}
	throw("invalid runtime symbol table")
}

// findfunc returns the function whose code holds pc, or nil. The pc's findfunctab bucket
// and sixteenth give the first function that can hold it; the index is scanned from there.
func findfunc(pc uintptr) *_func {
	datap := &firstmoduledata
	if pc < datap.minpc || pc >= datap.maxpc {
		return nil
	}
	x := pc - datap.minpc
	b := (*findfuncbucket)(unsafe.Add(datap.findfunctab, x/pcbucketsize*findfuncbucketSize))
	i := int(b.idx) + int(b.subbuckets[x%pcbucketsize/(pcbucketsize/nsub)])
	off := uint32(pc - datap.text)
	for ftab(datap, i+1).entryoff <= off {
		i++
	}
	return funcAt(datap, ftab(datap, i).funcoff)
}

// funcname returns f's name, or "" for no function.
func funcname(f *_func) string {
	if f == nil {
		return ""
	}
	return funcnameAt(f.nameoff)
}

// funcnameAt returns the name at offset off of funcnametab ("" for a negative offset).
func funcnameAt(off int32) string {
	if off < 0 {
		return ""
	}
	return gostringnocopy((*byte)(unsafe.Add(firstmoduledata.funcnametab, uintptr(off))))
}

// funcentry returns the address of f's first instruction.
func funcentry(f *_func) uintptr {
	return firstmoduledata.text + uintptr(f.entryoff)
}

// The funcdata slot of a function's deferInfo: the slot Go gives its open-coded defer
// information (cmd/internal/objabi/funcdata.go FUNCDATA_OpenCodedDeferInfo), which in tbuild
// describes every deferring function, open-coded or not.
const _FUNCDATA_DeferInfo = 4

// The pcdata slot of the inline-tree index and the funcdata slot of the inline tree
// (cmd/internal/objabi/funcdata.go PCDATA_InlTreeIndex, FUNCDATA_InlTree).
const (
	_PCDATA_InlTreeIndex = 2
	_FUNCDATA_InlTree    = 3
)

// inlinedCall is a node of a function's inline tree: a call the compiler replaced by the
// callee's body, whose code is a frame of its own to tracebacks and to Callers. Go 1.19's
// layout (runtime/symtab.go inlinedCall), 20 bytes.
type inlinedCall struct {
	parent   int16 // the node this call is inlined into, or -1: the function itself
	funcID   uint8 // the callee's funcID
	pad      uint8
	file     int32 // the call's file, a file number of the function's compilation unit
	line     int32 // the call's line
	func_    int32 // the callee's name, in funcnametab
	parentPc int32 // an instruction of the caller at the call, from the entry
}

// inlineNode returns the inlined call whose code holds pc in f, or nil when pc is f's own
// code: the node the pcdata table _PCDATA_InlTreeIndex gives pc, in the tree that funcdata
// _FUNCDATA_InlTree points to.
func inlineNode(f *_func, pc uintptr) *inlinedCall {
	if f == nil || f.npcdata <= _PCDATA_InlTreeIndex {
		return nil
	}
	tab := *(*uint32)(add(unsafe.Pointer(f), unsafe.Sizeof(*f)+_PCDATA_InlTreeIndex*4))
	ix := pcvalue(f, tab, pc)
	tree := funcdata(f, _FUNCDATA_InlTree)
	if ix < 0 || tree == nil {
		return nil
	}
	return (*inlinedCall)(add(tree, uintptr(ix)*unsafe.Sizeof(inlinedCall{})))
}

// funcdata returns f's funcdata i, or nil when it has none: the offsets after the _func
// record count from runtime.types, the start of the read-only data (Go counts them from
// go:func.*, moduledata.gofunc), and ^0 means none. Go: runtime/symtab.go funcdata.
func funcdata(f *_func, i uint8) unsafe.Pointer {
	if i >= f.nfuncdata {
		return nil
	}
	p := add(unsafe.Pointer(f), unsafe.Sizeof(*f)+uintptr(f.npcdata)*4+uintptr(i)*4)
	off := *(*uint32)(p)
	if off == ^uint32(0) {
		return nil
	}
	return unsafe.Pointer(firstmoduledata.types + uintptr(off))
}

// uvarint decodes the unsigned LEB128 number at p (7 bits a byte, low bits first, the top
// bit set on every byte but the last) and returns it with the address after it.
func uvarint(p unsafe.Pointer) (uint32, unsafe.Pointer) {
	var v uint32
	for shift := uint32(0); ; shift += 7 {
		b := *(*byte)(p)
		p = unsafe.Add(p, 1)
		v |= uint32(b&0x7f) << (shift & 31)
		if b < 0x80 {
			return v, p
		}
	}
}

// pcvalue returns the value that f's pc-value table at offset off of pctab gives pc, or -1
// when there is no table or it does not reach pc.
//
// A table describes a step function over f's code as (value change, length) pairs, both
// uvarints: the value starts at -1 at f's entry; each pair changes it, by the zig-zag
// decoded first number (0, -1, 1, -2, ... for 0, 1, 2, 3, ...), and says it holds for the
// next length*pcQuantum bytes. A value change of zero after the first pair ends the table.
// (Go: runtime/symtab.go pcvalue and step.)
func pcvalue(f *_func, off uint32, pc uintptr) int32 {
	if off == 0 {
		return -1
	}
	p := unsafe.Add(firstmoduledata.pctab, uintptr(off))
	val := int32(-1)
	end := funcentry(f)
	for first := true; ; first = false {
		var dv, dpc uint32
		dv, p = uvarint(p)
		if dv == 0 && !first {
			return -1
		}
		val += int32(dv>>1) ^ -int32(dv&1)
		dpc, p = uvarint(p)
		end += uintptr(dpc) * pcQuantum
		if pc < end {
			return val
		}
	}
}

// funcfile returns the name of file number fileno of f's compilation unit.
func funcfile(f *_func, fileno int32) string {
	datap := &firstmoduledata
	off := *(*uint32)(unsafe.Add(datap.cutab, uintptr(f.cuOffset+uint32(fileno))*4))
	if off == ^uint32(0) {
		return "?" // the linker left the file out: the table is inconsistent
	}
	return gostringnocopy((*byte)(unsafe.Add(datap.filetab, uintptr(off))))
}

// funcline returns the file and line of pc in f, or "?" and 0 when f's tables do not say.
func funcline(f *_func, pc uintptr) (string, int32) {
	if f == nil {
		return "?", 0
	}
	fileno := pcvalue(f, f.pcfile, pc)
	line := pcvalue(f, f.pcln, pc)
	if fileno < 0 || line < 0 || uint(fileno) >= firstmoduledata.pcHeader.nfiles {
		return "?", 0
	}
	return funcfile(f, fileno), line
}

// funcspdelta returns how far below its value at f's entry SP is at pc: 0 at the entry, 8
// once BP is pushed, and so on.
func funcspdelta(f *_func, pc uintptr) int32 {
	return pcvalue(f, f.pcsp, pc)
}
