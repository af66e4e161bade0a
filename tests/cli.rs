//! End-to-end tests of the `almen` binary: exit codes, diagnostics for bad
//! input, the table and JSON output, several assessments, determinism,
//! language and colour, a closed pipe, and evidence that leaves its folder.
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
            "`weight` skal være over 0 i `VGT-1`",
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
