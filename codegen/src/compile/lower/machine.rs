//! Machine code: Cranelift's compile of each function built by `functions.rs`, on worker
//! threads while the next functions are built.
//!
//! Building a function's CLIF needs the whole checked program (`PkgLower`, which holds `Rc`s
//! and is not shared between threads); compiling the finished CLIF needs only the function
//! itself, the target and a few tables of plain data (a [`Job`]). Compiling is most of a big
//! package's time (callgrind, a cold build of hello: Cranelift's `Context::compile` was
//! 1.54 G of the 2.59 G instructions of compiling every package), so a package with many
//! functions hands its jobs to a [`Backend`] with worker threads, as cmd/compile's back end
//! compiles functions concurrently (`-c`, cmd/compile/internal/gc/compile.go). The results
//! are defined in the module in the order the jobs were made, all at the end
//! ([`Backend::finish`]): the object is the same bytes however many threads compiled it and
//! whichever finished first.
//!
//! What a job does is what compiling one function always did: compile, again with inline
//! marks while an inlined call lacks a caller's instruction (inline.rs), take the line
//! ranges, drop the redundant stack-pointer restores of the epilogues (epilogue.rs), capture
//! the frame and the locals' locations for DWARF (debug.rs), and find a deferring function's
//! frame offsets (defer.rs).

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use cranelift_codegen::ir;
use cranelift_codegen::isa::{OwnedTargetIsa, TargetIsa};
use cranelift_module::{FuncId, ModuleReloc};

use super::defer::{defer_frame, DeferFrameInfo, DeferInfo};
use super::inline::{insert_marks, resolve_parent_pcs, InlinedCall};
use super::{FuncLines, LineRange, LocTable};
use crate::compile::debug::{self, Local};

/// A function built and waiting to be compiled: its CLIF and what was recorded while it was
/// built.
pub(super) struct Job {
    pub symbol: String,
    pub fid: FuncId,
    pub func: ir::Function,
    /// The source positions its instructions carry (`ir::SourceLoc` indices).
    pub locs: LocTable,
    pub inlined: Vec<InlinedCall>,
    /// The places an inline mark may go, by inline-tree node (inline.rs).
    pub marks: Vec<ir::Inst>,
    pub locals: Vec<Local>,
    /// (file, line) of its declaration.
    pub decl: (u32, u32),
    pub param_bytes: Option<u32>,
    pub defer: Option<DeferInfo>,
}

/// A compiled function, ready to be defined in the module.
pub(super) struct Compiled {
    pub fid: FuncId,
    pub align: u64,
    pub code: Vec<u8>,
    pub relocs: Vec<ModuleReloc>,
    pub lines: FuncLines,
    pub defer: Option<DeferFrameInfo>,
}

/// Compiles one job with `ctx` (a context kept across jobs for its allocations).
fn compile_job(
    job: Job,
    ctx: &mut cranelift_codegen::Context,
    isa: &dyn TargetIsa,
) -> Result<Compiled, String> {
    let Job {
        symbol,
        fid,
        func,
        locs,
        mut inlined,
        marks,
        locals,
        decl,
        param_bytes,
        defer,
    } = job;
    // Compiled once; again with inline marks for the calls that need one (inline.rs).
    let lowered = (!inlined.is_empty()).then(|| func.clone());
    ctx.clear();
    ctx.func = func;
    let compile = |ctx: &mut cranelift_codegen::Context| {
        ctx.compile(isa, &mut Default::default())
            .map(|_| ())
            .map_err(|e| format!("{symbol}: {:?}", e.inner))
    };
    compile(ctx)?;
    let mut ranges = line_ranges(ctx, &locs);
    // A mark changes the code around it, so a call that had a caller's instruction may
    // lose it: the marked set grows until every call has one (at the last try, every
    // call with code gets a mark).
    let mut marked: Vec<usize> = Vec::new();
    for attempt in 1.. {
        let missing = resolve_parent_pcs(&mut inlined, &ranges);
        let Some(lowered) = lowered.as_ref().filter(|_| !missing.is_empty()) else {
            break;
        };
        if attempt < 3 {
            marked.extend(missing);
        } else {
            marked = (0..inlined.len()).collect();
        }
        marked.sort_unstable();
        marked.dedup();
        let mut func = lowered.clone();
        insert_marks(&mut func, &marks, &marked);
        ctx.clear();
        ctx.func = func;
        compile(ctx)?;
        ranges = line_ranges(ctx, &locs);
        if attempt >= 3 {
            resolve_parent_pcs(&mut inlined, &ranges);
            break;
        }
    }
    let cc = ctx
        .compiled_code()
        .ok_or_else(|| format!("{symbol}: no compiled code"))?;
    let relocs: Vec<ModuleReloc> = cc
        .buffer
        .relocs()
        .iter()
        .map(|r| ModuleReloc::from_mach_reloc(r, &ctx.func, fid))
        .collect();
    let code = epilogue_fixed(cc, &relocs);
    let debug = debug::capture(cc, isa, decl, &locals);
    let defer = match &defer {
        Some(di) => Some(defer_frame(ctx, &symbol, di)?),
        None => None,
    };
    Ok(Compiled {
        fid,
        align: cc.buffer.alignment as u64,
        relocs,
        lines: FuncLines {
            symbol,
            func_id: fid,
            size: cc.buffer.data().len() as u32,
            ranges,
            inlined,
            debug,
            param_bytes,
        },
        code,
        defer,
    })
}

/// The function's machine code with each epilogue's redundant `mov rsp, rbp` made a NOP
/// (epilogue.rs); its instructions are the bytes Cranelift's source-location ranges cover.
fn epilogue_fixed(cc: &cranelift_codegen::CompiledCode, relocs: &[ModuleReloc]) -> Vec<u8> {
    let mut code = cc.buffer.data().to_vec();
    let ranges: Vec<(u32, u32)> = cc
        .buffer
        .get_srclocs_sorted()
        .iter()
        .map(|l| (l.start, l.end))
        .collect();
    let relocated: Vec<(u32, u32)> = relocs
        .iter()
        .map(|r| {
            let size = match r.kind {
                cranelift_codegen::binemit::Reloc::Abs8 => 8,
                _ => 4,
            };
            (r.offset, size)
        })
        .collect();
    super::epilogue::drop_redundant_sp_restores(&mut code, &ranges, &relocated);
    code
}

/// The source ranges of a compiled function's code: `[start, end)` with its file, line and
/// inline-tree node.
fn line_ranges(ctx: &cranelift_codegen::Context, locs: &LocTable) -> Vec<LineRange> {
    let Some(cc) = ctx.compiled_code() else {
        return Vec::new();
    };
    cc.buffer
        .get_srclocs_sorted()
        .iter()
        .filter_map(|l| {
            let (file, line, inl) = locs.decode(l.loc)?;
            Some(LineRange {
                start: l.start,
                end: l.end,
                file,
                line,
                inl,
            })
        })
        .collect()
}

/// The functions of a package still to be compiled or defined, and the threads compiling
/// them (none for a small package: each job is then compiled as it is submitted).
pub(super) struct Backend {
    isa: OwnedTargetIsa,
    /// This thread's context: for every job when there are no workers, and for those it
    /// takes at the end ([`Backend::finish`]); kept for its allocations.
    ctx: cranelift_codegen::Context,
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    /// A job was queued, or the backend is closing.
    queued: Condvar,
    /// A result was stored.
    done: Condvar,
}

/// A job's outcome: the compiled function or a compile error, or the payload of a panic on
/// the worker, which [`Backend::finish`] raises again on the thread that submitted it.
type Outcome = std::thread::Result<Result<Compiled, String>>;

#[derive(Default)]
struct State {
    /// Jobs not yet taken, with their place in `results`.
    queue: VecDeque<(usize, Job)>,
    /// Every submitted job's outcome, in submission order; None while it is being compiled.
    results: Vec<Option<Outcome>>,
    closing: bool,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A thread that panicked holding the lock left the state between two whole steps.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next queued job, if any (the lock is released on return).
    fn next_job(&self) -> Option<(usize, Job)> {
        self.lock().queue.pop_front()
    }

    fn store(&self, seq: usize, r: Outcome) {
        self.lock().results[seq] = Some(r);
        self.done.notify_all();
    }
}

/// Packages with at least this many functions are compiled on worker threads; for fewer,
/// starting the threads would cost more than it saves (a `main` of a few functions).
const THREADED_FROM: usize = 64;

/// A worker's stack. Cranelift's passes work over a function's blocks and instructions
/// without recursing on the source's nesting (a function of 100,000 nested ifs, in a package
/// of 71 functions, compiled on two threads in a release build), but a function used to be
/// compiled on the compile stage's large stack (compile/stack.rs): this is a margin, of
/// which only the pages touched are allocated.
const WORKER_STACK: usize = 64 << 20;

/// At most this many threads by default: past it, building the CLIF on one thread is the
/// bound (it is about 40% of the work).
const MAX_THREADS: usize = 8;

impl Backend {
    /// A backend for a package of `functions` functions, compiling on `concurrency` threads
    /// (this one and workers); by default, with a worker for each CPU but the one building
    /// the CLIF when the package is big enough and there is more than one CPU.
    pub(super) fn new(
        isa: OwnedTargetIsa,
        functions: usize,
        concurrency: Option<usize>,
    ) -> Backend {
        let threads = concurrency.unwrap_or_else(|| {
            if functions >= THREADED_FROM {
                std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS))
            } else {
                1
            }
        });
        let workers = threads.saturating_sub(1);
        let shared = Arc::new(Shared::default());
        // A worker that cannot start (a limited address space) leaves the work to the rest,
        // and with none to this thread.
        let workers = (0..workers)
            .map_while(|_| {
                let (shared, isa) = (shared.clone(), isa.clone());
                std::thread::Builder::new()
                    .name("compile".into())
                    .stack_size(WORKER_STACK)
                    .spawn(move || work(&shared, &*isa))
                    .ok()
            })
            .collect();
        Backend {
            isa,
            ctx: cranelift_codegen::Context::new(),
            shared,
            workers,
        }
    }

    /// Queues a built function for compiling (compiles it now when there are no workers).
    pub(super) fn submit(&mut self, job: Job) {
        if self.workers.is_empty() {
            let r = compile_job(job, &mut self.ctx, &*self.isa);
            self.shared.lock().results.push(Some(Ok(r)));
            return;
        }
        let mut st = self.shared.lock();
        let seq = st.results.len();
        st.results.push(None);
        st.queue.push_back((seq, job));
        drop(st);
        self.shared.queued.notify_one();
    }

    /// Every submitted function compiled, in submission order; this thread compiles jobs
    /// still queued alongside the workers. The workers are then stopped.
    pub(super) fn finish(&mut self) -> Vec<Result<Compiled, String>> {
        while let Some((seq, job)) = self.shared.next_job() {
            let r = compile_job(job, &mut self.ctx, &*self.isa);
            self.shared.store(seq, Ok(r));
        }
        let mut st = self.shared.lock();
        while st.results.iter().any(Option::is_none) {
            st = self.shared.done.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        let outcomes: Vec<Outcome> = st.results.drain(..).flatten().collect();
        drop(st);
        self.stop();
        outcomes
            .into_iter()
            .map(|o| o.unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    }

    /// Stops the workers once they finish the jobs they hold; the queued ones are dropped
    /// (none are left after [`Backend::finish`]).
    fn stop(&mut self) {
        let mut st = self.shared.lock();
        st.closing = true;
        st.queue.clear();
        drop(st);
        self.shared.queued.notify_all();
        for w in self.workers.drain(..) {
            // A worker catches its jobs' panics (`work`).
            let _ = w.join();
        }
    }
}

impl Drop for Backend {
    /// On an error or a panic while building, the workers still stop.
    fn drop(&mut self) {
        self.stop();
    }
}

/// A worker: takes queued jobs until the backend closes. A panic in Cranelift is caught and
/// handed to the submitting thread, which reports it as every compiler panic is reported.
fn work(shared: &Shared, isa: &dyn TargetIsa) {
    let mut ctx = cranelift_codegen::Context::new();
    loop {
        let mut st = shared.lock();
        let (seq, job) = loop {
            if let Some(next) = st.queue.pop_front() {
                break next;
            }
            if st.closing {
                return;
            }
            st = shared.queued.wait(st).unwrap_or_else(|e| e.into_inner());
        };
        drop(st);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            compile_job(job, &mut ctx, isa)
        }));
        if r.is_err() {
            // Whatever the panic left in the context is not reused.
            ctx = cranelift_codegen::Context::new();
        }
        shared.store(seq, r);
    }
}
