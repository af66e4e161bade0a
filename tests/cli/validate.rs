//! `validate` beyond single warnings: errors and their exit code, the JSON
//! document, folders holding both kinds of file, and `--explain` for every
//! code of the README's "Diagnostic codes".

use std::collections::BTreeSet;
use std::fs;

use predicates::prelude::*;
use serde_json::Value;

use crate::{
    almen, array, exits, fails, invalid_dir, json, lint_dir, root, stdout_of, str_field, succeeds,
    validate, validate_lint,
};

#[test]
fn validate_error_file_exits_2() {
    let mut cmd = validate(&["unknown-key.toml"]);
    cmd.current_dir(invalid_dir());
    let assert = cmd.assert().code(2).stderr(predicate::str::is_empty());
    let stdout = stdout_of(&assert);
    for needle in [
        "fejl[E005]",
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
        "fejl[E008]",
        "three-mistakes.toml:9:8",
        "fejl[E009]",
        "three-mistakes.toml:12:10",
        "fejl[E005]",
        "three-mistakes.toml:17:1",
        "1 fil tjekket: 3 fejl, 0 advarsler",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    assert_eq!(stdout.matches("fejl[").count(), 3, "{stdout}");
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
    // The folder is walked into: examples/kommune's six assessments are
    // read too, and give no warning.
    assert!(
        stdout.ends_with("11 filer tjekket: 0 fejl, 8 advarsler\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("E017"), "{stdout}");

    let doc = json(&exits(validate(&["examples", "--format", "json"]), 0));
    assert_eq!(
        doc["files"],
        serde_json::json!([
            "examples/almen.toml",
            "examples/egne-krav.toml",
            "examples/kommune/gudenaahusene.toml",
            "examples/kommune/hadsten-enge.toml",
            "examples/kommune/lilleaaen.toml",
            "examples/kommune/noerrevaenget.toml",
            "examples/kommune/toejhushaven.toml",
            "examples/kommune/ulstrup-bakker.toml",
            "examples/mangler.toml",
            "examples/sidste-aar.toml",
            "examples/to-kommuner.toml"
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
            ("examples/egne-krav.toml", "W011"),
            // … and assessment lint: mangler.toml's missing evidence and
            // its placeholder explanation, which last year's assessment
            // (sidste-aar.toml) had too.
            ("examples/mangler.toml", "W008"),
            ("examples/mangler.toml", "W001"),
            ("examples/sidste-aar.toml", "W008"),
            ("examples/sidste-aar.toml", "W001"),
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
    let expected: Vec<String> = (1..=26)
        .map(|n| format!("E{n:03}"))
        .chain((1..=17).map(|n| format!("W{n:03}")))
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
                description.lines().next().unwrap().trim().chars().count() >= 8,
                "{code} --lang {lang}: {stdout:?}"
            );
            // An example of the mistake, and of its fix.
            let (wrong, right) = match lang {
                "da" => ("\nSådan ser det ud:\n    ", "\nRettet:\n    "),
                _ => ("\nWhat it looks like:\n    ", "\nFixed:\n    "),
            };
            assert!(
                stdout.contains(wrong) && stdout.contains(right),
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

#[test]
fn explain_shows_the_mistake_and_its_fix() {
    let mut cmd = almen();
    cmd.args(["validate", "--explain", "E008"]);
    let stdout = succeeds(cmd);
    insta::assert_snapshot!("explain_e008_da", stdout);
    assert!(stdout.contains("    date = \"2026-05-20\"\n"), "{stdout}");
    assert!(stdout.contains("    date = 2026-05-20\n"), "{stdout}");
}
