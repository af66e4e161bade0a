//! What changed between two scored assessments, as pure code: the items
//! that improved, worsened or changed and what changed in each, the gaps
//! opened and closed, and the items only one of them has.
//!
//! Input is two [`Checked`] assessments (each scored as of its own date;
//! choosing the dates is the command's job); output is a [`Diff`]. Items
//! are matched by id, whichever checklist (or version of it) they come
//! from; gaps by item and reason. No file system, no clock, no words.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::load::{Assessment, Evidence};
use crate::model::{Answer, Plan};
use crate::score::{Checked, Gap, ItemResult, Reason, Severity};

/// Which way an item went.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Worse: a more severe gap, or the same worst gap with a lower value
    /// or more gaps.
    Worsened,
    /// Better: the other way round.
    Improved,
    /// Something in the answer or its gaps changed, and it stands where it
    /// stood.
    Changed,
}

/// What in an item changed. The kebab-case names are part of the JSON
/// output.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    /// The answer's status, or whether there is an answer at all.
    Status,
    /// When it was last done.
    Date,
    /// When the counterparty was asked.
    Requested,
    /// Until when the answer holds.
    ValidUntil,
    /// The evidence entries, or what they turned out to be.
    Evidence,
    /// The explanation, as written.
    Explanation,
    /// The action plan: what, who, by when.
    Plan,
    /// The free note.
    Note,
    /// The item's gaps (by severity and reason).
    Gaps,
}

/// One item both assessments have, where something changed.
#[derive(Debug, Clone)]
pub struct ItemChange<'a> {
    pub old: &'a ItemResult<'a>,
    pub new: &'a ItemResult<'a>,
    pub direction: Direction,
    /// What changed, in [`Field`] order; never empty.
    pub fields: Vec<Field>,
}

impl ItemChange<'_> {
    pub fn id(&self) -> &str {
        self.new.id()
    }
}

/// Which date the old assessment was scored as of, and why. The new one is
/// scored as of `--as-of` (or today).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OldDate {
    /// Its own `assessment.date`: the result as it stood when it was made.
    AssessmentDate,
    /// `--old-as-of`.
    OldAsOf,
    /// The new one's date, as asked (`--same-date`): what the edits did,
    /// not what the time between them did.
    SameDate,
    /// The new one's date: it has no `assessment.date`.
    NoAssessmentDate,
    /// The new one's date: the two are the same file (the same text and
    /// checklists), and one assessment has one result.
    Identical,
}

/// The date to score the old assessment as of, and why: `--old-as-of`
/// when given; the new one's date when asked (`same_date`), when the two
/// are the same file, or when the old one has no `assessment.date`; else
/// its own `assessment.date`.
pub fn old_as_of(
    old: &Assessment,
    new: &Assessment,
    given: Option<NaiveDate>,
    same_date: bool,
    new_as_of: NaiveDate,
) -> (NaiveDate, OldDate) {
    if let Some(date) = given {
        return (date, OldDate::OldAsOf);
    }
    if same_date {
        return (new_as_of, OldDate::SameDate);
    }
    if identical(old, new) {
        return (new_as_of, OldDate::Identical);
    }
    match &old.file.assessment.date {
        Some(date) => (date.get_ref().0, OldDate::AssessmentDate),
        None => (new_as_of, OldDate::NoAssessmentDate),
    }
}

/// Whether two loaded assessments are one: the same text, the same
/// checklists (by content) and the same evidence found.
pub fn identical(a: &Assessment, b: &Assessment) -> bool {
    // The checklists by text, so that none is hashed to tell.
    let same_checklists = a.checklists.len() == b.checklists.len()
        && a.checklists
            .iter()
            .zip(&b.checklists)
            .all(|(x, y)| x.sha256 == y.sha256);
    a.sha256 == b.sha256 && same_checklists && a.evidence == b.evidence
}

/// What changed from `old` to `new`.
pub struct Diff<'a> {
    pub old: &'a Checked<'a>,
    pub new: &'a Checked<'a>,
    /// Which date `old` was scored as of, and why.
    pub old_date: OldDate,
    /// The items both have where something changed, in `new`'s order.
    pub items: Vec<ItemChange<'a>>,
    /// Gaps `new` has and `old` had not (by item and reason), most severe
    /// first; the gaps of items only `new` has too.
    pub opened: Vec<&'a Gap>,
    /// Gaps `old` had and `new` has not, most severe first; the gaps of
    /// items only `old` has too.
    pub closed: Vec<&'a Gap>,
    /// Items only `old` has (a checklist dropped, or a version without
    /// them), in `old`'s order.
    pub only_old: Vec<&'a ItemResult<'a>>,
    /// Items only `new` has (a checklist added), in `new`'s order.
    pub only_new: Vec<&'a ItemResult<'a>>,
}

impl<'a> Diff<'a> {
    pub fn new(old: &'a Checked<'a>, new: &'a Checked<'a>) -> Self {
        let find = |c: &'a Checked<'a>, id: &str| c.eval.item(id);
        let items = new
            .eval
            .items
            .iter()
            .filter_map(|n| {
                let o = find(old, n.id())?;
                compare(o, n, old, new)
            })
            .collect();
        let only_old = old
            .eval
            .items
            .iter()
            .filter(|o| find(new, o.id()).is_none())
            .collect();
        let only_new = new
            .eval
            .items
            .iter()
            .filter(|n| find(old, n.id()).is_none())
            .collect();
        // A gap is one item's (one municipality's, where it is answered
        // per municipality) for one reason.
        type Key<'k> = (&'k str, Option<&'k str>, Reason);
        let key = |g: &'a Gap| -> Key<'a> { (&g.item, g.municipality.as_deref(), g.reason) };
        let keys =
            |c: &'a Checked<'a>| -> BTreeSet<Key<'a>> { c.eval.gaps.iter().map(key).collect() };
        let (old_keys, new_keys) = (keys(old), keys(new));
        let opened = new
            .eval
            .gaps
            .iter()
            .filter(|g| !old_keys.contains(&key(g)))
            .collect();
        let closed = old
            .eval
            .gaps
            .iter()
            .filter(|g| !new_keys.contains(&key(g)))
            .collect();
        Diff {
            old,
            new,
            old_date: OldDate::AssessmentDate,
            items,
            opened,
            closed,
            only_old,
            only_new,
        }
    }

    /// The same diff, saying which date `old` was scored as of, and why.
    pub fn old_date(self, old_date: OldDate) -> Self {
        Diff { old_date, ..self }
    }

    /// Adherence after minus adherence before, in percentage points,
    /// rounded to one decimal as adherence is (so 46.9 − 53.8 is −6.9, not
    /// −6.899999999999999).
    pub fn adherence_change(&self) -> f64 {
        let tenths = |a: f64| (a * 10.0).round() as i64;
        (tenths(self.new.eval.adherence) - tenths(self.old.eval.adherence)) as f64 / 10.0
    }

    /// A regression, as `--fail-on-regression` counts it: a gap opened, or
    /// adherence fell.
    pub fn regression(&self) -> bool {
        !self.opened.is_empty() || self.adherence_change() < 0.0
    }

    /// Whether anything changed that the diff shows: an item, a gap, an
    /// item only one has, adherence or the verdict.
    pub fn changed(&self) -> bool {
        !(self.items.is_empty()
            && self.opened.is_empty()
            && self.closed.is_empty()
            && self.only_old.is_empty()
            && self.only_new.is_empty()
            && self.adherence_change() == 0.0
            && self.old.eval.compliant == self.new.eval.compliant)
    }

    /// Whether the two are assessments of one organisation: the same CVR
    /// number where both give one (a renamed organisation keeps its CVR),
    /// else the same name, whatever its case and the spaces around it.
    pub fn same_organisation(&self) -> bool {
        let (old, new) = (
            &self.old.assessment.file.organisation,
            &self.new.assessment.file.organisation,
        );
        let cvr = |c: &Option<String>| {
            c.as_deref()
                .map(|c| c.chars().filter(|c| !c.is_whitespace()).collect::<String>())
                .filter(|c| !c.is_empty())
        };
        match (cvr(&old.cvr), cvr(&new.cvr)) {
            (Some(a), Some(b)) => a == b,
            _ => old.name.trim().to_lowercase() == new.name.trim().to_lowercase(),
        }
    }

    /// Of the changed items, those that went `direction`.
    pub fn went(&self, direction: Direction) -> impl Iterator<Item = &ItemChange<'a>> {
        self.items.iter().filter(move |c| c.direction == direction)
    }
}

/// How an item stands, as [`direction`] compares it: its worst gap, its
/// value (`None` for an item left out of the score), and how many gaps it
/// has.
fn standing(r: &ItemResult<'_>, gaps: usize) -> (Option<Severity>, Option<f64>, usize) {
    (r.worst, r.value, gaps)
}

/// The change in one item both have, or `None` when nothing changed.
fn compare<'a>(
    old: &'a ItemResult<'a>,
    new: &'a ItemResult<'a>,
    old_c: &Checked<'_>,
    new_c: &Checked<'_>,
) -> Option<ItemChange<'a>> {
    let gaps = |c: &Checked<'_>, id: &str| -> Vec<(Severity, Reason, Option<String>)> {
        let mut g: Vec<_> = c
            .eval
            .gaps_of(id)
            .iter()
            .map(|g| (g.severity, g.reason, g.municipality.clone()))
            .collect();
        g.sort();
        g
    };
    let (old_gaps, new_gaps) = (gaps(old_c, old.id()), gaps(new_c, new.id()));
    // The evidence of the answer, or of every municipality's entry.
    let evidence = |c: &Checked<'_>, r: &ItemResult<'_>| -> Vec<(String, Evidence)> {
        let mut e: Vec<_> = c.assessment.all_evidence(r.id()).cloned().collect();
        e.sort_by(|a, b| a.0.cmp(&b.0));
        e
    };
    let (a, b) = (old.answer, new.answer);
    // A field changed in the answer, or in any municipality's entry.
    let answers = |r: &'a ItemResult<'a>| -> Vec<(Option<&'a str>, Option<&'a Answer>)> {
        if r.per.is_empty() {
            vec![(None, r.answer)]
        } else {
            r.per
                .iter()
                .map(|p| (Some(p.municipality), p.answer))
                .collect()
        }
    };
    let (old_answers, new_answers) = (answers(old), answers(new));
    // Entries are compared municipality by municipality: one added or
    // removed changes no field of the others (its gaps tell of it).
    let by = |f: fn(&Answer) -> Option<String>| {
        old_answers.iter().any(|(m, a)| {
            new_answers
                .iter()
                .find(|(n, _)| n == m)
                .is_some_and(|(_, b)| a.and_then(f) != b.and_then(f))
        })
    };
    let mut fields = Vec::new();
    if old.status() != new.status()
        || by(|a| a.status.as_ref().map(|s| format!("{:?}", s.get_ref())))
    {
        fields.push(Field::Status);
    }
    if by(|a| a.date.as_ref().map(|d| d.get_ref().to_string())) {
        fields.push(Field::Date);
    }
    if by(|a| a.requested.as_ref().map(|d| d.get_ref().to_string())) {
        fields.push(Field::Requested);
    }
    if by(|a| a.valid_until.as_ref().map(|d| d.get_ref().to_string())) {
        fields.push(Field::ValidUntil);
    }
    if evidence(old_c, old) != evidence(new_c, new) {
        fields.push(Field::Evidence);
    }
    if by(|a| a.explanation.as_ref().map(|e| e.get_ref().clone())) {
        fields.push(Field::Explanation);
    }
    if a.and_then(Answer::plan).map(plan_key) != b.and_then(Answer::plan).map(plan_key) {
        fields.push(Field::Plan);
    }
    if by(|a| a.note.clone()) {
        fields.push(Field::Note);
    }
    if old_gaps != new_gaps {
        fields.push(Field::Gaps);
    }
    if fields.is_empty() {
        return None;
    }
    let direction = direction(standing(old, old_gaps.len()), standing(new, new_gaps.len()));
    Some(ItemChange {
        old,
        new,
        direction,
        fields,
    })
}

fn plan_key(p: &Plan) -> (String, Option<String>, Option<String>) {
    (
        p.action.clone(),
        p.owner.clone(),
        p.due.as_ref().map(|d| d.get_ref().to_string()),
    )
}

/// Which way an item went from one standing to another: by its worst gap
/// first (a duty met but now unmet is worse, whatever else changed), then
/// by its value, then by how many gaps it has.
fn direction(
    old: (Option<Severity>, Option<f64>, usize),
    new: (Option<Severity>, Option<f64>, usize),
) -> Direction {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let by_value = match (old.1, new.1) {
        (Some(a), Some(b)) => b.partial_cmp(&a).unwrap_or(Equal),
        _ => Equal,
    };
    // Less is better for the gap and the count; for the value, Greater.
    let better = new
        .0
        .cmp(&old.0)
        .reverse()
        .then(by_value)
        .then(new.2.cmp(&old.2).reverse());
    match better {
        Greater => Direction::Improved,
        Less => Direction::Worsened,
        Equal => Direction::Changed,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;
    use std::sync::Arc;

    use chrono::NaiveDate;

    use super::*;
    use crate::load::{Assessment, Checklist};
    use crate::model::{AssessmentFile, ChecklistFile};

    const ITEMS: &str = r#"
[[item]]
id = "R-1"
kind = "recommendation"
title.da = "Anbefaling"

[[item]]
id = "D-1"
kind = "duty"
title.da = "Krav"
every = "calendar-year"
"#;

    const EXPLAINED: &str = "Vi gør noget andet i stedet, og det er beskrevet her.";

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
            sha256: Arc::new(crate::load::Fingerprint::of(text.as_str())),
        })
    }

    /// An assessment of organisation `org` with `answers`, every evidence
    /// entry a link.
    fn assessment(checklists: &[Arc<Checklist>], org: &str, answers: &str) -> Assessment {
        let text = format!(
            "format = 1\norganisation = {{ {org} }}\nassessment.checklists = []\n{answers}"
        );
        let file: AssessmentFile = toml::from_str(&text).unwrap();
        let evidence = file
            .answers
            .iter()
            .map(|(id, a)| {
                let entries = a
                    .evidence
                    .iter()
                    .map(|e| (e.get_ref().clone(), Evidence::Url))
                    .collect();
                (id.get_ref().clone(), entries)
            })
            .collect();
        Assessment {
            path: PathBuf::from("a.toml"),
            file_id: 0,
            file,
            checklists: checklists.to_vec(),
            evidence,
            per: Default::default(),
            sha256: crate::load::Fingerprint::of(text.as_str()),
            lines: BTreeMap::new(),
            assessment_line: 1,
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const ORG: &str = "name = \"Boligselskabet\"";

    /// Scores both as of `as_of` and hands the diff to `check`.
    fn diff(old: &str, new: &str, as_of: &str, check: impl FnOnce(&Diff<'_>)) {
        let lists = [checklist("c", ITEMS)];
        let (a, b) = (assessment(&lists, ORG, old), assessment(&lists, ORG, new));
        let (a, b) = (Checked::new(&a, day(as_of)), Checked::new(&b, day(as_of)));
        check(&Diff::new(&a, &b));
    }

    const MET: &str = "[answers.R-1]\nstatus = \"met\"\nevidence = [\"https://x/r\"]\n\
                       [answers.D-1]\nstatus = \"met\"\ndate = 2026-03-01\nevidence = [\"https://x/d\"]\n";

    #[test]
    fn the_same_answers_are_no_change() {
        diff(MET, MET, "2026-11-27", |d| {
            assert!(!d.changed());
            assert!(!d.regression());
            assert_eq!(d.adherence_change(), 0.0);
            assert!(d.items.is_empty() && d.opened.is_empty() && d.closed.is_empty());
        });
    }

    #[test]
    fn a_duty_no_longer_met_worsened_and_opened_a_critical_gap() {
        let new = MET.replace(
            "status = \"met\"\ndate = 2026-03-01",
            "status = \"unmet\"\ndate = 2026-03-01",
        );
        diff(MET, &new, "2026-11-27", |d| {
            assert_eq!(d.items.len(), 1);
            let c = &d.items[0];
            assert_eq!(c.id(), "D-1");
            assert_eq!(c.direction, Direction::Worsened);
            assert_eq!(c.fields, [Field::Status, Field::Gaps]);
            let opened: Vec<_> = d
                .opened
                .iter()
                .map(|g| (g.item.as_str(), g.reason))
                .collect();
            assert_eq!(opened, [("D-1", Reason::Unmet)]);
            assert!(d.closed.is_empty());
            assert_eq!(d.adherence_change(), -50.0);
            assert!(d.regression() && d.changed());
        });
    }

    #[test]
    fn a_recommendation_newly_explained_improved_and_closed_its_gap() {
        let old = MET.replace(
            "[answers.R-1]\nstatus = \"met\"\nevidence = [\"https://x/r\"]",
            "[answers.R-1]\nstatus = \"unmet\"",
        );
        let new = old.replace(
            "status = \"unmet\"",
            &format!("status = \"unmet\"\nexplanation = \"{EXPLAINED}\""),
        );
        diff(&old, &new, "2026-11-27", |d| {
            let c = &d.items[0];
            assert_eq!(c.id(), "R-1");
            assert_eq!(c.direction, Direction::Improved);
            assert_eq!(c.fields, [Field::Explanation, Field::Gaps]);
            assert!(d.opened.is_empty());
            assert_eq!(d.closed.len(), 1);
            assert_eq!(d.closed[0].reason, Reason::Unexplained);
            // Explained or not, unmet is worth nothing: adherence stays,
            // and nothing regressed.
            assert_eq!(d.adherence_change(), 0.0);
            assert!(!d.regression());
        });
    }

    #[test]
    fn the_worst_gap_decides_before_the_value() {
        // Unexplained partial (major, 0.5) to explained unmet (no gap, 0):
        // better under comply or explain, though adherence falls.
        let old = "[answers.R-1]\nstatus = \"partial\"\n";
        let new = format!("[answers.R-1]\nstatus = \"unmet\"\nexplanation = \"{EXPLAINED}\"\n");
        diff(old, &new, "2026-11-27", |d| {
            let r = d.items.iter().find(|c| c.id() == "R-1").unwrap();
            assert_eq!(r.direction, Direction::Improved);
            assert!(d.regression(), "adherence fell");
        });
    }

    #[test]
    fn a_change_that_leaves_the_item_where_it_stood_is_changed() {
        let new = MET.replace("https://x/r", "https://x/r2");
        diff(MET, &new, "2026-11-27", |d| {
            let c = &d.items[0];
            assert_eq!((c.id(), c.direction), ("R-1", Direction::Changed));
            assert_eq!(c.fields, [Field::Evidence]);
            assert!(!d.regression());
        });
        // The evidence in another order is the same evidence.
        let two = MET.replace("[\"https://x/r\"]", "[\"https://x/a\", \"https://x/b\"]");
        let swapped = MET.replace("[\"https://x/r\"]", "[\"https://x/b\", \"https://x/a\"]");
        diff(&two, &swapped, "2026-11-27", |d| assert!(!d.changed()));
    }

    #[test]
    fn time_alone_opens_a_gap() {
        // The same answer a year later: the duty has lapsed.
        let lists = [checklist("c", ITEMS)];
        let a = assessment(&lists, ORG, MET);
        let (old, new) = (
            Checked::new(&a, day("2026-11-27")),
            Checked::new(&a, day("2028-01-15")),
        );
        let d = Diff::new(&old, &new);
        assert_eq!(d.items[0].fields, [Field::Gaps]);
        assert_eq!(d.items[0].direction, Direction::Worsened);
        assert_eq!(d.opened[0].reason, Reason::Overdue);
        assert!(d.regression());
    }

    #[test]
    fn items_only_one_has_are_listed_and_their_gaps_opened_or_closed() {
        let more = "[[item]]\nid = \"E-1\"\nkind = \"duty\"\ntitle.da = \"Eget krav\"\n";
        let (one, two) = (
            [checklist("c", ITEMS)],
            [checklist("c", ITEMS), checklist("e", more)],
        );
        let a = assessment(&one, ORG, MET);
        let b = assessment(&two, ORG, MET);
        let (old, new) = (
            Checked::new(&a, day("2026-11-27")),
            Checked::new(&b, day("2026-11-27")),
        );
        let d = Diff::new(&old, &new);
        assert!(d.items.is_empty());
        assert!(d.only_old.is_empty());
        let only: Vec<&str> = d.only_new.iter().map(|r| r.id()).collect();
        assert_eq!(only, ["E-1"]);
        assert_eq!(d.opened.len(), 1);
        assert_eq!(d.opened[0].reason, Reason::NotAssessed);
        assert!(d.regression() && d.changed());
        // The other way round, the item is only in the old one, and its gap
        // closed.
        let d = Diff::new(&new, &old);
        assert_eq!(d.only_old.len(), 1);
        assert_eq!(d.closed.len(), 1);
        assert!(d.opened.is_empty());
        assert!(!d.regression(), "adherence rose, no gap opened");
    }

    #[test]
    fn one_organisation_by_cvr_else_by_name() {
        let lists = [checklist("c", ITEMS)];
        let same = |a: &str, b: &str| {
            let (a, b) = (assessment(&lists, a, MET), assessment(&lists, b, MET));
            let (a, b) = (
                Checked::new(&a, day("2026-11-27")),
                Checked::new(&b, day("2026-11-27")),
            );
            Diff::new(&a, &b).same_organisation()
        };
        assert!(same(ORG, "name = \" boligselskabet \""));
        assert!(!same(ORG, "name = \"Andelsboligforeningen\""));
        // Renamed, the same CVR number: one organisation.
        assert!(same(
            "name = \"A\", cvr = \"12345678\"",
            "name = \"B\", cvr = \"1234 5678\""
        ));
        assert!(!same(
            "name = \"A\", cvr = \"12345678\"",
            "name = \"A\", cvr = \"87654321\""
        ));
        // One without a CVR number: the names decide.
        assert!(same("name = \"A\", cvr = \"12345678\"", "name = \"A\""));
    }

    #[test]
    fn the_old_side_is_scored_as_of_its_own_date_unless_told() {
        let lists = [checklist("c", ITEMS)];
        let dated = format!("assessment.date = 2025-11-06\n{MET}");
        let old = assessment(&lists, ORG, &dated);
        let new = assessment(&lists, ORG, &MET.replace("2026-03-01", "2026-10-01"));
        let today = day("2026-11-27");
        let given = day("2026-01-31");
        assert_eq!(
            old_as_of(&old, &new, None, false, today),
            (day("2025-11-06"), OldDate::AssessmentDate)
        );
        assert_eq!(
            old_as_of(&old, &new, Some(given), false, today),
            (given, OldDate::OldAsOf)
        );
        assert_eq!(
            old_as_of(&old, &new, None, true, today),
            (today, OldDate::SameDate)
        );
        // No date of its own: the new side's.
        let undated = assessment(&lists, ORG, MET);
        assert_eq!(
            old_as_of(&undated, &new, None, false, today),
            (today, OldDate::NoAssessmentDate)
        );
        // One file twice is one assessment, with one result; --old-as-of
        // still says otherwise.
        let again = assessment(&lists, ORG, &dated);
        assert!(identical(&old, &again));
        assert!(!identical(&old, &new));
        assert_eq!(
            old_as_of(&old, &again, None, false, today),
            (today, OldDate::Identical)
        );
        assert_eq!(
            old_as_of(&old, &again, Some(given), false, today),
            (given, OldDate::OldAsOf)
        );
        // The same text against other checklists is another assessment.
        let other = [checklist(
            "c",
            &ITEMS.replace("title.da = \"Krav\"", "title.da = \"Krav!\""),
        )];
        let elsewhere = assessment(&other, ORG, &dated);
        assert!(!identical(&old, &elsewhere));
    }

    #[test]
    fn directions() {
        use Severity::*;
        let d = |o, n| direction(o, n);
        assert_eq!(
            d((None, Some(1.0), 0), (Some(Minor), Some(1.0), 1)),
            Direction::Worsened
        );
        assert_eq!(
            d(
                (Some(Critical), Some(0.0), 1),
                (Some(Critical), Some(0.5), 1)
            ),
            Direction::Improved
        );
        assert_eq!(
            d((Some(Minor), Some(1.0), 2), (Some(Minor), Some(1.0), 1)),
            Direction::Improved
        );
        assert_eq!(d((None, None, 0), (None, Some(1.0), 0)), Direction::Changed);
        assert_eq!(
            d((Some(Major), Some(0.0), 1), (Some(Major), Some(0.0), 1)),
            Direction::Changed
        );
    }

    /// Items are matched by id without a search: matching each of
    /// 100,000 items with the other side's searched 10^10 of them in all.
    #[test]
    fn the_items_of_two_large_assessments_are_matched_without_a_search() {
        let n = 100_000;
        let met = "status = \"met\"\nevidence = [\"https://x\"]\ndate = 2026-01-01";
        let old = crate::score::cases::many(n, |_| None);
        let new = crate::score::cases::many(n, |i| (i % 2 == 0).then_some(met));
        let as_of = day("2026-11-27");
        let (old, new) = (Checked::new(&old, as_of), Checked::new(&new, as_of));
        let d = Diff::new(&old, &new);
        assert_eq!(d.items.len(), n / 2);
        assert_eq!(d.went(Direction::Improved).count(), n / 2);
        assert_eq!(d.closed.len(), n / 2);
        assert!(d.opened.is_empty() && d.only_old.is_empty() && d.only_new.is_empty());
    }
}
