//! Renderers: one file per output format, each writing to any `io::Write`.
//!
//! Every renderer takes the same input: the checked assessments
//! ([`Checked`]) and the [`Options`] that shape the output.

mod catalog;
mod csv;
pub mod diagnostics;
mod github;
pub mod html;
mod json;
mod junit;
pub mod markdown;
mod table;
mod templates;

pub use catalog::{list, show};

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::load::{Evidence, Loaded};
use crate::model::Status;
use crate::score::{Evaluation, Gap, Reason, Severity};

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Markdown,
    Csv,
    Junit,
    Github,
}

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub lang: Lang,
    pub color: bool,
    /// Every item, not only the gaps.
    pub all: bool,
    /// Table width in columns.
    pub width: u16,
    /// Gaps at or above this fail (JUnit failures, GitHub errors).
    pub fail_on: Option<Severity>,
    /// CSV field separator; by default `;` in Danish, `,` in English.
    pub delimiter: Option<u8>,
}

/// One assessment, loaded and scored.
pub struct Checked<'a> {
    pub loaded: &'a Loaded,
    pub eval: Evaluation<'a>,
}

impl Checked<'_> {
    pub fn file(&self) -> String {
        crate::load::display(&self.loaded.path)
    }
}

/// The one dispatch point from format to renderer.
pub fn render(
    format: Format,
    results: &[Checked<'_>],
    opts: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(results, opts, out),
        Format::Json => json::render(results, opts, out),
        Format::Markdown => {
            for (i, checked) in results.iter().enumerate() {
                if i > 0 {
                    writeln!(out, "\n---\n")?;
                }
                markdown::render(&report(checked, opts.lang), out)?;
            }
            Ok(())
        }
        Format::Csv => csv::render(results, opts, out),
        Format::Junit => junit::render(results, opts, out),
        Format::Github => github::render(results, opts, out),
    }
}

/// The tool's name and version, for report footers.
pub const TOOL: &str = concat!("almen ", env!("CARGO_PKG_VERSION"));

/// The board's report of one checked assessment.
pub fn report(checked: &Checked<'_>, lang: Lang) -> crate::report::Report {
    let names: Vec<String> = checked
        .loaded
        .checklists
        .iter()
        .map(|c| match &c.path {
            Some(p) => crate::load::display(p),
            None => format!("<{}>/{}.toml", lang.pick("indbygget", "built-in"), c.id()),
        })
        .collect();
    crate::report::build(checked, lang, TOOL, &checked.file(), &names)
}

/// Totals across several assessments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub assessments: usize,
    pub compliant: usize,
    pub critical: usize,
    pub major: usize,
    pub minor: usize,
    pub explained: usize,
    pub notices: usize,
    pub mean: f64,
    pub min: f64,
    pub max: f64,
}

pub fn summary(results: &[Checked<'_>]) -> Summary {
    let n = results.len();
    let sum = |f: fn(&Checked<'_>) -> usize| results.iter().map(f).sum();
    let adherences = results.iter().map(|r| r.eval.adherence);
    Summary {
        assessments: n,
        compliant: results.iter().filter(|r| r.eval.compliant).count(),
        critical: sum(|r| r.eval.counts.critical),
        major: sum(|r| r.eval.counts.major),
        minor: sum(|r| r.eval.counts.minor),
        explained: sum(|r| r.eval.counts.explained),
        notices: sum(|r| r.eval.counts.notices),
        mean: if n == 0 {
            0.0
        } else {
            (adherences.clone().sum::<f64>() / n as f64 * 10.0).round() / 10.0
        },
        min: adherences.clone().fold(f64::INFINITY, f64::min).min(100.0),
        max: adherences.fold(0.0, f64::max),
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
            d(
                "Opfyldt, men ingen dokumentation er angivet.",
                "Met, but no evidence is given.",
            ),
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
