//! The two file formats, checklist and assessment, as serde types.
//!
//! These types are the single description of both formats: the loader
//! deserializes into them and nothing else. They are strict (unknown keys are
//! errors) and keep the spans of the values that diagnostics point at.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use toml::Spanned;

/// The only format version this build reads, for both file kinds.
pub const FORMAT: u32 = 1;

/// What an id looks like, for the JSON Schema (the loader's own test is
/// `load::validate::is_id`).
const ID_PATTERN: &str = r"^[\p{L}\p{N}][\p{L}\p{N}._-]*$";

/// A text in Danish and, optionally, English.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Danish text (required).
    pub da: String,
    /// English text; Danish is shown where it is missing.
    pub en: Option<String>,
}

/// A list of texts in Danish and, optionally, English.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextList {
    /// Danish entries.
    #[serde(default)]
    pub da: Vec<String>,
    /// English entries; the Danish ones are shown where this is missing.
    pub en: Option<Vec<String>>,
}

/// A checklist file: a set of items one organisation is assessed against.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChecklistFile {
    /// Format version of this file; must be 1.
    #[schemars(with = "u32", range(min = 1, max = 1))]
    pub format: Spanned<u32>,
    /// The checklist's id, used in an assessment's `checklists`: letters,
    /// digits, `-`, `_` and `.`, at most 40, the first a letter or digit.
    #[schemars(with = "String", length(min = 1, max = 40), regex(pattern = ID_PATTERN))]
    pub id: Spanned<String>,
    /// The version of the content the checklist encodes.
    pub version: String,
    /// The checklist's title.
    pub title: Text,
    /// Where the content comes from.
    pub source: Source,
    /// The checklist's items.
    #[serde(default, rename = "item")]
    pub items: Vec<Item>,
}

/// Where a checklist's content comes from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Source {
    /// Who publishes the content.
    pub publisher: String,
    /// The title of the source.
    pub title: String,
    /// Where the source can be read.
    pub url: Option<String>,
    /// When the source was last updated.
    pub updated: Option<Date>,
    /// What could not be verified, said once for the whole checklist.
    pub notes: Option<Text>,
}

/// What an item is: a recommendation may be explained away, a duty may not.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Følg eller forklar: not following it is no gap when explained.
    Recommendation,
    /// Lovkrav: an explanation does not cure it.
    Duty,
}

/// One item of a checklist.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Item {
    /// The item's id, unique across all checklists loaded together,
    /// whatever its case: letters, digits, `-`, `_` and `.`, at most 40,
    /// the first a letter or digit.
    #[schemars(with = "String", length(min = 1, max = 40), regex(pattern = ID_PATTERN))]
    pub id: Spanned<String>,
    /// `recommendation` or `duty`.
    pub kind: Kind,
    /// Weight in the adherence score; default 1, from 0.001 to 1000.
    #[schemars(with = "Option<f64>", range(min = 0.001, max = 1000.0))]
    pub weight: Option<Spanned<f64>>,
    /// Short title.
    pub title: Text,
    /// What "met" looks like.
    pub guidance: Option<Text>,
    /// Typical evidence.
    #[serde(default)]
    pub evidence: TextList,
    /// The source or legal basis.
    pub basis: Option<String>,
    /// A rolling interval: the answer's `date` must be at most this many
    /// months old. Not together with `every`.
    #[schemars(with = "Option<u32>", range(min = 1, max = 1200))]
    pub every_months: Option<Spanned<u32>>,
    /// `calendar-year`: once in each calendar year, due on 31 December of
    /// the year after the answer's `date`. Not together with `every-months`.
    #[schemars(with = "Option<Every>")]
    pub every: Option<Spanned<Every>>,
    /// A notice is given this many days before the item falls due.
    #[schemars(with = "Option<u32>")]
    pub warn_days: Option<Spanned<u32>>,
    /// Whose action the item depends on (the municipal council): an answer
    /// may then record when the organisation asked it (`requested`).
    pub counterparty: Option<Text>,
    /// Duties only: the duty's own wording makes it conditional, so it may
    /// be answered `not-applicable` (with an explanation).
    #[schemars(with = "Option<bool>")]
    pub may_be_not_applicable: Option<Spanned<bool>>,
}

/// How often a recurring item falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    /// A rolling interval of this many calendar months.
    Months(u32),
    /// Once in each calendar year.
    CalendarYear,
}

/// The values of an item's `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Every {
    /// Once in each calendar year ("årligt").
    CalendarYear,
}

impl Item {
    pub fn weight(&self) -> f64 {
        self.weight.as_ref().map_or(1.0, |w| *w.get_ref())
    }

    /// How the item recurs, if it does. A checklist that gives both
    /// `every` and `every-months` does not load; were it to, `every` wins.
    pub fn recurrence(&self) -> Option<Recurrence> {
        match (&self.every, &self.every_months) {
            (Some(_), _) => Some(Recurrence::CalendarYear),
            (None, Some(m)) => Some(Recurrence::Months(*m.get_ref())),
            (None, None) => None,
        }
    }

    /// Whether `not-applicable` is an answer this item accepts: every
    /// recommendation, and a duty whose wording makes it conditional.
    pub fn may_be_not_applicable(&self) -> bool {
        self.kind == Kind::Recommendation
            || self
                .may_be_not_applicable
                .as_ref()
                .is_some_and(|m| *m.get_ref())
    }
}

/// An organisation's self-assessment.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AssessmentFile {
    /// Format version of this file; must be 1.
    #[schemars(with = "u32", range(min = 1, max = 1))]
    pub format: Spanned<u32>,
    /// The organisation assessed.
    pub organisation: Organisation,
    /// What the assessment covers and when it was made.
    pub assessment: AssessmentMeta,
    /// One answer per item id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Answer>")]
    pub answers: BTreeMap<Spanned<String>, Answer>,
}

/// The organisation assessed.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Organisation {
    /// The organisation's name.
    pub name: String,
    /// CVR number.
    pub cvr: Option<String>,
    /// The municipality the organisation holds its styringsdialog with.
    pub municipality: Option<String>,
}

/// What an assessment covers and when it was made.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AssessmentMeta {
    /// Checklist ids, or paths relative to the assessment file.
    #[schemars(with = "Vec<String>")]
    pub checklists: Vec<Spanned<String>>,
    /// When the assessment was made.
    #[schemars(with = "Option<Date>")]
    pub date: Option<Spanned<Date>>,
    /// When the board approved it.
    #[schemars(with = "Option<Date>")]
    pub approved: Option<Spanned<Date>>,
}

/// How far an item is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Met (følger).
    Met,
    /// Partly met (følger delvist).
    Partial,
    /// Not met (følger ikke).
    Unmet,
    /// Does not apply to this organisation (ikke relevant).
    NotApplicable,
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StatusVisitor;

        impl Visitor<'_> for StatusVisitor {
            type Value = Status;

            // A status that is not text (`status = 1`) is a wrong type, said
            // as such, not a confusing table error.
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Status, E> {
                Ok(match v {
                    "met" | "følger" => Status::Met,
                    "partial" | "følger-delvist" => Status::Partial,
                    "unmet" | "følger-ikke" => Status::Unmet,
                    "not-applicable" | "ikke-relevant" => Status::NotApplicable,
                    _ => return Err(E::unknown_variant(v, &STATUS_WORDS)),
                })
            }
        }

        deserializer.deserialize_any(StatusVisitor)
    }
}

impl JsonSchema for Status {
    fn schema_name() -> Cow<'static, str> {
        "Status".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "met | partial | unmet | not-applicable, or in Danish: følger | følger-delvist | følger-ikke | ikke-relevant",
            "type": "string",
            "enum": STATUS_WORDS,
        })
    }
}

/// The status words a user may write, canonical first, for hints.
pub const STATUS_WORDS: [&str; 8] = [
    "met",
    "partial",
    "unmet",
    "not-applicable",
    "følger",
    "følger-delvist",
    "følger-ikke",
    "ikke-relevant",
];

/// The answer for one item.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Answer {
    /// met | partial | unmet | not-applicable (or the Danish words).
    pub status: Status,
    /// When it was last done, adopted or reviewed.
    #[schemars(with = "Option<Date>")]
    pub date: Option<Spanned<Date>>,
    /// URLs, or paths relative to the assessment file.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub evidence: Vec<Spanned<String>>,
    /// A free note.
    pub note: Option<String>,
    /// Why the item is not (fully) followed and what is done instead.
    #[schemars(with = "Option<String>")]
    pub explanation: Option<Spanned<String>>,
    /// What will be done, by whom, by when.
    #[schemars(with = "Option<Plan>")]
    pub plan: Option<Spanned<Plan>>,
    /// Items with a counterparty only: when the organisation asked the
    /// counterparty in writing to do its part (with the request as evidence).
    #[schemars(with = "Option<Date>")]
    pub requested: Option<Spanned<Date>>,
}

impl Answer {
    /// The explanation, if it counts as one (see [`Hollow`]): trimmed of
    /// whitespace and invisible characters.
    pub fn explanation(&self) -> Option<&str> {
        let text = self.explanation.as_ref()?.get_ref();
        hollow(text).is_none().then(|| trim_invisible(text))
    }

    /// Why the explanation given does not count, if one is given and it
    /// does not.
    pub fn hollow_explanation(&self) -> Option<Hollow> {
        hollow(self.explanation.as_ref()?.get_ref())
    }

    pub fn plan(&self) -> Option<&Plan> {
        self.plan.as_ref().map(Spanned::get_ref)
    }
}

/// The fewest characters an explanation must have to count as one.
pub const MIN_EXPLANATION: usize = 20;

/// Why a text does not count as an explanation. There is one definition
/// of "explained": scoring and `validate` both ask [`hollow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hollow {
    /// Nothing but whitespace and invisible characters.
    Empty,
    /// A word that stands in for an explanation (`TBD`, `-`, "forklaring
    /// følger").
    Placeholder,
    /// Fewer than [`MIN_EXPLANATION`] characters.
    TooShort,
}

/// Texts that stand in for an explanation without being one, lower case,
/// without end punctuation.
const PLACEHOLDERS: &[&str] = &[
    "tbd",
    "tba",
    "todo",
    "fixme",
    "xxx",
    "n/a",
    "na",
    "-",
    "…",
    "...",
    "?",
    "forklaring følger",
    "forklaring følger senere",
    "forklaringen følger",
    "forklaringen følger senere",
    "følger senere",
    "kommer senere",
    "skrives senere",
    "udfyldes senere",
    "udfyldes",
    "se ovenfor",
    "se nedenfor",
    "ikke relevant",
    "ingen forklaring",
    "explanation to follow",
    "explanation follows",
    "to be written",
    "to be decided",
    "to be determined",
    "to follow",
    "see above",
    "see below",
    "not applicable",
    "no explanation",
    "lorem ipsum",
];

/// Words that, at the start of a text, mark the whole of it as a
/// placeholder ("TODO: skriv forklaringen").
const PLACEHOLDER_STARTS: &[&str] = &["tbd", "tba", "todo", "fixme", "xxx", "lorem ipsum"];

/// Whether a character is invisible on the page: whitespace, control and
/// format characters (zero-width space, byte-order mark, direction marks).
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}'
        )
}

/// A text without whitespace and invisible characters at its ends.
pub fn trim_invisible(text: &str) -> &str {
    text.trim_matches(invisible)
}

/// Why `text` does not count as an explanation, or `None` when it does:
/// once whitespace and invisible characters are trimmed from its ends, an
/// explanation has at least [`MIN_EXPLANATION`] characters and is not a
/// placeholder.
pub fn hollow(text: &str) -> Option<Hollow> {
    let text = trim_invisible(text);
    if text.is_empty() {
        return Some(Hollow::Empty);
    }
    let words: String = text
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || invisible(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let bare = words.trim_end_matches(['.', '!', ':', ';', ',']).trim_end();
    let starts_with_word = |p: &&str| {
        bare.strip_prefix(*p)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    };
    // A text of one character repeated ("------", "xxxxxxxx") or with no
    // letter or digit at all says nothing either.
    let mut chars = bare.chars().filter(|c| !c.is_whitespace());
    let first = chars.clone().next();
    let repeated = chars.all(|c| Some(c) == first);
    let no_letters = !bare.chars().any(char::is_alphanumeric);
    if PLACEHOLDERS.contains(&bare)
        || PLACEHOLDER_STARTS.iter().any(starts_with_word)
        || repeated
        || no_letters
    {
        return Some(Hollow::Placeholder);
    }
    if text
        .chars()
        .filter(|c| !invisible(*c) || c.is_whitespace())
        .count()
        < MIN_EXPLANATION
    {
        return Some(Hollow::TooShort);
    }
    None
}

/// What will be done about an item, by whom, by when.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Plan {
    /// What will be done.
    pub action: String,
    /// Who is responsible.
    pub owner: Option<String>,
    /// By when.
    #[schemars(with = "Option<Date>")]
    pub due: Option<Spanned<Date>>,
}

/// A calendar date, written as a TOML date (`2026-05-20`, unquoted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

/// Messages from [`Date`]'s deserializer are `bad date: <why>:<value>`, so
/// the loader can tell a bad date from other type errors and say why in the
/// user's language. `<why>` is one of the `DATE_*` words.
pub const BAD_DATE: &str = "bad date: ";
pub const DATE_QUOTED: &str = "quoted";
pub const DATE_INVALID: &str = "invalid";
pub const DATE_TIME: &str = "time";

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;

        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a TOML date such as 2026-05-20")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Err(E::custom(format_args!("{BAD_DATE}{DATE_QUOTED}:{v}")))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
                let dt =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (dt.date, dt.time, dt.offset) {
                    (Some(d), None, None) => {
                        NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                            .map(Date)
                            .ok_or_else(|| {
                                de::Error::custom(format_args!("{BAD_DATE}{DATE_INVALID}:{d}"))
                            })
                    }
                    _ => Err(de::Error::custom(format_args!(
                        "{BAD_DATE}{DATE_TIME}:{dt}"
                    ))),
                }
            }
        }

        deserializer.deserialize_any(DateVisitor)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A TOML date, unquoted: 2026-05-20",
            "type": "string",
            "format": "date",
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.format("%Y-%m-%d").fmt(f)
    }
}
