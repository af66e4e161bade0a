//! `validate`'s warnings, one fixture of `tests/fixtures/lint` per code:
//! where each points, the same place in the JSON form, and `--deny-warnings`
//! turning it into exit 1.

use std::fs;

use predicates::prelude::*;

use crate::{almen, array, exits, json, lint_dir, stdout_of, validate_lint};

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
        stdout.contains(&format!("advarsel[{code}]")),
        "lacks {code}:\n{stdout}"
    );
    assert!(
        stdout.contains(&format!("{file}:{line}:{column}")),
        "lacks {file}:{line}:{column}:\n{stdout}"
    );
    assert_eq!(stdout.matches("advarsel[").count(), 1, "{stdout}");
    assert!(!stdout.contains("fejl["), "{stdout}");
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
            "forklaringen på `OMV-3` tæller ikke som en forklaring",
            "en pladsholder",
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
fn lint_w013_one_document_for_three_items() {
    let stdout = one_warning(
        "w013-samme-dokumentation.toml",
        "W013",
        15,
        13,
        &[
            "dokumentationen `https://fnug.example/referat-2026-03-10.pdf` er givet for 3 punkter i `samarbejde-med-omverdenen`: `OMV-1`, `OMV-2`, `OMV-5`",
            "ét dokument for det hele er ikke dokumentation for hvert punkt",
        ],
    );
    insta::assert_snapshot!("lint_w013", stdout);
    let stdout = exits(
        validate_lint(&["w013-samme-dokumentation.toml", "--lang", "en"]),
        0,
    );
    assert!(
        stdout.contains("one document for everything is not evidence for each item"),
        "{stdout}"
    );
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
        "advarsel[W007]",
        "tre-advarsler.toml:10:12",
        "advarsel[W001]",
        "tre-advarsler.toml:14:15",
        "advarsel[W003]",
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
fn lint_w016_municipalities_with_one_municipality() {
    let stdout = one_warning(
        "w016-en-kommune.toml",
        "W016",
        6,
        18,
        &[
            "`municipalities` nævner kun én kommune",
            "skriv den i `municipality = \"…\"`",
        ],
    );
    insta::assert_snapshot!("lint_w016", stdout);
}

#[test]
fn lint_w017_one_answer_for_several_municipalities() {
    let stdout = one_warning(
        "w017-et-svar-for-alle.toml",
        "W017",
        14,
        10,
        &[
            "`STY-1` er besvaret én gang for alle organisationens kommuner",
            "`[[answers.STY-1.per]]`",
        ],
    );
    insta::assert_snapshot!("lint_w017", stdout);
}

/// An entry of an answer given per municipality is looked at as any
/// answer is: an explanation that explains nothing there is W001, on its
/// own line.
#[test]
fn lint_looks_into_each_municipalitys_entry() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.toml"),
        "format = 1\n[organisation]\nname = \"X\"\n\
         municipalities = [\"Aarhus Kommune\", \"Skanderborg Kommune\"]\n\
         [assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n\
         [[answers.STY-1.per]]\nmunicipality = \"Skanderborg Kommune\"\nstatus = \"unmet\"\n\
         explanation = \"TBD\"\n",
    )
    .unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args([
        "validate",
        "a.toml",
        "--as-of",
        crate::AS_OF,
        "--color",
        "never",
    ]);
    let stdout = exits(cmd, 0);
    assert!(stdout.contains("advarsel[W001]"), "{stdout}");
    assert!(stdout.contains("a.toml:10:15"), "{stdout}");
}

/// An answer dated after the as-of date is W005's alone: W006 told the
/// user to move the assessment's date after it, into the future too.
#[test]
fn a_future_answer_date_is_not_the_assessments_fault() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("almen.toml"),
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\n\
         checklists = [\"samarbejde-med-omverdenen\"]\ndate = 2026-11-01\n\
         [answers.OMV-1]\nstatus = \"met\"\ndate = 2026-12-01\nevidence = [\"https://x.dk/a\"]\n",
    )
    .unwrap();
    let mut cmd = almen();
    cmd.current_dir(dir.path())
        .args(["validate", "--as-of", "2026-11-27"]);
    let stdout = exits(cmd, 0);
    assert!(stdout.contains("advarsel[W005]"), "{stdout}");
    assert!(!stdout.contains("W006"), "{stdout}");
}
