//! Meaning, once a file has parsed: what its types cannot say. A
//! checklist's ids are not empty and its items' are unique, weights and
//! recurrences make sense (E011, E014); an assessment names checklists
//! (E014), they do not share ids (E015) or items (E011), and every answer
//! is for a loaded item (E010).
//!
//! Pure: values in, diagnostics out, worded by [`diags`]. Nothing here
//! reads or parses a file, or loads a checklist.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::{BUILTINS, Checklist, MAX_MONTHS, MAX_WEIGHT, MIN_WEIGHT, diags};
use crate::diag::{Diag, FileId, Place, did_you_mean};
use crate::lang::Lang;
use crate::model::{Answer, AssessmentFile, ChecklistFile, Date, Item, Kind, Organisation};
use toml::Spanned;

/// How many ids, in all, unknown answers are compared with for a near
/// miss.
const SUGGESTION_BUDGET: usize = 1_000_000;

/// Checks a parsed checklist on its own.
pub(super) fn checklist(
    lang: Lang,
    file: FileId,
    text: &str,
    checklist: &ChecklistFile,
    diags: &mut Vec<Diag>,
) {
    if checklist.id.get_ref().trim().is_empty() {
        diags.push(diags::empty_checklist_id(lang, file, checklist.id.span()));
    }
    // Only the built-in text itself may carry a built-in id: a file that
    // claims one would be shown as the real checklist in every format.
    if let Some(builtin) = BUILTINS.iter().find(|b| b.id == checklist.id.get_ref())
        && text != builtin.text
    {
        diags.push(diags::claims_builtin_id(
            lang,
            file,
            checklist.id.span(),
            builtin.id,
        ));
    }
    // Nor may it take a built-in item's id: an own `STY-1` as a
    // recommendation would answer the statutory duty in its place.
    // Ids are told apart whatever their case, as `show` finds them.
    let lowercase: Vec<String> = checklist
        .items
        .iter()
        .map(|i| i.id.get_ref().to_lowercase())
        .collect();
    let own = BUILTINS.iter().all(|b| text != b.text);
    if own {
        for (item, lowercase) in checklist.items.iter().zip(&lowercase) {
            let id = item.id.get_ref();
            if let Some(builtin) = builtin_item(lowercase) {
                diags.push(diags::claims_builtin_item(
                    lang,
                    file,
                    item.id.span(),
                    id,
                    builtin,
                ));
            }
        }
    }
    let checklist_id = checklist.id.get_ref();
    if !checklist_id.trim().is_empty() && !is_id(checklist_id) {
        diags.push(diags::bad_id(lang, file, checklist.id.span(), checklist_id));
    }
    let mut seen: HashMap<&str, Range<usize>> = HashMap::with_capacity(checklist.items.len());
    for (item, lowercase) in checklist.items.iter().zip(&lowercase) {
        let id = item.id.get_ref().as_str();
        if id.trim().is_empty() {
            diags.push(diags::empty_item_id(lang, file, item.id.span()));
        } else if !is_id(id) {
            diags.push(diags::bad_id(lang, file, item.id.span(), id));
        }
        if let Some(first) = seen.insert(lowercase, item.id.span()) {
            diags.push(diags::item_twice(lang, file, item.id.span(), id, first));
        }
        if let Some(w) = &item.weight
            && !(*w.get_ref() >= MIN_WEIGHT && *w.get_ref() <= MAX_WEIGHT)
        {
            diags.push(diags::weight_out_of_range(lang, file, w.span(), id));
        }
        if let Some(m) = &item.every_months
            && !(1..=MAX_MONTHS).contains(m.get_ref())
        {
            diags.push(diags::months_out_of_range(lang, file, m.span(), id));
        }
        if let (Some(w), None) = (&item.warn_days, item.recurrence()) {
            diags.push(diags::warn_days_without_months(lang, file, w.span(), id));
        }
        if let (Some(every), Some(months)) = (&item.every, &item.every_months) {
            diags.push(diags::two_recurrences(
                lang,
                file,
                every.span(),
                id,
                months.span(),
            ));
        }
        if let Some(flag) = &item.may_be_not_applicable
            && item.kind == Kind::Recommendation
        {
            diags.push(diags::not_applicable_flag_on_recommendation(
                lang,
                file,
                flag.span(),
                id,
            ));
        }
    }
}

/// The checklists an assessment names (and `--checklist` adds).
pub(super) struct Named {
    /// How many, whether they loaded or not.
    pub count: usize,
    /// Whether one of them could not be loaded: an answer for an item no
    /// loaded checklist has may then be that one's.
    pub unread: bool,
}

/// Checks a parsed assessment against the checklists loaded for it;
/// `text` is the file's.
pub(super) fn assessment(
    lang: Lang,
    file: FileId,
    text: &str,
    assessment: &AssessmentFile,
    named: Named,
    checklists: &[Arc<Checklist>],
    diags: &mut Vec<Diag>,
) {
    let Named { count, unread } = named;
    if count == 0 {
        let span = key_span(text, "checklists");
        diags.push(diags::no_checklists(lang, file, span));
    }

    // Ids are unique across the checklists loaded together.
    // Made as large as they will be: grown an insert at a time, they were
    // rebuilt several times for each assessment.
    let mut checklist_ids: HashMap<&str, &Checklist> = HashMap::with_capacity(checklists.len());
    let mut item_ids: HashMap<&str, (&Checklist, &Item)> =
        HashMap::with_capacity(checklists.iter().map(|c| c.file.items.len()).sum());
    for checklist in checklists {
        if let Some(first) = checklist_ids.insert(checklist.id(), checklist) {
            diags.push(diags::same_checklist_id(
                lang,
                checklist.id(),
                Place {
                    file: checklist.file_id,
                    span: checklist.file.id.span(),
                },
                Place {
                    file: first.file_id,
                    span: first.file.id.span(),
                },
            ));
            // Its items would all clash with the first one's; the one
            // E015 says it.
            continue;
        }
        for item in &checklist.file.items {
            let id = item.id.get_ref().as_str();
            match item_ids.get(id) {
                // Twice in one checklist is that checklist's own error.
                Some((first, _)) if std::ptr::eq(*first, checklist.as_ref()) => {}
                Some((first, first_item)) => diags.push(diags::item_in_two_checklists(
                    lang,
                    id,
                    Place {
                        file: checklist.file_id,
                        span: item.id.span(),
                    },
                    checklist.id(),
                    Place {
                        file: first.file_id,
                        span: first_item.id.span(),
                    },
                    first.id(),
                )),
                None => {
                    item_ids.insert(id, (checklist, item));
                }
            }
        }
    }

    // Every answer is for an item that is loaded, and asks a counterparty
    // only where the item has one.
    // The ids in order, for a near miss: put in order for the first
    // unknown answer, as most assessments have none.
    let mut all_ids: Vec<&str> = Vec::new();
    // A near miss is looked for among every id, for as many unknown
    // answers as the budget allows: thousands of them against a checklist
    // of thousands of items must not take minutes.
    let mut suggestions = SUGGESTION_BUDGET / item_ids.len().max(1);
    municipalities(lang, file, &assessment.organisation, diags);
    // A status the parser had to cut (an unknown word) was reported there:
    // an answer with a problem already found in its table is not said to
    // have none. Each table runs from its id to the next one's.
    let mut starts: Vec<usize> = assessment
        .answers
        .keys()
        .map(|id| id.span().start)
        .collect();
    starts.sort_unstable();
    let mut found: Vec<usize> = diags
        .iter()
        .filter_map(|d| d.place.as_ref())
        .filter(|p| p.file == file)
        .map(|p| p.span.start)
        .collect();
    found.sort_unstable();
    let reported = |id: &Spanned<String>| {
        let start = id.span().start;
        let end = starts
            .get(starts.partition_point(|&s| s <= start))
            .copied()
            .unwrap_or(usize::MAX);
        found
            .get(found.partition_point(|&at| at <= start))
            .is_some_and(|&at| at < end)
    };
    for (id, answer) in &assessment.answers {
        valid_until(
            lang,
            file,
            id.get_ref(),
            &answer.date,
            &answer.valid_until,
            diags,
        );
        let item = item_ids.get(id.get_ref().as_str()).map(|(_, item)| *item);
        if answer.status.is_some() || !answer.per.is_empty() || !reported(id) {
            per(
                lang,
                file,
                id,
                answer,
                item,
                &assessment.organisation,
                diags,
            );
        }
        if let Some(item) = item {
            if let Some(requested) = &answer.requested
                && item.counterparty.is_none()
            {
                diags.push(diags::requested_without_counterparty(
                    lang,
                    file,
                    requested.span(),
                    id.get_ref(),
                ));
            }
        } else if !unread {
            let meant = if suggestions > 0 {
                suggestions -= 1;
                if all_ids.is_empty() {
                    all_ids = item_ids.keys().copied().collect();
                    all_ids.sort_unstable();
                }
                did_you_mean(id.get_ref(), all_ids.iter().copied())
            } else {
                None
            };
            diags.push(diags::unknown_item(
                lang,
                file,
                id.span(),
                id.get_ref(),
                meant,
            ));
        }
    }
}

/// `valid-until` is not before the answer's `date` (E014).
fn valid_until(
    lang: Lang,
    file: FileId,
    id: &str,
    date: &Option<Spanned<Date>>,
    until: &Option<Spanned<Date>>,
    diags: &mut Vec<Diag>,
) {
    if let (Some(date), Some(until)) = (date, until)
        && until.get_ref() < date.get_ref()
    {
        diags.push(diags::valid_until_before_date(
            lang,
            file,
            until.span(),
            id,
            &until.get_ref().to_string(),
            &date.get_ref().to_string(),
        ));
    }
}

/// `municipality` and `municipalities` are not both given, and the list
/// names each municipality once and at least one (E014).
fn municipalities(lang: Lang, file: FileId, organisation: &Organisation, diags: &mut Vec<Diag>) {
    let Some(list) = &organisation.municipalities else {
        return;
    };
    if organisation.municipality.is_some() {
        diags.push(diags::municipality_and_municipalities(
            lang,
            file,
            list.span(),
        ));
    }
    if list.get_ref().is_empty() {
        diags.push(diags::no_municipalities(lang, file, list.span()));
    }
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    for m in list.get_ref() {
        let name = m.get_ref();
        if let Some(what) = bad_name(name) {
            diags.push(diags::bad_municipality_name(
                lang,
                file,
                m.span(),
                name,
                what,
            ));
            continue;
        }
        if let Some(first) = seen.insert(name_key(name), m.span()) {
            diags.push(diags::municipality_twice(
                lang,
                file,
                m.span(),
                m.get_ref(),
                first,
            ));
        }
    }
}

/// What is wrong with a municipality's name, if anything: blank, a
/// control character (which no name has, and which would reach every
/// output), or spaces at either end (which per entries would then have to
/// repeat exactly).
fn bad_name(name: &str) -> Option<diags::BadName> {
    if name.trim().is_empty() {
        Some(diags::BadName::Blank)
    } else if name.chars().any(char::is_control) {
        Some(diags::BadName::Control)
    } else if name.trim() != name {
        Some(diags::BadName::Spaces)
    } else {
        None
    }
}

/// A municipality's name as compared for repeats: spaces inside
/// collapsed and case folded, so "Aarhus  kommune" is "Aarhus Kommune".
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// An answer gives `status` or `per`, not both and not neither; `per`
/// only on an item whose counterparty is the municipal council, one entry
/// for each municipality the organisation lists and none for another
/// (E007, E014).
fn per(
    lang: Lang,
    file: FileId,
    id: &Spanned<String>,
    answer: &Answer,
    item: Option<&Item>,
    organisation: &Organisation,
    diags: &mut Vec<Diag>,
) {
    let name = id.get_ref();
    let Some(first) = answer.per.first() else {
        if answer.status.is_none() {
            diags.push(diags::no_status(lang, file, id.span(), name));
        }
        return;
    };
    // What belongs in each entry, written beside `per`.
    let beside = [
        ("status", answer.status.as_ref().map(Spanned::span)),
        ("date", answer.date.as_ref().map(Spanned::span)),
        ("evidence", answer.evidence.first().map(Spanned::span)),
        (
            "explanation",
            answer.explanation.as_ref().map(Spanned::span),
        ),
        ("plan", answer.plan.as_ref().map(Spanned::span)),
        ("requested", answer.requested.as_ref().map(Spanned::span)),
        (
            "valid-until",
            answer.valid_until.as_ref().map(Spanned::span),
        ),
    ];
    for (key, span) in beside {
        if let Some(span) = span {
            diags.push(diags::beside_per(lang, file, span, name, key));
        }
    }
    if let Some(item) = item
        && !item.municipal()
    {
        diags.push(diags::per_without_municipality(
            lang,
            file,
            first.municipality.span(),
            name,
        ));
        return;
    }
    let listed = organisation.listed();
    let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
    for entry in &answer.per {
        valid_until(lang, file, name, &entry.date, &entry.valid_until, diags);
        let municipality = entry.municipality.get_ref().as_str();
        let span = entry.municipality.span();
        if listed.is_empty() {
            diags.push(diags::per_without_list(lang, file, span, name));
            continue;
        }
        if !listed.contains(&municipality) {
            let meant = did_you_mean(municipality, listed.iter().copied());
            diags.push(diags::unlisted_municipality(
                lang,
                file,
                span,
                name,
                municipality,
                organisation.municipalities.is_some(),
                meant,
            ));
        } else if let Some(first) = seen.insert(municipality, span.clone()) {
            diags.push(diags::per_twice(
                lang,
                file,
                span,
                name,
                municipality,
                first,
            ));
        }
    }
}

/// The built-in checklist an item id, in lowercase, belongs to.
fn builtin_item(lowercase: &str) -> Option<&'static str> {
    static IDS: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let ids = IDS.get_or_init(|| {
        BUILTINS
            .iter()
            .flat_map(|b| {
                let file: ChecklistFile =
                    toml::from_str(b.text).expect("a built-in checklist parses");
                file.items
                    .into_iter()
                    .map(move |i| (i.id.into_inner().to_lowercase(), b.id))
            })
            .collect()
    });
    ids.get(lowercase).copied()
}

/// Whether `id` is a valid item or checklist id: at most 40 characters,
/// letters, digits, `-`, `_` and `.`, the first a letter or a digit. Ids
/// reach every format (a spreadsheet cell, an XML attribute, a workflow
/// command), so they hold nothing that means something there.
pub fn is_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(char::is_alphanumeric)
        && id.chars().count() <= 40
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The span of the first `key =` in a text, for diagnostics about a value
/// serde has already consumed.
fn key_span(text: &str, key: &str) -> Range<usize> {
    text.find(&format!("{key} ="))
        .or_else(|| text.find(key))
        .map_or(0..0, |i| i..i + key.len())
}
