//! The table `check` prints for people, in Danish and English, with the
//! gaps only or with `--all` items.

use crate::{check, exits};

#[test]
fn table_compliant_da() {
    let stdout = exits(check(&["examples/almen.toml"]), 0);
    assert!(stdout.contains("Boligforeningen Havbakken"));
    assert!(stdout.contains("Ingen mangler."));
    insta::assert_snapshot!("table_almen_da", stdout);
}

#[test]
fn table_compliant_en() {
    let stdout = exits(check(&["examples/almen.toml", "--lang", "en"]), 0);
    assert!(stdout.contains("No gaps."));
    insta::assert_snapshot!("table_almen_en", stdout);
}

#[test]
fn table_gaps_da() {
    let stdout = exits(check(&["examples/mangler.toml"]), 1);
    for needle in [
        "Boligselskabet Fjordglimt",
        "ikke godkendt af bestyrelsen",
        "Efterlevelse 46,9 %",
        "4 kritiske, 4 væsentlige, 6 mindre",
        "Frister snart",
        "EGN-3",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    insta::assert_snapshot!("table_mangler_da", stdout);
}

#[test]
fn table_gaps_en() {
    let stdout = exits(check(&["examples/mangler.toml", "--lang", "en"]), 1);
    for needle in [
        "Adherence 46.9%",
        "4 critical, 4 major, 6 minor",
        "Due soon",
    ] {
        assert!(stdout.contains(needle), "lacks {needle:?}:\n{stdout}");
    }
    insta::assert_snapshot!("table_mangler_en", stdout);
}

#[test]
fn table_all_items() {
    let stdout = exits(check(&["examples/mangler.toml", "--all"]), 1);
    // Every item of both checklists, also those without a gap.
    for id in [
        "OMV-1", "OMV-2", "OMV-3", "OMV-4", "OMV-5", "OMV-6", "LAB-6F-1", "LAB-6F-2", "STY-1",
        "NV-13", "EGN-1", "EGN-2", "EGN-3",
    ] {
        assert!(stdout.contains(id), "lacks {id}:\n{stdout}");
    }
    insta::assert_snapshot!("table_mangler_all_da", stdout);
}

#[test]
fn table_all_items_compliant_en() {
    let stdout = exits(check(&["examples/almen.toml", "--all", "--lang", "en"]), 0);
    insta::assert_snapshot!("table_almen_all_en", stdout);
}

/// `check ARGS…` laid out for a terminal `columns` wide (`COLUMNS`).
fn at_width(columns: u16, args: &[&str], code: i32) -> String {
    let mut cmd = check(args);
    cmd.env("COLUMNS", columns.to_string());
    exits(cmd, code)
}

/// The longest words of `examples/mangler.toml`'s titles and gap texts in
/// Danish, and of its explanations.
const LONG_DA: &[&str] = &[
    "Kommunikationspolitikken",
    "Dokumentationsmateriale",
    "boligorganisationens",
    "kommunalbestyrelsen",
    "selvevalueringen.",
    "Repræsentantskabet",
    "administrationsorganisation,",
    "organisationsbestyrelsen",
];

/// The same in English (the organisation's own checklist is in Danish
/// only).
const LONG_EN: &[&str] = &[
    "Kommunikationspolitikken",
    "Repræsentantskabet",
    "organisation's",
    "representation",
    "`explanation`",
    "administrationsorganisation,",
];

/// Every line at most `columns` wide, and each of `words` whole on one
/// line: none is split across two lines of a cell.
fn keeps_to(columns: usize, stdout: &str, words: &[&str]) {
    for line in stdout.lines() {
        assert!(
            line.chars().count() <= columns,
            "{} columns: {line}\n{stdout}",
            line.chars().count()
        );
    }
    for word in words {
        assert!(stdout.contains(word), "{word:?} is split:\n{stdout}");
    }
}

#[test]
fn table_at_80_columns_splits_no_word() {
    let da = at_width(80, &["examples/mangler.toml"], 1);
    keeps_to(80, &da, LONG_DA);
    // The verdict line wraps too, between words.
    assert!(
        da.contains("✘ Følg eller forklar: ikke overholdt. Efterlevelse 46,9 %."),
        "{da}"
    );
    insta::assert_snapshot!("table_mangler_da_80", da);
    let en = at_width(80, &["examples/mangler.toml", "--lang", "en"], 1);
    keeps_to(80, &en, LONG_EN);
    insta::assert_snapshot!("table_mangler_en_80", en);
}

#[test]
fn table_all_items_at_80_columns_splits_no_word() {
    let da = at_width(80, &["examples/mangler.toml", "--all"], 1);
    keeps_to(80, &da, LONG_DA);
    insta::assert_snapshot!("table_mangler_all_da_80", da);
    let en = at_width(80, &["examples/almen.toml", "--all", "--lang", "en"], 0);
    for line in en.lines() {
        assert!(line.chars().count() <= 80, "{line}\n{en}");
    }
    insta::assert_snapshot!("table_almen_all_en_80", en);
}

#[test]
fn table_at_120_columns() {
    let da = at_width(120, &["examples/mangler.toml", "--all"], 1);
    keeps_to(120, &da, LONG_DA);
    insta::assert_snapshot!("table_mangler_all_da_120", da);
    let en = at_width(120, &["examples/mangler.toml", "--lang", "en"], 1);
    for line in en.lines() {
        assert!(line.chars().count() <= 120, "{line}\n{en}");
    }
    insta::assert_snapshot!("table_mangler_en_120", en);
    // 120 is also the width of output that goes to a pipe.
    assert_eq!(
        en,
        exits(check(&["examples/mangler.toml", "--lang", "en"]), 1)
    );
}

#[test]
fn several_at_80_columns() {
    let da = at_width(
        80,
        &["examples/almen.toml", "tests/fixtures/valid/forklaret.toml"],
        0,
    );
    for line in da.lines() {
        assert!(line.chars().count() <= 80, "{line}\n{da}");
    }
    let summary = &da[da.find("Samlet oversigt").unwrap()..];
    insta::assert_snapshot!("several_summary_da_80", summary);
}

#[test]
fn a_width_under_the_narrowest_is_the_narrowest() {
    let narrow = at_width(10, &["examples/mangler.toml"], 1);
    assert_eq!(narrow, at_width(40, &["examples/mangler.toml"], 1));
    // A `COLUMNS` that is no number is no width: the default applies.
    assert_eq!(at_width(120, &["examples/almen.toml"], 0), {
        let mut cmd = check(&["examples/almen.toml"]);
        cmd.env("COLUMNS", "wide");
        exits(cmd, 0)
    });
}
