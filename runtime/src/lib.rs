//! The bundled Go packages: the sources of `runtime`, `errors`, `unicode/utf8`, `math`,
//! `math/bits`, `math/cmplx`, `sync/atomic`, `sync`, `io`, `strconv`, `strings`, `bytes`,
//! `bufio`, `text/tabwriter`, `encoding`, `encoding/binary`, `sort`, `container/heap`,
//! `container/list`, `container/ring`, `internal/oserror`, `syscall`, `time`, `path`, `io/fs`, `os`,
//! `path/filepath`, `io/ioutil`, `context`, `os/exec`, `runtime/debug`, `reflect`, `fmt`,
//! `log`, `flag`, `math/rand`, `unicode`, `unicode/utf16`, `encoding/hex`, `encoding/base64`,
//! `encoding/base32`, `hash` and its packages, `crypto` and its hashes, `crypto/subtle`, `crypto/hmac`, `crypto/rand`, `regexp`, `encoding/json`,
//! `net/url`, `encoding/csv`, `html`
//! and `testing`, embedded in tbuild.
//!
//! A tbuild program is linked with its own copy of these packages, compiled and assembled
//! from source on every build, the way Go's toolchain compiles its standard library:
//!
//! - `runtime` (pkg/runtime): the boot chain of a Go binary with Go's names and order
//!   (`_rt0_amd64_linux` -> `_rt0_amd64` -> `runtime.rt0_go` -> `settls`, `check`, `args`,
//!   `osinit`, `schedinit`, `newproc(mainPC)`, `mstart` -> `mstart0` -> `mstart1` ->
//!   `schedule` -> `execute` -> `gogo` -> `runtime.main` -> `main.main` -> `exit(0)`), the
//!   raw system calls, a bump allocator, `print`/`println` support, fatal panics and throws
//!   with frame-pointer tracebacks, signal handlers that turn faults into Go's panics and
//!   stack overflows into Go's fatal error, and the `.gopclntab` reader. Its assembly includes
//!   `go_asm.h`, which the compiler generates from the package's Go source.
//! - `errors` (pkg/errors): `New`, `Unwrap`, `Is` and `As`, which fmt's `Errorf` uses.
//! - `unicode/utf8` (pkg/unicode/utf8): Go's UTF-8 API (`DecodeRune`, `EncodeRune`,
//!   `RuneCount`, `Valid`, ...), which strconv, strings and fmt import as Go's do.
//! - `math` (pkg/math): Go 1.19's whole math API, every result Go's on linux/amd64 bit for
//!   bit: the exact functions (`Sqrt` is SQRTSD, `FMA` VFMADD231SD when CPUID has FMA), the
//!   approximated ones by the algorithm that runs there (`Exp` and `Log` as Go's amd64
//!   assembly computes them, `Exp`'s fused path chosen from CPUID as Go chooses it; the
//!   others FreeBSD msun's and Cephes' as Go's portable code has them).
//! - `math/bits` (pkg/math/bits): Go 1.19's whole math/bits API: bit counts, rotations,
//!   reversals, and double-word sums, products and quotients with Go's panics.
//! - `math/cmplx` (pkg/math/cmplx): Go 1.19's whole math/cmplx API, every result Go's bit
//!   for bit: the same float64 operations in the same order over package math, Tan's and
//!   Cot's reduction modulo pi by the bits of 1/pi included.
//! - `sync/atomic` (pkg/sync/atomic): Add, Load, Store, Swap and CompareAndSwap on words as
//!   single locked instructions (`LOCK XADD`, `XCHG`, `LOCK CMPXCHG`, `MOV`), and Go 1.19's
//!   atomic types (`Int32` ... `Pointer[T]`, `Bool`, `Value`).
//! - `sync` (pkg/sync): `Mutex` (with Go's starvation mode), `RWMutex`, `WaitGroup`, `Once`,
//!   `Cond`, `Map` and `Pool` over sync/atomic and the runtime's semaphores and notification
//!   lists (runtime/sema.go), reached with //go:linkname.
//! - `io` (pkg/io): Go 1.19's whole io API: the Reader/Writer family of interfaces, its
//!   errors, Copy/CopyN/CopyBuffer (preferring WriterTo and ReaderFrom), ReadAll/ReadFull,
//!   the wrapping readers and writers, and Pipe over channels and sync.
//! - `strconv` (pkg/strconv): integer and float formatting (`Itoa`, `FormatInt`,
//!   `FormatFloat`: Ryū for the shortest digits, one 128-bit product for up to 18, the
//!   exact decimal expansion beyond), parsing (`ParseInt`, `ParseFloat` rounding exactly
//!   through big integers) and quoting (`Quote`, `QuoteRune`, with Go's IsPrint tables).
//! - `strings` (pkg/strings): Go 1.19's whole strings API but the `*Special` case mappings:
//!   searching, splitting, joining, trimming, case mapping over the full Unicode case
//!   tables, `Builder`, `Reader` and `Replacer` (with Go's four strategies' output).
//! - `bytes` (pkg/bytes): Go 1.19's whole bytes API but the `*Special` case mappings:
//!   `Buffer` (with Go's growth, so `Cap` matches), `Reader`, and the functions, searching
//!   through package strings' machinery and case tables (views of the slices, no copies).
//! - `bufio` (pkg/bufio): Go 1.19's whole bufio API: buffered `Reader` and `Writer` making
//!   the same calls on the wrapped reader or writer as Go's, `ReadWriter`, and `Scanner`
//!   with its split functions, buffer growth and errors.
//! - `text/tabwriter` (pkg/text/tabwriter): Go 1.19's whole tabwriter API: elastic tabstops
//!   with Go's output, byte for byte and write for write.
//! - `encoding` (pkg/encoding): Go 1.19's four marshaling interfaces.
//! - `encoding/binary` (pkg/encoding/binary): byte orders (LittleEndian, BigEndian, with
//!   their Append forms), varints, and Read, Write and Size over package reflect.
//! - `sort` (pkg/sort): Go 1.19's pdqsort step for step (so equal elements end where go
//!   leaves them), stable sorting, `Slice` over the runtime's type descriptors, and binary
//!   search.
//! - `container/heap` (pkg/container/heap): Go 1.19's whole API, making the same calls on
//!   its Interface as Go's, in the same order.
//! - `container/list` (pkg/container/list): Go 1.19's whole API: doubly linked lists through
//!   a sentinel element, the zero List ready to use.
//! - `container/ring` (pkg/container/ring): Go 1.19's whole API: circular lists.
//! - `internal/oserror` (pkg/internal/oserror): the portable file-system errors that io/fs
//!   exports and syscall's Errno matches.
//! - `syscall` (pkg/syscall): system calls through the runtime (`syscall5`, freeing the P
//!   while a call blocks), Errno and Signal with Go's texts, Stat_t and the file-system
//!   constants, the environment (from the runtime's copy after argv), and ForkExec (the
//!   child's side in the runtime's assembly, forkExec1), Wait4 and WaitStatus.
//! - `path` (pkg/path), `io/fs` (pkg/io/fs), `path/filepath` (pkg/path/filepath) and
//!   `io/ioutil` (pkg/io/ioutil): Go 1.19's whole APIs.
//! - `os` (pkg/os): `Args`, the environment, `Exit`, files and directories over package
//!   syscall (`Open`/`Create`/`OpenFile`, `*File`'s methods, `ReadFile`, `ReadDir`, `Stat`,
//!   `MkdirAll`, `RemoveAll`, `MkdirTemp`, ...), with Go's `*PathError` texts, and
//!   processes (`StartProcess`, `Process`, `ProcessState`).
//! - `os/exec` (pkg/os/exec): Go 1.19's whole API: Command, Cmd's Run/Start/Wait, Output,
//!   CombinedOutput, the pipes, LookPath, with readers and writers copied by goroutines.
//! - `time` (pkg/time): durations, instants with monotonic readings, Go's layout language for
//!   Format and Parse, locations from TZif zone files and their POSIX TZ rules, and Sleep,
//!   timers and tickers on the runtime's timers.
//! - `context` (pkg/context): Go 1.19's whole context API: Background/TODO, WithCancel,
//!   WithDeadline/WithTimeout on the runtime's timers, WithValue, Canceled and
//!   DeadlineExceeded, with Go's propagation and String forms.
//! - `runtime/debug` (pkg/runtime/debug): the collector's and scheduler's knobs
//!   (`SetGCPercent`, `FreeOSMemory`, `SetMaxThreads`), `Stack`/`PrintStack`, and the
//!   binary's build information (`ReadBuildInfo`, `ParseBuildInfo`, `BuildInfo.String`).
//! - `fmt` (pkg/fmt): tbuild's own implementation of Go's fmt API and output (`Println`,
//!   `Printf`, `Sprintf`, `Errorf`, ... with every verb and flag), reading values through
//!   the runtime's type descriptors (`runtime/typeinfo.go`) where Go's uses reflect.
//! - `log` (pkg/log): Go 1.19's whole log API: Loggers with prefixes and header flags (date
//!   and time through package time, the caller's file and line through runtime.Caller), the
//!   standard Logger on os.Stderr, and the Fatal (exit status 1) and Panic forms.
//! - `flag` (pkg/flag): Go 1.19's whole flag API: FlagSets, the typed flags (Float64
//!   through strconv.ParseFloat), TextVar (the default copied through the type
//!   descriptors, where Go uses reflect), Func, Var with any
//!   Value, Go's parsing, errors, usage text (defaults compared with a zero value of the
//!   Value's type, made from its descriptor) and exits.
//! - `math/rand` (pkg/math/rand): Go 1.19's whole API with Go's exact sequences: its
//!   lagged Fibonacci generator (the seeding vector and ziggurat tables in tables.go are made
//!   by runtime/gen); its Exp and Log are package math's, bit for bit Go's amd64 assembly.
//! - `unicode` (pkg/unicode): Go 1.19's whole API with the Unicode 13.0.0 tables; tables.go
//!   (made by runtime/gen from the installed Go's package) holds them in a compact text code
//!   that decode.go unpacks at init into shared pools of ranges (DESIGN.md, "Package
//!   unicode's tables").
//! - `unicode/utf16`, `encoding/hex`, `encoding/base64`, `encoding/base32` (pkg/unicode/utf16,
//!   pkg/encoding/...): Go 1.19's whole APIs, with Go's error texts, offsets and streams.
//! - `hash`, `hash/fnv`, `hash/crc32`, `hash/adler32`, `crypto`, `crypto/md5`, `crypto/sha1`,
//!   `crypto/sha256`, `crypto/sha512` (pkg/hash/..., pkg/crypto/...): Go 1.19's whole APIs,
//!   the digests' MarshalBinary state formats included; the compression functions are
//!   portable Go (Go's amd64 assembly computes the same digests faster).
//! - `crypto/subtle`, `crypto/hmac` (pkg/crypto/subtle, pkg/crypto/hmac): Go 1.19's whole
//!   APIs; `crypto/rand` (pkg/crypto/rand): Reader and Read over getrandom(2), with
//!   /dev/urandom as the fallback (Int and Prime need math/big: not yet).
//! - `regexp` (pkg/regexp): Go 1.19's regexp API but LiteralPrefix: RE2 syntax parsed by
//!   recursive descent, compiled to a program run by a Pike VM (linear time), with Go's
//!   leftmost-first and leftmost-longest submatches and Go's error texts.
//! - `encoding/json` (pkg/encoding/json): Go 1.19's whole API over package reflect: Marshal
//!   and the Encoder, Unmarshal and the Decoder with Token, Valid, Compact, Indent and
//!   HTMLEscape, with Go's output bytes, error types, texts and offsets.
//! - `net/url` (pkg/net/url): Go 1.19's whole API (with 1.19.8's OmitHost), Go's escaping
//!   sets per URL part, parsing, reassembly, reference resolution and error texts.
//! - `encoding/csv` (pkg/encoding/csv): Go 1.19's whole API: the Reader's settings, lines
//!   and columns of errors and fields, InputOffset, and the Writer's quoting.
//! - `html` (pkg/html): Go 1.19's whole API; entity.go, the HTML5 named references, is
//!   made by runtime/gen from the installed Go's html/entity.go.
//! - `testing` (pkg/testing): what `tbuild test` links into a test binary: T, B, M, TB, the
//!   runner with its -test.* flags and go's output, and a small regular-expression matcher
//!   for -test.run and -test.bench (it does not import package regexp).
//!
//! The sources are written in the language subset tbuild compiles (DESIGN.md) and are also
//! valid Go 1.19.

/// One source file of a bundled package.
#[derive(Debug)]
pub struct File {
    /// The file name, e.g. `proc.go` or `asm_amd64.s`.
    pub name: &'static str,
    /// The file's contents.
    pub text: &'static str,
}

/// A bundled package.
#[derive(Debug)]
pub struct Package {
    /// The import path, e.g. `runtime`.
    pub path: &'static str,
    /// The Go files, in file-name order (as the go command passes them to the compiler).
    pub go_files: &'static [File],
    /// The plan9 assembly files, in file-name order.
    pub asm_files: &'static [File],
}

/// Embeds `pkg/<dir>/<name>`.
macro_rules! file {
    ($dir:literal, $name:literal) => {
        File {
            name: $name,
            text: include_str!(concat!("../pkg/", $dir, "/", $name)),
        }
    };
}

/// In dependency order: runtime first, then errors, unicode/utf8, math, sync/atomic and sync,
/// then the packages that import only those (io, strconv, strings, ...), then syscall, time
/// (syscall), path, io/fs (time, path, sort), os (io/fs, syscall), path/filepath and
/// io/ioutil (os), context (time, sync), os/exec (os, context, path/filepath), then fmt,
/// then the packages over fmt (log, flag), then the encodings and hashes (hex over fmt, the hashes over hash and crypto).
pub static PACKAGES: &[Package] = &[
    Package {
        path: "runtime",
        go_files: &[
            file!("runtime", "alg.go"),
            file!("runtime", "callers.go"),
            file!("runtime", "chan.go"),
            file!("runtime", "complex.go"),
            file!("runtime", "defs_linux_amd64.go"),
            file!("runtime", "error.go"),
            file!("runtime", "extern.go"),
            file!("runtime", "float.go"),
            file!("runtime", "forkexec.go"),
            file!("runtime", "iface.go"),
            file!("runtime", "lock.go"),
            file!("runtime", "malloc.go"),
            file!("runtime", "mfinal.go"),
            file!("runtime", "mprof.go"),
            file!("runtime", "map.go"),
            file!("runtime", "map_fast.go"),
            file!("runtime", "memlimit.go"),
            file!("runtime", "mgc.go"),
            file!("runtime", "mgcforce.go"),
            file!("runtime", "mgcsweep.go"),
            file!("runtime", "mheap.go"),
            file!("runtime", "mstats.go"),
            file!("runtime", "os_linux.go"),
            file!("runtime", "panic.go"),
            file!("runtime", "panicwrap.go"),
            file!("runtime", "preempt.go"),
            file!("runtime", "print.go"),
            file!("runtime", "proc.go"),
            file!("runtime", "procs.go"),
            file!("runtime", "runtime1.go"),
            file!("runtime", "runtime2.go"),
            file!("runtime", "select.go"),
            file!("runtime", "sema.go"),
            file!("runtime", "signal_linux_amd64.go"),
            file!("runtime", "signal_unix.go"),
            file!("runtime", "sigqueue.go"),
            file!("runtime", "slice.go"),
            file!("runtime", "stack.go"),
            file!("runtime", "string.go"),
            file!("runtime", "stubs.go"),
            file!("runtime", "stubs2.go"),
            file!("runtime", "symtab.go"),
            file!("runtime", "sysmon.go"),
            file!("runtime", "stw.go"),
            file!("runtime", "time.go"),
            file!("runtime", "traceback.go"),
            file!("runtime", "typeinfo.go"),
            file!("runtime", "vdso_linux.go"),
        ],
        asm_files: &[
            file!("runtime", "asm_amd64.s"),
            file!("runtime", "atomic_amd64.s"),
            file!("runtime", "hash_amd64.s"),
            file!("runtime", "memmove_amd64.s"),
            file!("runtime", "rt0_linux_amd64.s"),
            file!("runtime", "sys_linux_amd64.s"),
        ],
    },
    Package {
        path: "errors",
        go_files: &[file!("errors", "errors.go")],
        asm_files: &[],
    },
    Package {
        path: "unicode/utf8",
        go_files: &[file!("unicode/utf8", "utf8.go")],
        asm_files: &[],
    },
    Package {
        path: "math",
        go_files: &[
            file!("math", "atan.go"),
            file!("math", "bessel.go"),
            file!("math", "bits.go"),
            file!("math", "cbrt.go"),
            file!("math", "const.go"),
            file!("math", "cpu.go"),
            file!("math", "erf.go"),
            file!("math", "exp.go"),
            file!("math", "floor.go"),
            file!("math", "fma.go"),
            file!("math", "gamma.go"),
            file!("math", "hyper.go"),
            file!("math", "lgamma.go"),
            file!("math", "log.go"),
            file!("math", "order.go"),
            file!("math", "pow.go"),
            file!("math", "rem.go"),
            file!("math", "scale.go"),
            file!("math", "trig.go"),
        ],
        asm_files: &[file!("math", "bits_amd64.s"), file!("math", "cpu_amd64.s")],
    },
    Package {
        path: "math/bits",
        go_files: &[file!("math/bits", "bits.go")],
        asm_files: &[],
    },
    Package {
        path: "math/cmplx",
        go_files: &[
            file!("math/cmplx", "cmplx.go"),
            file!("math/cmplx", "inverse.go"),
            file!("math/cmplx", "reduce.go"),
            file!("math/cmplx", "trig.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "sync/atomic",
        go_files: &[
            file!("sync/atomic", "funcs.go"),
            file!("sync/atomic", "types.go"),
            file!("sync/atomic", "value.go"),
        ],
        asm_files: &[file!("sync/atomic", "atomic_amd64.s")],
    },
    Package {
        path: "sync",
        go_files: &[
            file!("sync", "cond.go"),
            file!("sync", "map.go"),
            file!("sync", "mutex.go"),
            file!("sync", "once.go"),
            file!("sync", "pool.go"),
            file!("sync", "runtime.go"),
            file!("sync", "rwmutex.go"),
            file!("sync", "waitgroup.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "io",
        go_files: &[
            file!("io", "copy.go"),
            file!("io", "io.go"),
            file!("io", "multi.go"),
            file!("io", "pipe.go"),
            file!("io", "section.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "strconv",
        go_files: &[
            file!("strconv", "atob.go"),
            file!("strconv", "atof.go"),
            file!("strconv", "atoi.go"),
            file!("strconv", "bits.go"),
            file!("strconv", "ctoa.go"),
            file!("strconv", "decimal.go"),
            file!("strconv", "float.go"),
            file!("strconv", "ftoa.go"),
            file!("strconv", "ftoaryu.go"),
            file!("strconv", "isprint.go"),
            file!("strconv", "itoa.go"),
            file!("strconv", "powers.go"),
            file!("strconv", "quote.go"),
            file!("strconv", "unquote.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "strings",
        go_files: &[
            file!("strings", "builder.go"),
            file!("strings", "case.go"),
            file!("strings", "edit.go"),
            file!("strings", "reader.go"),
            file!("strings", "replace.go"),
            file!("strings", "scan.go"),
            file!("strings", "search.go"),
            file!("strings", "split.go"),
            file!("strings", "tables.go"),
            file!("strings", "trim.go"),
            file!("strings", "unicode.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "bytes",
        go_files: &[
            file!("bytes", "buffer.go"),
            file!("bytes", "bytes.go"),
            file!("bytes", "edit.go"),
            file!("bytes", "reader.go"),
            file!("bytes", "split.go"),
        ],
        asm_files: &[file!("bytes", "unsafe_amd64.s")],
    },
    Package {
        path: "bufio",
        go_files: &[
            file!("bufio", "bufio.go"),
            file!("bufio", "reader.go"),
            file!("bufio", "scan.go"),
            file!("bufio", "writer.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "encoding",
        go_files: &[file!("encoding", "encoding.go")],
        asm_files: &[],
    },
    Package {
        path: "text/tabwriter",
        go_files: &[file!("text/tabwriter", "tabwriter.go")],
        asm_files: &[],
    },
    Package {
        path: "sort",
        go_files: &[
            file!("sort", "pdq.go"),
            file!("sort", "search.go"),
            file!("sort", "slice.go"),
            file!("sort", "sort.go"),
            file!("sort", "stable.go"),
            file!("sort", "zfunc.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "container/heap",
        go_files: &[file!("container/heap", "heap.go")],
        asm_files: &[],
    },
    Package {
        path: "container/list",
        go_files: &[file!("container/list", "list.go")],
        asm_files: &[],
    },
    Package {
        path: "container/ring",
        go_files: &[file!("container/ring", "ring.go")],
        asm_files: &[],
    },
    Package {
        path: "internal/oserror",
        go_files: &[file!("internal/oserror", "errors.go")],
        asm_files: &[],
    },
    Package {
        path: "syscall",
        go_files: &[
            file!("syscall", "env.go"),
            file!("syscall", "errno.go"),
            file!("syscall", "errstr.go"),
            file!("syscall", "exec_linux.go"),
            file!("syscall", "mmap_linux.go"),
            file!("syscall", "signal.go"),
            file!("syscall", "sigstr.go"),
            file!("syscall", "syscall_linux.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "time",
        go_files: &[
            file!("time", "date.go"),
            file!("time", "duration.go"),
            file!("time", "format.go"),
            file!("time", "marshal.go"),
            file!("time", "parse.go"),
            file!("time", "sleep.go"),
            file!("time", "time.go"),
            file!("time", "tzfile.go"),
            file!("time", "tzrule.go"),
            file!("time", "zoneinfo.go"),
        ],
        asm_files: &[file!("time", "sys_linux_amd64.s")],
    },
    Package {
        path: "path",
        go_files: &[file!("path", "match.go"), file!("path", "path.go")],
        asm_files: &[],
    },
    Package {
        path: "io/fs",
        go_files: &[file!("io/fs", "fs.go"), file!("io/fs", "helpers.go")],
        asm_files: &[],
    },
    Package {
        path: "os",
        go_files: &[
            file!("os", "dir.go"),
            file!("os", "env.go"),
            file!("os", "error.go"),
            file!("os", "file.go"),
            file!("os", "path.go"),
            file!("os", "proc.go"),
            file!("os", "process.go"),
            file!("os", "tempfile.go"),
            file!("os", "types.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "path/filepath",
        go_files: &[
            file!("path/filepath", "match.go"),
            file!("path/filepath", "path.go"),
            file!("path/filepath", "symlink.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "io/ioutil",
        go_files: &[file!("io/ioutil", "ioutil.go")],
        asm_files: &[],
    },
    Package {
        path: "context",
        go_files: &[file!("context", "context.go")],
        asm_files: &[],
    },
    Package {
        path: "os/exec",
        go_files: &[file!("os/exec", "exec.go"), file!("os/exec", "lp_unix.go")],
        asm_files: &[],
    },
    Package {
        path: "os/signal",
        go_files: &[file!("os/signal", "signal.go")],
        asm_files: &[],
    },
    Package {
        path: "runtime/debug",
        go_files: &[
            file!("runtime/debug", "buildinfo.go"),
            file!("runtime/debug", "debug.go"),
            file!("runtime/debug", "garbage.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "reflect",
        go_files: &[
            file!("reflect", "call.go"),
            file!("reflect", "chan.go"),
            file!("reflect", "deepequal.go"),
            file!("reflect", "makefunc.go"),
            file!("reflect", "type.go"),
            file!("reflect", "typeof.go"),
            file!("reflect", "value.go"),
        ],
        asm_files: &[file!("reflect", "asm_amd64.s")],
    },
    Package {
        path: "encoding/binary",
        go_files: &[
            file!("encoding/binary", "order.go"),
            file!("encoding/binary", "values.go"),
            file!("encoding/binary", "varint.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "fmt",
        go_files: &[
            file!("fmt", "format.go"),
            file!("fmt", "mapsort.go"),
            file!("fmt", "output.go"),
            file!("fmt", "print.go"),
            file!("fmt", "value.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "log",
        go_files: &[file!("log", "log.go")],
        asm_files: &[],
    },
    Package {
        path: "flag",
        go_files: &[
            file!("flag", "flag.go"),
            file!("flag", "text.go"),
            file!("flag", "values.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "math/rand",
        go_files: &[
            file!("math/rand", "dist.go"),
            file!("math/rand", "rand.go"),
            file!("math/rand", "rng.go"),
            file!("math/rand", "tables.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "unicode",
        go_files: &[
            file!("unicode", "decode.go"),
            file!("unicode", "graphic.go"),
            file!("unicode", "letter.go"),
            file!("unicode", "tables.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "unicode/utf16",
        go_files: &[file!("unicode/utf16", "utf16.go")],
        asm_files: &[],
    },
    Package {
        path: "net/url",
        go_files: &[file!("net/url", "url.go")],
        asm_files: &[],
    },
    Package {
        path: "encoding/csv",
        go_files: &[
            file!("encoding/csv", "reader.go"),
            file!("encoding/csv", "writer.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "html",
        go_files: &[file!("html", "entity.go"), file!("html", "escape.go")],
        asm_files: &[],
    },
    Package {
        path: "encoding/hex",
        go_files: &[file!("encoding/hex", "hex.go")],
        asm_files: &[],
    },
    Package {
        path: "encoding/base64",
        go_files: &[file!("encoding/base64", "base64.go")],
        asm_files: &[],
    },
    Package {
        path: "encoding/base32",
        go_files: &[file!("encoding/base32", "base32.go")],
        asm_files: &[],
    },
    Package {
        path: "hash",
        go_files: &[file!("hash", "hash.go")],
        asm_files: &[],
    },
    Package {
        path: "hash/fnv",
        go_files: &[file!("hash/fnv", "fnv.go")],
        asm_files: &[],
    },
    Package {
        path: "hash/crc32",
        go_files: &[file!("hash/crc32", "crc32.go")],
        asm_files: &[],
    },
    Package {
        path: "hash/adler32",
        go_files: &[file!("hash/adler32", "adler32.go")],
        asm_files: &[],
    },
    Package {
        path: "crypto",
        go_files: &[file!("crypto", "crypto.go")],
        asm_files: &[],
    },
    Package {
        path: "crypto/md5",
        go_files: &[file!("crypto/md5", "md5.go")],
        asm_files: &[],
    },
    Package {
        path: "crypto/sha1",
        go_files: &[file!("crypto/sha1", "sha1.go")],
        asm_files: &[],
    },
    Package {
        path: "crypto/sha256",
        go_files: &[file!("crypto/sha256", "sha256.go")],
        asm_files: &[],
    },
    Package {
        path: "crypto/sha512",
        go_files: &[file!("crypto/sha512", "sha512.go")],
        asm_files: &[],
    },
    Package {
        path: "crypto/subtle",
        go_files: &[file!("crypto/subtle", "subtle.go")],
        asm_files: &[],
    },
    Package {
        path: "crypto/hmac",
        go_files: &[file!("crypto/hmac", "hmac.go")],
        asm_files: &[],
    },
    Package {
        path: "crypto/rand",
        go_files: &[file!("crypto/rand", "rand.go")],
        asm_files: &[],
    },
    Package {
        path: "regexp",
        go_files: &[
            file!("regexp", "compile.go"),
            file!("regexp", "exec.go"),
            file!("regexp", "parse.go"),
            file!("regexp", "regexp.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "encoding/json",
        go_files: &[
            file!("encoding/json", "decode.go"),
            file!("encoding/json", "encode.go"),
            file!("encoding/json", "fields.go"),
            file!("encoding/json", "indent.go"),
            file!("encoding/json", "scanner.go"),
            file!("encoding/json", "stream.go"),
            file!("encoding/json", "token.go"),
        ],
        asm_files: &[],
    },
    Package {
        path: "testing",
        go_files: &[
            file!("testing", "allocs.go"),
            file!("testing", "benchmark.go"),
            file!("testing", "example.go"),
            file!("testing", "match.go"),
            file!("testing", "testing.go"),
        ],
        asm_files: &[],
    },
];

/// Source files under pkg/ that are written but not compiled yet, as (package, file): they
/// use a language feature tbuild lacks, and each says why in its header. None is pending
/// today.
pub static PENDING: &[(&str, &str)] = &[];

/// The bundled package with import path `path`, if there is one.
pub fn package(path: &str) -> Option<&'static Package> {
    PACKAGES.iter().find(|p| p.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    #[test]
    fn every_package_has_files_with_go_or_s_names() {
        for p in PACKAGES {
            assert!(!p.go_files.is_empty(), "{}: no Go files", p.path);
            for f in p.go_files {
                assert!(
                    f.name.ends_with(".go"),
                    "{}: {} is not a .go file",
                    p.path,
                    f.name
                );
                assert!(!f.text.is_empty(), "{}: {} is empty", p.path, f.name);
            }
            for f in p.asm_files {
                assert!(
                    f.name.ends_with(".s"),
                    "{}: {} is not a .s file",
                    p.path,
                    f.name
                );
                assert!(!f.text.is_empty(), "{}: {} is empty", p.path, f.name);
            }
        }
    }

    #[test]
    fn runtime_comes_first_and_lookup_finds_each_package() {
        assert_eq!(PACKAGES[0].path, "runtime");
        for p in PACKAGES {
            assert_eq!(package(p.path).map(|q| q.path), Some(p.path));
        }
        assert!(package("net").is_none());
    }

    /// Each Go file's package clause names the last element of the import path.
    #[test]
    fn go_files_declare_their_package() {
        for p in PACKAGES {
            let name = p.path.rsplit('/').next().unwrap();
            for f in p.go_files {
                let clause = f
                    .text
                    .lines()
                    .find(|l| l.starts_with("package "))
                    .unwrap_or_else(|| panic!("{}/{}: no package clause", p.path, f.name));
                assert_eq!(
                    clause.trim(),
                    format!("package {name}"),
                    "{}/{}",
                    p.path,
                    f.name
                );
            }
        }
    }

    /// Every source file under pkg/ is embedded (or explicitly PENDING), so a new file
    /// cannot be forgotten here.
    #[test]
    fn every_source_file_is_listed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg");
        for p in PACKAGES {
            let on_disk: BTreeSet<String> = std::fs::read_dir(root.join(p.path))
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .filter(|n| n.ends_with(".go") || n.ends_with(".s"))
                .collect();
            let listed: BTreeSet<String> = p
                .go_files
                .iter()
                .chain(p.asm_files)
                .map(|f| f.name.to_string())
                .chain(
                    PENDING
                        .iter()
                        .filter(|(pkg, _)| *pkg == p.path)
                        .map(|(_, f)| f.to_string()),
                )
                .collect();
            assert_eq!(on_disk, listed, "{}", p.path);
        }
    }
}
