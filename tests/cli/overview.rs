//! The overview of many organisations (`almen report FOLDER`, or several
//! files): a snapshot of `examples/kommune` in HTML and Markdown, Danish
//! and English, with and without `--group-by municipality`; the numbers and
//! the subtotals as `check` counts them; the rows worst first; every file
//! that could not be checked on page 1, and exit 2; the legend; the
//! user's text escaped; the same bytes every time, whatever order the files
//! are given in; and what stays the board's report of one organisation.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::{AS_OF, almen, almen_in, array, check, exits, json, root, stderr_of, succeeds};

const KOMMUNE: &str = "examples/kommune";
const LANGS: [&str; 2] = ["da", "en"];

/// The organisations of `examples/kommune`, worst first: most critical
/// gaps, then most major gaps, then lowest adherence.
const WORST_FIRST: [&str; 6] = [
    "Andelsboligforeningen Nørrevænget", // 3 critical, 2 major
    "Boligselskabet Tøjhushaven",        // 1 critical, 1 major
    "Boligselskabet Ulstrup Bakker",     // 1 critical, 0 major
    "Boligselskabet Hadsten Enge",       // 0 critical, 1 major
    "Boligforeningen Gudenåhusene",      // compliant, 88.5 %
    "Boligforeningen Lilleåen",          // compliant, 92.1 %
];

/// `almen report ARGS… --as-of 2026-11-27 --color never`, run from the
/// crate root, its standard output a pipe.
fn report(args: &[&str]) -> assert_cmd::Command {
    let mut cmd = almen();
    cmd.arg("report")
        .args(args)
        .args(["--as-of", AS_OF, "--color", "never"]);
    cmd
}

/// `report` run in `dir`.
fn report_in(dir: &Path, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = report(args);
    cmd.current_dir(dir);
    cmd
}

/// The organisations' names in the order of the matrix's rows (Markdown):
/// the rows with an adherence, but for the subtotals.
fn matrix_rows(md: &str) -> Vec<String> {
    let start = ["## Punkt for punkt", "## Item by item"]
        .iter()
        .find_map(|h| md.find(h))
        .unwrap();
    let end = ["## Bilag", "## Appendix"]
        .iter()
        .find_map(|h| md.find(h))
        .unwrap();
    md[start..end]
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| **") && l.contains("% |"))
        .map(|l| {
            let name = l.trim_start_matches("| ").split(" | ").next().unwrap();
            // Ungrouped, the municipality follows the name.
            name.split(" (").next().unwrap().to_owned()
        })
        .collect()
}

/// A copy of `examples/kommune` in a temp folder, as `kommune/`.
fn kommune_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::copy_dir(&root().join(KOMMUNE), &dir.path().join("kommune"));
    dir
}

#[test]
fn kommune_in_each_format_language_and_grouping() {
    for format in ["html", "markdown"] {
        for lang in LANGS {
            for (grouped, extra) in [
                ("", &[][..]),
                ("_grouped", &["--group-by", "municipality"][..]),
            ] {
                let mut args = vec![KOMMUNE, "--format", format, "--lang", lang];
                args.extend_from_slice(extra);
                let out = succeeds(report(&args));
                if format == "html" {
                    assert!(out.starts_with("<!DOCTYPE html>"));
                    assert!(
                        !out.contains("<script")
                            && !out.contains("http-equiv")
                            && !out.contains("<link")
                            && !out.contains("url(")
                            && !out.contains("src="),
                        "self-contained, no scripts, nothing fetched"
                    );
                    assert!(out.contains("size: A4 landscape"));
                    assert!(out.contains("thead { display: table-header-group; }"));
                    assert!(out.contains("tr, tbody.keep { break-inside: avoid;"));
                }
                insta::assert_snapshot!(format!("overview_{format}_kommune_{lang}{grouped}"), out);
            }
        }
    }
}

#[test]
fn rows_are_worst_first() {
    let md = succeeds(report(&[KOMMUNE, "--format", "markdown"]));
    assert_eq!(matrix_rows(&md), WORST_FIRST);
    // The lapsed duties and the appendix follow the same order.
    let lapsed: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("## Krav i lov"))
        .take_while(|l| !l.starts_with("## Punkt for punkt"))
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Organisation"))
        .map(|l| l.trim_start_matches("| ").split(" | ").next().unwrap())
        .collect();
    assert_eq!(
        lapsed,
        [
            WORST_FIRST[0],
            WORST_FIRST[0],
            WORST_FIRST[0],
            WORST_FIRST[1],
            WORST_FIRST[2]
        ]
    );
    let appendix: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("## Bilag"))
        .filter_map(|l| l.strip_prefix("### "))
        .collect();
    assert_eq!(appendix, WORST_FIRST);
}

/// Equal in gaps and adherence, organisations are in the order a Danish
/// reader looks a name up: æ, ø, å after z.
#[test]
fn equals_are_in_danish_alphabetical_order() {
    let dir = tempfile::tempdir().unwrap();
    let example = fs::read_to_string(root().join(KOMMUNE).join("gudenaahusene.toml")).unwrap();
    for (file, name) in [
        ("a.toml", "Åbo Bolig"),
        ("b.toml", "Zealand Bolig"),
        ("c.toml", "Aarhus Bolig"),
        ("d.toml", "Ørsted Bolig"),
    ] {
        let text = example.replace("Boligforeningen Gudenåhusene", name);
        fs::write(dir.path().join(file), text).unwrap();
    }
    let md = succeeds(report_in(dir.path(), &[".", "--format", "markdown"]));
    assert_eq!(
        matrix_rows(&md),
        ["Aarhus Bolig", "Zealand Bolig", "Ørsted Bolig", "Åbo Bolig"]
    );
}

/// `check --format json` of the same folder.
fn checked(args: &[&str]) -> Value {
    let out = check(&[args, &["--format", "json"]].concat())
        .output()
        .unwrap();
    json(&String::from_utf8(out.stdout).unwrap())
}

/// The mean of adherences as `check`'s summary rounds it: in whole
/// tenths, halves away from zero.
fn mean(adherences: &[f64]) -> f64 {
    let tenths: i64 = adherences.iter().map(|a| (a * 10.0).round() as i64).sum();
    (tenths as f64 / adherences.len() as f64).round() / 10.0
}

fn percent_da(value: f64) -> String {
    format!("{value:.1} %").replace('.', ",")
}

#[test]
fn the_numbers_and_subtotals_are_checks_own() {
    let doc = checked(&[KOMMUNE]);
    let summary = &doc["summary"];
    let md = succeeds(report(&[
        KOMMUNE,
        "--format",
        "markdown",
        "--group-by",
        "municipality",
    ]));
    assert!(
        md.contains(&format!("- Organisationer: {}\n", summary["assessments"])),
        "{md}"
    );
    assert!(md.contains(&format!(
        "- Overholder følg eller forklar: {} af {}\n",
        summary["compliant"], summary["assessments"]
    )));
    assert!(md.contains(&format!(
        "- Krav ikke opfyldt (kritiske mangler i alt): {}\n",
        summary["counts"]["critical"]
    )));
    assert!(md.contains(&format!(
        "- Gennemsnitlig efterlevelse: {}\n",
        percent_da(summary["adherence"]["mean"].as_f64().unwrap())
    )));

    // Each municipality's subtotal, on page 1 and under its rows.
    let results = array(&doc, "results");
    for municipality in ["Favrskov Kommune", "Randers Kommune"] {
        let of: Vec<&Value> = results
            .iter()
            .filter(|r| r["organisation"]["municipality"] == municipality)
            .collect();
        let compliant = of.iter().filter(|r| r["compliant"] == true).count();
        let critical: u64 = of
            .iter()
            .map(|r| r["counts"]["critical"].as_u64().unwrap())
            .sum();
        let major: u64 = of
            .iter()
            .map(|r| r["counts"]["major"].as_u64().unwrap())
            .sum();
        let adherence = percent_da(mean(
            &of.iter()
                .map(|r| r["adherence"].as_f64().unwrap())
                .collect::<Vec<_>>(),
        ));
        let page_one = format!(
            "| {municipality} | {} | {compliant} | {critical} | {adherence} |",
            of.len()
        );
        assert!(md.contains(&page_one), "{page_one}\n{md}");
        let row = format!(
            "| **I alt {municipality}**: {} organisationer, {compliant} overholder følg eller forklar | **{critical}** | **{major}** | **{adherence}** |",
            of.len()
        );
        assert!(md.contains(&row), "{row}\n{md}");
    }
    // Municipalities in alphabetical order.
    let favrskov = md.find("### Favrskov Kommune").unwrap();
    let randers = md.find("### Randers Kommune").unwrap();
    assert!(favrskov < randers);
}

/// An organisation that names no municipality is grouped under "Ingen
/// kommune angivet", last.
#[test]
fn no_municipality_is_a_group_of_its_own_last() {
    let dir = kommune_copy();
    let file = dir.path().join("kommune/noerrevaenget.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("municipality = \"Randers Kommune\"\n", ""),
    )
    .unwrap();
    for (lang, none) in [
        ("da", "Ingen kommune angivet"),
        ("en", "No municipality given"),
    ] {
        let md = succeeds(report_in(
            dir.path(),
            &[
                "kommune",
                "--format",
                "markdown",
                "--group-by",
                "municipality",
                "--lang",
                lang,
            ],
        ));
        let groups: Vec<&str> = md
            .lines()
            .skip_while(|l| {
                !l.starts_with("## Punkt for punkt") && !l.starts_with("## Item by item")
            })
            .take_while(|l| !l.starts_with("## Bilag") && !l.starts_with("## Appendix"))
            .filter_map(|l| l.strip_prefix("### "))
            .filter(|h| h.ends_with("Kommune") || *h == none)
            .collect();
        assert_eq!(
            groups,
            ["Favrskov Kommune", "Randers Kommune", none],
            "{lang}"
        );
        assert!(md.contains(&format!("| {none} | 1 | 0 | 3 | 55")), "{md}");
    }
}

/// An organisation in several municipalities is in the group of each,
/// counted in each subtotal, and once in the numbers and the appendix.
#[test]
fn an_organisation_in_two_municipalities_is_under_each() {
    let dir = kommune_copy();
    let file = dir.path().join("kommune/noerrevaenget.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace(
            "municipality = \"Randers Kommune\"\n",
            "municipalities = [\"Randers Kommune\", \"Favrskov Kommune\"]\n",
        ),
    )
    .unwrap();
    let md = succeeds(report_in(
        dir.path(),
        &[
            "kommune",
            "--format",
            "markdown",
            "--group-by",
            "municipality",
        ],
    ));
    let name = "Andelsboligforeningen Nørrevænget";
    let group = |heading: &str| -> String {
        let start = md.find(&format!("### {heading}\n")).unwrap();
        let rest = &md[start..];
        let end = rest.find("| **I alt").unwrap();
        rest[..end].to_owned()
    };
    // Favrskov had three, Randers had it already.
    for (municipality, organisations) in [("Favrskov Kommune", 4), ("Randers Kommune", 3)] {
        assert!(group(municipality).contains(name), "{municipality}:\n{md}");
        assert!(
            md.contains(&format!(
                "| **I alt {municipality}**: {organisations} organisationer"
            )),
            "{md}"
        );
        assert!(
            md.contains(&format!("| {municipality} | {organisations} |")),
            "{md}"
        );
    }
    assert!(
        md.contains("# Oversigt: God Almen Ledelse – 6 organisationer"),
        "{md}"
    );
    let appendix = &md[md.find("## Bilag").unwrap()..];
    assert_eq!(appendix.matches(&format!("### {name}")).count(), 1, "{md}");
    let lapsed_start = md.find("## Krav i lov").unwrap();
    let lapsed = &md[lapsed_start..md.find("## Punkt for punkt").unwrap()];
    // Its three lapsed duties, each once.
    assert_eq!(lapsed.matches(name).count(), 3, "{lapsed}");
}

#[test]
fn the_legend_has_every_symbol() {
    for lang in LANGS {
        let html = succeeds(report(&[KOMMUNE, "--lang", lang]));
        let legend = &html[html.find("<table class=\"legend\">").unwrap()..];
        let legend = &legend[..legend.find("</table>").unwrap()];
        for (symbol, class) in [
            ("✘", "crit"),
            ("!", "maj"),
            ("?", "maj"),
            ("•", "min"),
            ("◐", "ex"),
            ("–", "na"),
            ("✔", "ok"),
            ("", "no"),
        ] {
            assert!(
                legend.contains(&format!("<td class=\"sym {class}\">{symbol}</td>")),
                "{lang}: {symbol}"
            );
        }
        // Every cell of the matrix is one of them, coloured by its class.
        let matrix = &html[html.find("<table class=\"matrix\">").unwrap()..];
        for cell in matrix.split("<td class=\"").skip(1) {
            let class = cell.split('"').next().unwrap();
            assert!(
                ["n", "adh", "crit", "maj", "min", "ex", "na", "ok", "no"].contains(&class)
                    || cell.starts_with("\" colspan"),
                "{class}"
            );
        }
        // Each item's id heads its column, and the legend gives its title.
        for id in ["OMV-1", "LAB-6F-1", "STY-1", "NV-13", "EKS-3", "VAND-8"] {
            assert!(html.contains(&format!("<span>{id}</span>")), "{id}");
            assert!(
                html.contains(&format!("<span class=\"id\">{id}</span> ")),
                "{id}"
            );
        }
    }
    let md = succeeds(report(&[KOMMUNE, "--format", "markdown"]));
    for row in [
        "| ✘ | **kritisk mangel** |",
        "| \\! | **væsentlig mangel** |",
        "| ? | **ikke vurderet** |",
        "| • | **mindre mangel** |",
        "| ◐ | **forklaret afvigelse** |",
        "| – | **ikke relevant** |",
        "| ✔ | **i orden** |",
        "|  | **tom** |",
    ] {
        assert!(md.contains(row), "{row}");
    }
}

/// The cells of Nørrevænget's row: no answer to OMV-1 (a recommendation)
/// and NV-13 (a duty), an unexplained departure, two duties not met.
#[test]
fn a_row_shows_each_items_status_and_worst_gap() {
    let md = succeeds(report(&[KOMMUNE, "--format", "markdown", "--lang", "en"]));
    let row = md
        .lines()
        .find(|l| l.starts_with("| Andelsboligforeningen Nørrevænget (Randers Kommune) |"))
        .unwrap();
    // Ten items of samarbejde-med-omverdenen; none of the eleven of the
    // other checklists.
    let cells = "| ? | ✔ | ✔ | \\! | ✔ | ✔ | ✘ | ✘ | ✔ | ? |".to_owned() + &"  |".repeat(11);
    assert_eq!(
        row,
        format!("| Andelsboligforeningen Nørrevænget (Randers Kommune) | 3 | 2 | 55.0% {cells}")
    );
    let html = succeeds(report(&[KOMMUNE, "--lang", "en"]));
    assert!(html.contains("<td class=\"maj\" title=\"OMV-1: not assessed\">?</td>"));
    assert!(html.contains("<td class=\"crit\" title=\"NV-13: not assessed\">?</td>"));
    assert!(
        html.contains("<td class=\"crit\" title=\"LAB-6F-1: not fulfilled – duty not met\">✘</td>")
    );
    assert!(html.contains(
        "<td class=\"min\" title=\"STY-1: fulfilled – awaiting the counterparty\">•</td>"
    ));
}

/// A file that cannot be read or is invalid is listed on page 1 with why,
/// and the others are still in the overview; the run exits 2, as `check`
/// of several does.
#[test]
fn a_file_that_could_not_be_checked_is_on_page_one() {
    let dir = kommune_copy();
    fs::copy(
        root().join("tests/fixtures/invalid/unknown-key.toml"),
        dir.path().join("kommune/unknown-key.toml"),
    )
    .unwrap();
    fs::write(
        dir.path().join("kommune/latin1.toml"),
        b"format = 1\nname = \"\xe6\"\n",
    )
    .unwrap();
    for (format, output) in [("html", "oversigt.html"), ("markdown", "oversigt.md")] {
        let assert = report_in(dir.path(), &["kommune", "-o", output])
            .assert()
            .code(2);
        let stderr = stderr_of(&assert);
        assert!(
            stderr.contains("E005") && stderr.contains("E002"),
            "{stderr}"
        );
        let stdout = crate::stdout_of(&assert);
        assert_eq!(
            stdout,
            format!("Skrev {output} (6 organisationer; 2 filer kunne ikke tjekkes)\n")
        );
        let page = fs::read_to_string(dir.path().join(output)).unwrap();
        let front = if format == "html" {
            let front = &page[page.find("<section class=\"front\">").unwrap()..];
            front[..front.find("</section>").unwrap()].replace("&#x2f;", "/")
        } else {
            page[..page.find("## Krav i lov").unwrap()].to_owned()
        };
        for needle in [
            "Filer, der ikke kunne tjekkes (2)",
            "kommune/unknown-key.toml",
            "E005 kommune/unknown-key.toml:11:1: ukendt nøgle",
            "kommune/latin1.toml",
            "E002 kommune/latin1.toml:2:9: filen er ikke UTF-8",
        ] {
            assert!(front.contains(needle), "{format}: {needle}\n{front}");
        }
        for name in WORST_FIRST {
            assert!(page.contains(name), "{format}: {name}");
        }
    }
    // Named one by one, the same.
    let assert = report_in(
        dir.path(),
        &[
            "kommune/lilleaaen.toml",
            "kommune/unknown-key.toml",
            "--format",
            "markdown",
        ],
    )
    .assert()
    .code(2);
    let md = crate::stdout_of(&assert);
    assert!(md.contains("- **kommune/unknown-key.toml**"), "{md}");
    assert!(
        md.contains("# Oversigt: God Almen Ledelse – 1 organisation\n"),
        "{md}"
    );
}

/// A link in a folder is passed over (W012), and the page says so: a file
/// that was not read is never left out in silence. It does not change the
/// exit code, as in `check`.
#[cfg(unix)]
#[test]
fn a_file_passed_over_is_on_page_one_too() {
    let dir = kommune_copy();
    std::os::unix::fs::symlink(
        root().join("examples/almen.toml"),
        dir.path().join("kommune/link.toml"),
    )
    .unwrap();
    let assert = report_in(dir.path(), &["kommune", "--format", "markdown"])
        .assert()
        .code(0);
    assert!(stderr_of(&assert).contains("W012"));
    let md = crate::stdout_of(&assert);
    let front = &md[..md.find("## Krav i lov").unwrap()];
    assert!(front.contains("- **kommune/link.toml**"), "{front}");
    assert!(front.contains("W012 kommune/link.toml:"), "{front}");
}

#[test]
fn hostile_names_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    crate::escaping::write_fixture(dir.path());
    fs::copy(
        root().join(KOMMUNE).join("lilleaaen.toml"),
        dir.path().join("lilleaaen.toml"),
    )
    .unwrap();
    let hostile = root().join("tests/fixtures/hostile");
    for args in [&["."][..], &[".", "--group-by", "municipality"][..]] {
        let html = succeeds(report_in(dir.path(), args));
        assert!(!html.contains("<script"), "markup reached the HTML");
        assert!(
            !html.contains("\"x&y\""),
            "quotes and ampersand reached the HTML raw"
        );
        assert!(html.contains("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;&#x2f;script&gt;"));
        // The name, its municipality, a checklist's and an item's title.
        assert!(html.matches("&lt;script&gt;").count() >= 6, "{html}");

        let mut md_args = args.to_vec();
        md_args.extend(["--format", "markdown"]);
        let md = succeeds(report_in(dir.path(), &md_args));
        assert!(!md.contains("<script"), "markup reached the Markdown");
        assert!(!md.contains("*b*") && !md.contains("_i_") && !md.contains("[l](u)"));
        for line in md.lines() {
            assert!(
                !line.starts_with("line2"),
                "a line break ended a line: {line}"
            );
        }
        // Every row of a table has as many cells as its header.
        let mut columns = None;
        for line in md.lines() {
            if line.starts_with('|') {
                let n = crate::escaping::cells(line);
                match columns {
                    None => columns = Some(n),
                    Some(c) => assert_eq!(n, c, "a table row broke: {line}"),
                }
            } else {
                columns = None;
            }
        }
    }
    // Control characters and a workflow command in a name are shown, never
    // obeyed: no line of the page starts with the user's text.
    let out = almen_in(&hostile)
        .args([
            "report",
            "almen.toml",
            "--group-by",
            "municipality",
            "--as-of",
            AS_OF,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(!html.contains('\u{1b}') && !html.contains('\0'));
    assert!(!html.lines().any(|l| l.starts_with("::")), "{html}");
    assert!(!html.contains("</script><script>"));
}

#[test]
fn the_same_files_give_the_same_bytes_in_any_order() {
    let files = [
        "examples/kommune/noerrevaenget.toml",
        "examples/kommune/lilleaaen.toml",
        "examples/kommune/toejhushaven.toml",
        "examples/kommune/gudenaahusene.toml",
    ];
    let mut reversed = files;
    reversed.reverse();
    for format in ["html", "markdown"] {
        let first = succeeds(report(&[&files[..], &["--format", format]].concat()));
        assert_eq!(
            first,
            succeeds(report(&[&files[..], &["--format", format]].concat()))
        );
        assert_eq!(
            first,
            succeeds(report(&[&reversed[..], &["--format", format]].concat()))
        );
    }
}

#[test]
fn an_md_output_is_markdown_and_the_run_says_what_it_wrote() {
    let dir = kommune_copy();
    for (lang, said) in [
        ("da", "Skrev oversigt.md (6 organisationer)\n"),
        ("en", "Wrote oversigt.md (6 organisations)\n"),
    ] {
        let out = succeeds(report_in(
            dir.path(),
            &["kommune", "-o", "oversigt.md", "--lang", lang],
        ));
        assert_eq!(out, said);
        let md = fs::read_to_string(dir.path().join("oversigt.md")).unwrap();
        assert!(md.starts_with("# "), "{md}");
    }
    // --format html wins over the name.
    succeeds(report_in(
        dir.path(),
        &["kommune", "-o", "oversigt.md", "--format", "html"],
    ));
    let html = fs::read_to_string(dir.path().join("oversigt.md")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
}

/// One file is the board's report, as it always was; a folder is always
/// the overview, however many it holds (as `check` gives the shape of
/// several for a folder); `--group-by` asks for the overview.
#[test]
fn one_file_is_the_boards_report_and_a_folder_the_overview() {
    let board = succeeds(report(&["examples/kommune/lilleaaen.toml"]));
    assert!(board.contains("Bestyrelsens behandling"));
    assert!(!board.contains("Punkt for punkt"));

    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("en")).unwrap();
    fs::copy(
        root().join(KOMMUNE).join("lilleaaen.toml"),
        dir.path().join("en/lilleaaen.toml"),
    )
    .unwrap();
    let overview = succeeds(report_in(dir.path(), &["en"]));
    assert!(overview.contains("<h1>1 organisation</h1>"), "{overview}");
    assert!(!overview.contains("Bestyrelsens behandling"));

    let grouped = succeeds(report(&[
        "examples/kommune/lilleaaen.toml",
        "--group-by",
        "municipality",
    ]));
    assert!(grouped.contains("<h1>1 organisation</h1>"));
    assert!(grouped.contains("Favrskov Kommune"));
}

/// The statement is one organisation's: of several, it is refused (E025)
/// and nothing is written.
#[test]
fn the_statement_of_several_is_refused() {
    let dir = kommune_copy();
    for args in [
        &["kommune", "--format", "statement", "-o", "r.html"][..],
        &[
            "kommune/lilleaaen.toml",
            "kommune/toejhushaven.toml",
            "--format",
            "statement-markdown",
            "-o",
            "r.html",
        ][..],
        &[
            "kommune/lilleaaen.toml",
            "--group-by",
            "municipality",
            "--format",
            "statement",
            "-o",
            "r.html",
        ][..],
    ] {
        let assert = report_in(dir.path(), args).assert().code(2);
        assert!(stderr_of(&assert).contains("E025"), "{args:?}");
        assert!(!dir.path().join("r.html").exists());
    }
}

/// The overview may not replace one of the files it reads.
#[test]
fn the_overview_never_replaces_an_input() {
    let dir = kommune_copy();
    let before = fs::read(dir.path().join("kommune/lilleaaen.toml")).unwrap();
    let assert = report_in(dir.path(), &["kommune", "-o", "kommune/lilleaaen.toml"])
        .assert()
        .code(2);
    assert!(stderr_of(&assert).contains("E018"));
    assert_eq!(
        fs::read(dir.path().join("kommune/lilleaaen.toml")).unwrap(),
        before
    );
}

/// What the README's example writes exits 0 and lists every organisation.
#[test]
fn the_readme_example() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("oversigt.html");
    let out = exits(
        report(&[
            KOMMUNE,
            "-o",
            output.to_str().unwrap(),
            "--group-by",
            "municipality",
        ]),
        0,
    );
    assert!(out.starts_with("Skrev "), "{out}");
    let html = fs::read_to_string(output).unwrap();
    for name in WORST_FIRST {
        assert!(html.contains(name), "{name}");
    }
}
