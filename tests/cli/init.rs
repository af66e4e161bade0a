//! `init`: the template it writes loads, lists every item and has a schema
//! beside it; it never replaces a file without `--force`, takes own
//! checklists by a path that works from the template's folder, and speaks
//! Danish or English.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use crate::{AS_OF, almen, array, exits, fails, json, root, stdout_of, str_field};

/// `almen init -o OUTPUT --as-of 2026-11-27 ARGS…` from the crate root.
fn init(output: &Path, args: &[&str]) -> Command {
    let mut cmd = almen();
    cmd.arg("init")
        .arg("-o")
        .arg(output)
        .args(["--as-of", AS_OF])
        .args(args);
    cmd
}

/// The JSON of `almen check FILE --format json`, which must exit `code`.
fn check_json(file: &Path, code: i32) -> Value {
    let mut cmd = almen();
    cmd.arg("check")
        .arg(file)
        .args(["--as-of", AS_OF, "--format", "json"]);
    json(&exits(cmd, code))
}

fn item_ids(doc: &Value) -> Vec<String> {
    array(doc, "items")
        .iter()
        .map(|i| str_field(i, "id").to_owned())
        .collect()
}

/// Writes a real organisation's name over the template's, in either language.
fn fill_in_name(template: &Path) {
    let text = fs::read_to_string(template).unwrap();
    let filled = text
        .replace(
            "\"Boligorganisationens navn\"",
            "\"Boligforeningen Eksempel\"",
        )
        .replace(
            "\"The organisation's name\"",
            "\"Boligforeningen Eksempel\"",
        );
    assert_ne!(text, filled, "no placeholder name in {template:?}");
    fs::write(template, filled).unwrap();
}

#[test]
fn init_writes_a_template_that_asks_for_the_name_first() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("x/almen.toml");
    let assert = init(&output, &[])
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
    let stdout = stdout_of(&assert);
    assert!(stdout.starts_with("Skrev "), "{stdout}");
    assert!(stdout.contains("(10 punkter at vurdere)"), "{stdout}");

    // The folder was made, and the schema the first line points at is beside it.
    let text = fs::read_to_string(&output).unwrap();
    assert_eq!(text.lines().next(), Some("#:schema ./almen.schema.json"));
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("x/almen.schema.json")).unwrap())
            .unwrap();
    let mut cmd = almen();
    cmd.args(["schema", "assessment"]);
    assert_eq!(schema, json(&exits(cmd, 0)));

    // The one thing the template says before any answer is the name: left
    // as it is, it is the only error.
    let line = 1 + text
        .lines()
        .position(|l| l == "name = \"Boligorganisationens navn\"")
        .expect("the name's line");
    let mut cmd = almen();
    cmd.arg("validate")
        .arg(&output)
        .args(["--as-of", AS_OF, "--format", "json"]);
    let doc = json(&exits(cmd, 2));
    assert_eq!(
        (doc["errors"].as_u64(), doc["warnings"].as_u64()),
        (Some(1), Some(0))
    );
    let diag = &array(&doc, "diagnostics")[0];
    assert_eq!(str_field(diag, "code"), "E023");
    assert_eq!(
        (diag["line"].as_u64(), diag["column"].as_u64()),
        (Some(line as u64), Some(8))
    );

    // With a name, it loads; nothing is assessed yet: every item is a gap,
    // and nothing else is.
    fill_in_name(&output);
    let mut cmd = almen();
    cmd.arg("validate").arg(&output).args(["--as-of", AS_OF]);
    let stdout = exits(cmd, 0);
    assert!(stdout.contains("0 fejl, 0 advarsler"), "{stdout}");
    let doc = check_json(&output, 1);
    assert_eq!(doc["compliant"], false);
    assert_eq!(array(&doc, "items").len(), 10);
    let gaps = array(&doc, "gaps");
    assert_eq!(gaps.len(), 10, "{gaps:?}");
    assert!(
        gaps.iter().all(|g| g["reason"] == "not-assessed"),
        "{gaps:?}"
    );
    let gap_items: BTreeSet<&str> = gaps.iter().map(|g| str_field(g, "item")).collect();
    let ids = item_ids(&doc);
    assert_eq!(gap_items, ids.iter().map(String::as_str).collect());
    assert!(array(&doc, "notices").is_empty());
}

#[test]
fn init_never_replaces_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    exits(init(&output, &[]), 0);

    // The user has started filling it in.
    let mine = format!("{}\n# Mine noter.\n", fs::read_to_string(&output).unwrap());
    fs::write(&output, &mine).unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    fs::File::options()
        .write(true)
        .open(&output)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let schema = dir.path().join("almen.schema.json");
    fs::write(&schema, "{}\n").unwrap();

    let stderr = fails(init(&output, &[]), &["findes allerede", "--force"]);
    assert!(stderr.contains("almen.toml"), "{stderr}");
    assert_eq!(fs::read_to_string(&output).unwrap(), mine);
    assert_eq!(fs::metadata(&output).unwrap().modified().unwrap(), old);
    assert_eq!(fs::read_to_string(&schema).unwrap(), "{}\n");
    // No temporary file is left behind.
    let names: BTreeSet<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["almen.toml".to_owned(), "almen.schema.json".to_owned()])
    );

    fails(
        init(&output, &["--lang", "en"]),
        &["exists already", "--force"],
    );

    // --force replaces both.
    exits(init(&output, &["--force"]), 0);
    let text = fs::read_to_string(&output).unwrap();
    assert!(!text.contains("Mine noter"), "{text}");
    assert!(text.starts_with("#:schema ./almen.schema.json\n"));
    assert_ne!(fs::read_to_string(&schema).unwrap(), "{}\n");
}

#[test]
fn init_with_own_checklist_writes_a_path_from_the_template_folder() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("bestyrelse/almen.toml");
    // A path relative to the crate root, where almen runs.
    exits(
        init(&output, &["--checklist", "examples/egne-krav.toml"]),
        0,
    );

    let doc: toml::Value = toml::from_str(&fs::read_to_string(&output).unwrap()).unwrap();
    let names: Vec<&str> = doc["assessment"]["checklists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let path = names
        .iter()
        .find(|n| n.ends_with("egne-krav.toml"))
        .unwrap_or_else(|| panic!("no path to egne-krav.toml in {names:?}"));
    assert!(!Path::new(path).is_absolute(), "{path}");
    assert_eq!(
        fs::canonicalize(dir.path().join("bestyrelse").join(path)).unwrap(),
        fs::canonicalize(root().join("examples/egne-krav.toml")).unwrap(),
        "{path} does not lead from the template's folder to the checklist"
    );
    let text = fs::read_to_string(&output).unwrap();
    assert!(text.contains("# [answers.EGN-1]"), "{text}");
    fill_in_name(&output);

    // It loads, run from the folder the checklist is in: a checklist an
    // assessment names must lie in the assessment's folder or the one
    // almen runs in (tests/cli/hostile.rs has the other side).
    let mut cmd = almen();
    cmd.arg("check")
        .arg(&output)
        .args(["--as-of", AS_OF, "--format", "json"]);
    let doc = json(&exits(cmd, 1));
    let ids = item_ids(&doc);
    for id in ["EGN-1", "EGN-2", "EGN-3"] {
        assert!(ids.iter().any(|i| i == id), "{id} not in {ids:?}");
    }
}

#[test]
fn init_with_own_checklist_keeps_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    let stdout = exits(
        init(&output, &["--checklist", "examples/egne-krav.toml"]),
        0,
    );
    assert!(stdout.contains("(14 punkter at vurdere)"), "{stdout}");
    fill_in_name(&output);
    let doc = check_json(&output, 1);
    assert_eq!(item_ids(&doc).len(), 14);
}

#[test]
fn init_with_both_checklists_named_loads_14_items() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    let stdout = exits(
        init(
            &output,
            &[
                "--checklist",
                "samarbejde-med-omverdenen",
                "--checklist",
                "examples/egne-krav.toml",
            ],
        ),
        0,
    );
    assert!(stdout.contains("(14 punkter at vurdere)"), "{stdout}");
    fill_in_name(&output);
    let doc = check_json(&output, 1);
    assert_eq!(item_ids(&doc).len(), 14);
    let gaps = array(&doc, "gaps");
    assert_eq!(gaps.len(), 14);
    assert!(gaps.iter().all(|g| g["reason"] == "not-assessed"));
}

#[test]
fn init_with_missing_checklist_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    // A path or an id: E012, checklist not found, as in an assessment.
    fails(
        init(&output, &["--checklist", "findes-ikke.toml"]),
        &["E012", "tjeklisten `findes-ikke.toml` findes ikke"],
    );
    fails(
        init(&output, &["--checklist", "findes-ikke"]),
        &["E012", "ukendt tjekliste `findes-ikke`"],
    );
    assert!(!output.exists());
    assert!(!dir.path().join("almen.schema.json").exists());
}

#[test]
fn init_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    let stdout = exits(init(&output, &["--lang", "en"]), 0);
    assert!(stdout.starts_with("Wrote "), "{stdout}");
    assert!(stdout.contains("(10 items to assess)"), "{stdout}");
    let text = fs::read_to_string(&output).unwrap();
    for needle in [
        "#:schema ./almen.schema.json\n",
        "# Self-assessment against BL's God Almen Ledelse",
        "name = \"The organisation's name\"",
        "# OMV-1 · Know the housing organisation's most important stakeholders",
        "# Recommendation (comply or explain).",
        "# Duty: cannot be explained away.",
        "# Guidance: ",
        "# Typical evidence:",
        "# Must be repeated at least once every calendar year; give the `date`.",
        "# Depends on the municipal council too: if you have asked in writing, give `requested`.",
        "# [answers.STY-1]",
        "# date = YYYY-MM-DD",
        "# evidence = [\"path/to/document.pdf\"]",
        "(without quotes, e.g. 2026-11-27)",
    ] {
        assert!(text.contains(needle), "lacks {needle:?}:\n{text}");
    }
    for danish in [
        "Vejledning:",
        "Anbefaling",
        "Lovkrav",
        "Typisk dokumentation",
    ] {
        assert!(!text.contains(danish), "Danish {danish:?}:\n{text}");
    }
    for danish in ["ÅÅÅÅ-MM-DD", "sti/til/dokument.pdf"] {
        assert!(!text.contains(danish), "Danish {danish:?}:\n{text}");
    }
    let mut cmd = almen();
    cmd.arg("validate")
        .arg(&output)
        .args(["--as-of", AS_OF, "--lang", "en"]);
    let stdout = exits(cmd, 2);
    assert!(
        stdout.contains("error[E023]: the organisation's name is the template's placeholder"),
        "{stdout}"
    );
    fill_in_name(&output);
    let mut cmd = almen();
    cmd.arg("validate").arg(&output).args(["--as-of", AS_OF]);
    exits(cmd, 0);
}

#[test]
fn init_template_da() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    exits(init(&output, &[]), 0);
    let text = fs::read_to_string(&output).unwrap();
    for id in [
        "OMV-1", "OMV-2", "OMV-3", "OMV-4", "OMV-5", "OMV-6", "LAB-6F-1", "LAB-6F-2", "STY-1",
        "NV-13",
    ] {
        assert!(
            text.contains(&format!("\n# [answers.{id}]\n")),
            "lacks {id}:\n{text}"
        );
    }
    insta::assert_snapshot!("init_template_da", text);
}

/// The template as a user who switches every answer on without editing it
/// leaves it: each line from `# [answers.…]` to the end of its comment
/// block loses its `# `, and so do the assessment's `date` and `approved`.
fn uncomment_answers(text: &str) -> String {
    let mut out = String::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.starts_with("# [answers.") || line.starts_with("# [[answers.") {
            in_block = true;
        }
        let meta = line.starts_with("# date = ") || line.starts_with("# approved = ");
        match line.strip_prefix("# ") {
            Some(rest) if in_block || meta => out.push_str(rest),
            _ => {
                in_block = false;
                out.push_str(line);
            }
        }
        out.push('\n');
    }
    out
}

/// `almen init ARGS…` in `dir`, with every answer switched on unedited.
fn switched_on(dir: &Path, args: &[&str]) -> String {
    let output = dir.join("almen.toml");
    exits(init(&output, args), 0);
    let text = uncomment_answers(&fs::read_to_string(&output).unwrap());
    assert_eq!(text.matches("\n[answers.").count(), 10, "{text}");
    fs::write(&output, &text).unwrap();
    text
}

/// `almen check almen.toml` in `dir`, in `lang`.
fn check_in(dir: &Path, lang: &str) -> Command {
    let mut cmd = crate::almen_in(dir);
    cmd.args(["check", "almen.toml", "--as-of", AS_OF, "--color", "never"])
        .args(["--lang", lang]);
    cmd
}

#[test]
fn init_template_switched_on_unedited_is_an_error_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    switched_on(dir.path(), &[]);

    // Every placeholder is an error, with its place: the name, the
    // assessment's two dates, and each answer's date and evidence path.
    let stderr = fails(check_in(dir.path(), "da"), &[]);
    assert_eq!(
        stderr.matches("fejl[E023]").count(),
        1 + 2 + 10 + 10,
        "{stderr}"
    );
    assert_eq!(stderr.matches("fejl[").count(), 23, "{stderr}");
    for needle in [
        "almen.toml:19:8",
        "organisationens navn er skabelonens pladsholder",
        "svaret på `STY-1` har skabelonens dato",
        "svaret på `NV-13` har skabelonens dokumentationssti `sti/til/dokument.pdf`",
        "fx `date = 2026-05-20`",
    ] {
        assert!(stderr.contains(needle), "lacks {needle:?}:\n{stderr}");
    }
    assert!(!stderr.contains("E004"), "{stderr}");
    insta::assert_snapshot!("init_template_switched_on_unedited", stderr);

    // validate says the same; the JSON has a line and column for each.
    let mut cmd = crate::almen_in(dir.path());
    cmd.args([
        "validate",
        "almen.toml",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    let doc = json(&exits(cmd, 2));
    assert_eq!(doc["errors"], 23, "{doc}");
    for d in array(&doc, "diagnostics") {
        assert_eq!(str_field(d, "code"), "E023", "{d}");
        assert!(
            d["line"].as_u64().is_some() && d["column"].as_u64().is_some(),
            "{d}"
        );
    }

    // A report is not written from it either.
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["report", "almen.toml", "-o", "r.html", "--as-of", AS_OF]);
    fails(cmd, &["E023"]);
    assert!(!dir.path().join("r.html").exists());
}

#[test]
fn init_placeholders_are_errors_in_either_language() {
    // The English template read in Danish, and the Danish one in English.
    for (template, reader, needle) in [
        (
            "en",
            "da",
            "svaret på `OMV-1` har skabelonens dokumentationssti `path/to/document.pdf`",
        ),
        (
            "da",
            "en",
            "the answer for `OMV-1` has the template's date, not the date it was last done",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        switched_on(dir.path(), &["--lang", template]);
        let stderr = fails(check_in(dir.path(), reader), &[needle]);
        // The level in the reader's language.
        let head = if reader == "da" {
            "fejl[E023]"
        } else {
            "error[E023]"
        };
        assert_eq!(stderr.matches(head).count(), 23, "{stderr}");
    }
}

#[test]
fn init_template_filled_in_passes() {
    let dir = tempfile::tempdir().unwrap();
    let text = switched_on(dir.path(), &[]);

    // What a user writes: the name, real dates, and for each item the
    // document that shows it.
    let mut filled = String::new();
    let mut item = String::new();
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("[answers.") {
            item = id.trim_end_matches(']').to_owned();
        }
        let line = if line.starts_with("date = ") && item.is_empty() {
            line.replace("ÅÅÅÅ-MM-DD", "2026-11-20")
        } else if line.starts_with("approved = ") {
            line.replace("ÅÅÅÅ-MM-DD", "2026-11-25")
        } else if line.starts_with("date = ") {
            line.replace("ÅÅÅÅ-MM-DD", "2026-10-01")
        } else {
            line.replace("sti/til/dokument.pdf", &format!("bilag/{item}.pdf"))
        };
        filled.push_str(&line);
        filled.push('\n');
    }
    // Only the instructions at the top still name the placeholders.
    assert!(
        filled
            .lines()
            .filter(|l| !l.starts_with('#'))
            .all(|l| !l.contains("ÅÅÅÅ") && !l.contains("sti/til")),
        "{filled}"
    );
    let output = dir.path().join("almen.toml");
    fs::write(&output, filled).unwrap();
    fill_in_name(&output);
    fs::create_dir(dir.path().join("bilag")).unwrap();
    for id in [
        "OMV-1", "OMV-2", "OMV-3", "OMV-4", "OMV-5", "OMV-6", "LAB-6F-1", "LAB-6F-2", "STY-1",
        "NV-13",
    ] {
        fs::write(dir.path().join(format!("bilag/{id}.pdf")), "%PDF-1.4\n").unwrap();
    }

    let mut cmd = crate::almen_in(dir.path());
    cmd.args([
        "validate",
        "almen.toml",
        "--as-of",
        AS_OF,
        "--deny-warnings",
    ]);
    let stdout = exits(cmd, 0);
    assert!(stdout.contains("0 fejl, 0 advarsler"), "{stdout}");
    let doc = check_json(&output, 0);
    assert_eq!(doc["compliant"], true, "{doc}");
    assert_eq!(doc["adherence"], 100.0, "{doc}");
    assert!(array(&doc, "gaps").is_empty(), "{doc}");
    let items = array(&doc, "items");
    assert_eq!(items.len(), 10);
    assert!(items.iter().all(|i| i["status"] == "met"), "{items:?}");
}

#[cfg(unix)]
#[test]
fn init_files_are_as_readable_as_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    exits(init(&output, &[]), 0);
    let reference = dir.path().join("reference");
    fs::write(&reference, "").unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&output), mode(&reference), "almen.toml");
    assert_eq!(
        mode(&dir.path().join("almen.schema.json")),
        mode(&reference),
        "almen.schema.json"
    );
}

#[test]
fn init_adds_a_further_built_in_checklist_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    let stdout = exits(
        init(&output, &["--checklist", "ekstern-repraesentation"]),
        0,
    );
    assert!(stdout.contains("(13 punkter at vurdere)"), "{stdout}");
    let text = fs::read_to_string(&output).unwrap();
    assert!(
        text.contains("checklists = [\"samarbejde-med-omverdenen\", \"ekstern-repraesentation\"]"),
        "{text}"
    );
    for id in ["OMV-1", "NV-13", "EKS-1", "EKS-2", "EKS-3"] {
        assert!(
            text.contains(&format!("# [answers.{id}]")),
            "lacks {id}:\n{text}"
        );
    }
    assert!(!text.contains("VAND-1"), "{text}");
    fill_in_name(&output);
    let doc = check_json(&output, 1);
    assert_eq!(item_ids(&doc).len(), 13);
}

/// Several municipalities: `municipalities`, and a block for each on the
/// items whose counterparty is the municipal council, with the same
/// placeholders; filled in, each municipality is scored on its own.
#[test]
fn init_with_several_municipalities_answers_each() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    let two = [
        "--municipality",
        "Aarhus Kommune",
        "--municipality",
        "Skanderborg Kommune",
    ];
    exits(init(&output, &two), 0);
    let text = fs::read_to_string(&output).unwrap();
    assert!(
        text.contains("\nmunicipalities = [\"Aarhus Kommune\", \"Skanderborg Kommune\"]\n"),
        "{text}"
    );
    for id in ["LAB-6F-1", "STY-1"] {
        assert_eq!(
            text.matches(&format!("\n# [[answers.{id}.per]]\n")).count(),
            2,
            "{text}"
        );
        assert!(!text.contains(&format!("\n# [answers.{id}]\n")), "{text}");
    }
    assert!(text.contains("\n# [answers.NV-13]\n"), "{text}");
    insta::assert_snapshot!("init_template_two_municipalities", text);

    // Switched on unedited: each entry's date and evidence are errors too.
    let on = uncomment_answers(&text);
    fs::write(&output, &on).unwrap();
    let stderr = fails(check_in(dir.path(), "da"), &[]);
    assert_eq!(
        stderr.matches("fejl[E023]").count(),
        1 + 2 + 2 * (8 + 2 * 2),
        "{stderr}"
    );

    // Filled in: a date and a link for each, and STY-1 in Skanderborg
    // last held in 2024.
    let mut filled = String::new();
    let mut municipality = "";
    for line in on.lines() {
        if line.starts_with("[answers.") || line.starts_with("[[answers.") {
            municipality = "";
        }
        if let Some(m) = line.strip_prefix("municipality = ") {
            municipality = if m.contains("Skanderborg") { "s" } else { "a" };
        }
        let line = if line.starts_with("date = ")
            && municipality == "s"
            && filled.contains("[[answers.STY-1.per]]\nmunicipality = \"Aarhus")
        {
            line.replace("ÅÅÅÅ-MM-DD", "2024-10-01")
        } else {
            line.replace("ÅÅÅÅ-MM-DD", "2026-10-01")
                .replace("sti/til/dokument.pdf", "https://eksempel.dk/bilag.pdf")
        };
        filled.push_str(&line);
        filled.push('\n');
    }
    fs::write(&output, filled).unwrap();
    fill_in_name(&output);
    let doc = check_json(&output, 1);
    let gaps: Vec<(&str, &str, &str)> = array(&doc, "gaps")
        .iter()
        .map(|g| {
            (
                str_field(g, "item"),
                str_field(g, "reason"),
                g["municipality"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(gaps, [("STY-1", "overdue", "Skanderborg Kommune")], "{doc}");
}

/// One municipality is written as `municipality`, and every item has one
/// block.
#[test]
fn init_with_one_municipality_writes_it_in_municipality() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    exits(init(&output, &["--municipality", "Aarhus Kommune"]), 0);
    let text = fs::read_to_string(&output).unwrap();
    assert!(
        text.contains("\nmunicipality = \"Aarhus Kommune\"\n"),
        "{text}"
    );
    assert!(!text.contains("municipalities"), "{text}");
    assert!(!text.contains(".per]]"), "{text}");
}

/// A municipality given twice, even with other spaces or case, is written
/// once; the loader would refuse it listed twice.
#[test]
fn init_writes_a_municipality_given_twice_once() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("almen.toml");
    let args = [
        "--municipality",
        "Aarhus Kommune",
        "--municipality",
        "aarhus  kommune",
        "--municipality",
        " Skanderborg Kommune",
    ];
    exits(init(&output, &args), 0);
    let text = fs::read_to_string(&output).unwrap();
    assert!(
        text.contains("\nmunicipalities = [\"Aarhus Kommune\", \"Skanderborg Kommune\"]\n"),
        "{text}"
    );
    assert_eq!(
        text.matches("\n# [[answers.STY-1.per]]\n").count(),
        2,
        "{text}"
    );
    // Only the template's placeholders are wrong, not the municipalities.
    let mut cmd = almen();
    cmd.arg("check").arg(&output).args(["--as-of", AS_OF]);
    let err = crate::stderr_of(&cmd.assert().code(2));
    assert!(!err.contains("municipalities"), "{err}");
}

/// A template written into another folder than its checklist's says so:
/// its `../` path is read only where almen runs from the folder above, and
/// checked from its own folder it was E021 with no warning before.
#[test]
fn a_checklist_outside_the_templates_folder_is_noted() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        crate::root().join("examples/egne-krav.toml"),
        dir.path().join("egne-krav.toml"),
    )
    .unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args([
        "init",
        "-o",
        "bestyrelse/almen.toml",
        "--checklist",
        "egne-krav.toml",
    ]);
    let stdout = crate::exits(cmd, 0);
    assert!(
        stdout
            .contains("Bemærk: tjeklisten `../egne-krav.toml` ligger uden for mappen `bestyrelse`"),
        "{stdout}"
    );
    // A link beside the template to a checklist elsewhere is outside too.
    #[cfg(unix)]
    {
        fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink("../egne-krav.toml", dir.path().join("sub/egne.toml")).unwrap();
        let mut cmd = crate::almen_in(&dir.path().join("sub"));
        cmd.args(["init", "-o", "almen.toml", "--checklist", "egne.toml"]);
        let stdout = crate::exits(cmd, 0);
        assert!(
            stdout.contains("Bemærk: tjeklisten `../egne-krav.toml` ligger uden for mappen `/"),
            "{stdout}"
        );
    }
    // Beside it: no note.
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["init", "-o", "almen.toml", "--checklist", "egne-krav.toml"]);
    let stdout = crate::exits(cmd, 0);
    assert!(!stdout.contains("Bemærk"), "{stdout}");
}
