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
