//! The whole form put into the assessment's document: the organisation
//! and its municipalities, the assessment's dates, and each item's answer
//! (by `answer::apply`), given once or once for each municipality.
//! Only what the form posted is touched: an item whose fields were not
//! posted keeps its answer as it is.

use std::sync::Arc;

use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Key, Table, TableLike, Value};

use super::answer::{self, date_value, set, text_value};
use super::fields::Fields;
use almen::lang::Lang;
use almen::load::Checklist;
use almen::model::Item as ChecklistItem;

/// The field name prefix of an item's answer.
pub fn answer_prefix(id: &str) -> String {
    format!("a.{id}.")
}

/// Puts the posted form into the document.
pub fn apply(doc: &mut DocumentMut, checklists: &[Arc<Checklist>], form: &Fields, lang: Lang) {
    // The municipalities as the page showed them: a field is matched to
    // the name it was made from, so that a name the user did not change
    // is kept as written, whatever the page had to show in its place.
    let listed = listed_in(doc);
    if form.has("org.name") {
        if let Some(org) = table_in(doc.as_table_mut(), "organisation", false) {
            set(
                org,
                "name",
                Some(toml_edit::Value::from(form.get("org.name").trim())),
            );
            set(org, "cvr", text_value(form.get("org.cvr")));
            let posted = posted_municipalities(form, &listed);
            set_municipalities(org, &posted);
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
            let new = if form.has(&format!("{}municipality", per_prefix(id, 0)))
                && offers_per(doc, item, &listed, form)
            {
                apply_per(doc, item, form, &listed, lang)
            } else {
                apply_one(doc, item, form, lang)
            };
            if new {
                first_new.get_or_insert(id);
            }
        }
    }
    if let Some(id) = first_new {
        after_the_comments_at_the_end(doc, id);
    }
}

/// Puts the posted fields of an item answered once into its answer;
/// true when the answer is new.
fn apply_one(doc: &mut DocumentMut, item: &ChecklistItem, form: &Fields, lang: Lang) -> bool {
    let id = item.id.get_ref();
    let prefix = answer_prefix(id);
    // A select always posts: without it, the item was not in the form,
    // and its answer is not the form's to change.
    if !form.has(&format!("{prefix}status")) {
        return false;
    }
    let existing = doc
        .get("answers")
        .and_then(Item::as_table_like)
        .and_then(|a| a.get(id));
    // The form showed the entries of an answer given per municipality
    // when it was made; a page from before they were written (an older
    // tab) does not remove them.
    if existing
        .and_then(Item::as_table_like)
        .is_some_and(|t| t.contains_key("per"))
    {
        return false;
    }
    let has_answer = existing.is_some();
    if answer::is_blank(form, &prefix) {
        if has_answer
            && let Some(answers) = doc.get_mut("answers").and_then(Item::as_table_like_mut)
        {
            answers.remove(id);
        }
        return false;
    }
    let Some(answers) = table_in(doc.as_table_mut(), "answers", true) else {
        return false;
    };
    if let Some(table) = table_in_like(answers, id) {
        answer::apply(item, form, &prefix, lang, table);
    }
    !has_answer
}

/// Puts the posted entries of an item answered per municipality into its
/// `[[answers.ID.per]]` entries, each found by its municipality, not its
/// place: a changed entry is changed where it is written, a new one with
/// something in it is added after the others, and an entry emptied in
/// the form is removed. An answer given once that is now given per
/// municipality gives way to the entries. True when the answer is new.
fn apply_per(
    doc: &mut DocumentMut,
    item: &ChecklistItem,
    form: &Fields,
    listed: &[String],
    lang: Lang,
) -> bool {
    let id = item.id.get_ref();
    let shown = shown_municipalities(answer_in(doc, id), listed);
    let posted: Vec<(String, String, bool)> = (0..)
        .map(|n| (n, per_prefix(id, n)))
        .take_while(|(_, prefix)| form.has(&format!("{prefix}municipality")))
        .map(|(n, prefix)| {
            let field = form.get(&format!("{prefix}municipality"));
            let name = written_name(field, &shown, n).unwrap_or_else(|| field.to_owned());
            let blank = answer::is_blank(form, &prefix);
            (prefix, name, blank)
        })
        .collect();
    let answers_existed = doc.contains_key("answers");
    let Some(answers) = table_in(doc.as_table_mut(), "answers", true) else {
        return false;
    };
    let existing = answers.get(id).and_then(Item::as_table_like);
    let has_answer = existing.is_some();
    let plain = existing.is_some_and(|t| !t.contains_key("per"));
    // The comment above an answer given once stays above its entries.
    let comment = answers
        .get(id)
        .filter(|_| plain)
        .and_then(Item::as_table)
        .and_then(|t| t.decor().prefix())
        .and_then(|p| p.as_str())
        .map(str::to_owned);
    if plain || !has_answer {
        if posted.iter().all(|(_, _, blank)| *blank) {
            if !answers_existed && answers.is_empty() {
                doc.remove("answers");
            }
            return false;
        }
        let mut table = Table::new();
        table.set_implicit(true);
        table.insert("per", Item::ArrayOfTables(ArrayOfTables::new()));
        answers.insert(id, Item::Table(table));
    }
    let Some(answer) = answers.get_mut(id).and_then(Item::as_table_like_mut) else {
        return false;
    };
    let Some(per) = answer.get_mut("per") else {
        return false;
    };
    for (prefix, name, blank) in &posted {
        match (entry_index(per, name), blank) {
            (Some(i), true) => remove_entry(per, i),
            (Some(i), false) => {
                if let Some(entry) = entry_mut(per, i) {
                    answer::apply(item, form, prefix, lang, entry);
                }
            }
            (None, true) => {}
            (None, false) => {
                if let Some(entry) = push_entry(per, name) {
                    answer::apply(item, form, prefix, lang, entry);
                }
            }
        }
    }
    if let (Some(comment), Item::ArrayOfTables(entries)) = (comment, &mut *per)
        && let Some(first) = entries.iter_mut().next()
    {
        first.decor_mut().set_prefix(comment);
    }
    if entry_count(per) == 0 {
        answer.remove("per");
    }
    if answer.is_empty() {
        answers.remove(id);
        return false;
    }
    !has_answer
}

/// Turns an item's answer given once into one entry for each listed
/// municipality, each with the answer's fields; the comment above the
/// answer goes above the first entry.
pub fn split(doc: &mut DocumentMut, id: &str) {
    let listed = doc
        .get("organisation")
        .and_then(Item::as_table_like)
        .map(municipalities_in)
        .unwrap_or_default();
    let Some(answers) = doc.get_mut("answers").and_then(Item::as_table_like_mut) else {
        return;
    };
    let Some(plain) = answers.get(id).and_then(Item::as_table_like) else {
        return;
    };
    if plain.contains_key("per") || listed.is_empty() {
        return;
    }
    let prefix = answers
        .get(id)
        .and_then(Item::as_table)
        .and_then(|t| t.decor().prefix())
        .and_then(|p| p.as_str())
        .map(str::to_owned);
    let mut per = ArrayOfTables::new();
    for name in &listed {
        let mut entry = Table::new();
        entry.insert("municipality", Item::Value(Value::from(name.as_str())));
        for (key, value) in plain.iter() {
            entry.insert(key, value.clone());
        }
        per.push(entry);
    }
    if let (Some(prefix), Some(first)) = (prefix, per.iter_mut().next()) {
        first.decor_mut().set_prefix(prefix);
    }
    let mut table = Table::new();
    table.set_implicit(true);
    table.insert("per", Item::ArrayOfTables(per));
    answers.insert(id, Item::Table(table));
}

/// The field name prefix of an item's answer for the `n`th municipality
/// the form shows; the municipality's name is a field of its own, so that
/// no name, however written, is part of another field's name.
pub fn per_prefix(id: &str, n: usize) -> String {
    format!("{}per.{n}.", answer_prefix(id))
}

/// The entries of an answer given per municipality, written as
/// `[[answers.ID.per]]` tables or as a list of inline tables.
pub fn entries(answer: &dyn TableLike) -> Vec<&dyn TableLike> {
    match answer.get("per") {
        Some(Item::ArrayOfTables(a)) => a.iter().map(|t| t as &dyn TableLike).collect(),
        Some(Item::Value(Value::Array(a))) => a
            .iter()
            .filter_map(Value::as_inline_table)
            .map(|t| t as &dyn TableLike)
            .collect(),
        _ => Vec::new(),
    }
}

/// The municipality an entry is for.
pub fn municipality_of(entry: &dyn TableLike) -> Option<&str> {
    entry.get("municipality").and_then(Item::as_str)
}

/// Where the (first) entry for a municipality is in `per`.
fn entry_index(per: &Item, name: &str) -> Option<usize> {
    match per {
        Item::ArrayOfTables(a) => a.iter().position(|t| municipality_of(t) == Some(name)),
        Item::Value(Value::Array(a)) => a.iter().position(|v| {
            v.as_inline_table()
                .is_some_and(|t| municipality_of(t) == Some(name))
        }),
        _ => None,
    }
}

fn entry_count(per: &Item) -> usize {
    match per {
        Item::ArrayOfTables(a) => a.len(),
        Item::Value(Value::Array(a)) => a.len(),
        _ => 1,
    }
}

fn entry_mut(per: &mut Item, i: usize) -> Option<&mut dyn TableLike> {
    match per {
        Item::ArrayOfTables(a) => a.get_mut(i).map(|t| t as &mut dyn TableLike),
        Item::Value(Value::Array(a)) => a
            .get_mut(i)
            .and_then(Value::as_inline_table_mut)
            .map(|t| t as &mut dyn TableLike),
        _ => None,
    }
}

fn remove_entry(per: &mut Item, i: usize) {
    match per {
        Item::ArrayOfTables(a) => {
            a.remove(i);
        }
        Item::Value(Value::Array(a)) => {
            a.remove(i);
        }
        _ => {}
    }
}

/// A new entry for a municipality, after the others, written as they are.
fn push_entry<'a>(per: &'a mut Item, name: &str) -> Option<&'a mut dyn TableLike> {
    match per {
        Item::ArrayOfTables(a) => {
            let mut table = Table::new();
            table.insert("municipality", Item::Value(Value::from(name)));
            a.push(table);
            a.iter_mut().last().map(|t| t as &mut dyn TableLike)
        }
        Item::Value(Value::Array(a)) => {
            let mut table = InlineTable::new();
            table.insert("municipality", Value::from(name));
            table.fmt();
            a.push(table);
            a.iter_mut()
                .last()
                .and_then(Value::as_inline_table_mut)
                .map(|t| t as &mut dyn TableLike)
        }
        _ => None,
    }
}

/// The municipalities the form lists, in order: every field filled in
/// (`org.municipality.0`, `org.municipality.1` …, after a lone
/// `org.municipality`). A field that holds what the page showed for a
/// municipality `listed` is that municipality, as written; any other is
/// the text typed, trimmed.
fn posted_municipalities(form: &Fields, listed: &[String]) -> Vec<String> {
    let lone = Some((usize::MAX, form.get("org.municipality")));
    lone.into_iter()
        .chain(form.numbered("org.municipality"))
        .filter(|(_, m)| !m.trim().is_empty())
        .map(|(n, m)| written_name(m, listed, n).unwrap_or_else(|| m.trim().to_owned()))
        .collect()
}

/// The name, as written in the file, that a field posted back holds:
/// `shown[n]`, the one the field was made for, when it still holds what
/// the page showed for it; else another of `shown` it holds. The page
/// shows a name as `printable` text (a control character as `\u{1b}`),
/// and a browser drops line breaks from a field, so a name a browser
/// cannot carry is still known when it comes back unchanged.
fn written_name(field: &str, shown: &[String], n: usize) -> Option<String> {
    let field: String = field
        .chars()
        .filter(|c| !matches!(c, '\r' | '\n'))
        .collect();
    let holds = |name: &&String| as_shown(name) == field;
    shown
        .get(n)
        .filter(holds)
        .or_else(|| shown.iter().find(holds))
        .cloned()
}

/// A name as the page shows it in a field, as a browser posts it back.
fn as_shown(name: &str) -> String {
    almen::render::text::printable(name)
        .chars()
        .filter(|c| !matches!(c, '\r' | '\n'))
        .collect()
}

/// The municipalities a document's organisation lists.
pub fn listed_in(doc: &DocumentMut) -> Vec<String> {
    doc.get("organisation")
        .and_then(Item::as_table_like)
        .map(municipalities_in)
        .unwrap_or_default()
}

/// An item's answer in a document.
pub fn answer_in<'a>(doc: &'a DocumentMut, id: &str) -> Option<&'a dyn TableLike> {
    doc.get("answers")
        .and_then(Item::as_table_like)
        .and_then(|a| a.get(id))
        .and_then(Item::as_table_like)
}

/// The municipalities an item's answer is shown for, one block of fields
/// each, in the order of the blocks: each listed, then each an entry is
/// written for that is not listed.
pub fn shown_municipalities(answer: Option<&dyn TableLike>, listed: &[String]) -> Vec<String> {
    let mut names: Vec<String> = listed.to_vec();
    for entry in answer.map(entries).unwrap_or_default() {
        if let Some(name) = municipality_of(entry)
            && !names.iter().any(|n| n == name)
        {
            names.push(name.to_owned());
        }
    }
    names
}

/// Whether the form has an answer for each municipality to offer for an
/// item: one is written so, or the item's counterparty is the municipal
/// council and the organisation lists several, as it did or as the form
/// lists them now. Fields for each municipality posted for any other item
/// are not the form's, and are not put into the file.
fn offers_per(doc: &DocumentMut, item: &ChecklistItem, listed: &[String], form: &Fields) -> bool {
    let written = answer_in(doc, item.id.get_ref()).is_some_and(|a| a.contains_key("per"));
    written
        || (item.municipal() && (listed.len() > 1 || posted_municipalities(form, listed).len() > 1))
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
    let prefix = format!("{}\n\n", trailing.trim_end());
    // An answer given per municipality is written as its entries alone.
    if table.is_implicit()
        && let Some(Item::ArrayOfTables(per)) = table.get_mut("per")
        && let Some(first) = per.iter_mut().next()
    {
        first.decor_mut().set_prefix(prefix);
    } else {
        table.decor_mut().set_prefix(prefix);
    }
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

    const PER: &str = "[organisation]\nname = \"A\"\nmunicipalities = [\"Aarhus\", \"Odder\"]\n\n[assessment]\n\n# Odder first\n[[answers.STY-1.per]]\nmunicipality = \"Odder\"\nstatus = \"met\"\ndate = 2026-01-05  # Odder's\n\n[[answers.STY-1.per]]\nmunicipality = \"Aarhus\"\nstatus = \"met\"\ndate = 2026-02-03\n";

    #[test]
    fn entries_are_found_by_their_municipality_not_their_place() {
        let out = edited(
            PER,
            &[
                ("a.STY-1.per.0.municipality", "Aarhus"),
                ("a.STY-1.per.0.status", "met"),
                ("a.STY-1.per.0.date", "2026-02-03"),
                ("a.STY-1.per.1.municipality", "Odder"),
                ("a.STY-1.per.1.status", "met"),
                ("a.STY-1.per.1.date", "2026-03-09"),
            ],
        );
        assert_eq!(
            out,
            PER.replace(
                "date = 2026-01-05  # Odder's",
                "date = 2026-03-09  # Odder's"
            )
        );
        let inline = "[organisation]\nname = \"A\"\nmunicipalities = [\"Aarhus\", \"Odder\"]\n\n[assessment]\n\n[answers.STY-1]\nper = [{ municipality = \"Aarhus\", status = \"met\" }]\n";
        let out = edited(
            inline,
            &[
                ("a.STY-1.per.0.municipality", "Aarhus"),
                ("a.STY-1.per.0.status", "met"),
                ("a.STY-1.per.1.municipality", "Odder"),
                ("a.STY-1.per.1.status", "unmet"),
            ],
        );
        assert!(
            out.contains("per = [{ municipality = \"Aarhus\", status = \"met\" }, { municipality = \"Odder\", status = \"ikke-opfyldt\" }]"),
            "{out}"
        );
    }

    #[test]
    fn an_emptied_entry_goes_and_with_it_an_answer_left_empty() {
        let out = edited(
            PER,
            &[
                ("a.STY-1.per.0.municipality", "Aarhus"),
                ("a.STY-1.per.0.status", ""),
                ("a.STY-1.per.1.municipality", "Odder"),
                ("a.STY-1.per.1.status", "met"),
                ("a.STY-1.per.1.date", "2026-01-05"),
            ],
        );
        assert!(!out.contains("Aarhus\"\nstatus"), "{out}");
        assert!(
            out.contains("# Odder first\n[[answers.STY-1.per]]\nmunicipality = \"Odder\""),
            "{out}"
        );
        let out = edited(
            PER,
            &[
                ("a.STY-1.per.0.municipality", "Aarhus"),
                ("a.STY-1.per.1.municipality", "Odder"),
            ],
        );
        assert!(!out.contains("answers"), "{out}");
    }

    #[test]
    fn an_answer_given_once_gives_way_to_the_entries_in_its_place() {
        let text = "[organisation]\nname = \"A\"\nmunicipalities = [\"Aarhus\", \"Odder\"]\n\n[assessment]\n\n# sty\n[answers.STY-1]\nstatus = \"met\"\n\n[answers.OMV-1]\nstatus = \"met\"\n\n# [answers.OMV-9]\n# status = \"met\"\n";
        let out = edited(
            text,
            &[
                ("a.STY-1.per.0.municipality", "Aarhus"),
                ("a.STY-1.per.0.status", "met"),
                ("a.STY-1.per.1.municipality", "Odder"),
                ("a.STY-1.per.1.status", "unmet"),
            ],
        );
        assert!(
            out.ends_with("# sty\n[[answers.STY-1.per]]\nmunicipality = \"Aarhus\"\nstatus = \"opfyldt\"\n\n[[answers.STY-1.per]]\nmunicipality = \"Odder\"\nstatus = \"ikke-opfyldt\"\n\n[answers.OMV-1]\nstatus = \"met\"\n\n# [answers.OMV-9]\n# status = \"met\"\n"),
            "{out}"
        );
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
