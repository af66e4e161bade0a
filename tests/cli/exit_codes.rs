//! What decides the exit code of `check`: 0 when nothing is at or above
//! `--fail-on` and adherence is not under `--fail-under`, 1 when it is, and
//! 2 for arguments that make no sense (as the README's "Exit codes" says).
//! The defaults on the two examples (0 for `examples/almen.toml`, 1 for
//! `examples/mangler.toml`) are asserted by `table_compliant_da` and
//! `table_gaps_da` in table.rs, which run those very commands.

use crate::{almen, check, exits, fails};

#[test]
fn fail_on_never_exits_0_despite_gaps() {
    exits(check(&["examples/mangler.toml", "--fail-on", "never"]), 0);
}

#[test]
fn fail_on_critical_exits_1_on_critical_gaps() {
    exits(
        check(&["examples/mangler.toml", "--fail-on", "critical"]),
        1,
    );
}

#[test]
fn minor_gaps_pass_by_default_and_fail_with_fail_on_minor() {
    let fixture = "tests/fixtures/valid/kun-mindre.toml";
    let stdout = exits(check(&[fixture]), 0);
    assert!(
        stdout.contains("0 kritiske, 0 væsentlige, 2 mindre"),
        "{stdout}"
    );
    exits(check(&[fixture, "--fail-on", "major"]), 0);
    exits(check(&[fixture, "--fail-on", "critical"]), 0);
    exits(check(&[fixture, "--fail-on", "minor"]), 1);
}

#[test]
fn fail_under_fails_a_compliant_assessment_below_the_threshold() {
    let fixture = "tests/fixtures/valid/forklaret.toml";
    let stdout = exits(check(&[fixture]), 0);
    assert!(stdout.contains("Efterlevelse 80,0 %"), "{stdout}");
    exits(check(&[fixture, "--fail-under", "90"]), 1);
    exits(check(&[fixture, "--fail-under", "80"]), 0);
    exits(check(&[fixture, "--fail-under", "79,5"]), 0);
}

#[test]
fn fail_under_and_fail_on_combine() {
    let mangler = "examples/mangler.toml";
    // 41.7 is not under 40, but the gaps still fail it.
    exits(check(&[mangler, "--fail-under", "40"]), 1);
    exits(
        check(&[mangler, "--fail-on", "never", "--fail-under", "40"]),
        0,
    );
    exits(
        check(&[mangler, "--fail-on", "never", "--fail-under", "50"]),
        1,
    );
}

#[test]
fn bad_as_of_is_a_usage_error() {
    let mut cmd = almen();
    cmd.args(["check", "examples/almen.toml", "--as-of", "2026-13-01"]);
    let stderr = fails(cmd, &["--as-of", "2026-13-01", "ÅÅÅÅ-MM-DD"]);
    insta::assert_snapshot!("args_bad_as_of", stderr);
}

#[test]
fn bad_fail_on_is_a_usage_error() {
    let mut cmd = almen();
    cmd.args(["check", "examples/almen.toml", "--fail-on", "bogus"]);
    let stderr = fails(
        cmd,
        &["--fail-on", "bogus", "critical, major, minor, never"],
    );
    insta::assert_snapshot!("args_bad_fail_on", stderr);
}

#[test]
fn bad_fail_under_is_a_usage_error() {
    fails(
        check(&["examples/almen.toml", "--fail-under", "101"]),
        &["--fail-under", "101"],
    );
}

#[test]
fn unknown_flag_is_a_usage_error() {
    fails(check(&["examples/almen.toml", "--bogus"]), &["--bogus"]);
}

/// `almen report` with no `-o`, its standard output a terminal (made with
/// util-linux `script`, which runs the command on a pseudo-terminal).
#[test]
fn report_to_a_terminal_writes_nothing_and_says_how() {
    let args = "report examples/almen.toml --as-of 2026-11-27 --color never";
    let (code, seen) = crate::in_a_terminal(args);
    assert_eq!(code, Some(2), "{seen}");
    assert!(seen.contains("E024"), "{seen}");
    assert!(seen.contains("-o rapport.html"), "{seen}");
    assert!(!seen.contains("<html"), "{seen}");
}

/// The command the hint gives writes the document asked for: the
/// statement's hint keeps `--format statement`.
#[test]
fn a_statement_to_a_terminal_says_how_to_write_the_statement() {
    let args = "report examples/almen.toml --format statement --as-of 2026-11-27 --color never";
    let (code, seen) = crate::in_a_terminal(args);
    assert_eq!(code, Some(2), "{seen}");
    assert!(seen.contains("E024"), "{seen}");
    assert!(seen.contains("redegørelsen er til"), "{seen}");
    assert!(
        seen.contains("almen report almen.toml --format statement -o redegørelse.html"),
        "{seen}"
    );
    assert!(seen.contains("fejl: 1 problem; ret det"), "{seen}");
}

/// An output that may not be written is nothing wrong in the files read:
/// the closing line does not say "i inddata".
#[test]
fn an_output_problem_is_not_said_to_be_in_the_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("almen.toml"), "x").unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["init", "-o", "almen.toml"]);
    let out = cmd.output().unwrap();
    let stderr = crate::text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("fejl[E018]"), "{stderr}");
    assert!(
        stderr.contains("fejl: 1 problem; ret det og kør igen"),
        "{stderr}"
    );
}

#[test]
fn report_to_a_file_says_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("rapport.html");
    let mut cmd = almen();
    cmd.args([
        "report",
        "examples/mangler.toml",
        "--as-of",
        "2026-11-27",
        "-o",
    ])
    .arg(&output);
    let stdout = exits(cmd, 0);
    assert_eq!(stdout, format!("Skrev {} (14 mangler)\n", output.display()));
    // Into a pipe it is the report itself, as asked.
    let mut cmd = almen();
    cmd.args(["report", "examples/almen.toml", "--as-of", "2026-11-27"]);
    assert!(exits(cmd, 0).starts_with("<!DOCTYPE html>"));
}

/// The example in two municipalities: a lapsed styringsdialog in one of
/// them and an expired agreement in the other fail the run, as in CI.
#[test]
fn the_two_municipalities_example_exits_1_and_0_with_fail_on_never() {
    exits(check(&["examples/to-kommuner.toml"]), 1);
    exits(
        check(&["examples/to-kommuner.toml", "--fail-on", "never"]),
        0,
    );
}

/// A mistake in the arguments is said in the user's language, with a hint
/// and where to read more; exit 2. `ALMEN_LANG=de` is said to be the
/// environment's, since the user typed no `--lang`.
#[test]
fn argument_errors_are_said_in_danish_by_default() {
    for (args, env, says) in [
        (
            &["chek"][..],
            None,
            &[
                "fejl: ukendt kommando `chek`",
                "mente du `schema` eller `check`?",
                "Mere hjælp: almen --help",
            ][..],
        ),
        (
            &["check", "--bogus"],
            None,
            &[
                "fejl: ukendt tilvalg `--bogus`",
                "så skriv `-- --bogus`",
                "Mere hjælp: almen check --help",
            ],
        ),
        (
            &["check", "-j", "0"],
            None,
            &[
                "ugyldig værdi `0` for `--threads`",
                "`0` ligger ikke mellem 1 og 65535",
            ],
        ),
        (
            &["check", "-j", "x"],
            None,
            &["ugyldig værdi `x` for `--threads`", "skriv et helt tal"],
        ),
        (
            &["show"],
            None,
            &[
                "fejl: mangler argumentet <ITEM>",
                "Mere hjælp: almen show --help",
            ],
        ),
        (
            &["check", "--fail-on", "majr"],
            None,
            &["mente du `major`? Mulige værdier: critical, major, minor, never"],
        ),
        (
            &["check"],
            Some("de"),
            &[
                "fejl: ugyldigt sprog `de` i miljøvariablen ALMEN_LANG",
                "mulige værdier: da, en",
            ],
        ),
        (
            &["check", "--summary", "--format", "json"],
            None,
            &["fejl: --summary giver en tabel"],
        ),
        (
            &["check", "--as-of", "27-11-2026", "--lang", "en"],
            None,
            &[
                "error: invalid value '27-11-2026' for '--as-of <YYYY-MM-DD>'",
                "write YYYY-MM-DD",
            ],
        ),
    ] {
        let mut cmd = almen();
        cmd.args(args);
        if let Some(lang) = env {
            cmd.env("ALMEN_LANG", lang);
        }
        let out = cmd.output().unwrap();
        let stderr = crate::text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
        for say in says {
            assert!(stderr.contains(say), "{args:?}: {say:?} in {stderr}");
        }
    }
}
