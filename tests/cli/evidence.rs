//! Evidence that leaves the assessment's folder, by `..`, a link or an
//! absolute path, is never read: it is an `evidence-not-found` gap that says
//! it was not checked.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::{array, check, exits, json, root, str_field};

/// `<tmp>/udenfor.md` and `<tmp>/org/almen.toml` (from
/// `tests/fixtures/evidence/almen.toml`) with `dokumentation/inde.md`.
/// `dokumentation/link.md` is left to the test.
fn evidence_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org");
    fs::create_dir_all(org.join("dokumentation")).unwrap();
    fs::write(dir.path().join("udenfor.md"), "Ligger uden for mappen.\n").unwrap();
    fs::write(org.join("dokumentation/inde.md"), "Ligger i mappen.\n").unwrap();
    fs::copy(
        root().join("tests/fixtures/evidence/almen.toml"),
        org.join("almen.toml"),
    )
    .unwrap();
    dir
}

fn evidence_gaps(dir: &Path, lang: &str) -> Vec<Value> {
    let mut cmd = check(&["org/almen.toml", "--format", "json", "--lang", lang]);
    cmd.current_dir(dir);
    // Only minor gaps: the default --fail-on major lets it pass.
    let doc = json(&exits(cmd, 0));
    array(&doc, "gaps").clone()
}

#[test]
fn evidence_path_leaving_the_folder_is_not_checked() {
    let dir = evidence_folder();
    fs::write(
        dir.path().join("org/dokumentation/link.md"),
        "Et almindeligt bilag.\n",
    )
    .unwrap();

    let gaps = evidence_gaps(dir.path(), "da");
    // The file outside exists, yet it is a gap: it was not looked at.
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let gap = &gaps[0];
    assert_eq!(gap["item"], "OMV-1");
    assert_eq!(gap["severity"], "minor");
    assert_eq!(gap["reason"], "evidence-not-found");
    let message = str_field(gap, "message");
    assert!(message.contains("../udenfor.md"), "{message}");
    assert!(message.contains("ikke tjekket"), "{message}");

    let gaps = evidence_gaps(dir.path(), "en");
    let message = str_field(&gaps[0], "message");
    assert!(message.contains("outside"), "{message}");
    assert!(message.contains("not checked"), "{message}");

    let mut cmd = check(&["org/almen.toml", "--lang", "en"]);
    cmd.current_dir(dir.path());
    let stdout = exits(cmd, 0);
    insta::assert_snapshot!("evidence_outside_table_en", stdout);
}

#[cfg(unix)]
#[test]
fn evidence_link_pointing_outside_is_not_checked() {
    let dir = evidence_folder();
    std::os::unix::fs::symlink(
        "../../udenfor.md",
        dir.path().join("org/dokumentation/link.md"),
    )
    .unwrap();

    let gaps = evidence_gaps(dir.path(), "da");
    let items: Vec<&str> = gaps.iter().map(|g| str_field(g, "item")).collect();
    assert_eq!(items, ["OMV-1", "OMV-2"], "{gaps:?}");
    let gap = &gaps[1];
    assert_eq!(gap["severity"], "minor");
    assert_eq!(gap["reason"], "evidence-not-found");
    let message = str_field(gap, "message");
    assert!(message.contains("dokumentation/link.md"), "{message}");
    assert!(message.contains("ikke tjekket"), "{message}");
}

#[cfg(unix)]
#[test]
fn evidence_link_staying_inside_is_found() {
    let dir = evidence_folder();
    std::os::unix::fs::symlink("inde.md", dir.path().join("org/dokumentation/link.md")).unwrap();
    let gaps = evidence_gaps(dir.path(), "da");
    let items: Vec<&str> = gaps.iter().map(|g| str_field(g, "item")).collect();
    assert_eq!(items, ["OMV-1"], "{gaps:?}");
}

#[test]
fn evidence_absolute_path_is_not_checked() {
    let dir = evidence_folder();
    let org = dir.path().join("org");
    fs::write(org.join("dokumentation/link.md"), "Et almindeligt bilag.\n").unwrap();
    let absolute = org.join("dokumentation/inde.md");
    let text = fs::read_to_string(org.join("almen.toml")).unwrap().replace(
        "\"dokumentation/inde.md\"",
        &format!("{:?}", absolute.display().to_string()),
    );
    fs::write(org.join("almen.toml"), text).unwrap();

    let gaps = evidence_gaps(dir.path(), "da");
    let items: Vec<&str> = gaps.iter().map(|g| str_field(g, "item")).collect();
    // Even an absolute path to a file inside the folder is not looked at.
    assert_eq!(items, ["OMV-1", "OMV-3"], "{gaps:?}");
    assert!(str_field(&gaps[1], "message").contains("ikke tjekket"));
}

/// Each item in `check --format json` lists its evidence entries as written
/// and what each turned out to be: a link, a file found or missing in the
/// folder, or a path outside it that was not looked at.
#[test]
fn json_items_say_what_each_evidence_entry_is() {
    let dir = evidence_folder();
    let mut cmd = check(&["org/almen.toml", "--format", "json"]);
    cmd.current_dir(dir.path());
    let doc = json(&exits(cmd, 0));
    let evidence = |id: &str| {
        let item = array(&doc, "items")
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("no item {id}"));
        array(item, "evidence").clone()
    };
    let entry = |entry: &str, state: &str| serde_json::json!({ "entry": entry, "state": state });
    assert_eq!(evidence("OMV-1"), [entry("../udenfor.md", "outside")]);
    assert_eq!(
        evidence("OMV-2"),
        [entry("dokumentation/link.md", "missing")]
    );
    assert_eq!(evidence("OMV-3"), [entry("dokumentation/inde.md", "found")]);
    assert_eq!(
        evidence("OMV-4"),
        [entry("https://graensen.example/partnerskab.pdf", "url")]
    );
}

/// Evidence is followed one component at a time, each link to where it
/// leads, and every place on the way must be inside the assessment's
/// folder: a link out of it is outside however the path is spelt (`o/.`,
/// `o/`, a link back to the folder followed by `..`), whether what is out
/// there exists or not, a path that leaves and comes back is outside too,
/// and so is a link to a full path, even one inside. A link that stays
/// inside is followed, however long its way.
#[cfg(unix)]
#[test]
fn evidence_is_outside_when_any_place_on_its_way_is() {
    let dir = evidence_folder();
    let org = dir.path().join("org");
    let link = |target: &str, at: &str| std::os::unix::fs::symlink(target, org.join(at)).unwrap();
    fs::create_dir_all(dir.path().join("ude")).unwrap();
    fs::write(dir.path().join("ude/hemmelig.md"), "Uden for.\n").unwrap();
    link("..", "ud");
    link("dokumentation", "ind");
    link("../../ude", "dokumentation/o");
    link("..", "dokumentation/op");
    link("../../ude/hemmelig.md", "dokumentation/fil");
    link("../../ude/findes-ikke.md", "dokumentation/dinglende");
    link("../ude", "o");
    link("dokumentation/../dokumentation/inde.md", "ind-igen");
    link("../org/dokumentation/inde.md", "ud-og-ind");
    link("sløjfe-b", "sløjfe-a");
    link("sløjfe-a", "sløjfe-b");
    let absolute = org.join("dokumentation/inde.md");
    link(absolute.to_str().unwrap(), "absolut");
    // A link that goes back and forth 200 times, followed three times.
    link(
        &["dokumentation", ".."].repeat(200).join("/"),
        "frem-og-tilbage",
    );
    let cases = [
        ("ind/inde.md", "found"),
        ("ind-igen", "found"),
        ("dokumentation/inde.md", "found"),
        ("ind/findes-ikke.md", "missing"),
        ("dokumentation/inde.md/", "missing"),
        ("dokumentation/o/.", "outside"),
        ("dokumentation/o/", "outside"),
        ("./dokumentation/o/.", "outside"),
        ("dokumentation/o", "outside"),
        ("dokumentation/o/hemmelig.md", "outside"),
        ("dokumentation/o/findes-ikke.md", "outside"),
        ("dokumentation/op/..", "outside"),
        ("dokumentation/fil", "outside"),
        ("dokumentation/dinglende", "outside"),
        ("o/.", "outside"),
        ("o/", "outside"),
        ("ud/udenfor.md", "outside"),
        ("ud/findes-ikke.md", "outside"),
        ("ud/org/dokumentation/inde.md", "outside"),
        ("ud-og-ind", "outside"),
        // A loop inside: more links than the system follows, nothing out.
        ("sløjfe-a", "missing"),
        ("sløjfe-a/inde.md", "missing"),
        ("absolut", "outside"),
        ("ud/..", "outside"),
        ("dokumentation/o/..", "outside"),
        (
            "frem-og-tilbage/frem-og-tilbage/frem-og-tilbage/dokumentation/inde.md",
            "found",
        ),
        (
            "frem-og-tilbage/frem-og-tilbage/frem-og-tilbage/ud/udenfor.md",
            "outside",
        ),
    ];
    let list: Vec<String> = cases.iter().map(|(e, _)| format!("{e:?}")).collect();
    fs::write(
        org.join("almen.toml"),
        format!(
            "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n[answers.OMV-1]\nstatus = \"met\"\nevidence = [{}]\n",
            list.join(", ")
        ),
    )
    .unwrap();
    let mut cmd = check(&["org/almen.toml", "--format", "json"]);
    cmd.current_dir(dir.path());
    // The items left unanswered fail it.
    let doc = json(&exits(cmd, 1));
    let item = array(&doc, "items")
        .iter()
        .find(|i| i["id"] == "OMV-1")
        .expect("OMV-1");
    let states: Vec<(&str, &str)> = array(item, "evidence")
        .iter()
        .map(|e| (str_field(e, "entry"), str_field(e, "state")))
        .collect();
    assert_eq!(states, cases);
}
