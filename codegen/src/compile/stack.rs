//! The compile stage's stack.
//!
//! The parser, the checker and the lowering recurse over the syntax tree. Rust's default
//! thread stack (8 MiB) held about 4,600 nested parentheses; Go's compiler runs on goroutine
//! stacks that grow to 1 GB and builds about 400,000. [`run`] runs a compile on a thread whose
//! stack holds the deepest tree the parser accepts ([`super::parser::MAX_NESTING`] levels, at
//! the few KB per level the phases were measured to take), so that no phase overflows it.
//!
//! One recursion is not bounded by the tree's depth: the checker resolves a package-level
//! declaration when it first meets its name, so `const c2 = c1 + 1; const c1 = c0 + 1; ...`
//! nests one resolution in the next. The checker asks [`exhausted`] before it goes deeper and
//! reports an error instead, while [`RESERVE`] bytes are still left.

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::parser::MAX_NESTING;

/// The compile thread's stack: 1 GiB, as Go's stack limit (runtime/stack.go maxstacksize),
/// measured to hold [`super::parser::MAX_NESTING`] levels of the most expensive construct
/// twice over in a release build. A debug build's frames are about six times larger.
/// Only the pages a compile touches are ever allocated.
pub const STACK_SIZE: usize = if cfg!(debug_assertions) {
    6 << 30
} else {
    1 << 30
};

/// What is left of the stack when [`exhausted`] says so: room for the frames between two
/// checks.
const RESERVE: usize = 64 << 20;

thread_local! {
    /// The lowest stack address a compile on this thread may recurse to; 0 when the thread
    /// was not started by [`run`], whose stack size is unknown.
    static LOW: Cell<usize> = const { Cell::new(0) };
    /// The size of this thread's stack when [`run`] started it, else 0.
    static SIZE: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` on a new thread with a [`STACK_SIZE`] stack and returns its result; a panic in `f`
/// is resumed on the calling thread.
///
/// Where the address space is limited (`ulimit -v`, RLIMIT_AS; tests/gotest.rs builds under
/// 4 GiB, as a shared machine may) a stack that large may not fit, and a stack reserved
/// as large as would fit leaves the heap nothing: two compiles at once once took 3 GiB and
/// 768 MiB of a 4 GiB limit, and the build died of a failed allocation. So the stacks of the
/// compiles running at once share half of the limit ([`stack_budget`]): each takes at most
/// half of what is left of that half, and `run` halves it again, down to [`MIN_STACK`], if
/// the thread still cannot start. The parser accepts nesting in proportion to the stack it
/// got ([`nesting_limit`]). Fails only if no such thread can be started.
pub fn run<T: Send>(f: impl FnOnce() -> T + Send) -> std::io::Result<T> {
    // Kept outside the attempts: a thread that fails to start drops its closure.
    let f = std::sync::Mutex::new(Some(f));
    let budget = stack_budget();
    let before = RESERVED.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |r| {
        Some(r + first_size(budget, r))
    });
    let mut size = first_size(budget, before.unwrap_or_else(|r| r));
    loop {
        let attempt = run_with(size, || {
            let f = f.lock().unwrap_or_else(|e| e.into_inner()).take();
            f.expect("the compile runs once")()
        });
        RESERVED.fetch_sub(size, Ordering::Relaxed);
        match attempt {
            Err(_) if size / 2 >= MIN_STACK => {
                size /= 2;
                RESERVED.fetch_add(size, Ordering::Relaxed);
            }
            result => return result,
        }
    }
}

/// The bytes of stack reserved by compiles [`run`] is running now.
static RESERVED: AtomicUsize = AtomicUsize::new(0);

/// How much address space the stacks of all compiles may reserve together: half of the
/// process's address-space limit, or without one, no bound.
fn stack_budget() -> usize {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut lim) } != 0
        || lim.rlim_cur == libc::RLIM_INFINITY
    {
        return usize::MAX;
    }
    usize::try_from(lim.rlim_cur / 2).unwrap_or(usize::MAX)
}

/// The stack a compile starts with: [`STACK_SIZE`] halved until it is at most half of the
/// budget that compiles running now (`reserved` bytes) leave, but not below [`MIN_STACK`].
/// Halving the rest keeps any number of compiles at once within the budget.
fn first_size(budget: usize, reserved: usize) -> usize {
    let room = budget.saturating_sub(reserved) / 2;
    let mut size = STACK_SIZE;
    while size > room && size / 2 >= MIN_STACK {
        size /= 2;
    }
    size
}

/// The smallest stack [`run`] falls back to.
pub const MIN_STACK: usize = 2 * RESERVE;

fn run_with<T: Send>(size: usize, f: impl FnOnce() -> T + Send) -> std::io::Result<T> {
    std::thread::scope(|s| {
        let thread = std::thread::Builder::new()
            .name("compile".into())
            .stack_size(size)
            .spawn_scoped(s, || {
                // The thread starts within a few pages of the top of its stack.
                LOW.set(stack_pointer().saturating_sub(size) + RESERVE);
                SIZE.set(size);
                f()
            })?;
        Ok(thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// How deep the parser may let constructs nest on this thread: [`MAX_NESTING`] on a thread
/// [`run`] started with the full [`STACK_SIZE`] (or on one it did not start, whose stack is
/// the caller's business), and in proportion to the stack on a smaller one.
pub fn nesting_limit() -> u32 {
    let size = SIZE.get();
    if size == 0 || size >= STACK_SIZE {
        return MAX_NESTING;
    }
    let usable = (size - RESERVE) as u128;
    (usable * MAX_NESTING as u128 / (STACK_SIZE - RESERVE) as u128) as u32
}

/// Whether recursion must stop: less than [`RESERVE`] of the stack [`run`] gave is left.
pub fn exhausted() -> bool {
    let low = LOW.get();
    low != 0 && stack_pointer() < low
}

/// An address in the current frame, close enough to the stack pointer.
#[inline(always)]
fn stack_pointer() -> usize {
    let here = 0u8;
    std::hint::black_box(&here) as *const u8 as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_until_exhausted(n: usize) -> usize {
        // A frame of a few hundred bytes, as the checker's are.
        let pad = std::hint::black_box([0u8; 256]);
        if exhausted() {
            return n;
        }
        depth_until_exhausted(n + 1) + pad[0] as usize
    }

    /// A chain of constants, each defined by the next one down, too long for a small stack:
    /// an error at the declaration where the stack ran out, not an overflow.
    #[test]
    fn a_declaration_chain_past_the_stack_is_an_error() {
        use crate::compile::{compile_package, CompileOptions, SourceFile};
        use std::fmt::Write as _;
        let n = 50_000;
        let mut src = String::from("package main\n\n");
        for i in (1..=n).rev() {
            let _ = writeln!(src, "const c{i} = c{} + 1", i - 1);
        }
        src.push_str("const c0 = 0\n\nfunc main() { println(c50000) }\n");
        let files = [SourceFile {
            name: "chain.go".into(),
            text: src.into_bytes(),
        }];
        let compile = || {
            let none = |_: &str| None;
            let opts = CompileOptions::new("main", &none);
            compile_package(&files, &opts).err()
        };
        let errs = run_with(RESERVE + (64 << 20), compile)
            .unwrap()
            .expect("the chain does not fit in 64 MiB of stack");
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].msg, "expression nested too deeply");
        // At a declaration of the chain (`const c43344`, column 7), at the name in it whose
        // resolution would have gone deeper (`= c43343`, column 16) or at the `+` whose
        // operand it is (column 23), whichever check meets the end of the stack first.
        assert!(matches!(errs[0].col, 7 | 16 | 23), "{}", errs[0]);
    }

    /// Under a 4 GiB address-space limit, as tests/gotest.rs builds under, two compiles at
    /// once leave at least half of it to the heap, and the first gets as much as it can.
    #[test]
    fn compiles_at_once_leave_half_of_a_limit_to_the_heap() {
        let limit = 4usize << 30;
        let first = first_size(limit / 2, 0);
        let second = first_size(limit / 2, first);
        assert!(first + second <= limit / 2, "{first} + {second}");
        assert!(first <= limit / 4 && first > limit / 8, "{first}");
        assert!(second >= MIN_STACK);
        // Without a limit every compile gets the whole stack.
        assert_eq!(first_size(usize::MAX, 3 * STACK_SIZE), STACK_SIZE);
        // However many run at once, none goes below the floor.
        let mut reserved = 0;
        for _ in 0..16 {
            let size = first_size(limit / 2, reserved);
            assert!(size >= MIN_STACK);
            reserved += size;
        }
    }

    #[test]
    fn exhausted_stops_recursion_before_the_stack_ends() {
        assert!(!exhausted(), "the main thread has no known limit");
        let size = RESERVE + (64 << 20);
        let depth = run_with(size, || depth_until_exhausted(0)).unwrap();
        // Most of the stack above the reserve was used, and nothing overflowed.
        assert!(
            depth * 256 > (size - RESERVE) / 4,
            "stopped after {depth} frames"
        );
    }
}
