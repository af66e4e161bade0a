//! `check --format sarif`: SARIF 2.1.0 for GitHub code scanning. Every log
//! is validated against the SARIF 2.1.0 JSON Schema (OASIS, errata 01),
//! kept in `tests/sarif-schema-2.1.0.json` as published in
//! oasis-tcs/sarif-spec (`sarif-2.1/schema/sarif-schema-2.1.0.json`).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::Value;

use crate::{array, check, exits, root, str_field};

const GAPS: &str = "examples/mangler.toml";

/// What keeps `log` from being valid SARIF 2.1.0.
fn sarif_errors(log: &Value) -> Vec<String> {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    let validator = SCHEMA.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("tests/sarif-schema-2.1.0.json")).unwrap();
        let schema: Value = serde_json::from_str(&text).unwrap();
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the SARIF schema is a valid JSON Schema")
    });
    validator
        .iter_errors(log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn valid_sarif(log: &Value) {
    let errors = sarif_errors(log);
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0: {errors:#?}\n{log:#}"
    );
}

/// `check ARGS --format sarif`, exiting `code`, as a validated log.
fn sarif(args: &[&str], code: i32) -> (String, Value) {
    let mut cmd = check(args);
    cmd.args(["--format", "sarif"]);
    let stdout = exits(cmd, code);
    let log: Value = serde_json::from_str(&stdout).expect("one JSON document");
    valid_sarif(&log);
    (stdout, log)
}

fn run(log: &Value) -> &Value {
    let runs = array(log, "runs");
    assert_eq!(runs.len(), 1, "one run: {log}");
    &runs[0]
}

#[test]
fn every_log_is_valid_sarif() {
    for (args, code) in [
        (&[GAPS][..], 1),
        (&["examples/almen.toml"][..], 0),
        (
            &[GAPS, "--lang", "en", "--all", "--fail-on", "never"][..],
            0,
        ),
        (&["examples"][..], 1),
        (
            &[
                "examples/almen.toml",
                "tests/fixtures/invalid/three-mistakes.toml",
            ][..],
            2,
        ),
        (
            &[
                "tests/fixtures/invalid/malformed.toml",
                "tests/fixtures/invalid/missing-checklist.toml",
            ][..],
            2,
        ),
        (&["tests/fixtures/hostile/almen.toml"][..], 1),
    ] {
        sarif(args, code);
    }
    // The schema does hold a log to it.
    let (_, log) = sarif(&[GAPS], 1);
    let mut wrong = log.clone();
    wrong["version"] = "2.0.0".into();
    assert!(!is_valid(&wrong), "a version");
    let mut wrong = log.clone();
    wrong["runs"][0]["results"][0]["level"] = "critical".into();
    assert!(!is_valid(&wrong), "a level");
    let mut wrong = log;
    wrong["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!is_valid(&wrong), "a line");
}

fn is_valid(log: &Value) -> bool {
    sarif_errors(log).is_empty()
}

/// The log names almen, its version and where to read about it; a log
/// without gaps still has its (empty) results, as code scanning needs.
#[test]
fn the_tool_is_almen() {
    let (_, log) = sarif(&["examples/almen.toml"], 0);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let driver = &run(&log)["tool"]["driver"];
    assert_eq!(driver["name"], "almen");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(str_field(driver, "informationUri").starts_with("https://"));
    assert_eq!(array(run(&log), "results").len(), 0);
    assert_eq!(run(&log)["language"], "da");
}

/// One result for each gap, on the same line as the GitHub annotation, its
/// rule the item; critical and major gaps are errors, minor ones warnings,
/// deadlines due soon notes.
#[test]
fn each_gap_is_a_result_on_its_answer() {
    let (stdout, log) = sarif(&[GAPS, "--lang", "en"], 1);
    let json = crate::json(&exits(
        check(&[GAPS, "--format", "json", "--lang", "en"]),
        1,
    ));
    let gaps = array(&json, "gaps");
    let notices = array(&json, "notices");
    let results = array(run(&log), "results");
    assert_eq!(results.len(), gaps.len() + notices.len());

    // The lines the GitHub format points at, in the same order.
    let github = exits(check(&[GAPS, "--format", "github", "--lang", "en"]), 1);
    let lines: Vec<i64> = github
        .lines()
        .map(|l| {
            let at = l.find(",line=").unwrap() + 6;
            l[at..].split(',').next().unwrap().parse().unwrap()
        })
        .collect();

    for (i, result) in results.iter().enumerate() {
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], GAPS);
        assert_eq!(location["region"]["startLine"], lines[i], "{result}");
        let text = str_field(&result["message"], "text");
        if let Some(gap) = gaps.get(i) {
            assert_eq!(result["ruleId"], gap["item"]);
            assert_eq!(result["properties"]["reason"], gap["reason"]);
            assert_eq!(result["properties"]["severity"], gap["severity"]);
            let level = match str_field(gap, "severity") {
                "critical" | "major" => "error",
                _ => "warning",
            };
            assert_eq!(result["level"], level, "{result}");
            assert!(text.starts_with(str_field(gap, "item")), "{text}");
            assert!(text.contains(str_field(gap, "message")), "{text}");
            assert!(text.contains(str_field(gap, "fix")), "{text}");
        } else {
            let notice = &notices[i - gaps.len()];
            assert_eq!(result["ruleId"], notice["item"]);
            assert_eq!(result["level"], "note");
            assert_eq!(result["properties"]["reason"], "due-soon");
        }
    }
    let levels: BTreeSet<&str> = results.iter().map(|r| str_field(r, "level")).collect();
    assert_eq!(levels, BTreeSet::from(["error", "note", "warning"]));

    // Each rule once, in id order, each result pointing at its own; the
    // rule is the item, with its title and the item in full as help.
    let rules = array(&run(&log)["tool"]["driver"], "rules");
    let ids: Vec<&str> = rules.iter().map(|r| str_field(r, "id")).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let omv2 = rules.iter().find(|r| r["id"] == "OMV-2").unwrap();
    assert_eq!(
        omv2["shortDescription"]["text"],
        "Maintain ongoing cooperation and dialogue with the outside world"
    );
    assert!(
        str_field(&omv2["help"], "text").starts_with("OMV-2 · "),
        "{omv2}"
    );
    assert_eq!(omv2["properties"]["kind"], "recommendation");
    insta::assert_snapshot!("sarif_mangler_en", stdout);
}

/// A file that could not be checked has a result for each problem, where
/// it is, its rule the diagnostic's code.
#[test]
fn a_file_that_could_not_be_checked_has_its_problems_as_results() {
    let (stdout, log) = sarif(
        &[
            "examples/almen.toml",
            "tests/fixtures/invalid/three-mistakes.toml",
        ],
        2,
    );
    let results = array(run(&log), "results");
    assert!(!results.is_empty());
    for result in results {
        let rule = str_field(result, "ruleId");
        assert!(rule.starts_with('E'), "{result}");
        assert_eq!(result["level"], "error");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "tests/fixtures/invalid/three-mistakes.toml"
        );
        assert!(
            location["region"]["startLine"].as_u64().is_some(),
            "{result}"
        );
        assert!(
            location["region"]["startColumn"].as_u64().is_some(),
            "{result}"
        );
    }
    let rules = array(&run(&log)["tool"]["driver"], "rules");
    assert!(rules.iter().all(|r| {
        r["shortDescription"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    }));
    insta::assert_snapshot!("sarif_unchecked", stdout);
}
