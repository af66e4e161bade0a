//! The words every renderer shares, in the reader's language: severity,
//! reason, status and kind, what is wrong with a gap and how to fix it, and
//! how far off a date is. The terminal, the CI formats and the board report
//! all say the same thing the same way because they say it from here.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::diagnostics::JsonDiag;
use crate::lang::Lang;
use crate::load::Evidence;
use crate::model::{Answer, Hollow, Kind, Recurrence, Status};
use crate::score::{Checked, Gap, Reason, Severity, Upcoming};

/// The words for what scoring finds, as methods on [`Lang`].
pub trait Words {
    fn severity(self, s: Severity) -> &'static str;
    fn kind(self, k: Kind) -> &'static str;
    /// The status of an answer to an item of kind `kind`.
    fn status(self, s: Option<Status>, kind: Kind) -> &'static str;
    fn reason(self, r: Reason) -> &'static str;
}

impl Words for Lang {
    fn severity(self, s: Severity) -> &'static str {
        match s {
            Severity::Critical => self.pick("kritisk", "critical"),
            Severity::Major => self.pick("væsentlig", "major"),
            Severity::Minor => self.pick("mindre", "minor"),
        }
    }

    fn kind(self, k: Kind) -> &'static str {
        match k {
            Kind::Recommendation => self.pick("anbefaling", "recommendation"),
            Kind::Duty => self.pick("regelkrav", "duty"),
        }
    }

    // A recommendation is followed (følger); a duty is fulfilled
    // (opfyldt), in the words of the law.
    fn status(self, s: Option<Status>, kind: Kind) -> &'static str {
        match (s, kind) {
            (None, _) => self.pick("ikke vurderet", "not assessed"),
            (Some(Status::Met), Kind::Recommendation) => self.pick("følger", "met"),
            (Some(Status::Partial), Kind::Recommendation) => self.pick("følger delvist", "partial"),
            (Some(Status::Unmet), Kind::Recommendation) => self.pick("følger ikke", "unmet"),
            (Some(Status::Met), Kind::Duty) => self.pick("opfyldt", "fulfilled"),
            (Some(Status::Partial), Kind::Duty) => self.pick("delvist opfyldt", "partly fulfilled"),
            (Some(Status::Unmet), Kind::Duty) => self.pick("ikke opfyldt", "not fulfilled"),
            (Some(Status::NotApplicable), _) => self.pick("ikke relevant", "not applicable"),
        }
    }

    fn reason(self, r: Reason) -> &'static str {
        match r {
            Reason::NotAssessed => self.pick("ikke vurderet", "not assessed"),
            Reason::Unmet => self.pick("krav ikke opfyldt", "duty not met"),
            Reason::Partial => self.pick("krav kun delvist opfyldt", "duty only partly met"),
            Reason::Unexplained => {
                self.pick("afvigelse uden forklaring", "deviation not explained")
            }
            Reason::Overdue => self.pick("frist overskredet", "overdue"),
            Reason::Stale => self.pick("forældet", "stale"),
            Reason::DateMissing => self.pick("dato mangler", "date missing"),
            Reason::NoEvidence => self.pick("dokumentation mangler", "no evidence"),
            Reason::EvidenceNotFound => {
                self.pick("dokumentation ikke fundet", "evidence not found")
            }
            Reason::PlanOverdue => self.pick("handlingsplan overskredet", "plan overdue"),
            Reason::NaUnexplained => self.pick(
                "ikke relevant uden forklaring",
                "not applicable without explanation",
            ),
            Reason::DutyNotApplicable => self.pick(
                "krav angivet som ikke relevant",
                "duty marked not applicable",
            ),
            Reason::AwaitingCounterparty => {
                self.pick("afventer modparten", "awaiting the counterparty")
            }
            Reason::Expired => self.pick("udløbet", "expired"),
        }
    }
}

/// How an item recurs: "hver 24. måned" / "once every calendar year".
pub fn recurrence_text(lang: Lang, recurrence: Recurrence) -> String {
    match (lang, recurrence) {
        (Lang::Da, Recurrence::Months(n)) => format!("hver {n}. måned"),
        (Lang::En, Recurrence::Months(n)) => format!("every {n} months"),
        (Lang::Da, Recurrence::CalendarYear) => "én gang hvert kalenderår".into(),
        (Lang::En, Recurrence::CalendarYear) => "once every calendar year".into(),
    }
}

/// What every format says of a file that could not be checked.
pub fn unchecked_label(lang: Lang) -> &'static str {
    lang.pick("kunne ikke tjekkes", "could not be checked")
}

/// A file that could not be checked, and how many problems stopped it.
pub fn unchecked_text(lang: Lang, problems: usize) -> String {
    match lang {
        Lang::Da => format!(
            "Kunne ikke tjekkes: {problems} {} i inddata.",
            if problems == 1 {
                "problem"
            } else {
                "problemer"
            }
        ),
        Lang::En => format!(
            "Could not be checked: {problems} {} in the input.",
            if problems == 1 { "problem" } else { "problems" }
        ),
    }
}

/// The verdict under comply or explain, the same words in every format
/// that gives one: "✔ Følg eller forklar: overholdt" / "✘ Comply or
/// explain: not compliant".
pub fn verdict(lang: Lang, compliant: bool) -> &'static str {
    if compliant {
        lang.pick(
            "✔ Følg eller forklar: overholdt",
            "✔ Comply or explain: compliant",
        )
    } else {
        lang.pick(
            "✘ Følg eller forklar: ikke overholdt",
            "✘ Comply or explain: not compliant",
        )
    }
}

/// A `--fail-under` threshold as the reader writes a percentage, with no
/// decimals it does not have: "90 %", "79,5 %"; "90%" in English.
pub fn threshold_text(lang: Lang, threshold: f64) -> String {
    match lang {
        Lang::Da => format!("{} %", lang.number(threshold)),
        Lang::En => format!("{}%", lang.number(threshold)),
    }
}

/// Why `--fail-under` fails an assessment: "Efterlevelse 80,0 % er under
/// grænsen 90 % (`--fail-under`)".
pub fn fail_under_text(lang: Lang, adherence: f64, threshold: f64) -> String {
    let (adherence, threshold) = (lang.percent(adherence), threshold_text(lang, threshold));
    match lang {
        Lang::Da => {
            format!("Efterlevelse {adherence} er under grænsen {threshold} (`--fail-under`)")
        }
        Lang::En => {
            format!("Adherence {adherence} is under the threshold {threshold} (`--fail-under`)")
        }
    }
}

/// `--fail-under` as a check of its own (a JUnit test case, a GitHub
/// annotation's title): "Efterlevelse mindst 90 %".
pub fn fail_under_title(lang: Lang, threshold: f64) -> String {
    let threshold = threshold_text(lang, threshold);
    match lang {
        Lang::Da => format!("Efterlevelse mindst {threshold}"),
        Lang::En => format!("Adherence at least {threshold}"),
    }
}

/// A threshold breach in a few words, for a title: "Efterlevelse under
/// 90 %".
pub fn fail_under_short(lang: Lang, threshold: f64) -> String {
    let threshold = threshold_text(lang, threshold);
    match lang {
        Lang::Da => format!("Efterlevelse under {threshold}"),
        Lang::En => format!("Adherence under {threshold}"),
    }
}

/// Why `--fail-on` fails an assessment whose verdict is compliant (minor
/// gaps under `--fail-on minor`): "2 mangler med alvor mindre eller
/// derover (`--fail-on minor`)".
pub fn fail_on_text(lang: Lang, gaps: usize, threshold: Severity) -> String {
    let flag = match threshold {
        Severity::Critical => "critical",
        Severity::Major => "major",
        Severity::Minor => "minor",
    };
    let severity = lang.severity(threshold);
    match lang {
        Lang::Da => format!(
            "{gaps} {} med alvor {severity} eller derover (`--fail-on {flag}`)",
            if gaps == 1 { "mangel" } else { "mangler" }
        ),
        Lang::En => format!(
            "{gaps} {} at {severity} or worse (`--fail-on {flag}`)",
            if gaps == 1 { "gap" } else { "gaps" }
        ),
    }
}

/// A diagnostic on one line, for the formats that list them:
/// `E005 almen.toml:11:1: unknown key …`.
pub fn diag_line(d: &JsonDiag<'_>) -> String {
    let place = match (d.line, d.column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", d.file),
        _ => d.file.to_owned(),
    };
    if place.is_empty() {
        format!("{} {}", d.code, d.message)
    } else {
        format!("{} {place}: {}", d.code, d.message)
    }
}

/// How a gap's texts name the fields of an answer: by their keys in the
/// assessment file (`` `date` ``), as every output of `check` does, or by
/// the labels of a form that shows the answer without its file.
#[derive(Debug, Clone, Copy)]
pub enum FieldNames<'a> {
    Keys,
    Labels(&'a FieldLabels),
}

/// A form's label of each answer field that a gap's texts name, in the
/// reader's language.
#[derive(Debug, Clone, Copy)]
pub struct FieldLabels {
    pub date: &'static str,
    pub evidence: &'static str,
    pub explanation: &'static str,
    pub requested: &'static str,
    pub valid_until: &'static str,
    /// The plan's due date.
    pub plan_due: &'static str,
}

impl FieldNames<'_> {
    /// A field as a sentence names it: `` `date` `` or »Dokumentation«.
    fn name(self, lang: Lang, key: &str, label: impl Fn(&FieldLabels) -> &'static str) -> String {
        match (self, lang) {
            (FieldNames::Keys, _) => format!("`{key}`"),
            (FieldNames::Labels(labels), Lang::Da) => format!("»{}«", label(labels)),
            (FieldNames::Labels(labels), Lang::En) => format!("“{}”", label(labels)),
        }
    }

    fn keys(self) -> bool {
        matches!(self, FieldNames::Keys)
    }
}

/// What is wrong with an item, and what to do about it, in the reader's
/// language, naming the answer's fields by their keys in the file.
pub fn gap_text(lang: Lang, gap: &Gap, checked: &Checked<'_>) -> (String, String) {
    gap_text_named(lang, gap, checked, FieldNames::Keys)
}

/// [`gap_text`], naming the answer's fields as `names` says.
pub fn gap_text_named(
    lang: Lang,
    gap: &Gap,
    checked: &Checked<'_>,
    names: FieldNames<'_>,
) -> (String, String) {
    let date_field = names.name(lang, "date", |l| l.date);
    let evidence_field = names.name(lang, "evidence", |l| l.evidence);
    let explanation_field = names.name(lang, "explanation", |l| l.explanation);
    let item = checked.eval.item(&gap.item);
    let answer = answer_of(item, gap.municipality.as_deref());
    let date = Said(answer.and_then(|a| a.date.as_ref()).map(|d| d.get_ref()));
    let recurrence = item.and_then(|i| i.item.recurrence());
    let due = Said(gap.due);
    let counterparty = item
        .and_then(|i| i.item.counterparty.as_ref())
        .map(|c| lang.text(c));
    let d = |da: &str, en: &str| lang.pick(da, en).to_owned();
    let (what, fix) = match gap.reason {
        Reason::NotAssessed => (
            d(
                "Intet svar i selvevalueringen.",
                "No answer in the assessment.",
            ),
            match (lang, names.keys(), gap.municipality.as_deref()) {
                (Lang::Da, true, Some(m)) => format!(
                    "Tilføj `[[answers.{}.per]]` med `municipality = {}`, status, dato og dokumentation.",
                    gap.item,
                    super::text::toml_string(m)
                ),
                (Lang::En, true, Some(m)) => format!(
                    "Add `[[answers.{}.per]]` with `municipality = {}`, a status, date and evidence.",
                    gap.item,
                    super::text::toml_string(m)
                ),
                (Lang::Da, false, Some(m)) => {
                    format!("Vælg en status for {m}, og angiv dato og dokumentation.")
                }
                (Lang::En, false, Some(m)) => {
                    format!("Choose a status for {m}, and give the date and evidence.")
                }
                (Lang::Da, true, None) => format!(
                    "Tilføj `[answers.{}]` med status, dato og dokumentation.",
                    gap.item
                ),
                (Lang::En, true, None) => format!(
                    "Add `[answers.{}]` with a status, date and evidence.",
                    gap.item
                ),
                (Lang::Da, false, None) => "Vælg en status, og angiv dato og dokumentation.".into(),
                (Lang::En, false, None) => {
                    "Choose a status, and give the date and evidence.".into()
                }
            },
        ),
        Reason::Unmet => (
            d(
                "Kravet er ikke opfyldt; en forklaring ændrer ikke på det.",
                "The duty is not met; an explanation does not change that.",
            ),
            d(
                "Opfyld kravet, og læg en plan med ansvarlig og frist.",
                "Meet the duty, with a plan that has an owner and a due date.",
            ),
        ),
        Reason::Partial => (
            d(
                "Kravet er kun delvist opfyldt; en forklaring ændrer ikke på det.",
                "The duty is only partly met; an explanation does not change that.",
            ),
            d(
                "Opfyld kravet helt, og læg en plan med ansvarlig og frist.",
                "Meet the duty in full, with a plan that has an owner and a due date.",
            ),
        ),
        Reason::Unexplained => (
            {
                let partly = answer.map(|a| a.status()) == Some(Status::Partial);
                let followed = match (lang, partly) {
                    (Lang::Da, true) => "Anbefalingen følges kun delvist",
                    (Lang::Da, false) => "Anbefalingen følges ikke",
                    (Lang::En, true) => "The recommendation is only partly followed",
                    (Lang::En, false) => "The recommendation is not followed",
                };
                match (lang, hollow_why(lang, answer)) {
                    (Lang::Da, None) => format!("{followed}, og der er ingen forklaring."),
                    (Lang::En, None) => format!("{followed}, with no explanation."),
                    (Lang::Da, Some(why)) => {
                        format!("{followed}, og forklaringen tæller ikke: {why}.")
                    }
                    (Lang::En, Some(why)) => {
                        format!("{followed}, and the explanation does not count: {why}.")
                    }
                }
            },
            match lang {
                Lang::Da => format!(
                    "Følg anbefalingen, eller skriv i {explanation_field}, hvorfor I ikke gør det, og hvad I gør i stedet."
                ),
                Lang::En => format!(
                    "Follow it, or write in {explanation_field} why you do not and what you do instead."
                ),
            },
        ),
        Reason::Overdue => (
            match lang {
                Lang::Da => format!("Sidst gjort {date}; skulle gøres igen senest {due}."),
                Lang::En => format!("Last done {date}; was due again by {due}."),
            },
            match lang {
                Lang::Da => format!("Gør det igen, og opdatér {date_field} i svaret."),
                Lang::En => format!("Do it again, and update {date_field} in the answer."),
            },
        ),
        Reason::Stale => (
            match lang {
                Lang::Da => format!("Sidst gennemgået {date}; skulle gennemgås igen senest {due}."),
                Lang::En => format!("Last reviewed {date}; was due for review by {due}."),
            },
            match lang {
                Lang::Da => format!("Gennemgå det igen, og opdatér {date_field} i svaret."),
                Lang::En => format!("Review it again, and update {date_field} in the answer."),
            },
        ),
        Reason::DateMissing if answer.and_then(|a| a.date.as_ref()).is_some() => (
            match lang {
                Lang::Da => format!(
                    "{date_field} ({date}) ligger efter opgørelsesdatoen {}; en dato, der ikke er kommet endnu, tæller ikke.",
                    checked.eval.as_of
                ),
                Lang::En => format!(
                    "{date_field} ({date}) is after the as-of date {}; a date that has not come yet does not count.",
                    checked.eval.as_of
                ),
            },
            when_last_done(lang, &date_field, names),
        ),
        Reason::DateMissing => (
            {
                let no_date = match (lang, names.keys()) {
                    (Lang::Da, true) => "Ingen `date`".to_owned(),
                    (Lang::En, true) => "No `date`".to_owned(),
                    (Lang::Da, false) => format!("Ingen dato i {date_field}"),
                    (Lang::En, false) => format!("No date in {date_field}"),
                };
                match (lang, recurrence) {
                    (Lang::Da, Some(Recurrence::Months(months))) => {
                        format!("{no_date}, så fristen (hver {months}. måned) kan ikke beregnes.")
                    }
                    (Lang::En, Some(Recurrence::Months(months))) => format!(
                        "{no_date}, so the deadline (every {months} months) cannot be worked out."
                    ),
                    (Lang::Da, _) => format!(
                        "{no_date}, så fristen (én gang hvert kalenderår) kan ikke beregnes."
                    ),
                    (Lang::En, _) => format!(
                        "{no_date}, so the deadline (once every calendar year) cannot be worked out."
                    ),
                }
            },
            when_last_done(lang, &date_field, names),
        ),
        Reason::NoEvidence => (
            match item.map(|i| i.item.kind) {
                Some(Kind::Duty) => d(
                    "Opfyldt, men ingen dokumentation er angivet.",
                    "Fulfilled, but no evidence is given.",
                ),
                _ => d(
                    "Følges, men ingen dokumentation er angivet.",
                    "Met, but no evidence is given.",
                ),
            },
            match lang {
                Lang::Da => {
                    format!(
                        "Angiv dokumentation i {evidence_field}: en sti til en fil eller et link."
                    )
                }
                Lang::En => {
                    format!("List evidence in {evidence_field}: a path to a file or a link.")
                }
            },
        ),
        Reason::EvidenceNotFound => {
            let list = |state| {
                gap.paths
                    .iter()
                    .filter(|(_, e)| *e == state)
                    .map(|(p, _)| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let missing = list(Evidence::Missing);
            let outside = list(Evidence::Outside);
            let mut wrong = Vec::new();
            if !missing.is_empty() {
                wrong.push(match lang {
                    Lang::Da => format!("Findes ikke: {missing}."),
                    Lang::En => format!("Not found: {missing}."),
                });
            }
            if !outside.is_empty() {
                wrong.push(match lang {
                    Lang::Da => format!(
                        "Peger uden for selvevalueringens mappe og er ikke tjekket: {outside}."
                    ),
                    Lang::En => format!(
                        "Points outside the assessment's folder and was not checked: {outside}."
                    ),
                });
            }
            (
                wrong.join(" "),
                d(
                    "Ret stien (relativ til selvevalueringen), eller læg filen i selvevalueringens mappe.",
                    "Correct the path (relative to the assessment), or put the file in the assessment's folder.",
                ),
            )
        }
        Reason::PlanOverdue => (
            match lang {
                Lang::Da => format!("Handlingsplanens frist {due} er overskredet."),
                Lang::En => format!("The plan's due date {due} has passed."),
            },
            {
                let due_field = names.name(lang, "plan.due", |l| l.plan_due);
                match lang {
                    Lang::Da => format!("Gennemfør planen, eller sæt en ny frist i {due_field}."),
                    Lang::En => format!("Carry out the plan, or set a new date in {due_field}."),
                }
            },
        ),
        Reason::NaUnexplained => (
            match (lang, hollow_why(lang, answer)) {
                (Lang::Da, None) => "Markeret som ikke relevant, men uden forklaring.".into(),
                (Lang::En, None) => "Marked not applicable, but with no explanation.".into(),
                (Lang::Da, Some(why)) => {
                    format!("Markeret som ikke relevant, men forklaringen tæller ikke: {why}.")
                }
                (Lang::En, Some(why)) => {
                    format!("Marked not applicable, but the explanation does not count: {why}.")
                }
            },
            match lang {
                Lang::Da => {
                    format!(
                        "Skriv i {explanation_field}, hvorfor punktet ikke er relevant for jer."
                    )
                }
                Lang::En => {
                    format!("Write in {explanation_field} why the item does not apply to you.")
                }
            },
        ),
        Reason::DutyNotApplicable => (
            d(
                "Markeret som ikke relevant, men kravet gælder for alle almene boligorganisationer; en forklaring ændrer ikke på det.",
                "Marked not applicable, but the duty applies to every housing organisation; an explanation does not change that.",
            ),
            d(
                "Opfyld kravet, og angiv status, dato og dokumentation.",
                "Meet the duty, and give its status, date and evidence.",
            ),
        ),
        Reason::Expired => {
            let until_field = names.name(lang, "valid-until", |l| l.valid_until);
            (
                expired_text(lang, &due),
                match lang {
                    Lang::Da => {
                        format!("Forny det, og opdatér {date_field} og {until_field} i svaret.")
                    }
                    Lang::En => {
                        format!(
                            "Renew it, and update {date_field} and {until_field} in the answer."
                        )
                    }
                },
            )
        }
        Reason::AwaitingCounterparty => {
            let awaiting = gap.awaiting;
            let requested = awaiting
                .map(|a| a.requested.to_string())
                .unwrap_or_default();
            let who = counterparty.unwrap_or_default();
            let situation = match (lang, awaiting.map(|a| a.instead_of)) {
                (_, Some(Reason::Expired)) => expired_text(lang, &due),
                (Lang::Da, Some(Reason::Overdue)) => {
                    format!("Sidst gjort {date}; skulle gøres igen senest {due}.")
                }
                (Lang::En, Some(Reason::Overdue)) => {
                    format!("Last done {date}; was due again by {due}.")
                }
                (Lang::Da, Some(Reason::Partial)) => "Kravet er kun delvist opfyldt.".into(),
                (Lang::En, Some(Reason::Partial)) => "The duty is only partly met.".into(),
                (Lang::Da, _) => "Kravet er ikke opfyldt.".into(),
                (Lang::En, _) => "The duty is not met.".into(),
            };
            match lang {
                Lang::Da => (
                    format!(
                        "{situation} Det afhænger af {who}, som organisationen skriftligt har anmodet om det {requested}."
                    ),
                    format!("Følg op over for {who}, og opdatér svaret, når det er sket."),
                ),
                Lang::En => (
                    format!(
                        "{situation} It depends on {who}, whom the organisation asked in writing on {requested}."
                    ),
                    format!("Follow up with {who}, and update the answer once it has happened."),
                ),
            }
        }
    };
    let what = what + &unused_request(lang, gap, answer, counterparty, checked, names);
    match &gap.municipality {
        Some(m) => (format!("{m}: {what}"), fix),
        None => (what, fix),
    }
}

/// The answer a gap or notice is about: the item's, or, for an item
/// answered per municipality, that municipality's entry.
pub fn answer_of<'a>(
    item: Option<&ItemResult<'a>>,
    municipality: Option<&str>,
) -> Option<&'a Answer> {
    let item = item?;
    match municipality {
        Some(m) => item.per.iter().find(|p| p.municipality == m)?.answer,
        None => item.answer,
    }
}

/// A value written where a text says it, and nothing where there is
/// none: made into text only then, as most texts do not say it.
struct Said<T>(Option<T>);

impl<T: std::fmt::Display> std::fmt::Display for Said<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(value) => value.fmt(f),
            None => Ok(()),
        }
    }
}

/// What an expired answer says (rule 12): the last day it held.
fn expired_text(lang: Lang, until: &impl std::fmt::Display) -> String {
    match lang {
        Lang::Da => format!("Gyldig til og med {until}; udløbet."),
        Lang::En => format!("Valid until {until}; expired."),
    }
}

/// How to give the date an item was last done.
fn when_last_done(lang: Lang, date_field: &str, names: FieldNames<'_>) -> String {
    match (lang, names.keys()) {
        (Lang::Da, true) => "Skriv, hvornår det sidst blev gjort: `date = ÅÅÅÅ-MM-DD`.".into(),
        (Lang::En, true) => "Write when it was last done: `date = YYYY-MM-DD`.".into(),
        (Lang::Da, false) => format!("Skriv i {date_field}, hvornår det sidst blev gjort."),
        (Lang::En, false) => format!("Write in {date_field} when it was last done."),
    }
}

/// Why an explanation given does not count, or `None` where none was
/// given (or it counts).
fn hollow_why(lang: Lang, answer: Option<&Answer>) -> Option<&'static str> {
    Some(hollow_words(
        lang,
        answer.and_then(Answer::hollow_explanation)?,
    ))
}

/// Why a text does not count as an explanation (see [`crate::model::hollow`]).
pub fn hollow_words(lang: Lang, hollow: Hollow) -> &'static str {
    match hollow {
        Hollow::Empty => lang.pick("den er tom", "it is empty"),
        Hollow::Placeholder => lang.pick(
            "den er en pladsholder, ikke en begrundelse",
            "it is a placeholder, not a reason",
        ),
        Hollow::TooShort => lang.pick("den har under 20 tegn", "it has fewer than 20 characters"),
    }
}

/// How a request stands to the answer's date it does not come after:
/// before it, or on the same day.
fn not_after(lang: Lang, requested: NaiveDate, last: NaiveDate) -> &'static str {
    match (lang, requested < last) {
        (Lang::Da, true) => "er fra før",
        (Lang::En, true) => "is from before",
        (Lang::Da, false) => "er ikke efter",
        (Lang::En, false) => "is not after",
    }
}

/// On a critical gap that a request to the counterparty would have eased,
/// why the request given does not count (rule 11): it is not documented,
/// not yet made as of the as-of date, or from before the answer's date
/// (it was answered then).
fn unused_request(
    lang: Lang,
    gap: &Gap,
    answer: Option<&Answer>,
    counterparty: Option<&str>,
    checked: &Checked<'_>,
    names: FieldNames<'_>,
) -> String {
    let as_of = checked.eval.as_of;
    let documented = documented(checked, gap);
    let (Some(answer), Some(who)) = (answer, counterparty) else {
        return String::new();
    };
    let Some(requested) = answer.requested.as_ref().map(|r| r.get_ref().0) else {
        return String::new();
    };
    let eased = gap.severity == Severity::Critical
        && matches!(
            gap.reason,
            Reason::Unmet | Reason::Partial | Reason::Overdue | Reason::Expired
        );
    if !eased {
        return String::new();
    }
    let last = answer.date.as_ref().map(|d| d.get_ref().0);
    let requested_field = names.name(lang, "requested", |l| l.requested);
    let evidence_field = names.name(lang, "evidence", |l| l.evidence);
    match (lang, last) {
        (Lang::Da, _) if requested > as_of => format!(
            " Anmodningen til {who} er dateret {requested}, efter opgørelsesdatoen, og tæller ikke endnu."
        ),
        (Lang::En, _) if requested > as_of => format!(
            " The request to {who} is dated {requested}, after the as-of date, and does not count yet."
        ),
        (Lang::Da, Some(last)) if requested <= last => format!(
            " Anmodningen til {who} ({requested}) {} {last} og gælder ikke den nye frist; anmod igen, og angiv den nye dato i {requested_field}.",
            not_after(lang, requested, last)
        ),
        (Lang::En, Some(last)) if requested <= last => format!(
            " The request to {who} ({requested}) {} {last} and does not cover the new deadline; ask again, and put the new date in {requested_field}.",
            not_after(lang, requested, last)
        ),
        (Lang::Da, _) if !documented => format!(
            " Anmodningen til {who} ({requested}) tæller først, når den er dokumenteret i {evidence_field}."
        ),
        (Lang::En, _) if !documented => format!(
            " The request to {who} ({requested}) counts only once it is documented in {evidence_field}."
        ),
        _ => String::new(),
    }
}

/// Whether an item's evidence documents anything (a link, or a file that
/// was found), as rule 11 asks of a request to the counterparty.
fn documented(checked: &Checked<'_>, gap: &Gap) -> bool {
    crate::score::documents(
        checked
            .assessment
            .evidence_of(&gap.item, gap.municipality.as_deref()),
    )
}

/// " (Aarhus Kommune)" after an item, where a gap or notice is of one
/// municipality's entry; nothing otherwise.
pub fn in_municipality(municipality: Option<&str>) -> String {
    municipality.map_or_else(String::new, |m| format!(" ({m})"))
}

/// What a notice is about, in its heading: "forfalder snart" / "due
/// soon", "udløber snart" / "expires soon".
pub fn notice_title(lang: Lang, reason: Upcoming) -> &'static str {
    match reason {
        Upcoming::DueSoon => lang.pick("forfalder snart", "due soon"),
        Upcoming::ExpiresSoon => lang.pick("udløber snart", "expires soon"),
    }
}

/// A notice's date in a sentence, first word capitalised or not:
/// "Forfalder 2026-12-31", "gyldig til og med 2026-08-01".
pub fn notice_when(lang: Lang, reason: Upcoming, due: NaiveDate, capital: bool) -> String {
    let words = match (reason, capital) {
        (Upcoming::DueSoon, true) => lang.pick("Forfalder", "Falls due"),
        (Upcoming::DueSoon, false) => lang.pick("forfalder", "falls due"),
        (Upcoming::ExpiresSoon, true) => lang.pick("Gyldig til og med", "Valid until"),
        (Upcoming::ExpiresSoon, false) => lang.pick("gyldig til og med", "valid until"),
    };
    format!("{words} {due}")
}

/// "om 18 dage" / "in 18 days"; "i dag" / "today".
pub fn days_text(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::Da, 0) => "i dag".into(),
        (Lang::En, 0) => "today".into(),
        (Lang::Da, 1) => "i morgen".into(),
        (Lang::En, 1) => "tomorrow".into(),
        (Lang::Da, n) => format!("om {n} dage"),
        (Lang::En, n) => format!("in {n} days"),
    }
}

pub fn date_opt(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A date as a published text writes it: "27. november 2026" in Danish,
/// "27 November 2026" in English.
pub fn long_date(lang: Lang, date: NaiveDate) -> String {
    use chrono::Datelike;
    const DA: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = date.month0() as usize;
    match lang {
        Lang::Da => format!("{}. {} {}", date.day(), DA[month], date.year()),
        Lang::En => format!("{} {} {}", date.day(), EN[month], date.year()),
    }
}

/// How far the organisation follows an item, as the public comply-or-explain
/// statement says it: of a recommendation *følger / følger delvist / følger
/// ikke* (complies / partly complies / does not comply), of a duty *opfyldt
/// / delvist opfyldt / ikke opfyldt*; `None` is not assessed.
pub fn statement_status(lang: Lang, kind: Kind, status: Option<Status>) -> &'static str {
    match (status, kind) {
        (None, _) => lang.pick("ikke vurderet", "not assessed"),
        (Some(Status::NotApplicable), _) => lang.pick("ikke relevant", "not applicable"),
        (Some(Status::Met), Kind::Recommendation) => lang.pick("følger", "complies"),
        (Some(Status::Partial), Kind::Recommendation) => {
            lang.pick("følger delvist", "partly complies")
        }
        (Some(Status::Unmet), Kind::Recommendation) => lang.pick("følger ikke", "does not comply"),
        (Some(Status::Met), Kind::Duty) => lang.pick("opfyldt", "fulfilled"),
        (Some(Status::Partial), Kind::Duty) => lang.pick("delvist opfyldt", "partly fulfilled"),
        (Some(Status::Unmet), Kind::Duty) => lang.pick("ikke opfyldt", "not fulfilled"),
    }
}

/// Said after the status of a recommendation not (fully) followed, or not
/// applicable, without an explanation that counts.
pub fn statement_no_explanation(lang: Lang) -> &'static str {
    lang.pick("ingen forklaring", "no explanation")
}

/// Said after the status of a duty that waits for its counterparty (rule
/// 11): "afventer kommunalbestyrelsen, anmodet 15. oktober 2025".
pub fn statement_awaiting(lang: Lang, who: &str, requested: NaiveDate) -> String {
    let requested = long_date(lang, requested);
    match lang {
        Lang::Da => format!("afventer {who}, anmodet {requested}"),
        Lang::En => format!("awaiting {who}, requested on {requested}"),
    }
}

/// An item done or reviewed too long ago, in the statement's words: a
/// duty was last done, a recommendation last reviewed.
pub fn statement_lapsed(lang: Lang, kind: Kind, last: NaiveDate, due: NaiveDate) -> String {
    let (last, due) = (long_date(lang, last), long_date(lang, due));
    match (lang, kind) {
        (Lang::Da, Kind::Duty) => {
            format!("Sidst gjort {last}; skulle have været gjort igen senest {due}.")
        }
        (Lang::En, Kind::Duty) => format!("Last done {last}; was due again by {due}."),
        (Lang::Da, Kind::Recommendation) => {
            format!("Sidst gennemgået {last}; skulle have været gennemgået igen senest {due}.")
        }
        (Lang::En, Kind::Recommendation) => {
            format!("Last reviewed {last}; was due for review by {due}.")
        }
    }
}

/// An answer that has run out, as the statement says it: "Gyldig til og
/// med 1. august 2026; udløbet."
pub fn statement_expired(lang: Lang, until: NaiveDate) -> String {
    let until = long_date(lang, until);
    match lang {
        Lang::Da => format!("Gyldig til og med {until}; udløbet."),
        Lang::En => format!("Valid until {until}; expired."),
    }
}

/// A recurring duty answered without the date it was last done.
pub fn statement_date_unknown(lang: Lang) -> &'static str {
    lang.pick(
        "Det er ikke oplyst, hvornår det sidst blev gjort.",
        "When it was last done is not stated.",
    )
}

/// How many items of one kind the statement gives each status, the
/// statuses with none left out: "17 i alt; følger 15, følger delvist 1,
/// ikke vurderet 1".
pub fn statement_counts(lang: Lang, kind: Kind, counts: &[(Option<Status>, usize)]) -> String {
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let parts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(status, n)| {
            let word = statement_status(lang, kind, *status);
            // "complies with 15", but "fulfilled 3" and "følger 15".
            let with = lang == Lang::En
                && kind == Kind::Recommendation
                && matches!(status, Some(Status::Met | Status::Partial | Status::Unmet));
            if with {
                format!("{word} with {n}")
            } else {
                format!("{word} {n}")
            }
        })
        .collect();
    let all = lang.pick("i alt", "in all");
    if parts.is_empty() {
        format!("{total} {all}")
    } else {
        format!("{total} {all}; {}", parts.join(", "))
    }
}

/// A gap as the board reads it in its meeting papers: no file syntax, no
/// key names, dates written out. The terminal's words are [`gap_text`]'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardText {
    /// The assessment in a few words, for a list or a table cell:
    /// "ikke opfyldt: fristen 31. december 2025 er overskredet".
    pub short: String,
    /// What more there is to say of it, after `short`.
    pub what: String,
    /// What the organisation must do.
    pub action: String,
    /// By when: the action plan's due date, where it has one still ahead.
    pub when: Option<String>,
    /// Who acts: the action plan's owner, where it names one.
    pub owner: Option<String>,
}

/// What is wrong with an item and what the organisation must do about it,
/// by when and who, in the words of a board paper.
pub fn board_text(lang: Lang, gap: &Gap, checked: &Checked<'_>) -> BoardText {
    let as_of = checked.eval.as_of;
    let long = |d: NaiveDate| long_date(lang, d);
    let item = checked.eval.item(&gap.item);
    let duty = item.is_some_and(|i| i.item.kind == Kind::Duty);
    let answer = answer_of(item, gap.municipality.as_deref());
    let last = answer.and_then(|a| a.date.as_ref()).map(|d| d.get_ref().0);
    let due = gap.due.map(long).unwrap_or_default();
    let every = item
        .and_then(|i| i.item.recurrence())
        .map(|r| recurrence_text(lang, r))
        .unwrap_or_default();
    let counterparty = item
        .and_then(|i| i.item.counterparty.as_ref())
        .map(|c| lang.text(c).to_owned())
        .unwrap_or_else(|| lang.pick("modparten", "the counterparty").to_owned());
    let plan = answer.and_then(Answer::plan);
    let s = |da: &str, en: &str| lang.pick(da, en).to_owned();
    // "Sidst gjort 20. maj 2024; det skal ske én gang hvert kalenderår."
    let last_done = |done_da: &str, done_en: &str| match (lang, last) {
        (Lang::Da, Some(d)) => format!("{done_da} {}; det skal ske {every}.", long(d)),
        (Lang::En, Some(d)) => format!("{done_en} {}; it is due {every}.", long(d)),
        (Lang::Da, None) => format!("Det skal ske {every}."),
        (Lang::En, None) => format!("It is due {every}."),
    };
    // Where the answer has a plan, the action is to carry it out (the
    // layouts show the plan itself); where it has none, to make one.
    let with_plan = |da: &str, en: &str| match (lang, plan.is_some()) {
        (Lang::Da, true) => format!("{da} Gennemfør handlingsplanen."),
        (Lang::En, true) => format!("{en} Carry out the action plan."),
        (Lang::Da, false) => {
            format!("{da} Vedtag en handlingsplan med en ansvarlig og en frist.")
        }
        (Lang::En, false) => format!("{en} Adopt an action plan with an owner and a due date."),
    };
    let not_cured = || {
        s(
            "Det er et krav i lov eller vedtægt, så en forklaring ændrer ikke på det.",
            "It is required by law or the articles, so an explanation does not change that.",
        )
    };
    let hollow = hollow_why(lang, answer);
    let partly = answer.map(|a| a.status()) == Some(Status::Partial);

    let (short, what, action) = match gap.reason {
        Reason::NotAssessed => (
            s("ikke vurderet", "not assessed"),
            if duty {
                s(
                    "Selvevalueringen siger ikke, om kravet er opfyldt.",
                    "The self-assessment does not say whether the duty is met.",
                )
            } else {
                s(
                    "Selvevalueringen siger ikke, om anbefalingen følges.",
                    "The self-assessment does not say whether the recommendation is followed.",
                )
            },
            if duty {
                s(
                    "Vurdér, om kravet er opfyldt, og hvornår det sidst blev gjort, og henvis til det dokument, der viser det.",
                    "Assess whether the duty is met and when it was last done, and point to the document that shows it.",
                )
            } else {
                s(
                    "Vurdér, om anbefalingen følges, og henvis til det dokument, der viser det – eller forklar, hvorfor bestyrelsen fraviger den.",
                    "Assess whether the recommendation is followed, and point to the document that shows it – or explain why the board departs from it.",
                )
            },
        ),
        Reason::Unmet => (
            s("ikke opfyldt", "not met"),
            not_cured(),
            with_plan("Opfyld kravet.", "Meet the duty."),
        ),
        Reason::Partial => (
            s("kun delvist opfyldt", "only partly met"),
            not_cured(),
            with_plan("Opfyld kravet helt.", "Meet the duty in full."),
        ),
        Reason::Unexplained => {
            let followed = match (lang, partly) {
                (Lang::Da, true) => "følges kun delvist",
                (Lang::Da, false) => "følges ikke",
                (Lang::En, true) => "only partly followed",
                (Lang::En, false) => "not followed",
            };
            (
                match (lang, hollow) {
                    (Lang::Da, None) => format!("{followed}, uden forklaring"),
                    (Lang::En, None) => format!("{followed}, no explanation"),
                    (Lang::Da, Some(_)) => format!("{followed}, forklaringen tæller ikke"),
                    (Lang::En, Some(_)) => {
                        format!("{followed}, the explanation does not count")
                    }
                },
                match (lang, hollow) {
                    (Lang::Da, None) => {
                        "Bestyrelsen har ikke forklaret, hvorfor den fraviger anbefalingen.".into()
                    }
                    (Lang::En, None) => {
                        "The board has not explained why it departs from the recommendation."
                            .into()
                    }
                    (Lang::Da, Some(why)) => format!("Forklaringen tæller ikke: {why}."),
                    (Lang::En, Some(why)) => {
                        format!("The explanation does not count: {why}.")
                    }
                },
                s(
                    "Følg anbefalingen – eller forklar, hvorfor bestyrelsen fraviger den, og hvad den gør i stedet. Med en forklaring er afvigelsen i orden efter følg eller forklar.",
                    "Follow the recommendation – or explain why the board departs from it and what it does instead. With an explanation the departure is in order under comply or explain.",
                ),
            )
        }
        Reason::Overdue => (
            match lang {
                Lang::Da => format!("ikke opfyldt: fristen {due} er overskredet"),
                Lang::En => format!("not met: the due date {due} has passed"),
            },
            last_done("Sidst gjort", "Last done"),
            s(
                "Gør det, kravet siger, hurtigst muligt, og notér datoen i selvevalueringen.",
                "Do what the duty requires as soon as possible, and record the date in the self-assessment.",
            ),
        ),
        Reason::Expired => (
            match lang {
                Lang::Da => format!("udløbet: gyldig til {due}"),
                Lang::En => format!("expired: valid until {due}"),
            },
            expired_board(lang, last.map(long), &due),
            s(
                "Forny det, og notér den nye dato og gyldighed i selvevalueringen.",
                "Renew it, and record the new date and how long it holds in the self-assessment.",
            ),
        ),
        Reason::Stale => (
            match lang {
                Lang::Da => format!("forældet: skulle være gennemgået senest {due}"),
                Lang::En => format!("out of date: was due for review by {due}"),
            },
            last_done("Sidst gennemgået", "Last reviewed"),
            s(
                "Gennemgå det igen, og notér datoen for gennemgangen i selvevalueringen.",
                "Review it again, and record the date of the review in the self-assessment.",
            ),
        ),
        Reason::DateMissing => (
            s("dato mangler", "date missing"),
            match lang {
                _ if answer.and_then(|a| a.date.as_ref()).is_some() => s(
                    "Datoen i selvevalueringen ligger efter opgørelsesdatoen, så den viser ikke, hvornår det sidst blev gjort.",
                    "The date in the self-assessment is after the as-of date, so it does not show when it was last done.",
                ),
                Lang::Da => format!(
                    "Selvevalueringen siger ikke, hvornår det sidst blev gjort, så det kan ikke ses, om det sker {every}."
                ),
                Lang::En => format!(
                    "The self-assessment does not say when it was last done, so it cannot be seen whether it happens {every}."
                ),
            },
            s(
                "Notér i selvevalueringen, hvornår det sidst blev gjort, og henvis til det dokument, der viser det.",
                "Record in the self-assessment when it was last done, and point to the document that shows it.",
            ),
        ),
        Reason::NoEvidence => (
            s("ingen dokumentation", "no evidence"),
            if duty {
                s(
                    "Kravet er opfyldt efter selvevalueringen, men intet dokument viser det.",
                    "The self-assessment says the duty is met, but no document shows it.",
                )
            } else {
                s(
                    "Anbefalingen følges efter selvevalueringen, men intet dokument viser det.",
                    "The self-assessment says the recommendation is followed, but no document shows it.",
                )
            },
            s(
                "Henvis i selvevalueringen til det dokument, der viser det: et referat, en politik, en aftale.",
                "Point in the self-assessment to the document that shows it: minutes, a policy, an agreement.",
            ),
        ),
        Reason::EvidenceNotFound => {
            let list = |state| {
                gap.paths
                    .iter()
                    .filter(|(_, e)| *e == state)
                    .map(|(p, _)| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let missing = list(Evidence::Missing);
            let outside = list(Evidence::Outside);
            let mut what = Vec::new();
            if !missing.is_empty() {
                what.push(match lang {
                    Lang::Da => format!(
                        "Dokumentet, der henvises til, ligger ikke sammen med selvevalueringen: {missing}."
                    ),
                    Lang::En => format!(
                        "The document referred to is not filed with the self-assessment: {missing}."
                    ),
                });
            }
            if !outside.is_empty() {
                what.push(match lang {
                    Lang::Da => format!(
                        "Dokumentet ligger uden for selvevalueringens mappe og kunne ikke kontrolleres: {outside}."
                    ),
                    Lang::En => format!(
                        "The document lies outside the self-assessment's folder and could not be checked: {outside}."
                    ),
                });
            }
            (
                s("dokumentationen findes ikke", "evidence not found"),
                what.join(" "),
                s(
                    "Læg dokumentet sammen med selvevalueringen, eller ret henvisningen, så den peger på det rigtige dokument.",
                    "File the document with the self-assessment, or correct the reference to point to the right document.",
                ),
            )
        }
        Reason::PlanOverdue => (
            match lang {
                Lang::Da => format!("handlingsplanens frist {due} er overskredet"),
                Lang::En => format!("the action plan's due date {due} has passed"),
            },
            s(
                "Handlingsplanen er ikke gennemført til tiden.",
                "The action plan was not carried out in time.",
            ),
            s(
                "Gennemfør handlingsplanen, eller beslut en ny frist og notér den i selvevalueringen.",
                "Carry out the action plan, or decide on a new due date and record it in the self-assessment.",
            ),
        ),
        Reason::NaUnexplained => (
            s(
                "angivet som ikke relevant, uden forklaring",
                "marked not applicable, no explanation",
            ),
            match (lang, hollow) {
                (Lang::Da, None) => {
                    "Bestyrelsen har ikke forklaret, hvorfor punktet ikke er relevant for organisationen.".into()
                }
                (Lang::En, None) => {
                    "The board has not explained why the item does not apply to the organisation.".into()
                }
                (Lang::Da, Some(why)) => format!("Forklaringen tæller ikke: {why}."),
                (Lang::En, Some(why)) => format!("The explanation does not count: {why}."),
            },
            s(
                "Forklar, hvorfor punktet ikke er relevant for organisationen – eller vurdér det.",
                "Explain why the item does not apply to the organisation – or assess it.",
            ),
        ),
        Reason::DutyNotApplicable => (
            s(
                "angivet som ikke relevant, men kravet gælder",
                "marked not applicable, but the duty applies",
            ),
            s(
                "Kravet gælder for alle almene boligorganisationer, og en forklaring ændrer ikke på det.",
                "The duty applies to every social housing organisation, and an explanation does not change that.",
            ),
            with_plan(
                "Sørg for, at kravet bliver opfyldt, og vurdér punktet igen.",
                "See that the duty is met, and assess the item again.",
            ),
        ),
        Reason::AwaitingCounterparty => {
            let requested = gap.awaiting.map(|a| long(a.requested)).unwrap_or_default();
            let situation = match (lang, gap.awaiting.map(|a| a.instead_of)) {
                (_, Some(Reason::Expired)) => expired_board(lang, last.map(long), &due),
                (Lang::Da, Some(Reason::Overdue)) => format!(
                    "{} Det skulle være gjort igen senest {due}.",
                    last_done("Sidst gjort", "Last done")
                ),
                (Lang::En, Some(Reason::Overdue)) => format!(
                    "{} It was due again by {due}.",
                    last_done("Sidst gjort", "Last done")
                ),
                (Lang::Da, Some(Reason::Partial)) => "Kravet er kun delvist opfyldt.".into(),
                (Lang::En, Some(Reason::Partial)) => "The duty is only partly met.".into(),
                (Lang::Da, _) => "Kravet er ikke opfyldt.".into(),
                (Lang::En, _) => "The duty is not met.".into(),
            };
            match lang {
                Lang::Da => (
                    format!("afventer {counterparty} (anmodet {requested})"),
                    format!(
                        "{situation} Det afhænger af {counterparty}, som organisationen skriftligt har bedt om at gøre sin del; anmodningen er dokumenteret."
                    ),
                    format!(
                        "Følg op over for {counterparty}, og notér i selvevalueringen, når det er sket."
                    ),
                ),
                Lang::En => (
                    format!("awaiting {counterparty} (asked on {requested})"),
                    format!(
                        "{situation} It depends on {counterparty}, whom the organisation has asked in writing to do its part; the request is documented."
                    ),
                    format!(
                        "Follow up with {counterparty}, and record it in the self-assessment once it has happened."
                    ),
                ),
            }
        }
    };
    let (request_what, request_action) = board_request(lang, gap, answer, &counterparty, checked);
    let plan_due = plan
        .and_then(|p| p.due.as_ref())
        .map(|d| d.get_ref().0)
        .filter(|d| *d >= as_of);
    BoardText {
        short: match &gap.municipality {
            Some(m) => format!("{short} ({m})"),
            None => short,
        },
        what: [what, request_what].join(""),
        action: [action, request_action].join(""),
        when: plan_due.map(|d| match lang {
            Lang::Da => format!("{} (handlingsplanens frist)", long(d)),
            Lang::En => format!("{} (the action plan's due date)", long(d)),
        }),
        owner: plan
            .and_then(|p| p.owner.as_deref())
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_owned),
    }
}

/// What the board reads of an expired answer: when it was made, if the
/// answer says, and the last day it held.
fn expired_board(lang: Lang, made: Option<String>, until: &str) -> String {
    match (lang, made) {
        (Lang::Da, Some(made)) => format!("Gjort {made}, gyldig til og med {until}."),
        (Lang::En, Some(made)) => format!("Made {made}, valid until {until}."),
        (Lang::Da, None) => format!("Gyldig til og med {until}."),
        (Lang::En, None) => format!("Valid until {until}."),
    }
}

/// [`unused_request`] for the board: why a request to the counterparty
/// does not (yet) ease a critical gap, and what to do about it, each with
/// a leading space.
fn board_request(
    lang: Lang,
    gap: &Gap,
    answer: Option<&Answer>,
    who: &str,
    checked: &Checked<'_>,
) -> (String, String) {
    let as_of = checked.eval.as_of;
    let documented = documented(checked, gap);
    let Some(answer) = answer else {
        return Default::default();
    };
    let Some(requested) = answer.requested.as_ref().map(|r| r.get_ref().0) else {
        return Default::default();
    };
    let eased = gap.severity == Severity::Critical
        && matches!(
            gap.reason,
            Reason::Unmet | Reason::Partial | Reason::Overdue | Reason::Expired
        );
    if !eased {
        return Default::default();
    }
    let asked = long_date(lang, requested);
    let last = answer.date.as_ref().map(|d| d.get_ref().0);
    match (lang, last) {
        (Lang::Da, _) if requested > as_of => (
            format!(
                " Anmodningen til {who} er dateret {asked}, efter opgørelsesdatoen, og tæller ikke endnu."
            ),
            String::new(),
        ),
        (Lang::En, _) if requested > as_of => (
            format!(
                " The request to {who} is dated {asked}, after the as-of date, and does not count yet."
            ),
            String::new(),
        ),
        (Lang::Da, Some(last)) if requested <= last => (
            format!(
                " Anmodningen til {who} ({asked}) {} {} og gælder ikke den nye frist.",
                not_after(lang, requested, last),
                long_date(lang, last)
            ),
            format!(" Bed {who} skriftligt igen, og læg anmodningen ved som dokumentation."),
        ),
        (Lang::En, Some(last)) if requested <= last => (
            format!(
                " The request to {who} ({asked}) {} {} and does not cover the new deadline.",
                not_after(lang, requested, last),
                long_date(lang, last)
            ),
            format!(" Ask {who} again in writing, and add the request as evidence."),
        ),
        (Lang::Da, _) if !documented => (
            format!(
                " Organisationen bad den {asked} {who} om at gøre sin del, men anmodningen er ikke lagt ved som dokumentation, så den tæller ikke."
            ),
            format!(" Læg den skriftlige anmodning til {who} ved som dokumentation."),
        ),
        (Lang::En, _) if !documented => (
            format!(
                " The organisation asked {who} on {asked} to do its part, but the request is not given as evidence, so it does not count."
            ),
            format!(" Add the written request to {who} as evidence."),
        ),
        _ => Default::default(),
    }
}

// The calendar (`almen calendar`): one event per deadline.

/// What an event in the calendar is about; its words are here, its part
/// of an event's identity is `calendar`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeadlineKind {
    /// A recurring item's next due date.
    Due,
    /// An action plan's due date.
    Plan,
    /// The last day an answer holds (`valid-until`).
    Expiry,
}

/// An event's title: what falls due, of which item, for which
/// organisation; overdue ones start with "Overskredet:" ("Overdue:").
/// "Frist: STY-1 Styringsdialog … – Boligselskabet Fjordglimt".
pub fn calendar_title(
    lang: Lang,
    kind: DeadlineKind,
    overdue: bool,
    item: &str,
    what: &str,
    organisation: &str,
) -> String {
    let label = match (lang, kind, overdue) {
        (Lang::Da, DeadlineKind::Due, false) => "Frist:",
        (Lang::En, DeadlineKind::Due, false) => "Due:",
        (Lang::Da, DeadlineKind::Due, true) => "Overskredet:",
        (Lang::En, DeadlineKind::Due, true) => "Overdue:",
        (Lang::Da, DeadlineKind::Plan, false) => "Handlingsplan:",
        (Lang::En, DeadlineKind::Plan, false) => "Action plan:",
        (Lang::Da, DeadlineKind::Plan, true) => "Overskredet: handlingsplan",
        (Lang::En, DeadlineKind::Plan, true) => "Overdue: action plan",
        (Lang::Da, DeadlineKind::Expiry, false) => "Udløber:",
        (Lang::En, DeadlineKind::Expiry, false) => "Expires:",
        (Lang::Da, DeadlineKind::Expiry, true) => "Udløbet:",
        (Lang::En, DeadlineKind::Expiry, true) => "Expired:",
    };
    format!("{label} {item} {what} – {organisation}")
}

/// The categories an event is filed under: almen's own, the kind of
/// deadline, and whether it is overdue.
pub fn calendar_categories(lang: Lang, kind: DeadlineKind, overdue: bool) -> Vec<&'static str> {
    let mut categories = vec![
        "almen",
        match kind {
            DeadlineKind::Due => lang.pick("Frist", "Deadline"),
            DeadlineKind::Plan => lang.pick("Handlingsplan", "Action plan"),
            DeadlineKind::Expiry => lang.pick("Udløb", "Expiry"),
        },
    ];
    if overdue {
        categories.push(lang.pick("Overskredet", "Overdue"));
    }
    categories
}

/// A recurring item that falls due on `due` and is not overdue yet: when,
/// how often and when it was last done, and what to do. A duty is done, a
/// recommendation reviewed.
pub fn calendar_due_text(
    lang: Lang,
    kind: Kind,
    recurrence: Option<Recurrence>,
    last: Option<NaiveDate>,
    due: NaiveDate,
) -> (String, String) {
    let due = long_date(lang, due);
    let every = recurrence.map(|r| recurrence_text(lang, r));
    let mut when = match lang {
        Lang::Da => format!("Frist {due}."),
        Lang::En => format!("Due by {due}."),
    };
    if let Some(every) = every {
        when.push_str(&match lang {
            Lang::Da => format!(" Det skal ske {every}."),
            Lang::En => format!(" It is due {every}."),
        });
    }
    if let Some(last) = last {
        let last = long_date(lang, last);
        when.push_str(&match (lang, kind) {
            (Lang::Da, Kind::Duty) => format!(" Sidst gjort {last}."),
            (Lang::En, Kind::Duty) => format!(" Last done {last}."),
            (Lang::Da, Kind::Recommendation) => format!(" Sidst gennemgået {last}."),
            (Lang::En, Kind::Recommendation) => format!(" Last reviewed {last}."),
        });
    }
    let action = match kind {
        Kind::Duty => lang.pick(
            "Gør det, kravet siger, inden fristen, og notér datoen i selvevalueringen.",
            "Do what the duty requires by the due date, and record the date in the self-assessment.",
        ),
        Kind::Recommendation => lang.pick(
            "Gennemgå det igen inden fristen, og notér datoen for gennemgangen i selvevalueringen.",
            "Review it again by the due date, and record the date of the review in the self-assessment.",
        ),
    };
    (when, action.to_owned())
}

/// An answer that holds until `until` and has not expired yet: since
/// when, until when, and what to do.
pub fn calendar_expiry_text(
    lang: Lang,
    made: Option<NaiveDate>,
    until: NaiveDate,
) -> (String, String) {
    let until = long_date(lang, until);
    let made = made.map(|d| long_date(lang, d));
    let when = expired_board(lang, made, &until);
    let action = lang.pick(
        "Forny det, før det udløber, og notér den nye dato og gyldighed i selvevalueringen.",
        "Renew it before it expires, and record the new date and how long it holds in the self-assessment.",
    );
    (when, action.to_owned())
}

/// An action plan that falls due on `due` and is not overdue yet: what,
/// who and when, and what to do.
pub fn calendar_plan_text(
    lang: Lang,
    action: &str,
    owner: Option<&str>,
    due: NaiveDate,
) -> (String, String) {
    let due = long_date(lang, due);
    let mut what = match lang {
        Lang::Da => format!("Handlingsplan: {action}."),
        Lang::En => format!("Action plan: {action}."),
    };
    if let Some(owner) = owner {
        what.push_str(&match lang {
            Lang::Da => format!(" Ansvarlig: {owner}."),
            Lang::En => format!(" Owner: {owner}."),
        });
    }
    what.push_str(&match lang {
        Lang::Da => format!(" Frist {due}."),
        Lang::En => format!(" Due by {due}."),
    });
    let todo = lang.pick(
        "Gennemfør handlingsplanen inden fristen, eller beslut en ny frist og notér den i selvevalueringen.",
        "Carry out the action plan by the due date, or decide on a new due date and record it in the self-assessment.",
    );
    (what, todo.to_owned())
}

/// An overdue deadline, from its gap as the board reads it: "Ikke
/// opfyldt: fristen 31. december 2025 er overskredet. Sidst gjort …".
pub fn calendar_overdue_text(board: &BoardText) -> String {
    let mut short = board.short.chars();
    let first: String = short
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .collect();
    let short = format!("{first}{}.", short.as_str());
    if board.what.is_empty() {
        short
    } else {
        format!("{short} {}", board.what)
    }
}

/// What a deadline asks of the organisation, as the description of its
/// event says it: the item, where it stands, what to do, and its basis.
pub fn calendar_description(
    lang: Lang,
    organisation: &str,
    item: &str,
    what: &str,
    status: &str,
    action: &str,
    basis: &str,
) -> String {
    let (todo, on) = match lang {
        Lang::Da => ("Det skal I gøre:", "Grundlag:"),
        Lang::En => ("What to do:", "Basis:"),
    };
    format!("{organisation}\n{item} {what}\n\n{status}\n{todo} {action}\n\n{on} {basis}")
}

/// What a calendar program shows when it reminds of a deadline:
/// the event's title and how far off it is.
pub fn calendar_reminder(lang: Lang, title: &str, days: u32) -> String {
    format!("{title} ({})", days_text(lang, i64::from(days)))
}

/// The calendar's own name, shown where it is subscribed to:
/// "almen: Boligselskabet Fjordglimt", or how many organisations.
pub fn calendar_name(lang: Lang, organisations: &[&str]) -> String {
    match (lang, organisations) {
        (_, [one]) => format!("almen: {one}"),
        (Lang::Da, many) => format!("almen: {} organisationer", many.len()),
        (Lang::En, many) => format!("almen: {} organisations", many.len()),
    }
}

/// What `almen calendar -o FILE` says it wrote: "Skrev almen.ics (7
/// frister)", or that it has no deadline in it, and why.
pub fn calendar_written(lang: Lang, file: &str, events: usize) -> String {
    match (lang, events) {
        (Lang::Da, 0) => format!(
            "Ingen frister: skrev {file} uden begivenheder (intet tilbagevendende punkt har en dato, og ingen handlingsplan har en frist)"
        ),
        (Lang::En, 0) => format!(
            "No deadlines: wrote {file} with no events (no recurring item has a date, and no action plan has a due date)"
        ),
        (Lang::Da, 1) => format!("Skrev {file} (1 frist)"),
        (Lang::En, 1) => format!("Wrote {file} (1 deadline)"),
        (Lang::Da, n) => format!("Skrev {file} ({n} frister)"),
        (Lang::En, n) => format!("Wrote {file} ({n} deadlines)"),
    }
}

#[cfg(test)]
mod board_tests {
    use super::*;

    #[test]
    fn long_dates_as_each_reader_writes_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(long_date(Lang::Da, d), "27. november 2026");
        assert_eq!(long_date(Lang::En, d), "27 November 2026");
        let d = NaiveDate::from_ymd_opt(2025, 1, 5).unwrap();
        assert_eq!(long_date(Lang::Da, d), "5. januar 2025");
        assert_eq!(long_date(Lang::En, d), "5 January 2025");
    }
}

// ---------------------------------------------------------------------------
// `almen diff`: the words for what changed between two assessments
// ---------------------------------------------------------------------------

use crate::diff::{Diff, Direction, Field, ItemChange, OldDate};
use crate::score::{Counts, ItemResult};

/// Which way an item went: "forbedret", "forværret", "ændret".
pub fn direction_word(lang: Lang, direction: Direction) -> &'static str {
    match direction {
        Direction::Improved => lang.pick("forbedret", "improved"),
        Direction::Worsened => lang.pick("forværret", "worsened"),
        Direction::Changed => lang.pick("ændret", "changed"),
    }
}

/// What in an item changed, as the label of its line: "status", "dato".
pub fn field_word(lang: Lang, field: Field) -> &'static str {
    match field {
        Field::Status => lang.pick("status", "status"),
        Field::Date => lang.pick("dato", "date"),
        Field::Requested => lang.pick("anmodet", "requested"),
        Field::ValidUntil => lang.pick("gyldig til", "valid until"),
        Field::Evidence => lang.pick("dokumentation", "evidence"),
        Field::Explanation => lang.pick("forklaring", "explanation"),
        Field::Plan => lang.pick("handlingsplan", "plan"),
        Field::Note => lang.pick("note", "note"),
        Field::Gaps => lang.pick("mangler", "gaps"),
    }
}

/// The two sides of a diff, as headings and labels: "Før", "Efter".
pub fn side_word(lang: Lang, new: bool) -> &'static str {
    if new {
        lang.pick("Efter", "After")
    } else {
        lang.pick("Før", "Before")
    }
}

/// Why the old assessment is scored as of the date it is.
pub fn old_date_text(lang: Lang, how: OldDate) -> &'static str {
    match how {
        OldDate::AssessmentDate => lang.pick("selvevalueringens dato", "the assessment's date"),
        OldDate::OldAsOf => lang.pick("--old-as-of", "--old-as-of"),
        OldDate::SameDate => lang.pick(
            "samme dato som efter (--same-date)",
            "the same date as after (--same-date)",
        ),
        OldDate::NoAssessmentDate => lang.pick(
            "samme dato som efter: den har ingen `assessment.date`; angiv en anden med --old-as-of",
            "the same date as after: it has no `assessment.date`; give another with --old-as-of",
        ),
        OldDate::Identical => lang.pick(
            "samme dato som efter: de to filer er ens",
            "the same date as after: the two files are the same",
        ),
    }
}

/// One side of a diff: "Før: sidste-aar.toml · opgjort pr. 2025-11-06
/// (selvevalueringens dato)". `how` is said for the old side only.
pub fn side_text(
    lang: Lang,
    new: bool,
    file: &str,
    as_of: NaiveDate,
    how: Option<OldDate>,
) -> String {
    let side = side_word(lang, new);
    let mut text = format!(
        "{side}: {file} · {} {as_of}",
        lang.pick("opgjort pr.", "as of")
    );
    if let Some(how) = how {
        text.push_str(&format!(" ({})", old_date_text(lang, how)));
    }
    text
}

/// When nothing changed.
pub fn no_changes(lang: Lang) -> &'static str {
    lang.pick("Ingen ændringer.", "No changes.")
}

/// A change in adherence, in percentage points: "−6,9 point", "+1.5
/// points", "uændret".
pub fn points_text(lang: Lang, change: f64) -> String {
    if change == 0.0 {
        return lang.pick("uændret", "unchanged").to_owned();
    }
    let sign = if change < 0.0 { "−" } else { "+" };
    let points = lang.number(change.abs());
    match lang {
        Lang::Da => format!("{sign}{points} point"),
        Lang::En => format!("{sign}{points} points"),
    }
}

/// "Efterlevelse 53,8 % → 46,9 % (−6,9 point)".
pub fn adherence_change_text(lang: Lang, old: f64, new: f64, change: f64) -> String {
    format!(
        "{} {} → {} ({})",
        lang.pick("Efterlevelse", "Adherence"),
        lang.percent(old),
        lang.percent(new),
        points_text(lang, change)
    )
}

/// The verdict before and after: "✘ Følg eller forklar: ikke overholdt →
/// ✔ Følg eller forklar: overholdt"; once, with "(uændret)", when it is
/// the same.
pub fn verdict_change(lang: Lang, old: bool, new: bool) -> String {
    if old == new {
        format!(
            "{} ({})",
            verdict(lang, new),
            lang.pick("uændret", "unchanged")
        )
    } else {
        format!("{} → {}", verdict(lang, old), verdict(lang, new))
    }
}

/// The gap counts before and after: "Mangler: kritiske 2 → 4 · væsentlige
/// 4 → 4 · mindre 3 → 6 · forklarede afvigelser 1 → 2".
pub fn counts_change(lang: Lang, old: Counts, new: Counts) -> String {
    let pairs = [
        (
            lang.pick("kritiske", "critical"),
            old.critical,
            new.critical,
        ),
        (lang.pick("væsentlige", "major"), old.major, new.major),
        (lang.pick("mindre", "minor"), old.minor, new.minor),
        (
            lang.pick("forklarede afvigelser", "explained"),
            old.explained,
            new.explained,
        ),
    ];
    let counts: Vec<String> = pairs
        .iter()
        .map(|(word, a, b)| format!("{word} {a} → {b}"))
        .collect();
    format!("{}: {}", lang.pick("Mangler", "Gaps"), counts.join(" · "))
}

/// The parts of a diff, each under a heading of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffPart {
    Opened,
    Closed,
    Items,
    OnlyOld,
    OnlyNew,
}

/// A part's heading, with how many it holds: "Nye mangler (3)".
pub fn diff_heading(lang: Lang, part: DiffPart, n: usize) -> String {
    let title = match part {
        DiffPart::Opened => lang.pick("Nye mangler", "Gaps opened"),
        DiffPart::Closed => lang.pick("Lukkede mangler", "Gaps closed"),
        DiffPart::Items => lang.pick("Ændrede punkter", "Items changed"),
        DiffPart::OnlyOld => lang.pick("Punkter kun i før", "Items only before"),
        DiffPart::OnlyNew => lang.pick("Punkter kun i efter", "Items only after"),
    };
    format!("{title} ({n})")
}

/// How many items went each way and how many gaps opened and closed: "4
/// forbedret, 6 forværret, 2 ændret · 9 nye mangler, 3 lukkede".
pub fn diff_tally(lang: Lang, diff: &Diff<'_>) -> String {
    let went = |d| diff.went(d).count();
    let (opened, closed) = (diff.opened.len(), diff.closed.len());
    match lang {
        Lang::Da => format!(
            "{} forbedret, {} forværret, {} ændret · {opened} {}, {closed} {}",
            went(Direction::Improved),
            went(Direction::Worsened),
            went(Direction::Changed),
            if opened == 1 {
                "ny mangel"
            } else {
                "nye mangler"
            },
            if closed == 1 { "lukket" } else { "lukkede" },
        ),
        Lang::En => format!(
            "{} improved, {} worsened, {} changed · {opened} {} opened, {closed} closed",
            went(Direction::Improved),
            went(Direction::Worsened),
            went(Direction::Changed),
            if opened == 1 { "gap" } else { "gaps" },
        ),
    }
}

/// Whether the diff is a regression, as `--fail-on-regression` counts it,
/// in one sentence: "✘ Tilbagegang: 9 nye mangler; efterlevelsen faldt 6,9
/// point." With `decides`, the flag that makes it decide the exit code is
/// named.
pub fn regression_text(lang: Lang, diff: &Diff<'_>, decides: bool) -> String {
    let opened = diff.opened.len();
    let change = diff.adherence_change();
    if !diff.regression() {
        return lang
            .pick(
                "✔ Ingen tilbagegang: ingen nye mangler, og efterlevelsen faldt ikke.",
                "✔ No regression: no gap opened, and adherence did not fall.",
            )
            .to_owned();
    }
    let mut why = Vec::new();
    if opened > 0 {
        why.push(match lang {
            Lang::Da => format!(
                "{opened} {}",
                if opened == 1 {
                    "ny mangel"
                } else {
                    "nye mangler"
                }
            ),
            Lang::En => format!(
                "{opened} {} opened",
                if opened == 1 { "gap" } else { "gaps" }
            ),
        });
    }
    if change < 0.0 {
        let points = lang.number(change.abs());
        why.push(match lang {
            Lang::Da => format!("efterlevelsen faldt {points} point"),
            Lang::En => format!("adherence fell by {points} points"),
        });
    }
    let flag = if decides {
        " (`--fail-on-regression`)"
    } else {
        ""
    };
    format!(
        "✘ {}{flag}: {}.",
        lang.pick("Tilbagegang", "Regression"),
        why.join("; ")
    )
}

/// A gap in a few words: "afventer modparten (mindre)".
pub fn gap_words(lang: Lang, gap: &Gap) -> String {
    format!(
        "{} ({})",
        lang.reason(gap.reason),
        lang.severity(gap.severity)
    )
}

/// Where an item stands: its status in the item's words, and its gaps in
/// a few words, or that it has none: "opfyldt · afventer modparten
/// (mindre)", "følger ikke · forklaret", "følger · ingen mangler".
pub fn standing_text(lang: Lang, r: &ItemResult<'_>, checked: &Checked<'_>) -> String {
    format!(
        "{} · {}",
        lang.status(r.status(), r.item.kind),
        gaps_in_words(lang, r, checked)
    )
}

/// An item's gaps in a few words each, or "forklaret" / "ingen mangler".
fn gaps_in_words(lang: Lang, r: &ItemResult<'_>, checked: &Checked<'_>) -> String {
    let gaps = checked.eval.gaps_of(r.id());
    if gaps.is_empty() {
        return if r.explained {
            lang.pick("forklaret", "explained")
        } else {
            lang.pick("ingen mangler", "no gaps")
        }
        .to_owned();
    }
    gaps.iter()
        .map(|g| gap_words(lang, g))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What changed in an item, one line per [`Field`]: "status: følger ikke
/// → følger delvist", "dato: 2024-09-30 → 2025-10-02", "mangler: ingen
/// mangler → afventer modparten (mindre)". Text from the files (evidence
/// entries) is in them as written: escaping is the format's job.
pub fn change_lines(lang: Lang, change: &ItemChange<'_>, diff: &Diff<'_>) -> Vec<String> {
    let (old, new) = (change.old, change.new);
    let none = "–";
    let date = |d: Option<&toml::Spanned<crate::model::Date>>| {
        d.map_or(none.to_owned(), |d| d.get_ref().to_string())
    };
    let added = lang.pick("tilføjet", "added");
    let removed = lang.pick("fjernet", "removed");
    let altered = lang.pick("ændret", "changed");
    let presence = |a: bool, b: bool| match (a, b) {
        (false, true) => added,
        (true, false) => removed,
        _ => altered,
    };
    // A date before and after; of an item answered per municipality, of
    // each municipality whose date changed: "Skanderborg Kommune
    // 2025-11-20 → 2024-11-20".
    type DateOf = fn(&Answer) -> Option<&toml::Spanned<crate::model::Date>>;
    let dates = |f: DateOf| -> String {
        if old.per.is_empty() && new.per.is_empty() {
            return format!(
                "{} → {}",
                date(old.answer.and_then(f)),
                date(new.answer.and_then(f))
            );
        }
        let of = |r: &ItemResult<'_>, m: &str| {
            date(
                answer_of(Some(r), Some(m))
                    .or(r.answer.filter(|_| r.per.is_empty()))
                    .and_then(f),
            )
        };
        let mut municipalities: Vec<&str> = new.per.iter().map(|p| p.municipality).collect();
        for p in &old.per {
            if !municipalities.contains(&p.municipality) {
                municipalities.push(p.municipality);
            }
        }
        municipalities
            .iter()
            .map(|m| (m, of(old, m), of(new, m)))
            .filter(|(_, a, b)| a != b)
            .map(|(m, a, b)| format!("{m} {a} → {b}"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    change
        .fields
        .iter()
        .map(|&field| {
            let what = match field {
                Field::Status => format!(
                    "{} → {}",
                    lang.status(old.status(), old.item.kind),
                    lang.status(new.status(), new.item.kind)
                ),
                Field::Date => dates(|a| a.date.as_ref()),
                Field::Requested => dates(|a| a.requested.as_ref()),
                Field::ValidUntil => dates(|a| a.valid_until.as_ref()),
                Field::Evidence => evidence_change(lang, change, diff),
                Field::Explanation => presence(
                    old.answer.is_some_and(|a| a.explanation.is_some()),
                    new.answer.is_some_and(|a| a.explanation.is_some()),
                )
                .to_owned(),
                Field::Plan => {
                    let (a, b) = (
                        old.answer.and_then(Answer::plan),
                        new.answer.and_then(Answer::plan),
                    );
                    let due = |p: Option<&crate::model::Plan>| {
                        p.and_then(|p| p.due.as_ref()).map(|d| d.get_ref().0)
                    };
                    let deadline = lang.pick("frist", "due");
                    match (a, b) {
                        (None, Some(_)) => match due(b) {
                            Some(d) => format!("{added}, {deadline} {d}"),
                            None => added.to_owned(),
                        },
                        (Some(_), None) => removed.to_owned(),
                        _ if due(a) != due(b) => format!(
                            "{deadline} {} → {}",
                            due(a).map_or(none.to_owned(), |d| d.to_string()),
                            due(b).map_or(none.to_owned(), |d| d.to_string())
                        ),
                        _ => altered.to_owned(),
                    }
                }
                Field::Note => presence(
                    old.answer.is_some_and(|a| a.note.is_some()),
                    new.answer.is_some_and(|a| a.note.is_some()),
                )
                .to_owned(),
                Field::Gaps => format!(
                    "{} → {}",
                    gaps_in_words(lang, old, diff.old),
                    gaps_in_words(lang, new, diff.new)
                ),
            };
            format!("{}: {what}", field_word(lang, field))
        })
        .collect()
}

/// Each evidence entry's state, the first where an entry is given twice:
/// looked up, not searched for, as an answer can have thousands.
fn states(list: &[(String, Evidence)]) -> HashMap<&str, Evidence> {
    let mut states = HashMap::with_capacity(list.len());
    for (entry, state) in list {
        states.entry(entry.as_str()).or_insert(*state);
    }
    states
}

/// The evidence entries added and removed, and those whose file was found
/// or lost: "tilføjet a.pdf; fjernet b.pdf; c.pdf findes ikke → fundet".
fn evidence_change(lang: Lang, change: &ItemChange<'_>, diff: &Diff<'_>) -> String {
    // The answer's evidence, and every municipality's entry's.
    let of = |c: &Checked<'_>| -> Vec<(String, Evidence)> {
        c.assessment.all_evidence(change.id()).cloned().collect()
    };
    let (old, new) = (of(diff.old), of(diff.new));
    let state = |e: Evidence| match e {
        Evidence::Url => lang.pick("link", "link"),
        Evidence::Found => lang.pick("fundet", "found"),
        Evidence::Missing => lang.pick("findes ikke", "not found"),
        Evidence::Outside => lang.pick("uden for mappen", "outside the folder"),
    };
    let (before, after) = (states(&old), states(&new));
    let added: Vec<&str> = new
        .iter()
        .filter(|(e, _)| !before.contains_key(e.as_str()))
        .map(|(e, _)| e.as_str())
        .collect();
    let removed: Vec<&str> = old
        .iter()
        .filter(|(e, _)| !after.contains_key(e.as_str()))
        .map(|(e, _)| e.as_str())
        .collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!(
            "{} {}",
            lang.pick("tilføjet", "added"),
            added.join(", ")
        ));
    }
    if !removed.is_empty() {
        parts.push(format!(
            "{} {}",
            lang.pick("fjernet", "removed"),
            removed.join(", ")
        ));
    }
    for (entry, now) in &new {
        if let Some(&was) = before.get(entry.as_str()).filter(|b| *b != now) {
            parts.push(format!("{entry} {} → {}", state(was), state(*now)));
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Diff;
    use crate::score::cases::many;

    /// The evidence added and removed is found by looking each entry up:
    /// searching one side's entries for each of the other's took 45 s for
    /// an answer of 100,000 of them.
    #[test]
    fn the_evidence_of_an_answer_of_thousands_is_compared_without_a_search() {
        let answer = |from: usize| {
            let links: Vec<String> = (from..from + 100_000)
                .map(|i| format!("\"https://x.dk/{i}\""))
                .collect();
            format!("status = \"met\"\nevidence = [{}]", links.join(", "))
        };
        let (before, after) = (answer(0), answer(1));
        let (old, new) = (many(1, |_| Some(&before)), many(1, |_| Some(&after)));
        let as_of = "2026-11-27".parse().unwrap();
        let (old, new) = (Checked::new(&old, as_of), Checked::new(&new, as_of));
        let diff = Diff::new(&old, &new);
        let lines = change_lines(Lang::En, &diff.items[0], &diff).join("\n");
        let change = "added https://x.dk/100000; removed https://x.dk/0";
        assert!(lines.contains(change), "{lines}");
    }
}
