//! Output formats that cannot be turned against their reader: a spreadsheet,
//! a Markdown or HTML viewer, a JUnit parser, a CI log. The fixture in
//! `tests/fixtures/hostile/` is an assessment and two checklists of its own
//! whose titles, URLs and answers carry formulas, control characters,
//! noncharacters, markup and forged workflow commands. (What hostile input
//! may not make almen read, write or hang on is `hostile.rs`.)

use std::fs;

use crate::AS_OF;

const HOSTILE: &str = "tests/fixtures/hostile/almen.toml";

/// `check` of the hostile fixture in `format` and `lang`; it has gaps.
fn hostile(format: &str, lang: &str) -> String {
    crate::exits(
        crate::check(&[HOSTILE, "--format", format, "--lang", lang, "--all"]),
        1,
    )
}

/// Whether a spreadsheet would take a cell for a formula.
fn formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Titles, versions and other texts from a checklist file reached the
/// spreadsheet raw; only the assessment's own cells were neutralised. (An
/// id can no longer be a formula at all: E014.)
#[test]
fn no_csv_cell_is_a_formula() {
    for (lang, delimiter) in [("da", b';'), ("en", b',')] {
        let out = hostile("csv", lang);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(out.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 4, "{out}");
        for row in &rows {
            for (i, cell) in row.iter().enumerate() {
                if i == 5 {
                    // The value is a number and stays one.
                    assert!(
                        cell.replace(',', ".").parse::<f64>().is_ok(),
                        "value {cell:?}"
                    );
                } else {
                    assert!(!formula(cell), "column {i} is a formula: {cell:?}");
                    // CSV goes to the terminal unless `-o` says otherwise.
                    assert!(
                        !cell.chars().any(|c| c.is_control() && c != '\n'),
                        "column {i} has a control character: {cell:?}"
                    );
                }
            }
        }
        let ids: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
        assert_eq!(ids, ["F-1", "F-2", "F-3", "LNK-1"]);
        assert_eq!(&rows[0][9], "'@Ejer\\u{0}", "the owner, its NUL shown");
    }
}

/// Whether a character is one a parser or a terminal would trip on: a
/// control character other than a line break, or a noncharacter.
fn unshowable(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// A checklist's `source.url` with tabs, `img\tsrc=x\tonerror=…`, left the
/// autolink `<…>` as a raw HTML tag, a `javascript:` URL became a link, and
/// control characters in any text passed through.
#[test]
fn markdown_has_no_raw_html_no_script_links_and_no_control_characters() {
    let mut runs = vec![hostile("markdown", "da"), hostile("markdown", "en")];
    let mut report = crate::almen();
    report.args(["report", HOSTILE, "--format", "markdown", "--as-of", AS_OF]);
    runs.push(crate::exits(report, 0));
    for md in runs {
        assert!(!md.contains(unshowable), "{md:?}");
        // The only `<` left opens a web link, which nothing ends early.
        for (at, _) in md.match_indices('<') {
            let link = &md[at..at + md[at..].find('>').expect("a link is closed") + 1];
            assert!(
                link.starts_with("<https://") || link.starts_with("<http://"),
                "raw HTML: {link}"
            );
            assert!(!link.contains(char::is_whitespace), "{link}");
        }
        assert!(!md.contains("<img"), "an HTML tag");
        assert!(md.contains("img src=x onerror=alert(1)"), "shown as text");
        assert!(!md.contains("<javascript:") && !md.contains("](javascript:"));
        assert!(md.contains("javascript:alert(1)"), "shown as text");
        // Control characters are shown, escaped.
        assert!(md.contains("\\\\u{1b}\\[31m"), "{md}");
        // No line starts with user text a CI log would obey.
        assert!(md.lines().all(|l| !l.starts_with("::")), "{md}");
    }
}

/// U+FFFE and U+FFFF in any text made JUnit XML that no XML parser reads
/// (XML 1.0 does not allow them), and quick-junit dropped other control
/// characters with the escape sequence around them, unseen. Each is now
/// shown escaped, and the file parses.
#[test]
fn junit_is_well_formed_xml_whatever_the_text() {
    for lang in ["da", "en"] {
        let xml = crate::exits(
            crate::check(&[
                HOSTILE,
                "--format",
                "junit",
                "--fail-on",
                "minor",
                "--lang",
                lang,
            ]),
            1,
        );
        let doc = roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"));
        let suite = doc
            .descendants()
            .find(|n| n.has_tag_name("testsuite"))
            .expect("a test suite");
        let name = suite.attribute("name").unwrap();
        // The organisation's name, every character shown.
        assert!(
            name.starts_with(
                "Org \\u{1b}[31m\\u{0} </script><script>alert(1)</script> \\u{ffff}\\u{fffe}\\n::"
            ),
            "{name:?}"
        );
        let cases: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .map(|n| n.attribute("name").unwrap())
            .collect();
        assert_eq!(cases.len(), 4);
        assert!(
            cases[0].contains("\\u{1b}]8;;https://x.test\\u{7}link"),
            "{cases:?}"
        );
        // The evidence path of a gap, in the failure's text.
        let texts: String = doc
            .descendants()
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(texts.contains("bilag-\\u{ffff}\\u{7}.pdf"), "{texts}");
        assert!(texts.contains("\\r\\n::error::falsk.pdf"), "{texts}");
        // No line of the file starts with the user's text: printed in a CI
        // log, it would be a workflow command.
        assert!(xml.lines().all(|l| !l.starts_with("::")), "{xml}");
    }
}

/// The board's HTML report of the hostile fixture: markup, `</script>`, a
/// `javascript:` URL and a URL that is an HTML tag are text; control
/// characters and U+FFFF (parse errors in HTML, and obeyed by a terminal
/// showing the file) are shown escaped; no line starts with the user's text.
#[test]
fn html_report_is_inert_whatever_the_text() {
    for lang in ["da", "en"] {
        let mut cmd = crate::almen();
        cmd.args(["report", HOSTILE, "--as-of", AS_OF, "--lang", lang]);
        let html = crate::exits(cmd, 0);
        // A tab is white space in HTML, as a line break is.
        assert!(!html.contains(|c| unshowable(c) && c != '\t'), "{html:?}");
        assert!(!html.contains("<script") && !html.contains("</script"));
        assert!(!html.contains("<img"), "an HTML tag");
        assert!(!html.contains("href=\"javascript") && !html.contains("href=\"img"));
        assert!(!html.contains("href=\"\""), "an empty link");
        // Every link is a web link, and every tag is the layout's own.
        for (at, _) in html.match_indices("href=\"") {
            let url = &html[at + 6..];
            assert!(
                url.starts_with("http://") || url.starts_with("https://"),
                "{url}"
            );
        }
        assert!(html.contains("\\u{1b}[31m\\u{0} &lt;&#x2f;script&gt;&lt;script&gt;"));
        assert!(html.contains("\\u{ffff}\\u{fffe}&#10;::error file=x::falsk"));
        assert!(html.contains("<p>javascript:alert(1)</p>"), "shown as text");
        assert!(html.lines().all(|l| !l.starts_with("::")), "{html}");
    }
}

/// A workflow command as the GitHub Actions runner reads a line: `::`, the
/// command, its properties up to the next `::`, split on `,` and unescaped,
/// then the message, unescaped.
fn workflow_command(line: &str) -> (&str, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").expect("a workflow command");
    let end = rest.find("::").expect("the command ends with ::");
    let (command, properties) = rest[..end].split_once(' ').expect("properties");
    let unescape = |v: &str| {
        v.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let properties = properties
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_owned(), unescape(v))
        })
        .collect();
    (command, properties, unescape(&rest[end + 2..]))
}

/// A line break, `%`, `::` or a carriage return in a file name, an item id
/// or any other text cannot start a workflow command of its own or add a
/// property: each gap and notice is one line, one command, and the file
/// name comes back as it was.
#[cfg(unix)]
#[test]
fn workflow_commands_cannot_be_forged() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["fjendtlig.toml", "link.toml"] {
        fs::copy(
            crate::root().join("tests/fixtures/hostile").join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    let file = "a\n::error::falsk%0A\r,line=1:b.toml";
    fs::copy(crate::root().join(HOSTILE), dir.path().join(file)).unwrap();
    for lang in ["da", "en"] {
        let mut cmd = crate::almen_in(dir.path());
        cmd.args(["check", file, "--format", "github", "--fail-on", "minor"])
            .args(["--lang", lang, "--as-of", AS_OF]);
        let out = crate::exits(cmd, 1);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 5, "one line for each gap: {out}");
        for line in lines {
            let (command, properties, message) = workflow_command(line);
            assert_eq!(command, "error", "{line}");
            let keys: Vec<&str> = properties.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(keys, ["file", "line", "title"], "{line}");
            assert_eq!(properties[0].1, file, "{line}");
            assert!(properties[1].1.parse::<usize>().is_ok(), "{line}");
            assert!(!message.is_empty());
        }
    }
}

/// An explanation is quoted first on a line of the Markdown (`> …`):
/// one starting `- `, `+ ` or `2. ` made a list of itself there.
#[test]
fn an_explanation_first_on_a_line_makes_no_list() {
    let dir = tempfile::tempdir().unwrap();
    for (explanation, quoted) in [
        (
            "- vi har valgt en anden vej end anbefalingen",
            "> \\- vi har",
        ),
        (
            "+ vi har valgt en anden vej end anbefalingen",
            "> \\+ vi har",
        ),
        (
            "2. vi har valgt en anden vej end anbefalingen",
            "> 2\\. vi har",
        ),
    ] {
        fs::write(
            dir.path().join("almen.toml"),
            crate::assessment_with(&format!(
                "[answers.OMV-3]\nstatus = \"unmet\"\nexplanation = \"{explanation}\"\n"
            )),
        )
        .unwrap();
        for args in [
            &["check", "--format", "markdown", "--as-of", "2026-11-27"][..],
            &["report", "--format", "markdown", "--as-of", "2026-11-27"],
        ] {
            let mut cmd = crate::almen_in(dir.path());
            cmd.args(args);
            let out = cmd.output().unwrap();
            let stdout = crate::text(&out.stdout);
            assert!(stdout.contains(quoted), "{args:?}: {stdout}");
        }
    }
}

/// A Windows line end in a text is a line break in its CSV cell, not a
/// carriage return shown escaped; a lone carriage return is shown.
#[test]
fn a_windows_line_end_stays_a_line_break_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("almen.toml"),
        "format = 1\r\n[organisation]\r\nname = \"X\"\r\n[assessment]\r\n\
         checklists = [\"samarbejde-med-omverdenen\"]\r\ndate = 2026-01-01\r\n\
         [answers.OMV-3]\r\nstatus = \"unmet\"\r\n\
         explanation = \"\"\"Vi deltager ikke i kredsen.\r\nVi er for små\\rtil det.\"\"\"\r\n",
    )
    .unwrap();
    let mut cmd = crate::almen_in(dir.path());
    cmd.args(["check", "--format", "csv", "--as-of", "2026-11-27"]);
    let out = cmd.output().unwrap();
    let csv = crate::text(&out.stdout);
    assert!(
        csv.contains("Vi deltager ikke i kredsen.\nVi er for små\\rtil det."),
        "{csv}"
    );
}
