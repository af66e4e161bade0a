//! Whole-process benchmark of the overview of many organisations (`almen
//! report FOLDER`), on the release build.
//!
//! Run: `cargo bench --bench overview`. The `bench` profile inherits
//! `release`, and Cargo builds the `almen` binary for it
//! (`CARGO_BIN_EXE_almen`).
//!
//! A temp folder of 1,000 assessments is generated from the six of
//! `examples/kommune/` (other names, ten municipalities and some with none,
//! about a quarter of the statuses changed, other dates), and the overview
//! of all of them is written to standard output (/dev/null): HTML, HTML
//! grouped by municipality, and Markdown. 10 runs after 2 warm-ups each;
//! the wall time of spawning `almen` and waiting for it, and the peak
//! memory (max RSS) of one run, measured by a helper copy of this program
//! that runs it once and reads `getrusage(RUSAGE_CHILDREN)`.
//!
//! Targets: median under 1 s, peak memory under 150 MB.
//!
//! It only reports: a missed target prints FAIL, never fails the build.
//! Under `cargo test --benches` it only checks that the setup works.

#![allow(clippy::print_stdout)] // printing the table is the point

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const AS_OF: &str = "2026-11-27";
const ORGANISATIONS: usize = 1000;
/// Set for the helper copy: run `almen` with our arguments once, print its
/// max RSS in KiB.
const RSS_HELPER: &str = "ALMEN_BENCH_RSS_HELPER";

mod common;

use common::max_rss_kib;

/// One run of the release `almen`, its wall time. The overview of files that were all checked exits 0.
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
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kommune");
    generate(&examples, dir.path());
    let folder = dir.path().to_str().expect("temp dir is UTF-8");
    let out = Command::new(env!("CARGO_BIN_EXE_almen"))
        .args(["report", folder, "--as-of", AS_OF, "--format", "markdown"])
        .output()
        .expect("running almen");
    assert_eq!(
        out.status.code(),
        Some(0),
        "every generated assessment is checked"
    );
    let markdown = String::from_utf8(out.stdout).expect("UTF-8");
    let rows = markdown
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" | ✔ |"))
        .count();
    assert!(
        rows > ORGANISATIONS / 2,
        "the matrix has the organisations: {rows} rows"
    );
    if !std::env::args().any(|a| a == "--bench") {
        // `cargo test --benches` runs this on a debug build: check the setup, time nothing.
        return println!("bench setup works; time it with `cargo bench --bench overview`");
    }

    println!(
        "{:<48} {:>5} {:>10} {:>10} {:>10} {:>9} {:>9}  {:<17} result",
        "case", "runs", "median", "p90", "min", "max RSS", "output", "target"
    );
    let cases: [(&str, &[&str]); 3] = [
        ("HTML", &[]),
        (
            "HTML --group-by municipality",
            &["--group-by", "municipality"],
        ),
        ("--format markdown", &["--format", "markdown"]),
    ];
    for (name, extra) in cases {
        let mut args = vec!["report", folder, "--as-of", AS_OF];
        args.extend_from_slice(extra);
        let name = format!("report {ORGANISATIONS} files {name}");
        bench(&name, &args, 2, 10, 1000, 150);
    }
}

/// Times `runs` runs after `warmup` ones, measures one run's max RSS and
/// output size, and prints a row: pass when the median is under `max_ms`
/// and the max RSS under `max_mb`.
fn bench(name: &str, args: &[&str], warmup: usize, runs: usize, max_ms: u64, max_mb: u64) {
    for _ in 0..warmup {
        almen(args);
    }
    let mut times: Vec<Duration> = (0..runs).map(|_| almen(args)).collect();
    times.sort();
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
    let size = Command::new(env!("CARGO_BIN_EXE_almen"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .map_or(0, |o| o.stdout.len());
    let pass =
        median < Duration::from_millis(max_ms) && rss_mb.is_some_and(|mb| mb < max_mb as f64);
    let rss = rss_mb.map_or("n/a".into(), |mb| format!("{mb:.1} MB"));
    let output = format!("{:.1} MB", size as f64 / 1e6);
    let target = format!("< {} s, < {max_mb} MB", max_ms as f64 / 1000.0);
    let [median, p90, min] =
        [median, p90, times[0]].map(|d| format!("{:.2} ms", d.as_secs_f64() * 1e3));
    let result = if pass { "pass" } else { "FAIL" };
    println!(
        "{name:<48} {runs:>5} {median:>10} {p90:>10} {min:>10} {rss:>9} {output:>9}  {target:<17} {result}"
    );
}

/// Writes the organisations into `dir`, each from one of the examples in
/// turn, with its own name, municipality (or none), dates and about a
/// quarter of its statuses changed. Deterministic: every run times the same
/// folder.
fn generate(examples: &Path, dir: &Path) {
    let words = |s: &'static str| s.split(',').collect::<Vec<_>>();
    let kinds = words("Boligforeningen,Boligselskabet,Andelsboligforeningen,Boligorganisationen");
    let places = words(
        "Engparken,Skovbrynet,Åløkken,Fjordbakken,Møllevangen,Søndergården,Kærholm,Bøgelunden",
    );
    let kommuner = words(
        "Randers,Favrskov,Norddjurs,Syddjurs,Aarhus,Viborg,Silkeborg,Skanderborg,Horsens,Odder",
    );
    let statuses =
        words("met,partial,unmet,not-applicable,følger,følger-delvist,følger-ikke,ikke-relevant");
    let mut templates: Vec<String> = fs::read_dir(examples)
        .expect("examples/kommune")
        .map(|e| e.expect("examples/kommune").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| fs::read_to_string(p).expect("an example"))
        .collect();
    templates.sort();
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut rand = |below: usize| {
        // xorshift64: deterministic, so every run checks the same folder.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % below as u64) as usize
    };
    for i in 0..ORGANISATIONS {
        let mut text = String::new();
        for line in templates[i % templates.len()].lines() {
            let new = match line.split('=').next().unwrap_or("").trim() {
                "name" => format!(
                    "name = \"{} {} {}\"",
                    kinds[i % 4],
                    places[i / 4 % 8],
                    i + 1
                ),
                "municipality" => match rand(11) {
                    10 => String::new(),
                    k => format!("municipality = \"{} Kommune\"", kommuner[k]),
                },
                "status" if rand(4) == 0 => format!("status = \"{}\"", statuses[rand(8)]),
                "date" if !line.starts_with("date = 2026-11") => {
                    let year = 2024 + rand(3);
                    let month = 1 + rand(if year == 2026 { 10 } else { 12 });
                    format!("date = {year}-{month:02}-{:02}", 1 + rand(28))
                }
                _ => line.to_owned(),
            };
            text.push_str(&new);
            text.push('\n');
        }
        fs::write(dir.join(format!("organisation-{:04}.toml", i + 1)), text).expect("write");
    }
}
