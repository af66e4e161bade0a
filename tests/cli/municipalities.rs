//! An organisation in two municipalities (`examples/to-kommuner.toml`):
//! a snapshot of every format, each naming the municipality of each gap
//! and notice, and JSON that fits the schema.

use std::fs;

use serde_json::Value;

use crate::{AS_OF, almen_in, fits_result_schema, json, output, root};

const FILE: &str = "examples/to-kommuner.toml";

/// `check FILE ARGS…`, which must exit 1 (two critical gaps).
fn check(args: &[&str]) -> String {
    let mut all = vec!["check", FILE];
    all.extend_from_slice(args);
    let (code, out) = output(&all);
    assert_eq!(code, 1, "{out}");
    out
}

#[test]
fn every_gap_and_notice_names_its_municipality_in_the_table() {
    for lang in ["da", "en"] {
        let table = check(&["--lang", lang]);
        assert!(table.contains("Skanderborg Kommune:"), "{table}");
        assert!(table.contains("Aarhus Kommune:"), "{table}");
        // The notice, wrapped at 120 columns.
        assert!(table.contains("(Skanderborg\n    Kommune)"), "{table}");
        if lang == "da" {
            // The README shows this very output.
            let readme = fs::read_to_string(root().join("README.md")).unwrap();
            assert!(
                readme.contains(&format!("```text\n{table}```")),
                "README's output of {FILE} is not what `check` prints:\n{table}"
            );
        }
        insta::assert_snapshot!(format!("municipalities_table_{lang}"), table);
    }
}

/// `--all`: each municipality's result under its item.
#[test]
fn every_item_has_a_row_for_each_municipality() {
    let table = check(&["--all"]);
    assert_eq!(table.matches("└ Skanderborg Kommune").count(), 2, "{table}");
    insta::assert_snapshot!("municipalities_all_da", table);
}

#[test]
fn json_names_the_municipality_only_on_entries() {
    let doc = json(&check(&["--format", "json"]));
    fits_result_schema(&doc);
    assert_eq!(
        doc["organisation"]["municipalities"],
        serde_json::json!(["Aarhus Kommune", "Skanderborg Kommune"])
    );
    let gaps: Vec<(&str, &str, &str)> = doc["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["item"].as_str().unwrap(),
                g["reason"].as_str().unwrap(),
                g["municipality"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        gaps,
        [
            ("LAB-6F-1", "expired", "Aarhus Kommune"),
            ("STY-1", "overdue", "Skanderborg Kommune"),
        ]
    );
    let notices = doc["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0]["reason"], "expires-soon");
    assert_eq!(notices[0]["municipality"], "Skanderborg Kommune");
    assert_eq!(notices[0]["due"], "2027-01-15");
    // The items answered once have no `per`; the others one per
    // municipality, the item's value the lowest.
    let item = |id: &str| -> &Value {
        doc["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
    };
    assert!(item("NV-13").get("per").is_none());
    assert_eq!(item("STY-1")["value"], 0.0);
    let per = item("STY-1")["per"].as_array().unwrap();
    assert_eq!(per.len(), 2);
    assert_eq!(per[0]["municipality"], "Aarhus Kommune");
    assert_eq!(per[0]["value"], 1.0);
    assert_eq!(per[1]["severity"], "critical");
    insta::assert_snapshot!(
        "municipalities_json",
        serde_json::to_string_pretty(&doc).unwrap()
    );
    // An assessment with one municipality has no field of these.
    let (_, mangler) = output(&["check", "examples/mangler.toml", "--format", "json"]);
    let mangler = json(&mangler);
    assert!(mangler["organisation"].get("municipalities").is_none());
    for list in ["gaps", "notices", "items"] {
        for entry in mangler[list].as_array().unwrap() {
            assert!(entry.get("municipality").is_none(), "{entry}");
            assert!(entry.get("per").is_none(), "{entry}");
        }
    }
}

#[test]
fn csv_has_a_row_for_each_municipality() {
    let en = check(&["--format", "csv", "--lang", "en"]);
    assert!(en.contains(
        "examples/to-kommuner.toml,STY-1,samarbejde-med-omverdenen,duty,met,0,critical,overdue,2025-12-31,,,Skanderborg Kommune\n"
    ), "{en}");
    assert!(en.contains(
        "examples/to-kommuner.toml,STY-1,samarbejde-med-omverdenen,duty,met,1,,,2027-12-31,,,Aarhus Kommune\n"
    ), "{en}");
    insta::assert_snapshot!("municipalities_csv_en", en);
    insta::assert_snapshot!("municipalities_csv_da", check(&["--format", "csv"]));
}

#[test]
fn junit_has_a_test_case_for_each_municipality() {
    let xml = check(&["--format", "junit", "--lang", "en"]);
    assert!(xml.contains("(Aarhus Kommune)"), "{xml}");
    assert!(xml.contains("(Skanderborg Kommune)"), "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), 12, "{xml}");
    insta::assert_snapshot!("municipalities_junit_en", xml);
}

#[test]
fn github_and_sarif_point_at_the_municipalitys_entry() {
    let github = check(&["--format", "github"]);
    // STY-1's Skanderborg entry names its municipality on line 91.
    assert!(github.contains("line=91,"), "{github}");
    assert!(github.contains("Skanderborg Kommune: "), "{github}");
    insta::assert_snapshot!("municipalities_github_da", github);
    let sarif = json(&check(&["--format", "sarif", "--lang", "en"]));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let municipalities: Vec<&str> = results
        .iter()
        .map(|r| r["properties"]["municipality"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        municipalities,
        [
            "Aarhus Kommune",
            "Skanderborg Kommune",
            "Skanderborg Kommune"
        ]
    );
    insta::assert_snapshot!(
        "municipalities_sarif_en",
        serde_json::to_string_pretty(&sarif).unwrap()
    );
}

#[test]
fn the_board_and_the_statement_name_the_municipality() {
    let md = check(&["--format", "markdown"]);
    assert!(md.contains("(Skanderborg Kommune)"), "{md}");
    insta::assert_snapshot!("municipalities_markdown_da", md);
    let (code, statement) = output(&[
        "report",
        FILE,
        "--format",
        "statement-markdown",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0);
    assert!(statement.contains("Skanderborg Kommune: "), "{statement}");
    assert!(
        statement.contains("Aarhus Kommune: Valid until"),
        "{statement}"
    );
    insta::assert_snapshot!("municipalities_statement_en", statement);
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("rapport.html");
    let (code, _) = output(&["report", FILE, "-o", html.to_str().unwrap()]);
    assert_eq!(code, 0);
    let html = fs::read_to_string(html).unwrap();
    for words in [
        "Aarhus Kommune, Skanderborg Kommune",
        "(Skanderborg Kommune)",
        "udløbet: gyldig til 1. august 2026 (Aarhus Kommune)",
    ] {
        assert!(html.contains(words), "{words:?}");
    }
}

#[test]
fn the_calendar_has_each_municipalitys_deadlines() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("almen.ics");
    let (code, _) = output(&["calendar", FILE, "-o", ics.to_str().unwrap()]);
    assert_eq!(code, 0);
    let ics = fs::read_to_string(ics).unwrap();
    // STY-1 for each municipality, LAB-6F-1's two expiries, NV-13.
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 5, "{ics}");
    assert!(ics.contains("Udløbet: LAB-6F-1"), "{ics}");
    assert!(ics.contains("Udløber: LAB-6F-1"), "{ics}");
    insta::assert_snapshot!("municipalities_calendar_da", ics);
}

#[test]
fn diff_tells_the_municipalities_apart() {
    // Last year's: both agreements held, the Skanderborg meeting on time.
    let dir = tempfile::tempdir().unwrap();
    let new = fs::read_to_string(root().join(FILE)).unwrap();
    let old = new
        .replace("valid-until = 2026-08-01", "valid-until = 2027-08-01")
        .replace("date = 2024-11-20", "date = 2025-11-20");
    assert_ne!(old, new);
    fs::write(dir.path().join("sidste-aar.toml"), old).unwrap();
    fs::write(dir.path().join("to-kommuner.toml"), new).unwrap();
    let out = almen_in(dir.path())
        .args(["diff", "sidste-aar.toml", "to-kommuner.toml"])
        .args(["--old-as-of", AS_OF, "--as-of", AS_OF, "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("gyldig til: Aarhus Kommune 2027-08-01"),
        "{table}"
    );
    assert!(
        table.contains("dato: Skanderborg Kommune 2025-11-20"),
        "{table}"
    );
    insta::assert_snapshot!("municipalities_diff_da", table);
}

/// The entries are taken in the order the municipalities are listed, so
/// the order they are written in changes nothing.
#[test]
fn the_order_of_the_entries_changes_nothing() {
    let text = fs::read_to_string(root().join(FILE)).unwrap();
    // STY-1's two entries, the other way round.
    let start = text.find("# STY-1 i Aarhus").unwrap();
    let middle = text.find("# STY-1 i Skanderborg").unwrap();
    let end = text.find("[answers.NV-13]").unwrap();
    let swapped = format!(
        "{}{}\n{}{}",
        &text[..start],
        text[middle..end].trim_end(),
        &text[start..middle],
        &text[end..]
    );
    assert_ne!(swapped, text);
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("examples")).unwrap();
    fs::write(dir.path().join(FILE), swapped).unwrap();
    let out = almen_in(dir.path())
        .args(["check", FILE, "--format", "json", "--as-of", AS_OF])
        .output()
        .unwrap();
    let mut swapped = json(&String::from_utf8(out.stdout).unwrap());
    let mut original = json(&check(&["--format", "json"]));
    // Where the formats point into the file is all that may differ.
    for doc in [&mut swapped, &mut original] {
        doc.as_object_mut().unwrap().remove("file");
    }
    assert_eq!(swapped, original);
}

/// Runs `almen ARGS…` in a directory holding `a.toml` with `toml`;
/// gives the exit code, stdout and stderr.
fn run_on(toml: &str, args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), toml).unwrap();
    let out = almen_in(dir.path())
        .args(args)
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// STY-1 answered for A Kommune only; B Kommune is listed but has no entry.
const ONE_MISSING: &str = r#"format = 1
[organisation]
name = "Org"
municipalities = ["A Kommune", "B Kommune"]
[assessment]
checklists = ["samarbejde-med-omverdenen"]
date = 2026-11-10
[[answers.STY-1.per]]
municipality = "A Kommune"
status = "met"
date = 2026-11-01
evidence = ["https://x.example/a"]
"#;

/// A municipality without an entry is told to add an entry for it, not
/// a plain answer, which the loader would refuse.
#[test]
fn a_missing_entry_is_fixed_with_an_entry_for_that_municipality() {
    for (lang, want) in [
        (
            "da",
            "Tilføj `[[answers.STY-1.per]]` med `municipality = \"B Kommune\"`",
        ),
        (
            "en",
            "Add `[[answers.STY-1.per]]` with `municipality = \"B Kommune\"`",
        ),
    ] {
        let (code, out, _) = run_on(
            ONE_MISSING,
            &["check", "a.toml", "--format", "json", "--lang", lang],
        );
        assert_eq!(code, 1, "{out}");
        let doc = json(&out);
        let gap = doc["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["item"] == "STY-1")
            .unwrap();
        assert_eq!(gap["municipality"], "B Kommune");
        let fix = gap["fix"].as_str().unwrap();
        assert!(fix.starts_with(want), "{fix}");
        assert!(!fix.contains("[answers.STY-1]"), "{fix}");
    }
}

/// A listed name that is blank, has a control character or spaces at an
/// end is E014 where it stands, as is a name repeated with other spaces
/// or case.
#[test]
fn a_bad_or_repeated_name_is_an_error_where_it_stands() {
    let toml = ONE_MISSING.replace(
        "municipalities = [\"A Kommune\", \"B Kommune\"]",
        "municipalities = [\"A Kommune\", \"B Kommune\", \"a  kommune\", \"\", \"X\\u001b[31mY\", \"C\\r\\nD\", \" E\"]",
    );
    let (code, _, err) = run_on(&toml, &["check", "a.toml", "--lang", "en"]);
    assert_eq!(code, 2, "{err}");
    for want in [
        "`a  kommune` is listed twice in `municipalities`",
        "a municipality in `municipalities` has no name",
        "`X\\u{1b}[31mY` in `municipalities` has a control character",
        "`C\\r\\nD` in `municipalities` has a control character",
        "` E` in `municipalities` has spaces at one end",
        "a.toml:4:",
    ] {
        assert!(err.contains(want), "{want}:\n{err}");
    }
    assert_eq!(err.matches("error[E014]").count(), 5, "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
}

/// The statement names the municipality whose entry is not met, as it
/// names one whose entry expired or is missing.
#[test]
fn the_statement_names_the_municipality_not_met() {
    let toml = ONE_MISSING.replace("status = \"met\"", "status = \"unmet\"")
        + "[[answers.STY-1.per]]\nmunicipality = \"B Kommune\"\nstatus = \"met\"\ndate = 2026-10-01\n";
    let (_, out, err) = run_on(&toml, &["report", "a.toml", "--format", "statement"]);
    let row = out
        .lines()
        .find(|l| l.contains(">STY-1<"))
        .unwrap_or_else(|| panic!("{out}{err}"));
    assert!(row.contains("<p>A Kommune: ikke opfyldt</p>"), "{row}");
    assert!(!row.contains("B Kommune"), "{row}");
}

/// Each faulty entry is named by its own place in the list, not by where
/// it came once the faulty ones before it were set aside.
#[test]
fn each_faulty_entry_is_named_by_its_own_index() {
    let toml = "format = 1\n[organisation]\nname = \"Org\"\nmunicipalities = [\"A\", \"B\", \"C\"]\n\
        [assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\ndate = 2026-11-10\n\
        [[answers.STY-1.per]]\nmunicipality = \"A\"\nbogus1 = 1\n\
        [[answers.STY-1.per]]\nmunicipality = \"B\"\nbogus2 = 1\n\
        [[answers.STY-1.per]]\nstatus = \"met\"\n";
    let (code, _, err) = run_on(toml, &["check", "a.toml", "--lang", "en"]);
    assert_eq!(code, 2, "{err}");
    for want in [
        "unknown key `bogus1` in `answers.STY-1.per[1]`",
        "unknown key `bogus2` in `answers.STY-1.per[2]`",
        "required key `municipality` is missing in `answers.STY-1.per[3]`",
    ] {
        assert!(err.contains(want), "{want}:\n{err}");
    }
}

/// A request made the day the answer was given is not after it; it is
/// not "from before" it.
#[test]
fn a_request_on_the_answers_own_date_is_not_after_it() {
    let toml = ONE_MISSING.replace(
        "[[answers.STY-1.per]]",
        "[[answers.LAB-6F-1.per]]\nmunicipality = \"A Kommune\"\nstatus = \"met\"\n\
         date = 2025-01-01\nvalid-until = 2026-01-01\nrequested = 2025-01-01\n\
         evidence = [\"https://x.example/a\"]\n[[answers.STY-1.per]]",
    );
    for (lang, want) in [
        ("en", "(2025-01-01) is not after 2025-01-01"),
        ("da", "(2025-01-01) er ikke efter 2025-01-01"),
    ] {
        let (_, out, err) = run_on(
            &toml,
            &["check", "a.toml", "--format", "json", "--lang", lang],
        );
        assert!(out.contains(want), "{want}:\n{out}{err}");
        assert!(
            !out.contains("from before") && !out.contains("fra før"),
            "{out}"
        );
    }
}

/// The item's status is that of the entry that gives its lowest value: a
/// municipality without an entry makes it not assessed, never "met" with
/// a value of 0 because another entry happened to come first.
#[test]
fn the_items_status_is_the_lowest_entrys() {
    let toml = ONE_MISSING.replace(
        "[[answers.STY-1.per]]",
        "[[answers.LAB-6F-1.per]]\nmunicipality = \"A Kommune\"\nstatus = \"met\"\n\
         date = 2025-01-01\nvalid-until = 2026-11-26\nevidence = [\"https://x.example/a\"]\n\
         [[answers.STY-1.per]]",
    );
    let (code, out, err) = run_on(&toml, &["check", "a.toml", "--all", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let doc = json(&out);
    fits_result_schema(&doc);
    let item = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "LAB-6F-1")
        .unwrap();
    assert_eq!(item["value"], 0.0, "{item}");
    assert_eq!(item["status"], Value::Null, "{item}");
    assert_eq!(item["date"], Value::Null, "{item}");
}

/// A municipality added changes no field of the others' entries: the diff
/// lists only what did change.
#[test]
fn diff_invents_no_change_for_an_added_municipality() {
    let dir = tempfile::tempdir().unwrap();
    let old = fs::read_to_string(root().join(FILE)).unwrap();
    let new = old.replace(
        "municipalities = [\"Aarhus Kommune\", \"Skanderborg Kommune\"]",
        "municipalities = [\"Aarhus Kommune\", \"Skanderborg Kommune\", \"Odder Kommune\"]",
    );
    assert_ne!(old, new);
    fs::write(dir.path().join("old.toml"), old).unwrap();
    fs::write(dir.path().join("new.toml"), new).unwrap();
    let out = almen_in(dir.path())
        .args(["diff", "old.toml", "new.toml", "--format", "json"])
        .args(["--old-as-of", AS_OF, "--as-of", AS_OF])
        .output()
        .unwrap();
    let doc = json(&String::from_utf8(out.stdout).unwrap());
    for item in doc["items"].as_array().unwrap() {
        assert_eq!(
            item["fields"],
            serde_json::json!(["status", "gaps"]),
            "{item}"
        );
    }
}
