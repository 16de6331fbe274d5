//! Running a build's actions in parallel where their dependencies allow, as the go command
//! runs its action graph on `-p` workers (cmd/go/internal/work/exec.go `Do`: an action is
//! ready once every action it depends on is done, and `-p` defaults to the number of CPUs).

use std::sync::{Condvar, Mutex};

/// The number of actions to run at once: `-p`, else the CPUs this process may run on.
pub fn jobs(flag: Option<u32>) -> usize {
    match flag {
        Some(n) => (n as usize).max(1),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

/// Runs `work(i)` for every action `i` in `0..deps.len()` once every action in `deps[i]`
/// has run, on up to `jobs` threads (the calling thread among them). Ready actions start in
/// index order, so with one job the order is the indices' wherever the dependencies allow.
/// A dependency outside `0..deps.len()` is ignored; a cycle's actions never run.
pub fn run(deps: &[Vec<usize>], jobs: usize, work: &(dyn Fn(usize) + Sync)) {
    struct State {
        started: Vec<bool>,
        done: Vec<bool>,
        running: usize,
    }
    let n = deps.len();
    let state = Mutex::new(State {
        started: vec![false; n],
        done: vec![false; n],
        running: 0,
    });
    let changed = Condvar::new();
    let worker = || loop {
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        let next = loop {
            let ready =
                (0..n).find(|&i| !s.started[i] && deps[i].iter().all(|&d| d >= n || s.done[d]));
            if let Some(i) = ready {
                break i;
            }
            // Nothing is ready: done once nothing runs either (what is left, if anything,
            // waits on a cycle).
            if s.running == 0 {
                changed.notify_all();
                return;
            }
            s = changed.wait(s).unwrap_or_else(|e| e.into_inner());
        };
        s.started[next] = true;
        s.running += 1;
        drop(s);
        work(next);
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        s.done[next] = true;
        s.running -= 1;
        changed.notify_all();
    };
    std::thread::scope(|scope| {
        for _ in 1..jobs.min(n) {
            scope.spawn(worker);
        }
        worker();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_runs_after_its_dependencies() {
        // 0 <- 1 <- 3, 0 <- 2 <- 3, 4 alone.
        let deps = vec![vec![], vec![0], vec![0], vec![1, 2], vec![]];
        for jobs in [1, 2, 4] {
            let order = Mutex::new(Vec::new());
            run(&deps, jobs, &|i| order.lock().unwrap().push(i));
            let order = order.into_inner().unwrap();
            assert_eq!(order.len(), 5);
            let at = |i: usize| order.iter().position(|&x| x == i).unwrap();
            for (i, ds) in deps.iter().enumerate() {
                for &d in ds {
                    assert!(at(d) < at(i), "{order:?}");
                }
            }
            if jobs == 1 {
                assert_eq!(order, vec![0, 1, 2, 3, 4]);
            }
        }
    }

    #[test]
    fn actions_run_at_once() {
        // Two independent actions that each wait for the other to start.
        let deps = vec![vec![], vec![]];
        let started = Mutex::new(0);
        let cv = Condvar::new();
        run(&deps, 2, &|_| {
            let mut n = started.lock().unwrap();
            *n += 1;
            cv.notify_all();
            while *n < 2 {
                n = cv.wait(n).unwrap();
            }
        });
    }

    #[test]
    fn a_cycle_does_not_hang() {
        let ran = Mutex::new(Vec::new());
        run(&[vec![1], vec![0], vec![]], 2, &|i| {
            ran.lock().unwrap().push(i)
        });
        assert_eq!(ran.into_inner().unwrap(), vec![2]);
    }
}
