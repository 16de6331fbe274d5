// Maps: open-addressed hash tables in groups of 8 slots (a "Swiss table"), split as they grow
// (extendible hashing). This is tbuild's own design; Go 1.19 chains 8-entry buckets instead.
// The compiler calls the functions below by Go's names (makemap, mapaccess2, mapassign,
// mapdelete, mapiterinit, mapiternext) with the map type's descriptor.
//
// A map value is a pointer to an hmap (nil for a nil map). The hmap holds a directory of
// 2^globalDepth table pointers, indexed by the top globalDepth bits of a key's hash. A table
// serves 2^(globalDepth-localDepth) consecutive directory entries and holds at most
// maxTableSlots slots, so no insert ever moves more than one table's entries: that bounds
// the worst insert, as Go 1.19's incremental evacuation does.
//
// A table is an array of groups. A group is one control word (8 control bytes, one per
// slot: ctrlEmpty, ctrlDeleted, or the low 7 bits of the slot's hash) followed by 8 slots,
// each a key then an element, laid out as struct{ key K; elem V } (keys and elements over
// 128 bytes are stored through pointers). A lookup starts at the group picked by the hash's
// bits 7 and up, compares the 7 hash bits of all 8 slots at once with a few word operations,
// compares keys only where they match, and probes groups quadratically until a group with an
// empty slot. A table is rebuilt (twice the size, or the same size to drop tombstones) when
// 7/8 of its slots have been used; at maxTableSlots it splits in two by the next hash bit.
//
// Range walks a snapshot of the directory (a directory is copied, not changed in place, once
// an iterator has seen it), each table from a random slot, after a random directory entry. A
// table replaced while the range runs is still walked, but each of its keys is looked up in
// the live map, so an entry deleted before it is reached is not produced and an updated one
// is produced with its current element; entries inserted during the range may or may not be.
//
// Tables, groups and the directory are allocated typed (the group type the compiler emits
// describes a group's pointers), so a collector can scan them; an iterator's state lives in
// the ranging function's frame.

package runtime

import "unsafe"

const (
	groupSlots    = 8
	maxTableSlots = 1024
	ctrlEmpty     = 0x80
	ctrlDeleted   = 0xfe

	// Word-at-a-time constants for the 8 control bytes of a group.
	lsbs = 0x0101010101010101
	msbs = 0x8080808080808080

	// hmap.flags.
	hashWriting  = 1 // an insert or delete is under way
	dirIterating = 2 // an iterator holds the current directory: copy it before changing it

	// The zero element handed out for missing keys covers elements up to this size; the
	// compiler uses the comma-ok lookup for larger ones.
	maxZero = 1024
)

// maptype is a map type's descriptor: the _type header the compiler lays out for every type,
// then what map operations need. hasher hashes a key with a seed; the key type's descriptor
// holds its equal function. Sizes are those of a slot's parts (a pointer for an indirect key
// or element); the compiler computes them (lower/alg.rs map_ext).
type maptype struct {
	typ      _type
	key      *_type
	elem     *_type
	group    *_type // a group's layout as a struct type, for a collector
	hasher   func(unsafe.Pointer, uintptr) uintptr
	keysize  uint8
	elemsize uint8
	elemoff  uint8 // the element's offset in a slot
	_        uint8
	slotsize uint16
	flags    uint16
}

// maptype.flags, written by the compiler.
const (
	mapIndirectKey    = 1  // the key slot holds a pointer to the key
	mapIndirectElem   = 2  // the element slot holds a pointer to the element
	mapReflexiveKey   = 4  // k == k for every key (no floats, no interfaces)
	mapNeedKeyUpdate  = 8  // an assignment to an existing key stores the new key (+0 vs -0)
	mapHashMightPanic = 16 // hashing may panic (an interface key of an unhashable type)
	mapGroupNoPtrs    = 32 // groups hold no pointers
)

// hmap is a map's header. count comes first: len(m) reads it directly.
type hmap struct {
	count       int
	flags       uint8
	globalDepth uint8
	seed        uintptr
	dir         unsafe.Pointer // *[1 << globalDepth]*table; nil until the first insert
	one         *table         // the directory while globalDepth is 0 (dir points here)
}

// table is one open-addressed table of the directory.
type table struct {
	groups     unsafe.Pointer
	capacity   uintptr // slots: a power of two, at least groupSlots
	used       int     // full slots
	growthLeft int     // empty slots that may still be filled before a rebuild
	localDepth uint8   // the hash bits every key of this table shares with the directory
	retired    bool    // replaced in the directory; never changed again
}

// hiter is the state of a range over a map, in the frame of the function ranging (the
// compiler reserves 12 words for it and reads key and elem; a nil key ends the loop).
type hiter struct {
	key     unsafe.Pointer
	elem    unsafe.Pointer
	t       *maptype
	h       *hmap
	dir     unsafe.Pointer // the directory when the range started (nil: just one)
	one     *table         // the only table, when the directory had one entry
	dirLen  uintptr
	dirOff  uintptr // the random directory entry the walk starts at
	dirIdx  uintptr // directory entries done
	tab     *table  // the table being walked, or nil between tables
	slotOff uintptr // the random slot each table's walk starts at
	slotIdx uintptr // slots of tab done
}

// zeroVal is the element of every missing key.
var zeroVal [maxZero]byte

// plainError is a run-time error whose text has no "runtime error: " prefix.
// Go: runtime/error.go plainError.
type plainError string

func (e plainError) Error() string {
	return string(e)
}

func (e plainError) RuntimeError() {}

// panicNilMap is the write to a nil map. Go's report counts gopanic and mapassign.
func panicNilMap() {
	var v any = plainError("assignment to entry in nil map")
	pv := *(*eface)(unsafe.Pointer(&v))
	gopanic(pv._type, pv.data, goframesRuntimeError)
}

// ---- Control words ----

// The probe loops (find here, find32, find64 and findstr in map_fast.go) find the slots of a
// group whose control byte equals the 7 hash bits h2 as (x-lsbs) &^ x & msbs, x being the
// control word xor h2 in every byte; they write it out, and lowestSlot, since tbuild does not
// inline calls. Subtracting 1 from a zero byte borrows from the next, so a byte just above a
// match may be reported too; it is a full slot with a different hash and its key comparison
// fails. Empty and deleted bytes never match: their top bit is set and h2's is not.

// matchEmpty has the top bit of each ctrlEmpty byte set: the top bit set and bit 1 clear
// (ctrlDeleted has bit 1 set), tested by moving bit 1 of each byte up to bit 7.
func matchEmpty(ctrl uint64) uint64 {
	return ctrl &^ (ctrl << 6) & msbs
}

// matchFree is empty or deleted: the top bit.
func matchFree(ctrl uint64) uint64 {
	return ctrl & msbs
}

// lowestSlot is the slot of the lowest byte flagged in a match.
func lowestSlot(m uint64) uintptr {
	// m&-m is 1<<(8i+7). Moved down to 1<<8i, it multiplies the constant (bytes 7, 6, ...,
	// 0 from the low end) into a shift by 8i, which brings the byte that holds i to the top.
	return uintptr(((m & -m) >> 7) * 0x0001020304050607 >> 56)
}

// ---- Layout ----

func groupSize(t *maptype) uintptr {
	return 8 + groupSlots*uintptr(t.slotsize)
}

// slotAt is the address of slot i of tab (i counts across groups).
func slotAt(t *maptype, tab *table, i uintptr) unsafe.Pointer {
	g := unsafe.Add(tab.groups, (i/groupSlots)*groupSize(t))
	return unsafe.Add(g, 8+(i%groupSlots)*uintptr(t.slotsize))
}

func ctrlAt(t *maptype, tab *table, i uintptr) *uint8 {
	return (*uint8)(unsafe.Add(tab.groups, (i/groupSlots)*groupSize(t)+i%groupSlots))
}

// keyOf and elemOf are the key and element of a slot, through the pointer when indirect.
func keyOf(t *maptype, slot unsafe.Pointer) unsafe.Pointer {
	if t.flags&mapIndirectKey != 0 {
		return *(*unsafe.Pointer)(slot)
	}
	return slot
}

func elemOf(t *maptype, slot unsafe.Pointer) unsafe.Pointer {
	e := unsafe.Add(slot, uintptr(t.elemoff))
	if t.flags&mapIndirectElem != 0 {
		return *(*unsafe.Pointer)(e)
	}
	return e
}

// tableFor is the table of the directory that holds hash.
func (h *hmap) tableFor(hash uintptr) *table {
	if h.globalDepth == 0 {
		return h.one
	}
	i := hash >> (64 - uintptr(h.globalDepth))
	return *(**table)(unsafe.Add(h.dir, i*ptrSize))
}

// newTable allocates an empty table of capacity slots.
func newTable(t *maptype, capacity uintptr, depth uint8) *table {
	tab := (*table)(mallocRuntime(unsafe.Sizeof(table{})))
	n := capacity / groupSlots
	var typ unsafe.Pointer
	if t.flags&mapGroupNoPtrs == 0 {
		typ = unsafe.Pointer(t.group)
	}
	tab.groups = mallocgc(n*groupSize(t), typ, true)
	for g := uintptr(0); g < n; g++ {
		*(*uint64)(unsafe.Add(tab.groups, g*groupSize(t))) = lsbs * ctrlEmpty
	}
	tab.capacity = capacity
	tab.growthLeft = int(capacity - capacity/8)
	tab.localDepth = depth
	return tab
}

// ---- Making maps ----

// makemap_small makes a map for make(map[K]V) and a constant hint of at most 8: the table
// waits for the first insert.
func makemap_small() *hmap {
	h := (*hmap)(mallocRuntime(unsafe.Sizeof(hmap{})))
	h.seed = uintptr(fastrand64())
	return h
}

// makemap makes a map with room for hint entries. A hint that is negative or too large to
// allocate counts as 0 (the map then grows as it fills), as in Go.
func makemap(t *maptype, hint int, h *hmap) *hmap {
	if hint < 0 || uintptr(hint) > maxAlloc/uintptr(t.slotsize+1) {
		hint = 0
	}
	if h == nil {
		h = (*hmap)(mallocRuntime(unsafe.Sizeof(hmap{})))
	}
	h.seed = uintptr(fastrand64())
	if hint <= groupSlots-1 {
		return h
	}
	// Each table takes up to 7/8 of its slots.
	perTable := maxTableSlots - maxTableSlots/8
	if hint <= perTable {
		capacity := uintptr(groupSlots)
		for capacity-capacity/8 < uintptr(hint) {
			capacity *= 2
		}
		h.one = newTable(t, capacity, 0)
		h.dir = unsafe.Pointer(&h.one)
		return h
	}
	depth := uint8(0)
	for (1<<depth)*perTable < hint {
		depth++
	}
	n := uintptr(1) << depth
	dir := mallocRuntime(n*ptrSize)
	for i := uintptr(0); i < n; i++ {
		*(**table)(unsafe.Add(dir, i*ptrSize)) = newTable(t, maxTableSlots, depth)
	}
	h.dir = dir
	h.globalDepth = depth
	return h
}

// makemap64 is makemap for a hint of type int64 or uint64.
func makemap64(t *maptype, hint int64, h *hmap) *hmap {
	return makemap(t, int(hint), h)
}

// ---- Lookups ----

// find is the slot holding key (whose hash is hash) and the slot's control byte; or, when
// the key is absent, nil and the first free (empty or deleted) control byte on the key's probe
// sequence, where insertNew puts the key, if that is in the first group probed (as it almost
// always is), else nil.
func find(t *maptype, h *hmap, key unsafe.Pointer, hash uintptr) (unsafe.Pointer, *uint8) {
	tab := h.tableFor(hash)
	gsize := 8 + groupSlots*uintptr(t.slotsize) // groupSize
	mask := tab.capacity/groupSlots - 1
	g := (hash >> 7) & mask
	h2s := lsbs * uint64(hash&0x7f) // matchH2's operand, written out below with lowestSlot
	equal := t.key.equal
	for step := uintptr(1); ; step++ {
		grp := unsafe.Add(tab.groups, g*gsize)
		ctrl := *(*uint64)(grp)
		x := ctrl ^ h2s
		for m := (x - lsbs) &^ x & msbs; m != 0; m &= m - 1 {
			i := uintptr(((m & -m) >> 7) * 0x0001020304050607 >> 56)
			slot := unsafe.Add(grp, 8+i*uintptr(t.slotsize))
			if equal(key, keyOf(t, slot)) {
				return slot, (*uint8)(unsafe.Add(grp, i))
			}
		}
		if ctrl&^(ctrl<<6)&msbs != 0 { // matchEmpty
			if step > 1 {
				return nil, nil
			}
			// The first group probed: its first free slot is the probe sequence's.
			return nil, (*uint8)(unsafe.Add(grp, lowestSlot(ctrl&msbs)))
		}
		g = (g + step) & mask
	}
}

// mapfind is the slot of key, or nil. Looking a key up in an empty or nil map still hashes
// it when hashing can panic, so that an unhashable key panics whatever the map holds, as in
// Go.
func mapfind(t *maptype, h *hmap, key unsafe.Pointer) unsafe.Pointer {
	if h == nil || h.count == 0 {
		if t.flags&mapHashMightPanic != 0 {
			t.hasher(key, 0)
		}
		return nil
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map read and map write")
	}
	slot, _ := find(t, h, key, t.hasher(key, h.seed))
	return slot
}

// mapaccess2 is v, ok := m[k], and m[k] (ok unused): the element's address, or the zero
// element's and false.
func mapaccess2(t *maptype, h *hmap, key unsafe.Pointer) (unsafe.Pointer, bool) {
	if s := mapfind(t, h, key); s != nil {
		return elemOf(t, s), true
	}
	return unsafe.Pointer(&zeroVal[0]), false
}

// ---- Inserting ----

// mapassign is the address of m[k]'s element for a store, inserting k if missing.
func mapassign(t *maptype, h *hmap, key unsafe.Pointer) unsafe.Pointer {
	if h == nil {
		panicNilMap()
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map writes")
	}
	// Hash before marking the write: the hash may panic, and then nothing was written.
	hash := t.hasher(key, h.seed)
	h.flags ^= hashWriting
	var slot unsafe.Pointer
	var free *uint8
	if h.dir != nil {
		slot, free = find(t, h, key, hash)
	}
	if slot != nil {
		if t.flags&mapNeedKeyUpdate != 0 {
			memmove(keyOf(t, slot), key, t.key.size)
		}
	} else {
		slot = insertNew(t, h, hash, free)
		k := slot
		if t.flags&mapIndirectKey != 0 {
			k = mallocgc(t.key.size, unsafe.Pointer(t.key), true)
			*(*unsafe.Pointer)(slot) = k
		}
		if t.flags&mapIndirectElem != 0 {
			e := mallocgc(t.elem.size, unsafe.Pointer(t.elem), true)
			*(*unsafe.Pointer)(unsafe.Add(slot, uintptr(t.elemoff))) = e
		}
		memmove(k, key, t.key.size)
	}
	if h.flags&hashWriting == 0 {
		fatal("concurrent map writes")
	}
	h.flags &^= hashWriting
	return elemOf(t, slot)
}

// insertNew claims a free slot for a new key of hash hash (known to be absent) and returns
// it, zeroed, with its control byte set; it rebuilds or splits the key's table first when
// the slot is an empty one the table has no room left to fill (a tombstone is reused).
// free is the first free control byte on the key's probe sequence, which the lookup that
// found the key absent passes on (nil: not known, or no table), so that an insert probes once.
func insertNew(t *maptype, h *hmap, hash uintptr, free *uint8) unsafe.Pointer {
	if h.dir == nil {
		h.one = newTable(t, groupSlots, 0)
		h.dir = unsafe.Pointer(&h.one)
	}
	for {
		tab := h.tableFor(hash)
		var grp unsafe.Pointer
		var i uintptr
		if free != nil {
			// A group starts 8-aligned with its control word (removeSlot).
			grp = unsafe.Pointer(uintptr(unsafe.Pointer(free)) &^ 7)
			i = uintptr(unsafe.Pointer(free)) & 7
			free = nil
		} else {
			grp, i = firstFree(t, tab, hash)
		}
		if tab.growthLeft > 0 || *(*uint8)(unsafe.Add(grp, i)) == ctrlDeleted {
			h.count++
			return claim(t, tab, grp, i, hash)
		}
		grow(t, h, tab)
	}
}

// firstFree is the group and slot index of the first free (empty or deleted) slot on hash's
// probe sequence in tab. A table always has an empty slot (at most 7/8 of it is used).
func firstFree(t *maptype, tab *table, hash uintptr) (unsafe.Pointer, uintptr) {
	gsize := groupSize(t)
	mask := tab.capacity/groupSlots - 1
	g := (hash >> 7) & mask
	for step := uintptr(1); ; step++ {
		grp := unsafe.Add(tab.groups, g*gsize)
		if m := matchFree(*(*uint64)(grp)); m != 0 {
			return grp, lowestSlot(m)
		}
		g = (g + step) & mask
	}
}

// claim marks free slot i of group grp of tab full, with hash's low 7 bits, and returns it.
func claim(t *maptype, tab *table, grp unsafe.Pointer, i uintptr, hash uintptr) unsafe.Pointer {
	c := (*uint8)(unsafe.Add(grp, i))
	if *c == ctrlEmpty {
		tab.growthLeft--
	}
	*c = uint8(hash & 0x7f)
	tab.used++
	return unsafe.Add(grp, 8+i*uintptr(t.slotsize))
}

// grow replaces full table tab: by a table of the same size when at least half of its used
// slots are tombstones, else by one twice the size, or, at maxTableSlots, by two tables that
// each take the keys of one value of the next hash bit.
func grow(t *maptype, h *hmap, tab *table) {
	capacity := tab.capacity
	if tab.used > int(capacity/2-capacity/16) {
		capacity *= 2
	}
	if capacity <= maxTableSlots {
		repl := newTable(t, capacity, tab.localDepth)
		moveAll(t, h, tab, repl, nil, 0)
		replaceTable(h, tab, repl, repl)
		return
	}
	lo := newTable(t, maxTableSlots, tab.localDepth+1)
	hi := newTable(t, maxTableSlots, tab.localDepth+1)
	// Bit 63-localDepth of the hash picks the half (the directory's bits come from the top).
	moveAll(t, h, tab, lo, hi, uintptr(1)<<(63-tab.localDepth))
	if tab.localDepth == h.globalDepth {
		doubleDirectory(h)
	}
	replaceTable(h, tab, lo, hi)
}

// moveAll inserts every entry of from into lo, or into hi when hash&bit is set, moving the
// slots' words as they are (an indirect key or element keeps its pointer).
func moveAll(t *maptype, h *hmap, from, lo, hi *table, bit uintptr) {
	size := uintptr(t.slotsize)
	for i := uintptr(0); i < from.capacity; i++ {
		if *ctrlAt(t, from, i)&ctrlEmpty != 0 {
			continue
		}
		src := slotAt(t, from, i)
		hash := t.hasher(keyOf(t, src), h.seed)
		to := lo
		if hash&bit != 0 {
			to = hi
		}
		grp, j := firstFree(t, to, hash)
		memmove(claim(t, to, grp, j, hash), src, size)
	}
	from.retired = true
}

// writableDir makes h's directory safe to change: a copy when an iterator holds it. (An
// iterator of a one-entry directory holds the table itself, not h.one.)
func writableDir(h *hmap) {
	if h.flags&dirIterating == 0 || h.globalDepth == 0 {
		return
	}
	n := uintptr(1) << h.globalDepth
	dir := mallocRuntime(n*ptrSize)
	memmove(dir, h.dir, n*ptrSize)
	h.dir = dir
	h.flags &^= dirIterating
}

// doubleDirectory gives every table twice the directory entries.
func doubleDirectory(h *hmap) {
	n := uintptr(1) << h.globalDepth
	dir := mallocRuntime(2*n*ptrSize)
	for i := uintptr(0); i < n; i++ {
		tab := *(**table)(unsafe.Add(h.dir, i*ptrSize))
		*(**table)(unsafe.Add(dir, 2*i*ptrSize)) = tab
		*(**table)(unsafe.Add(dir, (2*i+1)*ptrSize)) = tab
	}
	h.dir = dir
	h.globalDepth++
	h.flags &^= dirIterating // a fresh directory no iterator holds
}

// replaceTable points old's directory entries at lo (the first half) and hi (the second);
// lo and hi are the same table when old was rebuilt rather than split.
func replaceTable(h *hmap, old, lo, hi *table) {
	writableDir(h)
	if h.globalDepth == 0 {
		h.one = lo
		return
	}
	n := uintptr(1) << h.globalDepth
	for i := uintptr(0); i < n; i++ {
		p := (**table)(unsafe.Add(h.dir, i*ptrSize))
		if *p != old {
			continue
		}
		// The entries of one table are consecutive; those of the second half go to hi.
		span := n >> old.localDepth
		if i&(span/2) != 0 {
			*p = hi
		} else {
			*p = lo
		}
	}
}

// ---- Deleting ----

// mapdelete is delete(m, k).
func mapdelete(t *maptype, h *hmap, key unsafe.Pointer) {
	if h == nil || h.count == 0 {
		if t.flags&mapHashMightPanic != 0 {
			t.hasher(key, 0)
		}
		return
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map writes")
	}
	hash := t.hasher(key, h.seed)
	h.flags ^= hashWriting
	if slot, ctrl := find(t, h, key, hash); slot != nil {
		removeSlot(t, h, h.tableFor(hash), slot, ctrl)
	}
	if h.flags&hashWriting == 0 {
		fatal("concurrent map writes")
	}
	h.flags &^= hashWriting
}

// removeSlot empties a full slot of tab, whose control byte is ctrl. The byte becomes
// ctrlEmpty when its group has an empty slot already (no probe sequence goes on past that
// group, so none needs this slot marked), else ctrlDeleted, a tombstone probes pass over. A
// group starts 8-aligned (its size is a multiple of 8) with its control word, so the word
// is at ctrl rounded down to 8.
func removeSlot(t *maptype, h *hmap, tab *table, slot unsafe.Pointer, ctrl *uint8) {
	// A slot of whole words up to 64 bytes is cleared a word at a time: memclr's entry costs
	// more than the stores for the small slots most maps have (int keys and values: 16).
	if size := uintptr(t.slotsize); size&7 == 0 && size <= 64 {
		for off := uintptr(0); off < size; off += 8 {
			*(*uint64)(unsafe.Add(slot, off)) = 0
		}
	} else {
		memclrNoHeapPointers(slot, size)
	}
	word := (*uint64)(unsafe.Pointer(uintptr(unsafe.Pointer(ctrl)) &^ 7))
	if matchEmpty(*word) != 0 {
		*ctrl = ctrlEmpty
		tab.growthLeft++
	} else {
		*ctrl = ctrlDeleted
	}
	tab.used--
	h.count--
}

// ---- Iterating ----

// mapiterinit starts a range over h at a random directory entry and slot, so that no program
// can depend on the order, and finds the first entry.
func mapiterinit(t *maptype, h *hmap, it *hiter) {
	it.t = t
	if h == nil || h.count == 0 {
		return
	}
	it.h = h
	if h.globalDepth == 0 {
		it.one = h.one
	} else {
		it.dir = h.dir
	}
	it.dirLen = uintptr(1) << h.globalDepth
	r := uintptr(fastrand64())
	it.dirOff = r & (it.dirLen - 1)
	it.slotOff = r >> 32
	h.flags |= dirIterating
	mapiternext(it)
}

// mapiternext moves it to the next entry, or sets it.key to nil at the end. A table is walked
// from the directory entry where its run of entries starts.
func mapiternext(it *hiter) {
	h := it.h
	if h.flags&hashWriting != 0 {
		fatal("concurrent map iteration and map write")
	}
	t := it.t
	for {
		tab := it.tab
		if tab == nil {
			if it.dirIdx == it.dirLen {
				it.key = nil
				it.elem = nil
				return
			}
			e := (it.dirOff + it.dirIdx) & (it.dirLen - 1)
			it.dirIdx++
			tab = it.one
			if it.dir != nil {
				tab = *(**table)(unsafe.Add(it.dir, e*ptrSize))
			}
			span := it.dirLen >> tab.localDepth
			if e&(span-1) != 0 {
				continue // not the first entry of tab's run
			}
			it.tab = tab
			it.slotIdx = 0
		}
		for it.slotIdx < tab.capacity {
			i := (it.slotOff + it.slotIdx) & (tab.capacity - 1)
			it.slotIdx++
			if *ctrlAt(t, tab, i)&ctrlEmpty != 0 {
				continue
			}
			slot := slotAt(t, tab, i)
			k := keyOf(t, slot)
			if tab.retired && (t.flags&mapReflexiveKey != 0 || t.key.equal(k, k)) {
				// The entry may have been deleted or changed since: the live map knows.
				// (A key not equal to itself, a NaN, can be neither.)
				slot = nil
				if h.dir != nil {
					slot, _ = find(t, h, k, t.hasher(k, h.seed))
				}
				if slot == nil {
					continue
				}
				k = keyOf(t, slot)
			}
			it.key = k
			it.elem = elemOf(t, slot)
			return
		}
		it.tab = nil
	}
}
