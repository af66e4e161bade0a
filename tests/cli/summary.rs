//! `check --summary`: many organisations, one row each, worst first, and
//! nothing else; a file that could not be checked is a row of its own.

use crate::{check, exits, fails, fails_several};

const A: &str = "examples/almen.toml";
const M: &str = "examples/mangler.toml";
const UNKNOWN_KEY: &str = "tests/fixtures/invalid/unknown-key.toml";

#[test]
fn the_summary_alone_worst_first() {
    let out = exits(check(&[A, M, "--summary"]), 1);
    insta::assert_snapshot!("summary_da", out);
    // Worst first, whatever the order given.
    let (fjordglimt, havbakken) = (
        out.find("Boligselskabet Fjordglimt").unwrap(),
        out.find("Boligforeningen Havbakken").unwrap(),
    );
    assert!(fjordglimt < havbakken, "{out}");
    // The lapsed duties by id, and no organisation's own tables.
    assert!(out.contains("LAB-6F-1, LAB-6F-2, NV-13, EGN-4"), "{out}");
    assert!(!out.contains("Sådan retter I det"), "{out}");
    assert!(out.contains("4 forfaldne krav i alt"), "{out}");
    // The same bytes whatever the order of the files.
    assert_eq!(exits(check(&[M, A, "--summary"]), 1), out);

    let en = exits(check(&[A, M, "--summary", "--lang", "en"]), 1);
    insta::assert_snapshot!("summary_en", en);
    assert!(en.contains("Lapsed duties"), "{en}");
}

#[test]
fn the_summary_in_markdown() {
    let md = exits(check(&[A, M, "--summary", "--format", "markdown"]), 1);
    insta::assert_snapshot!("summary_markdown_da", md);
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(
        rows.len(),
        3,
        "a heading row and one per organisation: {md}"
    );
    assert!(rows[1].contains("Fjordglimt"), "{md}");
}

#[test]
fn a_file_that_could_not_be_checked_comes_first() {
    let (out, _) = fails_several(check(&[A, UNKNOWN_KEY, "--summary"]), &["E005"]);
    let unchecked = out.find(UNKNOWN_KEY).unwrap();
    let havbakken = out.find("Boligforeningen Havbakken").unwrap();
    assert!(unchecked < havbakken, "{out}");
    assert!(out.contains("kunne ikke tjekkes"), "{out}");
}

#[test]
fn only_with_a_table() {
    for format in ["json", "csv", "junit", "github", "sarif"] {
        fails(check(&[A, "--summary", "--format", format]), &["--summary"]);
    }
    fails(check(&[A, "--summary", "--all"]), &["--summary"]);
}
