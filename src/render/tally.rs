//! What is kept of each assessment once its part of an output is made: a
//! small tally for the summary rows and totals that close a format, and
//! what a thread has made before. The formats and [`super::stream`] both
//! use these; they use neither.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use super::{Entry, Options};
use crate::model::Kind;
use crate::score::{Counts, Running, Severity};

/// What the closing part of a format needs of one entry: enough for a
/// summary row and the totals, and nothing else.
#[derive(Debug, Clone)]
pub struct Tally {
    /// The file, as given.
    pub file: String,
    /// `None` when it could not be checked.
    pub scored: Option<Scored>,
}

/// What a summary needs of a checked assessment.
#[derive(Debug, Clone)]
pub struct Scored {
    pub organisation: String,
    pub municipality: Option<String>,
    pub as_of: NaiveDate,
    pub adherence: f64,
    pub compliant: bool,
    pub counts: Counts,
    /// The most severe gap.
    pub worst: Option<Severity>,
    /// The duties with a critical gap, in checklist order.
    pub lapsed: Vec<String>,
}

impl Tally {
    pub fn of(entry: &Entry<'_>) -> Tally {
        match entry {
            Entry::Unchecked(u) => Tally {
                file: u.file.clone(),
                scored: None,
            },
            Entry::Checked(c) => {
                let o = &c.assessment.file.organisation;
                let mut lapsed: Vec<String> = Vec::new();
                for r in &c.eval.items {
                    let critical = r.worst == Some(Severity::Critical);
                    if r.item.kind == Kind::Duty
                        && critical
                        && lapsed.last().is_none_or(|l| l != r.id())
                    {
                        lapsed.push(r.id().to_owned());
                    }
                }
                Tally {
                    file: c.file(),
                    scored: Some(Scored {
                        organisation: o.name.clone(),
                        municipality: o.municipality_line(),
                        as_of: c.eval.as_of,
                        adherence: c.eval.adherence,
                        compliant: c.eval.compliant,
                        counts: c.eval.counts,
                        worst: c.eval.worst(),
                        lapsed,
                    }),
                }
            }
        }
    }

    /// Whether the entry fails the run: a gap at `--fail-on`, or adherence
    /// under `--fail-under`. One that could not be checked is an error,
    /// not a failure.
    pub fn fails(&self, opts: &Options) -> bool {
        self.scored.as_ref().is_some_and(|s| {
            let by_gap = matches!((opts.fail_on, s.worst), (Some(t), Some(w)) if w >= t);
            by_gap || s.under(opts)
        })
    }
}

impl Scored {
    /// Whether adherence is under `--fail-under`.
    pub fn under(&self, opts: &Options) -> bool {
        opts.under_by(self.adherence).is_some()
    }
}

/// What one thread has made before, so it is not made again for every
/// assessment (a SARIF rule, with its help text).
#[derive(Default)]
pub struct Memo {
    pub(super) sarif_rules: HashSet<(String, usize)>,
}

/// The totals of the entries of an output, kept up as they are written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    /// Of those that were checked.
    pub scored: Running,
    /// How many could not be.
    pub unchecked: usize,
    /// Whether any is under `--fail-under`.
    pub under: bool,
}

impl Totals {
    pub(super) fn add(&mut self, tally: &Tally, opts: &Options) {
        match &tally.scored {
            Some(s) => {
                self.scored.add(s.adherence, s.compliant, s.counts);
                self.under |= s.under(opts);
            }
            None => self.unchecked += 1,
        }
    }
}

/// The SARIF rules by id, the first met of each kept.
pub(super) type Rules = BTreeMap<String, serde_sarif::sarif::ReportingDescriptor>;
