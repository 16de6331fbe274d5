// Stopping the world: every goroutine but the caller stops where the scheduler can stop
// it, so that the caller may read every goroutine's stack (runtime.Stack with all, and a
// collector's roots later). Go: runtime/proc.go stopTheWorldWithSema, startTheWorldWithSema.
//
// stopTheWorld sets sched.gcwaiting and counts the Ps to stop (every P that is not dead).
// It stops itself those it can at once: its own, the idle ones and those whose M is in a
// system call (their Ms, on return, find no P and park); every other P is held by an M
// running a goroutine, which is asked to yield by the preemption signal (preempt.go yields
// whenever gcwaiting is set) and stops its P the next time it schedules (findRunnable
// calls gcstopm), as does an M about to give its P back, hand it off or retire it. The last
// P to stop wakes the caller; until then the caller sends the signals again every 100 us,
// for goroutines that were in the runtime's own code. startTheWorld makes the stopped Ps
// idle again and starts Ms for those with goroutines queued.
//
// The caller holds its M (m.locks) throughout, so that it is neither preempted nor made to
// stop itself; meanwhile it must not block (a system call through entersyscall or a park
// would leave no P to run anything).

package runtime

import "unsafe"

// worldsema is held by the goroutine that stops the world, from before it stops it to
// after it starts it again: a second one waits, parked, so its P can stop. Go: worldsema.
var worldsema uint32 = 1

// stopTheWorld stops every P but the caller's. Go: runtime/proc.go stopTheWorld and
// stopTheWorldWithSema.
func stopTheWorld() {
	semacquire1(&worldsema, false)
	stopTheWorldHeld()
}

// stopTheWorldHeld is stopTheWorld for a caller that holds worldsema already.
func stopTheWorldHeld() {
	mp := getg().m
	mp.locks++
	lock(&sched.lock)
	if sched.gcwaiting != 0 {
		throw("stopTheWorld: world already stopping")
	}
	sched.stopwait = 0
	for _, pp := range allps() {
		if atomicload(&pp.status) != _Pdead {
			sched.stopwait++
		}
	}
	atomicstore(&sched.gcwaiting, 1)
	sched.stopwait-- // the caller's own P
	for _, pp := range allps() {
		if pp != mp.p && atomiccas(&pp.status, _Psyscall, _Pgcstop) {
			sched.stopwait--
		}
	}
	for {
		pp := pidleget()
		if pp == nil {
			break
		}
		atomicstore(&pp.status, _Pgcstop)
		sched.stopwait--
	}
	wait := sched.stopwait > 0
	unlock(&sched.lock)
	if !wait {
		return
	}
	if atomiccas(&preemptHandler, 0, 1) {
		setsig(sigPreempt, sigtrampPC())
	}
	for {
		preemptall()
		if notetsleep(&sched.stopnote, nanotime()+100*1000) {
			noteclear(&sched.stopnote)
			return
		}
	}
}

// preemptall sends the preemption signal to every M that runs a goroutine with a P, but
// the caller's. Go: runtime/proc.go preemptall.
func preemptall() {
	me := getg().m
	for _, pp := range allps() {
		mp := pp.m
		if atomicload(&pp.status) != _Prunning || mp == nil || mp == me || mp.curg == nil {
			continue
		}
		tgkill(int32(m0.procid), int32(mp.procid), sigPreempt)
	}
}

// stopped counts a P as stopped, waking the M that stops the world if it was the last.
// sched.lock must be held.
func stopped() {
	sched.stopwait--
	if sched.stopwait == 0 {
		notewakeup(&sched.stopnote)
	}
}

// gcstopm stops the current M's P for stopTheWorld and parks the M until startm gives it
// a P again. Go: runtime/proc.go gcstopm.
func gcstopm() {
	mp := getg().m
	if mp.spinning {
		mp.spinning = false
		if int32(atomicxadd(&sched.nmspinning, -1)) < 0 {
			throw("gcstopm: negative nmspinning")
		}
	}
	pp := releasep()
	lock(&sched.lock)
	atomicstore(&pp.status, _Pgcstop)
	stopped()
	unlock(&sched.lock)
	stopm()
}

// startTheWorld ends stopTheWorld: the stopped Ps are idle again, and each with goroutines
// queued gets an M. Go: runtime/proc.go startTheWorldWithSema.
func startTheWorld() {
	startTheWorldInPlace()
	if gp := getg(); gp.preempt {
		// Preemption was asked for while the world was stopped: yield now, or a caller
		// that stops the world again and again would keep the goroutines queued on its
		// P from ever running.
		Gosched()
	}
}

// startTheWorldInPlace is startTheWorld without the yield: the caller goes on on its M
// and P, which a collection started inside the runtime's own code needs (mgc.go).
func startTheWorldInPlace() {
	mp := getg().m
	lock(&sched.lock)
	atomicstore(&sched.gcwaiting, 0)
	var busy *p // the Ps with work, linked through p.link
	for _, pp := range allps() {
		if atomicload(&pp.status) != _Pgcstop {
			continue
		}
		atomicstore(&pp.status, _Pidle)
		if runqempty(pp) {
			pidleput(pp)
		} else {
			pp.link = busy
			busy = pp
		}
	}
	queued := sched.runq.n != 0 // read under the lock held here (see below)
	unlock(&sched.lock)
	for busy != nil {
		pp := busy
		busy = pp.link
		pp.link = nil
		startm(pp, false)
	}
	// Goroutines queued globally or behind the caller, and timers due, need Ms too. (Go
	// wakes a spinning M whatever is queued, which parks again when it finds nothing; with
	// nothing queued tbuild starts none: the first ReadMemStats of a one-goroutine program
	// would make a new M there, whose allocations go's programs, which have idle Ms by
	// then, do not see in their counts.)
	if queued || mp.p != nil && !runqempty(mp.p) {
		wakep()
	}
	if earliestTimer() != 0 && atomicload(&sched.timerSleeping) == 0 {
		startm(nil, false)
	}
	mp.locks--
	semrelease1(&worldsema, false)
}

// Stack formats a traceback of the calling goroutine into buf, as a panic's report prints
// it, and returns the number of bytes written; with all, the tracebacks of every other
// goroutine follow, the world stopped meanwhile. Go: runtime/mprof.go Stack.
func Stack(buf []byte, all bool) int {
	gp := getg()
	fp := getfp()
	if all {
		stopTheWorld()
	}
	n := 0
	if len(buf) > 0 {
		mp := gp.m
		// Level 1, whatever GOTRACEBACK says: it is about crash reports.
		mp.traceback = 1
		gp.writebuf = buf[0:0:len(buf)]
		goroutineheader(gp)
		traceback1(callerpc(fp), *(*uintptr)(unsafe.Pointer(fp)), 1, gp)
		if all {
			tracebackothers(gp)
		}
		mp.traceback = 0
		n = len(gp.writebuf)
		gp.writebuf = nil
	}
	if all {
		startTheWorld()
	}
	return n
}
