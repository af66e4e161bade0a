//! Several assessments in one run, named one by one or as a folder: each is
//! scored as on its own, in the order given, with a summary.

use std::fs;

use predicates::prelude::*;

use crate::{array, check, copy_dir, exits, json, root, stdout_of};

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
