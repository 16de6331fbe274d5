// The vDSO: the kernel maps a small shared library into every process (its address is the
// auxiliary vector's AT_SYSINFO_EHDR) whose clock_gettime reads the clocks without entering
// the kernel, as Go's nanotime and walltime do. vdsoinit finds __vdso_clock_gettime in its
// dynamic symbol table; clock_gettime (sys_linux_amd64.s) calls it when found and makes the
// system call otherwise.
//
// The format is ELF's (the System V gABI, "Dynamic Section" and "Symbol Table"; the
// x86-64 vDSO's symbols are listed in the kernel's Documentation/ABI/stable/vdso): the
// program headers give the PT_LOAD segment (its p_vaddr is where the image's addresses
// count from) and PT_DYNAMIC, whose entries locate the symbol table (DT_SYMTAB), its names
// (DT_STRTAB) and the symbol count (DT_HASH's nchain, or, with only DT_GNU_HASH, the
// highest symbol index its chains reach). Go: runtime/vdso_linux.go.

package runtime

import "unsafe"

// vdsoClockGettime is __vdso_clock_gettime's address, or 0 (read by clock_gettime).
var vdsoClockGettime uintptr

// ELF constants (elf.h).
const (
	_PT_LOAD    = 1
	_PT_DYNAMIC = 2

	_DT_NULL     = 0
	_DT_HASH     = 4
	_DT_STRTAB   = 5
	_DT_SYMTAB   = 6
	_DT_GNU_HASH = 0x6ffffef5

	_STT_FUNC   = 2
	_STB_GLOBAL = 1
	_STB_WEAK   = 2
)

// The ELF64 records read here (elf.h Elf64_Ehdr, Elf64_Phdr, Elf64_Dyn, Elf64_Sym).
type elfEhdr struct {
	ident     [16]byte
	typ       uint16
	machine   uint16
	version   uint32
	entry     uint64
	phoff     uint64
	shoff     uint64
	flags     uint32
	ehsize    uint16
	phentsize uint16
	phnum     uint16
	shentsize uint16
	shnum     uint16
	shstrndx  uint16
}

type elfPhdr struct {
	typ    uint32
	flags  uint32
	off    uint64
	vaddr  uint64
	paddr  uint64
	filesz uint64
	memsz  uint64
	align  uint64
}

type elfDyn struct {
	tag int64
	val uint64
}

type elfSym struct {
	name  uint32
	info  uint8
	other uint8
	shndx uint16
	value uint64
	size  uint64
}

// vdsoinit looks __vdso_clock_gettime up in the vDSO at vdsoBase, if there is one and it
// is an ELF64 image.
func vdsoinit() {
	base := vdsoBase
	if base == 0 {
		return
	}
	eh := (*elfEhdr)(unsafe.Pointer(base))
	if eh.ident[0] != 0x7f || eh.ident[1] != 'E' || eh.ident[2] != 'L' || eh.ident[3] != 'F' || eh.ident[4] != 2 {
		return
	}
	// load is what turns the image's addresses into ours.
	load, dyn := uintptr(0), uintptr(0)
	found := false
	for i := uintptr(0); i < uintptr(eh.phnum); i++ {
		ph := (*elfPhdr)(unsafe.Pointer(base + uintptr(eh.phoff) + i*uintptr(eh.phentsize)))
		switch ph.typ {
		case _PT_LOAD:
			if !found {
				load = base + uintptr(ph.off) - uintptr(ph.vaddr)
				found = true
			}
		case _PT_DYNAMIC:
			dyn = base + uintptr(ph.off)
		}
	}
	if !found || dyn == 0 {
		return
	}
	var symtab, strtab, hash, gnuhash uintptr
	for d := (*elfDyn)(unsafe.Pointer(dyn)); d.tag != _DT_NULL; d = (*elfDyn)(unsafe.Add(unsafe.Pointer(d), unsafe.Sizeof(elfDyn{}))) {
		switch d.tag {
		case _DT_SYMTAB:
			symtab = load + uintptr(d.val)
		case _DT_STRTAB:
			strtab = load + uintptr(d.val)
		case _DT_HASH:
			hash = load + uintptr(d.val)
		case _DT_GNU_HASH:
			gnuhash = load + uintptr(d.val)
		}
	}
	if symtab == 0 || strtab == 0 {
		return
	}
	n := uintptr(0)
	if hash != 0 {
		n = uintptr(*(*uint32)(unsafe.Pointer(hash + 4))) // nchain: one per symbol
	} else if gnuhash != 0 {
		n = gnuHashSymbols(gnuhash)
	}
	for i := uintptr(1); i < n; i++ {
		sym := (*elfSym)(unsafe.Pointer(symtab + i*unsafe.Sizeof(elfSym{})))
		bind := sym.info >> 4
		if sym.info&0xf != _STT_FUNC || (bind != _STB_GLOBAL && bind != _STB_WEAK) || sym.shndx == 0 {
			continue
		}
		if cstringEq(strtab+uintptr(sym.name), "__vdso_clock_gettime") {
			vdsoClockGettime = load + uintptr(sym.value)
			return
		}
	}
}

// gnuHashSymbols returns the number of symbols a DT_GNU_HASH table at h covers: one past
// the last index of the longest chain (the table does not store the count). Layout:
// nbuckets, symoffset, bloom size, bloom shift (4 words), the bloom words (64-bit), the
// buckets, then one chain word per symbol from symoffset on, the last of a chain with bit 0
// set.
func gnuHashSymbols(h uintptr) uintptr {
	nbuckets := uintptr(*(*uint32)(unsafe.Pointer(h)))
	symoffset := uintptr(*(*uint32)(unsafe.Pointer(h + 4)))
	bloom := uintptr(*(*uint32)(unsafe.Pointer(h + 8)))
	buckets := h + 16 + bloom*8
	chains := buckets + nbuckets*4
	last := uintptr(0)
	for b := uintptr(0); b < nbuckets; b++ {
		if i := uintptr(*(*uint32)(unsafe.Pointer(buckets + b*4))); i > last {
			last = i
		}
	}
	if last < symoffset {
		return symoffset
	}
	for *(*uint32)(unsafe.Pointer(chains + (last-symoffset)*4))&1 == 0 {
		last++
	}
	return last + 1
}

// cstringEq reports whether the NUL-terminated string at p is s.
func cstringEq(p uintptr, s string) bool {
	for i := 0; i < len(s); i++ {
		if *(*byte)(unsafe.Pointer(p + uintptr(i))) != s[i] {
			return false
		}
	}
	return *(*byte)(unsafe.Pointer(p + uintptr(len(s)))) == 0
}
