// TEMPORARY (branch sync only, removed when the lead's scheduler of issue 11 is merged):
// the part of the parking API (coord/api11.md) that sema.go calls, for a program that has
// only its main goroutine. There is nobody to run instead, so parking is a deadlock.
package runtime

type waitReason uint8

const (
	waitReasonSemacquire waitReason = iota + 1
	waitReasonSyncCondWait
)

type mutex struct{ key uintptr }

func lock(l *mutex)   {}
func unlock(l *mutex) {}

func goparkunlock(l *mutex, reason waitReason) {
	unlock(l)
	throw("all goroutines are asleep - deadlock!")
}

func goready(gp *g) { throw("goready: no scheduler yet") }

func Gosched() {}
