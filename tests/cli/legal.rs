//! The legal rules end to end, against the built-in checklist: a duty
//! cannot be declared not applicable (unless its wording is conditional),
//! "årligt" is once a calendar year, a placeholder is no explanation, and a
//! documented request to the municipality eases its part.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::{almen_in, array, exits, json, str_field};

/// Every item of samarbejde-med-omverdenen answered as met, with evidence,
/// except those `answers` gives (TOML answer tables).
fn assessment(dir: &Path, answers: &str) -> String {
    let mut text = String::from(
        "format = 1\n\n[organisation]\nname = \"Boligforeningen Prøve\"\n\n\
         [assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n",
    );
    for id in [
        "OMV-1", "OMV-2", "OMV-3", "OMV-4", "OMV-5", "OMV-6", "LAB-6F-1", "LAB-6F-2", "STY-1",
        "NV-13",
    ] {
        if !answers.contains(&format!("[answers.{id}]")) {
            text += &format!(
                "\n[answers.{id}]\nstatus = \"met\"\ndate = 2026-01-02\nevidence = [\"https://eksempel.dk/{id}\"]\n"
            );
        }
    }
    text += answers;
    fs::write(dir.join("almen.toml"), &text).unwrap();
    text
}

/// `check --format json` as of a date; the exit code must be `code`.
fn checked(dir: &Path, as_of: &str, code: i32) -> Value {
    let mut cmd = almen_in(dir);
    cmd.args(["check", "almen.toml", "--format", "json", "--as-of", as_of]);
    json(&exits(cmd, code))
}

/// The (item, severity, reason) of every gap.
fn gaps(doc: &Value) -> Vec<(String, String, String)> {
    array(doc, "gaps")
        .iter()
        .map(|g| {
            (
                str_field(g, "item").to_owned(),
                str_field(g, "severity").to_owned(),
                str_field(g, "reason").to_owned(),
            )
        })
        .collect()
}

fn gap(item: &str, severity: &str, reason: &str) -> (String, String, String) {
    (item.into(), severity.into(), reason.into())
}

#[test]
fn a_duty_declared_not_applicable_is_a_critical_gap_that_stays_in_the_score() {
    let dir = tempfile::tempdir().unwrap();
    assessment(
        dir.path(),
        "\n[answers.STY-1]\nstatus = \"ikke-relevant\"\n\
         explanation = \"Kommunen holder ikke styringsdialog med små boligorganisationer.\"\n",
    );
    let doc = checked(dir.path(), "2026-11-27", 1);
    assert_eq!(
        gaps(&doc),
        [gap("STY-1", "critical", "duty-not-applicable")]
    );
    assert_eq!(doc["compliant"], false);
    // 9 of 10 items met; STY-1 counts, at 0.
    assert_eq!(doc["adherence"].as_f64(), Some(90.0));
}

#[test]
fn the_conditional_duty_may_be_not_applicable_when_explained() {
    let dir = tempfile::tempdir().unwrap();
    assessment(
        dir.path(),
        "\n[answers.LAB-6F-2]\nstatus = \"not-applicable\"\n\
         explanation = \"Vi har ingen boligområder, hvor en koordinering med andre parter er nødvendig.\"\n",
    );
    let doc = checked(dir.path(), "2026-11-27", 0);
    assert!(gaps(&doc).is_empty(), "{doc}");
    assert_eq!(doc["adherence"].as_f64(), Some(100.0));

    assessment(
        dir.path(),
        "\n[answers.LAB-6F-2]\nstatus = \"not-applicable\"\nexplanation = \"n/a\"\n",
    );
    let doc = checked(dir.path(), "2026-11-27", 1);
    assert_eq!(gaps(&doc), [gap("LAB-6F-2", "major", "na-unexplained")]);
}

#[test]
fn the_styringsdialog_is_due_by_the_end_of_the_next_calendar_year() {
    let dir = tempfile::tempdir().unwrap();
    assessment(
        dir.path(),
        "\n[answers.STY-1]\nstatus = \"met\"\ndate = 2025-09-30\n\
         evidence = [\"https://eksempel.dk/styringsdialog-2025\"]\n",
    );
    // On 2026-11-27 the 2026 meeting is on time until 31 December: a
    // notice, no gap.
    let doc = checked(dir.path(), "2026-11-27", 0);
    assert!(gaps(&doc).is_empty(), "{doc}");
    let notices = array(&doc, "notices");
    assert_eq!(notices.len(), 1, "{doc}");
    assert_eq!(notices[0]["item"], "STY-1");
    assert_eq!(notices[0]["due"], "2026-12-31");
    // On the last day, still on time; the day after, overdue.
    assert!(gaps(&checked(dir.path(), "2026-12-31", 0)).is_empty());
    let doc = checked(dir.path(), "2027-01-01", 1);
    assert_eq!(gaps(&doc), [gap("STY-1", "critical", "overdue")]);
    assert_eq!(array(&doc, "gaps")[0]["due"], "2026-12-31");
}

#[test]
fn a_placeholder_is_no_explanation_in_check_and_in_validate() {
    let dir = tempfile::tempdir().unwrap();
    for placeholder in ["TBD", "\\u200b", "-", "Forklaring følger", "for dyrt"] {
        assessment(
            dir.path(),
            &format!("\n[answers.OMV-3]\nstatus = \"unmet\"\nexplanation = \"{placeholder}\"\n"),
        );
        let doc = checked(dir.path(), "2026-11-27", 1);
        assert_eq!(
            gaps(&doc),
            [gap("OMV-3", "major", "unexplained")],
            "{placeholder}"
        );
        assert_eq!(doc["counts"]["explained"], 0, "{placeholder}");
        let mut cmd = almen_in(dir.path());
        cmd.args([
            "validate",
            "almen.toml",
            "--format",
            "json",
            "--as-of",
            "2026-11-27",
        ]);
        let lint = json(&exits(cmd, 0));
        let codes: Vec<&str> = array(&lint, "diagnostics")
            .iter()
            .map(|d| str_field(d, "code"))
            .collect();
        assert_eq!(codes, ["W001"], "{placeholder}");
    }
    // A real explanation is explained, and validate is quiet.
    assessment(
        dir.path(),
        "\n[answers.OMV-3]\nstatus = \"unmet\"\n\
         explanation = \"Vi repræsenteres i kredsen af vores administrationsorganisation.\"\n",
    );
    let doc = checked(dir.path(), "2026-11-27", 0);
    assert!(gaps(&doc).is_empty(), "{doc}");
    assert_eq!(doc["counts"]["explained"], 1);
}

#[test]
fn a_documented_request_to_the_municipality_eases_an_overdue_dialogue() {
    let dir = tempfile::tempdir().unwrap();
    let sty = |requested: &str, evidence: &str| {
        format!(
            "\n[answers.STY-1]\nstatus = \"met\"\ndate = 2024-09-30\nrequested = {requested}\n\
             evidence = [{evidence}]\n"
        )
    };
    // Documented, after the last meeting, before as-of: minor.
    assessment(
        dir.path(),
        &sty("2025-10-15", "\"https://eksempel.dk/anmodning-2025\""),
    );
    let doc = checked(dir.path(), "2026-01-05", 0);
    assert_eq!(gaps(&doc), [gap("STY-1", "minor", "awaiting-counterparty")]);
    let g = &array(&doc, "gaps")[0];
    assert_eq!(g["requested"], "2025-10-15");
    assert_eq!(g["instead_of"], "overdue");
    let message = str_field(g, "message");
    assert!(message.contains("kommunalbestyrelsen"), "{message}");
    assert!(message.contains("2025-10-15"), "{message}");
    // The value stays 0: the meeting was still not held.
    assert_eq!(doc["adherence"].as_f64(), Some(90.0));

    // Not documented: critical, and the message says why.
    assessment(dir.path(), &sty("2025-10-15", ""));
    let doc = checked(dir.path(), "2026-01-05", 1);
    assert_eq!(
        gaps(&doc),
        [
            gap("STY-1", "critical", "overdue"),
            gap("STY-1", "minor", "no-evidence")
        ]
    );
    let message = str_field(&array(&doc, "gaps")[0], "message");
    assert!(message.contains("dokumenteret i `evidence`"), "{message}");

    // Asked before the last meeting: that request was answered.
    assessment(
        dir.path(),
        &sty("2024-09-01", "\"https://eksempel.dk/anmodning-2024\""),
    );
    let doc = checked(dir.path(), "2026-01-05", 1);
    assert_eq!(gaps(&doc), [gap("STY-1", "critical", "overdue")]);
    let message = str_field(&array(&doc, "gaps")[0], "message");
    assert!(message.contains("gælder ikke den nye frist"), "{message}");

    // Dated after as-of: not made yet.
    assessment(
        dir.path(),
        &sty("2026-02-01", "\"https://eksempel.dk/anmodning-2026\""),
    );
    let doc = checked(dir.path(), "2026-01-05", 1);
    assert_eq!(gaps(&doc), [gap("STY-1", "critical", "overdue")]);
    let message = str_field(&array(&doc, "gaps")[0], "message");
    assert!(message.contains("efter opgørelsesdatoen"), "{message}");
}
