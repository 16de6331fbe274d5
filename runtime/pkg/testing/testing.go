// Package testing is what `tbuild test` links into a test binary: T and B, the test
// runner behind M.Run, and the -test.* flags, printing what go's test binaries print
// (`=== RUN`, `--- FAIL: TestX (0.00s)` with the indented file:line messages, PASS/FAIL).
//
// Each test runs in a goroutine of its own; FailNow and SkipNow end it with
// runtime.Goexit, and the goroutine that started it waits for its verdict on a channel.
// Messages are kept in the test's buffer and printed under its --- line when it ends,
// or at once with -test.v.
package testing

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var (
	flagShort     *bool
	flagVerbose   *bool
	flagRun       *string
	flagBench     *string
	flagBenchTime *string
	flagCount     *uint
	flagFailFast  *bool
	flagParallel  *int
	flagBenchMem  *bool
	flagTimeout   *time.Duration
	flagList      *string
	flagShuffle   *string

	initDone bool
	failures uint32 // tests failed so far, for -test.failfast
)

// Init registers the -test.* flags on flag.CommandLine; MainStart calls it.
func Init() {
	if initDone {
		return
	}
	initDone = true
	flagShort = flag.Bool("test.short", false, "run smaller test suite to save time")
	flagVerbose = flag.Bool("test.v", false, "verbose: print additional output")
	flagRun = flag.String("test.run", "", "run only tests and examples matching `regexp`")
	flagBench = flag.String("test.bench", "", "run only benchmarks matching `regexp`")
	flagBenchTime = flag.String("test.benchtime", "1s", "run each benchmark for duration `d` (or Nx times)")
	flagCount = flag.Uint("test.count", 1, "run tests and benchmarks `n` times")
	flagFailFast = flag.Bool("test.failfast", false, "do not start new tests after the first test failure")
	flagParallel = flag.Int("test.parallel", runtime.GOMAXPROCS(0), "run at most `n` tests in parallel")
	flagBenchMem = flag.Bool("test.benchmem", false, "print memory allocations for benchmarks")
	flagTimeout = flag.Duration("test.timeout", 0, "panic test binary after duration `d` (default 0, timeout disabled)")
	flagList = flag.String("test.list", "", "list tests, examples, and benchmarks matching `regexp` then exit")
	flagShuffle = flag.String("test.shuffle", "off", "randomize the execution order of tests and benchmarks")
	flag.Bool("test.paniconexit0", false, "panic on call to os.Exit(0)")
}

// Short reports whether -test.short is set.
func Short() bool {
	if flagShort == nil {
		panic("testing: Short called before Init")
	}
	if !flag.Parsed() {
		panic("testing: Short called before Parse")
	}
	return *flagShort
}

// Verbose reports whether -test.v is set.
func Verbose() bool {
	if flagVerbose == nil {
		panic("testing: Verbose called before Init")
	}
	if !flag.Parsed() {
		panic("testing: Verbose called before Parse")
	}
	return *flagVerbose
}

func failFastHit() bool {
	return *flagFailFast && atomic.LoadUint32(&failures) > 0
}

// liveLog prints -test.v output, announcing a switch between tests with === CONT.
type liveLog struct {
	mu   sync.Mutex
	last string
}

// announce prints a line that names its test itself (=== RUN, --- PASS).
func (l *liveLog) announce(test, text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.last = test
	os.Stdout.WriteString(text)
}

// say prints a message of test.
func (l *liveLog) say(test, text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.last != "" && l.last != test {
		os.Stdout.WriteString("=== CONT  " + test + "\n")
	}
	l.last = test
	os.Stdout.WriteString(text)
}

// TB is the interface T and B share.
type TB interface {
	Cleanup(func())
	Error(args ...any)
	Errorf(format string, args ...any)
	Fail()
	FailNow()
	Failed() bool
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Helper()
	Log(args ...any)
	Logf(format string, args ...any)
	Name() string
	Setenv(key, value string)
	Skip(args ...any)
	SkipNow()
	Skipf(format string, args ...any)
	Skipped() bool
	TempDir() string
	private()
}

// common is the state T and B share.
type common struct {
	mu       sync.RWMutex
	name     string
	parent   *common
	level    int // 0 for the runner's root, 1 for a top-level test
	output   []byte
	live     *liveLog
	isBench  bool
	failed   bool
	skipped  bool
	finished bool // its function returned, or FailNow/SkipNow ran
	done     bool // reported
	ran      bool // it, or one of its subtests, ran
	hasSub   bool
	helpers  map[string]bool
	cleanups []func()
	start    time.Time
	duration time.Duration
	verdict  chan bool // the test has ended; false: abort the parent too

	tempDir    string
	tempDirErr error
	tempSeq    int32
}

func (c *common) private() {}

// Name returns the test's name, subtests' names joined with slashes.
func (c *common) Name() string { return c.name }

// Fail marks the test failed and goes on.
func (c *common) Fail() {
	if c.parent != nil {
		c.parent.Fail()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done {
		panic("Fail in goroutine after " + c.name + " has completed")
	}
	c.failed = true
}

// Failed reports whether the test has failed.
func (c *common) Failed() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.failed
}

// FailNow marks the test failed and ends its goroutine.
func (c *common) FailNow() {
	c.Fail()
	c.mu.Lock()
	c.finished = true
	c.mu.Unlock()
	runtime.Goexit()
}

// SkipNow marks the test skipped and ends its goroutine.
func (c *common) SkipNow() {
	c.mu.Lock()
	c.skipped = true
	c.finished = true
	c.mu.Unlock()
	runtime.Goexit()
}

// Skipped reports whether the test was skipped.
func (c *common) Skipped() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.skipped
}

func (c *common) Log(args ...any)                 { c.logAt(fmt.Sprintln(args...), 2) }
func (c *common) Logf(format string, args ...any) { c.logAt(fmt.Sprintf(format, args...), 2) }

func (c *common) Error(args ...any) {
	c.logAt(fmt.Sprintln(args...), 2)
	c.Fail()
}

func (c *common) Errorf(format string, args ...any) {
	c.logAt(fmt.Sprintf(format, args...), 2)
	c.Fail()
}

func (c *common) Fatal(args ...any) {
	c.logAt(fmt.Sprintln(args...), 2)
	c.FailNow()
}

func (c *common) Fatalf(format string, args ...any) {
	c.logAt(fmt.Sprintf(format, args...), 2)
	c.FailNow()
}

func (c *common) Skip(args ...any) {
	c.logAt(fmt.Sprintln(args...), 2)
	c.SkipNow()
}

func (c *common) Skipf(format string, args ...any) {
	c.logAt(fmt.Sprintf(format, args...), 2)
	c.SkipNow()
}

// Helper marks its caller as a helper: messages name the line that called it instead.
func (c *common) Helper() {
	f := frameAt(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.helpers == nil {
		c.helpers = map[string]bool{}
	}
	c.helpers[f.Function] = true
}

// Cleanup registers f to run when the test and its subtests are over, last first.
func (c *common) Cleanup(f func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cleanups = append(c.cleanups, f)
}

func (c *common) runCleanups() {
	for {
		c.mu.Lock()
		n := len(c.cleanups)
		if n == 0 {
			c.mu.Unlock()
			return
		}
		f := c.cleanups[n-1]
		c.cleanups = c.cleanups[:n-1]
		c.mu.Unlock()
		f()
	}
}

// TempDir returns a new directory for the test, removed when it ends; each call makes
// another (NAME123/001, NAME123/002...).
func (c *common) TempDir() string {
	c.mu.Lock()
	first := c.tempDir == "" && c.tempDirErr == nil
	c.mu.Unlock()
	if first {
		var keep strings.Builder
		for _, r := range c.name {
			ok := r >= 0x80 || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
				strings.ContainsRune("!#$%&()+,-.=@^_{}~ ", r)
			if ok {
				keep.WriteRune(r)
			}
		}
		dir, err := os.MkdirTemp("", keep.String())
		c.mu.Lock()
		c.tempDir, c.tempDirErr = dir, err
		c.mu.Unlock()
		if err == nil {
			c.Cleanup(func() {
				if err := os.RemoveAll(dir); err != nil {
					c.Errorf("TempDir RemoveAll cleanup: %v", err)
				}
			})
		}
	}
	if c.tempDirErr != nil {
		c.Fatalf("TempDir: %v", c.tempDirErr)
	}
	n := atomic.AddInt32(&c.tempSeq, 1)
	dir := fmt.Sprintf("%s/%03d", c.tempDir, n)
	if err := os.Mkdir(dir, 0777); err != nil {
		c.Fatalf("TempDir: %v", err)
	}
	return dir
}

// Setenv sets an environment variable until the test ends.
func (c *common) Setenv(key, value string) {
	old, had := os.LookupEnv(key)
	if err := os.Setenv(key, value); err != nil {
		c.Fatalf("cannot set environment variable: %v", err)
	}
	c.Cleanup(func() {
		if had {
			os.Setenv(key, old)
		} else {
			os.Unsetenv(key)
		}
	})
}

// frameAt returns the frame skip levels above its caller's.
func frameAt(skip int) runtime.Frame {
	var pc [1]uintptr
	if runtime.Callers(skip+2, pc[:]) == 0 {
		return runtime.Frame{}
	}
	f, _ := runtime.CallersFrames(pc[:]).Next()
	return f
}

// The functions that call a test's and a benchmark's function.
const (
	runnerName      = "testing.tRunner"
	benchRunnerName = "testing.(*B).runN"
)

// whereFrom finds the line a message is attributed to: skip levels above its caller,
// passing over the test's helpers, but never above the test function itself.
func (c *common) whereFrom(skip int) (string, int) {
	var pcs [50]uintptr
	n := runtime.Callers(skip+2, pcs[:])
	if n == 0 {
		return "???", 1
	}
	c.mu.RLock()
	helpers := c.helpers
	c.mu.RUnlock()
	frames := runtime.CallersFrames(pcs[:n])
	var first, prev runtime.Frame
	for {
		f, more := frames.Next()
		if f.Function == "runtime.gopanic" {
			continue
		}
		if first.PC == 0 {
			first = f
		}
		if f.Function == runnerName || f.Function == benchRunnerName {
			if prev.PC != 0 {
				return prev.File, prev.Line
			}
			break
		}
		if !helpers[f.Function] {
			return f.File, f.Line
		}
		prev = f
		if !more {
			break
		}
	}
	return first.File, first.Line
}

// logAt records a message attributed to the frame skip levels above logAt's caller.
func (c *common) logAt(s string, skip int) {
	file, line := c.whereFrom(skip)
	if i := strings.LastIndex(file, "/"); i >= 0 {
		file = file[i+1:]
	}
	if file == "" {
		file, line = "???", 1
	}
	var b strings.Builder
	fmt.Fprintf(&b, "    %s:%d: ", file, line)
	s = strings.TrimSuffix(s, "\n")
	b.WriteString(strings.ReplaceAll(s, "\n", "\n        "))
	b.WriteByte('\n')
	text := b.String()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done {
		panic("Log in goroutine after " + c.name + " has completed: " + s)
	}
	if c.live != nil {
		if c.isBench {
			os.Stdout.WriteString(text)
		} else {
			c.live.say(c.name, text)
		}
		return
	}
	c.output = append(c.output, text...)
}

// addIndented appends a child's report to c's output, four spaces further in.
func (c *common) addIndented(text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(text) > 0 {
		end := strings.IndexByte(text, '\n') + 1
		if end == 0 {
			end = len(text)
		}
		c.output = append(c.output, "    "...)
		c.output = append(c.output, text[:end]...)
		text = text[end:]
	}
}

// passUp hands the test's --- line and its messages to its parent: straight to the
// output for a top-level test, into the parent's messages for a subtest.
func (c *common) passUp(line string) {
	c.mu.Lock()
	text := line + string(c.output)
	c.output = c.output[:0]
	c.mu.Unlock()
	if c.parent.level > 0 {
		c.parent.addIndented(text)
	} else if c.live != nil {
		c.live.announce(c.name, text)
	} else {
		os.Stdout.WriteString(text)
	}
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%.2fs", d.Seconds())
}

// report prints the test's verdict: failures always, passes and skips with -test.v.
func (c *common) report() {
	if c.parent == nil {
		return
	}
	d := seconds(c.duration)
	switch {
	case c.Failed():
		c.passUp("--- FAIL: " + c.name + " (" + d + ")\n")
	case c.live != nil && c.Skipped():
		c.passUp("--- SKIP: " + c.name + " (" + d + ")\n")
	case c.live != nil:
		c.passUp("--- PASS: " + c.name + " (" + d + ")\n")
	}
}

func (c *common) markRan() {
	for p := c; p != nil; p = p.parent {
		p.mu.Lock()
		p.ran = true
		p.mu.Unlock()
	}
}

func (c *common) isFinished() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.finished
}

// T is the state of one test, passed to its function.
type T struct {
	common
	filter   *nameFilter
	parallel bool
	// Parallel subtests wait on release (closed when their parent's function ends) and
	// the parent waits for each of them.
	release  chan bool
	subs     []*T
	sem      *semaphore
	parentT  *T
	deadline time.Time
}

// Deadline reports when the test binary will panic for running past -test.timeout, if
// it has a timeout.
func (t *T) Deadline() (deadline time.Time, ok bool) {
	return t.deadline, !t.deadline.IsZero()
}

// semaphore bounds the parallel tests running at once (-test.parallel).
type semaphore struct {
	slots chan bool
}

// Parallel lets the test run alongside the other parallel tests of its parent, once the
// parent's function has returned.
func (t *T) Parallel() {
	if t.parallel {
		panic("testing: t.Parallel called multiple times")
	}
	t.parallel = true
	t.duration += time.Since(t.start)
	parentT := t.parentT
	parentT.mu.Lock()
	parentT.subs = append(parentT.subs, t)
	parentT.mu.Unlock()
	if t.live != nil {
		t.live.announce(t.name, "=== PAUSE "+t.name+"\n")
	}
	t.verdict <- true // the parent may go on
	<-parentT.release
	if t.live != nil {
		t.live.announce(t.name, "=== CONT  "+t.name+"\n")
	}
	t.sem.slots <- true
	t.start = time.Now()
}

// Run runs f as a subtest of t called name, and reports whether it succeeded (or is
// running in parallel).
func (t *T) Run(name string, f func(t *T)) bool {
	t.mu.Lock()
	t.hasSub = true
	t.mu.Unlock()
	full, ok, _ := t.filter.fullName(&t.common, name)
	if !ok || failFastHit() {
		return true
	}
	sub := &T{
		common: common{
			name:    full,
			parent:  &t.common,
			level:   t.level + 1,
			live:    t.live,
			verdict: make(chan bool, 1),
		},
		filter:   t.filter,
		release:  make(chan bool),
		sem:      t.sem,
		parentT:  t,
		deadline: t.deadline,
	}
	if sub.live != nil {
		sub.live.announce(full, "=== RUN   "+full+"\n")
	}
	go tRunner(sub, f)
	if !<-sub.verdict {
		// A subtest called FailNow on this test: end it too.
		runtime.Goexit()
	}
	return !sub.Failed()
}

// errGoexit is what a test that ended without returning, FailNow or SkipNow reports.
var errGoexit = fmt.Errorf("test executed panic(nil) or runtime.Goexit")

// tRunner runs one test's function in its own goroutine, then its cleanups, waits for its
// parallel subtests, reports it, and tells the goroutine that started it.
func tRunner(t *T, fn func(t *T)) {
	defer func() {
		if t.Failed() {
			atomic.AddUint32(&failures, 1)
		}
		err := recover()
		goOn := true
		if !t.isFinished() && err == nil {
			err = errGoexit
			for p := t.parent; p != nil; p = p.parent {
				if p.isFinished() {
					t.Errorf("%v: subtest may have called FailNow on a parent test", err)
					err = nil
					goOn = false
					break
				}
			}
		}
		if err != nil {
			t.panicked(err)
		}
		t.duration += time.Since(t.start)
		t.mu.RLock()
		subs := t.subs
		t.mu.RUnlock()
		if len(subs) > 0 {
			close(t.release)
			for _, s := range subs {
				<-s.verdict
			}
			began := time.Now()
			t.runCleanups()
			t.duration += time.Since(began)
		}
		if t.parallel {
			<-t.sem.slots
		}
		t.report()
		t.mu.Lock()
		t.done = true
		hadSubs := t.hasSub
		t.mu.Unlock()
		if t.parent != nil && !hadSubs {
			t.markRan()
		}
		t.verdict <- goOn
	}()
	defer func() {
		t.mu.RLock()
		n := len(t.subs)
		t.mu.RUnlock()
		if n == 0 {
			t.runCleanups()
		}
	}()
	t.start = time.Now()
	fn(t)
	t.mu.Lock()
	t.finished = true
	t.mu.Unlock()
}

// panicked reports a test whose function panicked, and each test above it, as failed,
// then panics again with the same value: the program ends there, as go's test binaries do.
func (t *T) panicked(err any) {
	t.Fail()
	t.runCleanups()
	for c := &t.common; c.parent != nil; c = c.parent {
		c.duration += time.Since(c.start)
		c.passUp("--- FAIL: " + c.name + " (" + seconds(c.duration) + ")\n")
	}
	panic(err)
}

// InternalTest is a test function the test main registers.
type InternalTest struct {
	Name string
	F    func(*T)
}

// InternalBenchmark is a benchmark function the test main registers.
type InternalBenchmark struct {
	Name string
	F    func(b *B)
}

// InternalExample is an example function with its expected output.
type InternalExample struct {
	Name      string
	F         func()
	Output    string
	Unordered bool
}

// InternalFuzzTarget is a fuzz target (tbuild test refuses them).
type InternalFuzzTarget struct {
	Name string
	Fn   func(f *F)
}

// F is a fuzz target's state; tbuild runs no fuzz targets.
type F struct {
	common
}

// testDeps is what the generated test main tells the runner about the package.
type testDeps interface {
	ImportPath() string
}

// M is what TestMain receives: its Run runs the tests.
type M struct {
	deps       testDeps
	tests      []InternalTest
	benchmarks []InternalBenchmark
	examples   []InternalExample
	exitCode   int
}

// MainStart is called by the generated test main.
func MainStart(deps testDeps, tests []InternalTest, benchmarks []InternalBenchmark, fuzzTargets []InternalFuzzTarget, examples []InternalExample) *M {
	Init()
	return &M{deps: deps, tests: tests, benchmarks: benchmarks, examples: examples}
}

// Run parses the flags if TestMain did not, runs the selected tests, examples and
// benchmarks, prints PASS or FAIL and returns the exit status.
func (m *M) Run() (code int) {
	defer func() {
		code = m.exitCode
	}()
	if !flag.Parsed() {
		flag.Parse()
	}
	if *flagParallel < 1 {
		fmt.Fprintln(os.Stderr, "testing: -parallel can only be given a positive integer")
		flag.Usage()
		m.exitCode = 2
		return
	}
	if *flagShuffle != "off" {
		var seed int64
		if *flagShuffle == "on" {
			seed = time.Now().UnixNano()
		} else {
			n, err := strconv.ParseInt(*flagShuffle, 10, 64)
			if err != nil {
				fmt.Fprintln(os.Stderr, `testing: -shuffle should be "off", "on", or a valid integer:`, err)
				m.exitCode = 2
				return
			}
			seed = n
		}
		// The seed is printed so that an order can be asked for again.
		fmt.Println("-test.shuffle", seed)
		r := rand.New(rand.NewSource(seed))
		tests, benchmarks := m.tests, m.benchmarks
		r.Shuffle(len(tests), func(i, j int) { tests[i], tests[j] = tests[j], tests[i] })
		r.Shuffle(len(benchmarks), func(i, j int) { benchmarks[i], benchmarks[j] = benchmarks[j], benchmarks[i] })
	}
	if *flagList != "" {
		listNames(m)
		m.exitCode = 0
		return
	}
	// -test.timeout: past it the program panics, whatever is running (benchmarks are not
	// timed).
	var deadline time.Time
	var alarm *time.Timer
	if d := *flagTimeout; d > 0 {
		deadline = time.Now().Add(d)
		alarm = time.AfterFunc(d, func() {
			panic(fmt.Sprintf("test timed out after %v", d))
		})
	}
	ran, ok := runTests(m.tests, deadline)
	exRan, exOK := runExamples(m.examples)
	if alarm != nil {
		alarm.Stop()
	}
	if !ran && !exRan && *flagBench == "" {
		fmt.Fprintln(os.Stderr, "testing: warning: no tests to run")
	}
	if !ok || !exOK || !runBenchmarks(m.deps.ImportPath(), m.benchmarks) {
		fmt.Println("FAIL")
		m.exitCode = 1
		return
	}
	fmt.Println("PASS")
	m.exitCode = 0
	return
}

// runTests runs the tests -test.run selects, -test.count times.
func runTests(tests []InternalTest, deadline time.Time) (ran, ok bool) {
	ok = true
	for i := uint(0); i < *flagCount; i++ {
		if failFastHit() {
			break
		}
		if i > 0 && !ran {
			break
		}
		root := &T{
			common:   common{verdict: make(chan bool, 1)},
			filter:   newNameFilter(*flagRun, "-test.run"),
			release:  make(chan bool),
			sem:      &semaphore{slots: make(chan bool, *flagParallel)},
			deadline: deadline,
		}
		if *flagVerbose {
			root.live = &liveLog{}
		}
		tRunner(root, func(t *T) {
			for _, test := range tests {
				t.Run(test.Name, test.F)
			}
		})
		<-root.verdict
		ok = ok && !root.Failed()
		ran = ran || root.ran
	}
	return ran, ok
}

// listNames prints the tests, benchmarks and examples whose names -test.list matches.
func listNames(m *M) {
	filter, err := compileRegexp(*flagList)
	if err != nil {
		fmt.Fprintf(os.Stderr, "testing: invalid regexp in -test.list (%q): %s\n", *flagList, err)
		os.Exit(1)
	}
	for _, t := range m.tests {
		if filter.search(t.Name) {
			fmt.Println(t.Name)
		}
	}
	for _, b := range m.benchmarks {
		if filter.search(b.Name) {
			fmt.Println(b.Name)
		}
	}
	for _, e := range m.examples {
		if filter.search(e.Name) {
			fmt.Println(e.Name)
		}
	}
}
