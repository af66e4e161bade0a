//! What the whole-process benchmarks share: running the release `almen`
//! once and reading the peak memory of the children waited for.

use std::ops::RangeInclusive;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The variables that change what `almen` writes or where: colour
/// (`NO_COLOR`, and `CLICOLOR`/`CLICOLOR_FORCE` for the libraries that
/// read them), the width of tables (`COLUMNS`), the language
/// (`ALMEN_LANG`), and the Markdown summary `check` appends to the file
/// `GITHUB_STEP_SUMMARY` names (set on every GitHub Actions runner).
const OUTPUT_ENV: [&str; 6] = [
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "ALMEN_LANG",
    "GITHUB_STEP_SUMMARY",
];

/// Removes the variables of [`OUTPUT_ENV`] from `command`'s environment:
/// the same work and the same output wherever the bench runs.
pub fn without_output_env(command: &mut Command) -> &mut Command {
    for var in OUTPUT_ENV {
        command.env_remove(var);
    }
    command
}

/// The release `almen` with `args`, run in `dir`, without the variables
/// that change its output.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_almen"));
    without_output_env(command.args(args).current_dir(dir));
    command
}

/// Runs the release `almen` once from the package root, output to
/// /dev/null, and returns its wall time; its exit code must be one of
/// `codes`.
#[allow(
    dead_code,
    reason = "the sector bench runs its cases in a folder of its own"
)]
pub fn almen(args: &[&str], codes: RangeInclusive<i32>) -> Duration {
    run(command(Path::new(env!("CARGO_MANIFEST_DIR")), args), codes)
}

/// Runs `command` once, output to /dev/null, and returns its wall time;
/// its exit code must be one of `codes`.
pub fn run(mut command: Command, codes: RangeInclusive<i32>) -> Duration {
    let start = Instant::now();
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("running the command");
    let took = start.elapsed();
    assert!(
        status.code().is_some_and(|c| codes.contains(&c)),
        "{command:?}: {status}"
    );
    took
}

#[cfg(unix)]
pub fn max_rss_kib() -> Option<u64> {
    use nix::sys::resource::{UsageWho, getrusage};
    // Linux gives ru_maxrss in KiB: the largest of the children waited for
    // and of theirs (one `almen`, or `sh` and the `cat` it waited for).
    getrusage(UsageWho::RUSAGE_CHILDREN)
        .ok()
        .map(|u| u.max_rss() as u64)
}

#[cfg(not(unix))]
pub fn max_rss_kib() -> Option<u64> {
    None
}
