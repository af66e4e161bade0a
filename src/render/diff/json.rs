//! `almen diff --format json`: what changed, for scripts, as the README
//! documents it. The structs here are the contract: they are serialized as
//! they are, and [`schema`] derives `almen schema diff` from them, so the
//! schema cannot drift from the output.

use std::io::{self, Write};

use chrono::NaiveDate;
use schemars::generate::{Contract, SchemaSettings};
use schemars::{JsonSchema, Schema};
use serde::Serialize;

use super::super::json::{Gap, gap, status_schema};
use super::Options;
use crate::diff::{Diff, Direction, Field, ItemChange, OldDate};
use crate::load::Evidence;
use crate::model::{Answer, Kind, Status};
use crate::score::{Checked, Counts, ItemResult, Reason, Severity};

/// What `diff --format json` prints.
#[derive(Serialize, JsonSchema)]
struct Document<'a> {
    #[schemars(extend("const" = 1))]
    format: u32,
    /// The old assessment, scored as of `as_of`.
    old: Side<'a>,
    /// The new assessment, scored as of `as_of`.
    new: Side<'a>,
    /// Whether both are of one organisation: the same CVR number where
    /// both give one, else the same name (W015 when not).
    same_organisation: bool,
    /// Whether anything changed: an item, a gap, an item only one has,
    /// adherence or the verdict.
    changed: bool,
    /// A gap opened, or adherence fell: what `--fail-on-regression` fails
    /// on.
    regression: bool,
    /// New adherence minus old, in percentage points.
    adherence_change: f64,
    /// The items both have where something changed, in the new
    /// assessment's order.
    items: Vec<Change<'a>>,
    /// Gaps the new assessment has and the old had not (by item and
    /// reason), most severe first, worded as of the new one.
    opened: Vec<Gap<'a>>,
    /// Gaps the old assessment had and the new has not, most severe first,
    /// worded as of the old one.
    closed: Vec<Gap<'a>>,
    /// Items only the old assessment has (a checklist dropped, or another
    /// version of it).
    only_old: Vec<Only<'a>>,
    /// Items only the new assessment has (a checklist added).
    only_new: Vec<Only<'a>>,
}

/// One side of the diff.
#[derive(Serialize, JsonSchema)]
struct Side<'a> {
    /// The file as given; `<stdin>` for standard input.
    file: String,
    as_of: NaiveDate,
    /// Old side only: why it is scored as of `as_of` (its own
    /// `assessment.date`, `--old-as-of`, or the new side's date: asked with
    /// `--same-date`, for want of an `assessment.date`, or because the two
    /// files are the same).
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of_from: Option<OldDate>,
    organisation: Organisation<'a>,
    assessment: Assessment,
    checklists: Vec<ChecklistRef<'a>>,
    adherence: f64,
    compliant: bool,
    counts: Counts,
}

#[derive(Serialize, JsonSchema)]
struct Organisation<'a> {
    name: &'a str,
    cvr: Option<&'a str>,
    municipality: Option<&'a str>,
}

#[derive(Serialize, JsonSchema)]
struct Assessment {
    date: Option<NaiveDate>,
    approved: Option<NaiveDate>,
}

#[derive(Serialize, JsonSchema)]
struct ChecklistRef<'a> {
    id: &'a str,
    version: &'a str,
}

/// An item both have, where something changed.
#[derive(Serialize, JsonSchema)]
struct Change<'a> {
    id: &'a str,
    /// The new side's checklist.
    checklist: &'a str,
    kind: Kind,
    title: &'a str,
    /// `worsened`, `improved`, or `changed` (it stands where it stood).
    direction: Direction,
    /// What changed, in this order: `status`, `date`, `requested`,
    /// `valid-until`, `evidence`, `explanation`, `plan`, `note`, `gaps`.
    fields: Vec<Field>,
    old: State<'a>,
    new: State<'a>,
}

/// An item on one side: its answer and what scoring made of it.
#[derive(Serialize, JsonSchema)]
struct State<'a> {
    /// `null` when the item has no answer.
    #[schemars(schema_with = "status_schema")]
    status: Option<Status>,
    /// `null` when the item is left out of the score.
    value: Option<f64>,
    /// The item's worst gap; `null` without one.
    severity: Option<Severity>,
    /// A partial or unmet recommendation whose explanation counts.
    explained: bool,
    date: Option<NaiveDate>,
    requested: Option<NaiveDate>,
    /// Until when the answer holds; left out where it does not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_until: Option<NaiveDate>,
    /// As written, whether it counts or not.
    explanation: Option<&'a str>,
    plan: Option<Plan<'a>>,
    note: Option<&'a str>,
    evidence: Vec<EvidenceEntry<'a>>,
    /// The item's gaps, most severe first.
    gaps: Vec<GapKind>,
}

#[derive(Serialize, JsonSchema)]
struct Plan<'a> {
    action: &'a str,
    owner: Option<&'a str>,
    due: Option<NaiveDate>,
}

#[derive(Serialize, JsonSchema)]
struct EvidenceEntry<'a> {
    entry: &'a str,
    /// `url`; or a path `found`, `missing`, or `outside` the assessment's
    /// folder (not looked at).
    state: Evidence,
}

#[derive(Serialize, JsonSchema)]
struct GapKind {
    severity: Severity,
    reason: Reason,
}

/// An item only one side has.
#[derive(Serialize, JsonSchema)]
struct Only<'a> {
    id: &'a str,
    checklist: &'a str,
    kind: Kind,
    title: &'a str,
    #[schemars(schema_with = "status_schema")]
    status: Option<Status>,
    value: Option<f64>,
    severity: Option<Severity>,
}

fn side<'a>(c: &'a Checked<'a>, as_of_from: Option<OldDate>) -> Side<'a> {
    let a = &c.assessment.file;
    Side {
        file: c.file(),
        as_of: c.eval.as_of,
        as_of_from,
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
    }
}

fn state<'a>(r: &'a ItemResult<'a>, c: &'a Checked<'a>) -> State<'a> {
    let answer = r.answer;
    let date = |d: Option<&'a toml::Spanned<crate::model::Date>>| d.map(|d| d.get_ref().0);
    State {
        status: r.status(),
        value: r.value,
        severity: r.worst,
        explained: r.explained,
        date: date(answer.and_then(|a| a.date.as_ref())),
        requested: date(answer.and_then(|a| a.requested.as_ref())),
        valid_until: date(answer.and_then(|a| a.valid_until.as_ref())),
        explanation: answer
            .and_then(|a| a.explanation.as_ref())
            .map(|e| e.get_ref().as_str()),
        plan: answer.and_then(Answer::plan).map(|p| Plan {
            action: &p.action,
            owner: p.owner.as_deref(),
            due: p.due.as_ref().map(|d| d.get_ref().0),
        }),
        note: answer.and_then(|a| a.note.as_deref()),
        evidence: c
            .assessment
            .evidence
            .get(r.id())
            .into_iter()
            .flatten()
            .map(|(entry, state)| EvidenceEntry {
                entry,
                state: *state,
            })
            .collect(),
        gaps: c
            .eval
            .gaps_of(r.id())
            .iter()
            .map(|g| GapKind {
                severity: g.severity,
                reason: g.reason,
            })
            .collect(),
    }
}

fn change<'a>(c: &'a ItemChange<'a>, diff: &'a Diff<'a>, opts: &Options) -> Change<'a> {
    Change {
        id: c.id(),
        checklist: c.new.checklist,
        kind: c.new.item.kind,
        title: opts.lang.text(&c.new.item.title),
        direction: c.direction,
        fields: c.fields.clone(),
        old: state(c.old, diff.old),
        new: state(c.new, diff.new),
    }
}

fn only<'a>(r: &'a ItemResult<'a>, opts: &Options) -> Only<'a> {
    Only {
        id: r.id(),
        checklist: r.checklist,
        kind: r.item.kind,
        title: opts.lang.text(&r.item.title),
        status: r.status(),
        value: r.value,
        severity: r.worst,
    }
}

/// The JSON Schema of what [`render`] writes.
pub fn schema() -> Schema {
    // As written: a field that is always there is required, `null` or not.
    let mut settings = SchemaSettings::draft2020_12();
    settings.contract = Contract::Serialize;
    let mut schema = settings
        .into_generator()
        .into_root_schema_for::<Document<'static>>();
    schema.insert("title".into(), "almen diff".into());
    schema
}

pub fn render(diff: &Diff<'_>, opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let doc = Document {
        format: 1,
        old: side(diff.old, Some(diff.old_date)),
        new: side(diff.new, None),
        same_organisation: diff.same_organisation(),
        changed: diff.changed(),
        regression: diff.regression(),
        adherence_change: diff.adherence_change(),
        items: diff.items.iter().map(|c| change(c, diff, opts)).collect(),
        opened: diff
            .opened
            .iter()
            .map(|g| gap(g, diff.new, opts.lang))
            .collect(),
        closed: diff
            .closed
            .iter()
            .map(|g| gap(g, diff.old, opts.lang))
            .collect(),
        only_old: diff.only_old.iter().map(|r| only(r, opts)).collect(),
        only_new: diff.only_new.iter().map(|r| only(r, opts)).collect(),
    };
    // Written straight from the structs, so fields keep the contract's order.
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
    writeln!(out)
}
