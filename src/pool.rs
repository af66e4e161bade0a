//! Work on every core, results in order: jobs that are independent (the
//! assessments of a folder, the parts of a long table) are each taken by
//! the next thread free; their results are handed on in the order of the
//! jobs, each as soon as it and all before it are done.

use std::collections::VecDeque;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};
use std::thread;

/// The most results done ahead of the one awaited: a file that takes long
/// holds the threads back rather than letting results pile up behind it.
const AHEAD: usize = 96;

/// The most jobs a thread takes at once. Taking and handing back jobs in
/// runs rather than one by one spares a wake-up of the thread that takes
/// the results, and a lock, for each of thousands of small files.
const RUN: usize = 32;

// A thread waits for a run that would end more than `AHEAD` results past
// the one awaited: the run that starts there must never wait.
const _: () = assert!(RUN <= AHEAD);

/// How many threads to use when none is asked for: one per core.
pub fn threads() -> usize {
    thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// How many jobs a thread takes at once: [`RUN`], or fewer where there
/// are not eight runs for each thread, so that every thread has work and
/// the threads finish together (the parts of a table are few and long).
fn run_length(jobs: usize, threads: usize) -> usize {
    (jobs / (threads * 8)).clamp(1, RUN)
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
    let run = run_length(jobs.len(), threads);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results have been taken, and a wake-up for threads waiting
    // to run ahead.
    let taken = Mutex::new(0usize);
    let moved = Condvar::new();
    // A run's results, by the index of its first job.
    let (send, receive) = mpsc::channel::<(usize, Vec<R>)>();
    let halt = Halt {
        stop: &stop,
        taken: &taken,
        moved: &moved,
    };
    thread::scope(|scope| {
        // First: a thread that cannot be started panics here, and those
        // started before it must not wait on.
        let _halt = OnPanic(&halt);
        for _ in 0..threads {
            let send = send.clone();
            let (next, stop, taken, moved) = (&next, &stop, &taken, &moved);
            let (init, work, halt) = (&init, &work, &halt);
            scope.spawn(move || {
                let _halt = OnPanic(halt);
                let mut state = init();
                loop {
                    let first = next.fetch_add(run, Ordering::Relaxed);
                    if first >= jobs.len() {
                        break;
                    }
                    let last = (first + run).min(jobs.len());
                    let mut done = taken.lock().unwrap_or_else(PoisonError::into_inner);
                    while last > *done + AHEAD && !stop.load(Ordering::Relaxed) {
                        done = moved.wait(done).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(done);
                    let mut results = Vec::with_capacity(last - first);
                    for job in &jobs[first..last] {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        results.push(work(&mut state, job));
                    }
                    if results.len() < last - first || send.send((first, results)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Runs that came before their turn, by how many runs ahead they are.
        let mut early: VecDeque<Option<Vec<R>>> = VecDeque::new();
        let mut turn = 0;
        while let Ok((first, results)) = receive.recv() {
            let ahead = (first - turn) / run;
            if early.len() <= ahead {
                early.resize_with(ahead + 1, || None);
            }
            early[ahead] = Some(results);
            while let Some(Some(_)) = early.front() {
                let results = early.pop_front().flatten().expect("the front was checked");
                for result in results {
                    turn += 1;
                    if take(result) == Go::Stop {
                        halt.now();
                        return;
                    }
                }
                *taken.lock().unwrap_or_else(PoisonError::into_inner) = turn;
                moved.notify_all();
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

/// Stopping the work: no job is begun after, and no thread waits on.
struct Halt<'a> {
    stop: &'a AtomicBool,
    taken: &'a Mutex<usize>,
    moved: &'a Condvar,
}

impl Halt<'_> {
    fn now(&self) {
        // Under the lock: a thread that has looked and is about to wait
        // cannot miss it.
        let held = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        self.stop.store(true, Ordering::Relaxed);
        drop(held);
        self.moved.notify_all();
    }
}

/// Stops the work if the thread that holds it panics: the others would
/// otherwise wait for results that never come, and the run would hang
/// rather than end with the panic.
struct OnPanic<'a, 'b>(&'a Halt<'b>);

impl Drop for OnPanic<'_, '_> {
    fn drop(&mut self) {
        if thread::panicking() {
            self.0.now();
        }
    }
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

    /// A job that panics, or a result whose taking does, ends the run
    /// with the panic, however far ahead the other threads are: none
    /// waits for a result that will never come.
    #[test]
    fn a_panic_ends_the_run_and_does_not_hang_it() {
        for (in_work, threads) in [(true, 2), (true, 3), (false, 2)] {
            let (done, finished) = mpsc::channel();
            thread::spawn(move || {
                let jobs: Vec<u32> = (0..20_000).collect();
                let outcome = std::panic::catch_unwind(|| {
                    ordered(
                        &jobs,
                        threads,
                        || (),
                        |(), &j| {
                            assert!(!(in_work && j == 100), "a job panics");
                            j
                        },
                        |j| {
                            assert!(in_work || j != 100, "a taking panics");
                            Go::On
                        },
                    );
                });
                let _ = done.send(outcome.is_err());
            });
            let panicked = finished.recv_timeout(std::time::Duration::from_secs(20));
            assert_eq!(panicked, Ok(true), "in work: {in_work}, threads: {threads}");
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
        assert!(begun.load(Ordering::Relaxed) <= 3 + AHEAD + 2 * RUN);
    }
}
