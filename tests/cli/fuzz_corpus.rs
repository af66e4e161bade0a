//! The fuzz corpus (`fuzz/corpus/<target>/`) and every input that once
//! broke almen (`fuzz/regressions/<target>/`), replayed through the fuzz
//! targets' own harness, which this file includes rather than copies. It
//! runs the library, not the binary: the targets do.

#[path = "../../fuzz/harness.rs"]
mod harness;

use std::fs;
use std::panic;
use std::path::PathBuf;

use super::root;

/// Every input of a target, corpus then regressions; the corpus must not
/// be empty, so a moved folder cannot make the test pass by running
/// nothing.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for folder in ["fuzz/corpus", "fuzz/regressions"] {
        let dir = root().join(folder).join(target);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        found.extend(files);
    }
    assert!(
        found
            .iter()
            .any(|p| p.starts_with(root().join("fuzz/corpus"))),
        "no corpus for the fuzz target {target}"
    );
    found
}

/// Runs every input of a target and names each one that panicked.
fn replay(target: &str, run: fn(&[u8])) {
    let failed: Vec<String> = inputs(target)
        .into_iter()
        .filter(|path| {
            let data = fs::read(path).unwrap();
            panic::catch_unwind(|| run(&data)).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "panicked on: {failed:#?}");
}

#[test]
fn every_assessment_input_loads_or_is_refused_without_a_panic() {
    replay("assessment", harness::assessment);
}

#[test]
fn every_checklist_input_loads_or_is_refused_without_a_panic() {
    replay("checklist", harness::checklist);
}

#[test]
fn every_scored_input_renders_in_every_format_without_a_panic() {
    replay("score_and_render", harness::score_and_render);
}
