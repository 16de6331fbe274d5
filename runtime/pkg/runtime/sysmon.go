// System calls that may block, and sysmon, the M that takes their Ps away.
//
// A goroutine about to make a system call that may block (a write to a pipe, a read of a
// terminal) calls entersyscall: its M lets go of its P, which stays _Psyscall, and
// remembers it in m.oldp. If the call returns soon, exitsyscall takes the same P back
// with one compare-and-swap. If it blocks, sysmon, an M with no P of its own that wakes
// every 20 us to 10 ms (longer the longer nothing happens), sees the P in the same system
// call two rounds running and hands it to another M (handoffp), so that the other
// goroutines run on. The goroutine then leaves its call without a P: it takes an idle one,
// or goes on the global queue and its M parks. With every P idle sysmon sleeps until one
// runs again (acquirep wakes it). Go: runtime/proc.go entersyscall, exitsyscall, sysmon and
// retake, whose design this follows; sysmon does not preempt here (each M's CPU-time
// timer does, preempt.go). It also starts a collection when none has run for two minutes
// (mgcforce.go), and so sleeps at most half that with every P idle.

package runtime

import "unsafe"

// startSysmon makes sysmon's M, with no P, when the main goroutine starts.
func startSysmon() {
	lock(&sched.lock)
	id := newmID()
	sched.nmsys++
	unlock(&sched.lock)
	mp := allocm(id)
	mp.sysmon = true
	newosproc(mp)
}

// sysmon is the body of sysmon's M (mstart1 calls it); it does not return.
func sysmon() {
	idle := 0
	delay := int64(0)
	for {
		if idle == 0 {
			delay = 20
		} else if idle > 50 {
			delay *= 2
		}
		if delay > 10*1000 {
			delay = 10 * 1000
		}
		usleep(delay)
		now := nanotime()
		if forcegcDue(now) {
			injectForcegc()
		}
		if allPsIdle() {
			lock(&sched.lock)
			if allPsIdle() {
				atomicstore(&sched.sysmonWait, 1)
				unlock(&sched.lock)
				sysmonIdleSleep()
				idle = 0
				continue
			}
			unlock(&sched.lock)
		}
		if retake(now) {
			idle = 0
		} else {
			idle++
		}
	}
}

// allPsIdle reports whether no P runs goroutines or sits in a system call.
func allPsIdle() bool {
	return int32(atomicload(&sched.npidle)) >= atomicloadInt32(&gomaxprocs)
}

// wakeSysmon wakes sysmon if it sleeps with every P idle.
func wakeSysmon() {
	if atomiccas(&sched.sysmonWait, 1, 0) {
		notewakeup(&sched.sysmonNote)
	}
}

// retake hands each P that has been in one system call since sysmon's previous round to
// another M, and reports whether it took any. A P with nothing queued is left to its
// system call for up to 10 ms while other Ms look for work anyway. A P that has run one
// goroutine for 10 ms of wall time gets the preemption signal (preemptone). Go:
// runtime/proc.go retake.
func retake(now int64) bool {
	took := false
	n := int(atomicloadInt32(&gomaxprocs))
	for i, pp := range allps() {
		if i >= n {
			continue
		}
		status := atomicload(&pp.status)
		if status == _Prunning && preemptWanted {
			t := atomicload(&pp.schedtick)
			if pp.runtick != t {
				pp.runtick = t
				pp.runwhen = now
			} else if pp.runwhen+forcePreemptNS <= now {
				preemptone(pp, t)
			}
			continue
		}
		if status != _Psyscall {
			continue
		}
		t := atomicload(&pp.syscalltick)
		if pp.sysmontick != t {
			pp.sysmontick = t
			pp.sysmonwhen = now
			continue
		}
		if runqempty(pp) && atomicload(&sched.nmspinning)+atomicload(&sched.npidle) > 0 && pp.sysmonwhen+10*1000*1000 > now {
			continue
		}
		if atomiccas(&pp.status, _Psyscall, _Pidle) {
			atomicxadd(&pp.syscalltick, 1)
			took = true
			handoffp(pp)
		}
	}
	return took
}

// entersyscall is called by a goroutine before a system call that may block: its place is
// saved for tracebacks (it is _Gsyscall meanwhile) and its M lets go of its P. The M must
// hold no runtime lock. Go: runtime/proc.go reentersyscall. entersyscall (asm_amd64.s)
// records the callee-saved registers for the collector and jumps here, so that this
// function's caller is entersyscall's.
func entersyscall1() {
	gp := getg()
	mp := gp.m
	if mp.locks != 0 || mp.p == nil {
		throw("entersyscall: holding locks, or no p")
	}
	fp := getfp()
	gp.sched.pc = callerpc(fp)
	gp.sched.sp = fp + 16
	gp.sched.bp = *(*uintptr)(unsafe.Pointer(fp))
	casgstatus(gp, _Grunning, _Gsyscall)
	pp := mp.p
	atomicxadd(&pp.syscalltick, 1)
	pp.m = nil
	mp.oldp = pp
	mp.p = nil
	atomicstore(&pp.status, _Psyscall)
}

// exitsyscall is called by the goroutine when its system call returns: it takes its old P
// back if sysmon left it, else an idle one, else it queues itself and its M parks (or, for
// a wired goroutine, waits to be handed a P). Go: runtime/proc.go exitsyscall.
func exitsyscall() {
	gp := getg()
	mp := gp.m
	oldp := mp.oldp
	mp.oldp = nil
	if oldp != nil && atomiccas(&oldp.status, _Psyscall, _Pidle) {
		acquirep(oldp)
		atomicxadd(&oldp.syscalltick, 1)
		casgstatus(gp, _Gsyscall, _Grunning)
		return
	}
	if atomicload(&sched.npidle) > 0 {
		lock(&sched.lock)
		pp := pidleget()
		unlock(&sched.lock)
		if pp != nil {
			acquirep(pp)
			casgstatus(gp, _Gsyscall, _Grunning)
			return
		}
	}
	mcall(exitsyscall0)
}

// exitsyscall0 is exitsyscall's slow path, on g0: no P was free.
func exitsyscall0(gp *g) {
	casgstatus(gp, _Gsyscall, _Grunnable)
	dropg()
	lock(&sched.lock)
	pp := pidleget()
	if pp == nil {
		globrunqput(gp)
	}
	unlock(&sched.lock)
	if pp != nil {
		acquirep(pp)
		execute(gp, false)
	}
	mp := getg().m
	if mp.lockedg != nil {
		// Wired to this M: wait until another M hands it a P for gp.
		stoplockedm()
		execute(gp, false)
	}
	stopm()
	schedule()
}

// syscall_write is write1 for package os and fmt: a write to a pipe or a terminal may
// block, so the goroutine's P is free for others meanwhile.
func syscall_write(fd uintptr, p unsafe.Pointer, n int32) int32 {
	entersyscall()
	r := write1(fd, p, n)
	exitsyscall()
	if gp := getg(); gp.preempt {
		yieldIfAsked(gp, *(*uintptr)(unsafe.Pointer(getfp() + 8)))
	}
	return r
}

// syscall_read is read for package os: reading a terminal or a pipe blocks until data
// comes, so the goroutine's P is free for others meanwhile.
func syscall_read(fd uintptr, p unsafe.Pointer, n int32) int32 {
	entersyscall()
	r := read(int32(fd), p, n)
	exitsyscall()
	if gp := getg(); gp.preempt {
		yieldIfAsked(gp, *(*uintptr)(unsafe.Pointer(getfp() + 8)))
	}
	return r
}

// syscall_syscall is package syscall's Syscall: any system call that may block (a read of a
// pipe, an open of a FIFO, an fsync), made with the goroutine's P free for others
// meanwhile, as syscall_read is. It returns the kernel's result (the value, or -errno) and
// its DX.
func syscall_syscall(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr) {
	entersyscall()
	r1, r2 = syscall6(trap, a1, a2, a3, a4, a5, a6)
	exitsyscall()
	if gp := getg(); gp.preempt {
		yieldIfAsked(gp, *(*uintptr)(unsafe.Pointer(getfp() + 8)))
	}
	return r1, r2
}

// syscall_rawsyscall is package syscall's RawSyscall: a system call that returns at once
// (getpid, uname), made without leaving the scheduler.
func syscall_rawsyscall(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr) {
	return syscall6(trap, a1, a2, a3, a4, a5, a6)
}
