//! Text a user wrote never reaches a report or a CI format unescaped:
//! every text field of an assessment and of an own checklist carries markup,
//! quotes, ampersands, pipes and a line break, and every format is checked.

use std::fs;
use std::path::Path;

/// Markup, quotes, ampersands, Markdown and workflow-command specials, and
/// a line break.
const PAYLOAD: &str =
    "<script>alert(\"x&y\")</script> 'q' & | *b* _i_ `c` [l](u) %0A :: a,b\nline2";

fn toml_str(s: &str) -> String {
    format!("{:?}", s).replace("\\'", "'")
}

pub(crate) fn write_fixture(dir: &Path) {
    let p = toml_str(PAYLOAD);
    fs::write(
        dir.join("egne.toml"),
        format!(
            r#"format = 1
id = "egne"
version = {p}
title = {{ da = {p}, en = {p} }}

[source]
publisher = {p}
title = {p}
url = "javascript:alert(1)"
updated = 2026-01-01

[[item]]
id = "X-1"
kind = "recommendation"
title = {{ da = {p}, en = {p} }}
guidance = {{ da = {p}, en = {p} }}
evidence = {{ da = [{p}], en = [{p}] }}
basis = {p}
every-months = 12
warn-days = 400

[[item]]
id = "X-2"
kind = "duty"
title = {{ da = {p}, en = {p} }}
guidance = {{ da = {p}, en = {p} }}
basis = {p}
"#
        ),
    )
    .unwrap();
    fs::write(
        dir.join("almen.toml"),
        format!(
            r#"format = 1

[organisation]
name = {p}
cvr = {p}
municipality = {p}

[assessment]
checklists = ["egne.toml"]
date = 2026-11-01

[answers.X-1]
status = "partial"
date = 2026-06-01
explanation = {p}
note = {p}
evidence = [{p}]
plan = {{ action = {p}, owner = {p}, due = 2026-01-01 }}

[answers.X-2]
status = "unmet"
explanation = {p}
plan = {{ action = {p}, owner = {p}, due = 2027-01-01 }}
"#
        ),
    )
    .unwrap();
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = crate::almen_in(dir)
        .args(args)
        .args(["--as-of", crate::AS_OF, "--color", "never"])
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_fixture(dir.path());
    dir
}

#[test]
fn html_report_escapes_every_field() {
    let dir = fixture();
    for lang in ["da", "en"] {
        let html = run(dir.path(), &["report", "almen.toml", "--lang", lang]);
        assert!(!html.contains("<script"), "markup reached the HTML");
        assert!(
            !html.contains("\"x&y\""),
            "quotes and ampersand reached the HTML raw"
        );
        assert!(
            html.contains("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;&#x2f;script&gt;"),
            "{html}"
        );
        assert!(
            !html.contains("href=\"javascript"),
            "a javascript: link became a link"
        );
        // The payload shows up in each section that prints user text.
        let shown = html.matches("&lt;script&gt;").count();
        assert!(shown >= 15, "payload shown only {shown} times");
    }
}

/// Splits a Markdown table row on its unescaped pipes.
pub(crate) fn cells(row: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in row.chars() {
        match (c, escaped) {
            ('\\', false) => escaped = true,
            ('|', false) => n += 1,
            _ => escaped = false,
        }
    }
    n
}

#[test]
fn markdown_report_and_check_escape_every_field() {
    let dir = fixture();
    for args in [
        &["report", "almen.toml", "--format", "markdown"][..],
        &[
            "check",
            "almen.toml",
            "--format",
            "markdown",
            "--lang",
            "en",
        ][..],
    ] {
        let md = run(dir.path(), args);
        assert!(!md.contains("<script"), "markup reached the Markdown");
        assert!(md.contains("&lt;script&gt;"));
        assert!(
            !md.contains("*b*") && !md.contains("_i_") && !md.contains("[l](u)"),
            "Markdown markup survived"
        );
        assert!(!md.contains("javascript:alert(1)>") || md.contains("<javascript:alert(1)>"));
        // Every row of a table has as many cells as its header.
        let mut columns = None;
        for line in md.lines() {
            if line.starts_with('|') {
                let n = cells(line);
                match columns {
                    None => columns = Some(n),
                    Some(c) => assert_eq!(n, c, "a table row broke: {line}"),
                }
            } else {
                columns = None;
            }
            assert!(
                !line.starts_with("line2"),
                "a line break in a field ended a line: {line}"
            );
        }
    }
}

#[test]
fn junit_escapes_every_field() {
    let dir = fixture();
    let xml = run(
        dir.path(),
        &[
            "check",
            "almen.toml",
            "--format",
            "junit",
            "--fail-on",
            "minor",
        ],
    );
    assert!(xml.starts_with("<?xml"));
    assert!(!xml.contains("<script"), "markup reached the XML");
    assert!(!xml.contains("\"x&y\""));
    assert!(xml.contains("&lt;script&gt;"));
    // Only the elements JUnit has.
    for tag in xml.split('<').skip(1) {
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '?' || *c == '-')
            .collect();
        assert!(
            [
                "?xml",
                "testsuites",
                "/testsuites",
                "testsuite",
                "/testsuite",
                "testcase",
                "/testcase",
                "failure",
                "/failure",
                "system-out",
                "/system-out"
            ]
            .contains(&name.as_str()),
            "unexpected element <{name}"
        );
    }
}

#[test]
fn workflow_commands_escape_every_field() {
    let dir = fixture();
    let out = run(dir.path(), &["check", "almen.toml", "--format", "github"]);
    assert!(!out.is_empty());
    for line in out.lines() {
        let rest = ["::error ", "::warning ", "::notice "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let (props, message) = rest.split_once("::").expect("properties end with ::");
        assert_eq!(
            props.matches(',').count(),
            2,
            "a comma in a property: {props}"
        );
        assert!(props.starts_with("file=almen.toml,line="), "{props}");
        assert!(!message.contains('\n') && !message.contains('\r'));
        assert!(
            !message.contains("%0A :: ") || message.contains("%250A"),
            "a literal %0A was not escaped: {message}"
        );
    }
}

#[test]
fn csv_quotes_every_field() {
    let dir = fixture();
    let out = run(
        dir.path(),
        &["check", "almen.toml", "--format", "csv", "--lang", "en"],
    );
    let mut reader = csv::ReaderBuilder::new().from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.len() == 12));
    assert_eq!(
        &rows[0][10], PAYLOAD,
        "the explanation survives the round trip"
    );
}
