//! A reader that stops early (`almen check | head -1`): almen stops quietly,
//! with no panic and no error, and exits with the check's own code. Unix
//! only: the tests run pipelines in `sh`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use predicates::prelude::*;

use crate::{AS_OF, root};

fn sh_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// Runs `almen ARGS | READER` in `sh` (no pipefail) from the crate root and
/// returns the pipeline's result together with almen's own exit code.
fn piped(args: &str, reader: &str) -> (Assert, i32) {
    piped_after("", args, reader)
}

/// As [`piped`], with almen started only after `wait` (a `sleep`, so that a
/// reader like `true` is sure to be gone before almen writes).
fn piped_after(wait: &str, args: &str, reader: &str) -> (Assert, i32) {
    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("status");
    let bin = sh_quote(assert_cmd::cargo::cargo_bin!("almen"));
    let script = format!(
        "{{ {wait} {bin} {args}; echo $? >{}; }} | {reader}",
        sh_quote(&status)
    );
    let mut cmd = Command::new("sh");
    cmd.current_dir(root())
        .env_remove("ALMEN_LANG")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .args(["-c", &script]);
    let assert = cmd.assert();
    let code = fs::read_to_string(&status).unwrap().trim().parse().unwrap();
    (assert, code)
}

/// Far more output than a pipe buffer holds, so almen is still writing when
/// the reader goes away and a write fails with a broken pipe.
fn many_manglers() -> String {
    vec!["examples/mangler.toml"; 40].join(" ")
}

#[test]
fn head_closing_the_pipe_is_no_error() {
    let (assert, code) = piped(
        &format!("check examples/mangler.toml --as-of {AS_OF}"),
        "head -1",
    );
    assert
        .success()
        .stdout("Boligselskabet Fjordglimt (Randers Kommune)\n")
        .stderr(predicate::str::is_empty());
    // No panic (101) and no error (2): the check's own code, whether or
    // not almen's write met the closed pipe.
    assert_eq!(code, 1, "almen exited {code}");
}

#[test]
fn head_closing_the_pipe_on_long_table_is_no_error() {
    let (assert, code) = piped(
        &format!("check {} --all --as-of {AS_OF}", many_manglers()),
        "head -1",
    );
    assert
        .success()
        .stdout("Boligselskabet Fjordglimt (Randers Kommune)\n")
        .stderr(predicate::str::is_empty());
    // No panic (101) and no error (2): the check's own code.
    assert_eq!(code, 1, "almen exited {code}");
}

#[test]
fn head_closing_the_pipe_on_long_json_is_no_error() {
    let (assert, code) = piped(
        &format!(
            "check {} --all --as-of {AS_OF} --format json",
            many_manglers()
        ),
        "head -c 10",
    );
    assert
        .success()
        .stdout("{\n  \"forma")
        .stderr(predicate::str::is_empty());
    assert_eq!(code, 1, "almen exited {code}");
}

#[test]
fn completions_into_a_closed_pipe_do_not_panic() {
    let bin = assert_cmd::cargo::cargo_bin("almen");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' completions bash | head -c 1 >/dev/null; '{}' man | head -c 1 >/dev/null",
            bin.display(),
            bin.display()
        ))
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Regression: a closed pipe used to turn any exit code into 0, so
/// `almen validate BAD | true` passed in CI.
#[test]
fn a_closed_pipe_keeps_the_exit_code_of_errors() {
    let bad = "tests/fixtures/invalid/unknown-key.toml";
    for args in [
        format!("validate {bad}"),
        format!("validate {bad} 2>&1"),
        format!("check {bad} --as-of {AS_OF} 2>&1"),
    ] {
        let (assert, code) = piped_after("sleep 0.3;", &args, "true");
        assert.success();
        assert_eq!(code, 2, "almen {args} exited {code}");
    }
}

/// Regression: the CSV and JUnit writers used to wrap the broken pipe in
/// their own error, which almen printed ("Broken pipe") and exited 2 on.
#[test]
fn a_closed_pipe_is_no_error_in_csv_and_junit() {
    for format in ["csv", "junit"] {
        let (assert, code) = piped(
            &format!(
                "check {} --all --as-of {AS_OF} --format {format}",
                many_manglers()
            ),
            "head -1 >/dev/null",
        );
        assert.success().stderr(predicate::str::is_empty());
        assert_eq!(code, 1, "--format {format}: almen exited {code}");
    }
}

/// A write that fails for another reason than a closed pipe (a full disk)
/// is an error with a code, exit 2.
#[test]
fn a_full_disk_is_e019() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let (assert, code) = piped(
        &format!("check examples/mangler.toml --as-of {AS_OF} 2>&1 >/dev/full"),
        "cat",
    );
    assert
        .success()
        .stdout(predicate::str::contains("fejl[E019]"));
    assert_eq!(code, 2, "almen exited {code}");
}
