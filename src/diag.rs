//! Diagnostics: a user's mistake as data (stable code, file, span, message,
//! hint), and the source texts they point into.
//!
//! Loading collects every diagnostic before failing, so a user gets the whole
//! list to fix at once; rendering is the caller's business (see
//! [`Sources::render`]).

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label, LabelStyle};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, termcolor};
use serde::Serialize;

use crate::i18n::Lang;

/// A stable diagnostic code. The numbers never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Code {
    E001,
    E002,
    E003,
    E004,
    E005,
    E006,
    E007,
    E008,
    E009,
    E010,
    E011,
    E012,
    E013,
    E014,
    E015,
    E016,
    E017,
}

impl Code {
    pub const ALL: [Code; 17] = [
        Code::E001,
        Code::E002,
        Code::E003,
        Code::E004,
        Code::E005,
        Code::E006,
        Code::E007,
        Code::E008,
        Code::E009,
        Code::E010,
        Code::E011,
        Code::E012,
        Code::E013,
        Code::E014,
        Code::E015,
        Code::E016,
        Code::E017,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::E001 => "E001",
            Code::E002 => "E002",
            Code::E003 => "E003",
            Code::E004 => "E004",
            Code::E005 => "E005",
            Code::E006 => "E006",
            Code::E007 => "E007",
            Code::E008 => "E008",
            Code::E009 => "E009",
            Code::E010 => "E010",
            Code::E011 => "E011",
            Code::E012 => "E012",
            Code::E013 => "E013",
            Code::E014 => "E014",
            Code::E015 => "E015",
            Code::E016 => "E016",
            Code::E017 => "E017",
        }
    }

    /// One line saying what the code means.
    pub fn describe(self, lang: Lang) -> &'static str {
        let (da, en) = match self {
            Code::E001 => ("filen kan ikke læses", "the file cannot be read"),
            Code::E002 => ("filen er ikke UTF-8", "the file is not UTF-8"),
            Code::E003 => ("filen er tom", "the file is empty"),
            Code::E004 => ("ugyldig TOML", "invalid TOML"),
            Code::E005 => ("ukendt nøgle", "unknown key"),
            Code::E006 => ("forkert type", "wrong type"),
            Code::E007 => ("påkrævet nøgle mangler", "required key missing"),
            Code::E008 => ("ugyldig dato", "invalid date"),
            Code::E009 => ("ukendt værdi", "unknown value"),
            Code::E010 => (
                "svar på et punkt, som ingen indlæst tjekliste har",
                "answer for an item no loaded checklist has",
            ),
            Code::E011 => (
                "samme punkt-id i to tjeklister",
                "the same item id in two checklists",
            ),
            Code::E012 => ("tjeklisten findes ikke", "checklist not found"),
            Code::E013 => ("ukendt formatversion", "unsupported format version"),
            Code::E014 => ("ugyldig værdi", "invalid value"),
            Code::E015 => (
                "to forskellige tjeklister med samme id",
                "two different checklists with the same id",
            ),
            Code::E016 => ("ingen selvevalueringer fundet", "no assessments found"),
            Code::E017 => (
                "en tjekliste, hvor der skulle være en selvevaluering, eller omvendt",
                "a checklist where an assessment was expected, or the other way round",
            ),
        };
        lang.pick(da, en)
    }
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
        }
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

    pub fn hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
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
        let col = before
            .rfind('\n')
            .map_or(before, |nl| &before[nl + 1..])
            .chars()
            .count()
            + 1;
        (line, col)
    }

    /// Writes diagnostics as the terminal shows them: code, message,
    /// `file:line:column`, the snippet with a caret, and the hint.
    pub fn render(&self, diags: &[Diag], out: &mut dyn Write, color: bool) -> io::Result<()> {
        let config = Config::default();
        for diag in diags {
            let mut d = Diagnostic::error()
                .with_code(diag.code.as_str())
                .with_message(&diag.message);
            if let Some(place) = &diag.place {
                let mut labels = vec![
                    Label::new(LabelStyle::Primary, place.file, place.span.clone())
                        .with_message(&diag.label),
                ];
                labels.extend(
                    diag.related
                        .iter()
                        .map(|(p, msg)| Label::secondary(p.file, p.span.clone()).with_message(msg)),
                );
                d = d.with_labels(labels);
            }
            if let Some(hint) = &diag.hint {
                d = d.with_notes(vec![hint.clone()]);
            }
            let result = if color {
                let mut ansi = termcolor::Ansi::new(&mut *out);
                term::emit_to_write_style(&mut ansi, &config, &self.files, &d)
            } else {
                term::emit_to_io_write(&mut *out, &config, &self.files, &d)
            };
            result.map_err(|e| match e {
                codespan_reporting::files::Error::Io(e) => e,
                other => io::Error::other(other.to_string()),
            })?;
        }
        Ok(())
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
