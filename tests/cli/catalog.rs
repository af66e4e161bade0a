//! The commands that read rather than check: `list` and `show` (the
//! checklists), `schema` (every valid file fits it, the invalid ones do
//! not), `completions`, `man` and `--help`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use crate::{almen, check, exits, fails, invalid_dir, json, lint_dir, root, succeeds};

// ---------------------------------------------------------------------------
// list and show
// ---------------------------------------------------------------------------

/// The item ids of the built-in checklists: part of the contract.
const BUILT_IN_IDS: [&str; 21] = [
    "OMV-1", "OMV-2", "OMV-3", "OMV-4", "OMV-5", "OMV-6", "LAB-6F-1", "LAB-6F-2", "STY-1", "NV-13",
    "EKS-1", "EKS-2", "EKS-3", "VAND-1", "VAND-2", "VAND-3", "VAND-4", "VAND-5", "VAND-6",
    "VAND-7", "VAND-8",
];

fn run(args: &[&str]) -> Command {
    let mut cmd = almen();
    cmd.args(args).args(["--color", "never"]);
    cmd
}

#[test]
fn list_da() {
    let stdout = succeeds(run(&["list"]));
    for id in BUILT_IN_IDS {
        assert!(stdout.contains(id), "lacks {id}:\n{stdout}");
    }
    for needle in [
        "samarbejde-med-omverdenen 2026-11-27 · Samarbejde med omverdenen (indbygget)",
        "ekstern-repraesentation 2026-11-27 · Ekstern repræsentation (indbygget)",
        "forbrugervalg-til-vandselskaber 2026-11-27",
        "anbefaling",
        "regelkrav",
        "én gang hvert kalenderår",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    assert!(!stdout.contains("EGN-1"), "{stdout}");
    insta::assert_snapshot!("list_da", stdout);
}

#[test]
fn list_en() {
    let stdout = succeeds(run(&["list", "--lang", "en"]));
    for needle in [
        "(built in)",
        "recommendation",
        "duty",
        "once every calendar year",
        "Draw up a communication policy",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    insta::assert_snapshot!("list_en", stdout);
}

#[test]
fn list_with_own_checklist() {
    let stdout = succeeds(run(&["list", "--checklist", "examples/egne-krav.toml"]));
    for id in BUILT_IN_IDS.iter().chain(&["EGN-1", "EGN-2", "EGN-3"]) {
        assert!(stdout.contains(id), "lacks {id}:\n{stdout}");
    }
    assert!(
        stdout.contains("egne-krav 2026-11 · Egne krav – Boligselskabet Fjordglimt"),
        "{stdout}"
    );
    assert!(stdout.contains("hver 24. måned"), "{stdout}");
}

#[test]
fn list_with_missing_checklist_exits_2() {
    fails(
        run(&["list", "--checklist", "findes-ikke.toml"]),
        &["E012", "findes-ikke.toml"],
    );
    fails(
        run(&["list", "--checklist", "findes-ikke", "--lang", "en"]),
        &["E012", "findes-ikke"],
    );
}

const BL_URL: &str = "https://bl.dk/raadgivning-og-regler/administration-og-beboerdemokrati/god-almen-ledelse/samarbejde-med-omverdenen/";

#[test]
fn show_da() {
    let stdout = succeeds(run(&["show", "STY-1"]));
    for needle in [
        "STY-1 · Boligorganisationen har deltaget i årets styringsdialog med kommunen",
        "regelkrav",
        "Afhænger også af modparten: kommunalbestyrelsen",
        "`requested`",
        "Vejledning",
        "Typisk dokumentation",
        "Grundlag:",
        "§164",
        "Gentages: én gang hvert kalenderår, varsel 90 dage før",
        "Om kilderne",
        "Kilde: BL – Danmarks Almene Boliger",
        BL_URL,
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    insta::assert_snapshot!("show_sty_1_da", stdout);
}

#[test]
fn show_en() {
    let stdout = succeeds(run(&["show", "STY-1", "--lang", "en"]));
    for needle in [
        "STY-1 · The housing organisation has taken part in this year's styringsdialog",
        "Depends on the counterparty too: the municipal council",
        "duty",
        "Guidance",
        "Typical evidence",
        "Basis:",
        "Recurs: once every calendar year, notice 90 days before",
        "About the sources",
        "Source: BL – Danmarks Almene Boliger",
        BL_URL,
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    insta::assert_snapshot!("show_sty_1_en", stdout);
}

#[test]
fn show_is_case_insensitive() {
    assert_eq!(
        succeeds(run(&["show", "sty-1"])),
        succeeds(run(&["show", "STY-1"]))
    );
}

#[test]
fn show_unknown_item_exits_2_with_did_you_mean() {
    let stderr = fails(
        run(&["show", "OMV-9"]),
        &["ukendt punkt `OMV-9`", "mente du `OMV-"],
    );
    assert!(stderr.starts_with("fejl[E020]:"), "{stderr}");
    fails(
        run(&["show", "OMV-9", "--lang", "en"]),
        &["error[E020]: unknown item `OMV-9`", "did you mean `OMV-"],
    );
    // Nothing close: a pointer to `almen list`.
    fails(run(&["show", "xyz"]), &["`almen list`"]);
}

#[test]
fn show_item_of_own_checklist() {
    let stdout = succeeds(run(&[
        "show",
        "EGN-1",
        "--checklist",
        "examples/egne-krav.toml",
    ]));
    for needle in [
        "EGN-1 · Kommunikationspolitikken gennemgås mindst hvert andet år",
        "anbefaling",
        "egne-krav 2026-11 (examples/egne-krav.toml)",
        "Gentages: hver 24. måned",
        "Kilde: Boligselskabet Fjordglimt",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    // Without the checklist, it is not known.
    fails(run(&["show", "EGN-1"]), &["ukendt punkt `EGN-1`"]);
}

// ---------------------------------------------------------------------------
// schema: every valid file fits, the invalid ones do not
// ---------------------------------------------------------------------------

// What `almen schema` prints, against the examples, the built-in checklists
// and the fixtures; the unit tests in src/schema.rs test the generated
// schema itself.

/// `almen schema KIND`, as a validator that checks formats (dates) too.
fn schema_validator(kind: &str) -> jsonschema::Validator {
    let stdout = succeeds(run(&["schema", kind]));
    let schema = json(&stdout);
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "{kind}"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("`almen schema {kind}` is not a valid schema: {e}"))
}

fn toml_file_as_json(path: &Path) -> Result<Value, toml::de::Error> {
    let text = fs::read_to_string(path).unwrap();
    toml::from_str::<toml::Value>(&text).map(almen::schema::toml_to_json)
}

fn toml_files_in_dir(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn schema_errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator.iter_errors(doc).map(|e| e.to_string()).collect()
}

#[test]
fn schema_accepts_every_valid_file() {
    let assessment = schema_validator("assessment");
    let checklist = schema_validator("checklist");
    // Every example assessment, the municipality's folder of them too.
    let mut assessments: Vec<_> = toml_files_in_dir(&root().join("examples"))
        .into_iter()
        .filter(|p| !p.ends_with("egne-krav.toml"))
        .collect();
    assert!(
        assessments.iter().any(|p| p.ends_with("to-kommuner.toml")),
        "{assessments:?}"
    );
    assessments.extend(toml_files_in_dir(&root().join("examples/kommune")));
    assessments.push(root().join("tests/fixtures/evidence/almen.toml"));
    assessments.extend(toml_files_in_dir(&root().join("tests/fixtures/valid")));
    let mut checklists = vec![root().join("examples/egne-krav.toml")];
    checklists.extend(toml_files_in_dir(&root().join("checklists")));
    // The lint fixtures load; they only draw warnings.
    for path in toml_files_in_dir(&lint_dir()) {
        let doc = toml_file_as_json(&path).unwrap();
        if doc.get("item").is_some() {
            checklists.push(path);
        } else {
            assessments.push(path);
        }
    }
    assert!(assessments.len() >= 23, "{assessments:?}");
    assert!(checklists.len() >= 4, "{checklists:?}");

    for (validator, files) in [(&assessment, &assessments), (&checklist, &checklists)] {
        for path in files {
            let doc = toml_file_as_json(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let errors = schema_errors(validator, &doc);
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        }
    }
    // And the kinds are not interchangeable.
    let doc = toml_file_as_json(&root().join("examples/egne-krav.toml")).unwrap();
    assert!(!assessment.is_valid(&doc));
    let doc = toml_file_as_json(&root().join("examples/almen.toml")).unwrap();
    assert!(!checklist.is_valid(&doc));
}

#[test]
fn schema_rejects_invalid_fixtures() {
    let assessment = schema_validator("assessment");
    let checklist = schema_validator("checklist");
    let cases = [
        (&assessment, "unknown-key.toml"),
        (&assessment, "wrong-type.toml"),
        (&assessment, "unknown-status.toml"),
        (&assessment, "impossible-date.toml"),
        (&assessment, "missing-name.toml"),
        (&assessment, "format-2.toml"),
        (&assessment, "municipality-and-municipalities.toml"),
        (&assessment, "per-and-status.toml"),
        (&checklist, "zero-weight-checklist.toml"),
    ];
    for (validator, file) in cases {
        let path = invalid_dir().join(file);
        // A schema sees the parsed document: 30 February is no TOML date,
        // so that file is not TOML at all.
        let doc = match toml_file_as_json(&path) {
            Ok(doc) => doc,
            Err(e) if file == "impossible-date.toml" => {
                assert!(e.to_string().contains("date"), "{e}");
                continue;
            }
            Err(e) => panic!("{file}: {e}"),
        };
        assert!(
            !validator.is_valid(&doc),
            "the schema accepts {file}: {doc}"
        );
    }
    // Quoted, the impossible date is TOML; the schema's `format: date`
    // rejects it, and takes a possible one.
    let text = fs::read_to_string(invalid_dir().join("impossible-date.toml")).unwrap();
    for (date, valid) in [("2026-02-30", false), ("2026-02-28", true)] {
        let quoted = text.replace("date = 2026-02-30", &format!("date = \"{date}\""));
        let doc = almen::schema::toml_to_json(toml::from_str(&quoted).unwrap());
        assert_eq!(assessment.is_valid(&doc), valid, "{date}: {doc}");
    }
}

// ---------------------------------------------------------------------------
// completions and the man page
// ---------------------------------------------------------------------------

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let stdout = succeeds(run(&["completions", shell]));
        assert!(stdout.contains("almen"), "{shell}:\n{stdout}");
        assert!(stdout.contains("validate"), "{shell}:\n{stdout}");
        assert!(stdout.contains("as-of"), "{shell}:\n{stdout}");
    }
}

#[test]
fn completions_for_unknown_shell_is_a_usage_error() {
    fails(run(&["completions", "tcsh"]), &["tcsh", "bash"]);
}

#[test]
fn man_page_is_roff() {
    let stdout = succeeds(run(&["man"]));
    // clap_mangen opens with two requests that define a quote string, then
    // the title.
    let th = stdout
        .lines()
        .position(|l| l.starts_with(".TH almen 1"))
        .unwrap_or_else(|| panic!("no .TH header:\n{stdout}"));
    assert!(th <= 2, "{stdout}");
    assert!(
        stdout.lines().take(th).all(|l| l.starts_with('.')),
        "{stdout}"
    );
    for needle in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH SUBCOMMANDS",
        ".SH \"EXIT STATUS\"",
        "check",
        "validate",
        "init",
        "report",
        "almen\\-man(1)",
        "almen\\-diff(1)",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    // `serve` where the build has it (the feature `serve`, on by default).
    assert_eq!(
        stdout.contains("almen\\-serve(1)"),
        cfg!(feature = "serve"),
        "{stdout}"
    );
    // The exit codes, each with what it means.
    let exit = &stdout[stdout.find(".SH \"EXIT STATUS\"").unwrap()..];
    for code in ["\\fB0\\fR", "\\fB1\\fR", "\\fB2\\fR"] {
        assert!(exit.contains(code), "lacks {code}:\n{exit}");
    }
}

#[test]
fn man_is_in_the_help() {
    let stdout = succeeds(run(&["--help"]));
    assert!(stdout.contains("  man "), "{stdout}");
}

// ---------------------------------------------------------------------------
// --help
// ---------------------------------------------------------------------------

fn help(args: &[&str]) -> String {
    let mut cmd = almen();
    cmd.args(args).arg("--help");
    let stdout = succeeds(cmd);
    // Deterministic: the same bytes a second time.
    let mut again = almen();
    again.args(args).arg("--help");
    assert_eq!(stdout, succeeds(again), "{args:?}");
    stdout
}

#[test]
fn help_top_level() {
    let stdout = help(&[]);
    for sub in [
        "check",
        "report",
        "calendar",
        "validate",
        "init",
        "list",
        "show",
        "diff",
        "schema",
        "completions",
    ] {
        assert!(
            stdout.contains(&format!("\n  {sub} ")),
            "lacks {sub}:\n{stdout}"
        );
    }
    // The snapshot is of the default build; one without the feature
    // `serve` lacks just that line.
    if cfg!(feature = "serve") {
        insta::assert_snapshot!("help", stdout);
    } else {
        assert!(!stdout.contains("\n  serve "), "{stdout}");
    }
}

#[test]
fn help_of_every_subcommand() {
    let serve = cfg!(feature = "serve").then_some("serve");
    for sub in [
        "check",
        "report",
        "calendar",
        "validate",
        "init",
        "list",
        "show",
        "diff",
        "schema",
        "completions",
    ]
    .into_iter()
    .chain(serve)
    {
        let stdout = help(&[sub]);
        assert!(
            stdout.contains(&format!("Usage: almen {sub} ")),
            "{sub}:\n{stdout}"
        );
        assert!(stdout.contains("Example:\n  almen "), "{sub}:\n{stdout}");
        insta::assert_snapshot!(format!("help_{sub}"), stdout);
    }
}

#[test]
fn help_wraps_to_columns_which_the_snapshots_remove() {
    // Output is not a terminal, so clap wraps to COLUMNS when it is set,
    // and to 100 columns when not: `almen()` removes COLUMNS, which keeps
    // the help snapshots the same on every machine.
    let widest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap();
    let plain = help(&["list"]);
    assert!(widest(&plain) <= 100, "{plain}");
    let mut cmd = almen();
    cmd.env("COLUMNS", "60").args(["list", "--help"]);
    let narrow = succeeds(cmd);
    assert!(widest(&narrow) <= 60, "{narrow}");
    assert_ne!(plain, narrow);
}

/// `almen schema result` is the schema every JSON result in these tests is
/// checked against (see `json` in main.rs), and it tells a result from
/// something that is not one.
#[test]
fn schema_result_describes_both_shapes() {
    let validator = schema_validator("result");
    assert_eq!(
        json(&succeeds(run(&["schema", "result"]))),
        almen::schema::schema(almen::schema::Described::Result)
    );
    let one = json(&exits(
        check(&["examples/mangler.toml", "--format", "json"]),
        1,
    ));
    let several = json(&exits(
        check(&[
            "examples/almen.toml",
            "tests/fixtures/invalid/malformed.toml",
            "--format",
            "json",
        ]),
        2,
    ));
    assert!(validator.is_valid(&one));
    assert!(validator.is_valid(&several));
    assert_eq!(several["results"][1]["error"], true, "{several}");

    let mut wrong = one.clone();
    wrong["items"][0]["evidence"] = Value::Null;
    assert!(!validator.is_valid(&wrong), "evidence is a list");
    let mut wrong = one.clone();
    wrong["items"][0]
        .as_object_mut()
        .unwrap()
        .remove("explanation");
    assert!(!validator.is_valid(&wrong), "explanation is always there");
    let mut wrong = one.clone();
    wrong["gaps"][0]["reason"] = "maybe".into();
    assert!(!validator.is_valid(&wrong), "an unknown reason");
    let mut wrong = several.clone();
    wrong["results"][1]["error"] = false.into();
    assert!(!validator.is_valid(&wrong), "an entry that is neither");
}
