//! Diagnostics: a user's mistake as data (stable code, file, span, message,
//! hint), and the source texts they point into.
//!
//! Data only: loading collects every diagnostic before failing, so a user
//! gets the whole list to fix at once; `render::diagnostics` shows them.

use std::ops::Range;

use codespan_reporting::files::SimpleFiles;
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
    E021 => "en tjekliste, som en selvevaluering nævner, men som ligger uden for dens mappe, ikke er en almindelig fil eller er over 1 MiB", "a checklist an assessment names that lies outside its folder, is not a regular file or is over 1 MiB";
    E022 => "en tjekliste-fil, der bruger en indbygget tjeklistes id", "a checklist file that claims a built-in checklist's id";
    E023 => "en pladsholder fra `almen init`, der ikke er udfyldt: organisationens navn, en dato eller en dokumentationssti", "a placeholder from `almen init` left unedited: the organisation's name, a date or an evidence path";
    E024 => "en rapport eller en kalender til terminalen: den skal skrives til en fil med -o", "a report or a calendar to the terminal: it must be written to a file with -o";
    E025 => "redegørelsen for flere selvevalueringer på én gang: den er én organisations", "the statement of several assessments at once: it is one organisation's";
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
}

impl Code {
    pub fn level(self) -> Level {
        if self.as_str().starts_with('W') {
            Level::Warning
        } else {
            Level::Error
        }
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

impl Diag {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diag {
            code,
            message: message.into(),
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
        self.label = label.into();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn related(mut self, file: FileId, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related.push((Place { file, span }, label.into()));
        self
    }
}

/// The texts diagnostics point into, by [`FileId`].
#[derive(Default)]
pub struct Sources {
    files: SimpleFiles<String, String>,
    names: Vec<String>,
}

impl Sources {
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let name = name.into();
        self.names.push(name.clone());
        self.files.add(name, text.into())
    }

    pub fn name(&self, file: FileId) -> &str {
        &self.names[file]
    }

    pub fn text(&self, file: FileId) -> &str {
        self.files.get(file).map_or("", |f| f.source().as_str())
    }

    /// One-based line and column of a byte offset.
    pub fn line_col(&self, place: &Place) -> (usize, usize) {
        let text = self.text(place.file);
        let start = place.span.start.min(text.len());
        let before = &text[..floor_char_boundary(text, start)];
        let line = before.matches('\n').count() + 1;
        // A byte-order mark opens the file but is no column of it.
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

    /// How many files there are; their ids are `0..len()`.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
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
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The hint for a near miss: "mente du `X`?" / "did you mean `X`?".
pub fn did_you_mean_hint(lang: Lang, meant: &str) -> String {
    format!("{} `{meant}`?", lang.pick("mente du", "did you mean"))
}
