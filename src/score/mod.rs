//! Scoring: the rules of docs/scoring.md, as pure code.
//!
//! Input is the loaded checklists, the answers, what each evidence entry
//! turned out to be, and the as-of date; output is an [`Evaluation`]. No
//! file system, no clock.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::load::{Assessment, Evidence, PerEntry};
use crate::model::{Answer, Item, Kind, Recurrence, Status};

/// How bad a gap is. Ordered from least to most severe.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

/// Why an item is a gap. The kebab-case names are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
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
    DutyNotApplicable,
    AwaitingCounterparty,
    Expired,
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
    /// Awaiting the counterparty: the critical reason it stands in for
    /// (unmet, partial, overdue), and when the counterparty was asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub awaiting: Option<Awaiting>,
    /// The municipality of the `per` entry the gap is of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
}

/// What an awaiting-counterparty gap stands in for (rule 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Awaiting {
    /// The critical reason the request downgraded.
    pub instead_of: Reason,
    /// When the organisation asked the counterparty.
    pub requested: NaiveDate,
}

/// What comes up that a notice is about. The kebab-case names are part of
/// the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Upcoming {
    /// A recurring item falls due (rule 4).
    DueSoon,
    /// The answer's `valid-until` runs out (rule 12).
    ExpiresSoon,
}

/// A deadline coming up; not a gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    pub item: String,
    pub reason: Upcoming,
    /// The due date, or the last day the answer holds.
    pub due: NaiveDate,
    /// Days from the as-of date to the due date (0 on the day).
    pub days: i64,
    /// The municipality of the `per` entry the notice is of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
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
    /// An item answered per municipality: each listed municipality's
    /// result, in the order listed; `answer` and the fields above are
    /// then those of the lowest. Empty for an item answered once.
    pub per: Vec<PerResult<'a>>,
}

impl ItemResult<'_> {
    pub fn id(&self) -> &str {
        self.item.id.get_ref()
    }

    pub fn status(&self) -> Option<Status> {
        self.answer.map(Answer::status)
    }
}

/// One municipality's result for an item answered per municipality.
#[derive(Debug, Clone)]
pub struct PerResult<'a> {
    pub municipality: &'a str,
    /// `None` when the municipality has no entry.
    pub answer: Option<&'a Answer>,
    pub value: Option<f64>,
    pub due: Option<NaiveDate>,
    pub worst: Option<Severity>,
    pub explained: bool,
}

impl PerResult<'_> {
    pub fn status(&self) -> Option<Status> {
        self.answer.map(Answer::status)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
    /// Where each item's result and gaps are, by item id.
    index: HashMap<&'a str, Place>,
}

/// Where one item is in an [`Evaluation`]: its result in `items`, and its
/// gaps in `gaps`, in their order there.
#[derive(Debug, Clone, Default)]
struct Place {
    item: usize,
    gaps: Vec<usize>,
}

impl<'a> Evaluation<'a> {
    pub fn worst(&self) -> Option<Severity> {
        self.gaps.iter().map(|g| g.severity).max()
    }

    /// The gaps of one item, most severe first.
    pub fn gaps_of(&self, id: &str) -> Vec<&Gap> {
        self.index
            .get(id)
            .map(|p| p.gaps.iter().map(|&g| &self.gaps[g]).collect())
            .unwrap_or_default()
    }

    pub fn item(&self, id: &str) -> Option<&ItemResult<'a>> {
        self.index.get(id).map(|p| &self.items[p.item])
    }
}

/// Each item's place in `items` and `gaps`, built once: renderers look an
/// item up for each gap and each item, and a search for each would make a
/// checklist of thousands of items take seconds. Ids are unique across the
/// checklists loaded together; were one not, the first item keeps it.
fn index<'a>(items: &[ItemResult<'a>], gaps: &[Gap]) -> HashMap<&'a str, Place> {
    let mut index: HashMap<&'a str, Place> = HashMap::with_capacity(items.len());
    for (at, r) in items.iter().enumerate() {
        index.entry(r.item.id.get_ref().as_str()).or_insert(Place {
            item: at,
            gaps: Vec::new(),
        });
    }
    for (at, g) in gaps.iter().enumerate() {
        if let Some(place) = index.get_mut(g.item.as_str()) {
            place.gaps.push(at);
        }
    }
    index
}

/// One assessment, loaded and scored.
pub struct Checked<'a> {
    pub assessment: &'a Assessment,
    pub eval: Evaluation<'a>,
}

impl<'a> Checked<'a> {
    /// Scores one loaded assessment as of a date.
    pub fn new(loaded: &'a Assessment, as_of: NaiveDate) -> Self {
        Checked {
            assessment: loaded,
            eval: evaluate(loaded, as_of),
        }
    }

    /// The assessment's file, as given.
    pub fn file(&self) -> String {
        crate::load::display(&self.assessment.path)
    }
}

/// Totals across several assessments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub assessments: usize,
    pub compliant: usize,
    pub critical: usize,
    pub major: usize,
    pub minor: usize,
    pub explained: usize,
    pub notices: usize,
    pub mean: f64,
    pub min: f64,
    pub max: f64,
}

pub fn summary(results: &[&Checked<'_>]) -> Summary {
    summary_of(
        results
            .iter()
            .map(|r| (r.eval.adherence, r.eval.compliant, r.eval.counts)),
    )
}

/// [`summary`] from each assessment's adherence, verdict and counts.
pub fn summary_of(results: impl Iterator<Item = (f64, bool, Counts)>) -> Summary {
    let mut running = Running::default();
    for (adherence, compliant, counts) in results {
        running.add(adherence, compliant, counts);
    }
    running.summary()
}

/// A [`Summary`] kept up as assessments are checked, one after another:
/// all a summary needs, while the assessments themselves are let go.
#[derive(Debug, Clone, Copy)]
pub struct Running {
    assessments: usize,
    compliant: usize,
    counts: Counts,
    /// Adherences in whole tenths, summed (see [`mean`]).
    tenths: i64,
    min: f64,
    max: f64,
}

impl Default for Running {
    fn default() -> Self {
        Running {
            assessments: 0,
            compliant: 0,
            counts: Counts::default(),
            tenths: 0,
            min: f64::INFINITY,
            max: 0.0,
        }
    }
}

impl Running {
    pub fn add(&mut self, adherence: f64, compliant: bool, counts: Counts) {
        self.assessments += 1;
        self.compliant += usize::from(compliant);
        self.counts.critical += counts.critical;
        self.counts.major += counts.major;
        self.counts.minor += counts.minor;
        self.counts.explained += counts.explained;
        self.counts.notices += counts.notices;
        self.tenths += tenths(adherence);
        self.min = self.min.min(adherence);
        self.max = self.max.max(adherence);
    }

    pub fn summary(&self) -> Summary {
        let n = self.assessments;
        Summary {
            assessments: n,
            compliant: self.compliant,
            critical: self.counts.critical,
            major: self.counts.major,
            minor: self.counts.minor,
            explained: self.counts.explained,
            notices: self.counts.notices,
            mean: if n == 0 {
                0.0
            } else {
                // Whole numbers well under 2^53: the quotient is exact
                // where it ends in a half.
                (self.tenths as f64 / n as f64).round() / 10.0
            },
            min: self.min.min(100.0),
            max: self.max,
        }
    }
}

/// An adherence (in tenths already) as a whole number of tenths.
fn tenths(adherence: f64) -> i64 {
    (adherence * 10.0).round() as i64
}

/// The mean of adherences (each in tenths already), rounded to one decimal,
/// halves away from zero. Summed in whole tenths ([`Running`]), so that
/// the order of the assessments cannot tip a half one way or the other
/// (summed as floats, 31.4, 20.3, 25.2 and 36.9 gave 28.5 in one order and
/// 28.4 in the other).
#[cfg(test)]
fn mean(adherences: impl Iterator<Item = f64>) -> f64 {
    summary_of(adherences.map(|a| (a, false, Counts::default()))).mean
}

/// `date` plus `months` calendar months; a day past the end of a shorter
/// month is clamped to its last day (2024-02-29 + 12 = 2025-02-28). A due
/// date past the last one a TOML file can write, 9999-12-31, is that day.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .map_or(LAST_DAY, |due| due.min(LAST_DAY))
}

/// How many days before an answer's `valid-until` a notice is given, on
/// an item that sets no `warn-days` of its own (rule 12).
pub const EXPIRY_WARN_DAYS: u32 = 60;

/// The last day a TOML file can write; no due date is later.
const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date");

/// When an answer dated `date` falls due again (rule 4): `every-months`
/// later, or for once in each calendar year, on 31 December of the year
/// after (a meeting on 2025-09-30 is next due by 2026-12-31).
pub fn due_date(recurrence: Recurrence, date: NaiveDate) -> NaiveDate {
    match recurrence {
        Recurrence::Months(months) => add_months(date, months),
        Recurrence::CalendarYear => NaiveDate::from_ymd_opt(date.year() + 1, 12, 31)
            .map_or(LAST_DAY, |due| due.min(LAST_DAY)),
    }
}

/// Whether an answer's evidence documents anything: at least one entry
/// that is a link or a file that was found. A path to nothing documents
/// nothing (rule 11: a request to the counterparty counts only so).
pub fn documents(evidence: &[(String, Evidence)]) -> bool {
    evidence
        .iter()
        .any(|(_, e)| matches!(e, Evidence::Found | Evidence::Url))
}

/// Scores one loaded assessment as of a date.
pub fn evaluate(loaded: &Assessment, as_of: NaiveDate) -> Evaluation<'_> {
    let answers: BTreeMap<&str, &Answer> = loaded
        .file
        .answers
        .iter()
        .map(|(id, a)| (id.get_ref().as_str(), a))
        .collect();
    let no_evidence = Vec::new();
    let listed = loaded.file.organisation.listed();
    // Room for every item's result at once, and for as many gaps (room
    // for all where no item has more than one): a checklist of thousands
    // of items is not copied to ever larger room.
    let room: usize = loaded.checklists.iter().map(|k| k.file.items.len()).sum();
    let mut items = Vec::with_capacity(room);
    let mut gaps = Vec::with_capacity(room);
    let mut notices = Vec::new();
    for checklist in &loaded.checklists {
        for item in &checklist.file.items {
            let id = item.id.get_ref().as_str();
            let answer = answers.get(id).copied();
            if let Some(entries) = loaded.per.get(id) {
                items.push(score_per(
                    item,
                    checklist.id(),
                    &listed,
                    entries,
                    as_of,
                    &mut gaps,
                    &mut notices,
                ));
                continue;
            }
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
                per: Vec::new(),
            });
            gaps.extend(scored.gaps);
            notices.extend(scored.notices);
        }
    }
    gaps.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.item.cmp(&b.item))
            .then_with(|| a.municipality.cmp(&b.municipality))
            .then_with(|| a.reason.cmp(&b.reason))
    });
    notices.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| a.item.cmp(&b.item))
            .then_with(|| a.municipality.cmp(&b.municipality))
            .then_with(|| a.reason.cmp(&b.reason))
    });

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
        index: index(&items, &gaps),
        items,
        gaps,
        notices,
        adherence,
        counts,
    }
}

/// An item answered per municipality: each listed municipality's entry
/// scored as an answer of its own (a municipality without one is not
/// assessed), its gaps and notices naming the municipality; the item's
/// value is the lowest of theirs, its due date the first, its answer the
/// lowest one's.
fn score_per<'a>(
    item: &'a Item,
    checklist: &'a str,
    listed: &[&'a str],
    entries: &'a [PerEntry],
    as_of: NaiveDate,
    gaps: &mut Vec<Gap>,
    notices: &mut Vec<Notice>,
) -> ItemResult<'a> {
    let mut per = Vec::with_capacity(listed.len());
    for &municipality in listed {
        let entry = entries.iter().find(|e| e.municipality == municipality);
        let answer = entry.map(|e| &e.answer);
        let evidence = entry.map_or(&[][..], |e| &e.evidence);
        let scored = score_item(item, answer, evidence, as_of);
        per.push(PerResult {
            municipality,
            answer,
            value: scored.value,
            due: scored.due,
            worst: scored.gaps.iter().map(|g| g.severity).max(),
            explained: scored.explained,
        });
        gaps.extend(scored.gaps.into_iter().map(|g| Gap {
            municipality: Some(municipality.to_owned()),
            ..g
        }));
        notices.extend(scored.notices.into_iter().map(|n| Notice {
            municipality: Some(municipality.to_owned()),
            ..n
        }));
    }
    // The lowest value decides; an entry left out of the score (not
    // applicable) counts only where every entry is left out. Of entries
    // as low, the one with the worst gap, then a municipality without an
    // entry (not assessed): the item's status and date are that one's,
    // so an item is never shown met with a value of 0.
    let lowest = per
        .iter()
        .filter(|p| p.value.is_some())
        .min_by(|a, b| {
            a.value
                .partial_cmp(&b.value)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.worst.cmp(&a.worst))
                .then(a.answer.is_some().cmp(&b.answer.is_some()))
        })
        .or(per.first());
    ItemResult {
        item,
        checklist,
        answer: lowest.and_then(|p| p.answer),
        value: lowest.and_then(|p| p.value),
        due: per.iter().filter_map(|p| p.due).min(),
        worst: per.iter().filter_map(|p| p.worst).max(),
        explained: per.iter().any(|p| p.explained),
        per,
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
    notices: Vec<Notice>,
    explained: bool,
}

/// Rule 12 for an answer that holds until its `valid-until`: run out
/// before as-of, an `expired` gap (a duty: critical, `value` 0; a
/// recommendation: minor, `value` at most 0.5); in the item's warn-days (or
/// 60) before, a notice. Whether it had run out.
fn expiry(
    item: &Item,
    answer: &Answer,
    as_of: NaiveDate,
    value: &mut f64,
    out: &mut Scored,
    gap: &dyn Fn(Severity, Reason) -> Gap,
) -> bool {
    let Some(until) = answer.valid_until.as_ref().map(|v| v.get_ref().0) else {
        return false;
    };
    if until < as_of {
        let severity = if item.kind == Kind::Duty {
            *value = 0.0;
            Severity::Critical
        } else {
            *value = f64::min(*value, 0.5);
            Severity::Minor
        };
        out.gaps.push(Gap {
            due: Some(until),
            ..gap(severity, Reason::Expired)
        });
        return true;
    }
    let warn = item
        .warn_days
        .as_ref()
        .map_or(EXPIRY_WARN_DAYS, |w| *w.get_ref());
    let days = (until - as_of).num_days();
    if days <= i64::from(warn) {
        out.notices.push(Notice {
            item: item.id.get_ref().clone(),
            reason: Upcoming::ExpiresSoon,
            due: until,
            days,
            municipality: None,
        });
    }
    false
}

/// Rule 11, awaiting the counterparty: a documented written request turns
/// each critical unmet, partial, overdue or expired gap into a minor one.
/// The value stays.
fn awaiting_counterparty(
    item: &Item,
    answer: &Answer,
    evidence: &[(String, Evidence)],
    as_of: NaiveDate,
    out: &mut Scored,
) {
    if item.counterparty.is_some()
        && let Some(requested) = answer.requested.as_ref().map(|r| r.get_ref().0)
        && requested <= as_of
        && answer
            .date
            .as_ref()
            .is_none_or(|d| requested > d.get_ref().0)
        && documents(evidence)
    {
        for g in &mut out.gaps {
            if g.severity == Severity::Critical
                && matches!(
                    g.reason,
                    Reason::Unmet | Reason::Partial | Reason::Overdue | Reason::Expired
                )
            {
                g.awaiting = Some(Awaiting {
                    instead_of: g.reason,
                    requested,
                });
                g.severity = Severity::Minor;
                g.reason = Reason::AwaitingCounterparty;
            }
        }
    }
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
        awaiting: None,
        municipality: None,
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

    let status = answer.status();

    // 10. A plan past its due date, whatever the status.
    if let Some(due) = answer.plan().and_then(|p| p.due.as_ref())
        && due.get_ref().0 < as_of
    {
        out.gaps.push(Gap {
            due: Some(due.get_ref().0),
            ..gap(Severity::Minor, Reason::PlanOverdue)
        });
    }

    // 2. Not applicable: a recommendation, or a duty whose wording makes it
    // conditional, is left out of the score but must be explained; any
    // other duty applies to every housing organisation.
    if status == Status::NotApplicable {
        if !item.may_be_not_applicable() {
            out.value = Some(0.0);
            out.gaps
                .push(gap(Severity::Critical, Reason::DutyNotApplicable));
            return out;
        }
        // 12. A finding that the item does not apply can hold for a while
        // only, explained or not: run out, a duty applies again (critical,
        // value 0, back in the score, and eased by rule 11 as any expired
        // duty); a recommendation is a minor gap and stays out of it.
        if expiry(item, answer, as_of, &mut 0.0, &mut out, &gap) && duty {
            out.value = Some(0.0);
        }
        if answer.explanation().is_none() {
            out.gaps.push(gap(Severity::Major, Reason::NaUnexplained));
        }
        awaiting_counterparty(item, answer, evidence, as_of, &mut out);
        return out;
    }

    // 3. The value of the status.
    let mut value = match status {
        Status::Met => 1.0,
        Status::Partial => 0.5,
        Status::Unmet | Status::NotApplicable => 0.0,
    };

    // 4. Recurrence.
    if let Some(recurrence) = item.recurrence()
        && status != Status::Unmet
    {
        // A date after as-of has not happened yet: it is a typo or a
        // promise, and dates nothing (else `date = 9999-12-31` would meet a
        // yearly duty for good).
        match answer.date.as_ref().filter(|d| d.get_ref().0 <= as_of) {
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
                let due = due_date(recurrence, date.get_ref().0);
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
                        out.notices.push(Notice {
                            item: id.to_owned(),
                            reason: Upcoming::DueSoon,
                            due,
                            days,
                            municipality: None,
                        });
                    }
                }
            }
        }
    }

    // 12. Expired: an answer that holds only until a day before as-of is
    // treated as overdue (a duty) or stale (a recommendation); in the
    // item's warn-days (or 60) before, a notice. An unmet answer has
    // nothing to run out.
    if status != Status::Unmet {
        expiry(item, answer, as_of, &mut value, &mut out, &gap);
    }

    // 5 and 6. Partial or unmet: a duty is a gap whatever the explanation; a
    // recommendation is explained, or a gap.
    if matches!(status, Status::Partial | Status::Unmet) {
        if duty {
            let reason = if status == Status::Partial {
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

    awaiting_counterparty(item, answer, evidence, as_of, &mut out);

    // 7. Evidence.
    if status == Status::Met && evidence.is_empty() {
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

#[cfg(test)]
pub(crate) mod cases;
#[cfg(test)]
mod properties;

#[cfg(test)]
mod tests {
    //! One or more tests per rule of docs/scoring.md.

    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::load::Checklist;
    use crate::model::{AssessmentFile, ChecklistFile};

    use Evidence::{Found, Missing, Outside, Url};
    use Reason::*;
    use Severity::{Critical, Major, Minor};

    /// Expected gaps of one item, as (severity, reason).
    type Gaps = &'static [(Severity, Reason)];

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// An item with id `x` of the given kind, plus extra TOML lines.
    fn item(kind: &str, extra: &str) -> Item {
        toml::from_str(&format!(
            "id = \"x\"\nkind = \"{kind}\"\ntitle.da = \"T\"\n{extra}"
        ))
        .unwrap()
    }

    fn answer(toml: &str) -> Answer {
        toml::from_str(toml).unwrap()
    }

    fn evidence(entries: &[Evidence]) -> Vec<(String, Evidence)> {
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| (format!("e{i}"), *e))
            .collect()
    }

    /// Evidence that is fine, so rule 7 stays quiet.
    fn good() -> Vec<(String, Evidence)> {
        evidence(&[Found])
    }

    fn score(
        item: &Item,
        answer: Option<&Answer>,
        ev: &[(String, Evidence)],
        as_of: &str,
    ) -> Scored {
        score_item(item, answer, ev, day(as_of))
    }

    /// The (severity, reason) of each gap, in a canonical order.
    fn kinds(s: &Scored) -> Vec<(Severity, Reason)> {
        let mut v: Vec<_> = s.gaps.iter().map(|g| (g.severity, g.reason)).collect();
        v.sort();
        v
    }

    fn sorted(mut v: Vec<(Severity, Reason)>) -> Vec<(Severity, Reason)> {
        v.sort();
        v
    }

    // Rule 1 ----------------------------------------------------------------

    #[test]
    fn rule1_no_answer_is_not_assessed() {
        for (kind, severity) in [("duty", Critical), ("recommendation", Major)] {
            for extra in ["", "every-months = 12\nwarn-days = 30", "weight = 3"] {
                let it = item(kind, extra);
                let s = score(&it, None, &[], "2026-01-01");
                assert_eq!(kinds(&s), [(severity, NotAssessed)], "{kind} {extra:?}");
                assert_eq!(s.value, Some(0.0), "{kind} {extra:?}");
                assert!(!s.explained);
                assert!(s.notices.is_empty());
                assert!(s.due.is_none());
            }
        }
    }

    // Rule 2 ----------------------------------------------------------------

    #[test]
    fn rule2_not_applicable_needs_explanation_and_is_left_out() {
        // Items that may be not applicable: every recommendation, and a duty
        // whose wording makes it conditional.
        let conditional = "may-be-not-applicable = true\nevery-months = 12\nwarn-days = 30";
        let cases: &[(&str, &str, &str, Gaps)] = &[
            ("duty", conditional, "", &[(Major, NaUnexplained)]),
            ("recommendation", "", "", &[(Major, NaUnexplained)]),
            (
                "duty",
                conditional,
                "explanation = \"\"",
                &[(Major, NaUnexplained)],
            ),
            (
                "recommendation",
                "",
                "explanation = \"  \\n\\t \"",
                &[(Major, NaUnexplained)],
            ),
            // Rule 6's test decides what an explanation is.
            (
                "recommendation",
                "",
                "explanation = \"TBD\"",
                &[(Major, NaUnexplained)],
            ),
            (
                "duty",
                conditional,
                "explanation = \"Ikke aktuelt\"",
                &[(Major, NaUnexplained)],
            ),
            (
                "duty",
                conditional,
                "explanation = \"Vi har ingen boligområder, der kræver koordinering.\"",
                &[],
            ),
            (
                "recommendation",
                "every-months = 12",
                "explanation = \"We have no board that could do this.\"",
                &[],
            ),
        ];
        for (kind, extra, explanation, expected) in cases {
            // An old date and no evidence: neither matters.
            let it = item(kind, extra);
            for status in ["not-applicable", "ikke-relevant"] {
                let a = answer(&format!(
                    "status = \"{status}\"\ndate = 2000-01-01\n{explanation}"
                ));
                let s = score(&it, Some(&a), &[], "2026-01-01");
                assert_eq!(kinds(&s), *expected, "{kind} {status} {explanation:?}");
                assert_eq!(
                    s.value, None,
                    "{kind} {explanation:?}: left out of the score"
                );
                assert!(!s.explained);
                assert!(s.notices.is_empty());
            }
        }
    }

    #[test]
    fn rule2_a_duty_that_applies_to_everyone_cannot_be_not_applicable() {
        // Whatever the explanation, date or evidence: a critical gap, value
        // 0, and the item stays in the score.
        for extra in [
            "",
            "every = \"calendar-year\"\nwarn-days = 30",
            "may-be-not-applicable = false",
            "counterparty.da = \"kommunalbestyrelsen\"",
        ] {
            let it = item("duty", extra);
            for explanation in [
                "",
                "explanation = \"Kommunen holder ikke styringsdialog med os.\"",
            ] {
                let a = answer(&format!(
                    "status = \"not-applicable\"\ndate = 2026-01-01\nrequested = 2026-02-01\n{explanation}"
                ));
                let s = score(&it, Some(&a), &good(), "2026-06-01");
                assert_eq!(
                    kinds(&s),
                    [(Critical, DutyNotApplicable)],
                    "{extra:?} {explanation:?}"
                );
                assert_eq!(s.value, Some(0.0), "{extra:?}: stays in the score at 0");
                assert!(!s.explained);
            }
        }
        // A plan past its due date is still said.
        let it = item("duty", "");
        let a = answer(
            "status = \"not-applicable\"\nplan = { action = \"Hold mødet\", owner = \"Direktionen\", due = 2026-01-01 }",
        );
        let s = score(&it, Some(&a), &[], "2026-06-01");
        assert_eq!(
            kinds(&s),
            sorted(vec![(Critical, DutyNotApplicable), (Minor, PlanOverdue)])
        );
    }

    // Rule 3 ----------------------------------------------------------------

    #[test]
    fn rule3_values() {
        let cases = [
            ("met", 1.0),
            ("følger", 1.0),
            ("partial", 0.5),
            ("følger-delvist", 0.5),
            ("unmet", 0.0),
            ("følger-ikke", 0.0),
        ];
        for (status, value) in cases {
            for kind in ["recommendation", "duty"] {
                let it = item(kind, "");
                let a = answer(&format!(
                    "status = \"{status}\"\nexplanation = \"We chose another way, see the minutes.\""
                ));
                let s = score(&it, Some(&a), &good(), "2026-01-01");
                assert_eq!(s.value, Some(value), "{kind} {status}");
            }
            // The recommendation has an explanation: no gap at all.
            let it = item("recommendation", "");
            let a = answer(&format!(
                "status = \"{status}\"\nexplanation = \"We chose another way, see the minutes.\""
            ));
            assert!(score(&it, Some(&a), &good(), "2026-01-01").gaps.is_empty());
        }
    }

    // Rule 4 ----------------------------------------------------------------

    #[test]
    fn the_mean_does_not_depend_on_the_order() {
        let forward = [31.4, 20.3, 25.2, 36.9];
        let mut backward = forward;
        backward.reverse();
        assert_eq!(mean(forward.into_iter()), 28.5);
        assert_eq!(mean(backward.into_iter()), 28.5);
        assert_eq!(mean([56.2, 56.3].into_iter()), 56.3);
        assert_eq!(mean(std::iter::empty()), 0.0);
    }

    #[test]
    fn rule4_due_dates_stay_within_year_9999() {
        // Regression: a due date past 9999 came out as "+10000-12-31",
        // which is no ISO 8601 date.
        assert_eq!(add_months(day("9999-06-30"), 12), day("9999-12-31"));
        assert_eq!(add_months(day("9000-01-01"), u32::MAX), day("9999-12-31"));
    }

    #[test]
    fn rule4_add_months_clamps_to_month_end() {
        let cases = [
            ("2024-02-29", 12, "2025-02-28"),
            ("2024-02-29", 48, "2028-02-29"),
            ("2026-01-31", 1, "2026-02-28"),
            ("2024-01-31", 1, "2024-02-29"),
            ("2026-03-31", 1, "2026-04-30"),
            ("2026-03-15", 12, "2027-03-15"),
            ("2026-03-15", 24, "2028-03-15"),
            ("2026-11-30", 3, "2027-02-28"),
            ("2026-03-15", 0, "2026-03-15"),
        ];
        for (date, months, expected) in cases {
            assert_eq!(
                add_months(day(date), months),
                day(expected),
                "{date} + {months}"
            );
        }
    }

    #[test]
    fn rule4_date_missing() {
        // (kind, status, value, gaps); evidence is fine, recommendations explained.
        let cases: &[(&str, &str, f64, Gaps)] = &[
            ("duty", "met", 0.0, &[(Critical, DateMissing)]),
            (
                "duty",
                "partial",
                0.0,
                &[(Critical, DateMissing), (Critical, Partial)],
            ),
            ("recommendation", "met", 1.0, &[(Minor, DateMissing)]),
            ("recommendation", "partial", 0.5, &[(Minor, DateMissing)]),
            // Only met and partial answers need a date.
            ("duty", "unmet", 0.0, &[(Critical, Unmet)]),
            ("recommendation", "unmet", 0.0, &[]),
        ];
        for (kind, status, value, expected) in cases {
            let it = item(kind, "every-months = 12");
            let a = answer(&format!(
                "status = \"{status}\"\nexplanation = \"We chose another way, see the minutes.\""
            ));
            let s = score(&it, Some(&a), &good(), "2026-01-01");
            assert_eq!(kinds(&s), sorted(expected.to_vec()), "{kind} {status}");
            assert_eq!(s.value, Some(*value), "{kind} {status}");
            assert_eq!(s.due, None);
        }
    }

    #[test]
    fn rule4_overdue_and_stale() {
        // Done 2025-03-15 every 12 months: due 2026-03-15; as-of the day after.
        let due = day("2026-03-15");
        let cases: &[(&str, &str, f64, Gaps)] = &[
            ("duty", "met", 0.0, &[(Critical, Overdue)]),
            (
                "duty",
                "partial",
                0.0,
                &[(Critical, Overdue), (Critical, Partial)],
            ),
            ("recommendation", "met", 0.5, &[(Minor, Stale)]),
            ("recommendation", "partial", 0.5, &[(Minor, Stale)]),
        ];
        for (kind, status, value, expected) in cases {
            let it = item(kind, "every-months = 12\nwarn-days = 30");
            let a = answer(&format!(
                "status = \"{status}\"\ndate = 2025-03-15\nexplanation = \"We chose another way, see the minutes.\""
            ));
            let s = score(&it, Some(&a), &good(), "2026-03-16");
            assert_eq!(kinds(&s), sorted(expected.to_vec()), "{kind} {status}");
            assert_eq!(s.value, Some(*value), "{kind} {status}");
            assert_eq!(s.due, Some(due));
            for g in s
                .gaps
                .iter()
                .filter(|g| matches!(g.reason, Overdue | Stale))
            {
                assert_eq!(g.due, Some(due), "{kind} {status}");
            }
            assert!(
                s.notices.is_empty(),
                "{kind} {status}: overdue, not due soon"
            );
        }
    }

    #[test]
    fn rule4_once_every_calendar_year() {
        // (answer's date, as-of, due, gaps): due on 31 December of the year
        // after the answer's date, whatever the day within the year.
        let cases: &[(&str, &str, &str, Gaps)] = &[
            // The issue's case: the 2026 meeting is on time until year end.
            ("2025-09-30", "2026-11-27", "2026-12-31", &[]),
            ("2025-09-30", "2026-12-31", "2026-12-31", &[]),
            (
                "2025-09-30",
                "2027-01-01",
                "2026-12-31",
                &[(Critical, Overdue)],
            ),
            // An answer dated 31 December: the whole next year, not a day.
            ("2025-12-31", "2026-12-31", "2026-12-31", &[]),
            (
                "2025-12-31",
                "2027-01-01",
                "2026-12-31",
                &[(Critical, Overdue)],
            ),
            // 1 January: nearly two years, as the law's "each year" gives.
            ("2025-01-01", "2026-12-31", "2026-12-31", &[]),
            // Leap days: 29 February is an ordinary day of its year.
            ("2024-02-29", "2025-12-31", "2025-12-31", &[]),
            (
                "2024-02-29",
                "2026-01-01",
                "2025-12-31",
                &[(Critical, Overdue)],
            ),
            ("2027-06-30", "2028-02-29", "2028-12-31", &[]),
            // The last year a TOML file can write: clamped, never a panic.
            ("9999-03-01", "9999-12-31", "9999-12-31", &[]),
        ];
        let it = item("duty", "every = \"calendar-year\"");
        for (date, as_of, due, expected) in cases {
            let a = answer(&format!("status = \"met\"\ndate = {date}"));
            let s = score(&it, Some(&a), &good(), as_of);
            assert_eq!(s.due, Some(day(due)), "{date} as of {as_of}");
            assert_eq!(kinds(&s), *expected, "{date} as of {as_of}");
            let value = if expected.is_empty() { 1.0 } else { 0.0 };
            assert_eq!(s.value, Some(value), "{date} as of {as_of}");
        }
        // A recommendation goes stale the same way; warn-days counts back
        // from 31 December.
        let it = item(
            "recommendation",
            "every = \"calendar-year\"\nwarn-days = 31",
        );
        let a = answer("status = \"met\"\ndate = 2025-09-30");
        let s = score(&it, Some(&a), &good(), "2027-01-01");
        assert_eq!(kinds(&s), [(Minor, Stale)]);
        assert_eq!(s.value, Some(0.5));
        let s = score(&it, Some(&a), &good(), "2026-11-29");
        assert!(s.notices.is_empty());
        let s = score(&it, Some(&a), &good(), "2026-12-01");
        assert_eq!(s.notices.first().map(|n| n.days), Some(30));
        assert_eq!(s.notices.first().map(|n| n.due), Some(day("2026-12-31")));
        // No date: the deadline cannot be worked out.
        let a = answer("status = \"met\"");
        let s = score(
            &item("duty", "every = \"calendar-year\""),
            Some(&a),
            &good(),
            "2026-01-01",
        );
        assert_eq!(kinds(&s), [(Critical, DateMissing)]);
    }

    #[test]
    fn rule4_calendar_year_and_months_differ() {
        // The same meeting, scored on a rolling 12 months, is overdue two
        // months before the calendar year says it is.
        let a = answer("status = \"met\"\ndate = 2025-09-30");
        let rolling = score(
            &item("duty", "every-months = 12"),
            Some(&a),
            &good(),
            "2026-11-27",
        );
        let yearly = score(
            &item("duty", "every = \"calendar-year\""),
            Some(&a),
            &good(),
            "2026-11-27",
        );
        assert_eq!(kinds(&rolling), [(Critical, Overdue)]);
        assert!(yearly.gaps.is_empty(), "{:?}", yearly.gaps);
    }

    #[test]
    fn rule6_one_definition_of_explained() {
        use crate::model::{Hollow, hollow};
        // (explanation, why it does not count, or None when it counts)
        let cases: &[(&str, Option<Hollow>)] = &[
            ("", Some(Hollow::Empty)),
            (" \t\n ", Some(Hollow::Empty)),
            ("\u{200b}", Some(Hollow::Empty)),
            ("\u{feff}\u{200b}\u{2060}\u{00ad}", Some(Hollow::Empty)),
            ("\u{1}\u{7f}", Some(Hollow::Empty)),
            ("TBD", Some(Hollow::Placeholder)),
            ("tbd.", Some(Hollow::Placeholder)),
            ("TODO", Some(Hollow::Placeholder)),
            (
                "TODO: skriv forklaringen, når vi har talt om det",
                Some(Hollow::Placeholder),
            ),
            ("-", Some(Hollow::Placeholder)),
            ("…", Some(Hollow::Placeholder)),
            ("n/a", Some(Hollow::Placeholder)),
            ("N/A", Some(Hollow::Placeholder)),
            ("xxx", Some(Hollow::Placeholder)),
            ("xxxxxxxxxxxxxxxxxxxxxxxxx", Some(Hollow::Placeholder)),
            ("-------------------------", Some(Hollow::Placeholder)),
            ("... ... ... ... ... ... ...", Some(Hollow::Placeholder)),
            ("Forklaring følger", Some(Hollow::Placeholder)),
            ("Forklaring følger senere.", Some(Hollow::Placeholder)),
            ("  forklaring   følger  ", Some(Hollow::Placeholder)),
            ("Explanation to follow", Some(Hollow::Placeholder)),
            (
                "Lorem ipsum dolor sit amet, consectetur",
                Some(Hollow::Placeholder),
            ),
            ("for dyrt", Some(Hollow::TooShort)),
            // 19 characters, and 19 once the invisible ends are trimmed.
            ("Vi er for små. Nej.", Some(Hollow::TooShort)),
            (
                "\u{200b}Vi er for små. Nej.\u{200b}  ",
                Some(Hollow::TooShort),
            ),
            // Invisible characters inside do not make up the length.
            (
                "Vi\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}",
                Some(Hollow::TooShort),
            ),
            // 20 characters: counts.
            ("Vi er for små. Nej!!", None),
            (
                "Vi er repræsenteret via vores administrationsorganisation.",
                None,
            ),
            // The hint of `almen init`'s template, copied as it stands.
            ("hvorfor, og hvad I gør i stedet", Some(Hollow::Placeholder)),
            (
                "\"why, and what you do instead\"",
                Some(Hollow::Placeholder),
            ),
            // An explanation still to come, however it goes on.
            (
                "Forklaring følger snarest muligt",
                Some(Hollow::Placeholder),
            ),
            (
                "Forklaringen følger på næste bestyrelsesmøde.",
                Some(Hollow::Placeholder),
            ),
            (
                "Explanation to follow after the board meeting",
                Some(Hollow::Placeholder),
            ),
            // … but not where it says where the explanation comes from.
            (
                "Forklaringen følger af vedtægtens §5: kredsen har ingen plads til os.",
                None,
            ),
            // … nor where it goes on to give it, or says where it is from.
            (
                "Forklaring følger: vi har ingen afdelinger i området endnu.",
                None,
            ),
            (
                "Forklaringen følger nedenfor: vi har ingen afdelinger i området.",
                None,
            ),
            (
                "Explanation follows: we have no departments in the area.",
                None,
            ),
            (
                "Forklaringen kommer fra direktionen, som har besluttet det.",
                None,
            ),
            // Placeholders repeated, with or without something between.
            ("n/a – n/a – n/a – n/a – n/a", Some(Hollow::Placeholder)),
            ("n/a / n/a / n/a / n/a", Some(Hollow::Placeholder)),
            ("ikke relevant ikke relevant", Some(Hollow::Placeholder)),
            ("Not applicable, see below.", Some(Hollow::Placeholder)),
            // The template's hint, however it is punctuated.
            ("hvorfor og hvad I gør i stedet", Some(Hollow::Placeholder)),
            (
                "hvorfor, , , , , , , , , , , , , , , , og hvad I gør i stedet",
                Some(Hollow::Placeholder),
            ),
            // A run of spaces is one.
            ("a                  b", Some(Hollow::TooShort)),
            // A placeholder of one word, repeated to make up the length.
            ("n/a n/a n/a n/a n/a n/a", Some(Hollow::Placeholder)),
            ("TODO. todo. TODO. todo.", Some(Hollow::Placeholder)),
            // 19 letters as a reader counts them, whether the accent is
            // part of its letter or written after it; 20 counts.
            ("Vi har én aftale nu", Some(Hollow::TooShort)),
            ("Vi har e\u{301}n aftale nu", Some(Hollow::TooShort)),
            ("Vi har e\u{301}n aftale nu!", None),
            (
                "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301} e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}",
                Some(Hollow::TooShort),
            ),
            // A Windows line end is one character to a reader.
            ("Vi er for små.\r\nNej!", Some(Hollow::TooShort)),
            ("Vi er for små.\r\nNej!!", None),
            // Invisible characters at the ends, of every kind.
            (
                "Vi er for små. Nej.\u{34f}\u{180e}\u{2066}\u{fe0f}",
                Some(Hollow::TooShort),
            ),
            // A word from the list inside a real sentence is no placeholder.
            ("Todos udvalg har overtaget opgaven fra bestyrelsen.", None),
            (
                "Ikke relevant, da vi ikke har nogen afdelinger med erhverv.",
                None,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(hollow(text), *expected, "{text:?}");
        }
        // Scoring and validate ask the same question: an answer's
        // explanation counts exactly when `hollow` says so.
        let it = item("recommendation", "");
        for (text, expected) in cases {
            let toml = format!(
                "status = \"unmet\"\nexplanation = {}",
                toml::Value::String((*text).to_owned())
            );
            let a = answer(&toml);
            assert_eq!(a.hollow_explanation(), *expected, "{text:?}");
            let s = score(&it, Some(&a), &good(), "2026-01-01");
            if expected.is_some() {
                assert_eq!(kinds(&s), [(Major, Unexplained)], "{text:?}");
                assert!(!s.explained, "{text:?}");
            } else {
                assert!(s.gaps.is_empty(), "{text:?}");
                assert!(s.explained, "{text:?}");
            }
        }
    }

    // Rule 12 ---------------------------------------------------------------

    #[test]
    fn rule12_an_answer_runs_out() {
        // An agreement valid until 2026-08-01; evidence is fine.
        // (kind, item, answer status, as-of, gaps, value, notice days)
        type Case<'a> = (&'a str, &'a str, &'a str, &'a str, Gaps, f64, Option<i64>);
        let cases: &[Case] = &[
            // On the day it runs out it still holds: a notice, today.
            ("duty", "", "met", "2026-08-01", &[], 1.0, Some(0)),
            ("recommendation", "", "met", "2026-08-01", &[], 1.0, Some(0)),
            // The day after: expired, as rule 4's overdue and stale.
            (
                "duty",
                "",
                "met",
                "2026-08-02",
                &[(Critical, Expired)],
                0.0,
                None,
            ),
            (
                "recommendation",
                "",
                "met",
                "2026-08-02",
                &[(Minor, Expired)],
                0.5,
                None,
            ),
            (
                "recommendation",
                "",
                "partial",
                "2026-08-02",
                &[(Minor, Expired)],
                0.5,
                None,
            ),
            (
                "duty",
                "",
                "partial",
                "2027-01-01",
                &[(Critical, Expired), (Critical, Partial)],
                0.0,
                None,
            ),
            // Sixty days before, without warn-days of its own: a notice;
            // sixty-one days before: nothing yet.
            ("duty", "", "met", "2026-06-02", &[], 1.0, Some(60)),
            ("duty", "", "met", "2026-06-01", &[], 1.0, None),
            // The item's warn-days counts instead.
            (
                "duty",
                "warn-days = 30
every-months = 120",
                "met",
                "2026-07-02",
                &[],
                1.0,
                Some(30),
            ),
            (
                "duty",
                "warn-days = 30
every-months = 120",
                "met",
                "2026-07-01",
                &[],
                1.0,
                None,
            ),
            // An unmet answer has nothing to run out.
            (
                "duty",
                "",
                "unmet",
                "2027-01-01",
                &[(Critical, Unmet)],
                0.0,
                None,
            ),
        ];
        for (kind, extra, status, as_of, expected, value, notice) in cases {
            let it = item(kind, extra);
            let a = answer(&format!(
                "status = \"{status}\"\ndate = 2022-08-01\nvalid-until = 2026-08-01\nexplanation = \"We chose another way, see the minutes.\""
            ));
            let s = score(&it, Some(&a), &good(), as_of);
            let what = format!("{kind} {extra:?} {status} as of {as_of}");
            assert_eq!(kinds(&s), sorted(expected.to_vec()), "{what}");
            assert_eq!(s.value, Some(*value), "{what}");
            let expiring: Vec<_> = s
                .notices
                .iter()
                .filter(|n| n.reason == Upcoming::ExpiresSoon)
                .collect();
            assert_eq!(expiring.first().map(|n| n.days), *notice, "{what}");
            for n in expiring {
                assert_eq!(n.due, day("2026-08-01"), "{what}");
            }
            for g in s.gaps.iter().filter(|g| g.reason == Expired) {
                assert_eq!(g.due, Some(day("2026-08-01")), "{what}: the date is said");
            }
        }
    }

    /// A finding that an item does not apply can be made for a while
    /// only ("no departments in the area until 2026"): run out, a duty
    /// that may be not applicable applies again; a recommendation is a
    /// minor gap and stays out of the score. Before, `valid-until` on a
    /// not-applicable answer was never looked at.
    #[test]
    fn rule12_not_applicable_runs_out_too() {
        // (kind, as-of, gaps, value, notice days)
        type Case<'a> = (&'a str, &'a str, Gaps, Option<f64>, Option<i64>);
        let cases: &[Case] = &[
            ("duty", "2026-08-01", &[], None, Some(0)),
            ("recommendation", "2026-08-01", &[], None, Some(0)),
            ("duty", "2026-06-02", &[], None, Some(60)),
            ("duty", "2026-06-01", &[], None, None),
            (
                "duty",
                "2026-08-02",
                &[(Critical, Expired)],
                Some(0.0),
                None,
            ),
            (
                "recommendation",
                "2026-08-02",
                &[(Minor, Expired)],
                None,
                None,
            ),
        ];
        for (kind, as_of, expected, value, notice) in cases {
            // Only a duty says it may be not applicable; a recommendation
            // always may be.
            let extra = if *kind == "duty" {
                "may-be-not-applicable = true"
            } else {
                ""
            };
            let it = item(kind, extra);
            let a = answer(
                "status = \"not-applicable\"\nvalid-until = 2026-08-01\n\
                 explanation = \"No departments in the area until the new plan.\"",
            );
            let s = score(&it, Some(&a), &good(), as_of);
            let what = format!("{kind} as of {as_of}");
            assert_eq!(kinds(&s), sorted(expected.to_vec()), "{what}");
            assert_eq!(s.value, *value, "{what}");
            let days = s
                .notices
                .iter()
                .find(|n| n.reason == Upcoming::ExpiresSoon)
                .map(|n| n.days);
            assert_eq!(days, *notice, "{what}");
            // Unexplained, it has run out all the same, and is unexplained
            // besides: leaving the explanation out never scores better.
            let bare = answer("status = \"not-applicable\"\nvalid-until = 2026-08-01");
            let s = score(&it, Some(&bare), &good(), as_of);
            let mut more = expected.to_vec();
            more.push((Major, NaUnexplained));
            assert_eq!(kinds(&s), sorted(more), "{what}, unexplained");
            assert_eq!(s.value, *value, "{what}, unexplained");
        }
    }

    /// Rule 11 eases a not-applicable duty that has run out as it eases
    /// any expired duty: the organisation asked the counterparty in writing.
    #[test]
    fn rule11_eases_a_not_applicable_duty_that_ran_out() {
        let it = item(
            "duty",
            "may-be-not-applicable = true\ncounterparty = { da = \"kommunalbestyrelsen\" }",
        );
        let text = "status = \"not-applicable\"\nvalid-until = 2026-08-01\n\
                    explanation = \"No departments in the area until the new plan.\"";
        let asked = answer(&format!("{text}\nrequested = 2026-07-01"));
        let s = score(&it, Some(&asked), &good(), "2026-08-02");
        assert_eq!(kinds(&s), [(Minor, AwaitingCounterparty)]);
        assert_eq!(s.value, Some(0.0));
        let s = score(&it, Some(&answer(text)), &good(), "2026-08-02");
        assert_eq!(kinds(&s), [(Critical, Expired)]);
    }

    #[test]
    fn rule12_expired_and_overdue_are_each_said() {
        // A yearly duty that is both overdue and expired has two gaps;
        // one that is due soon and expires soon, two notices.
        let it = item("duty", "every = \"calendar-year\"\nwarn-days = 60");
        let a = answer("status = \"met\"\ndate = 2024-10-01\nvalid-until = 2025-06-30");
        let s = score(&it, Some(&a), &good(), "2026-01-05");
        assert_eq!(kinds(&s), [(Critical, Overdue), (Critical, Expired)]);
        let a = answer("status = \"met\"\ndate = 2025-10-01\nvalid-until = 2026-12-01");
        let s = score(&it, Some(&a), &good(), "2026-11-27");
        let reasons: Vec<_> = s.notices.iter().map(|n| n.reason).collect();
        assert_eq!(reasons, [Upcoming::DueSoon, Upcoming::ExpiresSoon]);
    }

    #[test]
    fn rule12_with_rule11_a_request_eases_an_expired_duty() {
        let cp = "counterparty = { da = \"kommunalbestyrelsen\", en = \"the municipal council\" }";
        // (answer, evidence, gaps)
        let cases: &[(&str, &[Evidence], Gaps)] = &[
            // Asked after it was made, documented: minor, value stays 0.
            (
                "status = \"met\"\ndate = 2022-08-01\nvalid-until = 2026-08-01\nrequested = 2026-06-01",
                &[Found],
                &[(Minor, AwaitingCounterparty)],
            ),
            // Undocumented: stays critical.
            (
                "status = \"met\"\ndate = 2022-08-01\nvalid-until = 2026-08-01\nrequested = 2026-06-01",
                &[],
                &[(Critical, Expired), (Minor, NoEvidence)],
            ),
            // Asked before the agreement was made: that request was answered.
            (
                "status = \"met\"\ndate = 2022-08-01\nvalid-until = 2026-08-01\nrequested = 2022-06-01",
                &[Found],
                &[(Critical, Expired)],
            ),
        ];
        let it = item("duty", cp);
        for (toml, ev, expected) in cases {
            let a = answer(toml);
            let s = score(&it, Some(&a), &evidence(ev), "2026-09-01");
            assert_eq!(kinds(&s), sorted(expected.to_vec()), "{toml:?} {ev:?}");
            assert_eq!(s.value, Some(0.0), "{toml:?}");
            for g in s.gaps.iter().filter(|g| g.reason == AwaitingCounterparty) {
                let awaiting = g.awaiting.expect("says what it stands in for");
                assert_eq!(awaiting.instead_of, Expired);
                assert_eq!(g.due, Some(day("2026-08-01")));
            }
        }
    }

    // Answers per municipality --------------------------------------------

    /// An assessment against the built-in `samarbejde-med-omverdenen`,
    /// loaded by the real loader, with `organisation` lines and answers.
    fn per_loaded(organisation: &str, answers: &str) -> Assessment {
        let text = format!(
            "format = 1\n[organisation]\nname = \"O\"\n{organisation}\n\
             [assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n{answers}"
        );
        let files = cases::Files::empty().with("a.toml", text);
        let mut loader = crate::load::Loader::new(&files, crate::lang::Lang::En);
        cases::load(&mut loader, "a.toml")
    }

    /// One `[[answers.ID.per]]` entry, with a link as its evidence.
    fn entry(id: &str, municipality: &str, fields: &str) -> String {
        format!(
            "[[answers.{id}.per]]\nmunicipality = \"{municipality}\"\n{fields}\nevidence = [\"https://x.example/{id}\"]\n"
        )
    }

    const TWO: &str = "municipalities = [\"Aarhus Kommune\", \"Skanderborg Kommune\"]";

    #[test]
    fn per_municipality_each_entry_is_scored_and_the_lowest_value_wins() {
        let met = "status = \"met\"\ndate = 2026-10-02";
        // (what, item, answers, as-of, the item's value, its gaps as
        // (municipality, severity, reason), its notices as (municipality,
        // reason, days))
        type Case<'a> = (
            &'a str,
            &'a str,
            String,
            &'a str,
            Option<f64>,
            &'a [(&'a str, Severity, Reason)],
            &'a [(&'a str, Upcoming, i64)],
        );
        let cases: Vec<Case> = vec![
            (
                "both met: no gap, value 1",
                "STY-1",
                entry("STY-1", "Aarhus Kommune", met) + &entry("STY-1", "Skanderborg Kommune", met),
                "2026-11-27",
                Some(1.0),
                &[],
                &[],
            ),
            (
                "lowest value wins: one partial",
                "STY-1",
                entry("STY-1", "Aarhus Kommune", met)
                    + &entry(
                        "STY-1",
                        "Skanderborg Kommune",
                        "status = \"partial\"\ndate = 2026-10-01",
                    ),
                "2026-11-27",
                Some(0.5),
                &[("Skanderborg Kommune", Critical, Partial)],
                &[],
            ),
            (
                "a lapsed styringsdialog is that municipality's gap",
                "STY-1",
                entry("STY-1", "Aarhus Kommune", met)
                    + &entry(
                        "STY-1",
                        "Skanderborg Kommune",
                        "status = \"met\"\ndate = 2024-11-20",
                    ),
                "2026-11-27",
                Some(0.0),
                &[("Skanderborg Kommune", Critical, Overdue)],
                &[],
            ),
            (
                "a listed municipality without an entry is not assessed",
                "STY-1",
                entry("STY-1", "Aarhus Kommune", met),
                "2026-11-27",
                Some(0.0),
                &[("Skanderborg Kommune", Critical, NotAssessed)],
                &[],
            ),
            (
                "due soon for one municipality only",
                "STY-1",
                entry("STY-1", "Aarhus Kommune", met)
                    + &entry(
                        "STY-1",
                        "Skanderborg Kommune",
                        "status = \"met\"\ndate = 2025-11-20",
                    ),
                "2026-11-27",
                Some(1.0),
                &[],
                &[("Skanderborg Kommune", Upcoming::DueSoon, 34)],
            ),
            (
                "expiry on the day: still holds, a notice today",
                "LAB-6F-1",
                entry(
                    "LAB-6F-1",
                    "Aarhus Kommune",
                    "status = \"met\"\ndate = 2022-08-01\nvalid-until = 2026-11-27",
                ) + &entry("LAB-6F-1", "Skanderborg Kommune", met),
                "2026-11-27",
                Some(1.0),
                &[],
                &[("Aarhus Kommune", Upcoming::ExpiresSoon, 0)],
            ),
            (
                "expiry the day after: expired for that municipality",
                "LAB-6F-1",
                entry(
                    "LAB-6F-1",
                    "Aarhus Kommune",
                    "status = \"met\"\ndate = 2022-08-01\nvalid-until = 2026-11-26",
                ) + &entry("LAB-6F-1", "Skanderborg Kommune", met),
                "2026-11-27",
                Some(0.0),
                &[("Aarhus Kommune", Critical, Expired)],
                &[],
            ),
            (
                "expiry inside the 60 days: a notice",
                "LAB-6F-1",
                entry("LAB-6F-1", "Aarhus Kommune", met)
                    + &entry(
                        "LAB-6F-1",
                        "Skanderborg Kommune",
                        "status = \"met\"\ndate = 2023-01-16\nvalid-until = 2027-01-15",
                    ),
                "2026-11-27",
                Some(1.0),
                &[],
                &[("Skanderborg Kommune", Upcoming::ExpiresSoon, 49)],
            ),
            (
                "expired, but the municipality was asked in writing: minor",
                "LAB-6F-1",
                entry(
                    "LAB-6F-1",
                    "Aarhus Kommune",
                    "status = \"met\"\ndate = 2022-08-01\nvalid-until = 2026-08-01\nrequested = 2026-06-15",
                ) + &entry("LAB-6F-1", "Skanderborg Kommune", met),
                "2026-11-27",
                Some(0.0),
                &[("Aarhus Kommune", Minor, AwaitingCounterparty)],
                &[],
            ),
        ];
        for (what, id, answers, as_of, value, gaps, notices) in &cases {
            let loaded = per_loaded(TWO, answers);
            let eval = evaluate(&loaded, day(as_of));
            let r = eval.item(id).expect("the item is scored");
            assert_eq!(r.value, *value, "{what}");
            assert_eq!(r.per.len(), 2, "{what}: one result per listed municipality");
            let got: Vec<(&str, Severity, Reason)> = eval
                .gaps_of(id)
                .iter()
                .map(|g| {
                    (
                        g.municipality.as_deref().unwrap_or("-"),
                        g.severity,
                        g.reason,
                    )
                })
                .collect();
            assert_eq!(got, *gaps, "{what}");
            let got: Vec<(&str, Upcoming, i64)> = eval
                .notices
                .iter()
                .filter(|n| n.item == *id)
                .map(|n| (n.municipality.as_deref().unwrap_or("-"), n.reason, n.days))
                .collect();
            assert_eq!(got, *notices, "{what}");
        }
    }

    /// Each entry is scored exactly as the same answer given once: its
    /// gaps and value are the plain answer's, and the item's value is the
    /// lowest of them, for every pair of answers of a small set.
    #[test]
    fn per_municipality_each_entry_is_the_answer_it_would_be_alone() {
        let answers = [
            "status = \"met\"\ndate = 2026-10-02",
            "status = \"met\"\ndate = 2024-11-20",
            "status = \"partial\"\ndate = 2026-10-02",
            "status = \"unmet\"\nrequested = 2026-06-01",
            "status = \"met\"\ndate = 2024-11-20\nrequested = 2025-10-15",
            "status = \"met\"",
        ];
        let alone = |fields: &str| {
            let text =
                format!("[answers.STY-1]\n{fields}\nevidence = [\"https://x.example/STY-1\"]\n");
            let loaded = per_loaded("municipality = \"Aarhus Kommune\"", &text);
            let eval = evaluate(&loaded, day("2026-11-27"));
            let r = eval.item("STY-1").unwrap();
            let gaps: Vec<(Severity, Reason)> = eval
                .gaps_of("STY-1")
                .iter()
                .map(|g| (g.severity, g.reason))
                .collect();
            (r.value, gaps)
        };
        for a in answers {
            for b in answers {
                let text =
                    entry("STY-1", "Aarhus Kommune", a) + &entry("STY-1", "Skanderborg Kommune", b);
                let loaded = per_loaded(TWO, &text);
                let eval = evaluate(&loaded, day("2026-11-27"));
                let r = eval.item("STY-1").unwrap();
                for (p, fields) in r.per.iter().zip([a, b]) {
                    let (value, gaps) = alone(fields);
                    assert_eq!(p.value, value, "{fields:?}");
                    let own: Vec<(Severity, Reason)> = eval
                        .gaps_of("STY-1")
                        .iter()
                        .filter(|g| g.municipality.as_deref() == Some(p.municipality))
                        .map(|g| (g.severity, g.reason))
                        .collect();
                    assert_eq!(own, gaps, "{fields:?}");
                }
                let lowest = r.per.iter().filter_map(|p| p.value).reduce(f64::min);
                assert_eq!(r.value, lowest, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn per_municipality_with_one_municipality_and_plain_answers_beside() {
        // One `municipality` may be matched by one entry; a plain answer
        // on the other items is scored as it always was, without a
        // municipality.
        let answers = entry(
            "STY-1",
            "Aarhus Kommune",
            "status = \"met\"\ndate = 2024-10-01",
        ) + "[answers.NV-13]\nstatus = \"met\"\ndate = 2024-10-01\nevidence = [\"https://x.example\"]\n";
        let loaded = per_loaded("municipality = \"Aarhus Kommune\"", &answers);
        let eval = evaluate(&loaded, day("2026-11-27"));
        let sty: Vec<_> = eval
            .gaps_of("STY-1")
            .iter()
            .map(|g| g.municipality.clone())
            .collect();
        assert_eq!(sty, [Some("Aarhus Kommune".to_owned())]);
        let nv: Vec<_> = eval
            .gaps_of("NV-13")
            .iter()
            .map(|g| g.municipality.clone())
            .collect();
        assert_eq!(nv, [None]);
        assert!(eval.item("NV-13").unwrap().per.is_empty());
    }

    // Rule 11 ---------------------------------------------------------------

    #[test]
    fn rule11_awaiting_the_counterparty() {
        let cp = "counterparty = { da = \"kommunalbestyrelsen\", en = \"the municipal council\" }";
        let yearly = format!("every = \"calendar-year\"\n{cp}");
        // (item, answer, evidence, as-of, gaps, value)
        type Case<'a> = (&'a str, &'a str, &'a [Evidence], &'a str, Gaps, f64);
        let cases: &[Case] = &[
            // Overdue, asked after the last meeting, documented: minor.
            (
                &yearly,
                "status = \"met\"\ndate = 2024-10-01\nrequested = 2025-10-15",
                &[Found],
                "2026-01-05",
                &[(Minor, AwaitingCounterparty)],
                0.0,
            ),
            // The same without evidence: stays critical.
            (
                &yearly,
                "status = \"met\"\ndate = 2024-10-01\nrequested = 2025-10-15",
                &[],
                "2026-01-05",
                &[(Critical, Overdue), (Minor, NoEvidence)],
                0.0,
            ),
            // Asked before the last meeting: that request was answered.
            (
                &yearly,
                "status = \"met\"\ndate = 2024-10-01\nrequested = 2024-09-01",
                &[Found],
                "2026-01-05",
                &[(Critical, Overdue)],
                0.0,
            ),
            // Asked on the day of the last meeting: not after it.
            (
                &yearly,
                "status = \"met\"\ndate = 2024-10-01\nrequested = 2024-10-01",
                &[Found],
                "2026-01-05",
                &[(Critical, Overdue)],
                0.0,
            ),
            // A request dated after as-of has not been made yet.
            (
                &yearly,
                "status = \"met\"\ndate = 2024-10-01\nrequested = 2026-02-01",
                &[Found],
                "2026-01-05",
                &[(Critical, Overdue)],
                0.0,
            ),
            // On the as-of day itself it counts.
            (
                &yearly,
                "status = \"met\"\ndate = 2024-10-01\nrequested = 2026-01-05",
                &[Found],
                "2026-01-05",
                &[(Minor, AwaitingCounterparty)],
                0.0,
            ),
            // Unmet and partial, with no date: each downgraded; the value
            // stays what the status gives.
            (
                cp,
                "status = \"unmet\"\nrequested = 2025-10-15",
                &[Found],
                "2026-01-05",
                &[(Minor, AwaitingCounterparty)],
                0.0,
            ),
            (
                cp,
                "status = \"partial\"\nrequested = 2025-10-15",
                &[Url],
                "2026-01-05",
                &[(Minor, AwaitingCounterparty)],
                0.5,
            ),
            // Partial and overdue: two critical gaps, two minor ones.
            (
                &yearly,
                "status = \"partial\"\ndate = 2024-10-01\nrequested = 2025-10-15",
                &[Found],
                "2026-01-05",
                &[(Minor, AwaitingCounterparty), (Minor, AwaitingCounterparty)],
                0.0,
            ),
            // No date on a recurring item is not the counterparty's doing.
            (
                &yearly,
                "status = \"met\"\nrequested = 2025-10-15",
                &[Found],
                "2026-01-05",
                &[(Critical, DateMissing)],
                0.0,
            ),
            // Without a counterparty the item is the organisation's alone.
            (
                "every = \"calendar-year\"",
                "status = \"met\"\ndate = 2024-10-01\nrequested = 2025-10-15",
                &[Found],
                "2026-01-05",
                &[(Critical, Overdue)],
                0.0,
            ),
            // Evidence that is not there documents nothing: the gap stays
            // critical, and the missing file is said on its own.
            (
                cp,
                "status = \"unmet\"\nrequested = 2025-10-15",
                &[Missing],
                "2026-01-05",
                &[(Critical, Unmet), (Minor, EvidenceNotFound)],
                0.0,
            ),
            (
                cp,
                "status = \"unmet\"\nrequested = 2025-10-15",
                &[Outside],
                "2026-01-05",
                &[(Critical, Unmet), (Minor, EvidenceNotFound)],
                0.0,
            ),
            // One entry that is there is enough.
            (
                cp,
                "status = \"unmet\"\nrequested = 2025-10-15",
                &[Missing, Url],
                "2026-01-05",
                &[(Minor, AwaitingCounterparty), (Minor, EvidenceNotFound)],
                0.0,
            ),
        ];
        for (extra, toml, ev, as_of, expected, value) in cases {
            let it = item("duty", extra);
            let a = answer(toml);
            let s = score(&it, Some(&a), &evidence(ev), as_of);
            assert_eq!(
                kinds(&s),
                sorted(expected.to_vec()),
                "{extra:?} {toml:?} {ev:?}"
            );
            assert_eq!(s.value, Some(*value), "{extra:?} {toml:?}");
            for g in s.gaps.iter().filter(|g| g.reason == AwaitingCounterparty) {
                let awaiting = g.awaiting.expect("says what it stands in for");
                assert_eq!(awaiting.requested, day(toml.rsplit("= ").next().unwrap()));
                assert!(matches!(awaiting.instead_of, Overdue | Unmet | Partial));
            }
        }
    }

    #[test]
    fn rule4_due_date_is_clamped() {
        let it = item("duty", "every-months = 12");
        let a = answer("status = \"met\"\ndate = 2024-02-29");
        let s = score(&it, Some(&a), &good(), "2025-03-01");
        assert_eq!(s.due, Some(day("2025-02-28")));
        assert_eq!(kinds(&s), [(Critical, Overdue)]);
        assert_eq!(s.gaps[0].due, Some(day("2025-02-28")));
        let s = score(&it, Some(&a), &good(), "2025-02-28");
        assert!(s.gaps.is_empty());
        assert_eq!(s.value, Some(1.0));
    }

    #[test]
    fn rule4_notices() {
        // Due 2026-03-15. (warn-days, as-of, days of the notice)
        let cases: &[(Option<u32>, &str, Option<i64>)] = &[
            (Some(30), "2026-02-12", None), // 31 days before
            (Some(30), "2026-02-13", Some(30)),
            (Some(30), "2026-03-01", Some(14)),
            (Some(30), "2026-03-14", Some(1)),
            (Some(30), "2026-03-15", Some(0)),
            (Some(30), "2026-03-16", None), // overdue instead
            (Some(0), "2026-03-14", None),
            (Some(0), "2026-03-15", Some(0)),
            (None, "2026-01-01", None),
            (None, "2026-03-14", None),
            (None, "2026-03-15", Some(0)),
        ];
        for kind in ["duty", "recommendation"] {
            for (warn, as_of, days) in cases {
                let extra = match warn {
                    Some(w) => format!("every-months = 12\nwarn-days = {w}"),
                    None => "every-months = 12".to_owned(),
                };
                let it = item(kind, &extra);
                let a = answer("status = \"met\"\ndate = 2025-03-15");
                let s = score(&it, Some(&a), &good(), as_of);
                let what = format!("{kind} warn {warn:?} as-of {as_of}");
                assert_eq!(s.notices.first().map(|n| n.days), *days, "{what}");
                assert_eq!(s.due, Some(day("2026-03-15")), "{what}");
                if let Some(n) = s.notices.first() {
                    assert_eq!(n.due, day("2026-03-15"), "{what}");
                    assert_eq!(n.item, "x");
                }
                if day(as_of) <= day("2026-03-15") {
                    // Not overdue, even on the due date; a notice is no gap.
                    assert!(s.gaps.is_empty(), "{what}: {:?}", s.gaps);
                    assert_eq!(s.value, Some(1.0), "{what}");
                }
            }
        }
    }

    #[test]
    fn rule4_no_recurrence_without_every_months() {
        for kind in ["duty", "recommendation"] {
            let it = item(kind, "warn-days = 30");
            for date in ["date = 2000-01-01", ""] {
                let a = answer(&format!("status = \"met\"\n{date}"));
                let s = score(&it, Some(&a), &good(), "2026-01-01");
                assert!(s.gaps.is_empty(), "{kind} {date:?}: {:?}", s.gaps);
                assert_eq!(s.value, Some(1.0));
                assert_eq!(s.due, None);
                assert!(s.notices.is_empty());
            }
        }
    }

    // Rule 5 ----------------------------------------------------------------

    #[test]
    fn rule5_duty_partial_or_unmet_is_critical_whatever_the_explanation() {
        let cases = [("partial", Partial, 0.5), ("unmet", Unmet, 0.0)];
        for (status, reason, value) in cases {
            for explanation in ["", "explanation = \"We will, later.\""] {
                let it = item("duty", "");
                let a = answer(&format!("status = \"{status}\"\n{explanation}"));
                let s = score(&it, Some(&a), &good(), "2026-01-01");
                assert_eq!(kinds(&s), [(Critical, reason)], "{status} {explanation:?}");
                assert!(!s.explained, "{status} {explanation:?}");
                assert_eq!(s.value, Some(value));
            }
        }
    }

    // Rule 6 ----------------------------------------------------------------

    #[test]
    fn rule6_recommendation_comply_or_explain() {
        // (status, explanation, explained, gaps)
        let cases: &[(&str, &str, bool, Gaps)] = &[
            (
                "partial",
                "explanation = \"We are too small for this to pay off.\"",
                true,
                &[],
            ),
            (
                "unmet",
                "explanation = \"We are too small for this to pay off.\"",
                true,
                &[],
            ),
            ("partial", "", false, &[(Major, Unexplained)]),
            ("unmet", "", false, &[(Major, Unexplained)]),
            (
                "partial",
                "explanation = \" \"",
                false,
                &[(Major, Unexplained)],
            ),
            (
                "unmet",
                "explanation = \"\"",
                false,
                &[(Major, Unexplained)],
            ),
            // A met answer has nothing to explain.
            (
                "met",
                "explanation = \"Everything is fine with this item.\"",
                false,
                &[],
            ),
        ];
        for (status, explanation, explained, expected) in cases {
            let it = item("recommendation", "");
            let a = answer(&format!("status = \"{status}\"\n{explanation}"));
            let s = score(&it, Some(&a), &good(), "2026-01-01");
            assert_eq!(kinds(&s), *expected, "{status} {explanation:?}");
            assert_eq!(s.explained, *explained, "{status} {explanation:?}");
        }
    }

    // Rule 7 ----------------------------------------------------------------

    #[test]
    fn rule7_evidence() {
        // (status, evidence, gaps, paths of the evidence-not-found gap)
        let cases: &[(&str, &[Evidence], Gaps, &[&str])] = &[
            ("met", &[], &[(Minor, NoEvidence)], &[]),
            ("met", &[Url], &[], &[]),
            ("met", &[Found], &[], &[]),
            ("met", &[Url, Found], &[], &[]),
            ("met", &[Missing], &[(Minor, EvidenceNotFound)], &["e0"]),
            ("met", &[Outside], &[(Minor, EvidenceNotFound)], &["e0"]),
            (
                "met",
                &[Found, Missing, Url, Outside],
                &[(Minor, EvidenceNotFound)],
                &["e1", "e3"],
            ),
            // Only a met answer needs evidence.
            ("partial", &[], &[], &[]),
            ("unmet", &[], &[], &[]),
            // But what is given must exist.
            ("partial", &[Missing], &[(Minor, EvidenceNotFound)], &["e0"]),
        ];
        for (status, entries, expected, paths) in cases {
            let it = item("recommendation", "");
            let a = answer(&format!(
                "status = \"{status}\"\nexplanation = \"We chose another way, see the minutes.\""
            ));
            let ev = evidence(entries);
            let s = score(&it, Some(&a), &ev, "2026-01-01");
            assert_eq!(kinds(&s), *expected, "{status} {entries:?}");
            for g in &s.gaps {
                if g.reason == EvidenceNotFound {
                    let got: Vec<&str> = g.paths.iter().map(|(p, _)| p.as_str()).collect();
                    assert_eq!(got, *paths, "{status} {entries:?}");
                    assert!(g.paths.iter().all(|(_, e)| matches!(e, Missing | Outside)));
                } else {
                    assert!(g.paths.is_empty());
                }
            }
            // Evidence gaps are minor and leave the value alone.
            let value = match *status {
                "met" => 1.0,
                "partial" => 0.5,
                _ => 0.0,
            };
            assert_eq!(s.value, Some(value), "{status} {entries:?}");
        }
    }

    // Rule 8 ----------------------------------------------------------------

    #[test]
    fn rule8_adherence() {
        let cases: &[(&[(f64, f64)], f64)] = &[
            (&[], 100.0),
            (&[(1.0, 1.0)], 100.0),
            (&[(1.0, 0.0)], 0.0),
            (&[(1.0, 0.5)], 50.0),
            (&[(3.0, 1.0), (1.0, 0.0)], 75.0),
            (&[(1.0, 1.0), (3.0, 0.0)], 25.0),
            (&[(2.0, 0.5), (2.0, 1.0)], 75.0),
            (&[(1.0, 1.0), (1.0, 1.0), (1.0, 0.0)], 66.7),
            (&[(1.0, 1.0), (1.0, 0.0), (1.0, 0.0)], 33.3),
            (&[(1.0, 1.0), (7.0, 0.0)], 12.5),
            // Exact halves round away from zero.
            (&[(289.0, 1.0), (111.0, 0.0)], 72.3), // 72.25
            (&[(1.0, 0.5), (7.0, 0.0)], 6.3),      // 6.25
            (&[(3.0, 0.5), (5.0, 0.0)], 18.8),     // 18.75
            (&[(1.0, 1.0), (1999.0, 0.0)], 0.1),   // 0.05
            (&[(1.0, 0.5), (1999.0, 0.0)], 0.0),   // 0.025
            (&[(0.5, 1.0), (1.5, 0.5)], 62.5),
        ];
        for (weighted, expected) in cases {
            let got = adherence(weighted.iter().copied());
            assert_eq!(got, *expected, "{weighted:?}");
        }
    }

    // Rules 8 and 9 through `evaluate` ---------------------------------------

    fn checklist(id: &str, items: &str) -> Arc<Checklist> {
        let text = format!(
            "format = 1\nid = \"{id}\"\nversion = \"1\"\ntitle.da = \"T\"\n\
             source = {{ publisher = \"P\", title = \"S\" }}\n{items}"
        );
        let file: ChecklistFile = toml::from_str(&text).unwrap();
        Arc::new(Checklist {
            file: file.into(),
            file_id: 0,
            path: None,
            sha256: Arc::new(crate::load::Fingerprint::of("")),
        })
    }

    fn loaded(
        checklists: Vec<Arc<Checklist>>,
        answers: &str,
        evidence: &[(&str, &[Evidence])],
    ) -> Assessment {
        let ids: Vec<String> = checklists
            .iter()
            .map(|c| format!("\"{}\"", c.id()))
            .collect();
        let text = format!(
            "format = 1\norganisation.name = \"O\"\nassessment.checklists = [{}]\n{answers}",
            ids.join(", ")
        );
        let assessment: AssessmentFile = toml::from_str(&text).unwrap();
        Assessment {
            path: PathBuf::from("a.toml"),
            file_id: 0,
            file: assessment,
            checklists,
            evidence: evidence
                .iter()
                .map(|(id, e)| (id.to_string(), self::evidence(e)))
                .collect(),
            sha256: crate::load::Fingerprint::of(""),
            lines: BTreeMap::new(),
            assessment_line: 1,
            per: BTreeMap::new(),
        }
    }

    fn items(specs: &[(&str, &str)]) -> String {
        specs
            .iter()
            .map(|(id, kind)| {
                format!("[[item]]\nid = \"{id}\"\nkind = \"{kind}\"\ntitle.da = \"T\"\n")
            })
            .collect()
    }

    /// An item and its gaps are found by id without a search: looking up
    /// each of 100,000 items and its gaps searched 10^10 results in all.
    #[test]
    fn items_and_their_gaps_are_looked_up_without_a_search() {
        let n = 100_000;
        let partial = "status = \"partial\"\nplan = { action = \"A\", due = 2020-01-01 }";
        let loaded = super::cases::many(n, |i| (i % 3 == 0).then_some(partial));
        let e = evaluate(&loaded, day("2026-01-01"));
        let mut gaps = 0;
        for i in 0..n {
            let id = format!("I-{i}");
            assert_eq!(e.item(&id).map(ItemResult::id), Some(id.as_str()));
            let of = e.gaps_of(&id);
            assert!(!of.is_empty() && of.iter().all(|g| g.item == id), "{id}");
            gaps += of.len();
        }
        assert_eq!(gaps, e.gaps.len());
        assert!(e.item("I-100000").is_none() && e.gaps_of("I-100000").is_empty());
    }

    #[test]
    fn rule9_compliant_means_no_critical_and_no_major_gap() {
        type Case<'a> = (&'a str, &'a [Evidence], &'a str, bool, [usize; 4]);
        // (answer for recommendation r, r's evidence, answer for duty d,
        // compliant, [critical, major, minor, explained])
        let cases: &[Case] = &[
            // All clean.
            (
                "status = \"met\"",
                &[Found],
                "status = \"met\"",
                true,
                [0, 0, 0, 0],
            ),
            // Minor gaps only: still compliant.
            (
                "status = \"met\"",
                &[],
                "status = \"met\"",
                true,
                [0, 0, 1, 0],
            ),
            (
                "status = \"met\"\nplan = { action = \"Do\", due = 2025-01-01 }",
                &[Missing],
                "status = \"met\"",
                true,
                [0, 0, 2, 0],
            ),
            // Explained: compliant.
            (
                "status = \"unmet\"\nexplanation = \"We are too small for this to pay off.\"",
                &[],
                "status = \"met\"",
                true,
                [0, 0, 0, 1],
            ),
            // One major gap: not compliant.
            (
                "status = \"unmet\"",
                &[],
                "status = \"met\"",
                false,
                [0, 1, 0, 0],
            ),
            (
                "status = \"not-applicable\"",
                &[],
                "status = \"met\"",
                false,
                [0, 1, 0, 0],
            ),
            // One critical gap: not compliant.
            (
                "status = \"met\"",
                &[Found],
                "status = \"partial\"\nexplanation = \"We will do this later, as the plan says.\"",
                false,
                [1, 0, 0, 0],
            ),
        ];
        for (r, r_evidence, d, compliant, [critical, major, minor, explained]) in cases {
            let l = loaded(
                vec![checklist(
                    "c",
                    &items(&[("r", "recommendation"), ("d", "duty")]),
                )],
                &format!("[answers.r]\n{r}\n[answers.d]\n{d}\n"),
                &[("r", r_evidence), ("d", &[Found])],
            );
            let e = evaluate(&l, day("2026-01-01"));
            let what = format!("r: {r:?} {r_evidence:?} d: {d:?}");
            assert_eq!(e.compliant, *compliant, "{what}: {:?}", e.gaps);
            assert_eq!(
                e.counts,
                Counts {
                    critical: *critical,
                    major: *major,
                    minor: *minor,
                    explained: *explained,
                    notices: 0,
                },
                "{what}"
            );
            assert_eq!(e.items.len(), 2);
        }
    }

    #[test]
    fn evaluate_sorts_gaps_and_counts() {
        let l = loaded(
            vec![
                checklist(
                    "one",
                    &items(&[
                        ("z", "recommendation"),
                        ("b", "duty"),
                        ("m", "recommendation"),
                    ]),
                ),
                checklist(
                    "two",
                    &format!(
                        "{}[[item]]\nid = \"soon\"\nkind = \"duty\"\ntitle.da = \"T\"\n\
                         every-months = 12\nwarn-days = 30\n",
                        items(&[("a", "duty"), ("y", "recommendation")])
                    ),
                ),
            ],
            "[answers.z]\nstatus = \"met\"\n\
             [answers.y]\nstatus = \"unmet\"\nexplanation = \"We are too small for this to pay off.\"\n\
             [answers.a]\nstatus = \"unmet\"\nplan = { action = \"Do\", due = 2025-01-01 }\n\
             [answers.soon]\nstatus = \"met\"\ndate = 2025-01-10\n",
            &[("a", &[Found]), ("soon", &[Url])],
        );
        let e = evaluate(&l, day("2026-01-01"));
        let got: Vec<(&str, Severity, Reason)> = e
            .gaps
            .iter()
            .map(|g| (g.item.as_str(), g.severity, g.reason))
            .collect();
        assert_eq!(
            got,
            [
                ("a", Critical, Unmet),
                ("b", Critical, NotAssessed),
                ("m", Major, NotAssessed),
                ("a", Minor, PlanOverdue),
                ("z", Minor, NoEvidence),
            ]
        );
        assert_eq!(
            e.counts,
            Counts {
                critical: 2,
                major: 1,
                minor: 2,
                explained: 1,
                notices: 1,
            }
        );
        assert!(!e.compliant);
        assert_eq!(e.worst(), Some(Critical));
        // Items in checklist order, across checklists.
        let ids: Vec<&str> = e.items.iter().map(|i| i.id()).collect();
        assert_eq!(ids, ["z", "b", "m", "a", "y", "soon"]);
        assert_eq!(e.item("z").unwrap().checklist, "one");
        assert_eq!(e.item("soon").unwrap().checklist, "two");
        assert!(e.item("y").unwrap().explained);
        assert_eq!(e.item("b").unwrap().worst, Some(Critical));
        assert_eq!(e.item("z").unwrap().worst, Some(Minor));
        assert_eq!(e.item("y").unwrap().worst, None);
        assert_eq!(e.notices.len(), 1);
        assert_eq!(e.notices[0].item, "soon");
        assert_eq!(e.notices[0].days, 9);
        // z 1, b 0, m 0, a 0, y 0, soon 1: 2 of 6.
        assert_eq!(e.adherence, 33.3);
    }

    #[test]
    fn evaluate_adherence_weights_and_leaves_out_not_applicable() {
        let l = loaded(
            vec![checklist(
                "c",
                "[[item]]\nid = \"heavy\"\nkind = \"duty\"\nweight = 3\ntitle.da = \"T\"\n\
                 [[item]]\nid = \"light\"\nkind = \"recommendation\"\ntitle.da = \"T\"\n\
                 [[item]]\nid = \"na\"\nkind = \"recommendation\"\nweight = 5\ntitle.da = \"T\"\n",
            )],
            "[answers.heavy]\nstatus = \"met\"\n\
             [answers.light]\nstatus = \"unmet\"\nexplanation = \"We are too small for this to pay off.\"\n\
             [answers.na]\nstatus = \"not-applicable\"\nexplanation = \"It does not apply: we have no such thing.\"\n",
            &[("heavy", &[Found])],
        );
        let e = evaluate(&l, day("2026-01-01"));
        assert_eq!(e.adherence, 75.0);
        assert_eq!(e.item("na").unwrap().value, None);
        assert!(e.gaps.is_empty(), "{:?}", e.gaps);
        assert!(e.compliant);

        // Nothing applicable: 100.
        let l = loaded(
            vec![checklist("c", &items(&[("na", "recommendation")]))],
            "[answers.na]\nstatus = \"not-applicable\"\nexplanation = \"It does not apply: we have no such thing.\"\n",
            &[],
        );
        let e = evaluate(&l, day("2026-01-01"));
        assert_eq!(e.adherence, 100.0);
        assert!(e.compliant);
    }

    // Rule 10 ---------------------------------------------------------------

    #[test]
    fn rule10_plan_overdue() {
        // (kind, status, plan, as-of, plan overdue?)
        let due = "plan = { action = \"Do\", due = 2026-01-01 }";
        let cases = [
            ("recommendation", "unmet", due, "2026-01-02", true),
            ("recommendation", "unmet", due, "2026-01-01", false),
            ("recommendation", "unmet", due, "2025-12-31", false),
            ("recommendation", "partial", due, "2026-01-02", true),
            ("recommendation", "met", due, "2026-01-02", true),
            ("duty", "met", due, "2026-01-02", true),
            ("duty", "unmet", due, "2027-06-01", true),
            ("duty", "not-applicable", due, "2026-01-02", true),
            (
                "duty",
                "unmet",
                "plan = { action = \"Do\" }",
                "2027-06-01",
                false,
            ),
            ("duty", "unmet", "", "2027-06-01", false),
        ];
        for (kind, status, plan, as_of, overdue) in cases {
            let it = item(kind, "");
            let a = answer(&format!(
                "status = \"{status}\"\nexplanation = \"We chose another way, see the minutes.\"\n{plan}"
            ));
            let s = score(&it, Some(&a), &good(), as_of);
            let found: Vec<&Gap> = s.gaps.iter().filter(|g| g.reason == PlanOverdue).collect();
            let what = format!("{kind} {status} {plan:?} {as_of}");
            if overdue {
                assert_eq!(found.len(), 1, "{what}");
                assert_eq!(found[0].severity, Minor, "{what}");
                assert_eq!(found[0].due, Some(day("2026-01-01")), "{what}");
            } else {
                assert!(found.is_empty(), "{what}");
            }
        }
        // It does not change the value.
        let it = item("recommendation", "");
        let a = answer(&format!("status = \"met\"\n{due}"));
        assert_eq!(score(&it, Some(&a), &good(), "2027-01-01").value, Some(1.0));
    }
}
