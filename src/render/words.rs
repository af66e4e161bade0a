//! The words every renderer shares, in the reader's language: severity,
//! reason, status and kind, what is wrong with a gap and how to fix it, and
//! how far off a date is. The terminal, the CI formats and the board report
//! all say the same thing the same way because they say it from here.

use chrono::NaiveDate;

use super::diagnostics::JsonDiag;
use crate::lang::Lang;
use crate::load::Evidence;
use crate::model::{Kind, Status};
use crate::score::{Checked, Gap, Reason, Severity};

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
            Kind::Duty => self.pick("lovkrav", "duty"),
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
            Reason::Unmet => self.pick("lovkrav ikke opfyldt", "duty not met"),
            Reason::Partial => self.pick("lovkrav kun delvist opfyldt", "duty only partly met"),
            Reason::Unexplained => {
                self.pick("afvigelse uden forklaring", "deviation not explained")
            }
            Reason::Overdue => self.pick("forfalden", "overdue"),
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
        }
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

/// What is wrong with an item, and what to do about it, in the reader's language.
pub fn gap_text(lang: Lang, gap: &Gap, checked: &Checked<'_>) -> (String, String) {
    let item = checked.eval.item(&gap.item);
    let answer = item.and_then(|i| i.answer);
    let date = answer
        .and_then(|a| a.date.as_ref())
        .map(|d| d.get_ref().to_string())
        .unwrap_or_default();
    let months = item
        .and_then(|i| i.item.every_months.as_ref())
        .map_or(0, |m| *m.get_ref());
    let due = gap.due.map(|d| d.to_string()).unwrap_or_default();
    let d = |da: &str, en: &str| lang.pick(da, en).to_owned();
    match gap.reason {
        Reason::NotAssessed => (
            d(
                "Intet svar i selvevalueringen.",
                "No answer in the assessment.",
            ),
            match lang {
                Lang::Da => format!(
                    "Tilføj [answers.{}] med status, dato og dokumentation.",
                    gap.item
                ),
                Lang::En => format!(
                    "Add [answers.{}] with a status, date and evidence.",
                    gap.item
                ),
            },
        ),
        Reason::Unmet => (
            d(
                "Lovkravet er ikke opfyldt; en forklaring ændrer ikke på det.",
                "The duty is not met; an explanation does not change that.",
            ),
            d(
                "Opfyld kravet, og læg en plan med ansvarlig og frist.",
                "Meet the duty, with a plan that has an owner and a due date.",
            ),
        ),
        Reason::Partial => (
            d(
                "Lovkravet er kun delvist opfyldt; en forklaring ændrer ikke på det.",
                "The duty is only partly met; an explanation does not change that.",
            ),
            d(
                "Opfyld kravet helt, og læg en plan med ansvarlig og frist.",
                "Meet the duty in full, with a plan that has an owner and a due date.",
            ),
        ),
        Reason::Unexplained => (
            match (lang, answer.map(|a| a.status)) {
                (Lang::Da, Some(Status::Partial)) => {
                    "Anbefalingen følges kun delvist, og der er ingen forklaring.".into()
                }
                (Lang::Da, _) => "Anbefalingen følges ikke, og der er ingen forklaring.".into(),
                (Lang::En, Some(Status::Partial)) => {
                    "The recommendation is only partly followed, with no explanation.".into()
                }
                (Lang::En, _) => "The recommendation is not followed, with no explanation.".into(),
            },
            d(
                "Følg anbefalingen, eller skriv i `explanation`, hvorfor I ikke gør det, og hvad I gør i stedet.",
                "Follow it, or write in `explanation` why you do not and what you do instead.",
            ),
        ),
        Reason::Overdue => (
            match lang {
                Lang::Da => format!("Sidst gjort {date}; skulle gøres igen senest {due}."),
                Lang::En => format!("Last done {date}; was due again by {due}."),
            },
            d(
                "Gør det igen, og opdatér `date` i svaret.",
                "Do it again, and update `date` in the answer.",
            ),
        ),
        Reason::Stale => (
            match lang {
                Lang::Da => format!("Sidst gennemgået {date}; skulle gennemgås igen senest {due}."),
                Lang::En => format!("Last reviewed {date}; was due for review by {due}."),
            },
            d(
                "Gennemgå det igen, og opdatér `date` i svaret.",
                "Review it again, and update `date` in the answer.",
            ),
        ),
        Reason::DateMissing => (
            match lang {
                Lang::Da => {
                    format!("Ingen `date`, så fristen (hver {months}. måned) kan ikke beregnes.")
                }
                Lang::En => format!(
                    "No `date`, so the deadline (every {months} months) cannot be worked out."
                ),
            },
            d(
                "Skriv, hvornår det sidst blev gjort: `date = ÅÅÅÅ-MM-DD`.",
                "Write when it was last done: `date = YYYY-MM-DD`.",
            ),
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
            d(
                "Angiv dokumentation i `evidence`: en sti til en fil eller et link.",
                "List evidence in `evidence`: a path to a file or a link.",
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
            d(
                "Gennemfør planen, eller sæt en ny frist i `plan.due`.",
                "Carry out the plan, or set a new date in `plan.due`.",
            ),
        ),
        Reason::NaUnexplained => (
            d(
                "Markeret som ikke relevant, men uden forklaring.",
                "Marked not applicable, but with no explanation.",
            ),
            d(
                "Skriv i `explanation`, hvorfor punktet ikke er relevant for jer.",
                "Write in `explanation` why the item does not apply to you.",
            ),
        ),
    }
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
