//! `--format csv`: one row per item, for a spreadsheet; an item answered
//! per municipality has a row for each municipality, named in the last
//! column.
//!
//! In Danish the headers and the words in the cells (type, status,
//! severity, reason) are Danish, the separator is `;` and decimals have a
//! comma, as a Danish spreadsheet expects, and the file starts with a UTF-8
//! byte-order mark so that Excel reads æøå right. In English it is plain
//! comma-separated UTF-8 with the stable keys scripts read (`met`,
//! `recommendation`, `major`, `not-assessed`): `--lang en` is the form for
//! scripts.
//!
//! Besides the items, a file that could not be checked is one row, and so
//! is an assessment under `--fail-under`: rows without an item id.

use std::io::{self, Write};

use super::text::clean;
use super::words::{Words, diag_line, fail_under_text, unchecked_label};
use super::{Entry, Options};
use crate::lang::Lang;
use chrono::NaiveDate;

use crate::model::{Answer, Kind, Status};
use crate::score::{Gap, ItemResult, Severity};

/// The columns, in the order of the row.
fn header(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Da => [
            "Fil",
            "Punkt",
            "Tjekliste",
            "Type",
            "Status",
            "Værdi",
            "Alvor",
            "Årsag",
            "Frist",
            "Ansvarlig",
            "Forklaring",
            "Kommune",
        ],
        Lang::En => [
            "file",
            "id",
            "checklist",
            "kind",
            "status",
            "value",
            "severity",
            "reason",
            "due",
            "owner",
            "explanation",
            "municipality",
        ],
    }
}

/// The field separator: by default `;` in Danish, `,` in English.
fn delimiter(opts: &Options) -> u8 {
    opts.delimiter.unwrap_or(match opts.lang {
        Lang::Da => b';',
        Lang::En => b',',
    })
}

/// What opens the output: the header row (after a byte-order mark in
/// Danish, for the spreadsheet to read æ, ø and å).
pub(super) fn head(opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    if opts.lang == Lang::Da {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter(opts))
        .from_writer(out);
    w.write_record(header(opts.lang))?;
    w.flush()
}

/// The rows of one entry.
pub(super) fn rows(entry: &Entry<'_>, opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter(opts))
        .from_writer(out);
    let checked = match entry {
        Entry::Checked(c) => c,
        Entry::Unchecked(u) => {
            // One row: the file, `error` as its status, the codes as
            // its reasons, and what stopped it.
            let codes: Vec<&str> = u.diagnostics.iter().map(|d| d.code).collect();
            let why: Vec<String> = u.diagnostics.iter().map(diag_line).collect();
            w.write_record([
                inert(&u.file),
                String::new(),
                String::new(),
                String::new(),
                lang.pick(unchecked_label(lang), "error").to_owned(),
                String::new(),
                String::new(),
                inert(&codes.join(" ")),
                String::new(),
                String::new(),
                inert(&format!("{}: {}", unchecked_label(lang), why.join(" · "))),
                String::new(),
            ])?;
            return w.flush();
        }
    };
    let file = checked.file();
    for r in &checked.eval.items {
        let all = checked.eval.gaps_of(r.id());
        // An item answered per municipality has a row for each.
        let rows: Vec<Row> = if r.per.is_empty() {
            vec![Row {
                municipality: "",
                status: r.status(),
                answer: r.answer,
                value: r.value,
                due: r.due,
                worst: r.worst,
                gaps: all,
            }]
        } else {
            r.per
                .iter()
                .map(|p| Row {
                    municipality: p.municipality,
                    status: p.status(),
                    answer: p.answer,
                    value: p.value,
                    due: p.due,
                    worst: p.worst,
                    gaps: all
                        .iter()
                        .filter(|g| g.municipality.as_deref() == Some(p.municipality))
                        .copied()
                        .collect(),
                })
                .collect()
        };
        for row in rows {
            item_row(&mut w, lang, &file, r, &row)?;
        }
    }
    // Under `--fail-under`: one row more, with the adherence as its
    // value, since it decides the exit code as a gap does.
    if let Some(threshold) = opts.under(checked) {
        let adherence = checked.eval.adherence;
        w.write_record([
            inert(&file),
            String::new(),
            String::new(),
            String::new(),
            lang.pick("under grænsen", "fail-under").to_owned(),
            lang.number((adherence * 10.0).round() / 10.0),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            inert(&format!(
                "{}.",
                fail_under_text(lang, adherence, threshold).replace('`', "")
            )),
            String::new(),
        ])?;
    }
    w.flush()
}

/// One row of an item, or of one municipality's entry for it.
struct Row<'a> {
    municipality: &'a str,
    status: Option<Status>,
    answer: Option<&'a Answer>,
    value: Option<f64>,
    due: Option<NaiveDate>,
    worst: Option<Severity>,
    gaps: Vec<&'a Gap>,
}

fn item_row<W: Write>(
    w: &mut csv::Writer<W>,
    lang: Lang,
    file: &str,
    r: &ItemResult<'_>,
    row: &Row<'_>,
) -> io::Result<()> {
    let (kind, status, severity, reason) = match lang {
        Lang::Da => (
            lang.kind(r.item.kind).to_owned(),
            lang.status(row.status, r.item.kind).to_owned(),
            row.worst.map_or("", |s| lang.severity(s)).to_owned(),
            row.gaps
                .iter()
                .map(|g| lang.reason(g.reason))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Lang::En => (
            match r.item.kind {
                Kind::Recommendation => "recommendation",
                Kind::Duty => "duty",
            }
            .to_owned(),
            match row.status {
                None => "",
                Some(Status::Met) => "met",
                Some(Status::Partial) => "partial",
                Some(Status::Unmet) => "unmet",
                Some(Status::NotApplicable) => "not-applicable",
            }
            .to_owned(),
            row.worst.map_or(String::new(), |s| serde_plain(&s)),
            row.gaps
                .iter()
                .map(|g| serde_plain(&g.reason))
                .collect::<Vec<_>>()
                .join(" "),
        ),
    };
    let plan = row.answer.and_then(|a| a.plan());
    let due = row
        .due
        .or_else(|| plan.and_then(|p| p.due.as_ref()).map(|d| d.get_ref().0))
        .map(|d| d.to_string())
        .unwrap_or_default();
    // Every text cell is made inert, fixed words too: an id, a
    // checklist's id and a file name come from files someone else
    // may have written. The value is a number and stays one.
    let value = row.value.map(|v| lang.number(v)).unwrap_or_default();
    let owner = plan.and_then(|p| p.owner.as_deref()).unwrap_or("");
    let explanation = row.answer.and_then(|a| a.explanation()).unwrap_or("");
    w.write_record([
        inert(file),
        inert(r.id()),
        inert(r.checklist),
        inert(&kind),
        inert(&status),
        value,
        inert(&severity),
        inert(&reason),
        inert(&due),
        inert(owner),
        inert(explanation),
        inert(row.municipality),
    ])?;
    Ok(())
}

/// A cell as a spreadsheet and a terminal may show it: every character a
/// terminal would obey (an escape sequence, a tab, a carriage return) is
/// shown escaped, as in the table, since CSV goes to standard output
/// unless `-o` says otherwise; then text that a spreadsheet would take for
/// a formula (`=…`, `+…`, `-…`, `@…`) gets a leading apostrophe, which
/// spreadsheets show as text. A cell can no longer start with a tab or a
/// carriage return, which spreadsheets also read a formula after. Line
/// breaks are kept: a quoted cell may hold them.
fn inert(text: &str) -> String {
    // A Windows line end is a line break, not a carriage return to show.
    let text = if text.contains("\r\n") {
        clean(&text.replace("\r\n", "\n"))
    } else {
        clean(text)
    };
    match text.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{text}"),
        _ => text,
    }
}

/// The kebab-case name serde gives a unit variant.
fn serde_plain<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
