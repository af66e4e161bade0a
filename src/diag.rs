//! Diagnostics: a user's mistake as data (stable code, file, span, message,
//! hint), and the source texts they point into.
//!
//! Data only: loading collects every diagnostic before failing, so a user
//! gets the whole list to fix at once; `render::diagnostics` shows them.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::lang::Lang;

/// Declares the codes once: the enum, the list, the names and the one-line
/// descriptions `validate --explain` prints.
macro_rules! codes {
    ($($code:ident => $da:literal, $en:literal;)*) => {
        /// A stable diagnostic code. The numbers never change meaning: E are
        /// errors (the file cannot be checked), W are warnings (lint).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Code {
            $($code,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$code,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }

            /// One line saying what the code means.
            pub fn describe(self, lang: Lang) -> &'static str {
                match self {
                    $(Code::$code => lang.pick($da, $en),)*
                }
            }
        }
    };
}

codes! {
    E001 => "filen kan ikke læses", "the file cannot be read";
    E002 => "filen er ikke UTF-8", "the file is not UTF-8";
    E003 => "filen er tom", "the file is empty";
    E004 => "ugyldig TOML", "invalid TOML";
    E005 => "ukendt nøgle", "unknown key";
    E006 => "forkert type", "wrong type";
    E007 => "påkrævet nøgle mangler", "required key missing";
    E008 => "ugyldig dato (datoer skrives som TOML-datoer uden anførselstegn)", "invalid date (dates are TOML dates, unquoted)";
    E009 => "ukendt værdi (en status eller type)", "unknown value (a status or kind)";
    E010 => "svar på et punkt, som ingen indlæst tjekliste har", "answer for an item no loaded checklist has";
    E011 => "samme punkt-id i to tjeklister", "the same item id in two checklists";
    E012 => "tjeklisten findes ikke", "checklist not found";
    E013 => "ukendt formatversion", "unsupported format version";
    E014 => "ugyldig værdi (en vægt på 0, et tomt id …)", "invalid value (a weight of 0, an empty id, …)";
    E015 => "to forskellige tjeklister med samme id", "two different checklists with the same id";
    E016 => "ingen selvevalueringer fundet", "no assessments found";
    E017 => "en tjekliste, hvor der skulle være en selvevaluering, eller omvendt", "a checklist where an assessment was expected, or the other way round";
    E018 => "en fil, der ikke må erstattes: den findes, den er en af inddataene, den er ikke en almindelig fil, eller den er angivet som to uddata", "a file that must not be replaced: it exists, it is one of the inputs, it is not a regular file, or it is named as two outputs";
    E019 => "uddata kan ikke skrives", "the output cannot be written";
    E020 => "ukendt punkt eller kode på kommandolinjen", "an unknown item or code on the command line";
    E021 => "en tjekliste, som en selvevaluering nævner, men som ikke er en .toml-fil, ligger uden for dens mappe, ikke er en almindelig fil eller er over 1 MiB", "a checklist an assessment names that is not a .toml file, lies outside its folder, is not a regular file or is over 1 MiB";
    E022 => "en tjekliste-fil, der bruger en indbygget tjeklistes id", "a checklist file that claims a built-in checklist's id";
    E023 => "en pladsholder fra `almen init`, der ikke er udfyldt: organisationens navn, en dato eller en dokumentationssti", "a placeholder from `almen init` left unedited: the organisation's name, a date or an evidence path";
    E024 => "en rapport eller en kalender til terminalen: den skal skrives til en fil med -o", "a report or a calendar to the terminal: it must be written to a file with -o";
    E025 => "redegørelsen for flere selvevalueringer på én gang: den er én organisations", "the statement of several assessments at once: it is one organisation's";
    E026 => "`almen serve` kan ikke lytte på porten", "`almen serve` cannot listen on the port";
    W001 => "en forklaring, der ikke tæller: tom, en pladsholder eller under 20 tegn", "an explanation that does not count: empty, a placeholder or under 20 characters";
    W002 => "en forklaring på et punkt, der følges", "an explanation on an item that is met";
    W003 => "en handlingsplan på et punkt, der følges", "a plan on an item that is met";
    W004 => "en handlingsplan uden ansvarlig eller frist", "a plan without an owner or a due date";
    W005 => "en dato efter opgørelsesdatoen", "a date after the as-of date";
    W006 => "selvevalueringens dato er ældre end det nyeste svar", "the assessment date is older than the newest answer";
    W007 => "bestyrelsens godkendelse ligger før selvevalueringens dato", "the board approval is before the assessment date";
    W008 => "dokumentation, der ikke findes", "an evidence path that does not exist";
    W009 => "dokumentation uden for selvevalueringens mappe", "an evidence path that leaves the assessment's folder";
    W010 => "et punkt uden vejledning", "a checklist item with no guidance";
    W011 => "et punkt uden engelsk tekst", "a checklist item with no English text";
    W012 => "en .toml-fil i en mappe, der ikke blev læst: et link eller ikke en almindelig fil", "a .toml file in a folder that was not read: a link, or not a regular file";
    W013 => "samme dokumentation for tre eller flere punkter i én tjekliste", "the same evidence for three or more items of one checklist";
    W014 => "opsummeringen til GitHub Actions (GITHUB_STEP_SUMMARY) kunne ikke skrives; tjekket er ikke berørt", "the GitHub Actions step summary (GITHUB_STEP_SUMMARY) could not be written; the check is not affected";
    W015 => "`almen diff` sammenligner selvevalueringer fra to forskellige organisationer (andet CVR-nummer eller navn)", "`almen diff` compares assessments of two different organisations (another CVR number or name)";
    W016 => "`municipalities` nævner kun én kommune", "`municipalities` lists only one municipality";
    W017 => "et krav over for kommunen er besvaret én gang for flere kommuner", "an item owed to the municipality is answered once for several municipalities";
}

impl Code {
    pub fn level(self) -> Level {
        if self.as_str().starts_with('W') {
            Level::Warning
        } else {
            Level::Error
        }
    }

    /// Whether a problem of this code lies in the files read, rather than
    /// in what the command was asked to do: an output that may not be
    /// written or is not a file (E018, E019), an item no checklist has
    /// (E020), a document asked for on the terminal (E024), a statement of
    /// several (E025), a port that cannot be used (E026).
    pub fn in_the_input(self) -> bool {
        !matches!(
            self,
            Code::E018 | Code::E019 | Code::E020 | Code::E024 | Code::E025 | Code::E026
        )
    }

    pub fn parse(code: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(code.trim()))
    }
}

/// Whether a diagnostic stops `check` (an error) or is lint (a warning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Error,
    Warning,
}

/// Index of a file in [`Sources`].
pub type FileId = usize;

/// A place in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: FileId,
    pub span: Range<usize>,
}

/// One problem with the user's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub code: Code,
    /// What is wrong, in the user's language.
    pub message: String,
    /// Where; `None` for a file that could not be read at all.
    pub place: Option<Place>,
    /// A short text under the caret.
    pub label: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Other places that explain this one (the first of two duplicates).
    pub related: Vec<(Place, String)>,
    /// The file a diagnostic without a place is about (one that could not
    /// be read).
    pub subject: Option<String>,
}

/// The most characters of one of the user's values (a key, an id, a
/// status, a path) a diagnostic's words quote: a value can be a whole
/// file long, and a diagnostic is no way to print a file.
pub const VALUE_LIMIT: usize = 60;

/// The most characters of a longer text of the user's a diagnostic
/// quotes: a path, or a message from the TOML parser or serde (which
/// quote the value they refused).
pub const LONG_LIMIT: usize = 160;

/// The most characters of any one text of a diagnostic (its message, a
/// label, its hint): the bound for a value no wording cut.
pub const TEXT_LIMIT: usize = 400;

/// One of the user's values as a diagnostic quotes it: the value, or its
/// first [`VALUE_LIMIT`] characters and "…".
pub fn excerpt(value: &str) -> Cow<'_, str> {
    cut(value, VALUE_LIMIT)
}

/// A path, or a parser's message, as a diagnostic quotes it: the text, or
/// its first [`LONG_LIMIT`] characters and "…".
pub fn long_excerpt(text: &str) -> Cow<'_, str> {
    cut(text, LONG_LIMIT)
}

/// `text`, or its first `limit` characters and "…".
pub fn cut(text: &str, limit: usize) -> Cow<'_, str> {
    match text.char_indices().nth(limit) {
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
        None => Cow::Borrowed(text),
    }
}

/// A text of a diagnostic, cut at [`TEXT_LIMIT`].
fn bounded(text: String) -> String {
    match cut(&text, TEXT_LIMIT) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cut) => cut,
    }
}

impl Diag {
    /// The message, label, hint and related labels are each cut at
    /// [`TEXT_LIMIT`] characters, whatever they quote.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diag {
            code,
            message: bounded(message.into()),
            place: None,
            label: String::new(),
            hint: None,
            related: Vec::new(),
            subject: None,
        }
    }

    pub fn about(mut self, file: impl Into<String>) -> Self {
        self.subject = Some(file.into());
        self
    }

    pub fn at(mut self, file: FileId, span: Range<usize>, label: impl Into<String>) -> Self {
        self.place = Some(Place { file, span });
        self.label = bounded(label.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(bounded(hint.into()));
        self
    }

    pub fn related(mut self, file: FileId, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related
            .push((Place { file, span }, bounded(label.into())));
        self
    }
}

/// The texts diagnostics point into, by [`FileId`].
#[derive(Default)]
pub struct Sources {
    files: Vec<Source>,
}

/// One text, with what finding a line and a column in it takes counted
/// once, the first time a diagnostic asks: a file with many diagnostics is
/// not read from its start again for each of them, and a file with none
/// is never indexed at all.
struct Source {
    name: String,
    text: Held,
    index: OnceLock<Index>,
}

/// A file's text: a built-in checklist's is the program's own and is
/// never copied; a file read is shared, so it can be parsed while the
/// loader adds others.
pub enum Held {
    Static(&'static str),
    Shared(Arc<str>),
}

impl std::ops::Deref for Held {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Held::Static(text) => text,
            Held::Shared(text) => text,
        }
    }
}

/// Where lines and characters start in a text.
struct Index {
    /// Where each line starts; the first at 0.
    line_starts: Vec<usize>,
    /// How many characters start before each multiple of [`BLOCK`] bytes.
    chars_before_block: Vec<usize>,
    /// How many byte-order marks open the text (they are no column).
    boms: usize,
}

/// The stride of [`Index::chars_before_block`]: counting the characters
/// before an offset reads at most this many bytes.
const BLOCK: usize = 256;

impl Index {
    fn of(text: &str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut count = 0;
        chars_before_block.push(0);
        for block in text.as_bytes().chunks(BLOCK) {
            count += starts_of_chars(block);
            chars_before_block.push(count);
        }
        let boms = text.chars().take_while(|&c| c == '\u{feff}').count();
        Index {
            line_starts,
            chars_before_block,
            boms,
        }
    }
}

impl Source {
    fn new(name: String, text: Held) -> Self {
        Source {
            name,
            text,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::of(&self.text))
    }

    /// How many characters start before `offset` (a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        self.index().chars_before_block[block]
            + starts_of_chars(&self.text.as_bytes()[block * BLOCK..offset])
    }

    /// One-based line and column of a byte offset.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.index().line_starts.partition_point(|&s| s <= offset);
        (line, self.column(line - 1, offset))
    }

    /// One-based column of `offset` on the line `line` (zero-based) that
    /// holds it.
    fn column(&self, line: usize, offset: usize) -> usize {
        let index = self.index();
        let start = index.line_starts.get(line).copied().unwrap_or(0);
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len())).max(start);
        let chars = self.chars_before(offset) - self.chars_before(start);
        // A byte-order mark opens the file but is no column of it.
        let boms = if line == 0 { index.boms.min(chars) } else { 0 };
        chars - boms + 1
    }
}

/// How many characters start in `bytes`: every byte that does not go on
/// a character begun before it.
fn starts_of_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count()
}

impl Sources {
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>) -> FileId {
        self.push(name.into(), Held::Shared(text.into()))
    }

    /// Adds a text the program holds itself (a built-in checklist's),
    /// without copying it.
    pub fn add_static(&mut self, name: impl Into<String>, text: &'static str) -> FileId {
        self.push(name.into(), Held::Static(text))
    }

    fn push(&mut self, name: String, text: Held) -> FileId {
        self.files.push(Source::new(name, text));
        self.files.len() - 1
    }

    /// The text of a file, to parse while others are added. A built-in
    /// checklist's is copied here, the one time it is parsed: when its
    /// text changed since `load/builtin.rs` was written from it.
    pub fn shared(&self, file: FileId) -> Arc<str> {
        match self.files.get(file).map(|f| &f.text) {
            Some(Held::Shared(text)) => Arc::clone(text),
            Some(Held::Static(text)) => Arc::from(*text),
            None => Arc::from(""),
        }
    }

    /// Lets the text of a file go once nothing will point into it again
    /// (an assessment checked and written out): a folder of thousands
    /// is not held in memory. Its name stays; its text is then empty.
    pub fn release(&mut self, file: FileId) {
        if let Some(f) = self.files.get_mut(file) {
            *f = Source::new(std::mem::take(&mut f.name), Held::Static(""));
        }
    }

    /// Forgets the files from `from` on, ids and all: for files nothing
    /// will point into again, their ids to be given to others.
    pub fn truncate(&mut self, from: FileId) {
        self.files.truncate(from);
    }

    pub fn name(&self, file: FileId) -> &str {
        &self.files[file].name
    }

    pub fn text(&self, file: FileId) -> &str {
        self.files.get(file).map_or("", |f| &f.text)
    }

    /// One-based line and column of a byte offset; the time it takes does
    /// not grow with the file.
    pub fn line_col(&self, place: &Place) -> (usize, usize) {
        self.files
            .get(place.file)
            .map_or((1, 1), |f| f.line_col(place.span.start))
    }

    /// One-based column of a byte offset on the line `line` (zero-based)
    /// of a file, counted in the file as it is.
    pub fn column(&self, file: FileId, line: usize, offset: usize) -> usize {
        self.files.get(file).map_or(1, |f| f.column(line, offset))
    }

    /// How many files there are; their ids are `0..len()`.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The closest of `candidates` to `word`, if it is close enough to be what
/// the user meant.
///
/// Comparing two texts takes time in proportion to the product of their
/// lengths, so a word megabytes long is not compared with what it cannot
/// be close to: see [`within_reach`].
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<(String, usize, &'a str)> = candidates
        .into_iter()
        .map(|c| {
            let lower = c.to_lowercase();
            let chars = lower.chars().count();
            (lower, chars, c)
        })
        .collect();
    // Lowercase has at least as many characters as the word: a word out
    // of reach of the longest candidate is out of reach of every one.
    let longest = candidates.iter().map(|(_, n, _)| *n).max()?;
    let written = word.chars().count();
    if written > longest && !within_reach(longest, written) {
        return None;
    }
    let lower = word.to_lowercase();
    let chars = lower.chars().count();
    candidates
        .into_iter()
        .filter(|(_, n, _)| within_reach(chars.min(*n), chars.max(*n)))
        .map(|(c_lower, _, c)| (strsim::jaro_winkler(&lower, &c_lower), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Whether texts of `shorter` and `longer` characters can be close enough
/// for [`did_you_mean`]. Their Jaro similarity is at most
/// (2 + shorter / longer) / 3, and their Jaro-Winkler score passes 0.8
/// only where that passes 0.7 (below it, strsim adds nothing for a common
/// prefix): never when the longer is over ten times the shorter.
pub fn within_reach(shorter: usize, longer: usize) -> bool {
    longer <= shorter.saturating_mul(10)
}

/// The hint for a near miss: "mente du `X`?" / "did you mean `X`?".
pub fn did_you_mean_hint(lang: Lang, meant: &str) -> String {
    format!("{} `{meant}`?", lang.pick("mente du", "did you mean"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line and column as a reader counts them, from the start of the text.
    fn counted(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..floor_char_boundary(text, offset.min(text.len()))];
        let line = before.matches('\n').count() + 1;
        let col = before
            .rfind('\n')
            .map_or(before.trim_start_matches('\u{feff}'), |nl| {
                &before[nl + 1..]
            })
            .chars()
            .count()
            + 1;
        (line, col)
    }

    #[test]
    fn a_value_is_quoted_in_short_on_a_character_boundary() {
        assert_eq!(excerpt("OMV-1"), "OMV-1");
        let exact = "æ".repeat(VALUE_LIMIT);
        assert_eq!(excerpt(&exact), exact);
        let long = "æ".repeat(200_000);
        assert_eq!(excerpt(&long), format!("{}…", "æ".repeat(VALUE_LIMIT)));
        assert_eq!(long_excerpt(&long).chars().count(), LONG_LIMIT + 1);
    }

    #[test]
    fn no_text_of_a_diagnostic_is_longer_than_the_limit() {
        let long = "x".repeat(200_000);
        let diag = Diag::new(Code::E009, long.as_str())
            .at(0, 0..1, long.as_str())
            .hint(long.as_str())
            .related(0, 1..2, long.as_str());
        for text in [
            &diag.message,
            &diag.label,
            diag.hint.as_ref().unwrap(),
            &diag.related[0].1,
        ] {
            assert_eq!(text.chars().count(), TEXT_LIMIT + 1);
            assert!(text.ends_with('…'));
        }
    }

    #[test]
    fn lines_and_columns_are_counted_in_characters() {
        let long = format!("x = \"{}\" y = 1\n", "æ€𝄞".repeat(400));
        let texts = [
            "",
            "a",
            "\n\n",
            "\u{feff}\u{feff}a = 1\nb = 2",
            "a = \"æøå\"\r\nb = \"𝄞\"\n",
            long.as_str(),
        ];
        for text in texts {
            let mut sources = Sources::default();
            let file = sources.add("f.toml", text);
            for offset in 0..=text.len() + 2 {
                let place = Place {
                    file,
                    span: offset..offset,
                };
                assert_eq!(
                    sources.line_col(&place),
                    counted(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn a_column_on_a_given_line_is_counted_from_its_start() {
        let mut sources = Sources::default();
        let file = sources.add("f.toml", "\u{feff}a = 1\nø = 2\n");
        assert_eq!(sources.column(file, 0, 3), 1);
        assert_eq!(sources.column(file, 0, 5), 3);
        assert_eq!(sources.column(file, 1, 10), 1);
        assert_eq!(sources.column(file, 1, 11), 2);
        assert_eq!(sources.column(file, 1, 12), 3);
        // Before its line's start is its first column.
        assert_eq!(sources.column(file, 1, 0), 1);
        assert_eq!(sources.column(7, 0, 3), 1);
    }

    /// Every diagnostic of a file asks where it is: with one per entry of
    /// a long list, counting from the start of the file each time takes
    /// hours (here, 100,000 places in 2 MB: 10^11 bytes read); it must
    /// take as long as reading the file once.
    #[test]
    fn many_places_in_a_large_file_do_not_each_read_the_file() {
        let line = format!("evidence = [{}]\n", "\"æ.pdf\", ".repeat(100_000));
        let text = format!("{}{line}", "# x\n".repeat(100_000));
        let mut sources = Sources::default();
        let file = sources.add("f.toml", text.as_str());
        let start = text.len() - line.len();
        let mut last = (0, 0);
        for i in 0..100_000 {
            let offset = start + 12 + i * 10;
            let place = Place {
                file,
                span: offset..offset,
            };
            let (l, c) = sources.line_col(&place);
            assert_eq!(l, 100_001);
            assert!(c > last.1, "{c} after {last:?}");
            last = (l, c);
        }
        assert_eq!(last, (100_001, 13 + 99_999 * 9));
    }

    /// A word megabytes long is compared with no candidate: comparing it
    /// with each took seconds.
    #[test]
    fn a_word_far_longer_than_every_candidate_is_near_none() {
        let candidates = ["STY-1", "OMV-1", "samarbejde-med-omverdenen"];
        for long in [
            "ø".repeat(5_000_000),
            format!("STY-1{}", "1".repeat(5_000_000)),
        ] {
            assert_eq!(did_you_mean(&long, candidates), None);
        }
        assert_eq!(did_you_mean("sty-11", candidates), Some("STY-1"));
        assert_eq!(did_you_mean("", candidates), None);
        assert_eq!(did_you_mean("STY-1", []), None);
    }

    /// Out of reach is no guess: a text and a longer one of the same
    /// letter have the highest score two texts of their lengths can have,
    /// and it is 0.8 or less once the longer is over ten times the shorter.
    #[test]
    fn texts_out_of_reach_of_each_other_are_never_near() {
        for shorter in 1..=40 {
            let a = "a".repeat(shorter);
            for longer in shorter * 10 + 1..=shorter * 10 + 60 {
                assert!(!within_reach(shorter, longer));
                let score = strsim::jaro_winkler(&a, &"a".repeat(longer));
                assert!(score <= 0.8, "{shorter} and {longer}: {score}");
            }
            assert!(within_reach(shorter, shorter * 10));
        }
    }
}
