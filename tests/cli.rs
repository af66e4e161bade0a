//! End-to-end tests of the `almen` binary: exit codes, diagnostics for bad
//! input, the table and JSON output, several assessments, determinism,
//! language and colour, a closed pipe, evidence that leaves its folder,
//! and the other commands: `validate` (every warning code), `init`, `list`,
//! `show`, `schema`, `completions`, `man` and `--help`.
//!
//! Every run passes `--as-of 2026-11-27 --color never` (unless a test is
//! about colour) and has `ALMEN_LANG`, `NO_COLOR` and `COLUMNS` removed, so
//! the output does not depend on the day or the machine. Snapshots live in
//! `tests/snapshots/`; create or update them with
//! `INSTA_UPDATE=always cargo test --test cli` and read the diff.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use predicates::prelude::*;
use serde_json::Value;

const AS_OF: &str = "2026-11-27";

/// The 11 gap reasons of PRODUCT.md.
const REASONS: [&str; 11] = [
    "not-assessed",
    "unmet",
    "partial",
    "unexplained",
    "overdue",
    "stale",
    "date-missing",
    "no-evidence",
    "evidence-not-found",
    "plan-overdue",
    "na-unexplained",
];

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn invalid_dir() -> PathBuf {
    root().join("tests/fixtures/invalid")
}

/// `almen` run from the crate root, with no environment that changes its
/// output.
fn almen() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("almen"));
    cmd.current_dir(root())
        .env_remove("ALMEN_LANG")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
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

/// Runs a command that must exit with `code` and returns stdout.
fn exits(mut cmd: Command, code: i32) -> String {
    let assert = cmd.assert().code(code);
    stdout_of(&assert)
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).expect("stdout is one JSON document")
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

// ---------------------------------------------------------------------------
// 1. Bad input: exit 2, `file:line:column`, the code and the hint
// ---------------------------------------------------------------------------

#[test]
fn missing_file_is_e001() {
    let stderr = fails(
        check_invalid(&["findes-ikke.toml"]),
        &[
            "E001",
            "findes-ikke.toml",
            "filen findes ikke",
            "fejl: 1 problem i inddata",
        ],
    );
    insta::assert_snapshot!("invalid_missing_file", stderr);
}

#[test]
fn missing_default_file_is_e001() {
    // No argument: ./almen.toml, which the fixtures folder does not have.
    let stderr = fails(
        check_invalid(&[]),
        &["E001", "almen.toml", "filen findes ikke"],
    );
    insta::assert_snapshot!("invalid_missing_default_file", stderr);
}

#[test]
fn empty_file_is_e003() {
    let stderr = fails(
        check_invalid(&["empty.toml"]),
        &["E003", "empty.toml:1:1", "filen er tom", "`almen init`"],
    );
    insta::assert_snapshot!("invalid_empty", stderr);
}

#[test]
fn file_that_is_not_utf8_is_e002() {
    let dir = tempfile::tempdir().unwrap();
    // Latin-1 "Blåbær": 0xE5 and 0xE6 are not UTF-8 on their own.
    let mut bytes = b"# Not UTF-8: the name is written in Latin-1.\nformat = 1\n\n[organisation]\nname = \"Boligforeningen Bl".to_vec();
    bytes.extend_from_slice(&[0xE5, b'b', 0xE6, b'r']);
    bytes.extend_from_slice(b"\"\n\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n");
    fs::write(dir.path().join("latin1.toml"), bytes).unwrap();

    let mut cmd = check(&["latin1.toml"]);
    cmd.current_dir(dir.path());
    let stderr = fails(
        cmd,
        &[
            "E002",
            "latin1.toml:5:27",
            "ikke UTF-8",
            "gem filen som UTF-8",
        ],
    );
    insta::assert_snapshot!("invalid_not_utf8", stderr);
}

#[test]
fn malformed_toml_is_e004() {
    let stderr = fails(
        check_invalid(&["malformed.toml"]),
        &["E004", "malformed.toml:5:35", "ugyldig TOML"],
    );
    insta::assert_snapshot!("invalid_malformed", stderr);
}

#[test]
fn unknown_key_is_e005_with_did_you_mean() {
    let stderr = fails(
        check_invalid(&["unknown-key.toml"]),
        &[
            "E005",
            "unknown-key.toml:11:1",
            "ukendt nøgle `statu`",
            "mente du `status`?",
        ],
    );
    insta::assert_snapshot!("invalid_unknown_key", stderr);
}

#[test]
fn unknown_key_in_english() {
    let stderr = fails(
        check_invalid(&["unknown-key.toml", "--lang", "en"]),
        &[
            "E005",
            "unknown-key.toml:11:1",
            "unknown key `statu`",
            "did you mean `status`?",
            "error: 1 problem in the input; fix it and run again",
        ],
    );
    assert!(
        !stderr.contains("mente du"),
        "Danish in English output:\n{stderr}"
    );
    insta::assert_snapshot!("invalid_unknown_key_en", stderr);
}

#[test]
fn wrong_type_is_e006() {
    let stderr = fails(
        check_invalid(&["wrong-type.toml"]),
        &[
            "E006",
            "wrong-type.toml:8:14",
            "`checklists` har forkert type",
        ],
    );
    insta::assert_snapshot!("invalid_wrong_type", stderr);
}

#[test]
fn missing_required_key_is_e007() {
    let stderr = fails(
        check_invalid(&["missing-name.toml"]),
        &[
            "E007",
            "missing-name.toml:4:1",
            "påkrævet nøgle `name` mangler i `organisation`",
            "tilføj `name = …`",
        ],
    );
    insta::assert_snapshot!("invalid_missing_name", stderr);
}

#[test]
fn missing_required_key_in_english() {
    let stderr = fails(
        check_invalid(&["missing-name.toml", "--lang", "en"]),
        &[
            "E007",
            "missing-name.toml:4:1",
            "required key `name` is missing in `organisation`",
            "add `name = …`",
        ],
    );
    insta::assert_snapshot!("invalid_missing_name_en", stderr);
}

#[test]
fn quoted_date_is_e008() {
    let stderr = fails(
        check_invalid(&["quoted-date.toml"]),
        &[
            "E008",
            "quoted-date.toml:9:8",
            "ugyldig dato i `date`",
            "uden anførselstegn",
        ],
    );
    insta::assert_snapshot!("invalid_quoted_date", stderr);
}

#[test]
fn impossible_date_is_e008() {
    let stderr = fails(
        check_invalid(&["impossible-date.toml"]),
        &[
            "E008",
            "impossible-date.toml:12:8",
            "ugyldig dato",
            "fx `date = 2026-05-20`",
        ],
    );
    insta::assert_snapshot!("invalid_impossible_date", stderr);
}

#[test]
fn unknown_status_is_e009() {
    let stderr = fails(
        check_invalid(&["unknown-status.toml"]),
        &[
            "E009",
            "unknown-status.toml:11:10",
            "ukendt værdi `done` for `status`",
            "gyldige værdier: `met`, `partial`, `unmet`, `not-applicable`, `følger`",
        ],
    );
    insta::assert_snapshot!("invalid_unknown_status", stderr);
}

#[test]
fn answer_for_unknown_item_is_e010_with_did_you_mean() {
    let stderr = fails(
        check_invalid(&["unknown-item.toml"]),
        &[
            "E010",
            "unknown-item.toml:10:10",
            "svar på et ukendt punkt `OMV-11`",
            "mente du `OMV-1`?",
        ],
    );
    insta::assert_snapshot!("invalid_unknown_item", stderr);
}

#[test]
fn duplicate_item_across_checklists_is_e011() {
    let stderr = fails(
        check_invalid(&["duplicate-item.toml"]),
        &[
            "E011",
            // The second occurrence, in the organisation's own checklist …
            "duplicate-item-checklist.toml:12:6",
            // … and the first, in the built-in one.
            "<indbygget>/samarbejde-med-omverdenen.toml:34:6",
            "`OMV-1`",
            "omdøb punktet",
        ],
    );
    insta::assert_snapshot!("invalid_duplicate_item", stderr);
}

#[test]
fn missing_checklist_is_e012() {
    let stderr = fails(
        check_invalid(&["missing-checklist.toml"]),
        &[
            "E012",
            "missing-checklist.toml:8:44",
            "findes-ikke.toml",
            "stier er relative til selvevalueringens mappe",
        ],
    );
    insta::assert_snapshot!("invalid_missing_checklist", stderr);
}

#[test]
fn unknown_format_version_is_e013() {
    let stderr = fails(
        check_invalid(&["format-2.toml"]),
        &[
            "E013",
            "format-2.toml:2:10",
            "formatversion 2 kendes ikke",
            "skriv `format = 1`",
        ],
    );
    insta::assert_snapshot!("invalid_format_2", stderr);
}

#[test]
fn zero_weight_is_e014() {
    let stderr = fails(
        check_invalid(&["zero-weight.toml"]),
        &[
            "E014",
            "zero-weight-checklist.toml:14:10",
            "`weight` skal være over 0 og højst 1000 i `VGT-1`",
            "udelad `weight` for vægt 1",
        ],
    );
    insta::assert_snapshot!("invalid_zero_weight", stderr);
}

#[test]
fn three_mistakes_are_reported_in_one_run() {
    let stderr = fails(
        check_invalid(&["three-mistakes.toml"]),
        &[
            "three-mistakes.toml:9:8",
            "three-mistakes.toml:12:10",
            "three-mistakes.toml:17:1",
            "E008",
            "E009",
            "E005",
            "mente du `evidence`?",
            "fejl: 3 problemer i inddata; ret dem og kør igen",
        ],
    );
    assert_eq!(stderr.matches("error[").count(), 3, "{stderr}");
    // Top to bottom.
    let at = |needle: &str| stderr.find(needle).unwrap();
    assert!(
        at(":9:8") < at(":12:10") && at(":12:10") < at(":17:1"),
        "{stderr}"
    );
    insta::assert_snapshot!("invalid_three_mistakes", stderr);
}

#[test]
fn problems_in_several_files_are_all_reported() {
    let stderr = fails(
        check_invalid(&["unknown-key.toml", "format-2.toml", "findes-ikke.toml"]),
        &[
            "unknown-key.toml:11:1",
            "format-2.toml:2:10",
            "findes-ikke.toml",
            "fejl: 3 problemer i inddata",
        ],
    );
    insta::assert_snapshot!("invalid_several_files", stderr);
}

#[test]
fn bad_as_of_is_a_usage_error() {
    let mut cmd = almen();
    cmd.args(["check", "examples/almen.toml", "--as-of", "2026-13-01"]);
    let stderr = fails(cmd, &["--as-of", "2026-13-01", "YYYY-MM-DD"]);
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

// ---------------------------------------------------------------------------
// 2. Exit codes
// ---------------------------------------------------------------------------

#[test]
fn compliant_example_exits_0() {
    exits(check(&["examples/almen.toml"]), 0);
}

#[test]
fn example_with_gaps_exits_1() {
    exits(check(&["examples/mangler.toml"]), 1);
}

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

// ---------------------------------------------------------------------------
// 3. Output
// ---------------------------------------------------------------------------

#[test]
fn table_compliant_da() {
    let stdout = exits(check(&["examples/almen.toml"]), 0);
    assert!(stdout.contains("Boligforeningen Havbakken"));
    assert!(stdout.contains("Ingen mangler."));
    insta::assert_snapshot!("table_almen_da", stdout);
}

#[test]
fn table_compliant_en() {
    let stdout = exits(check(&["examples/almen.toml", "--lang", "en"]), 0);
    assert!(stdout.contains("No gaps."));
    insta::assert_snapshot!("table_almen_en", stdout);
}

#[test]
fn table_gaps_da() {
    let stdout = exits(check(&["examples/mangler.toml"]), 1);
    for needle in [
        "Boligselskabet Fjordglimt",
        "ikke godkendt af bestyrelsen",
        "Efterlevelse 41,7 %",
        "4 kritiske, 3 væsentlige, 4 mindre",
        "Frister snart",
        "EGN-3",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    insta::assert_snapshot!("table_mangler_da", stdout);
}

#[test]
fn table_gaps_en() {
    let stdout = exits(check(&["examples/mangler.toml", "--lang", "en"]), 1);
    for needle in [
        "Adherence 41.7%",
        "4 critical, 3 major, 4 minor",
        "Due soon",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    insta::assert_snapshot!("table_mangler_en", stdout);
}

#[test]
fn table_all_items() {
    let stdout = exits(check(&["examples/mangler.toml", "--all"]), 1);
    // Every item of both checklists, also those without a gap.
    for id in [
        "OMV-1", "OMV-2", "OMV-3", "OMV-4", "OMV-5", "OMV-6", "LAB-6F-1", "LAB-6F-2", "STY-1",
        "NV-13", "EGN-1", "EGN-2", "EGN-3",
    ] {
        assert!(stdout.contains(id), "lacks {id}:\n{stdout}");
    }
    insta::assert_snapshot!("table_mangler_all_da", stdout);
}

#[test]
fn table_all_items_compliant_en() {
    let stdout = exits(check(&["examples/almen.toml", "--all", "--lang", "en"]), 0);
    insta::assert_snapshot!("table_almen_all_en", stdout);
}

#[test]
fn json_compliant() {
    let stdout = exits(check(&["examples/almen.toml", "--format", "json"]), 0);
    let doc = json(&stdout);
    assert_eq!(doc["format"], 1);
    assert_eq!(doc["as_of"], AS_OF);
    assert_eq!(doc["organisation"]["name"], "Boligforeningen Havbakken");
    assert_eq!(doc["adherence"].as_f64(), Some(100.0));
    assert_eq!(doc["compliant"], true);
    for key in ["critical", "major", "minor", "explained", "notices"] {
        assert_eq!(doc["counts"][key], 0, "counts.{key}");
    }
    let items = array(&doc, "items");
    assert_eq!(items.len(), 10);
    // `følger` is an alias; the JSON says `met`.
    assert!(items.iter().all(|i| i["status"] == "met"), "{stdout}");
    assert!(array(&doc, "gaps").is_empty());
    assert!(array(&doc, "notices").is_empty());
    let sty = items.iter().find(|i| i["id"] == "STY-1").unwrap();
    assert_eq!(sty["due"], "2027-10-08");
    assert_eq!(sty["kind"], "duty");
    insta::assert_snapshot!("json_almen", stdout);
}

#[test]
fn json_gaps() {
    let stdout = exits(check(&["examples/mangler.toml", "--format", "json"]), 1);
    let doc = json(&stdout);
    assert_eq!(doc["format"], 1);
    assert_eq!(doc["as_of"], AS_OF);
    assert_eq!(doc["organisation"]["name"], "Boligselskabet Fjordglimt");
    assert_eq!(doc["adherence"].as_f64(), Some(41.7));
    assert_eq!(doc["compliant"], false);
    let counts = &doc["counts"];
    assert_eq!(counts["critical"], 4);
    assert_eq!(counts["major"], 3);
    assert_eq!(counts["minor"], 4);
    assert_eq!(counts["explained"], 2);
    assert_eq!(counts["notices"], 1);

    // items[]: every item of both checklists, with the contract's fields.
    let items = array(&doc, "items");
    assert_eq!(items.len(), 13);
    for item in items {
        for key in ["id", "checklist", "kind", "status", "value", "due"] {
            assert!(item.get(key).is_some(), "item lacks `{key}`: {item}");
        }
        // A number; `null` only for a not-applicable item, which is left
        // out of the score.
        assert!(
            item["value"].is_f64()
                || (item["value"].is_null() && item["status"] == "not-applicable"),
            "{item}"
        );
        assert!(["recommendation", "duty"].contains(&str_field(item, "kind")));
    }
    let item = |id: &str| items.iter().find(|i| i["id"] == id).unwrap().clone();
    let sty = item("STY-1");
    assert_eq!(sty["checklist"], "samarbejde-med-omverdenen");
    assert_eq!(sty["kind"], "duty");
    assert_eq!(sty["status"], "met");
    assert_eq!(sty["value"].as_f64(), Some(0.0), "overdue duty is worth 0");
    assert_eq!(sty["due"], "2026-09-30");
    let egn1 = item("EGN-1");
    assert_eq!(egn1["checklist"], "egne-krav");
    assert_eq!(
        egn1["value"].as_f64(),
        Some(0.5),
        "stale recommendation at most 0.5"
    );
    assert_eq!(egn1["due"], "2026-06-01");
    assert_eq!(item("OMV-1")["status"], Value::Null, "not assessed");
    assert_eq!(item("OMV-3")["status"], "unmet", "Danish alias følger-ikke");
    assert_eq!(item("EGN-2")["status"], "not-applicable");
    assert_eq!(item("EGN-2")["value"], Value::Null);
    assert_eq!(item("OMV-2")["value"].as_f64(), Some(0.5));

    // gaps[]: the contract's fields, and every reason there is.
    let gaps = array(&doc, "gaps");
    assert_eq!(gaps.len(), 11);
    for gap in gaps {
        for key in ["item", "severity", "reason", "message"] {
            assert!(gap[key].is_string(), "gap lacks `{key}`: {gap}");
        }
        assert!(!str_field(gap, "message").is_empty());
        assert!(["critical", "major", "minor"].contains(&str_field(gap, "severity")));
    }
    let reasons: BTreeSet<&str> = gaps.iter().map(|g| str_field(g, "reason")).collect();
    let expected: BTreeSet<&str> = REASONS.into_iter().collect();
    assert_eq!(reasons, expected, "mangler.toml shows every reason");
    let gap = |id: &str| {
        gaps.iter()
            .find(|g| g["item"] == id)
            .unwrap_or_else(|| panic!("no gap for {id}"))
    };
    for (id, severity, reason) in [
        ("OMV-1", "major", "not-assessed"),
        ("OMV-2", "major", "unexplained"),
        ("OMV-4", "minor", "plan-overdue"),
        ("OMV-5", "minor", "no-evidence"),
        ("OMV-6", "minor", "evidence-not-found"),
        ("LAB-6F-1", "critical", "unmet"),
        ("LAB-6F-2", "critical", "partial"),
        ("STY-1", "critical", "overdue"),
        ("NV-13", "critical", "date-missing"),
        ("EGN-1", "minor", "stale"),
        ("EGN-2", "major", "na-unexplained"),
    ] {
        let g = gap(id);
        assert_eq!(
            (g["severity"].as_str(), g["reason"].as_str()),
            (Some(severity), Some(reason)),
            "{id}"
        );
    }
    // Explained recommendations are no gaps.
    assert!(gaps.iter().all(|g| g["item"] != "OMV-3"));

    // notices[]
    let notices = array(&doc, "notices");
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0]["item"], "EGN-3");
    assert_eq!(notices[0]["reason"], "due-soon");
    assert_eq!(notices[0]["due"], "2026-12-20");

    insta::assert_snapshot!("json_mangler", stdout);
}

#[test]
fn json_messages_follow_the_language() {
    let da = json(&exits(
        check(&["examples/mangler.toml", "--format", "json"]),
        1,
    ));
    let en = json(&exits(
        check(&["examples/mangler.toml", "--format", "json", "--lang", "en"]),
        1,
    ));
    // The machine-readable parts do not change with the language.
    for key in ["format", "as_of", "adherence", "compliant", "counts"] {
        assert_eq!(da[key], en[key], "{key}");
    }
    let reasons = |doc: &Value| -> Vec<String> {
        array(doc, "gaps")
            .iter()
            .map(|g| format!("{} {} {}", g["item"], g["severity"], g["reason"]))
            .collect()
    };
    assert_eq!(reasons(&da), reasons(&en));
    assert_ne!(
        array(&da, "gaps")[0]["message"],
        array(&en, "gaps")[0]["message"]
    );
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

// ---------------------------------------------------------------------------
// 4. Several assessments
// ---------------------------------------------------------------------------

#[test]
fn two_assessments_table() {
    let stdout = exits(check(&["examples/almen.toml", "examples/mangler.toml"]), 1);
    let havbakken = stdout.find("Boligforeningen Havbakken").unwrap();
    let fjordglimt = stdout.find("Boligselskabet Fjordglimt").unwrap();
    assert!(havbakken < fjordglimt, "in the order given");
    insta::assert_snapshot!("several_table_da", stdout);
}

#[test]
fn two_assessments_table_en() {
    let stdout = exits(
        check(&[
            "examples/almen.toml",
            "examples/mangler.toml",
            "--lang",
            "en",
        ]),
        1,
    );
    assert!(stdout.contains("Summary"), "{stdout}");
    insta::assert_snapshot!("several_table_en", stdout);
}

#[test]
fn two_assessments_json() {
    let stdout = exits(
        check(&[
            "examples/almen.toml",
            "examples/mangler.toml",
            "--format",
            "json",
        ]),
        1,
    );
    let doc = json(&stdout);
    let results = array(&doc, "results");
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[0]["organisation"]["name"],
        "Boligforeningen Havbakken"
    );
    assert_eq!(results[0]["compliant"], true);
    assert_eq!(
        results[1]["organisation"]["name"],
        "Boligselskabet Fjordglimt"
    );
    assert_eq!(results[1]["compliant"], false);
    assert_eq!(results[1]["adherence"].as_f64(), Some(41.7));
    for result in results {
        for key in [
            "format",
            "as_of",
            "organisation",
            "adherence",
            "compliant",
            "counts",
            "items",
            "gaps",
            "notices",
        ] {
            assert!(result.get(key).is_some(), "result lacks `{key}`");
        }
    }
    let summary = &doc["summary"];
    assert!(summary.is_object(), "{stdout}");
    assert_eq!(summary["assessments"], 2);
    assert_eq!(summary["compliant"], 1);
    insta::assert_snapshot!("several_json", stdout);
}

#[test]
fn one_fails_the_run() {
    // A compliant assessment does not make up for one with gaps, in either order.
    exits(check(&["examples/mangler.toml", "examples/almen.toml"]), 1);
    exits(
        check(&["examples/almen.toml", "tests/fixtures/valid/forklaret.toml"]),
        0,
    );
    exits(
        check(&[
            "examples/almen.toml",
            "tests/fixtures/valid/forklaret.toml",
            "--fail-under",
            "90",
        ]),
        1,
    );
}

#[test]
fn folder_of_assessments() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("eksempler");
    fs::create_dir(&folder).unwrap();
    for file in ["almen.toml", "mangler.toml", "egne-krav.toml"] {
        fs::copy(root().join("examples").join(file), folder.join(file)).unwrap();
    }
    copy_dir(
        &root().join("examples/dokumentation"),
        &folder.join("dokumentation"),
    );

    let mut cmd = check(&["eksempler", "--format", "json"]);
    cmd.current_dir(dir.path());
    let assert = cmd.assert().code(1).stderr(predicate::str::is_empty());
    let doc = json(&stdout_of(&assert));
    let results = array(&doc, "results");
    let names: Vec<&str> = results
        .iter()
        .map(|r| r["organisation"]["name"].as_str().unwrap())
        .collect();
    // egne-krav.toml is a checklist, passed over as an assessment.
    assert_eq!(
        names,
        ["Boligforeningen Havbakken", "Boligselskabet Fjordglimt"]
    );
    // The same scores as when the files are named one by one.
    assert_eq!(results[0]["adherence"].as_f64(), Some(100.0));
    assert_eq!(results[1]["adherence"].as_f64(), Some(41.7));
    assert_eq!(doc["summary"]["assessments"], 2);

    let mut cmd = check(&["eksempler"]);
    cmd.current_dir(dir.path());
    let stdout = exits(cmd, 1);
    insta::assert_snapshot!("several_folder_table", stdout);
}

#[test]
fn examples_folder_directly() {
    let stdout = exits(check(&["examples", "--format", "json"]), 1);
    let doc = json(&stdout);
    let results = array(&doc, "results");
    assert!(
        results
            .iter()
            .any(|r| r["organisation"]["name"] == "Boligforeningen Havbakken")
    );
    assert!(
        results
            .iter()
            .any(|r| r["organisation"]["name"] == "Boligselskabet Fjordglimt")
    );
}

#[test]
fn empty_folder_is_e016() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("tom")).unwrap();
    let mut cmd = check(&["tom"]);
    cmd.current_dir(dir.path());
    let stderr = fails(cmd, &["E016", "`tom`", "ingen selvevalueringer"]);
    insta::assert_snapshot!("invalid_empty_folder", stderr);
}

#[test]
fn folder_with_only_a_checklist_is_e016() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("krav")).unwrap();
    fs::copy(
        root().join("examples/egne-krav.toml"),
        dir.path().join("krav/egne-krav.toml"),
    )
    .unwrap();
    let mut cmd = check(&["krav", "--lang", "en"]);
    cmd.current_dir(dir.path());
    fails(cmd, &["E016", "no assessments in the folder `krav`"]);
}

// ---------------------------------------------------------------------------
// 5. Determinism, language, colour
// ---------------------------------------------------------------------------

#[test]
fn same_command_gives_the_same_bytes() {
    for args in [
        &["examples/mangler.toml", "--all"][..],
        &["examples/mangler.toml", "--format", "json"][..],
        &["examples", "--format", "json"][..],
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
fn bad_almen_lang_is_a_usage_error() {
    let mut cmd = check(&["examples/almen.toml"]);
    cmd.env("ALMEN_LANG", "fr");
    fails(cmd, &["fr"]);
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

// ---------------------------------------------------------------------------
// 6. A reader that stops early
// ---------------------------------------------------------------------------

fn sh_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// Runs `almen ARGS | READER` in `sh` (no pipefail) from the crate root and
/// returns the pipeline's result together with almen's own exit code.
#[cfg(unix)]
fn piped(args: &str, reader: &str) -> (Assert, i32) {
    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("status");
    let bin = sh_quote(assert_cmd::cargo::cargo_bin!("almen"));
    let script = format!(
        "{{ {bin} {args}; echo $? >{}; }} | {reader}",
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
#[cfg(unix)]
fn many_manglers() -> String {
    vec!["examples/mangler.toml"; 40].join(" ")
}

#[cfg(unix)]
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

#[cfg(unix)]
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

#[cfg(unix)]
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

// ---------------------------------------------------------------------------
// 7. Evidence that leaves the assessment's folder
// ---------------------------------------------------------------------------

/// `<tmp>/udenfor.md` and `<tmp>/org/almen.toml` (from
/// `tests/fixtures/evidence/almen.toml`) with `dokumentation/inde.md`.
/// `dokumentation/link.md` is left to the test.
fn evidence_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    fs::create_dir_all(org.join("dokumentation")).unwrap();
    fs::write(dir.path().join("udenfor.md"), "Ligger uden for mappen.\n").unwrap();
    fs::write(org.join("dokumentation/inde.md"), "Ligger i mappen.\n").unwrap();
    fs::copy(
        root().join("tests/fixtures/evidence/almen.toml"),
        org.join("almen.toml"),
    )
    .unwrap();
    dir
}

fn evidence_gaps(dir: &Path, lang: &str) -> Vec<Value> {
    let mut cmd = check(&["org/almen.toml", "--format", "json", "--lang", lang]);
    cmd.current_dir(dir);
    // Only minor gaps: the default --fail-on major lets it pass.
    let doc = json(&exits(cmd, 0));
    array(&doc, "gaps").clone()
}

#[test]
fn evidence_path_leaving_the_folder_is_not_checked() {
    let dir = evidence_folder();
    fs::write(
        dir.path().join("org/dokumentation/link.md"),
        "Et almindeligt bilag.\n",
    )
    .unwrap();

    let gaps = evidence_gaps(dir.path(), "da");
    // The file outside exists, yet it is a gap: it was not looked at.
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let gap = &gaps[0];
    assert_eq!(gap["item"], "OMV-1");
    assert_eq!(gap["severity"], "minor");
    assert_eq!(gap["reason"], "evidence-not-found");
    let message = str_field(gap, "message");
    assert!(message.contains("../udenfor.md"), "{message}");
    assert!(message.contains("ikke tjekket"), "{message}");

    let gaps = evidence_gaps(dir.path(), "en");
    let message = str_field(&gaps[0], "message");
    assert!(message.contains("outside"), "{message}");
    assert!(message.contains("not checked"), "{message}");

    let mut cmd = check(&["org/almen.toml", "--lang", "en"]);
    cmd.current_dir(dir.path());
    let stdout = exits(cmd, 0);
    insta::assert_snapshot!("evidence_outside_table_en", stdout);
}

#[cfg(unix)]
#[test]
fn evidence_link_pointing_outside_is_not_checked() {
    let dir = evidence_folder();
    std::os::unix::fs::symlink(
        "../../udenfor.md",
        dir.path().join("org/dokumentation/link.md"),
    )
    .unwrap();

    let gaps = evidence_gaps(dir.path(), "da");
    let items: Vec<&str> = gaps.iter().map(|g| str_field(g, "item")).collect();
    assert_eq!(items, ["OMV-1", "OMV-2"], "{gaps:?}");
    let gap = &gaps[1];
    assert_eq!(gap["severity"], "minor");
    assert_eq!(gap["reason"], "evidence-not-found");
    let message = str_field(gap, "message");
    assert!(message.contains("dokumentation/link.md"), "{message}");
    assert!(message.contains("ikke tjekket"), "{message}");
}

#[cfg(unix)]
#[test]
fn evidence_link_staying_inside_is_found() {
    let dir = evidence_folder();
    std::os::unix::fs::symlink("inde.md", dir.path().join("org/dokumentation/link.md")).unwrap();
    let gaps = evidence_gaps(dir.path(), "da");
    let items: Vec<&str> = gaps.iter().map(|g| str_field(g, "item")).collect();
    assert_eq!(items, ["OMV-1"], "{gaps:?}");
}

#[test]
fn evidence_absolute_path_is_not_checked() {
    let dir = evidence_folder();
    let org = dir.path().join("org");
    fs::write(org.join("dokumentation/link.md"), "Et almindeligt bilag.\n").unwrap();
    let absolute = org.join("dokumentation/inde.md");
    let text = fs::read_to_string(org.join("almen.toml")).unwrap().replace(
        "\"dokumentation/inde.md\"",
        &format!("{:?}", absolute.display().to_string()),
    );
    fs::write(org.join("almen.toml"), text).unwrap();

    let gaps = evidence_gaps(dir.path(), "da");
    let items: Vec<&str> = gaps.iter().map(|g| str_field(g, "item")).collect();
    // Even an absolute path to a file inside the folder is not looked at.
    assert_eq!(items, ["OMV-1", "OMV-3"], "{gaps:?}");
    assert!(str_field(&gaps[1], "message").contains("ikke tjekket"));
}

// ---------------------------------------------------------------------------
// 8. validate: every warning code, exit codes, JSON, folders, --explain
// ---------------------------------------------------------------------------

fn lint_dir() -> PathBuf {
    root().join("tests/fixtures/lint")
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

/// Runs `validate` on one fixture of `tests/fixtures/lint` that must give
/// exactly one warning, `code` at `line:column`: exit 0, nothing on stderr,
/// the same place in the JSON form, and `--deny-warnings` turns it into
/// exit 1. Returns the table form for a snapshot.
fn one_warning(file: &str, code: &str, line: u64, column: u64, needles: &[&str]) -> String {
    let assert = validate_lint(&[file])
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
    let stdout = stdout_of(&assert);
    assert!(
        stdout.contains(&format!("warning[{code}]")),
        "lacks {code}:\n{stdout}"
    );
    assert!(
        stdout.contains(&format!("{file}:{line}:{column}")),
        "lacks {file}:{line}:{column}:\n{stdout}"
    );
    assert_eq!(stdout.matches("warning[").count(), 1, "{stdout}");
    assert!(!stdout.contains("error["), "{stdout}");
    for needle in needles {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    assert!(
        stdout.ends_with("1 fil tjekket: 0 fejl, 1 advarsel\n"),
        "{stdout}"
    );

    let doc = json(&exits(validate_lint(&[file, "--format", "json"]), 0));
    assert_eq!(doc["errors"], 0);
    assert_eq!(doc["warnings"], 1);
    let diags = array(&doc, "diagnostics");
    assert_eq!(diags.len(), 1, "{doc}");
    let d = &diags[0];
    assert_eq!(d["code"], code);
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["file"], file);
    assert_eq!(d["line"].as_u64(), Some(line), "{d}");
    assert_eq!(d["column"].as_u64(), Some(column), "{d}");

    exits(validate_lint(&[file, "--deny-warnings"]), 1);
    stdout
}

#[test]
fn lint_clean_file_has_no_warnings() {
    let stdout = exits(validate_lint(&["ren.toml", "--deny-warnings"]), 0);
    assert_eq!(stdout, "1 fil tjekket: 0 fejl, 0 advarsler\n");
}

#[test]
fn lint_w001_explanation_that_explains_nothing() {
    let stdout = one_warning(
        "w001-forklaring-tbd.toml",
        "W001",
        18,
        15,
        &[
            "forklaringen på `OMV-3` forklarer ikke noget",
            "hvad I gør i stedet",
        ],
    );
    insta::assert_snapshot!("lint_w001", stdout);
}

#[test]
fn lint_w002_explanation_on_met_item() {
    let stdout = one_warning(
        "w002-forklaring-paa-fulgt.toml",
        "W002",
        15,
        15,
        &["`OMV-1` følges, men har en forklaring", "brug `note`"],
    );
    insta::assert_snapshot!("lint_w002", stdout);
}

#[test]
fn lint_w003_plan_on_met_item() {
    let stdout = one_warning(
        "w003-plan-paa-fulgt.toml",
        "W003",
        15,
        8,
        &["`OMV-1` følges, men har en handlingsplan"],
    );
    insta::assert_snapshot!("lint_w003", stdout);
}

#[test]
fn lint_w004_plan_without_due_date() {
    let stdout = one_warning(
        "w004-plan-uden-frist.toml",
        "W004",
        14,
        8,
        &[
            "handlingsplanen for `OMV-4` mangler frist",
            "due = 2027-03-01",
        ],
    );
    insta::assert_snapshot!("lint_w004", stdout);
}

#[test]
fn lint_w005_date_after_as_of() {
    let stdout = one_warning(
        "w005-fremtidig-dato.toml",
        "W005",
        10,
        12,
        &["`approved` 2026-12-15 ligger efter opgørelsesdatoen 2026-11-27"],
    );
    insta::assert_snapshot!("lint_w005", stdout);
}

#[test]
fn lint_w005_depends_on_as_of() {
    // The same file checked as of a later day has nothing to warn about.
    let mut cmd = almen();
    cmd.current_dir(lint_dir()).args([
        "validate",
        "w005-fremtidig-dato.toml",
        "--as-of",
        "2027-01-01",
        "--deny-warnings",
    ]);
    let stdout = exits(cmd, 0);
    assert!(stdout.contains("0 advarsler"), "{stdout}");
}

#[test]
fn lint_w006_assessment_older_than_newest_answer() {
    let stdout = one_warning(
        "w006-gammel-vurdering.toml",
        "W006",
        9,
        8,
        &["2026-11-01 er ældre end det nyeste svar, 2026-11-10"],
    );
    insta::assert_snapshot!("lint_w006", stdout);
}

#[test]
fn lint_w007_approved_before_assessment() {
    let stdout = one_warning(
        "w007-godkendt-foer-vurdering.toml",
        "W007",
        10,
        12,
        &["godkendelse 2026-10-20 ligger før selvevalueringens dato 2026-11-01"],
    );
    insta::assert_snapshot!("lint_w007", stdout);
}

#[test]
fn lint_w008_evidence_that_does_not_exist() {
    let stdout = one_warning(
        "w008-dokumentation-findes-ikke.toml",
        "W008",
        14,
        13,
        &["`dokumentation/findes-ikke.pdf` findes ikke"],
    );
    insta::assert_snapshot!("lint_w008", stdout);
}

#[test]
fn lint_w009_evidence_leaving_the_folder() {
    let stdout = one_warning(
        "w009-dokumentation-udenfor.toml",
        "W009",
        14,
        13,
        &[
            "`../x` peger uden for selvevalueringens mappe",
            "ikke tjekket",
        ],
    );
    // Reported as outside, not as missing: it was never looked up.
    assert!(!stdout.contains("W008"), "{stdout}");
    insta::assert_snapshot!("lint_w009", stdout);
}

#[test]
fn lint_w009_absolute_evidence_path() {
    let stdout = one_warning(
        "w009-dokumentation-absolut.toml",
        "W009",
        14,
        13,
        &["`/etc/hosts` peger uden for selvevalueringens mappe"],
    );
    insta::assert_snapshot!("lint_w009_absolute", stdout);
}

#[test]
fn lint_w010_checklist_item_without_guidance() {
    let stdout = one_warning(
        "w010-uden-vejledning.toml",
        "W010",
        20,
        6,
        &["punktet `EGT-2` har ingen vejledning", "guidance = { da = "],
    );
    insta::assert_snapshot!("lint_w010", stdout);
}

#[test]
fn lint_w011_checklist_item_without_english() {
    let stdout = one_warning(
        "w011-uden-engelsk.toml",
        "W011",
        20,
        6,
        &["punktet `EGT-2` har ingen engelsk tekst", "--lang en"],
    );
    insta::assert_snapshot!("lint_w011", stdout);
}

#[test]
fn lint_in_english() {
    let assert = validate_lint(&["w004-plan-uden-frist.toml", "--lang", "en"])
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
    let stdout = stdout_of(&assert);
    for needle in [
        "warning[W004]: the plan for `OMV-4` lacks a due date",
        "w004-plan-uden-frist.toml:14:8",
        "incomplete plan",
        "e.g. `plan = {",
        "1 file checked: 0 errors, 1 warning",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    assert!(!stdout.contains("mangler frist"), "Danish:\n{stdout}");
    insta::assert_snapshot!("lint_w004_en", stdout);

    // ALMEN_LANG too.
    let mut cmd = validate_lint(&["w011-uden-engelsk.toml"]);
    cmd.env("ALMEN_LANG", "en");
    let stdout = exits(cmd, 0);
    assert!(stdout.contains("has no English text"), "{stdout}");
}

#[test]
fn lint_three_different_warnings_in_one_run() {
    let stdout = exits(validate_lint(&["tre-advarsler.toml"]), 0);
    for needle in [
        "warning[W007]",
        "tre-advarsler.toml:10:12",
        "warning[W001]",
        "tre-advarsler.toml:14:15",
        "warning[W003]",
        "tre-advarsler.toml:20:8",
        "1 fil tjekket: 0 fejl, 3 advarsler",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    // Top to bottom.
    let at = |needle: &str| stdout.find(needle).unwrap();
    assert!(at(":10:12") < at(":14:15") && at(":14:15") < at(":20:8"));
    insta::assert_snapshot!("lint_three_warnings", stdout);
    exits(validate_lint(&["tre-advarsler.toml", "--deny-warnings"]), 1);
}

#[test]
fn validate_error_file_exits_2() {
    let mut cmd = validate(&["unknown-key.toml"]);
    cmd.current_dir(invalid_dir());
    let assert = cmd.assert().code(2).stderr(predicate::str::is_empty());
    let stdout = stdout_of(&assert);
    for needle in [
        "error[E005]",
        "unknown-key.toml:11:1",
        "mente du `status`?",
        "1 fil tjekket: 1 fejl, 0 advarsler",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    // Errors win over --deny-warnings' exit 1.
    let mut cmd = validate(&["unknown-key.toml", "--deny-warnings"]);
    cmd.current_dir(invalid_dir());
    exits(cmd, 2);
}

#[test]
fn validate_reports_three_mistakes_in_one_run() {
    let mut cmd = validate(&["three-mistakes.toml"]);
    cmd.current_dir(invalid_dir());
    let stdout = exits(cmd, 2);
    for needle in [
        "error[E008]",
        "three-mistakes.toml:9:8",
        "error[E009]",
        "three-mistakes.toml:12:10",
        "error[E005]",
        "three-mistakes.toml:17:1",
        "1 fil tjekket: 3 fejl, 0 advarsler",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    assert_eq!(stdout.matches("error[").count(), 3, "{stdout}");
    insta::assert_snapshot!("validate_three_mistakes", stdout);

    // The same three, with their places, in the JSON form.
    let mut cmd = validate(&["three-mistakes.toml", "--format", "json"]);
    cmd.current_dir(invalid_dir());
    let doc = json(&exits(cmd, 2));
    assert_eq!(doc["files"], serde_json::json!(["three-mistakes.toml"]));
    assert_eq!(doc["errors"], 3);
    assert_eq!(doc["warnings"], 0);
    let places: Vec<(String, u64, u64)> = array(&doc, "diagnostics")
        .iter()
        .map(|d| {
            (
                str_field(d, "code").to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("E008".to_owned(), 9, 8),
            ("E009".to_owned(), 12, 10),
            ("E005".to_owned(), 17, 1),
        ]
    );
}

#[test]
fn validate_json_has_the_documented_shape() {
    let stdout = exits(
        validate_lint(&[
            "tre-advarsler.toml",
            "w010-uden-vejledning.toml",
            "--format",
            "json",
        ]),
        0,
    );
    let doc = json(&stdout);
    let keys: BTreeSet<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from(["files", "errors", "warnings", "diagnostics"]),
        "{stdout}"
    );
    assert_eq!(
        doc["files"],
        serde_json::json!(["tre-advarsler.toml", "w010-uden-vejledning.toml"])
    );
    assert_eq!(doc["errors"], 0);
    assert_eq!(doc["warnings"], 4);
    let diags = array(&doc, "diagnostics");
    assert_eq!(diags.len(), 4);
    for d in diags {
        let keys: BTreeSet<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            BTreeSet::from([
                "file", "line", "column", "code", "severity", "message", "hint"
            ]),
            "{d}"
        );
        assert_eq!(d["severity"], "warning");
        assert!(!str_field(d, "message").is_empty());
        assert!(!str_field(d, "hint").is_empty());
    }
    let got: Vec<(&str, &str, u64, u64)> = diags
        .iter()
        .map(|d| {
            (
                str_field(d, "file"),
                str_field(d, "code"),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("tre-advarsler.toml", "W007", 10, 12),
            ("tre-advarsler.toml", "W001", 14, 15),
            ("tre-advarsler.toml", "W003", 20, 8),
            ("w010-uden-vejledning.toml", "W010", 20, 6),
        ]
    );
    // Messages follow --lang.
    let en = json(&exits(
        validate_lint(&["tre-advarsler.toml", "--format", "json", "--lang", "en"]),
        0,
    ));
    assert_eq!(
        en["diagnostics"][2]["message"],
        "the answer for `OMV-5` is met, but has a plan"
    );
}

#[test]
fn validate_json_names_a_file_that_cannot_be_read() {
    let mut cmd = validate(&["findes-ikke.toml", "--format", "json"]);
    cmd.current_dir(invalid_dir());
    let doc = json(&exits(cmd, 2));
    assert_eq!(doc["errors"], 1);
    let d = &doc["diagnostics"][0];
    assert_eq!(d["code"], "E001");
    assert!(str_field(d, "message").contains("findes-ikke.toml"), "{d}");
    // No place in the file: there is no file.
    assert_eq!(d["line"], Value::Null);
    assert_eq!(d["column"], Value::Null);
}

#[test]
fn validate_json_file_field_of_a_file_that_cannot_be_read() {
    let mut cmd = validate(&["findes-ikke.toml", "--format", "json"]);
    cmd.current_dir(invalid_dir());
    let doc = json(&exits(cmd, 2));
    assert_eq!(doc["diagnostics"][0]["file"], "findes-ikke.toml", "{doc}");
}

#[test]
fn validate_examples_folder_tells_the_kinds_apart() {
    let assert = validate(&["examples"])
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
    let stdout = stdout_of(&assert);
    assert!(
        stdout.ends_with("3 filer tjekket: 0 fejl, 4 advarsler\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("E017"), "{stdout}");

    let doc = json(&exits(validate(&["examples", "--format", "json"]), 0));
    assert_eq!(
        doc["files"],
        serde_json::json!([
            "examples/almen.toml",
            "examples/egne-krav.toml",
            "examples/mangler.toml"
        ])
    );
    assert_eq!(doc["errors"], 0);
    let found: Vec<(&str, &str)> = array(&doc, "diagnostics")
        .iter()
        .map(|d| (str_field(d, "file"), str_field(d, "code")))
        .collect();
    assert_eq!(
        found,
        [
            // Checklist lint: egne-krav.toml is in Danish only …
            ("examples/egne-krav.toml", "W011"),
            ("examples/egne-krav.toml", "W011"),
            ("examples/egne-krav.toml", "W011"),
            // … and assessment lint: mangler.toml's missing evidence.
            ("examples/mangler.toml", "W008"),
        ]
    );
    exits(validate(&["examples", "--deny-warnings"]), 1);
}

#[test]
fn validate_folder_passes_over_other_toml_files() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("mappe");
    fs::create_dir(&folder).unwrap();
    fs::copy(root().join("Cargo.toml"), folder.join("Cargo.toml")).unwrap();
    fs::copy(lint_dir().join("ren.toml"), folder.join("ren.toml")).unwrap();
    let mut cmd = validate(&["mappe", "--format", "json"]);
    cmd.current_dir(dir.path());
    let doc = json(&exits(cmd, 0));
    assert_eq!(doc["files"], serde_json::json!(["mappe/ren.toml"]));
    assert_eq!(doc["diagnostics"], serde_json::json!([]));
}

/// The codes in README's "Diagnostic codes" table.
fn readme_codes() -> Vec<String> {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let table = readme
        .split("## Diagnostic codes")
        .nth(1)
        .expect("README has a `Diagnostic codes` section");
    table
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(' ').next())
        .filter(|c| c.len() == 4 && (c.starts_with('E') || c.starts_with('W')))
        .map(str::to_owned)
        .collect()
}

#[test]
fn explain_every_code_in_the_readme() {
    let expected: Vec<String> = (1..=17)
        .map(|n| format!("E{n:03}"))
        .chain((1..=11).map(|n| format!("W{n:03}")))
        .collect();
    assert_eq!(readme_codes(), expected);
    for code in &expected {
        for (lang, level) in [
            (
                "da",
                if code.starts_with('E') {
                    "fejl"
                } else {
                    "advarsel"
                },
            ),
            (
                "en",
                if code.starts_with('E') {
                    "error"
                } else {
                    "warning"
                },
            ),
        ] {
            let mut cmd = almen();
            cmd.args(["validate", "--explain", code, "--lang", lang]);
            let assert = cmd.assert().code(0).stderr(predicate::str::is_empty());
            let stdout = stdout_of(&assert);
            let prefix = format!("{code} ({level}): ");
            let description = stdout
                .strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("{code} --lang {lang}: {stdout:?}"));
            assert!(
                description.trim().chars().count() >= 8,
                "{code} --lang {lang}: {stdout:?}"
            );
        }
    }
}

#[test]
fn explain_is_case_insensitive() {
    let mut lower = almen();
    lower.args(["validate", "--explain", "w001"]);
    let mut upper = almen();
    upper.args(["validate", "--explain", "W001"]);
    assert_eq!(exits(lower, 0), exits(upper, 0));
}

#[test]
fn explain_unknown_code_exits_2() {
    let mut cmd = almen();
    cmd.args(["validate", "--explain", "X999"]);
    fails(cmd, &["ukendt kode `X999`"]);
    let mut cmd = almen();
    cmd.args(["validate", "--explain", "E0001", "--lang", "en"]);
    fails(cmd, &["unknown code `E0001`", "did you mean", "E001"]);
}

// ---------------------------------------------------------------------------
// 9. init
// ---------------------------------------------------------------------------

/// `almen init -o OUTPUT --as-of 2026-11-27 ARGS…` from the crate root.
fn init(output: &Path, args: &[&str]) -> Command {
    let mut cmd = almen();
    cmd.arg("init")
        .arg("-o")
        .arg(output)
        .args(["--as-of", AS_OF])
        .args(args);
    cmd
}

/// The JSON of `almen check FILE --format json`, which must exit `code`.
fn check_json(file: &Path, code: i32) -> Value {
    let mut cmd = almen();
    cmd.arg("check")
        .arg(file)
        .args(["--as-of", AS_OF, "--format", "json"]);
    json(&exits(cmd, code))
}

fn item_ids(doc: &Value) -> Vec<String> {
    array(doc, "items")
        .iter()
        .map(|i| str_field(i, "id").to_owned())
        .collect()
}

#[test]
fn init_writes_a_template_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("x/almen.toml");
    let assert = init(&output, &[])
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
    let stdout = stdout_of(&assert);
    assert!(stdout.starts_with("Skrev "), "{stdout}");
    assert!(stdout.contains("(10 punkter at vurdere)"), "{stdout}");

    // The folder was made, and the schema the first line points at is beside it.
    let text = fs::read_to_string(&output).unwrap();
    assert_eq!(text.lines().next(), Some("#:schema ./almen.schema.json"));
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("x/almen.schema.json")).unwrap())
            .unwrap();
    let mut cmd = almen();
    cmd.args(["schema", "assessment"]);
    assert_eq!(schema, json(&exits(cmd, 0)));

    let mut cmd = almen();
    cmd.arg("validate").arg(&output).args(["--as-of", AS_OF]);
    let stdout = exits(cmd, 0);
    assert!(stdout.contains("0 fejl, 0 advarsler"), "{stdout}");

    // Nothing is assessed yet: every item is a gap, and nothing else is.
    let doc = check_json(&output, 1);
    assert_eq!(doc["compliant"], false);
    assert_eq!(array(&doc, "items").len(), 10);
    let gaps = array(&doc, "gaps");
    assert_eq!(gaps.len(), 10, "{gaps:?}");
    assert!(
        gaps.iter().all(|g| g["reason"] == "not-assessed"),
        "{gaps:?}"
    );
    let gap_items: BTreeSet<&str> = gaps.iter().map(|g| str_field(g, "item")).collect();
    let ids = item_ids(&doc);
    assert_eq!(gap_items, ids.iter().map(String::as_str).collect());
    assert!(array(&doc, "notices").is_empty());
}

#[test]
fn init_never_replaces_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    exits(init(&output, &[]), 0);

    // The user has started filling it in.
    let mine = format!("{}\n# Mine noter.\n", fs::read_to_string(&output).unwrap());
    fs::write(&output, &mine).unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    fs::File::options()
        .write(true)
        .open(&output)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let schema = dir.path().join("almen.schema.json");
    fs::write(&schema, "{}\n").unwrap();

    let stderr = fails(init(&output, &[]), &["findes allerede", "--force"]);
    assert!(stderr.contains("almen.toml"), "{stderr}");
    assert_eq!(fs::read_to_string(&output).unwrap(), mine);
    assert_eq!(fs::metadata(&output).unwrap().modified().unwrap(), old);
    assert_eq!(fs::read_to_string(&schema).unwrap(), "{}\n");
    // No temporary file is left behind.
    let names: BTreeSet<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["almen.toml".to_owned(), "almen.schema.json".to_owned()])
    );

    fails(
        init(&output, &["--lang", "en"]),
        &["exists already", "--force"],
    );

    // --force replaces both.
    exits(init(&output, &["--force"]), 0);
    let text = fs::read_to_string(&output).unwrap();
    assert!(!text.contains("Mine noter"), "{text}");
    assert!(text.starts_with("#:schema ./almen.schema.json\n"));
    assert_ne!(fs::read_to_string(&schema).unwrap(), "{}\n");
}

#[test]
fn init_with_own_checklist_writes_a_path_from_the_template_folder() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("bestyrelse/almen.toml");
    // A path relative to the crate root, where almen runs.
    exits(
        init(&output, &["--checklist", "examples/egne-krav.toml"]),
        0,
    );

    let doc: toml::Value = toml::from_str(&fs::read_to_string(&output).unwrap()).unwrap();
    let names: Vec<&str> = doc["assessment"]["checklists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let path = names
        .iter()
        .find(|n| n.ends_with("egne-krav.toml"))
        .unwrap_or_else(|| panic!("no path to egne-krav.toml in {names:?}"));
    assert!(!Path::new(path).is_absolute(), "{path}");
    assert_eq!(
        fs::canonicalize(dir.path().join("bestyrelse").join(path)).unwrap(),
        fs::canonicalize(root().join("examples/egne-krav.toml")).unwrap(),
        "{path} does not lead from the template's folder to the checklist"
    );
    let text = fs::read_to_string(&output).unwrap();
    assert!(text.contains("# [answers.EGN-1]"), "{text}");

    // It loads from another working folder too.
    let mut cmd = almen();
    cmd.current_dir(dir.path()).args([
        "check",
        "bestyrelse/almen.toml",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    let doc = json(&exits(cmd, 1));
    let ids = item_ids(&doc);
    for id in ["EGN-1", "EGN-2", "EGN-3"] {
        assert!(ids.iter().any(|i| i == id), "{id} not in {ids:?}");
    }
}

#[test]
fn init_with_own_checklist_keeps_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    let stdout = exits(
        init(&output, &["--checklist", "examples/egne-krav.toml"]),
        0,
    );
    assert!(stdout.contains("(13 punkter at vurdere)"), "{stdout}");
    let doc = check_json(&output, 1);
    assert_eq!(item_ids(&doc).len(), 13);
}

#[test]
fn init_with_both_checklists_named_loads_13_items() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    let stdout = exits(
        init(
            &output,
            &[
                "--checklist",
                "samarbejde-med-omverdenen",
                "--checklist",
                "examples/egne-krav.toml",
            ],
        ),
        0,
    );
    assert!(stdout.contains("(13 punkter at vurdere)"), "{stdout}");
    let doc = check_json(&output, 1);
    assert_eq!(item_ids(&doc).len(), 13);
    let gaps = array(&doc, "gaps");
    assert_eq!(gaps.len(), 13);
    assert!(gaps.iter().all(|g| g["reason"] == "not-assessed"));
}

#[test]
fn init_with_missing_checklist_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    // A path or an id: E012, checklist not found, as in an assessment.
    fails(
        init(&output, &["--checklist", "findes-ikke.toml"]),
        &["E012", "tjeklisten `findes-ikke.toml` findes ikke"],
    );
    fails(
        init(&output, &["--checklist", "findes-ikke"]),
        &["E012", "ukendt tjekliste `findes-ikke`"],
    );
    assert!(!output.exists());
    assert!(!dir.path().join("almen.schema.json").exists());
}

#[test]
fn init_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    let stdout = exits(init(&output, &["--lang", "en"]), 0);
    assert!(stdout.starts_with("Wrote "), "{stdout}");
    assert!(stdout.contains("(10 items to assess)"), "{stdout}");
    let text = fs::read_to_string(&output).unwrap();
    for needle in [
        "#:schema ./almen.schema.json\n",
        "# Self-assessment against BL's God Almen Ledelse",
        "name = \"The organisation's name\"",
        "# OMV-1 · Know the housing organisation's most important stakeholders",
        "# Recommendation (comply or explain).",
        "# Duty: cannot be explained away.",
        "# Guidance: ",
        "# Typical evidence:",
        "# Must be repeated at least every 12 months; give the `date`.",
        "# [answers.STY-1]",
        "# date = 2026-11-27",
    ] {
        assert!(text.contains(needle), "lacks {needle:?}:\n{text}");
    }
    for danish in [
        "Vejledning:",
        "Anbefaling",
        "Lovkrav",
        "Typisk dokumentation",
    ] {
        assert!(!text.contains(danish), "Danish {danish:?}:\n{text}");
    }
    let mut cmd = almen();
    cmd.arg("validate").arg(&output).args(["--as-of", AS_OF]);
    exits(cmd, 0);
}

#[test]
fn init_template_da() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    exits(init(&output, &[]), 0);
    let text = fs::read_to_string(&output).unwrap();
    for id in [
        "OMV-1", "OMV-2", "OMV-3", "OMV-4", "OMV-5", "OMV-6", "LAB-6F-1", "LAB-6F-2", "STY-1",
        "NV-13",
    ] {
        assert!(
            text.contains(&format!("\n# [answers.{id}]\n")),
            "lacks {id}:\n{text}"
        );
    }
    insta::assert_snapshot!("init_template_da", text);
}

/// The template with every answer block switched on: each line from
/// `# [answers.…]` to the end of its comment block loses its `# `.
fn uncomment_answers(text: &str) -> String {
    let mut out = String::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.starts_with("# [answers.") {
            in_block = true;
        }
        match line.strip_prefix("# ") {
            Some(rest) if in_block => out.push_str(rest),
            _ => {
                in_block = false;
                out.push_str(line);
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn init_template_with_every_answer_switched_on_loads() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    exits(init(&output, &[]), 0);
    let text = uncomment_answers(&fs::read_to_string(&output).unwrap());
    assert_eq!(text.matches("\n[answers.").count(), 10, "{text}");
    fs::write(&output, text).unwrap();

    // It parses and loads (warnings are fine: the placeholders are placeholders).
    let mut cmd = almen();
    cmd.arg("validate")
        .arg(&output)
        .args(["--as-of", AS_OF, "--format", "json"]);
    let doc = json(&exits(cmd, 0));
    assert_eq!(doc["errors"], 0, "{doc}");

    // Every item now has an answer, `met`, dated as of today.
    let doc = check_json(&output, 0);
    let items = array(&doc, "items");
    assert_eq!(items.len(), 10);
    assert!(items.iter().all(|i| i["status"] == "met"), "{items:?}");
    assert!(
        array(&doc, "gaps")
            .iter()
            .all(|g| g["reason"] == "evidence-not-found"),
        "{doc}"
    );
}

#[cfg(unix)]
#[test]
fn init_files_are_as_readable_as_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    exits(init(&output, &[]), 0);
    let reference = dir.path().join("reference");
    fs::write(&reference, "").unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&output), mode(&reference), "almen.toml");
    assert_eq!(
        mode(&dir.path().join("almen.schema.json")),
        mode(&reference),
        "almen.schema.json"
    );
}

// ---------------------------------------------------------------------------
// 10. list and show
// ---------------------------------------------------------------------------

const BUILT_IN_IDS: [&str; 10] = [
    "OMV-1", "OMV-2", "OMV-3", "OMV-4", "OMV-5", "OMV-6", "LAB-6F-1", "LAB-6F-2", "STY-1", "NV-13",
];

fn run(args: &[&str]) -> Command {
    let mut cmd = almen();
    cmd.args(args).args(["--color", "never"]);
    cmd
}

/// Runs a command that must exit 0 with nothing on stderr; returns stdout.
fn succeeds(mut cmd: Command) -> String {
    let assert = cmd.assert().code(0).stderr(predicate::str::is_empty());
    stdout_of(&assert)
}

#[test]
fn list_da() {
    let stdout = succeeds(run(&["list"]));
    for id in BUILT_IN_IDS {
        assert!(stdout.contains(id), "lacks {id}:\n{stdout}");
    }
    for needle in [
        "samarbejde-med-omverdenen 2022-08-04",
        "(indbygget)",
        "anbefaling",
        "lovkrav",
        "hver 12. måned",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    assert!(!stdout.contains("EGN-1"), "{stdout}");
    insta::assert_snapshot!("list_da", stdout);
}

#[test]
fn list_en() {
    let stdout = succeeds(run(&["list", "--lang", "en"]));
    for needle in [
        "(built in)",
        "recommendation",
        "duty",
        "every 12 months",
        "Adopt a communication policy",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    insta::assert_snapshot!("list_en", stdout);
}

#[test]
fn list_with_own_checklist() {
    let stdout = succeeds(run(&["list", "--checklist", "examples/egne-krav.toml"]));
    for id in BUILT_IN_IDS.iter().chain(&["EGN-1", "EGN-2", "EGN-3"]) {
        assert!(stdout.contains(id), "lacks {id}:\n{stdout}");
    }
    assert!(
        stdout.contains("egne-krav 2026-01 · Egne krav – Boligselskabet Fjordglimt"),
        "{stdout}"
    );
    assert!(stdout.contains("hver 24. måned"), "{stdout}");
}

#[test]
fn list_with_missing_checklist_exits_2() {
    fails(
        run(&["list", "--checklist", "findes-ikke.toml"]),
        &["E012", "findes-ikke.toml"],
    );
    fails(
        run(&["list", "--checklist", "findes-ikke", "--lang", "en"]),
        &["E012", "findes-ikke"],
    );
}

const BL_URL: &str = "https://bl.dk/raadgivning-og-regler/administration-og-beboerdemokrati/god-almen-ledelse/samarbejde-med-omverdenen/";

#[test]
fn show_da() {
    let stdout = succeeds(run(&["show", "STY-1"]));
    for needle in [
        "STY-1 · Mindst én årlig styringsdialog med kommunen",
        "lovkrav",
        "Vejledning",
        "Typisk dokumentation",
        "Grundlag:",
        "§164",
        "Gentages: hver 12. måned, varsel 60 dage før",
        "Kilde: BL – Danmarks Almene Boliger",
        BL_URL,
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    insta::assert_snapshot!("show_sty_1_da", stdout);
}

#[test]
fn show_en() {
    let stdout = succeeds(run(&["show", "STY-1", "--lang", "en"]));
    for needle in [
        "STY-1 · At least one annual styringsdialog",
        "duty",
        "Guidance",
        "Typical evidence",
        "Basis:",
        "Recurs: every 12 months, notice 60 days before",
        "Source: BL – Danmarks Almene Boliger",
        BL_URL,
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    insta::assert_snapshot!("show_sty_1_en", stdout);
}

#[test]
fn show_is_case_insensitive() {
    assert_eq!(
        succeeds(run(&["show", "sty-1"])),
        succeeds(run(&["show", "STY-1"]))
    );
}

#[test]
fn show_unknown_item_exits_2_with_did_you_mean() {
    let stderr = fails(
        run(&["show", "OMV-9"]),
        &["ukendt punkt `OMV-9`", "mente du `OMV-"],
    );
    assert!(stderr.starts_with("error[E020]:"), "{stderr}");
    fails(
        run(&["show", "OMV-9", "--lang", "en"]),
        &["error[E020]: unknown item `OMV-9`", "did you mean `OMV-"],
    );
    // Nothing close: a pointer to `almen list`.
    fails(run(&["show", "xyz"]), &["`almen list`"]);
}

#[test]
fn show_item_of_own_checklist() {
    let stdout = succeeds(run(&[
        "show",
        "EGN-1",
        "--checklist",
        "examples/egne-krav.toml",
    ]));
    for needle in [
        "EGN-1 · Kommunikationspolitikken gennemgås mindst hvert andet år",
        "anbefaling",
        "egne-krav 2026-01 (examples/egne-krav.toml)",
        "Gentages: hver 24. måned",
        "Kilde: Boligselskabet Fjordglimt",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    // Without the checklist, it is not known.
    fails(run(&["show", "EGN-1"]), &["ukendt punkt `EGN-1`"]);
}

// ---------------------------------------------------------------------------
// 11. schema: every valid file fits, the invalid ones do not
// ---------------------------------------------------------------------------

/// `almen schema KIND`, as a validator that checks formats (dates) too.
fn schema_validator(kind: &str) -> jsonschema::Validator {
    let stdout = succeeds(run(&["schema", kind]));
    let schema = json(&stdout);
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "{kind}"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("`almen schema {kind}` is not a valid schema: {e}"))
}

fn toml_file_as_json(path: &Path) -> Result<Value, toml::de::Error> {
    let text = fs::read_to_string(path).unwrap();
    toml::from_str::<toml::Value>(&text).map(almen::schema::toml_to_json)
}

fn toml_files_in_dir(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn schema_errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator.iter_errors(doc).map(|e| e.to_string()).collect()
}

#[test]
fn schema_accepts_every_valid_file() {
    let assessment = schema_validator("assessment");
    let checklist = schema_validator("checklist");
    let mut assessments = vec![
        root().join("examples/almen.toml"),
        root().join("examples/mangler.toml"),
        root().join("tests/fixtures/evidence/almen.toml"),
    ];
    assessments.extend(toml_files_in_dir(&root().join("tests/fixtures/valid")));
    let mut checklists = vec![root().join("examples/egne-krav.toml")];
    checklists.extend(toml_files_in_dir(&root().join("checklists")));
    // The lint fixtures load; they only draw warnings.
    for path in toml_files_in_dir(&lint_dir()) {
        let doc = toml_file_as_json(&path).unwrap();
        if doc.get("item").is_some() {
            checklists.push(path);
        } else {
            assessments.push(path);
        }
    }
    assert!(assessments.len() >= 16, "{assessments:?}");
    assert!(checklists.len() >= 4, "{checklists:?}");

    for (validator, files) in [(&assessment, &assessments), (&checklist, &checklists)] {
        for path in files {
            let doc = toml_file_as_json(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let errors = schema_errors(validator, &doc);
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        }
    }
    // And the kinds are not interchangeable.
    let doc = toml_file_as_json(&root().join("examples/egne-krav.toml")).unwrap();
    assert!(!assessment.is_valid(&doc));
    let doc = toml_file_as_json(&root().join("examples/almen.toml")).unwrap();
    assert!(!checklist.is_valid(&doc));
}

#[test]
fn schema_rejects_invalid_fixtures() {
    let assessment = schema_validator("assessment");
    let checklist = schema_validator("checklist");
    let cases = [
        (&assessment, "unknown-key.toml"),
        (&assessment, "wrong-type.toml"),
        (&assessment, "unknown-status.toml"),
        (&assessment, "impossible-date.toml"),
        (&assessment, "missing-name.toml"),
        (&assessment, "format-2.toml"),
        (&checklist, "zero-weight-checklist.toml"),
    ];
    for (validator, file) in cases {
        let path = invalid_dir().join(file);
        // A schema sees the parsed document: 30 February is no TOML date,
        // so that file is not TOML at all.
        let doc = match toml_file_as_json(&path) {
            Ok(doc) => doc,
            Err(e) if file == "impossible-date.toml" => {
                assert!(e.to_string().contains("date"), "{e}");
                continue;
            }
            Err(e) => panic!("{file}: {e}"),
        };
        assert!(
            !validator.is_valid(&doc),
            "the schema accepts {file}: {doc}"
        );
    }
    // Quoted, the impossible date is TOML; the schema's `format: date`
    // rejects it, and takes a possible one.
    let text = fs::read_to_string(invalid_dir().join("impossible-date.toml")).unwrap();
    for (date, valid) in [("2026-02-30", false), ("2026-02-28", true)] {
        let quoted = text.replace("date = 2026-02-30", &format!("date = \"{date}\""));
        let doc = almen::schema::toml_to_json(toml::from_str(&quoted).unwrap());
        assert_eq!(assessment.is_valid(&doc), valid, "{date}: {doc}");
    }
}

// ---------------------------------------------------------------------------
// 12. completions and the man page
// ---------------------------------------------------------------------------

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let stdout = succeeds(run(&["completions", shell]));
        assert!(stdout.contains("almen"), "{shell}:\n{stdout}");
        assert!(stdout.contains("validate"), "{shell}:\n{stdout}");
        assert!(stdout.contains("as-of"), "{shell}:\n{stdout}");
    }
}

#[test]
fn completions_for_unknown_shell_is_a_usage_error() {
    fails(run(&["completions", "tcsh"]), &["tcsh", "bash"]);
}

#[test]
fn man_page_is_roff() {
    let stdout = succeeds(run(&["man"]));
    // clap_mangen opens with two requests that define a quote string, then
    // the title.
    let th = stdout
        .lines()
        .position(|l| l.starts_with(".TH almen 1"))
        .unwrap_or_else(|| panic!("no .TH header:\n{stdout}"));
    assert!(th <= 2, "{stdout}");
    assert!(
        stdout.lines().take(th).all(|l| l.starts_with('.')),
        "{stdout}"
    );
    for needle in [".SH NAME", ".SH SYNOPSIS", "check", "validate", "init"] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
}

// ---------------------------------------------------------------------------
// 13. --help
// ---------------------------------------------------------------------------

fn help(args: &[&str]) -> String {
    let mut cmd = almen();
    cmd.args(args).arg("--help");
    let stdout = succeeds(cmd);
    // Deterministic: the same bytes a second time.
    let mut again = almen();
    again.args(args).arg("--help");
    assert_eq!(stdout, succeeds(again), "{args:?}");
    stdout
}

#[test]
fn help_top_level() {
    let stdout = help(&[]);
    for sub in [
        "check",
        "report",
        "validate",
        "init",
        "list",
        "show",
        "schema",
        "completions",
    ] {
        assert!(
            stdout.contains(&format!("\n  {sub} ")),
            "lacks {sub}:\n{stdout}"
        );
    }
    insta::assert_snapshot!("help", stdout);
}

#[test]
fn help_of_every_subcommand() {
    for sub in [
        "check",
        "report",
        "validate",
        "init",
        "list",
        "show",
        "schema",
        "completions",
    ] {
        let stdout = help(&[sub]);
        assert!(
            stdout.contains(&format!("Usage: almen {sub} ")),
            "{sub}:\n{stdout}"
        );
        assert!(stdout.contains("Example:\n  almen "), "{sub}:\n{stdout}");
        insta::assert_snapshot!(format!("help_{sub}"), stdout);
    }
}

#[test]
fn help_wraps_to_columns_which_the_snapshots_remove() {
    // Output is not a terminal, so clap wraps to COLUMNS when it is set,
    // and to 100 columns when not: `almen()` removes COLUMNS, which keeps
    // the help snapshots the same on every machine.
    let widest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap();
    let plain = help(&["list"]);
    assert!(widest(&plain) <= 100, "{plain}");
    let mut cmd = almen();
    cmd.env("COLUMNS", "60").args(["list", "--help"]);
    let narrow = succeeds(cmd);
    assert!(widest(&narrow) <= 60, "{narrow}");
    assert_ne!(plain, narrow);
}

#[path = "cli/escaping.rs"]
mod escaping;
#[path = "cli/formats.rs"]
mod formats;
#[path = "cli/recipes.rs"]
mod recipes;
#[path = "cli/robustness.rs"]
mod robustness;
