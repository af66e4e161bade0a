//! Inputs and situations found to go wrong once, each named after what
//! broke, so it cannot come back.

use std::fs;

use predicates::prelude::*;

use crate::{AS_OF, almen_in, root};

const CHECKLIST_HEAD: &str = "format = 1\nid = \"egne\"\nversion = \"1\"\ntitle = { da = \"Egne\" }\n[source]\npublisher = \"P\"\ntitle = \"T\"\n";

fn assessment(name: &str, checklists: &str, answers: &str) -> String {
    format!(
        "format = 1\n[organisation]\nname = {name:?}\n[assessment]\nchecklists = [{checklists}]\ndate = 2026-11-01\n{answers}"
    )
}

#[test]
fn huge_weights_are_refused_not_summed_to_nan() {
    let dir = tempfile::tempdir().unwrap();
    let items = "[[item]]\nid = \"A\"\nkind = \"duty\"\nweight = 1e308\ntitle = { da = \"A\" }\n[[item]]\nid = \"B\"\nkind = \"duty\"\nweight = 1e308\ntitle = { da = \"B\" }\n";
    fs::write(
        dir.path().join("egne.toml"),
        format!("{CHECKLIST_HEAD}{items}"),
    )
    .unwrap();
    fs::write(
        dir.path().join("a.toml"),
        assessment("X", "\"egne.toml\"", ""),
    )
    .unwrap();
    almen_in(dir.path())
        .args(["check", "a.toml", "--as-of", AS_OF])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("E014").and(predicate::str::contains("højst 1000")));
}

#[test]
fn a_report_never_overwrites_its_own_input() {
    let dir = tempfile::tempdir().unwrap();
    let text = assessment("X", "\"samarbejde-med-omverdenen\"", "");
    fs::write(dir.path().join("a.toml"), &text).unwrap();
    almen_in(dir.path())
        .args(["report", "a.toml", "-o", "./a.toml", "--as-of", AS_OF])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.toml"));
    assert_eq!(fs::read_to_string(dir.path().join("a.toml")).unwrap(), text);
}

#[test]
fn the_assessments_own_folder_is_no_evidence() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let answers = "[answers.OMV-1]\nstatus = \"met\"\nevidence = [\".\"]\n[answers.OMV-2]\nstatus = \"met\"\nevidence = [\"\"]\n[answers.OMV-3]\nstatus = \"met\"\nevidence = [\"./\"]\n";
    fs::write(
        dir.path().join("sub/a.toml"),
        assessment("X", "\"samarbejde-med-omverdenen\"", answers),
    )
    .unwrap();
    for (cwd, file) in [
        (dir.path().to_path_buf(), "sub/a.toml"),
        (dir.path().join("sub"), "a.toml"),
    ] {
        let out = almen_in(&cwd)
            .args([
                "check",
                file,
                "--as-of",
                AS_OF,
                "--format",
                "json",
                "--fail-on",
                "never",
            ])
            .output()
            .unwrap();
        let json = crate::json(&String::from_utf8(out.stdout).unwrap());
        for item in ["OMV-1", "OMV-2", "OMV-3"] {
            assert!(
                json["gaps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|g| g["item"] == item && g["reason"] == "evidence-not-found"),
                "{item} from {file}: {json}"
            );
        }
    }
}

#[test]
fn a_folder_finds_assessments_written_with_dotted_keys() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.toml"),
        "format = 1\norganisation.name = \"Prikket\"\nassessment.checklists = [\"samarbejde-med-omverdenen\"]\n",
    )
    .unwrap();
    fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    almen_in(dir.path())
        .args(["check", ".", "--as-of", AS_OF, "--fail-on", "never"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Prikket"));
}

#[test]
fn one_checklist_under_two_spellings_is_one_checklist() {
    let root = root();
    let absolute = root.join("examples/egne-krav.toml");
    almen_in(root)
        .args([
            "check",
            "examples/mangler.toml",
            "--as-of",
            AS_OF,
            "--fail-on",
            "never",
            "--checklist",
        ])
        .arg(&absolute)
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
}

#[test]
fn spreadsheet_formulas_in_answers_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let answers = "[answers.OMV-1]\nstatus = \"unmet\"\nexplanation = \"=HYPERLINK(\\\"http://x\\\")\"\nplan = { action = \"a\", owner = \"@ejer\", due = 2027-01-01 }\n";
    fs::write(
        dir.path().join("a.toml"),
        assessment("X", "\"samarbejde-med-omverdenen\"", answers),
    )
    .unwrap();
    let out = almen_in(dir.path())
        .args([
            "check", "a.toml", "--as-of", AS_OF, "--format", "csv", "--lang", "en",
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.contains("'=HYPERLINK") && csv.contains("'@ejer"),
        "{csv}"
    );
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
        "{csv}"
    );
}

#[test]
fn terminal_escapes_in_a_name_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.toml"),
        assessment(
            "Navn\u{1b}]0;overtaget\u{7}",
            "\"samarbejde-med-omverdenen\"",
            "",
        ),
    )
    .unwrap();
    for format in ["table", "github"] {
        let out = almen_in(dir.path())
            .args([
                "check", "a.toml", "--as-of", AS_OF, "--color", "never", "--format", format,
            ])
            .output()
            .unwrap();
        assert!(
            !out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07),
            "{format}"
        );
    }
}

#[test]
fn a_negative_number_of_months_says_what_is_expected() {
    let dir = tempfile::tempdir().unwrap();
    let items =
        "[[item]]\nid = \"A\"\nkind = \"duty\"\ntitle = { da = \"A\" }\nevery-months = -1\n";
    fs::write(
        dir.path().join("egne.toml"),
        format!("{CHECKLIST_HEAD}{items}"),
    )
    .unwrap();
    almen_in(dir.path())
        .args(["validate", "egne.toml", "--lang", "en"])
        .assert()
        .code(2)
        .stdout(
            predicate::str::contains("egne.toml:12:16")
                .and(predicate::str::contains("a whole number, 0 or more")),
        );
}

#[test]
fn format_written_another_way_is_still_format_1() {
    let dir = tempfile::tempdir().unwrap();
    let text = assessment("X", "\"samarbejde-med-omverdenen\"", "").replacen(
        "format = 1",
        "format = +1",
        1,
    );
    fs::write(dir.path().join("a.toml"), text).unwrap();
    almen_in(dir.path())
        .args(["check", "a.toml", "--as-of", AS_OF, "--fail-on", "never"])
        .assert()
        .code(0);
}

#[test]
fn a_file_of_mistakes_is_cut_short() {
    let dir = tempfile::tempdir().unwrap();
    let answers: String = (0..300)
        .map(|i| format!("[answers.OMV-1{i}]\nstatu = \"met\"\n"))
        .collect();
    fs::write(
        dir.path().join("a.toml"),
        assessment("X", "\"samarbejde-med-omverdenen\"", &answers),
    )
    .unwrap();
    almen_in(dir.path())
        .args(["check", "a.toml", "--as-of", AS_OF])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("efter 50 fejl"));
}
