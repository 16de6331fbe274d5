//! An ordered parallel map for the linker's independent passes: reading each object (its
//! DWARF decoded and checked, its functions' pc-value tables and inline trees derived) and
//! building each function's `_func` facts; and for the driver, reading the
//! cache entries a link's inputs are in (`par_map`). Each item is taken by whichever
//! thread is free next, so one large object (the runtime's) does not hold a whole share of
//! the work; the results come back in the items' order, so the output does not depend on the
//! threads. Objects are read largest first ([`map_heaviest_first`]), and the largest's
//! functions are shared out in turn (funcinfo.rs): read last, the runtime's object kept one
//! thread busy for a millisecond after the other had finished.
//!
//! The helpers are threads of the process's own, started once ([`start_helpers`]) and parked
//! between maps, not threads spawned for each map: on a 2-CPU machine a spawned thread
//! starts running 0.1 to 0.3 ms after it is asked for, and a link maps four times, so a map
//! of a few hundred microseconds of work came out slower on two threads than on one
//! (`tbuild -v`: collect_pc_tables 1.6 ms on two, 1.2 on one). The calling thread works
//! too, and once it has taken the last item it takes back every share no helper has begun,
//! so a map never waits for a helper that was late to wake.

use std::any::Any;
use std::cell::Cell;
use std::collections::VecDeque;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};

/// At most this many helpers, whatever the CPUs: the maps are a few milliseconds of work.
const MAX_HELPERS: usize = 7;

/// The CPUs this process may run on, asked once: std reads the cgroup's CPU quota from
/// /proc and /sys on every call, about 75 µs.
fn cpus() -> usize {
    static CPUS: OnceLock<usize> = OnceLock::new();
    *CPUS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A map's work as its helpers see it: take items until none are left.
type Work<'a> = dyn Fn() + Sync + 'a;

/// One helper's share of a map, waiting in the queue.
struct Share {
    state: Arc<ShareState>,
    /// The map's work. Its lifetime is the map's call (`'static` only in name): a helper
    /// dereferences it only after claiming the share, and the map does not return until a
    /// claimed share is done.
    work: *const Work<'static>,
}

// SAFETY: `work` points to a `Sync` closure, shared, never moved out of; see `Share::work`
// for how long it lives.
unsafe impl Send for Share {}

#[derive(Default)]
struct ShareState {
    /// Set by whichever of the helper and the map's caller takes the share first.
    claimed: AtomicBool,
    /// The helper's outcome, once it has run the share (the panic, if the work panicked).
    done: Mutex<Option<Result<(), Box<dyn Any + Send>>>>,
    finished: Condvar,
}

/// The queue of shares the helpers take from.
struct Pool {
    queue: Mutex<VecDeque<Share>>,
    ready: Condvar,
}

static POOL: Pool = Pool {
    queue: Mutex::new(VecDeque::new()),
    ready: Condvar::new(),
};

thread_local! {
    /// Whether this thread is a helper: a map inside a map runs on its own thread, since
    /// the helpers may all be busy with the outer one.
    static HELPER: Cell<bool> = const { Cell::new(false) };
}

/// A poisoned lock is still usable here: what it guards is consistent whenever it is
/// released (a panic is caught before any lock is taken).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Starts the helpers (one per CPU but one, up to [`MAX_HELPERS`]) unless they run already;
/// how many there are. A driver calls this early, so that they are running by the first map.
pub fn start_helpers() -> usize {
    static HELPERS: OnceLock<usize> = OnceLock::new();
    *HELPERS.get_or_init(|| {
        let want = cpus().saturating_sub(1).min(MAX_HELPERS);
        (0..want)
            .take_while(|_| {
                std::thread::Builder::new()
                    .name("tbuild-link".into())
                    .spawn(help)
                    .is_ok()
            })
            .count()
    })
}

/// A helper: runs the shares it can claim, forever (it ends with the process).
fn help() {
    HELPER.with(|h| h.set(true));
    loop {
        let share = {
            let mut queue = lock(&POOL.queue);
            loop {
                if let Some(s) = queue.pop_front() {
                    break s;
                }
                queue = POOL.ready.wait(queue).unwrap_or_else(|e| e.into_inner());
            }
        };
        if share.state.claimed.swap(true, Ordering::AcqRel) {
            continue; // its map took it back: it had finished the items
        }
        // SAFETY: the claim is ours, so the map that made the share waits until `done` is
        // set before its frame, which owns the work, ends (`Shares::wait`).
        let work = unsafe { &*share.work };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
        *lock(&share.state.done) = Some(outcome);
        share.state.finished.notify_all();
    }
}

/// The shares of one map: taken back or waited for when dropped, even as a panic unwinds
/// the map, so that no helper is left running work whose frame has gone. They borrow the
/// work for as long as they live, so the borrow checker keeps the work alive until then
/// (nothing here forgets them).
struct Shares<'a>(Vec<Arc<ShareState>>, PhantomData<&'a Work<'a>>);

impl<'a> Shares<'a> {
    fn submit(work: &'a Work<'a>, helpers: usize) -> Shares<'a> {
        // SAFETY: only the lifetime changes, and `Shares` does not outlive `work` (it
        // borrows it) and waits for every claimed share when dropped (see `Share::work`).
        let work: *const Work<'static> =
            unsafe { std::mem::transmute::<&'a Work<'a>, &'static Work<'static>>(work) };
        let states: Vec<_> = (0..helpers)
            .map(|_| Arc::new(ShareState::default()))
            .collect();
        lock(&POOL.queue).extend(states.iter().map(|state| Share {
            state: state.clone(),
            work,
        }));
        for _ in 0..helpers {
            POOL.ready.notify_one();
        }
        Shares(states, PhantomData)
    }

    /// Takes back each share no helper has begun and waits for the others; the first
    /// helper's panic, if one panicked.
    fn wait(&mut self) -> Option<Box<dyn Any + Send>> {
        let mut panic = None;
        for state in self.0.drain(..) {
            if !state.claimed.swap(true, Ordering::AcqRel) {
                continue;
            }
            let mut done = lock(&state.done);
            while done.is_none() {
                done = state.finished.wait(done).unwrap_or_else(|e| e.into_inner());
            }
            if let Some(Err(p)) = done.take() {
                panic.get_or_insert(p);
            }
        }
        panic
    }
}

impl Drop for Shares<'_> {
    fn drop(&mut self) {
        self.wait();
    }
}

/// `items.iter().map(f).collect()`, on this thread and the helpers.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let helpers = if HELPER.with(Cell::get) {
        0
    } else {
        start_helpers().min(items.len().saturating_sub(1))
    };
    if helpers == 0 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let all: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                break;
            };
            done.push((i, f(item)));
        }
        lock(&all).extend(done);
    };
    let mut shares = Shares::submit(&work, helpers);
    work();
    if let Some(panic) = shares.wait() {
        std::panic::resume_unwind(panic);
    }
    drop(shares);
    let mut all = all.into_inner().unwrap_or_else(|e| e.into_inner());
    all.sort_unstable_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// [`map`], taking the items heaviest first by `weight`, the results in the items' order. The
/// thread that takes the heaviest item (the runtime's object, in a link) then takes it first,
/// not last while the others have finished theirs; work it maps in turn can go to them.
pub fn map_heaviest_first<'a, T: Sync, R: Send>(
    items: &'a [T],
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&'a T) -> R + Sync,
) -> Vec<R> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    let mut results: Vec<(usize, R)> = map(&order, |&i| (i, f(&items[i])));
    results.sort_unstable_by_key(|&(i, _)| i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// `(a(), b())`, with `a` offered to a helper while this thread runs `b`; if no helper has
/// begun `a` by then (or there is none: one CPU), this thread runs it after `b`. So `a` may
/// wait for something `b` does, never the other way round. (The driver writes an output
/// this way while it hashes it, and the writer waits for the hash: a thread spawned for the
/// write often ran only once the hash was done.)
pub fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    let helpers = if HELPER.with(Cell::get) {
        0
    } else {
        start_helpers().min(1)
    };
    if helpers == 0 {
        let b = b();
        return (a(), b);
    }
    let a = Mutex::new(Some(a));
    let done = Mutex::new(None);
    let work = || {
        let a = lock(&a).take();
        if let Some(a) = a {
            *lock(&done) = Some(a());
        }
    };
    let mut shares = Shares::submit(&work, helpers);
    let b = b();
    if let Some(panic) = shares.wait() {
        std::panic::resume_unwind(panic);
    }
    drop(shares);
    work(); // a, unless a helper ran it
    let a = lock(&done).take();
    (
        a.unwrap_or_else(|| unreachable!("join's first closure ran")),
        b,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = super::map(&items, |&x| x * x);
        assert_eq!(squares, items.iter().map(|x| x * x).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |&x| x).is_empty());
    }

    #[test]
    fn maps_nest_and_run_side_by_side() {
        let items: Vec<u64> = (0..50).collect();
        let run = || {
            super::map(&items, |&x| {
                super::map(&items, |&y| x * y).iter().sum::<u64>()
            })
        };
        let expect: Vec<u64> = items
            .iter()
            .map(|x| x * items.iter().sum::<u64>())
            .collect();
        std::thread::scope(|s| {
            let others: Vec<_> = (0..4).map(|_| s.spawn(run)).collect();
            assert_eq!(run(), expect);
            for o in others {
                assert_eq!(o.join().unwrap(), expect);
            }
        });
    }

    #[test]
    fn heaviest_first_keeps_the_items_order() {
        let items: Vec<usize> = (0..100).map(|i| (i * 37) % 101).collect();
        let out = super::map_heaviest_first(&items, |&w| w, |&x| x * 2);
        assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
    }

    #[test]
    fn join_runs_both() {
        for _ in 0..100 {
            let (a, b) = super::join(|| (0..1000u64).sum::<u64>(), || 7);
            assert_eq!((a, b), (499_500, 7));
        }
    }

    #[test]
    fn join_without_a_helper_runs_b_first() {
        // As on one CPU: a waits for what b sends, which must not hang.
        std::thread::spawn(|| {
            super::HELPER.with(|h| h.set(true));
            let (send, receive) = std::sync::mpsc::channel();
            let (a, ()) = super::join(
                move || receive.recv().unwrap(),
                move || send.send(5).unwrap(),
            );
            assert_eq!(a, 5);
        })
        .join()
        .unwrap();
        // And with helpers, whoever runs a.
        for _ in 0..100 {
            let (send, receive) = std::sync::mpsc::channel();
            let (a, ()) = super::join(
                move || receive.recv().unwrap(),
                move || send.send(6).unwrap(),
            );
            assert_eq!(a, 6);
        }
    }

    #[test]
    fn a_panic_in_an_item_reaches_the_caller() {
        let items: Vec<u64> = (0..200).collect();
        let r = std::panic::catch_unwind(|| {
            super::map(&items, |&x| {
                assert!(x != 150, "item 150");
                x
            })
        });
        assert!(r.is_err());
        // The helpers still work afterwards.
        assert_eq!(super::map(&items, |&x| x).len(), 200);
    }
}
