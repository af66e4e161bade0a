//! `--format json`: the machine-readable result, as the README documents it.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use super::diagnostics::JsonDiag;
use super::words::gap_text;
use super::{Entry, Options, checked};
use crate::model::{Kind, Status};
use crate::score::{Checked, summary};
use crate::score::{Counts, Reason, Severity};

#[derive(Serialize)]
struct Document<'a> {
    format: u32,
    as_of: NaiveDate,
    file: String,
    organisation: Organisation<'a>,
    assessment: Assessment,
    checklists: Vec<ChecklistRef<'a>>,
    adherence: f64,
    compliant: bool,
    counts: Counts,
    /// With `--fail-under`: the threshold, and whether adherence is under
    /// it; left out without.
    #[serde(skip_serializing_if = "Option::is_none")]
    fail_under: Option<FailUnder>,
    items: Vec<Item<'a>>,
    gaps: Vec<Gap<'a>>,
    notices: Vec<Notice<'a>>,
}

/// `--fail-under` as it decides the exit code: for one assessment, whether
/// it is under the threshold; in the summary of several, whether any is.
#[derive(Serialize)]
struct FailUnder {
    threshold: f64,
    breached: bool,
}

#[derive(Serialize)]
struct Organisation<'a> {
    name: &'a str,
    cvr: Option<&'a str>,
    municipality: Option<&'a str>,
}

#[derive(Serialize)]
struct Assessment {
    date: Option<NaiveDate>,
    approved: Option<NaiveDate>,
}

#[derive(Serialize)]
struct ChecklistRef<'a> {
    id: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    checklist: &'a str,
    kind: Kind,
    title: &'a str,
    status: Option<Status>,
    /// `null` when the item is left out of the score.
    value: Option<f64>,
    weight: f64,
    date: Option<NaiveDate>,
    due: Option<NaiveDate>,
    severity: Option<Severity>,
    explained: bool,
}

#[derive(Serialize)]
struct Gap<'a> {
    item: &'a str,
    severity: Severity,
    reason: Reason,
    message: String,
    fix: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<NaiveDate>,
    /// Awaiting the counterparty: when it was asked, and the critical
    /// reason the request stands in for.
    #[serde(skip_serializing_if = "Option::is_none")]
    requested: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    instead_of: Option<Reason>,
}

#[derive(Serialize)]
struct Notice<'a> {
    item: &'a str,
    reason: &'static str,
    due: NaiveDate,
    days: i64,
}

#[derive(Serialize)]
struct Many<'a> {
    format: u32,
    /// `null` when none could be checked.
    as_of: Option<NaiveDate>,
    results: Vec<Outcome<'a>>,
    summary: Summary,
}

/// One entry of `results`: a document, or a file that could not be checked.
#[derive(Serialize)]
#[serde(untagged)]
enum Outcome<'a> {
    Checked(Box<Document<'a>>),
    Unchecked(Unchecked<'a>),
}

#[derive(Serialize)]
struct Unchecked<'a> {
    file: &'a str,
    /// Always `true`: what tells this entry from a document.
    error: bool,
    diagnostics: &'a [JsonDiag<'a>],
}

#[derive(Serialize)]
struct Summary {
    /// How many were checked.
    assessments: usize,
    compliant: usize,
    not_compliant: usize,
    /// How many could not be checked; left out when none.
    #[serde(skip_serializing_if = "is_zero")]
    unchecked: usize,
    adherence: Adherence,
    counts: Counts,
    #[serde(skip_serializing_if = "Option::is_none")]
    fail_under: Option<FailUnder>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// `null` each when none could be checked.
#[derive(Serialize)]
struct Adherence {
    mean: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
}

fn document<'a>(c: &'a Checked<'a>, opts: &Options) -> Document<'a> {
    let lang = opts.lang;
    let a = &c.assessment.file;
    Document {
        format: 1,
        as_of: c.eval.as_of,
        file: c.file(),
        organisation: Organisation {
            name: &a.organisation.name,
            cvr: a.organisation.cvr.as_deref(),
            municipality: a.organisation.municipality.as_deref(),
        },
        assessment: Assessment {
            date: a.assessment.date.as_ref().map(|d| d.get_ref().0),
            approved: a.assessment.approved.as_ref().map(|d| d.get_ref().0),
        },
        checklists: c
            .assessment
            .checklists
            .iter()
            .map(|k| ChecklistRef {
                id: k.id(),
                version: &k.file.version,
            })
            .collect(),
        adherence: c.eval.adherence,
        compliant: c.eval.compliant,
        counts: c.eval.counts,
        fail_under: opts.fail_under.map(|threshold| FailUnder {
            threshold,
            breached: opts.under(c).is_some(),
        }),
        items: c
            .eval
            .items
            .iter()
            .map(|r| Item {
                id: r.id(),
                checklist: r.checklist,
                kind: r.item.kind,
                title: lang.text(&r.item.title),
                status: r.status(),
                value: r.value,
                weight: r.item.weight(),
                date: r
                    .answer
                    .and_then(|a| a.date.as_ref())
                    .map(|d| d.get_ref().0),
                due: r.due,
                severity: r.worst,
                explained: r.explained,
            })
            .collect(),
        gaps: c
            .eval
            .gaps
            .iter()
            .map(|g| {
                let (message, fix) = gap_text(lang, g, c);
                Gap {
                    item: &g.item,
                    severity: g.severity,
                    reason: g.reason,
                    message,
                    fix,
                    due: g.due,
                    requested: g.awaiting.map(|a| a.requested),
                    instead_of: g.awaiting.map(|a| a.instead_of),
                }
            })
            .collect(),
        notices: c
            .eval
            .notices
            .iter()
            .map(|n| Notice {
                item: &n.item,
                reason: "due-soon",
                due: n.due,
                days: n.days,
            })
            .collect(),
    }
}

pub fn render(entries: &[Entry<'_>], opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    // Written straight from the structs, so fields keep the contract's order.
    if let ([Entry::Checked(one)], false) = (entries, opts.several) {
        serde_json::to_writer_pretty(&mut *out, &document(one, opts))
    } else {
        let checked = checked(entries);
        let s = summary(&checked);
        let scored = |v: f64| (s.assessments > 0).then_some(v);
        serde_json::to_writer_pretty(
            &mut *out,
            &Many {
                format: 1,
                as_of: checked.first().map(|r| r.eval.as_of),
                results: entries
                    .iter()
                    .map(|e| match e {
                        Entry::Checked(c) => Outcome::Checked(Box::new(document(c, opts))),
                        Entry::Unchecked(u) => Outcome::Unchecked(Unchecked {
                            file: &u.file,
                            error: true,
                            diagnostics: &u.diagnostics,
                        }),
                    })
                    .collect(),
                summary: Summary {
                    assessments: s.assessments,
                    compliant: s.compliant,
                    not_compliant: s.assessments - s.compliant,
                    unchecked: entries.len() - checked.len(),
                    adherence: Adherence {
                        mean: scored(s.mean),
                        min: scored(s.min),
                        max: scored(s.max),
                    },
                    counts: Counts {
                        critical: s.critical,
                        major: s.major,
                        minor: s.minor,
                        explained: s.explained,
                        notices: s.notices,
                    },
                    fail_under: opts.fail_under.map(|threshold| FailUnder {
                        threshold,
                        breached: checked.iter().any(|c| opts.under(c).is_some()),
                    }),
                },
            },
        )
    }
    .map_err(io::Error::from)?;
    writeln!(out)
}
