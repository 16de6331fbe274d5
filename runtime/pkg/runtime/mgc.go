// The garbage collector: mark and sweep, non-moving, with the world stopped.
//
// A collection starts when the heap has grown to its goal (GOGC percent over what the last
// one left live, 4 MiB at least, as Go paces: runtime/mgcpacer.go), when runtime.GC is
// called, or, with GODEBUG=gcstress=N, at every Nth allocation. The goroutine that starts it
// stops the world (stw.go) and, on its own stack:
//  1. takes back every mcache's spans, so that each span is the heap's alone;
//  2. marks what the roots reach: .data and .bss word by word where the linker's pointer
//     bitmaps (runtime.gcdata, runtime.gcbss) say a word holds a pointer, so that
//     .noptrdata and .noptrbss are never read, as Go's markroot reads them; and every
//     goroutine's stack from its saved stack pointer to its top, conservatively: any word
//     that points into an object in use keeps it. Registers are on those stacks by then: a
//     parked goroutine's callee-saved ones were pushed by mcall, a preempted one's by
//     asyncPreempt, a goroutine in a system call's by entersyscall (into g.syscallregs),
//     and the collector's own by gcTriggerSaveRegs;
//  3. scans each reached object that may hold pointers until no grey object is left: the
//     words its type's mask marks (recorded per word as heap bits when it was allocated;
//     every word of a runtime structure, which has no descriptor); noscan objects are
//     marked and never read;
//  4. sets the next goal from the bytes marked, makes every span unswept (mgcsweep.go
//     sweeps them after the world starts again: a span's mark bits become its allocation
//     bits, a span with nothing marked goes back to the free pages) and starts the world.
// The previous collection's sweep is finished before the world stops.
// Why conservative stacks: Cranelift's stack maps would need every pointer value in the
// compiled code declared to it, and tbuild's compiler does not track pointers in its IR
// yet. An interior pointer keeps its whole object (the page map finds the span, the span's
// division the object); a word that only looks like a pointer keeps an object alive that is
// garbage, which costs memory and never correctness. DESIGN.md has the figures.

package runtime

import "unsafe"

// heapMinimum is the goal of the first collection at GOGC=100. Go: runtime/mgcpacer.go
// defaultHeapMinimum.
const heapMinimum = 4 << 20

// minRunway is the least the heap may grow between two collections (see setGoal).
const minRunway = 256 << 10

var (
	// gcPercent is GOGC: the heap may grow this many percent over what the last collection
	// left live before the next one; negative is off. Go: gcController.gcPercent.
	gcPercent int32 = 100

	// gcGoal is the heap size (mheap_.heapLive) at which the next collection starts.
	gcGoal uintptr = heapMinimum

	// GODEBUG: gctrace=1 prints a line per collection; gcstress=N collects at every Nth
	// allocation and fills freed memory with poisonWord.
	debugGctrace  int32
	gcStressEvery uint32
	gcStressCount uint32

	// Figures of the current collection for gctrace.
	gcStackScan   uintptr
	gcGlobalsScan uintptr

	runtimeInitTime int64

	// gcMarked is what the last collection found live (its goal's base).
	gcMarked uintptr
)

// poisonWord fills freed objects under gcstress, so that a program that still reads one
// reads an address that faults.
const poisonWord = 0xdeadbeefdeadbeef

// Addresses the linker defines (asm_amd64.s).
func dataAddr() uintptr
func edataAddr() uintptr
func bssAddr() uintptr
func ebssAddr() uintptr
func gcdataAddr() uintptr
func gcbssAddr() uintptr

// entersyscall: see sysmon.go entersyscall1. In asm_amd64.s.
func entersyscall()

// gcinit reads GOGC and GODEBUG once the environment is known (schedinit). Go:
// runtime/mgc.go gcinit, runtime/mgcpacer.go readGOGC, runtime/runtime1.go parsedebugvars.
func gcinit() {
	runtimeInitTime = nanotime()
	switch s := gogetenv("GOGC"); s {
	case "":
	case "off":
		gcPercent = -1
	default:
		if n, ok := atoi32(s); ok {
			gcPercent = n
		}
	}
	readMemoryLimit()
	setGoal(0)
	d := gogetenv("GODEBUG")
	for d != "" {
		field := d
		for i := 0; i < len(d); i++ {
			if d[i] == ',' {
				field = d[:i]
				break
			}
		}
		if len(field) < len(d) {
			d = d[len(field)+1:]
		} else {
			d = ""
		}
		for i := 0; i < len(field); i++ {
			if field[i] == '=' {
				n, ok := atoi32(field[i+1:])
				if !ok {
					break
				}
				switch field[:i] {
				case "gctrace":
					debugGctrace = n
				case "forcegcperiod":
					if n > 0 {
						forcegcPeriod = int64(n) * 1e6
					}
				case "gcstress":
					if n > 0 {
						gcStressEvery = uint32(n)
					}
				}
				break
			}
		}
	}
}

// atoi32 parses a decimal int32 (Go: runtime/string.go atoi32).
func atoi32(s string) (int32, bool) {
	if s == "" {
		return 0, false
	}
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	n := int64(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' || n > 1<<31 {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	if n != int64(int32(n)) {
		return 0, false
	}
	return int32(n), true
}

// setGoal sets the next collection's goal from the bytes the last one found live.
// Go: runtime/mgcpacer.go (heapGoal = heapMarked * (1 + GOGC/100), at least heapMinimum
// scaled by GOGC/100).
func setGoal(marked uintptr) {
	if gcPercent < 0 {
		gcGoal = ^uintptr(0)
		setTriggerGoal()
		return
	}
	goal := marked + uintptr(uint64(marked)*uint64(gcPercent)/100)
	min := uintptr(uint64(heapMinimum) * uint64(gcPercent) / 100)
	if goal < min {
		goal = min
	}
	// heapLive counts each span an mcache takes whole, so a goal closer than a few spans
	// to what is live would be met by the next refills and collect at nearly every
	// allocation (GOGC=1: fixedbugs/issue22781.go ran 17,000 collections a second).
	if goal < marked+minRunway {
		goal = marked + minRunway
	}
	gcGoal = goal
	setTriggerGoal()
}

// gcTrigger starts a collection from mallocgc, when the calling goroutine may run one: a
// user goroutine holding no runtime lock, not already collecting, with collection on.
// forced (gcstress) skips the goal check.
func gcTrigger(forced bool) {
	gp := getg()
	mp := gp.m
	if gp != mp.curg || mp.locks != 0 || mp.p == nil || gp.gcing || mp.dying != 0 || mp.throwing != 0 {
		return
	}
	if collectionOff() {
		return // off, for gcstress's collections too
	}
	if !forced && mheap_.heapLive < gcGoal && limiterDefers(nanotime()) {
		return // only the memory limit asks, and the CPU limiter says wait (memlimit.go)
	}
	gcTriggerSaveRegs(forced, false)
}

// GC runs a garbage collection and blocks the caller until it is complete, its sweep
// included, as Go's runtime.GC does.
func GC() {
	gcTriggerSaveRegs(true, true)
	finishSweep()
}

// gcTriggerSaveRegs pushes the callee-saved registers on the stack, where the collection
// finds them, and calls gcCollect. In asm_amd64.s.
func gcTriggerSaveRegs(forced bool, user bool)

// gcCollect runs one collection (see the top of the file); sp is where the collecting
// goroutine's stack is scanned from (gcTriggerSaveRegs). A collection that mallocgc starts
// (not user's) runs where the runtime's own code allocated, which may hold its M or P in a
// local across the allocation: so the goroutine must not move to another M meanwhile. It
// takes worldsema only if it is free (else someone else is stopping the world, perhaps to
// collect, and this allocation goes on without) and starts the world without yielding. A
// goroutine that stopped the world finds the goal already met by another's collection and
// returns, unless forced.
func gcCollect(forced bool, user bool, sp uintptr) {
	gp := getg()
	gp.gcing = true
	if user {
		semacquire1(&worldsema, false)
	} else if !semaTryTake(&worldsema) {
		gp.gcing = false
		return
	}
	startGCHelpers()
	if !forced && mheap_.heapLive < gcTriggerGoal {
		// Another goroutine's collection met the goal meanwhile (checked again below
		// with the world stopped): its sweep need not be finished here.
		semrelease1(&worldsema, false)
		gp.gcing = false
		return
	}
	// The last collection's sweep ends first, while the world still runs: marking needs
	// every span swept (its mark bits clear, its allocation bits current).
	finishSweep()
	stopTheWorldHeld()
	if !forced && mheap_.heapLive < gcTriggerGoal {
		startTheWorldInPlace()
		gp.gcing = false
		return
	}
	tStart := nanotime()
	lock(&mcache0Lock)
	lock(&mheap_.lock)
	heap0 := mheap_.heapLive
	for _, pp := range allps() {
		if pp.mcache != nil {
			pp.mcache.release()
		}
	}
	mcache0.release()
	tMark := nanotime()
	gcStackScan = 0
	gcGlobalsScan = 0
	work.helperMarked = 0
	var w gcWork
	markRoots(gp, sp, &w)
	markParallel(&w)
	if queueFinalizers(&w) {
		markParallel(&w)
	}
	tMarkTerm := nanotime()
	marked := w.marked + uintptr(work.helperMarked)
	mheap_.heapLive = marked
	gcMarked = marked
	setGoal(marked)
	cycleProfile()
	memstats.numgc++
	mheap_.startSweep(gp == forcegc.gp)
	if user {
		memstats.numforcedgc++
	}
	unlock(&mheap_.lock)
	unlock(&mcache0Lock)
	tEnd := nanotime()
	pause := uint64(tEnd - tStart)
	memstats.pauseTotalNs += pause
	memstats.pauseNs[(memstats.numgc+255)%256] = pause
	sec, nsec := walltime()
	memstats.pauseEnd[(memstats.numgc+255)%256] = uint64(sec)*1e9 + uint64(nsec)
	memstats.lastGC = memstats.pauseEnd[(memstats.numgc+255)%256]
	procs := int64(gomaxprocs)
	memstats.gcCPUNanos += (tEnd - tStart) * procs
	limiterCharge(tStart, tEnd)
	atomicstoreInt64(&lastGCNanotime, tEnd)
	startTheWorldInPlace()
	if sweeper.gp == nil {
		startSweeper()
		startForcegc()
	}
	gp.gcing = false
	wakefing()
	if debugGctrace > 0 {
		gctraceLine(tStart, tMark, tMarkTerm, tEnd, heap0, marked, user)
	}
}

// markRoots greys what .data, .bss and the goroutines' stacks point to. self is the
// collecting goroutine, whose stack is scanned from selfsp up.
func markRoots(self *g, selfsp uintptr, w *gcWork) {
	scanMasked(dataAddr(), edataAddr(), gcdataAddr(), w)
	scanMasked(bssAddr(), ebssAddr(), gcbssAddr(), w)
	gcGlobalsScan = (edataAddr() - dataAddr()) + (ebssAddr() - bssAddr())
	markFinalizerRoots(w)
	for _, gp := range allgs {
		status := atomicload(&gp.atomicstatus)
		if status == _Gdead || gp.stack.hi == 0 {
			continue
		}
		lo := gp.sched.sp
		if gp == self {
			lo = selfsp
		} else if status == _Grunning {
			print("runtime: goroutine ", gp.goid, " is running with the world stopped\n")
			throw("markRoots: running goroutine")
		}
		if status == _Gsyscall {
			for _, r := range gp.syscallregs {
				greyPointer(r, w)
			}
		}
		if lo == 0 {
			continue // never ran: nothing on its stack yet
		}
		if lo < gp.stack.lo || lo > gp.stack.hi {
			print("runtime: goroutine ", gp.goid, " sp=")
			printhex(uint64(lo))
			print(" stack=[")
			printhex(uint64(gp.stack.lo))
			print(", ")
			printhex(uint64(gp.stack.hi))
			print(")\n")
			throw("markRoots: stack pointer out of range")
		}
		scanConservative(lo, gp.stack.hi, w)
		gcStackScan += gp.stack.hi - lo
	}
}

// scanMasked greys the words of [lo, hi) whose bit is set in mask (bit i of byte i/8 for
// the word at lo+8*i). The mask is read eight bytes at a time: most of .bss is pointer-free
// tables.
func scanMasked(lo, hi uintptr, mask uintptr, w *gcWork) {
	nwords := (hi - lo) / 8
	for i := uintptr(0); i < nwords; i += 64 {
		var bits uint64
		if i+64 <= nwords {
			bits = *(*uint64)(unsafe.Pointer(mask + i/8))
		} else {
			for k := uintptr(0); i+k*8 < nwords; k++ {
				bits |= uint64(*(*uint8)(unsafe.Pointer(mask + i/8 + k))) << (8 * k)
			}
		}
		for bits != 0 {
			j := ctz64(bits)
			bits &= bits - 1
			if i+j < nwords {
				greyPointer(*(*uintptr)(unsafe.Pointer(lo + (i+j)*8)), w)
			}
		}
	}
}

// scanConservative greys every word of [lo, hi) that points into the heap.
func scanConservative(lo, hi uintptr, w *gcWork) {
	arenaHi := mheap_.arenaHi
	for a := alignUp(lo, 8); a+8 <= hi; a += 8 {
		v := *(*uintptr)(unsafe.Pointer(a))
		if v >= heapArenaStart && v < arenaHi {
			greyPointer(v, w)
		}
	}
}

// greyPointer marks the object p points into, if p points into an object in use, and
// puts it on w's buffer if it may hold pointers and this worker marked it first.
func greyPointer(p uintptr, w *gcWork) {
	if p < heapArenaStart || p >= mheap_.arenaHi {
		return
	}
	// spanOfPage, written out: this runs for every pointer the collector follows.
	ha := mheap_.arenas[(p-heapArenaStart)/heapArenaBytes]
	if ha == 0 {
		return
	}
	s := (*heapArena)(unsafe.Pointer(ha)).spans[(p/_PageSize)%pagesPerArena]
	if s == nil || s.state != mSpanInUse || p < s.base || p >= s.limit {
		return
	}
	idx := uintptr(0)
	if !s.large {
		idx = uintptr((uint64(p-s.base) * uint64(s.divMul)) >> 32)
	}
	wd, bit := idx/64, uint64(1)<<(idx%64)
	if idx >= s.freeindex && s.allocBits[wd]&bit == 0 {
		return // a free slot
	}
	// Set the mark bit; another worker may be setting one of the same word, unless this is
	// the only worker.
	mw := &s.markBits[wd]
	if work.nproc == 1 {
		if *mw&bit != 0 {
			return
		}
		*mw |= bit
	} else {
		for {
			old := atomicload64(mw)
			if old&bit != 0 {
				return
			}
			if atomiccas64(mw, old, old|bit) {
				break
			}
		}
	}
	w.marked += s.elemsize
	if s.noscan {
		return
	}
	w.push(s.base + idx*s.elemsize)
}

// push puts the grey object (or oblet) at p on w's buffer.
func (w *gcWork) push(p uintptr) {
	b := w.buf
	if b == nil || b.n == gcBufLen {
		if b != nil {
			putFull(b)
		}
		b = getEmpty()
		w.buf = b
	}
	b.obj[b.n] = p
	b.n++
}

// Grey objects wait in buffers: each worker fills and empties one of its own, and hands
// full ones to the others through work.full (Go: runtime/mgcwork.go, whose gcWork keeps two
// buffers per worker; one is enough here).
const gcBufLen = (4<<10)/8 - 2

type gcBuf struct {
	next *gcBuf
	n    uintptr
	obj  [gcBufLen]uintptr
}

// gcWork is one marking worker's state: its buffer, and the bytes of the objects it
// marked (the collector adds them up: the bytes live, which sets the next goal).
type gcWork struct {
	buf    *gcBuf
	marked uintptr
}

// work is what the marking workers share. Go: runtime/mgc.go work.
var work struct {
	lock  mutex
	full  *gcBuf // buffers of grey objects for any worker (under lock)
	nfull uint32 // their number (atomic, read without the lock)
	empty *gcBuf // empty buffers (under lock)

	nproc uint32 // workers marking this cycle, the collecting goroutine's M included
	nwait uint32 // workers that found no work (atomic)

	helperMarked uint64 // bytes the helpers marked this cycle (atomic)

	// The helper Ms (GOMAXPROCS-1 of them, made when a collection first wants them):
	// each sleeps on its m.park until a collection wakes it, marks, counts itself in
	// ndone, and the last one wakes the collector on done.
	helpers  [maxGCHelpers]*m
	nhelpers uint32
	nwoken   uint32
	ndone    uint32
	done     note
}

// The most helper Ms marking with the collector.
const maxGCHelpers = 31

// parallelMarkMin is the heap below which the collector marks alone: under it (the first
// goal at GOGC=100) a collection is over before a woken helper would get going. From it
// the helpers pay: binarytrees (15 MB live, one collection every 20 ms) marks in 10 ms with
// one helper where it took 18 alone, and runs in 1.9 s instead of 2.35.
const parallelMarkMin = 4 << 20

// putFull hands the buffer b to the other workers.
func putFull(b *gcBuf) {
	lock(&work.lock)
	b.next = work.full
	work.full = b
	atomicxadd(&work.nfull, 1)
	unlock(&work.lock)
}

// getEmpty returns an empty buffer: a used one, or fresh memory outside the heap.
func getEmpty() *gcBuf {
	lock(&work.lock)
	b := work.empty
	if b != nil {
		work.empty = b.next
	}
	unlock(&work.lock)
	if b == nil {
		b = (*gcBuf)(sysAlloc(unsafe.Sizeof(gcBuf{})))
	}
	b.next = nil
	b.n = 0
	return b
}

// putEmpty returns an emptied buffer for reuse.
func putEmpty(b *gcBuf) {
	lock(&work.lock)
	b.next = work.empty
	work.empty = b
	unlock(&work.lock)
}

// getFull returns a buffer of grey objects, waiting while other workers may still make
// some, or nil when marking is done: every worker is waiting and no buffer is left
// (Go: runtime/mgcwork.go getfull, the same termination rule).
func getFull() *gcBuf {
	if b := tryGetFull(); b != nil {
		return b
	}
	atomicxadd(&work.nwait, 1)
	for i := 0; ; i++ {
		if atomicload(&work.nfull) != 0 {
			atomicxadd(&work.nwait, -1)
			if b := tryGetFull(); b != nil {
				return b
			}
			atomicxadd(&work.nwait, 1)
		}
		if atomicload(&work.nwait) == work.nproc {
			return nil
		}
		// Spin a little, then yield, then sleep: a waiting helper must not keep the CPU
		// from the worker that has the work (GOMAXPROCS may exceed the cores).
		if i < 10 {
			procyield(20)
		} else if i < 50 {
			osyield()
		} else {
			usleep(20)
		}
	}
}

// tryGetFull takes a buffer off work.full, or returns nil.
func tryGetFull() *gcBuf {
	if atomicload(&work.nfull) == 0 {
		return nil
	}
	lock(&work.lock)
	b := work.full
	if b != nil {
		work.full = b.next
		atomicxadd(&work.nfull, -1)
	}
	unlock(&work.lock)
	return b
}

// startGCHelpers makes the helper Ms this collection wants that do not exist yet: one per
// P but the collector's, at most maxGCHelpers. It runs before the world stops (making an
// M allocates); they count as system Ms, as sysmon's, for the deadlock check.
func startGCHelpers() {
	want := uint32(gomaxprocs) - 1
	if want > maxGCHelpers {
		want = maxGCHelpers
	}
	for work.nhelpers < want {
		lock(&sched.lock)
		id := newmID()
		sched.nmsys++
		unlock(&sched.lock)
		mp := allocm(id)
		mp.gcworker = true
		work.helpers[work.nhelpers] = mp
		work.nhelpers++
		newosproc(mp)
	}
}

// gcHelper is the body of a helper M (mstart1 calls it); it does not return. It marks on
// its g0 stack and never allocates.
func gcHelper() {
	mp := getg().m
	for {
		notesleep(&mp.park)
		noteclear(&mp.park)
		var w gcWork
		gcDrain(&w)
		atomicxadd64(&work.helperMarked, int64(w.marked))
		if atomicxadd(&work.ndone, 1) == work.nwoken {
			notewakeup(&work.done)
		}
	}
}

// markParallel drains the grey objects of w (the roots) with the helpers: w's buffer goes
// to work.full, the helpers are woken, and the collector drains with them until none has
// work, then waits until every woken helper has stopped.
func markParallel(w *gcWork) {
	helpers := work.nhelpers
	if lim := uint32(gomaxprocs) - 1; helpers > lim {
		helpers = lim
	}
	if mheap_.heapLive < parallelMarkMin && gcStressEvery == 0 {
		// (gcstress marks in parallel at any size, so that its runs test the helpers.)
		helpers = 0
	}
	work.nproc = helpers + 1
	work.nwait = 0
	work.ndone = 0
	work.nwoken = helpers
	if w.buf != nil && w.buf.n > 0 {
		putFull(w.buf)
		w.buf = nil
	}
	for i := uint32(0); i < helpers; i++ {
		notewakeup(&work.helpers[i].park)
	}
	gcDrain(w)
	if helpers > 0 {
		// notesleep is for g0; the collector runs on its goroutine's stack.
		for !notetsleep(&work.done, nanotime()+1e6) {
		}
		noteclear(&work.done)
	}
}

// markFIFOLen is how many grey objects wait, their first cache line asked for, between a
// worker's buffer and being scanned.
const markFIFOLen = 8

// gcDrain scans grey objects until no worker has any left. Scanning an object is mostly
// waiting for its memory: so objects pass through a small FIFO on their way from the
// buffer, prefetched as they enter it, and the wait for one overlaps the scanning of the
// ones before it (the prefetch FIFO of Cher, Hosking and Vijaykumar, "Software Prefetching
// for Mark-Sweep Garbage Collection", ASPLOS 2004). A worker with grey objects to spare
// while others wait for work hands half of them over (share).
func gcDrain(w *gcWork) {
	var fifo [markFIFOLen]uintptr
	head, n := 0, 0
	for {
		for n < markFIFOLen {
			b := w.buf
			if b == nil || b.n == 0 {
				if n > 0 {
					break
				}
				if b != nil {
					putEmpty(b)
				}
				b = getFull()
				w.buf = b
				if b == nil {
					return
				}
			}
			b.n--
			obj := b.obj[b.n]
			prefetch(obj)
			fifo[(head+n)%markFIFOLen] = obj
			n++
		}
		obj := fifo[head]
		head = (head + 1) % markFIFOLen
		n--
		ha := (*heapArena)(unsafe.Pointer(mheap_.arenas[(obj-heapArenaStart)/heapArenaBytes]))
		s := ha.spans[(obj/_PageSize)%pagesPerArena]
		if s.large {
			scanLarge(obj, s, w)
		} else {
			scanObject(obj, s, w)
		}
		if b := w.buf; b != nil && b.n >= 2 && work.nproc > 1 && atomicload(&work.nfull) == 0 &&
			atomicload(&work.nwait) > 0 {
			w.share()
		}
	}
}

// share hands the older half of w's buffer to the waiting workers. A depth-first mark
// keeps few grey objects (a tree's takes about its depth), so a whole buffer would rarely be
// there to give; the oldest entries are the nearest to the roots, the most work behind them.
func (w *gcWork) share() {
	b := w.buf
	h := b.n / 2
	nb := getEmpty()
	nb.n = uintptr(copy(nb.obj[:], b.obj[:h]))
	b.n = uintptr(copy(b.obj[:], b.obj[h:b.n]))
	putFull(nb)
}

// prefetch asks for the cache line at addr. In asm_amd64.s.
func prefetch(addr uintptr)

// scanObject greys what the words of the small object obj that its heap bits mark point
// to.
func scanObject(obj uintptr, s *mspan, w *gcWork) {
	arenaHi := mheap_.arenaHi
	w0 := (obj - s.base) / 8
	nw := s.elemsize / 8
	for i := uintptr(0); i < nw; {
		wi := w0 + i
		bits := *(*uint64)(unsafe.Pointer(s.heapBits + wi/64*8)) >> (wi % 64)
		k := 64 - wi%64
		if k > nw-i {
			k = nw - i
			bits &= uint64(1)<<k - 1
		}
		for j := uintptr(0); bits != 0; j++ {
			if bits&1 != 0 {
				// Nil and other non-heap words are common (a leaf's children): they are
				// passed over here, without a call.
				if v := *(*uintptr)(unsafe.Pointer(obj + (i+j)*8)); v >= heapArenaStart && v < arenaHi {
					greyPointer(v, w)
				}
			}
			bits >>= 1
		}
		i += k
	}
}

// obletSize is the part of a big object one worker scans at a time: the first scan of
// it queues the rest, so that the workers share it. Go: runtime/mgcmark.go maxObletBytes.
const obletSize = 128 << 10

// scanLarge greys what the part of a big object from obj (its start or one of its oblets)
// points to: the words its type's mask marks, repeated for each element, or every word
// when it has no type (a runtime structure).
func scanLarge(obj uintptr, s *mspan, w *gcWork) {
	end := s.base + s.largeSize
	if obj == s.base && s.largeSize > obletSize {
		for o := s.base + obletSize; o < end; o += obletSize {
			w.push(o)
		}
	}
	hi := obj + obletSize
	if hi > end {
		hi = end
	}
	t := s.largeType
	if t == nil {
		scanConservative(obj, hi, w)
		return
	}
	pw := t.ptrdata / 8
	for e := s.base + (obj-s.base)/t.size*t.size; e < hi; e += t.size {
		for i := uintptr(0); i < pw; i += 8 {
			b := *(*uint8)(unsafe.Add(unsafe.Pointer(t.gcdata), i/8))
			for b != 0 {
				j := ctz64(uint64(b))
				b &= b - 1
				if a := e + (i+j)*8; a >= obj && a < hi {
					greyPointer(*(*uintptr)(unsafe.Pointer(a)), w)
				}
			}
		}
	}
}

// poisonFreed poisons the objects of s that this collection frees: in use before (below
// freeindex, or allocated) and not marked. Slots free before were poisoned when they were
// freed and have not been handed out since.
func poisonFreed(s *mspan) {
	if s.large {
		if s.markBits[0]&1 == 0 {
			poison(s.base, s.largeSize)
		}
		return
	}
	for i := uintptr(0); i < s.nelems; i++ {
		w, bit := i/64, uint64(1)<<(i%64)
		if (i < s.freeindex || s.allocBits[w]&bit != 0) && s.markBits[w]&bit == 0 {
			poison(s.base+i*s.elemsize, s.elemsize)
		}
	}
}

// poison fills [p, p+n) with poisonWord.
func poison(p, n uintptr) {
	for a := p; a+8 <= p+n; a += 8 {
		*(*uint64)(unsafe.Pointer(a)) = poisonWord
	}
}

// popcount64 returns the number of bits set in x.
func popcount64(x uint64) uint64 {
	x = x - ((x >> 1) & 0x5555555555555555)
	x = (x & 0x3333333333333333) + ((x >> 2) & 0x3333333333333333)
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0f
	return (x * 0x0101010101010101) >> 56
}

// gctraceLine prints GODEBUG=gctrace=1's line in Go 1.19's format (runtime/mgc.go
// gcMarkTermination): the phases' wall-clock and CPU times, the heap at the start, at the
// end of marking and live after it, the goal, the stacks and globals scanned, and the Ps.
// The world is stopped for all three phases here; the CPU figures count the stopped Ps as
// Go's do for its stopped phases, and marking as one dedicated worker.
func gctraceLine(tStart, tMark, tMarkTerm, tEnd int64, heap0, marked uintptr, user bool) {
	procs := int64(gomaxprocs)
	elapsed := tEnd - runtimeInitTime
	util := uint64(0)
	if elapsed > 0 {
		util = uint64(memstats.gcCPUNanos * 100 / (elapsed * procs))
	}
	print("gc ", memstats.numgc, " @")
	printDecimal(uint64(tStart-runtimeInitTime)/1e6, 3)
	print("s ", util, "%: ")
	printMS(tMark - tStart)
	print("+")
	printMS(tMarkTerm - tMark)
	print("+")
	printMS(tEnd - tMarkTerm)
	print(" ms clock, ")
	printMS((tMark - tStart) * procs)
	print("+0/")
	printMS(tMarkTerm - tMark)
	print("/0+")
	printMS((tEnd - tMarkTerm) * procs)
	print(" ms cpu, ", heap0>>20, "->", heap0>>20, "->", marked>>20, " MB, ", gcTriggerGoal>>20, " MB goal, ",
		gcStackScan>>20, " MB stacks, ", gcGlobalsScan>>20, " MB globals, ", procs, " P")
	if user {
		print(" (forced)")
	}
	print("\n")
}

// printMS prints ns in milliseconds as Go's gctrace does (runtime/mgc.go fmtNSAsMS): whole
// milliseconds from 10 ms up, else two significant digits with at most three decimals.
func printMS(ns int64) {
	if ns < 0 {
		ns = 0
	}
	if ns >= 10e6 {
		print(ns / 1e6)
		return
	}
	x := uint64(ns) / 1e3
	if x == 0 {
		print("0")
		return
	}
	dec := 3
	for x >= 100 {
		x /= 10
		dec--
	}
	printDecimal(x, dec)
}

// printDecimal prints v / 10^dec with dec decimals (Go: runtime/mgc.go itoaDiv).
func printDecimal(v uint64, dec int) {
	var buf [24]byte
	i := len(buf) - 1
	for v >= 10 || dec > 0 {
		buf[i] = byte(v%10) + '0'
		i--
		v /= 10
		if dec--; dec == 0 {
			buf[i] = '.'
			i--
		}
	}
	buf[i] = byte(v) + '0'
	printraw(unsafe.Pointer(&buf[i]), len(buf)-i)
}

// debug_setGCPercent is runtime/debug.SetGCPercent: GOGC's setting from now on, the goal
// recomputed from what the last collection left live. Go: runtime/mgcpacer.go
// setGCPercent.
func debug_setGCPercent(percent int32) int32 {
	lock(&mheap_.lock)
	prev := gcPercent
	if percent < 0 {
		percent = -1
	}
	gcPercent = percent
	setGoal(gcMarked)
	unlock(&mheap_.lock)
	return prev
}

// debug_freeOSMemory is runtime/debug.FreeOSMemory: a collection, then every free run
// (however short, however recently freed) given back to the OS. Go: runtime/mheap.go
// runtime_debug_freeOSMemory.
func debug_freeOSMemory() {
	GC()
	lock(&mheap_.lock)
	mheap_.scavengeAll()
	unlock(&mheap_.lock)
}
