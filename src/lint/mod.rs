//! Warnings a careful reviewer would raise about files that load fine:
//! explanations that explain nothing, plans nobody owns, dates that cannot
//! be right, evidence that is not there.
//!
//! This module decides what is worth a warning; how a warning reads is
//! `diags`'s business, so no text for the user is written here. Pure:
//! the loaded files, the evidence states and the as-of date in,
//! diagnostics out; it reads no files and prints nothing.

mod diags;

use chrono::NaiveDate;
use toml::Spanned;

use crate::diag::Diag;
use crate::lang::Lang;
use crate::load::{Assessment, Checklist, Evidence};
use crate::model::{Date, Status};

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

    let mut newest: Option<&Spanned<Date>> = None;
    for (id, answer) in &loaded.file.answers {
        let id = id.get_ref();
        if let (Some(e), Some(why)) = (&answer.explanation, answer.hollow_explanation()) {
            out.push(diags::hollow_explanation(lang, file, e.span(), id, why));
        }
        if answer.status == Status::Met {
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
            if newest.is_none_or(|n| d.get_ref() > n.get_ref()) {
                newest = Some(d);
            }
        }
        for (entry, state) in loaded.evidence.get(id.as_str()).into_iter().flatten() {
            let span = answer
                .evidence
                .iter()
                .find(|e| e.get_ref() == entry)
                .map_or(0..0, Spanned::span);
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
