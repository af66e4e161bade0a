//! `--format json`: the machine-readable result, as the README documents it.
//!
//! The structs here are the contract: they are serialized as they are, and
//! [`schema`] derives `almen schema result` from them, so the schema cannot
//! drift from the output.

use std::borrow::Cow;
use std::cell::Cell;
use std::io::{self, Write};

use chrono::NaiveDate;
use schemars::generate::{Contract, SchemaSettings};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use super::diagnostics::JsonDiag;
use super::tally::Totals;
use super::words::gap_text;
use super::{Entry, Options};
use crate::lang::Lang;
use crate::load::Evidence;
use crate::model::{Kind, Status};
use crate::score::Checked;
use crate::score::{Counts, Gap as ScoredGap, Reason, Severity, Upcoming};

/// Dates as chrono writes them (`2026-05-20`), without its formatting
/// machinery: the JSON of a folder has thousands of them, and writing one
/// through `Display` took longer than the rest of its item.
mod day {
    use chrono::{Datelike, NaiveDate};
    use serde::{Serialize, Serializer};

    pub fn one<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        let Ok(year) = u32::try_from(date.year()) else {
            return date.serialize(s);
        };
        if year > 9999 {
            // chrono writes a sign and five digits or more.
            return date.serialize(s);
        }
        let mut text = *b"0000-00-00";
        put(&mut text[..4], year);
        put(&mut text[5..7], date.month());
        put(&mut text[8..], date.day());
        s.serialize_str(std::str::from_utf8(&text).map_err(serde::ser::Error::custom)?)
    }

    pub fn option<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        struct Day<'a>(&'a NaiveDate);
        impl Serialize for Day<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                one(self.0, s)
            }
        }
        match date {
            Some(date) => s.serialize_some(&Day(date)),
            None => s.serialize_none(),
        }
    }

    /// `n`'s last digits, as many as `to` has room for.
    fn put(to: &mut [u8], mut n: u32) {
        for digit in to.iter_mut().rev() {
            // A digit is less than 10: it fits in a byte.
            *digit = b'0' + u8::try_from(n % 10).unwrap_or(0);
            n /= 10;
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_date_is_written_as_chrono_writes_it() {
            let mut dates: Vec<NaiveDate> = [
                (2026, 5, 20),
                (0, 1, 1),
                (9, 9, 9),
                (999, 12, 31),
                (9999, 12, 31),
                (10000, 1, 1),
                (-1, 1, 1),
            ]
            .iter()
            .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
            .collect();
            dates.extend([NaiveDate::MIN, NaiveDate::MAX]);
            for date in dates {
                let mut ours = Vec::new();
                one(&date, &mut serde_json::Serializer::new(&mut ours)).unwrap();
                assert_eq!(ours, serde_json::to_vec(&date).unwrap(), "{date}");
            }
        }
    }
}

/// What `check --format json` prints: one document for one assessment, and
/// the results and a summary for several.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // Only its schema is used.
enum Output<'a> {
    /// One assessment given.
    One(Box<Document<'a>>),
    /// Several assessments given (two or more files, or a folder).
    Several(Many<'a>),
}

/// One checked assessment.
#[derive(Serialize, JsonSchema)]
struct Document<'a> {
    #[schemars(extend("const" = 1))]
    format: u32,
    #[serde(serialize_with = "day::one")]
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
    items: Each<'a, Item<'a>>,
    gaps: Each<'a, Gap<'a>>,
    notices: Vec<Notice<'a>>,
}

/// A list written one element at a time, each made as it is written: the
/// JSON of a checklist of thousands of items holds no view of them all,
/// nor thousands of gaps' texts at once. Its schema is the list's.
struct Each<'a, T>(Cell<Option<Box<dyn Iterator<Item = T> + 'a>>>);

impl<'a, T> Each<'a, T> {
    fn new(elements: impl Iterator<Item = T> + 'a) -> Self {
        Each(Cell::new(Some(Box::new(elements))))
    }
}

impl<T: Serialize> Serialize for Each<'_, T> {
    /// Writes the elements; a second time, none: they are made once.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.take().into_iter().flatten())
    }
}

impl<T: JsonSchema> JsonSchema for Each<'_, T> {
    fn inline_schema() -> bool {
        Vec::<T>::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        Vec::<T>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        Vec::<T>::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Vec::<T>::json_schema(generator)
    }
}

/// `--fail-under` as it decides the exit code: for one assessment, whether
/// it is under the threshold; in the summary of several, whether any is.
#[derive(Serialize, JsonSchema)]
struct FailUnder {
    threshold: f64,
    breached: bool,
}

#[derive(Serialize, JsonSchema)]
struct Organisation<'a> {
    name: &'a str,
    cvr: Option<&'a str>,
    municipality: Option<&'a str>,
    /// Where the organisation lists several; left out where it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    municipalities: Option<Vec<&'a str>>,
}

#[derive(Serialize, JsonSchema)]
struct Assessment {
    #[serde(serialize_with = "day::option")]
    date: Option<NaiveDate>,
    #[serde(serialize_with = "day::option")]
    approved: Option<NaiveDate>,
}

#[derive(Serialize, JsonSchema)]
struct ChecklistRef<'a> {
    id: &'a str,
    version: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct Item<'a> {
    id: &'a str,
    checklist: &'a str,
    kind: Kind,
    title: &'a str,
    /// `null` when the item has no answer.
    #[schemars(schema_with = "status_schema")]
    status: Option<Status>,
    /// `null` when the item is left out of the score.
    value: Option<f64>,
    weight: f64,
    #[serde(serialize_with = "day::option")]
    date: Option<NaiveDate>,
    #[serde(serialize_with = "day::option")]
    due: Option<NaiveDate>,
    severity: Option<Severity>,
    /// A partial or unmet recommendation whose explanation counts.
    explained: bool,
    /// The explanation as written, whether it counts or not.
    explanation: Option<&'a str>,
    plan: Option<Plan<'a>>,
    note: Option<&'a str>,
    /// Each evidence entry as written, and what it turned out to be.
    evidence: Vec<EvidenceEntry<'a>>,
    /// An item answered per municipality: each listed municipality's
    /// result (the item's own fields are the lowest one's); left out for
    /// an item answered once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    per: Vec<PerItem<'a>>,
}

/// One municipality's result for an item answered per municipality.
#[derive(Serialize, JsonSchema)]
struct PerItem<'a> {
    municipality: &'a str,
    /// `null` when the municipality has no entry.
    #[schemars(schema_with = "status_schema")]
    status: Option<Status>,
    value: Option<f64>,
    #[serde(serialize_with = "day::option")]
    date: Option<NaiveDate>,
    #[serde(serialize_with = "day::option")]
    due: Option<NaiveDate>,
    #[serde(serialize_with = "day::option")]
    valid_until: Option<NaiveDate>,
    severity: Option<Severity>,
    evidence: Vec<EvidenceEntry<'a>>,
}

/// What will be done, by whom, by when.
#[derive(Serialize, JsonSchema)]
struct Plan<'a> {
    action: &'a str,
    owner: Option<&'a str>,
    #[serde(serialize_with = "day::option")]
    due: Option<NaiveDate>,
}

#[derive(Serialize, JsonSchema)]
struct EvidenceEntry<'a> {
    entry: &'a str,
    /// `url`; or a path `found`, `missing`, or `outside` the assessment's
    /// folder (not looked at).
    state: Evidence,
}

/// A gap, as `check --format json` and `diff --format json` give it.
#[derive(Serialize, JsonSchema)]
pub(super) struct Gap<'a> {
    item: &'a str,
    severity: Severity,
    reason: Reason,
    message: String,
    fix: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(serialize_with = "day::option")]
    due: Option<NaiveDate>,
    /// Awaiting the counterparty: when it was asked, and the critical
    /// reason the request stands in for.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(serialize_with = "day::option")]
    requested: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    instead_of: Option<Reason>,
    /// The municipality of the `per` entry the gap is of; left out for an
    /// item answered once.
    #[serde(skip_serializing_if = "Option::is_none")]
    municipality: Option<&'a str>,
}

#[derive(Serialize, JsonSchema)]
struct Notice<'a> {
    item: &'a str,
    /// `due-soon`: a recurring item falls due on `due`; `expires-soon`:
    /// the answer holds until `due` (`valid-until`).
    reason: Upcoming,
    #[serde(serialize_with = "day::one")]
    due: NaiveDate,
    days: i64,
    /// The municipality of the `per` entry the notice is of; left out for
    /// an item answered once.
    #[serde(skip_serializing_if = "Option::is_none")]
    municipality: Option<&'a str>,
}

/// Several assessments, one result each in the order given.
#[derive(Serialize, JsonSchema)]
struct Many<'a> {
    #[schemars(extend("const" = 1))]
    format: u32,
    /// `null` when none could be checked.
    #[serde(serialize_with = "day::option")]
    as_of: Option<NaiveDate>,
    results: Vec<Outcome<'a>>,
    summary: Summary,
}

/// One entry of `results`: a document, or a file that could not be checked.
/// Each is written as it is ready ([`part`]); this is their schema.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // Only its schema is used.
enum Outcome<'a> {
    Checked(Box<Document<'a>>),
    Unchecked(Unchecked<'a>),
}

/// A file that could not be checked, and why.
#[derive(Serialize, JsonSchema)]
struct Unchecked<'a> {
    file: &'a str,
    /// Always `true`: what tells this entry from a document.
    #[schemars(extend("const" = true))]
    error: bool,
    diagnostics: &'a [JsonDiag<'a>],
}

#[derive(Serialize, JsonSchema)]
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
#[derive(Serialize, JsonSchema)]
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
            municipalities: a.organisation.municipalities.as_ref().map(|list| {
                list.get_ref()
                    .iter()
                    .map(|m| m.get_ref().as_str())
                    .collect()
            }),
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
        items: Each::new(c.eval.items.iter().map(move |r| {
            Item {
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
                explanation: r
                    .answer
                    .and_then(|a| a.explanation.as_ref())
                    .map(|e| e.get_ref().as_str()),
                plan: r.answer.and_then(|a| a.plan()).map(|p| Plan {
                    action: &p.action,
                    owner: p.owner.as_deref(),
                    due: p.due.as_ref().map(|d| d.get_ref().0),
                }),
                note: r.answer.and_then(|a| a.note.as_deref()),
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
                per: r
                    .per
                    .iter()
                    .map(|p| PerItem {
                        municipality: p.municipality,
                        status: p.status(),
                        value: p.value,
                        date: p
                            .answer
                            .and_then(|a| a.date.as_ref())
                            .map(|d| d.get_ref().0),
                        due: p.due,
                        valid_until: p
                            .answer
                            .and_then(|a| a.valid_until.as_ref())
                            .map(|d| d.get_ref().0),
                        severity: p.worst,
                        evidence: c
                            .assessment
                            .evidence_of(r.id(), Some(p.municipality))
                            .iter()
                            .map(|(entry, state)| EvidenceEntry {
                                entry,
                                state: *state,
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })),
        gaps: Each::new(c.eval.gaps.iter().map(move |g| gap(g, c, lang))),
        notices: c
            .eval
            .notices
            .iter()
            .map(|n| Notice {
                item: &n.item,
                reason: n.reason,
                due: n.due,
                days: n.days,
                municipality: n.municipality.as_deref(),
            })
            .collect(),
    }
}

/// A gap of `c`, worded in `lang`.
pub(super) fn gap<'a>(g: &'a ScoredGap, c: &Checked<'_>, lang: Lang) -> Gap<'a> {
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
        municipality: g.municipality.as_deref(),
    }
}

/// An answer's status as the output writes it: only the canonical words
/// (the file may use any of their spellings), or `null`.
pub(super) fn status_schema(_: &mut SchemaGenerator) -> Schema {
    let words = [
        Status::Met,
        Status::Partial,
        Status::Unmet,
        Status::NotApplicable,
    ]
    .map(|s| serde_json::to_value(s).expect("a status serializes"));
    json_schema!({
        "type": ["string", "null"],
        "enum": [words[0], words[1], words[2], words[3], null],
    })
}

/// The JSON Schema of what [`render`] writes, both shapes.
pub fn schema() -> Schema {
    // As written: a field that is always there is required, `null` or not.
    let mut settings = SchemaSettings::draft2020_12();
    settings.contract = Contract::Serialize;
    let mut schema = settings
        .into_generator()
        .into_root_schema_for::<Output<'static>>();
    schema.insert("title".into(), "almen check result".into());
    schema
}

/// An entry's part: the document of the one assessment asked for, or one
/// of the results of several, indented as it sits in them.
pub(super) fn part<W: Write>(entry: &Entry<'_>, opts: &Options, out: &mut W) -> io::Result<()> {
    // Written straight from the structs, so fields keep the contract's order.
    match entry {
        // The same layout as serde_json's pretty one, which writes a
        // line's indentation two spaces at a time; this writes it at once.
        Entry::Checked(one) if !opts.several => indented(&document(one, opts), 0, out)?,
        Entry::Checked(c) => indented(&document(c, opts), RESULT_INDENT, out)?,
        Entry::Unchecked(u) => indented(
            &Unchecked {
                file: &u.file,
                error: true,
                diagnostics: &u.diagnostics,
            },
            RESULT_INDENT,
            out,
        )?,
    }
    Ok(())
}

/// Room for an entry's part at once, where it is the document of the one
/// assessment asked for: a checklist of thousands of items makes
/// megabytes, which would otherwise be copied to grow, a doubling at a
/// time, into memory new each time.
pub(super) fn room(entry: &Entry<'_>, opts: &Options) -> usize {
    match entry {
        Entry::Checked(one) if !opts.several => {
            one.eval.items.len() * ITEM_BYTES + one.eval.gaps.len() * GAP_BYTES
        }
        _ => 0,
    }
}

/// About how many bytes an item, and a gap, take in the JSON of one
/// assessment (an item with one evidence entry and its gap take 575).
const ITEM_BYTES: usize = 400;
const GAP_BYTES: usize = 200;

/// How deep a result of several sits: in `results`, in the document.
const RESULT_INDENT: usize = 2;

/// `value` as pretty JSON nested `levels` deep, as it is written inside
/// the document of several: serde_json's pretty layout, begun further in.
fn indented<W: Write>(value: &impl Serialize, levels: usize, out: &mut W) -> io::Result<()> {
    for _ in 0..levels {
        out.write_all(INDENT)?;
    }
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Nested::new(levels));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// One level of the pretty layout.
const INDENT: &[u8] = b"  ";

/// serde_json's `PrettyFormatter`, starting at a depth other than 0.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn new(depth: usize) -> Self {
        Nested {
            depth,
            has_value: false,
        }
    }

    fn line<W: ?Sized + Write>(&self, out: &mut W, first: bool) -> io::Result<()> {
        if first {
            new_line(out, self.depth)
        } else {
            after_comma(out, self.depth)
        }
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            new_line(out, self.depth)?;
        }
        out.write_all(bracket)
    }
}

/// A line break and the indentation of a line `depth` levels deep, in
/// one write where it is among the first 32 levels: there is one before
/// every value of the output.
fn new_line<W: ?Sized + Write>(out: &mut W, depth: usize) -> io::Result<()> {
    match LINES.get(1..2 + INDENT.len() * depth) {
        Some(line) => out.write_all(line),
        None => {
            out.write_all(b"\n")?;
            (0..depth).try_for_each(|_| out.write_all(INDENT))
        }
    }
}

/// [`new_line`] after the comma that ends the value before it, in the
/// same write.
fn after_comma<W: ?Sized + Write>(out: &mut W, depth: usize) -> io::Result<()> {
    match LINES.get(..2 + INDENT.len() * depth) {
        Some(line) => out.write_all(line),
        None => {
            out.write_all(b",")?;
            new_line(out, depth)
        }
    }
}

/// A comma, a line break and the indentation of 32 levels.
const LINES: &[u8] = b",\n                                                                ";

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line(out, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line(out, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The document of several, with no results and the summary of `totals`,
/// cut where the results go: what opens it, and what closes it.
fn frame(
    as_of: Option<NaiveDate>,
    totals: &Totals,
    opts: &Options,
) -> io::Result<(String, String)> {
    let s = totals.scored.summary();
    let some = |v: f64| (s.assessments > 0).then_some(v);
    let many = Many {
        format: 1,
        as_of,
        results: Vec::new(),
        summary: Summary {
            assessments: s.assessments,
            compliant: s.compliant,
            not_compliant: s.assessments - s.compliant,
            unchecked: totals.unchecked,
            adherence: Adherence {
                mean: some(s.mean),
                min: some(s.min),
                max: some(s.max),
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
                breached: totals.under,
            }),
        },
    };
    let text = serde_json::to_string_pretty(&many)?;
    let cut = "\"results\": [";
    let at = text
        .find(cut)
        .map(|i| i + cut.len())
        .ok_or_else(|| io::Error::other("results"))?;
    Ok((text[..at].to_owned(), text[at..].to_owned()))
}

/// What opens the results of several, up to the first of them.
pub(super) fn head(as_of: Option<NaiveDate>, out: &mut dyn Write) -> io::Result<()> {
    let (head, _) = frame(
        as_of,
        &Totals::default(),
        &Options::plain(crate::lang::Lang::En),
    )?;
    out.write_all(head.as_bytes())
}

/// What goes before a result of several.
pub(super) fn between(first: bool, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(if first { b"\n" } else { b",\n" })
}

/// What closes the output: the summary of several, after their results.
pub(super) fn tail(
    totals: &Totals,
    many: bool,
    opts: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    if many {
        let (_, tail) = frame(None, totals, opts)?;
        // `]` closed the empty results; closing some, it goes on a line
        // of its own.
        if totals.scored.summary().assessments + totals.unchecked > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(tail.as_bytes())?;
    }
    writeln!(out)
}
