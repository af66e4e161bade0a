//! One answer's fields: how they are shown in the form ([`view`]) and how
//! the posted fields go back into the answer's TOML table ([`apply`]).
//!
//! Each field is named by a prefix and its key (`a.OMV-5.status`), so an
//! answer given once per municipality can use the same two functions with
//! a prefix of its own. A value the form did not change is left exactly
//! as it is written, comments and all; a changed value keeps the
//! comments around it.

use chrono::NaiveDate;
use serde::Serialize;
use toml_edit::{Array, InlineTable, Item, TableLike, Value};

use super::fields::Fields;
use almen::lang::Lang;
use almen::model::{Item as ChecklistItem, Kind, Status, hollow};
use almen::render::words::{Words, hollow_words};

/// The statuses the form offers, in the order it offers them.
const STATUSES: [Status; 4] = [
    Status::Met,
    Status::Partial,
    Status::Unmet,
    Status::NotApplicable,
];

/// One choice of a `<select>`.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A date field: shown as a date picker when it holds a date (or
/// nothing), as text when it holds something else, so that no value is
/// lost by a picker that cannot show it.
#[derive(Debug, Serialize)]
pub struct DateField {
    pub value: String,
    pub is_date: bool,
}

/// One answer as the form shows it.
#[derive(Debug, Serialize)]
pub struct AnswerView {
    /// What each field's name starts with.
    pub prefix: String,
    pub statuses: Vec<Choice>,
    pub date: DateField,
    /// The last day the answer holds (an agreement that runs out).
    pub valid_until: DateField,
    pub explanation: String,
    /// Why the explanation does not count, or what is missing; empty when
    /// nothing is.
    pub hint: String,
    /// One entry a line.
    pub evidence: String,
    pub note: String,
    pub plan_action: String,
    pub plan_owner: String,
    pub plan_due: DateField,
    /// Only items with a counterparty have a request date.
    pub requested: Option<DateField>,
}

/// The status words a file may hold, by what the form posts: the
/// canonical word, or the word as written when it is none the form knows.
fn status_choices(item: &ChecklistItem, written: Option<&str>, lang: Lang) -> Vec<Choice> {
    let current = written.map(|w| (w, Status::from_word(w)));
    let mut choices = vec![Choice {
        value: String::new(),
        label: lang.status(None, item.kind).to_owned(),
        selected: written.is_none_or(str::is_empty),
    }];
    choices.extend(STATUSES.iter().map(|&s| Choice {
        value: canonical(s).to_owned(),
        label: lang.status(Some(s), item.kind).to_owned(),
        selected: current.is_some_and(|(_, c)| c == Some(s)),
    }));
    if let Some((word, None)) = current
        && !word.is_empty()
    {
        choices.push(Choice {
            value: word.to_owned(),
            label: word.to_owned(),
            selected: true,
        });
    }
    choices
}

fn canonical(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::Partial => "partial",
        Status::Unmet => "unmet",
        Status::NotApplicable => "not-applicable",
    }
}

/// The word written into the file for a status chosen in the form: the
/// reader's own words, a duty's words for a duty.
fn written_word(s: Status, kind: Kind, lang: Lang) -> &'static str {
    match (lang, kind, s) {
        (Lang::En, _, s) => canonical(s),
        (Lang::Da, _, Status::NotApplicable) => "ikke-relevant",
        (Lang::Da, Kind::Recommendation, Status::Met) => "følger",
        (Lang::Da, Kind::Recommendation, Status::Partial) => "følger-delvist",
        (Lang::Da, Kind::Recommendation, Status::Unmet) => "følger-ikke",
        (Lang::Da, Kind::Duty, Status::Met) => "opfyldt",
        (Lang::Da, Kind::Duty, Status::Partial) => "delvist-opfyldt",
        (Lang::Da, Kind::Duty, Status::Unmet) => "ikke-opfyldt",
    }
}

/// An answer's table (or nothing, for an item not answered) as the form
/// shows it.
pub fn view(
    item: &ChecklistItem,
    answer: Option<&dyn TableLike>,
    prefix: &str,
    lang: Lang,
) -> AnswerView {
    let get = |key: &str| answer.and_then(|t| t.get(key));
    let plan = get("plan").and_then(Item::as_table_like);
    let plan_get = |key: &str| plan.and_then(|t| t.get(key));
    let status_word = get("status").map(shown);
    let explanation = get("explanation").map(shown).unwrap_or_default();
    let status = status_word.as_deref().and_then(Status::from_word);
    let hint = hint(item, status, &explanation, lang);
    AnswerView {
        prefix: prefix.to_owned(),
        statuses: status_choices(item, status_word.as_deref(), lang),
        date: date_field(get("date")),
        valid_until: date_field(get("valid-until")),
        hint,
        explanation,
        evidence: get("evidence").map(shown).unwrap_or_default(),
        note: get("note").map(shown).unwrap_or_default(),
        plan_action: plan_get("action").map(shown).unwrap_or_default(),
        plan_owner: plan_get("owner").map(shown).unwrap_or_default(),
        plan_due: date_field(plan_get("due")),
        requested: item
            .counterparty
            .is_some()
            .then(|| date_field(get("requested"))),
    }
}

/// What the form says under an explanation: why it does not count, by the
/// one definition of "explained" scoring uses, or that one is needed.
pub fn hint(item: &ChecklistItem, status: Option<Status>, explanation: &str, lang: Lang) -> String {
    if let Some(why) = hollow(explanation) {
        if !explanation.trim().is_empty() {
            return format!(
                "{} {}.",
                lang.pick(
                    "Tæller ikke som forklaring:",
                    "Does not count as an explanation:"
                ),
                hollow_words(lang, why)
            );
        }
        let asks = match (item.kind, status) {
            (
                Kind::Recommendation,
                Some(Status::Partial | Status::Unmet | Status::NotApplicable),
            ) => true,
            (Kind::Duty, Some(Status::NotApplicable)) => item.may_be_not_applicable(),
            _ => false,
        };
        if asks {
            return lang
                .pick(
                    "Skriv hvorfor, og hvad I gør i stedet (mindst 20 tegn).",
                    "Write why, and what you do instead (at least 20 characters).",
                )
                .to_owned();
        }
    }
    String::new()
}

pub fn date_field(item: Option<&Item>) -> DateField {
    match item.and_then(Item::as_value) {
        None => DateField {
            value: String::new(),
            is_date: true,
        },
        Some(Value::Datetime(d)) if d.value().time.is_none() && d.value().offset.is_none() => {
            DateField {
                value: d.value().to_string(),
                is_date: true,
            }
        }
        Some(v) => DateField {
            value: shown_value(v),
            is_date: false,
        },
    }
}

/// A value as a form field shows it: a text as its text, a list one entry
/// a line, anything else as TOML writes it.
fn shown(item: &Item) -> String {
    match item.as_value() {
        Some(v) => shown_value(v),
        None => item.to_string().trim().to_owned(),
    }
}

fn shown_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.value().clone(),
        Value::Datetime(d) => d.value().to_string(),
        Value::Array(a) => a.iter().map(shown_value).collect::<Vec<_>>().join("\n"),
        other => other.to_string().trim().to_owned(),
    }
}

/// Whether every field of an answer is empty: no answer at all.
pub fn is_blank(fields: &Fields, prefix: &str) -> bool {
    [
        "status",
        "date",
        "valid-until",
        "explanation",
        "evidence",
        "note",
        "plan-action",
        "plan-owner",
        "plan-due",
        "requested",
    ]
    .iter()
    .all(|key| fields.get(&format!("{prefix}{key}")).trim().is_empty())
}

/// Puts the posted fields of one answer into its table.
pub fn apply(
    item: &ChecklistItem,
    fields: &Fields,
    prefix: &str,
    lang: Lang,
    answer: &mut dyn TableLike,
) {
    let field = |key: &str| fields.get(&format!("{prefix}{key}"));
    let status = field("status").trim();
    let unchanged = answer
        .get("status")
        .and_then(Item::as_str)
        .is_some_and(|old| {
            old == status
                || Status::from_word(old).is_some_and(|o| Status::from_word(status) == Some(o))
        });
    if !unchanged {
        let word = match Status::from_word(status) {
            Some(s) => written_word(s, item.kind, lang),
            None => status,
        };
        set(
            answer,
            "status",
            (!word.is_empty()).then(|| Value::from(word)),
        );
    }
    set(answer, "date", date_value(field("date")));
    set(answer, "valid-until", date_value(field("valid-until")));
    if item.counterparty.is_some() || answer.contains_key("requested") {
        set(answer, "requested", date_value(field("requested")));
    }
    set(answer, "explanation", text_value(field("explanation")));
    set(answer, "evidence", list_value(field("evidence")));
    set(answer, "note", text_value(field("note")));
    let plan = [
        ("action", text_value(field("plan-action"))),
        ("owner", text_value(field("plan-owner"))),
        ("due", date_value(field("plan-due"))),
    ];
    if plan.iter().all(|(_, v)| v.is_none()) {
        answer.remove("plan");
        return;
    }
    if answer.get("plan").and_then(Item::as_table_like).is_none() {
        let mut table = InlineTable::new();
        table.fmt();
        answer.insert("plan", Item::Value(Value::InlineTable(table)));
    }
    if let Some(t) = answer.get_mut("plan").and_then(Item::as_table_like_mut) {
        for (key, value) in plan {
            set(t, key, value);
        }
    }
}

/// Sets `key` to `new`, or removes it for `None`; a value equal to the one
/// written is left as it is written, and a replaced value keeps the
/// comments and spaces around it.
pub fn set(table: &mut dyn TableLike, key: &str, new: Option<Value>) {
    let Some(mut new) = new else {
        table.remove(key);
        return;
    };
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            if !same(old, &new) {
                *new.decor_mut() = old.decor().clone();
                *old = new;
            }
        }
        _ => {
            table.insert(key, Item::Value(new));
        }
    }
}

/// Whether two values say the same, however each is written.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Datetime(a), Value::Datetime(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same(a, b))
        }
        _ => false,
    }
}

/// A text field: `None` when empty; line ends as a file writes them.
pub fn text_value(text: &str) -> Option<Value> {
    let text = text.replace("\r\n", "\n");
    (!text.trim().is_empty()).then(|| Value::from(text.trim_end().to_owned()))
}

/// A date field: a TOML date when it is one; anything else is kept as the
/// text typed, for the loader to say what is wrong with it.
pub fn date_value(text: &str) -> Option<Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(_) => match text.parse::<toml_edit::Datetime>() {
            Ok(d) => Value::from(d),
            Err(_) => Value::from(text),
        },
        Err(_) => Value::from(text),
    })
}

/// A list field, one entry a line: `None` when it has none.
pub fn list_value(text: &str) -> Option<Value> {
    let entries: Array = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    (!entries.is_empty()).then(|| Value::Array(entries))
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml_edit::DocumentMut;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        Fields::from_pairs(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        )
    }

    fn item(kind: &str, extra: &str) -> ChecklistItem {
        let text =
            format!("id = \"X-1\"\nkind = \"{kind}\"\ntitle = {{ da = \"Titel\" }}\n{extra}");
        toml::from_str(&text).expect("an item")
    }

    fn apply_to(text: &str, item: &ChecklistItem, posted: &[(&str, &str)]) -> String {
        let mut doc: DocumentMut = text.parse().expect("TOML");
        let table = doc["answers"]["X-1"]
            .as_table_like_mut()
            .expect("an answer");
        apply(item, &fields(posted), "a.X-1.", Lang::Da, table);
        doc.to_string()
    }

    const ANSWER: &str = "[answers.X-1]\n# kept\nstatus = \"Følger delvist\"  # as written\ndate = 2025-03-12\nevidence = [\"a.pdf\",\n  \"b.pdf\"]  # two\nexplanation = \"Vi gør det på en anden måde, som virker.\"\n";

    #[test]
    fn unchanged_fields_keep_their_spelling_and_comments() {
        let posted = [
            ("a.X-1.status", "partial"),
            ("a.X-1.date", "2025-03-12"),
            ("a.X-1.evidence", "a.pdf\r\nb.pdf\r\n"),
            (
                "a.X-1.explanation",
                "Vi gør det på en anden måde, som virker.",
            ),
        ];
        assert_eq!(
            apply_to(ANSWER, &item("recommendation", ""), &posted),
            ANSWER
        );
    }

    #[test]
    fn a_changed_status_is_written_in_the_readers_words_and_keeps_its_comment() {
        let posted = [
            ("a.X-1.status", "met"),
            ("a.X-1.date", "2025-03-12"),
            ("a.X-1.evidence", "a.pdf\nb.pdf"),
            (
                "a.X-1.explanation",
                "Vi gør det på en anden måde, som virker.",
            ),
        ];
        let out = apply_to(ANSWER, &item("duty", ""), &posted);
        assert!(out.contains("status = \"opfyldt\"  # as written"), "{out}");
        assert!(out.contains("# kept"), "{out}");
    }

    #[test]
    fn empty_fields_are_removed_and_new_ones_added() {
        let posted = [
            ("a.X-1.status", "unmet"),
            ("a.X-1.note", "En note"),
            ("a.X-1.plan-action", "Vedtag en politik"),
            ("a.X-1.plan-due", "2027-03-01"),
            ("a.X-1.requested", "2026-10-15"),
            ("a.X-1.valid-until", "2027-06-30"),
        ];
        let out = apply_to(
            ANSWER,
            &item("duty", "counterparty = { da = \"kommunen\" }"),
            &posted,
        );
        assert!(!out.contains("evidence"), "{out}");
        assert!(!out.contains("date = 2025-03-12"), "{out}");
        assert!(out.contains("note = \"En note\""), "{out}");
        assert!(out.contains("requested = 2026-10-15"), "{out}");
        assert!(out.contains("valid-until = 2027-06-30"), "{out}");
        assert!(
            out.contains("plan = { action = \"Vedtag en politik\", due = 2027-03-01 }"),
            "{out}"
        );
    }

    #[test]
    fn a_date_that_is_no_date_is_kept_as_typed() {
        assert_eq!(
            date_value("2026-02-30").map(|v| v.to_string()),
            Some("\"2026-02-30\"".to_owned())
        );
        assert_eq!(
            date_value(" 2026-02-28 ").map(|v| v.to_string()),
            Some("2026-02-28".to_owned())
        );
        assert!(date_value("  ").is_none());
    }

    #[test]
    fn the_hint_uses_the_one_definition_of_explained() {
        let rec = item("recommendation", "");
        let da = |s, e| hint(&rec, s, e, Lang::Da);
        assert!(da(Some(Status::Unmet), "TBD").contains("pladsholder"));
        assert!(da(Some(Status::Unmet), "For kort").contains("under 20 tegn"));
        assert!(da(Some(Status::Unmet), "").contains("mindst 20 tegn"));
        assert_eq!(da(Some(Status::Met), ""), "");
        assert_eq!(
            da(
                Some(Status::Unmet),
                "Vi gør det på en anden måde, som virker."
            ),
            ""
        );
    }

    #[test]
    fn a_status_word_the_form_does_not_know_is_offered_as_written() {
        let view = view(&item("recommendation", ""), None, "a.X-1.", Lang::Da);
        assert!(view.statuses[0].selected);
        let doc: DocumentMut = "[answers.X-1]\nstatus = \"måske\"\n".parse().unwrap();
        let table = doc["answers"]["X-1"].as_table_like();
        let view = super::view(&item("recommendation", ""), table, "a.X-1.", Lang::Da);
        let chosen: Vec<_> = view.statuses.iter().filter(|c| c.selected).collect();
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].value, "måske");
    }
}
