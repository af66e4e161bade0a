//! Whole-process benchmark of `almen calendar` on the release build.
//!
//! Run: `cargo bench --bench calendar`. The `bench` profile inherits
//! `release`, and Cargo builds the `almen` binary for it
//! (`CARGO_BIN_EXE_almen`).
//!
//! Measures the wall time of spawning `almen` and waiting for it, the CPU
//! time it took (user and system, from `getrusage(RUSAGE_CHILDREN)` before
//! and after each run: on a machine busy with other work, the wall time
//! says more about the others), and the peak memory (max RSS) of one run:
//! a helper copy of this program runs it once and reads the same figure.
//!
//! 1. `almen calendar examples/mangler.toml -o FILE`: 200 runs after 20
//!    warm-ups. Target: median under 10 ms.
//! 2. `almen calendar <folder> -o FILE` over a temp folder of 1,000
//!    assessments generated from `examples/almen.toml` and
//!    `examples/mangler.toml` (other names, CVR numbers, statuses and dates;
//!    `egne-krav.toml` and `dokumentation/` copied beside them): 10 runs
//!    after 2 warm-ups. Targets: median under 0.5 s, peak memory under
//!    100 MB.
//!
//! The median CPU time is reported beside the wall times. It only reports:
//! a missed target prints FAIL, never fails the build.
//! Under `cargo test --benches` it only checks that the setup works.

#![allow(clippy::print_stdout)] // printing the table is the point

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const AS_OF: &str = "2026-11-27";
const ASSESSMENTS: usize = 1000;
/// Set for the helper copy: run `almen` with our arguments once, print its
/// max RSS in KiB.
const RSS_HELPER: &str = "ALMEN_BENCH_RSS_HELPER";

mod common;

use common::max_rss_kib;

/// One run of the release `almen`, its wall time. A calendar that was written exits 0.
fn almen(args: &[&str]) -> Duration {
    common::almen(args, 0..=0)
}

fn main() {
    if std::env::var_os(RSS_HELPER).is_some() {
        let args: Vec<String> = std::env::args().skip(1).collect();
        almen(&args.iter().map(String::as_str).collect::<Vec<_>>());
        return println!("{}", max_rss_kib().unwrap_or(0));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("organisationer");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    generate(&examples, &folder);
    let folder = folder.to_str().expect("temp dir is UTF-8");
    let ics = dir.path().join("frister.ics");
    let ics = ics.to_str().expect("temp dir is UTF-8");

    // Every generated organisation has deadlines in the calendar.
    almen(&["calendar", folder, "--as-of", AS_OF, "-o", ics]);
    let written = fs::read_to_string(ics).expect("the calendar was written");
    let events = written.matches("BEGIN:VEVENT\r\n").count();
    assert!(
        events >= ASSESSMENTS,
        "{events} events for {ASSESSMENTS} assessments"
    );
    if !std::env::args().any(|a| a == "--bench") {
        // `cargo test --benches` runs this on a debug build: check the setup, time nothing.
        return println!("bench setup works; time it with `cargo bench --bench calendar`");
    }

    println!(
        "{:<36} {:>5} {:>10} {:>10} {:>10} {:>10} {:>9}  {:<16} result",
        "case", "runs", "median", "p90", "min", "CPU", "max RSS", "target"
    );
    let single = [
        "calendar",
        "examples/mangler.toml",
        "--as-of",
        AS_OF,
        "-o",
        ics,
    ];
    bench("calendar mangler.toml", &single, 20, 200, 10, None);
    let folder_args = ["calendar", folder, "--as-of", AS_OF, "-o", ics];
    let name = format!("calendar {ASSESSMENTS} files ({events} events)");
    bench(&name, &folder_args, 2, 10, 500, Some(100));
}

/// Times `runs` runs after `warmup` ones, measures one run's max RSS, and
/// prints a row: pass when the median is under `max_ms` and the max RSS
/// under `max_mb` (if given).
fn bench(name: &str, args: &[&str], warmup: usize, runs: usize, max_ms: u64, max_mb: Option<u64>) {
    for _ in 0..warmup {
        almen(args);
    }
    let (mut times, mut cpu): (Vec<Duration>, Vec<Duration>) = (0..runs)
        .map(|_| {
            let before = children_cpu();
            let wall = almen(args);
            (wall, children_cpu().saturating_sub(before))
        })
        .unzip();
    times.sort();
    cpu.sort();
    let (median, p90) = (times[runs / 2], times[(runs * 9).div_ceil(10) - 1]);
    let helper = Command::new(std::env::current_exe().expect("own path"))
        .args(args)
        .env(RSS_HELPER, "1")
        .output()
        .expect("running the RSS helper");
    let rss_mb = String::from_utf8_lossy(&helper.stdout)
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|&kib| kib > 0)
        .map(|kib| kib as f64 * 1024.0 / 1e6);
    let pass = median < Duration::from_millis(max_ms)
        && max_mb.is_none_or(|max| rss_mb.is_some_and(|mb| mb < max as f64));
    let rss = rss_mb.map_or("n/a".into(), |mb| format!("{mb:.1} MB"));
    let target = match (max_ms, max_mb) {
        (ms, None) => format!("median < {ms} ms"),
        (ms, Some(mb)) => format!("< {} s, < {mb} MB", ms as f64 / 1000.0),
    };
    let [median, p90, min, cpu] =
        [median, p90, times[0], cpu[runs / 2]].map(|d| format!("{:.2} ms", d.as_secs_f64() * 1e3));
    let result = if pass { "pass" } else { "FAIL" };
    println!(
        "{name:<36} {runs:>5} {median:>10} {p90:>10} {min:>10} {cpu:>10} {rss:>9}  {target:<16} {result}"
    );
}

/// The CPU time (user and system) of every child waited for so far.
#[cfg(unix)]
fn children_cpu() -> Duration {
    use nix::sys::resource::{UsageWho, getrusage};
    let time = |t: nix::sys::time::TimeVal| {
        Duration::new(t.tv_sec().max(0) as u64, (t.tv_usec().max(0) as u32) * 1000)
    };
    getrusage(UsageWho::RUSAGE_CHILDREN)
        .map(|u| time(u.user_time()) + time(u.system_time()))
        .unwrap_or_default()
}

#[cfg(not(unix))]
fn children_cpu() -> Duration {
    Duration::ZERO
}

/// Writes the assessments into `dir`, alternating the two examples, each
/// with its own organisation and CVR number, fresh dates, and about a
/// quarter of its statuses changed; some plans get a due date ahead.
fn generate(examples: &Path, dir: &Path) {
    let words = |s: &'static str| s.split(',').collect::<Vec<_>>();
    let kinds = words("Boligforeningen,Boligselskabet,Andelsboligforeningen,AAB");
    let places =
        words("Havbakken,Fjordglimt,Åbyhøj,Nørrebro,Skovlunden,Engparken,Solhøj,Vestergård");
    let statuses = words("met,partial,unmet,følger,følger-delvist,opfyldt");
    let docs = dir.join("dokumentation");
    fs::create_dir_all(&docs).expect("temp folder");
    fs::copy(examples.join("egne-krav.toml"), dir.join("egne-krav.toml")).expect("copy checklist");
    for doc in fs::read_dir(examples.join("dokumentation")).expect("examples/dokumentation") {
        let doc = doc.expect("examples/dokumentation").path();
        fs::copy(&doc, docs.join(doc.file_name().unwrap())).expect("copy evidence");
    }
    let templates =
        ["almen.toml", "mangler.toml"].map(|f| fs::read_to_string(examples.join(f)).unwrap());
    let mut seed = 0x2545_F491_4F6C_DD1D_u64;
    let mut rand = |below: usize| {
        // xorshift64: deterministic, so every run writes the same calendar.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % below as u64) as usize
    };
    for i in 0..ASSESSMENTS {
        let mut text = String::new();
        for line in templates[i % 2].lines() {
            let key = line.split('=').next().unwrap_or("").trim();
            let new = match key {
                "name" => format!(
                    "name = \"{} {} {}\"",
                    kinds[i % 4],
                    places[i / 4 % 8],
                    i + 1
                ),
                "cvr" => format!("cvr = \"{}\"", 10_000_000 + i * 7_919),
                "status" if rand(4) == 0 => format!("status = \"{}\"", statuses[rand(6)]),
                "date" => {
                    let year = 2024 + rand(3);
                    let month = 1 + rand(if year == 2026 { 10 } else { 12 });
                    format!("date = {year}-{month:02}-{:02}", 1 + rand(28))
                }
                _ if key == "plan" && line.contains("due = ") => {
                    let due = format!("due = 2027-{:02}-{:02}", 1 + rand(12), 1 + rand(28));
                    let (head, _) = line.split_once("due = ").expect("a due date");
                    format!("{head}{due} }}")
                }
                _ => line.to_owned(),
            };
            text.push_str(&new);
            text.push('\n');
        }
        fs::write(dir.join(format!("organisation-{:04}.toml", i + 1)), text).expect("write");
    }
}
