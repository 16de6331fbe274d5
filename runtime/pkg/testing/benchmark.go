package testing

// Benchmarks: each selected benchmark runs once with N = 1, then with a growing N until
// its timed part has taken -test.benchtime (1s by default; `100x` asks for N = 100), the
// next N predicted from the last run's time per op, 1.2 times over, at most 100 times the
// last N and at most 1e9, as go's runner grows it. The result line is the name with the
// -GOMAXPROCS suffix, padded to the longest name, then N and the time per op.

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// BenchmarkResult is the outcome of one benchmark.
type BenchmarkResult struct {
	N         int
	T         time.Duration
	Bytes     int64
	MemAllocs uint64
	MemBytes  uint64
	Extra     map[string]float64
}

// NsPerOp returns the nanoseconds per iteration.
func (r BenchmarkResult) NsPerOp() int64 {
	if v, ok := r.Extra["ns/op"]; ok {
		return int64(v)
	}
	if r.N <= 0 {
		return 0
	}
	return r.T.Nanoseconds() / int64(r.N)
}

// AllocsPerOp returns the allocations per iteration.
func (r BenchmarkResult) AllocsPerOp() int64 {
	if v, ok := r.Extra["allocs/op"]; ok {
		return int64(v)
	}
	if r.N <= 0 {
		return 0
	}
	return int64(r.MemAllocs) / int64(r.N)
}

// AllocedBytesPerOp returns the bytes allocated per iteration.
func (r BenchmarkResult) AllocedBytesPerOp() int64 {
	if v, ok := r.Extra["B/op"]; ok {
		return int64(v)
	}
	if r.N <= 0 {
		return 0
	}
	return int64(r.MemBytes) / int64(r.N)
}

// String is the result line's figures: N, then ns/op, MB/s and the metrics the
// benchmark reported, by unit (ReportMetric's ns/op and MB/s replace the measured ones).
func (r BenchmarkResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%8d", r.N)
	ns, given := r.Extra["ns/op"]
	if !given && r.N > 0 {
		ns = float64(r.T.Nanoseconds()) / float64(r.N)
	}
	if ns != 0 {
		b.WriteByte('\t')
		b.WriteString(figure(ns, "ns/op"))
	}
	mbs, given := r.Extra["MB/s"]
	if !given && r.Bytes > 0 && r.T > 0 && r.N > 0 {
		mbs = (float64(r.Bytes) * float64(r.N) / 1e6) / r.T.Seconds()
	}
	if mbs != 0 {
		fmt.Fprintf(&b, "\t%7.2f MB/s", mbs)
	}
	var units []string
	for u := range r.Extra {
		if u != "ns/op" && u != "MB/s" && u != "B/op" && u != "allocs/op" {
			units = append(units, u)
		}
	}
	sort.Strings(units)
	for _, u := range units {
		b.WriteByte('\t')
		b.WriteString(figure(r.Extra[u], u))
	}
	return b.String()
}

// MemString is the allocation figures -test.benchmem adds.
func (r BenchmarkResult) MemString() string {
	return fmt.Sprintf("%8d B/op\t%8d allocs/op", r.AllocedBytesPerOp(), r.AllocsPerOp())
}

// figure prints a value with its unit so that the decimal points of a column line up:
// whole numbers from 999.95 up, else four significant digits.
func figure(x float64, unit string) string {
	y := x
	if y < 0 {
		y = -y
	}
	width, places := 10, 0
	if y != 0 && y < 999.95 {
		width, places = 12, 1
		for limit := 99.995; y < limit && places < 7; limit /= 10 {
			width++
			places++
		}
	}
	return fmt.Sprintf("%*.*f %s", width, places, x, unit)
}

// B is the state of one benchmark, passed to its function.
type B struct {
	common
	N int

	ctx       *benchContext
	fn        func(b *B)
	timerOn   bool
	began     time.Time
	allocs0   uint64
	bytes0    uint64
	netAllocs uint64
	netBytes  uint64
	bytes     int64
	memShown  bool
	result    BenchmarkResult
	metrics   map[string]float64 // ReportMetric's, by unit
	lastN     int                // N of the last run
	lastTime  time.Duration      // and its timed duration
	parallel  int                // goroutines per GOMAXPROCS for RunParallel
}

type benchContext struct {
	filter *nameFilter
	maxLen int
	extLen int
	dur    time.Duration
	count  int // -benchtime=Nx
}

var headerOnce sync.Once

// procSuffix is the -N go appends to a benchmark's name when GOMAXPROCS is not 1.
func procSuffix() string {
	if n := runtime.GOMAXPROCS(0); n != 1 {
		return "-" + strconv.Itoa(n)
	}
	return ""
}

// cpuName is the processor's name, as the kernel read it from CPUID.
func cpuName() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "model name") {
			if i := strings.IndexByte(line, ':'); i >= 0 {
				return strings.TrimSpace(line[i+1:])
			}
		}
	}
	return ""
}

func printHeader(importPath string) {
	headerOnce.Do(func() {
		fmt.Printf("goos: %s\ngoarch: %s\n", runtime.GOOS, runtime.GOARCH)
		if importPath != "" {
			fmt.Printf("pkg: %s\n", importPath)
		}
		if cpu := cpuName(); cpu != "" {
			fmt.Printf("cpu: %s\n", cpu)
		}
	})
}

var benchImportPath string

// runBenchmarks runs the benchmarks -test.bench selects; false if one failed.
func runBenchmarks(importPath string, benchmarks []InternalBenchmark) bool {
	if *flagBench == "" {
		return true
	}
	benchImportPath = importPath
	ctx := &benchContext{filter: newNameFilter(*flagBench, "-test.bench"), extLen: len(procSuffix())}
	spec := *flagBenchTime
	if strings.HasSuffix(spec, "x") {
		n, err := strconv.Atoi(spec[:len(spec)-1])
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "testing: invalid -test.benchtime %q\n", spec)
			os.Exit(2)
		}
		ctx.count = n
	} else {
		d, err := time.ParseDuration(spec)
		if err != nil || d <= 0 {
			fmt.Fprintf(os.Stderr, "testing: invalid -test.benchtime %q\n", spec)
			os.Exit(2)
		}
		ctx.dur = d
	}
	var chosen []InternalBenchmark
	for _, bm := range benchmarks {
		if _, ok, _ := ctx.filter.fullName(nil, bm.Name); ok {
			chosen = append(chosen, bm)
			if l := len(bm.Name) + 2*ctx.extLen + 1; l > ctx.maxLen {
				ctx.maxLen = l
			}
		}
	}
	top := &B{
		common: common{name: "Main", isBench: true, verdict: make(chan bool, 1)},
		ctx:    ctx,
		fn: func(b *B) {
			for _, bm := range chosen {
				b.Run(bm.Name, bm.F)
			}
		},
	}
	if *flagVerbose {
		top.live = &liveLog{}
	}
	top.runN(1)
	return !top.failed
}

// runN runs the function once with b.N = n, timing it.
func (b *B) runN(n int) {
	runtime.GC()
	b.N = n
	b.ResetTimer()
	b.StartTimer()
	b.fn(b)
	b.StopTimer()
	b.lastN = n
	b.lastTime = b.duration
}

// inGoroutine runs f on a goroutine of its own, so that FailNow and SkipNow end only it.
func (b *B) inGoroutine(f func()) {
	go func() {
		defer func() { b.verdict <- true }()
		f()
	}()
	<-b.verdict
}

// Run runs f as a sub-benchmark called name; false if it failed.
func (b *B) Run(name string, f func(b *B)) bool {
	b.mu.Lock()
	b.hasSub = true
	b.mu.Unlock()
	full, ok, partial := b.ctx.filter.fullName(&b.common, name)
	if !ok {
		return true
	}
	sub := &B{
		common: common{
			name:    full,
			parent:  &b.common,
			level:   b.level + 1,
			live:    b.live,
			isBench: true,
			verdict: make(chan bool, 1),
		},
		ctx: b.ctx,
		fn:  f,
	}
	if partial {
		sub.hasSub = true
	}
	if sub.live != nil {
		printHeader(benchImportPath)
		fmt.Println(full)
	}
	if sub.first() {
		sub.measure()
	}
	return !sub.failed
}

// first runs the benchmark with N = 1; false if it failed, was skipped or has
// sub-benchmarks, which are then all it is.
func (b *B) first() bool {
	if l := len(b.name) + b.ctx.extLen + 1; l > b.ctx.maxLen {
		b.ctx.maxLen = l + 8
	}
	b.inGoroutine(func() {
		b.runN(1)
	})
	if b.failed {
		fmt.Printf("--- FAIL: %s\n%s", b.name, b.output)
		return false
	}
	if b.hasSub || b.isFinished() {
		if b.live != nil && (len(b.output) > 0 || b.skipped) {
			tag := "BENCH"
			if b.skipped {
				tag = "SKIP"
			}
			fmt.Printf("--- %s: %s\n%s", tag, b.name, b.output)
		}
		return false
	}
	return true
}

// measure runs the benchmark -test.count times with growing N and prints each result.
func (b *B) measure() {
	printHeader(benchImportPath)
	for i := uint(0); i < *flagCount; i++ {
		name := b.name + procSuffix()
		if b.live == nil {
			fmt.Printf("%-*s\t", b.ctx.maxLen, name)
		}
		if i > 0 {
			b = &B{
				common: common{name: b.name, live: b.live, isBench: true, parent: b.parent, level: b.level, verdict: make(chan bool, 1)},
				ctx:    b.ctx,
				fn:     b.fn,
			}
			b.first()
		}
		b.inGoroutine(b.grow)
		if b.failed {
			fmt.Printf("--- FAIL: %s\n%s", name, b.output)
			continue
		}
		line := b.result.String()
		if b.live != nil {
			fmt.Printf("%-*s\t", b.ctx.maxLen, name)
		}
		if *flagBenchMem || b.memShown {
			line += "\t" + b.result.MemString()
		}
		fmt.Println(line)
		if len(b.output) > 0 {
			fmt.Printf("--- BENCH: %s\n%s", name, b.output)
		}
	}
}

// grow runs the function with larger N until it has run long enough.
func (b *B) grow() {
	if b.ctx.count > 0 {
		if b.ctx.count > 1 {
			b.runN(b.ctx.count)
		}
	} else {
		for n := int64(1); !b.failed && b.duration < b.ctx.dur && n < 1e9; {
			last := n
			prevNs := b.duration.Nanoseconds()
			if prevNs <= 0 {
				prevNs = 1
			}
			n = b.ctx.dur.Nanoseconds() * int64(b.N) / prevNs
			n += n / 5
			if n > 100*last {
				n = 100 * last
			}
			if n < last+1 {
				n = last + 1
			}
			if n > 1e9 {
				n = 1e9
			}
			b.runN(int(n))
		}
	}
	b.result = BenchmarkResult{N: b.N, T: b.duration, Bytes: b.bytes, MemAllocs: b.netAllocs, MemBytes: b.netBytes, Extra: b.metrics}
}

func memCounts() (uint64, uint64) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Mallocs, m.TotalAlloc
}

// StartTimer starts timing (a benchmark starts with its timer on).
func (b *B) StartTimer() {
	if !b.timerOn {
		b.allocs0, b.bytes0 = memCounts()
		b.began = time.Now()
		b.timerOn = true
	}
}

// StopTimer stops timing, for work that should not count.
func (b *B) StopTimer() {
	if b.timerOn {
		b.duration += time.Since(b.began)
		a, n := memCounts()
		b.netAllocs += a - b.allocs0
		b.netBytes += n - b.bytes0
		b.timerOn = false
	}
}

// ResetTimer forgets the time and allocations so far.
func (b *B) ResetTimer() {
	if b.timerOn {
		b.allocs0, b.bytes0 = memCounts()
		b.began = time.Now()
	}
	b.duration = 0
	b.netAllocs = 0
	b.netBytes = 0
	b.metrics = nil
}

// ReportMetric adds a figure per iteration in the given unit to the result line (a unit
// of ns/op, MB/s, B/op or allocs/op replaces that figure).
func (b *B) ReportMetric(n float64, unit string) {
	if unit == "" {
		panic("metric unit must not be empty")
	}
	for _, r := range unit {
		if nameSpace(r) {
			panic("metric unit must not contain whitespace")
		}
	}
	if b.metrics == nil {
		b.metrics = map[string]float64{}
	}
	b.metrics[unit] = n
}

// SetBytes records the bytes one iteration processes, for the MB/s figure.
func (b *B) SetBytes(n int64) { b.bytes = n }

// ReportAllocs adds the allocation figures to this benchmark's result.
func (b *B) ReportAllocs() { b.memShown = true }

// PB hands out a parallel benchmark's iterations to one of its goroutines.
type PB struct {
	shared *uint64 // iterations claimed by all the goroutines
	chunk  uint64  // how many one claim takes
	left   uint64  // of this goroutine's last claim
	total  uint64  // b.N
}

// Next reports whether there is another iteration to run.
func (pb *PB) Next() bool {
	if pb.left == 0 {
		end := atomic.AddUint64(pb.shared, pb.chunk)
		switch {
		case end <= pb.total:
			pb.left = pb.chunk
		case end < pb.total+pb.chunk:
			pb.left = pb.total + pb.chunk - end
		default:
			return false
		}
	}
	pb.left--
	return true
}

// SetParallelism sets RunParallel's goroutines to p times GOMAXPROCS.
func (b *B) SetParallelism(p int) {
	if p >= 1 {
		b.parallel = p
	}
}

// RunParallel runs body on several goroutines (GOMAXPROCS times the parallelism), which
// share the b.N iterations, claimed in chunks of about 100µs of work (1 to 10,000
// iterations, from the last run's time per iteration).
func (b *B) RunParallel(body func(*PB)) {
	if b.N == 0 {
		return
	}
	chunk := uint64(1)
	if b.lastN > 0 && b.lastTime > 0 {
		chunk = uint64(1e5) * uint64(b.lastN) / uint64(b.lastTime)
	}
	if chunk < 1 {
		chunk = 1
	}
	if chunk > 1e4 {
		chunk = 1e4
	}
	per := b.parallel
	if per < 1 {
		per = 1
	}
	workers := per * runtime.GOMAXPROCS(0)
	var claimed uint64
	var wg sync.WaitGroup
	wg.Add(workers)
	for w := 0; w < workers; w++ {
		go func() {
			defer wg.Done()
			body(&PB{shared: &claimed, chunk: chunk, total: uint64(b.N)})
		}()
	}
	wg.Wait()
	if claimed <= uint64(b.N) && !b.Failed() {
		b.Fatal("RunParallel: body exited without pb.Next() == false")
	}
}
