//! `almen diff OLD NEW`: what changed between two assessments, in each
//! format and language; OLD from standard input, with its paths relative
//! to NEW's folder; a file and itself; two organisations; a checklist
//! where an assessment belongs; invalid files; `--fail-on-regression`;
//! items only one of them has; the dates each side is scored as of.

use std::fs;
use std::sync::OnceLock;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use crate::{AS_OF, almen, array, copy_dir, fails, root, stderr_of, stdout_of, str_field};

/// Last year's assessment of Boligselskabet Fjordglimt, and this year's.
const OLD: &str = "examples/sidste-aar.toml";
const NEW: &str = "examples/mangler.toml";

/// `almen diff ARGS… --as-of 2026-11-27 --color never`.
fn diff(args: &[&str]) -> Command {
    let mut cmd = almen();
    cmd.arg("diff")
        .args(args)
        .args(["--as-of", AS_OF, "--color", "never"]);
    cmd
}

/// Runs a diff that must exit with `code` and print nothing on stderr;
/// returns stdout.
fn quiet(mut cmd: Command, code: i32) -> String {
    let assert = cmd.assert().code(code).stderr(predicate::str::is_empty());
    stdout_of(&assert)
}

/// Parses `diff --format json`'s output, which must fit `almen schema
/// diff`.
fn diff_json(stdout: &str) -> Value {
    let doc: Value = serde_json::from_str(stdout).expect("stdout is one JSON document");
    fits_diff_schema(&doc);
    doc
}

fn diff_validator() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let out = almen().args(["schema", "diff"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("`almen schema diff` is a valid JSON Schema")
    })
}

fn fits_diff_schema(doc: &Value) {
    let errors: Vec<String> = diff_validator()
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "does not fit the diff schema: {errors:#?}\n{doc:#}"
    );
}

/// `(item, reason)` of each gap in `doc[key]`.
fn gaps(doc: &Value, key: &str) -> Vec<(String, String)> {
    array(doc, key)
        .iter()
        .map(|g| (str_field(g, "item").into(), str_field(g, "reason").into()))
        .collect()
}

fn ids(doc: &Value, key: &str) -> Vec<String> {
    array(doc, key)
        .iter()
        .map(|i| str_field(i, "id").to_owned())
        .collect()
}

/// The changed item `id` of a diff's JSON.
fn item<'a>(doc: &'a Value, id: &str) -> &'a Value {
    array(doc, "items")
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("{id} did not change: {doc:#}"))
}

// ---------------------------------------------------------------------------
// Last year and this year, in every format
// ---------------------------------------------------------------------------

#[test]
fn last_year_to_this_year_as_a_table() {
    for lang in ["da", "en"] {
        let stdout = quiet(diff(&[OLD, NEW, "--lang", lang]), 0);
        insta::assert_snapshot!(format!("diff_table_{lang}"), stdout);
    }
    let stdout = quiet(diff(&[OLD, NEW]), 0);
    for needle in [
        "Før: examples/sidste-aar.toml · opgjort pr. 2025-11-06 (selvevalueringens dato)",
        "Efter: examples/mangler.toml · opgjort pr. 2026-11-27",
        "Efterlevelse 53,8 % → 46,9 % (−6,9 point)",
        "Nye mangler (8)",
        "Lukkede mangler (3)",
        "Ændrede punkter (8)",
        "Punkter kun i efter (4)",
        "✘ Tilbagegang: 8 nye mangler; efterlevelsen faldt 6,9 point.",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
}

#[test]
fn last_year_to_this_year_as_json() {
    for lang in ["da", "en"] {
        let stdout = quiet(diff(&[OLD, NEW, "--format", "json", "--lang", lang]), 0);
        diff_json(&stdout);
        insta::assert_snapshot!(format!("diff_json_{lang}"), stdout);
    }
    let doc = diff_json(&quiet(diff(&[OLD, NEW, "--format", "json"]), 0));
    assert_eq!(doc["format"], 1);
    assert_eq!(doc["old"]["file"], OLD);
    assert_eq!(doc["old"]["as_of"], "2025-11-06");
    assert_eq!(doc["old"]["as_of_from"], "assessment-date");
    assert_eq!(doc["new"]["as_of"], AS_OF);
    assert!(doc["new"].get("as_of_from").is_none(), "{doc:#}");
    assert_eq!(doc["old"]["adherence"].as_f64(), Some(53.8));
    assert_eq!(doc["new"]["adherence"].as_f64(), Some(46.9));
    assert_eq!(doc["adherence_change"].as_f64(), Some(-6.9));
    assert_eq!(doc["same_organisation"], true);
    assert_eq!(doc["changed"], true);
    assert_eq!(doc["regression"], true);

    // STY-1 was met last year; this year it awaits the municipality.
    let sty = item(&doc, "STY-1");
    assert_eq!(sty["direction"], "worsened");
    assert_eq!(sty["fields"], serde_json::json!(["gaps"]));
    assert_eq!(sty["old"]["gaps"], serde_json::json!([]));
    assert_eq!(sty["new"]["gaps"][0]["reason"], "awaiting-counterparty");
    // A recommendation newly explained.
    let omv3 = item(&doc, "OMV-3");
    assert_eq!(omv3["direction"], "improved");
    assert_eq!(omv3["fields"], serde_json::json!(["explanation", "gaps"]));
    assert_eq!(omv3["new"]["explained"], true);
    // The duty partly met where it was not met at all: better, though
    // still a critical gap, of another reason.
    assert_eq!(item(&doc, "LAB-6F-2")["direction"], "improved");
    assert_eq!(item(&doc, "LAB-6F-1")["direction"], "worsened");
    // Only the explanation reworded: changed, neither better nor worse.
    let nv13 = item(&doc, "NV-13");
    assert_eq!(nv13["direction"], "changed");
    assert_eq!(nv13["fields"], serde_json::json!(["explanation"]));

    let opened = gaps(&doc, "opened");
    for gap in [
        ("STY-1", "awaiting-counterparty"),
        ("LAB-6F-1", "unmet"),
        ("LAB-6F-2", "partial"),
        ("OMV-4", "plan-overdue"),
        ("EGN-4", "overdue"),
    ] {
        let gap = (gap.0.to_owned(), gap.1.to_owned());
        assert!(opened.contains(&gap), "{gap:?} not opened: {opened:?}");
    }
    let closed = gaps(&doc, "closed");
    assert_eq!(
        closed,
        [
            ("LAB-6F-2".into(), "unmet".into()),
            ("OMV-3".into(), "unexplained".into()),
            ("EKS-2".into(), "no-evidence".into()),
        ]
    );
    // The board adopted its own requirements in January 2026: last year's
    // assessment had no egne-krav.toml.
    assert_eq!(ids(&doc, "only_new"), ["EGN-1", "EGN-2", "EGN-3", "EGN-4"]);
    assert!(array(&doc, "only_old").is_empty());
    // Unchanged items are not in it, their gaps neither opened nor closed.
    for id in ["OMV-1", "OMV-5", "EKS-3"] {
        assert!(!array(&doc, "items").iter().any(|i| i["id"] == id), "{id}");
        assert!(!opened.iter().chain(&closed).any(|(i, _)| i == id), "{id}");
    }
}

#[test]
fn last_year_to_this_year_as_markdown() {
    for lang in ["da", "en"] {
        let stdout = quiet(diff(&[OLD, NEW, "--format", "markdown", "--lang", lang]), 0);
        insta::assert_snapshot!(format!("diff_markdown_{lang}"), stdout);
    }
    let stdout = quiet(diff(&[OLD, NEW, "--format", "markdown"]), 0);
    assert!(
        stdout.starts_with("### almen diff: Boligselskabet Fjordglimt (Randers Kommune)\n"),
        "{stdout}"
    );
    for needle in [
        "**Efterlevelse 53,8 % → 46,9 % (−6,9 point)**",
        "#### Nye mangler (8)",
        "| kritisk | **LAB-6F-1** Samarbejde med kommunalbestyrelsen",
        "#### Lukkede mangler (3)",
        "#### Ændrede punkter (8)",
        "<details><summary>",
        "</details>",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
}

#[test]
fn the_same_command_gives_the_same_bytes() {
    for format in ["table", "json", "markdown"] {
        let run = || diff(&[OLD, NEW, "--format", format]).output().unwrap();
        let (first, second) = (run(), run());
        assert_eq!(first.stdout, second.stdout, "{format}");
        assert_eq!(first.status.code(), second.status.code(), "{format}");
    }
}

#[test]
fn schema_diff_is_the_schema_of_the_output() {
    let out = almen().args(["schema", "diff"]).output().unwrap();
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema,
        almen::schema::schema(almen::schema::Described::Diff)
    );
    assert_eq!(schema["title"], "almen diff");
    // It tells a diff from something that is not one.
    let doc = diff_json(&quiet(diff(&[OLD, NEW, "--format", "json"]), 0));
    let validator = diff_validator();
    let mut wrong = doc.clone();
    wrong["items"][0]["direction"] = "sideways".into();
    assert!(!validator.is_valid(&wrong), "an unknown direction");
    let mut wrong = doc.clone();
    wrong["items"][0]["fields"][0] = "colour".into();
    assert!(!validator.is_valid(&wrong), "an unknown field");
    let mut wrong = doc.clone();
    wrong["old"]["as_of_from"] = "yesterday".into();
    assert!(
        !validator.is_valid(&wrong),
        "an unknown reason for the date"
    );
    let mut wrong = doc;
    wrong.as_object_mut().unwrap().remove("regression");
    assert!(!validator.is_valid(&wrong), "regression is always there");
}

// ---------------------------------------------------------------------------
// OLD from standard input
// ---------------------------------------------------------------------------

#[test]
fn old_from_standard_input_is_compared_as_the_file_is() {
    let from_file = quiet(diff(&[OLD, NEW, "--format", "json"]), 0);
    let mut cmd = diff(&["-", NEW, "--format", "json"]);
    cmd.write_stdin(fs::read(root().join(OLD)).unwrap());
    let from_stdin = quiet(cmd, 0);
    let doc = diff_json(&from_stdin);
    assert_eq!(doc["old"]["file"], "<stdin>");
    // Nothing else differs: its paths are NEW's, which is where it came
    // from.
    assert_eq!(
        from_stdin.replace("\"<stdin>\"", &format!("\"{OLD}\"")),
        from_file
    );
}

/// `<tmp>/repo/`: this year's assessment as `almen.toml` beside
/// `egne-krav.toml` and the evidence it names, and a checklist outside the
/// repository, `<tmp>/udenfor.toml`.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    copy_dir(
        &root().join("examples/dokumentation"),
        &repo.join("dokumentation"),
    );
    fs::copy(root().join(NEW), repo.join("almen.toml")).unwrap();
    fs::copy(
        root().join("examples/egne-krav.toml"),
        repo.join("egne-krav.toml"),
    )
    .unwrap();
    fs::copy(
        root().join("examples/egne-krav.toml"),
        dir.path().join("udenfor.toml"),
    )
    .unwrap();
    dir
}

#[test]
fn old_from_standard_input_has_its_paths_in_news_folder() {
    // Run from the temporary folder's parent of `repo`: NEW is
    // `repo/almen.toml`, and OLD's `egne-krav.toml` and
    // `dokumentation/…` are found in `repo/`, not where almen runs.
    let dir = repository();
    let old = fs::read_to_string(root().join(NEW)).unwrap().replace(
        "evidence = [\"dokumentation/samarbejdsretningslinjer.pdf\"]",
        "evidence = [\"dokumentation/samarbejdsretningslinjer.md\"]",
    );
    let mut cmd = diff(&["-", "repo/almen.toml", "--format", "json"]);
    cmd.current_dir(dir.path()).write_stdin(old);
    let doc = diff_json(&quiet(cmd, 0));
    let lists: Vec<&str> = array(&doc["old"], "checklists")
        .iter()
        .map(|c| str_field(c, "id"))
        .collect();
    assert!(lists.contains(&"egne-krav"), "{lists:?}");
    // The evidence OLD names is found in NEW's folder; NEW's own entry is
    // missing, so OMV-6 lost its evidence.
    let omv6 = item(&doc, "OMV-6");
    assert_eq!(
        omv6["old"]["evidence"],
        serde_json::json!([{ "entry": "dokumentation/samarbejdsretningslinjer.md", "state": "found" }])
    );
    assert_eq!(omv6["new"]["evidence"][0]["state"], "missing");
    assert_eq!(omv6["direction"], "worsened");
}

#[test]
fn old_from_standard_input_is_held_to_news_folder() {
    let dir = repository();
    let repo = dir.path().join("repo");
    // A checklist outside NEW's folder and outside the folder almen runs
    // in is not opened; evidence outside it is not looked at.
    let old = fs::read_to_string(root().join(OLD))
        .unwrap()
        .replace(
            "checklists = [\"samarbejde-med-omverdenen\", \"ekstern-repraesentation\"]",
            "checklists = [\"samarbejde-med-omverdenen\", \"ekstern-repraesentation\", \"../udenfor.toml\"]",
        );
    let mut cmd = diff(&["-", "almen.toml"]);
    cmd.current_dir(&repo).write_stdin(old.clone());
    let stderr = fails(cmd, &["E021", "<stdin>:20:"]);
    assert!(stderr.contains("../udenfor.toml"), "{stderr}");

    let old = fs::read_to_string(root().join(OLD)).unwrap().replace(
        "evidence = [\"dokumentation/samarbejdsretningslinjer.pdf\"]",
        "evidence = [\"../udenfor.toml\"]",
    );
    let mut cmd = diff(&["-", "almen.toml", "--format", "json"]);
    cmd.current_dir(&repo).write_stdin(old);
    let doc = diff_json(&quiet(cmd, 0));
    assert_eq!(
        item(&doc, "OMV-6")["old"]["evidence"][0]["state"],
        "outside"
    );
}

#[test]
fn problems_in_standard_input_are_told_with_line_and_column() {
    let text = "format = 1\n[organisation]\nnam = \"Fjordglimt\"\n";
    let mut cmd = diff(&["-", NEW]);
    cmd.write_stdin(text);
    let stderr = fails(cmd, &["fejl[E005]", "<stdin>:3:1", "mente du `name`?"]);
    assert!(stderr.contains("ret det og kør igen"), "{stderr}");

    // Nothing piped (the file was not on the base branch): empty.
    let mut cmd = diff(&["-", NEW, "--lang", "en"]);
    cmd.write_stdin("");
    fails(cmd, &["E003", "<stdin>"]);
}

#[test]
fn new_cannot_be_standard_input() {
    let assert = almen()
        .args(["diff", OLD, "-"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty());
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("NEW kan ikke være standard-input"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

#[test]
fn a_file_and_itself_is_no_change() {
    for (lang, words, date) in [
        (
            "da",
            "Ingen ændringer.",
            "opgjort pr. 2026-11-27 (samme dato som efter: de to filer er ens)",
        ),
        (
            "en",
            "No changes.",
            "as of 2026-11-27 (the same date as after: the two files are the same)",
        ),
    ] {
        let stdout = quiet(diff(&[NEW, NEW, "--lang", lang]), 0);
        assert!(stdout.ends_with(&format!("\n{words}\n")), "{stdout}");
        // Both are scored as of --as-of: one assessment, one result.
        assert!(stdout.contains(date), "{stdout}");
        let md = quiet(diff(&[NEW, NEW, "--format", "markdown", "--lang", lang]), 0);
        assert!(md.contains(words), "{md}");
    }
    let doc = diff_json(&quiet(diff(&[NEW, NEW, "--format", "json"]), 0));
    assert_eq!(doc["changed"], false);
    assert_eq!(doc["regression"], false);
    assert_eq!(doc["old"]["as_of_from"], "identical");
    assert_eq!(doc["adherence_change"].as_f64(), Some(0.0));
    for key in ["items", "opened", "closed", "only_old", "only_new"] {
        assert!(array(&doc, key).is_empty(), "{key}: {doc:#}");
    }
    quiet(diff(&[NEW, NEW, "--fail-on-regression"]), 0);
    // From standard input too.
    let mut cmd = diff(&["-", NEW, "--fail-on-regression"]);
    cmd.write_stdin(fs::read(root().join(NEW)).unwrap());
    assert!(quiet(cmd, 0).ends_with("\nIngen ændringer.\n"));
}

#[test]
fn two_organisations_are_compared_with_a_warning() {
    let mut cmd = diff(&["examples/almen.toml", NEW, "--format", "json"]);
    let assert = cmd.assert().code(0);
    let stderr = stderr_of(&assert);
    for needle in [
        "advarsel[W015]",
        "`Boligforeningen Havbakken` (CVR 12345678) før",
        "`Boligselskabet Fjordglimt` (CVR 87654321) efter",
        "examples/mangler.toml:12:8",
        "examples/almen.toml:",
    ] {
        assert!(stderr.contains(needle), "lacks {needle:?}:\n{stderr}");
    }
    assert!(
        !stderr.contains("fejl"),
        "a warning, not an error:\n{stderr}"
    );
    let doc = diff_json(&stdout_of(&assert));
    assert_eq!(doc["same_organisation"], false);
    assert_eq!(doc["changed"], true);

    // A renamed organisation with the same CVR number is the same one.
    let dir = tempfile::tempdir().unwrap();
    let renamed = fs::read_to_string(root().join(NEW))
        .unwrap()
        .replace("Boligselskabet Fjordglimt", "Fjordglimt Boliger");
    fs::write(dir.path().join("omdoebt.toml"), renamed).unwrap();
    copy_dir(
        &root().join("examples/dokumentation"),
        &dir.path().join("dokumentation"),
    );
    fs::copy(
        root().join("examples/egne-krav.toml"),
        dir.path().join("egne-krav.toml"),
    )
    .unwrap();
    let new = dir.path().join("omdoebt.toml");
    let stdout = quiet(diff(&[OLD, new.to_str().unwrap()]), 0);
    assert!(
        stdout.starts_with(
            "Boligselskabet Fjordglimt (Randers Kommune) → Fjordglimt Boliger (Randers Kommune)\n"
        ),
        "{stdout}"
    );
}

#[test]
fn a_checklist_is_no_assessment_to_compare() {
    for args in [
        ["examples/egne-krav.toml", NEW],
        [OLD, "examples/egne-krav.toml"],
    ] {
        let stderr = fails(diff(&args), &["fejl[E017]", "examples/egne-krav.toml:1:1"]);
        assert!(
            stderr.contains("filen er en tjekliste, ikke en selvevaluering"),
            "{stderr}"
        );
    }
}

#[test]
fn every_problem_in_both_files_at_once() {
    let three = "tests/fixtures/invalid/three-mistakes.toml";
    let stderr = fails(
        diff(&[three, NEW]),
        &["three-mistakes.toml:9:8", "three-mistakes.toml:12:10"],
    );
    assert!(stderr.contains("3 problemer i inddata"), "{stderr}");
    let stderr = fails(
        diff(&[
            three,
            "tests/fixtures/invalid/unknown-key.toml",
            "--lang",
            "en",
        ]),
        &["three-mistakes.toml:17:1", "unknown-key.toml:11:1"],
    );
    assert!(
        stderr.ends_with("error: 4 problems in the input; fix them and run again\n"),
        "{stderr}"
    );
    fails(
        diff(&["findes-ikke.toml", NEW]),
        &["E001", "findes-ikke.toml"],
    );
}

// ---------------------------------------------------------------------------
// --fail-on-regression
// ---------------------------------------------------------------------------

/// A copy of the examples in which `mangler.toml` answers OMV-1 (not
/// assessed there): the one change, an improvement.
fn improved() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let examples = dir.path().join("examples");
    copy_dir(&root().join("examples"), &examples);
    let better = fs::read_to_string(examples.join("mangler.toml")).unwrap()
        + "\n[answers.OMV-1]\nstatus = \"met\"\nevidence = [\"https://fjordglimt.example/interessentanalyse.pdf\"]\n";
    fs::write(examples.join("bedre.toml"), better).unwrap();
    dir
}

#[test]
fn fail_on_regression_fails_a_regression_only() {
    // A regression without the flag is a diff all the same: exit 0.
    quiet(diff(&[OLD, NEW]), 0);
    let stdout = quiet(diff(&[OLD, NEW, "--fail-on-regression"]), 1);
    assert!(
        stdout.ends_with(
            "✘ Tilbagegang (`--fail-on-regression`): 8 nye mangler; efterlevelsen faldt 6,9 point.\n"
        ),
        "{stdout}"
    );
    let doc = diff_json(&quiet(
        diff(&[OLD, NEW, "--fail-on-regression", "--format", "json"]),
        1,
    ));
    assert_eq!(doc["regression"], true);

    let dir = improved();
    let mut cmd = diff(&[
        "examples/mangler.toml",
        "examples/bedre.toml",
        "--fail-on-regression",
        "--same-date",
    ]);
    cmd.current_dir(dir.path());
    let stdout = quiet(cmd, 0);
    assert!(
        stdout.ends_with("✔ Ingen tilbagegang: ingen nye mangler, og efterlevelsen faldt ikke.\n"),
        "{stdout}"
    );
    assert!(stdout.contains("Lukkede mangler (1)"), "{stdout}");
    assert!(
        stdout.contains("Efterlevelse 46,9 % → 53,1 % (+6,2 point)"),
        "{stdout}"
    );
    // The other way round it is one: a gap opened.
    let mut cmd = diff(&[
        "examples/bedre.toml",
        "examples/mangler.toml",
        "--fail-on-regression",
        "--same-date",
        "--format",
        "json",
    ]);
    cmd.current_dir(dir.path());
    let doc = diff_json(&quiet(cmd, 1));
    assert_eq!(
        gaps(&doc, "opened"),
        [("OMV-1".into(), "not-assessed".into())]
    );
}

// ---------------------------------------------------------------------------
// Items only one has, and the dates
// ---------------------------------------------------------------------------

#[test]
fn items_only_one_has_are_listed() {
    // This year to last: the board's own requirements are gone, and their
    // gaps closed.
    let doc = diff_json(&quiet(diff(&[NEW, OLD, "--format", "json"]), 0));
    assert_eq!(ids(&doc, "only_old"), ["EGN-1", "EGN-2", "EGN-3", "EGN-4"]);
    assert!(array(&doc, "only_new").is_empty());
    let closed = gaps(&doc, "closed");
    assert!(
        closed.contains(&("EGN-4".into(), "overdue".into())),
        "{closed:?}"
    );

    let stdout = quiet(diff(&[NEW, OLD, "--lang", "en"]), 0);
    assert!(stdout.contains("Items only before (4)"), "{stdout}");
    assert!(stdout.contains("Checklists before: "), "{stdout}");
}

#[test]
fn the_old_side_is_scored_as_of_its_own_date_unless_told() {
    let as_of = |args: &[&str]| {
        let mut all = vec![OLD, NEW, "--format", "json"];
        all.extend(args);
        let doc = diff_json(&quiet(diff(&all), 0));
        (
            str_field(&doc["old"], "as_of").to_owned(),
            str_field(&doc["old"], "as_of_from").to_owned(),
        )
    };
    assert_eq!(as_of(&[]), ("2025-11-06".into(), "assessment-date".into()));
    assert_eq!(
        as_of(&["--old-as-of", "2025-12-01"]),
        ("2025-12-01".into(), "old-as-of".into())
    );
    assert_eq!(as_of(&["--same-date"]), (AS_OF.into(), "same-date".into()));
    // Both at once make no sense.
    almen()
        .args(["diff", OLD, NEW, "--same-date", "--old-as-of", "2025-12-01"])
        .assert()
        .code(2);

    // Without an assessment date, the new side's date, and the output says
    // how to give another.
    let dir = improved();
    let old = dir.path().join("examples/uden-dato.toml");
    let text = fs::read_to_string(root().join(OLD))
        .unwrap()
        .replace("date = 2025-11-06\n", "");
    fs::write(&old, text).unwrap();
    let mut cmd = diff(&["examples/uden-dato.toml", "examples/mangler.toml"]);
    cmd.current_dir(dir.path());
    let stdout = quiet(cmd, 0);
    assert!(
        stdout.contains(
            "Før: examples/uden-dato.toml · opgjort pr. 2026-11-27 (samme dato som efter: den har ingen `assessment.date`; angiv en\n  anden med --old-as-of)"
        ),
        "{stdout}"
    );
    let mut cmd = diff(&[
        "examples/uden-dato.toml",
        "examples/mangler.toml",
        "--format",
        "json",
    ]);
    cmd.current_dir(dir.path());
    let doc = diff_json(&quiet(cmd, 0));
    assert_eq!(doc["old"]["as_of"], AS_OF);
    assert_eq!(doc["old"]["as_of_from"], "no-assessment-date");
}

// ---------------------------------------------------------------------------
// -o
// ---------------------------------------------------------------------------

#[test]
fn output_to_a_file_is_what_standard_output_would_be() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("diff.md");
    let path = file.to_str().unwrap();
    let printed = quiet(diff(&[OLD, NEW, "--format", "markdown"]), 0);
    let stdout = quiet(diff(&[OLD, NEW, "--format", "markdown", "-o", path]), 0);
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(fs::read_to_string(&file).unwrap(), printed);
    // Replaced on the next run, as a redirection would be.
    quiet(diff(&[NEW, NEW, "--format", "markdown", "-o", path]), 0);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("Ingen ændringer.")
    );
    // Never over one of the files it reads.
    let dir = improved();
    let mut cmd = diff(&[
        "examples/sidste-aar.toml",
        "examples/mangler.toml",
        "-o",
        "examples/mangler.toml",
    ]);
    cmd.current_dir(dir.path());
    fails(cmd, &["E018", "examples/mangler.toml"]);
    let mut cmd = diff(&[
        "examples/sidste-aar.toml",
        "examples/mangler.toml",
        "-o",
        "examples/egne-krav.toml",
    ]);
    cmd.current_dir(dir.path());
    fails(cmd, &["E018"]);
    assert_eq!(
        fs::read(dir.path().join("examples/mangler.toml")).unwrap(),
        fs::read(root().join(NEW)).unwrap()
    );
}

// ---------------------------------------------------------------------------
// Text from the files is shown, never obeyed
// ---------------------------------------------------------------------------

#[test]
fn text_from_the_files_is_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = fs::read_to_string(root().join(NEW))
        .unwrap()
        .replace(
            "name = \"Boligselskabet Fjordglimt\"",
            "name = \"Fjord<script>alert(1)</script>|glimt\\u001b[31m\"",
        )
        .replace(
            "\"https://fjordglimt.example/dokumenter/koordinationsforum-2026-02-01.pdf\"",
            "\"[klik](javascript:alert(1))\"",
        );
    fs::write(dir.path().join("fjendtlig.toml"), hostile).unwrap();
    copy_dir(
        &root().join("examples/dokumentation"),
        &dir.path().join("dokumentation"),
    );
    fs::copy(
        root().join("examples/egne-krav.toml"),
        dir.path().join("egne-krav.toml"),
    )
    .unwrap();
    let new = dir.path().join("fjendtlig.toml");
    let new = new.to_str().unwrap();

    let md = quiet(diff(&[OLD, new, "--format", "markdown"]), 0);
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains("&lt;script&gt;"), "{md}");
    // The link is text: its brackets escaped, so no link is made.
    assert!(md.contains("\\[klik\\](javascript:alert(1))"), "{md}");
    assert!(!md.contains(" [klik]("), "{md}");
    assert!(!md.contains('\u{1b}'), "{md}");
    // Every row of every table has its columns.
    for line in md.lines().filter(|l| l.starts_with("| ")) {
        let cells = line.matches(" | ").count();
        assert!(cells == 2 || cells == 3, "{line}");
    }
    let table = quiet(diff(&[OLD, new]), 0);
    assert!(!table.contains('\u{1b}'), "{table}");
    assert!(table.contains("\\u{1b}[31m"), "{table}");
}

/// An agreement whose `valid-until` moved, in one municipality's entry:
/// the JSON says `valid-until` changed, the gap it opened names its
/// municipality, and it all fits the schema.
#[test]
fn diff_json_of_a_moved_valid_until_fits_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let new = fs::read_to_string(root().join("examples/to-kommuner.toml")).unwrap();
    let old = new.replace("valid-until = 2026-08-01", "valid-until = 2027-08-01");
    fs::write(dir.path().join("old.toml"), old).unwrap();
    fs::write(dir.path().join("new.toml"), new).unwrap();
    let out = crate::almen_in(dir.path())
        .args(["diff", "old.toml", "new.toml", "--format", "json"])
        .args(["--old-as-of", AS_OF, "--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    fits_diff_schema(&doc);
    let lab = array(&doc, "items")
        .iter()
        .find(|i| i["id"] == "LAB-6F-1")
        .expect("LAB-6F-1 changed");
    assert_eq!(lab["fields"], serde_json::json!(["valid-until", "gaps"]));
    let opened = array(&doc, "opened");
    assert_eq!(opened.len(), 1, "{doc}");
    assert_eq!(opened[0]["reason"], "expired");
    assert_eq!(opened[0]["municipality"], "Aarhus Kommune");
}
