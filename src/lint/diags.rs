//! The wording of every lint warning, W001–W011 and W013, in both
//! languages (W012, W014 and W015 are the command layer's).
//!
//! One function per problem, in code order. Each takes what the check
//! found and returns the finished [`Diag`]; it decides nothing about
//! whether there is a problem. The checks in the parent module must not
//! word anything themselves, so a message is changed in one place.

use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;

use super::SharedEvidence;
use crate::diag::{Code, Diag, FileId, long_excerpt};
use crate::lang::Lang;
use crate::model::{Date, Hollow};

/// W001: an explanation that is empty, a placeholder or a fragment.
pub fn hollow_explanation(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    id: &str,
    why: Hollow,
) -> Diag {
    let label = match why {
        Hollow::Empty => lang.pick("tom", "empty"),
        Hollow::Placeholder => lang.pick("en pladsholder", "a placeholder"),
        Hollow::TooShort => lang.pick("under 20 tegn", "fewer than 20 characters"),
    };
    Diag::new(
        Code::W001,
        format!(
            "{} `{id}` {}",
            lang.pick("forklaringen på", "the explanation for"),
            lang.pick(
                "tæller ikke som en forklaring, så punktet regnes som uforklaret",
                "does not count as an explanation, so the item is scored as unexplained"
            )
        ),
    )
    .at(file, span, label)
    .hint(lang.pick(
        "skriv med mindst 20 tegn, hvorfor I ikke følger punktet, og hvad I gør i stedet",
        "write, in at least 20 characters, why you do not follow the item and what you do instead",
    ))
}

/// W002: an explanation on an answer that says the item is met.
pub fn explanation_on_met(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
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
        span,
        lang.pick("unødvendig forklaring", "explanation not needed"),
    )
    .hint(lang.pick(
        "en forklaring hører til en afvigelse; brug `note` til bemærkninger",
        "an explanation belongs to a deviation; use `note` for remarks",
    ))
}

/// W003: a plan on an answer that says the item is met.
pub fn plan_on_met(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
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
        span,
        lang.pick(
            "handlingsplan på et punkt, der følges",
            "plan on a met item",
        ),
    )
    .hint(lang.pick(
        "fjern planen, eller ret status til `partial`",
        "remove the plan, or set the status to `partial`",
    ))
}

/// W004: a plan that lacks an owner, a due date, or both.
pub fn plan_incomplete(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    id: &str,
    has_owner: bool,
    has_due: bool,
) -> Diag {
    let missing = match (has_owner, has_due) {
        (false, false) => lang.pick("ansvarlig og frist", "an owner and a due date"),
        (false, true) => lang.pick("ansvarlig", "an owner"),
        _ => lang.pick("frist", "a due date"),
    };
    Diag::new(
        Code::W004,
        format!(
            "{} `{id}` {} {missing}",
            lang.pick("handlingsplanen for", "the plan for"),
            lang.pick("mangler", "lacks")
        ),
    )
    .at(
        file,
        span,
        lang.pick("ufuldstændig plan", "incomplete plan"),
    )
    .hint(lang.pick(
        "fx `plan = { action = \"…\", owner = \"Direktionen\", due = 2027-03-01 }`",
        "e.g. `plan = { action = \"…\", owner = \"Direktionen\", due = 2027-03-01 }`",
    ))
}

/// W005: a date, under `key`, after the as-of date.
pub fn date_after_as_of(
    lang: Lang,
    file: FileId,
    key: &str,
    date: &Spanned<Date>,
    as_of: NaiveDate,
) -> Diag {
    Diag::new(
        Code::W005,
        format!(
            "`{key}` {} {} {as_of}",
            date.get_ref(),
            lang.pick("ligger efter opgørelsesdatoen", "is after the as-of date")
        ),
    )
    .at(file, date.span(), lang.pick("i fremtiden", "in the future"))
    .hint(lang.pick(
        "skriv datoen for hvornår det skete, ikke hvornår det skal ske",
        "write when it happened, not when it will",
    ))
}

/// W006: the assessment's date is older than its newest answer.
pub fn assessment_older_than_answer(
    lang: Lang,
    file: FileId,
    date: &Spanned<Date>,
    newest: &Spanned<Date>,
) -> Diag {
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
    ))
}

/// W016: `municipalities` with only one municipality in it.
pub fn one_municipality(lang: Lang, file: FileId, span: std::ops::Range<usize>) -> Diag {
    Diag::new(
        Code::W016,
        lang.pick(
            "`municipalities` nævner kun én kommune",
            "`municipalities` lists only one municipality",
        ),
    )
    .at(file, span, lang.pick("én kommune", "one municipality"))
    .hint(lang.pick(
        "mangler der en kommune? Ellers skriv den i `municipality = \"…\"`",
        "is a municipality missing? If not, write it in `municipality = \"…\"`",
    ))
}

/// W017: an item whose counterparty is the municipal council answered
/// once, by an organisation that lists several municipalities.
pub fn answered_once_for_all(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
    Diag::new(
        Code::W017,
        format!(
            "`{id}` {}",
            lang.pick(
                "er besvaret én gang for alle organisationens kommuner",
                "is answered once for all the organisation's municipalities"
            )
        ),
    )
    .at(file, span, lang.pick("ét svar", "one answer"))
    .hint(format!(
        "{} `[[answers.{id}.per]]` {}",
        lang.pick("skriv ét", "write one"),
        lang.pick(
            "for hver kommune, så det ses, hvis det er udeblevet med én af dem",
            "for each municipality, so that one where it lapsed shows"
        )
    ))
}

/// W007: the board approved the assessment before it was made.
pub fn approved_before_assessment(
    lang: Lang,
    file: FileId,
    approved: &Spanned<Date>,
    date: &Spanned<Date>,
) -> Diag {
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
    ))
}

/// W008: an evidence path that is not there.
pub fn evidence_missing(lang: Lang, file: FileId, span: Range<usize>, entry: &str) -> Diag {
    let entry = long_excerpt(entry);
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
    ))
}

/// W009: an evidence path that leads out of the assessment's folder.
pub fn evidence_outside(lang: Lang, file: FileId, span: Range<usize>, entry: &str) -> Diag {
    let entry = long_excerpt(entry);
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
    ))
}

/// W010: a checklist item without guidance.
pub fn no_guidance(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
    Diag::new(
        Code::W010,
        format!(
            "{} `{id}` {}",
            lang.pick("punktet", "the item"),
            lang.pick("har ingen vejledning", "has no guidance")
        ),
    )
    .at(file, span, lang.pick("uden vejledning", "no guidance"))
    .hint(lang.pick(
        "tilføj `guidance = { da = \"…\" }`: hvordan ser det ud, når punktet følges?",
        "add `guidance = { da = \"…\" }`: what does it look like when the item is met?",
    ))
}

/// W011: a checklist item with Danish text only.
pub fn no_english(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
    Diag::new(
        Code::W011,
        format!(
            "{} `{id}` {}",
            lang.pick("punktet", "the item"),
            lang.pick("har ingen engelsk tekst", "has no English text")
        ),
    )
    .at(file, span, lang.pick("kun dansk", "Danish only"))
    .hint(lang.pick(
        "tilføj `en = \"…\"` ved titel, vejledning og dokumentation; ellers vises dansk med --lang en",
        "add `en = \"…\"` to title, guidance and evidence; otherwise Danish is shown with --lang en",
    ))
}

/// W013: one evidence entry given for many items of one checklist.
pub fn shared_evidence(lang: Lang, file: FileId, shared: &SharedEvidence<'_>) -> Diag {
    let n = shared.items.len();
    let ids = shared
        .items
        .iter()
        .map(|(id, _)| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let (entry, checklist) = (long_excerpt(shared.entry), shared.checklist);
    let message = match lang {
        Lang::Da => {
            format!("dokumentationen `{entry}` er givet for {n} punkter i `{checklist}`: {ids}")
        }
        Lang::En => {
            format!("the evidence `{entry}` is given for {n} items of `{checklist}`: {ids}")
        }
    };
    let mut places = shared.items.iter();
    let first = places.next().map_or(0..0, |(_, span)| span.clone());
    let mut diag = Diag::new(Code::W013, message)
        .at(
            file,
            first,
            match lang {
                Lang::Da => format!("samme dokument for {n} punkter"),
                Lang::En => format!("one document for {n} items"),
            },
        )
        .hint(lang.pick(
            "ét dokument for det hele er ikke dokumentation for hvert punkt; giv hvert punkt det dokument, der viser netop det (et referat, en politik, en aftale)",
            "one document for everything is not evidence for each item; give each item the document that shows that item (a minute, a policy, an agreement)",
        ));
    for (id, span) in places {
        diag = diag.related(
            file,
            span.clone(),
            match lang {
                Lang::Da => format!("også for `{id}`"),
                Lang::En => format!("also for `{id}`"),
            },
        );
    }
    diag
}
