// Ps, their run queues, and the Ms that run them.
//
// A P's local run queue is a ring of localRunqSize goroutines (runtime2.go p) plus runnext.
// Only the P's own M adds to it, at the tail; any M takes from its head with a
// compare-and-swap, so an idle M steals half of a busy P's queue without a lock (runqsteal).
// A full queue sends half of itself to the global queue (runqputslow), which sched.lock
// guards. The idle Ps wait on sched.pidle and the idle Ms on sched.midle, both under
// sched.lock. wakep makes sure that when there is work and an idle P, one M is spinning:
// looking for work with a P in hand, so that a goroutine made or woken on a busy P soon
// runs on an idle one; startm gives the P to an idle M or to a new thread (newm). Go:
// runtime/proc.go, whose algorithms (the ring, its stealing, the spinning rules) these are.

package runtime

import "unsafe"

// A pSet is the list of Ps at one moment: GOMAXPROCS may grow it, and Ms that steal read it
// without a lock, so a grown list is a new pSet, published with one pointer store.
type pSet struct {
	ps []*p
}

var allpSet unsafe.Pointer // *pSet

// allps returns the Ps made so far (live or retired).
func allps() []*p {
	set := (*pSet)(atomicloadp(unsafe.Pointer(&allpSet)))
	if set == nil {
		return nil
	}
	return set.ps
}

// Signed views of the atomic operations, for the runtime's int32 and int64 words.
func atomicloadInt32(p *int32) int32 {
	return int32(atomicload((*uint32)(unsafe.Pointer(p))))
}

func atomicloadInt64(p *int64) int64 {
	return int64(atomicload64((*uint64)(unsafe.Pointer(p))))
}

func atomicstoreInt64(p *int64, v int64) {
	atomicstore64((*uint64)(unsafe.Pointer(p)), uint64(v))
}

// size returns how many goroutines q holds, read without its lock (a hint).
func (q *gQueue) size() int32 {
	return atomicloadInt32(&q.n)
}

// pushBack links gp after the last goroutine of q.
func (q *gQueue) pushBack(gp *g) {
	gp.schedlink = nil
	if last := q.tail; last != nil {
		last.schedlink = gp
	} else {
		q.head = gp
	}
	q.tail = gp
	atomicstore((*uint32)(unsafe.Pointer(&q.n)), uint32(q.n+1))
}

// popFront unlinks and returns the first goroutine of q, or nil if q is empty.
func (q *gQueue) popFront() *g {
	first := q.head
	if first == nil {
		return nil
	}
	if next := first.schedlink; next != nil {
		q.head = next
	} else {
		q.head = nil
		q.tail = nil
	}
	first.schedlink = nil
	atomicstore((*uint32)(unsafe.Pointer(&q.n)), uint32(q.n-1))
	return first
}

// runqput queues gp on pp, which the current M holds: as the next goroutine to run when
// next is set (a new goroutine, or one goready woke), pushing the goroutine that was next
// to the queue's tail, else at the queue's tail. Go: runtime/proc.go runqput.
func runqput(pp *p, gp *g, next bool) {
	if next {
		for {
			old := (*g)(atomicloadp(unsafe.Pointer(&pp.runnext)))
			if atomiccasp(unsafe.Pointer(&pp.runnext), unsafe.Pointer(old), unsafe.Pointer(gp)) {
				if old == nil {
					return
				}
				gp = old
				break
			}
		}
	}
	for {
		h := atomicload(&pp.runqhead) // stealers move it
		t := pp.runqtail
		if t-h < localRunqSize {
			pp.runq[t%localRunqSize] = gp
			atomicstore(&pp.runqtail, t+1) // publishes the slot written above
			return
		}
		if runqputslow(pp, gp, h, t) {
			return
		}
		// A stealer took some meanwhile: there is room now.
	}
}

// runqputslow moves half of pp's full queue, and gp, to the global queue; it reports false
// if a stealer got there first.
func runqputslow(pp *p, gp *g, h, t uint32) bool {
	n := (t - h) / 2
	if n != localRunqSize/2 {
		throw("runqputslow: queue is not full")
	}
	var batch [localRunqSize/2 + 1]*g
	for i := uint32(0); i < n; i++ {
		batch[i] = pp.runq[(h+i)%localRunqSize]
	}
	if !atomiccas(&pp.runqhead, h, h+n) {
		return false
	}
	batch[n] = gp
	lock(&sched.lock)
	for i := uint32(0); i <= n; i++ {
		sched.runq.pushBack(batch[i])
	}
	unlock(&sched.lock)
	return true
}

// runqget takes the next goroutine to run from pp's queues, which the current M holds:
// runnext first (it inherits the time slice), then the ring's head. Go: runtime/proc.go
// runqget.
func runqget(pp *p) (*g, bool) {
	if next := atomicloadp(unsafe.Pointer(&pp.runnext)); next != nil {
		if atomiccasp(unsafe.Pointer(&pp.runnext), next, nil) {
			return (*g)(next), true
		}
	}
	for {
		h := atomicload(&pp.runqhead)
		t := pp.runqtail
		if t == h {
			return nil, false
		}
		gp := pp.runq[h%localRunqSize]
		if atomiccas(&pp.runqhead, h, h+1) {
			return gp, false
		}
	}
}

// runqempty reports whether pp has nothing queued.
func runqempty(pp *p) bool {
	return atomicload(&pp.runqhead) == atomicload(&pp.runqtail) && atomicloadp(unsafe.Pointer(&pp.runnext)) == nil
}

// runqgrab takes half of pp's queue (rounded up) into batch, from batchHead on, and
// returns how many it took. With stealRunNext, an otherwise empty pp gives up its runnext,
// after a short wait if pp is running: its owner is most likely about to run it. Go:
// runtime/proc.go runqgrab.
func runqgrab(pp *p, batch *[localRunqSize]*g, batchHead uint32, stealRunNext bool) uint32 {
	for {
		h := atomicload(&pp.runqhead)
		t := atomicload(&pp.runqtail)
		n := t - h
		n -= n / 2
		if n == 0 {
			if !stealRunNext {
				return 0
			}
			next := atomicloadp(unsafe.Pointer(&pp.runnext))
			if next == nil {
				return 0
			}
			if atomicload(&pp.status) == _Prunning {
				usleep(3)
			}
			if !atomiccasp(unsafe.Pointer(&pp.runnext), next, nil) {
				continue
			}
			batch[batchHead%localRunqSize] = (*g)(next)
			return 1
		}
		if n > localRunqSize/2 {
			continue // h and t were read at different moments: read them again
		}
		for i := uint32(0); i < n; i++ {
			batch[(batchHead+i)%localRunqSize] = pp.runq[(h+i)%localRunqSize]
		}
		if atomiccas(&pp.runqhead, h, h+n) {
			return n
		}
	}
}

// runqsteal moves half of p2's queue into pp's (empty, held by the current M) and returns
// one of the goroutines to run. Go: runtime/proc.go runqsteal.
func runqsteal(pp, p2 *p, stealRunNext bool) *g {
	t := pp.runqtail
	n := runqgrab(p2, &pp.runq, t, stealRunNext)
	if n == 0 {
		return nil
	}
	n--
	gp := pp.runq[(t+n)%localRunqSize]
	if n == 0 {
		return gp
	}
	if h := atomicload(&pp.runqhead); t-h+n >= localRunqSize {
		throw("runqsteal: runq overflow")
	}
	atomicstore(&pp.runqtail, t+n)
	return gp
}

// stealWork looks four times over the other Ps, in a random order, for goroutines to
// steal; the last time it takes a runnext too. Go: runtime/proc.go stealWork.
func stealWork(pp *p) *g {
	const stealTries = 4
	for i := 0; i < stealTries; i++ {
		ps := allps()
		n := uint32(atomicloadInt32(&gomaxprocs))
		if n > uint32(len(ps)) {
			n = uint32(len(ps))
		}
		if n <= 1 {
			return nil
		}
		start := fastrandn(n)
		for j := uint32(0); j < n; j++ {
			p2 := ps[(start+j)%n]
			if p2 == pp {
				continue
			}
			if gp := runqsteal(pp, p2, i == stealTries-1); gp != nil {
				return gp
			}
		}
	}
	return nil
}

// anyRunqNotEmpty reports whether some live P has goroutines queued.
func anyRunqNotEmpty() bool {
	n := int(atomicloadInt32(&gomaxprocs))
	for i, p2 := range allps() {
		if i < n && !runqempty(p2) {
			return true
		}
	}
	return false
}

// globrunqput adds gp at the end of the global run queue. sched.lock must be held.
func globrunqput(gp *g) {
	sched.runq.pushBack(gp)
}

// globrunqget takes goroutines from the global queue, its fair share for one P (at most
// max, if max > 0, and at most half a local queue): the first to return, the rest to pp's
// local queue. sched.lock must be held. Go: runtime/proc.go globrunqget.
func globrunqget(pp *p, max int32) *g {
	qn := sched.runq.n
	if qn == 0 {
		return nil
	}
	n := qn/atomicloadInt32(&gomaxprocs) + 1
	if n > qn {
		n = qn
	}
	if max > 0 && n > max {
		n = max
	}
	if n > localRunqSize/2 {
		n = localRunqSize / 2
	}
	gp := sched.runq.popFront()
	for n--; n > 0; n-- {
		runqput(pp, sched.runq.popFront(), false)
	}
	return gp
}

// pidleput puts pp on the idle list. sched.lock must be held.
func pidleput(pp *p) {
	if !runqempty(pp) {
		throw("pidleput: P has non-empty run queue")
	}
	pp.link = sched.pidle
	sched.pidle = pp
	atomicxadd(&sched.npidle, 1)
}

// pidleget takes a P off the idle list, or returns nil. sched.lock must be held.
func pidleget() *p {
	pp := sched.pidle
	if pp != nil {
		sched.pidle = pp.link
		pp.link = nil
		atomicxadd(&sched.npidle, -1)
	}
	return pp
}

// mput puts mp on the idle list, and checks that some goroutine can still run. sched.lock
// must be held.
func mput(mp *m) {
	mp.schedlink = sched.midle
	sched.midle = mp
	sched.nmidle++
	checkdead()
}

// mget takes an M off the idle list, or returns nil. sched.lock must be held.
func mget() *m {
	mp := sched.midle
	if mp != nil {
		sched.midle = mp.schedlink
		mp.schedlink = nil
		sched.nmidle--
	}
	return mp
}

// acquirep makes pp the current M's P.
func acquirep(pp *p) {
	mp := getg().m
	if mp.p != nil || pp.m != nil || pp.status != _Pidle {
		print("runtime: acquirep: p", pp.id, " status ", pp.status, "\n")
		throw("acquirep: invalid p state")
	}
	mp.p = pp
	pp.m = mp
	atomicstore(&pp.status, _Prunning)
	if atomicload(&sched.sysmonWait) != 0 {
		wakeSysmon() // a P runs again: system calls may block it
	}
}

// releasep unlinks the current M from its P, which becomes idle.
func releasep() *p {
	mp := getg().m
	pp := mp.p
	if pp == nil || pp.m != mp || pp.status != _Prunning {
		throw("releasep: invalid p state")
	}
	mp.p = nil
	pp.m = nil
	atomicstore(&pp.status, _Pidle)
	return pp
}

// retirep gives up the current M's P, which GOMAXPROCS has left out: its queued goroutines
// go to the global queue for the live Ps, and it is dead until GOMAXPROCS grows again. It
// reports false, keeping the P, if GOMAXPROCS has grown past it again meanwhile.
func retirep() bool {
	mp := getg().m
	pp := mp.p
	lock(&sched.lock)
	if pp.id < gomaxprocs {
		unlock(&sched.lock)
		return false
	}
	for {
		gp, _ := runqget(pp)
		if gp == nil {
			break
		}
		globrunqput(gp)
	}
	lock(&sched.gFreeLock)
	for pp.gFree.n > 0 {
		sched.gfree.pushBack(pp.gFree.popFront())
	}
	unlock(&sched.gFreeLock)
	releasep()
	atomicstore(&pp.status, _Pdead)
	if sched.gcwaiting != 0 {
		stopped() // a P being stopped is dead instead (stw.go)
	}
	unlock(&sched.lock)
	if mp.spinning {
		mp.spinning = false
		atomicxadd(&sched.nmspinning, -1)
	}
	wakep()
	return true
}

// wakep starts an M spinning, with an idle P, if there is an idle P and no M spinning
// already (a spinning M finds the work itself, and starts the next one when it does).
// Go: runtime/proc.go wakep.
func wakep() {
	if atomicload(&sched.npidle) == 0 {
		return
	}
	if atomicload(&sched.nmspinning) != 0 || !atomiccas(&sched.nmspinning, 0, 1) {
		return
	}
	startm(nil, true)
}

// resetspinning ends the current M's spinning, as it found work; if it was the last
// spinning M, another starts, for work there may be besides. Go: runtime/proc.go.
func resetspinning() {
	mp := getg().m
	mp.spinning = false
	if int32(atomicxadd(&sched.nmspinning, -1)) < 0 {
		throw("resetspinning: negative nmspinning")
	}
	wakep()
}

// startm gives pp (or an idle P, when pp is nil; if there is none, nothing happens) to an
// idle M, or to a new one, and wakes it. spinning: the caller counted the M in
// sched.nmspinning. Go: runtime/proc.go startm. The caller's M holds m.locks meanwhile,
// as Go's acquirem: a P taken off the idle list is in no list until the M has it, so
// nothing here may start a collection (mgc.go gcTrigger), which would wait for that P to
// stop.
func startm(pp *p, spinning bool) {
	curm := getg().m
	curm.locks++
	startm1(pp, spinning)
	curm.locks--
}

// startm1 is startm's body.
func startm1(pp *p, spinning bool) {
	lock(&sched.lock)
	if pp == nil {
		pp = pidleget()
		if pp == nil {
			unlock(&sched.lock)
			if spinning {
				if int32(atomicxadd(&sched.nmspinning, -1)) < 0 {
					throw("startm: negative nmspinning")
				}
			}
			return
		}
	}
	nmp := mget()
	if nmp == nil {
		id := newmID()
		unlock(&sched.lock)
		newm(pp, spinning, id)
		return
	}
	unlock(&sched.lock)
	if nmp.spinning || nmp.nextp != nil {
		throw("startm: m is spinning or has a p")
	}
	nmp.spinning = spinning
	nmp.nextp = pp
	notewakeup(&nmp.park)
}

// stopm parks the current M, which holds no P, on its note until startm hands it one.
// Go: runtime/proc.go stopm.
func stopm() {
	mp := getg().m
	if mp.locks != 0 || mp.p != nil || mp.spinning {
		throw("stopm: holding locks, a p, or spinning")
	}
	lock(&sched.lock)
	mput(mp)
	unlock(&sched.lock)
	notesleep(&mp.park)
	noteclear(&mp.park)
	acquirep(mp.nextp)
	mp.nextp = nil
}

// g0StackSize is a new M's scheduling stack: a goroutine's slot, mapped as it grows.
const g0StackSize = goroutineStackSize

// newm makes M number id, a thread that will start with pp, spinning as startm says.
// Go: runtime/proc.go newm.
func newm(pp *p, spinning bool, id int64) {
	mp := allocm(id)
	mp.nextp = pp
	mp.spinning = spinning
	newosproc(mp)
}

// allocm makes M number id with its g0, before its thread exists. Go: runtime/proc.go
// allocm.
func allocm(id int64) *m {
	mp := (*m)(mallocRuntime(unsafe.Sizeof(m{})))
	mcommoninit(mp, id)
	mp.g0 = malg(g0StackSize)
	mp.g0.m = mp
	return mp
}

// procresize makes n Ps live: new ones are made and put on the idle list (the caller wakes
// an M for them), and those beyond n are retired, at once when idle, by their M at its next
// schedule when running. sched.lock must be held. Go: runtime/proc.go procresize (which
// stops the world instead).
func procresize(n int32) {
	ps := allps()
	if int(n) > len(ps) {
		grown := make([]*p, n)
		copy(grown, ps)
		for i := len(ps); i < int(n); i++ {
			pp := (*p)(mallocRuntime(unsafe.Sizeof(p{})))
			pp.id = int32(i)
			pp.status = _Pdead
			// Not 0, which would make every pick of a program that has only ever
			// run goroutines inheriting a time slice (runnext) look at the global queue
			// first: Go's own runtime goroutines (sysmon's, the sweeper's) have run
			// before main.main, so its P's tick is past 0 by then.
			pp.schedtick = 1
			pp.mcache = allocmcache()
			grown[i] = pp
		}
		set := (*pSet)(mallocRuntime(unsafe.Sizeof(pSet{})))
		set.ps = grown
		atomicstorep(unsafe.Pointer(&allpSet), unsafe.Pointer(set))
		ps = grown
	}
	atomicstore((*uint32)(unsafe.Pointer(&gomaxprocs)), uint32(n))
	// Idle Ps beyond n leave the idle list.
	var keep *p
	for sched.pidle != nil {
		pp := pidleget()
		if pp.id >= n {
			atomicstore(&pp.status, _Pdead)
			continue
		}
		pp.link = keep
		keep = pp
	}
	for keep != nil {
		pp := keep
		keep = pp.link
		pidleput(pp)
	}
	// Dead Ps below n come back, P0 last: the idle list's head, which m0 takes at
	// start-up.
	for i := n - 1; i >= 0; i-- {
		if pp := ps[i]; atomicload(&pp.status) == _Pdead {
			atomicstore(&pp.status, _Pidle)
			pidleput(pp)
		}
	}
}

// usleep sleeps for us microseconds.
func usleep(us int64) {
	var ts timespec
	ts.tv_sec = us / 1e6
	ts.tv_nsec = us % 1e6 * 1e3
	nanosleep(&ts)
}

// LockOSThread wires the calling goroutine to its current thread: until as many
// UnlockOSThread calls, it runs only on this thread, and the thread runs nothing else. A
// goroutine that exits while wired ends its thread. Go: runtime/proc.go LockOSThread.
func LockOSThread() {
	gp := getg()
	mp := gp.m
	mp.lockedExt++
	if mp.lockedExt == 0 {
		mp.lockedExt--
		panic("LockOSThread nesting overflow")
	}
	gp.lockedm = mp
	mp.lockedg = gp
}

// UnlockOSThread undoes one LockOSThread call; the last one unwires the goroutine.
// Without a LockOSThread it does nothing.
func UnlockOSThread() {
	gp := getg()
	mp := gp.m
	if mp.lockedExt == 0 {
		return
	}
	mp.lockedExt--
	if mp.lockedExt == 0 {
		gp.lockedm = nil
		mp.lockedg = nil
	}
}

// incidlelocked counts v more Ms idle with a locked goroutine, which checkdead does not
// count as running.
func incidlelocked(v int32) {
	lock(&sched.lock)
	sched.nmidlelocked += v
	if v > 0 {
		checkdead()
	}
	unlock(&sched.lock)
}

// stoplockedm parks the current M, whose locked goroutine cannot run, after handing its P
// on, until startlockedm gives it a P with the goroutine runnable. Go: runtime/proc.go.
func stoplockedm() {
	mp := getg().m
	if mp.lockedg == nil || mp.lockedg.lockedm != mp {
		throw("stoplockedm: inconsistent locking")
	}
	if mp.p != nil {
		handoffp(releasep())
	}
	incidlelocked(1)
	notesleep(&mp.park)
	noteclear(&mp.park)
	if s := readgstatus(mp.lockedg); s != _Grunnable {
		print("runtime: stoplockedm: lockedg (goroutine ", mp.lockedg.goid, ") is ", gstatusString(s), "\n")
		throw("stoplockedm: not runnable")
	}
	acquirep(mp.nextp)
	mp.nextp = nil
}

// startlockedm hands the current M's P to the M that gp, just taken from a queue, is wired
// to, wakes it, and parks the current M. Go: runtime/proc.go startlockedm.
func startlockedm(gp *g) {
	mp := getg().m
	lmp := gp.lockedm
	if lmp == mp || lmp.nextp != nil {
		throw("startlockedm: locked to me, or the m has a p")
	}
	incidlelocked(-1)
	lmp.nextp = releasep()
	notewakeup(&lmp.park)
	stopm()
}

// handoffp finds pp, which the current M gives up without looking for work itself, an M
// when it has work (its queue, the global queue, timers with no M waiting for them, or no
// M spinning for the others), else puts it on the idle list. Go: runtime/proc.go handoffp.
func handoffp(pp *p) {
	if atomicload(&sched.gcwaiting) != 0 {
		lock(&sched.lock)
		if sched.gcwaiting != 0 {
			// The world is being stopped (stw.go): the P stops rather than runs.
			atomicstore(&pp.status, _Pgcstop)
			stopped()
			unlock(&sched.lock)
			return
		}
		unlock(&sched.lock)
	}
	if !runqempty(pp) || sched.runq.size() != 0 {
		startm(pp, false)
		return
	}
	if atomicload(&sched.nmspinning)+atomicload(&sched.npidle) == 0 && atomiccas(&sched.nmspinning, 0, 1) {
		startm(pp, true)
		return
	}
	if earliestTimer() != 0 && atomicload(&sched.timerSleeping) == 0 {
		startm(pp, false)
		return
	}
	lock(&sched.lock)
	pidleput(pp)
	unlock(&sched.lock)
}

// mexit ends the current M, whose locked goroutine has exited: its P goes to another M and
// its thread exits. m0, the process's main thread, is parked forever instead (its exit
// would end the process for the kernel's tools). Go: runtime/proc.go mexit.
func mexit() {
	mp := getg().m
	handoffp(releasep())
	if mp.ptimerID != 0 {
		timer_delete(mp.ptimerID - 1)
	}
	lock(&sched.lock)
	sched.nmfreed++
	checkdead()
	unlock(&sched.lock)
	if mp == &m0 {
		for {
			notesleep(&mp.park) // never woken: m0 is on no list
		}
	}
	exitThread()
}
