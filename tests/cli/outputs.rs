//! Where `check` writes: `-o FILE` instead of standard output, `--also
//! FORMAT=FILE` for further outputs of the same run, and the Markdown
//! summary appended to `GITHUB_STEP_SUMMARY` in GitHub Actions.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::{check, exits, fails, root, stderr_of, stdout_of};

const GAPS: &str = "examples/mangler.toml";

/// Every format of `check`.
const FORMATS: [&str; 7] = [
    "table", "json", "markdown", "csv", "junit", "github", "sarif",
];

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `cmd` with `-o`/`--also` arguments after it.
fn with(mut cmd: Command, args: &[&str]) -> Command {
    cmd.args(args);
    cmd
}

#[test]
fn output_file_holds_what_standard_output_would() {
    let dir = tempfile::tempdir().unwrap();
    for (file, code) in ["examples/almen.toml", GAPS].iter().zip([0, 1]) {
        for format in FORMATS {
            let out = dir.path().join(format!("{code}.{format}"));
            let mut cmd = check(&[file, "--format", format, "--lang", "en"]);
            cmd.arg("-o").arg(&out);
            // The exit code is the check's; nothing goes to standard output.
            let stdout = exits(cmd, code);
            assert!(stdout.is_empty(), "{format}: {stdout}");
            let separate = exits(check(&[file, "--format", format, "--lang", "en"]), code);
            assert_eq!(read(&out), separate, "{file} --format {format}");
        }
    }
}

#[test]
fn output_replaces_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("almen.json");
    fs::write(&out, "from an earlier run").unwrap();
    let mut cmd = check(&[GAPS, "--format", "json"]);
    cmd.arg("--output").arg(&out);
    exits(cmd, 1);
    assert!(read(&out).starts_with("{\n  \"format\": 1,"));
    assert_eq!(
        names_in(dir.path()),
        ["almen.json"],
        "no temporary file left"
    );
}

/// `-o` into a folder that is not there yet makes it, as `report -o` does.
#[test]
fn output_makes_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ud/almen.xml");
    let mut cmd = check(&[GAPS, "--format", "junit"]);
    cmd.arg("-o").arg(&out);
    exits(cmd, 1);
    assert!(read(&out).starts_with("<?xml"));
}

/// A device, a FIFO or a folder is never replaced, by `-o` or `--also`;
/// the run writes nothing and exits 2.
#[cfg(unix)]
#[test]
fn an_output_that_is_not_a_regular_file_is_refused() {
    use std::os::unix::fs::FileTypeExt;

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.json");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let device = dir.path().join("device.json");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    let folder = dir.path().join("mappe");
    fs::create_dir(&folder).unwrap();
    let fine = dir.path().join("fine.csv");
    for output in [&fifo, &device, &folder, Path::new("/dev/null")] {
        let mut cmd = check(&[GAPS, "--format", "json"]);
        cmd.arg("-o").arg(output);
        fails(cmd, &["fejl[E018]", "ikke en almindelig fil"]);

        // As a further output, with one that could be written: neither is.
        let mut cmd = check(&[GAPS]);
        cmd.arg("--also")
            .arg(format!("csv={}", fine.display()))
            .arg("--also")
            .arg(format!("json={}", output.display()));
        fails(cmd, &["fejl[E018]", "ikke en almindelig fil"]);
        assert!(
            !fine.exists(),
            "nothing is written when one output is refused"
        );
    }
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(fs::symlink_metadata(&device).unwrap().is_symlink());
    assert!(folder.is_dir());
    assert_eq!(names_in(dir.path()), ["device.json", "fifo.json", "mappe"]);
}

/// An assessment or a checklist the run reads is never an output, however
/// it is spelt.
#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["mangler.toml", "egne-krav.toml"] {
        fs::copy(root().join("examples").join(name), dir.path().join(name)).unwrap();
    }
    let before = read(&dir.path().join("mangler.toml"));
    for args in [
        ["-o", "mangler.toml"],
        ["-o", "./egne-krav.toml"],
        ["--also", "json=mangler.toml"],
        ["--also", "csv=x/../egne-krav.toml"],
    ] {
        fs::create_dir_all(dir.path().join("x")).unwrap();
        let mut cmd = with(check(&["mangler.toml"]), &args);
        cmd.current_dir(dir.path());
        let stderr = fails(cmd, &["fejl[E018]", "bliver ikke overskrevet"]);
        assert!(
            stderr.contains("er en af de filer, kørslen læser"),
            "{stderr}"
        );
    }
    assert_eq!(read(&dir.path().join("mangler.toml")), before);

    // An assessment in a folder that is given is an input too.
    let mut cmd = with(check(&["."]), &["--also", "json=mangler.toml"]);
    cmd.current_dir(dir.path());
    fails(cmd, &["fejl[E018]"]);
    assert_eq!(read(&dir.path().join("mangler.toml")), before);
}

/// Each `--also` output is byte for byte what a run with that `--format`
/// prints, with every option that changes the output; standard output is
/// what it would be without `--also`.
#[test]
fn also_writes_each_format_as_a_separate_run_would() {
    let dir = tempfile::tempdir().unwrap();
    let options: [&[&str]; 3] = [
        &[GAPS],
        &[
            GAPS,
            "--lang",
            "en",
            "--all",
            "--delimiter",
            "tab",
            "--fail-on",
            "minor",
        ],
        // Several, one of which cannot be checked.
        &[
            "examples/almen.toml",
            "tests/fixtures/invalid/malformed.toml",
            "--lang",
            "en",
        ],
    ];
    for (i, args) in options.iter().enumerate() {
        let code = [1, 1, 2][i];
        let mut cmd = check(args);
        for format in FORMATS {
            cmd.arg("--also").arg(format!(
                "{format}={}",
                dir.path().join(format!("{i}.{format}")).display()
            ));
        }
        let assert = cmd.assert().code(code);
        let alone = check(args).assert().code(code);
        assert_eq!(stdout_of(&assert), stdout_of(&alone), "{args:?}");
        assert_eq!(stderr_of(&assert), stderr_of(&alone), "{args:?}");
        for format in FORMATS {
            let mut separate = check(args);
            separate.args(["--format", format]);
            let separate = stdout_of(&separate.assert().code(code));
            let written = read(&dir.path().join(format!("{i}.{format}")));
            assert_eq!(written, separate, "{args:?} --also {format}");
        }
    }
}

#[test]
fn also_with_main_output_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (main, also) = (dir.path().join("a.json"), dir.path().join("a.xml"));
    let mut cmd = check(&[GAPS, "--format", "json"]);
    cmd.arg("-o")
        .arg(&main)
        .arg("--also")
        .arg(format!("junit={}", also.display()));
    assert!(exits(cmd, 1).is_empty());
    assert!(read(&main).starts_with('{'));
    assert!(read(&also).starts_with("<?xml"));
}

/// Two outputs to one file would replace each other: the run writes
/// neither and says which file.
#[test]
fn the_same_file_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    for args in [
        &["-o", "ud.json", "--also", "json=ud.json"][..],
        &["--also", "json=ud.json", "--also", "csv=./ud.json"],
        &[
            "--also",
            "json=ud.json",
            "--also",
            "csv=sub/../ud.json",
            "--also",
            "junit=ud.json",
        ],
    ] {
        let mut cmd = with(check(&[&root().join(GAPS).display().to_string()]), args);
        cmd.current_dir(dir.path());
        let stderr = fails(cmd, &["fejl[E018]", "er angivet som mere end ét uddata"]);
        assert_eq!(
            stderr.matches("fejl[E018]").count(),
            1,
            "said once: {stderr}"
        );
        assert_eq!(names_in(dir.path()), ["sub"], "{args:?}");
    }
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    for (also, says) in [
        (
            "xml=almen.xml",
            "`xml` er ikke et format for check; brug et af table, json, markdown, csv, junit, github, sarif",
        ),
        ("html=r.html", "`html` er ikke et format for check"),
        (
            "almen.xml",
            "`almen.xml` er ikke FORMAT=FIL, fx junit=almen.xml",
        ),
        ("json=", "nævner ingen fil"),
    ] {
        let mut cmd = check(&[GAPS, "--also", also]);
        cmd.assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(says));
    }
}

/// A file is written even when the one assessment given cannot be checked:
/// it says so, instead of keeping what an earlier run wrote. Standard
/// output has only the diagnostics, on standard error, as before.
#[test]
fn an_output_lists_a_file_that_could_not_be_checked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("almen.json");
    fs::write(&out, "from an earlier run").unwrap();
    let mut cmd = check(&["tests/fixtures/invalid/malformed.toml", "--format", "json"]);
    cmd.arg("-o").arg(&out);
    fails(cmd, &["fejl[E004]"]);
    let doc = crate::json(&read(&out));
    assert_eq!(doc["results"][0]["error"], true, "{doc}");
    assert_eq!(doc["summary"]["unchecked"], 1, "{doc}");
}

/// In GitHub Actions, `check` appends its Markdown (what `--format
/// markdown` prints) to the file `GITHUB_STEP_SUMMARY` names, after what
/// earlier steps wrote there; its own output and exit code are unchanged.
#[test]
fn step_summary_gets_the_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("step_summary.md");
    fs::write(&summary, "## An earlier step\n").unwrap();
    let alone = exits(check(&[GAPS, "--format", "github"]), 1);
    let markdown = exits(check(&[GAPS, "--format", "markdown"]), 1);

    let mut cmd = check(&[GAPS, "--format", "github"]);
    cmd.env("GITHUB_STEP_SUMMARY", &summary);
    let assert = cmd.assert().code(1).stderr(predicate::str::is_empty());
    assert_eq!(stdout_of(&assert), alone);
    assert_eq!(read(&summary), format!("## An earlier step\n{markdown}"));

    // A file that is not there yet is made; --also and -o are no matter.
    let fresh = dir.path().join("fresh.md");
    let mut cmd = check(&[GAPS, "--lang", "en"]);
    cmd.arg("-o")
        .arg(dir.path().join("out.txt"))
        .env("GITHUB_STEP_SUMMARY", &fresh);
    assert!(exits(cmd, 1).is_empty());
    let markdown = exits(check(&[GAPS, "--format", "markdown", "--lang", "en"]), 1);
    assert_eq!(read(&fresh), markdown);
}

/// Unset or empty, `GITHUB_STEP_SUMMARY` makes no file anywhere.
#[test]
fn no_step_summary_outside_github_actions() {
    let dir = tempfile::tempdir().unwrap();
    let gaps = root().join(GAPS);
    for value in [None, Some("")] {
        let mut cmd = check(&[&gaps.display().to_string()]);
        cmd.current_dir(dir.path());
        if let Some(value) = value {
            cmd.env("GITHUB_STEP_SUMMARY", value);
        }
        cmd.assert().code(1).stderr(predicate::str::is_empty());
        assert!(names_in(dir.path()).is_empty(), "{value:?}");
    }
}

/// A step summary that cannot be written is a warning (W014); the check's
/// output and exit code stand. One that is a file the run reads is not
/// touched.
#[test]
fn a_step_summary_that_cannot_be_written_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(root().join(GAPS), dir.path().join("mangler.toml")).unwrap();
    fs::copy(
        root().join("examples/egne-krav.toml"),
        dir.path().join("egne-krav.toml"),
    )
    .unwrap();
    let before = read(&dir.path().join("mangler.toml"));
    let folder = dir.path().join("mappe");
    fs::create_dir(&folder).unwrap();
    let alone = {
        let mut cmd = check(&["mangler.toml"]);
        cmd.current_dir(dir.path());
        exits(cmd, 1)
    };
    for (summary, says) in [
        (folder.clone(), "ikke en almindelig fil"),
        (
            dir.path().join("mangler.toml"),
            "en af de filer, kørslen læser eller skriver",
        ),
        (
            dir.path().join("egne-krav.toml"),
            "en af de filer, kørslen læser eller skriver",
        ),
        (dir.path().join("ingen/mappe/her.md"), "blev ikke skrevet"),
    ] {
        let mut cmd = check(&["mangler.toml"]);
        cmd.current_dir(dir.path())
            .env("GITHUB_STEP_SUMMARY", &summary);
        let assert = cmd.assert().code(1);
        assert_eq!(stdout_of(&assert), alone);
        let stderr = stderr_of(&assert);
        assert!(stderr.starts_with("advarsel[W014]"), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(
            !stderr.contains("fejl:"),
            "a warning stops nothing: {stderr}"
        );
    }
    assert_eq!(read(&dir.path().join("mangler.toml")), before);
}

/// A file is coloured only as standard output redirected to it would be:
/// with `--color always`, never with `auto`.
#[test]
fn a_file_is_coloured_only_with_color_always() {
    let dir = tempfile::tempdir().unwrap();
    for (color, coloured) in [("always", true), ("auto", false)] {
        let out = dir.path().join(format!("{color}.txt"));
        let mut cmd = crate::almen();
        cmd.args([
            "check",
            GAPS,
            "--as-of",
            crate::AS_OF,
            "--color",
            color,
            "--also",
        ])
        .arg(format!("table={}", out.display()));
        let stdout = exits(cmd, 1);
        assert_eq!(read(&out).contains('\u{1b}'), coloured, "--color {color}");
        assert_eq!(read(&out), stdout, "--color {color}");
    }
}

/// A link as an output is written through: the file it leads to gets the
/// output, and the link stays a link. One that leads to what is not a
/// regular file is refused, and left as it was.
#[test]
fn a_link_is_written_through_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let mut cmd = check(&[GAPS, "--lang", "en"]);
    cmd.arg("--also").arg(format!("json={}", link.display()));
    exits(cmd, 1);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let separate = exits(check(&[GAPS, "--lang", "en", "--format", "json"]), 1);
    assert_eq!(read(&real), separate);

    // A link to a device: refused, the link kept.
    let null = dir.path().join("null.json");
    std::os::unix::fs::symlink("/dev/null", &null).unwrap();
    fails(check(&[GAPS, "-o", null.to_str().unwrap()]), &["E018"]);
    assert!(
        fs::symlink_metadata(&null)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A link that leads nowhere: refused too.
    let dangling = dir.path().join("nowhere.json");
    std::os::unix::fs::symlink(dir.path().join("missing/x.json"), &dangling).unwrap();
    fails(check(&[GAPS, "-o", dangling.to_str().unwrap()]), &["E018"]);
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// A link that leads out of its folder is not written through: in CI, a
/// link committed as `almen.xml` could point `--also junit=almen.xml` at
/// any file the runner may write, a shell's start-up file among them.
#[test]
fn a_link_out_of_its_folder_is_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "victim").unwrap();
    let repo = dir.path().join("repo");
    fs::create_dir(&repo).unwrap();
    for name in ["out.json", "almen.xml", "r.html", "c.ics"] {
        std::os::unix::fs::symlink("../victim.txt", repo.join(name)).unwrap();
    }
    // A folder on the way that is a link out counts the same.
    std::os::unix::fs::symlink("..", repo.join("reports")).unwrap();
    let gaps = crate::root().join(GAPS);
    let gaps = gaps.to_str().unwrap();
    for args in [
        &["check", gaps, "-o", "out.json", "--format", "json"][..],
        &["check", gaps, "--also", "junit=almen.xml"],
        &["report", gaps, "-o", "r.html"],
        &["calendar", gaps, "-o", "c.ics"],
        &["check", gaps, "--also", "junit=reports/victim.txt"],
        &["check", gaps, "--also", "junit=reports/new.xml"],
    ] {
        let mut cmd = crate::almen_in(&repo);
        cmd.args(args);
        let (code, said) = crate::said(cmd);
        assert_eq!(code, Some(2), "{args:?}: {said}");
        assert!(said.contains("E018"), "{args:?}: {said}");
        assert!(said.contains("uden for dens mappe"), "{args:?}: {said}");
        assert_eq!(read(&victim), "victim", "{args:?}");
    }
    assert!(!dir.path().join("new.xml").exists());
    // A link to a file in a folder below it is written through.
    fs::create_dir(repo.join("ud")).unwrap();
    fs::write(repo.join("ud/r.json"), "old").unwrap();
    std::os::unix::fs::symlink("ud/r.json", repo.join("r.json")).unwrap();
    let mut cmd = crate::almen_in(&repo);
    cmd.args(["check", gaps, "-o", "r.json", "--format", "json"]);
    exits(cmd, 1);
    assert!(read(&repo.join("ud/r.json")).starts_with('{'));
}
