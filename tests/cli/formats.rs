//! A snapshot of every output format of `check` and `report`, on the
//! example with a gap of every kind.

use crate::output;

#[test]
fn check_markdown() {
    let (code, md) = output(&["check", "examples/mangler.toml", "--format", "markdown"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("format_markdown_mangler_da", md);
}

#[test]
fn check_csv_danish_and_english() {
    let (code, da) = output(&["check", "examples/mangler.toml", "--format", "csv"]);
    assert_eq!(code, 1);
    assert!(
        da.starts_with('\u{feff}'),
        "a Danish spreadsheet needs the byte-order mark"
    );
    // Headers and words a Danish spreadsheet user reads.
    assert!(
        da.starts_with(
            "\u{feff}Fil;Punkt;Tjekliste;Type;Status;Værdi;Alvor;Årsag;Frist;Ansvarlig;Forklaring;Kommune\n"
        ),
        "{da}"
    );
    assert!(
        da.contains(
            "examples/mangler.toml;OMV-1;samarbejde-med-omverdenen;anbefaling;ikke vurderet;0;væsentlig;ikke vurderet;;;;\n"
        ),
        "{da}"
    );
    for english in ["recommendation", "not-assessed", "major", ";met;"] {
        assert!(!da.contains(english), "{english:?} in Danish:\n{da}");
    }
    insta::assert_snapshot!("format_csv_mangler_da", da);
    let (_, en) = output(&[
        "check",
        "examples/mangler.toml",
        "--format",
        "csv",
        "--lang",
        "en",
    ]);
    // The stable form for scripts: the keys of the JSON output.
    assert!(
        en.starts_with(
            "file,id,checklist,kind,status,value,severity,reason,due,owner,explanation,municipality\n"
        ),
        "{en}"
    );
    assert!(
        en.contains(
            "examples/mangler.toml,OMV-1,samarbejde-med-omverdenen,recommendation,,0,major,not-assessed,,,,\n"
        ),
        "{en}"
    );
    insta::assert_snapshot!("format_csv_mangler_en", en);
    let (_, tab) = output(&[
        "check",
        "examples/mangler.toml",
        "--format",
        "csv",
        "--lang",
        "en",
        "--delimiter",
        "tab",
    ]);
    assert!(tab.starts_with("file\tid\t"));
}

#[test]
fn check_junit() {
    let (code, xml) = output(&["check", "examples/mangler.toml", "--format", "junit"]);
    assert_eq!(code, 1);
    // Failures are the items with a gap at or above --fail-on (major).
    assert!(
        xml.contains("tests=\"17\"") && xml.contains("failures=\"8\""),
        "{xml}"
    );
    insta::assert_snapshot!("format_junit_mangler_da", xml);
    let (_, critical) = output(&[
        "check",
        "examples/mangler.toml",
        "--format",
        "junit",
        "--fail-on",
        "critical",
    ]);
    assert!(critical.contains("failures=\"4\""), "{critical}");
    let (_, en) = output(&[
        "check",
        "examples/mangler.toml",
        "--format",
        "junit",
        "--lang",
        "en",
    ]);
    insta::assert_snapshot!("format_junit_mangler_en", en);
}

#[test]
fn check_github() {
    let (code, out) = output(&[
        "check",
        "examples/mangler.toml",
        "--format",
        "github",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 1);
    // OMV-1 has no answer: it points at [assessment] (line 16).
    assert!(
        out.contains("::error file=examples/mangler.toml,line=16,title=OMV-1 "),
        "{out}"
    );
    // STY-1's answer starts on line 75; awaiting the municipality, it is
    // a warning, not an error.
    assert!(
        out.contains("::warning file=examples/mangler.toml,line=75,title=STY-1 "),
        "{out}"
    );
    assert!(
        out.contains("::notice file=examples/mangler.toml,line=95,title=EKS-1 "),
        "{out}"
    );
    insta::assert_snapshot!("format_github_mangler_en", out);
    let (_, da) = output(&["check", "examples/mangler.toml", "--format", "github"]);
    insta::assert_snapshot!("format_github_mangler_da", da);
}

#[test]
fn report_lists_one_document_given_for_many_items() {
    // The W013 fixture: one board minute for OMV-1, OMV-2 and OMV-5.
    let file = "tests/fixtures/lint/w013-samme-dokumentation.toml";
    let (code, md) = output(&["report", file, "--format", "markdown"]);
    assert_eq!(code, 0);
    let start = md
        .find("### Samme dokument for flere punkter")
        .unwrap_or_else(|| panic!("no shared evidence in:\n{md}"));
    let section = md[start..].split("\n## ").next().unwrap();
    insta::assert_snapshot!("report_markdown_shared_evidence", section);

    let (_, html) = output(&["report", file, "--lang", "en"]);
    for needle in [
        "<h3>One document for several items</h3>",
        "One document for everything is not evidence for each item.",
        "referat-2026-03-10.pdf</b>: OMV-1, OMV-2, OMV-5 (3 items)</li>",
    ] {
        assert!(html.contains(needle), "lacks {needle:?}:\n{html}");
    }

    // Two items sharing a document is nothing to report.
    let (_, md) = output(&["report", "examples/mangler.toml", "--format", "markdown"]);
    assert!(!md.contains("Samme dokument"), "{md}");
}

#[test]
fn report_replaces_its_output_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.html");
    std::fs::write(&path, "old").unwrap();
    let target = path.to_str().unwrap();
    let (code, stdout) = output(&["report", "examples/almen.toml", "-o", target]);
    assert_eq!(code, 0);
    assert_eq!(stdout, format!("Skrev {target} (0 mangler)\n"));
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("Boligforeningen Havbakken"));
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind");
}
