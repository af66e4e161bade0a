//! Scoring: the rules of "Scoring and gaps", as pure code.
//!
//! Input is the loaded checklists, the answers, what each evidence entry
//! turned out to be, and the as-of date; output is an [`Evaluation`]. No
//! file system, no clock.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::load::{Evidence, Loaded};
use crate::model::{Answer, Item, Kind, Status};

/// How bad a gap is. Ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

/// Why an item is a gap. The kebab-case names are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    NotAssessed,
    Unmet,
    Partial,
    Unexplained,
    Overdue,
    Stale,
    DateMissing,
    NoEvidence,
    EvidenceNotFound,
    PlanOverdue,
    NaUnexplained,
}

impl Reason {
    pub const ALL: [Reason; 11] = [
        Reason::NotAssessed,
        Reason::Unmet,
        Reason::Partial,
        Reason::Unexplained,
        Reason::Overdue,
        Reason::Stale,
        Reason::DateMissing,
        Reason::NoEvidence,
        Reason::EvidenceNotFound,
        Reason::PlanOverdue,
        Reason::NaUnexplained,
    ];
}

/// One gap: an item that is not followed as it should be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub item: String,
    pub severity: Severity,
    pub reason: Reason,
    /// The date that was missed (overdue, stale, plan overdue).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Evidence entries that were not found or leave the folder.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<(String, Evidence)>,
}

/// A deadline coming up; not a gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    pub item: String,
    pub due: NaiveDate,
    /// Days from the as-of date to the due date (0 on the day).
    pub days: i64,
}

/// The result for one item.
#[derive(Debug, Clone)]
pub struct ItemResult<'a> {
    pub item: &'a Item,
    pub checklist: &'a str,
    pub answer: Option<&'a Answer>,
    /// `None` when the item is left out of the score (not applicable).
    pub value: Option<f64>,
    pub due: Option<NaiveDate>,
    /// The worst gap of the item, if any.
    pub worst: Option<Severity>,
    /// Partial or unmet recommendation with an explanation.
    pub explained: bool,
}

impl ItemResult<'_> {
    pub fn id(&self) -> &str {
        self.item.id.get_ref()
    }

    pub fn status(&self) -> Option<Status> {
        self.answer.map(|a| a.status)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub critical: usize,
    pub major: usize,
    pub minor: usize,
    pub explained: usize,
    pub notices: usize,
}

/// Everything the renderers need about one assessment.
#[derive(Debug, Clone)]
pub struct Evaluation<'a> {
    pub as_of: NaiveDate,
    /// Every item, in checklist order.
    pub items: Vec<ItemResult<'a>>,
    /// Most severe first, then by item id.
    pub gaps: Vec<Gap>,
    pub notices: Vec<Notice>,
    pub adherence: f64,
    pub compliant: bool,
    pub counts: Counts,
}

impl Evaluation<'_> {
    pub fn worst(&self) -> Option<Severity> {
        self.gaps.iter().map(|g| g.severity).max()
    }

    pub fn item(&self, id: &str) -> Option<&ItemResult<'_>> {
        self.items.iter().find(|i| i.id() == id)
    }
}

/// `date` plus `months` calendar months; a day past the end of a shorter
/// month is clamped to its last day (2024-02-29 + 12 = 2025-02-28).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    // chrono's checked_add_months clamps exactly so; it only fails past
    // the year 262143, where the last representable date will do.
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Scores one loaded assessment as of a date.
pub fn evaluate(loaded: &Loaded, as_of: NaiveDate) -> Evaluation<'_> {
    let answers: BTreeMap<&str, &Answer> = loaded
        .assessment
        .answers
        .iter()
        .map(|(id, a)| (id.get_ref().as_str(), a))
        .collect();
    let no_evidence = Vec::new();
    let mut items = Vec::new();
    let mut gaps = Vec::new();
    let mut notices = Vec::new();
    for checklist in &loaded.checklists {
        for item in &checklist.file.items {
            let id = item.id.get_ref().as_str();
            let answer = answers.get(id).copied();
            let evidence = loaded.evidence.get(id).unwrap_or(&no_evidence);
            let scored = score_item(item, answer, evidence, as_of);
            items.push(ItemResult {
                item,
                checklist: checklist.id(),
                answer,
                value: scored.value,
                due: scored.due,
                worst: scored.gaps.iter().map(|g| g.severity).max(),
                explained: scored.explained,
            });
            gaps.extend(scored.gaps);
            notices.extend(scored.notice);
        }
    }
    gaps.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.item.cmp(&b.item))
            .then_with(|| a.reason.cmp(&b.reason))
    });
    notices.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.item.cmp(&b.item)));

    let adherence = adherence(
        items
            .iter()
            .filter_map(|r| Some((r.item.weight(), r.value?))),
    );
    let count = |s| gaps.iter().filter(|g| g.severity == s).count();
    let counts = Counts {
        critical: count(Severity::Critical),
        major: count(Severity::Major),
        minor: count(Severity::Minor),
        explained: items.iter().filter(|r| r.explained).count(),
        notices: notices.len(),
    };
    Evaluation {
        as_of,
        compliant: counts.critical == 0 && counts.major == 0,
        items,
        gaps,
        notices,
        adherence,
        counts,
    }
}

/// 100 × Σ(weight × value) / Σ(weight), rounded to one decimal, half away
/// from zero. With nothing applicable there is nothing to fall short of: 100.
pub fn adherence(weighted: impl Iterator<Item = (f64, f64)>) -> f64 {
    let (sum, total) = weighted.fold((0.0, 0.0), |(s, t), (w, v)| (s + w * v, t + w));
    if total == 0.0 {
        return 100.0;
    }
    // 1000·sum/total is computed in one division so that an exact .5 (which
    // integer weights and half values give) stays exact before rounding.
    (1000.0 * sum / total).round() / 10.0
}

/// What the rules say about one item.
#[derive(Debug, Default)]
struct Scored {
    value: Option<f64>,
    due: Option<NaiveDate>,
    gaps: Vec<Gap>,
    notice: Option<Notice>,
    explained: bool,
}

fn score_item(
    item: &Item,
    answer: Option<&Answer>,
    evidence: &[(String, Evidence)],
    as_of: NaiveDate,
) -> Scored {
    let id = item.id.get_ref().as_str();
    let duty = item.kind == Kind::Duty;
    let gap = |severity, reason| Gap {
        item: id.to_owned(),
        severity,
        reason,
        due: None,
        paths: Vec::new(),
    };
    let by_kind = |duty_severity, recommendation_severity| {
        if duty {
            duty_severity
        } else {
            recommendation_severity
        }
    };
    let mut out = Scored::default();

    // 1. No answer.
    let Some(answer) = answer else {
        out.value = Some(0.0);
        out.gaps.push(gap(
            by_kind(Severity::Critical, Severity::Major),
            Reason::NotAssessed,
        ));
        return out;
    };

    // 10. A plan past its due date, whatever the status.
    if let Some(due) = answer.plan.as_ref().and_then(|p| p.due.as_ref())
        && due.get_ref().0 < as_of
    {
        out.gaps.push(Gap {
            due: Some(due.get_ref().0),
            ..gap(Severity::Minor, Reason::PlanOverdue)
        });
    }

    // 2. Not applicable: left out of the score, but it must be explained.
    if answer.status == Status::NotApplicable {
        if answer.explanation().is_none() {
            out.gaps.push(gap(Severity::Major, Reason::NaUnexplained));
        }
        return out;
    }

    // 3. The value of the status.
    let mut value = match answer.status {
        Status::Met => 1.0,
        Status::Partial => 0.5,
        Status::Unmet | Status::NotApplicable => 0.0,
    };

    // 4. Recurrence.
    if let Some(months) = item.every_months.as_ref().map(|m| *m.get_ref())
        && answer.status != Status::Unmet
    {
        match answer.date.as_ref() {
            None => {
                out.gaps.push(gap(
                    by_kind(Severity::Critical, Severity::Minor),
                    Reason::DateMissing,
                ));
                if duty {
                    value = 0.0;
                }
            }
            Some(date) => {
                let due = add_months(date.get_ref().0, months);
                out.due = Some(due);
                if as_of > due {
                    let (severity, reason) = if duty {
                        value = 0.0;
                        (Severity::Critical, Reason::Overdue)
                    } else {
                        value = f64::min(value, 0.5);
                        (Severity::Minor, Reason::Stale)
                    };
                    out.gaps.push(Gap {
                        due: Some(due),
                        ..gap(severity, reason)
                    });
                } else {
                    let warn = item.warn_days.as_ref().map_or(0, |w| *w.get_ref());
                    let days = (due - as_of).num_days();
                    if days <= i64::from(warn) {
                        out.notice = Some(Notice {
                            item: id.to_owned(),
                            due,
                            days,
                        });
                    }
                }
            }
        }
    }

    // 5 and 6. Partial or unmet: a duty is a gap whatever the explanation; a
    // recommendation is explained, or a gap.
    if matches!(answer.status, Status::Partial | Status::Unmet) {
        if duty {
            let reason = if answer.status == Status::Partial {
                Reason::Partial
            } else {
                Reason::Unmet
            };
            out.gaps.push(gap(Severity::Critical, reason));
        } else if answer.explanation().is_some() {
            out.explained = true;
        } else {
            out.gaps.push(gap(Severity::Major, Reason::Unexplained));
        }
    }

    // 7. Evidence.
    if answer.status == Status::Met && evidence.is_empty() {
        out.gaps.push(gap(Severity::Minor, Reason::NoEvidence));
    }
    let bad: Vec<(String, Evidence)> = evidence
        .iter()
        .filter(|(_, e)| matches!(e, Evidence::Missing | Evidence::Outside))
        .cloned()
        .collect();
    if !bad.is_empty() {
        out.gaps.push(Gap {
            paths: bad,
            ..gap(Severity::Minor, Reason::EvidenceNotFound)
        });
    }

    out.value = Some(value);
    // Keep an item's gaps in a stable order.
    out.gaps
        .sort_by(|a, b| b.severity.cmp(&a.severity).then(a.reason.cmp(&b.reason)));
    out
}
