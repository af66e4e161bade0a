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
        fails(cmd, &["fejl[E018]", "ikke en almindelig fil"]);
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
    fails(cmd, &["fejl[E018]"]);
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
    let results = crate::array(&doc, "results");
    let files: Vec<&str> = results
        .iter()
        .map(|r| crate::str_field(r, "file"))
        .collect();
    assert_eq!(
        files,
        ["./a.toml", "./latin.toml"],
        "each assessment once, links not followed"
    );
    // The file that could not be decoded is in the results, as such.
    assert_eq!(results[1]["error"], true);
    assert_eq!(results[1]["diagnostics"][0]["code"], "E002");
    assert!(results[0].get("error").is_none());
    let stderr = crate::stderr_of(&assert);
    for needle in [
        "advarsel[W012]: `./b.toml` er ikke en almindelig fil",
        "advarsel[W012]: `./link.toml` er et link",
        "fejl[E002]: filen er ikke UTF-8: `./latin.toml`",
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
        ("/proc/self/environ", "er ikke en .toml-fil"),
        ("/etc/passwd", "er ikke en .toml-fil"),
        ("../id_rsa", "er ikke en .toml-fil"),
        ("/etc/passwd.toml", "uden for selvevalueringens mappe"),
        ("../findes-ikke.toml", "uden for selvevalueringens mappe"),
        ("link.toml", "uden for selvevalueringens mappe"),
        ("/dev/zero", "er ikke en .toml-fil"),
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
        let stderr = fails(cmd, &["fejl[E021]", why]);
        assert!(!stderr.contains("hemmelig"), "{name}: {stderr}");
        assert!(!stderr.contains("PATH="), "{name}: {stderr}");
    }
}

/// A checklist path through a link out of the folder is outside whether
/// or not a file is there: the answer tells nothing about what exists
/// outside (it was "not found" where nothing was, "outside" where a file
/// was).
#[cfg(unix)]
#[test]
fn a_checklist_path_out_of_the_folder_says_nothing_of_what_is_there() {
    let outer = tempfile::tempdir().unwrap();
    fs::create_dir(outer.path().join("ude")).unwrap();
    fs::write(
        outer.path().join("ude/findes.toml"),
        "format = 1\nid = \"x\"\n",
    )
    .unwrap();
    let dir = outer.path().join("indsendt");
    fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink("../ude", dir.join("ud")).unwrap();
    let said = |name: &str| {
        fs::write(dir.join("almen.toml"), naming(name)).unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let mut cmd = crate::almen_in(elsewhere.path());
        cmd.args(["check", "--as-of", AS_OF])
            .arg(dir.join("almen.toml"));
        fails(cmd, &["fejl[E021]", "uden for selvevalueringens mappe"]).replace(name, "NAVN")
    };
    // Names as long as each other: the diagnostics differ in nothing else.
    assert_eq!(said("ud/findes.toml"), said("ud/mangle.toml"));
}

/// The folder almen runs in, as a CI job has it: a `.env` of 30 secrets
/// beside the submitted assessment's folder, and a copy of it as a `.toml`
/// file.
fn working_folder_with_secrets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let secrets: String = (1..=30)
        .map(|i| format!("SECRET_{i} = \"hemmelig-{i}\"\n"))
        .collect();
    fs::write(dir.path().join(".env"), &secrets).unwrap();
    fs::write(dir.path().join("secrets.toml"), &secrets).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    dir
}

/// How many of the secrets of [`working_folder_with_secrets`] `text` shows.
fn secrets_in(text: &str) -> usize {
    (1..=30)
        .filter(|i| text.contains(&format!("hemmelig-{i}\"")))
        .count()
}

/// `checklists = [.., "../.env"]` in a submitted assessment printed the
/// whole `.env` of the folder almen ran in, a line per diagnostic, to the
/// CI log. A checklist an assessment names is a `.toml` file, or it is not
/// opened.
#[test]
fn an_assessment_cannot_have_a_file_that_is_not_toml_read_as_a_checklist() {
    let dir = working_folder_with_secrets();
    fs::write(
        dir.path().join("sub/a.toml"),
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\n\
         checklists = [\"samarbejde-med-omverdenen\", \"../.env\"]\n",
    )
    .unwrap();
    for format in ["table", "json"] {
        let mut cmd = crate::almen_in(dir.path());
        cmd.args(["check", "sub/a.toml", "--as-of", AS_OF, "--format", format]);
        let assert = cmd.assert().code(2);
        let (stdout, stderr) = (crate::stdout_of(&assert), crate::stderr_of(&assert));
        assert!(
            stderr
                .contains("fejl[E021]: tjeklisten `.env` er ikke en .toml-fil; den er ikke åbnet"),
            "{stderr}"
        );
        assert_eq!(secrets_in(&stdout) + secrets_in(&stderr), 0, "{stderr}");
        assert!(!stderr.contains("SECRET_"), "{stderr}");
    }
    // On the command line, the user's own choice is read.
    fs::write(
        dir.path().join("sub/a.toml"),
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\n\
         checklists = [\"samarbejde-med-omverdenen\"]\n",
    )
    .unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "sub/a.toml", "--as-of", AS_OF])
        .args(["--checklist", "./.env"]);
    let stderr = crate::stderr_of(&cmd.assert().code(2));
    assert!(!stderr.contains("E021"), "{stderr}");
    assert!(stderr.contains("SECRET_1"), "{stderr}");
}

/// A `.toml` file in reach that is no checklist (here, the secrets again)
/// shows its first three problems and how many more there are, never a
/// diagnostic for each of its lines.
#[test]
fn a_file_named_as_a_checklist_is_not_printed_line_by_line() {
    let dir = working_folder_with_secrets();
    fs::write(
        dir.path().join("sub/a.toml"),
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\n\
         checklists = [\"samarbejde-med-omverdenen\", \"../secrets.toml\"]\n",
    )
    .unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "sub/a.toml", "--as-of", AS_OF]);
    let stderr = fails(
        cmd,
        &[
            "fejl[E012]: tjeklisten `secrets.toml` har 31 problemer; de første 3 vises, 28 er udeladt",
        ],
    );
    assert!(secrets_in(&stderr) <= 3, "{stderr}");
    assert!(stderr.contains("almen validate secrets.toml"), "{stderr}");
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["validate", "sub/a.toml", "--format", "json"]);
    let stdout = crate::exits(cmd, 2);
    let doc = crate::json(&stdout);
    assert_eq!(crate::array(&doc, "diagnostics").len(), 4, "{doc}");
    assert!(secrets_in(&stdout) <= 3, "{stdout}");
    // Given on its own, it is the user's file, shown in full.
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["validate", "secrets.toml"]);
    assert_eq!(secrets_in(&crate::exits(cmd, 2)), 30);
}

/// A value as long as a file reaches a diagnostic's words in short: E009
/// put a 200,000-character status in its heading, whole.
#[test]
fn a_long_value_is_quoted_in_short() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(200_000);
    fs::write(
        dir.path().join("a.toml"),
        format!(
            "format = 1\n[organisation]\nname = \"X\"\n[assessment]\n\
             checklists = [\"samarbejde-med-omverdenen\", \"{long}\", \"{long}.toml\"]\n\
             [answers.OMV-1]\nstatus = \"{long}\"\ndate = \"{long}\"\nplan = {long}\n\
             [answers.\"{long}\"]\nstatus = \"met\"\n{long} = 1\n"
        ),
    )
    .unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "a.toml", "--as-of", AS_OF])
        .timeout(std::time::Duration::from_secs(20));
    let stderr = fails(cmd, &["fejl[E009]: ukendt værdi `xxxxxxxxxx"]);
    // A heading quotes a value in short; a snippet, an excerpt of its line.
    for line in stderr.lines() {
        let limit = if line.starts_with("fejl") { 250 } else { 500 };
        assert!(line.chars().count() < limit, "{line}");
    }
    assert!(stderr.len() < 10_000, "{} bytes", stderr.len());
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["validate", "a.toml", "--format", "json"]);
    let doc = crate::json(&crate::exits(cmd, 2));
    let diagnostics = crate::array(&doc, "diagnostics");
    assert!(diagnostics.len() >= 6, "{doc}");
    for d in diagnostics {
        let message = crate::str_field(d, "message");
        assert!(message.chars().count() < 200, "{message}");
        let hint = d["hint"].as_str().unwrap_or("");
        assert!(hint.chars().count() < 400, "{hint}");
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
    fails(cmd, &["fejl[E022]", "samarbejde-med-omverdenen"]);
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["validate", "falsk.toml"]);
    assert!(crate::exits(cmd, 2).contains("fejl[E022]"));
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

/// A table cell cuts a word as long as a file: a path of a megabyte in a
/// gap's cell took 20 s to wrap, a piece at a time (one of 10 MB, hours).
#[test]
fn a_long_word_in_a_table_cell_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let long = "p".repeat(1_000_000);
    fs::write(
        dir.path().join("a.toml"),
        format!(
            "format = 1\n[organisation]\nname = \"X\"\n[assessment]\n\
             checklists = [\"samarbejde-med-omverdenen\"]\n\
             [answers.OMV-1]\nstatus = \"met\"\ndate = 2026-01-01\nevidence = [\"{long}\"]\n"
        ),
    )
    .unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "a.toml", "--as-of", AS_OF]);
    let stdout = crate::exits(cmd, 1);
    assert!(stdout.contains("ppp") && stdout.contains('…'), "{stdout}");
    assert!(stdout.len() < 100_000, "{} bytes", stdout.len());
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

/// A checklist of the user's own, from `items` (TOML of `[[item]]` tables),
/// and an assessment naming it, in a new folder.
fn own_checklist(items: &str, answers: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("egne.toml"),
        format!(
            "format = 1\nid = \"egne\"\nversion = \"1\"\ntitle = {{ da = \"Egne\" }}\n[source]\npublisher = \"P\"\ntitle = \"T\"\n{items}"
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("almen.toml"),
        format!(
            "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"egne.toml\"]\n{answers}"
        ),
    )
    .unwrap();
    dir
}

fn check_own(dir: &tempfile::TempDir, extra: &[&str]) -> assert_cmd::Command {
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "almen.toml", "--as-of", AS_OF])
        .args(extra);
    cmd
}

/// Numbers that broke the arithmetic: a recurrence of 4294967295 months,
/// a weight of 5e-324 that made an explained partial item count as 0 %.
#[test]
fn weights_and_recurrences_have_sane_bounds() {
    for (line, needle) in [
        (
            "every-months = 4294967295",
            "`every-months` skal være mindst 1 og højst 1200",
        ),
        (
            "every-months = 1201",
            "`every-months` skal være mindst 1 og højst 1200",
        ),
        ("weight = 5e-324", "`weight` skal være mindst 0,001"),
        (
            "weight = 1e300",
            "`weight` skal være mindst 0,001 og højst 1000",
        ),
    ] {
        let dir = own_checklist(
            &format!(
                "[[item]]\nid = \"E-1\"\nkind = \"recommendation\"\ntitle = {{ da = \"T\" }}\n{line}\n"
            ),
            "",
        );
        fails(check_own(&dir, &[]), &["fejl[E014]", needle]);
    }
}

/// A due date is ISO 8601 however far ahead: never "+10000-12-31".
#[test]
fn a_due_date_stays_within_year_9999() {
    let dir = own_checklist(
        "[[item]]\nid = \"E-1\"\nkind = \"recommendation\"\ntitle = { da = \"T\" }\nevery-months = 1200\n",
        "[answers.E-1]\nstatus = \"met\"\ndate = 9999-01-01\nevidence = [\"https://x.dk\"]\n",
    );
    let mut cmd = crate::almen_in(dir.path());
    cmd.args([
        "check",
        "almen.toml",
        "--as-of",
        "9999-06-01",
        "--format",
        "json",
    ]);
    let doc = crate::json(&crate::exits(cmd, 0));
    assert_eq!(doc["items"][0]["due"], "9999-12-31");
}

/// Ids reach every format; they hold nothing that means something there,
/// and two that differ only by case are one.
#[test]
fn ids_are_words_and_unique_whatever_their_case() {
    for (items, needle) in [
        (
            "[[item]]\nid = \"D-1\\n::error::x\"\nkind = \"duty\"\ntitle = { da = \"T\" }\n",
            "er ikke et gyldigt id",
        ),
        (
            "[[item]]\nid = \"=HYPERLINK(1)\"\nkind = \"duty\"\ntitle = { da = \"T\" }\n",
            "er ikke et gyldigt id",
        ),
        (
            "[[item]]\nid = \"D-1\"\nkind = \"duty\"\ntitle = { da = \"T\" }\n[[item]]\nid = \"d-1\"\nkind = \"duty\"\ntitle = { da = \"T\" }\n",
            "fejl[E011]",
        ),
    ] {
        let dir = own_checklist(items, "");
        let stderr = fails(check_own(&dir, &[]), &[needle]);
        // Twice in one checklist is said once, not as "in both x and x".
        assert!(!stderr.contains("findes både i"), "{stderr}");
    }
}

/// `status = 1` is a wrong type, `organisation = "X"` one mistake.
#[test]
fn a_wrong_type_is_said_as_such_and_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.toml"),
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n[answers.OMV-1]\nstatus = 1\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b.toml"),
        "format = 1\norganisation = \"X\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n",
    )
    .unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "a.toml", "--as-of", AS_OF]);
    fails(
        cmd,
        &[
            "fejl[E006]: `status` har forkert type",
            "her skal stå tekst",
        ],
    );
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "b.toml", "--as-of", AS_OF]);
    let stderr = fails(cmd, &["fejl[E006]: `organisation` har forkert type"]);
    assert!(!stderr.contains("E007"), "{stderr}");
}

/// A byte-order mark opens the file but is no column of it.
#[test]
fn a_byte_order_mark_is_no_column() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bom.toml"), "\u{feff}formt = 1\n").unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "bom.toml", "--as-of", AS_OF]);
    fails(cmd, &["bom.toml:1:1"]);
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["validate", "bom.toml", "--format", "json"]);
    let doc = crate::json(&crate::exits(cmd, 2));
    assert_eq!(doc["diagnostics"][0]["column"], 1, "{doc}");
}

/// Evidence through a link that leads out reads the same whether the file
/// out there exists or not: the report says nothing about what is there.
#[cfg(unix)]
#[test]
fn evidence_outside_does_not_tell_what_exists_there() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/etc", dir.path().join("etclink")).unwrap();
    fs::write(
        dir.path().join("almen.toml"),
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n[answers.OMV-1]\nstatus = \"met\"\nevidence = [\"etclink/passwd\", \"etclink/findes-ikke\"]\n",
    )
    .unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "almen.toml", "--as-of", AS_OF, "--format", "json"]);
    let doc = crate::json(&crate::exits(cmd, 1));
    let gap = crate::array(&doc, "gaps")
        .iter()
        .find(|g| g["item"] == "OMV-1" && g["reason"] == "evidence-not-found")
        .cloned()
        .expect("an evidence gap for OMV-1");
    let message = crate::str_field(&gap, "message");
    assert!(
        message.contains("uden for") && !message.contains("Findes ikke"),
        "{message}"
    );
}

/// No file is read past 16 MiB: `/dev/zero` given as an assessment grew
/// memory until the process was killed.
#[cfg(unix)]
#[test]
fn no_file_is_read_past_16_mib() {
    let mut cmd = almen();
    cmd.args(["check", "/dev/zero", "--as-of", AS_OF])
        .timeout(std::time::Duration::from_secs(20));
    fails(cmd, &["fejl[E001]", "filen er over 16 MiB"]);
}

/// A folder's `.TOML` file is read like a `.toml` one: it was passed over
/// without a word.
#[test]
fn a_folder_walk_reads_toml_files_whatever_the_case_of_their_extension() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = crate::root().join("tests/fixtures/valid/kun-mindre.toml");
    for name in ["A.TOML", "b.toml", "c.Toml"] {
        fs::copy(&fixture, dir.path().join(name)).unwrap();
    }
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", ".", "--as-of", AS_OF, "--format", "json"]);
    let doc = crate::json(&crate::exits(cmd, 0));
    let files: Vec<&str> = crate::array(&doc, "results")
        .iter()
        .map(|r| crate::str_field(r, "file"))
        .collect();
    assert_eq!(files, ["./A.TOML", "./b.toml", "./c.Toml"]);
}

/// A file saved as Latin-1 in a folder fails the run and says how to fix it.
#[cfg(unix)]
#[test]
fn a_latin1_file_gets_a_hint_to_save_it_as_utf8() {
    let dir = hostile_folder();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["validate", "latin.toml"]);
    let stdout = crate::exits(cmd, 2);
    assert!(
        stdout.contains("gemt som Latin-1 (Windows-1252), hvor byten her er et `Æ`"),
        "{stdout}"
    );
}

/// An own checklist cannot answer a built-in duty in its place: `STY-1`
/// redefined as a recommendation, unfollowed and explained, would pass.
#[test]
fn an_own_checklist_cannot_take_a_built_in_items_id() {
    for id in ["STY-1", "sty-1", "NV-13", "EKS-1"] {
        let dir = own_checklist(
            &format!(
                "[[item]]\nid = \"{id}\"\nkind = \"recommendation\"\ntitle = {{ da = \"Styringsdialog\" }}\n"
            ),
            &format!(
                "[answers.{id}]\nstatus = \"ikke-opfyldt\"\nexplanation = \"Kommunen holder ikke møder med os længere.\"\n"
            ),
        );
        fails(
            check_own(&dir, &[]),
            &[
                "fejl[E022]",
                "egne.toml:9:6",
                &format!("`{id}`"),
                "indbyggede",
            ],
        );
    }
}

/// A future `date` has not happened: `date = 9999-12-31` does not meet a
/// yearly duty for good.
#[test]
fn a_future_date_dates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("almen.toml"),
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n\
         [answers.STY-1]\nstatus = \"met\"\ndate = 9999-12-31\nevidence = [\"https://x.dk/referat\"]\n",
    )
    .unwrap();
    let doc = crate::json(&crate::exits(check_own(&dir, &["--format", "json"]), 1));
    let sty: Vec<_> = crate::array(&doc, "gaps")
        .iter()
        .filter(|g| g["item"] == "STY-1")
        .collect();
    assert_eq!(sty.len(), 1, "{doc}");
    assert_eq!(sty[0]["severity"], "critical");
    assert_eq!(sty[0]["reason"], "date-missing");
    assert!(
        crate::str_field(sty[0], "message").contains("efter opgørelsesdatoen"),
        "{doc}"
    );
}

/// Evidence that is not there does not document a request to the
/// municipality: the lapsed duty stays critical.
#[test]
fn a_request_documented_by_nothing_eases_nothing() {
    for evidence in ["\"\"", "\"findes-ikke.pdf\"", "\"/etc/passwd\""] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("almen.toml"),
            format!(
                "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n\
                 [answers.STY-1]\nstatus = \"met\"\ndate = 2024-09-30\nrequested = 2025-10-15\nevidence = [{evidence}]\n"
            ),
        )
        .unwrap();
        let doc = crate::json(&crate::exits(check_own(&dir, &["--format", "json"]), 1));
        let critical: Vec<_> = crate::array(&doc, "gaps")
            .iter()
            .filter(|g| g["item"] == "STY-1" && g["severity"] == "critical")
            .map(|g| crate::str_field(g, "reason").to_owned())
            .collect();
        assert_eq!(critical, ["overdue"], "{evidence}: {doc}");
    }
}

/// A submission with a line of junk at the top, which hides its tables
/// from the parser, fails a folder run in every command that reads
/// folders; it was passed over as if it were some other TOML, and the
/// organisation vanished from the overview. TOML that parses and is
/// neither an assessment nor a checklist is still passed over.
#[test]
fn a_broken_submission_in_a_folder_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    crate::example_into("almen.toml", dir.path(), "almen.toml");
    let mangler = fs::read_to_string(crate::root().join("examples/mangler.toml")).unwrap();
    // The last: valid TOML with a checklist's table too, which makes it
    // no checklist.
    for (junk, after) in [
        ("x\n", ""),
        ("<<<<<<< HEAD\n", ""),
        ("\"\n", ""),
        ("a = \"\"\"\n", ""),
        ("", "\n[source]\npublisher = \"P\"\n"),
    ] {
        fs::write(
            dir.path().join("fjordglimt.toml"),
            format!("{junk}{mangler}{after}"),
        )
        .unwrap();
        fs::write(dir.path().join("andet.toml"), "foo = 1\n").unwrap();
        for args in [
            &["check", ".", "--as-of", "2026-11-27"][..],
            &["check", ".", "--summary", "--as-of", "2026-11-27"],
            &["validate", "."],
            &["report", ".", "-o", "o.html", "--as-of", "2026-11-27"],
            &["calendar", ".", "-o", "c.ics", "--as-of", "2026-11-27"],
        ] {
            let mut cmd = crate::almen_in(dir.path());
            cmd.args(args);
            let (code, said) = crate::said(cmd);
            assert_eq!(code, Some(2), "{junk:?} {args:?}: {said}");
            assert!(
                said.contains("fjordglimt.toml"),
                "{junk:?} {args:?}: {said}"
            );
            assert!(!said.contains("andet.toml"), "{junk:?} {args:?}: {said}");
        }
    }
}

/// A link named like an assessment or a checklist does not make almen
/// read, and quote line by line, another kind of file: in CI, a pull
/// request's `almen.toml` linked to `.git/config` printed the checkout's
/// credentials, and a checklist `env.toml` linked to `.env` its secrets.
/// A link to a `.toml` file is read as the file.
#[cfg(unix)]
#[test]
fn a_link_to_a_file_that_is_not_toml_is_not_read() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join(".git")).unwrap();
    fs::write(
        d.join(".git/config"),
        "[core]\nextraheader = AUTHORIZATION: basic SECRET1\n",
    )
    .unwrap();
    fs::write(d.join(".env"), "API_KEY=SECRET2\n").unwrap();
    symlink(".git/config", d.join("almen.toml")).unwrap();
    symlink(".env", d.join("env.toml")).unwrap();
    fs::write(
        d.join("b.toml"),
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\n\
         checklists = [\"samarbejde-med-omverdenen\", \"env.toml\"]\ndate = 2026-01-01\n",
    )
    .unwrap();
    for args in [
        &["check"][..],
        &["check", "--format", "github"],
        &["check", "b.toml"],
        &["check", "b.toml", "--format", "json"],
        &["validate", "almen.toml", "b.toml"],
    ] {
        let mut cmd = crate::almen_in(d);
        cmd.args(args);
        let (code, said) = crate::said(cmd);
        assert_eq!(code, Some(2), "{args:?}: {said}");
        assert!(!said.contains("SECRET"), "{args:?}: {said}");
        assert!(said.contains("E001"), "{args:?}: {said}");
    }
    // A link to an assessment is the assessment.
    crate::example_into("almen.toml", d, "real.toml");
    fs::remove_file(d.join("almen.toml")).unwrap();
    symlink("real.toml", d.join("almen.toml")).unwrap();
    let mut cmd = crate::almen_in(d);
    cmd.args(["check", "--as-of", "2026-11-27"]);
    crate::exits(cmd, 0);
}

/// A hidden `.toml` file and a link to a folder in a folder of
/// submissions are passed over with a word (W012), not in silence; a
/// hidden folder (`.git`) is passed over in silence.
#[cfg(unix)]
#[test]
fn hidden_files_and_linked_folders_are_not_passed_over_in_silence() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sub = d.join("indsendt");
    fs::create_dir_all(sub.join(".git")).unwrap();
    fs::create_dir_all(d.join("andet")).unwrap();
    crate::example_into("almen.toml", &sub, "almen.toml");
    fs::copy(
        crate::root().join("examples/mangler.toml"),
        sub.join(".skjult.toml"),
    )
    .unwrap();
    fs::write(sub.join(".git/config.toml"), "x = 1\n").unwrap();
    fs::copy(
        crate::root().join("examples/mangler.toml"),
        d.join("andet/b.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../andet", sub.join("andet")).unwrap();
    // A link to a folder of documents inside the walk is nothing to warn
    // about; one out of it is said, and what is out there is not read.
    fs::create_dir_all(sub.join("arkiv/2026")).unwrap();
    fs::write(sub.join("arkiv/2026/referat.pdf"), "%PDF").unwrap();
    std::os::unix::fs::symlink("arkiv/2026", sub.join("seneste")).unwrap();
    fs::create_dir_all(d.join("ude")).unwrap();
    fs::write(d.join("ude/referat.pdf"), "%PDF").unwrap();
    std::os::unix::fs::symlink("../ude", sub.join("ude")).unwrap();
    let mut cmd = crate::almen_in(d);
    cmd.args(["check", "indsendt", "--as-of", "2026-11-27"]);
    let out = cmd.output().unwrap();
    let stderr = crate::text(&out.stderr);
    assert!(
        stderr.contains("advarsel[W012]: `indsendt/.skjult.toml` er skjult"),
        "{stderr}"
    );
    assert!(stderr.contains("`indsendt/andet` er et link"), "{stderr}");
    assert!(!stderr.contains(".git"), "{stderr}");
    assert!(!stderr.contains("seneste"), "{stderr}");
    assert!(stderr.contains("`indsendt/ude` er et link"), "{stderr}");
    assert!(stderr.contains("omdøb filen"), "{stderr}");
}
