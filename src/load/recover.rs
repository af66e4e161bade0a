//! Deserializing a whole document while collecting every error in it.
//!
//! serde stops at the first error. To give the user the whole list at once,
//! the document is parsed once into a spanned tree, deserialized, and on each
//! error the offending entry is cut out of the tree and deserialization is run
//! again, until it succeeds or nothing more can be cut. A required key that
//! had to be cut makes its table fail with "missing field" on the next run;
//! that error is known not to be the user's and is passed over by cutting the
//! table itself.

use std::collections::{BTreeSet, VecDeque};
use std::ops::{ControlFlow, Range};

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
///
/// The first round reads `root` itself: most files have no error, and a
/// copy of a large document costs as much as reading it. After an error,
/// `again` gives the document once more (the same, parsed again), and each
/// round reads a copy of it, as far as it is cut.
pub fn deserialize<'i, T: DeserializeOwned>(
    root: Spanned<DeTable<'i>>,
    again: impl FnOnce() -> Spanned<DeTable<'i>>,
) -> (Option<T>, Vec<RawError>) {
    let err = match T::deserialize(toml::de::Deserializer::from(root)) {
        Ok(value) => return (Some(value), Vec::new()),
        Err(err) => err,
    };
    let root = again();
    // The document as written: the indices an error is reported at are
    // those of the file, not of the list as far as it was cut.
    let (value, mut errors) = rounds::<T>(root.clone(), err);
    let original = root;
    for e in &mut errors {
        if let Some(span) = &e.span
            && let Some(found) = locate_in_table(original.get_ref(), span)
        {
            for (seg, orig) in e.path.iter_mut().zip(found) {
                match (&*seg, orig) {
                    (Seg::Index(_), Seg::Index(i)) => *seg = Seg::Index(i),
                    (Seg::Key(a), Seg::Key(b)) if *a == b => {}
                    _ => break,
                }
            }
        }
    }
    (value, errors)
}

/// The rounds of [`deserialize`] after its first error `err`, on `root`.
fn rounds<T: DeserializeOwned>(
    mut root: Spanned<DeTable<'_>>,
    mut err: toml::de::Error,
) -> (Option<T>, Vec<RawError>) {
    let mut errors = Vec::new();
    // (table path, key) pairs cut from the tree, and keys an unknown key
    // was probably meant to be: a "missing field" for these is not news.
    let mut cut: BTreeSet<(Vec<Seg>, String)> = BTreeSet::new();
    loop {
        // Each round deserializes the whole document again; a file that is
        // mostly mistakes is not worth a minute of the user's time.
        if cut_at::<T>(&mut root, &err, &mut errors, &mut cut).is_break()
            || errors.len() >= MAX_ERRORS
        {
            return (None, errors);
        }
        err = match T::deserialize(toml::de::Deserializer::from(root.clone())) {
            Ok(value) => return (Some(value), errors),
            Err(err) => err,
        };
    }
}

/// Records a round's error and cuts what it is about out of `root`, for
/// the next round; breaks when nothing more can be cut.
fn cut_at<T: DeserializeOwned>(
    root: &mut Spanned<DeTable<'_>>,
    err: &toml::de::Error,
    errors: &mut Vec<RawError>,
    cut: &mut BTreeSet<(Vec<Seg>, String)>,
) -> ControlFlow<()> {
    let message = err.message().to_owned();
    let Some(span) = err.span() else {
        errors.push(RawError {
            message,
            span: None,
            path: Vec::new(),
        });
        return ControlFlow::Break(());
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
        if path.is_empty() || !cut_entry(root, &path, cut) {
            return ControlFlow::Break(());
        }
        return ControlFlow::Continue(());
    }

    errors.push(RawError {
        message: message.clone(),
        span: Some(span),
        path: path.clone(),
    });
    if let Some((Seg::Index(bad), list)) = path.split_last()
        && scalar_at(root.get_ref(), &path)
    {
        return rest_of_list::<T>(root, list, *bad, errors);
    }
    if path.is_empty() || !cut_entry(root, &path, cut) {
        return ControlFlow::Break(());
    }
    if let Some(meant) = unknown_field_suggestion(&message) {
        let table = path[..path.len() - 1].to_vec();
        cut.insert((table, meant));
    }
    ControlFlow::Continue(())
}

/// Cuts the element `bad` of the list at `path` (a value that is no table
/// or list, just found wrong), and looks for the errors in the elements
/// after it, as the rounds of [`deserialize`] would, one at a time, in
/// order, each cut when found: but without the whole list in each round.
/// The document is deserialized with a stretch of the rest of the list in
/// its place, twice as long each time it holds no error, so a list of a
/// million values takes a few rounds of the rest of the document instead
/// of a million of the whole. Breaks when [`MAX_ERRORS`] are found.
///
/// The elements before the stretch deserialized in an earlier round, and
/// a list's elements are read one by one, in order: the first error in the
/// stretch is the one a round with the whole list would give. An error of
/// another kind (in a table in the list, or of the list as a whole) is left
/// to the rounds of the whole document, with the list as far as it is cut.
fn rest_of_list<T: DeserializeOwned>(
    root: &mut Spanned<DeTable<'_>>,
    path: &[Seg],
    bad: usize,
    errors: &mut Vec<RawError>,
) -> ControlFlow<()> {
    let Some(Container::Array(array)) = container(root.get_mut(), path) else {
        return ControlFlow::Continue(());
    };
    let mut rest = std::mem::replace(array, DeArray::new()).into_iter();
    let mut kept: Vec<_> = rest.by_ref().take(bad).collect();
    rest.next();
    let mut rest: VecDeque<_> = rest.collect();
    let mut stretch = 1;
    let flow = loop {
        if errors.len() >= MAX_ERRORS {
            break ControlFlow::Break(());
        }
        if rest.is_empty() {
            break ControlFlow::Continue(());
        }
        let n = stretch.min(rest.len());
        set_list(root, path, rest.range(..n).cloned().collect());
        let Err(err) = T::deserialize(toml::de::Deserializer::from(root.clone())) else {
            kept.extend(rest.drain(..n));
            stretch *= 2;
            continue;
        };
        let at = err.span().and_then(|span| {
            let found = locate_in_table(root.get_ref(), &span)?;
            match found.strip_prefix(path)? {
                [Seg::Index(i)] if scalar_at(root.get_ref(), &found) => Some((*i, span)),
                _ => None,
            }
        });
        match at {
            Some((i, span)) if missing_field(err.message()).is_none() => {
                kept.extend(rest.drain(..i));
                rest.pop_front();
                let mut path = path.to_vec();
                path.push(Seg::Index(kept.len()));
                errors.push(RawError {
                    message: err.message().to_owned(),
                    span: Some(span),
                    path,
                });
                stretch = 1;
            }
            // The stretch is fine: the error is after the list.
            None if outside(root.get_ref(), path, err.span()) => {
                kept.extend(rest.drain(..n));
                stretch *= 2;
            }
            _ => break ControlFlow::Continue(()),
        }
    };
    kept.extend(rest);
    set_list(root, path, kept.into_iter().collect());
    flow
}

/// Puts `list` in place of the list at `path`.
fn set_list<'i>(root: &mut Spanned<DeTable<'i>>, path: &[Seg], list: DeArray<'i>) {
    if let Some(Container::Array(array)) = container(root.get_mut(), path) {
        *array = list;
    }
}

/// Whether an error at `span` is outside the list at `path`.
fn outside(root: &DeTable<'_>, path: &[Seg], span: Option<Range<usize>>) -> bool {
    span.and_then(|span| locate_in_table(root, &span))
        .is_some_and(|found| !found.starts_with(path))
}

/// Whether the value at `path` is there and neither a table nor a list.
fn scalar_at(root: &DeTable<'_>, path: &[Seg]) -> bool {
    let mut at: Option<&DeValue<'_>> = None;
    for seg in path {
        at = match (at, seg) {
            (None, Seg::Key(k)) => root.get(k.as_str()).map(|v| v.get_ref()),
            (Some(DeValue::Table(t)), Seg::Key(k)) => t.get(k.as_str()).map(|v| v.get_ref()),
            (Some(DeValue::Array(a)), Seg::Index(i)) => a.get(*i).map(|v| v.get_ref()),
            _ => None,
        };
    }
    at.is_some_and(|v| !matches!(v, DeValue::Table(_) | DeValue::Array(_)))
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

/// Keys a Danish user may write in Danish, and the key each means.
const DANISH_KEYS: &[(&str, &str)] = &[
    ("navn", "name"),
    ("kommune", "municipality"),
    ("dato", "date"),
    ("godkendt", "approved"),
    ("tjeklister", "checklists"),
    ("tjekliste", "checklists"),
    ("svar", "answers"),
    ("organisation", "organisation"),
    ("forklaring", "explanation"),
    ("dokumentation", "evidence"),
    ("bilag", "evidence"),
    ("bemærkning", "note"),
    ("note", "note"),
    ("handlingsplan", "plan"),
    ("handling", "action"),
    ("ansvarlig", "owner"),
    ("ejer", "owner"),
    ("frist", "due"),
    ("vægt", "weight"),
    ("titel", "title"),
    ("vejledning", "guidance"),
    ("grundlag", "basis"),
    ("hjemmel", "basis"),
    ("type", "kind"),
    ("art", "kind"),
    ("kilde", "source"),
    ("udgiver", "publisher"),
    ("opdateret", "updated"),
    ("punkt", "item"),
    ("punkter", "item"),
    ("hver-måned", "every-months"),
    ("måneder", "every-months"),
    ("varsel", "warn-days"),
    ("varsel-dage", "warn-days"),
];

/// The key a Danish user may have written in Danish.
fn danish_key(word: &str) -> Option<&'static str> {
    // Lowercase has at least as many characters as the word: a word longer
    // than every Danish key (a whole file of one) is not lowercased to
    // find out.
    let longest = DANISH_KEYS.iter().map(|(da, _)| da.chars().count()).max();
    if word.chars().nth(longest.unwrap_or(0)).is_some() {
        return None;
    }
    let lowercase = word.to_lowercase();
    DANISH_KEYS
        .iter()
        .find(|(da, _)| *da == lowercase)
        .map(|(_, key)| *key)
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

    /// A document without errors is read as it is: it is neither copied
    /// nor parsed again.
    #[test]
    fn a_document_without_errors_is_read_once() {
        let (table, _) = DeTable::parse_recoverable("name = 'x'\n[[rows]]\nid = 'a'\nn = 1\n");
        let (doc, errors) = deserialize::<Doc>(table, || panic!("parsed again"));
        assert!(doc.is_some_and(|d| d.rows.len() == 1));
        assert!(errors.is_empty());
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
        let (table, _) = DeTable::parse_recoverable("format = 1\norganisation = \"X\"\n");
        let again = table.clone();
        let (_, errors) = deserialize::<Top>(table, || again);
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].starts_with("invalid type"), "{messages:?}");
    }

    /// A key written in Danish is the key meant, whatever its case; a
    /// word megabytes long is not lowercased to find out that it is none.
    #[test]
    fn a_key_written_in_danish_is_the_key_meant() {
        assert_eq!(danish_key("Navn"), Some("name"));
        assert_eq!(danish_key("VARSEL-DAGE"), Some("warn-days"));
        assert_eq!(danish_key("Bemærkning"), Some("note"));
        assert_eq!(danish_key("navne"), None);
        assert_eq!(danish_key(&"Ø".repeat(5_000_000)), None);
    }

    #[test]
    fn a_misspelt_required_key_is_reported_once() {
        let (_, errors) = run("nmae = 'x'\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("unknown field `nmae`"));
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Tagged {
        name: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        rows: Vec<Row>,
        #[serde(default)]
        after: Option<String>,
    }

    /// What `deserialize` finds in `src`: whether it built the value, and
    /// each error's message, the text at its span, and its path.
    fn found(src: &str) -> (bool, Vec<(String, String, Vec<Seg>)>) {
        let (table, syntax) = DeTable::parse_recoverable(src);
        assert!(syntax.is_empty(), "{syntax:?}");
        let (doc, errors) = deserialize::<Tagged>(table, || DeTable::parse_recoverable(src).0);
        let errors = errors
            .into_iter()
            .map(|e| (e.message, src[e.span.unwrap()].to_owned(), e.path))
            .collect();
        (doc.is_some(), errors)
    }

    #[test]
    fn every_wrong_value_in_a_list_is_found_in_order() {
        let src = "name = 'x'\ntags = ['a', 1, 'b', 2.5, true, 'c', [1], { x = 1 }, 3, 'd', 4]\n\
                   after = 5\n[[rows]]\nid = 'r'\nn = 'n'\n";
        let (built, errors) = found(src);
        let expected_a_string = |what: &str, text: &str, at: usize| {
            let message = format!("invalid type: {what}, expected a string");
            (
                message,
                text.to_owned(),
                vec![Seg::Key("tags".into()), Seg::Index(at)],
            )
        };
        // Each at its index in the list as written.
        let expected = vec![
            (
                "invalid type: integer `5`, expected a string".to_owned(),
                "5".to_owned(),
                vec![Seg::Key("after".into())],
            ),
            (
                "invalid type: string \"n\", expected u32".to_owned(),
                "'n'".to_owned(),
                vec![Seg::Key("rows".into()), Seg::Index(0), Seg::Key("n".into())],
            ),
            expected_a_string("integer `1`", "1", 1),
            expected_a_string("floating point `2.5`", "2.5", 3),
            expected_a_string("boolean `true`", "true", 4),
            expected_a_string("sequence", "[1]", 6),
            expected_a_string("map", "{ x = 1 }", 7),
            expected_a_string("integer `3`", "3", 8),
            expected_a_string("integer `4`", "4", 10),
        ];
        assert_eq!(errors, expected);
        assert!(built);
    }

    thread_local! {
        /// How many list values [`Counted`] has read on this thread.
        static READ: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// A string whose reading is counted in [`READ`].
    #[derive(Debug)]
    struct Counted;

    impl<'de> Deserialize<'de> for Counted {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            READ.with(|r| r.set(r.get() + 1));
            String::deserialize(d).map(|_| Counted)
        }
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Long {
        name: String,
        tags: Vec<Counted>,
    }

    /// The wrong values in a long list are found without reading the list
    /// again up to each: that took a round of the whole document for each
    /// (here 40 rounds, which read the list 20 times over and copied it
    /// 80 times).
    #[test]
    fn wrong_values_in_a_long_list_are_found_without_a_round_each() {
        let (mut table, _) = DeTable::parse_recoverable("name = 'x'\ntags = []\n");
        let Some(DeValue::Array(tags)) = table.get_mut().get_mut("tags").map(|t| t.get_mut())
        else {
            panic!("tags is a list");
        };
        let n = 400_000;
        for i in 0..n {
            // Every 10,000th a boolean, the rest strings.
            let value = if i % 10_000 == 9_999 {
                DeValue::Boolean(true)
            } else {
                DeValue::String("a".into())
            };
            tags.push(Spanned::new(i..i + 1, value));
        }
        READ.with(|r| r.set(0));
        let again = table.clone();
        let (doc, errors) = deserialize::<Long>(table, || again);
        assert_eq!(doc.map(|d| d.tags.len()), Some(n - n / 10_000));
        let read = READ.with(|r| r.get());
        assert!(read < 4 * n, "{read} values read for a list of {n}");
        let spans: Vec<_> = errors.iter().map(|e| e.span.clone().unwrap()).collect();
        let expected: Vec<_> = (0..n / 10_000)
            .map(|k| k * 10_000 + 9_999)
            .map(|i| i..i + 1)
            .collect();
        assert_eq!(spans, expected);
        // Each at its index in the list as written.
        let paths: Vec<_> = errors.iter().map(|e| e.path.clone()).collect();
        let expected: Vec<_> = (0..n / 10_000)
            .map(|k| vec![Seg::Key("tags".into()), Seg::Index(k * 10_000 + 9_999)])
            .collect();
        assert_eq!(paths, expected);
    }
}
