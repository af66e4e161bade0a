//! Whole-process benchmark at the scale of the sector: every housing
//! organisation's self-assessment, 7,100 files, checked in one run.
//!
//! Run: `cargo bench --bench sector` (needs `python3`). The `bench` profile
//! inherits `release`, and Cargo builds the `almen` binary for it
//! (`CARGO_BIN_EXE_almen`).
//!
//! `benches/gen-assessments.py` writes 7,100 assessments into `sector/`
//! and 1,000 into `sector-1000/` of a temp folder (deterministic: the same
//! files on every machine). Every `almen` on them runs in that folder and is
//! given the folder by its relative name, so that the paths in its output,
//! and the output, are the same wherever the bench runs.
//!
//! Correctness: the output of `almen check sector` in every format, of its
//! `--summary` (table and Markdown), of `--all` at `COLUMNS=80`, and of
//! `almen validate sector` (table and JSON), are hashed (SHA-256) and
//! compared with the hashes recorded in `benches/sector.sha256`, which were
//! made with `sha256sum` of these commands' outputs written to files:
//! standard error on its own for `--format F`, merged into standard output
//! (`2>&1`) for the others. A change that makes almen faster must not change
//! what it writes.
//!
//! Times: the wall time of spawning the command and waiting for it, output
//! to /dev/null, as the median of 10 runs after 2 warm-ups for the folders
//! and of 200 after 20 for single files (`ALMEN_BENCH_RUNS=N` runs each N
//! times, after a tenth as many warm-ups and at least 2, for a quick look). The runs of a group take
//! turns, one run of each case per round, so that a machine that slows down
//! slows all of them alike. Peak memory: a helper copy of this program runs
//! the command once and reads `getrusage(RUSAGE_CHILDREN)`.
//!
//! 1. `sh -c 'cat sector/*.toml > /dev/null'`: the floor, reading every
//!    file once and doing nothing with it.
//! 2. `almen check sector --format json`. Target: at most 0.25 s, at most
//!    1.6 times the floor, at most 60 MB.
//! 3. `almen check sector --summary`. Target: at most 0.2 s.
//! 4. `almen check sector-1000 --format json`: its peak memory beside (2)'s.
//!    Target: the 7,100 files take at most 8 MB more than the 1,000.
//! 5. `almen validate sector`. Target: no slower than before (compare by
//!    hand).
//! 6. `almen check examples/almen.toml` beside `almen --version`, in the
//!    package root. Target: at most 0.5 ms more than `--version`.
//! 7. `almen report examples/mangler.toml -o FILE`, the file removed before
//!    each run. No target.
//!
//! `ALMEN_BENCH_BIN=PATH` measures another `almen` binary on the same data,
//! for figures before and after a change (the hashes still come from the
//! binary measured). The binary measured is a copy in the temp folder, as
//! `cargo install` copies it.
//!
//! It only reports: a missed target prints FAIL, never fails the build.
//! Under `cargo test --benches` it only checks that the setup works, on 20
//! generated assessments.

#![allow(clippy::print_stdout)] // printing the table is the point

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::Read;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use sha2::{Digest, Sha256};

mod common;

use common::max_rss_kib;

const AS_OF: &str = "2026-11-27";
/// Every housing organisation's self-assessment: the sector.
const SECTOR: usize = 7100;
/// The smaller folder whose peak memory (4) is compared with the sector's.
const SMALLER: usize = 1000;
/// Assessments generated under `cargo test --benches`.
const SETUP: usize = 20;
/// Set for the helper copy: run the program and arguments we are given once,
/// in our folder, and print its max RSS in KiB.
const RSS_HELPER: &str = "ALMEN_BENCH_RSS_HELPER";
/// Runs per case, instead of 10 (folders) and 200 (single files).
const RUNS: &str = "ALMEN_BENCH_RUNS";
/// Another `almen` binary to measure instead of this build's.
const BIN: &str = "ALMEN_BENCH_BIN";
/// The hashes of the outputs, as `sha256sum` writes them: `HASH  NAME`.
const RECORDED: &str = include_str!("sector.sha256");
const FORMATS: [&str; 7] = [
    "table", "json", "csv", "junit", "sarif", "github", "markdown",
];

/// Targets.
const CHECK_MAX: Duration = Duration::from_millis(250);
const CHECK_MAX_FLOOR: f64 = 1.6;
const CHECK_MAX_MB: f64 = 60.0;
const SUMMARY_MAX: Duration = Duration::from_millis(200);
const GROWTH_MAX_MB: f64 = 8.0;
const VERSION_MARGIN: Duration = Duration::from_micros(500);

/// The `almen` measured, once [`install`] has put it in place.
static PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// Copies this build's `almen`, or the one `ALMEN_BENCH_BIN` names (to
/// measure an earlier build, a release of it or a commit before a change,
/// on the same data), into `dir`, and measures the copy: `cargo install`
/// copies the binary to where it is run from, and the file the linker
/// wrote started slower than a copy of it (0.2 ms for `almen --version`
/// on the machine of the README's table).
fn install(dir: &Path) {
    let built = std::env::var(BIN).unwrap_or_else(|_| env!("CARGO_BIN_EXE_almen").to_owned());
    let installed = dir.join("bin").join("almen");
    fs::create_dir_all(dir.join("bin")).expect("a folder for almen");
    fs::copy(&built, &installed).expect("almen copied");
    PROGRAM.set(installed).expect("installed once");
}

fn main() {
    if std::env::var_os(RSS_HELPER).is_some() {
        let mut args = std::env::args_os().skip(1);
        let program = args.next().expect("a program to run");
        let mut command = Command::new(program);
        command.args(args);
        common::run(command, 0..=255);
        return println!("{}", max_rss_kib().unwrap_or(0));
    }
    let python = Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !python.is_ok_and(|s| s.success()) {
        return println!(
            "python3 not found: the sector bench needs it to generate its \
             assessments (benches/gen-assessments.py); nothing measured"
        );
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    install(dir);
    if !std::env::args().any(|a| a == "--bench") {
        // `cargo test --benches` runs this on a debug build: check the setup, time nothing.
        return setup(dir);
    }

    generate(dir, SECTOR, "sector");
    generate(dir, SMALLER, "sector-1000");
    let checked = checked(dir, "sector");
    assert_eq!(checked, SECTOR, "every generated assessment is checked");
    let differ = differing(dir);

    let (folder_runs, single_runs) = match std::env::var(RUNS) {
        Ok(n) => {
            let n = n
                .parse()
                .ok()
                .filter(|&n| n > 0)
                .expect("ALMEN_BENCH_RUNS is a number of runs, at least 1");
            (n, n)
        }
        Err(_) => (10, 200),
    };
    let check = |folder: &str, more: &[&str]| {
        let mut args = vec!["check", folder, "--as-of", AS_OF];
        args.extend(more);
        Case::almen(dir, &args, 0..=1)
    };
    let mut folders = [
        Case::new(dir, "sh", &["-c", "cat sector/*.toml > /dev/null"], 0..=0),
        check("sector", &["--format", "json"]),
        check("sector", &["--summary"]),
        check("sector-1000", &["--format", "json"]),
        Case::almen(dir, &["validate", "sector"], 0..=0),
    ];
    measure(&mut folders, folder_runs);
    let report = dir.join("r.html");
    let report_arg = report.to_str().expect("temp dir is UTF-8");
    let mut singles = [
        Case::almen(root, &["--version"], 0..=0),
        Case::almen(
            root,
            &["check", "examples/almen.toml", "--as-of", AS_OF],
            0..=1,
        ),
        Case::almen(
            root,
            &[
                "report",
                "examples/mangler.toml",
                "-o",
                report_arg,
                "--as-of",
                AS_OF,
            ],
            0..=0,
        ),
    ];
    // `report` replaces its output: removed first, every run writes a new file, as the first did.
    singles[2].fresh = Some(report.clone());
    measure(&mut singles, single_runs);

    let [floor, json, summary, smaller, validate] = &folders;
    let [version, single, report] = &singles;
    let ratio = |case: &Case| format!("{:.2}×", secs(case.median) / secs(floor.median));
    let json_pass = json.median <= CHECK_MAX
        && secs(json.median) <= CHECK_MAX_FLOOR * secs(floor.median)
        && json.peak_mb.is_some_and(|mb| mb <= CHECK_MAX_MB);
    let growth = json.peak_mb.zip(smaller.peak_mb).map(|(a, b)| a - b);
    let margin = secs(single.median) - secs(version.median);
    let rows = [
        row(
            &format!(
                "cat sector/*.toml > /dev/null ({} files)",
                thousands(SECTOR)
            ),
            floor,
            "the floor",
            ratio(floor),
            None,
        ),
        row(
            "check sector --format json",
            json,
            &format!("≤ 0.25 s, ≤ {CHECK_MAX_FLOOR}× cat, ≤ {CHECK_MAX_MB} MB"),
            ratio(json),
            Some(json_pass),
        ),
        row(
            "check sector --summary",
            summary,
            "≤ 0.2 s",
            ratio(summary),
            Some(summary.median <= SUMMARY_MAX),
        ),
        row(
            &format!(
                "check sector-1000 --format json ({} files)",
                thousands(SMALLER)
            ),
            smaller,
            "",
            ratio(smaller),
            None,
        ),
        [
            format!(
                "  peak memory, {} − {} files",
                thousands(SECTOR),
                thousands(SMALLER)
            ),
            String::new(),
            format!("≤ {GROWTH_MAX_MB} MB"),
            String::new(),
            growth.map_or("n/a".into(), |mb| format!("{mb:+.1} MB")),
            result(Some(growth.is_some_and(|mb| mb <= GROWTH_MAX_MB))).into(),
        ],
        row(
            "validate sector",
            validate,
            "no slower than before",
            ratio(validate),
            None,
        ),
        row("almen --version", version, "", String::new(), None),
        row(
            "check examples/almen.toml",
            single,
            "≤ --version + 0.5 ms",
            String::new(),
            Some(margin <= secs(VERSION_MARGIN)),
        ),
        [
            "  difference to --version".into(),
            format!("{:+.2} ms", margin * 1e3),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        row(
            "report examples/mangler.toml -o r.html",
            report,
            "",
            String::new(),
            None,
        ),
    ];
    println!(
        "{} assessments from benches/gen-assessments.py, as of {AS_OF}; medians of \
         {folder_runs} runs after {} (folders), {single_runs} after {} (single files)",
        thousands(SECTOR),
        warmups_text(folder_runs),
        warmups_text(single_runs)
    );
    table(
        [
            "work",
            "median wall",
            "target",
            "× cat",
            "peak memory",
            "result",
        ],
        &rows,
    );
    if differ.is_empty() {
        println!("outputs identical to the recorded ones: yes");
    } else {
        println!(
            "outputs identical to the recorded ones: no ({} differ)",
            differ.join(", ")
        );
    }
}

/// Under `cargo test --benches`: 20 assessments generated and checked, and
/// every output hashed, so that a broken generator, runner or list of
/// recorded outputs shows before anyone times anything.
fn setup(dir: &Path) {
    generate(dir, SETUP, "sector");
    assert_eq!(
        checked(dir, "sector"),
        SETUP,
        "every generated assessment is checked"
    );
    let made: Vec<String> = outputs().into_iter().map(|o| o.name).collect();
    let recorded: Vec<String> = recorded().into_keys().collect();
    let mut sorted = made.clone();
    sorted.sort();
    assert_eq!(sorted, recorded, "benches/sector.sha256 has every output");
    // Other files than the recorded ones: only that each output is made.
    hashes(dir);
    println!("bench setup works; time it with `cargo bench --bench sector`");
}

/// Writes `n` assessments into `dir/name` with `benches/gen-assessments.py`.
fn generate(dir: &Path, n: usize, name: &str) {
    let status = Command::new("python3")
        .arg("benches/gen-assessments.py")
        .arg(n.to_string())
        .arg(dir.join(name))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("running python3");
    assert!(status.success(), "gen-assessments.py {n}: {status}");
}

/// How many assessments `almen check folder --format json` scored.
fn checked(dir: &Path, folder: &str) -> usize {
    let out = common::command(
        dir,
        &["check", folder, "--as-of", AS_OF, "--format", "json"],
    )
    .output()
    .expect("running almen");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    json["results"].as_array().map_or(0, Vec::len)
}

/// One output whose hash is recorded: its name in `benches/sector.sha256`,
/// the arguments, whether standard error is merged into it, and `COLUMNS`.
struct Output {
    name: String,
    args: Vec<&'static str>,
    merged: bool,
    columns: Option<&'static str>,
}

/// The recorded outputs, as they were made (cwd holding `sector/`):
///
/// ```sh
/// for f in table json csv junit sarif github markdown; do
///   almen check sector --format $f --as-of 2026-11-27 > $f.out 2>$f.err; done
/// almen check sector --summary --as-of 2026-11-27 > summary.out 2>&1
/// almen check sector --summary --format markdown --as-of 2026-11-27 > summary-md.out 2>&1
/// COLUMNS=80 almen check sector --all --as-of 2026-11-27 > all-table.out 2>&1
/// almen validate sector > validate.out 2>&1
/// almen validate sector --format json > validate-json.out 2>&1
/// ```
fn outputs() -> Vec<Output> {
    let merged = |name: &str, args: &[&'static str], columns| Output {
        name: name.into(),
        args: args.to_vec(),
        merged: true,
        columns,
    };
    let mut outputs: Vec<Output> = FORMATS
        .iter()
        .map(|format| Output {
            name: format!("{format}.out"),
            args: vec!["check", "sector", "--format", format, "--as-of", AS_OF],
            merged: false,
            columns: None,
        })
        .collect();
    outputs.extend([
        merged(
            "summary.out",
            &["check", "sector", "--summary", "--as-of", AS_OF],
            None,
        ),
        merged(
            "summary-md.out",
            &[
                "check",
                "sector",
                "--summary",
                "--format",
                "markdown",
                "--as-of",
                AS_OF,
            ],
            None,
        ),
        merged(
            "all-table.out",
            &["check", "sector", "--all", "--as-of", AS_OF],
            Some("80"),
        ),
        merged("validate.out", &["validate", "sector"], None),
        merged(
            "validate-json.out",
            &["validate", "sector", "--format", "json"],
            None,
        ),
    ]);
    outputs
}

/// The recorded hashes by output name.
fn recorded() -> BTreeMap<String, String> {
    RECORDED
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let (hash, name) = line.split_once("  ").expect("HASH  NAME");
            (name.to_owned(), hash.to_owned())
        })
        .collect()
}

/// Runs every output's command in `dir`, its output written to a file (not
/// a terminal, as when they were recorded), and returns each one's SHA-256.
fn hashes(dir: &Path) -> BTreeMap<String, String> {
    let files = dir.join("outputs");
    fs::create_dir_all(&files).expect("temp folder");
    outputs()
        .into_iter()
        .map(|output| {
            let path = files.join(&output.name);
            let stdout = File::create(&path).expect("output file");
            // `2>&1`: the same open file, so the two streams interleave as written.
            let stderr = if output.merged {
                stdout.try_clone().expect("output file")
            } else {
                File::create(path.with_extension("err")).expect("output file")
            };
            let mut command = common::command(dir, &output.args);
            if let Some(columns) = output.columns {
                command.env("COLUMNS", columns);
            }
            command
                .stdin(Stdio::null())
                .stdout(stdout)
                .stderr(stderr)
                .status()
                .expect("running almen");
            let hash = sha256(&path);
            assert!(
                fs::metadata(&path).is_ok_and(|m| m.len() > 0),
                "almen {:?} wrote something",
                output.args
            );
            // Up to 85 MB each: not kept once hashed.
            fs::remove_file(&path).ok();
            fs::remove_file(path.with_extension("err")).ok();
            (output.name, hash)
        })
        .collect()
}

/// The names of the outputs whose hash is not the recorded one, or that
/// have no recorded hash, or that were recorded and not made.
fn differing(dir: &Path) -> Vec<String> {
    let made = hashes(dir);
    let recorded = recorded();
    let mut names: Vec<&String> = made.keys().chain(recorded.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|name| made.get(*name) != recorded.get(*name))
        .cloned()
        .collect()
}

/// The SHA-256 of a file, in lower-case hex, as `sha256sum` prints it.
fn sha256(path: &Path) -> String {
    let mut file = File::open(path).expect("output file");
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut buffer).expect("reading the output");
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One command timed: where it runs, the exit codes it may give, and what
/// was measured.
struct Case {
    program: OsString,
    args: Vec<String>,
    dir: PathBuf,
    codes: RangeInclusive<i32>,
    /// A file removed before each run.
    fresh: Option<PathBuf>,
    times: Vec<Duration>,
    median: Duration,
    peak_mb: Option<f64>,
}

impl Case {
    fn new(dir: &Path, program: &str, args: &[&str], codes: RangeInclusive<i32>) -> Case {
        Case {
            program: program.into(),
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            dir: dir.to_owned(),
            codes,
            fresh: None,
            times: Vec::new(),
            median: Duration::ZERO,
            peak_mb: None,
        }
    }

    /// `almen`, as [`install`] put it in place.
    fn almen(dir: &Path, args: &[&str], codes: RangeInclusive<i32>) -> Case {
        let program = PROGRAM.get().expect("almen is installed first");
        Case::new(dir, &program.to_string_lossy(), args, codes)
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        common::without_output_env(command.args(&self.args).current_dir(&self.dir));
        command
    }

    fn run(&mut self) -> Duration {
        if let Some(file) = &self.fresh {
            fs::remove_file(file).ok();
        }
        common::run(self.command(), self.codes.clone())
    }

    /// Its max RSS in MB, from a helper copy of this program that runs it once.
    fn peak(&mut self) -> Option<f64> {
        if let Some(file) = &self.fresh {
            fs::remove_file(file).ok();
        }
        let mut helper = Command::new(std::env::current_exe().expect("own path"));
        helper
            .arg(&self.program)
            .args(&self.args)
            .current_dir(&self.dir)
            .env(RSS_HELPER, "1");
        let out = common::without_output_env(&mut helper)
            .output()
            .expect("running the RSS helper");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|&kib| kib > 0)
            .map(|kib| kib as f64 * 1024.0 / 1e6)
    }
}

/// Warm-up runs before `runs` timed ones: a tenth as many, at least 2.
fn warmups(runs: usize) -> usize {
    (runs / 10).max(2)
}

fn warmups_text(runs: usize) -> String {
    format!("{} warm-ups", warmups(runs))
}

/// 7100 as 7,100.
fn thousands(n: usize) -> String {
    match n {
        0..1000 => n.to_string(),
        _ => format!("{},{:03}", thousands(n / 1000), n % 1000),
    }
}

/// Times each case `runs` times after the warm-ups, the cases taking
/// turns, and measures each one's peak memory.
fn measure(cases: &mut [Case], runs: usize) {
    let warmup = warmups(runs);
    for round in 0..warmup + runs {
        for case in cases.iter_mut() {
            let took = case.run();
            if round >= warmup {
                case.times.push(took);
            }
        }
    }
    for case in cases {
        case.times.sort();
        case.median = case.times[case.times.len() / 2];
        case.peak_mb = case.peak();
    }
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn result(pass: Option<bool>) -> &'static str {
    match pass {
        None => "",
        Some(true) => "PASS",
        Some(false) => "FAIL",
    }
}

/// A row of the table: work, median wall, target, ratio to the floor, peak
/// memory, result.
fn row(work: &str, case: &Case, target: &str, ratio: String, pass: Option<bool>) -> [String; 6] {
    [
        work.to_owned(),
        format!("{:.2} ms", secs(case.median) * 1e3),
        target.to_owned(),
        ratio,
        case.peak_mb
            .map_or("n/a".into(), |mb| format!("{mb:.1} MB")),
        result(pass).to_owned(),
    ]
}

/// Prints the rows under the header, each column as wide as its widest
/// cell; the work and the target left-aligned, the figures right-aligned.
fn table<const N: usize>(header: [&str; N], rows: &[[String; N]]) {
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([header[i].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..N).map(width).collect();
    let line = |cells: [&str; N]| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let w = widths[i];
            let cell = if matches!(i, 0 | 2) || i == N - 1 {
                format!("{cell:<w$}")
            } else {
                format!("{cell:>w$}")
            };
            out.push_str(&cell);
            out.push_str("  ");
        }
        println!("{}", out.trim_end());
    };
    line(header);
    for row in rows {
        line(std::array::from_fn(|i| row[i].as_str()));
    }
}
