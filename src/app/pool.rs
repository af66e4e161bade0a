//! Work on every core, results in order: the assessments of a folder are
//! independent, so each thread takes the next one; their results are
//! handed on in the order of the jobs, each as soon as it and all before
//! it are done.

use std::collections::VecDeque;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};
use std::thread;

/// The most results done ahead of the one awaited: a file that takes long
/// holds the threads back rather than letting results pile up behind it.
const AHEAD: usize = 64;

/// How many threads to use when none is asked for: one per core.
pub fn threads() -> usize {
    thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// Runs `work` on each of `jobs` on up to `threads` threads, each with a
/// state of its own from `init`, and hands each result to `take` in the
/// order of the jobs. When `take` says to stop, no further job is begun.
/// With one thread, or one job, all is done here, in turn.
pub fn ordered<J, S, R>(
    jobs: &[J],
    threads: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &J) -> R + Sync,
    mut take: impl FnMut(R) -> Go,
) where
    J: Sync,
    R: Send,
{
    let threads = threads.clamp(1, jobs.len().max(1));
    if threads == 1 {
        let mut state = init();
        for job in jobs {
            if take(work(&mut state, job)) == Go::Stop {
                break;
            }
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results have been taken, and a wake-up for threads waiting
    // to run ahead.
    let taken = Mutex::new(0usize);
    let moved = Condvar::new();
    let (send, receive) = mpsc::channel::<(usize, R)>();
    thread::scope(|scope| {
        for _ in 0..threads {
            let send = send.clone();
            let (next, stop, taken, moved) = (&next, &stop, &taken, &moved);
            let (init, work) = (&init, &work);
            scope.spawn(move || {
                let mut state = init();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= jobs.len() {
                        break;
                    }
                    let mut done = taken.lock().unwrap_or_else(PoisonError::into_inner);
                    while i >= *done + AHEAD && !stop.load(Ordering::Relaxed) {
                        done = moved.wait(done).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(done);
                    if stop.load(Ordering::Relaxed)
                        || send.send((i, work(&mut state, &jobs[i]))).is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Results that came before their turn, by how far ahead they are.
        let mut early: VecDeque<Option<R>> = VecDeque::new();
        let mut turn = 0;
        while let Ok((i, result)) = receive.recv() {
            let ahead = i - turn;
            if early.len() <= ahead {
                early.resize_with(ahead + 1, || None);
            }
            early[ahead] = Some(result);
            while let Some(Some(_)) = early.front() {
                let result = early.pop_front().flatten().expect("the front was checked");
                turn += 1;
                let go = take(result);
                *taken.lock().unwrap_or_else(PoisonError::into_inner) = turn;
                if go == Go::Stop {
                    stop.store(true, Ordering::Relaxed);
                }
                moved.notify_all();
                if go == Go::Stop {
                    return;
                }
            }
        }
    });
}

/// Whether to go on taking results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    On,
    Stop,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_jobs_however_many_threads() {
        let jobs: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            ordered(
                &jobs,
                threads,
                || 0u64,
                |count, &j| {
                    *count += 1;
                    // Uneven work, so that threads finish out of turn.
                    if j % 7 == 0 {
                        thread::sleep(std::time::Duration::from_micros(200));
                    }
                    j * 2
                },
                |r| {
                    seen.push(r);
                    Go::On
                },
            );
            assert_eq!(seen, jobs.iter().map(|j| j * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn taking_can_stop_the_work() {
        let jobs: Vec<u32> = (0..10_000).collect();
        let begun = AtomicUsize::new(0);
        let mut seen = 0;
        ordered(
            &jobs,
            2,
            || (),
            |(), &j| {
                begun.fetch_add(1, Ordering::Relaxed);
                j
            },
            |_| {
                seen += 1;
                if seen == 3 { Go::Stop } else { Go::On }
            },
        );
        assert_eq!(seen, 3);
        assert!(begun.load(Ordering::Relaxed) <= 3 + AHEAD + 2);
    }
}
