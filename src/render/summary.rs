//! `check --summary`: for many organisations, one row each and nothing
//! more: organisation, municipality, adherence, verdict, gaps by severity
//! and the ids of the lapsed duties, worst first. A file that could not be
//! checked is a row of its own, first: it is the worst of all.

use std::cmp::Ordering;
use std::io::{self, Write};

use super::Options;
use super::report::layout::markdown as inert;
use super::table::{Measure, cell_text, fits_measured, paint, wrapped, write_rows};
use super::tally::{Scored, Tally};
use super::words::unchecked_label;
use crate::lang::Lang;
use crate::score::summary_of;

/// One organisation's row, in the words of both formats.
struct Row {
    file: String,
    organisation: String,
    municipality: String,
    adherence: String,
    verdict: &'static str,
    critical: String,
    major: String,
    minor: String,
    lapsed: String,
}

/// Worst first: a file that could not be checked, then more critical gaps,
/// more major gaps, lower adherence; then by file, so that the order is
/// always the same.
fn worst_first(a: &Tally, b: &Tally) -> Ordering {
    worse(a, b).then_with(|| a.file.cmp(&b.file))
}

/// [`worst_first`] but for the file.
fn worse(a: &Tally, b: &Tally) -> Ordering {
    match (&a.scored, &b.scored) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => {
            let (cx, cy) = (x.counts, y.counts);
            cy.critical
                .cmp(&cx.critical)
                .then(cy.major.cmp(&cx.major))
                .then(x.adherence.total_cmp(&y.adherence))
        }
    }
}

/// The places of `tallies` in [`worst_first`] order. Tallies come in the
/// order of their files as a rule (a folder's, in path order), and then
/// a stable sort needs no comparison of files: equals keep their order.
fn worst_first_order(tallies: &[Tally]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..tallies.len()).collect();
    if tallies.windows(2).all(|w| w[0].file <= w[1].file) {
        order.sort_by(|&a, &b| worse(&tallies[a], &tallies[b]));
    } else {
        order.sort_by(|&a, &b| worst_first(&tallies[a], &tallies[b]));
    }
    order
}

fn rows(tallies: &[Tally], lang: Lang) -> Vec<Row> {
    worst_first_order(tallies)
        .into_iter()
        .map(|i| row(&tallies[i], lang))
        .collect()
}

fn row(t: &Tally, lang: Lang) -> Row {
    match &t.scored {
        None => Row {
            file: t.file.clone(),
            organisation: "–".into(),
            municipality: "–".into(),
            adherence: "–".into(),
            verdict: unchecked_label(lang),
            critical: "–".into(),
            major: "–".into(),
            minor: "–".into(),
            lapsed: "–".into(),
        },
        Some(c) => {
            let n = c.counts;
            Row {
                file: t.file.clone(),
                organisation: c.organisation.clone(),
                municipality: c.municipality.clone().unwrap_or_else(|| "–".into()),
                adherence: lang.percent(c.adherence),
                verdict: if c.compliant {
                    lang.pick("✔ overholdt", "✔ compliant")
                } else {
                    lang.pick("✘ ikke overholdt", "✘ not compliant")
                },
                critical: n.critical.to_string(),
                major: n.major.to_string(),
                minor: n.minor.to_string(),
                lapsed: if c.lapsed.is_empty() {
                    "–".into()
                } else {
                    c.lapsed.join(", ")
                },
            }
        }
    }
}

/// One organisation's row of the terminal table, its cells' texts as
/// `table::cell` makes them and measured, in both layouts: made on the thread
/// that checked the assessment, so that what is left at the end, once
/// every row is in, is to sort them and lay the table out.
pub struct Cells {
    wide: [String; 8],
    /// The layout a folder of organisations' names and paths mostly
    /// takes, its cells stacked here rather than at the end.
    narrow: [String; 4],
    wide_measures: [Measure; 8],
    narrow_measures: [Measure; 4],
}

impl Cells {
    pub fn of(tally: &Tally, lang: Lang) -> Cells {
        let r = row(tally, lang);
        let who = format!("{}\n{}", r.organisation, r.file);
        let wide = [
            cell_text(&who),
            cell_text(&r.municipality),
            cell_text(&r.adherence),
            cell_text(r.verdict),
            cell_text(&r.critical),
            cell_text(&r.major),
            cell_text(&r.minor),
            cell_text(&r.lapsed),
        ];
        let m = wide.each_ref().map(|t| Measure::of(t));
        // A stacked cell is wide cells one under the other: its text and
        // its measure are theirs, put together (a cell's text is made a
        // character and a word at a time, and a line break ends both).
        let counts = cell_text(&format!("{} / {} / {}", r.critical, r.major, r.minor));
        let narrow_measures = [m[0].max(m[1]), m[2].max(m[3]), Measure::of(&counts), m[7]];
        let narrow = [
            format!("{}\n{}", wide[0], wide[1]),
            format!("{}\n{}", wide[2], wide[3]),
            counts,
            wide[7].clone(),
        ];
        Cells {
            wide_measures: m,
            narrow_measures,
            wide,
            narrow,
        }
    }
}

/// The closing sentence: how many, how many compliant, the adherence.
fn totals(tallies: &[Tally], lang: Lang) -> String {
    let results: Vec<&Scored> = tallies.iter().filter_map(|t| t.scored.as_ref()).collect();
    let unchecked = tallies.len() - results.len();
    let s = summary_of(results.iter().map(|r| (r.adherence, r.compliant, r.counts)));
    let lapsed: usize = results.iter().map(|c| c.lapsed.len()).sum();
    let mut text = match lang {
        Lang::Da => format!(
            "{} {}, {} overholder følg eller forklar; {} forfaldne krav i alt. Efterlevelse: gennemsnit {}, laveste {}, højeste {}.",
            s.assessments,
            if s.assessments == 1 {
                "organisation"
            } else {
                "organisationer"
            },
            s.compliant,
            lapsed,
            lang.percent(s.mean),
            lang.percent(s.min),
            lang.percent(s.max),
        ),
        Lang::En => format!(
            "{} {}, {} compliant; {} lapsed duties in all. Adherence: mean {}, lowest {}, highest {}.",
            s.assessments,
            if s.assessments == 1 {
                "organisation"
            } else {
                "organisations"
            },
            s.compliant,
            lapsed,
            lang.percent(s.mean),
            lang.percent(s.min),
            lang.percent(s.max),
        ),
    };
    if unchecked > 0 {
        text.push(' ');
        text.push_str(&match lang {
            Lang::Da => format!(
                "{unchecked} {} kunne ikke tjekkes.",
                if unchecked == 1 { "fil" } else { "filer" }
            ),
            Lang::En => format!(
                "{unchecked} {} could not be checked.",
                if unchecked == 1 { "file" } else { "files" }
            ),
        });
    }
    text
}

fn headings(lang: Lang) -> [&'static str; 8] {
    [
        lang.pick("Organisation", "Organisation"),
        lang.pick("Kommune", "Municipality"),
        lang.pick("Efterlevelse", "Adherence"),
        lang.pick("Følg eller forklar", "Comply or explain"),
        lang.pick("Kritiske", "Critical"),
        lang.pick("Væsentlige", "Major"),
        lang.pick("Mindre", "Minor"),
        lang.pick("Forfaldne krav", "Lapsed duties"),
    ]
}

/// The summary as a terminal table, of each tally and its row's
/// [`Cells`], made on up to `threads` threads.
pub fn table(
    tallies: &[Tally],
    cells: &[Cells],
    opts: &Options,
    threads: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = opts.lang;
    let h = headings(lang);
    let stacked = [
        format!("{}\n{}", h[0], h[1]),
        format!("{}\n{}", h[2], h[3]),
        format!("{} / {} / {}", h[4], h[5], h[6]),
        h[7].to_owned(),
    ];
    let stacked = stacked.each_ref().map(String::as_str);
    // One row per organisation, thousands of them: the rows came measured,
    // and only the layout that is shown is made, the wide one where it
    // fits without splitting a word.
    let column = |heading: &str, each: &dyn Fn(&Cells) -> Measure| {
        cells
            .iter()
            .map(each)
            .fold(Measure::of(&cell_text(heading)), Measure::max)
    };
    let wide: Vec<Measure> = (0..h.len())
        .map(|i| column(h[i], &|c| c.wide_measures[i]))
        .collect();
    let shows_wide = fits_measured(&wide, opts.width, true);
    let (titles, columns): (&[&str], Vec<Measure>) = if shows_wide {
        (&h, wide)
    } else {
        let narrow = (0..stacked.len())
            .map(|i| column(stacked[i], &|c| c.narrow_measures[i]))
            .collect();
        (&stacked, narrow)
    };
    // A row for each tally: both are kept for every entry of the run.
    // Their order is found by sorting their places, not the rows: a row
    // is hundreds of bytes, and moving thousands of them about took
    // longer than the comparisons.
    debug_assert_eq!(tallies.len(), cells.len());
    let rows: Vec<&[String]> = worst_first_order(tallies)
        .into_iter()
        .filter_map(|i| cells.get(i))
        .map(|row| -> &[String] {
            if shows_wide { &row.wide } else { &row.narrow }
        })
        .collect();
    writeln!(
        out,
        "{}",
        paint(opts, lang.pick("Samlet oversigt", "Summary"), "1")
    )?;
    write_rows(titles, &rows, &columns, opts, threads, out)?;
    writeln!(out, "{}", wrapped(opts, &totals(tallies, lang), 0, None))
}

/// The summary as a Markdown table, for a pull request or a wiki page.
pub fn markdown(tallies: &[Tally], opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    let h = headings(lang);
    writeln!(out, "## {}\n", lang.pick("Samlet oversigt", "Summary"))?;
    writeln!(out, "| {} |", h.join(" | "))?;
    writeln!(out, "|---|---|---:|---|---:|---:|---:|---|")?;
    for r in rows(tallies, lang) {
        let cells = [
            format!("{} ({})", r.organisation, r.file),
            r.municipality,
            r.adherence,
            r.verdict.to_owned(),
            r.critical,
            r.major,
            r.minor,
            r.lapsed,
        ];
        let cells: Vec<String> = cells.iter().map(|c| inert(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    writeln!(out, "\n{}", inert(&totals(tallies, lang)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Counts;

    /// The order of the places is the order a sort of the tallies
    /// themselves gives, whether they come in the order of their files or
    /// not, with ties, files that could not be checked and a file given
    /// twice.
    #[test]
    fn the_worst_first_order_of_places_is_that_of_the_tallies() {
        let tally = |file: &str, scored: Option<(usize, usize, f64)>| Tally {
            file: file.into(),
            scored: scored.map(|(critical, major, adherence)| Scored {
                organisation: String::new(),
                municipality: None,
                as_of: chrono::NaiveDate::MIN,
                adherence,
                compliant: false,
                counts: Counts {
                    critical,
                    major,
                    ..Counts::default()
                },
                worst: None,
                lapsed: Vec::new(),
            }),
        };
        // Deterministic, and varied: files in order, then turned about.
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        for round in 0..200 {
            let len = usize::try_from(next(40)).unwrap_or(0);
            let mut tallies: Vec<Tally> = (0..len)
                .map(|i| {
                    let scored = (next(5) > 0).then(|| {
                        let adherence =
                            [0.0, 50.0, 75.5, 100.0, -0.0][usize::try_from(next(5)).unwrap_or(0)];
                        (
                            usize::try_from(next(3)).unwrap_or(0),
                            usize::try_from(next(3)).unwrap_or(0),
                            adherence,
                        )
                    });
                    let n = if next(10) == 0 { 0 } else { i };
                    tally(&format!("sector/org-{n:03}.toml"), scored)
                })
                .collect();
            tallies.sort_by(|a, b| a.file.cmp(&b.file));
            if round % 2 == 1 {
                tallies.reverse();
            }
            let mut sorted: Vec<&Tally> = tallies.iter().collect();
            sorted.sort_by(|a, b| worst_first(a, b));
            let by_places: Vec<&Tally> = worst_first_order(&tallies)
                .into_iter()
                .map(|i| &tallies[i])
                .collect();
            assert!(
                sorted
                    .iter()
                    .zip(&by_places)
                    .all(|(a, b)| std::ptr::eq(*a, *b)),
                "round {round}"
            );
            assert_eq!(sorted.len(), by_places.len());
        }
    }

    #[test]
    fn a_stacked_cell_is_the_cell_of_its_parts_put_together() {
        let long = "x".repeat(super::super::table::WORD_LIMIT + 5);
        for (organisation, municipality) in [
            ("Boligforeningen Odense", "Odense Kommune"),
            ("", ""),
            ("Navn\r\nmed\tstyretegn\u{1b}[31m", "sti/til/kommune  "),
            (long.as_str(), "en kommune med et meget langt navn"),
        ] {
            let tally = Tally {
                file: "sector/org-1.toml".into(),
                scored: Some(Scored {
                    organisation: organisation.into(),
                    municipality: Some(municipality.into()),
                    as_of: chrono::NaiveDate::MIN,
                    adherence: 50.0,
                    compliant: false,
                    counts: Counts::default(),
                    worst: None,
                    lapsed: vec!["A".into(), "B/C".into()],
                }),
            };
            let cells = Cells::of(&tally, Lang::Da);
            let r = row(&tally, Lang::Da);
            let who = format!("{}\n{}", r.organisation, r.file);
            let direct = [
                cell_text(&format!("{who}\n{}", r.municipality)),
                cell_text(&format!("{}\n{}", r.adherence, r.verdict)),
                cell_text(&format!("{} / {} / {}", r.critical, r.major, r.minor)),
                cell_text(&r.lapsed),
            ];
            assert_eq!(cells.narrow, direct, "{organisation:?}");
            assert_eq!(
                cells.narrow_measures,
                direct.each_ref().map(|t| Measure::of(t)),
                "{organisation:?}"
            );
        }
    }
}
