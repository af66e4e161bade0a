//! `--fail-under` in every format: where it decides the exit code, the
//! output says so, in the table, JUnit, GitHub, SARIF, CSV, Markdown and JSON, for
//! one assessment and for several. The fixture is compliant at 80 %, so
//! only the threshold fails it.

use crate::{check, exits, json};

/// Compliant (no gaps, two explained deviations) at 80.0 %.
const FORKLARET: &str = "tests/fixtures/valid/forklaret.toml";

fn under_90(args: &[&str]) -> String {
    let mut all = vec![FORKLARET, "--fail-under", "90"];
    all.extend_from_slice(args);
    exits(check(&all), 1)
}

#[test]
fn the_table_says_why_the_run_fails() {
    let da = under_90(&[]);
    assert!(
        da.contains("✔ Følg eller forklar: overholdt."),
        "the verdict stays what it is:\n{da}"
    );
    assert!(
        da.trim_end()
            .ends_with("✘ Efterlevelse 80,0 % er under grænsen 90 % (`--fail-under`)."),
        "the last line says why it fails:\n{da}"
    );
    insta::assert_snapshot!("fail_under_table_da", da);
    let en = under_90(&["--lang", "en"]);
    assert!(
        en.trim_end()
            .ends_with("✘ Adherence 80.0% is under the threshold 90% (`--fail-under`)."),
        "{en}"
    );
    insta::assert_snapshot!("fail_under_table_en", en);

    // Not under it: nothing more is said, and the run passes.
    let passed = exits(check(&[FORKLARET, "--fail-under", "79,5"]), 0);
    assert!(!passed.contains("--fail-under"), "{passed}");
}

#[test]
fn junit_has_the_threshold_as_a_failing_test_case() {
    let xml = under_90(&["--format", "junit"]);
    // Ten items, all passing, and the threshold, failing.
    assert!(
        xml.contains(r#"<testsuites name="almen" tests="11" skipped="0" failures="1""#),
        "{xml}"
    );
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let case = doc
        .descendants()
        .find(|n| n.attribute("classname") == Some("almen.fail-under"))
        .unwrap_or_else(|| panic!("no test case for the threshold:\n{xml}"));
    assert_eq!(case.attribute("name"), Some("Efterlevelse mindst 90 %"));
    let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(failure.attribute("type"), Some("fail-under"));
    assert_eq!(
        failure.attribute("message"),
        Some("Efterlevelse 80,0 % er under grænsen 90 % (`--fail-under`).")
    );
    insta::assert_snapshot!("fail_under_junit_da", xml);

    // Met, the threshold is a test case that passes.
    let passed = exits(
        check(&[FORKLARET, "--fail-under", "80", "--format", "junit"]),
        0,
    );
    assert!(passed.contains(r#"failures="0""#), "{passed}");
    assert!(
        passed.contains(
            r#"<testcase name="Efterlevelse mindst 80 %" classname="almen.fail-under"/>"#
        ),
        "{passed}"
    );
}

#[test]
fn github_has_an_error_on_the_assessment() {
    let out = under_90(&["--format", "github", "--lang", "en"]);
    assert_eq!(
        out,
        "::error file=tests/fixtures/valid/forklaret.toml,line=7,title=Adherence under 90%25::\
         Adherence 80.0%25 is under the threshold 90%25 (`--fail-under`).\n"
    );
    let da = under_90(&["--format", "github"]);
    assert!(
        da.starts_with("::error file=tests/fixtures/valid/forklaret.toml,line=7,title=Efterlevelse under 90 %25::"),
        "{da}"
    );
}

#[test]
fn json_has_the_threshold_and_whether_it_is_breached() {
    let doc = json(&under_90(&["--format", "json"]));
    assert_eq!(doc["fail_under"]["threshold"], 90.0);
    assert_eq!(doc["fail_under"]["breached"], true);
    let passed = json(&exits(
        check(&[FORKLARET, "--fail-under", "80", "--format", "json"]),
        0,
    ));
    assert_eq!(passed["fail_under"]["threshold"], 80.0);
    assert_eq!(passed["fail_under"]["breached"], false);
    // Without --fail-under there is no such field.
    let without = json(&exits(check(&[FORKLARET, "--format", "json"]), 0));
    assert!(without.get("fail_under").is_none(), "{without}");
}

#[test]
fn csv_has_a_row_for_the_threshold() {
    let da = under_90(&["--format", "csv"]);
    let last = da.lines().last().unwrap();
    assert_eq!(
        last,
        "tests/fixtures/valid/forklaret.toml;;;;under grænsen;80;;;;;\
         Efterlevelse 80,0 % er under grænsen 90 % (--fail-under).;"
    );
    let en = under_90(&["--format", "csv", "--lang", "en"]);
    assert_eq!(
        en.lines().last().unwrap(),
        "tests/fixtures/valid/forklaret.toml,,,,fail-under,80,,,,,\
         Adherence 80.0% is under the threshold 90% (--fail-under).,"
    );
    // Not under it: one row per item, as without.
    let passed = exits(
        check(&[FORKLARET, "--fail-under", "80", "--format", "csv"]),
        0,
    );
    assert_eq!(passed.lines().count(), 1 + 10, "{passed}");
}

#[test]
fn markdown_says_it_first() {
    let md = under_90(&["--format", "markdown"]);
    assert!(
        md.starts_with("**✘ Efterlevelse 80,0 % er under grænsen 90 % (`--fail-under`).**\n\n# "),
        "{md}"
    );
}

#[test]
fn several_say_it_for_each_and_in_the_summary() {
    let args = [
        "examples/almen.toml",
        FORKLARET,
        "tests/fixtures/valid/kun-mindre.toml",
        "--fail-under",
        "96",
    ];
    let table = exits(check(&args), 1);
    // 100 % passes; 80 % and 95 % do not.
    assert_eq!(
        table
            .matches("er under grænsen 96 % (`--fail-under`).")
            .count(),
        2,
        "{table}"
    );
    assert!(
        table
            .trim_end()
            .ends_with("✘ 2 af 3 under grænsen 96 % for efterlevelse (`--fail-under`)."),
        "{table}"
    );
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let doc = json(&exits(check(&with_json), 1));
    assert_eq!(doc["summary"]["fail_under"]["threshold"], 96.0);
    assert_eq!(doc["summary"]["fail_under"]["breached"], true);
    let breached: Vec<bool> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["fail_under"]["breached"].as_bool().unwrap())
        .collect();
    assert_eq!(breached, [false, true, true]);
}

#[test]
fn fail_on_minor_under_a_compliant_verdict_says_why() {
    // Two minor gaps: compliant, but `--fail-on minor` fails it.
    let fixture = "tests/fixtures/valid/kun-mindre.toml";
    let table = exits(check(&[fixture, "--fail-on", "minor"]), 1);
    assert!(
        table.contains("✔ Følg eller forklar: overholdt."),
        "{table}"
    );
    assert!(
        table
            .trim_end()
            .ends_with("✘ 2 mangler med alvor mindre eller derover (`--fail-on minor`)."),
        "{table}"
    );
    let en = exits(check(&[fixture, "--fail-on", "minor", "--lang", "en"]), 1);
    assert!(
        en.trim_end()
            .ends_with("✘ 2 gaps at minor or worse (`--fail-on minor`)."),
        "{en}"
    );
    // The default, major, does not fail it, and nothing more is said.
    let passed = exits(check(&[fixture]), 0);
    assert!(!passed.contains("--fail-on"), "{passed}");
}

#[test]
fn sarif_has_an_error_result_on_the_assessment() {
    let doc: serde_json::Value =
        serde_json::from_str(&under_90(&["--format", "sarif", "--lang", "en"])).unwrap();
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let breach: Vec<_> = results
        .iter()
        .filter(|r| r["ruleId"] == "fail-under")
        .collect();
    assert_eq!(breach.len(), 1, "{doc}");
    assert_eq!(breach[0]["level"], "error");
    assert_eq!(
        breach[0]["message"]["text"],
        "Adherence 80.0% is under the threshold 90% (`--fail-under`)"
    );
    assert_eq!(
        breach[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        7
    );
    // Not breached: no such result.
    let out = exits(
        check(&[FORKLARET, "--fail-under", "80", "--format", "sarif"]),
        0,
    );
    assert!(!out.contains("fail-under"), "{out}");
}
