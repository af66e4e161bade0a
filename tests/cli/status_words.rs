//! Status words as people write them: every alias in any capitalisation,
//! with a space for a hyphen, read as its canonical status; a near miss
//! named in the hint; and the words for a duty (opfyldt) where people read
//! a status, the canonical ones where scripts do.

use std::fs;

use crate::{AS_OF, almen_in, array, check, exits, fails, json, str_field, succeeds, validate};

const FIXTURE: &str = "tests/fixtures/valid/statusord.toml";

/// The line of a table that holds `id`'s row.
fn row<'a>(table: &'a str, id: &str) -> &'a str {
    let needle = format!(" {id} ");
    table
        .lines()
        .find(|l| l.contains(&needle))
        .unwrap_or_else(|| panic!("no row for {id}:\n{table}"))
}

#[test]
fn status_words_as_people_write_them_check_fine() {
    let stdout = exits(check(&[FIXTURE]), 0);
    assert!(stdout.contains("Ingen mangler."), "{stdout}");
    succeeds(validate(&[FIXTURE]));

    // Scripts see the canonical words, whatever the file says.
    let doc = json(&exits(check(&[FIXTURE, "--format", "json"]), 0));
    let status = |id: &str| {
        let item = array(&doc, "items")
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("no {id}"));
        str_field(item, "status").to_owned()
    };
    for (id, written, canonical) in [
        ("OMV-1", "Følger", "met"),
        ("OMV-2", "Følger delvist", "partial"),
        ("OMV-3", "følges ikke", "unmet"),
        ("OMV-4", "FØLGER-DELVIST", "partial"),
        ("OMV-5", "Følges", "met"),
        ("OMV-6", "Not applicable", "not-applicable"),
        ("LAB-6F-1", "Opfyldt", "met"),
        ("NV-13", "FØLGES", "met"),
    ] {
        assert_eq!(status(id), canonical, "{id}: {written}");
    }
    let csv = exits(check(&[FIXTURE, "--format", "csv", "--lang", "en"]), 0);
    let statuses: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap_or_default())
        .collect();
    assert_eq!(
        statuses,
        [
            "met",
            "partial",
            "unmet",
            "partial",
            "met",
            "not-applicable",
            "met",
            "met",
            "met",
            "met"
        ],
        "{csv}"
    );
}

#[test]
fn every_alias_checks_on_every_kind_of_item() {
    let dir = tempfile::tempdir().unwrap();
    // Each word, once on a recommendation (OMV-1) and once on a duty
    // (LAB-6F-1), in the spellings people use.
    let words = [
        ("met", "met"),
        ("Partial", "partial"),
        ("UNMET", "unmet"),
        ("not applicable", "not-applicable"),
        ("følger", "met"),
        ("Følger delvist", "partial"),
        ("følger ikke", "unmet"),
        ("Ikke relevant", "not-applicable"),
        ("Opfyldt", "met"),
        ("delvist opfyldt", "partial"),
        ("IKKE OPFYLDT", "unmet"),
        ("følges", "met"),
        ("følges-delvist", "partial"),
        ("Følges ikke", "unmet"),
    ];
    for (written, canonical) in words {
        let file = format!(
            "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n[answers.OMV-1]\nstatus = \"{written}\"\n[answers.LAB-6F-1]\nstatus = \"{written}\"\n"
        );
        fs::write(dir.path().join("a.toml"), file).unwrap();
        let out = almen_in(dir.path())
            .args(["check", "a.toml", "--format", "json", "--as-of", AS_OF])
            .output()
            .unwrap();
        assert!(out.stderr.is_empty(), "{written}: {out:?}");
        let doc = json(&String::from_utf8(out.stdout).unwrap());
        for id in ["OMV-1", "LAB-6F-1"] {
            let item = array(&doc, "items").iter().find(|i| i["id"] == id).unwrap();
            assert_eq!(item["status"], canonical, "{id}: {written}");
        }
    }
}

#[test]
fn the_table_says_opfyldt_for_a_duty_and_følger_for_a_recommendation() {
    let da = exits(check(&["examples/mangler.toml", "--all"]), 1);
    for (id, words) in [
        ("OMV-2", "følger delvist"),
        ("OMV-3", "følger ikke"),
        ("OMV-5", "følger"),
        ("LAB-6F-1", "ikke opfyldt"),
        ("LAB-6F-2", "delvist opfyldt"),
        ("STY-1", "opfyldt"),
        ("EGN-2", "ikke relevant"),
    ] {
        assert!(
            row(&da, id).contains(&format!(" {words} ")),
            "{id} is not {words:?}:\n{da}"
        );
    }
    let en = exits(
        check(&["examples/mangler.toml", "--all", "--lang", "en"]),
        1,
    );
    for (id, words) in [
        ("OMV-2", "partial"),
        ("OMV-5", "met"),
        ("LAB-6F-1", "not fulfilled"),
        ("LAB-6F-2", "partly fulfilled"),
        ("STY-1", "fulfilled"),
        ("EGN-2", "not applicable"),
    ] {
        assert!(
            row(&en, id).contains(&format!(" {words} ")),
            "{id} is not {words:?}:\n{en}"
        );
    }
    // The board's report says it the same way.
    let mut report = crate::almen();
    report.args([
        "report",
        "examples/mangler.toml",
        "--format",
        "markdown",
        "--as-of",
        AS_OF,
    ]);
    let md = exits(report, 0);
    assert!(md.contains("| **LAB-6F-1** "), "{md}");
    let line = md
        .lines()
        .find(|l| l.starts_with("| **LAB-6F-2** "))
        .unwrap();
    assert!(line.contains("| delvist opfyldt, sidst gjort "), "{line}");
    let line = md.lines().find(|l| l.starts_with("| **OMV-2** ")).unwrap();
    assert!(line.contains("| følger delvist. "), "{line}");
}

#[test]
fn a_near_miss_is_e009_with_the_word_meant() {
    let dir = tempfile::tempdir().unwrap();
    for (written, meant) in [
        ("følger delvis", "følger-delvist"),
        ("Opfyldt delvist", "delvist-opfyldt"),
        ("ikke følges", "følges-ikke"),
        (" met", "met"),
        ("Følger  delvist", "følger-delvist"),
        ("følger_ikke", "følger-ikke"),
        ("følger`", "følger"),
    ] {
        let file = format!(
            "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n[answers.OMV-1]\nstatus = \"{written}\"\n"
        );
        fs::write(dir.path().join("a.toml"), file).unwrap();
        let mut cmd = almen_in(dir.path());
        cmd.args(["check", "a.toml", "--as-of", AS_OF, "--color", "never"]);
        let stderr = fails(
            cmd,
            &[
                "fejl[E009]",
                &format!("ukendt værdi `{written}` for `status`"),
                &format!("mente du `{meant}`?"),
            ],
        );
        // The words listed: canonical, Danish and for duties, not every
        // spelling.
        assert!(stderr.contains("`ikke-opfyldt`"), "{stderr}");
        assert!(!stderr.contains("`følges`"), "{stderr}");
        if written == "Opfyldt delvist" {
            insta::assert_snapshot!("unknown_status_opfyldt_delvist", stderr);
        }
    }
}

#[test]
fn an_item_met_without_evidence_is_said_in_the_words_of_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.toml"),
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n[answers.OMV-1]\nstatus = \"følger\"\ndate = 2026-01-01\n[answers.LAB-6F-1]\nstatus = \"opfyldt\"\ndate = 2026-01-01\n",
    )
    .unwrap();
    for (lang, recommendation, duty) in [
        (
            "da",
            "Følges, men ingen dokumentation er angivet.",
            "Opfyldt, men ingen dokumentation er angivet.",
        ),
        (
            "en",
            "Met, but no evidence is given.",
            "Fulfilled, but no evidence is given.",
        ),
    ] {
        let out = almen_in(dir.path())
            .args(["check", "a.toml", "--format", "json", "--lang", lang])
            .args(["--as-of", AS_OF])
            .output()
            .unwrap();
        let doc = json(&String::from_utf8(out.stdout).unwrap());
        let message = |id: &str| {
            let gap = array(&doc, "gaps")
                .iter()
                .find(|g| g["item"] == id && g["reason"] == "no-evidence")
                .unwrap_or_else(|| panic!("no gap for {id}: {doc}"));
            str_field(gap, "message").to_owned()
        };
        assert_eq!(message("OMV-1"), recommendation, "{lang}");
        assert_eq!(message("LAB-6F-1"), duty, "{lang}");
    }
}
