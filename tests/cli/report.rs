//! The board's report (`almen report`), as the board reads it: page 1 names
//! what is wrong, the report speaks the board's language and not the
//! file's, shows what the board wrote and what backs it, and never puts a
//! word of approval beside a lapsed duty. A snapshot of each example, in
//! HTML and Markdown, in Danish and English.

use std::fs;
use std::path::Path;

use crate::{AS_OF, almen, almen_in, check, json, succeeds};

const EXAMPLES: [&str; 2] = ["almen", "mangler"];
const LANGS: [&str; 2] = ["da", "en"];
const FORMATS: [&str; 2] = ["html", "markdown"];

/// `almen report examples/NAME.toml --format FORMAT --lang LANG`.
fn report(example: &str, format: &str, lang: &str) -> String {
    let mut cmd = almen();
    cmd.args(["report", &format!("examples/{example}.toml")])
        .args(["--format", format, "--lang", lang, "--as-of", AS_OF]);
    succeeds(cmd)
}

/// The items of `example` with a critical gap, from `check`'s JSON.
fn critical_items(example: &str) -> Vec<String> {
    let out = check(&[&format!("examples/{example}.toml"), "--format", "json"])
        .output()
        .unwrap();
    let result = json(&String::from_utf8(out.stdout).unwrap());
    let mut items: Vec<String> = result["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["severity"] == "critical")
        .map(|g| g["item"].as_str().unwrap().to_owned())
        .collect();
    items.dedup();
    items
}

#[test]
fn each_example_in_each_format_and_language() {
    for example in EXAMPLES {
        for format in FORMATS {
            for lang in LANGS {
                let out = report(example, format, lang);
                if format == "html" {
                    assert!(out.starts_with("<!DOCTYPE html>"));
                    assert!(
                        !out.contains("<script")
                            && !out.contains("http-equiv")
                            && !out.contains("<link")
                            && !out.contains("url("),
                        "self-contained, no scripts, nothing fetched"
                    );
                }
                insta::assert_snapshot!(format!("report_{format}_{example}_{lang}"), out);
            }
        }
    }
}

#[test]
fn the_same_report_twice_is_the_same_bytes() {
    for format in FORMATS {
        assert_eq!(
            report("mangler", format, "da"),
            report("mangler", format, "da")
        );
    }
}

/// The fix texts of the terminal say how to edit the file; the board's
/// paper says what the organisation must do.
#[test]
fn no_report_speaks_the_file_syntax() {
    for example in EXAMPLES {
        for format in FORMATS {
            for lang in LANGS {
                let out = report(example, format, lang);
                for syntax in [
                    "[answers.",
                    "`",
                    "= ÅÅÅÅ",
                    "= YYYY",
                    "plan.due",
                    "»date",
                    "“date",
                    "»evidence",
                    "»explanation",
                    "requested`",
                    "YYYY-MM-DD",
                    "ÅÅÅÅ-MM-DD",
                ] {
                    assert!(
                        !out.contains(syntax),
                        "{example} {format} {lang}: {syntax:?} in\n{out}"
                    );
                }
            }
        }
    }
}

/// Page 1 names each lapsed duty: everything before the detailed gaps.
#[test]
fn page_one_names_every_critical_gap() {
    let critical = critical_items("mangler");
    assert_eq!(critical, ["EGN-4", "LAB-6F-1", "LAB-6F-2", "NV-13"]);
    for lang in LANGS {
        let html = report("mangler", "html", lang);
        let front = &html[html.find("<section class=\"front\">").unwrap()..];
        let front = &front[..front.find("</section>").unwrap()];
        let md = report("mangler", "markdown", lang);
        let md_front = md.split("\n## ").take(2).collect::<Vec<_>>().join("\n## ");
        for item in &critical {
            assert!(
                front.contains(&format!("<span class=\"id\">{item}</span>")),
                "{lang}: {item}"
            );
            assert!(md_front.contains(&format!("**{item}**")), "{lang}: {item}");
        }
        // What each severity means, said once.
        let meaning = if lang == "da" {
            "Et krav i lov eller vedtægt er ikke opfyldt"
        } else {
            "A duty in law or the articles is not met"
        };
        assert_eq!(front.matches(meaning).count(), 1, "{front}");
        // The dates of the assessment and of the board's approval.
        let (made, not_approved) = if lang == "da" {
            (
                "5. november 2026",
                "Bestyrelsen har endnu ikke godkendt selvevalueringen",
            )
        } else {
            (
                "5 November 2026",
                "The board has not yet approved the self-assessment",
            )
        };
        assert!(
            front.contains(made) && front.contains(not_approved),
            "{front}"
        );
    }
    let html = report("almen", "html", "da");
    assert!(html.contains("<dt>Godkendt af bestyrelsen</dt><dd>16. november 2026</dd>"));
    assert!(html.contains("Alle krav i lov og vedtægt er opfyldt."));
}

/// The cells of a Markdown table row, split on unescaped pipes.
fn cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in row.trim().trim_matches('|').chars() {
        match (c, escaped) {
            ('\\', false) => escaped = true,
            ('|', false) => cells.push(String::new()),
            _ => {
                escaped = false;
                cells.last_mut().unwrap().push(c);
            }
        }
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// An overdue duty was "opfyldt" in the board's answer; the report must
/// not leave that word standing as the verdict.
#[test]
fn a_critical_gap_is_never_shown_as_met() {
    let critical = critical_items("mangler");
    for (lang, label, fine) in [
        ("da", "kritisk", ["opfyldt", "følger", "i orden"]),
        ("en", "critical", ["fulfilled", "met", "in order"]),
    ] {
        let md = report("mangler", "markdown", lang);
        let table = &md[md
            .find(if lang == "da" {
                "## Alle punkter"
            } else {
                "## All items"
            })
            .unwrap()..];
        for item in &critical {
            let row = table
                .lines()
                .find(|l| l.starts_with(&format!("| **{item}** ")))
                .unwrap_or_else(|| panic!("no row for {item}"));
            let assessment = cells(row).pop().unwrap();
            assert!(assessment.starts_with(&format!("**{label}**: ")), "{row}");
            assert!(!fine.contains(&assessment.as_str()), "{row}");
        }
        // EGN-4 was answered "opfyldt", and is overdue.
        let row = table
            .lines()
            .find(|l| l.starts_with("| **EGN-4** "))
            .unwrap();
        let your = if lang == "da" {
            "| opfyldt, sidst gjort 20. maj 2024 |"
        } else {
            "| fulfilled, last done 20 May 2024 |"
        };
        assert!(row.contains(your), "{row}");

        let html = report("mangler", "html", lang);
        let table = &html[html.find("<table class=\"items\">").unwrap()..];
        for item in &critical {
            let row = &table[table
                .find(&format!("<tr><td><span class=\"id\">{item}</span>"))
                .unwrap()..];
            let row = &row[..row.find("</tr>").unwrap()];
            let assessment = row.rsplit("<td").next().unwrap();
            assert!(
                assessment.contains(&format!("<span class=\"sev critical\">{label}</span>: ")),
                "{row}"
            );
        }
        // Each gap's card gives the board's answer and the assessment apart.
        let card = &html[html.find("· <span class=\"id\">EGN-4</span>").unwrap()..];
        let card = &card[..card.find("<div class=\"gap").unwrap()];
        let (your, ours) = if lang == "da" {
            ("Jeres svar", "Vores vurdering")
        } else {
            ("Your answer", "Our assessment")
        };
        assert!(card.contains(your) && card.contains(ours), "{card}");
    }
}

/// The board's own words (a note) and what backs them (evidence: a web
/// link as a link, a path as text) are in the report.
#[test]
fn notes_and_evidence_are_shown() {
    // minijinja writes a `/` in HTML as `&#x2f;`, in text and in links.
    let html = report("almen", "html", "da").replace("&#x2f;", "/");
    assert!(
        html.contains("Interessentanalysen blev vedtaget på bestyrelsesmødet 10.03.2026, pkt. 5.")
    );
    assert!(
        html.contains("<a href=\"https://havbakken.example/beboerblad/2026-1#forbrugervalg\">")
    );
    assert!(html.contains("dokumentation/<wbr>interessentanalyse.md<wbr>"));
    assert!(!html.contains("href=\"dokumentation/"), "a path is no link");

    let md = report("almen", "markdown", "en");
    assert!(
        md.contains("Interessentanalysen blev vedtaget på bestyrelsesmødet 10.03.2026, pkt. 5.")
    );
    assert!(md.contains("<https://havbakken.example/beboerblad/2026-1#forbrugervalg>"));
    assert!(md.contains("dokumentation/interessentanalyse.md"));
    assert!(!md.contains("<dokumentation/"), "a path is no link");
}

/// Board-language actions: what to do, by when, who.
#[test]
fn gaps_say_what_to_do_by_when_and_who() {
    let md = report("mangler", "markdown", "da");
    for needle in [
        "- **Det skal I gøre:** Opfyld kravet. Gennemfør handlingsplanen. Læg den skriftlige anmodning til kommunalbestyrelsen ved som dokumentation. **Frist:** 1. februar 2027 (handlingsplanens frist)",
        "- **Ansvarlig:** Organisationsbestyrelsen",
        "- **Handlingsplan:** ingen – hverken en ansvarlig eller en frist er sat",
        "- **Bestyrelsens forklaring:** »TBD«",
        "### kritisk · Krav i lov eller vedtægt, der ikke er opfyldt (4)",
    ] {
        assert!(md.contains(needle), "lacks {needle:?}:\n{md}");
    }
    let md = report("mangler", "markdown", "en");
    assert!(md.contains("- **What to do:** Follow up with the municipal council, and record it in the self-assessment once it has happened."), "{md}");
}

/// Someone else's file: a note and evidence written to attack the reader
/// are text, and only web links are links.
#[test]
fn hostile_notes_and_evidence_are_text() {
    let dir = tempfile::tempdir().unwrap();
    write_hostile(dir.path());
    for lang in LANGS {
        let mut cmd = almen_in(dir.path());
        cmd.args(["report", "almen.toml", "--lang", lang, "--as-of", AS_OF]);
        let html = succeeds(cmd).replace("&#x2f;", "/");
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("href=\"javascript") && !html.contains("href=\"data"));
        for (at, _) in html.match_indices("href=\"") {
            let url = &html[at + 6..];
            assert!(
                url.starts_with("https://") || url.starts_with("http://"),
                "{url}"
            );
        }
        assert!(
            html.contains("<a href=\"https://x.example/a%22%3E%3Cimg%20src=x%3E\">"),
            "{html}"
        );
        // The organisation's name in the running header is a CSS string
        // that cannot end early.
        let style = &html[html.find("<style>").unwrap() + 7..html.find("</style>").unwrap()];
        assert!(!style.contains('<'), "{style}");
        let name = style
            .split("@top-left { content: \"")
            .nth(1)
            .and_then(|rest| rest.split("\"; font:").next())
            .unwrap();
        assert!(
            name.starts_with("Org\\22 \\3b ")
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '\\' || c == ' '),
            "{name}"
        );

        let mut cmd = almen_in(dir.path());
        cmd.args([
            "report",
            "almen.toml",
            "--format",
            "markdown",
            "--lang",
            lang,
            "--as-of",
            AS_OF,
        ]);
        let md = succeeds(cmd);
        assert!(!md.contains("<script") && !md.contains("<img"), "{md}");
        assert!(!md.contains("<javascript:"), "{md}");
        assert!(md.contains("javascript:alert(1)"), "shown as text: {md}");
    }
}

fn write_hostile(dir: &Path) {
    fs::write(
        dir.join("almen.toml"),
        r#"format = 1

[organisation]
name = "Org\"; } </style><script>alert(1)</script>"

[assessment]
checklists = ["samarbejde-med-omverdenen"]
date = 2026-11-01

[answers.OMV-1]
status = "met"
date = 2026-03-10
note = "<script>alert(1)</script>"
evidence = [
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "https://x.example/a\"><img src=x>",
]

[answers.LAB-6F-1]
status = "unmet"
explanation = "<img src=x onerror=alert(1)> forklaring, der er lang nok"
plan = { action = "<script>alert(2)</script>", owner = "<b>ejer</b>", due = 2027-01-01 }
"#,
    )
    .unwrap();
}

/// examples/mangler.toml has a gap of every reason, so the tests above
/// read the board's words for each of them.
#[test]
fn mangler_has_every_reason() {
    let out = check(&["examples/mangler.toml", "--format", "json"])
        .output()
        .unwrap();
    let result = json(&String::from_utf8(out.stdout).unwrap());
    let mut reasons: Vec<&str> = result["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["reason"].as_str().unwrap())
        .collect();
    reasons.sort_unstable();
    reasons.dedup();
    assert_eq!(reasons.len(), 13, "{reasons:?}");
}

/// A request to the municipality that does not ease a lapsed duty says
/// why in the board's words: made after the as-of date, or before the
/// meeting it would have to be about.
#[test]
fn a_request_that_does_not_count_says_why() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("almen.toml"),
        r#"format = 1

[organisation]
name = "Boligforeningen Prøve"

[assessment]
checklists = ["samarbejde-med-omverdenen"]

[answers.STY-1]
status = "met"
date = 2024-09-30
requested = 2024-06-01
evidence = ["https://x.example/anmodning.pdf"]

[answers.LAB-6F-1]
status = "unmet"
requested = 2026-12-01
evidence = ["https://x.example/anmodning-2.pdf"]
"#,
    )
    .unwrap();
    let mut cmd = almen_in(dir.path());
    cmd.args([
        "report",
        "almen.toml",
        "--format",
        "markdown",
        "--as-of",
        AS_OF,
    ]);
    let md = succeeds(cmd);
    for needle in [
        "Anmodningen til kommunalbestyrelsen (1. juni 2024) er fra før 30. september 2024 og gælder ikke den nye frist.",
        "Bed kommunalbestyrelsen skriftligt igen, og læg anmodningen ved som dokumentation.",
        "Anmodningen til kommunalbestyrelsen er dateret 1. december 2026, efter opgørelsesdatoen, og tæller ikke endnu.",
        "Godkendt af bestyrelsen: **Bestyrelsen har endnu ikke godkendt selvevalueringen**",
    ] {
        assert!(md.contains(needle), "lacks {needle:?}:\n{md}");
    }
    assert!(
        !md.contains("Selvevalueringen er lavet"),
        "no date, no line"
    );
}
