//! `check --summary`: for many organisations, one row each and nothing
//! more: organisation, municipality, adherence, verdict, gaps by severity
//! and the ids of the lapsed duties, worst first. A file that could not be
//! checked is a row of its own, first: it is the worst of all.

use std::cmp::{Ordering, Reverse};
use std::fmt::{self, Write as _};
use std::io::{self, Write};

use super::Options;
use super::report::layout::markdown as inert;
use super::table::{
    Measure, cell_text, fits_measured, length, paint, push_cell_text, wrapped, write_rows,
};
use super::tally::{Scored, Tally};
use super::words::unchecked_label;
use crate::lang::Lang;
use crate::score::summary_of;

/// One organisation's row, in the words of both formats.
struct Row<'t> {
    file: &'t str,
    organisation: &'t str,
    municipality: &'t str,
    adherence: String,
    verdict: &'static str,
    critical: Shown<'t>,
    major: Shown<'t>,
    minor: Shown<'t>,
    lapsed: Shown<'t>,
}

/// A cell of a count or a list, written as it is shown.
#[derive(Clone, Copy)]
enum Shown<'t> {
    /// Nothing to show: a file not checked, or no lapsed duty.
    Dash,
    Count(usize),
    /// Ids, separated by commas.
    Ids(&'t [String]),
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Dash => f.write_str("–"),
            Shown::Count(n) => write!(f, "{n}"),
            Shown::Ids(ids) => {
                for (i, id) in ids.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(id)?;
                }
                Ok(())
            }
        }
    }
}

/// Worst first: a file that could not be checked, then more critical gaps,
/// more major gaps, lower adherence; then by file, so that the order is
/// always the same.
fn worst_first(a: &Tally, b: &Tally) -> Ordering {
    worse(a, b).then_with(|| a.file.cmp(&b.file))
}

/// [`worst_first`] but for the file.
fn worse(a: &Tally, b: &Tally) -> Ordering {
    badness(a).cmp(&badness(b))
}

/// What [`worse`] compares, as a key: the less, the worse.
fn badness(t: &Tally) -> (bool, Reverse<usize>, Reverse<usize>, i64) {
    match &t.scored {
        None => (false, Reverse(0), Reverse(0), 0),
        Some(s) => {
            // The adherence as a whole number that orders as
            // `f64::total_cmp` orders adherences.
            let bits = s.adherence.to_bits() as i64;
            let adherence = bits ^ ((((bits >> 63) as u64) >> 1) as i64);
            (
                true,
                Reverse(s.counts.critical),
                Reverse(s.counts.major),
                adherence,
            )
        }
    }
}

/// The places of `tallies` in [`worst_first`] order. Tallies come in the
/// order of their files as a rule (a folder's, in path order), and then
/// no file needs comparing: equals are ordered by their places.
fn worst_first_order(tallies: &[Tally]) -> Vec<usize> {
    if tallies.windows(2).all(|w| w[0].file <= w[1].file) {
        // Each key made once, and ties kept in order by the place.
        let mut keyed: Vec<_> = tallies
            .iter()
            .enumerate()
            .map(|(i, t)| (badness(t), i))
            .collect();
        keyed.sort_unstable();
        return keyed.into_iter().map(|(_, i)| i).collect();
    }
    let mut order: Vec<usize> = (0..tallies.len()).collect();
    order.sort_by(|&a, &b| worst_first(&tallies[a], &tallies[b]));
    order
}

fn rows(tallies: &[Tally], lang: Lang) -> Vec<Row<'_>> {
    worst_first_order(tallies)
        .into_iter()
        .map(|i| row(&tallies[i], lang))
        .collect()
}

fn row(t: &Tally, lang: Lang) -> Row<'_> {
    match &t.scored {
        None => Row {
            file: &t.file,
            organisation: "–",
            municipality: "–",
            adherence: "–".into(),
            verdict: unchecked_label(lang),
            critical: Shown::Dash,
            major: Shown::Dash,
            minor: Shown::Dash,
            lapsed: Shown::Dash,
        },
        Some(c) => {
            let n = c.counts;
            Row {
                file: &t.file,
                organisation: &c.organisation,
                municipality: c.municipality.as_deref().unwrap_or("–"),
                adherence: lang.percent(c.adherence),
                verdict: if c.compliant {
                    lang.pick("✔ overholdt", "✔ compliant")
                } else {
                    lang.pick("✘ ikke overholdt", "✘ not compliant")
                },
                critical: Shown::Count(n.critical),
                major: Shown::Count(n.major),
                minor: Shown::Count(n.minor),
                lapsed: if c.lapsed.is_empty() {
                    Shown::Dash
                } else {
                    Shown::Ids(&c.lapsed)
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
    /// The wide layout's eight cells and the narrow one's cell of counts,
    /// one after another, each but the last followed by a line break. A
    /// cell of the narrow layout stacks two wide ones (one under the
    /// other), or is one of the nine: each is one run of this text.
    text: String,
    /// Where each of the nine cells ends in `text`.
    ends: [u32; 9],
    measures: [Measure; 9],
}

impl Cells {
    pub fn of(tally: &Tally, lang: Lang) -> Cells {
        let r = row(tally, lang);
        let mut cells = Cells {
            text: String::with_capacity(r.file.len() + r.organisation.len() + 96),
            ends: [0; 9],
            measures: [Measure::default(); 9],
        };
        // Each cell is made a cell's text straight into `text`: none is a
        // string of its own. Those put together are put together in `raw`.
        let mut raw = String::new();
        let mut at = 0;
        let mut cell = |cells: &mut Cells, text: &str| {
            if at > 0 {
                cells.text.push('\n');
            }
            push_cell_text(text, &mut cells.text);
            cells.ends[at] = length(cells.text.len());
            at += 1;
        };
        let _ = write!(raw, "{}\n{}", r.organisation, r.file);
        cell(&mut cells, &raw);
        cell(&mut cells, r.municipality);
        cell(&mut cells, &r.adherence);
        cell(&mut cells, r.verdict);
        for shown in [r.critical, r.major, r.minor, r.lapsed] {
            raw.clear();
            let _ = write!(raw, "{shown}");
            cell(&mut cells, &raw);
        }
        raw.clear();
        let _ = write!(raw, "{} / {} / {}", r.critical, r.major, r.minor);
        cell(&mut cells, &raw);
        cells.measures = std::array::from_fn(|i| Measure::of(cells.cells(i, i)));
        cells
    }

    /// The text of the cells `first` to `last`, one under the other.
    fn cells(&self, first: usize, last: usize) -> &str {
        let start = match first {
            0 => 0,
            _ => self.ends[first - 1] as usize + 1,
        };
        self.text
            .get(start..self.ends[last] as usize)
            .unwrap_or_default()
    }

    /// The wide layout's cells.
    fn wide(&self) -> [&str; 8] {
        std::array::from_fn(|i| self.cells(i, i))
    }

    /// The narrow layout's cells.
    fn narrow(&self) -> [&str; 4] {
        [
            self.cells(0, 1),
            self.cells(2, 3),
            self.cells(8, 8),
            self.cells(7, 7),
        ]
    }
}

/// From the measures of the nine cells of [`Cells`], or of their
/// columns, those of the narrow layout's four: a stacked cell's is that
/// of the cells in it (a cell's text is made a character and a word at a
/// time, and a line break ends both).
fn narrow(m: &[Measure; 9]) -> [Measure; 4] {
    [m[0].max(m[1]), m[2].max(m[3]), m[8], m[7]]
}

/// A summary's rows as they come in, and the measures of their columns so
/// far: the columns are measured as the rows come, not all at the end.
#[derive(Default)]
pub struct Rows {
    cells: Vec<Cells>,
    /// Of each of the nine cells of [`Cells`], the measure of its column.
    measures: [Measure; 9],
}

impl Rows {
    /// Room for `rows` more.
    pub fn reserve(&mut self, rows: usize) {
        self.cells.reserve_exact(rows);
    }

    pub fn push(&mut self, cells: Cells) {
        for (column, cell) in self.measures.iter_mut().zip(cells.measures) {
            *column = column.max(cell);
        }
        self.cells.push(cells);
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
    rows: &Rows,
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
    // One row per organisation, thousands of them: the columns came
    // measured, and only the layout that is shown is made, the wide one
    // where it fits without splitting a word.
    let column = |heading: &str, measure: Measure| Measure::of(&cell_text(heading)).max(measure);
    let wide: Vec<Measure> = h
        .iter()
        .zip(&rows.measures)
        .map(|(h, m)| column(h, *m))
        .collect();
    let shows_wide = fits_measured(&wide, opts.width, true);
    let (titles, columns): (&[&str], Vec<Measure>) = if shows_wide {
        (&h, wide)
    } else {
        let columns = stacked
            .iter()
            .zip(narrow(&rows.measures))
            .map(|(h, m)| column(h, m))
            .collect();
        (&stacked, columns)
    };
    let cells = &rows.cells;
    // A row for each tally: both are kept for every entry of the run.
    // Their order is found by sorting their places, not the rows: a row
    // is hundreds of bytes, and moving thousands of them about took
    // longer than the comparisons.
    debug_assert_eq!(tallies.len(), cells.len());
    let order = worst_first_order(tallies).into_iter();
    let (wide_rows, narrow_rows): (Vec<[&str; 8]>, Vec<[&str; 4]>) = if shows_wide {
        (
            order
                .filter_map(|i| cells.get(i))
                .map(Cells::wide)
                .collect(),
            Vec::new(),
        )
    } else {
        (
            Vec::new(),
            order
                .filter_map(|i| cells.get(i))
                .map(Cells::narrow)
                .collect(),
        )
    };
    let shown: Vec<&[&str]> = wide_rows
        .iter()
        .map(|row| -> &[&str] { row })
        .chain(narrow_rows.iter().map(|row| -> &[&str] { row }))
        .collect();
    writeln!(
        out,
        "{}",
        paint(opts, lang.pick("Samlet oversigt", "Summary"), "1")
    )?;
    write_rows(titles, &shown, &columns, opts, threads, out)?;
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
            r.municipality.to_owned(),
            r.adherence,
            r.verdict.to_owned(),
            r.critical.to_string(),
            r.major.to_string(),
            r.minor.to_string(),
            r.lapsed.to_string(),
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
                        let adherence = [0.0, 50.0, 75.5, 100.0, -0.0, -12.5, f64::NAN, -f64::NAN]
                            [usize::try_from(next(8)).unwrap_or(0)];
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
            // The order as a comparison of two tallies says it.
            sorted.sort_by(|a, b| {
                let worse = match (&a.scored, &b.scored) {
                    (None, None) => Ordering::Equal,
                    (None, Some(_)) => Ordering::Less,
                    (Some(_), None) => Ordering::Greater,
                    (Some(x), Some(y)) => (y.counts.critical.cmp(&x.counts.critical))
                        .then(y.counts.major.cmp(&x.counts.major))
                        .then(x.adherence.total_cmp(&y.adherence)),
                };
                worse.then_with(|| a.file.cmp(&b.file))
            });
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
                    lapsed: vec!["A".into(), "B/C".into(), organisation.into()],
                }),
            };
            let cells = Cells::of(&tally, Lang::Da);
            let r = row(&tally, Lang::Da);
            let who = format!("{}\n{}", r.organisation, r.file);
            let direct = [
                cell_text(&format!("{who}\n{}", r.municipality)),
                cell_text(&format!("{}\n{}", r.adherence, r.verdict)),
                cell_text(&format!("{} / {} / {}", r.critical, r.major, r.minor)),
                cell_text(&r.lapsed.to_string()),
            ];
            assert_eq!(cells.narrow(), direct.each_ref().map(String::as_str));
            assert_eq!(
                narrow(&cells.measures),
                direct.each_ref().map(|t| Measure::of(t)),
                "{organisation:?}"
            );
            let wide = [
                who,
                r.municipality.to_owned(),
                r.adherence.clone(),
                r.verdict.to_owned(),
                r.critical.to_string(),
                r.major.to_string(),
                r.minor.to_string(),
                r.lapsed.to_string(),
            ]
            .map(|t| cell_text(&t));
            assert_eq!(cells.wide(), wide.each_ref().map(String::as_str));
            assert_eq!(
                std::array::from_fn(|i| cells.measures[i]),
                wide.each_ref().map(|t| Measure::of(t)),
                "{organisation:?}"
            );
        }
    }

    /// The columns measured row by row, as the rows come in, are those
    /// measured from every row at the end, in both layouts.
    #[test]
    fn the_columns_measured_as_rows_come_are_those_of_all_the_rows() {
        let mut rows = Rows::default();
        let mut all = Vec::new();
        for (i, name) in [
            "Kort",
            "Et meget længere navn på en boligforening",
            "a/b/c/d/e/f",
        ]
        .into_iter()
        .enumerate()
        {
            let tally = Tally {
                file: format!("sektor/{}.toml", "x".repeat(i * 7)),
                scored: (i != 1).then(|| Scored {
                    organisation: name.into(),
                    municipality: None,
                    as_of: chrono::NaiveDate::MIN,
                    adherence: 12.5 * i as f64,
                    compliant: i == 0,
                    counts: Counts {
                        critical: i * 1_000,
                        ..Counts::default()
                    },
                    worst: None,
                    lapsed: vec!["STY-1".repeat(i + 1)],
                }),
            };
            all.push(Cells::of(&tally, Lang::Da));
            rows.push(Cells::of(&tally, Lang::Da));
        }
        let each = |f: &dyn Fn(&Cells) -> Measure| {
            all.iter().map(f).fold(Measure::default(), Measure::max)
        };
        let wide: [Measure; 9] = std::array::from_fn(|i| each(&|c| c.measures[i]));
        assert_eq!(rows.measures, wide);
        let stacked: [Measure; 4] = std::array::from_fn(|i| each(&|c| narrow(&c.measures)[i]));
        assert_eq!(narrow(&rows.measures), stacked);
    }
}
