//! `almen report --format statement`: the comply-or-explain statement an
//! organisation publishes. Snapshots of both examples in HTML and Markdown,
//! Danish and English; that it publishes nothing internal (no gap words,
//! severities, codes, file syntax, notes or evidence); that a statement of
//! an assessment the board has not approved says so; that it states the
//! scored result (a lapsed duty is not fulfilled, a placeholder is no
//! explanation); how the output's name picks HTML or Markdown; and that
//! hostile text is shown, never obeyed.

use std::fs;
use std::path::Path;

use crate::AS_OF;

const ALMEN: &str = "examples/almen.toml";
const MANGLER: &str = "examples/mangler.toml";

/// `almen report FILE --format FORMAT --lang LANG`, which must succeed
/// with nothing on stderr.
fn statement(file: &str, format: &str, lang: &str) -> String {
    let mut cmd = crate::almen();
    cmd.args(["report", file, "--format", format, "--lang", lang])
        .args(["--as-of", AS_OF, "--color", "never"]);
    crate::succeeds(cmd)
}

/// Every statement of both examples: (name, text).
fn all() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, file) in [("almen", ALMEN), ("mangler", MANGLER)] {
        for format in ["statement", "statement-markdown"] {
            for lang in ["da", "en"] {
                out.push((
                    format!("{format} {name} {lang}"),
                    statement(file, format, lang),
                ));
            }
        }
    }
    out
}

/// The Markdown table row of one item.
fn row<'a>(md: &'a str, id: &str) -> &'a str {
    md.lines()
        .find(|l| l.starts_with(&format!("| {id} ")))
        .unwrap_or_else(|| panic!("no row for {id} in:\n{md}"))
}

#[test]
fn snapshots() {
    for (name, file) in [("almen", ALMEN), ("mangler", MANGLER)] {
        for lang in ["da", "en"] {
            let html = statement(file, "statement", lang);
            assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
            insta::assert_snapshot!(format!("statement_html_{name}_{lang}"), html);
            let md = statement(file, "statement-markdown", lang);
            insta::assert_snapshot!(format!("statement_markdown_{name}_{lang}"), md);
        }
    }
}

/// The statement is the organisation's public text: none of the words a
/// gap report uses, nothing of the file's syntax, no internal note, no
/// evidence.
#[test]
fn publishes_nothing_internal() {
    let forbidden = [
        // Severities and the words of gaps.
        "kritisk",
        "væsentlig",
        "critical",
        "major",
        "minor",
        "mangel",
        "Mangler",
        "gap",
        "forfalden",
        "forældet",
        "overdue",
        "stale",
        "Efterlevelse",
        "adherence",
        "Adherence",
        // Reason codes.
        "not-assessed",
        "unexplained",
        "na-unexplained",
        "duty-not-applicable",
        "awaiting-counterparty",
        "evidence-not-found",
        "no-evidence",
        "date-missing",
        "plan-overdue",
        // File syntax.
        "[answers.",
        "`",
        "explanation =",
        "status =",
        "requested =",
        "almen.toml",
        // Evidence.
        "dokumentation/",
        ".pdf",
        "fjordglimt.example",
        "havbakken.example",
        // Notes (one from each example) and a plan's owner.
        "Vi mødes med kommunen",
        "Interessentanalysen blev vedtaget",
        "Kommunen har offentliggjort",
        "Direktionen",
        // The tool itself.
        "SHA-256",
        "almen 0.",
    ];
    for (name, text) in all() {
        // What a reader sees: the stylesheet's words (`gap`) are not text.
        let text = match (text.find("<style>"), text.find("</style>")) {
            (Some(start), Some(end)) => format!("{}{}", &text[..start], &text[end..]),
            _ => text,
        };
        for word in forbidden {
            assert!(!text.contains(word), "{name} says {word:?}:\n{text}");
        }
    }
}

#[test]
fn an_unapproved_assessment_is_a_draft() {
    for (format, lang, banner) in [
        ("statement", "da", "Udkast – ikke godkendt af bestyrelsen"),
        ("statement", "en", "Draft – not approved by the board"),
        (
            "statement-markdown",
            "da",
            "> **Udkast – ikke godkendt af bestyrelsen.**",
        ),
        (
            "statement-markdown",
            "en",
            "> **Draft – not approved by the board.**",
        ),
    ] {
        // mangler.toml has no `approved`: the banner comes first.
        let draft = statement(MANGLER, format, lang);
        if format == "statement" {
            // In the page's title, and first thing in its body.
            assert!(draft.contains(&format!("<title>{banner}: ")), "{draft}");
            let body = &draft[draft.find("<body>").unwrap()..];
            let at = body.find(banner).unwrap_or_else(|| panic!("{draft}"));
            assert!(at < body.find("<h1>").unwrap(), "{draft}");
        } else {
            let at = draft.find(banner).unwrap_or_else(|| panic!("{draft}"));
            assert_eq!(at, 0, "{draft}");
        }
        // almen.toml was approved on 2026-11-16.
        let approved = statement(ALMEN, format, lang);
        assert!(!approved.contains(banner), "{approved}");
        assert!(
            !approved.contains(lang_pick(lang, "Udkast", "Draft")),
            "{approved}"
        );
        assert!(
            approved.contains(lang_pick(lang, "16. november 2026", "16 November 2026")),
            "{approved}"
        );
    }
}

fn lang_pick<'a>(lang: &str, da: &'a str, en: &'a str) -> &'a str {
    if lang == "da" { da } else { en }
}

/// The statement says what the score says, not what the file says.
#[test]
fn states_the_scored_result() {
    let da = statement(MANGLER, "statement-markdown", "da");
    let en = statement(MANGLER, "statement-markdown", "en");

    // EGN-4 is answered `opfyldt`, but its yearly date has passed.
    assert!(row(&da, "EGN-4").contains("| ikke opfyldt |"), "{da}");
    assert!(
        row(&da, "EGN-4").contains(
            "Sidst gjort 20. maj 2024; skulle have været gjort igen senest 31. december 2025."
        ),
        "{da}"
    );
    assert!(row(&en, "EGN-4").contains("| not fulfilled |"), "{en}");

    // STY-1 has passed too, and waits for the municipal council, asked in
    // writing.
    assert!(
        row(&da, "STY-1")
            .contains("| ikke opfyldt – afventer kommunalbestyrelsen, anmodet 15. oktober 2025 |"),
        "{da}"
    );
    assert!(
        row(&en, "STY-1").contains(
            "| not fulfilled – awaiting the municipal council, requested on 15 October 2025 |"
        ),
        "{en}"
    );

    // NV-13 is declared not applicable, which a duty for every housing
    // organisation cannot be.
    assert!(row(&da, "NV-13").contains("| ikke opfyldt |"), "{da}");

    // EKS-3 says "TBD": a placeholder is no explanation.
    let eks3 = row(&da, "EKS-3");
    assert!(
        eks3.contains("| følger delvist – ingen forklaring |"),
        "{eks3}"
    );
    assert!(!da.contains("TBD") && !en.contains("TBD"), "{da}");
    assert!(
        row(&en, "EKS-3").contains("| partly complies – no explanation |"),
        "{en}"
    );

    // OMV-1 has no answer; OMV-2 is partial with a note but no explanation.
    assert!(row(&da, "OMV-1").contains("| ikke vurderet |"), "{da}");
    assert!(
        row(&da, "OMV-2").contains("| følger delvist – ingen forklaring |"),
        "{da}"
    );

    // OMV-4: the explanation, then what the organisation does.
    let omv4 = row(&da, "OMV-4");
    assert!(
        omv4.contains("| følger delvist | Vi har en boligsocial aftale"),
        "{omv4}"
    );
    assert!(
        omv4.contains("**Det gør vi:** Indgå partnerskabsaftale med jobcentret om beskæftigelse blandt beboerne (senest 1. september 2026; fristen er overskredet)"),
        "{omv4}"
    );

    // EGN-1 was last reviewed too long ago: only partly followed.
    assert!(
        row(&da, "EGN-1").contains("| følger delvist | Sidst gennemgået 1. juni 2024"),
        "{da}"
    );
    // EGN-2 is not applicable, without saying why.
    assert!(
        row(&da, "EGN-2").contains("| ikke relevant – ingen forklaring |"),
        "{da}"
    );

    // Everything in almen.toml is followed and fulfilled.
    let ok = statement(ALMEN, "statement-markdown", "da");
    assert!(ok.contains("Anbefalinger:** 17 i alt; følger 17."), "{ok}");
    assert!(
        ok.contains("Krav i lov og vedtægter:** 4 i alt; opfyldt 4."),
        "{ok}"
    );
}

/// A recommendation and a conditional duty answered not applicable with a
/// reason, and a duty for every organisation answered the same way.
#[test]
fn not_applicable_is_stated_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("almen.toml"),
        r#"format = 1

[organisation]
name = "Boligforeningen Lille"

[assessment]
checklists = ["samarbejde-med-omverdenen"]
date = 2026-11-02
approved = 2026-11-20

[answers.OMV-4]
status = "ikke-relevant"
explanation = "Organisationen har kun én afdeling og ingen strategiske mål, som et partnerskab ville styrke."

[answers.LAB-6F-2]
status = "not-applicable"
explanation = "Der er ingen andre relevante parter i vores to boligområder at koordinere med."

[answers.NV-13]
status = "not-applicable"
explanation = "Administrationsorganisationen indsender materialet for os hvert år."
"#,
    )
    .unwrap();
    let file = dir.path().join("almen.toml");
    let md = statement(file.to_str().unwrap(), "statement-markdown", "da");
    assert!(
        row(&md, "OMV-4").contains("| ikke relevant | Organisationen har kun én afdeling"),
        "{md}"
    );
    assert!(
        row(&md, "LAB-6F-2").contains("| ikke relevant | Der er ingen andre relevante parter"),
        "{md}"
    );
    assert!(row(&md, "NV-13").contains("| ikke opfyldt |"), "{md}");
    // No CVR given, none shown; the approval in long form.
    assert!(!md.contains("CVR"), "{md}");
    assert!(
        md.contains("- Godkendt af bestyrelsen: 20. november 2026"),
        "{md}"
    );
}

#[test]
fn html_is_self_contained_and_printable() {
    for lang in ["da", "en"] {
        let html = statement(MANGLER, "statement", lang);
        for needle in ["<script", "<link", "src=", "url(", "@import", "http-equiv"] {
            assert!(!html.contains(needle), "{needle} in {html}");
        }
        assert!(html.contains("@page { size: A4;"), "{html}");
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{html}");
        // The same bytes every time.
        assert_eq!(html, statement(MANGLER, "statement", lang));
    }
}

/// `--format statement` is HTML, or Markdown where `-o` ends in `.md`;
/// `statement-markdown` is always Markdown. Without `--format`, `report`
/// writes the board's report, also as Markdown for a `.md` file.
#[test]
fn the_output_name_picks_html_or_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], name: &str| -> String {
        let path = dir.path().join(name);
        let mut cmd = crate::almen();
        cmd.args(["report", MANGLER, "-o", path.to_str().unwrap()])
            .args(args)
            .args(["--as-of", AS_OF]);
        let said = crate::succeeds(cmd);
        assert!(said.starts_with("Skrev ") && said.contains(name), "{said}");
        fs::read_to_string(&path).unwrap()
    };
    let markdown = statement(MANGLER, "statement-markdown", "da");
    let html = statement(MANGLER, "statement", "da");
    assert_eq!(run(&["--format", "statement"], "redegørelse.md"), markdown);
    assert_eq!(run(&["--format", "statement"], "REDEGØRELSE.MD"), markdown);
    assert_eq!(run(&["--format", "statement"], "redegørelse.html"), html);
    assert_eq!(
        run(&["--format", "statement-markdown"], "redegørelse.txt"),
        markdown
    );
    // The board's report: Markdown for a `.md` file unless HTML is asked for.
    let report_md = run(&[], "rapport.md");
    assert!(report_md.starts_with("# Selvevaluering"), "{report_md}");
    let report_html = run(&["--format", "html"], "rapport.md");
    assert!(report_html.starts_with("<!DOCTYPE html>"), "{report_html}");
    assert!(run(&[], "rapport.html").starts_with("<!DOCTYPE html>"));
}

/// The statement is `report`'s: `check` does not take it.
#[test]
fn check_does_not_write_a_statement() {
    for format in ["statement", "statement-markdown"] {
        crate::fails(
            crate::check(&[MANGLER, "--format", format]),
            &["ugyldig værdi"],
        );
    }
}

/// Whether a character is one a parser or a terminal would trip on.
fn unshowable(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// The hostile fixture's markup, control characters, `javascript:` links
/// and forged workflow commands are shown as text in both forms.
#[test]
fn hostile_text_is_shown_not_obeyed() {
    let hostile = "tests/fixtures/hostile/almen.toml";
    for lang in ["da", "en"] {
        let html = statement(hostile, "statement", lang);
        assert!(!html.contains(|c| unshowable(c) && c != '\t'), "{html:?}");
        assert!(!html.contains("<script") && !html.contains("</script"));
        assert!(!html.contains("<img"), "an HTML tag");
        assert!(!html.contains("href=\"javascript") && !html.contains("href=\"img"));
        assert!(
            html.contains("&lt;&#x2f;script&gt;&lt;script&gt;alert(1)"),
            "{html}"
        );
        assert!(html.lines().all(|l| !l.starts_with("::")), "{html}");

        let md = statement(hostile, "statement-markdown", lang);
        assert!(!md.contains(unshowable), "{md:?}");
        for (at, _) in md.match_indices('<') {
            let link = &md[at..at + md[at..].find('>').expect("a link is closed") + 1];
            assert!(
                link.starts_with("<https://") || link.starts_with("<http://"),
                "raw HTML: {link}"
            );
            assert!(!link.contains(char::is_whitespace), "{link}");
        }
        assert!(!md.contains("](javascript:") && !md.contains("<javascript:"));
        assert!(md.contains("&lt;/script&gt;&lt;script&gt;alert(1)"), "{md}");
        assert!(md.lines().all(|l| !l.starts_with("::")), "{md}");
        // Every table row keeps its three cells, whatever the text.
        for line in md.lines().filter(|l| l.starts_with('|')) {
            let cells = line.replace("\\|", "").matches('|').count();
            assert_eq!(cells, 4, "{line}");
        }
    }
    assert!(Path::new(hostile).exists());
}
