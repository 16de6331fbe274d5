//! An ordered parallel map for the linker's independent passes: reading each object (its
//! DWARF decoded and checked, its functions' pc-value tables derived), reading each object's
//! inline trees and building each function's `_func` facts. Each item is taken by whichever
//! thread is free next, so one large object (the runtime's) does not hold a whole share of
//! the work; the results come back in the items' order, so the output does not depend on the
//! threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The CPUs this process may run on, asked once: std reads the cgroup's CPU quota from
/// /proc and /sys on every call, about 75 µs, and a link maps in parallel several times.
fn cpus() -> usize {
    static CPUS: OnceLock<usize> = OnceLock::new();
    *CPUS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `items.iter().map(f).collect()`, on up to the CPUs this process may run on.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let threads = cpus().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|s| {
        // This thread works too; the others are spawned beside it.
        let others: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut all = work();
        for h in others {
            match h.join() {
                Ok(part) => all.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    all.sort_unstable_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, r)| r).collect()
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
}
