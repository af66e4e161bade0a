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
use unicode_segmentation::UnicodeSegmentation;

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
    pub da: Cow<'static, str>,
    /// English text; Danish is shown where it is missing.
    pub en: Option<Cow<'static, str>>,
}

/// A list of texts in Danish and, optionally, English.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextList {
    /// Danish entries.
    #[serde(default)]
    pub da: Vec<Cow<'static, str>>,
    /// English entries; the Danish ones are shown where this is missing.
    pub en: Option<Vec<Cow<'static, str>>>,
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
    pub version: Cow<'static, str>,
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
    pub publisher: Cow<'static, str>,
    /// The title of the source.
    pub title: Cow<'static, str>,
    /// Where the source can be read.
    pub url: Option<Cow<'static, str>>,
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
    pub basis: Option<Cow<'static, str>>,
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
    /// Whether the item's counterparty is the municipal council, so that an
    /// organisation in several municipalities answers it once for each:
    /// its Danish counterparty is "kommunalbestyrelsen" or "kommunen"
    /// (in any case).
    pub fn municipal(&self) -> bool {
        self.counterparty.as_ref().is_some_and(|c| {
            let da = c.da.trim().to_lowercase();
            da == "kommunalbestyrelsen" || da == "kommunen"
        })
    }

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
#[schemars(extend("not" = { "required": ["municipality", "municipalities"] }))]
pub struct Organisation {
    /// The organisation's name.
    pub name: String,
    /// CVR number.
    pub cvr: Option<String>,
    /// The municipality the organisation holds its styringsdialog with.
    /// Not together with `municipalities`.
    pub municipality: Option<String>,
    /// The municipalities the organisation holds its styringsdialog with,
    /// where it has departments in more than one: an item whose
    /// counterparty is the municipal council is then answered once for
    /// each (`per`). Instead of `municipality`.
    #[schemars(with = "Option<Vec<String>>", length(min = 1))]
    pub municipalities: Option<Spanned<Vec<Spanned<String>>>>,
}

impl Organisation {
    /// The municipalities a `per` entry may name: those listed in
    /// `municipalities`, or the one `municipality`.
    pub fn listed(&self) -> Vec<&str> {
        match (&self.municipalities, &self.municipality) {
            (Some(list), _) => list
                .get_ref()
                .iter()
                .map(|m| m.get_ref().as_str())
                .collect(),
            (None, Some(one)) => vec![one.as_str()],
            (None, None) => Vec::new(),
        }
    }

    /// The municipality or municipalities, as one line: "Aarhus Kommune,
    /// Skanderborg Kommune".
    pub fn municipality_line(&self) -> Option<String> {
        match &self.municipalities {
            Some(list) => Some(
                list.get_ref()
                    .iter()
                    .map(|m| m.get_ref().as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            None => self.municipality.clone(),
        }
    }
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
///
/// Written in a file as any word of [`STATUS_ALIASES`] (see
/// [`Status::from_word`]); always written out as its canonical word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Met (følger; for a duty, opfyldt).
    Met,
    /// Partly met (følger delvist; for a duty, delvist opfyldt).
    Partial,
    /// Not met (følger ikke; for a duty, ikke opfyldt).
    Unmet,
    /// Does not apply to this organisation (ikke relevant).
    NotApplicable,
}

/// Every word a status may be written as, in lower case with hyphens, and
/// the status it means: the canonical words, the Danish words of comply or
/// explain, the words for duties and the passive. Each is accepted on every
/// kind of item.
pub const STATUS_ALIASES: [(&str, Status); 14] = [
    ("met", Status::Met),
    ("partial", Status::Partial),
    ("unmet", Status::Unmet),
    ("not-applicable", Status::NotApplicable),
    ("følger", Status::Met),
    ("følger-delvist", Status::Partial),
    ("følger-ikke", Status::Unmet),
    ("ikke-relevant", Status::NotApplicable),
    ("opfyldt", Status::Met),
    ("delvist-opfyldt", Status::Partial),
    ("ikke-opfyldt", Status::Unmet),
    ("følges", Status::Met),
    ("følges-delvist", Status::Partial),
    ("følges-ikke", Status::Unmet),
];

/// The status words a hint lists, canonical first: the English words, the
/// Danish ones and those for duties. The passive forms are accepted too,
/// but listing every variant would hide the choice.
pub const STATUS_WORDS: [&str; 11] = [
    "met",
    "partial",
    "unmet",
    "not-applicable",
    "følger",
    "følger-delvist",
    "følger-ikke",
    "ikke-relevant",
    "opfyldt",
    "delvist-opfyldt",
    "ikke-opfyldt",
];

impl Status {
    /// The status `word` names: a word of [`STATUS_ALIASES`], each letter in
    /// lower or upper case (`FØLGER`, `Følger`), each hyphen a hyphen or one
    /// space (`Følger delvist`). Nothing else: no whitespace around the word
    /// or doubled inside it, no other dash, no letter that only folds to one
    /// of these (the Kelvin sign is not a `k`), so that the JSON Schema
    /// ([`status_pattern`]) can say exactly the same.
    pub fn from_word(word: &str) -> Option<Status> {
        STATUS_ALIASES
            .iter()
            .find(|(alias, _)| spells(word, alias))
            .map(|(_, status)| *status)
    }
}

/// Whether `word` is `alias` written in any capitalisation, with a space
/// for any hyphen.
fn spells(word: &str, alias: &str) -> bool {
    let mut written = word.chars();
    alias.chars().all(|a| {
        written.next().is_some_and(|w| {
            w == a || (a == '-' && w == ' ') || a.to_uppercase().eq(std::iter::once(w))
        })
    }) && written.next().is_none()
}

/// The ECMA-262 pattern for every spelling [`Status::from_word`] accepts,
/// without flags: each letter as a class of its two cases, each hyphen as
/// `[- ]`.
pub fn status_pattern() -> String {
    let alternatives: Vec<String> = STATUS_ALIASES
        .iter()
        .map(|(alias, _)| {
            alias
                .chars()
                .map(|c| match c {
                    '-' => "[- ]".to_owned(),
                    c => {
                        let upper: String = c.to_uppercase().collect();
                        format!("[{c}{upper}]")
                    }
                })
                .collect()
        })
        .collect();
    format!("^({})$", alternatives.join("|"))
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
                Status::from_word(v).ok_or_else(|| E::unknown_variant(v, &STATUS_WORDS))
            }
        }

        deserializer.deserialize_any(StatusVisitor)
    }
}

impl JsonSchema for Status {
    fn schema_name() -> Cow<'static, str> {
        "Status".into()
    }

    // The words listed first, so that an editor offers them; then every
    // spelling the loader accepts.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "met | partial | unmet | not-applicable; in Danish følger | følger-delvist | følger-ikke | ikke-relevant; for a duty opfyldt | delvist-opfyldt | ikke-opfyldt; or følges | følges-delvist | følges-ikke. Any capitalisation, and a space for a hyphen: \"Følger delvist\".",
            "type": "string",
            "anyOf": [
                { "enum": STATUS_WORDS },
                { "pattern": status_pattern() },
            ],
        })
    }
}

/// The answer for one item: one answer, or, on an item whose counterparty
/// is the municipal council, one for each municipality (`per`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(extend("oneOf" = [{ "required": ["status"] }, { "required": ["per"] }]))]
pub struct Answer {
    /// met | partial | unmet | not-applicable (or the Danish words).
    /// Required, unless the item is answered per municipality (`per`);
    /// never together with `per`.
    #[schemars(with = "Option<Status>")]
    pub status: Option<Spanned<Status>>,
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
    /// Until when the answer holds: an agreement that runs out, a policy
    /// adopted for a period. Not before `date`.
    #[schemars(with = "Option<Date>")]
    pub valid_until: Option<Spanned<Date>>,
    /// Items whose counterparty is the municipal council only: one answer
    /// for each municipality the organisation lists, instead of `status`
    /// and the fields beside it (`note` may stay, for the item as a whole).
    #[serde(default)]
    pub per: Vec<PerMunicipality>,
}

/// One municipality's answer to an item whose counterparty is the
/// municipal council (`[[answers.STY-1.per]]`): the fields of an answer,
/// and the municipality it is for.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PerMunicipality {
    /// One of `organisation.municipalities` (or the one
    /// `organisation.municipality`), as written there.
    #[schemars(with = "String")]
    pub municipality: Spanned<String>,
    /// met | partial | unmet | not-applicable (or the Danish words).
    pub status: Status,
    /// When it was last done with this municipality.
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
    /// When the organisation asked this municipality in writing to do its
    /// part (with the request as evidence).
    #[schemars(with = "Option<Date>")]
    pub requested: Option<Spanned<Date>>,
    /// Until when the answer holds. Not before `date`.
    #[schemars(with = "Option<Date>")]
    pub valid_until: Option<Spanned<Date>>,
}

impl PerMunicipality {
    /// The entry as an answer of its own, as scoring takes it.
    pub fn answer(&self) -> Answer {
        Answer {
            status: Some(Spanned::new(self.municipality.span(), self.status)),
            date: self.date.clone(),
            evidence: self.evidence.clone(),
            note: self.note.clone(),
            explanation: self.explanation.clone(),
            plan: self.plan.clone(),
            requested: self.requested.clone(),
            valid_until: self.valid_until.clone(),
            per: Vec::new(),
        }
    }
}

impl Answer {
    /// The status; an answer without one (answered `per` municipality)
    /// counts as unmet where a status is asked for.
    pub fn status(&self) -> Status {
        self.status.as_ref().map_or(Status::Unmet, |s| *s.get_ref())
    }

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

/// The hint `almen init` writes beside every recommendation, in each
/// language: copied into `explanation` as it stands, it explains nothing.
pub const TEMPLATE_EXPLANATION: [&str; 2] = [
    "hvorfor, og hvad I gør i stedet",
    "why, and what you do instead",
];

/// Words that, at the start of a text, mark the whole of it as a
/// placeholder ("TODO: skriv forklaringen").
const PLACEHOLDER_STARTS: &[&str] = &["tbd", "tba", "todo", "fixme", "xxx", "lorem ipsum"];

/// Words that, at the start of a text, say that the explanation is still
/// to come ("Forklaring følger på næste møde"), unless the next word makes
/// them say where it comes from ("Forklaringen følger af vedtægten …").
const LATER_STARTS: &[&str] = &[
    "forklaring følger",
    "forklaringen følger",
    "forklaring kommer",
    "forklaringen kommer",
    "explanation to follow",
    "explanation follows",
    "explanation will follow",
];

/// The words after a [`LATER_STARTS`] that make it an explanation.
const LATER_BUT_FROM: &[&str] = &["af", "fra", "from", "of"];

/// The words of [`PLACEHOLDERS`], in order.
static PLACEHOLDER_WORDS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut words: Vec<&str> = PLACEHOLDERS
        .iter()
        .flat_map(|p| p.split(|c: char| !(c.is_alphanumeric() || c == '/')))
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// Whether a character is invisible on the page: whitespace, control and
/// format characters (zero-width space, byte-order mark, direction marks).
fn invisible(c: char) -> bool {
    if c.is_ascii() {
        // Space and the control characters: every ASCII one of the below.
        return c <= ' ' || c == '\x7f';
    }
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{034f}'
                | '\u{061c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
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
    // A text whose first word is plainly its own is no placeholder,
    // however long the rest.
    if !plainly_worded(text) && placeholder(text) {
        return Some(Hollow::Placeholder);
    }
    // Counted as a reader counts letters, only as far as the least that
    // counts (an explanation can be pages long): an accent written as its
    // own character belongs to its letter, invisible characters do not
    // count, and a run of spaces is one. Below U+0300 (where the combining
    // accents begin; æ, ø and å are below it) a character is a letter of
    // its own: most explanations are told by their first characters alone
    // (a line end written \r\n is one).
    let is_plain = |c: char| c < '\u{300}' && c != '\r';
    let mut fell = false;
    let enough = counted(text.chars().map_while(|c| {
        fell = !is_plain(c);
        (!fell).then_some((c.is_whitespace(), invisible(c)))
    })) || (fell
        && counted(text.graphemes(true).map(|g| {
            let space = g.chars().all(char::is_whitespace);
            (space, !space && g.chars().all(invisible))
        })));
    if !enough {
        return Some(Hollow::TooShort);
    }
    None
}

/// Whether `text`, trimmed, begins with a word that no placeholder begins
/// with, so that it is none: two or more different ASCII letters or
/// digits, ended by an ASCII character other than `/` (or by the end),
/// neither a word of [`PLACEHOLDERS`] nor the first of the template's
/// hint. Every way a text can be a placeholder is a way its first word is
/// (one of those words, one character repeated, or none at all), so most
/// explanations are told by their first word, however long they are.
fn plainly_worded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let end = bytes
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len());
    let (Some(first), Some(word)) = (bytes.first(), text.get(..end)) else {
        return false;
    };
    if bytes.get(end).is_some_and(|b| *b == b'/' || !b.is_ascii()) {
        return false;
    }
    let repeated = word.bytes().all(|b| b.eq_ignore_ascii_case(first));
    let template = TEMPLATE_EXPLANATION.iter().any(|t| {
        t.split(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    });
    !repeated
        && !template
        && !PLACEHOLDER_WORDS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether `text`, trimmed and not empty, is a placeholder.
fn placeholder(text: &str) -> bool {
    let words = lower_words(text);
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
    // "n/a n/a n/a", "n/a – n/a", "ikke relevant ikke relevant": every
    // word one of the placeholders' words. A real explanation has another
    // word, nearly always its first.
    let only_placeholders = bare
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .all(|w| PLACEHOLDER_WORDS.binary_search(&w).is_ok());
    // "Forklaring følger senere" is a promise; "Forklaring følger: …" and
    // "Forklaringen følger af vedtægten" give the explanation.
    let later = LATER_STARTS.iter().any(|p| {
        bare.strip_prefix(*p).is_some_and(|rest| {
            let next = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
            (rest.is_empty() || !rest.starts_with(char::is_alphanumeric))
                && !rest.contains(':')
                && !LATER_BUT_FROM
                    .iter()
                    .any(|w| next.split(|c: char| !c.is_alphanumeric()).next() == Some(*w))
        })
    });
    // The template's hint, however it is punctuated.
    let letters_only = |t: &str| -> String {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let template = TEMPLATE_EXPLANATION.iter().any(|t| {
        // Only a text with no more letters than the hint can be it.
        bare.chars()
            .filter(|c| c.is_alphanumeric())
            .nth(t.len())
            .is_none()
            && letters_only(bare) == letters_only(&t.to_lowercase())
    });
    PLACEHOLDERS.contains(&bare)
        || PLACEHOLDER_STARTS.iter().any(starts_with_word)
        || only_placeholders
        || later
        || template
        || repeated
        || no_letters
}

/// The words of `text`, lower case, one space between each.
fn lower_words(text: &str) -> String {
    // A capital sigma is lower-cased by where it stands in its word,
    // which only lower-casing the whole text knows.
    if text.contains('Σ') {
        return lower_words_of_whole(text);
    }
    // Otherwise a character at a time, in one pass.
    let mut words = String::with_capacity(text.len());
    let mut between = false;
    for c in text.chars() {
        if invisible(c) {
            between = true;
            continue;
        }
        if between && !words.is_empty() {
            words.push(' ');
        }
        between = false;
        if c.is_ascii() {
            words.push(c.to_ascii_lowercase());
        } else {
            words.extend(c.to_lowercase());
        }
    }
    words
}

/// [`lower_words`] the slow way: the whole text lower-cased, then split.
fn lower_words_of_whole(text: &str) -> String {
    text.to_lowercase()
        .split(invisible)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the units of a text (each a space, invisible, or a letter)
/// make up [`MIN_EXPLANATION`] as a reader counts them: a run of spaces
/// is one, invisible units none. Stops there.
fn counted(units: impl Iterator<Item = (bool, bool)>) -> bool {
    let mut n = 0;
    let mut after_space = true;
    for (space, invisible) in units {
        if space {
            if !after_space {
                n += 1;
                after_space = true;
            }
        } else if !invisible {
            n += 1;
            after_space = false;
        }
        if n >= MIN_EXPLANATION {
            return true;
        }
    }
    false
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

            // What `toml::value::Datetime`'s own deserializer does, but
            // for a plain date, which is read straight from its text
            // rather than parsed as a datetime first.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                if map.next_key::<DatetimeKey>()?.is_none() {
                    return Err(de::Error::custom("datetime key not found"));
                }
                let dt = match map.next_value::<DatetimeText>()? {
                    DatetimeText::Date(date) => return Ok(Date(date)),
                    DatetimeText::Other(dt) => dt,
                };
                match (dt.date, dt.time, dt.offset) {
                    (Some(d), None, None) => calendar_day(d).map(Date).ok_or_else(|| {
                        de::Error::custom(format_args!("{BAD_DATE}{DATE_INVALID}:{d}"))
                    }),
                    _ => Err(de::Error::custom(format_args!(
                        "{BAD_DATE}{DATE_TIME}:{dt}"
                    ))),
                }
            }
        }

        deserializer.deserialize_any(DateVisitor)
    }
}

/// The key under which the `toml` deserializer hands over a datetime's
/// text, as `toml::value::Datetime`'s deserializer checks it.
struct DatetimeKey;

impl<'de> Deserialize<'de> for DatetimeKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = DatetimeKey;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a valid datetime field")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<DatetimeKey, E> {
                if v == "$__toml_private_datetime" {
                    Ok(DatetimeKey)
                } else {
                    Err(E::custom("expected field with custom name"))
                }
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// A datetime's text: a calendar date when it is one written
/// `YYYY-MM-DD`, else what `toml` parses it to, with its error.
enum DatetimeText {
    Date(NaiveDate),
    Other(toml::value::Datetime),
}

impl<'de> Deserialize<'de> for DatetimeText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl Visitor<'_> for TextVisitor {
            type Value = DatetimeText;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("string containing a datetime")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<DatetimeText, E> {
                match plain_date(v) {
                    Some(date) => Ok(DatetimeText::Date(date)),
                    None => v.parse().map(DatetimeText::Other).map_err(E::custom),
                }
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

/// `YYYY-MM-DD`, a date of the calendar, as a date; `None` for any other
/// text, which is left for `toml` to parse (and to find fault with).
pub(crate) fn plain_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// The day of the calendar a TOML date is, if there is one (TOML knows no
/// 30 February either, but its `Date` holds any numbers).
pub(crate) fn calendar_day(d: toml::value::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
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

/// Every spelling of every status word, and spellings that are none, for
/// the tests of the deserializer here and of the JSON Schema.
#[cfg(test)]
pub(crate) mod status_spellings {
    use super::{STATUS_ALIASES, Status};

    /// Each alias in lower case, upper case, with a capital first letter,
    /// with every word capitalised and in alternating case; each with
    /// hyphens and with spaces.
    pub(crate) fn accepted() -> Vec<(String, Status)> {
        let mut out = Vec::new();
        for (alias, status) in STATUS_ALIASES {
            let words = |f: &dyn Fn(&str) -> String| -> String {
                alias.split('-').map(f).collect::<Vec<_>>().join("-")
            };
            let capital = |w: &str| -> String {
                let mut chars = w.chars();
                chars
                    .next()
                    .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
            };
            let alternating: String = alias
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_uppercase().collect::<Vec<_>>()
                    } else {
                        vec![c]
                    }
                })
                .collect();
            let forms = [
                alias.to_owned(),
                alias.to_uppercase(),
                capital(alias),
                words(&capital),
                alternating,
            ];
            for form in forms {
                out.push((form.replace('-', " "), status));
                out.push((form, status));
            }
        }
        out
    }

    /// Not a status: whitespace around a word or doubled, other separators
    /// and dashes, words run together, misspelt or in another order, other
    /// words, a letter that only folds to one of them.
    pub(crate) const REJECTED: &[&str] = &[
        "",
        " ",
        " met",
        "met ",
        " Følger delvist ",
        "met\n",
        "følger  delvist",
        "følger\tdelvist",
        "følger\u{a0}delvist",
        "følger - delvist",
        "følger_delvist",
        "følger–delvist",
        "følgerdelvist",
        "følger-",
        "-met",
        "følger delvis",
        "opfyldt delvist",
        "ikke følger",
        "delvist",
        "ikke",
        "done",
        "yes",
        "fulfilled",
        "n/a",
        "METT",
        "I\u{212a}\u{212a}E-relevant",
        "følger-delvist-ikke",
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_ascii_character_is_invisible_when_it_is_whitespace_or_control() {
        for c in (0u8..=0x7f).map(char::from) {
            assert_eq!(invisible(c), c.is_whitespace() || c.is_control(), "{c:?}");
        }
    }

    #[test]
    fn words_lower_cased_a_character_at_a_time_are_the_whole_texts() {
        for text in [
            "",
            "  TBD  ",
            "Forklaring\u{200b}FØLGER\tsenere",
            "ΟΔΟΣ ΣΟΦΟΣ",
            "İstanbul KELVIN \u{212a}",
            "\u{feff}N/A\r\n",
            "ß ẞ Æ Ø Å",
        ] {
            assert_eq!(lower_words(text), lower_words_of_whole(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn lower_words_agrees_with_the_whole_text_lower_cased(
            text in "[a-zA-Z ÆØÅæøåΣσİ\u{212a}\u{200b}\u{feff}\t\n.:/-]{0,40}",
        ) {
            prop_assert_eq!(lower_words(&text), lower_words_of_whole(&text));
        }

        #[test]
        fn hollow_the_quick_way_is_hollow_the_whole_way(text in near_placeholders()) {
            prop_assert!(quick_agrees(&text), "{text:?}");
        }
    }

    /// Whether [`hollow`] taking `text` for no placeholder by its first
    /// word ([`plainly_worded`]) is what reading it whole says: the two
    /// ways differ only where the quick one passes a placeholder.
    fn quick_agrees(text: &str) -> bool {
        let text = trim_invisible(text);
        text.is_empty() || !(plainly_worded(text) && placeholder(text))
    }

    /// Texts made of the pieces placeholders are made of, and of words
    /// near them.
    fn near_placeholders() -> impl Strategy<Value = String> {
        let mut pieces: Vec<&'static str> = PLACEHOLDERS.to_vec();
        pieces.extend(PLACEHOLDER_STARTS);
        pieces.extend(LATER_STARTS);
        pieces.extend(LATER_BUT_FROM);
        pieces.extend(TEMPLATE_EXPLANATION);
        pieces.extend([
            "TBD",
            "Tbdx",
            "N/A",
            "n",
            "/",
            "a",
            "aaaa",
            "AaA",
            "ab",
            "Why",
            "HVORFOR",
            "Bestyrelsen",
            "har valgt",
            "2026",
            " ",
            "  ",
            ".",
            ":",
            ",",
            "!",
            "-",
            "\t",
            "\r\n",
            "\u{200b}",
            "\u{feff}",
            "æ",
            "Ø",
            "Σ",
            "\u{212a}",
            "İ",
            "e\u{301}",
            "x",
        ]);
        prop::collection::vec(prop::sample::select(pieces), 0..8).prop_map(|p| p.concat())
    }

    #[test]
    fn a_plainly_worded_text_is_hollow_as_the_whole_reading_says() {
        let mut texts: Vec<String> = PLACEHOLDERS.iter().map(|p| p.to_string()).collect();
        for p in PLACEHOLDERS.iter().chain(&TEMPLATE_EXPLANATION) {
            texts.push(format!("{p} og mere til, så teksten er lang nok"));
            texts.push(format!("Bestyrelsen: {p}"));
            texts.push(p.to_uppercase());
        }
        texts.extend(
            [
                "Bestyrelsen har valgt en anden løsning, fordi organisationen er lille.",
                "Tbdx er vores eget ord for det, og det er forklaret her.",
                "Ab",
                "Aaaa aaaa aaaa aaaa aaaa",
                "Why, and what you do instead",
                "N/A fordi vi ikke har nogen afdelinger i kommunen",
                // A Kelvin sign lower-cases to `k`: "ikke relevant".
                "Ik\u{212a}e relevant",
            ]
            .map(String::from),
        );
        for text in &texts {
            assert!(quick_agrees(text), "{text:?}");
        }
        // The quick way is taken, and by an ordinary explanation; not for
        // a first word that goes on past a `/` or into a letter outside
        // ASCII, whatever that word is.
        assert!(plainly_worded(
            "Bestyrelsen har valgt en anden løsning, fordi organisationen er lille."
        ));
        assert!(plainly_worded("Bestyrelsen"));
        for text in ["Ab/cd er forklaret her", "Bestyrelsesmødeløsning", "tbd"] {
            assert!(!plainly_worded(text), "{text:?}");
        }
    }

    /// `status` deserialized from TOML, as the loader does it.
    fn parse(word: &str) -> Result<Status, String> {
        #[derive(Deserialize)]
        struct Doc {
            status: Status,
        }
        let text = format!("status = {}", toml::Value::String(word.to_owned()));
        toml::from_str::<Doc>(&text)
            .map(|d| d.status)
            .map_err(|e| e.message().to_owned())
    }

    #[test]
    fn every_alias_is_read_in_any_capitalisation_with_hyphen_or_space() {
        let accepted = status_spellings::accepted();
        assert_eq!(accepted.len(), STATUS_ALIASES.len() * 10);
        for (word, status) in accepted {
            assert_eq!(Status::from_word(&word), Some(status), "{word:?}");
            assert_eq!(parse(&word), Ok(status), "{word:?}");
        }
    }

    #[test]
    fn the_aliases_mean_what_the_format_says() {
        let cases = [
            ("met", Status::Met),
            ("partial", Status::Partial),
            ("unmet", Status::Unmet),
            ("not-applicable", Status::NotApplicable),
            ("Not applicable", Status::NotApplicable),
            ("følger", Status::Met),
            ("FØLGER", Status::Met),
            ("Følger delvist", Status::Partial),
            ("følger-ikke", Status::Unmet),
            ("ikke relevant", Status::NotApplicable),
            ("Opfyldt", Status::Met),
            ("delvist opfyldt", Status::Partial),
            ("IKKE-OPFYLDT", Status::Unmet),
            ("følges", Status::Met),
            ("Følges delvist", Status::Partial),
            ("følges ikke", Status::Unmet),
        ];
        for (word, status) in cases {
            assert_eq!(Status::from_word(word), Some(status), "{word:?}");
        }
    }

    #[test]
    fn anything_else_is_an_unknown_status_naming_the_words() {
        for word in status_spellings::REJECTED {
            assert_eq!(Status::from_word(word), None, "{word:?}");
            let message = parse(word).expect_err(word);
            assert!(
                message.starts_with("unknown variant"),
                "{word:?}: {message}"
            );
            for hint in STATUS_WORDS {
                assert!(message.contains(&format!("`{hint}`")), "{message}");
            }
        }
        // Not text at all is a wrong type.
        let err = toml::from_str::<Answer>("status = 1").unwrap_err();
        assert!(err.message().starts_with("invalid type"), "{err}");
    }

    #[test]
    fn the_words_a_hint_lists_are_accepted_and_canonical_first() {
        for word in STATUS_WORDS {
            assert!(Status::from_word(word).is_some(), "{word}");
        }
        let canonical: Vec<String> = [
            Status::Met,
            Status::Partial,
            Status::Unmet,
            Status::NotApplicable,
        ]
        .iter()
        .map(|s| {
            serde_json::to_value(s)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
        assert_eq!(STATUS_WORDS[..4], canonical);
    }

    #[test]
    fn the_pattern_is_one_class_per_letter() {
        let pattern = status_pattern();
        assert!(pattern.starts_with("^([mM][eE][tT]|"), "{pattern}");
        assert!(
            pattern.contains("|[fF][øØ][lL][gG][eE][rR][- ][dD]"),
            "{pattern}"
        );
        assert!(pattern.ends_with(")$"), "{pattern}");
    }

    /// A date deserialized from `date = <value>`, or the error's message
    /// and place.
    fn date(value: &str) -> Result<NaiveDate, (String, Option<std::ops::Range<usize>>)> {
        #[derive(Deserialize)]
        struct Doc {
            date: Date,
        }
        toml::from_str::<Doc>(&format!("date = {value}"))
            .map(|d| d.date.0)
            .map_err(|e| (e.message().to_owned(), e.span()))
    }

    /// The same, as `toml::value::Datetime` reads it, then made a date.
    fn date_via_datetime(
        value: &str,
    ) -> Result<NaiveDate, (String, Option<std::ops::Range<usize>>)> {
        #[derive(Deserialize)]
        struct Doc {
            date: toml::value::Datetime,
        }
        let doc = toml::from_str::<Doc>(&format!("date = {value}"))
            .map_err(|e| (e.message().to_owned(), e.span()))?;
        let whole = Some(7..7 + value.len());
        match (doc.date.date, doc.date.time, doc.date.offset) {
            (Some(d), None, None) => {
                calendar_day(d).ok_or_else(|| (format!("{BAD_DATE}{DATE_INVALID}:{d}"), whole))
            }
            _ => Err((format!("{BAD_DATE}{DATE_TIME}:{}", doc.date), whole)),
        }
    }

    /// A day read without TOML's date parser is the day it reads, and one
    /// it reads as no day (or as more than a day) is none.
    #[test]
    fn a_day_read_directly_is_the_day_toml_reads() {
        let mut texts: Vec<String> = Vec::new();
        for year in [0, 1, 4, 100, 400, 1900, 2000, 2024, 2026, 9999] {
            for month in 0..=13 {
                for day in [0, 1, 28, 29, 30, 31, 32] {
                    texts.push(format!("{year:04}-{month:02}-{day:02}"));
                }
            }
        }
        texts.extend(
            [
                "2026-1-01",
                "2026-01-1",
                "+026-01-01",
                "2026-01-01T10:00:00",
                "2026/01/01",
                "２026-01-01",
            ]
            .map(str::to_owned),
        );
        for text in &texts {
            let toml = text.parse::<toml::value::Datetime>().ok().and_then(|d| {
                match (d.date, d.time, d.offset) {
                    (Some(d), None, None) => calendar_day(d),
                    _ => None,
                }
            });
            match plain_date(text) {
                Some(day) => assert_eq!(Some(day), toml, "{text}"),
                None => assert!(toml.is_none() || text.len() != 10, "{text}"),
            }
        }
    }

    #[test]
    fn a_date_read_from_its_text_is_what_toml_datetime_reads() {
        for value in [
            "2026-05-20",
            "0000-01-01",
            "9999-12-31",
            "2024-02-29",
            "2025-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-05-20T10:00:00",
            "2026-05-20 10:00:00Z",
            "10:00:00",
        ] {
            assert_eq!(date(value), date_via_datetime(value), "{value}");
        }
        // A date where none is: the messages of `toml`'s own reading.
        assert_eq!(
            date("{ year = 2026 }").unwrap_err().0,
            "expected field with custom name"
        );
        assert!(date("\"2026-05-20\"").unwrap_err().0.starts_with(BAD_DATE));
    }
}
