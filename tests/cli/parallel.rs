//! A folder is checked on every core: the output is the same, byte for
//! byte and in the same order, as one thread checking one file after
//! another, in every format, with files that cannot be checked among them.

use std::fs;
use std::path::Path;

use super::{check, copy_dir, root};

/// A folder like an administration's: many assessments in subfolders,
/// their own checklist beside them, files that cannot be checked, a
/// folder with no assessment, and a checklist that is not an assessment.
fn many(dir: &Path) {
    let examples = root().join("examples");
    for n in 0..60 {
        let sub = dir.join(format!("afd-{:02}", n % 7));
        fs::create_dir_all(&sub).unwrap();
        let (from, extra) = match n % 3 {
            0 => ("almen.toml", None),
            1 => ("mangler.toml", Some("egne-krav.toml")),
            _ => ("sidste-aar.toml", None),
        };
        let text = fs::read_to_string(examples.join(from)).unwrap().replacen(
            "name = \"",
            &format!("name = \"Nr. {n} "),
            1,
        );
        fs::write(sub.join(format!("org-{n:03}.toml")), text).unwrap();
        if let Some(extra) = extra {
            fs::copy(examples.join(extra), sub.join(extra)).unwrap();
        }
    }
    copy_dir(&examples.join("dokumentation"), &dir.join("dokumentation"));
    for sub in fs::read_dir(dir).unwrap() {
        let sub = sub.unwrap().path();
        copy_dir(&examples.join("dokumentation"), &sub.join("dokumentation"));
    }
    let broken = root().join("tests/fixtures/invalid");
    for name in [
        "malformed.toml",
        "unknown-status.toml",
        "three-mistakes.toml",
    ] {
        fs::copy(broken.join(name), dir.join("afd-03").join(name)).unwrap();
    }
    fs::write(dir.join("afd-05").join("tom.toml"), "").unwrap();
    fs::create_dir_all(dir.join("tom-mappe")).unwrap();
    fs::copy(
        root().join("checklists/ekstern-repraesentation.toml"),
        dir.join("tom-mappe/liste.toml"),
    )
    .unwrap();
}

#[test]
fn every_format_is_the_same_on_one_thread_and_on_many() {
    let dir = tempfile::tempdir().unwrap();
    many(dir.path());
    let formats = [
        "table", "json", "csv", "junit", "github", "sarif", "markdown",
    ];
    for format in formats {
        for extra in [&[][..], &["--all"], &["--summary"], &["--fail-under", "80"]] {
            if extra == ["--summary"] && !["table", "markdown"].contains(&format) {
                continue;
            }
            let run = |threads: &str| {
                let mut cmd = check(&[".", "--format", format, "-j", threads]);
                cmd.args(extra).current_dir(dir.path());
                cmd.output().unwrap()
            };
            let one = run("1");
            assert_eq!(
                one.status.code(),
                Some(2),
                "{format} {extra:?}: files that cannot be checked"
            );
            assert!(one.stdout.len() > 1000, "{format} {extra:?}");
            for threads in ["2", "8"] {
                let many = run(threads);
                assert_eq!(
                    many.status.code(),
                    one.status.code(),
                    "{format} {extra:?} -j {threads}"
                );
                assert!(
                    many.stdout == one.stdout,
                    "{format} {extra:?} -j {threads}: stdout differs"
                );
                assert!(
                    many.stderr == one.stderr,
                    "{format} {extra:?} -j {threads}: stderr differs"
                );
            }
        }
    }
}

/// `--also` files are made on many threads too: each holds what a run in
/// its format prints.
#[test]
fn outputs_written_on_many_threads_are_those_of_one() {
    let dir = tempfile::tempdir().unwrap();
    many(dir.path());
    let out = tempfile::tempdir().unwrap();
    for threads in ["1", "2"] {
        let json = out.path().join(format!("{threads}.json"));
        let junit = format!(
            "junit={}",
            out.path().join(format!("{threads}.xml")).display()
        );
        let (json, junit) = (json.to_str().unwrap(), junit.as_str());
        let mut cmd = check(&[
            ".", "-j", threads, "--format", "json", "-o", json, "--also", junit,
        ]);
        cmd.current_dir(dir.path());
        let output = cmd.output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
    }
    for ext in ["json", "xml"] {
        let one = fs::read(out.path().join(format!("1.{ext}"))).unwrap();
        let two = fs::read(out.path().join(format!("2.{ext}"))).unwrap();
        assert!(one.len() > 1000);
        assert!(one == two, "{ext} differs");
    }
}

/// The JSON of several opens with the as-of date of the first file that
/// was checked: a file before it that could not be checked waits for it,
/// whether each checked file is written out at once (one thread) or made
/// on another thread.
#[test]
fn json_waits_for_the_first_file_checked_on_one_thread_and_on_many() {
    let run = |threads: &str| {
        check(&[
            "tests/fixtures/invalid/unknown-key.toml",
            "examples/almen.toml",
            "examples/mangler.toml",
            "--format",
            "json",
            "-j",
            threads,
        ])
        .output()
        .unwrap()
    };
    let one = run("1");
    assert_eq!(one.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(doc["as_of"], crate::AS_OF);
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["error"], true);
    assert_eq!(results[1]["file"], "examples/almen.toml");
    let two = run("2");
    assert!(two.stdout == one.stdout, "stdout differs");
    assert!(two.stderr == one.stderr, "stderr differs");
}
