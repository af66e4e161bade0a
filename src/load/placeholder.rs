//! The placeholders `almen init` writes, and finding them in an
//! assessment (E023).
//!
//! The template's organisation name, dates and evidence path stand in for
//! what only the organisation can write. Uncommented but unedited, they
//! would read as an answer (a policy adopted today, with a document), so
//! each one is an error wherever it is found, in either language's
//! spelling whatever `--lang` is. The template writes the same constants,
//! so the two cannot drift apart.
//!
//! A date placeholder is written unquoted (`date = ÅÅÅÅ-MM-DD`): the user
//! replaces it with a date and has a TOML date, no quotes to remove. It is
//! not valid TOML; the parser reads it as text and goes on, so every other
//! problem in the file is still found, and this module says what the
//! syntax error means.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::diags::{self, DateOf};
use super::normalize;
use crate::diag::{Diag, FileId};
use crate::lang::Lang;

/// The organisation's name in the template, Danish and English.
pub const NAME: [&str; 2] = ["Boligorganisationens navn", "The organisation's name"];
/// A date in the template, Danish and English.
pub const DATE: [&str; 2] = ["ÅÅÅÅ-MM-DD", "YYYY-MM-DD"];
/// An evidence path in the template, Danish and English.
pub const EVIDENCE: [&str; 2] = ["sti/til/dokument.pdf", "path/to/document.pdf"];

/// Whether a value is the template's organisation name.
pub fn is_name(value: &str) -> bool {
    let value = trimmed(value);
    NAME.iter().any(|n| n.eq_ignore_ascii_case(value))
}

/// Whether a value is the template's date.
pub fn is_date(value: &str) -> bool {
    // Upper case has no fewer characters: anything longer than ten is no
    // placeholder, and needs no upper-case copy to say so.
    let value = trimmed(value);
    // Ten characters, of which at most four are two bytes long (`å`): a
    // test of the length rules out nearly every value without a copy.
    (10..=14).contains(&value.len())
        && value.chars().nth(10).is_none()
        && DATE.contains(&value.to_uppercase().as_str())
}

/// `value.trim()`, told at a glance for a value that begins and ends with
/// a visible ASCII character, as nearly every one does: every string of
/// an assessment is asked whether it is a placeholder.
fn trimmed(value: &str) -> &str {
    let visible = |b: &u8| b.is_ascii_graphic();
    let bytes = value.as_bytes();
    if bytes.first().is_some_and(visible) && bytes.last().is_some_and(visible) {
        value
    } else {
        value.trim()
    }
}

/// Whether an evidence entry is the template's path, however it is spelt
/// (`./sti/til/dokument.pdf` is the same path).
pub fn is_evidence(entry: &str) -> bool {
    // Both names end in `ument.pdf`: an entry without it, in any case, is
    // ruled out by looking at its dots, with nothing copied.
    let bytes = entry.as_bytes();
    let named_here = |dot: usize| {
        dot >= 5
            && bytes[dot - 5..dot].eq_ignore_ascii_case(b"ument")
            && bytes
                .get(dot + 1..dot + 4)
                .is_some_and(|ext| ext.eq_ignore_ascii_case(b"pdf"))
    };
    if !memchr::memchr_iter(b'.', bytes).any(named_here) {
        return false;
    }
    // However it is spelt, the path ends in the template's file name: a
    // test that needs no path of its own rules out nearly every entry. The
    // names are ASCII: in lowercase, a substring search finds them in one
    // pass, where comparing at each place read an entry of 10 MB for a
    // twentieth of a second.
    let lowercase = entry.to_ascii_lowercase();
    let named = EVIDENCE.iter().any(|e| {
        let file = e.rsplit('/').next().unwrap_or(e);
        lowercase.contains(&file.to_ascii_lowercase())
    });
    if !named {
        return false;
    }
    let written = normalize(Path::new(entry.trim()));
    EVIDENCE.iter().any(|e| {
        written
            .to_string_lossy()
            .eq_ignore_ascii_case(&normalize(Path::new(e)).to_string_lossy())
    })
}

/// Every placeholder in a parsed assessment, as diagnostics, and the spans
/// of their values: what the parser and serde say about those values
/// (text where a date belongs) is this module's to say.
pub(super) fn find(lang: Lang, file: FileId, root: &DeTable<'_>) -> (Vec<Diag>, Vec<Range<usize>>) {
    let mut found = Found {
        lang,
        file,
        diags: Vec::new(),
        spans: Vec::new(),
    };
    found.table(root, &mut Vec::new());
    (found.diags, found.spans)
}

struct Found {
    lang: Lang,
    file: FileId,
    diags: Vec<Diag>,
    spans: Vec<Range<usize>>,
}

impl Found {
    // The path to a value is its keys; array indices say nothing here.
    fn table<'t>(&mut self, table: &'t DeTable<'_>, keys: &mut Vec<&'t str>) {
        for (key, value) in table.iter() {
            keys.push(key.get_ref().as_ref());
            self.value(value.get_ref(), value.span(), keys);
            keys.pop();
        }
    }

    fn value<'t>(&mut self, value: &'t DeValue<'_>, span: Range<usize>, keys: &mut Vec<&'t str>) {
        match value {
            DeValue::Table(t) => self.table(t, keys),
            DeValue::Array(a) => {
                for element in a.iter() {
                    self.value(element.get_ref(), element.span(), keys);
                }
            }
            DeValue::String(s) => self.string(s, span, keys),
            _ => {}
        }
    }

    fn string(&mut self, value: &str, span: Range<usize>, keys: &[&str]) {
        // Almost no string is a placeholder: look at the value before
        // working out where it stands.
        let evidence = || keys.last() == Some(&"evidence") && is_evidence(value);
        if !(is_name(value) || is_date(value) || evidence()) {
            return;
        }
        // The item an answer is for: `answers.ID.…`.
        let answer = match keys {
            ["answers", id, _, ..] => Some(*id),
            _ => None,
        };
        let (lang, file) = (self.lang, self.file);
        let diag = if keys == ["organisation", "name"] && is_name(value) {
            diags::placeholder_name(lang, file, span.clone())
        } else if is_date(value) {
            let of = match (keys, answer) {
                (["assessment", "date"], _) => DateOf::Assessment,
                (["assessment", "approved"], _) => DateOf::Approval,
                (_, Some(id)) if keys.last() == Some(&"date") => DateOf::Answer(id),
                _ => DateOf::Other {
                    key: keys.last().copied().unwrap_or(""),
                    answer,
                },
            };
            diags::placeholder_date(lang, file, span.clone(), of)
        } else if evidence() {
            diags::placeholder_evidence(lang, file, span.clone(), value, answer)
        } else {
            return;
        };
        self.diags.push(diag);
        self.spans.push(span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_value_told_at_a_glance_is_trimmed_as_trim_trims_it(
            value in "[ a-zA-Z.\t\n\r\u{b}\u{c}\u{1c}\u{85}\u{a0}\u{2003}\u{3000}\u{200b}\u{feff}æ]{0,12}",
        ) {
            prop_assert_eq!(trimmed(&value), value.trim());
        }
    }

    #[test]
    fn placeholders_are_known_in_both_languages_and_spellings() {
        assert!(is_name("Boligorganisationens navn"));
        assert!(is_name(" the organisation's name "));
        assert!(!is_name("Boligforeningen Eksempel"));
        assert!(is_date("ÅÅÅÅ-MM-DD"));
        assert!(is_date("åååå-mm-dd"));
        assert!(is_date("YYYY-MM-DD"));
        assert!(!is_date("2026-05-20"));
        assert!(is_evidence("sti/til/dokument.pdf"));
        assert!(is_evidence("./path/to/document.pdf"));
        assert!(is_evidence("sti/./til/dokument.pdf"));
        assert!(!is_evidence("politikker/kommunikationspolitik.pdf"));
        assert!(is_evidence("STI/TIL/DOKUMENT.PDF"));
        assert!(!is_evidence("sti/til/dokument.pd"));
        // `is_evidence` rules out an entry without this ending first.
        assert!(
            EVIDENCE
                .iter()
                .all(|e| e.to_ascii_lowercase().ends_with("ument.pdf"))
        );
    }

    #[test]
    fn every_placeholder_is_found_where_it_is() {
        let text = "format = 1\n\
            [organisation]\nname = \"The organisation's name\"\n\
            [assessment]\nchecklists = [\"x\"]\ndate = ÅÅÅÅ-MM-DD\napproved = \"YYYY-MM-DD\"\n\
            [answers.A]\nstatus = \"met\"\ndate = ÅÅÅÅ-MM-DD # a comment\n\
            evidence = [\"real.pdf\", \"sti/til/dokument.pdf\"]\n\
            note = \"sti/til/dokument.pdf\"\n\
            plan = { action = \"x\", due = YYYY-MM-DD }\n";
        let (root, _) = DeTable::parse_recoverable(text);
        let (diags, spans) = find(Lang::En, 0, root.get_ref());
        let mut found: Vec<(usize, &str, &str)> = diags
            .iter()
            .zip(&spans)
            .map(|(d, s)| (s.start, d.message.as_str(), &text[s.clone()]))
            .collect();
        found.sort();
        let found: Vec<(&str, &str)> = found.into_iter().map(|(_, m, t)| (m, t)).collect();
        assert!(diags.iter().all(|d| d.code == Code::E023), "{diags:?}");
        assert_eq!(
            found,
            [
                (
                    "the organisation's name is the template's placeholder",
                    "\"The organisation's name\""
                ),
                (
                    "the assessment has the template's date, not the date it was made",
                    "ÅÅÅÅ-MM-DD"
                ),
                (
                    "the assessment has the template's date, not the date the board approved it",
                    "\"YYYY-MM-DD\""
                ),
                (
                    "the answer for `A` has the template's date, not the date it was last done",
                    "ÅÅÅÅ-MM-DD"
                ),
                (
                    "the answer for `A` has the template's evidence path `sti/til/dokument.pdf`",
                    "\"sti/til/dokument.pdf\""
                ),
                (
                    "the answer for `A` has the template's date in `due`",
                    "YYYY-MM-DD"
                ),
            ]
        );
    }
}
