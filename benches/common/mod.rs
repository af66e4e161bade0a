//! What the whole-process benchmarks share: running the release `almen`
//! once and reading the peak memory of the children waited for.

use std::ops::RangeInclusive;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the release `almen` once from the package root, output to
/// /dev/null, and returns its wall time; its exit code must be one of
/// `codes`.
pub fn almen(args: &[&str], codes: RangeInclusive<i32>) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_almen"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("running almen");
    let took = start.elapsed();
    assert!(
        status.code().is_some_and(|c| codes.contains(&c)),
        "almen {args:?}: {status}"
    );
    took
}

#[cfg(unix)]
pub fn max_rss_kib() -> Option<u64> {
    use nix::sys::resource::{UsageWho, getrusage};
    // Linux gives ru_maxrss in KiB; it covers the children waited for: one `almen`.
    getrusage(UsageWho::RUSAGE_CHILDREN)
        .ok()
        .map(|u| u.max_rss() as u64)
}

#[cfg(not(unix))]
pub fn max_rss_kib() -> Option<u64> {
    None
}
