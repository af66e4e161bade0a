//! Deserializing a whole document while collecting every error in it.
//!
//! serde stops at the first error. To give the user the whole list at once,
//! the document is parsed once into a spanned tree, deserialized, and on each
//! error the offending entry is cut out of the tree and deserialization is run
//! again, until it succeeds or nothing more can be cut. A required key that
//! had to be cut makes its table fail with "missing field" on the next run;
//! that error is known not to be the user's and is passed over by cutting the
//! table itself.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

/// After this many errors in one file the rest are not looked for.
pub const MAX_ERRORS: usize = 50;

/// One step of a path into the document: a key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A deserialization error, located in the document.
#[derive(Debug, Clone)]
pub struct RawError {
    pub message: String,
    pub span: Option<Range<usize>>,
    /// The entry the error is in, from the root.
    pub path: Vec<Seg>,
}

/// Deserializes `root` as `T`, collecting every error. Returns the value
/// built from what was left once the faulty entries were cut (if anything
/// could be built), and the errors.
pub fn deserialize<'t, T: DeserializeOwned>(
    root: Spanned<DeTable<'t>>,
    again: impl FnOnce() -> Spanned<DeTable<'t>>,
) -> (Option<T>, Vec<RawError>) {
    // Most files have no mistake: the tree is read as it is. Only when it
    // has one is it made again (`again`), to be cut and read round after
    // round from a copy.
    if let Ok(value) = T::deserialize(toml::de::Deserializer::from(root)) {
        return (Some(value), Vec::new());
    }
    let mut root = again();
    let mut errors = Vec::new();
    // (table path, key) pairs cut from the tree, and keys an unknown key
    // was probably meant to be: a "missing field" for these is not news.
    let mut cut: BTreeSet<(Vec<Seg>, String)> = BTreeSet::new();
    loop {
        // Each round deserializes the whole document again; a file that is
        // mostly mistakes is not worth a minute of the user's time.
        if errors.len() >= MAX_ERRORS {
            return (None, errors);
        }
        let result = T::deserialize(toml::de::Deserializer::from(root.clone()));
        let err = match result {
            Ok(value) => return (Some(value), errors),
            Err(err) => err,
        };
        let message = err.message().to_owned();
        let Some(span) = err.span() else {
            errors.push(RawError {
                message,
                span: None,
                path: Vec::new(),
            });
            return (None, errors);
        };
        let path = locate_in_table(root.get_ref(), &span).unwrap_or_default();

        if let Some(field) = missing_field(&message) {
            // The field is missing from a table: where the error points may
            // be a key beside it (at the top level, the first key).
            let path = enclosing_table(root.get_ref(), &path);
            if !cut.contains(&(path.clone(), field.to_owned())) {
                errors.push(RawError {
                    message: message.clone(),
                    span: Some(span),
                    path: path.clone(),
                });
            }
            // The table cannot be built without the field: cut the table.
            if path.is_empty() || !cut_entry(&mut root, &path, &mut cut) {
                return (None, errors);
            }
            continue;
        }

        errors.push(RawError {
            message: message.clone(),
            span: Some(span),
            path: path.clone(),
        });
        if path.is_empty() || !cut_entry(&mut root, &path, &mut cut) {
            return (None, errors);
        }
        if let Some(meant) = unknown_field_suggestion(&message) {
            let table = path[..path.len() - 1].to_vec();
            cut.insert((table, meant));
        }
    }
}

/// The deepest table along `path`: the path itself when it leads to a
/// table, else as much of it as does.
fn enclosing_table(root: &DeTable<'_>, path: &[Seg]) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut at: Option<&DeValue<'_>> = None;
    for seg in path {
        let next = match (at, seg) {
            (None, Seg::Key(k)) => root.get(k.as_str()).map(|v| v.get_ref()),
            (Some(DeValue::Table(t)), Seg::Key(k)) => t.get(k.as_str()).map(|v| v.get_ref()),
            (Some(DeValue::Array(a)), Seg::Index(i)) => a.get(*i).map(|v| v.get_ref()),
            _ => None,
        };
        match next {
            Some(v @ (DeValue::Table(_) | DeValue::Array(_))) => {
                out.push(seg.clone());
                at = Some(v);
            }
            _ => break,
        }
    }
    // A list is not a table; the table is the one holding it.
    if matches!(at, Some(DeValue::Array(_))) {
        out.pop();
    }
    out
}

/// `missing field `x`` → `x`.
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
}

/// For an unknown key, the expected key it is closest to.
fn unknown_field_suggestion(message: &str) -> Option<String> {
    if !message.starts_with("unknown field") {
        return None;
    }
    let words = backticked(message);
    let (unknown, expected) = words.split_first()?;
    meant_key(unknown, expected).map(str::to_owned)
}

/// The key an unknown key was probably meant to be: its English word if
/// it is Danish, or the closest one.
pub fn meant_key<'a>(unknown: &str, expected: &[&'a str]) -> Option<&'a str> {
    let danish = danish_key(unknown);
    expected
        .iter()
        .copied()
        .find(|k| Some(*k) == danish)
        .or_else(|| crate::diag::did_you_mean(unknown, expected.iter().copied()))
}

/// The key a Danish user may have written in Danish.
fn danish_key(word: &str) -> Option<&'static str> {
    Some(match word.to_lowercase().as_str() {
        "navn" => "name",
        "kommune" => "municipality",
        "dato" => "date",
        "godkendt" => "approved",
        "tjeklister" | "tjekliste" => "checklists",
        "svar" => "answers",
        "organisation" => "organisation",
        "forklaring" => "explanation",
        "dokumentation" | "bilag" => "evidence",
        "bemærkning" | "note" => "note",
        "handlingsplan" => "plan",
        "handling" => "action",
        "ansvarlig" | "ejer" => "owner",
        "frist" => "due",
        "vægt" => "weight",
        "titel" => "title",
        "vejledning" => "guidance",
        "grundlag" | "hjemmel" => "basis",
        "type" | "art" => "kind",
        "kilde" => "source",
        "udgiver" => "publisher",
        "opdateret" => "updated",
        "punkt" | "punkter" => "item",
        "hver-måned" | "måneder" => "every-months",
        "varsel" | "varsel-dage" => "warn-days",
        _ => return None,
    })
}

/// The words of a serde message written between backticks, in order.
pub fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The deepest entry whose key or value contains `span`.
fn locate_in_table(table: &DeTable<'_>, span: &Range<usize>) -> Option<Vec<Seg>> {
    for (key, value) in table.iter() {
        let seg = Seg::Key(key.get_ref().to_string());
        // The key first: the header of an array of tables (`[[item]]`)
        // holds the key and lies inside each element's span too.
        if contains(&key.span(), span) {
            return Some(vec![seg]);
        }
        if let Some(mut deeper) = locate_in_value(value.get_ref(), span) {
            deeper.insert(0, seg);
            return Some(deeper);
        }
        if contains(&value.span(), span) {
            return Some(vec![seg]);
        }
    }
    None
}

fn locate_in_value(value: &DeValue<'_>, span: &Range<usize>) -> Option<Vec<Seg>> {
    match value {
        DeValue::Table(table) => locate_in_table(table, span),
        DeValue::Array(array) => {
            for (i, element) in array.iter().enumerate() {
                if let Some(mut deeper) = locate_in_value(element.get_ref(), span) {
                    deeper.insert(0, Seg::Index(i));
                    return Some(deeper);
                }
                if contains(&element.span(), span) {
                    return Some(vec![Seg::Index(i)]);
                }
            }
            None
        }
        _ => None,
    }
}

/// Removes the entry at `path`; records it in `cut`.
fn cut_entry(
    root: &mut Spanned<DeTable<'_>>,
    path: &[Seg],
    cut: &mut BTreeSet<(Vec<Seg>, String)>,
) -> bool {
    let (last, parent) = path.split_last().expect("path is not empty");
    let removed = match container(root.get_mut(), parent) {
        Some(Container::Table(table)) => match last {
            Seg::Key(key) => table.remove(key.as_str()).is_some(),
            Seg::Index(_) => false,
        },
        Some(Container::Array(array)) => match last {
            Seg::Index(i) if *i < array.len() => {
                let mut rest = DeArray::new();
                for (j, element) in array.iter().enumerate() {
                    if j != *i {
                        rest.push(element.clone());
                    }
                }
                *array = rest;
                true
            }
            _ => false,
        },
        None => false,
    };
    if removed && let Seg::Key(key) = last {
        cut.insert((parent.to_vec(), key.clone()));
    }
    removed
}

enum Container<'a, 'i> {
    Table(&'a mut DeTable<'i>),
    Array(&'a mut DeArray<'i>),
}

fn container<'a, 'i>(table: &'a mut DeTable<'i>, path: &[Seg]) -> Option<Container<'a, 'i>> {
    let Some((first, rest)) = path.split_first() else {
        return Some(Container::Table(table));
    };
    let Seg::Key(key) = first else { return None };
    let value = table.get_mut(key.as_str())?.get_mut();
    container_in_value(value, rest)
}

fn container_in_value<'a, 'i>(
    value: &'a mut DeValue<'i>,
    path: &[Seg],
) -> Option<Container<'a, 'i>> {
    match (value, path.split_first()) {
        (DeValue::Table(table), _) => container(table, path),
        (DeValue::Array(array), None) => Some(Container::Array(array)),
        (DeValue::Array(array), Some((Seg::Index(i), rest))) => {
            container_in_value(array.get_mut(*i)?.get_mut(), rest)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        #[serde(default)]
        rows: Vec<Row>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Row {
        id: String,
        n: u32,
    }

    fn run(src: &str) -> (Option<Doc>, Vec<String>) {
        let (table, syntax) = DeTable::parse_recoverable(src);
        assert!(syntax.is_empty(), "{syntax:?}");
        let (doc, errors) = deserialize::<Doc>(table, || DeTable::parse_recoverable(src).0);
        (doc, errors.into_iter().map(|e| e.message).collect())
    }

    #[test]
    fn every_error_in_every_row_is_reported() {
        let src = "name = 'x'\n[[rows]]\nid = 'a'\nn = 'one'\n[[rows]]\nid = 'b'\nn = 2\nextra = 1\n[[rows]]\nn = 3\n";
        let (doc, errors) = run(src);
        assert!(doc.is_some());
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("invalid type"), "{errors:?}");
        assert!(errors[1].starts_with("unknown field `extra`"), "{errors:?}");
        assert!(errors[2].starts_with("missing field `id`"), "{errors:?}");
    }

    #[test]
    fn a_cut_required_key_is_not_reported_again_as_missing() {
        let (_, errors) = run("name = 3\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("invalid type"));
    }

    #[test]
    fn a_required_table_of_the_wrong_type_is_not_also_missing() {
        // Regression: `organisation = "X"` also gave "missing `organisation`
        // in `format`".
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Org {
            name: String,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Top {
            format: u32,
            organisation: Org,
        }
        let src = "format = 1\norganisation = \"X\"\n";
        let (table, _) = DeTable::parse_recoverable(src);
        let (_, errors) = deserialize::<Top>(table, || DeTable::parse_recoverable(src).0);
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].starts_with("invalid type"), "{messages:?}");
    }

    #[test]
    fn a_misspelt_required_key_is_reported_once() {
        let (_, errors) = run("nmae = 'x'\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("unknown field `nmae`"));
    }
}
