//! End-to-end tests of the `almen` binary, one file per feature:
//!
//! - `exit_codes`: `--fail-on`, `--fail-under`, and arguments that make no
//!   sense;
//! - `fail_under`: every format says so when `--fail-under` (or
//!   `--fail-on` under a compliant verdict) fails the run;
//! - `bad_input`: every diagnostic for a file that cannot be checked;
//! - `table`, `json`, `formats`, `sarif`: what `check` prints, and
//!   `report`;
//! - `statement`: `report --format statement`, the public comply-or-explain
//!   statement;
//! - `report`: the board's report as the board reads it, each example in
//!   each format and language;
//! - `several`: several assessments, named or as a folder;
//! - `parallel`: a folder checked on many threads prints what one thread
//!   would;
//! - `diff`: what changed between two assessments, OLD from standard input
//!   too;
//! - `overview`: `report` of several assessments or a folder, the overview
//!   of many organisations;
//! - `calendar`: `almen calendar`, read by a strict reading of RFC 5545
//!   and an independent parser, and held to `check`'s JSON;
//! - `outputs`: `check -o`, `--also` and the GitHub step summary;
//! - `status_words`: status words as people write them, and the words a
//!   duty is shown with;
//! - `environment`: the same bytes twice, language and colour;
//! - `pipe`: a reader that stops early;
//! - `evidence`: evidence paths that leave the assessment's folder;
//! - `lint`, `validate`: every warning code, then errors, JSON, folders and
//!   `--explain`;
//! - `init`: the template;
//! - `catalog`: `list`, `show`, `schema`, `completions`, `man`, `--help`;
//! - `escaping`: user text in every format;
//! - `recipes`: the CI recipes of `examples/ci/`;
//! - `fuzz_corpus`: the fuzz corpus and regressions, through the fuzz
//!   targets' own harness;
//! - `hostile`, `hostile_output`: what a file written by someone else may
//!   not make almen do, and output formats that cannot be turned against
//!   their reader;
//! - `robustness`: what went wrong once, so it cannot come back.
//!
//! This file holds only the helpers they share. The README documents what
//! the tests hold the binary to: the scoring rules, the output formats, the
//! exit codes and the diagnostic codes.
//!
//! Every run passes `--as-of 2026-11-27 --color never` (unless a test is
//! about colour) and has `ALMEN_LANG`, `NO_COLOR`, `COLUMNS` and
//! `GITHUB_STEP_SUMMARY` removed, so
//! the output does not depend on the day or the machine. Snapshots live in
//! `tests/cli/snapshots/`, named `cli__<file>__<name>.snap`; create or update
//! them with `INSTA_UPDATE=always cargo test --test cli` and read the diff. A
//! test that moves to another file takes its snapshot along: `git mv` the
//! `.snap` to the new file's name, so its content stays the same. With
//! cargo-insta, `cargo insta test --test cli --unreferenced=reject` also
//! fails on a snapshot no test uses.

mod bad_input;
#[cfg(feature = "serve")]
mod browser;
mod calendar;
mod catalog;
mod diff;
mod environment;
mod escaping;
mod evidence;
mod exit_codes;
mod fail_under;
mod formats;
mod fuzz_corpus;
mod hostile;
mod hostile_output;
mod init;
mod json;
mod legal;
mod lint;
mod municipalities;
mod outputs;
mod overview;
mod parallel;
#[cfg(unix)]
mod pipe;
mod recipes;
mod report;
mod robustness;
mod sarif;
#[cfg(feature = "serve")]
mod serve;
mod several;
mod statement;
mod status_words;
mod summary;
mod table;
mod validate;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use predicates::prelude::*;
use serde_json::Value;

/// The day every run is checked as of.
const AS_OF: &str = "2026-11-27";

// ---------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn invalid_dir() -> PathBuf {
    root().join("tests/fixtures/invalid")
}

fn lint_dir() -> PathBuf {
    root().join("tests/fixtures/lint")
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

/// `almen` run from the crate root, with no environment that changes its
/// output.
fn almen() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("almen"));
    cmd.current_dir(root())
        .env_remove("ALMEN_LANG")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// `almen` run in `dir`.
fn almen_in(dir: &Path) -> Command {
    let mut cmd = almen();
    cmd.current_dir(dir);
    cmd
}

/// `almen check ARGS… --as-of 2026-11-27 --color never`.
fn check(args: &[&str]) -> Command {
    let mut cmd = almen();
    cmd.arg("check")
        .args(args)
        .args(["--as-of", AS_OF, "--color", "never"]);
    cmd
}

/// `check` run inside `tests/fixtures/invalid`, so that file names in
/// diagnostics are as short as the names given.
fn check_invalid(args: &[&str]) -> Command {
    let mut cmd = check(args);
    cmd.current_dir(invalid_dir());
    cmd
}

/// `almen validate ARGS… --as-of 2026-11-27 --color never` from the crate
/// root.
fn validate(args: &[&str]) -> Command {
    let mut cmd = almen();
    cmd.arg("validate")
        .args(args)
        .args(["--as-of", AS_OF, "--color", "never"]);
    cmd
}

/// `validate` run inside `tests/fixtures/lint`, so that file names in
/// diagnostics are as short as the names given.
fn validate_lint(args: &[&str]) -> Command {
    let mut cmd = validate(args);
    cmd.current_dir(lint_dir());
    cmd
}

// ---------------------------------------------------------------------------
// Running them
// ---------------------------------------------------------------------------

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

fn stdout_of(assert: &Assert) -> String {
    text(&assert.get_output().stdout)
}

fn stderr_of(assert: &Assert) -> String {
    text(&assert.get_output().stderr)
}

/// Runs a command that must fail with exit code 2 and print nothing on
/// stdout, checks that stderr contains every one of `needles`, and returns
/// stderr.
fn fails(mut cmd: Command, needles: &[&str]) -> String {
    let mut assert = cmd.assert().code(2).stdout(predicate::str::is_empty());
    for needle in needles {
        assert = assert.stderr(predicate::str::contains(*needle));
    }
    stderr_of(&assert)
}

/// `almen ARGS… --as-of 2026-11-27 --color never` from the crate root: its
/// exit code and stdout; it must print nothing on stderr.
fn output(args: &[&str]) -> (i32, String) {
    let out = almen()
        .args(args)
        .args(["--as-of", AS_OF, "--color", "never"])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// Runs a command given several files (or a folder) that must fail with
/// exit code 2, checks that stderr contains every one of `needles`, and
/// returns stdout, where each file is, those that could not be checked too,
/// and stderr.
fn fails_several(mut cmd: Command, needles: &[&str]) -> (String, String) {
    let mut assert = cmd.assert().code(2);
    for needle in needles {
        assert = assert.stderr(predicate::str::contains(*needle));
    }
    (stdout_of(&assert), stderr_of(&assert))
}

/// Runs `almen ARGS` from the crate root with a terminal for its standard
/// output, made by util-linux `script` (part of every Debian system): its
/// exit code and what the terminal showed. Without `script` the test fails
/// rather than pass having checked nothing.
fn in_a_terminal(args: &str) -> (Option<i32>, String) {
    let bin = assert_cmd::cargo::cargo_bin!("almen");
    let line = format!("'{}' {args}", bin.display());
    let output = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(root())
        .env_remove("ALMEN_LANG")
        .output()
        .expect("util-linux `script`, to give almen a terminal");
    let seen = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.code(), seen)
}

/// Runs a command that must exit with `code` and returns stdout.
fn exits(mut cmd: Command, code: i32) -> String {
    let assert = cmd.assert().code(code);
    stdout_of(&assert)
}

/// Runs a command that must exit 0 with nothing on stderr; returns stdout.
fn succeeds(mut cmd: Command) -> String {
    let assert = cmd.assert().code(0).stderr(predicate::str::is_empty());
    stdout_of(&assert)
}

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

/// Parses one JSON document; one that is `check`'s result (it has
/// `format` and `as_of`) must also fit `almen schema result`, so every
/// result the tests read is checked against the schema.
fn json(stdout: &str) -> Value {
    let doc: Value = serde_json::from_str(stdout).expect("stdout is one JSON document");
    if doc.get("format").is_some() && doc.get("as_of").is_some() {
        fits_result_schema(&doc);
    }
    doc
}

/// Panics with every error unless `doc` fits the JSON Schema of `check
/// --format json`.
fn fits_result_schema(doc: &Value) {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    let validator = SCHEMA.get_or_init(|| {
        jsonschema::options()
            .should_validate_formats(true)
            .build(&almen::schema::schema(almen::schema::Described::Result))
            .expect("the result schema is a valid JSON Schema")
    });
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "does not fit the result schema: {errors:#?}\n{doc:#}"
    );
}

fn str_field<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {value}"))
}

fn array<'a>(value: &'a Value, key: &str) -> &'a Vec<Value> {
    value[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is not an array in {value}"))
}

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

/// Copies a directory tree (files and folders only).
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// An example assessment copied into `dir` as `name`, with the documents
/// its evidence names beside it.
fn example_into(example: &str, dir: &Path, name: &str) {
    fs::copy(root().join("examples").join(example), dir.join(name)).unwrap();
    copy_dir(
        &root().join("examples/dokumentation"),
        &dir.join("dokumentation"),
    );
}

/// A small assessment of the built-in checklist, dated 2026-01-01, with
/// `answers` (TOML tables) after its head.
fn assessment_with(answers: &str) -> String {
    format!(
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\n\
         checklists = [\"samarbejde-med-omverdenen\"]\ndate = 2026-01-01\n{answers}"
    )
}

/// Runs a command: its exit code, and what it printed on both streams.
fn said(mut cmd: Command) -> (Option<i32>, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        format!("{}{}", text(&out.stdout), text(&out.stderr)),
    )
}
