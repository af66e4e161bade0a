//! The terminal table: header, gaps, comply-or-explain, deadlines, verdict.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

use super::text::{clean, visible};
use super::words::{
    Words, date_opt, days_text, gap_text, unchecked_label, unchecked_text, verdict as verdict_words,
};
use super::{Entry, Options, Unchecked, checked, exit_reasons};
use crate::lang::Lang;
use crate::score::Severity;
use crate::score::{Checked, summary};

pub fn render(entries: &[Entry<'_>], opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        match entry {
            Entry::Checked(c) => one(c, opts, out)?,
            Entry::Unchecked(u) => unchecked(u, opts, out)?,
        }
    }
    if entries.len() > 1 {
        writeln!(out)?;
        overview(entries, opts, out)?;
    }
    Ok(())
}

/// A file that could not be checked: its name and how many problems
/// stopped it. The problems themselves are on standard error.
fn unchecked(u: &Unchecked<'_>, opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    writeln!(out, "{}", paint(opts, &visible(&u.file), "1"))?;
    let text = unchecked_text(lang, u.diagnostics.len());
    writeln!(out, "{}", paint(opts, &format!("✘ {text}"), "1;31"))
}

pub(super) fn cell<T: ToString>(text: T) -> Cell {
    Cell::new(clean(&text.to_string()))
}

pub(super) fn new_table(opts: &Options) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(opts.width);
    if opts.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

pub(super) fn header(table: &mut Table, titles: &[&str]) {
    table.set_header(
        titles
            .iter()
            .map(|t| cell(t).add_attribute(Attribute::Bold)),
    );
}

pub(super) fn paint(opts: &Options, text: &str, ansi: &str) -> String {
    if opts.color {
        format!("\x1b[{ansi}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

fn severity_cell(opts: &Options, s: Severity) -> Cell {
    let cell = cell(opts.lang.severity(s));
    match s {
        Severity::Critical => cell.fg(Color::Red).add_attribute(Attribute::Bold),
        Severity::Major => cell.fg(Color::Yellow),
        Severity::Minor => cell.fg(Color::Cyan),
    }
}

fn one(checked: &Checked<'_>, opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    let a = &checked.assessment.file;
    let eval = &checked.eval;

    // Header: who, when, against what.
    let mut title = a.organisation.name.clone();
    if let Some(m) = &a.organisation.municipality {
        title.push_str(&format!(" ({m})"));
    }
    writeln!(out, "{}", paint(opts, &visible(&title), "1"))?;
    let mut when = format!("{} {}", lang.pick("Opgjort pr.", "As of"), eval.as_of);
    if let Some(d) = &a.assessment.date {
        when.push_str(&format!(
            " · {} {}",
            lang.pick("vurderet", "assessed"),
            d.get_ref()
        ));
    }
    match &a.assessment.approved {
        Some(d) => when.push_str(&format!(
            " · {} {}",
            lang.pick("godkendt af bestyrelsen", "approved by the board"),
            d.get_ref()
        )),
        None => when.push_str(&format!(
            " · {}",
            lang.pick("ikke godkendt af bestyrelsen", "not approved by the board")
        )),
    }
    writeln!(out, "{when}")?;
    let lists = checked
        .assessment
        .checklists
        .iter()
        .map(|c| format!("{} {}", c.id(), c.file.version))
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(
        out,
        "{} {}",
        lang.pick("Tjeklister:", "Checklists:"),
        visible(&lists)
    )?;
    writeln!(
        out,
        "{} {}",
        lang.pick("Fil:", "File:"),
        visible(&checked.file())
    )?;

    if opts.all {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            paint(opts, lang.pick("Alle punkter", "All items"), "1")
        )?;
        let mut table = new_table(opts);
        header(
            &mut table,
            &[
                lang.pick("Punkt", "Item"),
                lang.pick("Titel", "Title"),
                lang.pick("Type", "Kind"),
                lang.pick("Status", "Status"),
                lang.pick("Værdi", "Value"),
                lang.pick("Dato", "Date"),
                lang.pick("Frist", "Due"),
                lang.pick("Mangel", "Gap"),
            ],
        );
        for r in &eval.items {
            let date = r
                .answer
                .and_then(|a| a.date.as_ref())
                .map(|d| d.get_ref().to_string())
                .unwrap_or_default();
            let value = r.value.map_or("–".to_owned(), |v| lang.number(v));
            let worst = match r.worst {
                Some(s) => severity_cell(opts, s),
                None if r.explained => cell(lang.pick("forklaret", "explained")),
                None => cell("–"),
            };
            table.add_row(vec![
                cell(r.id()),
                cell(lang.text(&r.item.title)),
                cell(lang.kind(r.item.kind)),
                cell(lang.status(r.status(), r.item.kind)),
                cell(value),
                cell(date),
                cell(date_opt(r.due)),
                worst,
            ]);
        }
        writeln!(out, "{table}")?;
    }

    writeln!(out)?;
    if eval.gaps.is_empty() {
        writeln!(out, "{}", lang.pick("Ingen mangler.", "No gaps."))?;
    } else {
        writeln!(out, "{}", paint(opts, lang.pick("Mangler", "Gaps"), "1"))?;
        let mut table = new_table(opts);
        header(
            &mut table,
            &[
                lang.pick("Alvor", "Severity"),
                lang.pick("Punkt", "Item"),
                lang.pick("Titel", "Title"),
                lang.pick("Status", "Status"),
                lang.pick("Mangel", "What is wrong"),
                lang.pick("Sådan retter I det", "How to fix it"),
            ],
        );
        for gap in &eval.gaps {
            let Some(r) = eval.item(&gap.item) else {
                continue;
            };
            let (wrong, fix) = gap_text(lang, gap, checked);
            table.add_row(vec![
                severity_cell(opts, gap.severity),
                cell(&gap.item),
                cell(format!(
                    "{}\n({})",
                    lang.text(&r.item.title),
                    lang.kind(r.item.kind)
                )),
                cell(lang.status(r.status(), r.item.kind)),
                cell(format!("{}\n{wrong}", lang.reason(gap.reason))),
                cell(fix),
            ]);
        }
        writeln!(out, "{table}")?;
    }

    let explained: Vec<_> = eval.items.iter().filter(|r| r.explained).collect();
    if !explained.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            paint(
                opts,
                lang.pick(
                    "Følg eller forklar: anbefalinger, bestyrelsen har forklaret afvigelser fra",
                    "Comply or explain: recommendations the board has explained not following"
                ),
                "1"
            )
        )?;
        let mut table = new_table(opts);
        header(
            &mut table,
            &[
                lang.pick("Punkt", "Item"),
                lang.pick("Titel", "Title"),
                lang.pick("Status", "Status"),
                lang.pick("Forklaring", "Explanation"),
            ],
        );
        for r in explained {
            table.add_row(vec![
                cell(r.id()),
                cell(lang.text(&r.item.title)),
                cell(lang.status(r.status(), r.item.kind)),
                cell(r.answer.and_then(|a| a.explanation()).unwrap_or_default()),
            ]);
        }
        writeln!(out, "{table}")?;
    }

    if !eval.notices.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            paint(opts, lang.pick("Frister snart", "Due soon"), "1")
        )?;
        for n in &eval.notices {
            let title = eval
                .item(&n.item)
                .map(|r| lang.text(&r.item.title))
                .unwrap_or("");
            writeln!(
                out,
                "  {} {}: {} {} ({})",
                clean(&n.item),
                clean(title),
                lang.pick("forfalder", "falls due"),
                n.due,
                days_text(lang, n.days)
            )?;
        }
    }

    writeln!(out)?;
    writeln!(out, "{}", verdict(checked, opts))?;
    // What fails the run although the verdict may not say so.
    for reason in exit_reasons(checked, opts) {
        writeln!(out, "{}", paint(opts, &format!("✘ {reason}."), "1;31"))?;
    }
    Ok(())
}

fn verdict(checked: &Checked<'_>, opts: &Options) -> String {
    let lang = opts.lang;
    let eval = &checked.eval;
    let c = eval.counts;
    let head = paint(
        opts,
        &format!("{}.", verdict_words(lang, eval.compliant)),
        if eval.compliant { "1;32" } else { "1;31" },
    );
    match lang {
        Lang::Da => format!(
            "{head} Efterlevelse {}. Mangler: {} {}, {} {}, {} mindre · forklarede afvigelser: {} · frister snart: {}",
            lang.percent(eval.adherence),
            c.critical,
            if c.critical == 1 {
                "kritisk"
            } else {
                "kritiske"
            },
            c.major,
            if c.major == 1 {
                "væsentlig"
            } else {
                "væsentlige"
            },
            c.minor,
            c.explained,
            c.notices
        ),
        Lang::En => format!(
            "{head} Adherence {}. Gaps: {} critical, {} major, {} minor · explained: {} · due soon: {}",
            lang.percent(eval.adherence),
            c.critical,
            c.major,
            c.minor,
            c.explained,
            c.notices
        ),
    }
}

fn overview(entries: &[Entry<'_>], opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    writeln!(
        out,
        "{}",
        paint(opts, lang.pick("Samlet oversigt", "Summary"), "1")
    )?;
    let mut table = new_table(opts);
    header(
        &mut table,
        &[
            lang.pick("Fil", "File"),
            lang.pick("Organisation", "Organisation"),
            lang.pick("Efterlevelse", "Adherence"),
            lang.pick("Overholdt", "Compliant"),
            lang.pick("Kritiske", "Critical"),
            lang.pick("Væsentlige", "Major"),
            lang.pick("Mindre", "Minor"),
            lang.pick("Forklarede", "Explained"),
        ],
    );
    for entry in entries {
        let r = match entry {
            Entry::Checked(r) => r,
            Entry::Unchecked(u) => {
                let mut row = vec![cell(&u.file), cell("–"), cell("–")];
                row.push(cell(unchecked_label(lang)).fg(Color::Red));
                row.extend((0..4).map(|_| cell("–")));
                table.add_row(row);
                continue;
            }
        };
        let c = r.eval.counts;
        table.add_row(vec![
            cell(r.file()),
            cell(&r.assessment.file.organisation.name),
            cell(lang.percent(r.eval.adherence)),
            cell(if r.eval.compliant {
                lang.pick("ja", "yes")
            } else {
                lang.pick("nej", "no")
            }),
            cell(c.critical),
            cell(c.major),
            cell(c.minor),
            cell(c.explained),
        ]);
    }
    writeln!(out, "{table}")?;
    let results = checked(entries);
    let unchecked = entries.len() - results.len();
    let s = summary(&results);
    if s.assessments > 0 {
        match lang {
            Lang::Da => write!(
                out,
                "{} {}, {} overholder følg eller forklar. Efterlevelse: gennemsnit {}, laveste {}, højeste {}. Mangler i alt: {} kritiske, {} væsentlige, {} mindre.",
                s.assessments,
                if s.assessments == 1 {
                    "selvevaluering"
                } else {
                    "selvevalueringer"
                },
                s.compliant,
                lang.percent(s.mean),
                lang.percent(s.min),
                lang.percent(s.max),
                s.critical,
                s.major,
                s.minor
            ),
            Lang::En => write!(
                out,
                "{} {}, {} compliant. Adherence: mean {}, lowest {}, highest {}. Gaps in all: {} critical, {} major, {} minor.",
                s.assessments,
                if s.assessments == 1 {
                    "assessment"
                } else {
                    "assessments"
                },
                s.compliant,
                lang.percent(s.mean),
                lang.percent(s.min),
                lang.percent(s.max),
                s.critical,
                s.major,
                s.minor
            ),
        }?;
        if unchecked > 0 {
            write!(out, " ")?;
        }
    }
    if unchecked > 0 {
        match lang {
            Lang::Da => write!(
                out,
                "{unchecked} {} kunne ikke tjekkes.",
                if unchecked == 1 { "fil" } else { "filer" }
            ),
            Lang::En => write!(
                out,
                "{unchecked} {} could not be checked.",
                if unchecked == 1 { "file" } else { "files" }
            ),
        }?;
    }
    writeln!(out)?;
    // What fails the run, if anything does, after what it fails.
    if let Some(threshold) = opts.fail_under {
        let under = results.iter().filter(|c| opts.under(c).is_some()).count();
        if under > 0 {
            let threshold = super::words::threshold_text(lang, threshold);
            let line = match lang {
                Lang::Da => format!(
                    "✘ {under} af {} under grænsen {threshold} for efterlevelse (`--fail-under`).",
                    s.assessments
                ),
                Lang::En => format!(
                    "✘ {under} of {} under the adherence threshold {threshold} (`--fail-under`).",
                    s.assessments
                ),
            };
            writeln!(out, "{}", paint(opts, &line, "1;31"))?;
        }
    }
    Ok(())
}
