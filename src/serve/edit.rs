//! The whole form put into the assessment's document: the organisation,
//! the assessment's dates, and each item's answer (by `answer::apply`).
//! Only what the form posted is touched: an item whose fields were not
//! posted keeps its answer as it is.

use std::sync::Arc;

use toml_edit::{DocumentMut, Item, Key, Table, TableLike, Value};

use super::answer::{self, date_value, set, text_value};
use super::fields::Fields;
use almen::lang::Lang;
use almen::load::Checklist;

/// The field name prefix of an item's answer.
pub fn answer_prefix(id: &str) -> String {
    format!("a.{id}.")
}

/// Puts the posted form into the document.
pub fn apply(doc: &mut DocumentMut, checklists: &[Arc<Checklist>], form: &Fields, lang: Lang) {
    if form.has("org.name") {
        if let Some(org) = table_in(doc.as_table_mut(), "organisation", false) {
            set(
                org,
                "name",
                Some(toml_edit::Value::from(form.get("org.name").trim())),
            );
            set(org, "cvr", text_value(form.get("org.cvr")));
            set_municipalities(org, &posted_municipalities(form));
        }
        if let Some(meta) = table_in(doc.as_table_mut(), "assessment", false) {
            set(meta, "date", date_value(form.get("assessment.date")));
            set(
                meta,
                "approved",
                date_value(form.get("assessment.approved")),
            );
        }
    }
    let mut first_new: Option<&str> = None;
    for checklist in checklists {
        for item in &checklist.file.items {
            let id = item.id.get_ref();
            let prefix = answer_prefix(id);
            // A select always posts: without it, the item was not in the
            // form, and its answer is not the form's to change.
            if !form.has(&format!("{prefix}status")) {
                continue;
            }
            let existing = doc
                .get("answers")
                .and_then(Item::as_table_like)
                .and_then(|a| a.get(id));
            // An item answered per municipality (`[[answers.ID.per]]`) has
            // no one status for the form to show or set: its entries stay
            // as written, however the form's fields for it were posted.
            if existing
                .and_then(Item::as_table_like)
                .is_some_and(|t| t.contains_key("per"))
            {
                continue;
            }
            let blank = answer::is_blank(form, &prefix);
            let has_answer = existing.is_some();
            if blank {
                if has_answer
                    && let Some(answers) = doc.get_mut("answers").and_then(Item::as_table_like_mut)
                {
                    answers.remove(id);
                }
                continue;
            }
            let Some(answers) = table_in(doc.as_table_mut(), "answers", true) else {
                continue;
            };
            if let Some(table) = table_in_like(answers, id) {
                answer::apply(item, form, &prefix, lang, table);
            }
            if !has_answer {
                first_new.get_or_insert(id);
            }
        }
    }
    if let Some(id) = first_new {
        after_the_comments_at_the_end(doc, id);
    }
}

/// The municipalities the form lists, in order: every field filled in
/// (`org.municipality.0`, `org.municipality.1` …, after a lone
/// `org.municipality`).
fn posted_municipalities(form: &Fields) -> Vec<String> {
    std::iter::once(form.get("org.municipality"))
        .chain(form.numbered("org.municipality"))
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The municipalities an organisation lists: `municipalities`, or the one
/// `municipality`.
pub fn municipalities_in(org: &dyn TableLike) -> Vec<String> {
    match (org.get("municipalities"), org.get("municipality")) {
        (Some(list), _) => list
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
        (None, Some(one)) => one.as_str().map(str::to_owned).into_iter().collect(),
        (None, None) => Vec::new(),
    }
}

/// Writes the municipalities as the format wants them: one as
/// `municipality`, several as `municipalities`, never both. A list the
/// form did not change is left as written, even a list of one.
fn set_municipalities(org: &mut dyn TableLike, listed: &[String]) {
    if municipalities_in(org) == listed {
        return;
    }
    let (key, other, value) = match listed {
        [] => {
            org.remove("municipality");
            org.remove("municipalities");
            return;
        }
        [one] => ("municipality", "municipalities", Value::from(one.as_str())),
        many => (
            "municipalities",
            "municipality",
            Value::Array(many.iter().map(String::as_str).collect()),
        ),
    };
    if org.contains_key(other) && !org.contains_key(key) {
        rename(org, other, key);
    }
    org.remove(other);
    set(org, key, Some(value));
}

/// Gives the key `old` the name `new`, in its place and with the comment
/// above it.
fn rename(table: &mut dyn TableLike, old: &str, new: &str) {
    let keys: Vec<Key> = table
        .iter()
        .filter_map(|(k, _)| table.key(k).cloned())
        .collect();
    for key in keys {
        let Some(item) = table.remove(key.get()) else {
            continue;
        };
        let key = if key.get() == old {
            Key::new(new).with_leaf_decor(key.leaf_decor().clone())
        } else {
            key
        };
        table.entry_format(&key).or_insert(item);
    }
}

/// New answers are written at the end of the file. Comments there (the
/// commented-out answers of `almen init`'s template) stay above them, in
/// their place after the last answer that was there before, rather than
/// after the new ones.
fn after_the_comments_at_the_end(doc: &mut DocumentMut, first_new: &str) {
    let trailing = doc.trailing().as_str().unwrap_or_default().to_owned();
    if trailing.trim().is_empty() {
        return;
    }
    let Some(table) = doc
        .get_mut("answers")
        .and_then(|a| a.get_mut(first_new))
        .and_then(Item::as_table_mut)
    else {
        return;
    };
    table
        .decor_mut()
        .set_prefix(format!("{}\n\n", trailing.trim_end()));
    doc.set_trailing("\n");
}

/// The table `key` of `parent`, made if there is none (`implicit`: with no
/// header of its own, as `[answers]` is not written above `[answers.X]`);
/// `None` when `key` holds something else.
fn table_in<'a>(parent: &'a mut Table, key: &str, implicit: bool) -> Option<&'a mut dyn TableLike> {
    if !parent.contains_key(key) {
        let mut table = Table::new();
        table.set_implicit(implicit);
        parent.insert(key, Item::Table(table));
    }
    parent.get_mut(key).and_then(Item::as_table_like_mut)
}

/// The same in a table of either kind.
fn table_in_like<'a>(parent: &'a mut dyn TableLike, key: &str) -> Option<&'a mut dyn TableLike> {
    if !parent.contains_key(key) {
        parent.insert(key, Item::Table(Table::new()));
    }
    parent.get_mut(key).and_then(Item::as_table_like_mut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::RealFs;
    use almen::load::Loader;

    fn builtin() -> Vec<Arc<Checklist>> {
        let fs = RealFs::default();
        let mut loader = Loader::new(&fs, Lang::Da);
        vec![
            loader
                .checklist_by_name("samarbejde-med-omverdenen")
                .expect("a built-in checklist"),
        ]
    }

    fn edited(text: &str, posted: &[(&str, &str)]) -> String {
        let mut doc: DocumentMut = text.parse().unwrap();
        let form = Fields::from_pairs(
            posted
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        apply(&mut doc, &builtin(), &form, Lang::Da);
        doc.to_string()
    }

    const FILE: &str = "format = 1\n\n[organisation]\nname = \"Gammel\"  # navnet\ncvr = \"1\"\n\n[assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n\n[answers.OMV-1]\nstatus = \"met\"\n\n[answers.OMV-2]\nstatus = \"unmet\"\n";

    #[test]
    fn only_the_answers_posted_are_touched() {
        let out = edited(FILE, &[("a.OMV-1.status", "")]);
        assert!(!out.contains("[answers.OMV-1]"), "emptied: removed\n{out}");
        assert!(out.contains("[answers.OMV-2]\nstatus = \"unmet\""), "{out}");
        assert!(out.contains("name = \"Gammel\"  # navnet"), "{out}");
    }

    #[test]
    fn the_organisation_is_written_when_posted() {
        let out = edited(
            FILE,
            &[
                ("org.name", "Ny"),
                ("org.cvr", ""),
                ("org.municipality.0", "Aarhus Kommune"),
                ("org.municipality.1", " "),
                ("assessment.date", "2026-11-20"),
            ],
        );
        assert!(out.contains("name = \"Ny\"  # navnet"), "{out}");
        assert!(!out.contains("cvr"), "{out}");
        assert!(out.contains("municipality = \"Aarhus Kommune\""), "{out}");
        assert!(out.contains("date = 2026-11-20"), "{out}");
    }

    const TWO: &str = "[organisation]\nname = \"A\"\n# both\nmunicipalities = [\"Aarhus Kommune\", \"Odder Kommune\"]  # two\ncvr = \"1\"\n\n[assessment]\n";

    fn org_with(text: &str, municipalities: &[&str]) -> String {
        let mut posted = vec![("org.name", "A"), ("org.cvr", "1")];
        let names: Vec<String> = (0..municipalities.len())
            .map(|n| format!("org.municipality.{n}"))
            .collect();
        posted.extend(
            names
                .iter()
                .map(String::as_str)
                .zip(municipalities.iter().copied()),
        );
        edited(text, &posted)
    }

    #[test]
    fn one_municipality_is_municipality_and_several_municipalities() {
        assert_eq!(
            org_with(TWO, &["Aarhus Kommune", "", "Odder Kommune"]),
            TWO,
            "an empty field is no municipality"
        );
        let one = org_with(TWO, &["Aarhus Kommune"]);
        assert_eq!(
            one,
            "[organisation]\nname = \"A\"\n# both\nmunicipality = \"Aarhus Kommune\"  # two\ncvr = \"1\"\n\n[assessment]\n"
        );
        assert_eq!(
            org_with(&one, &["Aarhus Kommune", "Odder Kommune"]),
            TWO,
            "back in its place, with its comments"
        );
        let none = org_with(TWO, &[]);
        assert!(!none.contains("municipalit"), "{none}");
        let listed_once = "[organisation]\nname = \"A\"\nmunicipalities = [\"Aarhus Kommune\"]\ncvr = \"1\"\n\n[assessment]\n";
        assert_eq!(org_with(listed_once, &["Aarhus Kommune"]), listed_once);
    }

    #[test]
    fn a_new_answer_gets_a_table_of_its_own() {
        let out = edited(
            "format = 1\n[organisation]\nname = \"A\"\n[assessment]\nchecklists = []\n",
            &[("a.OMV-5.status", "met"), ("a.OMV-5.date", "2026-03-12")],
        );
        assert!(
            out.ends_with("\n[answers.OMV-5]\nstatus = \"følger\"\ndate = 2026-03-12\n"),
            "{out}"
        );
        assert!(!out.contains("[answers]\n"), "{out}");
    }
}
