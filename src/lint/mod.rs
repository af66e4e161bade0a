//! Warnings a careful reviewer would raise about files that load fine:
//! explanations that explain nothing, plans nobody owns, dates that cannot
//! be right, evidence that is not there. Pure: the loaded files, the
//! evidence states and the as-of date in, diagnostics out.

use chrono::NaiveDate;
use toml::Spanned;

use crate::diag::{Code, Diag};
use crate::i18n::Lang;
use crate::load::{Checklist, Evidence, Loaded};
use crate::model::{Date, Status};

/// Words that stand in for an explanation without being one.
const PLACEHOLDERS: &[&str] = &[
    "tbd",
    "todo",
    "tba",
    "-",
    "--",
    "—",
    "–",
    "n/a",
    "na",
    "?",
    "x",
    "...",
    "…",
    "se ovenfor",
    "se nedenfor",
    "ingen",
    "ikke relevant",
    "none",
    "see above",
    "følger",
    "kommer",
];

/// An explanation explains nothing when it is empty, a placeholder, or
/// shorter than a sentence (fewer than three words).
pub fn explains_nothing(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches(['.', '!'])
        .trim()
        .to_lowercase();
    t.is_empty() || PLACEHOLDERS.contains(&t.as_str()) || t.split_whitespace().count() < 3
}

/// Warnings about an assessment that loaded without errors.
pub fn assessment(loaded: &Loaded, as_of: NaiveDate, lang: Lang) -> Vec<Diag> {
    let file = loaded.file_id;
    let mut out = Vec::new();
    let meta = &loaded.assessment.assessment;
    let mut dates: Vec<(&str, &Spanned<Date>)> = Vec::new();
    if let Some(d) = &meta.date {
        dates.push(("date", d));
    }
    if let Some(d) = &meta.approved {
        dates.push(("approved", d));
    }

    let mut newest: Option<&Spanned<Date>> = None;
    for (id, answer) in &loaded.assessment.answers {
        let id = id.get_ref();
        if let Some(e) = &answer.explanation
            && explains_nothing(e.get_ref())
        {
            out.push(
                Diag::new(
                    Code::W001,
                    format!(
                        "{} `{id}` {}",
                        lang.pick("forklaringen på", "the explanation for"),
                        lang.pick("forklarer ikke noget", "explains nothing")
                    ),
                )
                .at(
                    file,
                    e.span(),
                    lang.pick("ingen forklaring", "no explanation"),
                )
                .hint(lang.pick(
                    "skriv hvorfor I ikke følger punktet, og hvad I gør i stedet",
                    "write why you do not follow the item, and what you do instead",
                )),
            );
        }
        if answer.status == Status::Met {
            if let Some(e) = &answer.explanation {
                out.push(
                    Diag::new(
                        Code::W002,
                        format!(
                            "{} `{id}` {}",
                            lang.pick("svaret på", "the answer for"),
                            lang.pick(
                                "følges, men har en forklaring",
                                "is met, but has an explanation"
                            )
                        ),
                    )
                    .at(
                        file,
                        e.span(),
                        lang.pick("unødvendig forklaring", "explanation not needed"),
                    )
                    .hint(lang.pick(
                        "en forklaring hører til en afvigelse; brug `note` til bemærkninger",
                        "an explanation belongs to a deviation; use `note` for remarks",
                    )),
                );
            }
            if let Some(p) = &answer.plan {
                out.push(
                    Diag::new(
                        Code::W003,
                        format!(
                            "{} `{id}` {}",
                            lang.pick("svaret på", "the answer for"),
                            lang.pick("følges, men har en handlingsplan", "is met, but has a plan")
                        ),
                    )
                    .at(
                        file,
                        p.span(),
                        lang.pick(
                            "handlingsplan på et punkt, der følges",
                            "plan on a met item",
                        ),
                    )
                    .hint(lang.pick(
                        "fjern planen, eller ret status til `partial`",
                        "remove the plan, or set the status to `partial`",
                    )),
                );
            }
        }
        if let Some(p) = &answer.plan {
            let plan = p.get_ref();
            let owner = plan.owner.as_deref().is_some_and(|o| !o.trim().is_empty());
            if !owner || plan.due.is_none() {
                let missing = match (owner, plan.due.is_some()) {
                    (false, false) => lang.pick("ansvarlig og frist", "an owner and a due date"),
                    (false, true) => lang.pick("ansvarlig", "an owner"),
                    _ => lang.pick("frist", "a due date"),
                };
                out.push(
                    Diag::new(
                        Code::W004,
                        format!("{} `{id}` {} {missing}", lang.pick("handlingsplanen for", "the plan for"), lang.pick("mangler", "lacks")),
                    )
                    .at(file, p.span(), lang.pick("ufuldstændig plan", "incomplete plan"))
                    .hint(lang.pick(
                        "fx `plan = { action = \"…\", owner = \"Direktionen\", due = 2027-03-01 }`",
                        "e.g. `plan = { action = \"…\", owner = \"Direktionen\", due = 2027-03-01 }`",
                    )),
                );
            }
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
                Evidence::Missing => out.push(
                    Diag::new(
                        Code::W008,
                        format!(
                            "{} `{entry}` {}",
                            lang.pick("dokumentationen", "the evidence"),
                            lang.pick("findes ikke", "does not exist")
                        ),
                    )
                    .at(file, span, lang.pick("findes ikke", "not found"))
                    .hint(lang.pick(
                        "stier er relative til selvevalueringens mappe",
                        "paths are relative to the assessment's folder",
                    )),
                ),
                Evidence::Outside => out.push(
                    Diag::new(
                        Code::W009,
                        format!(
                            "{} `{entry}` {}",
                            lang.pick("dokumentationen", "the evidence"),
                            lang.pick(
                                "peger uden for selvevalueringens mappe",
                                "points outside the assessment's folder"
                            )
                        ),
                    )
                    .at(
                        file,
                        span,
                        lang.pick(
                            "uden for mappen; ikke tjekket",
                            "outside the folder; not checked",
                        ),
                    )
                    .hint(lang.pick(
                        "læg dokumentationen i selvevalueringens mappe, eller brug et link",
                        "keep evidence in the assessment's folder, or use a link",
                    )),
                ),
                Evidence::Url | Evidence::Found => {}
            }
        }
    }

    for (key, d) in &dates {
        if d.get_ref().0 > as_of {
            out.push(
                Diag::new(
                    Code::W005,
                    format!(
                        "`{key}` {} {} {as_of}",
                        d.get_ref(),
                        lang.pick("ligger efter opgørelsesdatoen", "is after the as-of date")
                    ),
                )
                .at(file, d.span(), lang.pick("i fremtiden", "in the future"))
                .hint(lang.pick(
                    "skriv datoen for hvornår det skete, ikke hvornår det skal ske",
                    "write when it happened, not when it will",
                )),
            );
        }
    }
    if let (Some(date), Some(newest)) = (&meta.date, newest)
        && date.get_ref() < newest.get_ref()
    {
        out.push(
            Diag::new(
                Code::W006,
                format!(
                    "{} {} {} {}",
                    lang.pick("selvevalueringens dato", "the assessment date"),
                    date.get_ref(),
                    lang.pick(
                        "er ældre end det nyeste svar,",
                        "is older than the newest answer,"
                    ),
                    newest.get_ref()
                ),
            )
            .at(file, date.span(), lang.pick("for gammel", "too old"))
            .related(
                file,
                newest.span(),
                lang.pick("nyeste svar", "newest answer"),
            )
            .hint(lang.pick(
                "opdatér `date` i [assessment], når I vurderer igen",
                "update `date` in [assessment] when you assess again",
            )),
        );
    }
    if let (Some(date), Some(approved)) = (&meta.date, &meta.approved)
        && approved.get_ref() < date.get_ref()
    {
        out.push(
            Diag::new(
                Code::W007,
                format!(
                    "{} {} {} {}",
                    lang.pick("bestyrelsens godkendelse", "the board approval"),
                    approved.get_ref(),
                    lang.pick(
                        "ligger før selvevalueringens dato",
                        "is before the assessment date"
                    ),
                    date.get_ref()
                ),
            )
            .at(
                file,
                approved.span(),
                lang.pick("før vurderingen", "before the assessment"),
            )
            .related(
                file,
                date.span(),
                lang.pick("vurderingen", "the assessment"),
            )
            .hint(lang.pick(
                "bestyrelsen kan kun godkende en vurdering, der er lavet",
                "the board can only approve an assessment that has been made",
            )),
        );
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
            out.push(
                Diag::new(
                    Code::W010,
                    format!(
                        "{} `{id}` {}",
                        lang.pick("punktet", "the item"),
                        lang.pick("har ingen vejledning", "has no guidance")
                    ),
                )
                .at(
                    file,
                    span.clone(),
                    lang.pick("uden vejledning", "no guidance"),
                )
                .hint(lang.pick(
                    "tilføj `guidance = { da = \"…\" }`: hvordan ser det ud, når punktet følges?",
                    "add `guidance = { da = \"…\" }`: what does it look like when the item is met?",
                )),
            );
        }
        let english = item.title.en.is_some()
            && item.guidance.as_ref().is_none_or(|g| g.en.is_some())
            && (item.evidence.da.is_empty() || item.evidence.en.is_some());
        if !english {
            out.push(
                Diag::new(Code::W011, format!("{} `{id}` {}", lang.pick("punktet", "the item"), lang.pick("har ingen engelsk tekst", "has no English text")))
                    .at(file, span, lang.pick("kun dansk", "Danish only"))
                    .hint(lang.pick(
                        "tilføj `en = \"…\"` ved titel, vejledning og dokumentation; ellers vises dansk med --lang en",
                        "add `en = \"…\"` to title, guidance and evidence; otherwise Danish is shown with --lang en",
                    )),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_fragments_explain_nothing() {
        for text in [
            "",
            "  ",
            "TBD",
            "-",
            "n/a",
            "Se ovenfor.",
            "ikke relevant",
            "for dyrt",
        ] {
            assert!(explains_nothing(text), "{text:?}");
        }
        assert!(!explains_nothing(
            "Vi er repræsenteret via vores administrationsorganisation."
        ));
    }
}
