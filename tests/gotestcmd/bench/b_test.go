package bench

import (
	"strings"
	"testing"
)

var sink string

func BenchmarkRepeat(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = strings.Repeat("x", 64)
	}
}

func BenchmarkSetup(b *testing.B) {
	b.StopTimer()
	s := strings.Repeat("y", 1000)
	b.StartTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sink = strings.ToUpper(s)
	}
}

func BenchmarkSub(b *testing.B) {
	for _, n := range []int{1, 100} {
		b.Run(strings.Repeat("n", 1)+string(rune('0'+n%10)), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sink = strings.Repeat("z", n)
			}
		})
	}
}

func TestNothing(t *testing.T) {}

func BenchmarkParallel(b *testing.B) {
	b.SetParallelism(2)
	b.RunParallel(func(pb *testing.PB) {
		s := ""
		for pb.Next() {
			s = strings.Repeat("p", 16)
		}
		_ = s
	})
}

func BenchmarkMetrics(b *testing.B) {
	b.SetBytes(1024)
	for i := 0; i < b.N; i++ {
		sink = strings.Repeat("m", 8)
	}
	b.ReportMetric(3.5, "widgets/op")
	b.ReportMetric(0.25, "gadgets/op")
	b.ReportMetric(12, "allocs/op")
}
