package parallel

import (
	"sync/atomic"
	"testing"
	"time"
)

var running, most int32

func work(t *testing.T) {
	n := atomic.AddInt32(&running, 1)
	for {
		m := atomic.LoadInt32(&most)
		if n <= m || atomic.CompareAndSwapInt32(&most, m, n) {
			break
		}
	}
	time.Sleep(20 * time.Millisecond)
	atomic.AddInt32(&running, -1)
}

func TestGroup(t *testing.T) {
	for _, name := range []string{"a", "b", "c"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			work(t)
			if name == "b" {
				t.Error("b fails")
			}
		})
	}
}

func TestAfterGroup(t *testing.T) {
	if most < 2 {
		t.Errorf("at most %d ran at once", most)
	}
}
