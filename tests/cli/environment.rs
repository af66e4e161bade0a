//! What the output depends on besides the files and `--as-of`: the same
//! command gives the same bytes; `--lang` and `ALMEN_LANG` choose the
//! language, `--lang` winning; `--color` and `NO_COLOR` the colour, which
//! never reaches JSON.

use assert_cmd::Command;

use crate::{AS_OF, almen, check, check_invalid, exits, fails, invalid_dir, json};

#[test]
fn same_command_gives_the_same_bytes() {
    for args in [
        &["examples/mangler.toml", "--all"][..],
        &["examples/mangler.toml", "--format", "json"][..],
        &["examples", "--format", "json"][..],
        &["examples", "--format", "sarif"][..],
        &[
            "examples/almen.toml",
            "examples/mangler.toml",
            "--lang",
            "en",
        ][..],
    ] {
        let first = check(args).output().unwrap();
        let second = check(args).output().unwrap();
        assert_eq!(first.status.code(), second.status.code(), "{args:?}");
        assert_eq!(first.stdout, second.stdout, "{args:?}");
        assert_eq!(first.stderr, second.stderr, "{args:?}");
    }
    // Diagnostics too.
    let first = check_invalid(&["three-mistakes.toml"]).output().unwrap();
    let second = check_invalid(&["three-mistakes.toml"]).output().unwrap();
    assert_eq!(first.stderr, second.stderr);
}

#[test]
fn almen_lang_switches_the_language() {
    let mut cmd = check(&["examples/mangler.toml"]);
    cmd.env("ALMEN_LANG", "en");
    let stdout = exits(cmd, 1);
    assert!(
        stdout.contains("Comply or explain: not compliant"),
        "{stdout}"
    );
    assert!(!stdout.contains("Følg eller forklar"), "{stdout}");
    // The same as --lang en.
    let flag = exits(check(&["examples/mangler.toml", "--lang", "en"]), 1);
    assert_eq!(stdout, flag);
}

#[test]
fn lang_flag_wins_over_almen_lang() {
    let mut cmd = check(&["examples/mangler.toml", "--lang", "da"]);
    cmd.env("ALMEN_LANG", "en");
    let stdout = exits(cmd, 1);
    assert!(
        stdout.contains("Følg eller forklar: ikke overholdt"),
        "{stdout}"
    );
}

#[test]
fn almen_lang_switches_diagnostics() {
    let mut cmd = check_invalid(&["unknown-key.toml"]);
    cmd.env("ALMEN_LANG", "en");
    fails(
        cmd,
        &["did you mean `status`?", "error: 1 problem in the input"],
    );
}

#[test]
fn the_level_of_a_diagnostic_is_in_the_language() {
    // `fejl[E005]` in Danish, `error[E005]` in English, coloured or not.
    let da = fails(check_invalid(&["unknown-key.toml"]), &["fejl[E005]: "]);
    assert!(!da.contains("error["), "{da}");
    let en = fails(
        check_invalid(&["unknown-key.toml", "--lang", "en"]),
        &["error[E005]: "],
    );
    assert!(!en.contains("fejl["), "{en}");
    let mut coloured = almen();
    coloured.current_dir(invalid_dir()).args([
        "check",
        "unknown-key.toml",
        "--as-of",
        AS_OF,
        "--color",
        "always",
    ]);
    let coloured = fails(coloured, &["fejl[E005]"]);
    assert!(!coloured.contains("error["), "{coloured}");

    // Warnings too: `advarsel[W004]`, `warning[W004]`.
    let lint = "w004-plan-uden-frist.toml";
    let da = exits(crate::validate_lint(&[lint]), 0);
    assert!(da.contains("advarsel[W004]: "), "{da}");
    let en = exits(crate::validate_lint(&[lint, "--lang", "en"]), 0);
    assert!(en.contains("warning[W004]: "), "{en}");
}

#[test]
fn bad_almen_lang_is_a_usage_error() {
    let mut cmd = check(&["examples/almen.toml"]);
    cmd.env("ALMEN_LANG", "fr");
    fails(cmd, &["fr"]);
}

/// An argument that is not UTF-8 (a file name, on Unix) beside a mistake
/// in the arguments: the mistake is said, nothing panics.
#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_beside_a_mistake_is_no_panic() {
    use std::os::unix::ffi::OsStrExt;
    let odd = std::ffi::OsStr::from_bytes(b"\xff.toml");
    let mut cmd = almen();
    cmd.arg("check").arg(odd).env("ALMEN_LANG", "fr");
    fails(cmd, &["ugyldigt sprog `fr` i miljøvariablen ALMEN_LANG"]);
    let mut cmd = almen();
    cmd.arg("check").arg(odd).arg("--bogus");
    fails(cmd, &["ukendt tilvalg `--bogus`", "almen check --help"]);
}

/// `check` without `--color`, for the colour tests.
fn check_colour(args: &[&str]) -> Command {
    let mut cmd = almen();
    cmd.args(["check", "examples/mangler.toml", "--as-of", AS_OF])
        .args(args);
    cmd
}

#[test]
fn color_always_colours_the_table() {
    let stdout = exits(check_colour(&["--color", "always"]), 1);
    assert!(stdout.contains("\u{1b}["), "no ANSI escapes:\n{stdout}");
}

#[test]
fn color_never_does_not() {
    let stdout = exits(check_colour(&["--color", "never"]), 1);
    assert!(!stdout.contains('\u{1b}'), "{stdout}");
}

#[test]
fn no_color_with_auto_does_not() {
    let mut cmd = check_colour(&["--color", "auto"]);
    cmd.env("NO_COLOR", "1");
    let stdout = exits(cmd, 1);
    assert!(!stdout.contains('\u{1b}'), "{stdout}");
    // Not a terminal: auto is no colour even without NO_COLOR.
    let stdout = exits(check_colour(&[]), 1);
    assert!(!stdout.contains('\u{1b}'), "{stdout}");
}

#[test]
fn colour_reaches_diagnostics_too() {
    let mut cmd = almen();
    cmd.current_dir(invalid_dir()).args([
        "check",
        "unknown-key.toml",
        "--as-of",
        AS_OF,
        "--color",
        "always",
    ]);
    let coloured = fails(cmd, &["E005"]);
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    let plain = fails(check_invalid(&["unknown-key.toml"]), &["E005"]);
    assert!(!plain.contains('\u{1b}'), "{plain}");
}

#[test]
fn json_has_no_colour() {
    let stdout = exits(
        {
            let mut cmd = almen();
            cmd.args(["check", "examples/mangler.toml", "--as-of", AS_OF])
                .args(["--format", "json", "--color", "always"]);
            cmd
        },
        1,
    );
    assert!(!stdout.contains('\u{1b}'), "{stdout}");
    json(&stdout);
}
