//! Warnings a careful reviewer would raise about files that load fine:
//! explanations that explain nothing, plans nobody owns, dates that cannot
//! be right, evidence that is not there, one document given for everything.
//!
//! This module decides what is worth a warning; how a warning reads is
//! `diags`'s business, so no text for the user is written here. Pure:
//! the loaded files, the evidence states and the as-of date in,
//! diagnostics out; it reads no files and prints nothing.

mod diags;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;
use toml::Spanned;

use crate::diag::Diag;
use crate::lang::Lang;
use crate::load::{Assessment, Checklist, Evidence, is_url, normalize};
use crate::model::{Answer, Date, Status};

/// From how many items of one checklist on one evidence entry stops being
/// evidence for each of them.
pub const SHARED_EVIDENCE_ITEMS: usize = 3;

/// One evidence entry given for [`SHARED_EVIDENCE_ITEMS`] or more items of
/// one checklist: one document for everything is not evidence for each
/// item. `validate` warns about it (W013) and the board's report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedEvidence<'a> {
    /// The checklist's id.
    pub checklist: &'a str,
    /// The entry as the first of its items has it.
    pub entry: &'a str,
    /// The items it is given for, in the checklist's order, each with
    /// where the entry is written in its answer.
    pub items: Vec<(&'a str, Range<usize>)>,
}

/// Every evidence entry that backs too many items of one checklist. The
/// same URL, or the same path however it is spelt (`./a.pdf` is `a.pdf`),
/// is one entry; an answer that names it twice counts once.
pub fn shared_evidence(loaded: &Assessment) -> Vec<SharedEvidence<'_>> {
    let answers: HashMap<&str, &Answer> = loaded
        .file
        .answers
        .iter()
        .map(|(id, a)| (id.get_ref().as_str(), a))
        .collect();
    let mut out = Vec::new();
    for checklist in &loaded.checklists {
        let mut shared: Vec<SharedEvidence<'_>> = Vec::new();
        let mut by_entry: HashMap<String, usize> = HashMap::new();
        for item in &checklist.file.items {
            let id = item.id.get_ref().as_str();
            let Some(answer) = answers.get(id) else {
                continue;
            };
            let mut seen = HashSet::new();
            for entry in &answer.evidence {
                let key = same_entry(entry.get_ref());
                if !seen.insert(key.clone()) {
                    continue;
                }
                let at = (id, entry.span());
                match by_entry.get(&key) {
                    Some(&i) => shared[i].items.push(at),
                    None => {
                        by_entry.insert(key, shared.len());
                        shared.push(SharedEvidence {
                            checklist: checklist.id(),
                            entry: entry.get_ref(),
                            items: vec![at],
                        });
                    }
                }
            }
        }
        out.extend(
            shared
                .into_iter()
                .filter(|s| s.items.len() >= SHARED_EVIDENCE_ITEMS),
        );
    }
    out
}

/// What two spellings of one evidence entry have in common: a URL as
/// written, a path without `./` and `a/../`.
fn same_entry(entry: &str) -> String {
    let entry = entry.trim();
    if is_url(entry) {
        entry.to_owned()
    } else {
        normalize(Path::new(entry)).to_string_lossy().into_owned()
    }
}

/// Warnings about an assessment that loaded without errors.
pub fn assessment(loaded: &Assessment, as_of: NaiveDate, lang: Lang) -> Vec<Diag> {
    let file = loaded.file_id;
    let mut out = Vec::new();
    let meta = &loaded.file.assessment;
    let mut dates: Vec<(&str, &Spanned<Date>)> = Vec::new();
    if let Some(d) = &meta.date {
        dates.push(("date", d));
    }
    if let Some(d) = &meta.approved {
        dates.push(("approved", d));
    }

    if let Some(list) = &loaded.file.organisation.municipalities
        && list.get_ref().len() == 1
    {
        out.push(diags::one_municipality(lang, file, list.span()));
    }
    if let Some(list) = &loaded.file.organisation.municipalities
        && list.get_ref().len() > 1
    {
        let municipal: HashSet<&str> = loaded
            .checklists
            .iter()
            .flat_map(|c| &c.file.items)
            .filter(|item| item.municipal())
            .map(|item| item.id.get_ref().as_str())
            .collect();
        for (id, answer) in &loaded.file.answers {
            let id = id.get_ref().as_str();
            if let Some(status) = &answer.status
                && municipal.contains(id)
            {
                out.push(diags::answered_once_for_all(lang, file, status.span(), id));
            }
        }
    }

    let mut newest: Option<&Spanned<Date>> = None;
    // Each answer, and each municipality's entry of an answer given per
    // municipality, with what its evidence turned out to be.
    let no_evidence = Vec::new();
    let answers = loaded.file.answers.iter().map(|(id, answer)| {
        let id = id.get_ref();
        let states = loaded.evidence.get(id.as_str()).unwrap_or(&no_evidence);
        (id, answer, states)
    });
    let entries = loaded
        .per
        .iter()
        .flat_map(|(id, entries)| entries.iter().map(move |e| (id, &e.answer, &e.evidence)));
    for (id, answer, states) in answers.chain(entries) {
        if let (Some(e), Some(why)) = (&answer.explanation, answer.hollow_explanation()) {
            out.push(diags::hollow_explanation(lang, file, e.span(), id, why));
        }
        if answer.status() == Status::Met {
            if let Some(e) = &answer.explanation {
                out.push(diags::explanation_on_met(lang, file, e.span(), id));
            }
            if let Some(p) = &answer.plan {
                out.push(diags::plan_on_met(lang, file, p.span(), id));
            }
        }
        if let Some(p) = &answer.plan {
            let plan = p.get_ref();
            let owner = plan.owner.as_deref().is_some_and(|o| !o.trim().is_empty());
            let due = plan.due.is_some();
            if !owner || !due {
                out.push(diags::plan_incomplete(lang, file, p.span(), id, owner, due));
            }
        }
        if let Some(d) = &answer.requested {
            dates.push(("requested", d));
        }
        if let Some(d) = &answer.date {
            dates.push(("date", d));
            // A date after the as-of date is W005's: the answer's date is
            // what is wrong, not the assessment's.
            if d.get_ref().0 <= as_of && newest.is_none_or(|n| d.get_ref() > n.get_ref()) {
                newest = Some(d);
            }
        }
        // The states are the answer's entries', in the same order: each
        // entry is paired with its own, not looked for among the rest.
        for (written, (entry, state)) in answer.evidence.iter().zip(states) {
            let span = written.span();
            match state {
                Evidence::Missing => out.push(diags::evidence_missing(lang, file, span, entry)),
                Evidence::Outside => out.push(diags::evidence_outside(lang, file, span, entry)),
                Evidence::Url | Evidence::Found => {}
            }
        }
    }

    for (key, d) in &dates {
        if d.get_ref().0 > as_of {
            out.push(diags::date_after_as_of(lang, file, key, d, as_of));
        }
    }
    if let (Some(date), Some(newest)) = (&meta.date, newest)
        && date.get_ref() < newest.get_ref()
    {
        out.push(diags::assessment_older_than_answer(
            lang, file, date, newest,
        ));
    }
    if let (Some(date), Some(approved)) = (&meta.date, &meta.approved)
        && approved.get_ref() < date.get_ref()
    {
        out.push(diags::approved_before_assessment(
            lang, file, approved, date,
        ));
    }
    for shared in shared_evidence(loaded) {
        out.push(diags::shared_evidence(lang, file, &shared));
    }
    out
}

/// Checklist authors' lint: every item has guidance and English text.
pub fn checklist(checklist: &Checklist, lang: Lang) -> Vec<Diag> {
    let file = checklist.file_id;
    let mut out = Vec::new();
    for item in &checklist.file.items {
        let id = item.id.get_ref();
        let span = item.id.span();
        if item
            .guidance
            .as_ref()
            .is_none_or(|g| g.da.trim().is_empty())
        {
            out.push(diags::no_guidance(lang, file, span.clone(), id));
        }
        let english = item.title.en.is_some()
            && item.guidance.as_ref().is_none_or(|g| g.en.is_some())
            && (item.evidence.da.is_empty() || item.evidence.en.is_some());
        if !english {
            out.push(diags::no_english(lang, file, span, id));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::PathBuf;
    use std::sync::Arc;

    use crate::diag::Code;
    use crate::model::{AssessmentFile, ChecklistFile};

    fn checklist(id: &str, items: &[&str]) -> Arc<Checklist> {
        let items: String = items
            .iter()
            .map(|i| format!("[[item]]\nid = \"{i}\"\nkind = \"duty\"\ntitle.da = \"T\"\n"))
            .collect();
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

    /// Two checklists, `a` (A-1 … A-4) and `b` (B-1, B-2), and an answer
    /// `met` for each `(item, evidence)` given.
    fn loaded(answers: &[(&str, &[&str])]) -> Assessment {
        let answers: String = answers
            .iter()
            .map(|(id, evidence)| {
                let list: Vec<String> = evidence.iter().map(|e| format!("\"{e}\"")).collect();
                format!(
                    "[answers.{id}]\nstatus = \"met\"\nevidence = [{}]\n",
                    list.join(", ")
                )
            })
            .collect();
        let text = format!(
            "format = 1\norganisation.name = \"O\"\nassessment.checklists = [\"a\", \"b\"]\n{answers}"
        );
        let file: AssessmentFile = toml::from_str(&text).unwrap();
        Assessment {
            path: PathBuf::from("almen.toml"),
            file_id: 0,
            file,
            checklists: vec![
                checklist("a", &["A-1", "A-2", "A-3", "A-4"]),
                checklist("b", &["B-1", "B-2"]),
            ],
            evidence: BTreeMap::new(),
            per: Default::default(),
            sha256: crate::load::Fingerprint::of(""),
            lines: BTreeMap::new(),
            assessment_line: 1,
        }
    }

    /// The shared entries found, as (checklist, entry, items).
    fn shared(loaded: &Assessment) -> Vec<(&str, &str, Vec<&str>)> {
        shared_evidence(loaded)
            .into_iter()
            .map(|s| {
                let items = s.items.iter().map(|(id, _)| *id).collect();
                (s.checklist, s.entry, items)
            })
            .collect()
    }

    #[test]
    fn one_document_for_two_items_is_fine() {
        let a = loaded(&[("A-1", &["referat.pdf"]), ("A-2", &["referat.pdf"])]);
        assert!(shared(&a).is_empty());
        let warnings = assessment(&a, NaiveDate::MAX, Lang::En);
        assert!(
            warnings.iter().all(|d| d.code != Code::W013),
            "{warnings:?}"
        );
    }

    #[test]
    fn one_document_for_three_items_is_not_evidence_for_each() {
        let a = loaded(&[
            ("A-3", &["referat.pdf"]),
            ("A-1", &["referat.pdf", "politik.pdf"]),
            ("A-2", &["https://eksempel.dk/x", "referat.pdf"]),
        ]);
        assert_eq!(
            shared(&a),
            [("a", "referat.pdf", vec!["A-1", "A-2", "A-3"])]
        );
        let warnings: Vec<Diag> = assessment(&a, NaiveDate::MAX, Lang::En)
            .into_iter()
            .filter(|d| d.code == Code::W013)
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(
            warnings[0].message,
            "the evidence `referat.pdf` is given for 3 items of `a`: `A-1`, `A-2`, `A-3`"
        );
        assert_eq!(warnings[0].related.len(), 2);
    }

    #[test]
    fn each_checklist_is_counted_on_its_own() {
        // Four answers name the document, but no checklist has three.
        let a = loaded(&[
            ("A-1", &["referat.pdf"]),
            ("A-2", &["referat.pdf"]),
            ("B-1", &["referat.pdf"]),
            ("B-2", &["referat.pdf"]),
        ]);
        assert!(shared(&a).is_empty());
        // Three items of `a` and one of `b`: only `a`'s three count.
        let a = loaded(&[
            ("A-1", &["https://eksempel.dk/x"]),
            ("A-2", &["https://eksempel.dk/x"]),
            ("A-3", &["https://eksempel.dk/x"]),
            ("B-1", &["https://eksempel.dk/x"]),
        ]);
        assert_eq!(
            shared(&a),
            [("a", "https://eksempel.dk/x", vec!["A-1", "A-2", "A-3"])]
        );
    }

    #[test]
    fn two_spellings_of_one_path_are_one_document() {
        let a = loaded(&[
            ("A-1", &["./a.pdf"]),
            ("A-2", &["a.pdf"]),
            ("A-4", &["bilag/../a.pdf", "./bilag/../a.pdf"]),
        ]);
        assert_eq!(shared(&a), [("a", "./a.pdf", vec!["A-1", "A-2", "A-4"])]);
        // An answer that names the document twice counts once.
        let a = loaded(&[("A-1", &["a.pdf", "./a.pdf"]), ("A-2", &["a.pdf"])]);
        assert!(shared(&a).is_empty());
    }

    /// Each missing entry is pointed at where it is written, one written
    /// twice too; and an answer of many entries pairs each with its own
    /// state, rather than looking for it among all of them.
    #[test]
    fn each_missing_entry_is_pointed_at_where_it_is() {
        let mut a = loaded(&[("A-1", &["a.pdf", "b.pdf", "a.pdf"])]);
        let states = ["a.pdf", "b.pdf", "a.pdf"].map(|e| (e.to_owned(), Evidence::Missing));
        a.evidence.insert("A-1".to_owned(), states.to_vec());
        let spans: Vec<Range<usize>> = assessment(&a, NaiveDate::MAX, Lang::En)
            .into_iter()
            .filter(|d| d.code == Code::W008)
            .map(|d| d.place.expect("a place").span)
            .collect();
        assert_eq!(spans.len(), 3, "{spans:?}");
        assert!(spans.windows(2).all(|w| w[0].end < w[1].start), "{spans:?}");
    }
}
