// The map operations specialised by key: 4- and 8-byte keys that are plain memory, and
// strings. The compiler calls them instead of the generic ones (map.go) when the key type
// allows and the element is stored inline, as Go's does (its mapaccess2_fast64 and the
// rest). They take the key by value, hash it with the function the map type's hasher is
// (memhash32, memhash64, strhash) called directly, and compare keys in place instead of
// through the key type's equal function. Claiming a slot, growing and emptying a slot are
// map.go's.
//
// Each find returns what map.go's find does (the slot and its control byte, or nil and the
// first free control byte).
// These are programs' hot paths and tbuild does not inline calls, so each probe loop is
// written out here rather than shared through a key-comparing callback.

package runtime

import "unsafe"

// ---- 4-byte keys ----

func find32(t *maptype, h *hmap, key uint32, hash uintptr) (unsafe.Pointer, *uint8) {
	tab := h.tableFor(hash)
	size := uintptr(t.slotsize)
	gsize := 8 + groupSlots*size
	mask := tab.capacity/groupSlots - 1
	g := (hash >> 7) & mask
	h2s := lsbs * uint64(hash&0x7f) // matchH2's operand, written out below with lowestSlot
	for step := uintptr(1); ; step++ {
		grp := unsafe.Add(tab.groups, g*gsize)
		ctrl := *(*uint64)(grp)
		x := ctrl ^ h2s
		for m := (x - lsbs) &^ x & msbs; m != 0; m &= m - 1 {
			i := uintptr(((m & -m) >> 7) * 0x0001020304050607 >> 56)
			slot := unsafe.Add(grp, 8+i*size)
			if *(*uint32)(slot) == key {
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

func mapaccess2_fast32(t *maptype, h *hmap, key uint32) (unsafe.Pointer, bool) {
	if h == nil || h.count == 0 {
		return unsafe.Pointer(&zeroVal[0]), false
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map read and map write")
	}
	// find32's probe loop, written out: a call less on the hottest path.
	hash := memhash32(unsafe.Pointer(&key), h.seed)
	tab := h.tableFor(hash)
	size := uintptr(t.slotsize)
	gsize := 8 + groupSlots*size
	mask := tab.capacity/groupSlots - 1
	g := (hash >> 7) & mask
	h2s := lsbs * uint64(hash&0x7f)
	for step := uintptr(1); ; step++ {
		grp := unsafe.Add(tab.groups, g*gsize)
		ctrl := *(*uint64)(grp)
		x := ctrl ^ h2s
		for m := (x - lsbs) &^ x & msbs; m != 0; m &= m - 1 {
			slot := unsafe.Add(grp, 8+uintptr(((m&-m)>>7)*0x0001020304050607>>56)*size)
			if *(*uint32)(slot) == key {
				return unsafe.Add(slot, uintptr(t.elemoff)), true
			}
		}
		if ctrl&^(ctrl<<6)&msbs != 0 { // matchEmpty
			return unsafe.Pointer(&zeroVal[0]), false
		}
		g = (g + step) & mask
	}
}

func mapassign_fast32(t *maptype, h *hmap, key uint32) unsafe.Pointer {
	if h == nil {
		panicNilMap()
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map writes")
	}
	h.flags ^= hashWriting
	hash := memhash32(unsafe.Pointer(&key), h.seed)
	var s unsafe.Pointer
	var free *uint8
	if h.dir != nil {
		s, free = find32(t, h, key, hash)
	}
	if s == nil {
		s = insertNew(t, h, hash, free)
		*(*uint32)(s) = key
	}
	h.flags &^= hashWriting
	return unsafe.Add(s, uintptr(t.elemoff))
}

func mapdelete_fast32(t *maptype, h *hmap, key uint32) {
	if h == nil || h.count == 0 {
		return
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map writes")
	}
	hash := memhash32(unsafe.Pointer(&key), h.seed)
	if s, ctrl := find32(t, h, key, hash); s != nil {
		removeSlot(t, h, h.tableFor(hash), s, ctrl)
	}
}

// ---- 8-byte keys ----

func find64(t *maptype, h *hmap, key uint64, hash uintptr) (unsafe.Pointer, *uint8) {
	tab := h.tableFor(hash)
	size := uintptr(t.slotsize)
	gsize := 8 + groupSlots*size
	mask := tab.capacity/groupSlots - 1
	g := (hash >> 7) & mask
	h2s := lsbs * uint64(hash&0x7f) // matchH2's operand, written out below with lowestSlot
	for step := uintptr(1); ; step++ {
		grp := unsafe.Add(tab.groups, g*gsize)
		ctrl := *(*uint64)(grp)
		x := ctrl ^ h2s
		for m := (x - lsbs) &^ x & msbs; m != 0; m &= m - 1 {
			i := uintptr(((m & -m) >> 7) * 0x0001020304050607 >> 56)
			slot := unsafe.Add(grp, 8+i*size)
			if *(*uint64)(slot) == key {
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

func mapaccess2_fast64(t *maptype, h *hmap, key uint64) (unsafe.Pointer, bool) {
	if h == nil || h.count == 0 {
		return unsafe.Pointer(&zeroVal[0]), false
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map read and map write")
	}
	// find64's probe loop, written out: a call less on the hottest path.
	hash := memhash64(unsafe.Pointer(&key), h.seed)
	tab := h.tableFor(hash)
	size := uintptr(t.slotsize)
	gsize := 8 + groupSlots*size
	mask := tab.capacity/groupSlots - 1
	g := (hash >> 7) & mask
	h2s := lsbs * uint64(hash&0x7f)
	for step := uintptr(1); ; step++ {
		grp := unsafe.Add(tab.groups, g*gsize)
		ctrl := *(*uint64)(grp)
		x := ctrl ^ h2s
		for m := (x - lsbs) &^ x & msbs; m != 0; m &= m - 1 {
			slot := unsafe.Add(grp, 8+uintptr(((m&-m)>>7)*0x0001020304050607>>56)*size)
			if *(*uint64)(slot) == key {
				return unsafe.Add(slot, uintptr(t.elemoff)), true
			}
		}
		if ctrl&^(ctrl<<6)&msbs != 0 { // matchEmpty
			return unsafe.Pointer(&zeroVal[0]), false
		}
		g = (g + step) & mask
	}
}

func mapassign_fast64(t *maptype, h *hmap, key uint64) unsafe.Pointer {
	if h == nil {
		panicNilMap()
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map writes")
	}
	h.flags ^= hashWriting
	hash := memhash64(unsafe.Pointer(&key), h.seed)
	var s unsafe.Pointer
	var free *uint8
	if h.dir != nil {
		s, free = find64(t, h, key, hash)
	}
	if s == nil {
		s = insertNew(t, h, hash, free)
		*(*uint64)(s) = key
	}
	h.flags &^= hashWriting
	return unsafe.Add(s, uintptr(t.elemoff))
}

func mapdelete_fast64(t *maptype, h *hmap, key uint64) {
	if h == nil || h.count == 0 {
		return
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map writes")
	}
	// find64's probe loop, written out as in mapaccess2_fast64, keeping the table for
	// removeSlot: two calls less per delete.
	hash := memhash64(unsafe.Pointer(&key), h.seed)
	tab := h.tableFor(hash)
	size := uintptr(t.slotsize)
	gsize := 8 + groupSlots*size
	mask := tab.capacity/groupSlots - 1
	g := (hash >> 7) & mask
	h2s := lsbs * uint64(hash&0x7f)
	for step := uintptr(1); ; step++ {
		grp := unsafe.Add(tab.groups, g*gsize)
		ctrl := *(*uint64)(grp)
		x := ctrl ^ h2s
		for m := (x - lsbs) &^ x & msbs; m != 0; m &= m - 1 {
			i := uintptr(((m & -m) >> 7) * 0x0001020304050607 >> 56)
			slot := unsafe.Add(grp, 8+i*size)
			if *(*uint64)(slot) == key {
				removeSlot(t, h, tab, slot, (*uint8)(unsafe.Add(grp, i)))
				return
			}
		}
		if ctrl&^(ctrl<<6)&msbs != 0 { // matchEmpty
			return
		}
		g = (g + step) & mask
	}
}

// ---- String keys ----

// findstr compares lengths, then data pointers, then bytes.
func findstr(t *maptype, h *hmap, key string, hash uintptr) (unsafe.Pointer, *uint8) {
	tab := h.tableFor(hash)
	size := uintptr(t.slotsize)
	gsize := 8 + groupSlots*size
	mask := tab.capacity/groupSlots - 1
	g := (hash >> 7) & mask
	h2s := lsbs * uint64(hash&0x7f) // matchH2's operand, written out below with lowestSlot
	data := (*stringStruct)(unsafe.Pointer(&key)).str
	for step := uintptr(1); ; step++ {
		grp := unsafe.Add(tab.groups, g*gsize)
		ctrl := *(*uint64)(grp)
		x := ctrl ^ h2s
		for m := (x - lsbs) &^ x & msbs; m != 0; m &= m - 1 {
			i := uintptr(((m & -m) >> 7) * 0x0001020304050607 >> 56)
			slot := unsafe.Add(grp, 8+i*size)
			k := (*stringStruct)(slot)
			if k.len == len(key) && (k.str == data || *(*string)(slot) == key) {
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

func mapaccess2_faststr(t *maptype, h *hmap, key string) (unsafe.Pointer, bool) {
	if h == nil || h.count == 0 {
		return unsafe.Pointer(&zeroVal[0]), false
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map read and map write")
	}
	// findstr's probe loop, written out: a call less on the hottest path.
	hash := strhash(unsafe.Pointer(&key), h.seed)
	tab := h.tableFor(hash)
	size := uintptr(t.slotsize)
	gsize := 8 + groupSlots*size
	mask := tab.capacity/groupSlots - 1
	g := (hash >> 7) & mask
	h2s := lsbs * uint64(hash&0x7f)
	data := (*stringStruct)(unsafe.Pointer(&key)).str
	for step := uintptr(1); ; step++ {
		grp := unsafe.Add(tab.groups, g*gsize)
		ctrl := *(*uint64)(grp)
		x := ctrl ^ h2s
		for m := (x - lsbs) &^ x & msbs; m != 0; m &= m - 1 {
			slot := unsafe.Add(grp, 8+uintptr(((m&-m)>>7)*0x0001020304050607>>56)*size)
			k := (*stringStruct)(slot)
			if k.len == len(key) && (k.str == data || *(*string)(slot) == key) {
				return unsafe.Add(slot, uintptr(t.elemoff)), true
			}
		}
		if ctrl&^(ctrl<<6)&msbs != 0 { // matchEmpty
			return unsafe.Pointer(&zeroVal[0]), false
		}
		g = (g + step) & mask
	}
}

func mapassign_faststr(t *maptype, h *hmap, key string) unsafe.Pointer {
	if h == nil {
		panicNilMap()
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map writes")
	}
	h.flags ^= hashWriting
	hash := strhash(unsafe.Pointer(&key), h.seed)
	var s unsafe.Pointer
	var free *uint8
	if h.dir != nil {
		s, free = findstr(t, h, key, hash)
	}
	if s == nil {
		s = insertNew(t, h, hash, free)
	}
	// An existing key is overwritten too, as Go's mapassign_faststr does: the old key's
	// bytes may then be freed (fixedbugs/issue45045.go watches them with a finalizer).
	*(*string)(s) = key
	h.flags &^= hashWriting
	return unsafe.Add(s, uintptr(t.elemoff))
}

func mapdelete_faststr(t *maptype, h *hmap, key string) {
	if h == nil || h.count == 0 {
		return
	}
	if h.flags&hashWriting != 0 {
		fatal("concurrent map writes")
	}
	hash := strhash(unsafe.Pointer(&key), h.seed)
	if s, ctrl := findstr(t, h, key, hash); s != nil {
		removeSlot(t, h, h.tableFor(hash), s, ctrl)
	}
}
