package bfail

import "testing"

func BenchmarkFails(b *testing.B) {
	b.Log("logged")
	if b.N > 1 {
		b.Fatal("too many")
	}
}

func BenchmarkSkips(b *testing.B) { b.Skip("skipped") }

func BenchmarkLogs(b *testing.B) { b.Log("n is positive:", b.N > 0) }

func TestP1(t *testing.T) { t.Parallel(); t.Log("p1") }
func TestS(t *testing.T)  { t.Log("s") }
func TestP2(t *testing.T) { t.Parallel(); t.Error("p2 fails") }
