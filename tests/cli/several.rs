//! Several assessments in one run, named one by one or as a folder: each is
//! scored as on its own, in the order given, with a summary; a file that
//! could not be checked is in every format too, in its place, as such.

use std::fs;

use predicates::prelude::*;
use serde_json::{Value, json as value};

use crate::{array, check, copy_dir, exits, fails_several, json, root, stdout_of};

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
    assert_eq!(results[1]["adherence"].as_f64(), Some(46.9));
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
    assert_eq!(results[1]["adherence"].as_f64(), Some(46.9));
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

// ---------------------------------------------------------------------------
// A file that could not be checked is in the output, never left out
// ---------------------------------------------------------------------------

const UNKNOWN_KEY: &str = "tests/fixtures/invalid/unknown-key.toml";

/// The JSON entry of `unknown-key.toml`, in Danish.
fn unknown_key_entry() -> Value {
    value!({
        "file": UNKNOWN_KEY,
        "error": true,
        "diagnostics": [{
            "file": UNKNOWN_KEY,
            "line": 11,
            "column": 1,
            "code": "E005",
            "severity": "error",
            "message": "ukendt nøgle `statu` i `answers.OMV-1`",
            "hint": "mente du `status`?"
        }]
    })
}

#[test]
fn a_file_that_cannot_be_checked_is_an_entry_in_json() {
    let (stdout, _) = fails_several(
        check(&[
            "examples/almen.toml",
            UNKNOWN_KEY,
            "examples/mangler.toml",
            "--format",
            "json",
        ]),
        &["fejl[E005]", "unknown-key.toml:11:1"],
    );
    let doc = json(&stdout);
    let results = array(&doc, "results");
    assert_eq!(results.len(), 3, "one entry for each file, in order");
    assert_eq!(results[1], unknown_key_entry());
    // The others as when the bad file is not there.
    let good = json(&exits(
        check(&[
            "examples/almen.toml",
            "examples/mangler.toml",
            "--format",
            "json",
        ]),
        1,
    ));
    assert_eq!(results[0], good["results"][0]);
    assert_eq!(results[2], good["results"][1]);
    let mut summary = good["summary"].clone();
    summary["unchecked"] = value!(1);
    assert_eq!(doc["summary"], summary);
    assert_eq!(doc["as_of"], crate::AS_OF);
    insta::assert_snapshot!("several_json_unchecked", stdout);
}

#[test]
fn nothing_checked_is_still_results_and_a_summary() {
    let (stdout, _) = fails_several(
        check(&[UNKNOWN_KEY, "findes-ikke.toml", "--format", "json"]),
        &["fejl[E005]", "fejl[E001]"],
    );
    let doc = json(&stdout);
    let results = array(&doc, "results");
    assert_eq!(results[0], unknown_key_entry());
    assert_eq!(results[1]["file"], "findes-ikke.toml");
    assert_eq!(results[1]["error"], true);
    assert_eq!(results[1]["diagnostics"][0]["code"], "E001");
    assert_eq!(results[1]["diagnostics"][0]["line"], Value::Null);
    assert_eq!(doc["as_of"], Value::Null, "nothing was checked as of a day");
    let summary = &doc["summary"];
    assert_eq!(summary["assessments"], 0);
    assert_eq!(summary["unchecked"], 2);
    assert_eq!(
        summary["adherence"],
        value!({ "mean": null, "min": null, "max": null })
    );
}

/// A folder with files that check and files that do not, interleaved: one
/// entry each, in path order.
#[test]
fn a_folder_gives_every_file_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("indsendt");
    fs::create_dir_all(folder.join("c")).unwrap();
    let copy = |from: &str, to: &str| fs::copy(root().join(from), folder.join(to)).unwrap();
    copy("tests/fixtures/valid/kun-mindre.toml", "a.toml");
    copy("tests/fixtures/invalid/malformed.toml", "b.toml");
    copy("tests/fixtures/valid/forklaret.toml", "c/a.toml");
    fs::write(
        folder.join("c/b.toml"),
        b"[organisation]\nname = \"\xc6\"\n",
    )
    .unwrap();
    copy("examples/egne-krav.toml", "d.toml");
    copy(UNKNOWN_KEY, "e.toml");

    let mut cmd = check(&["indsendt", "--format", "json"]);
    cmd.current_dir(dir.path());
    let (stdout, _) = fails_several(cmd, &["fejl[E004]", "fejl[E002]", "fejl[E005]"]);
    let doc = json(&stdout);
    let entries: Vec<(&str, bool)> = array(&doc, "results")
        .iter()
        .map(|r| (r["file"].as_str().unwrap(), r["error"] == true))
        .collect();
    // d.toml is a checklist, not an assessment.
    assert_eq!(
        entries,
        [
            ("indsendt/a.toml", false),
            ("indsendt/b.toml", true),
            ("indsendt/c/a.toml", false),
            ("indsendt/c/b.toml", true),
            ("indsendt/e.toml", true),
        ]
    );
    assert_eq!(doc["summary"]["assessments"], 2);
    assert_eq!(doc["summary"]["unchecked"], 3);
}

#[test]
fn a_file_that_cannot_be_checked_in_the_table() {
    let (stdout, stderr) = fails_several(
        check(&["examples/almen.toml", UNKNOWN_KEY]),
        &["fejl[E005]"],
    );
    assert!(stdout.contains("Kunne ikke tjekkes: 1 problem i inddata."));
    assert!(stdout.ends_with("1 fil kunne ikke tjekkes.\n"), "{stdout}");
    assert!(
        !stdout.contains("E005"),
        "the problems are on stderr: {stdout}"
    );
    assert!(stderr.contains("unknown-key.toml:11:1"));
    insta::assert_snapshot!("several_table_unchecked", stdout);
}

#[test]
fn a_file_that_cannot_be_checked_in_junit() {
    let (xml, _) = fails_several(
        check(&["examples/almen.toml", UNKNOWN_KEY, "--format", "junit"]),
        &["fejl[E005]"],
    );
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("errors"), Some("1"), "{xml}");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 2, "one suite for each file");
    let suite = suites[1];
    assert_eq!(suite.attribute("name"), Some(UNKNOWN_KEY));
    let error = suite
        .descendants()
        .find(|n| n.has_tag_name("error"))
        .expect("the file's test case is in error");
    assert_eq!(
        error.attribute("message"),
        Some("Kunne ikke tjekkes: 1 problem i inddata.")
    );
    assert_eq!(
        error.text(),
        Some(
            "E005 tests/fixtures/invalid/unknown-key.toml:11:1: ukendt nøgle `statu` i `answers.OMV-1`"
        )
    );
}

#[test]
fn a_file_that_cannot_be_checked_in_github() {
    let (out, _) = fails_several(
        check(&[
            "examples/almen.toml",
            UNKNOWN_KEY,
            "--format",
            "github",
            "--lang",
            "en",
        ]),
        &["error[E005]"],
    );
    assert_eq!(
        out,
        "::error file=tests/fixtures/invalid/unknown-key.toml,line=11,\
         title=Could not be checked%3A 1 problem in the input.::\
         E005 tests/fixtures/invalid/unknown-key.toml:11:1: unknown key `statu` in `answers.OMV-1`\n"
    );
}

#[test]
fn a_file_that_cannot_be_checked_in_csv_and_markdown() {
    let args = [
        "examples/almen.toml",
        UNKNOWN_KEY,
        "--lang",
        "en",
        "--format",
    ];
    let (csv, _) = fails_several(check(&[&args[..], &["csv"]].concat()), &["E005"]);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows.len(),
        22,
        "the 21 items of the three checklists, and the file"
    );
    let last: Vec<&str> = rows[21].iter().collect();
    assert_eq!(
        last,
        [
            UNKNOWN_KEY,
            "",
            "",
            "",
            "error",
            "",
            "",
            "E005",
            "",
            "",
            "could not be checked: E005 tests/fixtures/invalid/unknown-key.toml:11:1: \
             unknown key `statu` in `answers.OMV-1`",
            "",
        ]
    );
    // In Danish, the status says it in words.
    let (da, _) = fails_several(
        check(&["examples/almen.toml", UNKNOWN_KEY, "--format", "csv"]),
        &["E005"],
    );
    assert!(
        da.lines().last().unwrap().starts_with(&format!(
            "{UNKNOWN_KEY};;;;kunne ikke tjekkes;;;E005;;;kunne ikke tjekkes: E005 "
        )),
        "{da}"
    );

    let (md, _) = fails_several(check(&[&args[..], &["markdown"]].concat()), &["E005"]);
    let (_, unchecked) = md.rsplit_once("\n---\n").expect("two reports");
    assert_eq!(
        unchecked,
        "\n# Self-assessment: God Almen Ledelse: tests/fixtures/invalid/unknown-key.toml\n\n\
         **✘ Could not be checked: 1 problem in the input.**\n\n\
         - E005 tests/fixtures/invalid/unknown-key.toml:11:1: unknown key \\`statu\\` in \\`answers.OMV-1\\`\n"
    );
}

/// A file that could not be checked makes the run exit 2, whatever
/// `--fail-on` says, and the others are still reported.
#[test]
fn a_file_that_cannot_be_checked_fails_the_run() {
    for fail_on in ["never", "critical"] {
        let (stdout, _) = fails_several(
            check(&["examples/almen.toml", UNKNOWN_KEY, "--fail-on", fail_on]),
            &["E005"],
        );
        assert!(stdout.contains("Boligforeningen Havbakken"));
    }
}
