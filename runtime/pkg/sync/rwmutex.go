// RWMutex: any number of readers or one writer, writer-preferring (Go's documented rule: a
// Lock that is waiting blocks new RLocks, so a stream of readers cannot starve a writer).
//
// readers counts the readers holding or waiting for the lock. A writer first takes writer (one
// writer at a time), then subtracts maxReaders from readers: the count goes negative, which
// tells each later RLock to sleep on readerWake, and what was in it is the number of readers
// still inside, which the writer adds to departing and sleeps on writerWake until the last
// of them leaves. Unlock adds maxReaders back and wakes the readers that queued meanwhile.
package sync

import "sync/atomic"

// An RWMutex is a reader/writer mutual exclusion lock; the zero RWMutex is unlocked. It
// must not be copied after first use.
type RWMutex struct {
	writer     Mutex  // held by the writer, so that writers come one at a time
	writerWake uint32 // the writer sleeps here until departing readers are gone
	readerWake uint32 // readers sleep here while a writer holds or waits for the lock
	readers    int32  // readers in or waiting; minus maxReaders while a writer is
	departing  int32  // readers the waiting writer still waits for
}

// maxReaders bounds the number of concurrent readers.
const maxReaders = 1 << 30

// RLock locks rw for reading. It must not be used recursively: a waiting writer would make
// the second RLock wait for a reader that waits for it.
func (rw *RWMutex) RLock() {
	if atomic.AddInt32(&rw.readers, 1) < 0 {
		runtime_SemacquireMutex(&rw.readerWake, false, 0)
	}
}

// TryRLock locks rw for reading if no writer holds or waits for it, and reports whether it
// did.
func (rw *RWMutex) TryRLock() bool {
	for {
		n := atomic.LoadInt32(&rw.readers)
		if n < 0 {
			return false
		}
		if atomic.CompareAndSwapInt32(&rw.readers, n, n+1) {
			return true
		}
	}
}

// RUnlock undoes one RLock. It is a fatal error if rw is not locked for reading.
func (rw *RWMutex) RUnlock() {
	n := atomic.AddInt32(&rw.readers, -1)
	if n >= 0 {
		return
	}
	// A writer is waiting or holds the lock, or there was no reader.
	if n == -1 || n == -1-maxReaders {
		fatal("sync: RUnlock of unlocked RWMutex")
	}
	if atomic.AddInt32(&rw.departing, -1) == 0 {
		// The last reader the writer waited for.
		runtime_Semrelease(&rw.writerWake, false, 1)
	}
}

// Lock locks rw for writing, waiting for other writers and for the readers inside.
func (rw *RWMutex) Lock() {
	rw.writer.Lock()
	inside := atomic.AddInt32(&rw.readers, -maxReaders) + maxReaders
	if inside != 0 && atomic.AddInt32(&rw.departing, inside) != 0 {
		runtime_SemacquireMutex(&rw.writerWake, false, 0)
	}
}

// TryLock locks rw for writing if nobody holds it, and reports whether it did.
func (rw *RWMutex) TryLock() bool {
	if !rw.writer.TryLock() {
		return false
	}
	if !atomic.CompareAndSwapInt32(&rw.readers, 0, -maxReaders) {
		rw.writer.Unlock()
		return false
	}
	return true
}

// Unlock unlocks rw for writing and lets the readers that queued meanwhile in. It is a
// fatal error if rw is not locked for writing.
func (rw *RWMutex) Unlock() {
	queued := atomic.AddInt32(&rw.readers, maxReaders)
	if queued >= maxReaders {
		fatal("sync: Unlock of unlocked RWMutex")
	}
	for ; queued > 0; queued-- {
		runtime_Semrelease(&rw.readerWake, false, 0)
	}
	rw.writer.Unlock()
}

// RLocker returns a Locker whose Lock and Unlock are rw's RLock and RUnlock.
func (rw *RWMutex) RLocker() Locker {
	return (*readLocker)(rw)
}

type readLocker RWMutex

func (r *readLocker) Lock()   { (*RWMutex)(r).RLock() }
func (r *readLocker) Unlock() { (*RWMutex)(r).RUnlock() }
