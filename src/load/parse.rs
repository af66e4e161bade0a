//! Text to values: TOML syntax errors, the format version (E013), the kind
//! of file (E017), the template's placeholders (E023, found by
//! [`placeholder`]), and serde's errors, each turned into a diagnostic
//! (E004–E009, and E014 for a value serde refuses).
//!
//! Every error in the file is collected, with the help of [`recover`]. This
//! module works out from the parser's and serde's messages what went
//! wrong; the words the user reads are [`diags`]'s. It reads no files, and
//! what the values mean is for `validate` to judge.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::FileKind;
use super::diags::{self, NotADate};
use super::placeholder;
use super::recover::{self, RawError, Seg, backticked};
use crate::diag::{Diag, FileId, Sources, did_you_mean, within_reach};
use crate::lang::Lang;
use crate::model::{
    BAD_DATE, DATE_INVALID, DATE_QUOTED, DATE_TIME, FORMAT, STATUS_ALIASES, STATUS_WORDS, Status,
};

/// Parses and deserializes one registered file, collecting every problem.
/// The value returned is what could be read around the problems, so that
/// later checks can report theirs too; the file is only good when no
/// diagnostic was added. `None` when nothing could be read, and after a
/// wrong format version or kind of file, whose problems would only bury
/// the one that matters.
pub(super) fn file<T: DeserializeOwned>(
    sources: &Sources,
    lang: Lang,
    file: FileId,
    kind: FileKind,
    diags: &mut Vec<Diag>,
) -> Option<T> {
    let text = sources.shared(file);
    let (root, syntax) = DeTable::parse_recoverable(&text);
    parsed(
        sources.name(file),
        &text,
        lang,
        file,
        kind,
        (root, syntax),
        diags,
    )
}

/// [`file`], for a file already parsed (to tell what kind of file it is):
/// the tree of tables is not built twice, but for a file with mistakes in
/// it. `name` is the
/// file's, for a diagnostic about the whole of it; `text` what was parsed.
pub(super) fn parsed<'t, T: DeserializeOwned>(
    name: &str,
    text: &'t str,
    lang: Lang,
    file: FileId,
    kind: FileKind,
    (root, syntax): (Spanned<DeTable<'t>>, Vec<toml::de::Error>),
    diags: &mut Vec<Diag>,
) -> Option<T> {
    // The template's placeholders are E023, however the parser and serde
    // see them (an unquoted `ÅÅÅÅ-MM-DD` is a syntax error it reads past).
    let (placeholders, said) = match kind {
        FileKind::Assessment => placeholder::find(lang, file, root.get_ref()),
        FileKind::Checklist => (Vec::new(), Vec::new()),
    };
    // The placeholders' values do not overlap: only the last to start
    // where a span starts, or before, can hold it.
    let mut said = said;
    said.sort_unstable_by_key(|p| p.start);
    let within = |s: &Range<usize>| {
        let i = said.partition_point(|p| p.start <= s.start);
        i > 0 && s.end <= said[i - 1].end
    };
    let syntax: Vec<_> = syntax
        .into_iter()
        .filter(|e| !e.span().is_some_and(|s| within(&s)))
        .collect();
    let broken: Vec<Range<usize>> = syntax.iter().filter_map(|e| e.span()).collect();
    // Lines of a date written as people write it, said once each.
    let mut dated: Vec<usize> = Vec::new();
    for err in syntax {
        let span = err.span().unwrap_or(0..0);
        let message = err.message();
        if message.starts_with("invalid date") || message.contains("invalid time") {
            diags.push(diags::date_syntax(lang, file, span, message));
        } else if let Some((line, key, value)) = written_date(text, span.start) {
            if !dated.contains(&line) {
                dated.push(line);
                let value_text = &text[value.clone()];
                diags.push(diags::date_written_otherwise(
                    lang, file, value, key, value_text,
                ));
            }
        } else {
            diags.push(diags::invalid_toml(lang, file, span, message));
        }
    }
    if let Some(diag) =
        check_format(lang, file, &root).or_else(|| check_kind(lang, file, &root, kind))
    {
        diags.push(diag);
        return None;
    }
    diags.extend(placeholders);
    // A file the parser could not read whole has errors for serde too, as
    // a rule: it is copied for the rounds after the first, not parsed
    // again, which for a long line takes several times as long.
    let (value, errors) = if broken.is_empty() {
        recover::deserialize::<T>(root, || DeTable::parse_recoverable(text).0)
    } else {
        recover::deserialize::<T>(root.clone(), || root)
    };
    if errors.len() >= recover::MAX_ERRORS {
        diags.push(diags::too_many_errors(lang, name, recover::MAX_ERRORS));
    }
    for err in errors {
        // Where the syntax was broken, the parser left things out or
        // kept a value it could not read; neither is news to the user.
        let overlaps = err.span.as_ref().is_some_and(|s| {
            broken
                .iter()
                .any(|b| b.start < s.end.max(s.start + 1) && s.start < b.end.max(b.start + 1))
        });
        if !broken.is_empty() && (overlaps || err.message.starts_with("missing field")) {
            continue;
        }
        if err.span.as_ref().is_some_and(within) {
            continue;
        }
        diags.push(serde_diag(lang, file, err));
    }
    value
}

/// The keys whose value is a date.
const DATE_KEYS: [&str; 6] = [
    "date",
    "approved",
    "due",
    "requested",
    "valid-until",
    "updated",
];

/// Where the parser failed on a value `key = value` whose key holds a date
/// and whose value is not quoted (`date = 1. maj 2026`, or in an inline
/// table, `plan = { due = 1. marts 2027 }`): where the line starts, the
/// key, and where the value is written. `None` for any other error: its
/// words are the parser's.
fn written_date(text: &str, at: usize) -> Option<(usize, &'static str, Range<usize>)> {
    let at = at.min(text.len());
    let start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    // The last `=` before the error, and the key before it.
    let equals = start + text[start..at.max(start)].rfind('=')?;
    let key = text[start..equals]
        .rsplit(['{', ','])
        .next()?
        .trim()
        .rsplit('.')
        .next()?
        .trim()
        .trim_matches('"');
    let key = DATE_KEYS.into_iter().find(|k| *k == key)?;
    let after = &text[equals + 1..end];
    let value = after
        .split([',', '}', ']'])
        .next()?
        .split(" #")
        .next()?
        .trim_end_matches('\r');
    let written = value.trim();
    if written.is_empty() || written.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    let from = equals + 1 + (value.len() - value.trim_start().len());
    Some((start, key, from..from + written.len()))
}

/// A file of another format version would only give confusing errors
/// further on, so the version is checked first, on its own.
fn check_format(lang: Lang, file: FileId, root: &Spanned<DeTable<'_>>) -> Option<Diag> {
    let format = root.get_ref().get("format")?;
    let DeValue::Integer(int) = format.get_ref() else {
        return None;
    };
    // Compared as a number: `+1`, `0x1` and `1` are all format 1.
    let digits = int.as_str().replace(['_', '+'], "");
    let digits = digits
        .trim_start_matches("0x")
        .trim_start_matches("0o")
        .trim_start_matches("0b");
    let value = i64::from_str_radix(digits, int.radix());
    if value == Ok(i64::from(FORMAT)) {
        return None;
    }
    Some(diags::unknown_format(
        lang,
        file,
        format.span(),
        int.as_str(),
    ))
}

/// A checklist given where an assessment belongs (or the other way
/// round) would only give a screenful of unknown keys; say what it is.
fn check_kind(
    lang: Lang,
    file: FileId,
    root: &Spanned<DeTable<'_>>,
    expected: FileKind,
) -> Option<Diag> {
    if FileKind::of(root.get_ref())? == expected {
        return None;
    }
    Some(diags::wrong_kind(lang, file, expected))
}

/// Works out from a serde error what is wrong, and where.
fn serde_diag(lang: Lang, file: FileId, err: RawError) -> Diag {
    let key = err
        .path
        .iter()
        .rev()
        .find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .unwrap_or("");
    let span = err.span.clone().unwrap_or(0..0);
    let msg = err.message.as_str();
    let words = backticked(msg);

    if msg.starts_with("unknown field") {
        let unknown = words.first().copied().unwrap_or(key);
        let expected = words.get(1..).unwrap_or_default();
        let meant = recover::meant_key(unknown, expected);
        let table = diags::table_name(lang, &err.path[..err.path.len().saturating_sub(1)]);
        return diags::unknown_key(lang, file, span, unknown, &table, meant, expected);
    }
    if let Some(field) = msg
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        let table = diags::table_name(lang, &err.path);
        return diags::missing_key(lang, file, span, field, &table);
    }
    if let Some(detail) = msg.find(BAD_DATE).map(|i| &msg[i + BAD_DATE.len()..]) {
        let (why, value) = detail.split_once(':').unwrap_or(("", detail));
        let why = match why {
            DATE_QUOTED => NotADate::Quoted(value),
            DATE_INVALID => NotADate::NotInCalendar(value),
            DATE_TIME => NotADate::HasTime(value),
            _ => NotADate::Other(detail),
        };
        return diags::not_a_date(lang, file, span, key, why);
    }
    if msg.contains("a TOML date") {
        return diags::not_a_date(lang, file, span, key, NotADate::Other(msg));
    }
    if msg.starts_with("unknown variant") && key == "status" {
        // The value as written, a backtick in it too.
        let unknown = msg
            .strip_prefix("unknown variant `")
            .and_then(|rest| rest.rsplit_once("`, expected"))
            .map_or("", |(value, _)| value);
        let meant = meant_status(unknown);
        return diags::unknown_value(lang, file, span, unknown, key, meant, &STATUS_WORDS);
    }
    if msg.starts_with("unknown variant") {
        let unknown = words.first().copied().unwrap_or("");
        let expected: Vec<&str> = words.get(1..).unwrap_or_default().to_vec();
        let danish = match unknown.to_lowercase().as_str() {
            "lovkrav" | "pligt" | "krav" => Some("duty"),
            "anbefaling" => Some("recommendation"),
            _ => None,
        };
        let meant = danish
            .filter(|d| expected.contains(d))
            .or_else(|| did_you_mean(unknown, expected.iter().copied()));
        return diags::unknown_value(lang, file, span, unknown, key, meant, &expected);
    }
    if msg.starts_with("invalid type") {
        return diags::wrong_type(lang, file, span, key, type_error(msg), msg);
    }
    if msg.starts_with("invalid value") || msg.starts_with("invalid length") {
        let types = msg
            .strip_prefix("invalid value: ")
            .and_then(|r| r.split_once(", expected "));
        return diags::invalid_value(lang, file, span, key, types, msg);
    }
    diags::unreadable_value(lang, file, span, key, msg)
}

/// The status word an unknown one was probably meant to be, from every
/// word a status may be written as: the same words with whitespace around
/// or between them or another separator (`følger  delvist`, `følger_ikke`),
/// in another order (`opfyldt delvist`), with a word misspelt (`følger
/// delvis`), or else the closest spelling of the whole.
fn meant_status(unknown: &str) -> Option<&'static str> {
    let aliases = || STATUS_ALIASES.iter().map(|(alias, _)| *alias);
    let longest = aliases().map(|a| a.chars().count()).max().unwrap_or(0);
    if let Some(meant) = same_letters(unknown, longest) {
        return meant;
    }
    let mut vocabulary: Vec<&str> = aliases().flat_map(|a| a.split('-')).collect();
    vocabulary.sort_unstable();
    vocabulary.dedup();
    let written: Vec<String> = status_words(unknown, longest)?
        .into_iter()
        .map(|w| {
            did_you_mean(w, vocabulary.iter().copied())
                .map_or_else(|| w.to_lowercase(), str::to_owned)
        })
        .collect();
    let mut words = written.clone();
    words.sort_unstable();
    aliases()
        .find(|alias| {
            let mut theirs: Vec<&str> = alias.split('-').collect();
            theirs.sort_unstable();
            theirs == words
        })
        .or_else(|| did_you_mean(&written.join("-"), aliases()))
}

/// The status word whose letters, in order, are the letters written, or
/// one edit in five away: a hyphen or a space left out (`følgerikke`,
/// `ikkeopfyldt`, `følgerdelvis`). Looked for first, so that the word that
/// turns a status round (`ikke`, `delvist`) is never dropped for the
/// nearest word to the rest (`følger`). `Some(None)` where the nearest
/// words mean different things: then no word is suggested at all.
fn same_letters(unknown: &str, longest: usize) -> Option<Option<&'static str>> {
    let letters = |text: &str, most: usize| -> Option<Vec<char>> {
        let mut out = Vec::new();
        for c in text.chars().filter(|c| c.is_alphanumeric()) {
            out.extend(c.to_lowercase());
            if out.len() > most {
                return None;
            }
        }
        Some(out)
    };
    let typed = letters(unknown, 2 * longest)?;
    let mut nearest: Vec<(usize, &'static str, Status)> = STATUS_ALIASES
        .iter()
        .filter_map(|(alias, status)| {
            let theirs = letters(alias, longest)?;
            let d = strsim::generic_levenshtein(&typed, &theirs);
            (d <= typed.len() / 5).then_some((d, *alias, *status))
        })
        .collect();
    let least = nearest.iter().map(|(d, _, _)| *d).min()?;
    nearest.retain(|(d, _, _)| *d == least);
    let (_, alias, status) = nearest[0];
    Some(
        nearest
            .iter()
            .all(|(_, _, s)| *s == status)
            .then_some(alias),
    )
}

/// The words of an unknown status (its runs of letters and digits), or
/// `None` when it cannot be near a status word `longest` characters long
/// at most, whatever its words are: when one word is out of reach of every
/// status word (it stays as it is), or when there are so many that, joined
/// by hyphens, they are (n words are at least 2n - 1 characters). A value
/// megabytes long is read only as far as it takes to tell.
fn status_words(unknown: &str, longest: usize) -> Option<Vec<&str>> {
    let mut words = Vec::new();
    let mut word: Option<(usize, usize)> = None;
    for (at, c) in unknown.char_indices() {
        match (&mut word, c.is_alphanumeric()) {
            (Some((_, chars)), true) => {
                *chars += 1;
                if !within_reach(longest, *chars) {
                    return None;
                }
            }
            (None, true) => {
                word = Some((at, 1));
                if !within_reach(longest, 2 * words.len() + 1) {
                    return None;
                }
            }
            (Some((start, _)), false) => {
                words.push(&unknown[*start..at]);
                word = None;
            }
            (None, false) => {}
        }
    }
    if let Some((start, _)) = word {
        words.push(&unknown[start..]);
    }
    Some(words)
}

/// `invalid type: X, expected Y` → (X, Y).
fn type_error(msg: &str) -> Option<(&str, &str)> {
    msg.strip_prefix("invalid type: ")?
        .split_once(", expected ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_miss_of_a_status_is_the_word_meant() {
        let cases = [
            ("følger delvis", Some("følger-delvist")),
            ("Følger Delvis", Some("følger-delvist")),
            ("Opfyldt delvist", Some("delvist-opfyldt")),
            ("opfyldt delvis", Some("delvist-opfyldt")),
            ("ikke følger", Some("følger-ikke")),
            ("opfyldt ikke", Some("ikke-opfyldt")),
            ("relevant ikke", Some("ikke-relevant")),
            (" met ", Some("met")),
            ("følger  delvist", Some("følger-delvist")),
            ("følger_ikke", Some("følger-ikke")),
            ("følger\u{a0}delvist", Some("følger-delvist")),
            ("ikke–relevant", Some("ikke-relevant")),
            ("not applicable ", Some("not-applicable")),
            ("opfylt", Some("opfyldt")),
            ("partly", Some("partial")),
            // A hyphen left out keeps the word that turns the status round.
            ("følgerikke", Some("følger-ikke")),
            ("Følgerikke", Some("følger-ikke")),
            ("ikkeopfyldt", Some("ikke-opfyldt")),
            ("følgesikke", Some("følges-ikke")),
            ("følgerdelvist", Some("følger-delvist")),
            ("følgerdelvis", Some("følger-delvist")),
            ("ikkerelevant", Some("ikke-relevant")),
            ("notapplicable", Some("not-applicable")),
            ("delvistopfyldt", Some("delvist-opfyldt")),
            ("done", None),
            ("", None),
        ];
        for (written, meant) in cases {
            assert_eq!(meant_status(written), meant, "{written:?}");
        }
    }

    /// A status megabytes long is read only as far as it takes to tell it
    /// is near no status word: looking for the nearest word to each of its
    /// words, or to all of it, took seconds.
    #[test]
    fn a_status_megabytes_long_is_near_none() {
        let cases = [
            ("ø".repeat(5_000_000), None),
            ("a ".repeat(2_000_000), None),
            (
                format!("følger delvis{}", " ".repeat(2_000_000)),
                Some("følger-delvist"),
            ),
            (format!("{}følger", "-".repeat(2_000_000)), Some("følger")),
        ];
        for (written, meant) in cases {
            assert_eq!(
                meant_status(&written),
                meant,
                "{}",
                crate::diag::excerpt(&written)
            );
        }
    }
}
