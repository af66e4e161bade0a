//! Hostile input: what an assessment or a command line written by someone
//! else must not make almen do. An assessment comes from another
//! organisation as often as not (a municipality checks what it is sent; CI
//! runs on pull requests), so each finding here is a test that would fail
//! if the hole opened again.

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;

use crate::{AS_OF, almen, fails};

/// `report -o` onto something that is not a regular file (a device, a
/// FIFO, a folder) is refused and leaves it as it was. Before, as root,
/// `-o /dev/null` replaced the device with a regular file.
#[cfg(unix)]
#[test]
fn an_output_that_is_not_a_regular_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("b.html");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    // A link to a device: the device is what would be replaced.
    let device = dir.path().join("device.html");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    let folder = dir.path().join("mappe");
    fs::create_dir(&folder).unwrap();
    for output in [&fifo, &device, &folder] {
        let mut cmd = almen();
        cmd.args(["report", "examples/almen.toml", "--as-of", AS_OF, "-o"])
            .arg(output);
        fails(cmd, &["error[E018]", "ikke en almindelig fil"]);
    }
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(fs::symlink_metadata(&device).unwrap().is_symlink());
    assert!(fs::metadata(&device).unwrap().file_type().is_char_device());
    assert!(folder.is_dir());
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 3, "no temporary file is left behind");
}

/// `init` refuses an output that is a device too, even with `--force`.
#[cfg(unix)]
#[test]
fn init_never_replaces_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let device = dir.path().join("almen.toml");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    let mut cmd = almen();
    cmd.args(["init", "--force", "-o"]).arg(&device);
    fails(cmd, &["error[E018]"]);
    assert!(fs::symlink_metadata(&device).unwrap().is_symlink());
}

/// A folder of submissions as a hostile sender could make it: a link back
/// to the folder (counted the same assessment 41 times, and two of them
/// made the walk exponential), a FIFO named like an assessment (hung the
/// read forever), and a file saved as Latin-1 (skipped in silence, exit 0).
#[cfg(unix)]
fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::copy(
        crate::root().join("tests/fixtures/valid/kun-mindre.toml"),
        root.join("a.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(".", root.join("l1")).unwrap();
    std::os::unix::fs::symlink(".", root.join("l2")).unwrap();
    std::os::unix::fs::symlink("a.toml", root.join("link.toml")).unwrap();
    nix::unistd::mkfifo(&root.join("b.toml"), nix::sys::stat::Mode::S_IRWXU).unwrap();
    // "Boligforeningen Æblehaven" as a Danish Windows editor saves it.
    fs::write(
        root.join("latin.toml"),
        b"format = 1\n[organisation]\nname = \"Boligforeningen \xc6blehaven\"\n",
    )
    .unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_folder_walk_follows_no_link_waits_on_no_fifo_and_skips_nothing_in_silence() {
    let dir = hostile_folder();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", ".", "--as-of", AS_OF, "--format", "json"])
        .timeout(std::time::Duration::from_secs(20));
    let assert = cmd.assert().code(2);
    let doc = crate::json(&crate::stdout_of(&assert));
    let files: Vec<&str> = crate::array(&doc, "results")
        .iter()
        .map(|r| crate::str_field(r, "file"))
        .collect();
    assert_eq!(
        files,
        ["./a.toml"],
        "each assessment once, links not followed"
    );
    let stderr = crate::stderr_of(&assert);
    for needle in [
        "warning[W012]: `./b.toml` er ikke en almindelig fil",
        "warning[W012]: `./link.toml` er et link",
        "error[E002]: filen er ikke UTF-8: `./latin.toml`",
    ] {
        assert!(stderr.contains(needle), "{needle} in {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn validate_walks_a_hostile_folder_the_same_way() {
    let dir = hostile_folder();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["validate", ".", "--format", "json"])
        .timeout(std::time::Duration::from_secs(20));
    let assert = cmd.assert().code(2);
    let doc = crate::json(&crate::stdout_of(&assert));
    let codes: Vec<&str> = crate::array(&doc, "diagnostics")
        .iter()
        .map(|d| crate::str_field(d, "code"))
        .collect();
    assert!(codes.contains(&"W012"), "{codes:?}");
    assert!(codes.contains(&"E002"), "{codes:?}");
}

/// An assessment with `checklists = [PATH]` where PATH is a file it has no
/// business with. Before, almen read it and printed it, a line per
/// diagnostic (the environment, a private key); `/dev/zero` grew memory
/// until the process was killed.
fn naming(checklist: &str) -> String {
    format!(
        "format = 1\n[organisation]\nname = \"Fremmed\"\n[assessment]\nchecklists = [\"{checklist}\"]\n"
    )
}

#[cfg(unix)]
#[test]
fn a_checklist_path_cannot_reach_outside_the_assessment() {
    let outer = tempfile::tempdir().unwrap();
    let secret = outer.path().join("id_rsa");
    fs::write(&secret, "-----BEGIN OPENSSH PRIVATE KEY-----\nhemmelig\n").unwrap();
    let dir = outer.path().join("indsendt");
    fs::create_dir(&dir).unwrap();
    // A link inside the folder that leads out of it is outside too.
    std::os::unix::fs::symlink(&secret, dir.join("link.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.toml")).unwrap();
    // Big enough to be refused before it is read.
    fs::write(dir.join("stor.toml"), "#".repeat(1024 * 1024 + 1)).unwrap();
    for (name, why) in [
        ("/proc/self/environ", "uden for selvevalueringens mappe"),
        ("/etc/passwd", "uden for selvevalueringens mappe"),
        ("../id_rsa", "uden for selvevalueringens mappe"),
        ("../findes-ikke.toml", "uden for selvevalueringens mappe"),
        ("link.toml", "uden for selvevalueringens mappe"),
        ("/dev/zero", "uden for selvevalueringens mappe"),
        ("zero.toml", "uden for selvevalueringens mappe"),
        ("stor.toml", "er over 1 MiB"),
    ] {
        fs::write(dir.join("almen.toml"), naming(name)).unwrap();
        // Run from elsewhere: the folder almen runs in is the user's own.
        let elsewhere = tempfile::tempdir().unwrap();
        let mut cmd = crate::almen_in(elsewhere.path());
        cmd.args(["check", "--as-of", AS_OF])
            .arg(dir.join("almen.toml"))
            .timeout(std::time::Duration::from_secs(20));
        let stderr = fails(cmd, &["error[E021]", why]);
        assert!(!stderr.contains("hemmelig"), "{name}: {stderr}");
        assert!(!stderr.contains("PATH="), "{name}: {stderr}");
    }
}

/// The user's own choice on the command line may be anywhere.
#[test]
fn a_checklist_on_the_command_line_may_be_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        crate::root().join("examples/egne-krav.toml"),
        dir.path().join("egne.toml"),
    )
    .unwrap();
    let mut cmd = almen();
    cmd.args([
        "check",
        "tests/fixtures/valid/kun-mindre.toml",
        "--as-of",
        AS_OF,
    ])
    .arg("--checklist")
    .arg(dir.path().join("egne.toml"));
    let stdout = crate::exits(cmd, 1);
    assert!(stdout.contains("egne-krav"), "{stdout}");
}

/// A checklist file may not pass itself off as a built-in one: every
/// format would show it as the real checklist.
#[test]
fn a_checklist_file_cannot_claim_a_built_in_id() {
    let dir = tempfile::tempdir().unwrap();
    let builtin =
        fs::read_to_string(crate::root().join("checklists/samarbejde-med-omverdenen.toml"))
            .unwrap();
    let forged = builtin.replace("Kend boligorganisationens", "Glem boligorganisationens");
    assert_ne!(forged, builtin);
    fs::write(dir.path().join("falsk.toml"), forged).unwrap();
    fs::write(dir.path().join("almen.toml"), naming("falsk.toml")).unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "almen.toml", "--as-of", AS_OF]);
    fails(cmd, &["error[E022]", "samarbejde-med-omverdenen"]);
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["validate", "falsk.toml"]);
    assert!(crate::exits(cmd, 2).contains("error[E022]"));
    // The built-in file itself is what it says it is.
    crate::succeeds(crate::validate(&[
        "checklists/samarbejde-med-omverdenen.toml",
    ]));
}

/// A diagnostic quotes a short excerpt of a line, never the whole of it:
/// an unknown key on a 10 MB line took 20 s and printed all of it.
#[test]
fn a_diagnostic_quotes_an_excerpt_of_a_long_line_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!(
        "format = 1\n[organisation]\nname = \"X\"\nukendt = \"{}\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n",
        "a".repeat(10_000_000)
    );
    fs::write(dir.path().join("lang.toml"), long).unwrap();
    fs::write(dir.path().join("klammer.toml"), "[".repeat(100_000)).unwrap();
    for (file, at) in [
        ("lang.toml", "lang.toml:4:1"),
        ("klammer.toml", "klammer.toml:1:"),
    ] {
        let mut cmd = crate::almen_in(dir.path());
        cmd.args(["check", file, "--as-of", AS_OF])
            .timeout(std::time::Duration::from_secs(10));
        let stderr = fails(cmd, &[at]);
        assert!(stderr.len() < 4000, "{file}: {} bytes", stderr.len());
    }
}

/// An escape sequence in a file reaches the terminal as something to read,
/// not to obey: an OSC 52 clipboard write, a screen clear.
#[test]
fn escape_sequences_in_a_file_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("almen.toml"),
        "format = 1\n# \u{1b}]52;c;ZXZpbA==\u{7} \u{1b}[2J\n[organisation]\nnavn = \"\u{1b}[31mX\"\n",
    )
    .unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "almen.toml", "--as-of", AS_OF]);
    let stderr = fails(cmd, &["␛]52;c;ZXZpbA==␇", "almen.toml:2:"]);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(!stderr.contains('\u{7}'), "{stderr:?}");
}

/// A newline in a user's value cannot start a line of its own in the log,
/// where GitHub Actions would read `::error …` as a workflow command.
#[test]
fn a_newline_in_a_value_cannot_forge_a_workflow_command() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("almen.toml"),
        "format = 1\n[organisation]\nname = \"Org\\n::error title=Forged::x\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n[answers.\"X\\n::stop-commands::abc\"]\nstatus = \"met\"\n",
    )
    .unwrap();
    for command in ["check", "validate"] {
        let mut cmd = crate::almen_in(dir.path());
        cmd.args([command, "almen.toml", "--as-of", AS_OF]);
        let out = cmd.output().unwrap();
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(
                !text.lines().any(|l| l.trim_start().starts_with("::")),
                "{command}: {text}"
            );
        }
    }
    // The table shows the name, escaped.
    fs::write(
        dir.path().join("almen.toml"),
        "format = 1\n[organisation]\nname = \"Org\\n::error title=Forged::x\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n",
    )
    .unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "almen.toml", "--as-of", AS_OF]);
    let stdout = crate::exits(cmd, 1);
    assert!(
        stdout.starts_with("Org\\n::error title=Forged::x\n"),
        "{stdout}"
    );
}
