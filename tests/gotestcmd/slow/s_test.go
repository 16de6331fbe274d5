package slow

import (
	"testing"
	"time"
)

func TestDeadline(t *testing.T) {
	d, ok := t.Deadline()
	t.Log(ok, time.Until(d) > 9*time.Minute)
	t.Run("sub", func(t *testing.T) {
		_, ok := t.Deadline()
		t.Log("sub", ok)
	})
}

func TestSlow(t *testing.T) {
	time.Sleep(1500 * time.Millisecond)
}

func BenchmarkB(b *testing.B) {}

func ExampleE() {
	// Output:
}
