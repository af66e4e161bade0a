//! Every diagnostic for a file that cannot be checked: exit 2, nothing on
//! stdout, and on stderr `file:line:column`, the code, the message and the
//! hint, in Danish or English. Several problems are all reported, top to
//! bottom, in one run. The codes are listed in the README's "Diagnostic
//! codes".

use std::fs;

use crate::{check, check_invalid, fails, fails_several, root};

#[test]
fn missing_file_is_e001() {
    let stderr = fails(
        check_invalid(&["findes-ikke.toml"]),
        &[
            "E001",
            "findes-ikke.toml",
            "filen findes ikke",
            "fejl: 1 problem i inddata",
        ],
    );
    insta::assert_snapshot!("invalid_missing_file", stderr);
}

#[test]
fn missing_default_file_is_e001() {
    // No argument: ./almen.toml, which the fixtures folder does not have.
    let stderr = fails(
        check_invalid(&[]),
        &["E001", "almen.toml", "filen findes ikke"],
    );
    insta::assert_snapshot!("invalid_missing_default_file", stderr);
}

#[test]
fn a_checklist_given_that_is_a_folder_is_e001_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("egen.toml")).unwrap();
    let assessment = root().join("tests/fixtures/valid/kun-mindre.toml");
    let mut cmd = check(&[assessment.to_str().unwrap(), "--checklist", "egen.toml"]);
    cmd.current_dir(dir.path());
    fails(
        cmd,
        &[
            "E001",
            "kan ikke læse `egen.toml`: det er en mappe",
            "brug `almen check MAPPE`",
        ],
    );
}

#[test]
fn file_that_is_not_utf8_is_e002() {
    let dir = tempfile::tempdir().unwrap();
    // Latin-1 "Blåbær": 0xE5 and 0xE6 are not UTF-8 on their own.
    let mut bytes = b"# Not UTF-8: the name is written in Latin-1.\nformat = 1\n\n[organisation]\nname = \"Boligforeningen Bl".to_vec();
    bytes.extend_from_slice(&[0xE5, b'b', 0xE6, b'r']);
    bytes.extend_from_slice(b"\"\n\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n");
    fs::write(dir.path().join("latin1.toml"), bytes).unwrap();

    let mut cmd = check(&["latin1.toml"]);
    cmd.current_dir(dir.path());
    let stderr = fails(
        cmd,
        &[
            "E002",
            "latin1.toml:5:27",
            "ikke UTF-8",
            "gemt som Latin-1 (Windows-1252), hvor byten her er et `å`; gem den som UTF-8",
        ],
    );
    insta::assert_snapshot!("invalid_not_utf8", stderr);
}

#[test]
fn empty_file_is_e003() {
    let stderr = fails(
        check_invalid(&["empty.toml"]),
        &["E003", "empty.toml:1:1", "filen er tom", "`almen init`"],
    );
    insta::assert_snapshot!("invalid_empty", stderr);
}

#[test]
fn malformed_toml_is_e004() {
    let stderr = fails(
        check_invalid(&["malformed.toml"]),
        &["E004", "malformed.toml:5:35", "ugyldig TOML"],
    );
    insta::assert_snapshot!("invalid_malformed", stderr);
}

#[test]
fn unknown_key_is_e005_with_did_you_mean() {
    let stderr = fails(
        check_invalid(&["unknown-key.toml"]),
        &[
            "E005",
            "unknown-key.toml:11:1",
            "ukendt nøgle `statu`",
            "mente du `status`?",
        ],
    );
    insta::assert_snapshot!("invalid_unknown_key", stderr);
}

#[test]
fn unknown_key_in_english() {
    let stderr = fails(
        check_invalid(&["unknown-key.toml", "--lang", "en"]),
        &[
            "E005",
            "unknown-key.toml:11:1",
            "unknown key `statu`",
            "did you mean `status`?",
            "error: 1 problem in the input; fix it and run again",
        ],
    );
    assert!(
        !stderr.contains("mente du"),
        "Danish in English output:\n{stderr}"
    );
    insta::assert_snapshot!("invalid_unknown_key_en", stderr);
}

#[test]
fn wrong_type_is_e006() {
    let stderr = fails(
        check_invalid(&["wrong-type.toml"]),
        &[
            "E006",
            "wrong-type.toml:8:14",
            "`checklists` har forkert type",
        ],
    );
    insta::assert_snapshot!("invalid_wrong_type", stderr);
}

#[test]
fn missing_required_key_is_e007() {
    let stderr = fails(
        check_invalid(&["missing-name.toml"]),
        &[
            "E007",
            "missing-name.toml:4:1",
            "påkrævet nøgle `name` mangler i `organisation`",
            "tilføj `name = …`",
        ],
    );
    insta::assert_snapshot!("invalid_missing_name", stderr);
}

#[test]
fn missing_required_key_in_english() {
    let stderr = fails(
        check_invalid(&["missing-name.toml", "--lang", "en"]),
        &[
            "E007",
            "missing-name.toml:4:1",
            "required key `name` is missing in `organisation`",
            "add `name = …`",
        ],
    );
    insta::assert_snapshot!("invalid_missing_name_en", stderr);
}

#[test]
fn quoted_date_is_e008() {
    let stderr = fails(
        check_invalid(&["quoted-date.toml"]),
        &[
            "E008",
            "quoted-date.toml:9:8",
            "ugyldig dato i `date`",
            "uden anførselstegn",
        ],
    );
    insta::assert_snapshot!("invalid_quoted_date", stderr);
}

#[test]
fn impossible_date_is_e008() {
    let stderr = fails(
        check_invalid(&["impossible-date.toml"]),
        &[
            "E008",
            "impossible-date.toml:12:8",
            "ugyldig dato",
            "fx `date = 2026-05-20`",
        ],
    );
    insta::assert_snapshot!("invalid_impossible_date", stderr);
}

#[test]
fn unknown_status_is_e009() {
    let stderr = fails(
        check_invalid(&["unknown-status.toml"]),
        &[
            "E009",
            "unknown-status.toml:11:10",
            "ukendt værdi `done` for `status`",
            "gyldige værdier: `met`, `partial`, `unmet`, `not-applicable`, `følger`",
        ],
    );
    insta::assert_snapshot!("invalid_unknown_status", stderr);
}

#[test]
fn answer_for_unknown_item_is_e010_with_did_you_mean() {
    let stderr = fails(
        check_invalid(&["unknown-item.toml"]),
        &[
            "E010",
            "unknown-item.toml:10:10",
            "svar på et ukendt punkt `OMV-11`",
            "mente du `OMV-1`?",
        ],
    );
    insta::assert_snapshot!("invalid_unknown_item", stderr);
}

#[test]
fn duplicate_item_across_checklists_is_e011() {
    let stderr = fails(
        check_invalid(&["duplicate-item.toml"]),
        &[
            "E011",
            // The second occurrence, in the organisation's own checklist …
            "duplicate-item-checklist.toml:12:6",
            // … and the first, in the built-in one.
            "<indbygget>/samarbejde-med-omverdenen.toml:39:6",
            "`OMV-1`",
            "omdøb punktet",
        ],
    );
    insta::assert_snapshot!("invalid_duplicate_item", stderr);
}

#[test]
fn missing_checklist_is_e012() {
    let stderr = fails(
        check_invalid(&["missing-checklist.toml"]),
        &[
            "E012",
            "missing-checklist.toml:8:44",
            "findes-ikke.toml",
            "stier er relative til selvevalueringens mappe",
        ],
    );
    insta::assert_snapshot!("invalid_missing_checklist", stderr);
}

#[test]
fn unknown_format_version_is_e013() {
    let stderr = fails(
        check_invalid(&["format-2.toml"]),
        &[
            "E013",
            "format-2.toml:2:10",
            "formatversion 2 kendes ikke",
            "skriv `format = 1`",
        ],
    );
    insta::assert_snapshot!("invalid_format_2", stderr);
}

#[test]
fn zero_weight_is_e014() {
    let stderr = fails(
        check_invalid(&["zero-weight.toml"]),
        &[
            "E014",
            "zero-weight-checklist.toml:14:10",
            "`weight` skal være mindst 0,001 og højst 1000 i `VGT-1`",
            "udelad `weight` for vægt 1",
        ],
    );
    insta::assert_snapshot!("invalid_zero_weight", stderr);
}

#[test]
fn empty_folder_is_e016() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("tom")).unwrap();
    let mut cmd = check(&["tom"]);
    cmd.current_dir(dir.path());
    let (stdout, stderr) = fails_several(cmd, &["E016", "`tom`", "ingen selvevalueringer"]);
    insta::assert_snapshot!("invalid_empty_folder", stderr);
    // A folder is several assessments, however many it holds: the output
    // says that this one could not be checked.
    assert_eq!(stdout, "tom\n✘ Kunne ikke tjekkes: 1 problem i inddata.\n");
}

#[test]
fn folder_with_only_a_checklist_is_e016() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("krav")).unwrap();
    fs::copy(
        root().join("examples/egne-krav.toml"),
        dir.path().join("krav/egne-krav.toml"),
    )
    .unwrap();
    let mut cmd = check(&["krav", "--lang", "en"]);
    cmd.current_dir(dir.path());
    let (stdout, _) = fails_several(cmd, &["E016", "no assessments in the folder `krav`"]);
    assert!(stdout.contains("Could not be checked"), "{stdout}");
}

#[test]
fn three_mistakes_are_reported_in_one_run() {
    let stderr = fails(
        check_invalid(&["three-mistakes.toml"]),
        &[
            "three-mistakes.toml:9:8",
            "three-mistakes.toml:12:10",
            "three-mistakes.toml:17:1",
            "E008",
            "E009",
            "E005",
            "mente du `evidence`?",
            "fejl: 3 problemer i inddata; ret dem og kør igen",
        ],
    );
    assert_eq!(stderr.matches("fejl[").count(), 3, "{stderr}");
    // Top to bottom.
    let at = |needle: &str| stderr.find(needle).unwrap();
    assert!(
        at(":9:8") < at(":12:10") && at(":12:10") < at(":17:1"),
        "{stderr}"
    );
    insta::assert_snapshot!("invalid_three_mistakes", stderr);
}

#[test]
fn problems_in_several_files_are_all_reported() {
    let (stdout, stderr) = fails_several(
        check_invalid(&["unknown-key.toml", "format-2.toml", "findes-ikke.toml"]),
        &[
            "unknown-key.toml:11:1",
            "format-2.toml:2:10",
            "findes-ikke.toml",
            "fejl: 3 problemer i inddata",
        ],
    );
    insta::assert_snapshot!("invalid_several_files", stderr);
    // Each file is in the output too, as one that could not be checked.
    for file in ["unknown-key.toml", "format-2.toml", "findes-ikke.toml"] {
        assert!(stdout.contains(file), "{file} in {stdout}");
    }
    assert!(stdout.contains("3 filer kunne ikke tjekkes."), "{stdout}");
}

#[test]
fn two_recurrences_and_a_conditional_recommendation_are_e014() {
    let stderr = fails(
        check_invalid(&["recurrence.toml"]),
        &[
            "E014",
            "recurrence-checklist.toml:17:9",
            "`GEN-1` har både `every` og `every-months`",
            "recurrence-checklist.toml:24:25",
            "`may-be-not-applicable` gælder kun regelkrav, men står på anbefalingen `GEN-2`",
            "fejl: 2 problemer i inddata",
        ],
    );
    insta::assert_snapshot!("invalid_recurrence", stderr);
}

#[test]
fn requested_without_a_counterparty_is_e014() {
    let stderr = fails(
        check_invalid(&["requested-without-counterparty.toml", "--lang", "en"]),
        &[
            "E014",
            "requested-without-counterparty.toml:12:13",
            "`requested` is only for items with a counterparty",
            "`OMV-5`",
            "remove `requested`",
        ],
    );
    insta::assert_snapshot!("invalid_requested_without_counterparty", stderr);
}

#[test]
fn valid_until_before_the_answers_date_is_e014() {
    for (lang, words) in [
        (
            "da",
            "`valid-until` (2021-08-01) ligger før svarets `date` (2022-08-01)",
        ),
        (
            "en",
            "`valid-until` (2021-08-01) is before the answer's `date` (2022-08-01)",
        ),
    ] {
        let stderr = fails(
            check_invalid(&["valid-until-before-date.toml", "--lang", lang]),
            &[
                "E014",
                "valid-until-before-date.toml:13:15",
                words,
                "`LAB-6F-1`",
            ],
        );
        insta::assert_snapshot!(format!("invalid_valid_until_before_date_{lang}"), stderr);
    }
}

/// Each mistake in `municipalities` and `per`: exit 2, the place and the
/// words, in English (the Danish wording is in the snapshots of the last
/// one).
#[test]
fn mistakes_in_municipalities_and_per_are_e014() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "municipality-and-municipalities",
            "municipality-and-municipalities.toml:7:18",
            "`organisation` has both `municipality` and `municipalities`",
        ),
        (
            "per-unlisted-municipality",
            "per-unlisted-municipality.toml:12:16",
            "`per` on `STY-1` is for `Skanderborg Kommne`, which the organisation does not list",
        ),
        (
            "per-twice",
            "per-twice.toml:18:16",
            "two `per` on `STY-1` for `Aarhus Kommune`",
        ),
        (
            "per-on-plain-item",
            "per-on-plain-item.toml:12:16",
            "`per` is only for items whose counterparty is the municipal council, but is on `OMV-5`",
        ),
        (
            "per-and-status",
            "per-and-status.toml:12:10",
            "`status` is beside `per` on `STY-1`",
        ),
        (
            "per-without-municipalities",
            "per-without-municipalities.toml:12:16",
            "list them all in `municipalities = [\"…\", \"…\"]` instead of `municipality`",
        ),
        (
            "per-no-municipality",
            "per-no-municipality.toml:11:16",
            "`per` on `STY-1`, but `organisation` names no municipality",
        ),
    ];
    for (name, place, words) in cases {
        let file = format!("{name}.toml");
        let stderr = fails(
            check_invalid(&[&file, "--lang", "en"]),
            &["E014", place, words, "1 problem in the input"],
        );
        insta::assert_snapshot!(format!("invalid_{}", name.replace('-', "_")), stderr);
    }
}

/// Every mistake in `per` at once, as with any other file.
#[test]
fn four_mistakes_in_per_are_all_reported() {
    for lang in ["da", "en"] {
        let stderr = fails(
            check_invalid(&["per-four-mistakes.toml", "--lang", lang]),
            &[
                "per-four-mistakes.toml:12:16",
                "per-four-mistakes.toml:16:10",
                "per-four-mistakes.toml:19:16",
                "per-four-mistakes.toml:27:15",
            ],
        );
        insta::assert_snapshot!(format!("invalid_per_four_mistakes_{lang}"), stderr);
    }
}

/// A date written as people write it is told to be written year-month-day,
/// once for its line, under its own key: the parser's words ("string
/// values must be quoted") sent the user to add quotes, which is E008 too.
#[test]
fn a_date_written_the_danish_way_says_how_to_write_it() {
    let dir = tempfile::tempdir().unwrap();
    for (value, key, label) in [
        (
            "1. maj 2026",
            "date",
            "`1. maj 2026` er ikke en dato, almen kan læse",
        ),
        (
            "01.05.2026",
            "date",
            "`01.05.2026` er ikke en dato, almen kan læse",
        ),
        ("2026-5-1", "date", "måneden skal skrives med to cifre (MM)"),
        (
            "1. marts 2027",
            "due",
            "`1. marts 2027` er ikke en dato, almen kan læse",
        ),
        (
            "1. april 2027",
            "plan",
            "`1. april 2027` er ikke en dato, almen kan læse",
        ),
    ] {
        let (line, key) = match key {
            "due" => (
                format!("plan.action = \"Ny politik\"\nplan.due = {value}\n"),
                "due",
            ),
            // The way the README writes a plan: an inline table.
            "plan" => (
                format!("plan = {{ action = \"Ny, bedre politik\", due = {value} }}\n"),
                "due",
            ),
            _ => (format!("date = {value}\n"), key),
        };
        fs::write(
            dir.path().join("almen.toml"),
            crate::assessment_with(&format!("[answers.OMV-5]\nstatus = \"unmet\"\n{line}")),
        )
        .unwrap();
        let mut cmd = check(&[]);
        cmd.current_dir(dir.path());
        let stderr = fails(
            cmd,
            &["fejl[E008]", label, &format!("fx `{key} = 2026-05-20`")],
        );
        assert_eq!(stderr.matches("fejl[").count(), 1, "{value}: {stderr}");
        assert!(!stderr.contains("E004"), "{value}: {stderr}");
    }
}

/// A misspelt checklist id is one error: the answers for its items were
/// each E010 too, told to add a checklist that was already named.
#[test]
fn a_misspelt_checklist_is_one_error_not_one_for_each_answer() {
    let dir = tempfile::tempdir().unwrap();
    let example = fs::read_to_string(crate::root().join("examples/mangler.toml")).unwrap();
    let misspelt = example.replacen(
        "\"samarbejde-med-omverdenen\"",
        "\"samarbejde-med-omverden\"",
        1,
    );
    assert_ne!(misspelt, example);
    fs::write(dir.path().join("almen.toml"), misspelt).unwrap();
    fs::copy(
        crate::root().join("examples/egne-krav.toml"),
        dir.path().join("egne-krav.toml"),
    )
    .unwrap();
    let mut cmd = check(&[]);
    cmd.current_dir(dir.path());
    let stderr = fails(
        cmd,
        &["fejl[E012]", "mente du `samarbejde-med-omverdenen`?"],
    );
    assert_eq!(stderr.matches("fejl[").count(), 1, "{stderr}");
}
